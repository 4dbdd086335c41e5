"""SQL for the situation picture: document vectors, stories, claim groups, indicators.

A mixin of :class:`sitroom.store.sqlite.SQLiteStore` (it uses its ``conn``), kept apart so
each file holds one part of the schema.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

CLAIM_JSON = ("quantities", "entity_ids", "event_types")


def decode_claim(r: dict[str, Any]) -> dict[str, Any]:
    """A claims row as the rest of the code reads it: JSON lists decoded, quote a bool."""
    if "quote" in r:
        r["quote"] = bool(r["quote"])
    for key in CLAIM_JSON:
        if key in r:
            r[key] = json.loads(r[key])
    return r


_GROUP_COLUMNS = ("id", "kind", "label", "status", "reason", "first_date", "last_date", "place_entity_id", "measure",
                  "event_type", "claim_ids", "doc_ids", "sources", "sides")
_GROUP_JSON = ("claim_ids", "doc_ids", "sides")
_INDICATOR_COLUMNS = ("series_id", "measure", "subject", "subject_entity_id", "unit", "date", "value", "approx",
                      "qualifier", "text", "claim_id", "doc_id", "source_entity_id", "source_text", "source_kind",
                      "side", "stance")
_STORY_JSON = ("languages", "entities", "days")


def _marks(n: int) -> str:
    return ", ".join("?" * n)


class AnalysisTables:
    conn: Any

    # -- document vectors --------------------------------------------------------------
    def save_vectors(self, rows: list[tuple[str, str, bytes]]) -> None:
        """(doc_id, model, blob) rows."""
        self.conn.executemany("INSERT OR REPLACE INTO doc_vectors VALUES (?, ?, ?)", rows)

    def vectors(self, doc_ids: list[str], model: str) -> dict[str, bytes]:
        out: dict[str, bytes] = {}
        for i in range(0, len(doc_ids), 500):
            chunk = doc_ids[i:i + 500]
            out.update((r[0], r[1]) for r in self.conn.execute(
                f"SELECT doc_id, vector FROM doc_vectors WHERE model = ? AND doc_id IN ({_marks(len(chunk))})",
                [model, *chunk]))
        return out

    # -- stories -------------------------------------------------------------------------
    def iter_story_states(self) -> Iterator[dict[str, Any]]:
        """Every story with its clustering state (centroid, entity and day counts)."""
        for row in self.conn.execute("SELECT * FROM stories ORDER BY rowid"):
            r = dict(row)
            for k in _STORY_JSON:
                r[k] = json.loads(r[k])
            yield r

    def story_members(self, story_id: str) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM documents WHERE story_id = ? ORDER BY published, id",
                                                (story_id,))]

    def upsert_stories(self, rows: list[dict[str, Any]]) -> None:
        cols = ("id", "title", "title_doc_id", "first_date", "last_date", "n_docs", "languages", "centroid",
                "n_vectors", "entities", "days", "updated_at")
        self.conn.executemany(
            f"INSERT OR REPLACE INTO stories ({', '.join(cols)}) VALUES ({_marks(len(cols))})",
            [tuple(json.dumps(r[c], ensure_ascii=False) if c in _STORY_JSON else r[c] for c in cols) for r in rows])

    def set_stories(self, assignments: list[tuple[str, str]], stage: str, version: str, at: str) -> None:
        """(doc_id, story_id) pairs; marks the stage done for those documents."""
        self.conn.executemany("UPDATE documents SET story_id = ? WHERE id = ?", [(s, d) for d, s in assignments])
        self.conn.executemany("INSERT OR REPLACE INTO stage_outputs VALUES (?, ?, ?, ?)",
                              [(d, stage, version, at) for d, _ in assignments])

    def clear_stories(self, stage: str) -> None:
        self.conn.execute("DELETE FROM stories")
        self.conn.execute("UPDATE documents SET story_id = NULL")
        self.conn.execute("DELETE FROM stage_outputs WHERE stage = ?", (stage,))

    def iter_stories(self, limit: int | None = None, since: str | None = None) -> Iterator[dict[str, Any]]:
        """Stories, the latest first (by last date, then size), without the clustering state."""
        where, args = "", []
        if since:
            where = " WHERE last_date >= ?"
            args.append(since)
        sql = (f"SELECT id, title, title_doc_id, first_date, last_date, n_docs, languages FROM stories{where} "
               "ORDER BY last_date IS NULL, last_date DESC, n_docs DESC, id" + (" LIMIT ?" if limit else ""))
        if limit:
            args.append(limit)
        for row in self.conn.execute(sql, args):
            r = dict(row)
            r["languages"] = json.loads(r["languages"])
            r["doc_ids"] = self.story_members(r["id"])
            yield r

    def count_stories(self) -> int:
        return self.conn.execute("SELECT count(*) FROM stories").fetchone()[0]

    def get_story(self, story_id: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT id FROM stories WHERE id = ? OR id LIKE ?",
                                (story_id, story_id + "%")).fetchone()
        if row is None:
            return None
        return next(r for r in self.iter_stories() if r["id"] == row[0])

    def document_stories(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.conn.execute("SELECT id, story_id FROM documents WHERE story_id IS NOT NULL")}

    def document_outlines(self) -> Iterator[dict[str, Any]]:
        """Per document: outlet, the document it copies, publication date, and where its
        title ends in the text (0 when the text does not start with it)."""
        for row in self.conn.execute(
                "SELECT id, outlet, title, duplicate_of, published, published_precision, story_id, language, "
                "CASE WHEN substr(text, 1, length(title)) = title THEN length(title) ELSE 0 END AS title_end "
                "FROM documents"):
            yield dict(row)

    def iter_day_references(self, doc_ids: list[str] | None = None) -> Iterator[tuple[str, str, str | None]]:
        """(doc_id, day referred to, the document's publication date) for every
        day-precision time expression (optionally of some documents only)."""
        sql = ("SELECT t.doc_id, t.value, d.published FROM time_expressions t JOIN documents d ON d.id = t.doc_id "
               "WHERE t.precision = 'day' AND t.value IS NOT NULL AND d.duplicate_of IS NULL")
        if doc_ids is not None:
            wanted = set(doc_ids)
            yield from (r for r in self.conn.execute(sql) if r[0] in wanted)
        else:
            yield from self.conn.execute(sql)

    def first_mentions(self, type_: str = "place") -> Iterator[dict[str, Any]]:
        """Per entity of a type: when it was first and last mentioned (publication dates),
        in how many documents."""
        yield from (dict(r) for r in self.conn.execute(
            "SELECT e.id, e.name, e.country, e.lat, e.lon, min(d.published) AS first, max(d.published) AS last, "
            "count(DISTINCT m.doc_id) AS docs FROM mentions m JOIN entities e ON e.id = m.entity_id "
            "JOIN documents d ON d.id = m.doc_id WHERE e.type = ? AND d.published IS NOT NULL "
            "GROUP BY e.id ORDER BY first DESC, docs DESC", (type_,)))

    # -- claim groups ----------------------------------------------------------------------
    def replace_claim_groups(self, groups: list[dict[str, Any]], assignments: list[tuple[str, str, str]]) -> None:
        """All groups at once (rebuilt from the claims); ``assignments`` is (claim_id, group_id, status)."""
        self.conn.execute("DELETE FROM claim_groups")
        self.conn.execute("UPDATE claims SET group_id = NULL, group_status = NULL")
        self.conn.executemany(
            f"INSERT INTO claim_groups ({', '.join(_GROUP_COLUMNS)}) VALUES ({_marks(len(_GROUP_COLUMNS))})",
            [tuple(json.dumps(g[c], ensure_ascii=False) if c in _GROUP_JSON else g[c] for c in _GROUP_COLUMNS)
             for g in groups])
        self.conn.executemany("UPDATE claims SET group_id = ?, group_status = ? WHERE id = ?",
                              [(g, s, c) for c, g, s in assignments])

    def iter_claim_groups(self, status: str | None = None, min_claims: int = 1,
                          since: str | None = None) -> Iterator[dict[str, Any]]:
        where, args = ["json_array_length(claim_ids) >= ?"], [min_claims]
        if status:
            where.append("status = ?")
            args.append(status)
        if since:
            where.append("coalesce(last_date, first_date) >= ?")
            args.append(since)
        sql = (f"SELECT * FROM claim_groups WHERE {' AND '.join(where)} "
               "ORDER BY last_date IS NULL, last_date DESC, sources DESC, id")
        for row in self.conn.execute(sql, args):
            r = dict(row)
            for k in _GROUP_JSON:
                r[k] = json.loads(r[k])
            yield r

    def claims_by_id(self, claim_ids: list[str]) -> list[dict[str, Any]]:
        """Claims with their sentence, in the order given."""
        if not claim_ids:
            return []
        rows = {}
        for i in range(0, len(claim_ids), 500):
            chunk = claim_ids[i:i + 500]
            for row in self.conn.execute(
                    "SELECT c.*, substr(d.text, c.start + 1, c.end - c.start) AS sentence, d.title AS doc_title, "
                    f"d.outlet AS outlet, d.language AS language FROM claims c JOIN documents d ON d.id = c.doc_id WHERE c.id IN ({_marks(len(chunk))})",
                    chunk):
                r = decode_claim(dict(row))
                rows[r["id"]] = r
        return [rows[c] for c in claim_ids if c in rows]

    # -- indicators --------------------------------------------------------------------------
    def replace_indicators(self, rows: list[dict[str, Any]]) -> None:
        self.conn.execute("DELETE FROM indicators")
        self.conn.executemany(
            f"INSERT INTO indicators ({', '.join(_INDICATOR_COLUMNS)}) VALUES ({_marks(len(_INDICATOR_COLUMNS))})",
            [tuple(int(r[c]) if c == "approx" else r[c] for c in _INDICATOR_COLUMNS) for r in rows])

    def iter_indicators(self, series_id: str | None = None, since: str | None = None) -> Iterator[dict[str, Any]]:
        where, args = [], []
        if series_id:
            where.append("series_id = ?")
            args.append(series_id)
        if since:
            where.append("date >= ?")
            args.append(since)
        sql = ("SELECT * FROM indicators" + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY series_id, date IS NULL, date, value")
        for row in self.conn.execute(sql, args):
            r = dict(row)
            r["approx"] = bool(r["approx"])
            yield r
