"""Scoring functions shared by the evaluation tasks, written to give the same numbers as
the upstream scripts the published figures come from.

Article bodies (scrapinghub/article-extraction-benchmark, ``evaluate.py``):
``\\w+`` tokens, 4-token shingles counted with multiplicity, per-page TP/FP/FN normalised
to sum to 1 so long pages do not weigh more; precision is the mean over pages with
something predicted, recall the mean over pages with a gold body, F1 the harmonic mean of
those two means (not a mean of per-page F1). "Accuracy" is the share of pages whose token
sequence equals the gold one exactly.

Publication dates (adbar/htmldate, ``tests/comparison.py`` / ``tests/evaluation.py``):
one outcome per page at day precision: the right date is a true positive, a wrong date a
false positive, no date where there is a gold date a false negative (no date where there
is none a true negative); precision TP/(TP+FP), recall TP/(TP+FN), accuracy
(TP+TN)/all, F1 2TP/(2TP+FP+FN).
"""

from __future__ import annotations

import random
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

SHINGLE_SIZE = 4
_TOKEN = re.compile(r"\w+", re.UNICODE)

TpFpFn = tuple[float, float, float]


# -- article bodies -----------------------------------------------------------------


def tokenize(text: str | None) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: str | None, n: int = SHINGLE_SIZE) -> Counter:
    """Counts of the n-token shingles of ``text``; a text shorter than n tokens is one
    shorter shingle, an empty text has none (as upstream)."""
    tokens = tokenize(text)
    out: Counter = Counter()
    for i in range(max(1, len(tokens) - n + 1)):
        gram = tuple(tokens[i : i + n])
        if gram:
            out[gram] += 1
    return out


def shingle_match(gold: str | None, pred: str | None, n: int = SHINGLE_SIZE) -> TpFpFn:
    """TP, FP, FN shingle counts of one page, normalised to sum to 1 (all 0 if both empty)."""
    g, p = shingles(gold, n), shingles(pred, n)
    tp = fp = fn = 0.0
    for key in g.keys() | p.keys():
        gc, pc = g.get(key, 0), p.get(key, 0)
        tp += min(gc, pc)
        fp += max(0, pc - gc)
        fn += max(0, gc - pc)
    total = tp + fp + fn
    if total > 0:
        return tp / total, fp / total, fn / total
    return tp, fp, fn


def precision_score(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def recall_score(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def exact_match(gold: str | None, pred: str | None) -> bool:
    return tokenize(gold) == tokenize(pred)


def _mean(values: list[float]) -> float:
    return statistics.mean(values) if values else 0.0


def body_scores(tp_fp_fns: Sequence[TpFpFn]) -> dict[str, float]:
    """Precision, recall and F1 over pages, averaged the way upstream ``evaluate.py`` does."""
    precision = _mean([precision_score(*x) for x in tp_fp_fns if x[0] + x[1] > 0])
    recall = _mean([recall_score(*x) for x in tp_fp_fns if x[0] + x[2] > 0])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


@dataclass
class BodyResult:
    """Per-page shingle counts and exact matches of one system on one dataset."""

    tp_fp_fns: list[TpFpFn] = field(default_factory=list)
    exact: list[bool] = field(default_factory=list)

    def add(self, gold: str | None, pred: str | None) -> TpFpFn:
        x = shingle_match(gold, pred)
        self.tp_fp_fns.append(x)
        self.exact.append(exact_match(gold, pred))
        return x

    def scores(self) -> dict[str, float]:
        out = body_scores(self.tp_fp_fns)
        out["accuracy"] = _mean([float(e) for e in self.exact])
        return out


def bootstrap_std(tp_fp_fns: Sequence[TpFpFn], key: str = "f1", rounds: int = 1000, seed: int = 0) -> float:
    """Standard deviation of ``key`` over page resamples (upstream reports this as ±)."""
    if len(tp_fp_fns) < 2:
        return 0.0
    rng = random.Random(seed)
    n = len(tp_fp_fns)
    values = [body_scores([tp_fp_fns[rng.randrange(n)] for _ in range(n)])[key] for _ in range(rounds)]
    return statistics.stdev(values)


# -- publication dates --------------------------------------------------------------


def date_outcome(pred: str | None, gold: str | None) -> str:
    """Outcome of one page, "tp", "fp", "fn" or "tn" (dates as ISO ``YYYY-MM-DD`` strings)."""
    if pred is None:
        return "tn" if gold is None else "fn"
    return "tp" if pred == gold else "fp"


def date_scores(outcomes: Iterable[str]) -> dict[str, float]:
    """Precision, recall, accuracy and F1 from per-page outcomes (0.0 where undefined)."""
    c = Counter(outcomes)
    tp, fp, fn, tn = c["tp"], c["fp"], c["fn"], c["tn"]
    total = tp + fp + fn + tn
    return {
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "accuracy": (tp + tn) / total if total else 0.0,
        "f1": 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
    }
