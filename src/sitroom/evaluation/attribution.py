"""Attribution: ``sitroom.claims.attribution.extract_batch`` on PolNeAR (political news, brat).

Data: ``2_quotes/PolNeAR/data/<split>/text/<name>.txt`` and
``data/<split>/attributions/<name>_<annotator>.ann``; the **test** split is scored (``SPLIT``;
PolNeAR asks that test be run rarely: develop with ``run(..., split=DEV_SPLIT)``). Some
texts have several annotators and the README names no canonical one, so each text uses
the annotation of the first annotator code in sorted order. ``--limit N``: the first N
texts in file-name order. Each text is given to the extractor as read (no newline
translation), language ``en``, in chunks of ``BATCH`` texts, so offsets align.

Gold: every ``E`` line is one attribution; its ``Source``, ``Cue`` and ``Content`` roles
point at ``T`` spans (``s e;s e`` for discontinuous ones). ``Content2`` (a second content
span of the same attribution) is merged into the content as more fragments. Anchor
(``Attribution``, ``Attribution-no-source``), ``Discuss`` and ``Discard`` spans and
``T`` spans no ``E`` line uses are not scored; an ``E`` line with neither cue nor content
(an empty anchor) is dropped (``extra["gold_dropped"]``). A role may be missing (no source).

Conventions: PolNeAR's annotators mark the quote and its speaker, not the reports inside the
quoted words (on dev, 2 of 269 such candidates match a gold attribution); sitroom keeps
those as claims of their own and marks them ``nested``: they are left out before scoring
(counted in ``extra["nested_left_out"]``). And PolNeAR's source of "Mr. Kamin, who
emphasized that …" is "who"; sitroom's is "Mr. Kamin", with "who" kept as ``relative``:
that span is scored as the source.

Role scores (rows ``PolNeAR <split> <role> <matching>``, role = source, cue, content): the
gold spans of a role are the distinct spans (by offsets) the document's attributions use,
so a source shared by two attributions counts once; predictions are deduplicated by
offsets the same way. Matching is one-to-one (greedy: the highest-scoring pair first,
ties by order), TP = matched pairs, FP = unmatched predictions, FN = unmatched gold;
P = TP/(TP+FP), R = TP/(TP+FN), F1 = 2TP/(2TP+FP+FN) (0 where undefined), micro over texts.

- exact: after trimming whitespace and punctuation (Unicode category ``P*``: quotes, commas,
  periods, dashes, brackets) from both ends of both spans, the predicted offsets equal the
  gold span's; a discontinuous gold span is compared as its envelope [first start, last
  end]. A discontinuous gold span also matches a prediction that overlaps its envelope and
  whose ``text`` has the same ``\\w+`` tokens as the gold fragments concatenated.
- overlap: a pair scores the number of non-space characters the prediction shares with the
  gold fragments; a pair scoring 0 never matches.

Attribution score (row ``PolNeAR <split> attribution``, overlap only): a predicted
attribution matches a gold one when its cue overlaps the gold cue, its content the gold
content (each checked when the gold has that role) and, when both have a source, the
sources overlap; one-to-one, greedy by the summed overlaps. Every prediction counts (no
deduplication). "Accuracy" is not defined (NaN). Counts are in ``extra``.

Published anchors are Citron (BBC R&D, model en_2021-11-15) on PARC 3.0 test (Wall Street
Journal), scored with Citron's own metrics (exact ones require a cue overlap; overlap ones
are token-overlap ratios): anchors, not like for like.
"""

from __future__ import annotations

import copy
import math
import re
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import Any

from sitroom.evaluation.metrics import tokenize
from sitroom.evaluation.runner import Row, TaskReport, find_dataset

TASK = "attribution"
GROUP = "2_quotes"
DATASET = "PolNeAR"
SPLIT = "test"
DEV_SPLIT = "dev"
SYSTEM = "sitroom"
LANG = "en"
BATCH = 50
ROLES = ("source", "cue", "content")
MATCHINGS = ("exact", "overlap")
ROLE_NAMES = {"Source": "source", "Cue": "cue", "Content": "content"}  # E-line role, trailing digits removed
IGNORED_TYPES = {"Discuss", "Discard"}  # T types never scored, even when an E line points at them

# Citron (BBC R&D) model card, en_2021-11-15, PARC 3.0 test: F1 per (role, matching)
_CITRON_F1 = {("source", "exact"): 0.82, ("source", "overlap"): 0.85, ("cue", "exact"): 0.82,
              ("cue", "overlap"): 0.77, ("content", "exact"): 0.59, ("content", "overlap"): 0.83}
PUBLISHED = {k: f"PARC3 (Citron, BBC; PARC 3.0 not PolNeAR): {k[0]} {k[1]} F1 {v:.2f}" for k, v in _CITRON_F1.items()}

Frag = tuple[int, int]
Extractor = Callable[[list[str], str], Sequence[Sequence[Any]]]
_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")


# -- gold ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldSpan:
    """One gold role span: its fragments, sorted (one unless discontinuous)."""

    fragments: tuple[Frag, ...]

    @property
    def envelope(self) -> Frag:
        return self.fragments[0][0], max(e for _, e in self.fragments)


@dataclass
class GoldAttribution:
    id: str
    source: GoldSpan | None
    cue: GoldSpan | None
    content: GoldSpan | None


@dataclass
class Doc:
    name: str
    annotator: str
    text: str
    attributions: list[GoldAttribution] = field(default_factory=list)
    dropped: int = 0  # E lines with neither cue nor content

    def gold(self, role: str) -> list[GoldSpan]:
        """The distinct gold spans of ``role`` (a shared span once), in order of first use."""
        spans = (getattr(a, role) for a in self.attributions)
        return list(dict.fromkeys(s for s in spans if s is not None))


def parse_ann(ann: str) -> tuple[list[GoldAttribution], int]:
    """Attributions of a brat ``.ann`` text and the number of E lines dropped (no cue, no
    content). Lines that are not T or E lines (notes, wrapped span text) are skipped."""
    spans: dict[str, tuple[str, list[Frag]]] = {}
    events: list[tuple[str, list[list[str]]]] = []
    for line in ann.split("\n"):
        if m := _T_LINE.match(line):
            frags = [tuple(map(int, part.split())) for part in m.group(3).split(";")]
            spans[m.group(1)] = (m.group(2), frags)  # type: ignore[assignment]
        elif m := _E_LINE.match(line):
            events.append((m.group(1), [arg.split(":", 1) for arg in m.group(2).split() if ":" in arg]))
    out: list[GoldAttribution] = []
    dropped = 0
    for eid, args in events:
        frags: dict[str, set[Frag]] = {role: set() for role in ROLES}
        for key, tid in args:
            role = ROLE_NAMES.get(key.rstrip("0123456789"))
            if role and tid in spans and spans[tid][0] not in IGNORED_TYPES:
                frags[role].update(spans[tid][1])
        if not frags["cue"] and not frags["content"]:
            dropped += 1
            continue
        out.append(GoldAttribution(eid, *(GoldSpan(tuple(sorted(frags[r]))) if frags[r] else None for r in ROLES)))
    return out, dropped


def read_text(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as f:  # no newline translation: offsets stay valid
        return f.read()


def load_docs(split_dir: Path, limit: int | None) -> tuple[list[Doc], list[str]]:
    """The annotated texts of one split (first annotator code per text) and notes."""
    by_name: dict[str, list[Path]] = {}
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        by_name.setdefault(ann.stem.rsplit("_", 1)[0], []).append(ann)
    texts = {p.stem: p for p in (split_dir / "text").glob("*.txt")}
    notes: list[str] = []
    multi = {n: a for n, a in by_name.items() if len(a) > 1}
    if multi:
        notes.append(f"{len(multi)} text(s) have several annotators ({sum(map(len, multi.values()))} .ann files); "
                     "the README names no canonical one, so the first annotator code in sorted order is used")
    if orphans := sorted(set(by_name) - set(texts)):
        notes.append(f"{len(orphans)} .ann name(s) without a text left out: {', '.join(orphans[:3])}")
    if unannotated := sorted(set(texts) - set(by_name)):
        notes.append(f"{len(unannotated)} text(s) without annotation left out: {', '.join(unannotated[:3])}")
    docs: list[Doc] = []
    for name in sorted(set(by_name) & set(texts))[:limit]:
        ann = by_name[name][0]  # sorted paths: first annotator code
        attributions, dropped = parse_ann(read_text(ann))
        docs.append(Doc(name, ann.stem.rsplit("_", 1)[1], read_text(texts[name]), attributions, dropped))
    return docs, notes


# -- matching ------------------------------------------------------------------------------


def _is_trimmed(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch).startswith("P")


def trim(text: str, start: int, end: int) -> Frag:
    """[start, end) without whitespace and punctuation (quote marks included) at its ends."""
    start, end = max(0, start), min(len(text), end)
    while start < end and _is_trimmed(text[start]):
        start += 1
    while end > start and _is_trimmed(text[end - 1]):
        end -= 1
    return start, end


class DocScorer:
    """Exact and overlap tests of spans against one text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._nonspace = [0, *accumulate(not ch.isspace() for ch in text)]  # prefix counts

    def overlap(self, span: Any, gold: GoldSpan) -> int:
        """Non-space characters ``span`` shares with the fragments of ``gold``."""
        n = len(self.text)
        total = 0
        for s, e in gold.fragments:
            a, b = max(s, span.start, 0), min(e, span.end, n)
            if a < b:
                total += self._nonspace[b] - self._nonspace[a]
        return total

    def exact(self, span: Any, gold: GoldSpan) -> bool:
        if trim(self.text, span.start, span.end) == trim(self.text, *gold.envelope):
            return True
        if len(gold.fragments) < 2:
            return False
        s, e = gold.envelope
        joined = " ".join(self.text[a:b] for a, b in gold.fragments)
        return span.start < e and span.end > s and tokenize(span.text) == tokenize(joined)


def greedy_match(scores: Iterable[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """One-to-one pairs (pred, gold) from (score, pred, gold): highest score first, then
    lowest indices; pairs scoring 0 or less are never taken."""
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _score, i, j in sorted((x for x in scores if x[0] > 0), key=lambda x: (-x[0], x[1], x[2])):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, matched: int, predicted: int, gold: int) -> None:
        self.tp += matched
        self.fp += predicted - matched
        self.fn += gold - matched

    def scores(self) -> dict[str, float]:
        tp, fp, fn = self.tp, self.fp, self.fn
        return {"precision": tp / (tp + fp) if tp + fp else 0.0, "recall": tp / (tp + fn) if tp + fn else 0.0,
                "f1": 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0}


def predicted_spans(predictions: Sequence[Any], role: str) -> list[Any]:
    """The distinct (by offsets) predicted spans of ``role``, first one kept."""
    out: dict[Frag, Any] = {}
    for a in predictions:
        span = getattr(a, role, None)
        if span is not None:
            out.setdefault((span.start, span.end), span)
    return list(out.values())


def _attribution_score(sc: DocScorer, pred: Any, gold: GoldAttribution) -> int:
    """Summed overlaps of a predicted and a gold attribution, 0 when they do not match."""
    total = 0
    for role in ROLES:
        p, g = getattr(pred, role, None), getattr(gold, role)
        if g is None or (p is None and role == "source"):
            continue  # a role the gold lacks, or a source the prediction lacks: not checked
        ov = sc.overlap(p, g) if p is not None else 0
        if ov == 0:
            return 0
        total += ov
    return total


def polnear_view(predictions: Sequence[Any]) -> list[Any]:
    """The predictions as PolNeAR's guidelines annotate them: reports nested inside quoted
    speech left out, a relative pronoun as the source (see the module's docstring)."""
    out = []
    for p in predictions:
        if getattr(p, "nested", False):
            continue
        if getattr(p, "relative", None) is not None:
            p = copy.copy(p)
            p.source = p.relative
        out.append(p)
    return out


def score_doc(doc: Doc, predictions: Sequence[Any], counts: dict[str, Counts],
              view: Callable[[Sequence[Any]], list[Any]] = polnear_view) -> None:
    """Add one text's counts to ``counts`` (keys ``"<role> <matching>"`` and ``"attribution"``),
    the predictions seen through ``view`` (PolNeAR's conventions unless told otherwise)."""
    predictions = view(predictions)
    sc = DocScorer(doc.text)
    for role in ROLES:
        gold, pred = doc.gold(role), predicted_spans(predictions, role)
        exact = ((1.0, i, j) for i, p in enumerate(pred) for j, g in enumerate(gold) if sc.exact(p, g))
        counts[f"{role} exact"].add(len(greedy_match(exact)), len(pred), len(gold))
        over = ((sc.overlap(p, g), i, j) for i, p in enumerate(pred) for j, g in enumerate(gold))
        counts[f"{role} overlap"].add(len(greedy_match(over)), len(pred), len(gold))
    pairs = ((_attribution_score(sc, p, g), i, j)
             for i, p in enumerate(predictions) for j, g in enumerate(doc.attributions))
    counts["attribution"].add(len(greedy_match(pairs)), len(predictions), len(doc.attributions))


# -- the task ------------------------------------------------------------------------------


def extract_all(extractor: Extractor, texts: list[str]) -> list[list[Any]]:
    out: list[list[Any]] = []
    for i in range(0, len(texts), BATCH):
        chunk = texts[i : i + BATCH]
        result = [list(x) for x in extractor(chunk, LANG)]
        if len(result) != len(chunk):
            raise ValueError(f"extract_batch returned {len(result)} results for {len(chunk)} texts")
        out += result
    return out


def run(data_dir: Path, limit: int | None = None, extractor: Extractor | None = None,
        split: str = SPLIT) -> TaskReport:
    """Score ``extractor`` (``extract_batch``-like; the real one, imported here, when None)."""
    report = TaskReport(TASK)
    folder = find_dataset(data_dir, DATASET, GROUP)
    split_dir = folder / "data" / split if folder else None
    if split_dir is None or not (split_dir / "text").is_dir() or not (split_dir / "attributions").is_dir():
        report.skipped = (f"PolNeAR not found under {data_dir} (expected {GROUP}/{DATASET}/data/{split}/text "
                          "and .../attributions)")
        return report
    docs, notes = load_docs(split_dir, limit)
    report.notes += notes
    if not docs:
        report.skipped = f"no annotated text in {split_dir}"
        return report
    real = extractor is None
    t = time.perf_counter()
    try:  # the real extractor (spaCy) is imported only now; its own lazy imports may fail on first call
        if real:
            from sitroom.claims.attribution import extract_batch as extractor
        predictions = extract_all(extractor, [d.text for d in docs])
    except ImportError as exc:
        if not real:
            raise
        report.skipped = f"sitroom.claims.attribution.extract_batch is not usable yet ({type(exc).__name__}: {exc})"
        return report
    seconds = time.perf_counter() - t
    counts = {f"{r} {m}": Counts() for r in ROLES for m in MATCHINGS} | {"attribution": Counts()}
    as_predicted = {k: Counts() for k in counts}  # the same, without PolNeAR's conventions
    for doc, pred in zip(docs, predictions, strict=True):
        score_doc(doc, pred, counts)
        score_doc(doc, pred, as_predicted, view=list)
    nested = sum(len(p) - len(polnear_view(p)) for p in predictions)
    common = {"split": split, "texts": len(docs), "seconds_extract": round(seconds, 1), "nested_left_out": nested}
    for key, c in counts.items():
        role, _, matching = key.partition(" ")
        s = c.scores()
        extra = {"role": role, "matching": matching or "overlap", "tp": c.tp, "fp": c.fp, "fn": c.fn,
                 "gold": c.tp + c.fn, "predicted": c.tp + c.fp,
                 "f1_without_conventions": round(as_predicted[key].scores()["f1"], 4), **common}
        if role == "attribution":
            extra["gold_dropped"] = sum(d.dropped for d in docs)
        report.rows.append(Row(TASK, f"{DATASET} {split} {key}", SYSTEM, s["precision"], s["recall"], s["f1"],
                               math.nan, len(docs), PUBLISHED.get((role, matching), ""), extra))
    report.notes.append(f"{nested} prediction(s) nested inside quoted speech left out (PolNeAR does not annotate "
                        "reports inside quotes), relative pronouns scored as sources; F1 without these two "
                        "conventions: " + ", ".join(f"{k} {as_predicted[k].scores()['f1']:.3f}" for k in as_predicted))
    report.notes.append("exact = same offsets after trimming whitespace/punctuation at both ends (discontinuous "
                        "gold: envelope, or same \\w+ tokens as its fragments); overlap = >= 1 shared non-space "
                        "character; one-to-one greedy matching; attribution = cue and content overlap (and source "
                        "when both have one)")
    report.notes.append("published: Citron (BBC R&D) model card, PARC 3.0 test (WSJ) with Citron's own metrics: "
                        "anchors, not like for like")
    if split == SPLIT:
        report.notes.append(f"PolNeAR asks that its test split be scored rarely; develop with split={DEV_SPLIT!r}")
    return report
