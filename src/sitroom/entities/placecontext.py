"""Words around a name that make it a place, whatever a language model called it.

A small English model tags "Mariupol" an organisation in "troops in Mariupol" (big cities
are often clubs or metonyms: "Moscow said"), and a village it does not know a person
("fighting near Zabavne"). The words right before the name (``data/kb/place_context.json``,
per language) or a region named right after it ("Zabavne, Kharkiv Oblast") settle it. The
engine still asks the gazetteer for the exact name and the knowledge base for an actor of
that name before it retypes anything.
"""

from __future__ import annotations

import re

from sitroom.entities import kbdata
from sitroom.entities.recognizers import REGION_AFTER
from sitroom.errors import DataFileError

FILE = "place_context.json"
_WORDS = r"[^\W\d_][\w'’-]*"
# ", Kharkiv Oblast", ", Донецької області": a region named right after the name
REGION_NEXT = re.compile(r",\s+%s(?:[ -]%s)?\s(?:%s)\w*" % (_WORDS, _WORDS, "|".join(REGION_AFTER)), re.IGNORECASE)
# "Yaremivka, Kharkiv Oblast" taken as one name: the place and its region
PLACE_THEN_REGION = re.compile(r"(?P<place>[^,]+),\s+(?P<region>%s(?:[ -]%s)?\s(?:%s)\w*)$"
                               % (_WORDS, _WORDS, "|".join(REGION_AFTER)), re.IGNORECASE)
WINDOW = 40  # how far back the words before a name are looked for, in characters


class PlaceContext:
    def __init__(self, before: dict[str, list[str]], after: dict[str, list[str]] | None = None) -> None:
        self._before = {lang: re.compile(r"(?<![\w'’-])(?:%s)\s$" % _alternatives(words), re.IGNORECASE)
                        for lang, words in before.items() if words}
        # the next word, in lower case as written: "Mariupol school", not "Mariupol Drama Theater"
        self._after = {lang: re.compile(r"\s(?:%s)(?![\w'’-])" % _alternatives(words))
                       for lang, words in (after or {}).items() if words}

    @classmethod
    def load(cls, name: str = FILE) -> "PlaceContext":
        path = kbdata.kb_path(name)
        data = kbdata.read_json(path)
        before: dict[str, list[str]] = {}
        after: dict[str, list[str]] = {}
        for lang, table in data.items():
            if lang == "about":
                continue
            if not isinstance(table, dict) or set(table) - {"before", "after"}:
                raise DataFileError(str(path), None, f"{lang!r} must be an object with 'before' and 'after' lists")
            for key, out in (("before", before), ("after", after)):
                words = table.get(key, [])
                if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
                    raise DataFileError(str(path), None, f"{lang}.{key} must be a list of words")
                out[lang] = [w.strip() for w in words]
        return cls(before, after)

    def says_place(self, text: str, language: str, start: int, end: int) -> bool:
        """The words right before ``text[start:end]`` or right after it, or a region named
        after it, make it a place."""
        pattern = self._before.get(language)
        if pattern is not None and pattern.search(text, max(0, start - WINDOW), start):
            return True
        pattern = self._after.get(language)
        if pattern is not None and pattern.match(text, end):
            return True
        return bool(REGION_NEXT.match(text, end))


def _alternatives(words: list[str]) -> str:
    """A regex alternation of ``words``, longest first, any run of spaces in them matching any."""
    return "|".join(re.escape(w.casefold()).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
