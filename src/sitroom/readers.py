"""Inputs to ``RawItem``s: walk paths, recognise the format, decode, split containers.

One reader per container kind; each yields ``RawItem`` or ``Rejection`` and never raises
for a bad input, so one broken file or record never stops a batch.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sitroom.decoding import decode
from sitroom.errors import EmptyInput, MalformedRecord, RejectedInput, TooLarge, UnreadableInput
from sitroom.model import RawItem, Rejection
from sitroom.settings import Settings

Item = RawItem | Rejection

_EXT_FORMAT = {
    ".txt": "text", ".text": "text", ".md": "text", ".srt": "text", ".vtt": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".warc": "warc", ".arc": "warc",
}
# Record field names seen in news dumps, in order of preference.
FIELDS = {
    "title": ("title", "headline", "name"),
    "text": ("text", "body", "content", "articleBody", "article", "full_text", "maintext", "description"),
    "html": ("html", "raw_html", "content_html", "body_html"),
    "url": ("url", "link", "uri", "source_url"),
    "date": ("date", "published", "published_at", "datePublished", "pubDate", "publication_date",
             "date_publish", "created_at", "timestamp"),
    "outlet": ("outlet", "source", "site", "sitename", "site_name", "publisher", "source_domain", "domain"),
    "author": ("author", "authors", "byline", "creator"),
    "language": ("language", "lang", "locale"),
    "genre": ("genre", "type", "kind"),
}


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def iter_paths(paths: Iterable[str]) -> Iterator[str | Rejection]:
    """Expand files and folders (recursively, sorted, hidden entries skipped); URLs pass through."""
    for raw in paths:
        if raw.startswith(("http://", "https://")):
            yield raw
            continue
        p = Path(raw)
        if p.is_dir():
            try:
                for root, dirs, files in os.walk(p, onerror=_raise):
                    dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                    for name in sorted(files):
                        if not name.startswith("."):
                            yield str(Path(root) / name)
            except OSError as exc:
                yield Rejection(str(raw), UnreadableInput.reason, f"cannot list folder: {exc.strerror or exc}")
        elif p.exists() or p.is_symlink():
            yield str(p)
        else:
            yield Rejection(str(raw), UnreadableInput.reason, "no such file or folder")


def _raise(exc: OSError) -> None:
    raise exc


def read_path(path: str, settings: Settings) -> Iterator[Item]:
    """All items in one file. Never raises for bad input: yields a Rejection instead."""
    try:
        yield from _read_path(path, settings)
    except RejectedInput as exc:
        yield Rejection(path, exc.reason, str(exc))


def _read_path(path: str, settings: Settings) -> Iterator[Item]:
    data = _read_bytes(path, settings.max_bytes)
    name = path.lower()
    if name.endswith((".warc.gz", ".warc", ".arc.gz", ".arc")):
        from sitroom.warc import read_warc

        yield from read_warc(path, data, settings)
        return
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(path, data, settings.max_bytes)
        name = name.removesuffix(".gz")
    if not data.strip():
        raise EmptyInput("file is empty", path)
    fmt = _format_of(name, data)
    if fmt == "feed":
        from sitroom.feeds import read_feed

        yield from read_feed(path, data, settings)
        return
    text, encoding = decode(data, path)
    if not text.strip():
        raise EmptyInput("file holds only whitespace", path)
    if fmt == "jsonl":
        yield from read_jsonl(path, text, encoding)
    elif fmt == "json":
        yield from read_json(path, text, encoding)
    else:
        yield RawItem(origin=path, content=text, fmt=fmt, raw_sha=sha(data), container="file", encoding=encoding)


def _read_bytes(path: str, limit: int) -> bytes:
    try:
        size = os.path.getsize(path)
        if size > limit:
            raise TooLarge(f"{size / 1e6:.1f} MB is over the {limit / 1e6:.0f} MB limit (setting max_bytes)", path)
        with open(path, "rb") as fh:
            return fh.read(limit + 1)
    except IsADirectoryError as exc:
        raise UnreadableInput("is a folder", path) from exc
    except OSError as exc:
        raise UnreadableInput(f"cannot read: {exc.strerror or exc}", path) from exc


def _gunzip(path: str, data: bytes, limit: int) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
            out = gz.read(limit + 1)
    except (OSError, EOFError) as exc:
        raise UnreadableInput(f"gzip data is corrupt or truncated: {exc}", path) from exc
    if len(out) > limit:
        raise TooLarge(f"decompresses to over the {limit / 1e6:.0f} MB limit", path)
    return out


def _format_of(name: str, data: bytes) -> str:
    ext = os.path.splitext(name)[1]
    if ext in _EXT_FORMAT:
        return _EXT_FORMAT[ext]
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")):
        return "feed" if (b"<rss" in head or b"<feed" in head or b"<rdf" in head) else "html"
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<div", b"<p", b"<article")):
        return "html"
    if head.startswith((b"{", b"[")):
        return "jsonl" if data.count(b"\n{") > 0 and head.startswith(b"{") else "json"
    return "text"


# -- JSON records ----------------------------------------------------------------------

def read_jsonl(path: str, text: str, encoding: str) -> Iterator[Item]:
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        origin = f"{path}#L{lineno}"
        raw_sha = sha(line.encode("utf-8"))
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejection(origin, MalformedRecord.reason, f"line {lineno}: invalid JSON ({exc.msg}; column {exc.colno})", raw_sha)
            continue
        yield record_item(record, origin, raw_sha, "jsonl", encoding)


def read_json(path: str, text: str, encoding: str) -> Iterator[Item]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedRecord(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}", path) from exc
    records: Any = data
    if isinstance(data, dict):
        listed = next((data[k] for k in ("items", "articles", "documents", "records", "data") if isinstance(data.get(k), list)), None)
        records = listed if listed is not None else [data]
    if not isinstance(records, list):
        raise MalformedRecord("JSON holds neither a record nor a list of records", path)
    for i, record in enumerate(records):
        origin = path if len(records) == 1 else f"{path}#{i}"
        yield record_item(record, origin, sha(json.dumps(record, sort_keys=True, ensure_ascii=False).encode()), "json", encoding)


def record_item(record: Any, origin: str, raw_sha: str, container: str, encoding: str | None) -> Item:
    """A JSON-like record (dict) to a RawItem, reading the usual field names."""
    if not isinstance(record, dict):
        return Rejection(origin, MalformedRecord.reason, f"expected a JSON object, found {type(record).__name__}", raw_sha)
    got = {key: _first(record, names) for key, names in FIELDS.items()}
    html, text = got["html"], got["text"]
    if not (isinstance(html, str) and html.strip()) and not (isinstance(text, str) and text.strip()):
        fields = ", ".join(FIELDS["text"][:3] + FIELDS["html"][:1])
        return Rejection(origin, MalformedRecord.reason, f"record has no text (looked for {fields} ...)", raw_sha)
    is_html = isinstance(html, str) and bool(html.strip())
    date_key = next((k for k in FIELDS["date"] if record.get(k) not in (None, "")), None)
    return RawItem(
        origin=origin,
        content=html if is_html else text,
        fmt="html" if is_html else "text",
        raw_sha=raw_sha,
        container=container,
        title=_str(got["title"]),
        url=_str(got["url"]),
        outlet=_name(got["outlet"]),
        published=_str(got["date"]),
        published_field=f"{container}:{date_key}" if date_key else None,
        author=_name(got["author"]),
        language=_str(got["language"]),
        genre=_str(got["genre"]) if got["genre"] in ("article", "transcript", "post", "report", "statement") else None,
        encoding=encoding,
    )


def _first(record: dict, names: tuple[str, ...]) -> Any:
    for n in names:
        v = record.get(n)
        if v not in (None, "", [], {}):
            return v
    return None


def _str(v: Any) -> str | None:
    if v is None:
        return None
    return str(v).strip() or None


def _name(v: Any) -> str | None:
    """Outlets and authors come as strings, lists or {"name": ...} objects."""
    if isinstance(v, dict):
        return _str(v.get("name") or v.get("title"))
    if isinstance(v, list):
        names = [n for n in (_name(x) for x in v) if n]
        return ", ".join(names) or None
    return _str(v)
