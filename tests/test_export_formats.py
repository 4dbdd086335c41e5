"""CSV, GeoJSON and ACLED-style exports (sitroom.export_formats): unit tests of the cell
rules and the ACLED mapping, and end to end on a small processed store."""

from __future__ import annotations

import csv
import json
from datetime import date
from importlib import resources

import pytest

from sitroom.export import export_jsonl
from sitroom.export_formats import (
    _write_csv,
    acled_country,
    acled_rows,
    acled_type,
    csv_cell,
    export_acled,
    export_csv,
    export_geojson,
)
from sitroom.store import open_store

from conftest import ingest_and_process, write_articles

ACLED_HEADER = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]
ACLED_EVENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
                     "Strategic developments"}
TABLES = ("documents", "entities", "mentions", "claims", "events", "stories", "indicators", "claim_groups")

DEPOT = """Drone attack sets fuel depot ablaze near Kursk

A Ukrainian drone struck a fuel depot near Kursk on Monday night, the regional governor said, adding that two workers were killed and the fire burned until dawn.

Russia's defence ministry said on Tuesday its air defences had downed 31 drones over the Kursk region.
"""
VILLAGE = """Russia says its troops captured a village near Pokrovsk

Russian forces captured the village of Novotoretske near Pokrovsk, Russia's defence ministry said on Wednesday.

Ukraine's General Staff denied that the village had fallen and said fighting near Pokrovsk was continuing.
"""
SHELLING = """Shelling hits Kharkiv as talks stall

Russian artillery shelled a residential district of Kharkiv on Thursday, killing three civilians, the city's mayor said.

The mayor said 12 people were injured. Moscow did not comment on the strike.
"""


# ------------------------------------------------------------------------------ unit tests

@pytest.mark.parametrize("value, cell", [
    ("=HYPERLINK(\"http://evil.example\",\"click\")", "'=HYPERLINK(\"http://evil.example\",\"click\")"),
    ("+7 (495) 123", "'+7 (495) 123"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("-2+3", "'-2+3"),
    ("\t=1", "'\t=1"),
    ("-5", "-5"),              # a number as text stays as it is
    ("+1.5e3", "+1.5e3"),
    ("Kursk", "Kursk"),
    ("a = b", "a = b"),        # only a leading sign counts
    (-5, -5),
    (2.5, 2.5),
    (None, ""),
    (True, "true"),
    (False, "false"),
    (["=x", 1], '["=x", 1]'),
    ({"value": 800, "unit": "km2"}, '{"value": 800, "unit": "km2"}'),
])
def test_csv_cell(value, cell):
    assert csv_cell(value) == cell


def test_csv_columns_grow_with_new_keys_and_earlier_rows_are_padded(tmp_path):
    path = tmp_path / "t.csv"
    n = _write_csv(path, iter([{"id": "a", "x": 1}, {"id": "b", "x": 2, "extra": "=1+1"}]), ["unused"])
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    assert n == 2 and list(rows[0]) == ["id", "x", "extra"]
    assert rows[0] == {"id": "a", "x": "1", "extra": ""} and rows[1]["extra"] == "'=1+1"
    assert not list(tmp_path.glob("*.part")) and not list(tmp_path.glob("*.body"))


def test_acled_type_mapping():
    assert acled_type("ARMED_CLASH", "battles") == ("Battles", "Armed clash")
    assert acled_type("AIR_STRIKE", "explosions_remote_violence") == ("Explosions/Remote violence", "Air/drone strike")
    assert acled_type("ART_MISS_ATTACK", "explosions_remote_violence")[1] == "Shelling/artillery/missile attack"
    assert acled_type("GOV_REGAINS_TERIT", "battles")[1] == "Government regains territory"
    assert acled_type("NON_STATE_ACTOR_OVERTAKES_TER", "battles")[1] == "Non-state actor overtakes territory"
    assert acled_type("VISIT", "strategic_developments") == ("Strategic developments", "Other")
    assert acled_type("WITHDRAWAL", "strategic_developments")[1] == "Non-violent transfer of territory"
    assert acled_type("TERRITORY_CAPTURED", "strategic_developments") == ("Strategic developments", "Other")
    assert acled_type("TERRITORY_CAPTURED", "strategic_developments", "own") == (
        "Battles", "Government regains territory")
    assert acled_type("TERRITORY_CAPTURED", "strategic_developments", "foreign") == (
        "Battles", "Non-state actor overtakes territory")
    assert acled_type("STATEMENT", "statements") is None
    assert acled_type("NATURAL_DISASTER", "other_events") is None


def test_every_coded_subtype_of_the_event_scheme_has_an_acled_type():
    scheme = json.loads((resources.files("sitroom") / "data" / "events" / "types.json").read_text("utf-8"))
    for top, subtypes in scheme["top_types"].items():
        for subtype in subtypes:
            mapped = acled_type(subtype, top)
            if top in ("statements", "other_events"):
                assert mapped is None
            else:
                assert mapped is not None and mapped[0] in ACLED_EVENT_TYPES and mapped[1], (top, subtype)


def test_acled_country():
    assert acled_country("RU") == ("Russia", 643, "RUS", "Europe")
    assert acled_country("UA") == ("Ukraine", 804, "UKR", "Europe")
    assert acled_country("IR")[0] == "Iran" and acled_country("IR")[3] == "Middle East"
    assert acled_country(None) == ("", "", "XXX", "")


class StubStore:
    """Just what acled_rows reads, with hand-made events."""

    entities = {
        "place:ua-village": {"id": "place:ua-village", "name": "Dalnie", "type": "place", "lat": 48.1, "lon": 37.5,
                             "country": "UA", "region": "Donetsk", "feature": "village", "affiliation": None},
        "group:ru": {"id": "group:ru", "name": "Russian forces", "type": "group", "kind": None, "affiliation": "RU",
                     "country": "RU"},
        "org:ua-army": {"id": "org:ua-army", "name": "Armed Forces of Ukraine", "type": "organization",
                        "kind": "military", "affiliation": "UA", "country": "UA"},
        "org:ru-mod": {"id": "org:ru-mod", "name": "Ministry of Defence of Russia", "type": "organization",
                       "kind": "official", "affiliation": "RU", "country": "RU"},
    }
    claims = {
        "c1": {"id": "c1", "stance": "asserted", "sentence": "Russian forces took  Dalnie,\nkilling 4 soldiers.",
               "quantities": [{"value": 4, "measure": "killed"}, {"value": 30, "measure": "drones"}]},
        "c2": {"id": "c2", "stance": "asserted", "sentence": "At least 3 were killed.",
               "quantities": [{"value": 3, "measure": "killed"}]},
        "c3": {"id": "c3", "stance": "denied", "sentence": "Kyiv denied that 1 soldier died.",
               "quantities": [{"value": 1, "measure": "killed"}]},
    }

    def document_outlines(self):
        return [{"id": "d1", "outlet": "example.org"}, {"id": "d2", "outlet": "news.example"},
                {"id": "d3", "outlet": "example.org"}]

    def get_entity(self, entity_id):
        return self.entities.get(entity_id)

    def claims_by_id(self, ids):
        return [self.claims[i] for i in ids if i in self.claims]

    def iter_events(self):
        base = {"actor_entity_ids": [], "claim_ids": [], "doc_ids": [], "status": "single-source",
                "place_entity_id": None, "date_precision": "day"}
        yield base | {"id": "e_00000000000000b2", "type": "strategic_developments", "subtype": "TERRITORY_CAPTURED",
                      "date": "2025-02-10", "place_entity_id": "place:ua-village",
                      "actor_entity_ids": ["group:ru", "org:ru-mod", "org:ua-army"], "claim_ids": ["c1", "c2", "c3"],
                      "doc_ids": ["d1", "d2", "d3"], "status": "contested", "summary": "Territory captured in Dalnie"}
        yield base | {"id": "e_00000000000000a1", "type": "statements", "subtype": "STATEMENT", "date": "2025-01-01",
                      "summary": "Statement"}
        yield base | {"id": "e_00000000000000c3", "type": "battles", "subtype": "ARMED_CLASH", "date": None,
                      "date_precision": None, "summary": "Armed clash"}
        yield base | {"id": "e_00000000000000d4", "type": "explosions_remote_violence", "subtype": "AIR_STRIKE",
                      "date": "2025-01", "date_precision": None, "summary": "Air/drone strike",
                      "actor_entity_ids": ["org:ua-army"], "place_entity_id": "place:ua-village"}


def test_acled_rows_code_actors_fatalities_dates_and_skip_what_acled_does_not_code():
    rows = list(acled_rows(StubStore(), now=1_700_000_000))
    assert [r["event_id_cnty"] for r in rows] == ["UKR00000000000000d4", "UKR00000000000000b2"]  # by date
    strike, capture = rows
    assert (strike["event_date"], strike["year"], strike["time_precision"]) == ("2025-01-01", 2025, 3)
    assert (strike["inter1"], strike["interaction"], strike["fatalities"]) == (1, "10", 0)
    assert capture["event_type"] == "Battles" and capture["sub_event_type"] == "Non-state actor overtakes territory"
    assert capture["disorder_type"] == "Political violence" and capture["time_precision"] == 1
    assert capture["tags"] == "sitroom_subtype=TERRITORY_CAPTURED; sitroom_status=contested"
    assert (capture["actor1"], capture["assoc_actor_1"]) == ("Russian forces", "Ministry of Defence of Russia")
    assert (capture["actor2"], capture["inter1"], capture["inter2"], capture["interaction"]) == (
        "Armed Forces of Ukraine", 8, 1, "18")
    assert capture["fatalities"] == 3  # the smallest figure; the denied one does not count
    assert capture["source"] == "example.org; news.example"
    assert capture["notes"] == "Territory captured in Dalnie. Russian forces took Dalnie, killing 4 soldiers."
    assert (capture["country"], capture["iso"], capture["admin1"], capture["location"]) == (
        "Ukraine", 804, "Donetsk", "Dalnie")
    assert (capture["latitude"], capture["longitude"], capture["geo_precision"]) == (48.1, 37.5, 1)
    assert all(list(r) == ACLED_HEADER and r["timestamp"] == 1_700_000_000 for r in rows)


class DatedSidesStore(StubStore):
    """A visit by someone who spoke for NATO until 2024 and for Norway since."""

    entities = StubStore.entities | {
        "person:js": {"id": "person:js", "name": "Jens Stoltenberg", "type": "person", "kind": "official",
                      "affiliation": "NO", "country": "NO",
                      "attrs": {"former_affiliations": [{"affiliation": "NATO", "from": "2014-10-01",
                                                         "until": "2024-10-01"}]}},
        "org:no-mod": {"id": "org:no-mod", "name": "Ministry of Defence of Norway", "type": "organization",
                       "kind": "official", "affiliation": "NO", "country": "NO"},
    }

    def __init__(self, date):
        self.date = date

    def iter_events(self):
        yield {"id": "e_00000000000000e5", "type": "strategic_developments", "subtype": "VISIT", "date": self.date,
               "date_precision": "day", "place_entity_id": "place:ua-village", "status": "single-source",
               "actor_entity_ids": ["person:js", "org:no-mod"], "claim_ids": [], "doc_ids": ["d1"],
               "summary": "Visit"}


@pytest.mark.parametrize("date, actor2, assoc1", [
    ("2023-04-20", "Ministry of Defence of Norway", ""),  # he spoke for NATO then: Norway is another side
    ("2025-04-20", "", "Ministry of Defence of Norway"),  # Norway's minister now: the same side
])
def test_acled_rows_take_the_side_an_actor_held_on_the_event_date(date, actor2, assoc1):
    (row,) = acled_rows(DatedSidesStore(date), now=1_700_000_000)
    assert (row["actor1"], row["actor2"], row["assoc_actor_1"]) == ("Jens Stoltenberg", actor2, assoc1)


def test_empty_store_exports_headers_and_empty_collections(tmp_path):
    with open_store(str(tmp_path / "empty.db")) as store:
        counts = export_csv(store, tmp_path / "csv")
        geo = export_geojson(store, tmp_path / "geo")
        n = export_acled(store, tmp_path / "acled.csv")
    assert counts == {f"{t}.csv": 0 for t in TABLES}
    for table in TABLES:
        with (tmp_path / "csv" / f"{table}.csv").open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            assert "id" in reader.fieldnames or table == "mentions" or table == "indicators", table
            assert list(reader) == []
    with (tmp_path / "csv" / "claims.csv").open(encoding="utf-8", newline="") as fh:
        assert {"quantities", "entity_ids", "stance"} <= set(next(csv.reader(fh)))
    assert geo == {"places.geojson": 0, "events.geojson": 0, "events_unlocated": 0}
    for name in ("places.geojson", "events.geojson"):
        assert json.loads((tmp_path / "geo" / name).read_text("utf-8")) == {"type": "FeatureCollection",
                                                                            "features": []}
    assert n == 0
    with (tmp_path / "acled.csv").open(encoding="utf-8", newline="") as fh:
        assert list(csv.reader(fh)) == [ACLED_HEADER]


# ---------------------------------------------------------------------------- end to end

@pytest.fixture(scope="module")
def processed(tmp_path_factory, entity_cache_dir):
    """Three short reports ingested and processed once; the store and its JSONL export."""
    tmp = tmp_path_factory.mktemp("formats")
    corpus = write_articles(tmp / "in", [("depot", DEPOT, "2025-03-04"), ("village", VILLAGE, "2025-03-05"),
                                         ("shelling", SHELLING, "2025-03-06")])
    db = str(tmp / "f.db")
    ingest_and_process(corpus, db, quiet=True)
    store = open_store(db)
    jsonl = tmp / "jsonl"
    export_jsonl(store, jsonl)
    yield store, jsonl, tmp
    store.close()


def _jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _csv(path):
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def csv_dir(processed):
    store, _, tmp = processed
    counts = export_csv(store, tmp / "csv")
    return tmp / "csv", counts


def test_csv_tables_have_the_rows_and_columns_of_the_jsonl_export(processed, csv_dir):
    _, jsonl, _ = processed
    out, counts = csv_dir
    assert set(counts) == {f"{t}.csv" for t in TABLES}
    for table in TABLES:
        records = _jsonl(jsonl / f"{table}.jsonl")
        rows = _csv(out / f"{table}.csv")
        assert len(rows) == len(records) == counts[f"{table}.csv"], table
        if records:
            assert list(rows[0])[:len(records[0])] == list(records[0]), table  # record order first
            assert [r.get("id", r.get("doc_id")) for r in rows] == [r.get("id", r.get("doc_id")) for r in records]
    for table in ("documents", "claims", "events", "mentions"):
        assert counts[f"{table}.csv"] > 0, table


def test_csv_cells_decode_back_to_the_jsonl_values(processed, csv_dir):
    _, jsonl, _ = processed
    out, _ = csv_dir
    claims = {c["id"]: c for c in _jsonl(jsonl / "claims.jsonl")}
    rows = _csv(out / "claims.csv")
    assert any(json.loads(r["quantities"]) for r in rows), "some claim should carry a figure"
    for row in rows:
        record = claims[row["id"]]
        assert json.loads(row["quantities"]) == record["quantities"]
        assert json.loads(row["entity_ids"]) == record["entity_ids"]
        assert row["quote"] == ("true" if record["quote"] else "false")
        assert row["refers_to"] == (record["refers_to"] or "")
        assert int(row["start"]) == record["start"]
    docs = {d["id"]: d for d in _jsonl(jsonl / "documents.jsonl")}
    for row in _csv(out / "documents.csv"):
        assert row["text"] == docs[row["id"]]["text"]  # multi-line text survives quoting
        assert json.loads(row["paragraphs"]) == docs[row["id"]]["paragraphs"]


def test_an_event_at_a_place_with_no_point_is_shown_near_its_document_s_town(processed):
    store, _, tmp = processed
    path = tmp / "near.db"
    store.conn.execute(f"VACUUM INTO '{path}'")
    with open_store(str(path)) as s:
        event = next(e for e in s.iter_events() if e["place_entity_id"])
        town = event["place_entity_id"]
        doc = event["doc_ids"][0]
        s.upsert_entity({"id": "place:sadova-street", "name": "Sadova Street", "type": "place", "origin": "text"})
        s.conn.execute("UPDATE events SET place_entity_id = 'place:sadova-street' WHERE id = ?", (event["id"],))
        s.conn.execute("INSERT INTO mentions VALUES (?, 100000, 100013, 'Sadova Street', 'place', "
                       "'place:sadova-street', 'test', 'new', ?)", (doc, town))
        s.conn.commit()
        before = export_geojson(store, tmp / "geo-before")
        counts = export_geojson(s, tmp / "geo-near")
    assert counts["events.geojson"] == before["events.geojson"]  # still on the map
    events = json.loads((tmp / "geo-near" / "events.geojson").read_text("utf-8"))["features"]
    places = json.loads((tmp / "geo-near" / "places.geojson").read_text("utf-8"))["features"]
    moved = next(f for f in events if f["id"] == event["id"])
    assert moved["properties"]["approximate"] is True
    assert moved["properties"]["place_entity_id"] == "place:sadova-street"
    assert moved["geometry"]["coordinates"] == next(f for f in places if f["id"] == town)["geometry"]["coordinates"]
    assert not any(f["properties"]["approximate"] for f in events if f["id"] != event["id"])


def test_geojson_places_and_events(processed):
    store, jsonl, tmp = processed
    counts = export_geojson(store, tmp / "geo")
    places = json.loads((tmp / "geo" / "places.geojson").read_text("utf-8"))
    events = json.loads((tmp / "geo" / "events.geojson").read_text("utf-8"))
    for collection in (places, events):
        assert collection["type"] == "FeatureCollection"
        for f in collection["features"]:
            assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
            lon, lat = f["geometry"]["coordinates"]
            assert all(isinstance(v, float) for v in (lon, lat))
            assert -180 <= lon <= 180 and -90 <= lat <= 90
    assert counts["places.geojson"] == len(places["features"]) > 0
    by_name = {f["properties"]["name"]: f for f in places["features"]}
    lon, lat = by_name["Kursk"]["geometry"]["coordinates"]
    assert abs(lon - 36.19) < 0.2 and abs(lat - 51.73) < 0.2  # lon first
    kursk = by_name["Kursk"]["properties"]
    assert kursk["mentions"] >= 1 and kursk["documents"] >= 1 and "Kursk" in kursk["aliases"]
    place_ids = {f["properties"]["id"]: f for f in places["features"]}
    assert counts["events.geojson"] == len(events["features"]) > 0
    assert counts["events.geojson"] + counts["events_unlocated"] == len(_jsonl(jsonl / "events.jsonl"))
    by_point_name = {(tuple(f["geometry"]["coordinates"]), f["properties"]["name"]) for f in places["features"]}
    for f in events["features"]:
        p = f["properties"]
        if p["approximate"]:  # its place has no point: shown at a place it lies near
            assert p["place_entity_id"] not in place_ids
            assert (tuple(f["geometry"]["coordinates"]), p["place_name"]) in by_point_name
            continue
        assert p["place_entity_id"] in place_ids
        assert f["geometry"]["coordinates"] == place_ids[p["place_entity_id"]]["geometry"]["coordinates"]
        assert p["place_name"] == place_ids[p["place_entity_id"]]["properties"]["name"]
        assert isinstance(p["claim_ids"], list) and isinstance(p["doc_ids"], list)
    assert sum(f["properties"]["events"] for f in places["features"]) == len(events["features"])


def test_acled_csv(processed):
    store, jsonl, tmp = processed
    path = tmp / "acled.csv"
    n = export_acled(store, path, now=1_750_000_000)
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == ACLED_HEADER
        rows = list(reader)
    events = {e["id"]: e for e in _jsonl(jsonl / "events.jsonl")}
    coded = [e for e in events.values() if e["type"] not in ("statements", "other_events") and e["date"]]
    assert n == len(rows) == len(coded) > 0
    days = [date.fromisoformat(r["event_date"]) for r in rows]
    assert days == sorted(days)
    for r in rows:
        assert r["event_type"] in ACLED_EVENT_TYPES and r["sub_event_type"]
        assert r["year"] == r["event_date"][:4] and r["time_precision"] in ("1", "2", "3")
        assert int(r["fatalities"]) >= 0 and r["timestamp"] == "1750000000"
        assert r["source"] == "example.org"
        event = events["e_" + r["event_id_cnty"][3:]]
        if event["place_entity_id"]:
            assert r["location"] and -90 <= float(r["latitude"]) <= 90 and -180 <= float(r["longitude"]) <= 180
            assert r["country"] in ("Russia", "Ukraine") and r["iso"] in ("643", "804")
        else:
            assert r["latitude"] == r["longitude"] == r["location"] == ""
    strikes = [r for r in rows if r["sub_event_type"] == "Air/drone strike"]
    assert strikes and strikes[0]["location"] == "Kursk" and strikes[0]["event_id_cnty"].startswith("RUS")
    assert strikes[0]["event_type"] == "Explosions/Remote violence"
    captured = [r for r in rows if "sitroom_subtype=TERRITORY_CAPTURED" in r["tags"]]
    assert all(r["sub_event_type"] in ("Non-state actor overtakes territory", "Government regains territory", "Other")
               for r in captured)
