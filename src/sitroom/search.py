"""Full-text search across languages and scripts.

Documents go into an FTS5 index (``doc_search``) with three columns: the title, the text,
and ``folded``: every word reduced to its spelling-independent name key
(:meth:`sitroom.entities.names.Romanizer.key`), Russian and Ukrainian words also by their
base forms. A query is matched three ways at once:

- its words as written, in titles and texts (case and accents ignored);
- the keys of its words in ``folded``, so "Курськ", "Koursk" and "Kursk" find each other;
- when the query names a known entity, every name of that entity (Dzerzhinsk finds Toretsk,
  Artemivsk finds Bakhmut).

``index_documents`` runs in ``sitroom process``; ``search`` only reads.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from sitroom.entities.names import CYRILLIC, Romanizer, default_romanizer

STAGE = "search"
VERSION = "1"
BATCH = 500
MAX_EXPANSIONS = 12  # names of one entity added to a query
LANGUAGES = (None, "en", "fr", "de", "ru", "uk")  # a query's language is unknown: try each one's habits
WORD = re.compile(r"\w[\w'’-]*\w|\w", re.UNICODE)
SNIPPET = 90  # characters of context either side of a hit


def fold_words(text: str, language: str | None, romanizer: Romanizer) -> str:
    """The keys of the words of ``text``, space-separated (a Cyrillic word also gives the
    keys of its base forms)."""
    out: list[str] = []
    for word in WORD.findall(text):
        key = romanizer.key(word, language)
        if key:
            out.append(key)
        if CYRILLIC.search(word) and len(word) > 3:
            for base in romanizer.base_forms(word, language)[:2]:
                k = romanizer.key(base, language)
                if k and k != key:
                    out.append(k)
    return " ".join(out)


def index_documents(store, romanizer: Romanizer | None = None,
                    on_progress: Callable[[int, int], None] | None = None) -> int:
    """Index the documents not yet in the search index; return how many were added.
    A new index version empties the index and starts over."""
    romanizer = romanizer or default_romanizer()
    if store.search_index_version() not in (None, VERSION):
        with store.transaction():
            store.clear_search_index(STAGE)
    todo = store.documents_without(STAGE, VERSION)
    for i in range(0, len(todo), BATCH):
        rows = []
        for rowid, doc_id, title, text, language in store.search_sources(todo[i:i + BATCH]):
            folded = fold_words(f"{title}\n{text}", language, romanizer)
            rows.append((rowid, doc_id, title, text, folded))
        with store.transaction():
            store.add_to_search_index(rows, STAGE, VERSION)
        if on_progress:
            on_progress(min(i + BATCH, len(todo)), len(todo))
    return len(todo)


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _keys(text: str, romanizer: Romanizer) -> list[str]:
    return [k for k in dict.fromkeys(romanizer.key(text, lang) for lang in LANGUAGES) if k]


def build_query(store, q: str, romanizer: Romanizer) -> tuple[str, list[str]]:
    """(FTS5 expression, the forms to highlight) for a user query. Every word must match,
    as written or by key; a query naming an entity also matches any of its names."""
    words = WORD.findall(q)
    if not words:
        return "", []
    parts = []
    for w in words:
        alts = [f"{{title body}} : {_phrase(w)}"]
        alts += [f"folded : {_phrase(k)}" for k in _keys(w, romanizer)]
        parts.append("(" + " OR ".join(alts) + ")")
    expr = " AND ".join(parts)
    forms = list(words)
    names: list[str] = []
    if len(words) <= 4:
        for key in _keys(q.strip(), romanizer):
            names = store.entity_names_for_key(key, limit=MAX_EXPANSIONS)
            if names:
                break
    if names:
        name_alts = []
        for name in names:
            k = romanizer.key(name)
            name_alts.append(f"{{title body}} : {_phrase(name)}")
            if k:
                name_alts.append(f"folded : {_phrase(k)}")
            forms.append(name)
        expr = f"({expr}) OR " + " OR ".join(dict.fromkeys(name_alts))
    return expr, list(dict.fromkeys(forms))


def snippet(text: str, forms: list[str], width: int = SNIPPET) -> tuple[str, str, str]:
    """(before, hit, after) around the first occurrence of one of ``forms`` in ``text``
    (case-insensitive); the opening of the text when none occurs as written."""
    low = text.casefold()
    best = None
    for f in sorted(forms, key=len, reverse=True):
        i = low.find(f.casefold())
        if i >= 0 and (best is None or i < best[0]):
            best = (i, i + len(f))
    if best is None:
        return "", "", text[: 2 * width] + ("…" if len(text) > 2 * width else "")
    s, e = best
    lo, hi = max(0, s - width), min(len(text), e + width)
    return ("…" if lo else "") + text[lo:s], text[s:e], text[e:hi] + ("…" if hi < len(text) else "")


def search(store, q: str, limit: int = 50, romanizer: Romanizer | None = None) -> dict:
    """Documents and entities matching ``q``: ``{"query", "expression", "forms",
    "documents": [...], "entities": [...], "indexed": bool}``."""
    romanizer = romanizer or default_romanizer()
    expr, forms = build_query(store, q, romanizer)
    out = {"query": q, "expression": expr, "forms": forms, "documents": [], "entities": [],
           "indexed": store.search_index_version() is not None}
    if not expr:
        return out
    for d in store.search_documents(expr, limit):
        before, hit, after = snippet(d.pop("text"), forms)
        out["documents"].append({**d, "snippet": {"before": before, "hit": hit, "after": after}})
    out["entities"] = store.find_entities(_keys(q.strip(), romanizer), q.strip())[:10]
    return out
