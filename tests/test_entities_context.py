"""Mentions read with the rest of the text: a surname after the full name, the people and
teams of results lists, and what a model does wrong with figures and headlines."""

from __future__ import annotations

from sitroom.entities.engine import opens_sentence
from sitroom.entities.recognizers import Mention, clean_span
from sitroom.entities.repeats import repeated
from sitroom.entities.surnames import later_mentions
from sitroom.entities.tables import entrants, scorers


def _person(text: str, name: str, start: int = 0) -> Mention:
    s = text.index(name, start)
    return Mention(s, s + len(name), name, "person", "spacy")


def test_a_surname_alone_is_the_person_named_in_full_before():
    text = ("WEAH BANNED FOR ONE MATCH\nThe rabbi, Baruch Meyers, was attacked on Friday.\n"
            "Meyers was not available. Police said Meyers's attackers fled.\nmeyers is a common word here.")
    found = later_mentions(text, [_person(text, "Baruch Meyers")], set(), opens_sentence)
    people = [(m.text, m.start) for m in found if m.type == "person"]
    assert ("Meyers", text.index("Meyers was")) in people
    assert ("Meyers", text.index("Meyers's")) in people
    assert all(m.text != "meyers" for m in found)  # written in lower case: not the name
    assert len(people) == 3


def test_a_common_word_opening_a_sentence_is_not_taken_for_the_surname():
    text = "Neil Young played. Young people came. Later Young sang."
    common = {"people", "came", "young"}  # "young" is written in lower case elsewhere in the batch
    found = later_mentions(text, [_person(text, "Neil Young")], common, opens_sentence)
    starts = {m.start for m in found if m.type == "person"}
    assert text.index("Young people") not in starts  # opens a sentence: could be the adjective
    assert text.index("Young sang") in starts        # inside a sentence, capitalised: the name


def test_a_surname_in_a_headline_in_capitals_is_the_person():
    text = "Boris Becker wins.\nBECKER BEATS IVANISEVIC\nBecker said he was tired."
    found = later_mentions(text, [_person(text, "Boris Becker")], set(), opens_sentence)
    assert {m.text for m in found if m.type == "person"} == {"Boris Becker", "BECKER", "Becker"}


def test_the_full_name_is_taken_where_the_model_saw_only_another_mention():
    text = "Vadim Sashurin won. Second was Ole Einar Bjorndalen; Vadim Sashurin led throughout."
    found = later_mentions(text, [_person(text, "Vadim Sashurin")], set(), opens_sentence)
    second = text.rindex("Vadim Sashurin")
    assert any(m.start == second and m.text == "Vadim Sashurin" for m in found)


def test_the_same_name_read_as_an_organisation_elsewhere_becomes_the_person():
    text = "Vaclav Klaus spoke. The party led by Klaus won 32 seats."
    s = text.rindex("Klaus")
    mentions = [_person(text, "Vaclav Klaus"), Mention(s, s + 5, "Klaus", "organization", "spacy")]
    found = later_mentions(text, mentions, set(), opens_sentence)
    assert [m.type for m in found if m.start == s] == ["person"]
    # a place the knowledge base knows keeps its type
    kept = later_mentions(text, mentions, set(), opens_sentence, known=lambda surface: surface == "Klaus")
    assert [m.type for m in kept if m.start == s] == ["organization"]


def test_entrants_of_results_lists_and_line_ups():
    text = ("Women's downhill results:\n1. Petra Behle ( Germany ) 24:15.4\n"
            "2. Jean-Luc Brassard ( Canada ) 24.40\n"
            "Defenders - Rui Barros ( Porto ) , Paulo Bento ( Oviedo , Spain )\n"
            "Alba Berlin ( Germany ) 9 5 4 14\n"
            "The International Labour Organisation ( ILO ) said on Friday that 40 people were hurt.")
    lines = entrants(text)
    names = [person.text for line in lines for person, _ in line]
    assert names == ["Petra Behle", "Jean-Luc Brassard", "Rui Barros", "Paulo Bento"]
    untokenised = entrants("3. Hide Gerg (Germany) 1:17.97\nRui Barros (Porto), Paulo Bento (Oviedo, Spain)")
    assert [(p.text, [q.text for q in parts]) for line in untokenised for p, parts in line] == [
        ("Hide Gerg", ["Germany"]), ("Rui Barros", ["Porto"]), ("Paulo Bento", ["Oviedo", "Spain"])]
    qualifiers = {person.text: [p.text for p in parts] for line in lines for person, parts in line}
    assert qualifiers["Paulo Bento"] == ["Oviedo", "Spain"]
    for line in lines:
        for person, parts in line:
            assert text[person.start:person.end] == person.text
            assert all(text[p.start:p.end] == p.text for p in parts)


def test_scorers_and_their_side():
    text = "Bochum 2 ( Stickroth 30th pen , Wosz 89th ) Leverkusen 2 ( Kirsten 18 , 51 ) .\nArticle 5 ( Treaty 1949 )"
    found = scorers(text)
    assert {(m.text, m.type) for m in found} == {
        ("Bochum", "organization"), ("Stickroth", "person"), ("Wosz", "person"),
        ("Leverkusen", "organization"), ("Kirsten", "person")}  # a year is no minute of play
    assert all(text[m.start:m.end] == m.text for m in found)


def test_results_lines_through_the_engine(engine):
    text = ("Leading World Cup standings:\n1. Petra Behle ( Germany ) 24:15.4\n"
            "2. Megan Gerety ( U.S. ) 1:19.39\n"
            "Top scorers: 10 - Billy Dodds ( Aberdeen ) , Pierre Van Hooydonk ( Celtic )\n"
            "Behle said the snow was soft.")
    found = {(m.text, m.start): m.type for m in engine.detect(text, "en")}
    assert found[("Petra Behle", text.index("Petra"))] == "person"
    assert found[("Megan Gerety", text.index("Megan"))] == "person"
    assert found[("Germany", text.index("Germany"))] == "place"   # a country stays a place
    assert found[("Aberdeen", text.index("Aberdeen"))] == "organization"  # a town's club
    assert found[("Behle", text.rindex("Behle"))] == "person"    # the surname alone, later


def test_figures_after_a_name_are_not_part_of_it():
    text = "Andrew Park 72 / SEOUL 1996-12-06 / South Korea - / Schalke 04 / Philadelphia Eagles 37-10"

    def cut(name: str, kind: str) -> str:
        s = text.index(name)
        a, b = clean_span(text, s, s + len(name), kind)
        return text[a:b]

    assert cut("Andrew Park 72", "person") == "Andrew Park"
    assert cut("SEOUL 1996-12-06", "place") == "SEOUL"
    assert cut("South Korea -", "place") == "South Korea"
    assert cut("Schalke 04", "organization") == "Schalke 04"  # a club may end in a number
    assert cut("Philadelphia Eagles 37-10", "organization") == "Philadelphia Eagles"


def test_a_run_of_headline_words_is_no_name(engine):
    text = "CRICKET - LARA ENDURES ANOTHER MISERABLE DAY .\nMELBOURNE 1996-12-06\nBrian Lara was out for 2."
    found = engine.detect(text, "en")
    first_line = len(text.split("\n")[0])
    assert all(len(m.text.split()) < 3 for m in found if m.end <= first_line)
    assert any(m.text == "Brian Lara" and m.type == "person" for m in found)


def _mention(text: str, name: str, kind: str, detector: str = "spacy", start: int = 0) -> Mention:
    s = text.index(name, start)
    return Mention(s, s + len(name), name, kind, detector)


def test_an_abbreviation_in_brackets_takes_the_type_of_the_name_before_it():
    text = "The Brazilian Plastic Surgery Society ( SBCP ) said so. SBCP figures rose; SBCPX did not."
    found = repeated(text, [_mention(text, "Brazilian Plastic Surgery Society", "organization")], set(),
                     opens_sentence)
    assert [(m.text, m.type) for m in found if m.detector == "repeated"] == [
        ("SBCP", "organization"), ("SBCP", "organization")]


def test_a_name_found_once_is_found_again_but_a_one_word_guess_is_not_spread():
    text = ("Norilsk Nickel must pay. Analysts said Norilsk Nickel would. Mills spoke. Later Mills left. "
            "The National Guard came; Norilsk Nickel Group is another name.")
    mentions = [_mention(text, "Norilsk Nickel", "organization"), _mention(text, "Mills", "organization")]
    found = repeated(text, mentions, set(), opens_sentence)
    added = [(m.text, m.start) for m in found if m.detector == "repeated"]
    assert added == [("Norilsk Nickel", text.index("Norilsk Nickel would"))]  # not inside "Norilsk Nickel Group"
    # the same word typed by the knowledge base (not a model's guess from one sentence) is spread
    kb = repeated(text, [_mention(text, "Mills", "person", "kb")], set(), opens_sentence)
    assert [m.start for m in kb if m.detector == "repeated"] == [text.index("Mills left")]


def test_repeated_names_do_not_cross_types():
    text = "Washington said no. In Washington, rain. Washington again."
    mentions = [_mention(text, "Washington", "organization", "kb"),
                _mention(text, "Washington", "place", "kb", start=10)]
    assert repeated(text, mentions, set(), opens_sentence) == sorted(mentions, key=lambda m: m.start)


def test_a_known_person_with_a_word_before_the_name_is_the_person(engine):
    text = "Russia's top general, Chief Valery Gerasimov, said the region was retaken."
    s = text.index("Chief")
    read = Mention(s, s + len("Chief Valery Gerasimov"), "Chief Valery Gerasimov", "place", "spacy")
    fitted = engine._kb_extent(text, "en", read, set())
    assert (fitted.text, fitted.type) == ("Valery Gerasimov", "person")
    # a name the knowledge base does not know keeps the model's span
    other = "Chief Ivan Nobodyknown said so."
    kept = engine._kb_extent(other, "en", Mention(0, 22, other[:22], "person", "spacy"), set())
    assert (kept.text, kept.type) == ("Chief Ivan Nobodyknown", "person")
