"""Geoparsing: ``EntityEngine.geoparse`` on English news with gold toponyms and coordinates.

Corpora (``3_geoparsing/Pragmatic-Guide-to-Geoparsing-Evaluation/data/``; a missing one is
noted and left out), all one XML format family read by one reader:
``<article><text>...</text><toponyms|locations><toponym|location>`` with ``<start>``,
``<end>`` (character offsets into the text), the surface form (``<extractedName>``,
``<phrase>`` or ``<name>``) and the gold place: ``<latitude>/<longitude>`` and
``<geonamesID>`` (GeoWebNews), ``<gaztag geonameid=..><lat/><lon/>`` (LGL, TR-News) or
``<lat>/<lon>`` (GeoVirus).

- ``GeoWebNews`` (``GWN.xml``, 200 articles): every annotation has a fine-grained type.
  Toponyms here are the named types (Literal, Mixed, Coercion, Embedded_Literal,
  Literal_Modifier, Metonymic, Non_Literal_Modifier, Embedded_Non_Lit, Demonym, Homonym,
  Language: 2,720); the common-noun expressions (``Literal_Expression``,
  ``Non_Lit_Expression``, e.g. "the city") and ``Non_Toponym`` are left out. Only some
  toponyms have coordinates (2,601; none of the Demonym/Homonym/Language ones).
- ``LGL`` (``Corpora/lgl.xml``, 588 local-news articles), ``TR-News``
  (``Corpora/TR-News.xml``, 118 articles): toponyms without a ``gaztag`` have no
  coordinates; they count for detection only.
- ``GeoVirus`` (``Corpora/GeoVirus.xml``, 229 WikiNews articles), optional.

Offsets are checked against the surface form. Where they disagree (GeoVirus: every
offset is one character too far; TR-News: 117 toponyms, shifted by up to 5 characters or
with an end that cuts the name; GeoWebNews: 5 negative offsets), the toponym is moved to
the nearest occurrence of its surface form within 30 characters of the given start; if
there is none it is left out. Both are counted in ``extra``.

Two evaluations, each a row per corpus; the language given is always ``en``.

(a) Resolution given gold spans (system ``... gold spans``): ``geoparse(text, "en", spans)``
with the gold spans of the toponyms that have gold coordinates, one call per article.
Error = great-circle distance (haversine, R = 6371 km) between the system's and the gold
coordinates; an unresolved span (no coordinates) counts as 20,038 km, as in the
literature. ``accuracy`` = Acc@161: share of errors <= 161 km (100 miles). ``extra``: mean
and median error, AUC (area under the sorted log(1 + error) curve, both axes scaled to
[0, 1]; the x axis has n - 1 steps, the y axis is divided by log(20039); lower is better,
as Gritta et al.), unresolved count, and the share of exact GeoNames ids where the gold
has one. P/R/F1 are not defined for this row (NaN).

(b) End-to-end (system ``... end-to-end``): ``geoparse(text, "en")``, the system finds the
places itself. Detection is scored on the toponym spans (each distinct span once):
precision/recall/F1 for **exact** span match in the row, and for **overlap** match in
``extra["overlap"]`` (one-to-one: exact matches pair first, then each remaining system
span, in text order, takes the first unpaired gold span it overlaps). ``accuracy`` =
Acc@161 over the gold toponyms that have coordinates and were detected (overlap pairs),
unresolved = 20,038 km; the same over exact pairs is ``extra["acc161_exact_pairs"]``.
For GeoWebNews, ``extra["recall_by_type"]`` gives overlap recall per toponym type.

``--limit N`` scores the first N articles of each corpus.
"""

from __future__ import annotations

import math
import statistics
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitroom.evaluation.ner import engine_or_skip, prf
from sitroom.evaluation.runner import Row, TaskReport, find_dataset

TASK = "geoparsing"
GROUP = "3_geoparsing"
DATASET = "Pragmatic-Guide-to-Geoparsing-Evaluation"
LANGUAGE = "en"
RESOLVE = "sitroom geoparse, gold spans"
END_TO_END = "sitroom geoparse, end-to-end"
EARTH_RADIUS_KM = 6371.0
UNRESOLVED_KM = 20038.0  # half the Earth's circumference: the error of a missing answer
ACC_KM = 161.0  # 100 miles
WINDOW = 30  # how far a misplaced toponym is looked for, in characters
NOT_TOPONYMS = {"Literal_Expression", "Non_Lit_Expression", "Non_Toponym"}  # GeoWebNews types left out


@dataclass
class Toponym:
    start: int
    end: int
    name: str
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    type: str = ""

    @property
    def has_coords(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass
class Article:
    id: str
    text: str
    toponyms: list[Toponym] = field(default_factory=list)


@dataclass
class Corpus:
    label: str
    path: str  # under the dataset folder
    published_resolution: str
    published_end_to_end: str


CORPORA = (
    Corpus("GeoWebNews", "data/GWN.xml",
           "Acc@161 0.941 (Mordecai 3); README: ~0.8-0.9 for modern resolvers (approx.)",
           "geotagging F1 ~0.89-0.91 (NCRF++ + augmentation, Gritta et al. 2019; approx.)"),
    Corpus("LGL", "data/Corpora/lgl.xml",
           "Acc@161 0.827 (Mordecai 3); CamCoder ~0.66 (approx.)", "(no detection figure in README)"),
    Corpus("TR-News", "data/Corpora/TR-News.xml",
           "Acc@161 ~0.9 (GENRE/BERT-based resolvers, README, approx.)", "(no detection figure in README)"),
    Corpus("GeoVirus", "data/Corpora/GeoVirus.xml",
           "Acc@161 ~0.82 (CamCoder, approx.)", "(no detection figure in README)"),
)


# -- reading ------------------------------------------------------------------------------


def _child_text(elem: ET.Element | None, *tags: str) -> str | None:
    if elem is None:
        return None
    for tag in tags:
        child = elem.find(tag)
        if child is not None and child.text and child.text.strip():
            return child.text.strip()
    return None


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    try:
        return int(float(value)) if value not in (None, "") else None
    except ValueError:
        return None


def align(text: str, start: int, end: int, name: str, window: int = WINDOW) -> tuple[int, int] | None:
    """The span of ``name`` in ``text``: (start, end) if it is there, else its nearest
    occurrence starting within ``window`` characters of ``start``, else None (also for a
    negative offset, which says nothing about where the name is)."""
    if not name or start < 0:
        return None
    if 0 <= start < end <= len(text) and text[start:end] == name:
        return start, end
    best = None
    lo, hi = max(0, start - window), min(len(text), start + window + len(name))
    i = text.find(name, lo, hi)
    while i != -1:
        if best is None or abs(i - start) < abs(best - start):
            best = i
        i = text.find(name, i + 1, hi)
    return (best, best + len(name)) if best is not None else None


def read_corpus(path: Path, limit: int | None = None) -> tuple[list[Article], Counter]:
    """Articles with their toponyms, and counts of what alignment did (``moved``, ``lost``,
    ``not_toponym`` for GeoWebNews expression/non-toponym annotations)."""
    root = ET.parse(path).getroot()
    articles: list[Article] = []
    stats: Counter = Counter()
    for k, elem in enumerate(root.iter("article")):
        if limit is not None and len(articles) >= limit:
            break
        text = elem.findtext("text") or ""
        art = Article(elem.get("file") or elem.get("docid") or str(k), text)
        group = elem.find("toponyms")
        if group is None:
            group = elem.find("locations")
        for t in list(group) if group is not None else []:
            kind = _child_text(t, "type") or ""
            if kind in NOT_TOPONYMS:
                stats["not_toponym"] += 1
                continue
            name = _child_text(t, "extractedName", "phrase", "name") or ""
            start, end = _int(_child_text(t, "start")), _int(_child_text(t, "end"))
            span = align(text, start, end, name) if start is not None and end is not None else None
            if span is None:
                stats["lost"] += 1
                continue
            stats["moved"] += span != (start, end)
            gaz = t.find("gaztag")
            if gaz is not None:
                lat, lon = _float(_child_text(gaz, "lat")), _float(_child_text(gaz, "lon"))
                gid = _int(gaz.get("geonameid"))
            else:
                lat = _float(_child_text(t, "latitude", "lat"))
                lon = _float(_child_text(t, "longitude", "lon"))
                gid = _int(_child_text(t, "geonamesID"))
            art.toponyms.append(Toponym(span[0], span[1], text[span[0]:span[1]], lat, lon, gid, kind))
        articles.append(art)
    return articles, stats


# -- scores --------------------------------------------------------------------------------


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def error_km(gold: Toponym, place: Any) -> float:
    lat, lon = getattr(place, "lat", None), getattr(place, "lon", None)
    if place is None or lat is None or lon is None:
        return UNRESOLVED_KM
    return haversine_km(gold.lat, gold.lon, float(lat), float(lon))


def auc(errors: Sequence[float]) -> float:
    """Area under the sorted log(1 + error) curve, both axes scaled to [0, 1] (0 is best)."""
    if not errors:
        return 0.0
    ys = sorted(math.log(1 + e) / math.log(UNRESOLVED_KM + 1) for e in errors)
    if len(ys) == 1:
        return ys[0]
    area = sum((a + b) / 2 for a, b in zip(ys, ys[1:]))
    return area / (len(ys) - 1)


def resolution_scores(errors: Sequence[float]) -> dict[str, float]:
    if not errors:
        return {"acc161": 0.0, "mean_km": 0.0, "median_km": 0.0, "auc": 0.0}
    return {
        "acc161": sum(e <= ACC_KM for e in errors) / len(errors),
        "mean_km": statistics.fmean(errors),
        "median_km": statistics.median(errors),
        "auc": auc(errors),
    }


def match_spans(gold: Sequence[tuple[int, int]], pred: Sequence[tuple[int, int]]) -> tuple[list[tuple[int, int]], int]:
    """One-to-one pairs (gold index, pred index): exact matches first, then each remaining
    predicted span in text order takes the first unpaired gold span it overlaps. Also
    returns the number of exact pairs (they come first in the list)."""
    pairs: list[tuple[int, int]] = []
    gold_free = set(range(len(gold)))
    pred_free = set(range(len(pred)))
    where = {span: i for i, span in enumerate(gold)}
    for j, span in enumerate(pred):
        i = where.get(span)
        if i is not None and i in gold_free and j in pred_free:
            pairs.append((i, j))
            gold_free.discard(i)
            pred_free.discard(j)
    exact = len(pairs)
    order = sorted(gold_free, key=lambda i: gold[i])
    for j in sorted(pred_free, key=lambda j: pred[j]):
        s, e = pred[j]
        for i in order:
            if i in gold_free and gold[i][0] < e and s < gold[i][1]:
                pairs.append((i, j))
                gold_free.discard(i)
                break
    return pairs, exact


def _rounded(d: dict[str, Any]) -> dict[str, Any]:
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in d.items()}


# -- the task --------------------------------------------------------------------------------


def _distinct(toponyms: Sequence[Toponym]) -> list[Toponym]:
    """One toponym per span (the first), for detection."""
    seen: dict[tuple[int, int], Toponym] = {}
    for t in toponyms:
        seen.setdefault((t.start, t.end), t)
    return sorted(seen.values(), key=lambda t: (t.start, t.end))


def evaluate_resolution(engine: Any, articles: Sequence[Article]) -> dict[str, Any]:
    errors: list[float] = []
    unresolved = id_right = id_total = 0
    for art in articles:
        gold = [t for t in art.toponyms if t.has_coords]
        if not gold:
            continue
        places = list(engine.geoparse(art.text, LANGUAGE, [(t.start, t.end) for t in gold]))
        if len(places) != len(gold):
            raise ValueError(f"geoparse returned {len(places)} places for {len(gold)} spans (article {art.id})")
        for t, place in zip(gold, places):
            err = error_km(t, place)
            unresolved += place is None or getattr(place, "lat", None) is None or getattr(place, "lon", None) is None
            errors.append(err)
            if t.geonames_id is not None:
                id_total += 1
                id_right += getattr(place, "geonames_id", None) == t.geonames_id
    out: dict[str, Any] = {**resolution_scores(errors), "n": len(errors), "unresolved": unresolved,
                           "with_geonames_id": id_total,
                           "geonames_id_accuracy": id_right / id_total if id_total else 0.0}
    return out


def evaluate_end_to_end(engine: Any, articles: Sequence[Article]) -> dict[str, Any]:
    n_gold = n_pred = exact_tp = overlap_tp = 0
    errors_overlap: list[float] = []
    errors_exact: list[float] = []
    type_total: Counter = Counter()
    type_found: Counter = Counter()
    for art in articles:
        gold = _distinct(art.toponyms)
        places = list(engine.geoparse(art.text, LANGUAGE))
        by_span: dict[tuple[int, int], Any] = {}
        for p in places:
            by_span.setdefault((int(p.start), int(p.end)), p)
        pred_spans = sorted(by_span)
        pairs, exact = match_spans([(t.start, t.end) for t in gold], pred_spans)
        n_gold += len(gold)
        n_pred += len(pred_spans)
        exact_tp += exact
        overlap_tp += len(pairs)
        for t in gold:
            type_total[t.type or "toponym"] += 1
        for k, (i, j) in enumerate(pairs):
            t = gold[i]
            type_found[t.type or "toponym"] += 1
            if t.has_coords:
                err = error_km(t, by_span[pred_spans[j]])
                errors_overlap.append(err)
                if k < exact:
                    errors_exact.append(err)
    res = resolution_scores(errors_overlap)
    out: dict[str, Any] = {
        "exact": prf(exact_tp, n_pred - exact_tp, n_gold - exact_tp),
        "overlap": prf(overlap_tp, n_pred - overlap_tp, n_gold - overlap_tp),
        "gold_toponyms": n_gold,
        "system_places": n_pred,
        "exact_tp": exact_tp,
        "overlap_tp": overlap_tp,
        "acc161_detected": res["acc161"],
        "detected_with_coords": len(errors_overlap),
        "mean_km_detected": res["mean_km"],
        "median_km_detected": res["median_km"],
        "acc161_exact_pairs": resolution_scores(errors_exact)["acc161"],
        "exact_pairs_with_coords": len(errors_exact),
    }
    if any(k != "toponym" for k in type_total):
        out["recall_by_type"] = {k: {"gold": v, "recall": round(type_found[k] / v, 4)}
                                 for k, v in type_total.most_common()}
    return out


def run(data_dir: Path, limit: int | None = None, engine: Any = None) -> TaskReport:
    """Score ``engine`` (anything with ``geoparse(text, language, spans=None)``; the real
    ``EntityEngine`` when None) on every corpus found."""
    report = TaskReport(TASK)
    folder = find_dataset(data_dir, DATASET, GROUP)
    found = [c for c in CORPORA if folder is not None and (folder / c.path).is_file()]
    if not found:
        report.skipped = (f"dataset {DATASET} not found under {data_dir} (expected {GROUP}/{DATASET}/data/GWN.xml "
                          "and/or data/Corpora/{lgl,TR-News,GeoVirus}.xml)")
        return report
    report.notes += [f"{c.label}: {c.path} not found: left out" for c in CORPORA if c not in found]
    engine = engine_or_skip(report, engine)
    if engine is None:
        return report

    for corpus in found:
        articles, stats = read_corpus(folder / corpus.path, limit)
        t = time.perf_counter()
        res = evaluate_resolution(engine, articles)
        res_s = time.perf_counter() - t
        t = time.perf_counter()
        e2e = evaluate_end_to_end(engine, articles)
        e2e_s = time.perf_counter() - t
        reading = {"articles": len(articles), "offsets_moved": stats["moved"], "toponyms_lost": stats["lost"]}
        report.rows.append(Row(
            TASK, corpus.label, RESOLVE, math.nan, math.nan, math.nan, res["acc161"], res["n"],
            corpus.published_resolution,
            {**_rounded({k: v for k, v in res.items() if k not in ("acc161", "n")}), **reading,
             "seconds": round(res_s, 1)},
        ))
        ex = e2e["exact"]
        extra = {k: (_rounded(v) if isinstance(v, dict) and k != "recall_by_type" else v) for k, v in e2e.items()
                 if k != "exact"}
        report.rows.append(Row(
            TASK, corpus.label, END_TO_END, ex["precision"], ex["recall"], ex["f1"], e2e["acc161_detected"],
            e2e["gold_toponyms"], corpus.published_end_to_end,
            {**_rounded(extra), **reading, "seconds": round(e2e_s, 1)},
        ))
        if stats["moved"] or stats["lost"]:
            report.notes.append(f"{corpus.label}: {stats['moved']} toponym offsets realigned to the surface form, "
                                f"{stats['lost']} toponyms left out (surface form not found near the offset)")
    report.notes.append("gold spans: Acc@161 over toponyms with gold coordinates, unresolved = 20,038 km; "
                        "end-to-end: exact-span P/R/F1, Acc@161 over detected (overlapping) toponyms with coordinates")
    return report
