"""The claims pages: a filterable, sortable table of every attributed claim, and the
contested view that puts disagreeing claims side by side."""

from __future__ import annotations

from urllib.parse import urlencode

from sitroom.store.reading import CLAIM_SORTS
from sitroom.web import params as P
from sitroom.web.pages.common import (STANCES, STATUSES, NotFound, claims_view, resolve_entity, side_colour, slim_group,
                                      story_doc_ids)

PAGE_SIZE = 100


def claims(views, params) -> dict:
    store = views.store
    f = {
        "q": P.text(params, "q"), "source": P.text(params, "source"), "side": P.text(params, "side", 20),
        "stance": P.choice(params, "stance", STANCES), "status": P.choice(params, "status", STATUSES),
        "entity": P.text(params, "entity"), "story": P.text(params, "story"), "from": P.day(params, "from"),
        "to": P.day(params, "to"), "group": P.text(params, "group", 80), "event": P.text(params, "event", 80),
    }
    sort = P.choice(params, "sort", tuple(CLAIM_SORTS)) or "date"
    order = P.choice(params, "order", ("asc", "desc")) or ("desc" if sort == "date" else "asc")
    descending = order == "desc"  # newest first unless asked otherwise
    page = P.integer(params, "page", 1, 1, 100_000)
    entity = resolve_entity(store, f["entity"])
    story, doc_ids = story_doc_ids(store, f["story"])
    event = store.get_event(f["event"]) if f["event"] else None
    if f["event"] and event is None:
        raise NotFound(f"no event {f['event']!r}")
    rows, total = store.query_claims(
        text=f["q"], source=f["source"], side=f["side"], stance=f["stance"], status=f["status"],
        entity_id=entity["id"] if entity else None, doc_ids=doc_ids, date_from=f["from"], date_to=f["to"],
        group_id=f["group"], claim_ids=event["claim_ids"] if event else None, sort=sort, descending=descending, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    active = {k: v for k, v in f.items() if v}
    pages = max(1, -(-total // PAGE_SIZE))

    def link(**change) -> str:
        q = {**active, "sort": sort, "order": "desc" if descending else "asc", "page": page, **change}
        return "/claims?" + urlencode({k: v for k, v in q.items() if v not in (None, "")})

    return {
        "page": "claims",
        "filters": f,
        "entity_name": entity["name"] if entity else None,
        "story_title": story["title"] if story else None,
        "event_summary": event["summary"] if event else None,
        "sort": sort, "order": "desc" if descending else "asc",
        "claims": claims_view(store, rows),
        "total": total, "page_no": page, "pages": pages,
        "prev": link(page=page - 1) if page > 1 else None,
        "next": link(page=page + 1) if page < pages else None,
        "sort_links": {k: link(sort=k, order="desc" if (k == sort and not descending) else "asc", page=1)
                       for k in CLAIM_SORTS},
        "sides": views.get(("sides",), store.claim_sides),
        "stances": STANCES, "statuses": STATUSES,
        "side_colours": {s: side_colour(s) for s, _ in views.get(("sides",), store.claim_sides)},
    }


def _columns(claims: list[dict], counts: dict[tuple, int]) -> list[dict]:
    """The group's claims in columns: one per side (sources without a side together),
    the asserting column first; each column says how many claims it has in all."""
    cols: dict[str, list[dict]] = {}
    totals: dict[str, int] = {}
    for (side, _stance), n in counts.items():
        totals[side or "unattributed"] = totals.get(side or "unattributed", 0) + n
    for c in claims:
        cols.setdefault(c["side"] or "unattributed", []).append(c)
    order = sorted(cols, key=lambda s: (s == "unattributed", -sum(c["stance"] == "asserted" for c in cols[s]), s))
    return [{"side": s, "colour": side_colour(None if s == "unattributed" else s), "claims": cols[s],
             "total": totals.get(s, len(cols[s])), "more": totals.get(s, len(cols[s])) - len(cols[s])}
            for s in order]


CONTESTED_PAGE = 20


def contested(views, params) -> dict:
    store = views.store
    limit = P.integer(params, "limit", CONTESTED_PAGE, 1, 200)
    page = P.integer(params, "page", 1, 1, 10_000)
    since = P.day(params, "since")
    groups = views.get(("contested-groups", since), lambda: [
        slim_group(g) for g in store.iter_claim_groups(status="contested", since=since)])

    def page_groups() -> list[dict]:
        shown = []
        for g in groups[(page - 1) * limit: page * limit]:
            sample, counts = store.group_claims(g["id"])
            place = store.entities_by_id([g["place_entity_id"]]).get(g["place_entity_id"] or "")
            shown.append({**g, "place_name": place["name"] if place else None,
                          "columns": _columns(claims_view(store, sample), counts)})
        return shown

    shown = views.get(("contested-page", since, limit, page), page_groups)
    pages = max(1, -(-len(groups) // limit))
    base = "/contested?" + urlencode({k: v for k, v in (("since", since), ("limit", limit)) if v})
    return {"page": "contested", "since": since, "groups": shown, "total": len(groups), "page_no": page,
            "pages": pages, "prev": f"{base}&page={page - 1}" if page > 1 else None,
            "next": f"{base}&page={page + 1}" if page < pages else None}
