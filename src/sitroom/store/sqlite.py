"""SQLite backend: WAL, recorded migrations, one writer, one transaction per batch."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sitroom.errors import StoreError
from sitroom.model import Document, Paragraph, TimeExpression
from sitroom.store.analysis import AnalysisTables, decode_claim
from sitroom.store.migrations import MIGRATIONS
from sitroom.store.reading import ReadingQueries, claim_filters

_DOC_COLUMNS = (
    "id origin raw_sha content_sha url outlet author title title_how fmt container genre "
    "language language_score languages paragraphs published published_how published_evidence "
    "published_precision published_earliest published_latest duplicate_of duplicate_kind "
    "duplicate_similarity story_id text removed encoding warnings run_id ingested_at"
).split()
_JSON_COLUMNS = {"languages", "paragraphs", "removed", "warnings"}
_ENTITY_COLUMNS = (
    "id name type origin lat lon country region feature role affiliation kind ids attrs"
).split()


def _entity(row: sqlite3.Row) -> dict[str, Any]:
    data = {k: row[k] for k in _ENTITY_COLUMNS}
    data["ids"] = json.loads(data["ids"] or "{}")
    data["attrs"] = json.loads(data["attrs"] or "{}")
    return data


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class SQLiteStore(AnalysisTables, ReadingQueries):
    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self.conn = conn
        self.path = path

    # -- lifecycle -----------------------------------------------------------------
    @classmethod
    def open(cls, path: str) -> "SQLiteStore":
        p = Path(path)
        if p.exists() and p.is_dir():
            raise StoreError(f"{path} is a directory, not a store file", hint="pass --db FILE")
        if not p.parent.exists():
            raise StoreError(f"folder {p.parent} does not exist", hint="create it or pick another --db path")
        try:
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA busy_timeout=10000")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open store {path}: {exc}", hint="is it a sitroom SQLite file?") from exc
        store = cls(conn, path)
        store.migrate()
        return store

    @classmethod
    def open_readonly(cls, path: str) -> "SQLiteStore":
        """Open an existing, up-to-date store for reading only (the web app): SQLite itself
        refuses any write through this connection."""
        p = Path(path)
        if not p.is_file():
            raise StoreError(f"no store at {path}", hint="run `sitroom ingest` and `sitroom process` first, or pass --db")
        try:
            conn = sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA busy_timeout=10000")
            done = {r[0] for r in conn.execute("SELECT name FROM _migrations")}
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot read store {path}: {exc}", hint="is it a sitroom SQLite file?") from exc
        missing = [name for name, _ in MIGRATIONS if name not in done]
        if missing:
            conn.close()
            raise StoreError(f"store {path} needs an upgrade ({', '.join(missing)})",
                             hint=f"run `sitroom process --db {path}` once")
        return cls(conn, path)

    def data_version(self) -> int:
        """Changes whenever another connection commits (cache key for derived views)."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "SQLiteStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def migrate(self) -> list[str]:
        """Apply pending migrations, each in its own transaction; return their names."""
        try:
            self.conn.execute(
                "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
            done = {r[0] for r in self.conn.execute("SELECT name FROM _migrations")}
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot read store {self.path}: {exc}", hint="is it a sitroom SQLite file?") from exc
        known = {name for name, _ in MIGRATIONS}
        if done - known:
            raise StoreError(
                f"store {self.path} was written by a newer sitroom (migrations {sorted(done - known)})",
                hint="upgrade sitroom",
            )
        applied = []
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            with self.transaction():
                for statement in _split_sql(sql):
                    self.conn.execute(statement)
                self.conn.execute("INSERT INTO _migrations VALUES (?, ?)", (name, now_iso()))
            applied.append(name)
        return applied

    def migrations(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT name FROM _migrations ORDER BY name")]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One writer: BEGIN IMMEDIATE takes the write lock up front; all or nothing."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    # -- runs ----------------------------------------------------------------------
    def start_run(self, command: str) -> int:
        with self.transaction():
            cur = self.conn.execute("INSERT INTO runs (command, started_at) VALUES (?, ?)", (command, now_iso()))
        return int(cur.lastrowid)

    def finish_run(self, run_id: int, counts: dict[str, int], status: str = "done") -> None:
        with self.transaction():
            self.conn.execute(
                "UPDATE runs SET finished_at = ?, status = ?, counts = ? WHERE id = ?",
                (now_iso(), status, json.dumps(counts), run_id),
            )

    def runs(self) -> list[dict[str, Any]]:
        rows = self.conn.execute("SELECT * FROM runs ORDER BY id").fetchall()
        return [dict(r) | {"counts": json.loads(r["counts"])} for r in rows]

    # -- inputs --------------------------------------------------------------------
    def input_status(self, origin: str, raw_sha: str) -> str | None:
        row = self.conn.execute(
            "SELECT status FROM inputs WHERE origin = ? AND raw_sha = ?", (origin, raw_sha)
        ).fetchone()
        return row[0] if row else None

    def record_input(
        self,
        origin: str,
        raw_sha: str,
        status: str,
        run_id: int | None,
        reason: str | None = None,
        detail: str | None = None,
        doc_id: str | None = None,
    ) -> None:
        self.conn.execute(
            "INSERT INTO inputs (origin, raw_sha, status, reason, detail, doc_id, run_id, at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(origin, raw_sha) DO UPDATE SET "
            "status = excluded.status, reason = excluded.reason, detail = excluded.detail, "
            "doc_id = excluded.doc_id, run_id = excluded.run_id, at = excluded.at",
            (origin, raw_sha, status, reason, detail, doc_id, run_id, now_iso()),
        )

    def rejections(self, run_id: int | None = None) -> list[dict[str, Any]]:
        sql = "SELECT origin, reason, detail, run_id, at FROM inputs WHERE status = 'rejected'"
        args: tuple = ()
        if run_id is not None:
            sql += " AND run_id = ?"
            args = (run_id,)
        return [dict(r) for r in self.conn.execute(sql + " ORDER BY origin", args)]

    # -- documents -----------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def find_by_content(self, content_sha: str) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT id, duplicate_of, published FROM documents WHERE content_sha = ? ORDER BY ingested_at, id",
            (content_sha,),
        )
        return [dict(r) for r in rows]

    def add_document(self, doc: Document, run_id: int | None) -> None:
        values = _document_row(doc, run_id)
        placeholders = ", ".join("?" for _ in _DOC_COLUMNS)
        self.conn.execute(f"INSERT INTO documents ({', '.join(_DOC_COLUMNS)}) VALUES ({placeholders})", values)
        self.conn.executemany(
            "INSERT OR REPLACE INTO time_expressions (doc_id, start, end, text, value, precision, how) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(doc.id, t.start, t.end, t.text, t.value, t.precision, t.how) for t in doc.timexes],
        )
        stamp = now_iso()
        self.conn.executemany(
            "INSERT OR REPLACE INTO stage_outputs (doc_id, stage, version, produced_at) VALUES (?, ?, ?, ?)",
            [(doc.id, stage, version, stamp) for stage, version in doc.stages.items()],
        )

    def set_duplicate(self, doc_id: str, canonical: str | None, kind: str | None, similarity: float | None) -> None:
        self.conn.execute(
            "UPDATE documents SET duplicate_of = ?, duplicate_kind = ?, duplicate_similarity = ? WHERE id = ?",
            (canonical, kind, similarity, doc_id),
        )

    def duplicates_of(self, canonical: str) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM documents WHERE duplicate_of = ?", (canonical,))]

    def document_dates(self, doc_ids: list[str]) -> dict[str, tuple[str | None, str | None]]:
        """id -> (published, duplicate_of) for the given documents."""
        out: dict[str, tuple[str | None, str | None]] = {}
        for chunk in _chunks(doc_ids, 500):
            marks = ", ".join("?" for _ in chunk)
            for r in self.conn.execute(
                f"SELECT id, published, duplicate_of FROM documents WHERE id IN ({marks})", chunk
            ):
                out[r[0]] = (r[1], r[2])
        return out

    def add_minhash(self, doc_id: str, signature: bytes) -> None:
        self.conn.execute("INSERT OR REPLACE INTO doc_minhash (doc_id, signature) VALUES (?, ?)", (doc_id, signature))

    def iter_minhashes(self) -> Iterator[tuple[str, bytes]]:
        yield from self.conn.execute("SELECT doc_id, signature FROM doc_minhash ORDER BY doc_id")

    def count_documents(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM documents").fetchone()[0])

    def get_document(self, doc_id: str) -> Document | None:
        row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return self._document(row) if row else None

    def iter_documents(self, batch: int = 500) -> Iterator[Document]:
        """All documents in ingest order; reads in pages so memory stays flat."""
        last = -1
        while True:
            rows = self.conn.execute(
                "SELECT rowid, * FROM documents WHERE rowid > ? ORDER BY rowid LIMIT ?", (last, batch)
            ).fetchall()
            if not rows:
                return
            for row in rows:
                yield self._document(row)
            last = rows[-1]["rowid"]

    def time_expressions(self, doc_id: str) -> list[TimeExpression]:
        rows = self.conn.execute(
            "SELECT start, end, text, value, precision, how FROM time_expressions WHERE doc_id = ? ORDER BY start",
            (doc_id,),
        )
        return [TimeExpression(**dict(r)) for r in rows]

    def stage_versions(self, doc_id: str) -> dict[str, str]:
        rows = self.conn.execute("SELECT stage, version FROM stage_outputs WHERE doc_id = ?", (doc_id,))
        return {r[0]: r[1] for r in rows}

    # -- entities --------------------------------------------------------------------
    def kb_state(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM kb_state WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_kb_state(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO kb_state VALUES (?, ?)", (key, value))

    def upsert_entity(self, e: dict[str, Any]) -> None:
        """Insert or refresh an entity; ``ids``/``attrs`` are dicts."""
        cols = [c for c in _ENTITY_COLUMNS if c in e]
        values = [json.dumps(e[c], ensure_ascii=False) if c in ("ids", "attrs") else e[c] for c in cols]
        updates = ", ".join(f"{c} = excluded.{c}" for c in cols if c != "id")
        self.conn.execute(
            f"INSERT INTO entities ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) "
            f"ON CONFLICT(id) DO UPDATE SET {updates}",
            values,
        )

    def add_aliases(self, rows: list[tuple[str, str, str, str | None, int]]) -> None:
        """(entity_id, alias, key, language, seen); an alias seen in text stays marked seen."""
        self.conn.executemany(
            "INSERT INTO entity_aliases VALUES (?, ?, ?, ?, ?) ON CONFLICT(entity_id, alias) "
            "DO UPDATE SET seen = max(seen, excluded.seen), language = coalesce(language, excluded.language)",
            rows,
        )

    def iter_entities(self) -> Iterator[dict[str, Any]]:
        for row in self.conn.execute("SELECT * FROM entities ORDER BY id"):
            yield _entity(row)

    def get_entity(self, entity_id: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
        return _entity(row) if row else None

    def iter_aliases(self) -> Iterator[tuple[str, str, str, str | None, int]]:
        yield from (tuple(r) for r in self.conn.execute(
            "SELECT entity_id, alias, key, language, seen FROM entity_aliases ORDER BY entity_id"))

    def aliases_of(self, entity_id: str) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(
            "SELECT alias, language, seen FROM entity_aliases WHERE entity_id = ? ORDER BY seen DESC, alias",
            (entity_id,))]

    def replace_mentions(self, doc_id: str, rows: list[tuple], stage: str, version: str) -> None:
        """The document's mentions, all at once; marks the stage done for that document."""
        self.conn.execute("DELETE FROM mentions WHERE doc_id = ?", (doc_id,))
        self.conn.executemany(
            "INSERT OR REPLACE INTO mentions (doc_id, start, end, text, type, entity_id, detector, how, "
            "near_entity_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(doc_id, *r) for r in rows],
        )
        self.conn.execute("INSERT OR REPLACE INTO stage_outputs VALUES (?, ?, ?, ?)",
                          (doc_id, stage, version, now_iso()))

    def documents_without(self, stage: str, version: str, after: str | None = None) -> list[str]:
        """Ids of documents whose ``stage`` output is missing or from another version, or
        older than their ``after`` stage's output (the stage it builds on was re-run)."""
        stale = ""
        args: tuple = (stage, version)
        if after:
            stale = (" OR s.produced_at < (SELECT a.produced_at FROM stage_outputs a "
                     "WHERE a.doc_id = d.id AND a.stage = ?)")
            args = (stage, version, after)
        return [r[0] for r in self.conn.execute(
            "SELECT d.id FROM documents d LEFT JOIN stage_outputs s ON s.doc_id = d.id AND s.stage = ? "
            f"WHERE s.version IS NULL OR s.version != ?{stale} ORDER BY d.rowid",
            args)]

    def iter_mentions(self, doc_id: str | None = None) -> Iterator[dict[str, Any]]:
        sql = "SELECT doc_id, start, end, text, type, entity_id, detector, how, near_entity_id FROM mentions"
        args: tuple = ()
        if doc_id is not None:
            sql += " WHERE doc_id = ?"
            args = (doc_id,)
        for row in self.conn.execute(sql + " ORDER BY doc_id, start", args):
            yield dict(row)

    def entity_counts(self, limit: int = 20, type_: str | None = None) -> list[dict[str, Any]]:
        """Entities by number of mentions, with the number of documents."""
        where, args = ("WHERE e.type = ?", (type_,)) if type_ else ("", ())
        rows = self.conn.execute(
            "SELECT e.*, count(*) AS mentions, count(DISTINCT m.doc_id) AS documents "
            f"FROM mentions m JOIN entities e ON e.id = m.entity_id {where} "
            "GROUP BY e.id ORDER BY mentions DESC, e.name LIMIT ?",
            (*args, limit),
        )
        return [dict(_entity(r), mentions=r["mentions"], documents=r["documents"]) for r in rows]

    def find_entities(self, keys: list[str], name: str) -> list[dict[str, Any]]:
        """Entities with an alias of one of these keys, or whose name or id equals ``name``;
        the ones mentioned most first."""
        marks = ", ".join("?" * len(keys)) or "''"
        rows = self.conn.execute(
            "SELECT e.*, (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id) AS n FROM entities e "
            f"WHERE e.id = ? OR lower(e.name) = lower(?) OR e.id IN "
            f"(SELECT entity_id FROM entity_aliases WHERE key IN ({marks})) ORDER BY n DESC, e.id",
            (name, name, *keys),
        )
        return [_entity(r) for r in rows]

    def documents_mentioning(self, entity_id: str) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT d.id, d.title, d.language, d.published, count(*) AS mentions, "
            "group_concat(DISTINCT m.text) AS forms FROM mentions m JOIN documents d ON d.id = m.doc_id "
            "WHERE m.entity_id = ? GROUP BY d.id ORDER BY d.published, d.id",
            (entity_id,),
        )
        return [dict(r) for r in rows]

    # ------------------------------------------------------------------ claims and events
    CLAIM_COLUMNS = ("id", "doc_id", "start", "end", "source_text", "source_start", "source_end", "source_entity_id",
                     "source_kind", "side", "cue", "cue_start", "cue_end", "content", "content_start", "content_end",
                     "quote", "stance", "said_on", "refers_to", "quantities", "entity_ids", "channel", "how",
                     "event_types")

    def replace_claims(self, doc_id: str, rows: list[dict[str, Any]], stage: str, version: str) -> None:
        """The document's claims, all at once; marks the stage done for that document."""
        self.conn.execute("DELETE FROM claims WHERE doc_id = ?", (doc_id,))
        cols = self.CLAIM_COLUMNS
        self.conn.executemany(
            f"INSERT INTO claims ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            [tuple(int(r[c]) if c == "quote" else r[c] for c in cols) for r in rows])
        links = []
        for r in rows:
            if r["source_entity_id"]:
                links.append((r["id"], r["source_entity_id"], "source"))
            links.extend((r["id"], e, "content") for e in json.loads(r["entity_ids"]))
        self.conn.executemany("INSERT OR IGNORE INTO claim_entities VALUES (?, ?, ?)", links)
        self.conn.execute("INSERT OR REPLACE INTO stage_outputs VALUES (?, ?, ?, ?)",
                          (doc_id, stage, version, now_iso()))

    def iter_claims(self, source: str | None = None, stance: str | None = None, entity_ids: list[str] | None = None,
                    since: str | None = None, doc_id: str | None = None, limit: int | None = None,
                    group: str | None = None, group_status: str | None = None,
                    fields: tuple[str, ...] | None = None) -> Iterator[dict[str, Any]]:
        """Claims, oldest first, filtered: ``source`` matches the source text or entity id
        (case-insensitive substring), ``entity_ids`` any entity the claim names or is
        said by, ``since`` an ISO date (on ``said_on``). With ``fields``, only those columns
        of the claims table (no sentence, no document title): a smaller dict per claim for
        passes over all of them."""
        where, args = claim_filters(source=source, stance=stance, entity_ids=entity_ids, date_from=since,
                                    doc_id=doc_id, group_prefix=group, status=group_status)
        if fields is not None:
            unknown = set(fields) - set(self.CLAIM_COLUMNS) - {"group_id", "group_status"}
            if unknown:
                raise ValueError(f"not claim columns: {sorted(unknown)}")
            columns = ", ".join(f"c.{f}" for f in fields)
            source_sql = f"SELECT {columns} FROM claims c"
        else:
            source_sql = ("SELECT c.*, substr(d.text, c.start + 1, c.end - c.start) AS sentence, d.title AS doc_title "
                          "FROM claims c JOIN documents d ON d.id = c.doc_id")
        sql = (source_sql
               + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY c.said_on, c.doc_id, c.start" + (" LIMIT ?" if limit else ""))
        if limit:
            args.append(limit)
        for row in self.conn.execute(sql, args):
            yield decode_claim(dict(row))

    def count_claims(self) -> int:
        return self.conn.execute("SELECT count(*) FROM claims").fetchone()[0]

    def replace_events(self, rows: list[dict[str, Any]]) -> None:
        """All events at once (they are rebuilt from the claims)."""
        self.conn.execute("DELETE FROM events")
        cols = ("id", "type", "subtype", "date", "date_precision", "place_entity_id", "actor_entity_ids", "summary",
                "claim_ids", "doc_ids", "status")
        self.conn.executemany(
            f"INSERT INTO events ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            [tuple(json.dumps(r[c], ensure_ascii=False) if isinstance(r[c], list) else r[c] for c in cols)
             for r in rows])

    def duplicate_map(self) -> dict[str, str]:
        """doc id -> the canonical document it duplicates (syndicated copies are one source)."""
        return {r[0]: r[1] for r in self.conn.execute(
            "SELECT id, duplicate_of FROM documents WHERE duplicate_of IS NOT NULL")}

    def has_events(self) -> bool:
        return self.conn.execute("SELECT 1 FROM events LIMIT 1").fetchone() is not None

    def iter_events(self) -> Iterator[dict[str, Any]]:
        for row in self.conn.execute("SELECT * FROM events ORDER BY date, type, id"):
            r = dict(row)
            for key in ("actor_entity_ids", "claim_ids", "doc_ids"):
                r[key] = json.loads(r[key])
            yield r

    def _document(self, row: sqlite3.Row) -> Document:
        data = {k: row[k] for k in _DOC_COLUMNS if k not in ("run_id", "ingested_at")}
        for k in _JSON_COLUMNS:
            data[k] = json.loads(data[k])
        data["paragraphs"] = [Paragraph(**p) for p in data["paragraphs"]]
        doc = Document(**data)
        doc.timexes = self.time_expressions(doc.id)
        doc.stages = self.stage_versions(doc.id)
        return doc


def _document_row(doc: Document, run_id: int | None) -> list[Any]:
    values = []
    for col in _DOC_COLUMNS:
        if col == "run_id":
            values.append(run_id)
        elif col == "ingested_at":
            values.append(now_iso())
        elif col == "paragraphs":
            values.append(json.dumps([p.__dict__ for p in doc.paragraphs]))
        elif col in _JSON_COLUMNS:
            values.append(json.dumps(getattr(doc, col), ensure_ascii=False))
        else:
            values.append(getattr(doc, col))
    return values


def _split_sql(script: str) -> list[str]:
    """Statements of a migration script (no semicolons inside our statements or comments)."""
    return [chunk.strip() for chunk in script.split(";") if _has_sql(chunk)]


def _has_sql(chunk: str) -> bool:
    return any(line.strip() and not line.strip().startswith("--") for line in chunk.splitlines())


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
