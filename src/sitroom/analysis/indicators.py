"""Indicator series: the figures in claims, normalised into series a chart can draw.

A series is (measure, subject, unit): "area, Kursk, km2" and "share of territory, Kursk,
percent" are different series, so percent and absolute figures never mix. The subject is
the region the claim is about (:func:`sitroom.analysis.claim_groups.claim_where`). Each point keeps its date
(the date the claim refers to, else the day it was made), value, qualifier, the claim,
the source and the source's side, so a reader sees who reported which point.
"""

from __future__ import annotations

import hashlib

from sitroom.analysis.claim_groups import DocContext, claim_where, knowledge


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
        subject = place.name if place else "unspecified"
        subject_key = place.key if place else "unspecified"
        for q in quantities:
            unit = q.get("unit") or ""
            rows.append({
                "series_id": series_id(q["measure"], subject_key, unit), "measure": q["measure"], "subject": subject,
                "subject_entity_id": place.entity_id if place else None, "unit": unit,
                "date": c.get("refers_to") or c.get("said_on"), "value": float(q["value"]),
                "approx": bool(q.get("approx")), "qualifier": q.get("qualifier"), "text": q.get("text") or "",
                "claim_id": c["id"], "doc_id": c["doc_id"], "source_entity_id": c.get("source_entity_id"),
                "source_text": c.get("source_text"), "source_kind": c.get("source_kind"), "side": c.get("side"),
                "stance": c.get("stance"),
            })
    return rows
