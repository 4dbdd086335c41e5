"""Tense and number read from a dependency parse, for what a claim's grammar tells: whether
its reporting verb is in a past tense (a French conditional after it is the
future-in-the-past: ``claims.conditional``) and whether its speaker is plural (an unnamed
plural speaker is a group: ``claims.builder``)."""

from __future__ import annotations


def plural_speaker(subj) -> bool:
    """The subject is a plural noun or pronoun by its tag ("Critics", "Democrats", "They",
    "Les Russes"); a name is not ("Williams")."""
    if subj is None or subj.pos_ == "PROPN" and subj.tag_ != "NNPS":
        return False
    return subj.tag_ in ("NNS", "NNPS") or "Plur" in subj.morph.get("Number")


def past_tense(tok) -> bool:
    """The verb is in a past tense: a past participle with its auxiliary ("a déclaré", "has
    said"), a simple past or an imperfect ("déclara", "expliquait", "said"); a present
    participle takes the tense of the verb it hangs on ("…, affirmant que …"). A passive
    with a present auxiliary ("il est affirmé que") is present."""
    seen = {tok.i}
    while "Part" in tok.morph.get("VerbForm") and "Pres" in tok.morph.get("Tense"):
        tok = tok.head
        if tok.i in seen or tok.pos_ not in ("VERB", "AUX"):
            return False
        seen.add(tok.i)
    tense = tok.morph.get("Tense")
    passive = [c for c in tok.children if c.dep_ in ("aux:pass", "auxpass")]
    if passive:
        return any(c.dep_ in ("aux:tense", "aux") for c in tok.children) \
            or any(t in ("Past", "Imp") for c in passive for t in c.morph.get("Tense"))
    return any(t in ("Past", "Imp") for t in tense)
