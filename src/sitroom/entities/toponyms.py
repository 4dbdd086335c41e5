"""Toponym resolution: which of the places a name may denote does this document mean?

Each candidate gets a score from what is known about it alone (how well its name matches,
its size, its feature type) and, in a second pass, from the document: the countries the
document names, and the distance to the places the other toponyms resolved to in the
first pass (spatial coherence; a country counts as next to the places inside it). "New
York" among Toretsk and Donetsk oblast lands on the Ukrainian Niu-York; alone, on the city
in the USA. A name followed by ", " and another
place ("Springfield, Ill.", "Niu-York, Donetsk oblast") prefers the candidates inside
that place. The weights are few, named and documented here; they were set on the seed
articles and checked on GeoWebNews and LGL.

A name the gazetteer lacks (a street, a building, a plant, an estate) is placed, as an
approximation, in the region written right after it ("Snetterton, Norfolk"), else at the
document's focus: the town it names most often (see ``stand_ins`` and ``focus``).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from sitroom.entities.gazetteer import Candidate, distance_km

W_SIZE = 0.35          # per order of magnitude of population
W_EXACT = 1.0          # the place has exactly this name (case and accents aside)
W_PRIMARY = 0.4        # ... and it is its main name
W_INFLECTED = -0.3     # only found after undoing a case ending
W_COUNTRY_NAME = 1.5   # a country named by its own name; this prior fades as the document's other
                       # places fall in one other country ("Georgia" in a story from Athens, Ga.)
W_STATE_NAME = 0.8     # a first-level region named by its own name ("California", "Donetsk oblast"):
                       # it outranks the small towns named after it, even one near the document's places
W_ADMIN = -0.4         # a region and a town inside it share a name: the town, unless "region" is said
W_COUNTRY_REGION = -1.5  # a region named like its country (the State of Mexico): the country
W_REGION_CUE = 2.0     # "Kursk region", "oblast de Donetsk" and the candidate is a region
W_DEMONYM = -0.6       # "Russian" names Russia only as an adjective: a real place of that name wins
W_CAPITAL = 0.6        # a country's capital ("Washington" is the city before the state, and before
                       # a village of that name near the story's other places)
W_CONTEXT_COUNTRY = 0.9  # the document names other places of this country
W_NEAR = 2.2           # close to the other places of the document
NEAR_KM = 150.0
ASTRAY_KM = 300.0      # a town from a word of a longer name, this far from all the document's places: a guess
W_WITHIN = 3.0         # "Springfield, Ill.": inside the place named right after the comma
W_MASTHEAD = -1.5      # "The Washington Post": a newspaper is named after a town, not a region of that name
ADMIN_FEATURES = {"oblast", "state", "region", "raion"}
TOWN_FEATURES = {"city", "town", "village"}
CONTAINERS = ADMIN_FEATURES | {"county", "country"}  # what "Town, X" may name as X
LARGE = ADMIN_FEATURES | {"country"}  # too large for its centre to stand in for a town in it


@dataclass
class Toponym:
    """One place mention of a document with its candidates."""

    start: int
    end: int
    text: str
    candidates: list[Candidate]
    region_cue: bool = False  # followed/preceded by a word like "region", "oblast", "région"
    within: int | None = None  # index of the toponym written right after it, after a comma
    listed: bool = False  # ... which goes on to a list or a chain ("Clarke, Madison, Oconee and ...")
    part_of_name: bool = False  # the candidates are for one word of it ("Rogers Centre": Rogers)
    masthead: bool = False  # a newspaper's name goes on after it ("Washington Post", "Kyiv Independent")

    def names_its_country(self, region) -> bool:
        """The name is also that of the country the region lies in (Mexico, Panama, Kuwait)."""
        return any(x.place.feature == "country" and x.place.country == region.country and x.exact
                   and not x.demonym for x in self.candidates)

    def has_town_named_so(self) -> bool:
        return any(x.place.feature in TOWN_FEATURES and x.exact for x in self.candidates)

    def has_town_inside(self, region) -> bool:
        """A candidate town of the same name lies in this region (Kursk in Kursk oblast)."""
        return any(x.place.feature in TOWN_FEATURES and inside(x.place, region) for x in self.candidates)


def inside(p, container) -> bool:
    """Whether place ``p`` lies in ``container`` (a country or a first-level region)."""
    if p.id == container.id or not p.country or p.country != container.country:
        return False
    if container.feature == "country":
        return True
    if container.feature in ADMIN_FEATURES or container.feature == "county":
        return bool((container.admin1 and p.admin1 == container.admin1)
                    or (container.region and p.region == container.region))
    return False


def base_score(t: Toponym, c: Candidate) -> float:
    p = c.place
    s = W_SIZE * math.log10(p.size + 1)
    if c.exact:
        s += W_EXACT
        if c.primary:
            s += W_PRIMARY
    if c.inflected:
        s += W_INFLECTED
    if p.capital:
        s += W_CAPITAL
    if t.masthead and p.feature in ADMIN_FEATURES and t.has_town_named_so():
        s += W_MASTHEAD
    if c.demonym:
        s += W_DEMONYM
    if p.feature == "country" and c.exact and not c.demonym:
        s += W_COUNTRY_NAME
    if p.feature in ("state", "oblast") and c.exact and c.primary and not c.demonym:
        s += W_STATE_NAME
    if p.feature in ADMIN_FEATURES:
        if t.has_town_inside(p):
            s += W_ADMIN
        if t.names_its_country(p):
            s += W_COUNTRY_REGION
        if t.region_cue:
            s += W_REGION_CUE
    return s


def resolve(toponyms: list[Toponym]) -> list[Candidate | None]:
    """The chosen candidate for each toponym (None when it has none)."""
    first = [max(t.candidates, key=lambda c: base_score(t, c)) if t.candidates else None for t in toponyms]
    lacked = [t.within is not None and lacked_inside(t, toponyms[t.within], first[t.within]) for t in toponyms]
    first = [None if gone else c for c, gone in zip(first, lacked)]
    # the document's countries: those it names, and those of its unambiguous places
    votes: list[tuple[str, str]] = [
        (t.text.casefold(), c.place.country) for t, c in zip(toponyms, first)
        if c is not None and c.place.country
        and (c.place.feature == "country" or len({x.place.country for x in t.candidates}) == 1)]
    out: list[Candidate | None] = []
    for i, t in enumerate(toponyms):
        if not t.candidates or lacked[i]:
            out.append(None)
            continue
        # other names only: the name being resolved is no evidence for itself, in whatever
        # case it is written ("ALLENDALE" in a headline, "Allendale" below)
        name = t.text.casefold()
        if len(t.candidates) == 1 and not t.part_of_name:
            out.append(t.candidates[0])
            continue
        anchors = [c.place for j, c in enumerate(first)
                   if c is not None and j != i and toponyms[j].text.casefold() != name and c.place.lat is not None]
        if len(t.candidates) == 1:
            best = t.candidates[0]
        else:
            countries = Counter(cc for text, cc in votes if text != name)
            container = first[t.within] if t.within is not None else None
            best = max(t.candidates, key=lambda c: base_score(t, c) + context_score(c, anchors, countries)
                       + (W_WITHIN if container is not None and inside(c.place, container.place) else 0.0))
        out.append(None if t.part_of_name and astray(best.place, anchors) else best)
    return out


def astray(p, anchors) -> bool:
    """A town found from one word of a longer name ("Rogers Centre", "West Wing", "Pearl
    Harbor"), lying far from every other place the document names, none of which contains
    it: a guess from a word that may be a surname, not where the thing named is (it is then
    put at the document's focus). A longer name inside ("Port of Los Angeles") is trusted."""
    if p.feature not in TOWN_FEATURES or p.lat is None:
        return False
    near = [a for a in anchors if a.feature not in ("country", "sea", "ocean", "continent")]
    if not near or any(inside(p, a) for a in anchors if a.feature in CONTAINERS):
        return False
    return min(distance_km(p.lat, p.lon, a.lat, a.lon) for a in near) > ASTRAY_KM


def lacked_inside(t: Toponym, after: Toponym, after_best: Candidate | None) -> bool:
    """"Rockingham, Northamptonshire", where the name after the comma is best read as a
    region and every Rockingham the gazetteer holds is a town in another country than any
    that name may be in: the text names a town the gazetteer lacks, inside that region.
    Never in a list ("Zaire, Bundibugyo, Côte d'Ivoire and Sudan"), never for a name that may
    be more than a town ("In Asia, Canada ..."), never where the name after the comma is best
    read as a town ("Barcelona, Liverpool have ..."), and never where a namesake shares a
    country with it ("Kharkiv, Sumy"; "Atlanta, Georgia", which may be the state).
    ``after_best`` is the name after the comma's choice on its own (the first pass)."""
    if t.listed or not t.candidates or after_best is None:
        return False
    best = after_best.place
    if best.feature not in CONTAINERS or not best.country:
        return False
    countries = {c.place.country for c in after.candidates}
    return all(c.place.feature in TOWN_FEATURES | {"county"} and c.place.country not in countries
               for c in t.candidates)


def stand_ins(toponyms: list[Toponym], chosen: list[Candidate | None]) -> list[Candidate | None]:
    """Where each name left unresolved is put, approximately: at the document's focus (see
    ``focus``), unless the name is followed by the place it lies in ("Snetterton, Norfolk"):
    then at that place, or at the focus where that place is a state or a country the focus
    lies in ("MAINEVILLE, Ohio" in a story set in Cincinnati). None for a resolved name,
    and where the document gives no place at all."""
    centre = focus(chosen)
    out: list[Candidate | None] = []
    for t, c in zip(toponyms, chosen):
        container = chosen[t.within] if t.within is not None and not t.listed else None
        if c is not None:
            out.append(None)
        elif container is None or (centre is not None and container.place.feature in LARGE
                                   and inside(centre.place, container.place)):
            out.append(centre)
        else:
            out.append(container)
    return out


def context_score(c: Candidate, anchors, countries: Counter) -> float:
    p = c.place
    s = 0.0
    if p.country and countries[p.country]:
        s += W_CONTEXT_COUNTRY
    if p.feature == "country" and c.exact and not c.demonym and countries:
        dominant_other = max((k for cc, k in countries.items() if cc != p.country), default=0)
        s -= W_COUNTRY_NAME * dominant_other / sum(countries.values())
    if p.lat is not None and anchors:
        near = [a for a in anchors if a.feature not in ("country", "sea")]
        if near:
            # a country is as near as can be to the places inside it: its reference point
            # says nothing ("Mexico" among Puebla and Oaxaca is the country, not the capital)
            d = 0.0 if p.feature == "country" and any(inside(a, p) for a in near) else \
                min(distance_km(p.lat, p.lon, a.lat, a.lon) for a in near)
            s += W_NEAR * math.exp(-d / NEAR_KM)
    return s


def focus(chosen: list[Candidate | None]) -> Candidate | None:
    """Where the document is: the town it names most often (the first named on a tie),
    else the region, else any place it names most often. Capitals count last: "Moscow
    says" and "Kyiv says" name where a speaker sits, not where things happen. Local
    reporting names the streets, buildings and plants of its own town, so a name the
    gazetteer lacks is put there, approximately (GeoWebNews Acc@161 0.764 -> 0.846,
    LGL 0.801 -> 0.819)."""
    resolved = [c for c in chosen if c is not None and c.place.lat is not None]
    towns = [c for c in resolved if c.place.feature in TOWN_FEATURES]
    local = [c for c in resolved if not c.place.capital and c.place.feature != "country"]
    pool = [c for c in towns if not c.place.capital] or local or resolved
    if not pool:
        return None
    counts = Counter(c.place.id for c in pool)
    return max(pool, key=lambda c: counts[c.place.id])  # max keeps the first of equals
