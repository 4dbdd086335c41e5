"""Cross-document, cross-lingual entity linking on SlavicNER (Russian and Ukrainian news).

Data: every Russian and Ukrainian document of ``1_ner/SlavicNER`` (``raw/<topic>/<lang>/*.txt``
with ``ner/<topic>/<lang>/*.tsv``: ``start, end, surface, lemma, type, cross-lingual id``;
see ``sitroom.evaluation.ner``). Every gold mention is kept, whatever its type, with its
type given to the system as ``PER`` -> ``person``, ``ORG`` -> ``organization``, ``LOC`` ->
``place`` and ``EVT``/``PRO`` -> ``other``. Gold ids are compared case-folded (the corpus
spells 3 ids two ways, e.g. ``GPE-Amur-region`` / ``GPE-Amur-Region``).

System: ``engine.link_corpus(docs)`` is called once with all documents,
``(doc id, text, language, [(start, end, type), ...])`` with the gold mentions, and must
return one entity id per mention; equal ids mean the same entity, across documents and
languages. A ``None`` id is a singleton. A baseline is scored in the same run:
``baseline: same surface string`` gives mentions with the same case-folded surface text the
same id (no lemmatisation, no translation), an anchor for what string identity gets.

Scores (every mention is a member of one gold cluster, its gold id, and one system
cluster, its system id; counts come from the gold x system contingency table, so the ~10^9
mention pairs are never enumerated):

- Pairwise, cross-document (row ``SlavicNER ru+uk, cross-doc``): over all unordered pairs of
  mentions that lie in **different documents**. A pair is gold-linked if both mentions
  have the same gold id, system-linked if the system gave them the same id; precision =
  pairs linked by both / system-linked pairs, recall = pairs linked by both / gold-linked
  pairs, F1 their harmonic mean. A cell of n mentions, n_d of them in document d, holds
  (n^2 - sum_d n_d^2) / 2 such pairs.
- Pairwise, cross-lingual (row ``SlavicNER ru+uk, cross-lingual``): the same over pairs whose two
  documents are in **different languages** (ru-uk): (n^2 - sum_lang n_lang^2) / 2 per cell.
- ``extra["all_pairs"]``: the same over all pairs, same-document pairs included.
- ``extra["bcubed"]``: B-cubed over all mentions: per mention, precision = |its system
  cluster and its gold cluster in common| / |its system cluster|, recall = the same /
  |its gold cluster|, each averaged over mentions; F1 their harmonic mean.
- ``extra["per_type"]``: pairwise cross-document F1 restricted to mentions of one gold type.

"Accuracy" is not defined here (NaN); ``n`` is the number of mentions. ``--limit N`` keeps
the first N documents of each language, taking the topics in turn (so a small run still
has Russian and Ukrainian documents on the same topics).
"""

from __future__ import annotations

import math
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitroom.evaluation.ner import engine_or_skip, interleave_topics, read_slavicner_tsv, slavicner_files
from sitroom.evaluation.runner import Row, TaskReport, find_dataset

TASK = "linking"
GROUP = "1_ner"
DATASET = "SlavicNER"
LANGUAGES = ("ru", "uk")
SYSTEM = "sitroom EntityEngine.link_corpus"
BASELINE = "baseline: same surface string"
TYPE_TO_SYSTEM = {"PER": "person", "ORG": "organization", "LOC": "place", "GPE": "place"}  # else "other"
PUBLISHED = ("LEA-style cross-lingual linking F1 in the paper (mT5-large); no figure in README, "
             "not the same metric")


@dataclass
class Mention:
    doc: str
    language: str
    start: int
    end: int
    surface: str
    type: str  # gold label (PER, ORG, LOC, EVT, PRO)
    gold: str  # case-folded cross-lingual id


LinkDoc = tuple[str, str, str, list[tuple[int, int, str]]]  # doc id, text, language, (start, end, type)


def load_corpus(folder: Path, limit: int | None) -> tuple[list[LinkDoc], list[Mention]]:
    """The documents as given to ``link_corpus`` and their gold mentions, in the same order."""
    docs = []
    mentions: list[Mention] = []
    for language in LANGUAGES:
        files = slavicner_files(folder, language)
        if limit is not None:
            files = interleave_topics(files)[:limit]
        for key, raw, tsv in files:
            text = raw.read_text(encoding="utf-8")
            spans = []
            for start, end, surface, _lemma, label, entity in read_slavicner_tsv(tsv):
                spans.append((start, end, TYPE_TO_SYSTEM.get(label.upper(), "other")))
                mentions.append(Mention(key, language, start, end, surface, label.upper(), entity.casefold()))
            docs.append((key, text, language, spans))
    return docs, mentions


# -- scores -----------------------------------------------------------------------------


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def _split_pairs(counts: Counter) -> int:
    """Pairs among the members of a group that fall in different parts (documents or
    languages), from the members per part."""
    n = sum(counts.values())
    return (n * n - sum(c * c for c in counts.values())) // 2


def _prf(both: float, sys: float, gold: float) -> dict[str, float]:
    p = both / sys if sys else 0.0
    r = both / gold if gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "linked_both": both, "system_linked": sys, "gold_linked": gold}


def cluster_scores(gold: Sequence[str], system: Sequence[str], docs: Sequence[str],
                   languages: Sequence[str]) -> dict[str, dict[str, float]]:
    """Pairwise (all, cross-document, cross-lingual) and B-cubed scores of a clustering.

    ``gold[i]``, ``system[i]``, ``docs[i]``, ``languages[i]`` describe mention i."""
    if not (len(gold) == len(system) == len(docs) == len(languages)):
        raise ValueError("gold, system, docs and languages must have one entry per mention")
    cell_docs: dict[tuple[str, str], Counter] = defaultdict(Counter)
    cell_langs: dict[tuple[str, str], Counter] = defaultdict(Counter)
    gold_docs: dict[str, Counter] = defaultdict(Counter)
    gold_langs: dict[str, Counter] = defaultdict(Counter)
    sys_docs: dict[str, Counter] = defaultdict(Counter)
    sys_langs: dict[str, Counter] = defaultdict(Counter)
    for g, s, d, lang in zip(gold, system, docs, languages):
        cell_docs[g, s][d] += 1
        cell_langs[g, s][lang] += 1
        gold_docs[g][d] += 1
        gold_langs[g][lang] += 1
        sys_docs[s][d] += 1
        sys_langs[s][lang] += 1

    def totals(by_doc: dict, by_lang: dict) -> tuple[int, int, int]:
        return (sum(_pairs(sum(c.values())) for c in by_doc.values()),
                sum(_split_pairs(c) for c in by_doc.values()),
                sum(_split_pairs(c) for c in by_lang.values()))

    both = totals(cell_docs, cell_langs)
    sys = totals(sys_docs, sys_langs)
    gold_t = totals(gold_docs, gold_langs)
    names = ("all_pairs", "cross_document", "cross_lingual")
    out = {name: _prf(both[k], sys[k], gold_t[k]) for k, name in enumerate(names)}

    n = len(gold)
    gold_size = {g: sum(c.values()) for g, c in gold_docs.items()}
    sys_size = {s: sum(c.values()) for s, c in sys_docs.items()}
    p = r = 0.0
    for (g, s), c in cell_docs.items():
        k = sum(c.values())
        p += k * k / sys_size[s]
        r += k * k / gold_size[g]
    p, r = (p / n, r / n) if n else (0.0, 0.0)
    out["bcubed"] = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}
    return out


def system_ids(raw: Sequence[Sequence[Any]], docs: Sequence[LinkDoc]) -> list[str]:
    """One id string per mention, in corpus order; ``None`` becomes a singleton."""
    if len(raw) != len(docs):
        raise ValueError(f"link_corpus returned {len(raw)} lists for {len(docs)} documents")
    out = []
    for (doc_id, _text, _lang, spans), ids in zip(docs, raw):
        ids = list(ids)
        if len(ids) != len(spans):
            raise ValueError(f"link_corpus returned {len(ids)} ids for {len(spans)} mentions in {doc_id}")
        for k, entity in enumerate(ids):
            out.append(f"\x00singleton:{doc_id}:{k}" if entity is None else f"id:{entity}")
    return out


def surface_baseline(docs: Sequence[LinkDoc]) -> list[list[str]]:
    return [[text[s:e].casefold() for s, e, _ in spans] for _doc, text, _lang, spans in docs]


def _rounded(d: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in d.items()}


# -- the task -----------------------------------------------------------------------------


def run(data_dir: Path, limit: int | None = None, engine: Any = None, system: str = SYSTEM) -> TaskReport:
    """Score ``engine`` (anything with ``link_corpus(docs)``; the real ``EntityEngine`` when
    None) and the surface-string baseline on SlavicNER ru+uk."""
    report = TaskReport(TASK)
    folder = find_dataset(data_dir, DATASET, GROUP)
    if folder is None or not any(slavicner_files(folder, lang) for lang in LANGUAGES):
        report.skipped = (f"dataset {DATASET} not found under {data_dir} "
                          f"(expected {GROUP}/{DATASET}/ner/<topic>/{{ru,uk}}/*.tsv and raw/<topic>/{{ru,uk}}/*.txt)")
        return report
    engine = engine_or_skip(report, engine)
    if engine is None:
        return report

    docs, mentions = load_corpus(folder, limit)
    gold = [m.gold for m in mentions]
    doc_of = [m.doc for m in mentions]
    lang_of = [m.language for m in mentions]
    per_language = Counter(d[2] for d in docs)
    label = "SlavicNER " + "+".join(lang for lang in LANGUAGES if per_language[lang])

    t = time.perf_counter()
    predicted = system_ids(engine.link_corpus(docs), docs)
    seconds = time.perf_counter() - t
    results = {system: (predicted, seconds), BASELINE: (system_ids(surface_baseline(docs), docs), None)}

    for name, (ids, secs) in results.items():
        scores = cluster_scores(gold, ids, doc_of, lang_of)
        per_type = {}
        for kind in sorted({m.type for m in mentions}):
            keep = [i for i, m in enumerate(mentions) if m.type == kind]
            s = cluster_scores([gold[i] for i in keep], [ids[i] for i in keep], [doc_of[i] for i in keep],
                               [lang_of[i] for i in keep])["cross_document"]
            per_type[kind] = {"mentions": len(keep), **_rounded({k: s[k] for k in ("precision", "recall", "f1")})}
        extra = {
            "documents": dict(per_language),
            "gold_entities": len(set(gold)),
            "system_entities": len(set(ids)),
            "all_pairs": _rounded(scores["all_pairs"]),
            "bcubed": _rounded(scores["bcubed"]),
            "per_type": per_type,
            "seconds": round(secs, 1) if secs is not None else None,
        }
        for key, suffix in (("cross_document", "cross-doc"), ("cross_lingual", "cross-lingual")):
            s = scores[key]
            row_extra = {**extra, "pairs": _rounded({k: s[k] for k in ("linked_both", "system_linked", "gold_linked")})}
            if key == "cross_lingual":
                row_extra = {k: row_extra[k] for k in ("documents", "pairs")}
            report.rows.append(Row(TASK, f"{label}, {suffix}", name, s["precision"], s["recall"], s["f1"], math.nan,
                                   len(mentions), PUBLISHED if name == system else "", row_extra))
    report.notes.append(f"{len(mentions)} gold mentions in {len(docs)} documents "
                        f"({', '.join(f'{k} {v}' for k, v in per_language.items())}), {len(set(gold))} gold entities; "
                        f"link_corpus took {seconds:.1f} s")
    return report
