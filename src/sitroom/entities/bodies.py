"""Organisations named by their form, which the statistical models read as loose words.

- Companies and bodies named with their legal form: "ТОВ «Каштан-плюс»", "ПАТ "Газпром"",
  "ЧВК «Вагнер»", or with a kind word before the quoted name ("компанія «Новий регіон»").
  natasha tags "ХХІ»" of "ТОВ «Проект Інвест ХХІ»", or nothing; the form says plainly that
  the whole is one organisation. The mention carries the quoted name (``Mention.name``) so
  that it links by that name. Forms are data (``data/kb/legal_forms.json``).
- Public bodies named after the place they serve: "Харківської облради", "Київської
  міської ради", "Сумської ОВА". The model tags the place adjective alone; the adjectives
  and the kind of body after it complete the name (``data/kb/institutions.json``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitroom.entities import kbdata
from sitroom.entities.recognizers import Mention
from sitroom.errors import DataFileError

DATA = "legal_forms.json"
# a quoted name: «...» with at most one «...» inside ("«НВП «Укрбуд»»"), or "..." / “...” / „...“
_QUOTED = (r"(?:«(?P<g>[^«»\n]{1,80}?(?:«[^«»\n]{1,80}»[^«»\n]{0,40}?)?)»+"
           r"|\"(?P<s>[^\"\n]{1,80})\"|“(?P<c>[^“”\n]{1,80})”|„(?P<d>[^„“”\n]{1,80})[“”])")


def _words(path: str, table: object, what: str) -> dict[str, str]:
    """{language: regex alternation} of a {language: [word, ...]} table."""
    if not isinstance(table, dict):
        raise DataFileError(path, None, f"{what!r} must map languages to lists")
    out = {}
    for lang, words in table.items():
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise DataFileError(path, None, f"{what}.{lang} must be a list of words")
        out[lang] = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return out


@dataclass(frozen=True)
class LegalForms:
    forms: dict[str, re.Pattern]   # the form and the name are one mention: "ТОВ «Каштан-плюс»"
    kinds: dict[str, re.Pattern]   # the name alone is: компанія «Нафтогаз»

    @classmethod
    def load(cls, data: dict | None = None, path: str = DATA) -> "LegalForms":
        if data is None:
            data = kbdata.read_json(kbdata.kb_path(path))
        forms = _words(path, data.get("forms", {}), "forms")
        kinds = _words(path, data.get("kind_words", {}), "kind_words")
        return cls({lang: re.compile(rf"(?<![\w-])(?:{alt})\s*{_QUOTED}") for lang, alt in forms.items()},
                   {lang: re.compile(rf"(?<![\w-])(?:{alt})\w*\s+{_QUOTED}", re.IGNORECASE)
                    for lang, alt in kinds.items()})

    def find(self, text: str, language: str) -> list[Mention]:
        out: list[Mention] = []
        pattern = self.forms.get(language)
        for m in pattern.finditer(text) if pattern else ():
            name = _name(m)
            if name:
                out.append(Mention(m.start(), m.end(), m.group(), "organization", "legal-form", name=name))
        pattern = self.kinds.get(language)
        for m in pattern.finditer(text) if pattern else ():
            name = _name(m)
            if name and not any(o.start <= m.start() < o.end for o in out):
                group = _quoted(m)
                start = m.start(group) + m.group(group).index(name)
                out.append(Mention(start, start + len(name), name, "organization", "kind-word", name=name))
        return sorted(out, key=lambda m: m.start)


_GROUPS = ("g", "s", "c", "d")


def _quoted(m: re.Match) -> str:
    """Which quote group of a match holds the name (« », " ", “ ” or „ “)."""
    return next(g for g in _GROUPS if m.group(g) is not None)


def _name(m: re.Match) -> str | None:
    """The quoted name of a match, if it has a letter or digit in it."""
    name = m.group(_quoted(m)).strip()
    return name if any(ch.isalnum() for ch in name) else None


INSTITUTIONS = "institutions.json"
_ABBREVIATED = r"(?<![\w'’-])[^\W\d_a-zа-яіїєґё][\w'’-]*(?: [^\W\d_][\w'’-]*){0,3}? (?:%s)(?![\w-])"
HEAD_SLACK = 4  # letters a body's word may have past its stem ("облрад" -> "облради")


@dataclass(frozen=True)
class Institutions:
    endings: dict[str, tuple[str, ...]]
    heads: dict[str, tuple[str, ...]]
    abbreviations: dict[str, frozenset[str]]
    place_suffixes: dict[str, tuple[str, ...]]
    _abbreviated: dict[str, re.Pattern]

    @classmethod
    def load(cls, data: dict | None = None, path: str = INSTITUTIONS) -> "Institutions":
        if data is None:
            data = kbdata.read_json(kbdata.kb_path(path))
        endings, heads, abbreviations, suffixes = {}, {}, {}, {}
        for lang, table in data.items():
            if lang == "about":
                continue
            try:
                endings[lang] = tuple(sorted((str(e) for e in table["adjective_endings"]), key=len, reverse=True))
                heads[lang] = tuple(str(h) for h in table["heads"])
                abbreviations[lang] = frozenset(str(a) for a in table.get("abbreviations", []))
                suffixes[lang] = tuple(str(x) for x in table["place_suffixes"])
            except (KeyError, TypeError, AttributeError) as exc:
                raise DataFileError(path, None, f"{lang}: needs 'adjective_endings', 'heads' and "
                                                f"'place_suffixes' lists ({exc})") from exc
        # a capitalised word, up to three more, then the abbreviation: "Харківська ОВА"
        abbreviated = {lang: re.compile(_ABBREVIATED % "|".join(re.escape(a) for a in sorted(abbrs, key=len, reverse=True)))
                       for lang, abbrs in abbreviations.items() if abbrs}
        return cls(endings, heads, abbreviations, suffixes, abbreviated)

    def adjective(self, word: str, language: str) -> bool:
        low = word.lower()
        return any(low.endswith(e) and len(low) > len(e) + 2 for e in self.endings.get(language, ()))

    def place_adjective(self, word: str, language: str) -> bool:
        """A capitalised adjective made from a place name ("Харківської", "Курской")."""
        low = word.lower()
        return word[0].isupper() and self.adjective(word, language) and any(
            x in low[-7:] for x in self.place_suffixes.get(language, ()))

    def head(self, word: str, language: str) -> bool:
        if word in self.abbreviations.get(language, ()):
            return True
        low = word.lower()
        return any(low.startswith(h) and len(low) - len(h) <= HEAD_SLACK for h in self.heads.get(language, ()))

    def extent(self, text: str, m: Mention, language: str, common: set[str] | frozenset[str] = frozenset()
               ) -> tuple[int, int] | None:
        """The span of the body a place adjective opens ("Харківської" + " облради"), if the
        mention ends in such an adjective and a body's word follows within three adjectives.
        Common words before the adjective ("Голова Миколаївської") stay out."""
        if language not in self.heads:
            return None
        words = list(re.finditer(r"\S+", m.text))
        start = None
        for w in reversed(words[-2:]):
            word = w.group()
            if not self.place_adjective(word, language) or word.lower() in common:
                break
            start = m.start + w.start()
        if start is None:
            return None
        pos = m.end
        for _ in range(4):  # at most three adjectives before the body's word
            w = _NEXT_WORD.match(text, pos)
            if w is None:
                return None
            word = w.group(1)
            if self.head(word, language):
                return start, w.end()
            if not (word[0].islower() and self.adjective(word, language)):
                return None
            pos = w.end()
        return None

    def find(self, text: str, language: str) -> list[Mention]:
        """Bodies named by an abbreviation after a place adjective, which no model tags
        ("Харківська ОВА", "Запорожской АЭС")."""
        pattern = self._abbreviated.get(language)
        if pattern is None:
            return []
        out = []
        for m in pattern.finditer(text):
            words = list(re.finditer(r"\S+", m.group()))
            # from the place adjective on: "Вчора Запорізька АЕС" is "Запорізька АЕС"
            first = next((k for k, w in enumerate(words[:-1]) if self.place_adjective(w.group(), language)
                          and all(x.group()[0].islower() and self.adjective(x.group(), language)
                                  for x in words[k + 1:-1])), None)
            if first is not None:
                start = m.start() + words[first].start()
                out.append(Mention(start, m.end(), text[start:m.end()], "organization", "body"))
        return out

# the word after a position, one space on
_NEXT_WORD = re.compile(r" ([^\W\d_][\w'’-]*)")
