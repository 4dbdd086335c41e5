"""Event typing (``sitroom.events.typing``) on CASE-2021 task 2, and on PLOVER as a diagnostic.

CASE-2021 task 2 (``5_events/case-2021-task2``): ``task2/test_dataset/
test_set_final_release_with_labels.tsv``, header ``id<TAB>EventSnippet<TAB>SubType``, one
English snippet per line with one label: 25 ACLED sub-event types ("seen") plus 5 "unseen"
ones (ORG_CRIME, NATURAL_DISASTER, MAN_MADE_DISASTER, DIPLO, ATTRIB). Two views:

- ``CASE-2021 t2 all (30)``: every snippet; the system may answer any of the 30 labels.
- ``CASE-2021 t2 seen (25)``: the snippets whose gold label is one of the 25 ACLED types,
  the system restricted to those 25 (subtask 1 style).

The system answers with its best candidate that has a label in the scored set: an ACLED/CASE
subtype is its own label; sitroom's domain subtypes map as ``types.json`` ``case.map`` says
(TERRITORY_CAPTURED -> GOV_REGAINS_TERIT unless an actor cue already made it
NON_STATE_ACTOR_OVERTAKES_TER, WITHDRAWAL -> NON_VIOL_TERRIT_TRANSFER, VISIT and NEGOTIATION
-> DIPLO, or OTHER / AGREEMENT where DIPLO is not allowed, THREAT -> OTHER; STATEMENT has no
label, so the next candidate is used). No candidate: the system abstains.

Scores (one gold label per snippet): micro precision = correct / answered, micro recall =
correct / snippets (an abstention is a miss, not a false positive), micro F1 their harmonic
mean; "accuracy" = correct / snippets (equal to micro F1 when nothing is abstained). Per
label: TP, FP (answered that label wrongly), FN (gold label missed, abstentions included);
macro F1 = mean F1 over the labels present in gold; weighted F1 = the same weighted by gold
support. Both, the abstentions and per-label P/R/F1 are in ``extra``.
``majority-class`` answers the most frequent gold label of the scored items for every item
(it reads the test labels, so it is a floor, not a system). The published figure (best team,
subtask 1, ~0.84 micro F1) is an anchor: those systems were trained on ACLED data; sitroom's
lexicons were written from the ACLED codebook's type definitions, not from these snippets.

PLOVER (``5_events/PLOVER/gold_standard_records/PLOVER_GSR_CAMEO.txt``, JSON array; the
``DOCUMENT`` record skipped): one sentence per record with a PLOVER category; sitroom's subtypes
are mapped with ``types.json`` ``plover`` and scored the same way, on all records and on the
records whose category the mapping can produce. Diagnostic only: the schemes differ.

``--limit N`` scores the first N items of each file.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from sitroom.evaluation.runner import Row, TaskReport, find_dataset

TASK = "events"
GROUP = "5_events"
CASE = "case-2021-task2"
CASE_TSV = "task2/test_dataset/test_set_final_release_with_labels.tsv"
PLOVER = "PLOVER"
PLOVER_JSON = "gold_standard_records/PLOVER_GSR_CAMEO.txt"
SYSTEM = "sitroom-triggers"
BASELINE = "majority-class"
PUBLISHED = {"seen": "CASE-2021 best ~0.84 micro (subtask 1)", "all": "CASE-2021 subtask 3: best lower than subtask 1"}


def read_case(path: Path) -> tuple[list[tuple[str, str, str]], int]:
    """``(id, snippet, label)`` rows of a CASE task 2 TSV, and how many lines were malformed.
    Split on tabs only: snippets contain quotes that a CSV reader would eat."""
    rows, bad = [], 0
    lines = path.read_text(encoding="utf-8").splitlines()
    for line in lines[1:] if lines and lines[0].lower().startswith("id\t") else lines:
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 3 or not parts[1].strip() or not parts[2].strip():
            bad += 1
            continue
        rows.append((parts[0].strip(), parts[1], parts[2].strip()))
    return rows, bad


def case_label(subtypes: Sequence[str], allowed: set[str], mapping: dict[str, list[str]]) -> str | None:
    """The label of the first subtype (best first) that has one in ``allowed``."""
    for sub in subtypes:
        for label in mapping.get(sub, [sub]):
            if label in allowed:
                return label
    return None


def label_scores(gold: Sequence[str], pred: Sequence[str | None]) -> dict:
    """Micro/macro/weighted scores of single-label predictions (None = abstained)."""
    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in zip(gold, pred, strict=True):
        if p == g:
            tp[g] += 1
        else:
            fn[g] += 1
            if p is not None:
                fp[p] += 1

    def prf(t: int, f_p: int, f_n: int) -> tuple[float, float, float]:
        p = t / (t + f_p) if t + f_p else 0.0
        r = t / (t + f_n) if t + f_n else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    support = Counter(gold)
    per_label = {}
    for label in sorted(support | fp):
        p, r, f = prf(tp[label], fp[label], fn[label])
        per_label[label] = {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "support": support[label]}
    correct, answered, n = sum(tp.values()), sum(p is not None for p in pred), len(gold)
    micro_p, micro_r, micro_f = prf(correct, answered - correct, n - correct)
    gold_labels = [lb for lb in per_label if support[lb]]
    return {
        "precision": micro_p, "recall": micro_r, "f1": micro_f, "accuracy": correct / n if n else 0.0,
        "macro_f1": sum(per_label[lb]["f1"] for lb in gold_labels) / len(gold_labels) if gold_labels else 0.0,
        "weighted_f1": sum(per_label[lb]["f1"] * support[lb] for lb in gold_labels) / n if n else 0.0,
        "n": n, "correct": correct, "abstained": n - answered, "per_label": per_label,
    }


def _row(dataset: str, system: str, s: dict, published: str = "", **extra) -> Row:
    keep = {k: (round(v, 4) if isinstance(v, float) else v) for k, v in s.items()
            if k not in ("precision", "recall", "f1", "accuracy", "n")}
    return Row(TASK, dataset, system, s["precision"], s["recall"], s["f1"], s["accuracy"], s["n"], published,
               {**keep, **extra})


def _note(row: Row) -> str:
    return (f"{row.dataset} / {row.system}: micro F1 {row.f1:.3f}, macro F1 {row.extra['macro_f1']:.3f}, "
            f"weighted F1 {row.extra['weighted_f1']:.3f}, abstained {row.extra['abstained']}/{row.n}")


def _confusions(gold: Sequence[str], pred: Sequence[str | None], top: int = 10) -> list[str]:
    pairs = Counter((g, p or "-") for g, p in zip(gold, pred) if g != p)
    return [f"{g} -> {p}: {c}" for (g, p), c in pairs.most_common(top)]


def score_case(rows: list[tuple[str, str, str]], classify: Callable, types: dict) -> list[Row]:
    """The rows of one CASE file: system and majority baseline, all labels and seen-only."""
    seen, unseen = set(types["case"]["seen"]), set(types["case"]["unseen"])
    mapping = types["case"]["map"]
    ranked = [[e.subtype for e in classify(text, "en")] for _, text, _ in rows]
    out = []
    for view, allowed, dataset in (("all", seen | unseen, "CASE-2021 t2 all (30)"), ("seen", seen, "CASE-2021 t2 seen (25)")):
        idx = [i for i, r in enumerate(rows) if r[2] in allowed]
        if not idx:
            continue
        gold = [rows[i][2] for i in idx]
        pred = [case_label(ranked[i], allowed, mapping) for i in idx]
        unknown = sorted({rows[i][2] for i in range(len(rows))} - seen - unseen)
        out.append(_row(dataset, SYSTEM, label_scores(gold, pred), PUBLISHED[view],
                        confusions=_confusions(gold, pred), unknown_gold_labels=unknown))
        majority = Counter(gold).most_common(1)[0][0]
        out.append(_row(dataset, BASELINE, label_scores(gold, [majority] * len(gold)), f"(floor: always {majority})"))
    return out


def read_plover(path: Path) -> list[tuple[str, str, str]]:
    records = json.loads(path.read_text(encoding="utf-8"))
    return [(r["id"], r["text"], r["event"]) for r in records
            if isinstance(r, dict) and r.get("event") not in (None, "DOCUMENT") and r.get("text")]


def score_plover(rows: list[tuple[str, str, str]], classify: Callable, types: dict) -> list[Row]:
    mapping = {sub: [cat] for sub, cat in types["plover"].items()}
    reachable = set(types["plover"].values())
    gold_all = [r[2] for r in rows]
    pred_all = [case_label([e.subtype for e in classify(text, "en")], reachable, mapping) for _, text, _ in rows]
    out = [_row("PLOVER GSR all", SYSTEM, label_scores(gold_all, pred_all), "none (diagnostic, other scheme)")]
    idx = [i for i, g in enumerate(gold_all) if g in reachable]
    if idx:
        gold, pred = [gold_all[i] for i in idx], [pred_all[i] for i in idx]
        out.append(_row("PLOVER GSR mapped cats", SYSTEM, label_scores(gold, pred), "none (diagnostic, other scheme)",
                        categories=sorted(reachable), confusions=_confusions(gold, pred)))
    return out


def run(data_dir: Path, limit: int | None = None) -> TaskReport:
    from sitroom.events.typing import classify, types

    report = TaskReport(TASK)
    folder = find_dataset(data_dir, CASE, GROUP)
    tsv = folder / CASE_TSV if folder else None
    if tsv is None or not tsv.is_file():
        alt = folder / Path(CASE_TSV).name if folder else None  # a flat copy of the file
        tsv = alt if alt is not None and alt.is_file() else None
    if tsv is None:
        report.skipped = f"dataset {CASE} not found under {data_dir} (expected {GROUP}/{CASE}/{CASE_TSV})"
        return report
    rows, bad = read_case(tsv)
    rows = rows[:limit] if limit is not None else rows
    if bad:
        report.notes.append(f"{CASE}: {bad} malformed line(s) (not id<TAB>snippet<TAB>label) left out")
    report.rows.extend(score_case(rows, classify, types()))
    report.notes.append("micro P = correct/answered, R = correct/items (an abstention, no trigger for any scored "
                        "label, is a miss and not a false positive); Acc = correct/items; macro/weighted F1 over gold labels")
    report.notes.append("majority-class uses the test set's own most frequent label: a floor, not a system")
    plover = find_dataset(data_dir, PLOVER, GROUP)
    if plover and (plover / PLOVER_JSON).is_file():
        try:
            prow = read_plover(plover / PLOVER_JSON)
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            report.notes.append(f"{PLOVER}: unreadable ({exc}); left out")
        else:
            report.rows.extend(score_plover(prow[:limit] if limit is not None else prow, classify, types()))
            report.notes.append("PLOVER rows are diagnostic: sitroom subtypes mapped to PLOVER categories "
                                "(types.json 'plover'); 'mapped cats' = records whose category the mapping can produce")
    report.notes.extend(_note(r) for r in report.rows)
    for r in report.rows:
        if r.system == SYSTEM and r.extra.get("confusions"):
            report.notes.append(f"{r.dataset}: top confusions (gold -> predicted): " + "; ".join(r.extra["confusions"][:6]))
    if any(math.isnan(r.f1) for r in report.rows):
        report.notes.append("some scores are undefined (no items)")
    return report
