"""The claims stage over a store: attributions, stance, dates and figures for every
document whose claims are missing or older than its entity mentions; then the events are
rebuilt from all claims.

Resumable like the entities stage: each batch of documents is one transaction holding
their claims and their ``stage_outputs`` marks.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from sitroom.claims.attribution import extract_batch
from sitroom.claims.builder import ClaimBuilder, MentionRow, claim_row
from sitroom.claims.sentences import Segmenter
from sitroom.settings import Settings

STAGE = "claims"
VERSION = "30"  # 3: incise speakers, participles sharing their verb's speaker; 4: a time is no speaker, shares know their whole;
# 5: a quote its speaker tag interrupts is one content, its text the quoted pieces;
# 6: more English cues and prepositional cues, a one-word object, a passive's agent as its speaker;
# 7: English candidates scored by the cue model (data/claims/cues/en.model.json), a dateline or a participle aside cut from the speaker
# 8: stance adjectives, ''…'' quotes, a quote before the tag and a short quote joined to the statement, coordinated verbs by form,
#    object complements ("as", "for"), parse repairs (curly apostrophes, a "that" clause hung on a noun, the speaker's side)
# 9: a speakerless passive's subject in its content, a mid-sentence tag leaves the rest of the sentence to the
#    statement, French speakers set off mid-sentence ("Les pertes, a déclaré le ministre, restent lourdes"),
#    a quote continues the last speaker only when it stands as its own sentence or after a comma or colon
# 10: Russian and Ukrainian speakers read by case (claims.morphology); speakers after the verb ("Об этом заявил …",
#    the previous sentence as content), institutions named by where they speak ("В Кремле заявили"), "as" clauses
#    ("…, wie die Agentur meldete", "…, как заявил …") instead of a bare "wie" as an according cue
# 11: English and French "as" clauses ("As the governor said, …", "comme l'a indiqué le ministère"), transcript
#    labels that name a speaker (a person, organisation or group mention, or capitals), transcript turns never nested;
#    German word order (an adverb or a time before the verb, auxiliaries, separable verbs, "Aus dem Kreml hieß es"),
#    no claim in a question, "28. Juli" ends no sentence
# 12: "as" clauses after a connective or inside the sentence, a fronted clause is not what a verb with an object
#    says, a "that" clause hung on who is told, a report inside a quote says what the quote holds, speakers keep
#    hyphenated words and an aside between dashes, a main verb the parser took for a participle, no title quoted
#    at the end of a tag joined to the quote, no closing mark opening a span, a gerund after "aside from" / "and for",
#    "per" a source only before a determined noun ("18 per cent" is a rate), a content never stops inside a quote it
#    opened, an object goes on past "including", no span ends on a conjunction; French "…, a-t-il déclaré": "il"
# 13: a claim's event types are the events it reports as happened (sitroom.events.reports): no weapon or "sanctions"
#    named without an act, no act under a modal, a future, an infinitive, a plan, a condition or a negation
# 14: a participle before its noun names a state ("the occupied territories"), Ukrainian and Russian verb forms of
#    attacks, hostilities, bombing and destruction; plural multipliers, "тис", "260-ти тисяч", "22.5 мільйона"
# 15: an organisation named after its town brings the town into the claim's entities ("Mykolaiv Oncology Hospital")
# 16: English thousands grouped by spaces ("125 000 square kilometres"), one group separator throughout a number
# 17: French "estime-t-il" (a verb before an inverted pronoun, the pronoun its speaker), a weekday after the speaker
#     is when it was said ("a déclaré le ministre lundi"), an unquoted content after a colon ends with its sentence
# 18: event triggers: arms found and mines cleared, posts and checkpoints set up, units formed or moved, a missile
#     fired from an aircraft an air strike, deaths in an accident or a natural disaster no attack
# 19: an English reporting verb the tagger read as a plural noun heading the sentence ("But X charges that …")
# 20: a weapon named near an act is made real only by an act verb or an act of arms ("agreed to send artillery" is
#     an agreement, no shelling; types.json "arms")
# 21: German, Russian and Ukrainian triggers read in one sense only ("задержались", "подрывают", "катастрофически",
#     "Cyberangriff", "Schlachtfeld", "Einmarsch", "demonstrierte neue Stärke", "на поле боя"); a participle before a
#     territory noun is a state ("освобождённых регионов"); "Angriffskrieg" names the war, no battle
# 22: figures in pounds sterling, tonnes, hectares, calibres ("155 mm"), times ("в 28 разів"), minutes, seconds,
#     decades and centuries; "20.41 BST" is a clock time
# 23: abbreviated Russian and Ukrainian months beside a day or a year are dates ("МОСКВА, 20 июн"), no figure
#     no claim from a speaker in a condition ("If Moscow says …", "si Moscou affirme …"), from "Let's hope" or from
#     who is asked ("Asked about X, …", "was asked about X"); a negated belief is denied ("does not think", "glaubt
#     nicht", "не считает") or unconfirmed ("is not sure"); a doubt is hedged ("questioned", "сомневается"); a
#     concession after what was said is the writer's aside ("…, although B"); English "he" and "she" point to the
#     last person the writer names, never to a place or an organisation
# 24: a source's kind from its head noun when the knowledge base does not say (claims.descriptors: "the defence
#     ministry", "Foreign Secretary X", "Norwegian media"); a document or a spokesperson speaks for its issuer ("a
#     statement from the Russian army", "a Kremlin spokesman"; "the report" alone is anonymous); every country's
#     demonyms give a descriptor its side
# 25: a French conditional is told from an imperfect by the verb tables ("déclarait" is no hedge); after a past
#     reporting verb it is the future-in-the-past unless a conditional perfect ("aurait fui"); in a relative clause
#     only "avoir" and "être" hedge; on the reporting verb it hedges ("aurait déclaré"); "paraît" hedges
#     (claims.conditional)
# 26: a knowledge-base actor's side is the one it spoke for on the claim's date (kb former_affiliations:
#     Stoltenberg NATO until October 2024, Baerbock DE until September 2025)
# 27: an unnamed source is a person only when it can be one: plural speakers ("Critics", "заявили") and phrases
#     opening with a quantifier, a plural demonstrative or a non-person pronoun ("Many", "They") are groups
#     (source_nouns.json not_a_person); "Ministerium", "служба" name officials
# 28: plurals of English bodies and titles name officials ("Western governments", "foreign ministers")
# 29: said_on is the time expression nearest the cue that can date the saying: not one of another report, not a
#     possessive ("Thursday's summit"), not after the publication ("votes tomorrow")
# 30: committees, commissions and courts are officials, plurals of outlets media ("The committee", "news agencies")
AFTER = "entities"


@dataclass
class ClaimReport:
    documents: int = 0
    claims: int = 0
    events: int = 0
    by_stance: Counter = field(default_factory=Counter)
    by_kind: Counter = field(default_factory=Counter)


def make_builder(store) -> ClaimBuilder:
    from sitroom.claims.quantities import find_quantities
    from sitroom.events.reports import reported

    @lru_cache(maxsize=50_000)
    def entity(entity_id: str):
        return store.get_entity(entity_id)

    return ClaimBuilder(entity, find_quantities, reported)


def run_claims(store, settings: Settings, on_progress: Callable[[int, int], None] | None = None) -> ClaimReport:
    from sitroom.events.builder import rebuild_events

    pending = store.documents_without(STAGE, VERSION, after=AFTER)
    report = ClaimReport()
    if pending:
        builder = make_builder(store)
        size = max(1, settings.entity_batch_size)
        for i in range(0, len(pending), size):
            docs = [d for d in (store.get_document(doc_id) for doc_id in pending[i:i + size]) if d is not None]
            by_lang: dict[str | None, list] = defaultdict(list)
            for d in docs:
                by_lang[d.language].append(d)
            rows_of: dict[str, list[dict]] = {}
            for lang, group in by_lang.items():
                mentions = [[MentionRow(m["start"], m["end"], m["type"], m["entity_id"],
                                        m["near_entity_id"] if m["type"] == "organization" else None)
                             for m in store.iter_mentions(d.id)] for d in group]
                segmenter = Segmenter.for_language(lang)
                sentences = [segmenter.split(d.text) for d in group]
                attrs = extract_batch([d.text for d in group], lang,
                                      [[(m.start, m.end, m.type) for m in ms] for ms in mentions], sentences)
                for d, a, ms, sents in zip(group, attrs, mentions, sentences):
                    claims = builder.build(d, a, ms, sents)
                    rows_of[d.id] = [claim_row(c) for c in claims]
                    report.by_stance.update(c.stance for c in claims)
                    report.by_kind.update(c.source_kind for c in claims)
            with store.transaction():
                for d in docs:
                    store.replace_claims(d.id, rows_of[d.id], STAGE, VERSION)
                    report.documents += 1
                    report.claims += len(rows_of[d.id])
            if on_progress:
                on_progress(report.documents, len(pending))
    if pending or not store.has_events():
        with store.transaction():
            report.events = rebuild_events(store)
    return report
