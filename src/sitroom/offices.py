"""Dates from who held which office: "President Trump" or "le vice-président JD Vance" is
written while that person held the office. For a text with no date at all, the
intersection of these periods bounds when it was written. The periods are data
(``data/office_terms.json``), not code.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

from sitroom.errors import DataFileError


@dataclass(frozen=True)
class Term:
    office: str
    pattern: re.Pattern
    held: tuple[tuple[date, date | None], ...]


@dataclass
class OfficeBound:
    earliest: date
    latest: date | None
    evidence: list[str]


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def terms() -> tuple[tuple[Term, ...], re.Pattern]:
    path = resources.files("sitroom") / "data" / "office_terms.json"
    data = json.loads(path.read_text("utf-8"))
    not_current = re.compile(rf"(?:{_alt(w for ws in data['not_current'].values() for w in ws)})[\s-]*$", re.I)
    out = []
    for i, row in enumerate(data["terms"], 1):
        try:
            held = tuple((date.fromisoformat(a), date.fromisoformat(b) if b else None) for a, b in row["held"])
            rx = re.compile(rf"(?<!\w)(?:{_alt(row['titles'])})\s+(?:[\w.'’-]+\s+){{0,2}}?(?:{_alt(row['person'])})(?!\w)", re.I)
        except (KeyError, ValueError, re.error) as exc:
            raise DataFileError(str(path), None, f"term #{i} ({row.get('office')}): {exc}") from exc
        out.append(Term(row["office"], rx, held))
    return tuple(out), not_current


def bound_from_offices(text: str, today: date) -> OfficeBound | None:
    """The window (earliest, latest) allowed by every titled mention, or None."""
    all_terms, not_current = terms()
    windows: list[tuple[date, date]] = [(date(1900, 1, 1), today)]
    evidence: list[str] = []
    for term in all_terms:
        for m in term.pattern.finditer(text):
            if not_current.search(text[max(0, m.start() - 12) : m.start()]):
                continue  # "former President Trump" says nothing about the date
            allowed = [(a, b or today) for a, b in term.held]
            narrowed = [(max(w0, a), min(w1, b)) for w0, w1 in windows for a, b in allowed if max(w0, a) <= min(w1, b)]
            if not narrowed:
                continue  # contradicts another mention: ignore this one
            windows = narrowed
            evidence.append(f"“{m.group(0)}” ({term.office} {', '.join(f'{a:%Y-%m-%d}–{b:%Y-%m-%d}' if b else f'since {a:%Y-%m-%d}' for a, b in term.held)})")
            break
    if not evidence:
        return None
    lo = min(w[0] for w in windows)
    hi = max(w[1] for w in windows)
    return OfficeBound(lo, None if hi >= today else hi, evidence)
