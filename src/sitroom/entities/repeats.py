"""A name found once is the same name wherever else the text writes it.

A statistical model reads one sentence at a time, so it finds "Ahold" in one sentence and
misses it in the next, or finds "Institute of Policy Studies" and not the "ISEAS" in brackets
after it. Within one text a name keeps its type (document-level label consistency):

- an abbreviation in brackets right after a name is that name's ("Brazilian Plastic Surgery
  Society ( SBCP )"): the same type;
- every other written occurrence of a name the text's mentions give one type is a mention of
  that type, where nothing else covers it.

Guarded like :mod:`sitroom.entities.surnames`: the occurrence must be written as the name is
(same letters and case, or the whole line in capitals), must not be a word that opens a
sentence and is written in lower case elsewhere, and must not sit inside a longer run of
capitalised words ("National" of "National Guard" is not the party "National").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

from sitroom.entities.recognizers import Mention
from sitroom.entities.surnames import MODELS, line_in_capitals

DETECTOR = "repeated"
TYPES = ("person", "organization", "place")
_ABBREVIATION = re.compile(r" ?\( ?([A-ZА-ЯЁІЇЄҐ][A-ZА-ЯЁІЇЄҐ0-9&-]{1,9}) ?\)")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w'’-]*)[ \t]+$")
_WORD_AFTER = re.compile(r"[ \t]+([^\W\d_][\w'’-]*)")


def abbreviations(text: str, mentions: list[Mention]) -> list[Mention]:
    """A mention for each abbreviation in brackets right after a name, of that name's type."""
    taken = [(m.start, m.end) for m in mentions]
    out = []
    for m in mentions:
        if m.type not in TYPES or len(m.text.split()) < 2:
            continue
        match = _ABBREVIATION.match(text, m.end)
        if match and not any(a < match.end(1) and match.start(1) < b for a, b in taken):
            out.append(Mention(match.start(1), match.end(1), match.group(1), m.type, DETECTOR))
    return out


def _inside_longer_name(text: str, s: int, e: int, opens_sentence: Callable[[str, int], bool]) -> bool:
    before = _WORD_BEFORE.search(text, max(0, s - 40), s)
    if before and before.group(1)[0].isupper() and not opens_sentence(text, before.start(1)):
        return True
    after = _WORD_AFTER.match(text, e)
    return bool(after and after.group(1)[0].isupper())


def repeated(text: str, mentions: list[Mention], common: set[str],
             opens_sentence: Callable[[str, int], bool]) -> list[Mention]:
    """``mentions`` plus the abbreviations they define and the other occurrences of their
    names (``common``: words written in lower case, casefolded)."""
    mentions = sorted(mentions + abbreviations(text, mentions), key=lambda m: (m.start, m.end))
    types: dict[str, set[str]] = defaultdict(set)
    guessed: set[str] = set()
    for m in mentions:
        if m.type in TYPES and len(m.text) >= 2 and any(ch.isupper() for ch in m.text):
            types[m.text].add(m.type)
            if " " not in m.text and m.detector in MODELS:
                guessed.add(m.text)
    # one name, one type; a lone word a model typed from one sentence is not spread: spread,
    # one wrong guess ("Mills" read as a company) would become many
    names = {name: next(iter(kinds)) for name, kinds in types.items() if len(kinds) == 1 and name not in guessed}
    if not names:
        return mentions
    pattern = re.compile(r"(?<![\w'’-])(%s)(?![\w-])" % "|".join(
        re.escape(n) for n in sorted(names, key=len, reverse=True)))
    taken = [(m.start, m.end) for m in mentions]
    added = []
    for match in pattern.finditer(text):
        s, e = match.span(1)
        name = match.group(1)
        if any(a < e and s < b for a, b in taken):
            continue
        capitals = line_in_capitals(text, s)
        if name.casefold() in common and (capitals or opens_sentence(text, s)):
            continue
        if not capitals and _inside_longer_name(text, s, e, opens_sentence):
            continue
        added.append(Mention(s, e, name, names[name], DETECTOR))
    if not added:
        return mentions
    return sorted(mentions + added, key=lambda m: (m.start, m.end))
