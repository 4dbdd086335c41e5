"""Places told by the words around them and the longest name the gazetteer holds (own
sentences), and the incidents evaluation that measures them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitroom.entities import kbdata
from sitroom.entities.placecontext import PlaceContext
from sitroom.errors import DataFileError
from sitroom.evaluation import incidents


def _typed(engine, text: str, name: str) -> str | None:
    start = text.index(name)
    for m in engine.detect(text, "en"):
        if m.start <= start < m.end:
            return m.type
    return None


def _place(engine, text: str, name: str):
    start = text.index(name)
    return next(p for p in engine.geoparse(text, "en") if p.start <= start < p.end)


def test_a_city_after_a_locative_word_is_a_place_not_an_organisation(engine):
    # the small English model calls Mariupol an organisation in all three
    for text in ("Russian troops were seen in Mariupol on Tuesday.",
                 "Shelling resumed on the outskirts of Mariupol overnight.",
                 "A Mariupol school was hit twice."):
        assert _typed(engine, text, "Mariupol") == "place", text
        place = _place(engine, text, "Mariupol")
        assert place.country == "UA" and place.lat == pytest.approx(47.1, abs=0.1), text


def test_an_actor_the_knowledge_base_knows_stays_an_actor_after_a_locative_word(engine):
    text = "Officials in the Kremlin declined to comment."
    assert _typed(engine, text, "Kremlin") == "organization"


def test_a_village_and_its_region_read_as_one_name_are_two_places(engine):
    text = "Shelling hit Yaremivka, Kharkiv Oblast at dawn."
    mentions = [(m.text, m.type) for m in engine.detect(text, "en")]
    assert ("Kharkiv Oblast", "place") in mentions
    assert not any(t == "organization" for _, t in mentions)
    village = _place(engine, text, "Yaremivka")
    region = _place(engine, text, "Kharkiv Oblast")
    # the gazetteer may lack the village: it is then put in its region
    assert village.entity_id is not None or village.near == region.entity_id
    assert village.lat == pytest.approx(region.lat, abs=1.5)


def test_a_place_the_model_cut_short_takes_the_longest_name_the_gazetteer_holds(engine):
    text = "A residential block was destroyed in Bila Tserkva overnight."
    place = _place(engine, text, "Bila")
    assert place.text == "Bila Tserkva" and place.country == "UA"
    assert place.lat == pytest.approx(49.8, abs=0.1)


def test_place_context_words_are_whole_words_and_a_region_after_counts():
    ctx = PlaceContext({"en": ["in", "outskirts of"]}, {"en": ["school"]})
    text = "Fighting in Avdiivka; within Avdiivka; the outskirts of Avdiivka; an Avdiivka school; Avdiivka, Donetsk Oblast"
    starts = [i for i in range(len(text)) if text.startswith("Avdiivka", i)]
    said = [ctx.says_place(text, "en", s, s + len("Avdiivka")) for s in starts]
    assert said == [True, False, True, True, True]
    assert not ctx.says_place(text, "fr", starts[1], starts[1] + 8)  # no French words given


def test_a_broken_place_context_file_is_reported(tmp_path, monkeypatch):
    bad = tmp_path / "place_context.json"
    bad.write_text(json.dumps({"en": ["in", "near"]}), encoding="utf-8")
    real = kbdata.kb_path
    monkeypatch.setattr(kbdata, "kb_path", lambda name: bad if name == "place_context.json" else real(name))
    with pytest.raises(DataFileError, match="'en'"):
        PlaceContext.load()


# -- the incidents evaluation --------------------------------------------------------------

ROWS = [  # entry, date, brief description, lat, lon, town/city (own words; real coordinates)
    ("XX0002", "2022-03-02", "Shelling damaged a school in Mariupol", "47.0951", "37.5413", "Mariupol"),
    ("XX0004", "2022-03-04", "A drone filmed a burning depot", "49.9935", "36.2304", "Kharkiv"),
    ("XX0006", "2022-03-06", "Rocket strike in Kharkiv", "50.0040", "36.2310", "Kharkiv"),
    ("XX0008", "2022-03-08", "", "50.0", "36.2", "Kharkiv"),  # no text: left out
    ("XX0001", "2022-03-01", "Damage in Sumy", "50.9077", "34.7981", "Sumy"),
]


def _write(folder: Path) -> Path:
    path = folder / "corpus" / "field" / incidents.DATASET / incidents.FILE
    path.parent.mkdir(parents=True)
    header = ["entry", "date", "event_group", "title", "brief description", "lat", "lon", "country", "province",
              "district", "town/city", "arms/munition", "violence level", "link", "geolocation"]
    lines = [",".join(header)]
    for entry, day, text, lat, lon, town in ROWS:
        lines.append(",".join([entry, day, "Group", "", text, lat, lon, "Ukraine", "", "", town, "", "1", "", ""]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_incidents_split_by_entry_number_and_score_the_town_named(tmp_path, engine):
    _write(tmp_path)
    data_dir = tmp_path / "eval"
    data_dir.mkdir()
    rows, left_out = incidents.read_incidents(incidents.find_file(data_dir), incidents.DEV_SPLIT)
    assert [r.entry for r in rows] == ["XX0002", "XX0004", "XX0006"] and left_out == 1
    assert [incidents.names_town(r) for r in rows] == [True, False, True]
    report = incidents.run(data_dir, engine=engine, split=incidents.DEV_SPLIT)
    town, anyplace = report.rows
    assert town.n == 2 and town.accuracy == pytest.approx(1.0)
    assert anyplace.n == 2 and anyplace.accuracy == pytest.approx(1.0)
    test_half = incidents.run(data_dir, engine=engine)  # odd entries: Sumy
    assert test_half.rows[0].n == 1 and test_half.rows[0].accuracy == pytest.approx(1.0)


def test_incidents_are_skipped_without_the_file(tmp_path):
    report = incidents.run(tmp_path)
    assert report.skipped and incidents.FILE in report.skipped and not report.rows


def test_an_organisation_named_after_its_town_stands_there(engine):
    text = "Cluster munitions struck the Mykolaiv Oncology Hospital on Sunday."
    links = engine.link(text, "en", engine.detect(text, "en"))
    hospital = next(lk for lk in links if lk.mention.text.endswith("Oncology Hospital"))
    assert hospital.mention.type == "organization" and hospital.near is not None
    town = engine.kb.entities[hospital.near]
    assert town.type == "place" and town.lat == pytest.approx(46.97, abs=0.1)
    # the geoparser shows the town inside the name, as an embedded toponym
    placed = [p for p in engine.geoparse(text, "en") if p.text == "Mykolaiv"]
    assert placed and placed[0].entity_id == hospital.near and placed[0].start == text.index("Mykolaiv")
    # a newspaper named after its town stands nowhere: no word of it names a thing at a place
    paper = "The Kyiv Independent reported the strike."
    assert all(lk.near is None for lk in engine.link(paper, "en", engine.detect(paper, "en")))


def test_only_towns_of_the_conflict_zone_name_the_buildings_named_after_them(engine):
    # outside it, universities and centres are named after people as often as after towns
    for text in ("The Lincoln Center said it would send aid.", "Researchers at Stanford University agreed.",
                 # a river is no building of the town that shares the first word of its name
                 "Ukrainian troops crossed the Siverskiy Donets River at night."):
        assert all(lk.near is None for lk in engine.link(text, "en", engine.detect(text, "en"))), text
    # a town of the conflict zone far from the story's other places is still where its university is
    text = "Air raid sirens sounded in Lviv. Kharkiv National University was hit again."
    links = engine.link(text, "en", engine.detect(text, "en"))
    university = next(lk for lk in links if "University" in lk.mention.text)
    assert engine.kb.entities[university.near].lat == pytest.approx(50.0, abs=0.1)
