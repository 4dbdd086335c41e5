"""The records that flow between stages.

``RawItem`` is what a reader found (one file, feed item, JSON record, WARC response or
fetched URL); ``Document`` is what the pipeline keeps. ``Rejection`` records an input
that could not become a document, with its reason. Offsets everywhere are Python string
indices into ``Document.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class RawItem:
    origin: str  # path, path#item, or URL: where a person can find the input again
    content: str  # decoded text or HTML
    fmt: str  # "text" | "html"
    raw_sha: str  # hash of the raw input of this item (resume + exact re-ingest)
    container: str = ""  # "file" | "jsonl" | "json" | "feed" | "warc" | "url"
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # raw metadata value, parsed by the dates stage
    published_field: str | None = None  # where that value came from (e.g. "json:date")
    captured: str | None = None  # when a crawler saw it (WARC-Date): publication is no later
    author: str | None = None
    language: str | None = None  # declared by the container, checked by the language stage
    genre: str | None = None
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class Rejection:
    origin: str
    reason: str
    detail: str
    raw_sha: str | None = None


@dataclass
class Paragraph:
    start: int
    end: int
    kind: str = "para"  # "para" | "heading"
    language: str | None = None


@dataclass
class TimeExpression:
    start: int
    end: int
    text: str
    value: str | None  # ISO date (first day of the period for coarse precisions)
    precision: str  # "day" | "week" | "month" | "season" | "year"
    how: str  # "absolute" | "relative" | "weekday" | "year-inferred" | "offset"

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class Document:
    id: str
    origin: str
    raw_sha: str
    content_sha: str
    text: str
    title: str
    title_how: str
    fmt: str
    container: str
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    genre: str = "article"
    language: str | None = None
    language_score: float | None = None
    languages: list[str] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    published: str | None = None
    published_how: str = "none"  # "metadata" | "text" | "none"
    published_evidence: str = ""
    published_precision: str | None = None
    published_earliest: str | None = None
    published_latest: str | None = None
    timexes: list[TimeExpression] = field(default_factory=list)
    duplicate_of: str | None = None
    duplicate_kind: str | None = None  # "exact" | "near"
    duplicate_similarity: float | None = None
    story_id: str | None = None
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)
    stages: dict[str, str] = field(default_factory=dict)  # stage name -> version
