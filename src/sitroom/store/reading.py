"""SQL behind the interfaces: the search index, and the read queries of the web pages
(filtered and sorted claims, counts, map markers, an entity's claims).

A mixin of :class:`sitroom.store.sqlite.SQLiteStore` (it uses its ``conn``). Every query
here is bounded (LIMIT, or an aggregate) so pages stay fast on large stores.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sitroom.store.analysis import decode_claim

# sort key -> (ascending, descending) ORDER BY; missing values go last either way. Ties are
# broken by document and position. "date" descending walks the said_on index.
CLAIM_SORTS = {
    "date": ("c.said_on IS NULL, c.said_on", "c.said_on DESC"),
    "source": ("coalesce(c.source_text, '') = '', lower(c.source_text)",
               "coalesce(c.source_text, '') = '', lower(c.source_text) DESC"),
    "side": ("c.side IS NULL, c.side", "c.side DESC"),
    "stance": ("c.stance", "c.stance DESC"),
    "status": ("c.group_status IS NULL, c.group_status", "c.group_status DESC"),
    "outlet": ("d.outlet IS NULL, d.outlet", "d.outlet DESC"),
}


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def claim_filters(*, text: str | None = None, source: str | None = None, side: str | None = None,
                  stance: str | None = None, status: str | None = None, entity_id: str | None = None,
                  entity_ids: list[str] | None = None, doc_id: str | None = None, doc_ids: list[str] | None = None,
                  date_from: str | None = None, date_to: str | None = None, group_id: str | None = None,
                  group_prefix: str | None = None, said_by: str | None = None, about: str | None = None,
                  claim_ids: list[str] | None = None) -> tuple[list[str], list[Any]]:
    """SQL conditions on ``claims c`` and their arguments. ``text``: in the content or the
    source; ``source``: the source text contains it or the source entity is it; ``side``
    "none": claims without a side; ``entity_id(s)``: said by or naming; ``said_by`` / ``about``:
    the source entity / an entity named in the content; dates are on ``said_on``."""
    where: list[str] = []
    args: list[Any] = []

    def add(condition: str, *values: Any) -> None:
        where.append(condition)
        args.extend(values)

    def among(column: str, values: list[str]) -> None:
        add(f"{column} IN ({_marks(len(values)) or 'NULL'})", *values)

    if text:
        add("(c.content LIKE ? OR c.source_text LIKE ?)", f"%{text}%", f"%{text}%")
    if source:
        add("(lower(coalesce(c.source_text, '')) LIKE ? OR c.source_entity_id = ?)", f"%{source.lower()}%", source)
    if side == "none":
        add("c.side IS NULL")
    elif side:
        add("c.side = ?", side)
    if stance:
        add("c.stance = ?", stance)
    if status:
        add("c.group_status = ?", status)
    if entity_id:
        entity_ids = [entity_id]
    if entity_ids is not None:
        add(f"c.id IN (SELECT claim_id FROM claim_entities WHERE entity_id IN ({_marks(len(entity_ids)) or 'NULL'}))",
            *entity_ids)
    if doc_id:
        add("c.doc_id = ?", doc_id)
    if doc_ids is not None:
        among("c.doc_id", doc_ids)
    if date_from:
        add("c.said_on >= ?", date_from)
    if date_to:
        add("c.said_on <= ?", date_to + "\uffff")
    if group_id:
        add("c.group_id = ?", group_id)
    if group_prefix:
        add("c.group_id LIKE ?", group_prefix + "%")
    if claim_ids is not None:
        among("c.id", claim_ids)
    if said_by:
        add("c.source_entity_id = ?", said_by)
    if about:
        add("c.id IN (SELECT claim_id FROM claim_entities WHERE entity_id = ? AND role = 'content')", about)
    return where, args


class ReadingQueries:
    conn: Any

    # -- search index -----------------------------------------------------------------
    def search_index_version(self) -> str | None:
        row = self.conn.execute("SELECT version FROM stage_outputs WHERE stage = 'search' LIMIT 1").fetchone()
        return row[0] if row else None

    def clear_search_index(self, stage: str) -> None:
        self.conn.execute("INSERT INTO doc_search(doc_search) VALUES ('delete-all')")
        self.conn.execute("DELETE FROM stage_outputs WHERE stage = ?", (stage,))

    def search_sources(self, doc_ids: list[str]) -> Iterator[tuple[int, str, str, str, str | None]]:
        """(rowid, id, title, text, language) of these documents."""
        yield from (tuple(r) for r in self.conn.execute(
            f"SELECT rowid, id, title, text, language FROM documents WHERE id IN ({_marks(len(doc_ids))})", doc_ids))

    def add_to_search_index(self, rows: list[tuple[int, str, str, str, str]], stage: str, version: str) -> None:
        """``rows`` are (rowid, doc id, title, text, folded)."""
        from sitroom.store.sqlite import now_iso

        self.conn.executemany("INSERT INTO doc_search (rowid, title, body, folded) VALUES (?, ?, ?, ?)",
                              [(r[0], r[2], r[3], r[4]) for r in rows])
        at = now_iso()
        self.conn.executemany("INSERT OR REPLACE INTO stage_outputs VALUES (?, ?, ?, ?)",
                              [(r[1], stage, version, at) for r in rows])

    def search_documents(self, expression: str, limit: int = 50) -> list[dict[str, Any]]:
        """Documents matching an FTS5 expression, best first, with their text (for snippets)."""
        return [dict(r) for r in self.conn.execute(
            "SELECT d.id, d.title, d.language, d.published, d.outlet, d.duplicate_of, d.text, s.rank "
            "FROM (SELECT rowid, rank FROM doc_search WHERE doc_search MATCH ? ORDER BY rank LIMIT ?) s "
            "JOIN documents d ON d.rowid = s.rowid ORDER BY s.rank", (expression, limit))]

    def entity_names_for_key(self, key: str, limit: int = 12) -> list[str]:
        """Every name of the most mentioned entity that has a name with this key."""
        if not key:
            return []
        row = self.conn.execute(
            "SELECT a.entity_id FROM entity_aliases a WHERE a.key = ? "
            "ORDER BY (SELECT count(*) FROM mentions m WHERE m.entity_id = a.entity_id) DESC LIMIT 1",
            (key,)).fetchone()
        if row is None:
            return []
        return [r[0] for r in self.conn.execute(
            "SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY seen DESC, length(alias) LIMIT ?",
            (row[0], limit))]

    # -- overview ---------------------------------------------------------------------
    def document_counts(self, column: str, limit: int = 12) -> list[tuple[str | None, int]]:
        """Original documents (copies left out) per language or outlet, most first."""
        if column not in ("language", "outlet", "genre"):
            raise ValueError(column)
        return [tuple(r) for r in self.conn.execute(
            f"SELECT {column}, count(*) FROM documents WHERE duplicate_of IS NULL "
            f"GROUP BY {column} ORDER BY 2 DESC, 1 LIMIT ?", (limit,))]

    def count_originals(self) -> int:
        return self.conn.execute("SELECT count(*) FROM documents WHERE duplicate_of IS NULL").fetchone()[0]

    def count_events(self) -> int:
        return self.conn.execute("SELECT count(*) FROM events").fetchone()[0]

    def claims_naming(self, entity_id: str) -> set[str]:
        """Ids of the claims said by or naming an entity."""
        return {r[0] for r in self.conn.execute("SELECT claim_id FROM claim_entities WHERE entity_id = ?",
                                                 (entity_id,))}

    def date_span(self) -> tuple[str | None, str | None]:
        row = self.conn.execute("SELECT min(published), max(published) FROM documents").fetchone()
        return row[0], row[1]

    def list_stories(self, limit: int = 50, offset: int = 0, since: str | None = None) -> list[dict[str, Any]]:
        """Stories, the latest first, without their member lists (one query, no N+1)."""
        import json

        where, args = ("WHERE last_date >= ?", [since]) if since else ("", [])
        rows = self.conn.execute(
            f"SELECT id, title, title_doc_id, first_date, last_date, n_docs, languages FROM stories {where} "
            "ORDER BY last_date IS NULL, last_date DESC, n_docs DESC, id LIMIT ? OFFSET ?", (*args, limit, offset))
        return [dict(dict(r), languages=json.loads(r["languages"])) for r in rows]

    # -- claims ------------------------------------------------------------------------
    def query_claims(self, *, sort: str = "date", descending: bool = False, limit: int = 100, offset: int = 0,
                     **filters: Any) -> tuple[list[dict[str, Any]], int]:
        """One page of claims and the number of claims matching the filters (the keyword
        arguments of :func:`claim_filters`)."""
        where, args = claim_filters(**filters)
        clause = " WHERE " + " AND ".join(where) if where else ""
        total = self.conn.execute(f"SELECT count(*) FROM claims c{clause}", args).fetchone()[0]
        order = CLAIM_SORTS.get(sort, CLAIM_SORTS["date"])[1 if descending else 0]
        rows = self.conn.execute(
            "SELECT c.*, substr(d.text, c.start + 1, c.end - c.start) AS sentence, d.title AS doc_title, "
            f"d.outlet AS outlet, d.language AS language FROM claims c JOIN documents d ON d.id = c.doc_id{clause} "
            f"ORDER BY {order}, c.doc_id, c.start LIMIT ? OFFSET ?", (*args, limit, offset))
        return [decode_claim(dict(r)) for r in rows], total

    def group_claims(self, group_id: str, per_bucket: int = 3) -> tuple[list[dict[str, Any]], dict[tuple, int]]:
        """A balanced sample of a claim group: up to ``per_bucket`` claims per (side,
        stance), named sources before the articles' own voice, latest first; and the number
        of claims in each (side, stance)."""
        ids = [r[0] for r in self.conn.execute(
            "SELECT id FROM (SELECT c.id, c.stance, c.said_on, ROW_NUMBER() OVER (PARTITION BY c.side, c.stance "
            "ORDER BY c.source_kind = 'author', c.said_on DESC, c.id) AS k FROM claims c WHERE c.group_id = ?) "
            "WHERE k <= ? ORDER BY stance != 'asserted', said_on", (group_id, per_bucket))]
        claims = self.claims_by_id(ids)
        counts = {(r[0], r[1]): r[2] for r in self.conn.execute(
            "SELECT side, stance, count(*) FROM claims WHERE group_id = ? GROUP BY 1, 2", (group_id,))}
        return claims, counts

    def claim_sides(self) -> list[tuple[str, int]]:
        return [tuple(r) for r in self.conn.execute(
            "SELECT side, count(*) FROM claims WHERE side IS NOT NULL GROUP BY side ORDER BY 2 DESC")]

    def claim_sides_by_id(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.conn.execute("SELECT id, side FROM claims WHERE side IS NOT NULL")}

    # -- map ---------------------------------------------------------------------------
    def place_markers(self, doc_ids: list[str] | None = None) -> list[dict[str, Any]]:
        """Located places with their mentions and documents (of some documents only)."""
        where, args = "", []
        if doc_ids is not None:
            where = f" AND m.doc_id IN ({_marks(len(doc_ids)) or 'NULL'})"
            args = list(doc_ids)
        return [dict(r) for r in self.conn.execute(
            "SELECT e.id, e.name, e.lat, e.lon, e.country, e.region, e.feature, count(*) AS mentions, "
            "count(DISTINCT m.doc_id) AS documents FROM mentions m JOIN entities e ON e.id = m.entity_id "
            f"WHERE e.type = 'place' AND e.lat IS NOT NULL{where} GROUP BY e.id ORDER BY mentions DESC", args)]

    def events_by_place(self) -> dict[str, dict[str, int]]:
        """place entity id -> event type -> number of events."""
        out: dict[str, dict[str, int]] = {}
        for place, type_, n in self.conn.execute(
                "SELECT place_entity_id, type, count(*) FROM events WHERE place_entity_id IS NOT NULL "
                "GROUP BY 1, 2"):
            out.setdefault(place, {})[type_] = n
        return out

    def get_event(self, event_id: str) -> dict[str, Any] | None:
        import json

        row = self.conn.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
        if row is None:
            return None
        r = dict(row)
        for key in ("actor_entity_ids", "claim_ids", "doc_ids"):
            r[key] = json.loads(r[key])
        return r

    def events_at(self, place_entity_id: str, limit: int = 50) -> list[dict[str, Any]]:
        import json

        rows = self.conn.execute("SELECT * FROM events WHERE place_entity_id = ? ORDER BY date DESC LIMIT ?",
                                 (place_entity_id, limit))
        out = []
        for r in rows:
            r = dict(r)
            for key in ("actor_entity_ids", "claim_ids", "doc_ids"):
                r[key] = json.loads(r[key])
            out.append(r)
        return out

    # -- entities ------------------------------------------------------------------------
    def entity_mention_counts(self, entity_id: str) -> tuple[int, int]:
        row = self.conn.execute("SELECT count(*), count(DISTINCT doc_id) FROM mentions WHERE entity_id = ?",
                                (entity_id,)).fetchone()
        return row[0], row[1]

    def entity_forms(self, entity_id: str, limit: int = 40) -> list[tuple[str, int]]:
        """Surface forms seen in documents for an entity, most frequent first."""
        return [tuple(r) for r in self.conn.execute(
            "SELECT text, count(*) FROM mentions WHERE entity_id = ? GROUP BY text ORDER BY 2 DESC, 1 LIMIT ?",
            (entity_id, limit))]

    def entity_documents(self, entity_id: str, limit: int = 50) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(
            "SELECT d.id, d.title, d.language, d.published, d.outlet, count(*) AS mentions "
            "FROM mentions m JOIN documents d ON d.id = m.doc_id WHERE m.entity_id = ? "
            "GROUP BY d.id ORDER BY d.published DESC, d.id LIMIT ?", (entity_id, limit))]

    def _by_ids(self, select: str, ids: list[str]) -> dict[str, dict[str, Any]]:
        """id -> row for ``SELECT ... WHERE id IN (ids)``, in chunks SQLite accepts."""
        out = {}
        ids = list(dict.fromkeys(i for i in ids if i))
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for r in self.conn.execute(f"{select} WHERE id IN ({_marks(len(chunk))})", chunk):
                out[r["id"]] = dict(r)
        return out

    def entities_by_id(self, entity_ids: list[str]) -> dict[str, dict[str, Any]]:
        """id -> {id, name, type, lat, lon, country, region, affiliation} for these entities."""
        return self._by_ids("SELECT id, name, type, lat, lon, country, region, affiliation FROM entities", entity_ids)

    # -- documents -------------------------------------------------------------------------
    def documents_titles(self, doc_ids: list[str]) -> dict[str, dict[str, Any]]:
        return self._by_ids("SELECT id, title, outlet, language, published, duplicate_of FROM documents", doc_ids)

    def copies_of(self, doc_id: str) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(
            "SELECT id, title, outlet, duplicate_kind, duplicate_similarity FROM documents WHERE duplicate_of = ?",
            (doc_id,))]

    def latest_documents(self, limit: int = 10) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(
            "SELECT id, title, outlet, language, published FROM documents WHERE duplicate_of IS NULL "
            "ORDER BY published IS NULL, published DESC, rowid DESC LIMIT ?", (limit,))]
