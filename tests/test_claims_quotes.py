"""Claims: how quotes and their speaker tags make one statement, and where a content ends.
Example sentences are our own."""

from __future__ import annotations

from sitroom.claims.attribution import extract
from sitroom.claims.model import Attribution
from sitroom.claims.quotes import find_quotes


def by_cue(text: str, cue: str) -> list[Attribution]:
    return [a for a in extract(text, "en") if a.cue.text == cue or a.cue.text.endswith(" " + cue)]


def test_doubled_apostrophes_pair_as_quotes_and_a_possessive_does_not_open_one():
    text = ("''The line will hold,'' said the colonel. ''We have dug in.'' "
            "His staff was ''taking a close look'' at the maps in the Jones'' office.")
    got = [text[q.start:q.end] for q in find_quotes(text)]
    assert got == ["''The line will hold,''", "''We have dug in.''", "''taking a close look''"]


def test_a_straight_mark_after_a_sentence_end_closes_and_never_opens():
    text = 'Flights stopped." The ministry called it "a drill of the reserve units." Then "all clear".'
    got = [text[q.start:q.end] for q in find_quotes(text)]
    assert got == ['"a drill of the reserve units."', '"all clear"']
    text = 'Flights stopped. " The ministry called it "a drill of the reserve units."'
    assert [text[q.start:q.end] for q in find_quotes(text)] == ['"a drill of the reserve units."']
    text = 'The colonel said,"We hold the bridge." Nothing more.'
    assert [text[q.start:q.end] for q in find_quotes(text)] == ['"We hold the bridge."']


def test_an_archive_style_quote_interrupted_by_its_speaker_is_one_content():
    text = ("''This is not a ceasefire at all,'' said Andriy Kovalenko, a military analyst in Kyiv. "
            "''It is a pause to bring up more shells.''")
    [a] = by_cue(text, "said")
    assert a.quote and a.source.text.startswith("Andriy Kovalenko")
    assert a.content.text == "''This is not a ceasefire at all,'' ''It is a pause to bring up more shells.''"
    assert text[a.content.start:a.content.end].endswith("shells.''")


def test_a_short_quote_is_all_that_was_said_and_the_next_quote_continues_it():
    text = "“Not yet,” the mayor said on the radio. “Not before the water is back.”"
    [a] = by_cue(text, "said")
    assert a.quote
    assert a.content.text == "“Not yet,” “Not before the water is back.”"


def test_a_scare_quote_inside_the_content_does_not_make_it_a_quote():
    text = "The ministry said the strikes were a “purely defensive measure” against the drone bases near the border."
    [a] = by_cue(text, "said")
    assert not a.quote
    assert a.content.text.startswith("the strikes were")


def test_a_long_speaker_tag_between_two_quotes_still_joins_them():
    text = ("\"Appearing before this panel is not a matter of choice,\" the committee chairman said on Tuesday "
            "after the logistics officer failed for the second time to appear before the panel that had summoned "
            "him twice in the past two weeks. \"His testimony on the convoys cannot wait.\"")
    [a] = by_cue(text, "said")
    assert a.content.text.endswith("\"His testimony on the convoys cannot wait.\"")
    assert a.content.text.startswith("\"Appearing")


def test_a_participle_in_the_speaker_tag_does_not_take_the_next_quote():
    text = ("“The shelling has not stopped for three days,” said Iryna Bondar, speaking of the northern suburbs. "
            "“People are sleeping in the metro again.”")
    [said] = by_cue(text, "said")
    assert said.content.text.endswith("“People are sleeping in the metro again.”")
    assert not [a for a in extract(text, "en") if a.cue.text != "said" and "metro" in a.content.text]


def test_a_quote_before_the_tag_opens_the_statement_the_verb_carries_on():
    text = ("“Each time you repeat that figure,” the senator said, pointing at the witness, "
            "“you hand the critics of the ministry another argument.”")
    [a] = by_cue(text, "said")
    assert a.content.text == ("“Each time you repeat that figure,” "
                              "“you hand the critics of the ministry another argument.”")
    assert a.content.start == 0


def test_a_verb_in_another_form_than_the_cue_goes_on_with_what_was_said():
    text = "The governor wants to double the number of shelters, hire more medics and open two field hospitals."
    [a] = by_cue(text, "wants")
    assert a.content.text.endswith("open two field hospitals")
    # the other way: "thanked" has the cue's form, not the complement's: the speaker's act
    text = "The mayor said the water supply would be restored by Friday, and thanked the repair crews."
    [a] = by_cue(text, "said")
    assert a.content.text == "the water supply would be restored by Friday"


def test_a_later_quote_continues_a_statement_but_not_a_belief():
    text = ("Brigade commanders said the town had been encircled. "
            "“We have lost contact with two companies since the morning,” one officer added later.\n\n"
            "The ministry denied the report. “There is no encirclement of any kind near the town.”")
    found = extract(text, "en")
    assert any(a.source and a.source.text == "The ministry" and "no encirclement" in a.content.text for a in found)
    # a hope is not a statement the next quote goes on with: these words are a timetable's
    text = ("The volunteers hope that the evacuation will go on for another week. "
            "“One train every three hours from the station until the end of the month.”")
    assert not [a for a in extract(text, "en") if "One train every three hours" in a.content.text]


def test_a_name_in_quotes_inside_the_speaker_tag_is_not_more_of_the_quote():
    text = ("“Nobody in Kyiv has confirmed the withdrawal yet,” says Petra Novak, director of the "
            "“Eastern Neighbourhood” programme at a think tank in Prague.")
    [a] = by_cue(text, "says")
    assert a.content.text == "“Nobody in Kyiv has confirmed the withdrawal yet,”"
    assert "Eastern Neighbourhood" in a.source.text


def test_a_quote_ending_the_sentence_before_is_not_joined_to_the_next_speaker():
    text = ('Kyiv accused the occupation authorities of "open contempt for the law." '
            'The ombudsman said the camps were "beyond any inspection."')
    [a] = by_cue(text, "said")
    assert "contempt" not in a.content.text
    assert a.content.start > text.index("The ombudsman")


def test_a_title_in_quotes_before_the_speaker_is_not_part_of_what_was_said():
    text = ("On Monday's episode of “The Morning Show With Anna,” the foreign minister said that "
            "the talks would resume “within days” in Geneva.")
    [a] = by_cue(text, "said")
    assert "Morning Show" not in a.content.text


def test_what_is_said_of_an_object_runs_on_through_as_and_for():
    text = "The senator criticized the plan as a giveaway to the arms makers."
    [a] = by_cue(text, "criticized")
    assert a.content.text == "the plan as a giveaway to the arms makers"
    text = "The ministry blasted the report for ignoring the shelling of Kherson."
    [a] = by_cue(text, "blasted")
    assert a.content.text == "the report for ignoring the shelling of Kherson"
    text = "Le Kremlin a dénoncé l'accord comme une capitulation."
    [a] = [a for a in extract(text, "fr") if a.cue.text.endswith("dénoncé")]
    assert a.content.text == "l'accord comme une capitulation"


def test_a_second_report_coordinated_with_the_complement_is_not_part_of_it():
    text = "The spokesman says the commander inspected the trenches and reported that the line was holding."
    [says] = by_cue(text, "says")
    assert says.content.text == "the commander inspected the trenches"
    [reported] = by_cue(text, "reported")
    assert reported.content.text == "that the line was holding"


def test_a_relative_clause_that_reports_is_not_part_of_the_speaker_but_one_that_describes_is():
    text = ('"The new levy is a tax on the shelters," said Taras Melnyk, a tax lawyer, '
            "who emphasized that the plan would hurt small firms.")
    [a] = by_cue(text, "said")
    assert a.source.text == "Taras Melnyk, a tax lawyer"
    text = "Olena Hrytsenko, who served as an adviser to the defence ministry, said the test was a provocation."
    [a] = by_cue(text, "said")
    assert a.source.text == "Olena Hrytsenko, who served as an adviser to the defence ministry"


def test_a_colon_ending_the_paragraph_hands_over_to_the_quote_of_the_next_one():
    text = ("The talks ended late on Friday. Peskov said:\n\n"
            "“We see no basis for a ceasefire at this stage of the operation.”\n\nThe ministry added nothing.")
    [a] = by_cue(text, "said")
    assert a.source.text == "Peskov" and a.quote
    assert a.content.text == "“We see no basis for a ceasefire at this stage of the operation.”"
    # a paragraph that does not open with a quote is not what the colon announces
    text = "Peskov said:\n\nThe ministry added nothing on the talks in Istanbul."
    assert not by_cue(text, "said")


def test_transcript_lines_opening_with_a_mark_stay_with_their_own_speakers():
    text = ("The governor said on Sunday that the evacuation would go on. Partial transcript:\n\n"
            "\"HOST: Will the evacuation of the left bank go ahead this week as planned?\n\n"
            "\"GOVERNOR: It will, and the buses leave from the central square at six every morning.\n\n"
            "\"HOST: And what about those who refuse to leave their homes?\"\n\n")
    found = extract(text, "en")
    buses = [a for a in found if "buses leave" in a.content.text]
    assert buses and all(a.source.text == "GOVERNOR" for a in buses)
    refuse = [a for a in found if "refuse to leave" in a.content.text]
    assert refuse and all(a.source.text == "HOST" for a in refuse)


def test_a_that_clause_the_parser_hangs_on_a_noun_after_the_verb_is_what_was_said():
    [a] = by_cue("The regional paper reported at the time that the governor had ordered the evacuation.", "reported")
    assert a.source.text == "The regional paper"
    assert a.content.text == "that the governor had ordered the evacuation"
    # "that" as the relative clause's own subject: a strike that hit a school is no report
    assert not by_cue("The ministry reported on the strike that hit the school in Sumy.", "reported")


def test_a_curly_apostrophe_reads_as_a_possessive_for_the_parser():
    text = ("The footage shows the convoy on the bridge at noon, contradicting Belgorod officials’ earlier claim "
            "that it had turned back at dawn.")
    [a] = [a for a in extract(text, "en") if a.cue.text.endswith("claim")]
    assert a.source.text == "Belgorod officials"
    assert a.content.text == "that it had turned back at dawn"
    assert text[a.cue.start:a.cue.end] == "earlier claim"


def test_a_short_question_in_quotes_before_the_speaker_is_what_was_said():
    text = "“Still ours?” she said, but the driver had fallen asleep again, and the convoy moved on."
    [a] = by_cue(text, "said")
    assert a.source.text == "she" and a.quote
    assert a.content.text == "“Still ours?”"


def test_the_speaker_stays_on_its_side_of_the_verb_whatever_the_parser_hangs_on_it():
    text = ("Most residents polled expect the council to approve the shelter plan on Monday, the first vote "
            "since the strike, at City Hall -- 61 percent to 29 percent.")
    [a] = by_cue(text, "expect")
    assert a.source.text == "Most residents polled"
    assert a.source.end < a.cue.start


def test_a_name_before_a_reporting_noun_is_its_speaker():
    text = "A Kremlin statement that the strike had hit only military targets was contradicted by the footage."
    [a] = [a for a in extract(text, "en") if a.cue.text == "statement"]
    assert a.source.text == "Kremlin"
    assert a.content.text == "that the strike had hit only military targets"


def test_an_object_that_names_a_stance_is_part_of_the_cue():
    [a] = by_cue("Poland expressed deep concern over the drone incursions near Lublin.", "expressed deep concern over")
    assert a.source.text == "Poland"
    assert a.content.text == "the drone incursions near Lublin"
    [a] = [a for a in extract("The ministry expressed confidence that the line would hold.", "en")]
    assert a.cue.text == "expressed confidence" and a.content.text == "that the line would hold"
    # an object that names no stance stays what was said
    [a] = by_cue("The minister expressed his views on the ceasefire.", "expressed")
    assert a.content.text.startswith("his views")
    [a] = extract("Varsovie a exprimé sa vive inquiétude face aux incursions de drones.", "fr")
    assert a.cue.text == "a exprimé sa vive inquiétude face aux"
    assert a.content.text == "incursions de drones"


def test_according_to_content_starts_after_a_linking_conjunction():
    [a] = by_cue("And Russian forces still hold the railway station, according to the regional governor.", "according to")
    assert a.source.text == "the regional governor"
    assert a.content.text == "Russian forces still hold the railway station"


def test_who_is_called_on_is_part_of_the_call():
    [a] = by_cue("He called on the administration to impose new sanctions.", "called on")
    assert a.content.text == "the administration to impose new sanctions"


def test_a_time_before_the_complement_is_when_it_was_said_not_what():
    [a] = by_cue("The president told a group of students this weekend he would consider it a personal insult.", "told")
    assert a.content.text == "he would consider it a personal insult"


def test_a_participle_on_a_noun_speaks_for_the_noun_or_for_whoever_issued_it():
    [a] = by_cue("The ministry issued a statement saying that its forces had repelled two attacks near Pokrovsk.",
                 "saying")
    assert a.source.text == "The ministry"
    assert a.content.text == "that its forces had repelled two attacks near Pokrovsk"
    [a] = by_cue("Officials pointed to a report from the governor saying that three villages had been shelled.",
                 "saying")
    assert a.source.text == "a report from the governor"


def test_with_no_speaker_a_passive_says_something_of_its_subject():
    [a] = by_cue("Two brigades were accused of shelling the market.", "were accused of")
    assert a.source is None and a.content.text == "Two brigades were accused of shelling the market"
    [a] = by_cue("The village is believed to be surrounded.", "is believed")
    assert a.content.text == "The village is believed to be surrounded"
    # who is told something is not what was said; a named speaker keeps the subject out
    [a] = by_cue("The crews were told that the bridge was mined.", "were told")
    assert not a.content.text.startswith("The crews")
    [a] = by_cue("The strike was confirmed by the governor of the region.", "was confirmed")
    assert a.source.text == "the governor of the region" and a.content.text == "The strike"


def test_a_tag_in_the_middle_leaves_the_rest_of_the_sentence_to_the_statement():
    [a] = by_cue("The bridge was intact, the governor said, until the second strike hit it on Monday.", "said")
    assert a.source.text == "the governor"
    assert a.content.text.startswith("The bridge was intact") and a.content.text.endswith("on Monday.")
    [a] = by_cue("The losses were heavy, the ministry said in a statement, but the line held.", "said")
    assert a.content.text.endswith("but the line held.")
    # the writer's own circumstance, the speaker's next act and another report stay out
    [a] = by_cue("The convoy was hit near Kupiansk, the governor said, as the shelling went on.", "said")
    assert a.content.text == "The convoy was hit near Kupiansk"
    said, adding = extract("The town was quiet, a resident said, adding that shops had reopened.", "en")
    assert said.content.text == "The town was quiet" and adding.content.text == "that shops had reopened"
    [a] = by_cue("The town was quiet, a resident said, according to the local paper.", "said")
    assert a.content.text == "The town was quiet"


def test_words_quoted_inside_another_sentence_do_not_continue_the_last_speaker():
    text = ("The governor said the evacuation would go on through the night. "
            "Volunteers spent the night at the station “keeping the platforms clear” until the last train left. "
            "“We will not leave anyone behind.”")
    continued = [a for a in extract(text, "en") if a.how == "quote-continued"]
    assert [a.content.text for a in continued] == ["“We will not leave anyone behind.”"]
    assert continued[0].source.text == "The governor"


def test_a_content_never_stops_inside_a_quote_it_opened():
    found = extract("The governor promised lower taxes and “jobs, jobs, jobs,” at the rally.", "en")
    a = next(a for a in found if a.cue.text == "promised")
    assert a.content.text == "lower taxes and “jobs, jobs, jobs,”"
    b = next(a for a in extract("He called the strike “reckless, cruel and pointless.”", "en") if a.cue.text == "called")
    assert b.content.text.endswith("pointless.”")


def test_an_object_goes_on_past_a_participle_that_works_as_a_preposition():
    found = extract("The survey found broad support, including a majority for a ceasefire.", "en")
    a = next(a for a in found if a.cue.text == "found")
    assert a.content.text == "broad support, including a majority for a ceasefire"


def test_a_content_never_ends_on_a_conjunction():
    found = extract("On Monday the minister declined to blame Moscow or even directly call it responsible.", "en") + \
        extract('She then urges the soldiers to leave the trench and repeatedly says, "Do not shoot," until it stops.', "en")
    assert {a.content.text for a in found} >= {"to blame Moscow", "the soldiers to leave the trench"}
