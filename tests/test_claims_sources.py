"""Claims: what kind of source speaks when the knowledge base does not say: a descriptor's
head noun ("the defence ministry", "Norwegian media"), a document or a spokesperson that
speaks for its issuer ("a statement from the Russian army", "a Kremlin spokesman"), and a
title before a name the knowledge base does not hold. Example sentences are our own."""

from __future__ import annotations

import pytest

from sitroom.claims.attribution import extract
from sitroom.claims.builder import ClaimBuilder, MentionRow
from sitroom.claims.descriptors import Nouns, source_nouns
from sitroom.claims.sentences import Segmenter
from sitroom.model import Document


def _doc(text: str, lang: str, published: str = "2024-08-16") -> Document:
    return Document(id="d1", origin="x", raw_sha="r", content_sha="c", text=text, title="t", title_how="first-line",
                    fmt="txt", container="file", language=lang, published=published, timexes=[],
                    outlet="Test Outlet")


def _sources(text: str, lang: str = "en", named=(), entities=None, published: str = "2024-08-16") -> dict[str, tuple]:
    """source text -> (kind, side, entity id) of each claim; ``named`` are (words, type,
    entity id) mentions."""
    mentions = [MentionRow(text.index(w), text.index(w) + len(w), t, eid) for w, t, eid in named]
    builder = ClaimBuilder((entities or {}).get, lambda *a: [], lambda *a: [])
    claims = builder.build(_doc(text, lang, published), extract(text, lang), mentions, Segmenter.for_language(lang).split(text))
    return {c.source_text: (c.source_kind, c.side, c.source_entity_id) for c in claims if c.source_kind != "author"}


@pytest.mark.parametrize("lang, phrase, role", [
    ("en", "the Russian defence ministry", "official"),
    ("en", "Foreign Secretary Ann Smith", "official"),  # the names after a title are skipped
    ("en", "Russian military bloggers", None),  # "bloggers" heads it, not "military"
    ("en", "critics of the government", None),  # only the words before "of" count
    ("en", "former defence minister Ivan Petrov", None),
    ("en", "Norwegian state media", "media"),
    ("en", "Western governments", "official"),  # plurals of bodies and titles
    ("en", "The two countries' prime ministers", "official"),
    ("en", "a New York Times report", "documents"),
    ("en", "a Kremlin spokesman", "spokespeople"),
    ("en", "the prime minister's press secretary", "spokespeople"),
    ("de", "Der russische Präsident", "official"),  # an article opening the phrase is no stop
    ("de", "Wirtschaftsminister Max Muster", "official"),  # a compound that ends in a title
    ("de", "Russische Militärblogger", None),
    ("fr", "le ministère russe de la Défense", "official"),  # French heads come first
    ("fr", "un communiqué de l'état-major", "documents"),
    ("ru", "пресс-секретарь президента", "spokespeople"),
    ("ru", "российские военные блогеры", None),
    ("uk", "Міністерства оборони України", "official"),  # a case ending after the stem
    ("en", "the public accounts committee", "official"),  # bodies of a state: committees, commissions, courts
    ("en", "The commission", "official"),
    ("en", "Russian news agencies", "media"),  # plurals of outlets
    ("de", "Das UN-Hochkommissariat", "official"),
    ("de", "Der Bundesgerichtshof", "official"),
    ("fr", "la commission d'enquête", "official"),
    ("ru", "Следственный комитет", "official"),
    ("uk", "Верховний суд", "official"),
])
def test_a_phrase_head_names_what_kind_of_speaker_it_is(lang, phrase, role):
    assert source_nouns(lang).read(phrase).role == role


def test_noun_entries_match_whole_words_prefixes_and_suffixes():
    nouns = Nouns.of(["prime minister", "министр*", "*ministerium"])
    assert nouns.ending_at(["the", "prime", "minister"], 2) == 2
    assert nouns.ending_at(["министра"], 0) == 1 and nouns.ending_at(["минус"], 0) == 0
    assert nouns.ending_at(["verteidigungsministerium"], 0) == 1
    assert nouns.ending_at(["minister"], 0) == 0  # neither "prime minister" nor a compound


def test_a_document_speaks_for_its_issuer():
    entities = {"actor:kremlin": {"type": "organization", "kind": "official", "affiliation": "RU"},
                "actor:agency": {"type": "organization", "kind": "media", "affiliation": "GB"}}
    got = _sources("A statement from the Russian army said the village had been taken. "
                   "According to a report by the Agency, the bridge was destroyed. "
                   "A Kremlin spokesman said the talks would go on. "
                   "The report said that 300 people had died. "
                   "A spokesperson said the office would stay closed.",
                   named=[("Agency", "organization", "actor:agency"), ("Kremlin", "organization", "actor:kremlin")],
                   entities=entities)
    assert got["A statement from the Russian army"] == ("official", "RU", None)
    assert got["a report by the Agency"] == ("media", "GB", "actor:agency")
    assert got["A Kremlin spokesman"] == ("official", "RU", "actor:kremlin")
    # no issuer named: unknown, not a person because the sentence opens with a capital
    assert got["The report"][0] == "anonymous"
    assert _sources("The prime minister's press secretary said the visit was cancelled.")[
        "The prime minister's press secretary"][0] == "official"
    assert got["A spokesperson"][0] == "anonymous"


def test_an_anonymous_issuer_stays_anonymous():
    got = _sources("A report from sources close to the ministry said the general had resigned.")
    assert next(iter(got.values()))[0] == "anonymous"


def test_a_head_noun_tells_an_unknown_speaker_s_kind():
    got = _sources("The defence ministry said the village had been retaken. "
                   "Norwegian media reported that the border would close. "
                   "Russian military bloggers said the attack had failed. "
                   "Foreign Secretary Ann Smith said that sanctions would follow.",
                   named=[("Russian military bloggers", "group", "group:ru:bloggers"),
                          ("Ann Smith", "person", "person:ann-smith")])
    assert got["The defence ministry"][0] == "official"
    assert got["Norwegian media"][:2] == ("media", "NO")
    assert got["Russian military bloggers"][0] == "group"
    # a person the knowledge base does not know, named with a title
    assert got["Foreign Secretary Ann Smith"][::2] == ("official", "person:ann-smith")


def test_a_known_kind_outranks_the_title():
    # the knowledge base says this minister now leads a party: its kind stands
    entities = {"actor:x": {"type": "person", "kind": "party", "affiliation": "FR"}}
    got = _sources("Former minister Jeanne Martin said that the vote was rigged.",
                   named=[("Jeanne Martin", "person", "actor:x")], entities=entities)
    assert got["Former minister Jeanne Martin"][0] == "person"


def test_other_languages_read_their_own_nouns():
    got = _sources("Ein Sprecher des Verteidigungsministeriums sagte, die Truppen seien abgezogen worden.", "de")
    assert next(iter(got.values()))[0] == "official"
    got = _sources("Le ministère russe de la Défense a affirmé que le village avait été repris.", "fr")
    assert next(iter(got.values()))[:2] == ("official", "RU")


def test_a_speaker_gets_the_side_they_spoke_for_on_the_day():
    # a KB actor who led an alliance, then a government: the claim's date picks the side
    actor = {"type": "person", "kind": "official", "affiliation": "NO",
             "attrs": {"former_affiliations": [{"affiliation": "NATO", "from": "2014-10-01", "until": "2024-10-01"}]}}
    kb = {"actor:jens-berg": actor}
    text = "Jens Berg said that the alliance would send more air defence."
    named = [("Jens Berg", "person", "actor:jens-berg")]
    assert _sources(text, named=named, entities=kb, published="2022-03-01")["Jens Berg"][1] == "NATO"
    assert _sources(text, named=named, entities=kb, published="2024-10-01")["Jens Berg"][1] == "NO"
    assert _sources(text, named=named, entities=kb, published="2012-05-04")["Jens Berg"][1] == "NO"
    # a side read from the phrase itself is kept
    phrase = "The Norwegian envoy Jens Berg said that the alliance would send more air defence."
    sides = _sources(phrase, named=named, entities=kb, published="2022-03-01")
    assert sides["The Norwegian envoy Jens Berg"][1] == "NO"


def test_former_affiliations_in_the_knowledge_base_are_checked():
    from sitroom.entities.kb import _check_former_affiliations
    from sitroom.errors import DataFileError

    _check_former_affiliations({"_line": 1, "former_affiliations": [{"affiliation": "EU", "until": "2019-12-01"}]}, "x")
    for bad in ([{"affiliation": "EU"}], [{"affiliation": "EU", "until": "December 2019"}], {"affiliation": "EU"}):
        with pytest.raises(DataFileError):
            _check_former_affiliations({"_line": 1, "former_affiliations": bad}, "x")


@pytest.mark.parametrize("text, lang, source, kind", [
    ("Critics said the plan would fail.", "en", "Critics", "group"),  # a plural noun
    ("The Social Democrats said the vote was close.", "en", "The Social Democrats", "group"),
    ("These farmers said the harvest would be late.", "en", "These farmers", "group"),
    ("The service chief said the hearing would resume in May.", "en", "The service chief", "person"),  # "the" alone
    ("Many said the convoy had turned back.", "en", "Many", "group"),  # a quantifier
    ("Woodward said the vote was close.", "en", "Woodward", "person"),  # a name stays a person
    ("Williams said the vote was close.", "en", "Williams", "person"),  # a name ending in "s" too
    ("Аналитики заявили, что фронт стабилен.", "ru", "Аналитики", "group"),  # the verb in the plural
    ("Аналитик заявил, что фронт стабилен.", "ru", "Аналитик", "person"),
    ("Das Ministerium teilte mit, die Lage sei ruhig.", "de", "Das Ministerium", "official"),
    ("Das Welternährungsprogramm warnte, die Vorräte reichten nicht.", "de", "Das Welternährungsprogramm", "group"),
    ("The committee said the inquiry would resume in May.", "en", "The committee", "official"),
])
def test_an_unnamed_source_is_a_person_only_when_it_can_be_one(text, lang, source, kind):
    assert _sources(text, lang)[source][0] == kind
