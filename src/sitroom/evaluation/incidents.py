"""Places of war incidents: ``EntityEngine.geoparse`` on one-line incident descriptions with
gold coordinates (the Russia-Ukraine Monitor Map of the Centre for Information Resilience).

Data: ``corpus/field/mauforonda-ukraine/events.csv`` beside ``eval`` (also found as
``DIR/mauforonda-ukraine`` or ``DIR`` itself): 6,650 rows of 2022-2024 with ``entry``,
``brief description``, ``title``, ``lat``, ``lon`` and ``town/city``. The text given to the
engine is the description (else the title without its leading date), language ``en``.
Rows without coordinates are left out. The rows split by the number in ``entry``: even
numbers are the development half (``DEV_SPLIT``), odd ones the scored half (``SPLIT``).
``--limit N`` takes N rows spread evenly over the half (its first rows are all of one month
and one kind), not the first N.

What a map shows for an incident is its most specific place: the resolved place of the
lowest rank (a town before a district or region, a region before a country; the rank of
``sitroom.events.builder.PLACE_RANK``), the first in the text among equals. A name the
gazetteer lacks, placed at the region written after it or at the text's focus, counts at
that stand-in's place and rank.

Two rows:
- ``town named``: the rows whose text names the gold town (its letters, folded to ASCII,
  found in the text's; names of fewer than 4 letters left out). ``accuracy`` = the share
  whose most specific place lies within ``TOWN_KM`` (25 km) of the gold point; ``extra``
  has the share within 161 km, and how many rows got no place at all.
- ``any place``: the rows where some place was resolved, whatever the text names.
  ``accuracy`` = the share whose most specific place lies within 161 km of the gold point
  (a wrong namesake lands farther); rows placed only at a country are counted apart
  (``extra["country_only"]``) and left out of the share.

P/R/F1 are not defined (NaN). No published figure exists for this data.
"""

from __future__ import annotations

import csv
import math
import re
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitroom.entities.gazetteer import distance_km
from sitroom.evaluation.ner import engine_or_skip
from sitroom.evaluation.runner import Row, TaskReport
from sitroom.events.builder import PLACE_RANK

TASK = "incidents"
DATASET = "mauforonda-ukraine"
FILE = "events.csv"
SPLIT = "test"
DEV_SPLIT = "dev"
LANGUAGE = "en"
TOWN_KM = 25.0
ACC_KM = 161.0
MIN_TOWN_LETTERS = 4
COUNTRY_RANK = PLACE_RANK["country"]
_DATE_PREFIX = re.compile(r"^\s*\d{1,2}/\d{1,2}/\d{4}\s*")


@dataclass
class Incident:
    entry: str
    text: str
    town: str
    lat: float
    lon: float


def find_file(data_dir: Path) -> Path | None:
    """``events.csv`` under ``DIR/../corpus/field/mauforonda-ukraine``, ``DIR/mauforonda-ukraine`` or ``DIR``."""
    for folder in (data_dir.parent / "corpus" / "field" / DATASET, data_dir / DATASET, data_dir):
        if (folder / FILE).is_file():
            return folder / FILE
    return None


def _number(entry: str) -> int:
    digits = re.sub(r"\D", "", entry)
    return int(digits) if digits else 0


def read_incidents(path: Path, split: str, limit: int | None = None) -> tuple[list[Incident], int]:
    """The split's rows with coordinates and some text; and how many rows were left out."""
    out: list[Incident] = []
    left_out = 0
    want_even = split == DEV_SPLIT
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if (_number(row.get("entry", "")) % 2 == 0) != want_even:
                continue
            text = (row.get("brief description") or "").strip() or _DATE_PREFIX.sub("", row.get("title") or "")
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
            except (KeyError, TypeError, ValueError):
                left_out += 1
                continue
            if not text.strip():
                left_out += 1
                continue
            out.append(Incident(row.get("entry", ""), text.strip(), (row.get("town/city") or "").strip(), lat, lon))
    if limit is not None and len(out) > limit:
        # rows spread evenly over the file: its first rows are all of one month and one kind
        out = [out[i * len(out) // limit] for i in range(limit)]
    return out, left_out


def letters(s: str) -> str:
    """Lower-case ASCII letters only: "Mariupol'" and "Mariupol" compare equal."""
    return re.sub(r"[^a-z]", "", unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower())


def names_town(incident: Incident) -> bool:
    town = letters(incident.town)
    return len(town) >= MIN_TOWN_LETTERS and town in letters(incident.text)


def shown_place(engine: Any, places: list) -> tuple[float, float, int] | None:
    """(lat, lon, rank) of the most specific resolved place, None when nothing was placed."""
    best: tuple[int, int, float, float] | None = None
    for i, p in enumerate(places):
        if p.lat is None or p.lon is None:
            continue
        place_id = p.entity_id or p.near
        place = engine.gazetteer.get(place_id) if place_id else None
        rank = PLACE_RANK.get(place.feature, COUNTRY_RANK - 1) if place is not None else COUNTRY_RANK - 1
        if best is None or (rank, i) < best[:2]:
            best = (rank, i, p.lat, p.lon)
    return None if best is None else (best[2], best[3], best[0])


def evaluate(engine: Any, incidents: list[Incident]) -> dict[str, Any]:
    named = named_25 = named_161 = named_none = 0
    placed = placed_161 = country_only = 0
    for inc in incidents:
        shown = shown_place(engine, engine.geoparse(inc.text, LANGUAGE))
        km = distance_km(inc.lat, inc.lon, shown[0], shown[1]) if shown else math.inf
        if names_town(inc):
            named += 1
            named_25 += km <= TOWN_KM
            named_161 += km <= ACC_KM
            named_none += shown is None
        if shown is not None:
            if shown[2] >= COUNTRY_RANK:
                country_only += 1
            else:
                placed += 1
                placed_161 += km <= ACC_KM
    return {"named": named, "named_25": named_25, "named_161": named_161, "named_none": named_none,
            "placed": placed, "placed_161": placed_161, "country_only": country_only}


def _share(k: int, n: int) -> float:
    return k / n if n else math.nan


def run(data_dir: Path, limit: int | None = None, engine: Any = None, split: str = SPLIT) -> TaskReport:
    """Score ``engine`` (the real ``EntityEngine`` when None) on the ``split`` half."""
    report = TaskReport(TASK)
    path = find_file(data_dir)
    if path is None:
        report.skipped = (f"{FILE} of {DATASET} not found (looked in {data_dir.parent}/corpus/field/{DATASET}, "
                          f"{data_dir}/{DATASET} and {data_dir})")
        return report
    engine = engine_or_skip(report, engine)
    if engine is None:
        return report
    incidents, left_out = read_incidents(path, split, limit)
    t = time.perf_counter()
    r = evaluate(engine, incidents)
    seconds = round(time.perf_counter() - t, 1)
    label = f"{DATASET} {split}"
    report.rows.append(Row(
        TASK, label, "sitroom geoparse, town named", math.nan, math.nan, math.nan,
        _share(r["named_25"], r["named"]), r["named"], "(none published)",
        {"acc_25km": round(_share(r["named_25"], r["named"]), 3),
         "acc_161km": round(_share(r["named_161"], r["named"]), 3),
         "no_place": r["named_none"], "rows": len(incidents), "rows_left_out": left_out, "seconds": seconds}))
    report.rows.append(Row(
        TASK, label, "sitroom geoparse, any place", math.nan, math.nan, math.nan,
        _share(r["placed_161"], r["placed"]), r["placed"], "(none published)",
        {"acc_161km": round(_share(r["placed_161"], r["placed"]), 3), "country_only": r["country_only"],
         "rows": len(incidents)}))
    report.notes.append(f"{label}: entries with {'even' if split == DEV_SPLIT else 'odd'} numbers; "
                        "accuracy = share within 25 km (town named) or 161 km (any place) of the gold point")
    return report
