"""Exports per the contract in DESIGN.md: JSON Lines, UTF-8, stable field names.

Fields may be added, never renamed. Offsets are Python string indices into ``text``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sitroom.model import Document
from sitroom.store import Store


def document_record(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id,
        "origin": doc.origin,
        "outlet": doc.outlet,
        "title": doc.title,
        "language": doc.language,
        "published": doc.published,
        "published_how": doc.published_how,
        "published_evidence": doc.published_evidence,
        "genre": doc.genre,
        "duplicate_of": doc.duplicate_of,
        "story_id": doc.story_id,
        "text": doc.text,
        "removed": doc.removed,
        # additions beyond the contract
        "url": doc.url,
        "author": doc.author,
        "title_how": doc.title_how,
        "languages": doc.languages,
        "language_score": doc.language_score,
        "published_precision": doc.published_precision,
        "published_earliest": doc.published_earliest,
        "published_latest": doc.published_latest,
        "duplicate_kind": doc.duplicate_kind,
        "duplicate_similarity": doc.duplicate_similarity,
        "paragraphs": [p.__dict__ for p in doc.paragraphs],
        "time_expressions": [t.as_dict() for t in doc.timexes],
        "encoding": doc.encoding,
        "warnings": doc.warnings,
        "stages": doc.stages,
    }


def entity_record(entity: dict[str, Any], aliases: list[str]) -> dict[str, Any]:
    return {
        "id": entity["id"],
        "name": entity["name"],
        "type": entity["type"],
        "aliases": aliases,
        "lat": entity["lat"],
        "lon": entity["lon"],
        "country": entity["country"],
        "ids": entity["ids"],
        # additions beyond the contract
        "origin": entity["origin"],
        "region": entity["region"],
        "feature": entity["feature"],
        "role": entity["role"],
        "affiliation": entity["affiliation"],
        "kind": entity["kind"],
        **{k: v for k, v in entity["attrs"].items() if k not in ("source",)},
    }


def mention_record(m: dict[str, Any]) -> dict[str, Any]:
    return {"doc_id": m["doc_id"], "start": m["start"], "end": m["end"], "text": m["text"],
            "entity_id": m["entity_id"], "type": m["type"], "detector": m["detector"], "how": m["how"],
            "near_entity_id": m["near_entity_id"]}


def claim_record(c: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": c["id"], "doc_id": c["doc_id"], "start": c["start"], "end": c["end"],
        "source_text": c["source_text"], "source_entity_id": c["source_entity_id"], "source_kind": c["source_kind"],
        "side": c["side"], "cue": c["cue"], "content": c["content"], "quote": c["quote"], "stance": c["stance"],
        "said_on": c["said_on"], "refers_to": c["refers_to"],
        "quantities": [{k: q[k] for k in ("value", "unit", "measure", "approx", "qualifier", "text")}
                       for q in c["quantities"]],
        "entity_ids": c["entity_ids"], "group_id": c["group_id"], "group_status": c["group_status"],
        # additions beyond the contract
        "sentence": c["sentence"], "source_start": c["source_start"], "source_end": c["source_end"],
        "cue_start": c["cue_start"], "cue_end": c["cue_end"], "content_start": c["content_start"],
        "content_end": c["content_end"], "channel": c["channel"], "event_types": c["event_types"], "how": c["how"],
        "quantity_spans": [[q["start"], q["end"]] for q in c["quantities"]],
    }


def event_record(e: dict[str, Any]) -> dict[str, Any]:
    return {k: e[k] for k in ("id", "type", "date", "date_precision", "place_entity_id", "actor_entity_ids",
                              "summary", "claim_ids", "doc_ids", "status")} | {"subtype": e["subtype"]}


def story_record(s: dict[str, Any]) -> dict[str, Any]:
    return {"id": s["id"], "title": s["title"], "doc_ids": s["doc_ids"], "first_date": s["first_date"],
            "last_date": s["last_date"],
            # additions beyond the contract
            "n_docs": s["n_docs"], "languages": s["languages"], "title_doc_id": s["title_doc_id"]}


def indicator_record(r: dict[str, Any]) -> dict[str, Any]:
    return {k: r[k] for k in ("measure", "subject", "date", "value", "unit", "claim_id", "source_entity_id")} | {
        # additions beyond the contract
        "series_id": r["series_id"], "subject_entity_id": r["subject_entity_id"], "approx": r["approx"],
        "qualifier": r["qualifier"], "text": r["text"], "doc_id": r["doc_id"], "source_text": r["source_text"],
        "source_kind": r["source_kind"], "side": r["side"], "stance": r["stance"]}


def claim_group_record(g: dict[str, Any]) -> dict[str, Any]:
    return dict(g)


def _write(path: Path, records: Iterable[dict[str, Any]]) -> int:
    tmp = path.with_suffix(".jsonl.part")
    n = 0
    with tmp.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    tmp.replace(path)  # readers never see a half-written file
    return n


def _entities(store: Store) -> Iterator[dict[str, Any]]:
    """Entities that something points at: mentioned ones, plus the curated KB."""
    mentioned = {m["entity_id"] for m in store.iter_mentions()}
    aliases: dict[str, list[str]] = {}
    for entity_id, alias, _key, _lang, _seen in store.iter_aliases():
        aliases.setdefault(entity_id, []).append(alias)
    for entity in store.iter_entities():
        if entity["origin"] == "gazetteer" and entity["id"] not in mentioned:
            continue
        yield entity_record(entity, aliases.get(entity["id"], []))


def export_jsonl(store: Store, out_dir: str | Path) -> dict[str, int]:
    """Write every table of the contract this version fills; return rows per file."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    return {
        "documents.jsonl": _write(out / "documents.jsonl", (document_record(d) for d in store.iter_documents())),
        "entities.jsonl": _write(out / "entities.jsonl", _entities(store)),
        "mentions.jsonl": _write(out / "mentions.jsonl", (mention_record(m) for m in store.iter_mentions())),
        "claims.jsonl": _write(out / "claims.jsonl", (claim_record(c) for c in store.iter_claims())),
        "events.jsonl": _write(out / "events.jsonl", (event_record(e) for e in store.iter_events())),
        "stories.jsonl": _write(out / "stories.jsonl", (story_record(s) for s in store.iter_stories())),
        "indicators.jsonl": _write(out / "indicators.jsonl", (indicator_record(r) for r in store.iter_indicators())),
        "claim_groups.jsonl": _write(out / "claim_groups.jsonl",
                                     (claim_group_record(g) for g in store.iter_claim_groups())),
    }
