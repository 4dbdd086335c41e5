"""From attributions to claims placed in their document.

For each attribution: the source entity (the mention inside the source span, a pronoun
resolved to the last named speaker before it, or, for one that only stands for a person, to
the last person the writer names), the kind of source and its side (from the
knowledge base: affiliation, a place's country, a group's side, or a demonym in a
descriptor such as "a Russian source"), the stance, the dates (``said_on``: a time
expression of the reporting clause, else the publication date; ``refers_to``: the first
one inside the content), the quantities and entities inside the content, and the event
types its content reports.

Sentences that no attribution covers but that carry a figure or an event are kept as
claims of the article itself (``source_kind`` = ``author``): "Ukraine controls 1,150 km2"
written by the outlet is a claim too, just a weaker one.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from sitroom.claims import cues
from sitroom.claims.descriptors import NOTHING, Reading, SourceNouns, source_nouns
from sitroom.claims.model import Attribution, Claim
from sitroom.claims.morphology import morphology
from sitroom.claims.quotes import find_quotes
from sitroom.claims.stance import sentence_stance, stance_of
from sitroom.entities import kbdata
from sitroom.entities.kb import side_on
from sitroom.model import Document

TYPE_PRIORITY = {"person": 0, "organization": 1, "group": 2, "place": 3, "other": 4}
OFFICIAL_KINDS = {"official", "military", "agency"}
MEDIA_KINDS = {"media"}
INDEFINITE = ("a ", "an ", "some ", "one ", "un ", "une ", "des ", "ein ", "eine ")
# a claim's said_on / refers_to is a day: "in 2014" or "in March" says too little to date it
DAY_PRECISIONS = ("day", "week")
# where the naming part of a source phrase ends: a relative clause ("Vladimir Putin, who
# appeared annoyed after the Ukrainian offensive") says nothing of the speaker's side, while
# an apposition ("Ivan Petrov, a Russian officer") does
# between a share and the place it is a share of: "20 percent of Ukraine's territory",
# "20 % du territoire de l'Ukraine", "20% территории Украины"
SHARE_MEASURES = {"percent_territory"}
_SHARE_OF = re.compile(
    r"\s*(?:(?:of|de|du|des|d['’])\s*)?(?:(?:the|la|le|l['’])\s*)?"
    r"(?:(?:territory|territoire|территории|території)\s+(?:(?:of|de|du|d['’])\s*)?(?:(?:the|la|le|l['’])\s*)?)?",
    re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s(?!\w)")  # "Thursday's summit": the day of a thing, not of the saying
_SOURCE_HEAD_END = re.compile(r",?\s(?:who|which|whose|qui|dont|который|которая|которые|який|яка|які)\s", re.IGNORECASE)


@dataclass
class MentionRow:
    start: int
    end: int
    type: str
    entity_id: str
    site: str | None = None  # an organisation named after its town: that town (the mention's near_entity_id)


@lru_cache(maxsize=1)
def demonym_sides() -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Lower-cased demonyms and their sides: single words, and phrases (with a space or a
    hyphen) longest first. The sides of ``groups.json`` (with its alliances and its Chechen
    side) come first, then every other country's demonyms from ``demonyms.json`` ("a
    Turkish official", "Norwegian media")."""
    sides: dict[str, str] = {}
    for name, section in (("groups.json", "demonyms"), ("demonyms.json", "countries")):
        for side, by_lang in kbdata.read_json(kbdata.kb_path(name)).get(section, {}).items():
            for words in by_lang.values():
                for w in words:
                    sides.setdefault(w.lower(), side)
    phrases = sorted(((w, side) for w, side in sides.items() if " " in w or "-" in w), key=lambda p: -len(p[0]))
    return {w: side for w, side in sides.items() if " " not in w and "-" not in w}, phrases


@lru_cache(maxsize=1)
def anonymous_words() -> frozenset[str]:
    words: set[str] = set()
    for lang in cues.LANGUAGES:
        lex = cues.lexicon(lang)
        if lex is not None:
            words |= lex.anonymous
    return frozenset(words)


def side_from_text(text: str) -> str | None:
    """The side of the longest demonym in ``text`` ("a high-ranking Ukrainian source": UA)."""
    single, phrases = demonym_sides()
    low = text.lower()
    for phrase, side in phrases:
        if phrase in low:
            return side
    found = [w for w in low.replace("-", " ").split() if w in single]
    return single[max(found, key=len)] if found else None


def claim_id(doc_id: str, a_start: int, b_start: int, kind: str) -> str:
    digest = hashlib.sha1(f"{doc_id}:{kind}:{a_start}:{b_start}".encode()).hexdigest()[:16]
    return f"c_{digest}"


class ClaimBuilder:
    """Builds the claims of one document. ``entity`` looks an entity up by id (a dict
    with type, kind, affiliation, country); ``quantities`` and ``event_types`` are the
    extractors (injected so each stays testable on its own)."""

    def __init__(self, entity: Callable[[str], dict | None],
                 quantities: Callable[..., list], event_types: Callable[..., list]) -> None:
        self.entity = entity
        self.quantities = quantities
        self.event_types = event_types

    def build(self, doc: Document, attributions: list[Attribution], mentions: list[MentionRow],
              sentences: list[tuple[int, int]]) -> list[Claim]:
        lang = doc.language
        lex = cues.lexicon(lang)
        text = doc.text
        claims: list[Claim] = []
        last_speaker: tuple[str | None, str, str | None] | None = None  # entity, kind, side
        narrated = self._narrated_people(text, attributions, mentions) if lex is not None and lex.person_pronouns else []
        dated: dict[tuple[int, int, int], str] = {}  # (sentence, speaker span) -> the day a time expression gave
        for a in sorted(attributions, key=lambda a: a.cue.start):
            said_on, refers_to = self._dates(doc, a, attributions)
            speaker = (a.sentence.start if a.sentence else -1, a.source.start, a.source.end) if a.source else None
            if said_on is not None and speaker is not None:
                dated.setdefault(speaker, said_on)
            # "X said last week …, adding that …": the speaker's next report in the sentence was made then too
            said_on = said_on or dated.get(speaker) or doc.published
            entity_id, kind, side = self._source(a, mentions, text, lang, said_on)
            pronouns = lex.pronouns if lex is not None else frozenset()
            word = a.source.text.lower() if a.source is not None else ""
            if word in pronouns and entity_id is None:
                person = next((m for m in reversed(narrated) if m.end <= a.source.start), None) \
                    if word in lex.person_pronouns else None
                if person is not None:
                    entity_id, kind, side = self._source(a, [MentionRow(a.source.start, a.source.end, person.type,
                                                                        person.entity_id)], text, day=said_on)
                elif last_speaker and (word not in lex.person_pronouns or self._is_person(last_speaker[0])):
                    entity_id, kind, side = last_speaker
            if entity_id is not None and kind in ("person", "official"):
                last_speaker = (entity_id, kind, side)
            qs = self._shares_of(self.quantities(text, lang, a.content.start, a.content.end), mentions, text)
            evs = self.event_types(text, lang, a.content.start, a.content.end,
                                   a.sentence.start if a.sentence else min(a.cue.start, a.content.start))
            ev = evs[:1]
            claims.append(Claim(
                id=claim_id(doc.id, a.cue.start, a.content.start, "a"), doc_id=doc.id,
                start=a.sentence.start if a.sentence else min(a.cue.start, a.content.start),
                end=a.sentence.end if a.sentence else max(a.cue.end, a.content.end),
                source_text=a.source.text if a.source else None,
                source_start=a.source.start if a.source else None, source_end=a.source.end if a.source else None,
                source_entity_id=entity_id, source_kind=kind, side=side,
                cue=a.cue.text, cue_start=a.cue.start, cue_end=a.cue.end,
                content=a.content.text, content_start=a.content.start, content_end=a.content.end,
                quote=a.quote, stance=stance_of(text, a, lex), said_on=said_on, refers_to=refers_to,
                quantities=qs, entity_ids=self._entities_in(mentions, a.content.start, a.content.end),
                channel=a.channel, how=a.how, event_types=[e.subtype for e in ev]))
        claims.extend(self._author_claims(doc, attributions, mentions, sentences, lex))
        return sorted(claims, key=lambda c: (c.start, c.content_start))

    # ------------------------------------------------------------------ sources
    @staticmethod
    def _named_in_source(a: Attribution, mentions: list[MentionRow], text: str) -> list[MentionRow]:
        """The mentions inside a source span, the speaker first: a person before an
        organisation or a place, and an owner last ("Mr Putin's foreign minister, Sergei
        Lavrov": Lavrov speaks)."""
        inside = [m for m in mentions if a.source.start <= m.start and m.end <= a.source.end]
        return sorted(inside, key=lambda m: (TYPE_PRIORITY.get(m.type, 9), text[m.end:m.end + 2] in ("'s", "’s"), m.start))

    def _kind_unknown(self, entity_id: str) -> bool:
        """The knowledge base gives no kind (official, media …) for this entity."""
        return not (self.entity(entity_id) or {}).get("kind")

    def _is_person(self, entity_id: str | None) -> bool:
        return entity_id is not None and (self.entity(entity_id) or {}).get("type") == "person"

    def _narrated_people(self, text: str, attributions: list[Attribution], mentions: list[MentionRow]) -> list[MentionRow]:
        """The people the writer names, in text order: person mentions outside what anyone is
        reported to say and outside quotes. "He said" points back to the last of them before
        it, not to a person named inside the previous speaker's own words ("Wallace said Putin
        had failed. He added …": Wallace)."""
        said = [(a.content.start, a.content.end) for a in attributions]
        said += [(q.start, q.end) for q in find_quotes(text)]
        # (a speaker is named by the writer even inside what another source reports: "Reuters
        # reported that Lukashenko said …. He claimed …"; the first person a source names, not
        # one in its apposition: "John Bolton, an adviser to Trump, said …")
        people = [m for m in sorted(mentions, key=lambda m: m.start) if m.entity_id and (
                  self._is_person(m.entity_id) or self.entity(m.entity_id) is None and m.type == "person")]
        sources = [(a.source.start, a.source.end) for a in attributions if a.source is not None]
        persons = {m.start for m in people}
        speakers = {next((m.start for m in self._named_in_source(a, mentions, text) if m.start in persons), None)
                    for a in attributions if a.source is not None}
        return [m for m in people if m.start in speakers
                or not any(s <= m.start < end for s, end in said + sources)]

    def _source(self, a: Attribution, mentions: list[MentionRow], text: str,
                lang: str | None = None, day: str | None = None) -> tuple[str | None, str, str | None]:
        """The source's entity, kind and side; ``day`` (ISO), when it spoke, picks the side an
        actor spoke for then (Stoltenberg spoke for NATO until October 2024)."""
        if a.source is None:
            return None, "anonymous", None
        inside = self._named_in_source(a, mentions, text)
        src = a.source.text
        low = src.lower()
        naming = _SOURCE_HEAD_END.split(src, 1)[0]
        descriptor_side = side_from_text(naming)
        nouns = source_nouns(lang)
        head = nouns.read(naming) if nouns is not None else NOTHING
        if head.role in ("documents", "spokespeople"):
            return self._issuer(a, head, inside, naming, nouns, descriptor_side, day)
        named = any(m.type == "person" for m in inside)
        if not named and (low.startswith(INDEFINITE) or self._anonymous_head(src)):
            return (inside[0].entity_id if inside and inside[0].type == "group" else None), "anonymous", \
                descriptor_side or (self._side(inside[0].entity_id, day) if inside else None)
        if not inside:
            return None, head.role or self._unnamed_kind(a, nouns, lang), descriptor_side
        entity_id, kind, side = self._entity_kind(inside, descriptor_side, day)
        if kind in ("person", "group") and head.role is not None and self._kind_unknown(entity_id):
            kind = head.role  # a title the knowledge base does not know: "Wirtschaftsminister Robert Habeck"
        return entity_id, kind, side

    @staticmethod
    def _unnamed_kind(a: Attribution, nouns: SourceNouns | None, lang: str | None) -> str:
        """A source no entity names and no head noun types: a group when it is plural
        ("Critics", "The Social Democrats", a Russian verb in the plural) or opens with a
        word that names no single person ("Many", "They", "Das Welternährungsprogramm");
        else a person when it is written with a capital."""
        src = a.source.text
        morph = morphology(lang)
        plural = a.plural or (morph is not None and morph.plural_verb(a.cue.text.split()[0]))
        if plural or (nouns is not None and nouns.no_single_person(src)):
            return "group"
        return "person" if src[:1].isupper() else "group"

    def _entity_kind(self, inside: list[MentionRow], descriptor_side: str | None,
                     day: str | None = None) -> tuple[str, str, str | None]:
        """The first named entity's id, kind and side."""
        m = inside[0]
        e = self.entity(m.entity_id) or {}
        etype, ekind = e.get("type", m.type), (e.get("kind") or "").lower()
        if etype == "person":
            kind = "official" if ekind in OFFICIAL_KINDS else "media" if ekind in MEDIA_KINDS else "person"
        elif etype == "organization":
            kind = "media" if ekind in MEDIA_KINDS else "official" if ekind in OFFICIAL_KINDS else "group"
        elif etype == "place":
            kind = "official"  # "Moscow says", "Kyiv has not confirmed": the government
        else:
            kind = "group"
        # an explicit country in the phrase ("Russia's defence ministry") outranks the
        # side of an entity linked by a generic name
        explicit = descriptor_side or next((self._side(p.entity_id, day) for p in inside
                                            if p.type == "place" and p.start < m.end), None)
        return m.entity_id, kind, explicit or self._side(m.entity_id, day)

    def _issuer(self, a: Attribution, head: Reading, inside: list[MentionRow], naming: str,
                nouns: SourceNouns, descriptor_side: str | None,
                day: str | None = None) -> tuple[str | None, str, str | None]:
        """A document or a spokesperson speaks for whoever issues it: "a statement from the
        Russian army" is the army's, "a Kremlin spokesman" the Kremlin's; a named
        spokesperson is an official ("press secretary Jen Psaki"); with no issuer named the
        source is anonymous ("the report", "a spokesperson")."""
        noun = (a.source.start + head.start, a.source.start + head.end)
        issuers = [m for m in inside if not (noun[0] <= m.start < noun[1])]
        rest = naming[:head.start] + " " + naming[head.end:]
        if self._anonymous_head(rest):  # "a report from sources close to the Kremlin"
            return None, "anonymous", descriptor_side
        if issuers:
            entity_id, kind, side = self._entity_kind(issuers, descriptor_side, day)
            if kind in ("person", "group") and self._kind_unknown(entity_id):
                if head.role == "spokespeople" and issuers[0].type == "person":
                    kind = "official"  # the spokesperson named: "Regierungssprecherin Christiane Hoffmann"
                else:  # "a report from the Russian authorities"
                    kind = nouns.kind_anywhere(rest) or kind
            return entity_id, kind, side
        return None, nouns.kind_anywhere(rest) or "anonymous", descriptor_side

    def _side(self, entity_id: str, day: str | None = None) -> str | None:
        e = self.entity(entity_id) or {}
        if e.get("affiliation"):
            return side_on(e, day)
        if e.get("type") in ("place", "group") and e.get("country"):
            return e["country"]
        if entity_id.startswith("group:"):
            parts = entity_id.split(":")
            return parts[1].upper() if len(parts) > 2 else None
        return None

    @staticmethod
    def _anonymous_head(src: str) -> bool:
        """"sources", "officials", "a high-ranking source in the general staff"."""
        words = [w.strip(",.;:()").lower() for w in src.split()[:4]]
        return any(w in anonymous_words() for w in words)

    @staticmethod
    def _shares_of(quantities: list, mentions: list[MentionRow], text: str) -> list:
        """Each share of territory gets the place named right after it as what it is a share
        of ("nearly 20 percent of Ukraine's territory": Ukraine), so that its series is that
        place's, not that of the capital the sentence names as an actor."""
        places = sorted((m for m in mentions if m.type == "place"), key=lambda m: m.start)
        for q in quantities:
            if q.measure not in SHARE_MEASURES:
                continue
            gap = _SHARE_OF.match(text, q.end)
            nxt = next((m for m in places if m.start >= q.end), None)
            if nxt is not None and gap is not None and gap.end() == nxt.start:
                q.of_entity_id = nxt.entity_id
        return quantities

    @staticmethod
    def _entities_in(mentions: list[MentionRow], start: int, end: int) -> list[str]:
        out: list[str] = []
        for m in mentions:
            if start <= m.start and m.end <= end:
                # "Mykolaiv Oncology Hospital struck": the hospital, and Mykolaiv where it stands
                out.extend(e for e in (m.entity_id, m.site) if e and e not in out)
        return out

    # ------------------------------------------------------------------ dates
    @staticmethod
    def _dates(doc: Document, a: Attribution, attributions: list[Attribution]) -> tuple[str | None, str | None]:
        """(said_on, refers_to): the first day-precise time expression inside the content is
        what it refers to; said_on is the one nearest the cue among those of its sentence that
        can date the saying, None when none can (the caller falls back to the publication date).
        A time expression cannot date the saying when it stands in the speaker's span, in
        another report's cue or content (a report that does not hold this cue: "…, with the
        prime minister saying last week that …"; the cue of a report by the same speaker still
        counts: "…, said last week …, adding that …"), before a possessive ("ahead of
        Thursday's summit", "said of Monday's attack"), or after the publication when it is
        relative to it ("the Commons votes tomorrow", "meets on 7 March")."""
        text = doc.text
        refers_to = None
        said: list = []
        lo = a.sentence.start if a.sentence else a.cue.start
        hi = a.sentence.end if a.sentence else a.cue.end
        published = (doc.published or "")[:10]
        speaker = (a.source.start, a.source.end) if a.source is not None else None

        def elsewhere(i: int) -> bool:
            """Offset ``i`` lies in another report's cue or content (one that does not hold this cue)."""
            for o in attributions:
                if o is a:
                    continue
                spans = (o.content,) if o.source is not None and (o.source.start, o.source.end) == speaker \
                    else (o.cue, o.content)
                if any(s.start <= i < s.end and not (s.start <= a.cue.start < s.end) for s in spans):
                    return True
            return False

        for tx in doc.timexes:
            if tx.value is None or tx.precision not in DAY_PRECISIONS or not (lo <= tx.start < hi):
                continue
            if a.content.start <= tx.start < a.content.end:
                refers_to = refers_to or tx.value
            elif a.source is not None and a.source.start <= tx.start < a.source.end:
                continue
            elif _POSSESSIVE.match(text, tx.end) or elsewhere(tx.start):
                continue
            elif not (published and tx.value[:10] > published and tx.how != "absolute"):
                said.append(tx)
        if said:
            nearest = min(said, key=lambda tx: max(0, tx.start - a.cue.end, a.cue.start - tx.end))
            return nearest.value, refers_to
        return None, refers_to

    # ------------------------------------------------------------------ author claims
    def _author_claims(self, doc: Document, attributions: list[Attribution], mentions: list[MentionRow],
                       sentences: list[tuple[int, int]], lex) -> list[Claim]:
        covered = [(a.sentence.start, a.sentence.end) if a.sentence else (a.content.start, a.content.end)
                   for a in attributions]
        out = []
        text = doc.text
        for s, e in sentences:
            if any(cs < e and s < ce for cs, ce in covered):
                continue
            qs = self._shares_of([q for q in self.quantities(text, doc.language, s, e) if q.measure], mentions, text)
            evs = self.event_types(text, doc.language, s, e)
            if not qs and not evs:
                continue
            refers = next((tx.value for tx in doc.timexes
                           if s <= tx.start < e and tx.value and tx.precision in DAY_PRECISIONS), None)
            out.append(Claim(
                id=claim_id(doc.id, s, e, "author"), doc_id=doc.id, start=s, end=e,
                source_text=doc.outlet, source_start=None, source_end=None, source_entity_id=None,
                source_kind="author", side=None, cue=None, cue_start=None, cue_end=None,
                content=text[s:e], content_start=s, content_end=e, quote=False,
                stance=sentence_stance(text, s, e, lex), said_on=doc.published, refers_to=refers,
                quantities=qs, entity_ids=self._entities_in(mentions, s, e), how="author",
                event_types=[ev.subtype for ev in evs[:1]]))
        return out


def claim_row(c: Claim) -> dict:
    """The store/export row of a claim."""
    return {
        "id": c.id, "doc_id": c.doc_id, "start": c.start, "end": c.end,
        "source_text": c.source_text, "source_start": c.source_start, "source_end": c.source_end,
        "source_entity_id": c.source_entity_id, "source_kind": c.source_kind, "side": c.side,
        "cue": c.cue, "cue_start": c.cue_start, "cue_end": c.cue_end,
        "content": c.content, "content_start": c.content_start, "content_end": c.content_end,
        "quote": c.quote, "stance": c.stance, "said_on": c.said_on, "refers_to": c.refers_to,
        "quantities": json.dumps([q.as_dict() for q in c.quantities], ensure_ascii=False),
        "entity_ids": json.dumps(c.entity_ids, ensure_ascii=False), "channel": c.channel, "how": c.how,
        "event_types": json.dumps(c.event_types),
    }
