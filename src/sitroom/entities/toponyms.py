"""Toponym resolution: which of the places a name may denote does this document mean?

Each candidate gets a score from what is known about it alone (how well its name matches,
its size, its feature type) and, in a second pass, from the document: the countries the
document names, and the distance to the places the other toponyms resolved to in the
first pass (spatial coherence). "New York" among Toretsk and Donetsk oblast lands on the
Ukrainian Niu-York; alone, on the city in the USA. The weights are few, named and
documented here; they were set on the seed articles and checked on GeoWebNews and LGL.
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
W_COUNTRY_NAME = 1.5   # a country named by its own name
W_ADMIN = -0.4         # a region and a town share a name: the town, unless "region" is said
W_REGION_CUE = 2.0     # "Kursk region", "oblast de Donetsk" and the candidate is a region
W_DEMONYM = -0.6       # "Russian" names Russia only as an adjective: a real place of that name wins
W_CONTEXT_COUNTRY = 0.9
W_NEAR = 2.2           # close to the other places of the document
NEAR_KM = 150.0
ADMIN_FEATURES = {"oblast", "state", "region", "raion"}


@dataclass
class Toponym:
    """One place mention of a document with its candidates."""

    start: int
    end: int
    text: str
    candidates: list[Candidate]
    region_cue: bool = False  # followed/preceded by a word like "region", "oblast", "région"


def base_score(t: Toponym, c: Candidate) -> float:
    p = c.place
    s = W_SIZE * math.log10(p.size + 1)
    if c.exact:
        s += W_EXACT
        if c.primary:
            s += W_PRIMARY
    if c.inflected:
        s += W_INFLECTED
    if c.demonym:
        s += W_DEMONYM
    if p.feature == "country" and c.exact and not c.demonym:
        s += W_COUNTRY_NAME
    if p.feature in ADMIN_FEATURES:
        s += W_ADMIN
        if t.region_cue:
            s += W_REGION_CUE
    return s


def resolve(toponyms: list[Toponym]) -> list[Candidate | None]:
    """The chosen candidate for each toponym (None when it has none)."""
    first = [max(t.candidates, key=lambda c: base_score(t, c)) if t.candidates else None for t in toponyms]
    # the document's countries: those it names, and those of its unambiguous places
    countries: Counter[str] = Counter()
    for t, c in zip(toponyms, first):
        if c is None:
            continue
        if c.place.feature == "country" or len({x.place.country for x in t.candidates}) == 1:
            countries[c.place.country] += 1
    out: list[Candidate | None] = []
    for i, t in enumerate(toponyms):
        if not t.candidates:
            out.append(None)
            continue
        if len(t.candidates) == 1:
            out.append(t.candidates[0])
            continue
        anchors = [c.place for j, c in enumerate(first)
                   if c is not None and j != i and toponyms[j].text != t.text and c.place.lat is not None]
        out.append(max(t.candidates, key=lambda c: base_score(t, c) + context_score(c, anchors, countries, t)))
    return out


def context_score(c: Candidate, anchors, countries: Counter, t: Toponym) -> float:
    p = c.place
    s = 0.0
    own = 1 if (p.feature == "country" and countries[p.country]) else 0
    if p.country and countries[p.country] - own > 0:
        s += W_CONTEXT_COUNTRY
    if p.lat is not None and anchors:
        near = [a for a in anchors if a.feature not in ("country", "sea")]
        if near:
            d = min(distance_km(p.lat, p.lon, a.lat, a.lon) for a in near)
            s += W_NEAR * math.exp(-d / NEAR_KM)
    return s
