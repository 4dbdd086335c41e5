"""Time expressions: recognise them per language (tables in ``data/timex``), then resolve
them to absolute dates against a reference date (the publication date).

Recognition and resolution are separate on purpose: the publication-date stage first
looks at the unresolved mentions (explicit dates, weekdays, "five months after August
2024") to infer when an undated text was written, then every mention is resolved
against that date.
"""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

from sitroom.model import TimeExpression

STAGE = ("timex", "4")  # 2: yearless dates lean to the past; 3: abbreviated months beside a day or a year;
# 4: a weekday after a future marker in its clause is the coming one ("will meet on Thursday"); "last week" in a
#    text of a Saturday or Sunday is the working week just ended
_B, _E = r"(?<!\w)", r"(?!\w)"
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"


@dataclass
class Mention:
    start: int
    end: int
    text: str
    kind: str  # date | weekday | relday | relperiod | ago | after | season | year
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    count: int = 0  # relday offset, relperiod offset, ago/after amount, weekday modifier
    unit: str | None = None
    part: str | None = None
    modifier: int | None = None  # weekdays: -1 last, 0 this/none, 1 next
    future: bool = False  # weekdays: the clause before it speaks of the future ("will meet on Thursday")

    @property
    def precision(self) -> str:
        if self.kind in ("weekday", "relday"):
            return "day"
        if self.kind in ("relperiod", "ago", "after"):
            return self.unit or "day"
        if self.kind == "season":
            return "season"
        if self.day:
            return "day"
        if self.month:
            return "month"
        return "year"

    @property
    def absolute(self) -> bool:
        """Carries its own year: resolvable without a reference date."""
        return self.kind in ("date", "season", "year") and self.year is not None


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


class Lexicon:
    """Compiled patterns of one language."""

    def __init__(self, lang: str, table: dict) -> None:
        self.lang = lang
        self.t = table
        # Abbreviated months ("20 июн", "3 лист.") name a month only beside a day or a year;
        # alone after a preposition many of them are ordinary words ("в лист", a letter).
        self.months = {**table["months"], **table.get("month_abbreviations", {})}
        months, wds = _alt(self.months), _alt(table["weekdays"])
        full_months = _alt(table["months"])
        parts = _alt(table.get("month_parts", {}))
        seasons = _alt(table.get("seasons", {}))
        nums = _alt(table.get("numbers", {}))
        units = _alt(table.get("units", {}))
        mods = table.get("weekday_modifiers", {})
        mods_before = _alt([k for k, v in mods.items() if v[1] == "before"]) or "(?!x)x"
        mods_after = _alt([k for k, v in mods.items() if v[1] == "after"]) or "(?!x)x"
        num = rf"(?P<n>\d{{1,3}}|{nums})" if nums else r"(?P<n>\d{1,3})"
        ago = table.get("ago", {})
        of = r"(?:(?:of|de|du|d['’])\s+)?"
        p: list[tuple[str, str]] = [
            ("iso", r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d-])"),
            ("numeric", r"(?<![\d/.])(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})(?![\d/]|\.\d)"),
            ("dmy", rf"{_B}(?:(?P<wd>{wds}),?\s+(?:(?:le|den|the)\s+)?)?(?P<d>[0-3]?\d)(?:er|st|nd|rd|th|\.|-го|-е|-ого)?\s+{of}(?P<m>{months})\.?(?:,?\s+(?P<y>{_YEAR}))?{_E}"),
        ]
        if table.get("mdy"):
            p.append(("mdy", rf"{_B}(?:(?P<wd>{wds}),?\s+)?(?P<m>{months})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+(?P<y>{_YEAR}))?(?![\d\w])"))
        p.append(("month-year", rf"{_B}(?:(?P<part>{parts})\s+{of})?(?P<m>{months})\.?,?\s+{of}(?P<y>{_YEAR}){_E}" if parts else rf"{_B}(?P<m>{months})\.?,?\s+(?P<y>{_YEAR}){_E}"))
        if seasons:
            p.append(("season-year", rf"{_B}(?P<s>{seasons})\s+{of}(?P<y>{_YEAR}){_E}"))
        if parts:
            p.append(("part-year", rf"{_B}(?P<part>{parts})\s+{of}(?P<y>{_YEAR}){_E}"))
            p.append(("part-month", rf"{_B}(?P<part>{parts})\s+{of}(?P<m>{full_months}){_E}"))
        if table.get("month_prefixes"):
            p.append(("bare-month", rf"{_B}(?:{_alt(table['month_prefixes'])})\s+(?P<t>(?P<m>{full_months})){_E}"))
        p.append(("weekday", rf"{_B}(?:(?P<mod>{mods_before})\s+)?(?P<wd>{wds})(?:\s+(?P<mod2>{mods_after}))?{_E}"))
        if table.get("relative_days"):
            p.append(("relday", rf"{_B}(?P<rd>{_alt(table['relative_days'])}){_E}"))
        if table.get("relative_periods"):
            p.append(("relperiod", rf"{_B}(?P<rp>{_alt(table['relative_periods'])}){_E}"))
        if units and ago.get("prefix"):
            p.append(("ago", rf"{_B}(?:{_alt(ago['prefix'])})\s+{num}\s+(?P<u>{units}){_E}"))
        if units and ago.get("suffix"):
            p.append(("ago", rf"{_B}{num}\s+(?P<u>{units})\s+(?:{_alt(ago['suffix'])}){_E}"))
        if units and table.get("after"):
            p.append(("after", rf"{_B}{num}\s+(?P<u>{units})\s+(?:{_alt(table['after'])}){_E}"))
        if table.get("year_prefixes"):
            p.append(("year", rf"{_B}(?:{_alt(table['year_prefixes'])})\s+(?P<t>(?P<y>{_YEAR})){_E}"))
        if table.get("year_suffixes"):
            p.append(("year", rf"{_B}(?P<t>(?P<y>{_YEAR}))\s*(?:{_alt(table['year_suffixes'])})(?!\w)"))
        self.patterns = [(name, re.compile(rx, re.IGNORECASE)) for name, rx in p]
        markers, endings = table.get("future_markers", []), table.get("future_endings", [])
        alts = ([rf"{_B}(?:{_alt(markers)}){_E}"] if markers else []) + ([rf"\w(?:{_alt(endings)}){_E}"] if endings else [])
        self.future = re.compile("|".join(alts), re.IGNORECASE) if alts else None
        past = table.get("past_markers", [])
        self.past = re.compile(rf"{_B}(?:{_alt(past)}){_E}", re.IGNORECASE) if past else None

    def find(self, text: str) -> list[Mention]:
        found: list[tuple[int, int, Mention]] = []
        for prio, (name, rx) in enumerate(self.patterns):
            for m in rx.finditer(text):
                mention = self._mention(name, m)
                if mention is not None:
                    found.append((prio, mention.end - mention.start, mention))
        found.sort(key=lambda x: (-x[1], x[0]))
        taken: list[Mention] = []
        for _, _, m in found:
            if all(m.end <= t.start or m.start >= t.end for t in taken):
                taken.append(m)
        if self.future is not None:
            for m in taken:
                if m.kind == "weekday" and m.modifier in (None, 0):
                    m.future = self._speaks_of_the_future(_clause_before(text, m.start))
        return sorted(taken, key=lambda m: m.start)

    def _speaks_of_the_future(self, clause: str) -> bool:
        """A future marker in ``clause`` that no past form follows or stands right before:
        "se rendra samedi", not "a frappé … mercredi" after "va", nor "était attendu"."""
        last = next(reversed(list(self.future.finditer(clause))), None)
        if last is None:
            return False
        if self.past is None:
            return True
        before = clause[:last.start()].split()
        return not (self.past.search(clause, last.end()) or (before and self.past.fullmatch(before[-1])))

    def _mention(self, name: str, m: re.Match) -> Mention | None:
        g = m.groupdict()
        start, end = (m.start("t"), m.end("t")) if g.get("t") else (m.start(), m.end())
        mk = lambda kind, **kw: Mention(start, end, m.string[start:end], kind, **kw)  # noqa: E731
        low = lambda key: re.sub(r"\s+", " ", g[key].lower()) if g.get(key) else None  # noqa: E731
        t = self.t
        if name == "iso":
            return _valid(mk("date", year=int(g["y"]), month=int(g["m"]), day=int(g["d"])))
        if name == "numeric":
            a, b = int(g["a"]), int(g["b"])
            if t["numeric_order"] == "MDY" and g["sep"] == "/" and a <= 12 or b > 12:
                a, b = b, a
            return _valid(mk("date", year=int(g["y"]), month=b, day=a))
        if name in ("dmy", "mdy"):
            wd = t["weekdays"].get(low("wd")) if g.get("wd") else None
            return _valid(mk("date", year=int(g["y"]) if g.get("y") else None, month=self.months[low("m").rstrip(".")],
                             day=int(g["d"]), weekday=wd))
        if name in ("month-year", "part-month", "bare-month"):
            return mk("date", year=int(g["y"]) if g.get("y") else None, month=self.months[low("m").rstrip(".")],
                      part=t["month_parts"].get(low("part")) if g.get("part") else None)
        if name == "season-year":
            return mk("season", year=int(g["y"]), month=t["seasons"][low("s")])
        if name == "part-year":
            return mk("year", year=int(g["y"]), part=t["month_parts"].get(low("part")))
        if name == "year":
            return mk("year", year=int(g["y"]))
        if name == "weekday":
            mod = low("mod") or low("mod2")
            modifier = t["weekday_modifiers"][mod][0] if mod else None
            return mk("weekday", weekday=t["weekdays"][low("wd")], modifier=modifier)
        if name == "relday":
            return mk("relday", count=t["relative_days"][low("rd")])
        if name == "relperiod":
            unit, offset = t["relative_periods"][low("rp")]
            return mk("relperiod", unit=unit, count=offset)
        if name in ("ago", "after"):
            n = g["n"].lower()
            count = int(n) if n.isdigit() else t["numbers"][re.sub(r"\s+", " ", n)]
            return mk(name, unit=t["units"][low("u")], count=count)
        return None


_CLAUSE_END = re.compile(r"[.;:!?,\n]")
CLAUSE_REACH = 100  # characters looked back for a future marker


def _clause_before(text: str, start: int) -> str:
    """The words of ``text`` before ``start`` in the same clause (back to a comma, a stop or
    a line break, at most ``CLAUSE_REACH`` characters): "… will travel to Brussels on"."""
    before = text[max(0, start - CLAUSE_REACH):start]
    ends = [m.end() for m in _CLAUSE_END.finditer(before)]
    return before[ends[-1]:] if ends else before


def _valid(m: Mention) -> Mention | None:
    if not (1 <= (m.month or 1) <= 12):
        return None
    if m.day is not None:
        last = calendar.monthrange(m.year or 2000, m.month or 1)[1]
        if not 1 <= m.day <= last:
            return None
    return m


@lru_cache(maxsize=None)
def lexicon(lang: str) -> Lexicon:
    try:
        raw = (resources.files("sitroom") / "data" / "timex" / f"{lang}.json").read_text("utf-8")
    except FileNotFoundError:
        return lexicon("en")
    return Lexicon(lang, json.loads(raw))


def find_mentions(text: str, lang: str | None) -> list[Mention]:
    return lexicon(lang or "en").find(text)


# -- resolution ------------------------------------------------------------------------

def add_units(d: date, unit: str, n: int) -> date:
    if unit == "day":
        return d + timedelta(days=n)
    if unit == "week":
        return d + timedelta(weeks=n)
    months = n if unit == "month" else 12 * n
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def weekday_on_or_before(ref: date, weekday: int) -> date:
    return ref - timedelta(days=(ref.weekday() - weekday) % 7)


FUTURE_WEIGHT = 3  # news reports mostly look back: a day ahead counts as three behind


def _distance(d: date, ref: date) -> int:
    days = (d - ref).days
    return days * FUTURE_WEIGHT if days > 0 else -days


def nearest_year(month: int, day: int, ref: date) -> date:
    """The (month, day) closest to ``ref``, a day ahead counting as ``FUTURE_WEIGHT`` days
    behind: a news text's dates cluster around its own, mostly before it ("on January 5"
    in a September report is the January that passed, "on December 2" in late November the
    coming one)."""
    options = []
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            options.append(date(y, month, day))
        except ValueError:
            continue
    return min(options, key=lambda d: (_distance(d, ref), d > ref))


def resolve(m: Mention, ref: date | None) -> tuple[date | None, str, str]:
    """(value, precision, how). Value is the first day of the period for coarse precisions."""
    prec = m.precision
    if m.kind == "date":
        if m.year is not None:
            return date(m.year, m.month or 1, m.day or 1), prec, "absolute"
        if ref is None:
            return None, prec, "unresolved"
        if m.day:
            if m.weekday is not None:
                fits = [d for d in (date(y, m.month, m.day) for y in range(ref.year - 1, ref.year + 2) if _exists(y, m.month, m.day))
                        if d.weekday() == m.weekday]
                if fits:
                    return min(fits, key=lambda d: _distance(d, ref)), prec, "year-inferred"
            return nearest_year(m.month, m.day, ref), prec, "year-inferred"
        return nearest_year(m.month, 1, ref.replace(day=1)), prec, "year-inferred"
    if m.kind == "season":
        return date(m.year, m.month, 1), prec, "absolute"
    if m.kind == "year":
        return date(m.year, 1, 1), prec, "absolute"
    if ref is None:
        return None, prec, "unresolved"
    if m.kind == "weekday":
        if m.future and m.modifier in (None, 0):  # "will meet on Thursday": that day or the next one of its name
            return ref + timedelta(days=(m.weekday - ref.weekday()) % 7), prec, "weekday"
        if m.modifier == 1:
            return ref + timedelta(days=(m.weekday - ref.weekday() - 1) % 7 + 1), prec, "weekday"
        d = weekday_on_or_before(ref, m.weekday)
        if m.modifier == -1 and d == ref:
            d -= timedelta(days=7)
        return d, prec, "weekday"
    if m.kind == "relday":
        return ref + timedelta(days=m.count), prec, "relative"
    if m.kind == "relperiod":
        if m.unit == "week" and m.count == -1 and ref.weekday() >= 5:
            # a weekend paper's "last week" is the working week just ended, not the one before it
            return ref - timedelta(days=ref.weekday()), prec, "relative"
        start = {"week": ref - timedelta(days=ref.weekday()), "month": ref.replace(day=1), "year": ref.replace(month=1, day=1)}[m.unit]
        return add_units(start, m.unit, m.count), prec, "relative"
    if m.kind == "ago":
        return add_units(ref, m.unit, -m.count), prec, "relative"
    return None, prec, "unresolved"  # "after": resolved against its anchor by the dates stage


def _exists(y: int, mo: int, d: int) -> bool:
    return d <= calendar.monthrange(y, mo)[1]


def to_expressions(mentions: list[Mention], ref: date | None, offsets: dict[int, date] | None = None) -> list[TimeExpression]:
    out = []
    for m in mentions:
        if offsets and m.start in offsets:
            value, prec, how = offsets[m.start], m.precision, "offset"
        else:
            value, prec, how = resolve(m, ref)
            if m.kind == "after" and value is None:
                continue
        out.append(TimeExpression(m.start, m.end, m.text, value.isoformat() if value else None, prec, how))
    return out
