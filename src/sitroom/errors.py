"""Domain exceptions.

Every input that cannot become a document is reported through one of these, with a
machine-readable ``reason`` code and a human sentence; the pipeline records them as
rejections instead of dropping the input. The CLI turns any ``SitroomError`` into one
readable line.
"""

from __future__ import annotations


class SitroomError(Exception):
    """Base class: a problem a user can understand and usually fix."""

    hint: str = ""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        if hint:
            self.hint = hint


class RejectedInput(SitroomError):
    """An input (file, record, URL) that cannot be turned into a document."""

    reason = "rejected"

    def __init__(self, message: str, origin: str = "", hint: str = "") -> None:
        super().__init__(message, hint)
        self.origin = origin


class UnreadableInput(RejectedInput):
    reason = "unreadable"


class EmptyInput(RejectedInput):
    reason = "empty"


class TooLarge(RejectedInput):
    reason = "too-large"


class BinaryInput(RejectedInput):
    reason = "binary"


class UndecodableInput(RejectedInput):
    reason = "undecodable"


class MalformedRecord(RejectedInput):
    reason = "malformed"


class NotAFeed(RejectedInput):
    reason = "not-a-feed"


class TruncatedInput(RejectedInput):
    reason = "truncated"


class NoArticleText(RejectedInput):
    reason = "no-text"


class FetchFailed(RejectedInput):
    reason = "fetch-failed"


class StoreError(SitroomError):
    """The store cannot be opened or is in a state this version cannot use."""


class DataFileError(SitroomError):
    """A knowledge file shipped with (or given to) sitroom is broken."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}", hint="fix or remove that entry")
        self.path = path
        self.line = line
