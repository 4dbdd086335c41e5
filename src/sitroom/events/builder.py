"""Events from claims: who did what, where, when, and who reports it.

Every claim whose content reports an event (``claims.event_types``, from
``sitroom.events.reports``) is an event report. Reports of the same subtype at the same
place on the same date, from any document in any language, are one event. The place is the
most specific place the content names (a town over its region, a region over its country);
the actors are the people, organisations and groups the content names; the date is the date
the content refers to, else the date the claim was made. A report that names no place, or
has no date, says too little to be matched with another document's: it joins only reports
of the same subtype, place and date in its own document (and that document's syndicated
copies), never "an armed clash" of every undated article.

Status, counting syndicated copies (``duplicate_of``) as one document:
- contested: a report denies it, or reports of it disagree in stance;
- corroborated: reported in two or more independent documents, or by two or more sources
  other than the article itself (the article repeating what its source said is one source);
- single-source otherwise.

Events are rebuilt from all claims after each claims run (cheap: one pass over claims).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from functools import lru_cache

from sitroom.events.typing import top_type, types

# a more specific place wins: settlements, then districts and regions, then countries
PLACE_RANK = {"city": 0, "town": 0, "village": 0, "settlement": 0, "ppl": 0, "admin2": 1, "admin1": 2,
              "region": 2, "sea": 3, "country": 4, "continent": 5}


def event_id(subtype: str, place: str | None, date: str | None, scope: str | None = None) -> str:
    """Stable id of an event; ``scope`` (a document id) for one that no other document can share."""
    key = f"{subtype}|{place}|{date}" + (f"|{scope}" if scope else "")
    return f"e_{hashlib.sha1(key.encode()).hexdigest()[:16]}"


def _label(subtype: str) -> str:
    labels = types().get("labels", {})
    return labels.get(subtype) or subtype.replace("_", " ").lower()


def rebuild_events(store) -> int:
    """Replace the store's events with those its claims report; return how many."""

    @lru_cache(maxsize=50_000)
    def entity(entity_id: str):
        return store.get_entity(entity_id)

    dup = store.duplicate_map()
    reports: dict[str, list[dict]] = defaultdict(list)
    for c in store.iter_claims():
        if not c["event_types"]:
            continue
        places, actors = [], []
        for eid in c["entity_ids"]:
            e = entity(eid)
            if e is None:
                continue
            if e["type"] == "place":
                places.append(e)
            elif e["type"] in ("person", "organization", "group"):
                actors.append(eid)
        places.sort(key=lambda e: PLACE_RANK.get((e.get("feature") or "").lower(), 1 if e.get("lat") else 6))
        place = places[0]["id"] if places else None
        date = c["refers_to"] or c["said_on"]
        subtype = c["event_types"][0]
        key = event_id(subtype, place, date, None if place and date else dup.get(c["doc_id"], c["doc_id"]))
        reports[key].append(dict(c, _place=place, _actors=actors, _date=date, _subtype=subtype,
                                 _place_name=places[0]["name"] if places else None))
    rows = []
    for key, rs in reports.items():
        first = rs[0]
        subtype = first["_subtype"]
        actors = list(dict.fromkeys(a for r in rs for a in r["_actors"]))
        doc_ids = list(dict.fromkeys(r["doc_id"] for r in rs))
        sources = {(r["source_entity_id"] or (r["source_text"] or "").lower()) for r in rs
                   if r["source_kind"] != "author"}
        independent = {dup.get(r["doc_id"], r["doc_id"]) for r in rs}
        stances = {r["stance"] for r in rs}
        if "denied" in stances or ("asserted" in stances and "unconfirmed" in stances):
            status = "contested"
        elif len(independent) >= 2 or len(sources) >= 2:
            status = "corroborated"
        else:
            status = "single-source"
        names = [entity(a)["name"] for a in actors[:3] if entity(a)]
        where = f" in {first['_place_name']}" if first["_place_name"] else ""
        who = f" ({', '.join(names)})" if names else ""
        date = first["_date"]
        rows.append({
            "id": key, "type": top_type(subtype), "subtype": subtype, "date": date,
            "date_precision": "day" if date and len(date) == 10 else None,
            "place_entity_id": first["_place"], "actor_entity_ids": actors,
            "summary": f"{_label(subtype).capitalize()}{where}{who}" + (f", {date}" if date else ""),
            "claim_ids": [r["id"] for r in rs], "doc_ids": doc_ids, "status": status,
        })
    store.replace_events(rows)
    return len(rows)
