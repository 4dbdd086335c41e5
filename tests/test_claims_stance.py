"""Which English and French statements are claims, and their stance: a speaker in a
condition or one who is asked says nothing; a negated belief, a doubt; a concession after
what was said is the writer's. Example sentences are our own."""

from __future__ import annotations

import pytest

from sitroom.claims import cues
from sitroom.claims.attribution import extract
from sitroom.claims.stance import stance_of

from test_claims import one


def test_a_speaker_in_a_condition_or_one_who_is_asked_makes_no_claim():
    for text in ("If Moscow says the convoy was hit, the talks will end.",
                 "The alliance will respond in case Russia threatens an attack on Estonia.",
                 "Let's hope the ceasefire holds through the winter.",
                 "The mayor was asked about the blackout during a visit to the plant.",
                 "Si Moscou affirme que le convoi a été touché, les pourparlers cesseront."):
        lang = "fr" if text.startswith("Si ") else "en"
        assert extract(text, lang) == [], text
    # who was asked answers in the claim that follows; a condition inside what was said stays in it
    [a] = extract("Asked about the blackout, the mayor said the plant would reopen.", "en")
    assert (a.source.text, a.cue.text, a.content.text) == ("the mayor", "said", "the plant would reopen")
    a = one("The governor said that if the shelling continues, residents will leave.", "en", "said")
    assert a.content.text == "that if the shelling continues, residents will leave"
    a = one("Le ministre a dit que si le pont tombe, la ville sera coupée.", "fr", "dit")
    assert a.content.text.startswith("que si le pont tombe")
    # a concession grants what it says
    a = one("Même si le ministre reconnaît ces erreurs, il refuse de démissionner.", "fr", "reconnaît")
    assert (a.source.text, a.content.text) == ("le ministre", "ces erreurs")


@pytest.mark.parametrize("text,cue,stance", [
    ("The minister thinks the bridge can be repaired before spring.", "thinks", "asserted"),
    ("The minister does not think the bridge can be repaired before spring.", "think", "denied"),
    ("The Kremlin spokesman was not sure the summit would take place.", "sure", "unconfirmed"),
    ("Some analysts have questioned the army's ability to hold the city.", "questioned", "hedged"),
    ("Officials did not doubt that the convoy had reached Kherson.", "doubt", "asserted"),
])
def test_a_negated_belief_or_a_doubt_sets_the_stance(text, cue, stance):
    assert stance_of(text, one(text, "en", cue), cues.lexicon("en")) == stance


def test_a_concession_after_what_was_said_is_the_writers_aside():
    text = "The governor said the city was calm, although shelling continued overnight in the suburbs."
    assert one(text, "en", "said").content.text == "the city was calm"
    text = ("Many analysts expect the two Baltic states to act together, although Latvia – widely seen as likely "
            "to move first – looks readier than Lithuania.")
    a = one(text, "en", "expect")
    assert a.content.text == "the two Baltic states to act together"
    assert stance_of(text, a, cues.lexicon("en")) == "asserted"  # "likely" is in the writer's aside
