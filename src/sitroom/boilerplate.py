"""Boilerplate line patterns, loaded from ``data/boilerplate/*.json`` (patterns are data).

``BoilerplateRules.classify(line)`` says whether one stripped line is boilerplate and of
which kind; the plain-text cleaner decides what else goes with it (``follow``).
``BoilerplateRules.unglue(text)`` first breaks the lines a scraper glued together (page
blocks joined with no space: "…the vote.Updated at 15.04 BST 20 Apr 202213.14Six parties …"),
so that each block can be judged as a line of its own (``seams.json``).
"""

from __future__ import annotations

import json
import re
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from sitroom.errors import DataFileError


@dataclass(frozen=True)
class Pattern:
    id: str
    kind: str
    regex: re.Pattern
    alone: bool = False
    follow: int = 0
    bound: str | None = None  # "upper" | "lower": a date on this line bounds the page date


@dataclass(frozen=True)
class Removal:
    """One line taken out of a document, with the pattern that took it."""

    text: str
    kind: str
    pattern: str
    bound: str | None = None


_KINDS = {"navigation", "related", "social", "comments", "tracking", "punctuation", "promo", "dateline", "credit", "title-repeat"}


@dataclass(frozen=True)
class Seam:
    """Where a line break was lost: a zero-width match breaks the line there; a match
    with text (a glued timestamp) is set on a line of its own."""

    id: str
    regex: re.Pattern


class BoilerplateRules:
    def __init__(self, patterns: list[Pattern], dangling: dict[str, set[str]], seams: list[Seam] | None = None) -> None:
        self.patterns = patterns
        self.dangling_words = set().union(*dangling.values()) if dangling else set()
        self.seams = seams or []

    @classmethod
    def load(cls, folder: str | Path | None = None) -> "BoilerplateRules":
        base = Path(folder) if folder else Path(str(resources.files("sitroom") / "data" / "boilerplate"))
        patterns: list[Pattern] = []
        dangling: dict[str, set[str]] = {}
        seams: list[Seam] = []
        for path in sorted(base.glob("*.json")):
            data = _load_json(path)
            if path.name == "dangling.json":
                dangling = {k: set(v) for k, v in data.items() if isinstance(v, list)}
                continue
            if path.name == "seams.json":
                seams = [_seam(path, i, row) for i, row in enumerate(data.get("seams", []), 1)]
                continue
            for i, row in enumerate(data.get("patterns", []), 1):
                patterns.append(_pattern(path, i, row))
        return cls(patterns, dangling, seams)

    def unglue(self, text: str) -> str:
        for seam in self.seams:
            text = seam.regex.sub(lambda m: f"\n{m.group(0)}\n" if m.group(0) else "\n", text)
        return text

    def classify(self, line: str) -> Pattern | None:
        for p in self.patterns:
            if p.regex.search(line):
                return p
        return None

    def ends_dangling(self, line: str) -> bool:
        words = line.rstrip().split()
        return bool(words) and words[-1].lower() in self.dangling_words


def _load_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataFileError(str(path), exc.lineno, f"invalid JSON: {exc.msg}") from exc


@contextmanager
def _row(path: Path, where: str):
    """Turn a missing field or a bad regex of one data row into a ``DataFileError``."""
    try:
        yield
    except KeyError as exc:
        raise DataFileError(str(path), None, f"{where}: missing field {exc}") from exc
    except re.error as exc:
        raise DataFileError(str(path), None, f"{where}: bad regex: {exc}") from exc


def _pattern(path: Path, index: int, row: dict) -> Pattern:
    where = f"pattern #{index} ({row.get('id', 'no id')})"
    with _row(path, where):
        kind = row["kind"]
        if kind not in _KINDS:
            raise DataFileError(str(path), None, f"{where}: unknown kind {kind!r}")
        flags = 0 if row.get("case") else re.IGNORECASE
        return Pattern(
            id=row["id"],
            kind=kind,
            regex=re.compile(row["regex"], flags),
            alone=bool(row.get("alone", False)),
            follow=int(row.get("follow", 0)),
            bound=row.get("bound"),
        )


def _seam(path: Path, index: int, row: dict) -> Seam:
    with _row(path, f"seam #{index} ({row.get('id', 'no id')})"):
        return Seam(id=row["id"], regex=re.compile(row["regex"], re.MULTILINE))
