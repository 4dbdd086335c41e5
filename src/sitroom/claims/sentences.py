"""Sentence boundaries with character offsets.

Line breaks always end a sentence (cleaned text keeps one paragraph or transcript line per
line). Inside a line: razdel for Russian and Ukrainian, elsewhere a rule that ends a
sentence at . ! ? … (and any closing quotes or brackets after them) followed by a space and
an upper-case letter, a digit or an opening quote, except after common abbreviations,
initials and a day number before a month name (German "am 28. Juli"). ``paragraphs`` cuts a text into the blocks the parser is given one at a time.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from sitroom import timex
from sitroom.entities.recognizers import chunks

_ABBREV = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "gov", "sen", "rep", "st",
    "mt", "jr", "sr", "no", "vs", "etc", "inc", "corp", "ltd", "co", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g", "i.e", "approx", "est", "dept",
    "m", "mme", "mlle", "me", "mgr", "ste", "hr", "fr", "frau", "nr", "bzw", "ca", "z.b", "u.a", "vgl",
    "г", "гг", "ул", "им", "т.е", "т.д", "т.п", "пер", "тыс", "млн", "млрд", "кв", "км", "ім", "р", "рр",
}
_END = re.compile(r"[.!?…]+[\"”»“’)\]]*(?=\s+[\"“«„(\[]?[\w\d])")
_LINES = re.compile(r"[^\n]+")


def _line_sentences(text: str, start: int, end: int, months: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """Sentences of one line; ``months``: the language's month names, before which a day
    number's full stop is an ordinal's ("am 28. Juli"), not a sentence end."""
    out, s = [], start
    for m in _END.finditer(text, start, end):
        dot = m.start()
        word = re.search(r"([\w.]+)$", text[s:dot])
        token = word.group(1).lower() if word else ""
        if text[dot] == "." and (token in _ABBREV or (len(token) == 1 and token.isalpha())):
            continue
        nxt = re.match(r"\s+", text[m.end():end])
        following = text[m.end() + (nxt.end() if nxt else 0):m.end() + (nxt.end() if nxt else 0) + 1]
        if following and following.isalpha() and following.islower():
            continue
        if text[dot] == "." and token.isdigit() and len(token) <= 2 and months:
            after = re.match(r"\s*([^\W\d_]+)", text[m.end():end])
            if after and after.group(1).lower() in months:
                continue
        out.append((s, m.end()))
        s = m.end()
        while s < end and text[s].isspace():
            s += 1
    if s < end:
        out.append((s, end))
    return out


@dataclass
class Segmenter:
    lang: str | None

    @cached_property
    def months(self) -> frozenset[str]:
        """Month names, where the language writes a day as an ordinal with a full stop
        (``ordinal_dot`` in its time-expression table: German "28. Juli")."""
        table = timex.lexicon(self.lang).t if self.lang else {}
        if table.get("ordinal_dot") is not True or timex.lexicon(self.lang).lang != self.lang:
            return frozenset()
        return frozenset(w.lower() for w in table.get("months", {}))

    @classmethod
    def for_language(cls, lang: str | None) -> "Segmenter":
        return cls(lang)

    def split(self, text: str) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        for line in _LINES.finditer(text):
            s, e = line.start(), line.end()
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if s >= e:
                continue
            if self.lang in ("ru", "uk"):
                from razdel import sentenize

                out.extend((s + x.start, s + x.stop) for x in sentenize(text[s:e]))
            else:
                out.extend(_line_sentences(text, s, e, self.months))
        return out


def sentence_at(sentences: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The sentence holding character ``pos`` (the nearest one before it between sentences)."""
    if not sentences:
        return pos, pos + 1
    i = bisect.bisect_right([s for s, _ in sentences], pos) - 1
    return sentences[max(i, 0)]


PARAGRAPH_END = tuple(".!?…:;\"”»’')")


def paragraphs(text: str, size: int = 20_000):
    """(offset, block) for every block of lines, each parsed on its own. A block ends at a
    blank line or at a line that ends a sentence; a line cut mid-sentence (a transcript, a
    machine translation) runs on into the next one. A parser given several paragraphs at
    once glues the end of one to the next sentence and hangs the speaker of a quote on a
    verb of the paragraph before."""
    start = None
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip() and start is None:
            start = pos
        if start is not None and (not line.strip() or line.rstrip().endswith(PARAGRAPH_END)):
            last = end if line.strip() else pos - 1
            for off, piece in chunks(text[start:last], size):
                yield start + off, piece
            start = None
        pos = end + 1
    if start is not None:
        for off, piece in chunks(text[start:], size):
            yield start + off, piece
