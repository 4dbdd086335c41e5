"""Toponym resolution: candidates, priors, the document's context, abbreviations."""

from __future__ import annotations

import json

import pytest

from sitroom.entities import kbdata
from sitroom.errors import DataFileError


def _place_of(engine, text, name, language="en"):
    start = text.index(name)
    spans = [(start, start + len(name))]
    for other in ("Toretsk", "Donetsk", "Pokrovsk", "Manhattan", "Brooklyn"):
        if other in text and other != name:
            i = text.index(other)
            spans.append((i, i + len(other)))
    return engine.geoparse(text, language, spans)[0]


def test_new_york_near_toretsk_is_the_ukrainian_town(engine):
    text = "Russian forces advanced near New York, a town south of Toretsk in the Donetsk region."
    place = _place_of(engine, text, "New York")
    assert place.country == "UA" and place.lat == pytest.approx(48.3, abs=0.3)


def test_new_york_alone_is_the_american_city(engine):
    text = "The delegation flew to New York for talks at the United Nations, then to Brooklyn."
    place = _place_of(engine, text, "New York")
    assert place.country == "US"


def test_kursk_region_cue_picks_the_region(engine):
    region = engine.geoparse("Fighting continues in the Kursk region.", "en", [(26, 31)])[0]
    city = engine.geoparse("Drones hit an oil depot in Kursk itself.", "en", [(27, 32)])[0]
    assert region.entity_id != city.entity_id
    assert city.entity_id == "geonames:538560"
    for lang, text in [("fr", "Des combats dans la région de Koursk."), ("uk", "Бої тривають у Курській області.")]:
        places = engine.geoparse(text, lang)
        assert places and places[0].entity_id == region.entity_id, (lang, places)


def _places(engine, text, names, language="en"):
    spans = []
    for name in names:
        start = text.index(name, spans[-1][1] if spans else 0)
        spans.append((start, start + len(name)))
    return engine.geoparse(text, language, spans)


def test_dateline_abbreviation_and_comma_choose_the_town_inside(engine):
    paris, tn = _places(engine, "Police in Paris, Tenn. said", ["Paris", "Tenn."])
    assert tn.entity_id == "place:us-tn"
    assert paris.country == "US" and paris.lat == pytest.approx(36.3, abs=0.3)  # not Paris, France
    springfield, state = _places(engine, "The plant in Springfield, Ill. closed.", ["Springfield", "Ill."])
    assert state.entity_id == "place:us-il" and springfield.lat == pytest.approx(39.8, abs=0.3)
    # without the dateline, the largest Paris
    assert _place_of(engine, "Talks resumed in Paris on Monday.", "Paris").country == "FR"


def test_a_state_beats_a_small_town_of_its_name_elsewhere(engine):
    # California, Maryland is a town; the state is meant unless the context says otherwise
    assert _place_of(engine, "Wildfires spread across California this week.", "California").entity_id == "place:us-ca"


def test_a_country_name_yields_to_a_document_set_in_another_country(engine):
    us = "Athens, Ga. - Schools in Clarke County and Oconee County, Georgia, closed as snow fell across Georgia."
    state = _places(engine, us, ["Athens", "Ga.", "Clarke County", "Oconee County", "Georgia", "Georgia"])[-1]
    assert state.entity_id == "place:us-ga"
    war = "Volunteers from Georgia fight near Bakhmut and Kramatorsk in Ukraine's Donetsk region."
    assert _place_of(engine, war, "Georgia").entity_id == "country:GE"


def test_a_country_is_near_the_places_inside_it(engine):
    # its capital is also called "Mexico"; among Mexican towns the country's far-off
    # reference point must not make the capital look nearer
    text = "Migrants crossed Mexico from Oaxaca to Puebla, and some reached Mexico City."
    places = _places(engine, text, ["Mexico", "Oaxaca", "Puebla", "Mexico City"])
    assert places[0].entity_id == "country:MX"
    assert places[3].entity_id != "country:MX"


def test_a_region_named_like_its_country_yields_to_the_country(engine):
    # the State of Mexico is "Mexico" too; in a story set across the border the bare name is
    # still the country, whose own-name prior fades there while the region's does not
    text = "Crossings from Mexico into Texas and Arizona rose, officials in California said."
    assert _places(engine, text, ["Mexico", "Texas", "Arizona", "California"])[0].entity_id == "country:MX"


def test_a_latin_name_is_not_read_as_another_place_s_cyrillic_name(engine):
    # Russian calls Tunisia "Тунис", which romanizes to "Tunis": the capital keeps its own name
    place = _places(engine, "From Tunis the convoy drove south to Tozeur and Tataouine.",
                    ["Tunis", "Tozeur", "Tataouine"])[0]
    assert place.country == "TN" and place.lat == pytest.approx(36.8, abs=0.2)  # not Tunisia's point (34, 9)
    # with no place bearing the Latin name as written, the transliteration still finds it
    assert _place_of(engine, "Fighting near Sudscha went on.", "Sudscha", "de").country == "RU"


def test_an_abbreviation_may_stand_for_several_places(engine):
    za = _places(engine, "Miners in Rustenburg, SA struck, and Johannesburg followed.",
                 ["Rustenburg", "SA", "Johannesburg"])[1]
    assert za.entity_id == "country:ZA"
    au = _places(engine, "Growers near Mildura and Port Augusta, SA faced drought.",
                 ["Mildura", "Port Augusta", "SA"])[2]
    assert au.entity_id == "place:au-sa"
    # the upper-case alias of a curated row is an abbreviation as well; as a key it would
    # also match the lower-case word
    assert _place_of(engine, "Floods hit NSW again.", "NSW").entity_id == "place:au-nsw"
    assert engine.gazetteer.candidates("Nsw", "en") == []


def test_a_name_held_with_its_article_is_read_with_it(engine):
    # "the Gulf" is a name of the Persian Gulf; bare "Gulf" is a province of Papua New Guinea
    assert _place_of(engine, "Tankers crossed the Gulf at night.", "Gulf").entity_id == "place:persian-gulf"
    assert _place_of(engine, "The envoy of the Holy See arrived.", "Holy See").entity_id == "country:VA"
    assert _place_of(engine, "Gulf province lies on the coast.", "Gulf").country == "PG"


def test_an_unknown_longer_name_resolves_through_the_place_it_contains(engine):
    port, uni = _places(engine, "Ships left the Port of Los Angeles; students at Colorado State University",
                        ["Port of Los Angeles", "Colorado State University"])
    assert port.lat == pytest.approx(34.05, abs=0.3)
    assert uni.entity_id == "place:us-co"
    # only whole names of places, never a demonym or a near spelling
    assert _places(engine, "a British International School", ["British International School"])[0].entity_id is None


def test_a_place_the_gazetteer_lacks_lies_at_the_document_s_town(engine):
    text = ("Shelling damaged houses on Sadova Street in Kupiansk on Monday, and the Kupiansk council "
            "said a depot in Kharkiv region was hit.")
    street, town, _, region = _places(engine, text, ["Sadova Street", "Kupiansk", "Kupiansk", "Kharkiv"])
    assert street.entity_id is None and street.geonames_id is None  # not claimed to be the town itself
    assert street.near == town.entity_id and (street.lat, street.lon) == (town.lat, town.lon)
    assert town.near is None and region.near is None
    # no town named: the place named most often, whatever its kind; nothing named: nowhere
    lone = _places(engine, "A fire broke out on Sadova Street in Kharkiv region.", ["Sadova Street", "Kharkiv"])
    assert lone[0].near == lone[1].entity_id
    assert _places(engine, "A fire broke out on Sadova Street.", ["Sadova Street"])[0].lat is None


def test_focus_is_the_town_named_most_often_then_the_first():
    from sitroom.entities.gazetteer import Candidate, Place
    from sitroom.entities.toponyms import focus

    def cand(pid, feature):
        return Candidate(Place(pid, pid, feature, "UA", None, None, 48.0, 37.0, 1000, None, "", False),
                         pid, True, True, False)
    a, b, oblast = cand("a", "city"), cand("b", "town"), cand("o", "oblast")
    assert focus([oblast, oblast, a, None, b, b]).place.id == "b"
    assert focus([oblast, a, b]).place.id == "a"
    assert focus([None, oblast]).place.id == "o"
    assert focus([None, None]) is None


def test_a_name_in_capitals_is_no_evidence_for_itself():
    """"ALLENDALE" in a headline must not pull "Allendale" below it to the bigger namesake:
    the name being resolved is no evidence for itself, whatever its case."""
    from sitroom.entities.gazetteer import Candidate, Place
    from sitroom.entities.toponyms import Toponym, resolve

    def cand(pid, lat, lon, population):
        return Candidate(Place(pid, "Allendale", "city", "US", None, None, lat, lon, population, None, "", False),
                         "Allendale", True, True, False)
    far, near = cand("mi", 42.97, -85.95, 17_579), cand("nj", 41.04, -74.13, 6_822)
    paterson = Candidate(Place("paterson", "Paterson", "city", "US", None, None, 40.92, -74.17, 145_000, None, "",
                               False), "Paterson", True, True, False)
    toponyms = [Toponym(0, 9, "ALLENDALE", [far, near]), Toponym(20, 28, "Paterson", [paterson]),
                Toponym(40, 49, "Allendale", [far, near]), Toponym(60, 69, "Allendale", [far, near])]
    chosen = resolve(toponyms)
    assert [c.place.id for c in chosen] == ["nj", "paterson", "nj", "nj"]


def test_a_state_named_by_its_own_name_outranks_a_small_namesake_near_the_capital():
    from sitroom.entities.gazetteer import Candidate, Place
    from sitroom.entities.toponyms import Toponym, resolve

    def cand(pid, feature, lat, lon, population, capital=False):
        return Candidate(Place(pid, "x", feature, "US", None, None, lat, lon, population, None, "", capital),
                         "x", True, True, False)
    state, town = cand("ca", "state", 37.0, -120.0, 0), cand("ca-md", "city", 38.30, -76.53, 11_857)
    dc = cand("dc", "city", 38.90, -77.04, 689_545, capital=True)
    chosen = resolve([Toponym(0, 10, "Washington", [dc]), Toponym(20, 30, "California", [state, town])])
    assert chosen[1].place.id == "ca"


def test_name_parts_drop_only_qualifier_words():
    from sitroom.entities.linking import load_qualifiers, name_parts
    q = load_qualifiers()
    assert name_parts("Colorado State University", q)[-1] == "Colorado"
    assert "Los Angeles" in name_parts("Port of Los Angeles", q)
    assert name_parts("aéroport d'Odessa", q) == ["Odessa"]
    assert name_parts("Dubai World Cup", q) == []
    # institutions and buildings named after their place; a part of qualifiers alone is no name
    assert name_parts("Bank of Japan", q) == ["Japan"]
    assert name_parts("Windsor Castle", q) == ["Windsor"]
    assert name_parts("East Bank", q) == []


def test_a_broken_abbreviations_file_names_the_place(tmp_path, monkeypatch, romanizer, entity_settings):
    from sitroom.entities import gazetteer
    bad = tmp_path / "abbreviations.json"
    bad.write_text(json.dumps({"places": {"Xyz.": "us-nowhere"}}), encoding="utf-8")
    real = kbdata.kb_path
    monkeypatch.setattr(kbdata, "kb_path", lambda name: bad if name == "abbreviations.json" else real(name))
    with pytest.raises(DataFileError, match="us-nowhere"):
        gazetteer._abbreviations({"place:us-ca": []})


def test_a_town_the_gazetteer_lacks_lies_in_the_region_written_after_it(engine):
    # every Rockingham the gazetteer holds is abroad: the text names a town it lacks, in
    # Northamptonshire, and the town is put there rather than in Vermont or at the focus
    text = "The series visits Rockingham, Northamptonshire in August, after racing in Norwich."
    town, county, _ = _places(engine, text, ["Rockingham", "Northamptonshire", "Norwich"])
    assert county.country == "GB" and town.entity_id is None
    assert town.near == county.entity_id and (town.lat, town.lon) == (county.lat, county.lon)
    # a list is not a region after a town: both are places the gazetteer holds
    kharkiv = _places(engine, "Strikes hit Kharkiv, Sumy and Chernihiv overnight.", ["Kharkiv", "Sumy", "Chernihiv"])
    assert kharkiv[0].country == "UA" and kharkiv[0].entity_id is not None
    # a namesake in the region's country is taken, as before
    assert _places(engine, "Flights from Atlanta, Georgia resumed.", ["Atlanta", "Georgia"])[0].country == "US"


def test_a_town_read_from_one_word_of_a_longer_name_far_from_the_story_is_dropped(engine):
    # "Rogers Centre" has only Rogers, Arkansas to offer; in a story set in Toronto that is a
    # guess from a surname, and the stadium is put at the document's town instead
    text = "Toronto fans filled the Rogers Centre as Toronto beat Boston."
    _, stadium, _, _ = _places(engine, text, ["Toronto", "Rogers Centre", "Toronto", "Boston"])
    assert stadium.entity_id is None and stadium.lat == pytest.approx(43.7, abs=0.2)
    # with no other place named, the word is all there is to go on
    alone = _places(engine, "Fans filled the Rogers Centre.", ["Rogers Centre"])[0]
    assert alone.country == "US"


def test_a_national_capital_beats_a_village_of_its_name_near_the_story(engine):
    # a village called Washington lies in West Sussex, near London and Salisbury
    text = ("Britain expelled diplomats; police in London and Salisbury stood guard. In Washington, "
            "the United States said it would follow.")
    washington = _places(engine, text, ["Britain", "London", "Salisbury", "Washington", "United States"])[3]
    assert washington.country == "US" and washington.lat == pytest.approx(38.9, abs=0.2)


def test_english_counties_and_geonames_country_points(engine):
    text = "Floods hit Yorkshire and Cheshire, and Croft, Yorkshire was cut off."
    yorks, cheshire = _places(engine, text, ["Yorkshire", "Cheshire"])
    assert yorks.entity_id == "place:gb-yorkshire" and cheshire.entity_id == "place:gb-cheshire"
    # a country's point is GeoNames' point, so that its geonames id and its coordinates agree
    japan = _places(engine, "Trade with Japan grew.", ["Japan"])[0]
    assert (japan.lat, japan.lon, japan.geonames_id) == (pytest.approx(35.685, abs=0.01),
                                                         pytest.approx(139.753, abs=0.01), 1861060)


def test_a_street_named_after_a_town_is_not_the_town(engine):
    text = "Police closed Lebanon Street and the Bourbon and Dauphine streets corner in New Orleans."
    street, bourbon, city = _places(engine, text, ["Lebanon", "Bourbon", "New Orleans"])
    assert street.entity_id is None and bourbon.entity_id is None  # neither Lebanon nor Bourbon, Missouri
    assert street.near == city.entity_id
    # a country's adjective before a common noun is no street
    assert _places(engine, "Swedish road policy changed.", ["Swedish"])[0].country == "SE"


def test_a_public_body_is_placed_where_its_name_says(engine):
    text = ("The European Commission and the US Federal Reserve met officials of the Mexican Senate "
            "in Helsinki; the French Quarter of New Orleans hosted a party.")
    commission, fed, senate, helsinki, quarter = _places(
        engine, text, ["European Commission", "US Federal Reserve", "Mexican Senate", "Helsinki", "French Quarter"])
    assert commission.entity_id == "place:europe"
    assert fed.country == "US" and senate.country == "MX"
    # no body word after the country's adjective: a district, not France
    assert quarter.country != "FR"


def test_an_arab_town_is_found_without_its_article(engine):
    text = "Shelling was reported in Qamishli and Raqqa, then in Hasakah."
    qamishli, raqqa, hasakah = _places(engine, text, ["Qamishli", "Raqqa", "Hasakah"])
    assert (qamishli.country, raqqa.country, hasakah.country) == ("SY", "SY", "SY")
    assert qamishli.lat == pytest.approx(37.05, abs=0.1) and qamishli.geonames_id is not None
    # the article goes only for Arabic-speaking countries: "Paso" is not El Paso, Texas
    paso = _places(engine, "Tourists visited Paso.", ["Paso"])[0]
    assert paso.country != "US"


def test_former_states_and_prefectures(engine):
    soviet = _places(engine, "The Soviet Union collapsed in 1991.", ["Soviet Union"])[0]
    assert soviet.entity_id == "place:soviet-union"
    # a former state, a continent or a sea lies in no one country its point happens to fall in
    assert soviet.country is None
    assert _places(engine, "Trade with Europe grew.", ["Europe"])[0].country is None
    for language, text, name in [("ru", "Распад СССР.", "СССР"), ("uk", "Після Радянського Союзу.", "Радянського Союзу")]:
        assert _places(engine, text, [name], language)[0].entity_id == "place:soviet-union"
    akita = _places(engine, "Snow closed roads in Akita Prefecture.", ["Akita Prefecture"])[0]
    assert akita.country == "JP"


def test_a_newspaper_is_named_after_a_town_not_a_region_of_that_name(engine):
    text = "Students in Seattle and Spokane protested, The Washington Post reported."
    post = _places(engine, text, ["Seattle", "Spokane", "Washington"])[2]
    assert post.lat == pytest.approx(38.9, abs=0.2)  # the capital, not the state the story is in
    state = _places(engine, "Students in Seattle and Spokane protested across Washington.",
                    ["Seattle", "Spokane", "Washington"])[2]
    assert state.lat == pytest.approx(47.4, abs=0.5)


def test_a_broken_arabic_articles_file_names_the_file(tmp_path, monkeypatch):
    from sitroom.entities import gazetteer
    bad = tmp_path / "arabic_articles.json"
    bad.write_text(json.dumps({"articles": ["al"]}), encoding="utf-8")  # no countries
    real = kbdata.kb_path
    monkeypatch.setattr(kbdata, "kb_path", lambda name: bad if name == "arabic_articles.json" else real(name))
    with pytest.raises(DataFileError, match="arabic_articles.json.*countries"):
        gazetteer._article_dropper()
