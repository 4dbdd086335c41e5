"""What kind of speaker a source phrase names by its head noun, for when no entity of the
knowledge base tells: "the defence ministry" and "Außenministerin Annalena Baerbock" are
officials, "Norwegian media" is media, "a statement from the Russian army" is the army's,
"the report" with no issuer is anonymous.

The nouns are data (``data/claims/source_nouns.json``, documented there); this module reads
a phrase's head with them. Only the head counts: the words before the first stop word
("critics of the government" names critics), read from the end in English and German
(skipping the names after a title) and from the start in French, Russian and Ukrainian.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from sitroom.errors import DataFileError

SOURCE = "data/claims/source_nouns.json"
ROLES = ("official", "media", "documents", "spokespeople")  # what a head noun may name
_WORD = re.compile(r"\w+(?:[-'’]\w+)*-?", re.UNICODE)
_ELIDED = re.compile(r"^(\w{1,2}['’])(?=\w{2})")  # French "l'état-major": the article before the noun


def _words(phrase: str) -> list[tuple[str, int, int]]:
    """Lower-cased words with their offsets; an elided article is a word of its own, an
    English possessive ending is dropped."""
    out = []
    for m in _WORD.finditer(phrase):
        word, start = m.group().lower().rstrip("-"), m.start()
        if word.endswith(("'s", "’s")) and len(word) > 3:
            word = word[:-2]  # "the prime minister's press secretary"
        elided = _ELIDED.match(word)
        if elided is not None:
            n = len(elided.group(1))
            out.append((word[:n], start, start + n))
            word, start = word[n:], start + n
        out.append((word, start, m.end()))
    return out


@dataclass(frozen=True)
class Nouns:
    """Entries of one role in one language: word sequences, and single words matched by
    their start ("министр*") or end ("*minister")."""

    exact: frozenset[tuple[str, ...]]
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    longest: int

    @classmethod
    def of(cls, entries: list[str]) -> Nouns:
        words = [[w for w, _, _ in _words(e)] if "*" not in e else e.lower().split() for e in entries if e.strip()]
        exact = frozenset(tuple(w) for w in words if not (len(w) == 1 and "*" in w[0]))
        return cls(exact, tuple(w[0][:-1] for w in words if len(w) == 1 and w[0].endswith("*")),
                   tuple(w[0][1:] for w in words if len(w) == 1 and w[0].startswith("*")),
                   max((len(w) for w in words), default=1))

    def ending_at(self, words: list[str], i: int) -> int:
        """How many words of an entry end at ``words[i]`` (0: none), the longest first."""
        for n in range(min(self.longest, i + 1), 0, -1):
            if tuple(words[i - n + 1:i + 1]) in self.exact:
                return n
        w = words[i]
        return int(any(w.startswith(p) and len(w) > len(p) for p in self.prefixes)
                   or any(w.endswith(s) and len(w) > len(s) for s in self.suffixes)
                   or any(w == p for p in self.prefixes))


@dataclass(frozen=True)
class Reading:
    """What a phrase's head names: ``role`` (one of ``ROLES``) or None, and where the noun
    that says so stands in the phrase (character offsets)."""

    role: str | None
    start: int = 0
    end: int = 0


NOTHING = Reading(None)


@dataclass(frozen=True)
class SourceNouns:
    lang: str
    roles: dict[str, Nouns]
    former: Nouns
    stops: frozenset[str]
    head_last: bool
    not_a_person: frozenset[str] = frozenset()

    def _is_stop(self, word: str) -> bool:
        return word in self.stops

    def _head(self, words: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
        """The words before the first stop word (stop words opening the phrase are skipped:
        "Der russische Präsident")."""
        out: list[tuple[str, int, int]] = []
        for w in words:
            if self._is_stop(w[0]):
                if out:
                    break
                continue
            out.append(w)
        return out

    def _match(self, words: list[str], i: int) -> tuple[str, int] | None:
        for role in ROLES:
            n = self.roles[role].ending_at(words, i)
            if n:
                return role, n
        return None

    def read(self, phrase: str) -> Reading:
        """The role its head noun gives ``phrase`` (never an office held "formerly")."""
        head = self._head(_words(phrase))
        words = [w for w, _, _ in head]
        order = range(len(head) - 1, -1, -1) if self.head_last else range(len(head))
        for i in order:
            found = self._match(words, i)
            if found is not None:
                role, n = found
                if role == "official" and any(self.former.ending_at(words, j) for j in range(i - n + 1)):
                    return NOTHING  # "former foreign minister": he no longer speaks for a state
                return Reading(role, head[i - n + 1][1], head[i][2])
            if self.head_last and i > 0 and phrase[head[i][1]:head[i][1] + 1].isupper():
                continue  # a name after the title: "Foreign Secretary Liz Truss"
            if self.head_last:
                return NOTHING  # another noun heads it: "Russian military bloggers"
        return NOTHING

    def no_single_person(self, phrase: str) -> bool:
        """``phrase`` opens with a word that names no single person: a quantifier, a plural
        demonstrative, a pronoun that is not a person's, the German neuter article ("Many",
        "They", "These experts", "Das Ministerium", "Многие")."""
        words = _words(phrase)
        return bool(words) and words[0][0] in self.not_a_person

    def kind_anywhere(self, phrase: str) -> str | None:
        """"official" or "media" for the first such noun anywhere in ``phrase`` (the words
        naming who issued a statement: "from the office of the French president")."""
        words = [w for w, _, _ in _words(phrase)]
        for i in range(len(words)):
            for role in ("official", "media"):
                if self.roles[role].ending_at(words, i):
                    return role
        return None


@lru_cache(maxsize=1)
def _table() -> dict:
    path = resources.files("sitroom") / "data" / "claims" / "source_nouns.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DataFileError(SOURCE, getattr(exc, "lineno", 0), str(exc)) from exc


@lru_cache(maxsize=None)
def source_nouns(lang: str | None) -> SourceNouns | None:
    """The nouns of ``lang``, or None for a language the table does not cover."""
    table = _table()
    if lang not in table.get("stops", {}):
        return None
    try:
        return SourceNouns(
            lang=lang,
            roles={role: Nouns.of(table[role].get(lang, [])) for role in ROLES},
            former=Nouns.of(table["former"].get(lang, [])),
            stops=frozenset(w.lower() for w in table["stops"][lang]),
            head_last=table["head"][lang] == "last",
            not_a_person=frozenset(w.lower() for w in table.get("not_a_person", {}).get(lang, [])))
    except (KeyError, AttributeError, TypeError) as exc:
        raise DataFileError(SOURCE, 0, f"{lang}: {exc!r}") from exc
