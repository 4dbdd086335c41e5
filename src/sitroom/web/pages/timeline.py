"""The timeline page: events and claim groups over time, zoomable by date range and
filtered by story, entity, side and event type."""

from __future__ import annotations

from datetime import date, timedelta

from sitroom.analysis.timeline import build_timeline
from sitroom.events.typing import top_type
from sitroom.web import params as P
from sitroom.web.charts import histogram
from sitroom.web.pages.common import TYPE_COLOURS, resolve_entity, story_doc_ids, type_label

MAX_ENTRIES = 400  # listed under the chart; narrow the range to see more


def store_timeline(views) -> dict:
    """The whole store's timeline (entries and key dates), cached."""
    return views.get(("timeline-raw",), lambda: build_timeline(views.store))


def _base(views) -> dict:
    """Every entry of the store's timeline with what the filters need: sides, actors,
    the entry's top type and colour."""
    store = views.store
    tl = store_timeline(views)
    sides = store.claim_sides_by_id()
    entries = []
    for e in tl["entries"]:
        e = dict(e)  # the cached raw timeline stays as it was
        if e["kind"] == "event":
            e["top_type"] = top_type(e["type"])
            e["type_label"] = type_label(e["type"])
        else:
            e["top_type"] = None
            e["type_label"] = f"{e['type']} claims"
        e["colour"] = TYPE_COLOURS.get(e["top_type"], TYPE_COLOURS[None])
        e["sides"] = sorted({sides[c] for c in e["claim_ids"] if c in sides})
        e.setdefault("actor_entity_ids", [])
        entries.append(e)
    return {"entries": entries, "key_dates": tl["key_dates"]}


def _zoom(first: str, last: str, factor: float) -> tuple[str, str]:
    a, b = date.fromisoformat(first), date.fromisoformat(last)
    mid = a + (b - a) / 2
    half = max(timedelta(days=1), (b - a) * factor / 2)
    return (mid - half).isoformat(), (mid + half).isoformat()


def timeline(views, params) -> dict:
    store = views.store
    date_from, date_to = P.day(params, "from"), P.day(params, "to")
    story, story_docs = story_doc_ids(store, P.text(params, "story"))
    entity = resolve_entity(store, P.text(params, "entity"))
    side = P.text(params, "side", 20)
    type_ = P.text(params, "type", 60)
    base = views.get(("timeline-base",), lambda: _base(views))
    entries = base["entries"]
    if story_docs is not None:
        wanted = set(story_docs)
        entries = [e for e in entries if wanted & set(e["doc_ids"])]
    if entity:
        claim_ids = store.claims_naming(entity["id"])
        entries = [e for e in entries if e["place_entity_id"] == entity["id"]
                   or entity["id"] in e["actor_entity_ids"] or claim_ids & set(e["claim_ids"])]
    if side:
        entries = [e for e in entries if side in e["sides"]]
    if type_:
        entries = [e for e in entries if type_ in (e["type"], e["top_type"])]
    all_days = [e["date"][:10] for e in entries]
    first = date_from or (min(all_days) if all_days else None)
    last = date_to or (max(all_days) if all_days else None)
    if first and last and first > last:
        raise P.BadParameter("from is after to")
    shown = [e for e in entries if first <= e["date"][:10] <= last] if first else []
    listed = shown[-MAX_ENTRIES:]  # the latest ones when there are too many
    names = store.entities_by_id([e["place_entity_id"] for e in listed])
    for e in listed:
        place = names.get(e["place_entity_id"] or "")
        e["place_name"] = place["name"] if place else None
    types_present = sorted({(e["top_type"] or "", e["type"]) for e in base["entries"]})
    return {
        "page": "timeline",
        "filters": {"from": date_from, "to": date_to, "story": story["id"] if story else None,
                    "story_title": story["title"] if story else None,
                    "entity": entity["id"] if entity else None, "entity_name": entity["name"] if entity else None,
                    "side": side, "type": type_},
        "range": {"first": first, "last": last},
        "zoom": {"in": _zoom(first, last, 0.5), "out": _zoom(first, last, 2.0)} if first else None,
        "chart": histogram(shown, first, last, lambda e: e["colour"]) if first else None,
        "entries": listed,
        "total": len(shown),
        "truncated": len(shown) > MAX_ENTRIES,
        "key_dates": [d for d in base["key_dates"] if not first or first <= d <= last],
        "sides": sorted({s for e in base["entries"] for s in e["sides"]}),
        "types": [{"type": t, "label": type_label(t), "top_type": tt} for tt, t in types_present],
        "colours": {type_label(k) if k else "claim groups": v for k, v in TYPE_COLOURS.items()},
    }
