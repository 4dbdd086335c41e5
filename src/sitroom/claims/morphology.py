"""Which words of a Russian or Ukrainian sentence can be its subject, from their case.

The surface patterns (``claims.patterns``) find a reporting verb and take the words next
to it as the speaker. Without grammar that stretch also swallows adverbs ("Он также
заявил"), prepositional phrases ("В своих посланиях советник заявил") and addressees
("сказал журналистам министр"), and a sentence whose speaker follows the verb ("Об этом
заявил Песков") gets "Об этом" as its speaker. The speaker of a finite reporting verb is
in the nominative case, so a dictionary of word forms (pymorphy3 with its OpenCorpora
dictionaries for Russian and the VESUM-based ones for Ukrainian, both PyPI packages that
hold their data) is enough to find it:

- ``subject_span`` reads a stretch of words and returns the noun phrase in it that can be
  the subject: it skips prepositional phrases (the preposition, then the words that agree
  with its object or hang on it in the genitive), conjunctions and adverbs, keeps genitive
  modifiers after the head ("министр обороны Украины"), and stops at a word that cannot be
  in the subject (a dative addressee, a preposition whose object is a date, a number);
- ``plural`` tells a verb form in the plural ("заявили", "вважають"), whose speaker may be
  an institution named only by where it speaks from ("В Кремле заявили", "у МЗС повідомили").

A capitalised word takes the cases the dictionary knows for it as a name; one it does not
know as a name (unknown, or known only as a common word but inside an entity mention) may
be in any case. Analyzers are loaded once per process, on first use (about 0.1 s each).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

LANGUAGES = ("ru", "uk")
NOUN_LIKE = {"NOUN", "NPRO", "ADJF", "PRTF", "NUMR"}
# parts of speech that are never part of a speaker's noun phrase
PROPER = {"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"}  # grammemes of a name
FUNCTION = {"ADVB", "PRCL", "CONJ", "INTJ", "PRED", "COMP", "GRND", "INFN", "VERB", "PRTS", "ADJS"}
_WORD = re.compile(r"[^\s,;:()«»\"“”„]+")
_EDGE = ".!?'’\"«»“”„"


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    text: str
    cases: frozenset[str]  # the cases it can be in; empty for a word without case
    pos: str  # the most likely part of speech
    name: bool  # a capitalised word read as a name the dictionary does not know: in any case
    preposition: bool

    @property
    def nominative(self) -> bool:
        return self.name or "nomn" in self.cases

    @property
    def oblique(self) -> frozenset[str]:
        return self.cases - {"nomn"}


class Morphology:
    """One language's dictionary of word forms, and what the claim patterns ask of it."""

    def __init__(self, lang: str, not_speakers: frozenset[str] = frozenset()) -> None:
        import pymorphy3

        self.lang = lang
        self.not_speakers = not_speakers  # read as particles whatever the dictionary says
        self._analyzer = pymorphy3.MorphAnalyzer(lang=lang)
        self.word = lru_cache(maxsize=65536)(self._word)

    def _word(self, text: str) -> tuple[frozenset[str], frozenset[str] | None, str, bool, bool]:
        """(cases as a common word, cases as a known name or None, part of speech, known,
        preposition) of one word form."""
        lower = text.lower()
        parses = self._analyzer.parse(lower)
        top = parses[0].tag.POS if parses else None
        # short words with a prepositional reading are prepositions ("про" is also a noun)
        preposition = any(p.tag.POS == "PREP" for p in parses) and (top == "PREP" or len(lower) <= 4)
        cases = frozenset(str(p.tag.case) for p in parses if p.tag.POS in NOUN_LIKE and p.tag.case)
        proper = [p for p in parses if p.tag.POS in NOUN_LIKE and p.tag.case and PROPER & set(p.tag.grammemes)]
        name_cases = frozenset(str(p.tag.case) for p in proper) if proper else None
        return cases, name_cases, top or "", self._analyzer.word_is_known(lower), preposition

    def words(self, text: str, start: int, end: int, names: list[tuple[int, int]] = ()) -> list[Word]:
        """The words of ``text[start:end]``. A capitalised word is read as a name: in the
        cases the dictionary knows for it as a name ("Зеленським"), else in any case when
        the dictionary does not know it or it stands inside one of ``names`` (entity
        mentions: "Пушков" is known only as a common noun)."""
        out = []
        for m in _WORD.finditer(text, start, end):
            s, e = m.start(), m.end()
            while e > s and text[e - 1] in _EDGE:
                e -= 1
            while s < e and text[s] in _EDGE:
                s += 1
            if s == e:
                continue
            cases, name_cases, pos, known, prep = self.word(text[s:e])
            if text[s:e].lower() in self.not_speakers:
                cases, name_cases, pos, known, prep = frozenset(), None, "PRCL", True, False
            name = False
            if text[s].isupper() and not prep:
                if not known:
                    name = True  # its guessed cases are guesses: "Альбанезе" read as dative
                elif name_cases is not None:
                    cases = name_cases
                elif any(a <= s and e <= b for a, b in names):
                    name = True
            out.append(Word(s, e, text[s:e], cases, pos, name, prep))
        return out

    def plural(self, verb: str) -> bool:
        parses = self._analyzer.parse(verb.lower())
        return bool(parses) and parses[0].tag.number == "plur"

    def plural_verb(self, word: str) -> bool:
        """``word`` is a finite verb in the plural ("заявили", "повідомили"), so its speaker
        is more than one; a preposition or a noun ("по словам") is not."""
        parses = self._analyzer.parse(word.lower())
        return bool(parses) and parses[0].tag.POS == "VERB" and parses[0].tag.number == "plur"

    def subject_span(self, text: str, start: int, end: int, before_verb: bool = True,
                     is_time: Callable[[str], bool] | None = None,
                     names: list[tuple[int, int]] = ()) -> tuple[int, int] | None:
        """The noun phrase in ``text[start:end]`` that can be a finite verb's subject: a run
        of words that opens with a word that can be nominative outside any prepositional
        phrase and goes on with words in agreement or in the genitive. Only asides (adverbs,
        particles, prepositional phrases, nouns that cannot be nominative) may stand between
        the run and the verb (``before_verb``), or before the run when it follows the verb.
        A phrase that dates ("в четверг", found by ``is_time``) ends the run."""
        words = self.words(text, start, end, names)
        i = 0
        while (head := _head(words, i)) is not None:
            last, stop = _run(text, words, head, is_time)
            if not before_verb:
                # after the verb only asides may come first: "заявил в Telegram сенатор …",
                # "сказал журналистам министр …"; not "говорят о готовости признать границы"
                if not _only_asides(words[:head], 0, conjunctions=False):
                    return None
                return words[head].start, words[last].end
            if _only_asides(words, stop):
                return words[head].start, words[last].end
            i = stop
        return None

    def clause_subject(self, text: str, start: int, end: int, names: list[tuple[int, int]] = ()) -> tuple[int, int] | None:
        """The subject of the first clause of ``text[start:end]``: the first noun phrase
        that can be nominative and is followed, past asides, by a verb ("Крючков оценил …
        и заявил": "Крючков")."""
        words = self.words(text, start, end, names)
        i = 0
        while (head := _head(words, i)) is not None:
            last, stop = _run(text, words, head, None)
            j = stop
            while j < len(words) and not (words[j].pos == "VERB" and not words[j].name):
                if not _only_asides(words[j:j + 1], 0):
                    break
                j += 1
            if j < len(words) and words[j].pos == "VERB":
                return words[head].start, words[last].end
            i = stop
        return None

    def phrase_object(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        """The object of a stretch that is one prepositional phrase and nothing else
        ("В Кремле" -> "Кремле", "у Міністерстві оборони" -> "Міністерстві оборони")."""
        words = self.words(text, start, end)
        if len(words) < 2 or not words[0].preposition or _phrase_end(words, 0) != len(words):
            return None
        return words[1].start, words[-1].end


def _run(text: str, words: list[Word], head: int, is_time) -> tuple[int, int]:
    """(index of the last word, index past it) of the noun phrase that opens at ``head``."""
    last = head
    i = head + 1
    while i < len(words):
        w = words[i]
        if w.preposition:
            tail = _phrase_end(words, i)
            if is_time is not None and is_time(text[w.start:words[tail - 1].end]):
                break
            last, i = tail - 1, tail
            continue
        if (w.pos in FUNCTION and not w.name) or w.text[:1].isdigit():
            break
        if not (w.nominative or w.oblique & {"gent", "gen2"}):
            break
        last, i = i, i + 1
    return last, last + 1


def _only_asides(words: list[Word], i: int, conjunctions: bool = True) -> bool:
    """Whether ``words[i:]`` are only asides: adverbs, particles, prepositional phrases and
    nouns that cannot be nominative ("таким образом"), nothing that could be a subject or
    a verb of its own."""
    while i < len(words):
        w = words[i]
        if w.preposition:
            i = _phrase_end(words, i)
            continue
        if w.name or w.nominative or w.pos in ("VERB", "INFN", "PRTS", "GRND"):
            return False
        if w.pos == "CONJ" and not conjunctions:
            return False
        if w.pos not in ("ADVB", "PRCL", "CONJ") and not w.cases:
            return False
        i += 1
    return True


def _head(words: list[Word], i: int = 0) -> int | None:
    while i < len(words):
        w = words[i]
        if w.preposition:
            i = _phrase_end(words, i)
            continue
        if (w.pos in FUNCTION and not w.name) or not w.nominative:
            i += 1
            continue
        return i
    return None


def _phrase_end(words: list[Word], i: int) -> int:
    """Index past the prepositional phrase that opens at ``words[i]``: its object (with the
    words before it that agree with it), then what hangs on the object in the genitive. A
    word that could be nominative and shares no other case with the word before it (or is a
    name after the object) opens what follows."""
    j = i + 1
    if j >= len(words):
        return j
    j += 1  # the first word after the preposition is always inside
    while j < len(words):
        w, prev = words[j], words[j - 1]
        if w.preposition or (w.pos in FUNCTION and not w.name):
            break
        if w.name and w.nominative:
            break
        if w.oblique & prev.oblique or (w.oblique & {"gent", "gen2"} and not w.nominative):
            j += 1  # agrees with the word before it, or hangs on it in the genitive
            continue
        break
    return j


@lru_cache(maxsize=None)
def morphology(lang: str | None) -> Morphology | None:
    """The analyzer of ``lang``, or None for a language without one."""
    if lang not in LANGUAGES:
        return None
    from sitroom.claims.cues import lexicon

    lex = lexicon(lang)
    return Morphology(lang, lex.not_speakers if lex is not None else frozenset())
