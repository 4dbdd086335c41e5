"""Companies and bodies named with their legal form: "ТОВ «Каштан-плюс»", "ПАТ "Газпром"",
"ЧВК «Вагнер»".

The statistical models read the quoted name as loose words (natasha tags "ХХІ»" of
"ТОВ «Проект Інвест ХХІ»", or nothing), while the form before the quotes says plainly
that the whole is one organisation. The forms are data (``data/kb/legal_forms.json``);
the mention carries the quoted name (``Mention.name``) so that it links by that name.
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
                group = next(g for g in _GROUPS if m.group(g) is not None)
                start = m.start(group) + m.group(group).index(name)
                out.append(Mention(start, start + len(name), name, "organization", "kind-word", name=name))
        return sorted(out, key=lambda m: m.start)


_GROUPS = ("g", "s", "c", "d")


def _name(m: re.Match) -> str | None:
    """The quoted name of a match, if it has a letter or digit in it."""
    name = next(m.group(g) for g in _GROUPS if m.group(g) is not None).strip()
    return name if any(ch.isalnum() for ch in name) else None
