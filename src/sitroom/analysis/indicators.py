"""Indicator series: the figures in claims, normalised into series a chart can draw.

A series is (measure, subject, unit): "area, Kursk, km2" and "share of territory, Kursk,
percent" are different series, so percent and absolute figures never mix. The subject of
a share of territory is the place it is a share of when the text names it ("20 percent of
Ukraine"); otherwise it is the region the claim is about
(:func:`sitroom.analysis.claim_groups.claim_where`). Each point keeps its date (the date the
claim refers to, else the day it was made), value, qualifier, the claim, the source and the
source's side, so a reader sees who reported which point.
"""

from __future__ import annotations

import hashlib

from sitroom.analysis.claim_groups import DocContext, claim_where, knowledge
from sitroom.analysis.places import place_key


def series_id(measure: str, subject: str, unit: str) -> str:
    return "i_" + hashlib.sha1(f"{measure}|{subject}|{unit}".encode()).hexdigest()[:10]


def build_indicators(claims: list[dict], docs: dict[str, DocContext], entity) -> list[dict]:
    kept = set(knowledge()["indicator_measures"])
    rows = []
    for c in claims:
        quantities = [q for q in c.get("quantities") or [] if q.get("measure") in kept]
        if not quantities:
            continue
        place, _ = claim_where(c, docs[c["doc_id"]], entity)
        for q in quantities:
            whole = entity(q["of_entity_id"]) if q.get("of_entity_id") else None
            # a share names the place it is a share of; else the claim's place
            here = place_key(whole) if whole and whole.get("type") == "place" else place
            subject = here.name if here else "unspecified"
            subject_key = here.key if here else "unspecified"
            unit = q.get("unit") or ""
            rows.append({
                "series_id": series_id(q["measure"], subject_key, unit), "measure": q["measure"], "subject": subject,
                "subject_entity_id": here.entity_id if here else None, "unit": unit,
                "date": c.get("refers_to") or c.get("said_on"), "value": float(q["value"]),
                "approx": bool(q.get("approx")), "qualifier": q.get("qualifier"), "text": q.get("text") or "",
                "claim_id": c["id"], "doc_id": c["doc_id"], "source_entity_id": c.get("source_entity_id"),
                "source_text": c.get("source_text"), "source_kind": c.get("source_kind"), "side": c.get("side"),
                "stance": c.get("stance"),
            })
    return rows
