"""The map page: located places sized by mentions and coloured by the type of event
reported there most; each marker opens the place's events and claims."""

from __future__ import annotations

import math

from sitroom.web import params as P
from sitroom.web.pages.common import TYPE_COLOURS, story_doc_ids, type_label

MAX_MARKERS = 3000


def _radius(mentions: int, most: int) -> float:
    """Marker size (pixels): area grows with mentions, 6 to 28 px."""
    return round(6 + 22 * math.sqrt(mentions / most), 1) if most else 6.0


def markers(store, doc_ids: list[str] | None = None) -> list[dict]:
    rows = store.place_markers(doc_ids)[:MAX_MARKERS]
    by_place = store.events_by_place()
    most = rows[0]["mentions"] if rows else 0
    out = []
    for r in rows:
        events = by_place.get(r["id"], {})  # top type -> events
        main = max(events, key=lambda t: (events[t], t)) if events else None
        out.append({"id": r["id"], "name": r["name"], "lat": r["lat"], "lon": r["lon"], "country": r["country"],
                    "region": r["region"], "feature": r["feature"], "mentions": r["mentions"],
                    "documents": r["documents"], "events": sum(events.values()), "event_type": main,
                    "event_label": type_label(main) if main else "no events",
                    "colour": TYPE_COLOURS.get(main, TYPE_COLOURS[None]), "radius": _radius(r["mentions"], most)})
    return out


def map_page(views, params) -> dict:
    store = views.store
    story, doc_ids = story_doc_ids(store, P.text(params, "story"))
    rows = views.get(("markers", story["id"] if story else None), lambda: markers(store, doc_ids))
    legend = {}
    for m in rows:
        legend.setdefault(m["event_label"], m["colour"])
    return {"page": "map", "story": story["id"] if story else None, "story_title": story["title"] if story else None,
            "markers": rows, "total": len(rows), "legend": legend, "tiles": views.tiles}
