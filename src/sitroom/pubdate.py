"""Publication date: from metadata when the container or page gives one, otherwise
inferred from the text and its leftover navigation, always with the evidence.

Text inference is constraint-based: explicit dates, "N months after <date>" and dated
day-month pairs whose weekday fixes the year give the latest moment the text speaks of
(the page cannot be older); a dated "NEXT" link gives a moment it cannot be newer than;
a bare weekday ("this Sunday", "mercredi") picks the day inside a month-wide window.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime

from sitroom.boilerplate import Removal
from sitroom.offices import bound_from_offices
from sitroom.timex import Mention, add_units, find_mentions, weekday_on_or_before

STAGE = ("dates", "1")
_EARLIEST = date(1990, 1, 1)


@dataclass
class PubDate:
    value: date | None
    how: str  # "metadata" | "text" | "none"
    evidence: str
    precision: str | None = None  # day | month | season | year
    earliest: date | None = None
    latest: date | None = None
    offsets: dict[int, date] | None = None  # resolved "N units after <date>" mentions by start


def parse_metadata_date(value: str | None, today: date) -> date | None:
    """A date from a metadata string (ISO 8601, RFC 822, or anything dateparser reads)."""
    if not value or not str(value).strip():
        return None
    s = str(value).strip()
    d: date | None = None
    try:
        d = datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError:
        try:
            d = parsedate_to_datetime(s).date()
        except (TypeError, ValueError, IndexError):
            m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", s)
            if m:
                d = date(int(m[1]), int(m[2]), int(m[3]))
            else:
                import dateparser

                parsed = dateparser.parse(s, settings={"PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": False})
                d = parsed.date() if parsed else None
    if d is None or d < _EARLIEST or d > today + timedelta(days=2):
        return None
    return d


def from_text(mentions: list[Mention], text: str, removals: list[Removal], lang: str | None, today: date) -> PubDate:
    """Infer the publication date of ``text`` from its own time expressions."""
    upper: list[tuple[date, str]] = []
    lower: list[tuple[date, str]] = []
    stated: list[tuple[date, str]] = []
    for r in removals:
        if r.bound is None:
            continue
        for m in find_mentions(r.text, lang):
            if m.kind == "date" and m.year and m.day:
                found = date(m.year, m.month, m.day)
                {"upper": upper, "lower": lower, "published": stated}[r.bound].append((found, r.text))
    stated = [x for x in stated if x[0] <= today]
    if stated:
        d, line = stated[0]
        return PubDate(d, "text", f"dateline: {_clip(line)}", "day", d, d)
    cap = min((d for d, _ in upper), default=today)
    years = [m.year for m in mentions if m.year and date(m.year, 1, 1) <= cap]
    floor_year = max(years, default=None)

    days: list[tuple[date, str]] = []  # day-precise moments the text refers to
    months: list[tuple[date, str]] = []  # month-precise ones
    coarse: list[tuple[date, str]] = []  # seasons and years
    offsets: dict[int, date] = {}
    derived: set[date] = set()  # months computed from "N months after <date>": estimates, not bounds
    for i, m in enumerate(mentions):
        if m.kind == "date" and m.year:
            (days if m.day else months).append((date(m.year, m.month, m.day or 1), m.text))
        elif m.kind == "date" and m.day and m.weekday is not None:
            d = _year_by_weekday(m, floor_year, cap)
            if d:
                days.append((d, f"{m.text} (weekday fits {d.year})"))
        elif m.kind in ("season", "year"):
            coarse.append((date(m.year, m.month or 1, 1), m.text))
        elif m.kind == "after":
            anchor = _anchor_after(mentions, i, text)
            if anchor is not None:
                d = add_units(date(anchor.year, anchor.month or 1, anchor.day or 1), m.unit, m.count)
                offsets[m.start] = d
                if anchor.day and m.unit in ("day", "week"):
                    days.append((d, f"{m.text} … {anchor.text}"))
                else:
                    months.append((d.replace(day=1), f"{m.text} … {anchor.text}"))
                    derived.add(d.replace(day=1))
    days = [x for x in days if x[0] <= cap]
    months = [x for x in months if x[0] <= cap]
    coarse = [x for x in coarse if x[0] <= cap]
    weekday = next((m for m in mentions if m.kind == "weekday" and m.modifier != 1 and not m.future), None)

    best_day = max(days, default=None)
    best_month = max(months, default=None)
    evidence: list[str] = []
    if upper:
        u, line = min(upper)
        evidence.append(f"navigation link to a later page dated {u.isoformat()} ({_clip(line)})")
        start = max([x for x in (best_day, best_month) if x], default=None)
        if start is None and weekday is not None:
            start = (weekday_on_or_before(u, weekday.weekday), weekday.text)
        if start:
            evidence.append(f"latest date in the text: {start[0].isoformat()} ({start[1]})")
        precise = start is not None and (u - start[0]).days <= 7
        return PubDate(u, "text", "; ".join(evidence), "day" if precise else "range",
                       earliest=start[0] if start else None, latest=u, offsets=offsets)
    if best_month and (best_day is None or best_month[0] > best_day[0]):
        window_start = best_month[0]
        window_end = date(window_start.year, window_start.month, calendar.monthrange(window_start.year, window_start.month)[1])
        value = window_start
        estimated = window_start in derived
        evidence.append(f"{'month from the text' if estimated else 'latest month in the text'}: {window_start:%Y-%m} ({best_month[1]})")
        if weekday is not None:
            value = window_start + timedelta(days=(weekday.weekday - window_start.weekday()) % 7)
            evidence.append(f"weekday cue: {weekday.text}")
        if estimated:
            return PubDate(value, "text", "; ".join(evidence), "month", window_start, window_end, offsets)
        # an explicit month the text mentions only says the text is not older than it
        return PubDate(value, "text", "; ".join(evidence), "range", window_start, None, offsets)
    if best_day:
        evidence.append(f"latest date in the text: {best_day[0].isoformat()} ({best_day[1]})")
        return PubDate(best_day[0], "text", "; ".join(evidence), "day", earliest=best_day[0], offsets=offsets)
    if coarse or lower:
        d, why = max(coarse + lower)
        evidence.append(f"not before {d.isoformat()} ({_clip(why)})")
        return PubDate(d, "text", "; ".join(evidence), "year", earliest=d, offsets=offsets)
    office = bound_from_offices(text, today)
    if office is not None:
        evidence = ["not before " + office.earliest.isoformat()] + office.evidence
        if office.latest:
            evidence[0] += f", not after {office.latest.isoformat()}"
        return PubDate(office.earliest, "text", "; ".join(evidence), "range", office.earliest, office.latest, offsets)
    return PubDate(None, "none", "no date in metadata or text", None, offsets=offsets)


def _year_by_weekday(m: Mention, floor_year: int | None, cap: date) -> date | None:
    """The latest year in which day-month falls on the named weekday, not before the text's
    latest explicit year and not after the upper bound (today when nothing else bounds it)."""
    lo = floor_year or cap.year - 10
    for y in range(cap.year, lo - 1, -1):
        if m.day <= calendar.monthrange(y, m.month)[1]:
            d = date(y, m.month, m.day)
            if d.weekday() == m.weekday and d <= cap:
                return d
    return None


def _anchor_after(mentions: list[Mention], i: int, text: str) -> Mention | None:
    """The dated expression a "N units after ..." phrase counts from, in the same sentence."""
    m = mentions[i]
    stop = _sentence_end(text, m.end)
    for later in mentions[i + 1 :]:
        if later.start > stop:
            break
        if later.kind == "date" and later.year:
            return later
    return None


def _sentence_end(text: str, pos: int) -> int:
    m = re.compile(r"[.!?](\s|$)|\n").search(text, pos)
    return m.start() if m else len(text)


def _clip(s: str, n: int = 90) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"
