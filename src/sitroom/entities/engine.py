"""``EntityEngine``: mention detection + linking + geocoding behind one object, loaded once.

The store stage (:mod:`sitroom.entities.stage`), the evaluation runners and the tests all
go through this; it owns the models, the gazetteer and a knowledge base.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from sitroom.entities import recognizers
from sitroom.entities.bodies import Institutions, LegalForms
from sitroom.entities.gazetteer import Gazetteer
from sitroom.entities.kb import KnowledgeBase
from sitroom.entities.linking import CONFLICT_ZONE, NAME_PUNCT as _PUNCT, Link, Linker
from sitroom.entities.names import CYRILLIC, Romanizer, default_romanizer, fold
from sitroom.entities.placecontext import PLACE_THEN_REGION, PlaceContext
from sitroom.entities.recognizers import GroupPatterns, Mention
from sitroom.entities.repeats import repeated
from sitroom.entities.surnames import MODELS, later_mentions, line_in_capitals
from sitroom.entities.tables import entrants, scorers, table_sides
from sitroom.settings import Settings

REGION_WORD = re.compile(r" (?:%s)\w*" % "|".join(recognizers.REGION_AFTER), re.IGNORECASE)
# a place matched without a model must be this big, or this big inside the conflict zone
KB_PLACE_SIZE = 100_000
KB_NEAR_PLACE_SIZE = 2_000


_WORD = re.compile(r"\w[\w'’-]*", re.UNICODE)
# a sentence or line ends before ``pos``, then maybe quotes, brackets or a dialogue dash ("— Уперше …")
_SENTENCE_END = re.compile(r"(?:^|[.!?…:;\n]|[.!?…][\"”»’)])[\s\"“«„(—–-]*$")


def opens_sentence(text: str, pos: int) -> bool:
    """Whether ``pos`` starts the text, a line or a sentence (looking back a short way only:
    a search from 0 would cost the length of the text on every call)."""
    return pos == 0 or bool(_SENTENCE_END.search(text, max(0, pos - 40), pos))


def lowercase_words(text: str) -> set[str]:
    """The words of ``text`` written in lower case somewhere (common words, not names)."""
    return {w.casefold() for w in _WORD.findall(text) if w[0].islower()}


def is_common_word(text: str, m: Mention, common: set[str]) -> bool:
    """A one-word mention at the start of a sentence whose word is written in lower case
    elsewhere (``common``: in the same text or batch, or a stop word): "Дані про втрати ..."
    beside "ці дані", "Тим часом": a common word capitalised by its position, not a name."""
    if " " in m.text.strip() or m.text.casefold() not in common:
        return False
    if m.detector.startswith("spacy") and "retyped" not in m.detector:
        return False  # the English and French models read the context ("Young said ..."): trusted
    return opens_sentence(text, m.start)


# lower-case words that belong inside a person's name ("Ursula von der Leyen", "Ібн Сіна")
NAME_PARTICLES = frozenset({"von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "des", "la", "le",
                            "bin", "ibn", "al", "el", "фон", "ван", "дер", "де", "ди", "да", "дю", "ибн", "ібн",
                            "бин", "бін", "аль", "эль", "ель"})
# up to three words right after a mention, on its line, before any punctuation
_TAIL_WORDS = re.compile(r"(?: [^\W\d_][\w'’-]*){1,3}")
# the word right before a mention, one space before it
_HEAD_WORD = re.compile(r"(?<![\w'’-])([^\W\d_][\w'’-]*) $")


def person_names(text: str, m: Mention, common: set[str]) -> list[Mention]:
    """A person found by a model that reads words by their shape (natasha on Ukrainian: most
    words are unknown to it, so a capitalised one looks like a name), cut to its names: split
    at lower-case words ("Еріка покликав мене і Емму" is two people) and without the common
    words that open a sentence ("Згодом Валерій Пономарьов", "Цієї ночі Чеслав")."""
    runs: list[list[re.Match]] = [[]]
    for w in re.finditer(r"\S+", m.text):
        core = w.group().strip(_PUNCT)
        if core and (core[0].isupper() or core.casefold() in NAME_PARTICLES) and core == w.group().rstrip(",."):
            runs[-1].append(w)
        elif runs[-1]:
            runs.append([])
    out = []
    for run in runs:
        while run and opens_sentence(text, m.start + run[0].start()) \
                and run[0].group().strip(_PUNCT).casefold() in common:
            run = run[1:]  # a common word capitalised because it opens the sentence
        while run and run[0].group().strip(_PUNCT).casefold() in NAME_PARTICLES:
            run = run[1:]
        while run and run[-1].group().strip(_PUNCT).casefold() in NAME_PARTICLES:
            run = run[:-1]
        if run:
            s, e = m.start + run[0].start(), m.start + run[-1].end()
            while e > s and text[e - 1] in _PUNCT:
                e -= 1
            while s < e and text[s] in _PUNCT:
                s += 1
            out.append(Mention(s, e, text[s:e], m.type, m.detector + "+names"))
    if not out or (len(out) == 1 and (out[0].start, out[0].end) == (m.start, m.end)):
        return [m]  # nothing to cut, or no plain name in it ("«Газпром»"): the model's span stands
    return out


# languages that name an institution by its country in the genitive, after it, with no
# preposition: "МИД России", "Верховный суд США", "Міністерство оборони України"
GENITIVE_AFTER = ("ru", "uk", "be")


def of_place(text: str, mentions: list[Mention]) -> list[Mention]:
    """An organisation followed by a place, one space apart, is one organisation: the place
    says whose it is ("МИД Великобритании", "Окружной суд Амстердама")."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if prev is not None and prev.type == "organization" and m.type == "place" \
                and text[prev.end:m.start] == " " and "+of-place" not in prev.detector:
            out[-1] = Mention(prev.start, m.end, text[prev.start:m.end], "organization", prev.detector + "+of-place",
                              owner=m.text)
        else:
            out.append(m)
    return out


@dataclass(frozen=True)
class ResolvedPlace:
    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None
    geonames_id: int | None
    name: str | None
    country: str | None
    entity_id: str | None
    near: str | None = None  # not in the gazetteer: placed about here (the place after it, else the focus)


class EntityEngine:
    def __init__(self, settings: Settings, romanizer: Romanizer, gazetteer: Gazetteer, groups: GroupPatterns,
                 kb: KnowledgeBase, legal_forms: LegalForms | None = None,
                 institutions: Institutions | None = None, place_context: PlaceContext | None = None) -> None:
        self.settings = settings
        self.romanizer = romanizer
        self.gazetteer = gazetteer
        self.groups = groups
        self.legal_forms = legal_forms or LegalForms.load()
        self.institutions = institutions or Institutions.load()
        self.place_context = place_context or PlaceContext.load()
        self.kb = kb
        self.linker = Linker(kb, gazetteer)
        self._stop: dict[str, frozenset[str]] = {}

    @classmethod
    def load(cls, settings: Settings | None = None, kb: KnowledgeBase | None = None,
             progress: Callable[[str], None] | None = None) -> "EntityEngine":
        settings = settings or Settings.load()
        romanizer = default_romanizer()
        gazetteer = Gazetteer.open(settings, romanizer, progress)
        return cls(settings, romanizer, gazetteer, GroupPatterns.load(), kb or KnowledgeBase.seeded(romanizer))

    # -- detection -----------------------------------------------------------------
    def detect(self, text: str, language: str) -> list[Mention]:
        return self.detect_many([(text, language)])[0]

    def detect_many(self, items: list[tuple[str, str]]) -> list[list[Mention]]:
        """Mentions for each (text, language), the models run in batches per language."""
        by_lang: dict[str, list[int]] = defaultdict(list)
        for i, (_, lang) in enumerate(items):
            by_lang[lang].append(i)
        model: list[list[Mention]] = [[] for _ in items]
        for lang, idx in by_lang.items():
            found = recognizers.model_mentions([items[i][0] for i in idx], lang, self.settings.entity_batch_size)
            for i, mentions in zip(idx, found):
                model[i] = mentions
        # words written in lower case anywhere in the batch, per language: more evidence than
        # one text gives that a capitalised word is a common one
        common_by_lang: dict[str, set[str]] = defaultdict(set)
        for text, lang in items:
            common_by_lang[lang] |= lowercase_words(text)
        out = []
        for (text, lang), mentions in zip(items, model):
            common = common_by_lang[lang] | self._stopwords(lang)
            mentions = [n for m in mentions for n in (person_names(text, m, common)
                                                      if m.type == "person" and m.detector == "natasha" else [m])]
            # last words of the people named in full; a "person" that is a place ("Великій
            # Британії") names no one
            surnames = {fold(m.text.split()[-1]) for m in mentions if m.type == "person" and " " in m.text.strip()
                        and self._kb_type(m.text, lang) != "place"}
            mentions = [r for m in mentions for r in self._repair(text, lang, m, surnames)]
            mentions = [self._kb_extent(text, lang, m, common) for m in mentions]
            mentions = [self._body_extent(text, lang, m, common) for m in mentions]
            mentions = [m for m in mentions if not self._unknown_opening_word(text, lang, m, mentions)
                        and not self._headline_run(text, lang, m)]
            # a company named with its legal form, a body named by its abbreviation ("Харківська
            # ОВА"), a team in a results table ("Leeds 2 Chelsea 1"): one organisation each,
            # whatever the model made of their words; a national side stays its country
            teams = [m for m in table_sides(text) + scorers(text)
                     if m.type != "organization"
                     or (not self._country(m.text, lang) and not is_common_word(text, m, common))]
            people = self._entrants(text, lang)
            bodies = self.legal_forms.find(text, lang) + self.institutions.find(text, lang) + teams + people
            if bodies:
                outside = [m for m in mentions if not any(b.start < m.end and m.start < b.end for b in bodies)]
                mentions = sorted(outside + bodies, key=lambda m: m.start)
            groups = self.groups.find(text, lang)
            taken = mentions + groups
            kb = recognizers.kb_mentions(text, lang, self._kb_type, taken)
            merged = recognizers.merge([m for m in mentions if not is_common_word(text, m, common)], groups,
                                       [m for m in kb if not is_common_word(text, m, common)])
            merged = later_mentions(text, merged, common, opens_sentence,  # "Meyers" after "Baruch Meyers"
                                    lambda surface, lang=lang: self._kb_type(surface, lang) is not None)
            merged = repeated(text, merged, common, opens_sentence)  # "Ahold" found once, "( ISEAS )"
            out.append(of_place(text, merged) if lang in GENITIVE_AFTER else merged)
        return out

    def _repair(self, text: str, language: str, m: Mention, surnames: frozenset[str] | set[str] = frozenset()
                ) -> list[Mention]:
        """Type as an organisation a "place" or "person" the knowledge base knows only as an
        actor ("ЕС", "the Kremlin", "Конгресу"). Split a place name the model glued onto a
        person ("України Володимир Зеленський"), and retype as a place a "person" that is no
        known person but a known place of the conflict zone or a big city ("Tchasiv Iar"), or
        a one-word "person" that is a country, a big city ("Україна", "Kyiv", "Москві") or the
        main name of a town of the conflict zone in another romanization ("Soudja") and not the
        surname of a person named in the same text (``surnames``, folded)."""
        if m.type in ("place", "person"):
            actors = [e for e in self.kb.find(m.text, language) if e.origin == "kb"]
            if actors and all(e.type == "organization" for e in actors):
                # "ЕС", "Кремля", "Конгресу": the knowledge base knows the name as an actor
                return [Mention(m.start, m.end, m.text, "organization", m.detector + "+retyped")]
        if m.type not in ("person", "organization"):
            return [m]
        region = REGION_WORD.match(text, m.end)
        if region and self._kb_type(text[m.start:region.end()], language) == "place":
            # "Курській області" read as a person: the name and its region word are a place
            return [Mention(m.start, region.end(), text[m.start:region.end()], "place", m.detector + "+region")]
        placed = self._placed(text, language, m, surnames)
        if placed:
            return placed
        words = list(re.finditer(r"\S+", m.text))
        if m.type == "person" and len(words) >= 3 and self._kb_type(words[0].group(), language) == "place" \
                and not self.kb.find(m.text, language):
            head = words[0]
            # what follows the place, without leading function words ("та", "and"), is read again
            rest = next((w for w in words[1:] if fold(w.group()) not in self._stopwords(language)), None)
            out = [Mention(m.start, m.start + head.end(), head.group(), "place", m.detector + "+split")]
            if rest is not None:
                tail = Mention(m.start + rest.start(), m.end, m.text[rest.start():], "person", m.detector + "+split")
                out += self._repair(text, language, tail)  # its own last word is no other person's surname
            return out
        if all(e.type == "place" for e in self.kb.find(m.text, language)):
            if m.type == "organization":  # "Crimea said", "Ukraine announced": a region or country
                for c in self.gazetteer.candidates(m.text, language):
                    if c.exact and not c.demonym and c.place.feature not in ("city", "town", "village", "county"):
                        return [Mention(m.start, m.end, m.text, "place", m.detector + "+retyped")]
            multiword = len(words) > 1
            for c in self.gazetteer.candidates(m.text, language):
                if c.demonym:
                    continue
                p = c.place
                # a village or town of the conflict zone is no organisation or person; a big city
                # often is an organisation (a club, a company, "Moscow said"), so only a
                # multi-word "person" that is a big place's name is retyped
                near = p.country in CONFLICT_ZONE and KB_NEAR_PLACE_SIZE <= p.size < KB_PLACE_SIZE
                big = m.type == "person" and p.size >= KB_PLACE_SIZE and multiword
                # a one-word Cyrillic "person" must be the town's own main name (Суджу, Sudzha),
                # not a name the village once bore (Гоголь, Hoholeve: the writer)
                own = c.primary or multiword or m.type != "person" or not CYRILLIC.search(m.text)
                if (near and c.exact and own) or (big and c.exact):
                    return [Mention(m.start, m.end, m.text, "place", m.detector + "+retyped")]
            if m.type == "person" and not multiword and fold(m.text) not in surnames:
                for c in self.gazetteer.candidates(m.text, language):
                    p = c.place
                    if c.demonym:
                        continue
                    # a country or a big city as written, or a town of the conflict zone in
                    # another language's romanization of its main name (Soudja, Soumy, Charkiw)
                    known = c.exact and (p.feature == "country" or p.size >= KB_PLACE_SIZE)
                    romanized = c.primary and p.country in CONFLICT_ZONE and p.size >= KB_NEAR_PLACE_SIZE \
                        and not CYRILLIC.search(m.text)  # "Степан": a first name, not the village Stepan
                    if known or romanized:
                        return [Mention(m.start, m.end, m.text, "place", m.detector + "+retyped")]
        return [m]

    def _placed(self, text: str, language: str, m: Mention, surnames: frozenset[str] | set[str]) -> list[Mention]:
        """An "organisation" or "person" that the words around it make a place ("troops in
        Mariupol", "the village of Lukashivka", "Zabavne, Kharkiv Oblast"), when the gazetteer
        knows the exact name and the knowledge base knows no actor of that name; a name and a
        region taken as one ("Yaremivka, Kharkiv Oblast") are two places, the first one put in
        the region where the gazetteer lacks it. Empty otherwise."""
        both = PLACE_THEN_REGION.fullmatch(m.text)
        if both and both.group("place")[0].isupper() \
                and self._actor_type(both.group("place"), language) in (None, "place") \
                and self._plain_place(both.group("region"), language):
            s, r = m.start + both.start("place"), m.start + both.start("region")
            return [Mention(s, m.start + both.end("place"), both.group("place"), "place", m.detector + "+context"),
                    Mention(r, m.end, both.group("region"), "place", m.detector + "+context")]
        if fold(m.text) in surnames or not self.place_context.says_place(text, language, m.start, m.end):
            return []
        if not self._plain_place(m.text, language):
            return []
        return [Mention(m.start, m.end, m.text, "place", m.detector + "+context")]

    def _plain_place(self, surface: str, language: str) -> bool:
        """``surface`` is a place's exact name in the gazetteer and no actor's in the knowledge base."""
        if any(e.origin == "kb" and e.type != "place" for e in self.kb.find(surface, language)):
            return False
        return any(c.exact and not c.demonym for c in self.gazetteer.candidates(surface, language))

    def _kb_extent(self, text: str, language: str, m: Mention, common: set[str]) -> Mention:
        """A model mention widened or narrowed to a name the knowledge base knows: the model
        stopped at a lower-case word of the name ("Білому" of "Білому домі", "Палата" of
        "Палата представників"), or took in the common word that opens the sentence
        ("Представники Білого дому заявили"). Only a known name of an actor moves the edges."""
        if m.type not in ("person", "organization", "place") or m.detector == "kb":
            return m
        tail = _TAIL_WORDS.match(text, m.end)
        if tail:  # the longest known name that goes on past the mention
            ends = [m.end + w.end() for w in re.finditer(r"\S+", tail.group())]
            for end in sorted(ends, reverse=True):
                known = self._actor_type(text[m.start:end], language)
                if known:
                    return Mention(m.start, end, text[m.start:end], known, m.detector + "+kb-extent")
            if m.type == "place":  # "Bila" of "Bila Tserkva": the longest capitalised name the gazetteer holds
                for end in sorted(ends, reverse=True):
                    words = text[m.end:end].split()
                    if all(w[0].isupper() for w in words) and self._plain_place(text[m.start:end], language):
                        return Mention(m.start, end, text[m.start:end], "place", m.detector + "+gazetteer-extent")
        before = _HEAD_WORD.search(text, max(0, m.start - 40), m.start)
        if before and before.group(1)[0].isupper():  # "Великій" of "Великій Британії"
            known = self._kb_type(text[before.start(1):m.end], language)
            if known:
                return Mention(before.start(1), m.end, text[before.start(1):m.end], known, m.detector + "+kb-extent")
        words = list(re.finditer(r"\S+", m.text))
        if len(words) >= 3 and not self._actor_type(m.text, language):
            # a known person with a title or a word before the name ("Chief Valery Gerasimov"
            # read as a place): the person's name alone
            for w in words[1:-1]:
                start = m.start + w.start()
                if self._actor_type(text[start:m.end], language) == "person":
                    return Mention(start, m.end, text[start:m.end], "person", m.detector + "+kb-extent")
        if len(words) < 2 or not opens_sentence(text, m.start) or self._actor_type(m.text, language):
            return m
        for i, w in enumerate(words[1:], 1):  # the name without the common words that open the sentence
            if words[i - 1].group().strip(_PUNCT).casefold() not in common or not w.group()[0].isalpha():
                break
            start = m.start + w.start()
            known = self._actor_type(text[start:m.end], language)
            if known:
                return Mention(start, m.end, text[start:m.end], known, m.detector + "+kb-extent")
        return m

    def _body_extent(self, text: str, language: str, m: Mention, common: set[str]) -> Mention:
        """A place adjective the model tagged alone, widened to the public body it names
        ("Харківської" -> "Харківської облради")."""
        if m.detector == "kb" or m.type not in ("person", "organization", "place"):
            return m
        span = self.institutions.extent(text, m, language, common)
        if span is None:
            return m
        return Mention(span[0], span[1], text[span[0]:span[1]], "organization", m.detector + "+body")

    def _country(self, surface: str, language: str) -> bool:
        """``surface`` is a country's own name: a national side in a table stays its country."""
        return any(c.exact and not c.demonym and c.place.feature == "country"
                   for c in self.gazetteer.candidates(surface, language))

    def _entrants(self, text: str, language: str) -> list[Mention]:
        """The people in a results list or a line-up, named with whose they are: a line is
        such a list when a bracketed qualifier in it is a place ("4. Jean-Luc Brassard
        ( Canada ) 24.40", "Billy Dodds ( Aberdeen ) , Pierre Van Hooydonk ( Celtic )").
        A qualifier that is a country or a region is a place; another (a town's club) an
        organisation."""
        out: list[Mention] = []
        for line in entrants(text):
            kinds = {id(part): self._qualifier_type(part.text, language) for _, parts in line for part in parts}
            if not any(kind is not None for kind in kinds.values()):
                continue
            for person, parts in line:
                if self._kb_type(person.text, language) is not None:
                    continue  # "Split ( Croatia )": a place's name, not a person's
                out.append(person)
                # a part the gazetteer knows, or a club's name; not an abbreviation it does not know
                out += [Mention(p.start, p.end, p.text, kinds[id(p)] or "organization", p.detector) for p in parts
                        if kinds[id(p)] or (p.text[0].isupper() and not p.text.replace(".", "").isupper())]
        return out

    def _qualifier_type(self, surface: str, language: str) -> str | None:
        """"place" for a country or a region as written, "organization" for a town (its
        club), None for what the gazetteer does not know."""
        candidates = [c for c in self.gazetteer.candidates(surface, language) if c.exact and not c.demonym]
        if not candidates:
            return None
        if any(c.place.feature in ("country", "state", "oblast", "region") for c in candidates):
            return "place"
        return "organization"

    def _actor_type(self, surface: str, language: str) -> str | None:
        """The one type the knowledge base's own entries give a name, if they agree."""
        if len(surface) < 3:
            return None
        types = {e.type for e in self.kb.find(surface, language) if e.origin == "kb"}
        return types.pop() if len(types) == 1 else None

    def _unknown_opening_word(self, text: str, language: str, m: Mention, mentions: list[Mention]) -> bool:
        """A one-word person natasha found at the start of a sentence, in a word its model has
        never seen, with nothing else for it: not a name of another person in the text, not
        written with a capital inside a sentence elsewhere, not a known person. Its tag then
        came from the capital letter alone ("Нагадаємо, ...", "Середа, 4 листопада"). The same
        for a place of any length that neither the gazetteer nor the knowledge base knows."""
        if m.type not in ("person", "place") or not m.detector.startswith("natasha") \
                or not opens_sentence(text, m.start):
            return False
        if m.type == "place":
            # "Лежу нерухомо", "Розлючені оси …", "Загальна вартість …": a place no gazetteer
            # or knowledge base knows, opening a sentence, was read from the capital letter
            if self.gazetteer.candidates(m.text, language) or self.kb.find(m.text, language):
                return False
        elif " " in m.text.strip() or recognizers.MODELS.natasha_knows(m.text, language):
            return False
        key = fold(m.text)
        if any(o is not m and o.type == "person" and key in {fold(w) for w in o.text.split()} for o in mentions):
            return False
        for other in re.finditer(r"(?<!\w)%s(?!\w)" % re.escape(m.text), text):
            if other.start() != m.start and not opens_sentence(text, other.start()):
                return False
        return m.type == "place" or not any(e.type == "person" for e in self.kb.find(m.text, language))

    def _headline_run(self, text: str, language: str, m: Mention) -> bool:
        """Three or more words a model took for one name on a line written all in capitals
        ("CRICKET - LARA ENDURES ANOTHER MISERABLE DAY", "W L T GF GA"): where every word is
        capitalised the model cannot tell a name from a headline, so only a name the knowledge
        base knows is kept."""
        if not m.detector.startswith(MODELS) or len(m.text.split()) < 3:
            return False
        return line_in_capitals(text, m.start) and self._actor_type(m.text, language) is None

    def _stopwords(self, language: str) -> frozenset[str]:
        if language not in self._stop:
            import importlib

            try:
                mod = importlib.import_module(f"spacy.lang.{language}.stop_words")
                self._stop[language] = frozenset(w.lower() for w in mod.STOP_WORDS)
            except ImportError:
                self._stop[language] = frozenset()
        return self._stop[language]

    def _kb_type(self, surface: str, language: str) -> str | None:
        """The type of a name the KB knows well enough to accept without a model."""
        if len(surface) < 3 or fold(surface) in self._stopwords(language):
            return None
        actors = [e for e in self.kb.find(surface, language) if e.origin == "kb"]
        if actors:
            return actors[0].type
        for c in self.gazetteer.candidates(surface, language):
            if c.demonym:
                continue
            p = c.place
            # a small town of the conflict zone by its main name or a curated one; not by a
            # name GeoNames lists among its alternates ("Гоголь" for Hoholeve: the writer)
            near = p.country in CONFLICT_ZONE and p.size >= KB_NEAR_PLACE_SIZE and len(surface) >= 4 \
                and (c.primary or not p.source.startswith("GeoNames"))
            # an inflected form counts when its base is a name of the place ("Києва": Київ);
            # one that only meets a romanized key ("Війна" as Vienna's "Viin") does not
            if not (c.exact or (near and len(surface) >= 5)):
                continue
            if p.feature == "country" or p.feature in ("oblast", "state", "sea", "region", "peninsula", "river"):
                return "place"
            if p.size >= KB_PLACE_SIZE or near:
                return "place"
        return None

    # -- linking -------------------------------------------------------------------
    def link(self, text: str, language: str, mentions: list[Mention]) -> list[Link]:
        return self.linker.link(text, language, mentions)

    def link_corpus(self, docs: list[tuple[str, str, str, list[tuple[int, int, str]]]]) -> list[list[str]]:
        """Entity ids for given mentions, shared across the documents (evaluation entry point)."""
        out = []
        for _doc_id, text, language, spans in docs:
            mentions = [Mention(s, e, text[s:e], t, "gold") for s, e, t in spans]
            out.append([link.entity_id for link in self.link(text, language, mentions)])
        return out

    # -- geoparsing ----------------------------------------------------------------
    def geoparse(self, text: str, language: str, spans: list[tuple[int, int]] | None = None) -> list[ResolvedPlace]:
        if spans is None:
            found = self.detect(text, language)
            mentions = [m for m in found if m.type == "place"]
            # the town inside an organisation named after it ("Mykolaiv Oncology Hospital")
            sites = [self.linker.site_name(m, language) for m in found if m.type == "organization"
                     and not any(e.origin == "kb" for e in self.kb.find(m.text, language))]
            mentions = sorted(mentions + [m for m in sites if m is not None], key=lambda m: m.start)
        else:
            mentions = [Mention(s, e, text[s:e], "place", "gold") for s, e in spans]
        chosen, stand = self.linker.resolve_places(text, mentions, language)
        out = []
        for m, c, s in zip(mentions, chosen, stand):
            if c is None and s is not None:  # a street or a building: in its town, or at the document's
                p = s.place
                out.append(ResolvedPlace(m.start, m.end, m.text, p.lat, p.lon, None, None, p.country, None,
                                         near=p.id))
                continue
            p = c.place if c else None
            out.append(ResolvedPlace(m.start, m.end, m.text, p.lat if p else None, p.lon if p else None,
                                     p.geonames if p else None, p.name if p else None,
                                     p.country if p else None, p.id if p else None))
        return out
