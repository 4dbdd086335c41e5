"""Claim groups: claims from any document and language about one proposition, labelled
corroborated, single-source or contested.

Two claims are about the same proposition when they report
- the same kind of development (an event *family*: fighting, violence against civilians,
  talks...) in the same region within a few days (``event_window_days``), or
- the same measure (area, prisoners, killed...) for the same region within
  ``figure_window_days``, or
- the same statement of one speaker reported in several documents and languages ("Zelensky
  said Ukraine will give up no territory" in an English and a French article): a claim
  naming no development or figure joins the same linked speaker's claim in another document
  within ``event_window_days`` when it has the same words, or names a common entity and
  their contents' sentence vectors are close (``statement_similarity``; vectors from the
  caller, e.g. the multilingual encoder).
The region is the region-level key of the most specific place the claim names, else the
document's main region (:mod:`sitroom.analysis.places`). A denial or non-confirmation that
names no development of its own ("Kyiv has not confirmed this") joins the claim just
before it in the same document. A block is cut into periods (a gap of more than the window,
or a period longer than three windows), so fighting that lasts for months is not one group.

Independence: a source is its linked entity when there is one (the ministry quoted by
five outlets is one source), else its words within the canonical document (syndicated
copies are one document), and the article itself counts by outlet.

Status:
- contested: one source asserts what another denies; a party has not confirmed what a
  source of another side asserts; sources of different sides give opposite directions of
  territorial control for one place; or independent sources give figures for one state
  of affairs (territory held, troops present: ``contest_measures``) that differ by more
  than ``figure_tolerance``;
- corroborated: two or more independent sources assert it;
- single-source otherwise.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from sitroom.analysis.places import DocumentPlaces, PlaceKey, claim_place, settlements
from sitroom.entities.names import fold

if TYPE_CHECKING:
    import numpy as np

SUPPORT = ("asserted", "hedged")
SPAN_FACTOR = 3


@lru_cache(maxsize=1)
def knowledge() -> dict:
    data = json.loads(resources.files("sitroom").joinpath("data/analysis/grouping.json").read_text("utf-8"))
    data["family_of"] = {sub: fam for fam, subs in data["families"].items() for sub in subs}
    return data


@dataclass(frozen=True)
class DocContext:
    canonical: str            # the document itself, or the one it is a syndicated copy of
    outlet: str | None
    places: DocumentPlaces    # what the document is about
    language: str | None = None


# texts -> one L2-normalised vector per text (rows of a float matrix)
Vectors = Callable[[list[str]], "np.ndarray"]


@dataclass
class Item:
    claim: dict
    family: str | None
    measures: set[str]
    place: PlaceKey | None
    place_inferred: bool
    towns: dict[str, str]     # settlements it is about, id -> name (for claims of territorial control)
    day: date | None
    source: str
    links: list[int] = field(default_factory=list)


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def source_key(c: dict, doc: DocContext) -> str:
    if c.get("source_entity_id"):
        return "e:" + c["source_entity_id"]
    if c["source_kind"] == "author":
        return "a:" + (fold(doc.outlet) if doc.outlet else doc.canonical)
    return f"t:{doc.canonical}:{fold(c.get('source_text') or '')}"


def claim_where(c: dict, doc: DocContext, entity) -> tuple[PlaceKey | None, bool]:
    """(place key, inferred from the document): the claim's own place below country
    level, else the document's region, else the claim's country."""
    ids = c.get("entity_ids") or []
    place = claim_place(ids, entity, countries=False)
    if place:
        return place, False
    if doc.places.region:
        return doc.places.region, True
    place = claim_place(ids, entity)
    return place, place is None


def _items(claims: list[dict], docs: dict[str, DocContext], entity) -> list[Item]:
    k = knowledge()
    measures_kept = set(k["indicator_measures"])
    out = []
    for c in claims:
        doc = docs[c["doc_id"]]
        family = k["family_of"].get(c["event_types"][0]) if c.get("event_types") else None
        measures = {q["measure"] for q in c.get("quantities") or [] if q.get("measure") in measures_kept}
        place, inferred = claim_where(c, doc, entity)
        towns = settlements(c.get("entity_ids") or [], entity)
        if not towns and inferred and doc.places.settlement:
            town = entity(doc.places.settlement)
            towns = {doc.places.settlement: town["name"] if town else doc.places.settlement}
        out.append(Item(c, family, measures, place, inferred, towns, _day(c.get("refers_to") or c.get("said_on")),
                        source_key(c, doc)))
    return out


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _windows(members: list[int], items: list[Item], days: int) -> list[list[int]]:
    """Cut a block into periods: a claim joins the current period when it comes at most
    ``days`` after the previous claim and the period stays within ``SPAN_FACTOR * days``."""
    dated = sorted((i for i in members if items[i].day), key=lambda i: items[i].day)
    out: list[list[int]] = []
    for i in dated:
        if out and (items[i].day - items[out[-1][-1]].day).days <= days \
                and (items[i].day - items[out[-1][0]].day).days <= SPAN_FACTOR * days:
            out[-1].append(i)
        else:
            out.append([i])
    undated = [i for i in members if not items[i].day]
    if undated:
        out.append(undated)
    return out


def _link(items: list[Item], docs: dict[str, DocContext], vectors: Vectors | None = None) -> _Union:
    k = knowledge()
    union = _Union(len(items))
    if vectors is not None:
        _same_statements(items, docs, vectors, union)
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, it in enumerate(items):
        if it.place is None:
            continue
        if it.family:
            blocks[("event", it.family, it.place.key)].append(i)
        for m in it.measures:
            blocks[("figure", m, it.place.key)].append(i)
    for key, members in blocks.items():
        span = k["event_window_days"] if key[0] == "event" else k["figure_window_days"]
        for window in _windows(members, items, span):
            for i in window[1:]:
                union.union(window[0], i)
    # "Kyiv has not confirmed this": a denial with no development of its own joins the
    # nearest claim before it in the same document that has one
    by_doc: dict[str, list[int]] = defaultdict(list)
    for i, it in enumerate(items):
        by_doc[it.claim["doc_id"]].append(i)
    for members in by_doc.values():
        members.sort(key=lambda i: items[i].claim["start"])
        for pos, i in enumerate(members):
            it = items[i]
            if it.family or it.measures or it.claim["stance"] not in ("denied", "unconfirmed"):
                continue
            for j in reversed(members[:pos]):
                prior = items[j]
                if it.claim["start"] - prior.claim["end"] > k["anaphora_chars"]:
                    break
                if prior.family or prior.measures:
                    union.union(i, j)
                    break
    return union


def _same_statements(items: list[Item], docs: dict[str, DocContext], vectors: Vectors, union: _Union) -> None:
    """Join one speaker's statement reported by several documents: claims with no
    development or figure, a linked speaker, dated within the event window of each other,
    from different documents (copies included), and either the same words or contents that
    name a common entity and whose vectors are close. Each claim is compared with at most
    ``STATEMENT_PARTNERS`` earlier ones, and only claims that have a partner are embedded,
    so the work grows with the number of claims, not with its square."""
    k = knowledge()
    by_speaker: dict[str, list[int]] = defaultdict(list)
    for i, it in enumerate(items):
        if not it.family and not it.measures and it.day and it.source.startswith("e:") and it.claim.get("content"):
            by_speaker[it.source].append(i)
    window = k["event_window_days"]
    pairs = []
    for speaker, members in by_speaker.items():
        members.sort(key=lambda i: items[i].day)
        for a, j in enumerate(members):
            for i in reversed(members[max(0, a - STATEMENT_PARTNERS):a]):
                ci, cj = items[i].claim, items[j].claim
                if (items[j].day - items[i].day).days > window:
                    break
                if ci["doc_id"] == cj["doc_id"]:
                    continue  # one article's statements stay apart
                if fold(ci["content"]) == fold(cj["content"]):
                    union.union(i, j)  # a copy, or the same words quoted
                elif set(ci.get("entity_ids") or ()) & set(cj.get("entity_ids") or ()) - {speaker[2:]}:
                    pairs.append((i, j))
    if not pairs:
        return
    wanted = sorted({i for pair in pairs for i in pair})
    row = {i: r for r, i in enumerate(wanted)}
    matrix = vectors([items[i].claim["content"] for i in wanted])
    lowered = k.get("statement_similarity_languages", {})
    for i, j in pairs:
        langs = {docs[items[x].claim["doc_id"]].language for x in (i, j)}
        threshold = min([k["statement_similarity"]] + [lowered[x] for x in langs if x in lowered])
        if float(matrix[row[i]] @ matrix[row[j]]) >= threshold:
            union.union(i, j)


STATEMENT_PARTNERS = 32  # earlier claims of the same speaker each claim is compared with


def _status(members: list[Item]) -> tuple[str, str]:
    k = knowledge()
    support = [m for m in members if m.claim["stance"] in SUPPORT]
    supporters = {m.source for m in support}
    for m in members:
        stance = m.claim["stance"]
        who = m.claim.get("source_text") or "the article"
        if stance == "denied" and supporters - {m.source}:
            return "contested", f"{who} denies it"
        if stance == "unconfirmed" and any(s.source != m.source and s.claim.get("side") != m.claim.get("side")
                                           for s in support):
            return "contested", f"{who} has not confirmed it"
    control: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for m in support:
        direction = k["control"].get((m.claim.get("event_types") or [""])[0])
        if not direction:
            continue
        for name in m.towns.values() or ([m.place.name] if m.place else []):
            control[name][direction].add(m.claim.get("side") or m.source)
    for name, directions in control.items():
        if len(directions) > 1 and len(set().union(*directions.values())) > 1:
            return "contested", f"opposite claims of control over {name}: " + ", ".join(sorted(directions))
    figures: dict[tuple, list[tuple[float, str]]] = defaultdict(list)
    for m in support:
        for q in m.claim.get("quantities") or []:
            if q.get("measure") in m.measures and q["measure"] in k["contest_measures"]:
                figures[(q["measure"], q.get("unit"))].append((float(q["value"]), m.source))
    for (measure, unit), values in figures.items():
        for a, sa in values:
            for b, sb in values:
                if sa != sb and a and b and abs(a - b) / max(a, b) > k["figure_tolerance"]:
                    return "contested", f"figures disagree on {measure}: {min(a, b):g} vs {max(a, b):g} {unit or ''}".rstrip()
    if len(supporters) >= 2 and any(m.claim["stance"] == "asserted" for m in support):
        return "corroborated", f"{len(supporters)} independent sources"
    return "single-source", ""


def _label(members: list[Item]) -> tuple[str, str]:
    k = knowledge()
    families = [m.family for m in members if m.family]
    measures = [x for m in members for x in sorted(m.measures)]
    place = next((m.place for m in members if m.place and not m.place_inferred), None) or \
        next((m.place for m in members if m.place), None)
    where = f" in {place.name}" if place else ""
    if families:
        family = max(set(families), key=families.count)
        return "event", f"{k['family_labels'].get(family, family)}{where}".strip()
    if measures:
        measure = max(set(measures), key=measures.count)
        return "figure", f"{k['measure_labels'].get(measure, measure)}{where}"
    content = members[0].claim.get("content") or ""
    return "statement", content[:120] + ("…" if len(content) > 120 else "")


def group_id(claim_ids: list[str]) -> str:
    return "g_" + hashlib.sha1(min(claim_ids).encode()).hexdigest()[:12]


def build_groups(claims: list[dict], docs: dict[str, DocContext], entity, vectors: Vectors | None = None
                 ) -> tuple[list[dict], list[tuple[str, str, str]]]:
    """(groups, [(claim_id, group_id, status)]) for all ``claims``; every claim belongs to
    exactly one group (a claim about nothing another claim reports is a group of one).
    ``vectors`` embeds claim contents; without it, statements are not joined across documents."""
    items = _items(claims, docs, entity)
    union = _link(items, docs, vectors)
    components: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        components[union.find(i)].append(i)
    groups, assignments = [], []
    for idx in components.values():
        members = [items[i] for i in sorted(idx, key=lambda i: (items[i].day or date.max, items[i].claim["id"]))]
        ids = [m.claim["id"] for m in members]
        status, reason = _status(members)
        kind, label = _label(members)
        days = [m.day for m in members if m.day]
        place = next((m.place for m in members if m.place and not m.place_inferred), None) or \
            next((m.place for m in members if m.place), None)
        gid = group_id(ids)
        groups.append({
            "id": gid, "kind": kind, "label": label, "status": status, "reason": reason,
            "first_date": min(days).isoformat() if days else None,
            "last_date": max(days).isoformat() if days else None,
            "place_entity_id": place.entity_id if place else None,
            "measure": next((x for m in members for x in sorted(m.measures)), None),
            "event_type": next((m.claim["event_types"][0] for m in members if m.claim.get("event_types")), None),
            "claim_ids": ids,
            "doc_ids": list(dict.fromkeys(m.claim["doc_id"] for m in members)),
            "sources": len({m.source for m in members}),
            "sides": sorted({m.claim["side"] for m in members if m.claim.get("side")}),
        })
        assignments.extend((cid, gid, status) for cid in ids)
    return groups, assignments
