"""The search page: full text across languages and scripts (see :mod:`sitroom.search`)."""

from __future__ import annotations

from sitroom.search import search
from sitroom.web import params as P


def search_page(views, params) -> dict:
    q = P.text(params, "q")
    limit = P.integer(params, "limit", 50, 1, 500)
    if not q:
        return {"page": "search", "query": "", "documents": [], "entities": [], "forms": [],
                "indexed": views.store.search_index_version() is not None}
    result = search(views.store, q, limit=limit, romanizer=views.romanizer)
    result["entities"] = [{k: e[k] for k in ("id", "name", "type", "country")} for e in result["entities"]]
    return {"page": "search", **result}
