"""RSS and Atom feeds (files or fetched URLs): one RawItem per entry."""

from __future__ import annotations

import re
from collections.abc import Iterator
from time import strftime

import feedparser

from sitroom.errors import NotAFeed
from sitroom.model import RawItem, Rejection
from sitroom.readers import sha
from sitroom.settings import Settings


def read_feed(origin: str, data: bytes, settings: Settings, container: str = "feed") -> Iterator[RawItem | Rejection]:
    parsed = feedparser.parse(data)
    if not parsed.get("version") and not parsed.entries:
        why = parsed.get("bozo_exception")
        detail = f" ({type(why).__name__}: {str(why)[:120]})" if why else ""
        raise NotAFeed(f"not an RSS or Atom feed{detail}", origin)
    outlet = parsed.feed.get("title")
    if not parsed.entries:
        raise NotAFeed("feed has no entries", origin)
    for i, entry in enumerate(parsed.entries):
        key = entry.get("id") or entry.get("link") or str(i)
        item_origin = f"{origin}#{key}"
        body, is_html = _entry_body(entry)
        raw = (entry.get("title", "") + "\n" + body).encode("utf-8")
        if not body.strip():
            yield Rejection(item_origin, NotAFeed.reason, f"feed entry {i + 1} has no content or summary", sha(raw))
            continue
        published, field = _entry_date(entry)
        yield RawItem(
            origin=item_origin,
            content=body,
            fmt="html" if is_html else "text",
            raw_sha=sha(raw),
            container=container,
            title=entry.get("title"),
            url=entry.get("link"),
            outlet=outlet,
            published=published,
            published_field=field,
            author=entry.get("author"),
            language=entry.get("language") or parsed.feed.get("language"),
        )


_TAG = re.compile(r"<[a-zA-Z/][^>]*>")


def _entry_body(entry) -> tuple[str, bool]:
    """The longest content of the entry, and whether it is HTML (declared and has tags)."""
    contents = entry.get("content") or []
    best = max(contents, key=lambda c: len(c.get("value", "")), default=None)
    if best and best.get("value", "").strip():
        value, ctype = best["value"], best.get("type", "text/html")
    else:
        value, ctype = entry.get("summary", ""), (entry.get("summary_detail") or {}).get("type", "text/html")
    return value, "html" in ctype and bool(_TAG.search(value))


def _entry_date(entry) -> tuple[str | None, str | None]:
    for key in ("published", "updated", "created"):
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return strftime("%Y-%m-%dT%H:%M:%S", parsed), f"feed:{key}"
        if entry.get(key):
            return entry[key], f"feed:{key}"
    return None, None
