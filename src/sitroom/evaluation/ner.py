"""Named entity recognition: ``EntityEngine.detect`` on gold NER sets, entity-level exact match.

Datasets (all under ``1_ner/``; a missing one is noted and left out):

- ``CoNLL-03 en test``, ``CoNLL-03 de test``: ``wikineural/data/conll/{en,de}/test.conllu``
  (Reuters news, gold). ``index<TAB>token<TAB>IOB2 tag``; ``-DOCSTART-`` lines split the
  documents, which are what the system gets (sentences joined by a newline).
- ``WikiNEuRal fr test (silver)``, ``WikiNEuRal ru test (silver)``:
  ``wikineural/data/wikineural/{fr,ru}/test.conllu``: automatically annotated Wikipedia
  sentences, no document boundaries, so each sentence is its own text. Silver, not gold.
- ``SlavicNER ru``, ``SlavicNER uk``: every document of ``SlavicNER/ner/<topic>/<lang>/*.tsv``
  with its text ``SlavicNER/raw/<topic>/<lang>/*.txt``. The TSV has no header:
  ``start<TAB>end<TAB>surface<TAB>lemma<TAB>type<TAB>cross-lingual id``, with Python
  ``str`` offsets into the raw text (end exclusive; all of them check out). The system gets
  the raw text as it is. F1 on the documents of the two published test splits
  (``SPLIT_single_out_topic_test.txt``, ``SPLIT_cross-topic_test.txt``) is in ``extra``.
- ``ner-uk v2.0 test``: ``ner-uk/v2.0/iob/test.iob``: ``token TAG`` per line (IOB2), blank
  lines between sentences, no document boundaries: each sentence is its own text.

For token datasets the text is the tokens joined by single spaces (sentences of a
document by ``\\n``), with each token's character offsets kept. A system span is mapped back
to whole tokens: it becomes the span from the first token it overlaps to the last one
(``extra["snapped_to_tokens"]`` counts spans that did not fall on token boundaries);
a span touching no token is dropped.

Label mapping (gold -> scored type; every other label is not scored):

- ``PER`` (CoNLL, WikiNEuRal, SlavicNER), ``PERS`` (ner-uk) -> ``person``
- ``ORG`` (all) -> ``organization``
- ``LOC`` (all), ``GPE`` (if a file uses it) -> ``place``
- ``MISC`` (CoNLL, WikiNEuRal), ``EVT``, ``PRO`` (SlavicNER), ``DATE``, ``JOB``, ``MON``,
  ``ART``, ``PERIOD``, ``PCT``, ``QUANT``, ``DOC``, ``TIME``, ``MISC`` (ner-uk) -> not scored
- system types: ``person``, ``organization``, ``place`` are scored as such; ``group`` and
  ``other`` are not scored.

Gold spans of a dropped label are removed before scoring, so they need not be found; a
system person/organization/place on exactly such a span is a false positive, as any
span without a scored gold entity (``extra["fp_on_unscored_gold"]`` counts them). System
mentions of type ``group`` or ``other`` are removed before scoring. Note
that CoNLL-03's published figures include MISC, so they are anchors, not like for like.

Scoring is conlleval's: a system entity is a true positive when a gold entity has exactly
the same span **and** the same type; precision = TP/(TP+FP), recall = TP/(TP+FN),
F1 = 2TP/(2TP+FP+FN), micro-averaged over the three types. Per-type precision/recall/F1
are in ``extra["per_type"]``. IOB chunks are read the conlleval way (an ``I-`` tag after
``O`` or after another type starts a new entity), so IOB1 reads correctly too. Identical
gold spans are counted once; nested gold spans (4 in SlavicNER) are kept, so one of each
pair can only be missed. "Accuracy" is not defined for this task (NaN).

Not scored: ``wikineural/data/bsnlp/ru/{ec,trump}.conllu`` (BSNLP Russian news). Its token
tags come from BSNLP's document-level annotation and mark only some occurrences of a name
(``Трамп`` is tagged 39 times and ``O`` 46 times in ``trump.conllu``), so every untagged
repeat a system finds would count as a false positive.

``--limit N`` scores the first N units of each dataset (documents for CoNLL and
SlavicNER, sentences for WikiNEuRal and ner-uk; SlavicNER's topics are taken in turn). Each dataset is given its language code.
If the engine has ``detect_many([(text, language), ...])`` it is called once per dataset
(the real engine batches its models), else ``detect(text, language)`` once per unit.
"""

from __future__ import annotations

import bisect
import math
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitroom.evaluation.runner import Row, TaskReport, find_dataset

TASK = "ner"
GROUP = "1_ner"
SYSTEM = "sitroom EntityEngine.detect"
TYPES = ("person", "organization", "place")

GOLD_LABELS = {"PER": "person", "PERS": "person", "ORG": "organization", "LOC": "place", "GPE": "place"}
SYSTEM_TYPES = {"person": "person", "organization": "organization", "place": "place"}  # group, other: dropped

Span = tuple[int, int, str]  # start, end (exclusive), scored type


# -- documents -------------------------------------------------------------------------


@dataclass
class Doc:
    """One unit given to the system: its text, gold entities, and for token datasets the
    character offsets of its tokens."""

    id: str
    text: str
    language: str
    gold: list[Span] = field(default_factory=list)
    tokens: list[tuple[int, int]] | None = None
    unscored: list[tuple[int, int]] = field(default_factory=list)  # spans of gold entities of an unscored label

    @property
    def dropped(self) -> int:
        return len(self.unscored)


def map_gold_label(label: str) -> str | None:
    return GOLD_LABELS.get(label.upper())


def iob_chunks(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Entities of an IOB tag sequence as (first token, last token + 1, label), read the
    conlleval way: an entity ends at ``O``, ``B-``, ``S-`` or a change of label, so an
    ``I-`` after ``O`` or after another label starts one (IOB1, IOB2 and IOBES all read)."""
    chunks: list[tuple[int, int, str]] = []
    start: int | None = None
    label = ""
    for i, tag in enumerate(tags):
        if tag == "O" or not tag:
            prefix, kind = "O", ""
        elif "-" in tag:
            prefix, kind = tag.split("-", 1)
        else:  # a bare label (IO scheme)
            prefix, kind = "I", tag
        if start is not None and (prefix in ("O", "B", "S") or kind != label):
            chunks.append((start, i, label))
            start = None
        if prefix != "O" and start is None:
            start, label = i, kind
        if prefix in ("E", "S") and start is not None:
            chunks.append((start, i + 1, label))
            start = None
    if start is not None:
        chunks.append((start, len(tags), label))
    return chunks


def read_iob(path: Path) -> list[list[list[tuple[str, str]]]]:
    """Documents of sentences of (token, tag) from a CoNLL-like file.

    Lines are ``index<TAB>token<TAB>tag`` (WikiNEuRal/CoNLL-U-like) or ``token tag``
    (ner-uk): the token is the second-to-last column, the tag the last. Blank lines end a
    sentence; a ``-DOCSTART-`` token or a ``#DOCSTART`` line ends a document. A file without
    document markers is one document."""
    docs: list[list[list[tuple[str, str]]]] = []
    doc: list[list[tuple[str, str]]] = []
    sent: list[tuple[str, str]] = []

    def end_sentence() -> None:
        nonlocal sent
        if sent:
            doc.append(sent)
        sent = []

    def end_document() -> None:
        nonlocal doc
        end_sentence()
        if doc:
            docs.append(doc)
        doc = []

    with path.open(encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if not line.strip():
                end_sentence()
                continue
            if line.startswith("#DOCSTART"):
                end_document()
                continue
            cols = line.split("\t") if "\t" in line else line.split()
            if len(cols) < 2:
                continue
            token, tag = cols[-2], cols[-1]
            if token == "-DOCSTART-":
                end_document()
                continue
            sent.append((token, tag))
    end_document()
    return docs


def token_doc(doc_id: str, sentences: list[list[tuple[str, str]]], language: str) -> Doc:
    """A ``Doc`` whose text is the tokens joined by spaces, sentences by newlines."""
    parts: list[str] = []
    tokens: list[tuple[int, int]] = []
    gold: set[Span] = set()
    unscored: list[tuple[int, int]] = []
    pos = 0
    for k, sent in enumerate(sentences):
        base = len(tokens)
        for j, (token, _tag) in enumerate(sent):
            if k or j:
                sep = " " if j else "\n"
                parts.append(sep)
                pos += 1
            parts.append(token)
            tokens.append((pos, pos + len(token)))
            pos += len(token)
        for a, b, label in iob_chunks([tag for _, tag in sent]):
            kind = map_gold_label(label)
            span = (tokens[base + a][0], tokens[base + b - 1][1])
            if kind is None:
                unscored.append(span)
            else:
                gold.add((*span, kind))
    return Doc(doc_id, "".join(parts), language, sorted(gold), tokens, unscored)


def load_token_docs(path: Path, language: str, prefix: str, by_document: bool, limit: int | None) -> list[Doc]:
    """Units of a token file: whole documents, or every sentence on its own."""
    out: list[Doc] = []
    for d, sentences in enumerate(read_iob(path)):
        units = [sentences] if by_document else [[s] for s in sentences]
        for s, unit in enumerate(units):
            if limit is not None and len(out) >= limit:
                return out
            out.append(token_doc(f"{prefix}:{d}" if by_document else f"{prefix}:{d}.{s}", unit, language))
    return out


def read_slavicner_tsv(path: Path) -> list[tuple[int, int, str, str, str, str]]:
    """(start, end, surface, lemma, type, cross-lingual id) rows of one SlavicNER TSV."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) < 6:
            continue
        rows.append((int(cols[0]), int(cols[1]), cols[2], cols[3], cols[4], cols[5]))
    return rows


def slavicner_files(folder: Path, language: str) -> list[tuple[str, Path, Path]]:
    """(``raw/<topic>/<lang>/<name>.txt`` key, raw text path, TSV path), sorted by topic and name."""
    out = []
    for tsv in sorted((folder / "ner").glob(f"*/{language}/*.tsv")):
        topic = tsv.parent.parent.name
        raw = folder / "raw" / topic / language / (tsv.name[: -len(".tsv")] + ".txt")
        if raw.is_file():
            out.append((f"raw/{topic}/{language}/{raw.name}", raw, tsv))
    return out


def interleave_topics(files: list[tuple[str, Path, Path]]) -> list[tuple[str, Path, Path]]:
    """SlavicNER files with the topics taken in turn (first of each topic, second of each, ...),
    so that the first N of them are not all on one topic."""
    by_topic: dict[str, list] = {}
    for item in files:
        by_topic.setdefault(item[0].split("/")[1], []).append(item)
    queues = [by_topic[t] for t in sorted(by_topic)]
    out = []
    for i in range(max((len(q) for q in queues), default=0)):
        out += [q[i] for q in queues if i < len(q)]
    return out


def load_slavicner_docs(folder: Path, language: str, limit: int | None) -> list[Doc]:
    """Documents of one language; with a limit, the first ``limit`` with the topics in turn."""
    files = slavicner_files(folder, language)
    if limit is not None:
        files = interleave_topics(files)[:limit]
    docs = []
    for key, raw, tsv in files:
        text = raw.read_text(encoding="utf-8")
        doc = Doc(key, text, language)
        gold = set()
        for start, end, _surface, _lemma, label, _id in read_slavicner_tsv(tsv):
            kind = map_gold_label(label)
            if kind is None:
                doc.unscored.append((start, end))
            else:
                gold.add((start, end, kind))
        doc.gold = sorted(gold)
        docs.append(doc)
    return docs


def read_split(path: Path) -> set[str]:
    if not path.is_file():
        return set()
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}


# -- scoring ---------------------------------------------------------------------------


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    return {
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "f1": 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0,
    }


@dataclass
class SpanCounts:
    """TP/FP/FN per type, added up over documents (exact span and type match)."""

    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)

    def add(self, gold: Iterable[Span], pred: Iterable[Span]) -> None:
        g, p = set(gold), set(pred)
        for _, _, kind in g & p:
            self.tp[kind] += 1
        for _, _, kind in p - g:
            self.fp[kind] += 1
        for _, _, kind in g - p:
            self.fn[kind] += 1

    def merge(self, other: SpanCounts) -> None:
        self.tp.update(other.tp)
        self.fp.update(other.fp)
        self.fn.update(other.fn)

    def micro(self) -> dict[str, float]:
        tp, fp, fn = sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values())
        return {**prf(tp, fp, fn), "tp": tp, "fp": fp, "fn": fn}

    def per_type(self, types: Sequence[str] = TYPES) -> dict[str, dict[str, float]]:
        out = {}
        for kind in types:
            s = prf(self.tp[kind], self.fp[kind], self.fn[kind])
            out[kind] = {k: round(v, 4) for k, v in s.items()}
            out[kind].update(gold=self.tp[kind] + self.fn[kind], predicted=self.tp[kind] + self.fp[kind])
        return out


def snap_to_tokens(tokens: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The span from the first token overlapping [start, end) to the last one, or None."""
    if not tokens or end <= start:
        return None
    ends = [t[1] for t in tokens]
    first = bisect.bisect_right(ends, start)  # first token ending after start
    if first >= len(tokens) or tokens[first][0] >= end:
        return None
    starts = [t[0] for t in tokens]
    last = bisect.bisect_left(starts, end) - 1  # last token starting before end
    return tokens[first][0], tokens[last][1]


def predicted_spans(doc: Doc, mentions: Iterable[Any], dropped: Counter) -> tuple[set[Span], int]:
    """Scored spans of the system's mentions (and how many had to be snapped to tokens)."""
    out: set[Span] = set()
    snapped = 0
    for m in mentions:
        kind = SYSTEM_TYPES.get(str(getattr(m, "type", "")).lower())
        if kind is None:
            dropped[str(getattr(m, "type", ""))] += 1
            continue
        start, end = int(m.start), int(m.end)
        if doc.tokens is not None:
            span = snap_to_tokens(doc.tokens, start, end)
            if span is None:
                dropped["(no token)"] += 1
                continue
            snapped += span != (start, end)
            start, end = span
        out.add((start, end, kind))
    return out, snapped


# -- the system --------------------------------------------------------------------------

_ENGINE: Any = None


def load_engine() -> tuple[Any, str | None]:
    """The real ``EntityEngine`` (loaded once per process), or None and why not."""
    global _ENGINE
    if _ENGINE is not None:
        return _ENGINE, None
    try:
        from sitroom.entities import EntityEngine
    except ImportError as exc:
        return None, f"sitroom.entities.EntityEngine is not importable yet ({exc})"
    try:
        _ENGINE = EntityEngine.load()
    except Exception as exc:  # a model or the gazetteer missing: say so, do not crash the run
        return None, f"EntityEngine.load() failed: {type(exc).__name__}: {exc}"
    return _ENGINE, None


def engine_or_skip(report: TaskReport, engine: Any) -> Any:
    """``engine`` itself, or the real one; None (and ``report.skipped`` set) if it cannot load."""
    if engine is not None:
        return engine
    if _ENGINE is not None:
        return _ENGINE
    t = time.perf_counter()
    engine, why = load_engine()
    if engine is None:
        report.skipped = why
    else:
        report.notes.append(f"EntityEngine.load() took {time.perf_counter() - t:.1f} s (a model it loads on first "
                            "use is counted in the first dataset that needs it)")
    return engine


def detect_all(engine: Any, texts: list[str], language: str) -> list[list[Any]]:
    """``engine.detect_many([(text, language), ...])`` in one call when the engine has it
    (the real one batches its models per language), else ``engine.detect`` per text."""
    many: Callable | None = getattr(engine, "detect_many", None)
    if callable(many):
        out = [list(x) for x in many([(text, language) for text in texts])]
        if len(out) != len(texts):
            raise ValueError(f"detect_many returned {len(out)} results for {len(texts)} texts")
        return out
    return [list(engine.detect(text, language)) for text in texts]


# -- the task ----------------------------------------------------------------------------

PUBLISHED = {
    "CoNLL-03 en test": "F1 0.946 (ACE+doc. context, Wang et al. 2021; 4 types incl. MISC)",
    "CoNLL-03 de test": "F1 ~0.88 (approx., README; 4 types incl. MISC)",
    "WikiNEuRal fr test (silver)": "(silver set; no figure in README)",
    "WikiNEuRal ru test (silver)": "(silver set; no figure in README)",
    "SlavicNER ru": "micro-F1 0.850 single-topic-out / 0.922 cross-topic (XLM-R-large, 6 langs, 5 types)",
    "SlavicNER uk": "micro-F1 0.850 single-topic-out / 0.922 cross-topic (XLM-R-large, 6 langs, 5 types)",
    "ner-uk v2.0 test": "F1 ~0.90 PER/LOC/ORG (v1.0 community models, approx.)",
}


@dataclass(frozen=True)
class Dataset:
    """One scored set: its folder under ``1_ner/``, the files it needs there (glob patterns
    relative to that folder), its language and how units are made of it."""

    label: str
    folder: str
    files: tuple[str, ...]
    language: str
    kind: str  # "documents" (token file with document markers), "sentences" or "slavicner"

    def present(self, folder: Path | None) -> bool:
        return folder is not None and any(any(folder.glob(pattern)) for pattern in self.files)

    def load(self, folder: Path, limit: int | None) -> list[Doc]:
        if self.kind == "slavicner":
            return load_slavicner_docs(folder, self.language, limit)
        docs: list[Doc] = []
        for rel in self.files:
            if not (folder / rel).is_file():
                continue
            left = None if limit is None else limit - len(docs)
            if left is not None and left <= 0:
                break
            docs += load_token_docs(folder / rel, self.language, rel, self.kind == "documents", left)
        return docs


DATASETS = (
    Dataset("CoNLL-03 en test", "wikineural", ("data/conll/en/test.conllu",), "en", "documents"),
    Dataset("CoNLL-03 de test", "wikineural", ("data/conll/de/test.conllu",), "de", "documents"),
    Dataset("WikiNEuRal fr test (silver)", "wikineural", ("data/wikineural/fr/test.conllu",), "fr", "sentences"),
    Dataset("WikiNEuRal ru test (silver)", "wikineural", ("data/wikineural/ru/test.conllu",), "ru", "sentences"),
    Dataset("SlavicNER ru", "SlavicNER", ("ner/*/ru/*.tsv",), "ru", "slavicner"),
    Dataset("SlavicNER uk", "SlavicNER", ("ner/*/uk/*.tsv",), "uk", "slavicner"),
    Dataset("ner-uk v2.0 test", "ner-uk", ("v2.0/iob/test.iob",), "uk", "sentences"),
)


def score_docs(docs: list[Doc], predictions: list[list[Any]]) -> tuple[SpanCounts, dict[str, SpanCounts], dict]:
    """Counts over all documents, counts per document id, and bookkeeping."""
    total = SpanCounts()
    per_doc: dict[str, SpanCounts] = {}
    dropped: Counter = Counter()
    snapped = on_unscored = 0
    for doc, mentions in zip(docs, predictions, strict=True):
        pred, n_snapped = predicted_spans(doc, mentions, dropped)
        snapped += n_snapped
        unscored = set(doc.unscored)
        on_unscored += sum((s, e) in unscored for s, e, _ in pred - set(doc.gold))
        counts = SpanCounts()
        counts.add(doc.gold, pred)
        per_doc[doc.id] = counts
        total.merge(counts)
    info = {"system_mentions_dropped": dict(dropped), "snapped_to_tokens": snapped,
            "fp_on_unscored_gold": on_unscored}
    return total, per_doc, info


def run(data_dir: Path, limit: int | None = None, engine: Any = None, system: str = SYSTEM) -> TaskReport:
    """Score ``engine`` (anything with ``detect(text, language)``; the real ``EntityEngine``
    when None, loaded only if some dataset is there) on every dataset found."""
    report = TaskReport(TASK)
    found: list[tuple[Dataset, Path]] = []
    missing: list[str] = []
    for ds in DATASETS:
        folder = find_dataset(data_dir, ds.folder, GROUP)
        if ds.present(folder):
            found.append((ds, folder))
        else:
            wanted = " or ".join(ds.files)
            missing.append(f"{ds.label}: not found under {data_dir} ({GROUP}/{ds.folder}/{wanted}): left out")
    if not found:
        report.skipped = (f"NER datasets not found under {data_dir} (expected {GROUP}/wikineural, "
                          f"{GROUP}/SlavicNER and/or {GROUP}/ner-uk)")
        return report
    report.notes += missing
    engine = engine_or_skip(report, engine)
    if engine is None:
        return report

    for ds, folder in found:
        t = time.perf_counter()
        docs = ds.load(folder, limit)
        read_s = time.perf_counter() - t
        t = time.perf_counter()
        predictions = detect_all(engine, [d.text for d in docs], ds.language)
        detect_s = time.perf_counter() - t
        total, per_doc, info = score_docs(docs, predictions)
        s = total.micro()
        extra: dict[str, Any] = {
            "language": ds.language,
            "unit": "document" if ds.kind != "sentences" else "sentence",
            "tp": s["tp"], "fp": s["fp"], "fn": s["fn"],
            "gold_entities": s["tp"] + s["fn"],
            "gold_dropped_unscored_labels": sum(d.dropped for d in docs),
            "per_type": total.per_type(),
            **info,
            "chars": sum(len(d.text) for d in docs),
            "seconds_read": round(read_s, 2),
            "seconds_detect": round(detect_s, 1),
        }
        if ds.kind == "slavicner":
            for split in ("single_out_topic", "cross-topic"):
                keys = read_split(folder / f"SPLIT_{split}_test.txt")
                part = SpanCounts()
                n = 0
                for doc_id, counts in per_doc.items():
                    if doc_id in keys:
                        part.merge(counts)
                        n += 1
                if n:
                    extra[f"{split}_test"] = {"documents": n, **{k: round(v, 4) for k, v in part.micro().items()}}
        report.rows.append(Row(TASK, ds.label, system, s["precision"], s["recall"], s["f1"], math.nan,
                               len(docs), PUBLISHED.get(ds.label, ""), extra))
    report.notes.append("exact span+type match on person/organization/place (MISC/EVT/PRO/... not scored); "
                        "detect seconds: "
                        + ", ".join(f"{r.dataset} {r.extra['seconds_detect']:.1f}" for r in report.rows))
    return report
