"""Stance of a claim: asserted, denied, unconfirmed or hedged.

- denied: the cue is a denial ("denied", "dément", "bestritt", "опроверг", "спростував");
- unconfirmed: a confirmation verb negated or refused ("has not confirmed", "n'a pas
  confirmé", "declined to confirm", "не подтвердил");
- hedged: a hedge inside the claim (its content, or the reporting clause between source and
  cue: "reportedly", "probably", "could", "якобы"), or a French conditional in the content
  (not the future-in-the-past after a past reporting verb, nor one in a relative clause:
  ``claims.conditional``); or a cue that doubts ("questioned", "doute", "сомневается");
- a negated belief: denied where the verb holds the opposite ("does not think", "glaubt
  nicht", "не считает": ``neg_raising``), unconfirmed otherwise ("is not sure", "does not
  know");
- asserted otherwise.

Negation and hedges are looked for only inside the claim's own spans: a "not" in the
content is part of what was said ("Moscow says it did not strike civilians" is asserted),
and a hedge in another clause of the sentence does not touch this claim.
"""

from __future__ import annotations

import re

from sitroom.claims.conditional import hedging_conditional, last_clause
from sitroom.claims.cues import CueLexicon
from sitroom.claims.model import Attribution

NEGATION_WINDOW = 24  # characters before a cue (after it, for German verb-second) searched for a negation


def cue_negated(text: str, a: Attribution, lex: CueLexicon) -> bool:
    """The negation the parse hangs on the cue (English, French); for the pattern
    languages, a negation right before the cue ("не подтвердил", "nicht bestätigt"), or
    right after it before any punctuation ("bestätigte … nicht")."""
    if a.negated:
        return True
    if lex.parsed:  # the parse says what the negation hangs on: "never stopped calling for" is no denial
        return False
    before = text[max(0, a.cue.start - NEGATION_WINDOW):a.cue.start]
    if a.source is not None and a.source.end <= a.cue.start:
        before = text[max(a.source.end, a.cue.start - NEGATION_WINDOW):a.cue.start]
    last = list(lex.negations.finditer(before))
    if last and not re.search(r"[,.;:!?]", before[last[-1].end():]):
        return True
    if lex.lang == "de":
        after = re.split(r"[,.;:!?]", text[a.cue.end:a.cue.end + NEGATION_WINDOW], maxsplit=1)[0]
        return bool(re.search(r"(?<!\w)(?:nicht|nie|noch nicht)(?!\w)", after))
    return False


def hedged(text: str, a: Attribution, lex: CueLexicon) -> str | None:
    """The hedge inside the claim, if any."""
    parts = [text[a.content.start:a.content.end]]
    if a.source is not None and a.source.end <= a.cue.start:
        parts.append(text[a.source.end:a.cue.end])
    else:
        parts.append(text[a.cue.start:a.cue.end])
    for part in parts:
        m = lex.hedges.search(part)
        if m:
            return m.group(0)
    if lex.conditional_mood:  # in what was said, or in the cue's own clause ("aurait déclaré": reportedly said)
        return hedging_conditional(parts[0], after_past_cue=a.past) or hedging_conditional(last_clause(parts[1]))
    return None


def stance_of(text: str, a: Attribution, lex: CueLexicon | None) -> str:
    if lex is None:
        return "asserted"
    negated = cue_negated(text, a, lex)
    if a.cue_class == "deny":
        return "hedged" if negated else "denied"
    if a.cue_class in ("confirm", "refuse"):
        if negated or a.cue_class == "refuse":
            return "unconfirmed"
    elif negated and a.cue_class == "report":
        return "unconfirmed"  # "did not say", "has not announced"
    cue = text[a.cue.start:a.cue.end]
    if a.source is not None and lex.doubts.search(cue):  # ("were questioned": who was, not who doubts)
        return "asserted" if negated else "hedged"  # "questioned the army's ability"; "did not doubt"
    if negated and a.cue_class == "belief":
        # "does not think …" holds the opposite (only a speaker can: "is not thought" has none);
        # "is not sure …", "does not know …" only does not hold it
        return "denied" if a.source is not None and lex.neg_raising.search(cue) else "unconfirmed"
    return "hedged" if hedged(text, a, lex) else "asserted"


def sentence_stance(text: str, start: int, end: int, lex: CueLexicon | None) -> str:
    """Stance of a statement the article makes itself (no reporting verb)."""
    if lex is None:
        return "asserted"
    part = text[start:end]
    if lex.hedges.search(part):
        return "hedged"
    if lex.conditional_mood and hedging_conditional(part):
        return "hedged"
    return "asserted"
