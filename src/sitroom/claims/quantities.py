"""Quantities: the numbers in a sentence and what they count.

``find_quantities(text, lang, start=0, end=None)`` returns the :class:`Quantity` items found
in ``text[start:end]``, sorted by start, with offsets into the whole ``text``; each span runs
from the qualifier (or range opener) to the unit or counted noun ("about 800 km2",
"at least 12 civilians", "120 injured").

Vocabulary (see also ``Quantity``):

* ``measure``: ``area``, ``distance``, ``percent``, ``percent_territory`` (a percentage of a
  region / territory), ``localities``, ``killed``, ``injured``, ``captured``, ``soldiers``,
  ``troops``, ``civilians``, ``people``, ``drones``, ``missiles``, ``money``, ``duration``,
  ``mass`` (tonnes), ``calibre`` ("155 mm shells"), ``count`` (a number before some other noun;
  also "5 tanks", "in 28 times"), or None.
* ``unit``: ``km2``, ``ha``, ``km``, ``m``, ``mi``, ``mm``, ``t``, ``percent``, ``people``,
  ``localities``, ``items``, ``times``, ``seconds`` / ``minutes`` / ``days`` / ``hours`` /
  ``weeks`` / ``months`` / ``years`` / ``decades`` / ``centuries``, currency codes ``usd``,
  ``eur``, ``gbp``, ``uah``, ``rub``; None when nothing is known.
* ``qualifier``: ``at_least``, ``more_than``, ``nearly``, ``about``, ``up_to``, ``less_than``
  or None. ``approx`` is True for ``nearly`` / ``about`` and for vague amounts.

Rules. Numbers are read with the language's separators (en ``1,150.5``, also ``1 150`` as
machine translations write it; fr/ru/uk ``1 150,5`` with a space, no-break or narrow no-break
space; de ``1.150,5``), one group separator throughout a number ("1,000 155mm shells" is
1,000); with no (or an
unknown) language ``,`` and ``.`` before exactly three digits group thousands, otherwise they
are decimals, and only language-independent units are known (``%``, ``km``, ``km²``).
Multipliers ("1.5 million", "2 тыс.", "3 Mio.") scale the value. Number words are read with
``text2num`` for en/fr/de and with the ``number_words`` table for ru/uk; vague amounts
("dozens", "hundreds of", "des centaines", "сотни", "several dozen") take their order of
magnitude (12, 100, 1000 ...) as value with ``approx=True``. Numbers in words and vague
amounts are only reported when something countable follows. A casualty / capture word after
the counted noun in the same clause ("12 civilians were killed") or right before the number
("погибли 12") makes the measure ``killed`` / ``injured`` / ``captured`` (unit ``people``).
A number before a noun the lexicon does not know ("12 tanks") is ``count`` / ``items``, its span
ending after that one word. Ranges ("10-15", "10 to 15", "between 10 and 15", "от 10 до 15")
give two quantities: the lower bound with qualifier ``at_least``, the upper bound with
``up_to`` (``approx`` False), sharing the unit and measure.
Not reported: years (a bare 1900-2099 that counts nothing), dates and times found by
:mod:`sitroom.timex`, clock times ("9:00", "9 a.m.", "21h30"), phone-like digit groups,
ordinals ("12th", "12e", "47-я", German "12."), model names ("Su-34", "S-300", "F-16"), numbers
with a leading zero ("007").

The lexicons live in ``data/claims/quantities/<lang>.json`` (plus ``shared.json``, merged
into every language); a broken file raises :class:`DataFileError` naming it. Keys: ``decimal``,
``group`` (separators), ``qualifiers`` (phrase -> code), ``multipliers``, ``vague``,
``number_words`` (ru/uk) or ``text2num`` + ``number_tokens`` + ``word_joiners`` (en/fr/de),
``several``, ``not_alone``, ``units`` (phrase -> [unit, measure]), ``nouns`` / ``events``
(phrase -> measure), ``territory``, ``link``, ``breaks``, ``clock``, ``range_openers``,
``range_to``, ``numeral_suffixes`` (case endings after a hyphen: "260-ти"), flags ``compound_numbers`` ``dot_ordinal`` ``capitalized_nouns``
``capitalized_months``; shared only: ``currency_prefixes``, ``measure_units``. In phrases a
trailing ``*`` matches any ending, ``ё`` also matches ``е`` and ``'`` any apostrophe.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

from text_to_num import text2num

from sitroom.claims.model import Quantity
from sitroom.errors import DataFileError
from sitroom.timex import find_mentions

QUALIFIERS = frozenset({"at_least", "more_than", "nearly", "about", "up_to", "less_than"})
MEASURES = frozenset({"area", "distance", "percent", "percent_territory", "localities", "killed", "injured",
                      "captured", "soldiers", "troops", "civilians", "people", "drones", "missiles", "money",
                      "duration", "mass", "calibre", "count"})
EVENTS = frozenset({"killed", "injured", "captured"})
_APPROX = frozenset({"nearly", "about"})
_PEOPLE_LIKE = frozenset({None, "count", "people", "civilians", "soldiers", "troops"})
_DIR = ("data", "claims", "quantities")
_NEVER = r"(?!x)x"
_END = r"(?:(?<=\w)(?!\w)|(?<!\w))"  # after a phrase: no word character may follow a word
_WORD = r"[^\W\d_][^\s\d.,;:!?()\[\]\"«»“”„]*"
_CUT = re.compile(r"[.;:!?,()\[\]]")
_WORDS = re.compile(r"\w+")
_PHONE = re.compile(r"(?<![\w+.,])\+?\(?\d{1,4}\)?(?:[ .\-/]\(?\d{2,4}\)?){2,}(?!\w)")
_YEAR = re.compile(r"(?:19|20)\d\d")

# key -> (kind, value check); kinds: list of strings, dict with values of a type, flag
_STR, _NUM = (str,), (int, float)
_SCHEMA: dict[str, tuple[str, Any]] = {
    "decimal": ("list", None), "group": ("list", None), "number_tokens": ("list", None),
    "word_joiners": ("list", None), "several": ("list", None), "link": ("list", None),
    "not_alone": ("list", None), "territory": ("list", None), "breaks": ("list", None),
    "clock": ("list", None), "range_to": ("list", None), "numeral_suffixes": ("list", None),
    "text2num": ("flag", None), "compound_numbers": ("flag", None), "dot_ordinal": ("flag", None),
    "capitalized_nouns": ("flag", None), "capitalized_months": ("flag", None),
    "number_words": ("dict", _NUM), "vague": ("dict", _NUM), "multipliers": ("dict", _NUM),
    "qualifiers": ("dict", QUALIFIERS), "nouns": ("dict", MEASURES), "events": ("dict", EVENTS),
    "units": ("dict", "unit"), "range_openers": ("dict", _STR), "currency_prefixes": ("dict", _STR),
    "measure_units": ("dict", _STR),
}


def parse_table(name: str, raw: str) -> dict[str, Any]:
    """Parse and check one data file; ``name`` is used in the error."""
    try:
        table = json.loads(raw)
    except json.JSONDecodeError as e:
        raise DataFileError(name, e.lineno, f"invalid JSON: {e.msg}") from None
    if not isinstance(table, dict):
        raise DataFileError(name, None, "expected a JSON object")
    for key, val in table.items():
        if key not in _SCHEMA:
            raise DataFileError(name, None, f"unknown key {key!r}")
        kind, check = _SCHEMA[key]
        if kind == "flag" and not isinstance(val, bool):
            raise DataFileError(name, None, f"{key}: expected true or false")
        if kind == "list" and not (isinstance(val, list) and all(isinstance(v, str) and v for v in val)):
            raise DataFileError(name, None, f"{key}: expected a list of non-empty strings")
        if kind == "dict":
            if not isinstance(val, dict):
                raise DataFileError(name, None, f"{key}: expected an object")
            for k, v in val.items():
                ok = (isinstance(v, list) and len(v) == 2 and isinstance(v[0], str) and v[1] in MEASURES
                      if check == "unit" else isinstance(v, str) and v in check if isinstance(check, frozenset)
                      else isinstance(v, check) and not isinstance(v, bool))
                if not k or not ok:
                    raise DataFileError(name, None, f"{key}: bad entry {k!r}: {v!r}")
    return table


def _read(lang: str) -> dict[str, Any] | None:
    path = resources.files("sitroom").joinpath(*_DIR, f"{lang}.json")
    if not path.is_file():
        return None
    return parse_table("/".join(("sitroom", *_DIR, f"{lang}.json")), path.read_text("utf-8"))


def _norm(s: str) -> str:
    s = re.sub(r"\.\s*", ". ", s.lower().replace("’", "'").replace("ʼ", "'").replace("ё", "е"))
    return re.sub(r"\s+", " ", s).strip()


def _rx(phrase: str) -> str:
    """A data phrase as a regex: flexible spaces and apostrophes, ``ё``/``е``, ``*`` = any ending."""
    out, prev = [], ""
    for i, word in enumerate(phrase.split()):
        p = re.escape(word.rstrip("*")).replace("'", "['’ʼ]").replace("ё", "[её]")
        if i:
            out.append(r"\s*" if prev.endswith(".") else r"\s+")
        out.append(p + (r"\w*" if word.endswith("*") else ""))
        prev = word
    return "".join(out)


def _alt(phrases) -> str:
    return "|".join(_rx(p) for p in sorted(set(phrases), key=len, reverse=True)) or _NEVER


class _Table:
    """Phrases -> values: one regex alternative, and the value of a matched text."""

    def __init__(self, mapping: dict[str, Any]) -> None:
        self.pattern = _alt(mapping)
        self.exact = {_norm(k): v for k, v in mapping.items() if "*" not in k}
        self.stems = [(re.compile(_rx(k), re.I), v) for k, v in mapping.items() if "*" in k]

    def get(self, s: str) -> Any:
        v = self.exact.get(_norm(s))
        if v is None:
            v = next((val for rx, val in self.stems if rx.fullmatch(s)), None)
        return v


class _Lexicon:
    """Compiled patterns and tables of one language ('' = language-independent)."""

    def __init__(self, lang: str, t: dict[str, Any]) -> None:
        self.lang = lang
        self.known = bool(lang)
        I = re.IGNORECASE  # noqa: E741
        self.quals, self.mults = _Table(t.get("qualifiers", {})), _Table(t.get("multipliers", {}))
        self.vague, self.numwords = _Table(t.get("vague", {})), _Table(t.get("number_words", {}))
        self.units, self.nouns = _Table(t.get("units", {})), _Table(t.get("nouns", {}))
        self.events, self.currency = _Table(t.get("events", {})), _Table(t.get("currency_prefixes", {}))
        self.measure_units = t.get("measure_units", {})
        self.text2num = t.get("text2num", False)
        self.not_alone = {_norm(w) for w in t.get("not_alone", [])}
        self.breaks = {_norm(w) for w in t.get("breaks", [])}
        self.openers = {_norm(k): _norm(v) for k, v in t.get("range_openers", {}).items()}
        self.range_to = {_norm(w) for w in t.get("range_to", [])}
        self.dot_ordinal = t.get("dot_ordinal", False)
        self.cap_nouns = t.get("capitalized_nouns", False)
        self.cap_months = t.get("capitalized_months", not lang)
        group = "|".join(re.escape(g) for g in t.get("group", [","]))
        dec = "|".join(re.escape(d) for d in t.get("decimal", ["."]))
        if "." not in t.get("group", [","]) + t.get("decimal", ["."]):
            dec += r"|\.(?=\d(?!\d))"  # "22.5 мільйона" where the comma is the decimal mark (not "12.30", "24.02")
        suffix = _alt(t.get("numeral_suffixes", []))  # case endings: "260-ти тисяч", "5-ти тысяч"
        # one separator throughout a number: "1,000 155mm shells" is 1,000 shells of 155 mm
        digits = (rf"(?P<int>\d{{1,3}}(?P<gs>{group})\d{{3}}(?:(?P=gs)\d{{3}})*|\d+)(?:(?:{dec})(?P<frac>\d+))?"
                  rf"(?:-(?:{suffix})(?!\w))?(?![.,]?\d)(?!:\d)")
        if self.text2num:
            tok = _alt(t.get("number_tokens", []))
            tok = rf"(?!und(?!\w))(?:{tok})+" if t.get("compound_numbers") else rf"(?:{tok})"
            sep = r"(?:\s+|\s*-\s*)"
            joiner = rf"{sep}(?:(?:{_alt(t.get('word_joiners', []))}){sep})?"
        else:
            tok = rf"(?:{_alt(list(t.get('number_words', {})) + list(t.get('multipliers', {})))})"
            joiner = r"\s+"
        words = rf"{tok}{_END}(?:{joiner}{tok}{_END})*" if (self.text2num or self.numwords.exact) else _NEVER
        link = rf"(?:{_alt(t.get('link', []))})(?:\s+|(?<=['’ʼ]))"
        self.number = re.compile(
            rf"(?<![\w+])(?<![^\W\d_]-)(?<!\d[.,:])(?:(?P<q>{self.quals.pattern}){_END}\s*)?"
            rf"(?:(?P<sev>{_alt(t.get('several', []))})\s+)?(?:(?P<cur>{self.currency.pattern})\s*)?"
            rf"(?:(?P<num>{digits})(?:\s*(?P<mult>{self.mults.pattern}){_END})?"
            rf"|(?P<vague>{self.vague.pattern}){_END}(?:\s+(?:{link})?(?P<vmult>{self.vague.pattern}|{self.mults.pattern}){_END})?"
            rf"|(?P<words>{words}))", I)
        self.tokens = re.compile(tok, I)
        self.unit = re.compile(rf"\s*-?\s*(?:{link})?(?P<u>{self.units.pattern}){_END}", I)
        self.noun = re.compile(rf"\s*(?:{link})?(?:(?!(?:{_alt(t.get('breaks', []))})(?!\w)){_WORD}\s+){{0,3}}?"
                               rf"(?P<n>{self.nouns.pattern}){_END}", I)
        self.next_word = re.compile(rf"\s+({_WORD})(?![\w-])", I)
        self.event = re.compile(rf"(?<!\w)(?P<ev>{self.events.pattern}){_END}", I)
        self.event_back = re.compile(rf"(?<!\w)(?P<ev>{self.events.pattern}){_END}(?:\s+{_WORD}){{0,2}}\s*$", I)
        self.territory = re.compile(rf"(?<!\w)(?:{_alt(t.get('territory', []))}){_END}", I)
        self.clock = re.compile(rf"\s*(?:{_alt(t.get('clock', []))}){_END}", I)
        self.digits_only = re.compile(rf"{digits}", I)
        to = list(t.get("range_to", [])) + list(t.get("range_openers", {}).values())
        self.range_gap = re.compile(rf"\s*(?:[-–—]|(?P<w>{_alt(to)}))\s*", I)
        self.opener = re.compile(rf"(?<!\w)(?P<o>{_alt(self.openers)})\s+$", I)

    # -- one number ---------------------------------------------------------------------

    def read(self, text: str, m: re.Match, end: int) -> dict[str, Any] | None:
        """The candidate quantity of one number match (None: not a quantity)."""
        g = m.group
        c: dict[str, Any] = {"s": m.start(), "e": m.end(), "ne": m.end(), "unit": None, "measure": None,
                             "qual": self.quals.get(g("q")) if g("q") else None, "approx": bool(g("sev")),
                             "kind": "num", "year": False}
        c["approx"] = c["approx"] or c["qual"] in _APPROX
        if g("cur"):
            c["unit"], c["measure"] = self.currency.get(g("cur")), "money"
        if g("num") is not None:
            c["ns"] = m.start("num")
            if len(g("int")) > 1 and g("int")[0] == "0":
                return None  # "007", "03": codes, dates, phone numbers
            value = float(re.sub(r"\D", "", g("int")) + ("." + g("frac") if g("frac") else ""))
            if g("mult"):
                value *= self.mults.get(g("mult")) or 1
            else:
                nxt = text[c["ne"]:min(end, c["ne"] + 2)]
                glued = nxt[:1].isalpha() or nxt[:1] == "-" and nxt[1:2].isalpha()
                if glued and not self.unit.match(text, c["ne"], end):
                    return None  # 12th, 12e, 47-я, 2S19
                if self.dot_ordinal and re.match(r"\.\s+[^\W\d_]", text[c["ne"]:end]):
                    return None  # German ordinal: "12. Brigade"
                c["year"] = not g("cur") and g("frac") is None and bool(_YEAR.fullmatch(g("int")))
            if self.clock.match(text, c["ne"], end):
                return None
        elif g("vague"):
            c["ns"], c["kind"], c["approx"] = m.start("vague"), "vague", True
            value = self.vague.get(g("vague"))
            if value is None:
                return None
            if g("vmult"):
                value *= self.vague.get(g("vmult")) or self.mults.get(g("vmult")) or 1
        else:
            c["ns"], c["kind"] = m.start("words"), "words"
            parsed = self._words(text, m.start("words"), m.end("words"))
            if parsed is None:
                return None
            value, c["ne"] = parsed
            c["e"] = c["ne"]
        c["value"] = value
        um = self.unit.match(text, c["ne"], end)
        if um:
            c["unit"], c["measure"] = self.units.get(um.group("u")) or (None, None)
            c["e"] = um.end()
        elif c["measure"] is None:
            self._counted(text, c, end)
        return c

    def _words(self, text: str, s: int, e: int) -> tuple[float, int] | None:
        toks = list(self.tokens.finditer(text, s, e))
        for k in range(len(toks), 0, -1):
            chunk = text[s:toks[k - 1].end()]
            if k == 1 and _norm(chunk) in self.not_alone:
                return None
            value = self._parse_words(chunk)
            if value is not None:
                return value, toks[k - 1].end()
        return None

    def _parse_words(self, chunk: str) -> float | None:
        if self.text2num:
            try:
                return float(text2num(re.sub(r"\s+", " ", chunk), self.lang))
            except ValueError:
                return None
        total = cur = 0.0
        for tok in chunk.split():
            mult = self.mults.get(tok)
            if mult:
                total, cur = total + (cur or 1) * mult, 0.0
            elif (value := self.numwords.get(tok)) is not None:
                cur += value
            else:
                return None
        return total + cur

    def _counted(self, text: str, c: dict[str, Any], end: int) -> None:
        """What a unit-less number counts: a lexicon noun, else the next noun-like word."""
        nm = self.noun.match(text, c["e"], end)
        if nm:
            c["measure"] = self.nouns.get(nm.group("n"))
            c["unit"], c["e"] = self.measure_units.get(c["measure"]), nm.end()
            return
        wm = self.next_word.match(text, c["e"], end) if self.known and c["kind"] != "vague" else None
        if wm and _norm(wm.group(1)) not in self.breaks and not self.event.fullmatch(wm.group(1)) \
                and (not self.cap_nouns or wm.group(1)[0].isupper()):
            c["measure"], c["unit"], c["e"] = "count", "items", wm.end()

    # -- context: events, territory, ranges ---------------------------------------------

    def context(self, text: str, cands: list[dict[str, Any]], start: int, end: int) -> None:
        for i, c in enumerate(cands):
            nxt = cands[i + 1]["s"] if i + 1 < len(cands) else end
            prev = cands[i - 1]["e"] if i else start
            if c["unit"] == "percent":
                win = _clause(text, c["e"], min(nxt, c["e"] + 60))
                tm = self.territory.search(win)
                if tm and len(_WORDS.findall(win[:tm.start()])) <= 4:
                    c["measure"] = "percent_territory"
            if c["measure"] not in _PEOPLE_LIKE:
                continue
            back = self.event_back.search(_CUT.split(text[max(prev, c["s"] - 60):c["s"]])[-1])
            win = _clause(text, c["e"], min(nxt, c["e"] + 120))
            em = self.event.search(win)
            if back and not back.string[back.end("ev"):].strip():
                em = back  # "killed 3 and injured 12": the word right before the number wins
            elif em and len(_WORDS.findall(win[:em.start()])) <= 5:
                if not win[:em.start()].strip():
                    c["e"] += em.end()
            else:
                em = back
            if em:
                c["measure"], c["unit"] = self.events.get(em.group("ev")), "people"

    def ranges(self, text: str, cands: list[dict[str, Any]], start: int) -> None:
        """"10-15", "10 to 15", "between 10 and 15": lower bound at_least, upper bound up_to."""
        for a, b in zip(cands, cands[1:]):
            gm = self.range_gap.fullmatch(text, a["e"], b["ns"])
            if not gm:
                continue
            om = self.opener.search(text, max(start, a["s"] - 30), a["s"])
            word = _norm(gm.group("w") or "")
            if word and word not in self.range_to and not (om and self.openers[_norm(om.group("o"))] == word):
                continue  # "killed 10 and injured 15" is no range
            if om:
                a["s"] = om.start()
            a["qual"], b["qual"] = "at_least", "up_to"
            if a["unit"] is None and a["measure"] is None:
                a["unit"], a["measure"] = b["unit"], b["measure"]


def _clause(text: str, s: int, e: int) -> str:
    return _CUT.split(text[s:e], 1)[0]


@lru_cache(maxsize=None)
def _lexicon(lang: str) -> _Lexicon:
    shared = _read("shared") or {}
    table = _read(lang) if lang else None
    if table is None:
        return _Lexicon("", shared)
    merged = {**shared, **table}
    for key in ("units", "qualifiers", "currency_prefixes", "measure_units"):
        merged[key] = {**shared.get(key, {}), **table.get(key, {})}
    return _Lexicon(lang, merged)


def _lang(lang: str | None) -> str:
    code = re.split(r"[-_]", (lang or "").strip().lower())[0]
    return code if re.fullmatch(r"[a-z]{2,3}", code) else ""


def _noise(text: str, lang: str, lex: _Lexicon, start: int, end: int) -> list[tuple[int, int]]:
    """Spans that hold numbers but no quantity: dates and times (timex), phone-like groups."""
    spans = [(m.start(), m.end()) for m in _PHONE.finditer(text, start, end)
             if not lex.digits_only.fullmatch(m.group().lstrip("+"))]
    for mention in find_mentions(text[start:end], lang or None):
        if lex.cap_months and mention.kind == "date" and re.search(r"[^\W\d_]", mention.text) \
                and not any(ch.isupper() for ch in mention.text):
            continue  # "20 may have died": English and German months are capitalised
        spans.append((start + mention.start, start + mention.end))
    return spans


def find_quantities(text: str, lang: str | None, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Quantities in ``text[start:end]``, offsets into ``text``, sorted by start."""
    end = len(text) if end is None else min(end, len(text))
    code = _lang(lang)
    lex = _lexicon(code)
    cands = [c for m in lex.number.finditer(text, start, end) if (c := lex.read(text, m, end))]
    if not cands:
        return []
    lex.context(text, cands, start, end)
    lex.ranges(text, cands, start)
    noise = _noise(text, code, lex, start, end) if any(c["kind"] == "num" for c in cands) else []
    out = []
    for c in cands:
        if any(s < c["ne"] and c["ns"] < e for s, e in noise):
            continue
        if c["year"] and c["measure"] in (None, "count", "duration"):
            continue
        if c["kind"] != "num" and (c["measure"] is None or c["value"] == 1 and c["measure"] == "count"):
            continue
        q = c["qual"]
        out.append(Quantity(c["value"], c["unit"], c["measure"], c["approx"] or q in _APPROX, q,
                            c["s"], c["e"], text[c["s"]:c["e"]]))
    return out
