"""Plain-text cleaning: one title, boilerplate lines out (and kept), split sentences rejoined,
headings kept as headings.

The same line-level pass also runs on the text trafilatura extracts from HTML, where
"READ ALSO" lines and social-embed remnants often survive.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources

from sitroom.boilerplate import BoilerplateRules, Removal
from sitroom.model import Paragraph

STAGE = ("clean", "2")  # 2: lines a scraper glued together are broken first (seams.json)

_TERMINAL = tuple(".!?…:;\"”»)'’]›") + ("...",)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_TITLE_SUFFIX = re.compile(r"^(?P<title>.{20,}?)\s+[–—|-]\s+(?P<site>[^–—|]{2,40})$")
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class CleanText:
    text: str
    title: str
    title_how: str  # "metadata" | "repeated" | "first-line" | "first-sentence" | "none"
    paragraphs: list[Paragraph]
    removals: list[Removal] = field(default_factory=list)
    genre: str = "article"
    outlet_hint: str | None = None

    @property
    def removed(self) -> list[str]:
        return [r.text for r in self.removals]


@dataclass
class _Unit:
    text: str
    blank_before: bool


class TextCleaner:
    def __init__(self, rules: BoilerplateRules | None = None, genre_cues: dict | None = None) -> None:
        self.rules = rules or BoilerplateRules.load()
        self.genre = genre_cues or json.loads((resources.files("sitroom") / "data" / "genre.json").read_text("utf-8"))

    def clean(self, raw: str, title: str | None = None, find_title: bool = True) -> CleanText:
        units = _units(self.rules.unglue(normalize(raw)))
        removals: list[Removal] = []
        title_how = "metadata" if title else "none"
        if title:
            units = _drop_title_repeats(units, title, removals)
        elif find_title:
            title, title_how, units = _detect_title(units, removals)
        units = self._drop_boilerplate(units, removals)
        genre = self._genre([u.text for u in units])
        paragraphs = self._paragraphs(units, spoken=genre == "transcript")
        text, spans = _assemble(paragraphs)
        outlet = None
        if title:
            m = _TITLE_SUFFIX.match(title)
            if m and _looks_like_site(m.group("site")):
                title, outlet = m.group("title").strip(), m.group("site").strip()
        if not title:
            title, title_how = _first_sentence(text), "first-sentence"
        return CleanText(text, title or "", title_how, spans, removals, genre, outlet)

    # -- boilerplate ---------------------------------------------------------------
    def _drop_boilerplate(self, units: list[_Unit], removals: list[Removal]) -> list[_Unit]:
        kept: list[_Unit] = []
        i = 0
        while i < len(units):
            line = units[i].text
            p = self.rules.classify(line)
            if p is None:
                kept.append(units[i])
                i += 1
                continue
            removals.append(Removal(line, p.kind, p.id, p.bound))
            i += 1
            budget = p.follow if p.alone else 0
            taken = 0
            while budget and i < len(units):
                if taken and units[i].blank_before:
                    break  # a blank line ends a related-links block
                nxt = units[i].text
                again = self.rules.classify(nxt)
                if again is not None and again.id == p.id:
                    removals.append(Removal(nxt, again.kind, again.id, again.bound))
                elif _headline_like(nxt) and (again is None or again.kind == p.kind):
                    removals.append(Removal(nxt, p.kind, p.id, p.bound))
                    budget -= 1
                    taken += 1
                else:
                    break
                i += 1
        return kept

    # -- paragraphs ----------------------------------------------------------------
    def _paragraphs(self, units: list[_Unit], spoken: bool = False) -> list[tuple[str, str]]:
        """Rejoin lines split mid-sentence; mark headings. Returns (text, kind) pairs.

        In written text a short capitalised unpunctuated line standing after a finished
        paragraph is a section heading: the lower-case line after it is not glued to it.
        Transcripts have no headings, only lines cut by the speaker's pauses.
        """
        paras: list[str] = []
        headings: set[int] = set()
        fresh_heading = False
        for k, unit in enumerate(units):
            line = unit.text
            after = units[k + 1].text if k + 1 < len(units) else None
            if paras and not fresh_heading and self._continues(paras[-1], line, after):
                sep = "" if paras[-1].endswith("-") and not paras[-1].endswith(" -") else " "
                paras[-1] = paras[-1] + sep + line
                continue
            fresh_heading = (
                not spoken
                and unit.blank_before
                and _word_count(line) <= 6
                and not _starts_lower(line)
                and not line.endswith(_TERMINAL)
                and (not paras or paras[-1].endswith(_TERMINAL))
            )
            if fresh_heading:
                headings.add(len(paras))
            paras.append(line)
        out = []
        for k, p in enumerate(paras):
            nxt = paras[k + 1] if k + 1 < len(paras) else None
            heading = k in headings or (not spoken and _heading_like(p, nxt))
            out.append((p, "heading" if heading else "para"))
        return out

    def _continues(self, prev: str, line: str, after: str | None) -> bool:
        if prev.endswith(_TERMINAL):
            return False
        if self.rules.ends_dangling(prev):
            return True
        if not _starts_lower(line):
            return False
        # A short unpunctuated lower-case line followed by a capitalised one is a heading.
        return not (_word_count(line) <= 6 and not line.endswith(_TERMINAL) and (after is None or not _starts_lower(after)))

    def _genre(self, lines: list[str]) -> str:
        head = " ".join(lines[:12]).lower()
        if any(cue in head for cue in self.genre["transcript_cues"]):
            return "transcript"
        if len(lines) >= self.genre["transcript_min_lines"] and sum(map(len, lines)) / len(lines) < 140:
            bare = sum(1 for ln in lines if not ln.endswith(_TERMINAL))
            if bare / len(lines) >= self.genre["transcript_unpunctuated_share"]:
                return "transcript"
        return "article"


def normalize(raw: str) -> str:
    text = unicodedata.normalize("NFC", raw).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ").replace("\u00a0", " ")
    return text


def _units(text: str) -> list[_Unit]:
    units, blank = [], False
    for line in text.split("\n"):
        s = re.sub(r"[ \u2000-\u200a\u202f\u3000]+", " ", line).strip()
        if not s:
            blank = True
            continue
        units.append(_Unit(s, blank))
        blank = False
    return units


def _key(s: str) -> str:
    return " ".join(_WORD.findall(s.lower()))


def _same_title(a: str, b: str) -> bool:
    ka, kb = _key(a), _key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    short, long_ = sorted((ka, kb), key=len)
    if long_.startswith(short) and len(short) >= 0.6 * len(long_):
        return True
    # "kyiv’s" vs "kyivs": compare with word-internal punctuation dropped
    return ka.replace(" ", "") in kb.replace(" ", "") and len(ka) >= 0.6 * len(kb)


def _drop_title_repeats(units: list[_Unit], title: str, removals: list[Removal]) -> list[_Unit]:
    out = list(units)
    while out and _same_title(out[0].text, title):
        removals.append(Removal(out[0].text, "title-repeat", "title-repeat"))
        out.pop(0)
    return out


def _detect_title(units: list[_Unit], removals: list[Removal]) -> tuple[str | None, str, list[_Unit]]:
    if not units:
        return None, "none", units
    first = units[0].text
    repeats = [k for k in range(1, min(4, len(units))) if _same_title(units[k].text, first)]
    if repeats:
        for k in reversed(repeats):
            removals.append(Removal(units[k].text, "title-repeat", "title-repeat"))
        rest = [u for k, u in enumerate(units[1:], 1) if k not in repeats]
        return first, "repeated", rest
    second_blank = len(units) > 1 and units[1].blank_before and not _starts_lower(units[1].text)
    if second_blank and _word_count(first) <= 25 and (not first.endswith(".") or first.endswith("...")):
        return first, "first-line", units[1:]
    return None, "none", units


def _assemble(paragraphs: list[tuple[str, str]]) -> tuple[str, list[Paragraph]]:
    spans, parts, pos = [], [], 0
    for text, kind in paragraphs:
        if parts:
            pos += 2
        spans.append(Paragraph(pos, pos + len(text), kind))
        parts.append(text)
        pos += len(text)
    return "\n\n".join(parts), spans


def _first_sentence(text: str, limit: int = 160) -> str:
    m = re.search(r"^(.{20,}?[.!?])(\s|$)", text[: limit * 2], re.S)
    sentence = (m.group(1) if m else text[:limit]).split("\n")[0].strip()
    if len(sentence) > limit:
        sentence = sentence[:limit].rsplit(" ", 1)[0] + "…"
    return sentence


def _word_count(s: str) -> int:
    return len(s.split())


def _headline_like(s: str) -> bool:
    return _word_count(s) <= 16 and len(s) <= 160


def _starts_lower(s: str) -> bool:
    for ch in s:
        if ch.isalpha():
            return ch.islower()
        if ch.isdigit():
            return False
    return False


def _heading_like(p: str, nxt: str | None) -> bool:
    return (
        nxt is not None
        and _word_count(p) <= 12
        and not p.rstrip("”\"»").endswith(tuple(".!?…:;,"))
        and not _starts_lower(nxt)
    )


def _looks_like_site(s: str) -> bool:
    words = s.split()
    return 1 <= len(words) <= 4 and not any(ch.isdigit() for ch in s) and all(w[0].isupper() for w in words if w[0].isalpha())
