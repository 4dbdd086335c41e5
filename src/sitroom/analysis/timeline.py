"""The timeline: dated events and key claim groups in time order, and the days that
matter most (date selection, :mod:`sitroom.analysis.date_selection`).

Every entry carries its claim and document ids, so a reader can go from a line of the
timeline to the sentences behind it.
"""

from __future__ import annotations

from datetime import date

from sitroom.analysis.date_selection import DateReference, select_dates


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def date_references(store, doc_ids: set[str] | None = None, events: list[dict] | None = None) -> list[DateReference]:
    """What the documents say about days: their day-precision time expressions, their
    publication dates, and the dates of the events they report (``events``: the store's,
    when the caller has read them already)."""
    refs = []
    published: dict[str, date | None] = {}
    for d in store.document_outlines():
        if doc_ids is None or d["id"] in doc_ids:
            published[d["id"]] = _day(d["published"])
            if published[d["id"]] and not d["duplicate_of"] and d["published_precision"] in (None, "day"):
                refs.append(DateReference(published[d["id"]], d["id"], published[d["id"]], kind="published"))
    for doc_id, value, _ in store.iter_day_references(list(published) if doc_ids is not None else None):
        day = _day(value)
        if day:
            refs.append(DateReference(day, doc_id, published.get(doc_id), kind="mention"))
    for e in events if events is not None else store.iter_events():
        day = _day(e["date"]) if e.get("date_precision") in (None, "day") else None
        for doc_id in e["doc_ids"]:
            if day and doc_id in published:
                refs.append(DateReference(day, doc_id, published[doc_id], kind="event"))
    return refs


def build_timeline(store, since: str | None = None, story_doc_ids: set[str] | None = None,
                   k: int | None = None) -> dict:
    """``{"key_dates": [...], "entries": [...]}``: entries are events and claim groups
    with two or more claims, oldest first; ``key`` marks those on a selected day."""
    events = list(store.iter_events())
    key_dates = select_dates(date_references(store, story_doc_ids, events), k)
    keys = {d.isoformat() for d in key_dates}
    entries = []
    for e in events:
        if not e["date"] or (since and e["date"] < since):
            continue
        if story_doc_ids is not None and not story_doc_ids & set(e["doc_ids"]):
            continue
        entries.append({"id": e["id"], "date": e["date"], "kind": "event", "type": e["subtype"], "label": e["summary"],
                        "actor_entity_ids": e["actor_entity_ids"],
                        "status": e["status"], "place_entity_id": e["place_entity_id"], "claim_ids": e["claim_ids"],
                        "doc_ids": e["doc_ids"], "key": e["date"] in keys})
    for g in store.iter_claim_groups(min_claims=2, since=since):
        if not g["first_date"] or (story_doc_ids is not None and not story_doc_ids & set(g["doc_ids"])):
            continue
        entries.append({"date": g["first_date"], "kind": "claims", "type": g["kind"], "label": g["label"],
                        "status": g["status"], "place_entity_id": g["place_entity_id"], "claim_ids": g["claim_ids"],
                        "doc_ids": g["doc_ids"], "key": g["first_date"] in keys, "group_id": g["id"]})
    entries.sort(key=lambda x: (x["date"], x["kind"], x["label"]))
    return {"key_dates": sorted(keys), "entries": entries}
