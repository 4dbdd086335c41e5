"""Exports beyond JSON Lines: CSV tables, GeoJSON maps and an ACLED-style event table.

All three are built from the store and, for the CSV tables, from the very record functions
of :mod:`sitroom.export`, so every format carries the same fields as the JSON Lines contract.
Every file is written to a temporary name first and renamed, so readers never see half a file.

CSV (:func:`export_csv`): one file per contract table, UTF-8 without BOM, a header row,
``csv.QUOTE_MINIMAL``. Lists and dicts are JSON in the cell, None is an empty cell,
booleans are ``true`` / ``false``. Columns are the record's keys in record order; keys that
appear only in later records (entities carry their own attributes) are appended and earlier
rows get empty cells. An empty table still gets its header.
Formula injection: the text comes from untrusted news, so a string cell that starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return and is not a plain number gets a leading
``'`` (spreadsheets then show it as text). Numbers, and strings such as ``-5`` or ``+1.5e3``,
are left alone; so is JSON in a cell (it starts with ``[`` or ``{``).

GeoJSON (:func:`export_geojson`): ``places.geojson`` and ``events.geojson``, RFC 7946
FeatureCollections of Points with ``[lon, lat]`` coordinates.

ACLED (:func:`export_acled`): one row per event, ACLED's column names and vocabulary, as
far as the store knows them. Decisions:

* Not coded, so not written: ``statements`` (ACLED does not code rhetoric) and
  ``other_events`` (crime, disasters), and events without a date.
* Our subtypes that are ACLED sub-event types map to them, with the event type ACLED gives
  them. Our own subtypes map to the closest one (``data/export/acled.json``): visits,
  negotiations and diplomatic events to Strategic developments / Other, withdrawals to
  Non-violent transfer of territory, a captured territory to Battles / Government regains
  territory when the capturing force belongs to the country the place lies in, to Battles /
  Non-state actor overtakes territory when it is another state's (ACLED's definition covers
  foreign state forces), and to Strategic developments / Other when no force is known.
  ``tags`` keeps the original (``sitroom_subtype=TERRITORY_CAPTURED``) and always names the
  corroboration status (``sitroom_status=contested``).
* ``event_id_cnty``: the ISO alpha-3 code of the place's country (``XXX`` when unknown) and
  the hex digits of our event id (``UKR`` + ``e_3505da2b13d26731`` -> ``UKR3505da2b13d26731``).
* ``event_date`` is ISO; month or year dates become the first day, with ``time_precision`` 3
  (1 = day, 2 = week, 3 = coarser), as ACLED does.
* Actors: ``actor1`` is the first actor the reports name, ``actor2`` the first one of another
  known side (``affiliation``, the one held on the event's date where the knowledge base
  lists ``former_affiliations``); the rest are ``assoc_actor_1`` / ``_2`` by side (unknown side
  goes with actor1). ``inter1`` / ``inter2`` use ACLED's numeric codes only where the store
  tells: 1 (state forces) for a state's armed forces in their own country, 8 (external
  forces) abroad, empty otherwise; ``interaction`` combines them (``10`` for a sole actor).
* Place: ``country`` is the English short name (pycountry, with ACLED's names where they
  differ), ``iso`` the ISO 3166-1 numeric code, ``region`` ACLED's world region for the
  countries listed in the data file (else empty), ``admin1`` the place's region, ``admin2`` /
  ``admin3`` empty, ``location`` the place name, ``geo_precision`` 1 for a settlement or
  facility, 2 for a district, 3 for anything larger. Events without a place have empty
  place columns.
* ``source``: the distinct outlets of the event's documents, joined with ``"; "``;
  ``source_scale`` is left empty (we do not know an outlet's reach).
* ``notes``: the event summary and the sentence of its first report.
* ``fatalities``: the smallest "killed" figure (quantity measure ``killed``) in the event's
  reports that do not deny it, ACLED keeping the most conservative figure; 0 when no
  report gives one (also when a number of dead is phrased with another measure, such as
  "killing three civilians", which the claim stage reads as ``civilians``).
* ``civilian_targeting`` is "Civilian targeting" for Violence against civilians, else empty.
* ``timestamp``: the unix time of the export (ACLED's is the time a row was last changed).
"""

from __future__ import annotations

import csv
import json
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pycountry

from sitroom.export import (
    _entities,
    claim_group_record,
    claim_record,
    document_record,
    entity_record,
    event_record,
    indicator_record,
    mention_record,
    story_record,
)
from sitroom.entities.kb import side_on
from sitroom.store import Store
from sitroom.store.analysis import _GROUP_COLUMNS

# --------------------------------------------------------------------------------- CSV

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """One value as a CSV cell: JSON for lists/dicts, "" for None, true/false for booleans,
    numbers unchanged, and strings that a spreadsheet would run as a formula prefixed with ``'``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    text = str(value)
    if text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


class _Probe(dict):
    """A stand-in record source with no data: every key or attribute is another empty probe.
    Feeding it to a record function yields that record's field names (for empty tables)."""

    def __missing__(self, key: str) -> "_Probe":
        return _Probe()

    def __getattr__(self, name: str) -> "_Probe":
        return _Probe()


def _fields(make: Callable[[], dict[str, Any]]) -> list[str]:
    try:
        return list(make())
    except Exception:  # a record function that needs real data: the header comes from the rows
        return []


def _write_csv(path: Path, records: Iterable[dict[str, Any]], fields: list[str]) -> int:
    """Stream ``records`` to ``path``; columns are ``fields`` (used when there is no record),
    else the first record's keys with later new keys appended."""
    body = path.with_suffix(".csv.body")
    columns: list[str] | None = None
    n = 0
    with body.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, quoting=csv.QUOTE_MINIMAL)
        for record in records:
            if columns is None:
                columns = list(record)
            else:
                columns.extend(k for k in record if k not in columns)
            writer.writerow([csv_cell(record.get(k)) for k in columns])
            n += 1
    columns = columns if columns is not None else fields
    tmp = path.with_suffix(".csv.part")
    with body.open(encoding="utf-8", newline="") as src, tmp.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, quoting=csv.QUOTE_MINIMAL)
        writer.writerow(columns)
        for row in csv.reader(src):
            writer.writerow(row + [""] * (len(columns) - len(row)))  # rows before a new key was seen
    body.unlink()
    tmp.replace(path)
    return n


def export_csv(store: Store, out_dir: str | Path) -> dict[str, int]:
    """Write one CSV file per table of the JSON Lines contract; return rows per file."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tables: list[tuple[str, Iterable[dict[str, Any]], Callable[[], dict[str, Any]]]] = [
        ("documents", (document_record(d) for d in store.iter_documents()), lambda: document_record(_Probe())),
        ("entities", _entities(store), lambda: entity_record(_Probe(), [])),
        ("mentions", (mention_record(m) for m in store.iter_mentions()), lambda: mention_record(_Probe())),
        ("claims", (claim_record(c) for c in store.iter_claims()), lambda: claim_record(_Probe())),
        ("events", (event_record(e) for e in store.iter_events()), lambda: event_record(_Probe())),
        ("stories", (story_record(s) for s in store.iter_stories()), lambda: story_record(_Probe())),
        ("indicators", (indicator_record(r) for r in store.iter_indicators()), lambda: indicator_record(_Probe())),
        ("claim_groups", (claim_group_record(g) for g in store.iter_claim_groups()),
         lambda: claim_group_record(dict.fromkeys(_GROUP_COLUMNS))),
    ]
    return {f"{name}.csv": _write_csv(out / f"{name}.csv", records, _fields(probe))
            for name, records, probe in tables}


# ------------------------------------------------------------------------------ GeoJSON

def _point(entity: dict[str, Any] | None) -> list[float] | None:
    """``[lon, lat]`` of a located entity, None when it has no (valid) coordinates."""
    if not entity or entity.get("lat") is None or entity.get("lon") is None:
        return None
    lat, lon = float(entity["lat"]), float(entity["lon"])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return [lon, lat]


def _write_json(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_suffix(path.suffix + ".part")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)


def _collection(features: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": features}


def export_geojson(store: Store, out_dir: str | Path) -> dict[str, int]:
    """Write ``places.geojson`` (mentioned places, and places of events, that have
    coordinates) and ``events.geojson`` (events at such a place, or, approximately, at the
    focus place of a document reporting them when theirs has no point: ``approximate``);
    return features per file and ``events_unlocated``, the events left out for want of a
    located place."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    mentions: Counter[str] = Counter()
    documents: dict[str, set[str]] = defaultdict(set)
    near: dict[tuple[str, str], str] = {}  # (document, place with no point) -> the place it lies near
    for m in store.iter_mentions():
        if m["entity_id"]:
            mentions[m["entity_id"]] += 1
            documents[m["entity_id"]].add(m["doc_id"])
            if m["near_entity_id"]:
                near[(m["doc_id"], m["entity_id"])] = m["near_entity_id"]
    events = list(store.iter_events())
    per_place = Counter(e["place_entity_id"] for e in events if e["place_entity_id"])

    places: dict[str, dict[str, Any]] = {}
    for record in _entities(store):
        if record["type"] == "place" and (record["id"] in mentions or record["id"] in per_place):
            if _point(record):
                places[record["id"]] = record
    for place_id in per_place:  # an event's place that _entities left out (never mentioned)
        entity = None if place_id in places else store.get_entity(place_id)
        if entity and _point(entity):
            places[place_id] = entity_record(entity, [a["alias"] for a in store.aliases_of(place_id)])

    place_features = [{
        "type": "Feature", "id": p["id"], "geometry": {"type": "Point", "coordinates": _point(p)},
        "properties": {"id": p["id"], "name": p["name"], "country": p["country"], "region": p["region"],
                       "feature": p["feature"], "mentions": mentions[p["id"]], "documents": len(documents[p["id"]]),
                       "aliases": p["aliases"], "events": per_place[p["id"]]},
    } for p in sorted(places.values(), key=lambda p: (-mentions[p["id"]], p["id"]))]

    event_features, unlocated = [], 0
    for e in events:
        place = places.get(e["place_entity_id"] or "")
        approximate = False
        if place is None and e["place_entity_id"]:
            around = [near[(d, e["place_entity_id"])] for d in e["doc_ids"] if (d, e["place_entity_id"]) in near]
            located = [places[pid] for pid in around if pid in places]
            place, approximate = (located[0], True) if located else (None, False)
        if place is None:
            unlocated += 1
            continue
        event_features.append({
            "type": "Feature", "id": e["id"], "geometry": {"type": "Point", "coordinates": _point(place)},
            "properties": {k: e[k] for k in ("id", "type", "subtype", "date", "date_precision", "summary", "status",
                                             "place_entity_id")}
            | {"place_name": place["name"], "approximate": approximate}
            | {k: e[k] for k in ("actor_entity_ids", "claim_ids", "doc_ids")},
        })
    _write_json(out / "places.geojson", _collection(place_features))
    _write_json(out / "events.geojson", _collection(event_features))
    return {"places.geojson": len(place_features), "events.geojson": len(event_features),
            "events_unlocated": unlocated}


# -------------------------------------------------------------------------------- ACLED

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
ACLED_EVENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
                     "Strategic developments")
_SETTLEMENT = {"city", "town", "village", "settlement", "ppl", "facility"}
_DISTRICT = {"county", "district", "raion", "admin2", "municipality"}
_TIME_PRECISION = {"day": 1, "week": 2}


@lru_cache(maxsize=1)
def acled_table() -> dict[str, Any]:
    """The mapping in ``data/export/acled.json``."""
    path = resources.files("sitroom") / "data" / "export" / "acled.json"
    return json.loads(path.read_text(encoding="utf-8"))


def acled_type(subtype: str, top: str, capture_side: str | None = None) -> tuple[str, str] | None:
    """(ACLED event type, sub-event type) for one of our event subtypes (its top type
    ``top``), None when ACLED does not code it. ``capture_side`` ("own" / "foreign") is the
    capturing force's relation to the place, for a captured territory."""
    t = acled_table()
    if top in t["not_coded"] or top not in t["event_types"]:
        return None
    if subtype in t["capture"]["subtypes"] and capture_side in ("own", "foreign"):
        event_type, sub = t["capture"][capture_side]
        return event_type, sub
    if subtype in t["sub_event_types"]:
        return t["event_types"][top], t["sub_event_types"][subtype]
    if subtype in t["domain"]:
        event_type, sub = t["domain"][subtype]
        return event_type, sub
    return t["event_types"][top], t["fallback"][top]


def acled_country(alpha2: str | None) -> tuple[str, int | str, str, str]:
    """(country name, ISO numeric, ISO alpha-3, ACLED region) of an ISO alpha-2 code;
    empty strings (and ``XXX``) when it is unknown."""
    country = pycountry.countries.get(alpha_2=alpha2) if alpha2 and len(alpha2) == 2 else None
    if country is None:
        return "", "", "XXX", ""
    t = acled_table()
    name = t["country_names"].get(alpha2) or getattr(country, "common_name", None) or country.name
    region = next((r for r, codes in t["regions"].items() if alpha2 in codes), "")
    return name, int(country.numeric), country.alpha_3, region


def _acled_date(date: str | None) -> str | None:
    if not date:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date[:10]):
        return date[:10]
    if re.fullmatch(r"\d{4}-\d{2}", date[:7]):
        return date[:7] + "-01"
    if re.fullmatch(r"\d{4}", date[:4]):
        return date[:4] + "-01-01"
    return None


def _time_precision(date: str, precision: str | None) -> int:
    if precision:
        return _TIME_PRECISION.get(precision, 3)
    return 1 if len(date) == 10 else 3


def _force_country(actor: dict[str, Any]) -> str | None:
    """The country whose armed forces ``actor`` is, when the store says so."""
    side = actor.get("affiliation") or (actor.get("country") if actor.get("type") == "group" else None)
    if not side or len(side) != 2 or not side.isupper():
        return None
    if actor.get("kind") == "military" or (actor.get("type") == "group" and actor.get("kind") in (None, "military")):
        return side
    return None


def _inter(actor: dict[str, Any] | None, place_country: str | None) -> int | None:
    force = _force_country(actor) if actor else None
    if force is None or place_country is None:
        return None
    return 1 if force == place_country else 8


def _dated(actor: dict[str, Any], day: str) -> dict[str, Any]:
    """``actor`` with the side it was on at ``day`` (a former affiliation of the knowledge base)."""
    side = side_on(actor, day)
    return actor if side == actor.get("affiliation") else {**actor, "affiliation": side}


def _sides(actors: list[dict[str, Any]]) -> tuple[dict | None, list[dict], dict | None, list[dict]]:
    """actor1, its associates, actor2 (first actor of another known side), its associates."""
    if not actors:
        return None, [], None, []
    first = actors[0]
    side1 = first.get("affiliation")
    second = next((a for a in actors[1:] if a.get("affiliation") and side1 and a["affiliation"] != side1), None)
    side2 = second.get("affiliation") if second else None
    assoc1 = [a for a in actors[1:] if a is not second and (not side2 or a.get("affiliation") != side2)]
    assoc2 = [a for a in actors[1:] if a is not second and side2 and a.get("affiliation") == side2]
    return first, assoc1, second, assoc2


def _fatalities(claims: list[dict[str, Any]]) -> int:
    values = [q["value"] for c in claims if c.get("stance") != "denied"
              for q in c["quantities"] if q.get("measure") == "killed" and q.get("value") is not None]
    return int(min(values)) if values else 0


def _geo_precision(place: dict[str, Any]) -> int:
    feature = (place.get("feature") or "").lower()
    return 1 if feature in _SETTLEMENT else 2 if feature in _DISTRICT else 3


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def acled_rows(store: Store, now: int | None = None) -> Iterator[dict[str, Any]]:
    """The ACLED-style rows of the store's coded, dated events, sorted by date then id."""
    stamp = int(time.time()) if now is None else now
    outlets = {d["id"]: d["outlet"] for d in store.document_outlines()}

    @lru_cache(maxsize=50_000)
    def entity(entity_id: str) -> dict[str, Any] | None:
        return store.get_entity(entity_id)

    dated = [(d, e) for e in store.iter_events() if (d := _acled_date(e["date"]))]
    for date, e in sorted(dated, key=lambda pair: (pair[0], pair[1]["id"])):
        place = entity(e["place_entity_id"]) if e["place_entity_id"] else None
        place_country = place.get("country") if place else None
        actors = [_dated(a, date) for a in (entity(x) for x in e["actor_entity_ids"]) if a]
        forces = [f for f in (_force_country(a) for a in actors) if f]
        side = None if not (forces and place_country) else "own" if forces[0] == place_country else "foreign"
        kind = acled_type(e["subtype"], e["type"], side)
        if kind is None:
            continue
        event_type, sub_event_type = kind
        disorders = acled_table()["disorder_types"]
        name, iso, alpha3, region = acled_country(place_country)
        actor1, assoc1, actor2, assoc2 = _sides(actors)
        inter1, inter2 = _inter(actor1, place_country), _inter(actor2, place_country)
        interaction = (f"{min(inter1, inter2)}{max(inter1, inter2)}" if inter1 and inter2
                       else f"{inter1}0" if inter1 and actor2 is None else "")
        claims = store.claims_by_id(e["claim_ids"])
        tags = [] if e["subtype"] in acled_table()["sub_event_types"] else [f"sitroom_subtype={e['subtype']}"]
        tags.append(f"sitroom_status={e['status']}")
        point = _point(place)
        notes = _one_line(e["summary"]) + (f". {_one_line(claims[0]['sentence'])}" if claims else "")
        yield {
            "event_id_cnty": alpha3 + e["id"].removeprefix("e_"),
            "event_date": date, "year": int(date[:4]),
            "time_precision": _time_precision(e["date"], e["date_precision"]),
            "disorder_type": disorders.get(sub_event_type) or disorders.get(event_type, ""),
            "event_type": event_type, "sub_event_type": sub_event_type,
            "actor1": actor1["name"] if actor1 else "", "assoc_actor_1": "; ".join(a["name"] for a in assoc1),
            "inter1": inter1 or "",
            "actor2": actor2["name"] if actor2 else "", "assoc_actor_2": "; ".join(a["name"] for a in assoc2),
            "inter2": inter2 or "", "interaction": interaction,
            "civilian_targeting": "Civilian targeting" if event_type == "Violence against civilians" else "",
            "iso": iso, "region": region, "country": name,
            "admin1": (place.get("region") or "") if place else "", "admin2": "", "admin3": "",
            "location": place["name"] if place else "",
            "latitude": point[1] if point else "", "longitude": point[0] if point else "",
            "geo_precision": _geo_precision(place) if place else "",
            "source": "; ".join(dict.fromkeys(o for d in e["doc_ids"] if (o := outlets.get(d)))),
            "source_scale": "", "notes": notes, "fatalities": _fatalities(claims), "tags": "; ".join(tags),
            "timestamp": stamp,
        }


def export_acled(store: Store, out_path: str | Path, now: int | None = None) -> int:
    """Write the ACLED-style CSV of events to ``out_path`` (see the module docstring for how
    our events are coded); return the number of rows. ``now`` fixes the timestamp column."""
    path = Path(out_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    n = 0
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=ACLED_COLUMNS, quoting=csv.QUOTE_MINIMAL)
        writer.writeheader()
        for row in acled_rows(store, now):
            writer.writerow({k: csv_cell(v) for k, v in row.items()})
            n += 1
    tmp.replace(path)
    return n
