"""Exports per the contract in DESIGN.md: JSON Lines, UTF-8, stable field names.

Fields may be added, never renamed. Offsets are Python string indices into ``text``.
"""

from __future__ import annotations

import json
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


def export_jsonl(store: Store, out_dir: str | Path) -> dict[str, int]:
    """Write every table of the contract this version fills; return rows per file."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    path = out / "documents.jsonl"
    tmp = path.with_suffix(".jsonl.part")
    n = 0
    with tmp.open("w", encoding="utf-8") as fh:
        for doc in store.iter_documents():
            fh.write(json.dumps(document_record(doc), ensure_ascii=False) + "\n")
            n += 1
    tmp.replace(path)  # readers never see a half-written file
    counts[path.name] = n
    return counts
