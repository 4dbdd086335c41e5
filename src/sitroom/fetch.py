"""Fetch http(s) URLs of pages and feeds. The only part of sitroom that uses the network,
and only for URLs the user gave."""

from __future__ import annotations

from collections.abc import Iterator

from sitroom.decoding import decode
from sitroom.errors import FetchFailed, RejectedInput
from sitroom.model import RawItem, Rejection
from sitroom.readers import sha
from sitroom.settings import Settings

_FEED_TYPES = ("rss", "atom", "xml")


def fetch_url(url: str, settings: Settings, client=None) -> Iterator[RawItem | Rejection]:
    import httpx

    try:
        if client is None:
            with httpx.Client(timeout=settings.fetch_timeout, follow_redirects=True,
                              headers={"User-Agent": settings.user_agent}) as c:
                response = c.get(url)
        else:
            response = client.get(url)
    except httpx.HTTPError as exc:
        yield Rejection(url, FetchFailed.reason, f"cannot fetch ({type(exc).__name__}: {exc}); are you online?")
        return
    if response.status_code >= 400:
        yield Rejection(url, FetchFailed.reason, f"server answered HTTP {response.status_code}")
        return
    data = response.content
    if len(data) > settings.max_bytes:
        yield Rejection(url, "too-large", f"{len(data) / 1e6:.1f} MB is over the {settings.max_bytes / 1e6:.0f} MB limit")
        return
    ctype = response.headers.get("content-type", "").lower()
    head = data[:1024].lstrip().lower()
    try:
        if any(t in ctype for t in _FEED_TYPES) or head.startswith((b"<rss", b"<feed")) or (
            head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head)
        ):
            from sitroom.feeds import read_feed

            yield from read_feed(str(response.url), data, settings, container="url")
            return
        text, encoding = decode(data, url)
    except RejectedInput as exc:
        yield Rejection(url, exc.reason, str(exc), sha(data))
        return
    yield RawItem(
        origin=str(response.url),
        content=text,
        fmt="text" if "text/plain" in ctype else "html",
        raw_sha=sha(data),
        container="url",
        url=str(response.url),
        published=response.headers.get("last-modified"),
        published_field="http:Last-Modified" if response.headers.get("last-modified") else None,
        encoding=encoding,
    )
