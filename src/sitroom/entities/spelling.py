"""A text respelled for a model trained on a neighbouring language's spelling.

natasha's news NER was trained on Russian. On Ukrainian text most words are unknown to
its vocabulary, so it tags them from their capital letter alone ("Іван Гиба" becomes
"Гиба", "Голова Миколаївської" a person). Ukrainian and Russian share most names and
stems, and differ in a few letters: "Іван" is "Иван", "Львів" "Львов", "України"
"Украины". ``Respeller`` rewrites each word letter for letter into the spelling the
model's vocabulary knows, keeping every word's length so that the model's offsets are
offsets into the original text. The letter tables are data (``data/kb/model_spelling.json``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from sitroom.entities import kbdata
from sitroom.errors import DataFileError

DATA = "model_spelling.json"
_WORD = re.compile(r"\w+(?:['’ʼ]\w+)*")  # "здоров'я" is one word


def load_tables(data: dict | None = None, path: str = DATA) -> dict[str, tuple[dict[str, str], dict[str, str]]]:
    """{language: (letters, alternatives)}: one replacement per letter, and the letters
    to try in its place when the replacement gives a word the model does not know."""
    if data is None:
        data = kbdata.read_json(kbdata.kb_path(path))
    out = {}
    for lang, table in data.items():
        if lang.startswith("_"):
            continue
        try:
            letters = {str(a): str(b) for a, b in table["letters"].items()}
            alternatives = {str(a): str(b) for a, b in table.get("alternatives", {}).items()}
        except (KeyError, AttributeError, TypeError) as exc:
            raise DataFileError(path, None, f"{lang}: malformed table ({exc})") from exc
        bad = [k for k, v in [*letters.items(), *((k, c) for k, vs in alternatives.items() for c in vs)]
               if len(k) != 1 or len(v) != 1]
        if bad:
            raise DataFileError(path, None, f"{lang}: letters must map one character to one: {bad[0]!r}")
        out[lang] = (letters, alternatives)
    return out


class Respeller:
    """Respells the words of one language for a vocabulary (``knows``: lower-case word ->
    whether the model has it). Pure apart from its cache: build one per model."""

    def __init__(self, letters: dict[str, str], alternatives: dict[str, str], knows: Callable[[str], bool]) -> None:
        self.letters = letters
        self.alternatives = alternatives
        self.knows = knows
        self.word = lru_cache(maxsize=200_000)(self._word)

    def text(self, text: str) -> str:
        """``text`` with every word respelled; same length, same offsets."""
        return _WORD.sub(lambda m: self.word(m.group()), text)

    def _word(self, word: str) -> str:
        out = self._respell(word)
        return out if len(out) == len(word) else word  # offsets must stay true

    def _respell(self, word: str) -> str:
        low = word.lower()
        if len(low) != len(word) or self.knows(low) or not any(c in self.letters or c in self.alternatives for c in low):
            return word
        plain = "".join(self.letters.get(c, c) for c in low)
        if self.knows(plain):
            return _recase(word, plain)
        for i, c in enumerate(low):  # one letter at a time, in the order of the table
            for alt in self.alternatives.get(c, ""):
                if alt != plain[i]:
                    candidate = plain[:i] + alt + plain[i + 1:]
                    if self.knows(candidate):
                        return _recase(word, candidate)
        return _recase(word, plain)


def _recase(original: str, lower: str) -> str:
    """``lower`` with the capitals of ``original`` (both the same length)."""
    return "".join(b.upper() if a.isupper() else b for a, b in zip(original, lower))
