"""The document page: the cleaned text with mentions, claims and time expressions
highlighted, the claims listed, the removed boilerplate, the origin and how the date was
found, and the copies grouped with it."""

from __future__ import annotations

from sitroom.web.highlight import segments, spans_of
from sitroom.web.pages.common import NotFound, claims_view

DATE_HOW = {
    "metadata": "from the page's or the record's metadata",
    "text": "from the text (a dateline or a date near the top)",
    "none": "not found",
}


def document_page(views, params, doc_id: str) -> dict:
    store = views.store
    doc = store.get_document(doc_id)
    if doc is None:
        raise NotFound(f"no document {doc_id!r}")
    mentions = list(store.iter_mentions(doc_id))
    claims = list(store.iter_claims(doc_id=doc_id))
    timexes = [t.as_dict() for t in doc.timexes]
    names = store.entities_by_id([m["entity_id"] for m in mentions])
    story = store.get_story(doc.story_id) if doc.story_id else None
    original = store.documents_titles([doc.duplicate_of]).get(doc.duplicate_of) if doc.duplicate_of else None
    return {
        "page": "document",
        "document": {
            "id": doc.id, "title": doc.title, "title_how": doc.title_how, "origin": doc.origin, "url": doc.url,
            "outlet": doc.outlet, "author": doc.author, "language": doc.language, "genre": doc.genre,
            "published": doc.published, "published_how": doc.published_how,
            "published_how_text": DATE_HOW.get(doc.published_how, doc.published_how),
            "published_evidence": doc.published_evidence, "published_precision": doc.published_precision,
            "duplicate_of": doc.duplicate_of, "duplicate_kind": doc.duplicate_kind, "story_id": doc.story_id,
            "removed": doc.removed, "warnings": doc.warnings, "format": doc.fmt, "encoding": doc.encoding,
        },
        "story": {"id": story["id"], "title": story["title"], "n_docs": story["n_docs"]} if story else None,
        "original": original,
        "copies": store.copies_of(doc.id),
        "segments": segments(doc.text, spans_of(mentions, claims, timexes)),
        "claims": claims_view(store, claims),
        "entities": sorted(({"id": k, "name": v["name"], "type": v["type"],
                             "mentions": sum(m["entity_id"] == k for m in mentions)} for k, v in names.items()),
                           key=lambda e: -e["mentions"]),
        "time_expressions": timexes,
    }
