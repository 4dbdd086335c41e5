"""Event typing of a sentence or clause with an ACLED-like scheme, from weighted trigger lexicons.

``classify(text, lang)`` returns one :class:`EventType` per subtype that has evidence in
``text[start:end]``, best first; ``best`` the first; ``top_type`` maps a subtype to its top
type (``battles``, ``explosions_remote_violence``, ``violence_against_civilians``,
``strategic_developments``, ``protests``, ``riots``, ``statements``, ``other_events``).
The scheme is ``data/events/types.json``; the triggers are data, one file per language
(``data/events/{en,fr,de,ru,uk}.json``); this module only applies them.

Trigger patterns (case-insensitive): ``*`` stands for any word characters (``shell*``,
``обстріл*``, ``*beschuss*`` for German compounds); a space matches spaces or hyphens, `` ?``
optionally; `` ... `` is a gap of up to four words; ``(a|b)``, ``?`` and ``[..]`` are regular
expression syntax; ``{NAME}`` inserts the file's macro ``NAME``. A pattern matches whole
words unless it starts or ends with ``*``.

A trigger row is ``[pattern, weight]``, or ``[pattern, weight, "means"]`` when the pattern
names a thing (a weapon, "sanctions", "peace talks") rather than an act: it types a text as
well as an act does, but on its own it does not make the text report an event
(``sitroom.events.reports``, which also reads the file's ``reports`` section).

Scoring: a subtype scores its heaviest trigger plus 0.2 of its other triggers' weights (at
most +1). A match that lies inside a longer match of another subtype (or on the same span
with a lower weight) is ignored, so "suicide bomber" is not also "bomb". Then the file's
cues run in order; a cue fires when all its ``if`` patterns and none of its ``unless``
patterns occur in the span. With ``from`` (subtypes) it needs such a candidate, optionally
with ``near`` occurring within ``window`` = [chars before, chars after] its trigger, and
gives subtype ``to`` that candidate's score + ``weight`` and trigger; without ``from`` it adds
``weight`` to ``to`` (creating it on the first ``if`` match). Ties: earlier trigger first.
With ``lang`` None or unknown the lexicons of the span's script (Cyrillic: ru, uk; Latin: en,
fr, de; both: all) are tried and the best evidence per subtype kept.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from sitroom.errors import DataFileError

LANGUAGES = ("en", "fr", "de", "ru", "uk")
GAP = r"(?:\W+\w+){0,4}?\W+"
SEP = r"[\s\-\u00a0]"
CYRILLIC, LATIN = re.compile(r"[\u0400-\u04ff]"), re.compile(r"[A-Za-z\u00c0-\u024f]")
MACRO = re.compile(r"\{([^\W\d]\w*)\}")
EXTRA_SHARE, EXTRA_CAP = 0.2, 1.0


@dataclass(frozen=True)
class EventType:
    type: str
    subtype: str
    score: float
    trigger_start: int
    trigger_end: int
    trigger: str
    means: bool = False  # the trigger names a thing (a weapon, "sanctions"), not an act


@dataclass(frozen=True)
class Cue:
    to: str
    weight: float
    sources: tuple[str, ...]
    when: tuple[re.Pattern, ...]
    unless: tuple[re.Pattern, ...]
    near: re.Pattern | None
    window: tuple[int, int]


@dataclass(frozen=True)
class Lexicon:
    language: str
    triggers: tuple[tuple[str, re.Pattern, float, bool], ...]  # (subtype, pattern, weight, means)
    cues: tuple[Cue, ...]
    acts: tuple[re.Pattern, ...] = ()  # "reports": verbs that make a named thing an act ("launched", "signed")
    irrealis_before: tuple[re.Pattern, ...] = ()  # "reports": what makes a following act unreal ("could", "to")
    irrealis_after: tuple[re.Pattern, ...] = ()  # "reports": ... and a preceding one ("talks could resume")
    window: int = 5  # "reports": words looked at before an act (three after it)
    participles: tuple[re.Pattern, ...] = ()  # "reports": forms of a participle that may stand as an adjective
    attributive_before: tuple[re.Pattern, ...] = ()  # "reports": what before such a form makes it one ("the occupied")
    attributive_after: tuple[re.Pattern, ...] = ()  # "reports": ... or after it ("освобождённых территорий")


def translate(pattern: str, macros: dict[str, str] | None = None) -> str:
    """The regular expression of a lexicon pattern (see the module docstring)."""
    def expand(m: re.Match) -> str:
        if macros is None or m.group(1) not in macros:
            raise ValueError(f"unknown macro {{{m.group(1)}}}")
        return "(?:" + _body(macros[m.group(1)]) + ")"

    def _body(p: str) -> str:
        parts = []
        for part in p.split(" ... "):
            out, depth, i = [], 0, 0
            while i < len(part):
                c = part[i]
                if c == "[":
                    depth += 1
                elif c == "]":
                    depth -= 1
                if depth == 0 and c == "*":
                    out.append(r"\w*")
                elif depth == 0 and c == " ":
                    if part[i + 1 : i + 2] == "?":
                        out.append(SEP + "*")
                        i += 1
                    else:
                        out.append(SEP + "+")
                else:
                    out.append(c)
                i += 1
            parts.append(MACRO.sub(expand, "".join(out)))
        return GAP.join(parts)

    body = _body(pattern.strip())
    head = "" if pattern.startswith("*") else r"(?<!\w)"
    tail = "" if pattern.endswith("*") else r"(?!\w)"
    return head + body + tail


def _compile(pattern: str, macros: dict[str, str]) -> re.Pattern:
    if not isinstance(pattern, str) or not pattern.strip():
        raise ValueError(f"pattern must be a non-empty string, not {pattern!r}")
    return re.compile(translate(pattern, macros), re.IGNORECASE)


def _json(text: str, path: str) -> dict:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataFileError(path, exc.lineno, f"invalid JSON: {exc.msg}") from exc
    if not isinstance(data, dict):
        raise DataFileError(path, None, "expected a JSON object")
    return data


def _read(name: str) -> str:
    try:
        return (resources.files("sitroom") / "data" / "events" / name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DataFileError(f"data/events/{name}", None, "file missing from the installation") from exc


@lru_cache(maxsize=1)
def types() -> dict:
    """``types.json``: ``top_types``, ``case`` (CASE-2021 label sets and mapping), ``plover``."""
    return load_types(_read("types.json"), "data/events/types.json")


def load_types(text: str, path: str = "types.json") -> dict:
    data = _json(text, path)
    try:
        top = {sub: top for top, subs in data["top_types"].items() for sub in subs}
        data["_top"] = top
        unknown = [s for s in [*data["case"]["map"], *data["case"]["seen"], *data["case"]["unseen"]] if s not in top]
    except (KeyError, TypeError, AttributeError) as exc:
        raise DataFileError(path, None, f"missing or malformed section: {exc}") from exc
    if unknown:
        raise DataFileError(path, None, f"subtype(s) without a top type: {', '.join(unknown)}")
    return data


def load_lexicon(text: str | Path, path: str | None = None) -> Lexicon:
    """A lexicon from its JSON text (or a file path); every problem is a ``DataFileError``."""
    if isinstance(text, Path):
        path, text = path or str(text), text.read_text(encoding="utf-8")
    path = path or "<lexicon>"
    data, known = _json(text, path), types()["_top"]
    macros = data.get("macros", {})
    triggers, cues = [], []
    try:
        for subtype, rows in data["triggers"].items():
            if subtype not in known:
                raise DataFileError(path, None, f"unknown subtype {subtype!r}")
            for i, row in enumerate(rows):
                try:
                    pattern, weight, *flag = row
                    if not isinstance(weight, (int, float)) or weight <= 0:
                        raise ValueError(f"weight must be a positive number, not {weight!r}")
                    if flag not in ([], ["means"]):
                        raise ValueError(f"the only flag after the weight is \"means\", not {flag!r}")
                    triggers.append((subtype, _compile(pattern, macros), float(weight), bool(flag)))
                except (ValueError, TypeError, re.error) as exc:
                    raise DataFileError(path, None, f"{subtype} trigger #{i}: {exc}") from exc
        for i, cue in enumerate(data.get("cues", [])):
            try:
                bad = [s for s in [cue["to"], *cue.get("from", [])] if s not in known]
                if bad:
                    raise ValueError(f"unknown subtype(s) {bad}")
                before, after = cue.get("window", [60, 60])
                near = _compile(cue["near"], macros) if "near" in cue else None
                if near is not None and not cue.get("from"):
                    raise ValueError("'near' needs 'from'")
                cues.append(Cue(cue["to"], float(cue["weight"]), tuple(cue.get("from", ())),
                                tuple(_compile(p, macros) for p in cue.get("if", ())),
                                tuple(_compile(p, macros) for p in cue.get("unless", ())), near, (int(before), int(after))))
            except (KeyError, ValueError, TypeError, re.error) as exc:
                raise DataFileError(path, None, f"cue #{i}: {exc}") from exc
        reports = data.get("reports", {})
        sections = {key: tuple(_compile(p, macros) for p in reports.get(key, ()))
                    for key in ("acts", "irrealis_before", "irrealis_after", "attributive_before", "attributive_after")}
        sections["participles"] = tuple(re.compile(translate(p, macros) + "$", re.IGNORECASE)
                                        for p in reports.get("participles", ()))
        window = int(reports.get("window", 5))
    except (KeyError, AttributeError, TypeError, ValueError, re.error) as exc:
        raise DataFileError(path, None, f"missing or malformed section: {exc}") from exc
    return Lexicon(str(data.get("language", "")), tuple(triggers), tuple(cues), window=window, **sections)


@lru_cache(maxsize=None)
def lexicon(lang: str) -> Lexicon:
    return load_lexicon(_read(f"{lang}.json"), f"data/events/{lang}.json")


def top_type(subtype: str) -> str:
    """The top type of ``subtype``; ``ValueError`` for a subtype not in the scheme."""
    try:
        return types()["_top"][subtype]
    except KeyError:
        raise ValueError(f"unknown event subtype {subtype!r}") from None


_RECENT: dict[tuple[int, int, int, int], tuple[str, list]] = {}  # the last spans matched: typing, then reports


def _matches(lex: Lexicon, text: str, start: int, end: int) -> list[tuple[str, float, int, int, bool]]:
    """(subtype, weight, start, end, means) of every trigger match not inside a longer or heavier one."""
    key = (id(lex), id(text), start, end)
    hit = _RECENT.get(key)
    if hit is not None and hit[0] is text:
        return hit[1]
    if len(_RECENT) >= 8:
        _RECENT.clear()
    found = [(sub, w, m.start(), m.end(), means) for sub, pat, w, means in lex.triggers
             for m in pat.finditer(text, start, end) if m.end() > m.start()]

    def shadowed(a) -> bool:
        return any(b[0] != a[0] and b[2] <= a[2] and a[3] <= b[3]
                   and ((b[3] - b[2]) > (a[3] - a[2]) or b[1] > a[1]) for b in found)
    kept = [a for a in found if not shadowed(a)]
    _RECENT[key] = (text, kept)
    return kept


def _score(lex: Lexicon, text: str, start: int, end: int) -> dict[str, list]:
    """subtype -> [score, trigger start, trigger end, means] after triggers and cues."""
    by_sub: dict[str, list] = {}
    for sub, w, s, e, means in _matches(lex, text, start, end):
        by_sub.setdefault(sub, []).append((w, s, e, means))
    cands = {}
    for sub, hits in by_sub.items():
        hits.sort(key=lambda h: (-h[0], h[1]))
        top, others = hits[0], {}
        for w, s, e, _means in hits[1:]:  # other evidence: spans apart from the top one, one per start
            if e <= top[1] or s >= top[2]:
                others[s] = max(w, others.get(s, 0.0))
        extra = min(EXTRA_CAP, EXTRA_SHARE * sum(others.values()))
        cands[sub] = [top[0] + extra, top[1], top[2], top[3]]
    for cue in lex.cues:
        first = None
        for _i, pat in enumerate(cue.when):
            m = pat.search(text, start, end)
            if m is None:
                break
            first = first or m
        else:
            if any(p.search(text, start, end) for p in cue.unless):
                continue
            base = _base(cue, cands, text, start, end)
            if cue.sources and base is None:
                continue
            if base is not None:
                old = cands.get(cue.to)
                score = max(base[0], old[0] if old else 0.0) + cue.weight
                cands[cue.to] = [score, *(old[1:] if old else base[1:])]
            elif cue.to in cands:
                cands[cue.to][0] += cue.weight
            elif first is not None:
                cands[cue.to] = [cue.weight, first.start(), first.end(), False]
    return cands


def _base(cue: Cue, cands: dict[str, list], text: str, start: int, end: int) -> list | None:
    """The best candidate among the cue's ``from`` subtypes that passes its ``near`` test."""
    pool = sorted((cands[s] for s in cue.sources if s in cands), key=lambda c: -c[0])
    for cand in pool:
        if cue.near is None:
            return cand
        lo, hi = max(start, cand[1] - cue.window[0]), min(end, cand[2] + cue.window[1])
        if cue.near.search(text, lo, cand[1]) or cue.near.search(text, cand[2], hi):
            return cand
    return None


def languages(text: str, lang: str | None, start: int = 0, end: int | None = None) -> tuple[str, ...]:
    """The lexicons :func:`classify` tries for ``text[start:end]``: ``lang``'s, else those of its script."""
    code = (lang or "").lower()[:2]
    return (code,) if code in LANGUAGES else _guess(text[start:end])


def act_spans(lex: Lexicon, text: str, start: int, end: int) -> list[tuple[int, int, str | None]]:
    """Where ``text[start:end]`` names an act, as (start, end, subtype): a trigger that is not a
    "means" nor part of a longer trigger ("air raid" in "air raid sirens", "frappes" in "frappes
    de missiles", which speak for it), or a listed act verb (subtype None)."""
    found = _matches(lex, text, start, end)
    every = [(s, e) for *_x, s, e, _means in found]
    spans = [(s, e, sub) for sub, _w, s, e, means in found
             if not means and not any(s2 <= s and e <= e2 and e2 - s2 > e - s for s2, e2 in every)]
    spans += [(m.start(), m.end(), None) for pat in lex.acts for m in pat.finditer(text, start, end)
              if m.end() > m.start()]
    return sorted(set(spans), key=lambda a: (a[0], a[1], a[2] or ""))


def _guess(span: str) -> tuple[str, ...]:
    """Lexicons to try without a known language: by script (Cyrillic, Latin or both)."""
    cyrillic, latin = bool(CYRILLIC.search(span)), bool(LATIN.search(span))
    return ("ru", "uk") if cyrillic and not latin else ("en", "fr", "de") if latin and not cyrillic else LANGUAGES


def classify(text: str, lang: str | None, start: int = 0, end: int | None = None) -> list[EventType]:
    """Every subtype with evidence in ``text[start:end]``, best first; offsets are into ``text``."""
    end = len(text) if end is None else min(end, len(text))
    best_by_sub: dict[str, list] = {}
    for code in languages(text, lang, start, end):
        for sub, cand in _score(lexicon(code), text, start, end).items():
            if sub not in best_by_sub or cand[0] > best_by_sub[sub][0]:
                best_by_sub[sub] = cand
    order = sorted(best_by_sub.items(), key=lambda kv: (-kv[1][0], kv[1][1]))
    return [EventType(top_type(sub), sub, round(score, 3), s, e, text[s:e], means)
            for sub, (score, s, e, means) in order]


def best(text: str, lang: str | None, start: int = 0, end: int | None = None) -> EventType | None:
    """The best :func:`classify` result, or None when ``text[start:end]`` has no trigger."""
    found = classify(text, lang, start, end)
    return found[0] if found else None
