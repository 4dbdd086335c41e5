"""Attribution lexicons per language (``data/claims/cues/<lang>.json``), compiled once.

A lexicon names the reporting verbs (by lemma where a parser gives lemmas: English and
French; by inflected forms as regular expressions elsewhere), the expressions that put a
source before or after a statement ("according to", "selon", "laut", "по словам",
"Peskow zufolge"), the social-media channels a statement is made on, hedges, negations,
the head nouns of unnamed sources and the pronouns that point back to an earlier source.
Each verb carries a class that later decides the stance: ``report`` and ``belief`` assert,
``deny`` denies, ``confirm`` and ``refuse`` turn into "unconfirmed" when negated or refused.
``refuse`` is a cue only when what is refused is speech: a reporting verb of the lexicon
or one of ``refusal_complements`` ("refused to answer", not "refused to drop the gun").
``time_nouns`` are the head nouns of a subject that is a stretch of time, which reports
nothing ("the coming weeks promise to be decisive", "les prochains jours diront").
``act`` marks a verb that also names a deed ("forces attacked the town", "troops continue
their advance"): it is a cue only with a clause or a quote after it, and then reports.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from sitroom.errors import DataFileError

LANGUAGES = ("en", "fr", "de", "ru", "uk")
CLASSES = ("report", "belief", "deny", "confirm", "refuse", "act")
REPORTING = ("report", "deny", "confirm")  # the classes that say something (not a belief, a refusal or a deed)
_B, _E = r"(?<![\w-])", r"(?![\w-])"


def _alternation(phrases) -> str:
    parts = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts) or r"(?!x)x"


@dataclass
class CueLexicon:
    lang: str
    verbs: dict[str, str]  # lemma -> class (parsed languages)
    forms: list[tuple[re.Pattern, str]]  # inflected-form pattern -> class (pattern languages)
    according: re.Pattern  # source introduced before it: "according to X"
    according_after: re.Pattern | None  # source before it: "X zufolge"
    channels: list[tuple[re.Pattern, str]]
    hedges: re.Pattern
    negations: re.Pattern
    anonymous: frozenset[str]
    pronouns: frozenset[str]
    complementizers: frozenset[str]
    # of them, those that only ever stand for a person ("he", "she"; not French "il" or Russian
    # "он", which also stand for a ministry or a country): they point back to the last person
    # the writer names, other pronouns to the last speaker
    person_pronouns: frozenset[str] = frozenset()
    refusal_complements: frozenset[str] = frozenset()  # besides reporting verbs: "refused to answer"
    cue_prepositions: dict[str, frozenset[str]] = field(default_factory=dict)  # "call" -> {"for"}
    # "confident that …", "critical of …" after a copula: adjective -> class, and the
    # prepositions whose object is what the stance is about
    adjectives: dict[str, str] = field(default_factory=dict)
    adjective_prepositions: dict[str, frozenset[str]] = field(default_factory=dict)
    adjective_infinitives: frozenset[str] = frozenset()  # "ready to …": the infinitive is what is stated
    # the prepositions that finish what was said of an object: "described the talks as
    # a farce", "blamed Kyiv for the strike"
    object_complements: frozenset[str] = frozenset()
    # the preposition whose object is who is addressed before an infinitive: "called on
    # the allies to send …" ("call" -> {"on", "upon"})
    addressee_prepositions: dict[str, frozenset[str]] = field(default_factory=dict)
    # verbs that put out what a participle then says: "issued a statement saying …"
    carrier_verbs: frozenset[str] = frozenset()
    # an object that names a stance, and the prepositions that say what it is about:
    # "expressed concern over …", "voiced support for …"
    stance_nouns: frozenset[str] = frozenset()
    stance_prepositions: frozenset[str] = frozenset()
    # what opens the writer's own circumstance after a tag set mid-sentence, not more of the
    # statement: "…, officials said, as the shelling went on"
    narrative_openers: frozenset[str] = frozenset()
    # "according" expressions that also count or divide ("per cent", "per day"): a source
    # only with a determiner, a possessive or a number ("per the governor")
    according_determined: frozenset[str] = frozenset()
    impersonal: frozenset[str] = frozenset()  # verbs whose subject is no one: "il faut dire que"
    time_nouns: frozenset[str] = frozenset()  # lemmas of a subject that is a time: "the next weeks promise …"
    conditional_mood: bool = False
    # a negated belief cue says the speaker does not hold what follows ("does not expect a
    # breakthrough": unconfirmed); of these words, the speaker holds the opposite ("does not
    # think", "glaubt nicht", "не считает": denied)
    neg_raising: re.Pattern = re.compile(r"(?!x)x")
    # a cue that doubts what follows: hedged, and asserted when negated ("questioned the
    # army's ability", "сомневается")
    doubts: re.Pattern = re.compile(r"(?!x)x")
    # parsed languages: words that open a condition; a cue in one is a hypothetical speaker,
    # no claim ("If Moscow says …", "in case Russia threatens …", "si Moscou affirme …")
    conditionals: tuple[tuple[str, ...], ...] = ()
    # ... unless they open a concession, which grants a fact ("même si Borrell reconnaît …")
    concessives: tuple[tuple[str, ...], ...] = ()
    # words opening a concession set off by a comma after what was said: the writer's aside,
    # not more of the statement ("expect A, although B …")
    concessions: frozenset[str] = frozenset()
    # the speaker follows the verb in a tag set in the middle of a sentence, where the
    # parser takes it for an object: "Les pertes, a déclaré le ministre, sont lourdes"
    inverted_incise: bool = False
    # the word that opens a clause naming the source around its own reporting verb ("…, as
    # the agency reported", "…, wie die Agentur meldete", "…, как заявил Песков")
    as_clause: re.Pattern | None = None
    # parsed languages: verbs that report only in such a clause ("as the minister put it")
    as_clause_verbs: dict[str, str] = field(default_factory=dict)
    # pattern languages: what stands for the previous sentence before a reporting verb whose
    # speaker follows it ("Об этом заявил Песков", "Darüber berichtete der Spiegel")
    anaphora: re.Pattern | None = None
    # pattern languages with a case dictionary: words never read as a speaker ("как", "що")
    not_speakers: frozenset[str] = frozenset()
    # pattern languages whose nouns are capitalised and whose verb comes second (German): a
    # sentence opened by one of ``adverbs`` or ``fronted_prepositions`` has its subject after
    # the verb ("Zudem sagte Peskow", "Am Montag sagte Peskow"); adverbs, ``subordinators``
    # ("dass", "obwohl") and finite ``auxiliaries`` ("hat", "wurde") are never part of a
    # speaker; a separable verb's ``particles`` ("kündigte … an") end the words between the
    # verb and what was said
    adverbs: frozenset[str] = frozenset()
    fronted_prepositions: frozenset[str] = frozenset()
    subordinators: frozenset[str] = frozenset()
    auxiliaries: frozenset[str] = frozenset()
    particles: frozenset[str] = frozenset()
    source_prepositions: frozenset[str] = frozenset()  # "Aus dem Kreml hieß es": the Kremlin speaks
    determiners: frozenset[str] = frozenset()  # "der", "seine": a noun phrase goes on after them
    # a verb form that reports only with its separated particle later in the clause, and the
    # class each particle gives it ("wies … zurück" denies, "wies … hin" reports; "kündigte
    # … auf" is no cue)
    separable: list[tuple[re.Pattern, dict[str, str]]] = field(default_factory=list)

    @property
    def parsed(self) -> bool:
        return bool(self.verbs)

    def verb_class(self, lemma: str) -> str | None:
        return self.verbs.get(lemma.lower())

    def find_forms(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
        """(start, end, class) of every reporting verb form in ``text[start:end]``."""
        end = len(text) if end is None else end
        found = []
        for pattern, cls in self.forms:
            for m in pattern.finditer(text, start, end):
                found.append((m.start(), m.end(), cls))
        found.sort()
        return [f for i, f in enumerate(found) if i == 0 or f[0] >= found[i - 1][1]]

    def particle_class(self, form: str, clause: str) -> str | None:
        """For a separable verb ``form``, the class its particle gives it; the particle is
        the last word of ``clause`` (the words after the verb up to the clause's end: "wies
        die Vorwürfe zurück"). None when ``form`` is not separable, "" when its particle is
        not there ("kündigte die Partnerschaft auf")."""
        for pattern, particles in self.separable:
            if pattern.fullmatch(form):
                words = re.findall(r"[^\W\d_]+", clause.lower())
                return particles.get(words[-1], "") if words else ""  # the particle closes the clause
        return None

    def channel(self, text: str) -> tuple[str, int, int] | None:
        for pattern, name in self.channels:
            m = pattern.search(text)
            if m:
                return name, m.start(), m.end()
        return None


def _optional(words: list[str] | None) -> re.Pattern | None:
    """A case-blind pattern of any of ``words`` as whole words, or None."""
    if not words:
        return None
    return re.compile(_B + f"(?:{_alternation(words)})" + _E, re.IGNORECASE)


def _compile(lang: str, table: dict, source: str) -> CueLexicon:
    try:
        verbs = {k.strip().lower(): v for k, v in table.get("verbs", {}).items()}
        forms = [(re.compile(_B + f"(?:{pat})" + _E, re.IGNORECASE), cls) for pat, cls in table.get("forms", {}).items()]
        adjectives = {k.strip().lower(): v for k, v in table.get("adjectives", {}).items()}
        separable = [(re.compile(_B + f"(?:{pat})" + _E, re.IGNORECASE), {k.lower(): v for k, v in particles.items()})
                     for pat, particles in table.get("separable", {}).items()]
        for cls in list(verbs.values()) + [c for _, c in forms] + list(adjectives.values()) \
                + list(table.get("as_clause_verbs", {}).values()) + [c for _, ps in separable for c in ps.values()]:
            if cls not in CLASSES:
                raise ValueError(f"unknown verb class {cls!r} (expected one of {', '.join(CLASSES)})")
        after = table.get("according_after") or []
        return CueLexicon(
            lang=lang,
            verbs=verbs,
            forms=forms,
            according=re.compile(_B + f"(?:{_alternation(table.get('according', []))})" + _E, re.IGNORECASE),
            according_after=re.compile(_B + f"(?:{_alternation(after)})" + _E) if after else None,
            as_clause=_optional(table.get("as_clause")),
            as_clause_verbs={k.strip().lower(): v for k, v in table.get("as_clause_verbs", {}).items()},
            separable=separable,
            anaphora=_optional(table.get("anaphora")),
            not_speakers=frozenset(w.lower() for w in table.get("not_speakers", [])),
            **{key: frozenset(w.lower() for w in table.get(key, []))
               for key in ("adverbs", "fronted_prepositions", "subordinators", "auxiliaries", "particles",
                           "source_prepositions", "determiners")},
            channels=[(re.compile(_B + _alternation([k]) + _E, re.IGNORECASE), v)
                      for k, v in sorted(table.get("channels", {}).items(), key=lambda kv: -len(kv[0]))],
            hedges=re.compile(_B + f"(?:{_alternation(table.get('hedges', []))})" + _E, re.IGNORECASE),
            negations=re.compile(_B + f"(?:{_alternation(table.get('negations', []))})" + r"(?!\w)", re.IGNORECASE),
            anonymous=frozenset(w.lower() for w in table.get("anonymous", [])),
            pronouns=frozenset(w.lower() for w in table.get("pronouns", [])),
            person_pronouns=frozenset(w.lower() for w in table.get("person_pronouns", [])),
            complementizers=frozenset(w.lower() for w in table.get("complementizers", [])),
            refusal_complements=frozenset(w.lower() for w in table.get("refusal_complements", [])),
            cue_prepositions={k.lower(): frozenset(p.lower() for p in v)
                              for k, v in table.get("cue_prepositions", {}).items()},
            adjectives=adjectives,
            adjective_prepositions={k.lower(): frozenset(p.lower() for p in v)
                                    for k, v in table.get("adjective_prepositions", {}).items()},
            adjective_infinitives=frozenset(w.lower() for w in table.get("adjective_infinitives", [])),
            object_complements=frozenset(w.lower() for w in table.get("object_complements", [])),
            addressee_prepositions={k.lower(): frozenset(p.lower() for p in v)
                                    for k, v in table.get("addressee_prepositions", {}).items()},
            carrier_verbs=frozenset(w.lower() for w in table.get("carrier_verbs", [])),
            stance_nouns=frozenset(w.lower() for w in table.get("stance_nouns", [])),
            stance_prepositions=frozenset(w.lower() for w in table.get("stance_prepositions", [])),
            narrative_openers=frozenset(w.lower() for w in table.get("narrative_openers", [])),
            according_determined=frozenset(" ".join(w.lower().split()) for w in table.get("according_determined", [])),
            impersonal=frozenset(w.lower() for w in table.get("impersonal", [])),
            time_nouns=frozenset(w.lower() for w in table.get("time_nouns", [])),
            conditional_mood=bool(table.get("conditional_mood", False)),
            neg_raising=re.compile(_B + f"(?:{_alternation(table.get('neg_raising', []))})" + _E, re.IGNORECASE),
            doubts=re.compile(_B + f"(?:{_alternation(table.get('doubts', []))})" + _E, re.IGNORECASE),
            conditionals=tuple(tuple(p.lower().split()) for p in table.get("conditionals", [])),
            concessives=tuple(tuple(p.lower().split()) for p in table.get("concessives", [])),
            concessions=frozenset(w.lower() for w in table.get("concessions", [])),
            inverted_incise=bool(table.get("inverted_incise", False)),
        )
    except (re.error, ValueError, AttributeError, TypeError) as exc:
        raise DataFileError(source, 0, str(exc)) from exc


def load_table(lang: str) -> tuple[dict, str]:
    name = f"{lang}.json"
    path = resources.files("sitroom") / "data" / "claims" / "cues" / name
    source = f"data/claims/cues/{name}"
    try:
        return json.loads(path.read_text(encoding="utf-8")), source
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DataFileError(source, getattr(exc, "lineno", 0), str(exc)) from exc


@lru_cache(maxsize=None)
def lexicon(lang: str | None) -> CueLexicon | None:
    """The lexicon of ``lang``, or None for a language without one."""
    if lang not in LANGUAGES:
        return None
    table, source = load_table(lang)
    return _compile(lang, table, source)


def from_table(lang: str, table: dict, source: str = "<table>") -> CueLexicon:
    """A lexicon from an in-memory table (tests, custom deployments)."""
    return _compile(lang, table, source)


# an inflectional ending and what the stem may have lost to it ("hoping" = "hop" + "ing" = "hope")
ENGLISH_ENDINGS = (("ed", ""), ("es", ""), ("d", ""), ("s", ""), ("ing", ""), ("ing", "e"))
# French first-group verbs: present and past participle back to the infinitive ("estime" = "estimer")
FRENCH_ENDINGS = (("e", "er"), ("es", "er"), ("ent", "er"), ("é", "er"), ("ée", "er"), ("és", "er"), ("ées", "er"))
ENDINGS = {"en": ENGLISH_ENDINGS, "fr": FRENCH_ENDINGS}
INVERTED_CLITICS = frozenset({"-t", "-il", "-elle", "-on", "-ils", "-elles"})


def repair_lemmas(doc, lex: CueLexicon, lang: str = "en") -> None:
    """spaCy's English lemmatizer reads some inflected verbs as another verb ("hoped",
    "hopes" and "hoping" as "hop", "retweeted" as "retweete"), and the French one leaves a
    verb before an inverted pronoun as written ("estime-t-il": "estime"): a verb whose lemma
    is not a cue while its form with the inflectional ending undone is, takes that form as
    its lemma. A reporting verb the tagger read as a plural noun heading the sentence, with a
    subject before it and a clause after it ("But Trump claims that he …", "Kyiv charges
    that …"), is a verb."""
    endings = ENDINGS.get(lang, ())
    for tok in doc:
        if lang == "en" and tok.pos_ == "NOUN" and tok.tag_ == "NNS" and tok.dep_ == "ROOT" \
                and lex.verb_class(tok.lemma_) and any(c.dep_ == "nsubj" and c.i < tok.i for c in tok.children):
            clause = next((c for c in tok.children if c.i > tok.i and (c.dep_ == "ccomp" or c.dep_ == "acl" and any(
                g.dep_ == "mark" and g.lower_ == "that" for g in c.children) and any(g.dep_ == "nsubj" for g in c.children))), None)
            if clause is not None:
                tok.pos_, tok.tag_, clause.dep_ = "VERB", "VBZ", "ccomp"
        if lang == "fr" and tok.pos_ not in ("AUX", "VERB", "PRON") and not tok.text.startswith("-") \
                and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in INVERTED_CLITICS:
            tok.pos_ = "VERB"  # "estime-t-il" tagged an adverb: a pronoun after a hyphen follows a verb
        if tok.pos_ != "VERB" or lex.verb_class(tok.lemma_):
            continue
        form = tok.lower_
        stems = (form[:-len(ending)] + restored for ending, restored in endings if form.endswith(ending))
        stem = next((x for x in stems if lex.verb_class(x)), None)
        if stem is not None:
            tok.lemma_ = stem
