"""Claims in English: attribution (source / cue / content), quotes, stance, and the pieces
every language uses (quotes, speaker lines, sentences, the cue tables). French and the
pattern languages are in ``test_claims_languages``, the stage, CLI and exports in
``test_claims_stage``, quotes and content boundaries in ``test_claims_quotes``, conditions,
negated beliefs and doubts in ``test_claims_stance``. Example sentences are our own."""

from __future__ import annotations

import pytest

from sitroom.claims import cues
from sitroom.claims.attribution import extract, punctuation_cues
from sitroom.claims.model import Attribution
from sitroom.claims.quotes import find_quotes
from sitroom.claims.sentences import Segmenter
from sitroom.claims.stance import stance_of
from sitroom.errors import DataFileError


def one(text: str, lang: str, cue: str) -> Attribution:
    found = [a for a in extract(text, lang) if a.cue.text == cue or a.cue.text.endswith(" " + cue)]
    assert found, f"no attribution with cue {cue!r} in {[a.cue.text for a in extract(text, lang)]}"
    a = found[0]
    for span in (a.source, a.cue, a.content):
        if span is not None and not (span is a.content and a.quote):
            assert text[span.start:span.end] == span.text
    if a.quote:  # a quote its speaker tag interrupts says the quoted pieces only
        inside = text[a.content.start:a.content.end]
        assert inside.startswith(a.content.text.split()[0]) and inside.endswith(a.content.text.split()[-1])
    return a


# --------------------------------------------------------------------------- English


def test_english_indirect_speech_with_subject_source_and_day():
    text = "The defence ministry in Moscow said on Sunday that its troops had repelled two attacks near the border."
    a = one(text, "en", "said")
    assert a.source.text == "The defence ministry in Moscow"
    assert a.content.text.startswith("that its troops had repelled")
    assert not a.quote


def test_english_postposed_speaker_after_a_quote():
    text = "“We will not give up a single village,” said Olena Marchenko, a regional governor."
    a = one(text, "en", "said")
    assert a.source.text.startswith("Olena Marchenko")
    assert a.quote
    assert "single village" in a.content.text


def test_a_subject_the_parser_finds_inside_the_quote_is_not_the_speaker():
    # the parser gives "said" two subjects: "reaction", inside the quote, and "adviser"
    text = ("“My reaction, that was reckless,” Zelensky's former foreign policy adviser said in an "
            "interview with a Kyiv radio station.")
    a = one(text, "en", "said")
    assert a.source.text == "Zelensky's former foreign policy adviser"
    assert a.quote and a.content.text.startswith("“My reaction")


def test_english_spoke_about_is_a_cue_with_what_was_spoken_of():
    text = "The governor spoke about the need for more air defence systems in the region."
    a = one(text, "en", "spoke about")
    assert a.source.text == "The governor"
    assert a.content.text.startswith("the need for more air defence")


def test_a_stance_told_by_an_adjective_after_a_copula():
    a = one("Kyiv is confident that the line will hold near Pokrovsk.", "en", "is confident")
    assert a.source.text == "Kyiv" and a.cue_class == "belief"
    assert a.content.text == "that the line will hold near Pokrovsk"
    a = one("Western officials have been critical of the new mobilisation law.", "en", "critical of")
    assert a.source.text == "Western officials" and a.cue.text == "have been critical of"
    assert a.content.text == "the new mobilisation law"
    a = one("The Kremlin is not ready to sign a ceasefire.", "en", "ready")
    assert a.source.text == "The Kremlin" and a.negated
    # "sure to" forecasts; it states nobody's view
    assert not [x for x in extract("The weather is sure to get worse this week.", "en") if "sure" in x.cue.text]


def test_prepositional_cues_after_an_object_and_no_comment():
    a = one("Ukrainian officials accused Moscow of shelling the plant again.", "en", "accused")
    assert a.source.text == "Ukrainian officials"
    assert a.content.text == "Moscow of shelling the plant again"
    a = one("The governor described the strike as a deliberate attack on civilians.", "en", "described")
    assert a.content.text == "the strike as a deliberate attack on civilians"
    text = "The Russian defence ministry did not respond to a request for comment."
    a = one(text, "en", "respond to")
    assert a.source.text == "The Russian defence ministry" and a.content.text == "a request for comment"
    assert stance_of(text, a, cues.lexicon("en")) == "unconfirmed"


def test_a_speaker_named_before_a_relative_clause_ends_where_the_clause_begins():
    a = one("Ordinary voters, who argue that taxes are too high, stayed home.", "en", "argue")
    assert a.source.text == "Ordinary voters" and a.relative.text == "who"
    assert a.content.text == "that taxes are too high"


def test_a_focus_word_before_the_speaker_is_not_part_of_it():
    assert one("Even Minsk said the drills were a provocation.", "en", "said").source.text == "Minsk"
    assert one("Both Kyiv and Warsaw say the border will stay open.", "en", "say").source.text == "Kyiv and Warsaw"
    assert one("All 27 member states said they would back the plan.", "en", "said").source.text \
        == "All 27 member states"


def test_french_se_dire_with_an_adjective_and_the_reflexive_clitic_in_the_cue():
    a = one("Le Kremlin s'est dit prêt à négocier un cessez-le-feu.", "fr", "dit")
    assert a.source.text == "Le Kremlin" and a.cue.text == "s'est dit"
    assert a.content.text == "prêt à négocier un cessez-le-feu"


def test_english_quote_cut_off_by_the_parser_is_the_content_of_the_speaker_after_it():
    # the small parser ends the sentence at "?”", leaving "Kuleba said." with no complement
    text = "“How many more towns must burn before the shells arrive?” Kuleba said. The talks ended."
    a = one(text, "en", "said")
    assert a.source.text == "Kuleba" and a.quote
    assert a.content.text.startswith("“How many more towns")
    # a negation the parser hangs from the verb but that sits inside the quote is not a denial
    text = "\"Is the line holding? Probably not,\" the brigade commander said. \"We need more men.\""
    a = one(text, "en", "said")
    assert a.source.text == "the brigade commander" and not a.negated
    assert "Probably not" in a.content.text


def test_a_quote_its_speaker_tag_interrupts_is_one_content_without_the_tag():
    text = ("\"We will not retreat from these positions,\" said Oleksandr Syrskyi, the commander-in-chief "
            "of Ukraine's armed forces. \"The line will hold through the winter.\"\n\nThe talks ended.")
    a = one(text, "en", "said")
    assert a.source.text.startswith("Oleksandr Syrskyi")
    assert a.content.text == ("\"We will not retreat from these positions,\" "
                              "\"The line will hold through the winter.\"")
    assert text[a.content.start:a.content.end].endswith("winter.\"")
    # no second claim for the second half
    assert len([b for b in extract(text, "en") if "winter" in b.content.text]) == 1


def test_english_inverted_speaker_after_a_quote_the_parser_cut_off():
    text = "\"The front will not move before spring, not in this mud,\" said Ivan Petrenko, a volunteer medic."
    a = one(text, "en", "said")
    assert a.source.text.startswith("Ivan Petrenko") and a.quote
    assert "before spring" in a.content.text


def test_dash_speaker_after_a_quote_with_a_no_break_space():
    text = "“We stayed because the school is still open and the children need it.” ―\u00a0Olha Kravets\n"
    found = [a for a in punctuation_cues(text) if a.how == "dash-speaker"]
    assert found and found[0].source.text == "Olha Kravets"


def test_transcript_speaker_line_may_open_with_a_quotation_mark():
    text = 'Partial transcript:\n\n"HOST: Where is the front line today?\n\n"GENERAL: East of the river, for now.\n'
    found = {a.source.text: a.content.text for a in punctuation_cues(text) if a.how == "speaker-line"}
    assert found == {"HOST": "Where is the front line today?", "GENERAL": "East of the river, for now."}


def test_english_quote_right_after_the_verb():
    text = "Zelensky said, “We will hold Pokrovsk as long as we can.”"
    a = one(text, "en", "said")
    assert a.source.text == "Zelensky" and "hold Pokrovsk" in a.content.text


def test_english_speaker_aside_inside_the_sentence():
    text = "The strikes on the grid, the energy minister said, are meant to freeze the cities."
    a = one(text, "en", "said")
    assert a.source.text == "the energy minister"
    assert "strikes on the grid" in a.content.text and "freeze the cities" in a.content.text


def test_participle_after_a_reporting_verb_shares_its_speaker():
    # the parser hangs "promising" inside the content, under "receive"; its speaker is the
    # one who vowed, and the first claim's content stops before it
    text = "He vowed that the enemy would receive a fitting answer, promising a major counterattack."
    a = one(text, "en", "promising")
    assert a.source.text == "He"
    assert one(text, "en", "vowed").content.text == "that the enemy would receive a fitting answer"
    text = ("Le général a indiqué que de nouveaux retraits étaient envisagés, "
            "soulignant que sa priorité était de sauver des vies.")
    assert one(text, "fr", "soulignant").source.text == "Le général"


def test_french_inverted_speaker_the_parser_takes_for_an_object():
    text = ("Peskov a déclaré jeudi que l'opération était entrée dans sa phase finale, "
            "a rapporté l'agence de presse Tass.")
    a = one(text, "fr", "a rapporté")
    assert a.source.text == "l'agence de presse Tass"
    assert a.content.text.startswith("Peskov a déclaré jeudi")
    # an apposition before the verb is not an inversion: the object stays what was denied
    a = one("Putin, the president, denied the report.", "en", "denied")
    assert a.source.text == "Putin, the president" and a.content.text == "the report"


def parsed_attributions(rows: list[tuple], cue: str) -> list[Attribution]:
    """Attributions with cue ``cue`` from a hand-written parse, one (word, head, dep, pos,
    tag, lemma, space after) row a token: a misparse reproduced without the parser."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from sitroom.claims.depparse import doc_attributions

    words, heads, deps, pos, tags, lemmas, spaces = (list(col) for col in zip(*rows))
    doc = Doc(Vocab(), words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)
    return [a for a in doc_attributions(doc, doc.text, 0, cues.lexicon("en"), []) if a.cue.text == cue]


def test_second_subject_after_a_comma_set_verb_is_the_speaker():
    # a misparse seen in long paragraphs: "army" and "Martin" both hang on "notes" as subjects
    found = parsed_attributions([
        ("Really", 3, "advmod", "ADV", "RB", "really", False), (",", 3, "punct", "PUNCT", ",", ",", True),
        ("it", 3, "nsubj", "PRON", "PRP", "it", True), ("is", 9, "ccomp", "AUX", "VBZ", "be", True),
        ("the", 5, "det", "DET", "DT", "the", True), ("army", 9, "nsubj", "NOUN", "NN", "army", True),
        ("which", 7, "nsubj", "PRON", "WDT", "which", True), ("retreats", 5, "relcl", "VERB", "VBZ", "retreat", False),
        (",", 5, "punct", "PUNCT", ",", ",", True), ("notes", 9, "ROOT", "VERB", "VBZ", "note", True),
        ("Pierre", 11, "compound", "PROPN", "NNP", "Pierre", True), ("Martin", 9, "nsubj", "PROPN", "NNP", "Martin", False),
        (".", 9, "punct", "PUNCT", ".", ".", False)], "notes")
    assert found and found[0].source.text == "Pierre Martin"
    assert found[0].content.text == "Really, it is the army which retreats"


def test_a_sentence_before_the_verb_is_not_its_fronted_complement():
    # a misparse of long paragraphs: the sentence before hangs on the next one's verb as its clause
    found = parsed_attributions([
        ("The", 1, "det", "DET", "DT", "the", True), ("shelters", 2, "nsubj", "NOUN", "NNS", "shelter", True),
        ("were", 7, "ccomp", "AUX", "VBD", "be", True), ("full", 2, "acomp", "ADJ", "JJ", "full", False),
        (".", 2, "punct", "PUNCT", ".", ".", True), ("The", 6, "det", "DET", "DT", "the", True),
        ("governor", 7, "nsubj", "NOUN", "NN", "governor", True), ("disclosed", 7, "ROOT", "VERB", "VBD", "disclose", True),
        ("the", 9, "det", "DET", "DT", "the", True), ("losses", 7, "dobj", "NOUN", "NNS", "loss", False),
        (".", 7, "punct", "PUNCT", ".", ".", False)], "disclosed")
    assert found and found[0].source.text == "The governor"
    assert "shelters" not in found[0].content.text


def test_verbs_that_also_name_deeds_need_a_clause_to_be_cues():
    for text in ("Ukrainian forces attacked the Kursk region on Tuesday.",
                 "Russian forces continue their advance on the eastern front.",
                 "Russian artillery kept firing, continuing to destroy enemy positions."):
        assert not [a for a in extract(text, "en") if a.cue.text.split()[-1].startswith(("attack", "continu"))], text
    a = one("The governor attacked the plan, but the mayor continued to insist that it was safe.", "en", "insist")
    assert a.source.text == "the mayor"


def test_a_refusal_is_a_cue_only_when_what_is_refused_is_speech():
    a = one("The spokesman refused to answer questions about the losses.", "en", "refused")
    assert a.source.text == "The spokesman" and a.cue_class == "refuse"
    assert one("Le ministère a refusé de s'exprimer sur les pertes.", "fr", "a refusé").source.text == "Le ministère"
    assert not extract("The gunman refused to drop the rifle.", "en")
    assert not extract("Les habitants ont refusé de quitter la ville.", "fr")


def test_an_apposition_parsed_as_a_second_subject_stays_in_the_source():
    found = parsed_attributions([
        ("The", 1, "det", "DET", "DT", "the", True), ("spokesman", 6, "nsubj", "NOUN", "NN", "spokesman", False),
        (",", 6, "punct", "PUNCT", ",", ",", True), ("Dmitry", 6, "nsubj", "PROPN", "NNP", "Dmitry", True),
        ("Peskov", 3, "flat", "PROPN", "NNP", "Peskov", False), (",", 6, "punct", "PUNCT", ",", ",", True),
        ("said", 6, "ROOT", "VERB", "VBD", "say", True), ("that", 9, "mark", "SCONJ", "IN", "that", True),
        ("talks", 9, "nsubj", "NOUN", "NNS", "talk", True), ("failed", 6, "ccomp", "VERB", "VBD", "fail", False),
        (".", 6, "punct", "PUNCT", ".", ".", False)], "said")
    assert found and found[0].source.text == "The spokesman, Dmitry Peskov"


def test_a_reporting_verb_under_an_impersonal_one_has_no_speaker():
    assert not extract("Il faut rappeler qu'elle n'a jamais remis les pieds dans la ville.", "fr")
    assert one("Il a rappelé que la ville était tombée.", "fr", "a rappelé").source.text == "Il"


def test_a_call_for_something_is_a_claim_with_the_preposition_in_the_cue():
    a = one("Zelensky called for more air defence systems on Monday.", "en", "called for")
    assert a.source.text == "Zelensky" and a.content.text == "more air defence systems"
    a = one("Le pape a appelé à un cessez-le-feu immédiat.", "fr", "a appelé à")
    assert a.source.text == "Le pape" and a.content.text == "un cessez-le-feu immédiat"
    a = one("Zelensky a appelé les alliés à livrer plus d'armes.", "fr", "a appelé")
    assert a.content.text == "les alliés à livrer plus d'armes"
    assert not extract("Macron a appelé Poutine mardi.", "fr")  # a phone call
    # a time between the verb and its preposition, whichever word the parser hangs it on
    for text in ("The ministry called on Monday for an immediate ceasefire along the front.",
                 "The ministry called Friday for an immediate ceasefire along the front."):
        a = one(text, "en", "for")
        assert a.source.text == "The ministry" and a.content.text == "an immediate ceasefire along the front"


def test_prepositional_cues_of_the_lexicon_take_what_follows_the_preposition():
    a = one("Peskov commented on the prisoner exchange late on Friday.", "en", "commented on")
    assert a.source.text == "Peskov" and a.content.text.startswith("the prisoner exchange")
    a = one("The general pointed to the shortage of shells.", "en", "pointed to")
    assert a.source.text == "The general" and a.content.text == "the shortage of shells"


def test_a_one_word_object_is_what_was_said():
    a = one("The Hungarian prime minister criticized Zelensky.", "en", "criticized")
    assert a.source.text == "The Hungarian prime minister" and a.content.text == "Zelensky"
    # a clause or a quote still needs more than one word: "he said yes" is no claim
    assert not [x for x in extract("He said yes.", "en") if x.cue.text == "said"]


def test_a_passive_verb_s_agent_is_its_speaker_and_its_subject_never_is():
    a = one("The strike on the depot was confirmed by the regional governor.", "en", "was confirmed")
    assert a.source.text == "the regional governor"
    # no agent: nobody is named, and the thing confirmed is not the speaker
    found = extract("The deal is expected to collapse within weeks.", "en")
    assert all(x.source is None or x.source.text != "The deal" for x in found)


def test_a_verb_the_lemmatizer_misreads_is_still_a_cue():
    # spaCy reads "hoped" and "hopes" as forms of "hop"
    a = one("Zelensky hoped that the allies would send more tanks.", "en", "hoped")
    assert a.source.text == "Zelensky" and a.content.text.startswith("that the allies")
    assert one("The mayor hopes that the bridge reopens.", "en", "hopes").source.text == "The mayor"
    assert one("Kyiv is hoping that the talks resume.", "en", "hoping").source.text == "Kyiv"


def test_a_reporting_verb_tagged_as_a_plural_noun_is_still_a_cue():
    # the small tagger reads "charges" and "states" here as nouns heading the sentence
    a = one("But Syrskyi charges that it was a mistake.", "en", "charges")
    assert a.source.text == "Syrskyi" and a.content.text == "that it was a mistake"
    assert one("But Trump states that the deal is dead.", "en", "states").source.text == "Trump"
    # a plural noun heading a sentence with no clause after it stays a noun
    assert not [x for x in extract("Budget cuts and new charges.", "en") if x.cue.text == "charges"]


def test_saying_after_a_preposition_takes_the_speaker_of_the_verb_it_follows():
    a = one("The president answered the mother by saying his choice of words was deliberate.", "en", "saying")
    assert a.source.text == "The president"


def test_the_cue_takes_the_auxiliaries_and_adverbs_right_before_the_verb():
    assert one("Kyiv also said that the bridge had been hit.", "en", "said").cue.text == "also said"
    assert one("The ministry has repeatedly denied the report.", "en", "denied").cue.text == "has repeatedly denied"
    a = one("Moscow, however, said that the attack had failed.", "en", "said")
    assert a.cue.text == "said" and a.source.text == "Moscow"


def test_a_negation_on_another_verb_does_not_turn_a_claim_unconfirmed():
    lex = cues.lexicon("en")
    text = "The demands are unacceptable to the Ukrainians, who have never stopped calling for respect for the law."
    assert stance_of(text, one(text, "en", "calling for"), lex) == "asserted"
    text = "Kyiv has not confirmed the capture of the village."
    assert stance_of(text, one(text, "en", "confirmed"), lex) == "unconfirmed"


def test_a_demonstrative_or_a_question_is_no_speaker():
    assert not extract("This shows that the offensive has stalled.", "en")
    assert not extract("Cela montre que l'offensive est à l'arrêt.", "fr")
    assert not extract("Comment expliquer ce renversement sur le front ?", "fr")
    assert one("The minister explained that the offensive had stalled.", "en", "explained").source.text == "The minister"


def test_a_list_of_reported_clauses_runs_to_the_last_one_a_complementizer_opens():
    text = ("Le général a affirmé mercredi que ses troupes avaient repris 86 % de la région, "
            "430 soldats avaient été capturés et que les autres étaient encerclés.")
    a = one(text, "fr", "a affirmé")
    assert "430 soldats" in a.content.text and a.content.text.endswith("étaient encerclés")


def test_a_clause_coordinated_with_the_reporting_verb_is_not_what_was_said():
    # "and a big reason was the war" hangs on "said" as a conjunct: it is the writer's, and
    # taking it as content once swallowed the speaker and lost the claim
    text = "\u201cI never thought I would lose it,\u201d she said months after her release, and a big reason was the war."
    a = one(text, "en", "said")
    assert a.source.text == "she"
    assert "lose it" in a.content.text and "big reason" not in a.content.text


def test_paragraphs_are_parsed_apart_but_a_line_cut_mid_sentence_is_not():
    from sitroom.claims.sentences import paragraphs

    text = ("Kyiv denied it.\nThe ministry said the town\nwas taken on Monday.\n\n"
            "\u201cWe hold it,\u201d\nhe said\n\n\nno full stop")
    pieces = list(paragraphs(text))
    assert [p for _, p in pieces] == ["Kyiv denied it.", "The ministry said the town\nwas taken on Monday.",
                                      "\u201cWe hold it,\u201d", "he said", "no full stop"]
    assert all(text[off:off + len(p)] == p for off, p in pieces)
    a = one(text, "en", "said")
    assert a.source.text == "The ministry" and a.content.text == "the town\nwas taken on Monday"


def test_a_quote_interrupted_by_its_speaker_is_one_content():
    text = "\u201cHere comes the convoy,\u201d she said, pointing north. \u201cFinally the trucks are getting through to us.\u201d"
    found = [a for a in extract(text, "en") if a.source is not None]
    assert len(found) == 1 and found[0].source.text == "she"
    assert found[0].content.text.startswith("\u201cHere comes") and found[0].content.text.endswith("through to us.\u201d")
    # narrative between the two quotes is not an interruption: the second stays apart
    text = ("\u201cWe hold the line,\u201d he said. Later that night the bridge was hit by a missile. "
            "\u201cThe whole town shook and the windows broke.\u201d")
    first = one(text, "en", "said")
    assert first.content.text == "\u201cWe hold the line,\u201d"


def test_the_object_of_a_cue_runs_on_past_a_list_but_not_into_an_aside():
    a = one("The senator praised Obama, Clinton and Ryan for their courage.", "en", "praised")
    assert "Ryan" in a.content.text
    a = one("The ministry denied the report, saying the figures were invented.", "en", "denied")
    assert a.content.text == "the report"
    # who is urged belongs to what is urged
    a = one("The mayor urged residents to leave the city before nightfall.", "en", "urged")
    assert a.content.text == "residents to leave the city before nightfall"


def test_english_multi_sentence_quote_is_one_content():
    text = ("“The bridge is gone. Supplies now come by boat. Nobody expected it,” "
            "a local official told reporters.")
    a = one(text, "en", "told")
    assert a.quote
    assert "Supplies now come by boat" in a.content.text
    assert a.source.text == "a local official"


def test_english_according_to_puts_the_source_first():
    text = "According to a senior Ukrainian officer, the brigade still holds three villages north of the river."
    a = one(text, "en", "According to")
    assert a.source.text == "a senior Ukrainian officer"
    assert a.content.text.startswith("the brigade still holds")


def test_per_is_a_source_only_before_a_determined_noun():
    assert not [a for a in extract("Russia holds about 18 per cent of the territory.", "en") if a.cue.text == "per"]
    assert not [a for a in extract("The army fires 10,000 shells per day in the east.", "en") if a.cue.text == "per"]
    a = one("The town was shelled twice overnight, per the regional governor.", "en", "per")
    assert (a.source.text, a.content.text) == ("the regional governor", "The town was shelled twice overnight")


def test_english_statement_on_social_media_has_a_channel():
    text = "Andriy Yermak wrote on Telegram that the enemy was retreating from two positions."
    a = one(text, "en", "wrote")
    assert a.channel == "Telegram"
    assert a.source.text == "Andriy Yermak"


def test_english_quote_continued_in_next_paragraph_keeps_the_speaker():
    text = ("“We held the line for nine days,” said the commander, Petro Kovalenko.\n\n"
            "“Then the drones came every night and we had to pull back to the second line.”")
    found = extract(text, "en")
    cont = [a for a in found if a.how == "quote-continued"]
    assert len(cont) == 1
    assert cont[0].source.text.startswith("the commander")
    assert "second line" in cont[0].content.text


def test_english_first_person_inside_a_quote_is_not_a_claim():
    text = "“I think the front will hold through the winter,” the general said."
    found = extract(text, "en")
    assert [a.cue.text for a in found] == ["said"]


def test_english_cue_takes_a_time_after_it_and_the_infinitive_to_before_it():
    a = one("The defence ministry said Monday that two drones had been shot down over Belgorod.", "en", "said Monday")
    assert a.source.text == "The defence ministry" and a.content.text.startswith("that two drones")
    b = one("The governor said this week that the evacuation of the district would continue.", "en", "said this week")
    assert b.content.text == "that the evacuation of the district would continue"
    c = one("Kyiv refused to confirm that its troops had crossed the border.", "en", "to confirm")
    assert c.content.text == "that its troops had crossed the border"


def test_english_passive_without_agent_has_no_speaker_even_from_the_words_before_it():
    text = "The spokesman was asked to explain why the convoy had turned back."
    a = one(text, "en", "was asked")
    assert a.source is None  # he was asked; who asked is not said


def test_a_quote_the_tag_interrupts_after_a_question_is_one_content():
    text = "“How long can the city hold?” Klitschko asked. “Every night the shelling comes closer.”"
    a = one(text, "en", "asked")
    assert a.content.text == "“How long can the city hold?” “Every night the shelling comes closer.”"


def test_a_report_inside_the_second_quote_does_not_stop_it_joining_the_first():
    text = ("“The line is holding,” the commander said. "
            "“The Russians claim they took the village, but our units are still there.”")
    a = one(text, "en", "said")
    assert a.content.text.endswith("but our units are still there.”") and a.quote
    inner = one(text, "en", "claim")
    assert inner.source.text == "The Russians" and inner.nested and not inner.quote


# --------------------------------------------------------------------------- pieces


def test_quotes_pairs_and_unpaired_marks():
    text = "He said “one two three” then «quatre cinq» and „sechs sieben“ and an unpaired “ mark."
    got = [text[q.start:q.end] for q in find_quotes(text)]
    assert got == ["“one two three”", "«quatre cinq»", "„sechs sieben“"]


def test_speaker_line_and_dash_speaker():
    text = "MODERATOR: Welcome to the debate tonight.\n“This is our land and we stay here.” ― Hanna Petrenko"
    found = punctuation_cues(text)
    assert {a.source.text for a in found} == {"MODERATOR", "Hanna Petrenko"}


def test_sentences_keep_offsets_and_abbreviations():
    text = "Gen. Syrskyi spoke on Monday. The U.S. envoy arrived.\nNew line here"
    sents = Segmenter.for_language("en").split(text)
    assert [text[s:e] for s, e in sents] == ["Gen. Syrskyi spoke on Monday.", "The U.S. envoy arrived.", "New line here"]


def test_broken_cue_table_names_the_file():
    with pytest.raises(DataFileError) as exc:
        cues.from_table("en", {"verbs": {"say": "shout"}}, "data/claims/cues/en.json")
    assert "en.json" in str(exc.value)


# --------------------------------------------------------------------------- "as" clauses, transcript labels


def test_as_clause_names_the_speaker_of_the_clause_it_hangs_on():
    a = one("As the governor said on Monday, the bridge is no longer usable.", "en", "said")
    assert (a.source.text, a.content.text) == ("the governor", "the bridge is no longer usable")
    b = one("The bridge is no longer usable, as a ministry memo put it.", "en", "put it")
    assert (b.source.text, b.content.text) == ("a ministry memo", "The bridge is no longer usable")


def test_as_clause_that_tells_when_or_says_its_own_thing_is_not_one():
    found = extract("As she called for a ceasefire, the shelling went on in the east.", "en")
    assert not any(a.content.text.startswith("the shelling") for a in found)
    assert not any(a.cue.text.startswith("put") for a in extract("He put the rifle on the table.", "en"))


def test_as_clause_after_a_connective_or_inside_the_sentence():
    a = one("Yet, as the analyst observed, the lines barely moved.", "en", "observed")
    assert (a.source.text, a.content.text) == ("the analyst", "the lines barely moved")
    b = one("The port, as the governor pointed out, normally does not freeze.", "en", "pointed out")
    assert b.source.text == "the governor" and b.content.text.endswith("normally does not freeze")


def test_as_clause_not_closed_off_is_no_report():
    found = extract("As she welcomed several hundred guests, the mayor was opening the new bridge.", "en")
    assert not any(a.cue.text == "welcomed" and a.content.text.startswith("the mayor") for a in found)


def test_fronted_clause_is_not_what_a_verb_with_an_object_says():
    a = one("While he acknowledged funding was a major reason, the mayor blamed the ministry.", "en", "blamed")
    assert (a.source.text, a.content.text) == ("the mayor", "the ministry")


def test_that_clause_hung_on_who_is_told():
    a = one("He told a meeting of port officials that few ships had arrived.", "en", "told")
    assert a.content.text == "that few ships had arrived"


def test_report_inside_a_quote_says_what_the_quote_holds():
    text = "Olena Kovalenko, a historian who attended the session, recalled, “Out of nowhere, he said it was over.”"
    a = one(text, "en", "said")
    assert a.content.text == "it was over" and a.nested


def test_speaker_keeps_hyphenated_words_and_an_aside_between_dashes():
    assert one("The vice-president said the bridge was closed.", "en", "said").source.text == "The vice-president"
    a = one("Olena Kall -- co-editor of a book on the war -- said the talks had failed.", "en", "said")
    assert a.source.text == "Olena Kall -- co-editor of a book on the war"
    assert one("KYIV -- President Zelensky said the talks had failed.", "en", "said").source.text == "President Zelensky"


def test_main_verb_the_parser_took_for_a_participle_still_speaks():
    a = one("One of the officers who signed the letter called the general a liar and a coward.", "en", "called")
    assert (a.source.text, a.content.text) == ("One of the officers who signed the letter", "the general a liar and a coward")
    text = ("The mayor, the governor's rival in the coming election, called Friday for releasing the footage, "
            "saying that openness builds trust.")
    assert one(text, "en", "saying").source.text == "The mayor, the governor's rival in the coming election"


def test_title_quoted_at_the_end_of_the_tag_is_not_more_of_the_quote():
    text = "“We are winning,” Hrytsenko, a senior adviser, said on Thursday on the channel’s “Morning Show.”"
    a = one(text, "en", "said")
    assert a.source.text == "Hrytsenko, a senior adviser"
    assert "Morning" not in a.content.text


def test_gerund_after_a_preposition_speaks_for_the_verb_above_it():
    a = one("He refuses to name the appointees, aside from saying he wants a younger team.", "en", "saying")
    assert (a.source.text, a.content.text) == ("He", "he wants a younger team")
    b = one("He appeared at a hearing for his role in selling the drones and for saying that the drones were never faulty.",
            "en", "saying")
    assert (b.source.text, b.content.text) == ("He", "that the drones were never faulty")


def test_french_comme_clause_names_the_speaker():
    found = extract("Comme l'a indiqué le ministère, le village a été repris lundi.", "fr")
    assert [(a.source.text, a.content.text) for a in found] == [("le ministère", "le village a été repris lundi")]


def test_speaker_line_labels_need_a_speaker_when_mentions_are_known():
    text = ("Bildrechte: Mitteldeutscher Rundfunk\nOlena Kovalenko: Wir halten die Linie.\n"
            "Das Problem: Die Munition reicht nicht.\nMODERATOR: Vielen Dank.\nRepublik Moldau: Lange Grenze.\n")
    start = text.index("Olena")
    moldova = text.index("Republik")
    mentions = [(start, start + len("Olena Kovalenko"), "person"), (moldova, moldova + len("Republik Moldau"), "place")]
    labels = {a.source.text for a in punctuation_cues(text, mentions) if a.how == "speaker-line"}
    assert labels == {"Olena Kovalenko", "MODERATOR"}
    assert "Bildrechte" in {a.source.text for a in punctuation_cues(text)}  # no mentions: every label


def test_transcript_turns_quoted_paragraph_by_paragraph_are_not_nested():
    text = ('The exchange went as follows.\n\n"HOST: Where exactly is the front line today?\n\n"(CROSSTALK.)\n\n'
            '"GENERAL: East of the river, for now, and we are holding it.\n\n"HOST: Thank you for your time tonight."')
    turns = [a for a in extract(text, "en") if a.how == "speaker-line"]
    assert [a.source.text for a in turns] == ["HOST", "GENERAL", "HOST"]
    assert not any(a.nested for a in turns)

