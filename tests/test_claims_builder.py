"""Claims: the builder that places attributions in their document (sources and their
sides, dates, figures and what a share is a share of). Example sentences are our own."""

from __future__ import annotations

from sitroom.claims.attribution import extract, extract_batch
from sitroom.claims.builder import ClaimBuilder, MentionRow, side_from_text
from sitroom.claims.sentences import Segmenter
from sitroom.model import Document, TimeExpression


def test_side_from_descriptor():
    assert side_from_text("a high-ranking Ukrainian source") == "UA"
    assert side_from_text("des blogueurs militaires russes") == "RU"
    assert side_from_text("the spokesman") is None


def _doc(text: str, lang: str = "en", published: str = "2024-08-16", timexes=()) -> Document:
    return Document(id="d1", origin="x", raw_sha="r", content_sha="c", text=text, title="t", title_how="first-line",
                    fmt="txt", container="file", language=lang, published=published, timexes=list(timexes),
                    outlet="Test Outlet")


def test_builder_sources_sides_dates_and_figures():
    text = ("Kyiv said on Friday that its forces had taken control of 1,150 km² and 82 localities. "
            "Ukrainian forces shelled the town of Sudzha on 14 August.")
    entities = {"place:kyiv": {"type": "place", "country": "UA", "feature": "city", "name": "Kyiv"},
                "place:sudzha": {"type": "place", "country": "RU", "feature": "town", "name": "Sudzha"}}
    mentions = [MentionRow(0, 4, "place", "place:kyiv"),
                MentionRow(text.index("Sudzha"), text.index("Sudzha") + 6, "place", "place:sudzha")]
    friday = text.index("Friday")
    aug = text.index("14 August")
    timexes = [TimeExpression(friday, friday + 6, "Friday", "2024-08-16", "day", "weekday"),
               TimeExpression(aug, aug + 9, "14 August", "2024-08-14", "day", "absolute")]
    from sitroom.claims.quantities import find_quantities
    from sitroom.events.reports import reported

    builder = ClaimBuilder(entities.get, find_quantities, reported)
    doc = _doc(text, timexes=timexes)
    claims = builder.build(doc, extract(text, "en"), mentions, Segmenter.for_language("en").split(text))
    said = [c for c in claims if c.cue == "said"]
    assert len(said) == 1
    c = said[0]
    assert (c.source_kind, c.side, c.source_entity_id) == ("official", "UA", "place:kyiv")
    assert c.said_on == "2024-08-16"
    values = {(q.value, q.unit) for q in c.quantities}
    assert (1150, "km2") in values and any(v == 82 for v, _ in values)
    author = [c for c in claims if c.source_kind == "author"]
    assert author and author[0].event_types and author[0].refers_to == "2024-08-14"
    assert "place:sudzha" in author[0].entity_ids


def test_builder_knows_what_a_share_of_territory_is_a_share_of():
    text = ("Kiev gave several reasons for the assault, given that Russia occupies nearly 20 percent of "
            "Ukraine's territory. Moscow said it had retaken 86 percent of the territory.")
    entities = {"place:kyiv": {"type": "place"}, "country:RU": {"type": "place"}, "country:UA": {"type": "place"},
                "place:moscow": {"type": "place"}}
    spans = [("Kiev", "place:kyiv"), ("Russia", "country:RU"), ("Ukraine", "country:UA"), ("Moscow", "place:moscow")]
    mentions = [MentionRow(text.index(s), text.index(s) + len(s), "place", eid) for s, eid in spans]
    from sitroom.claims.quantities import find_quantities

    builder = ClaimBuilder(entities.get, find_quantities, lambda *a: [])
    claims = builder.build(_doc(text), extract(text, "en"), mentions, Segmenter.for_language("en").split(text))
    shares = {q.value: q.of_entity_id for c in claims for q in c.quantities if q.measure == "percent_territory"}
    assert shares == {20: "country:UA", 86: None}


def test_a_stretch_of_time_is_no_speaker():
    found = extract_batch(["The next few weeks therefore promise to be crucial on every front.",
                           "Two weeks later, Zelensky promised to retake the town."], "en")
    assert not found[0]
    assert [a.source.text for a in found[1]] == ["Zelensky"]
    assert not extract_batch(["Les prochains jours diront si la ligne tient."], "fr")[0]


def test_builder_resolves_pronoun_to_last_named_speaker():
    text = ("Oleksandr Syrskyi said the troops held 74 settlements. "
            "He added that the operation would continue.")
    start = 0
    entities = {"actor:syrskyi": {"type": "person", "kind": "military", "affiliation": "UA", "name": "Oleksandr Syrskyi"}}
    mentions = [MentionRow(start, len("Oleksandr Syrskyi"), "person", "actor:syrskyi")]
    builder = ClaimBuilder(entities.get, lambda *a: [], lambda *a: [])
    claims = builder.build(_doc(text), extract(text, "en"), mentions, Segmenter.for_language("en").split(text))
    added = [c for c in claims if c.cue == "added"][0]
    assert added.source_text == "He"
    assert added.source_entity_id == "actor:syrskyi"
    assert (added.source_kind, added.side) == ("official", "UA")


def test_he_or_she_points_back_to_the_last_person_the_writer_names():
    entities = {"actor:wallace": {"type": "person", "kind": "official", "affiliation": "GB", "name": "Ben Wallace"},
                "actor:putin": {"type": "person", "kind": "official", "affiliation": "RU", "name": "Vladimir Putin"},
                "actor:starukh": {"type": "person", "kind": "official", "affiliation": "UA", "name": "Oleksandr Starukh"},
                "place:moscow": {"type": "place", "country": "RU", "name": "Moscow"}}

    def build(text, named):
        mentions = [MentionRow(text.index(s), text.index(s) + len(s), kind, eid) for s, kind, eid in named]
        builder = ClaimBuilder(entities.get, lambda *a: [], lambda *a: [])
        claims = builder.build(_doc(text), extract(text, "en"), mentions, Segmenter.for_language("en").split(text))
        return {c.cue: c for c in claims if c.source_kind != "author"}

    # a person named inside the speaker's own words is not who "he" is
    text = "Ben Wallace said Vladimir Putin had failed in the north. He added that more aid would follow."
    got = build(text, [("Ben Wallace", "person", "actor:wallace"), ("Vladimir Putin", "person", "actor:putin")])
    assert got["added"].source_entity_id == "actor:wallace" and got["added"].side == "GB"
    # nor is one named in the speaker's apposition
    entities["actor:trump"] = {"type": "person", "kind": "official", "affiliation": "US", "name": "Donald Trump"}
    text = "Ben Wallace, a former adviser to Donald Trump, said the line held. He added that more aid would follow."
    got = build(text, [("Ben Wallace", "person", "actor:wallace"), ("Donald Trump", "person", "actor:trump")])
    assert got["added"].source_entity_id == "actor:wallace"
    # an owner in the speaker's phrase is not the speaker either
    text = "Donald Trump's former adviser, Ben Wallace, said the line held. He added that more aid would follow."
    got = build(text, [("Donald Trump", "person", "actor:trump"), ("Ben Wallace", "person", "actor:wallace")])
    assert got["said"].source_entity_id == got["added"].source_entity_id == "actor:wallace"
    # a person the writer names after the last speaker is
    text = ("Moscow said the shelling had stopped. Oleksandr Starukh, the regional governor, toured the damaged "
            "school on Monday. He said the repairs would take a month.")
    got = build(text, [("Moscow", "place", "place:moscow"), ("Oleksandr Starukh", "person", "actor:starukh")])
    assert got["said"].source_text == "He" and got["said"].source_entity_id == "actor:starukh"
    # and "he" is never a place: with no person named, it stays unresolved rather than Moscow's
    text = "Moscow said the shelling had stopped. He said the repairs would take a month."
    got = [c for c in build(text, [("Moscow", "place", "place:moscow")]).values() if c.source_text == "He"]
    assert got and got[0].source_entity_id is None


def test_builder_anonymous_descriptor_gets_side():
    text = "A high-ranking source in the Ukrainian general staff stressed that the units would stay in the region."
    builder = ClaimBuilder(lambda _id: None, lambda *a: [], lambda *a: [])
    claims = builder.build(_doc(text), extract(text, "en"), [], Segmenter.for_language("en").split(text))
    c = [c for c in claims if c.cue == "stressed"][0]
    assert (c.source_kind, c.side) == ("anonymous", "UA")


def test_builder_side_ignores_demonyms_in_a_relative_clause_of_the_source():
    text = ("Vladimir Putin, who looked angry on television after the Ukrainian raid, "
            "said that the enemy would be punished.")
    entities = {"actor:putin": {"type": "person", "kind": "official", "affiliation": "RU", "name": "Vladimir Putin"}}
    mentions = [MentionRow(0, len("Vladimir Putin"), "person", "actor:putin")]
    builder = ClaimBuilder(entities.get, lambda *a: [], lambda *a: [])
    claims = builder.build(_doc(text), extract(text, "en"), mentions, Segmenter.for_language("en").split(text))
    c = [c for c in claims if c.cue == "said"][0]
    assert c.source_text.startswith("Vladimir Putin") and c.side == "RU"
    # an apposition does name the side of an unknown speaker
    text = "Ivan Sidorenko, a Ukrainian officer, said that the bridge was destroyed."
    claims = ClaimBuilder(lambda _id: None, lambda *a: [], lambda *a: []).build(
        _doc(text), extract(text, "en"), [], Segmenter.for_language("en").split(text))
    assert [c for c in claims if c.cue == "said"][0].side == "UA"


def test_an_organisation_named_after_its_town_brings_the_town_into_the_claim():
    text = "The governor said that a strike hit the Kherson Regional Hospital on Monday."
    hospital = text.index("Kherson Regional Hospital")
    mentions = [MentionRow(hospital, hospital + len("Kherson Regional Hospital"), "organization",
                           "organization:kherson-regional-hospital", "place:kherson")]
    entities = {"place:kherson": {"type": "place", "country": "UA", "feature": "city", "name": "Kherson"},
                "organization:kherson-regional-hospital": {"type": "organization", "name": "Kherson Regional Hospital"}}
    from sitroom.claims.quantities import find_quantities
    from sitroom.events.reports import reported

    builder = ClaimBuilder(entities.get, find_quantities, reported)
    claims = builder.build(_doc(text), extract(text, "en"), mentions, Segmenter.for_language("en").split(text))
    said = [c for c in claims if c.cue == "said"]
    assert said and said[0].entity_ids == ["organization:kherson-regional-hospital", "place:kherson"]


def test_said_on_is_the_day_of_the_saying_not_of_another_clause():
    """A time expression dates a report only when it can belong to the saying: not one in
    another report's cue or content, not a possessive, not after the publication; a speaker's
    next report in the sentence ("…, adding that …") shares the day of the first."""
    from datetime import date

    from sitroom.claims.quantities import find_quantities
    from sitroom.events.reports import reported
    from sitroom.timex import find_mentions, to_expressions

    text = ("Ahead of Monday’s summit, the secretary said that unity mattered most. "
            "The foreign minister, Ann Linde, said last week that the review would end early, adding that there "
            "was now a lot of pressure. "
            "Officials have indicated that they expect no long debate, with the prime minister saying last week "
            "that her country would decide fast. "
            "The ambassador said the diplomats had been told to leave by 7 May; he called it a hostile measure.")
    published = "2022-04-21"  # a Thursday: "last week" is 2022-04-11, Monday 2022-04-18, 7 May after it
    timexes = to_expressions(find_mentions(text, "en"), date.fromisoformat(published))
    doc = _doc(text, published=published, timexes=timexes)
    claims = ClaimBuilder(lambda _: None, find_quantities, reported).build(
        doc, extract(text, "en"), [], Segmenter.for_language("en").split(text))
    said_on = {(c.source_text, c.cue): c.said_on for c in claims if c.source_kind != "author"}
    assert said_on == {
        ("the secretary", "said"): published,  # Monday's summit is no day of the saying
        ("The foreign minister, Ann Linde", "said last week"): "2022-04-11",
        ("The foreign minister, Ann Linde", "adding"): "2022-04-11",
        ("Officials", "have indicated"): published,  # last week is when the prime minister spoke
        ("the prime minister", "saying last week"): "2022-04-11",
        ("The ambassador", "said"): published,
        ("he", "called"): published,  # 7 May is in the ambassador's words, and after the publication
    }
    ambassador = next(c for c in claims if c.source_text == "The ambassador")
    assert ambassador.refers_to == "2022-05-07"
