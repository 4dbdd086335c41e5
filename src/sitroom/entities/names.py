"""Name keys: one spelling-independent key for every way a name is written.

``Romanizer.key(name, language)`` folds case and accents, romanizes Cyrillic (translitua
for Ukrainian, iuliia for Russian, anyascii for anything else) and then reduces the
romanization habits of each language (French ``ou``/``dj``/``tch``/``j``, German
``sch``/``tsch``/``w``/``z``, English ``kh``/``zh``/``ch``/``y``) to one skeleton. The rules
are data (``data/kb/romanization.json``); this module only applies them.

``Romanizer.base_forms(name, language)`` undoes Russian and Ukrainian case endings
("Курске" -> "Курск", "Суджу" -> "Суджа") so inflected mentions can be looked up.
"""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import iuliia
from anyascii import anyascii
from translitua import translit

from sitroom.errors import DataFileError

DATA = "romanization.json"
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
UKRAINIAN_LETTERS = re.compile(r"[іїєґІЇЄҐ]")
RUSSIAN_LETTERS = re.compile(r"[ыэъёЫЭЪЁ]")
NON_KEY = re.compile(r"[^0-9a-zʃʒʧɕx ]+")
SPACES = re.compile(r"\s+")
# quotes, dots and brackets never distinguish two names
PUNCT = re.compile(r"[\"“”«»„‚‘’'`.,;:!?()\[\]{}]")


def fold(text: str) -> str:
    """Lower case, accents stripped, punctuation dropped, spaces collapsed. Script kept."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c) or c == "\u0306")  # keep й
    text = unicodedata.normalize("NFC", text)
    text = PUNCT.sub("", text).replace("-", " ")
    return SPACES.sub(" ", text).strip()


def cyrillic_readings(text: str, language: str | None) -> list[str | None]:
    """The languages to romanize a name in: its own, then, for Cyrillic with no letter of
    its own ("Вашингтон", "Газпрому" in a Ukrainian text), the other of Russian and
    Ukrainian, since the same spelling reads г=h in one and г=g in the other."""
    if not CYRILLIC.search(text) or UKRAINIAN_LETTERS.search(text) or RUSSIAN_LETTERS.search(text):
        return [language]
    return [language, "ru" if language == "uk" else "uk"]


def cyrillic_language(text: str, language: str | None) -> str:
    """uk or ru: the letters decide when they can, else the document's language."""
    if UKRAINIAN_LETTERS.search(text):
        return "uk"
    if RUSSIAN_LETTERS.search(text):
        return "ru"
    return "uk" if language == "uk" else "ru"


@dataclass(frozen=True)
class Rules:
    languages: dict[str, list[tuple[re.Pattern, str]]]
    latin_default: str
    common: list[tuple[re.Pattern, str]]
    inflections: dict[str, list[tuple[str, str]]]
    closed_syllable: dict[str, dict[str, str]] = field(default_factory=dict)


def _compile(path: str, rows, where: str) -> list[tuple[re.Pattern, str]]:
    out = []
    for i, row in enumerate(rows):
        try:
            pattern, repl = row
            out.append((re.compile(pattern), repl))
        except (ValueError, TypeError, re.error) as exc:
            raise DataFileError(path, None, f"{where} rule #{i}: {exc}") from exc
    return out


def load_rules(text: str | None = None, path: str = DATA) -> Rules:
    if text is None:
        text = (resources.files("sitroom") / "data" / "kb" / DATA).read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataFileError(path, exc.lineno, f"invalid JSON: {exc.msg}") from exc
    try:
        languages = {lang: _compile(path, rows, lang) for lang, rows in data["languages"].items()}
        common = _compile(path, data["common"], "common")
        inflections = {
            lang: sorted(((str(a), str(b)) for a, b in rows), key=lambda p: -len(p[0]))
            for lang, rows in data["inflections"].items()
            if not lang.startswith("_")
        }
        closed = {lang: {str(a): str(b) for a, b in rows}
                  for lang, rows in data.get("closed_syllable", {}).items() if not lang.startswith("_")}
        return Rules(languages, data.get("latin_default", "en"), common, inflections, closed)
    except (KeyError, ValueError, TypeError) as exc:
        raise DataFileError(path, None, f"missing or malformed section: {exc}") from exc


class Romanizer:
    """Spelling-independent keys for names. Pure and cheap: build one and share it."""

    def __init__(self, rules: Rules | None = None) -> None:
        self.rules = rules or load_rules()
        self._key = lru_cache(maxsize=200_000)(self._compute_key)

    def latin(self, text: str, language: str | None = None) -> tuple[str, str]:
        """(romanized text, the language whose habits it follows)."""
        if CYRILLIC.search(text):
            if cyrillic_language(text, language) == "uk":
                text = translit(text)
            else:
                text = iuliia.WIKIPEDIA.translate(text)
            return anyascii(text), self.rules.latin_default
        habit = language if language in self.rules.languages else self.rules.latin_default
        return text, habit

    def _word_forms(self, word: str, rules: list[tuple[str, str]]) -> list[str]:
        return _word_forms_impl(word, rules)

    def key(self, name: str, language: str | None = None) -> str:
        return self._key(name, language)

    def _compute_key(self, name: str, language: str | None) -> str:
        text, habit = self.latin(name, language)
        text = PUNCT.sub("", text.lower())
        for pattern, repl in self.rules.languages[habit]:
            text = pattern.sub(repl, text)
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
        text = anyascii_keep_marks(text)
        for pattern, repl in self.rules.common:
            text = pattern.sub(repl, text)
        return SPACES.sub(" ", NON_KEY.sub(" ", text)).strip()

    def base_forms(self, name: str, language: str | None = None) -> list[str]:
        """Nominative candidates for an inflected Cyrillic name, most specific first.

        Only the last word is changed for places ("Курской области" is left to the alias
        table); for two- and three-word person names every word is tried with the same
        ending rule ("Владимира Путина" -> "Владимир Путин").
        """
        if not CYRILLIC.search(name):
            return []
        lang = cyrillic_language(name, language)
        rules = self.rules.inflections.get(lang, [])
        words = name.split()
        if len(words) > 3:
            return []
        options = [[w] + _closed_syllable(self._word_forms(w, rules), self.rules.closed_syllable.get(lang, {}))
                   for w in words]
        out: list[str] = [" ".join(words[:-1] + [f]) for f in options[-1][1:]]
        if len(words) > 1:
            # every word undone by the same ending rule first ("Владимира Путина"), then any mix
            for ending, repl in rules:
                if all(len(w) - len(ending) >= 2 and w.lower().endswith(ending) for w in words):
                    out.append(" ".join(w[: len(w) - len(ending)] + repl for w in words))
            for combo in itertools.islice(itertools.product(*options), 1, 60):
                out.append(" ".join(combo))
        return list(dict.fromkeys(o for o in out if o != name))


def _word_forms_impl(word: str, rules: list[tuple[str, str]]) -> list[str]:
    low = word.lower()
    return [word[: len(word) - len(e)] + r for e, r in rules if len(word) - len(e) >= 3 and low.endswith(e)]


def _closed_syllable(forms: list[str], vowels: dict[str, str]) -> list[str]:
    """``forms`` followed by their variants with the vowel before a final consonant
    alternated (Ukrainian "Харков" -> "Харків", "дом" -> "дім")."""
    if not vowels:
        return forms
    extra = [f[:-2] + vowels[f[-2]] + f[-1] for f in forms
             if len(f) >= 3 and f[-2] in vowels and f[-1].isalpha() and f[-1].lower() not in "аеєиіїоуюяйь"]
    return forms + [f for f in extra if f not in forms]


def anyascii_keep_marks(text: str) -> str:
    """anyascii for stray non-Latin letters, leaving the internal phoneme marks alone."""
    if text.isascii():
        return text
    return "".join(c if c in "ʃʒʧɕ" or c.isascii() else anyascii(c).lower() for c in text)


@lru_cache(maxsize=1)
def default_romanizer() -> Romanizer:
    return Romanizer()
