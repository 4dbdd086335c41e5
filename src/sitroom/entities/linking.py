"""Linking mentions to entities: places through the gazetteer, the rest through the KB.

For one document, in order:

1. a name of a curated actor (any spelling, any script, inflected or not) links to it,
   whatever type the model gave ("the Kremlin" tagged as a place is the organisation);
2. places: gazetteer candidates, resolved together by :mod:`sitroom.entities.toponyms`;
3. a partial person name links to the full name it shortens earlier or later in the same
   document ("Putin" after "Vladimir Putin"), else to the one known person with that last
   name in the corpus ("Gerasimov" alone);
4. near misses (rapidfuzz on name keys, same type) link to the known entity;
5. anything else becomes a new entity, so no mention is ever dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from rapidfuzz import fuzz, process

from sitroom.entities import kbdata
from sitroom.entities.gazetteer import Candidate, Gazetteer, Place
from sitroom.entities.kb import Entity, KnowledgeBase, slug
from sitroom.entities.recognizers import REGION_AFTER, Mention
from sitroom.entities.toponyms import TOWN_FEATURES, Toponym, resolve, stand_ins
from sitroom.errors import DataFileError

FUZZY_CUTOFF = 90.0
REGION_BEFORE = ("région de", "region de", "oblast de", "province de", "région d'", "oblast d'",
                 "gebiet", "oblast", "region")


NEXT_WORD = re.compile(r"\s+\w+")
COMMA = re.compile(r"\s*,\s*")
# "Cooke, Grayson and Love counties": the name after the comma opens a list, it contains nothing
LIST_GOES_ON = re.compile(r",?\s+(?:and|or|&|et|ou|und|oder|и|или|і|й|та|чи)\s", re.IGNORECASE)
THE_BEFORE = re.compile(r"(?:^|\W)[Tt]he $")
# the countries of the war: a town there is no organisation or person, and names the buildings named after it
CONFLICT_ZONE = frozenset({"UA", "RU", "BY"})
# punctuation that may cling to a word of a name ("(Enerhodar", "Kyiv’s", "«Азов»")
NAME_PUNCT = "\"'“”«»„()[]{}.,;:!?…—–-‘’"
# qualifier words that name no building or body at a place on their own: function words, directions, areas
# and natural features ("Siverskiy Donets River" is no building of the town of Siverskiy)
SITE_FILLERS = frozenset({"of", "the", "de", "du", "des", "la", "le", "l'", "d'", "von", "north", "south", "east",
                          "west", "northern", "southern", "eastern", "western", "central", "upper", "lower",
                          "old", "greater", "nord", "sud", "est", "ouest", "grand", "area", "district", "region",
                          "province", "county", "oblast", "raion", "governorate", "suburbs", "outskirts",
                          "countryside", "metro", "metropolitan", "valley", "bay", "river", "lake", "islands",
                          "mountains", "hills", "beach", "kreis", "landkreis", "bezirk", "région", "département",
                          "banlieue"})
# "Bourbon and Dauphine streets", "the Chartres/Franklin intersection", "at State and Hubbard":
# the name is a street's, which the gazetteer does not hold, whatever town shares it
STREET_AFTER = re.compile(
    r"\s+(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Blvd\.?)(?!\w)"
    r"|\s*(?:and|&|/)\s*[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*)?\s+(?i:streets|avenues|roads|intersection)\b")
# a newspaper's name after a place: "The Washington Post", "the Kyiv Independent"
MASTHEAD_AFTER = re.compile(
    r" (?:Post|Times|Herald|Tribune|Journal|Gazette|Chronicle|Courier|Examiner|Observer|Inquirer|"
    r"Independent|Telegraph|Dispatch|Globe|Bulletin|Star-Ledger|Free Press|Daily News)\b")
# what an institution's name may begin with ("US Federal Reserve", "European Commission")
NAMED_AFTER = {"country", "continent", "state", "oblast", "region"}
WORD_SPLIT = re.compile(r"\s+|(?<=['’])")
REGION_WORDS = re.compile(
    r"^(?:(?:la |the )?(?:région|region|oblast|province|gebiet|district) (?:de |d['’]|du )?)"
    r"|(?: (?:region|oblast|province|prefecture|governorate|area|krai|gebiet|область|области|області|край))$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Link:
    mention: Mention
    entity_id: str
    how: str  # kb | gazetteer | document | last-name | fuzzy | new
    near: str | None = None  # no coordinates: where it lies about (the place named after it, else the focus);
    # for an organisation named after its town ("Mykolaiv Oncology Hospital"), that town


def place_entity(place: Place) -> Entity:
    ids = {"geonames": place.geonames} if place.geonames else {}
    return Entity(id=place.id, name=place.name, type="place", origin="gazetteer", lat=place.lat, lon=place.lon,
                  country=place.country, region=place.region, feature=place.feature, ids=ids,
                  attrs={"population": place.population, "source": place.source})


def load_qualifiers(name: str = "place_qualifiers.json") -> frozenset[str]:
    """Words around a place name that make it the name of something there (``place_qualifiers.json``),
    or the name of a public body (``body_words.json``): one set over all languages."""
    path = kbdata.kb_path(name)
    data = kbdata.read_json(path)
    words: set[str] = set()
    for lang, values in data.items():
        if lang == "about":
            continue
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise DataFileError(str(path), None, f"{lang!r} must be a list of words")
        words.update(v.lower().replace("’", "'") for v in values)
    return frozenset(words)


def name_parts(name: str, qualifiers: frozenset[str]) -> list[str]:
    """The parts of a longer name left when qualifier words around them are removed, longest
    first: "Colorado State University" -> ["Colorado"], "Port of Los Angeles" -> ["Los Angeles"]."""
    words = [w for w in WORD_SPLIT.split(name) if w]
    qualifier = [w.lower().replace("’", "'") in qualifiers for w in words]
    out: list[str] = []
    for size in range(len(words) - 1, 0, -1):
        for i in range(len(words) - size + 1):
            part = words[i:i + size]
            if part[0][:1].isupper() and all(qualifier[:i] + qualifier[i + size:]) \
                    and not all(qualifier[i:i + size]):  # "East Bank": qualifiers alone are no name
                out.append(" ".join(part).replace("' ", "'").replace("’ ", "’"))
    return out


def region_cue(text: str, start: int, end: int) -> bool:
    after = text[end:end + 12].lower().lstrip()
    before = text[max(0, start - 14):start].lower().rstrip()
    return after.startswith(REGION_AFTER) or before.endswith(REGION_BEFORE)


class Linker:
    def __init__(self, kb: KnowledgeBase, gazetteer: Gazetteer) -> None:
        self.kb = kb
        self.gazetteer = gazetteer
        self.qualifiers = load_qualifiers()
        self.body_words = load_qualifiers("body_words.json")
        self._fuzzy: dict[str, dict[str, str]] = {}
        self._fuzzy_size = -1

    # -- places --------------------------------------------------------------------
    def place_candidates(self, text: str, m: Mention, language: str) -> Toponym:
        cue = region_cue(text, m.start, m.end)
        if language == "en" and STREET_AFTER.match(text, m.end) and " " not in m.text.strip():
            return Toponym(m.start, m.end, m.text, [], cue)
        cands = []
        if THE_BEFORE.search(text[max(0, m.start - 5):m.start]):
            # "the Gulf", "the Holy See": a name the gazetteer holds with its article is what
            # the text says, before any place named by the bare word (Gulf province, Papua)
            cands = self.gazetteer.candidates("the " + m.text, language)
        cands = cands or self.gazetteer.candidates(m.text, language)
        inner = REGION_WORDS.sub("", m.text).strip()
        if not cands and inner and inner != m.text:
            # "région de Koursk", "Kursk region" as one mention: the name inside, as a region
            m = Mention(m.start, m.end, inner, m.type, m.detector)
            cue = True
            cands = self.gazetteer.candidates(inner, language)
        part_of_name = False
        if not cands and " " in m.text.strip():
            for part in name_parts(m.text, self.qualifiers):  # only a full name of a place, no demonym
                cands = [c for c in self.gazetteer.candidates(part, language) if c.exact and not c.demonym]
                if cands:
                    part_of_name = " " not in part  # "Rogers Centre": one word, perhaps a surname
                    break
        if not cands and " " in m.text.strip():
            cands = self.named_after(m.text, language)
        if cue:  # "Kursk region": the oblast is a candidate even if its name is longer
            phrases = [(m.text + " Oblast", language), (m.text + " region", language)]
            nxt = NEXT_WORD.match(text, m.end)
            if nxt:  # "Курській області", "Kursk Oblast" as written
                phrases.append((text[m.start:nxt.end()], language))
            for phrase, lang in phrases:
                extra = [c for c in self.gazetteer.candidates(phrase, lang)
                         if c.place.id not in {x.place.id for x in cands}]
                cands += [Candidate(c.place, c.surface, True, c.primary, c.inflected) for c in extra]
        return Toponym(m.start, m.end, m.text, cands, cue, part_of_name=part_of_name,
                       masthead=language == "en" and bool(MASTHEAD_AFTER.match(text, m.end)))

    def named_after(self, name: str, language: str) -> list[Candidate]:
        """An institution named for a country or a wider region it belongs to: "European
        Investment Bank", "US Federal Reserve", "Mexican Senate" -> Europe, the US, Mexico. Only
        the first one or two words, only a demonym or a place too large to be a namesake town,
        and only when a word of ``body_words.json`` follows ("French Quarter" is no body)."""
        words = [w for w in WORD_SPLIT.split(name) if w]
        for size in (2, 1):
            head, rest = words[:size], words[size:]
            if not any(w.lower() in self.body_words for w in rest) or not head[0][:1].isupper() \
                    or any(w.lower() in self.qualifiers for w in head):
                continue
            cands = [c for c in self.gazetteer.candidates(" ".join(head), language)
                     if c.exact and (c.demonym or c.place.feature in NAMED_AFTER)]
            if cands:
                return cands
        return []

    def resolve_places(self, text: str, mentions: list[Mention], language: str
                       ) -> tuple[list[Candidate | None], list[Candidate | None]]:
        """The place each mention names (None where the gazetteer lacks it), and, for those
        left unresolved, the place standing in for it on the map (see ``stand_ins``)."""
        toponyms = [self.place_candidates(text, m, language) for m in mentions]
        by_start = {t.start: j for j, t in enumerate(toponyms)}
        for t in toponyms:  # "Springfield, Ill.": the place after the comma contains this one
            comma = COMMA.match(text, t.end)
            if comma and comma.group().strip() == ",":
                t.within = by_start.get(comma.end())
        for t in toponyms:
            if t.within is not None:
                after = toponyms[t.within]
                t.listed = bool(LIST_GOES_ON.match(text, after.end)) or after.within is not None
        chosen = resolve(toponyms)
        return chosen, stand_ins(toponyms, chosen)

    # -- everything ----------------------------------------------------------------
    def link(self, text: str, language: str, mentions: list[Mention]) -> list[Link]:
        links: dict[int, Link] = {}
        places: list[int] = []
        for i, m in enumerate(mentions):
            actor = self._actor(_by_name(m), language)
            if actor is not None:
                links[i] = Link(m, actor.id, "kb")
            elif m.type == "place":
                places.append(i)
        near: dict[int, str] = {}  # a place the gazetteer lacks: the place standing in for it
        if places:
            chosen, stand = self.resolve_places(text, [mentions[i] for i in places], language)
            for i, c, s in zip(places, chosen, stand):
                if c is not None:
                    entity = self.kb.add_entity(place_entity(c.place), seen=False)
                    links[i] = Link(mentions[i], entity.id, "gazetteer")
                elif s is not None:
                    near[i] = s.place.id
        # full names first, so that short forms can find them
        order = sorted((i for i in range(len(mentions)) if i not in links),
                       key=lambda i: -len(mentions[i].text.split()))
        doc_people: list[tuple[list[str], str]] = [
            (self.kb.romanizer.key(mentions[i].text, language).split(), links[i].entity_id)
            for i in links if self.kb.entities[links[i].entity_id].type == "person"
        ]
        for i in order:
            m = mentions[i]
            # a side named as a whole goes to its one entity, never to a spelling-bound group
            link = None if (m.type == "group" and m.name) else self._known(_by_name(m), language, doc_people)
            if link is None:
                link = Link(m, self._new(_by_name(m), language).id, "new")
            link = Link(m, link.entity_id, link.how)
            links[i] = link
            entity = self.kb.entities[link.entity_id]
            if entity.type == "person":
                doc_people.append((self.kb.romanizer.key(m.text, language).split(), entity.id))
        for i, link in links.items():
            self.kb.add_alias(link.entity_id, link.mention.text, language, seen=True)
            entity = self.kb.entities[link.entity_id]
            if i in near and link.mention.type == entity.type == "place" and entity.lat is None:
                links[i] = replace(link, near=near[i])
        for i, place_id in self._sites(text, language, mentions, links).items():
            links[i] = replace(links[i], near=place_id)
        return [links[i] for i in range(len(mentions))]

    def _sites(self, text: str, language: str, mentions: list[Mention], links: dict[int, Link]) -> dict[int, str]:
        """The town each organisation named after it stands in ("Mykolaiv Oncology Hospital",
        "Mariupol Drama Theatre", "Kharkiv National University", "Okhtyrka City Council"): the
        first one to three words are the main name of a town of the conflict zone (elsewhere
        universities and institutes are named after people as often: Stanford, Columbia), and
        a word after them names something at a place (``place_qualifiers.json``). The
        town is resolved with the document's other places. Knowledge-base actors keep none."""
        heads: dict[int, Mention] = {}
        for i, link in links.items():
            m = mentions[i]
            if m.type != "organization" or link.how == "kb":
                continue
            head = self.site_name(m, language)
            if head is not None:
                heads[i] = head
        if not heads:
            return {}
        places = [m for m in mentions if m.type == "place"]
        chosen, _ = self.resolve_places(text, places + list(heads.values()), language)
        out = {}
        for i, c in zip(heads, chosen[len(places):]):
            if c is not None:
                out[i] = self.kb.add_entity(place_entity(c.place), seen=False).id
        return out

    def site_name(self, m: Mention, language: str) -> Mention | None:
        """The town an organisation is named after, as a place mention inside it (see ``_sites``)."""
        words = list(re.finditer(r"[^\s]+", m.text))
        for k in range(min(3, len(words) - 1), 0, -1):
            rest = [w.group().strip(NAME_PUNCT).casefold() for w in words[k:]]
            if not any(w in self.qualifiers and w not in SITE_FILLERS for w in rest):
                continue
            head = m.text[:words[k - 1].end()]
            if not all(w.group()[0].isupper() for w in words[:k]):
                continue
            if any(c.exact and c.primary and not c.demonym and c.place.feature in TOWN_FEATURES
                   and c.place.country in CONFLICT_ZONE for c in self.gazetteer.candidates(head, language)):
                return Mention(m.start, m.start + len(head), head, "place", m.detector + "+site")
        return None

    def _actor(self, m: Mention, language: str) -> Entity | None:
        hits = [e for e in self.kb.find(m.text, language) if e.origin == "kb"]
        if not hits:
            return None
        same = [e for e in hits if e.type == m.type]
        return (same or hits)[0] if (same or m.type != "place" or len(m.text.split()) > 1) else None

    def _known(self, m: Mention, language: str, doc_people: list[tuple[list[str], str]]) -> Link | None:
        hits = [e for e in self.kb.find(m.text, language) if _compatible(e.type, m.type)]
        if hits:
            return Link(m, hits[0].id, "kb" if hits[0].origin == "kb" else "known")
        if m.type in ("person", "organization", "other"):  # models often call a lone surname an ORG
            words = self.kb.romanizer.key(m.text, language).split()
            if words:
                for full, eid in doc_people if m.type == "person" or len(words) == 1 else ():
                    if len(full) > len(words) and full[-len(words):] == words:
                        return Link(m, eid, "document")
                if len(words) == 1:
                    people = self.kb.find_last_name(m.text, language)
                    if len(people) == 1:
                        return Link(m, people[0].id, "last-name")
        if m.type in ("person", "organization"):
            key = self.kb.romanizer.key(m.text, language)
            choices = self._fuzzy_choices(m.type)
            if key and len(key) >= 5 and choices:
                best = process.extractOne(key, list(choices), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
                if best:
                    return Link(m, choices[best[0]], "fuzzy")
        return None

    def _fuzzy_choices(self, type_: str) -> dict[str, str]:
        size = len(self.kb.by_key)
        if size != self._fuzzy_size:
            self._fuzzy = {t: self.kb.keys_of_type(t) for t in ("person", "organization")}
            self._fuzzy_size = size
        return self._fuzzy.get(type_, {})

    def _new(self, m: Mention, language: str) -> Entity:
        name = m.text
        bases = self.kb.romanizer.base_forms(name, language)
        if bases and m.type == "place":
            name = bases[0]
        key = self.kb.romanizer.key(name, language) or name
        if m.type == "group" and m.name:  # a side named as a whole: one entity in every language
            eid = f"group:{(m.country or 'xx').lower()}:{slug(m.name)}"
            if eid not in self.kb.entities:
                entity = Entity(id=eid, name=m.name, type="group", origin="text", country=m.country,
                                affiliation=m.country)
                self.kb.add_entity(entity, [(m.name, "en")], seen=False)
            return self.kb.add_entity(self.kb.entities[eid], [(m.text, language)], seen=True)
        if m.type == "group":
            eid = f"group:{(m.country or 'xx').lower()}:{slug(key)}"
        else:
            eid = f"{m.type}:{slug(key)}"
        if m.type in ("person", "organization", "other"):
            # the same unknown name typed differently elsewhere ("Jean-Sylvestre Mongrenier" as ORG)
            for other in self.kb.find(name, language):
                if other.origin == "text" and other.type in ("person", "organization", "other"):
                    return self.kb.add_entity(other, [(name, language)], seen=True)
        country = m.country if m.type == "group" else self._owner_country(m, language)
        entity = self.kb.entities.get(eid) or Entity(id=eid, name=name, type=m.type, origin="text",
                                                     country=country, affiliation=country)
        return self.kb.add_entity(entity, [(name, language)], seen=True)

    def _owner_country(self, m: Mention, language: str) -> str | None:
        """The country of the place an unknown institution is named with ("Верховный суд
        США", "Генпрокуратура Украины"): its side, as the place's would have been."""
        if not m.owner:
            return None
        found = [c for c in self.gazetteer.candidates(m.owner, language) if c.exact and not c.demonym]
        found.sort(key=lambda c: (c.place.feature != "country", -c.place.size))
        return found[0].place.country if found else None


def _by_name(m: Mention) -> Mention:
    """The mention as it is looked up: by the name it carries where its span says more
    ("ТОВ «Каштан-плюс»" is looked up as "Каштан-плюс"); a side's name is handled apart."""
    if m.name and m.type != "group":
        return Mention(m.start, m.end, m.name, m.type, m.detector, m.country, m.name, m.owner)
    return m


def _compatible(kb_type: str, mention_type: str) -> bool:
    if kb_type == mention_type:
        return True
    # models confuse organisations and places ("Ukraine said", "the Pentagon"); people are not confused
    return {kb_type, mention_type} <= {"organization", "place", "other"}
