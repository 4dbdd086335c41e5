"""The entity page: names across languages, type, role and side, place on the map,
mentions, the claims it makes and the claims about it, events there."""

from __future__ import annotations

from sitroom.web import params as P
from sitroom.web.pages.common import NotFound, claims_view, type_label

LIMIT = 50


def entity_page(views, params, entity_id: str) -> dict:
    store = views.store
    entity = store.get_entity(entity_id)
    if entity is None:
        raise NotFound(f"no entity {entity_id!r}")
    limit = P.integer(params, "limit", LIMIT, 1, 1000)
    names: dict[str, list[str]] = {}
    for a in store.aliases_of(entity_id):
        names.setdefault(a["language"] or "any", []).append(a["alias"])
    mentions, documents = store.entity_mention_counts(entity_id)
    said, said_total = store.query_claims(said_by=entity_id, limit=limit, sort="date", descending=True)
    about, about_total = store.query_claims(about=entity_id, limit=limit, sort="date", descending=True)
    events = store.events_at(entity_id, limit) if entity["type"] == "place" else []
    for e in events:
        e["type_label"] = type_label(e["subtype"])
    return {
        "page": "entity",
        "entity": {k: entity[k] for k in ("id", "name", "type", "origin", "lat", "lon", "country", "region",
                                          "feature", "role", "affiliation", "kind", "ids")}
        | {"former_sides": (entity.get("attrs") or {}).get("former_affiliations") or []},
        "names": dict(sorted(names.items())),
        "forms": [{"form": f, "mentions": n} for f, n in store.entity_forms(entity_id)],
        "mentions": mentions, "documents_count": documents,
        "documents": store.entity_documents(entity_id, limit),
        "claims_by": claims_view(store, said), "claims_by_total": said_total,
        "claims_about": claims_view(store, about), "claims_about_total": about_total,
        "events": events,
        "tiles": views.tiles,
    }
