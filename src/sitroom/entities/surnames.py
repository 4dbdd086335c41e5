"""A person named in full once is named by the surname alone after that.

News writing names a person in full at the first mention and by the surname afterwards:
"Baruch Meyers, the rabbi of Bratislava, ..." then "Meyers was not available". A model that
reads each sentence alone often misses the bare surname, most of all where it opens a
sentence or a headline ("WEAH BANNED", "Major told parliament"). Within one text, every
other written occurrence of the last word of a person found in full is that person
(document-level label consistency, as in Finkel et al. 2005 and most NER systems since).

Guarded so as not to turn common words into people: the surname must be capitalised where
it stands (or the whole line be in capitals), and a word the text writes in lower case
elsewhere ("Young", "Little") is taken only inside a sentence, not where a capital letter is
owed to its position.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from sitroom.entities.recognizers import Mention

DETECTOR = "surname"
MODELS = ("spacy", "natasha")  # detectors whose type comes from one sentence's context
_LAST_WORD = re.compile(r"([^\W\d_][\w'’-]*)\W*$")
# a capitalised word right before a position, one space before it
_HEAD_NAME = re.compile(r"(?<![\w'’.-])([A-ZÀ-ÞА-ЯЁІЇЄҐ][\w'’-]*) $")


def surnames(mentions: list[Mention]) -> dict[str, str]:
    """Folded last word -> that word, for each person the mentions name with at least two
    words (a first name or initial, then the surname)."""
    out: dict[str, str] = {}
    for m in mentions:
        words = m.text.split()
        if m.type != "person" or len(words) < 2:
            continue
        last = _LAST_WORD.search(words[-1])
        if last and len(last.group(1)) >= 3 and last.group(1)[0].isupper():
            out.setdefault(last.group(1).casefold(), last.group(1))
    return out


def line_in_capitals(text: str, pos: int) -> bool:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    letters = [ch for ch in text[start:end if end >= 0 else len(text)] if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def later_mentions(text: str, mentions: list[Mention], common: set[str],
                   opens_sentence: Callable[[str, int], bool],
                   known: Callable[[str], bool] = lambda surface: False) -> list[Mention]:
    """``mentions`` plus a person mention at each bare occurrence of the surname of a person
    they name in full, where no other mention covers it (``common``: words written in lower
    case, casefolded; ``opens_sentence(text, pos)``: whether a capital at ``pos`` is owed to
    its position)."""
    names = surnames(mentions)
    if not names:
        return mentions
    full = {m.text.casefold() for m in mentions if m.type == "person" and len(m.text.split()) >= 2}
    # the same name read elsewhere in the text as an organisation or a place, by a model
    # that saw one sentence ("Klaus" beside "Vaclav Klaus", "Petra Behle" in a results row)
    mentions = [Mention(m.start, m.end, m.text, "person", m.detector + "+" + DETECTOR)
                if m.type in ("organization", "place") and m.detector.startswith(MODELS)
                and (m.text.casefold() in full or m.text.casefold() in names) and not known(m.text) else m
                for m in mentions]
    pattern = re.compile(r"(?<![\w'’-])(%s)(?![\w-])" % "|".join(
        re.escape(w) for w in sorted(names.values(), key=len, reverse=True)), re.IGNORECASE)
    taken = sorted((m.start, m.end) for m in mentions)
    added: list[Mention] = []
    for match in pattern.finditer(text):
        s, e = match.span(1)
        word = match.group(1)
        if any(a < e and s < b for a, b in taken):
            continue
        capitals = word.isupper() and line_in_capitals(text, s)
        if not (word[0].isupper() and (word[1:].islower() or word == names[word.casefold()])) and not capitals:
            continue  # written in lower case here, or in an odd mix of cases
        if word.casefold() in common and (capitals or opens_sentence(text, s)):
            continue  # "Young people ...", "LITTLE CHANGE": a common word, capitalised by position
        # the full name where the model saw only its other mention ("Sylvain Bouchard"): the
        # words before the surname that continue a name found in full
        while (head := _HEAD_NAME.search(text, max(0, s - 40), s)) \
                and any(name.endswith(" " + text[head.start(1):e].casefold()) or name == text[head.start(1):e].casefold()
                        for name in full) \
                and not any(a < s and head.start(1) < b for a, b in taken):
            s = head.start(1)
        added.append(Mention(s, e, text[s:e], "person", DETECTOR))
    if not added:
        return mentions
    return sorted(mentions + added, key=lambda m: (m.start, m.end))
