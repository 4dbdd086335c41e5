"""WARC archives: one RawItem per HTML or text response record."""

from __future__ import annotations

import io
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from sitroom.decoding import decode
from sitroom.errors import RejectedInput, UnreadableInput
from sitroom.model import RawItem, Rejection
from sitroom.readers import sha
from sitroom.settings import Settings


def read_warc(path: str, data: bytes, settings: Settings) -> Iterator[RawItem | Rejection]:
    found = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type != "response":
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or f"{path}#{found}"
            http = record.http_headers
            ctype = (http.get_header("Content-Type") if http else "") or ""
            if http and http.get_statuscode() and not http.get_statuscode().startswith("2"):
                continue
            if "html" not in ctype and "text/plain" not in ctype:
                continue
            body = record.content_stream().read()
            found += 1
            origin = f"{path}#{uri}"
            try:
                text, encoding = decode(body, origin)
            except RejectedInput as exc:
                yield Rejection(origin, exc.reason, str(exc), sha(body))
                continue
            yield RawItem(
                origin=origin,
                content=text,
                fmt="html" if "html" in ctype else "text",
                raw_sha=sha(body),
                container="warc",
                url=uri,
                published=http.get_header("Last-Modified") if http else None,
                published_field="http:Last-Modified" if http and http.get_header("Last-Modified") else None,
                captured=record.rec_headers.get_header("WARC-Date"),
                encoding=encoding,
            )
    except (ArchiveLoadFailed, ValueError, OSError, EOFError) as exc:
        raise UnreadableInput(f"not a readable WARC archive: {exc}", path) from exc
    if not found:
        raise UnreadableInput("WARC archive holds no HTML or text responses", path)
