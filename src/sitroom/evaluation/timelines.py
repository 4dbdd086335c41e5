"""Timeline date selection (``sitroom.analysis.date_selection``) on CL-TLS, scored with
tilse's Date-F1.

Data (``4_timelines/CL-TLS``): per language folder (``fr``; ``es``/``it`` would be read the
same way if present) ``{topic}/<YYYY-MM-DD>/*.txt``: plain-text articles grouped by
publication date, and ``reference/{topic}.txt``: the reference timeline in tilse format
(a ``YYYY-MM-DD`` line, one sentence per line, a line of 32 dashes). In the French yemen
timeline three dash lines are glued to the end of the block's last sentence and two start
with a stray "- "; the parser reads the first as sentence plus separator and the second as
a separator. tilse's reader, which wants exactly 32 dashes, would let the next date line
overwrite the open one and lose one date each time (116 dates, the count in the dataset's
README, instead of 121); the report counts the glued lines. ``en/reference`` has English
timelines but no English articles.

Protocol (tilse / news-tls ``evaluate.py`` with ``time_span_extension=0``), per reference
timeline:

- the input span is the reference timeline's first..last date: only articles published in
  it are read, and only days inside it are candidates;
- k = the number of dates in the reference timeline;
- the article text is read as it is (site boilerplate included: taking it out with
  sitroom's text cleaner changed no score on the dev topics); the publication date is the
  folder name; time expressions are found and resolved against it with ``sitroom.timex``
  (``find_mentions`` + ``to_expressions``), day precision only;
- Date-F1: P = |selected & reference| / |selected|, R = |selected & reference| / |reference|.

Averages follow news-tls's ``get_average_results`` (how the published Date-F1 figures are
computed): P and R are macro-averaged over the timelines (here: topics) and F1 is the
harmonic mean of those two averages; the mean of the per-timeline F1 is in ``extra``
(``mean_f1``). ``n`` is the number of reference timelines behind a row.

Rows:

- ``CL-TLS fr <topic>``: the standard setting, one French reference timeline per topic;
  ``CL-TLS fr average`` over the four topics and ``CL-TLS fr avg held-out`` over the two
  topics not used for tuning (syria, yemen).
- ``Crisis en-ref fr <topic>`` (when ``Abstractive-Timeline-Summarization`` is
  there): the same French articles scored against the English Crisis timelines of the same
  topic (several per topic, from different outlets), averaged over them: a cross-lingual,
  non-standard diagnostic with more reference timelines; dates are language-neutral.

Systems:

- ``sitroom date-rank``: ``rank_dates`` with ``DEFAULT_PARAMS``, tuned on the egypt and libya
  timelines of both blocks (13 timelines); syria and yemen were held out.
- ``sitroom date-rank auto-k``: ``select_dates(refs, None)``, the product's default
  length, instead of the reference's k (diagnostic).
- ``most published-on dates``: the days with most articles published (date volume only).
- ``most mentioning docs``: the days named by most distinct documents (news-tls's
  ``MentionCountDateRanker`` idea, each document once).

``--limit N`` reads the first N topics (alphabetically), the first N articles of each
topic in (date, file name) order, and at most N English timelines per topic.

The published anchor is English: news-tls DATEWISE (supervised date ranking, thousands of
articles per topic) reaches Date-F1 0.544 on Timeline17 and 0.295 on Crisis; the French
topics have 11 to 228 articles, and a "recall ceiling" note says how many reference
dates are candidates at all.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from sitroom.analysis.date_selection import DEFAULT_PARAMS, DateReference, rank_dates, select_dates
from sitroom.evaluation.runner import Row, TaskReport, find_dataset

TASK = "timelines"
GROUP = "4_timelines"
DATASET = "CL-TLS"
CRISIS = "Abstractive-Timeline-Summarization"  # gold-timelines/crisis-<topic>/*.txt
DEV_TOPICS = ("egypt", "libya")  # the topics DEFAULT_PARAMS were tuned on
SYSTEM = "sitroom date-rank"
AUTO = "sitroom date-rank auto-k"
PUB = "most published-on dates"
DOCS = "most mentioning docs"
SYSTEMS = (SYSTEM, AUTO, PUB, DOCS)
ANCHOR = "DATEWISE Date-F1 T17 0.544, Crisis 0.295 (en)"
PUBLISHED = {SYSTEM: ANCHOR, AUTO: "(diagnostic: k not from the reference)", PUB: "(baseline)", DOCS: "(baseline)"}

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SEPARATOR = re.compile(r"[-\s]*-{10,}")  # a dash line (a stray "- " before it happens)
_GLUED = re.compile(r"-{10,}$")


# -- reading ---------------------------------------------------------------------------

def parse_timeline(text: str) -> dict[date, list[str]]:
    """A tilse-format timeline: ``{date: sentences}``. A block is a ``YYYY-MM-DD`` line, its
    sentences, then a line of dashes; a line that *ends* in a run of dashes is its text plus
    the separator. A repeated date gets the sentences of both blocks. Text before the first
    date line is ignored."""
    out: dict[date, list[str]] = {}
    current: date | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if _SEPARATOR.fullmatch(line):
            current = None
            continue
        if _DATE.fullmatch(line):
            try:
                current = date.fromisoformat(line)
            except ValueError:
                pass
            else:
                out.setdefault(current, [])
                continue
        glued = _GLUED.search(line)
        sentence = line[:glued.start()].strip() if glued else line
        if current is not None and sentence:
            out[current].append(sentence)
        if glued:
            current = None
    return out


def read_timeline(path: Path) -> dict[date, list[str]]:
    return parse_timeline(path.read_text(encoding="utf-8", errors="replace"))


def glued_separators(text: str) -> int:
    """Lines that end in a separator run but carry text before it."""
    return sum(1 for line in text.splitlines()
               if _GLUED.search(line.strip()) and not _SEPARATOR.fullmatch(line.strip()))


def read_articles(topic_dir: Path, start: date | None = None, end: date | None = None) -> list[tuple[str, date, str]]:
    """``(doc_id, published, text)`` of ``topic_dir/<YYYY-MM-DD>/*.txt`` published within
    ``start..end``, in (date, file name) order; folders not named by a date are skipped."""
    out = []
    for folder in sorted(p for p in topic_dir.iterdir() if p.is_dir() and _DATE.fullmatch(p.name)):
        try:
            published = date.fromisoformat(folder.name)
        except ValueError:
            continue
        if (start and published < start) or (end and published > end):
            continue
        for f in sorted(folder.glob("*.txt")):
            out.append((f"{topic_dir.name}/{folder.name}/{f.name}", published,
                        f.read_text(encoding="utf-8", errors="replace")))
    return out


def article_references(doc_id: str, published: date, text: str, lang: str,
                       start: date | None = None, end: date | None = None) -> list[DateReference]:
    """The article's publication date plus every day-precision time expression of its text
    resolved against it, inside ``start..end``."""
    from sitroom.timex import find_mentions, to_expressions

    refs = [DateReference(published, doc_id, published, "published")]
    for e in to_expressions(find_mentions(text, lang), published):
        if e.precision != "day" or not e.value:
            continue
        day = date.fromisoformat(e.value)
        if (start and day < start) or (end and day > end):
            continue
        refs.append(DateReference(day, doc_id, published, "mention"))
    return refs


# -- systems and scores ----------------------------------------------------------------

def top_by_count(counts: Counter, k: int) -> list[date]:
    """The ``k`` most frequent days, ties to the earlier day."""
    return [d for d, _ in sorted(counts.items(), key=lambda x: (-x[1], x[0]))[:k]]


def predict(refs: Sequence[DateReference], k: int) -> dict[str, list[date]]:
    """Every system's selected days for one topic."""
    return {
        SYSTEM: [d for d, _ in rank_dates(refs, k, params=DEFAULT_PARAMS)],
        AUTO: select_dates(refs, None, params=DEFAULT_PARAMS),
        PUB: top_by_count(Counter(r.day for r in refs if r.kind == "published"), k),
        DOCS: top_by_count(Counter(d for d, _ in {(r.day, r.doc_id) for r in refs if r.kind != "published"}), k),
    }


def date_prf(pred: Iterable[date], gold: Iterable[date]) -> tuple[float, float, float]:
    """tilse ``evaluate_dates``: precision, recall, F1 of two sets of days (0 when empty)."""
    p_set, g_set = set(pred), set(gold)
    shared = len(p_set & g_set)
    prec = shared / len(p_set) if p_set else 0.0
    rec = shared / len(g_set) if g_set else 0.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def average(scores: Sequence[tuple[float, float, float]]) -> tuple[float, float, float, float]:
    """news-tls averaging: (mean P, mean R, harmonic mean of those two, mean of the F1s)."""
    if not scores:
        return math.nan, math.nan, math.nan, math.nan
    p = sum(s[0] for s in scores) / len(scores)
    r = sum(s[1] for s in scores) / len(scores)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0), sum(s[2] for s in scores) / len(scores)


def in_span(refs: Iterable[DateReference], start: date, end: date) -> list[DateReference]:
    """The references of documents published in ``start..end`` to days in ``start..end``
    (the tilse/news-tls input restriction)."""
    return [r for r in refs if start <= r.day <= end and (r.published is None or start <= r.published <= end)]


# -- run -------------------------------------------------------------------------------

def _languages(root: Path) -> list[tuple[str, list[str]]]:
    """``(lang, topics)`` of the language folders that have articles and references."""
    out = []
    for lang_dir in sorted(p for p in root.iterdir() if p.is_dir()):
        ref = lang_dir / "reference"
        if not ref.is_dir():
            continue
        topics = sorted(p.stem for p in ref.glob("*.txt") if (lang_dir / p.stem).is_dir())
        if topics:
            out.append((lang_dir.name, topics))
    return out


def score_timeline(refs: Sequence[DateReference], gold: set[date]) -> tuple[dict[str, tuple[float, float, float]], dict]:
    """Every system's Date P/R/F1 on one reference timeline, and facts about the input."""
    start, end = min(gold), max(gold)
    span_refs = in_span(refs, start, end)
    candidates = {r.day for r in span_refs}
    scores = {system: date_prf(pred, gold) for system, pred in predict(span_refs, len(gold)).items()}
    facts = {"k": len(gold), "span": f"{start.isoformat()}..{end.isoformat()}",
             "articles": len({r.doc_id for r in span_refs}), "candidates": len(candidates),
             "reachable": len(candidates & gold)}
    return scores, facts


def _avg_row(dataset: str, system: str, scores: Sequence[tuple[float, float, float]], **extra) -> Row:
    p, r, f, mean_f = average(scores)
    return Row(TASK, dataset, system, p, r, f, math.nan, len(scores), PUBLISHED[system],
               {"mean_f1": round(mean_f, 4), **extra})


def _summary_rows(label: str, per_topic: dict[str, dict[str, list[tuple[float, float, float]]]]) -> list[Row]:
    """``<label> average`` over every topic and ``<label> avg held-out`` over the topics not
    tuned on, per system: each topic's own average first, then news-tls averaging over
    the topics."""
    rows = []
    for name, topics in (("average", list(per_topic)), ("avg held-out", [t for t in per_topic if t not in DEV_TOPICS])):
        if not topics or (name != "average" and len(topics) == len(per_topic)):
            continue
        for system in SYSTEMS:
            scores = [average(per_topic[t][system])[:3] for t in topics]
            rows.append(_avg_row(f"{label} {name}", system, scores, topics=topics))
    return rows


def run(data_dir: Path, limit: int | None = None) -> TaskReport:
    report = TaskReport(TASK)
    root = find_dataset(data_dir, DATASET, GROUP)
    languages = _languages(root) if root else []
    if not languages:
        report.skipped = (f"dataset {DATASET} not found under {data_dir} (expected {GROUP}/{DATASET}/"
                          f"<lang>/<topic>/<YYYY-MM-DD>/*.txt and <lang>/reference/<topic>.txt)")
        return report
    crisis = find_dataset(data_dir, CRISIS, GROUP)
    for lang, topics in languages:
        topics = topics[:limit] if limit is not None else topics
        standard: dict[str, dict[str, list]] = {}
        cross: dict[str, dict[str, list]] = {}
        for topic in topics:
            ref_text = (root / lang / "reference" / f"{topic}.txt").read_text(encoding="utf-8", errors="replace")
            gold = set(parse_timeline(ref_text))
            if not gold:
                report.notes.append(f"{lang}/{topic}: reference timeline has no dates; left out")
                continue
            articles = read_articles(root / lang / topic)
            articles = articles[:limit] if limit is not None else articles
            refs = [r for doc_id, pub, text in articles for r in article_references(doc_id, pub, text, lang)]
            split = "dev" if topic in DEV_TOPICS else "held-out"
            scores, facts = score_timeline(refs, gold)
            standard[topic] = {s: [v] for s, v in scores.items()}
            for system, s in scores.items():
                report.rows.append(Row(TASK, f"{DATASET} {lang} {topic}", system, s[0], s[1], s[2], math.nan, 1,
                                       PUBLISHED[system], {"split": split, **facts}))
            glued = glued_separators(ref_text)
            report.notes.append(
                f"{lang}/{topic} ({split}): {facts['articles']} articles in {facts['span']}, k={facts['k']} reference dates"
                + (f" ({glued} separator(s) glued to a sentence, read as separators)" if glued else "")
                + f", {facts['candidates']} candidate days, {facts['reachable']} reference dates among them "
                f"(recall ceiling {facts['reachable'] / facts['k']:.3f})")
            files = sorted((crisis / "gold-timelines" / f"crisis-{topic}").glob("*.txt")) if crisis else []
            files = files[:limit] if limit is not None else files
            timelines = [(f.stem, set(read_timeline(f))) for f in files]
            timelines = [(name, g) for name, g in timelines if g]
            if not timelines:
                continue
            cross[topic] = {s: [] for s in SYSTEMS}
            for _, g in timelines:
                scores, _ = score_timeline(refs, g)
                for system, s in scores.items():
                    cross[topic][system].append(s)
            for system in SYSTEMS:
                report.rows.append(_avg_row(f"Crisis en-ref {lang} {topic}", system, cross[topic][system],
                                            split=split, timelines=[name for name, _ in timelines]))
        report.rows.extend(_summary_rows(f"{DATASET} {lang}", standard))
        report.rows.extend(_summary_rows(f"Crisis en-ref {lang}", cross))
    report.notes.append("average rows: P and R macro-averaged (over topics; a Crisis en-ref topic row first averages its "
                        "timelines the same way), F1 = harmonic mean of the two averages (news-tls "
                        "get_average_results); extra.mean_f1 = mean of the F1s; n = timelines or topics averaged")
    report.notes.append(f"DEFAULT_PARAMS tuned on {', '.join(DEV_TOPICS)} (dev, both blocks); 'held-out' rows = the "
                        "other topics; k = reference timeline length except for auto-k")
    report.notes.append("anchor is English news-tls DATEWISE (supervised, thousands of articles per topic); "
                        "the French topics have 11-228 articles, and the recall ceiling bounds any selector")
    return report
