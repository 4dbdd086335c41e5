"""Article body extraction on scrapinghub/article-extraction-benchmark (181 news pages).

Systems, run on the same pages in the same process:

- ``trafilatura.extract``: the benchmark's own trafilatura entry
  (``extractors/run_trafilatura.py``): page read as UTF-8, ``extract(html,
  include_comments=False)``, every other option at its default (plain text, tables in, no
  metadata, no URL).
- ``sitroom``: what ``sitroom ingest`` keeps of an HTML page: bytes through
  ``sitroom.decoding.decode``, ``sitroom.htmlclean.extract_html`` (trafilatura with
  sitroom's options and its recall fallback), then ``TextCleaner.clean`` with the
  extracted title, which also drops the title when the body repeats it.
- ``sitroom extract_html, no cleaner`` (diagnostic): the same before ``TextCleaner``.
- ``sitroom, title removal only`` (diagnostic): ``TextCleaner`` with no boilerplate
  patterns, so only a leading repeat of the title goes. Against the previous row it
  measures the title removal, against ``sitroom`` the boilerplate line patterns.

The gold bodies never contain the headline. ``trafilatura.extract`` run as upstream runs it
keeps the headline when the article element repeats it (about a quarter of these pages);
sitroom's cleaner removes such a leading repeat, and the "title removal only" row gives the
same treatment to the same trafilatura text, so the two can be compared like for like.
"""

from __future__ import annotations

import gzip
import json
import time
from collections import Counter
from pathlib import Path

from sitroom.evaluation.metrics import BodyResult, bootstrap_std, precision_score, recall_score, tokenize
from sitroom.evaluation.runner import Row, TaskReport, find_dataset

TASK = "extraction"
DATASET = "article-extraction-benchmark"
SYSTEMS = ("trafilatura.extract", "sitroom", "sitroom extract_html, no cleaner", "sitroom, title removal only")
TIMED = SYSTEMS[:3]  # the title-only clean is a by-product, not timed
PUBLISHED = {
    "trafilatura.extract": "F1 0.958 (trafilatura 2.0.0)",
    "sitroom": "best F1 0.970 (rs_trafilatura, Zyte)",
    "sitroom extract_html, no cleaner": "(diagnostic row)",
    "sitroom, title removal only": "(diagnostic row)",
}


def load_pages(folder: Path, limit: int | None) -> list[tuple[str, str, bytes]]:
    """(page id, gold body, decompressed HTML bytes) in ground-truth order."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id, item in truth.items():
        if limit is not None and len(pages) >= limit:
            break
        path = folder / "html" / f"{page_id}.html.gz"
        if not path.is_file():
            continue
        with gzip.open(path, "rb") as f:
            pages.append((page_id, item.get("articleBody") or "", f.read()))
    return pages


def run(data_dir: Path, limit: int | None = None) -> TaskReport:
    report = TaskReport(TASK)
    folder = find_dataset(data_dir, DATASET)
    if folder is None or not (folder / "ground-truth.json").is_file():
        report.skipped = f"dataset {DATASET} not found under {data_dir} (expected {DATASET}/ground-truth.json and html/)"
        return report

    import trafilatura

    from sitroom.boilerplate import BoilerplateRules
    from sitroom.decoding import decode
    from sitroom.errors import RejectedInput
    from sitroom.htmlclean import extract_html
    from sitroom.textclean import TextCleaner

    pages = load_pages(folder, limit)
    cleaner = TextCleaner()
    title_only = TextCleaner(rules=BoilerplateRules([], {}))
    results = {name: BodyResult() for name in SYSTEMS}
    seconds = dict.fromkeys(SYSTEMS, 0.0)
    empty = dict.fromkeys(SYSTEMS, 0)
    per_page: dict[str, dict[str, list[float]]] = {}
    rejected: dict[str, str] = {}
    removed: Counter = Counter()  # lines the sitroom cleaner took out, by kind/pattern
    removed_in_gold: Counter = Counter()  # ... of which the gold body has the same words
    not_utf8 = 0

    for page_id, gold, raw in pages:
        # the benchmark's way of reading the page, for its own trafilatura entry
        try:
            upstream_text = raw.decode("utf-8")
        except UnicodeDecodeError:
            upstream_text = raw.decode("utf-8", errors="replace")
            not_utf8 += 1
        try:
            text, _ = decode(raw, page_id)
        except RejectedInput:
            text = raw.decode("utf-8", errors="replace")

        t = time.perf_counter()
        baseline = trafilatura.extract(upstream_text, include_comments=False) or ""
        seconds["trafilatura.extract"] += time.perf_counter() - t

        t = time.perf_counter()
        try:
            ext = extract_html(text)
            before = ext.text
            extracted = time.perf_counter()
            clean = cleaner.clean(ext.text, title=ext.title)
            ours = clean.text
            cleaned = time.perf_counter()
            _count_removals(clean.removals, gold, removed, removed_in_gold)
            untitled = title_only.clean(ext.text, title=ext.title).text
        except RejectedInput as exc:
            extracted = cleaned = time.perf_counter()
            before = ours = untitled = ""
            rejected[page_id] = exc.reason
        seconds["sitroom extract_html, no cleaner"] += extracted - t
        seconds["sitroom"] += cleaned - t

        per_page[page_id] = {}
        for name, pred in zip(SYSTEMS, (baseline, ours, before, untitled)):
            x = results[name].add(gold, pred)
            per_page[page_id][name] = [round(precision_score(*x), 4), round(recall_score(*x), 4)]
            if not pred.strip():
                empty[name] += 1

    for name in SYSTEMS:
        s = results[name].scores()
        report.rows.append(
            Row(
                TASK, DATASET, name, s["precision"], s["recall"], s["f1"], s["accuracy"], len(pages),
                PUBLISHED[name],
                extra={
                    "f1_std": round(bootstrap_std(results[name].tp_fp_fns), 4),
                    "empty_predictions": empty[name],
                    "seconds": round(seconds[name], 1) if name in TIMED else None,
                },
            )
        )
    wins, losses = _paired(per_page, "sitroom", "trafilatura.extract")
    report.notes.append(
        "F1 bootstrap std (1000 page resamples): "
        + ", ".join(f"{r.system} ±{r.extra['f1_std']:.3f}" for r in report.rows)
    )
    report.notes.append(f"per page, sitroom vs trafilatura.extract: better on {wins}, worse on {losses}, "
                        f"equal on {len(pages) - wins - losses} pages (page F1)")
    report.notes.append("empty outputs: " + ", ".join(f"{k} {v}" for k, v in empty.items())
                        + (f"; sitroom rejected {len(rejected)} page(s): {sorted(set(rejected.values()))}" if rejected else ""))
    report.notes.append(
        "lines the sitroom cleaner removed (in gold = the gold body has the same words): "
        + ", ".join(f"{k} {n} ({removed_in_gold[k]} in gold)" for k, n in removed.most_common())
    )
    report.rows[1].extra["removed"] = dict(removed)
    report.rows[1].extra["removed_in_gold"] = dict(removed_in_gold)
    if not_utf8:
        report.notes.append(f"{not_utf8} page(s) are not valid UTF-8 (read with replacement for trafilatura.extract)")
    report.notes.append("seconds: " + ", ".join(f"{k} {seconds[k]:.1f}" for k in TIMED)
                        + " (the sitroom rows share one extract_html call)")
    report.rows[0].extra["per_page"] = per_page
    return report


def _count_removals(removals, gold: str, removed: Counter, in_gold: Counter) -> None:
    padded = " " + " ".join(tokenize(gold)) + " "
    for r in removals:
        key = f"{r.kind}/{r.pattern}"
        removed[key] += 1
        words = " ".join(tokenize(r.text))
        in_gold[key] += bool(words) and f" {words} " in padded


def _page_f1(pr: list[float]) -> float:
    p, r = pr
    return 2 * p * r / (p + r) if p + r else 0.0


def _paired(per_page: dict[str, dict[str, list[float]]], a: str, b: str, eps: float = 0.005) -> tuple[int, int]:
    wins = losses = 0
    for scores in per_page.values():
        d = _page_f1(scores[a]) - _page_f1(scores[b])
        wins += d > eps
        losses += d < -eps
    return wins, losses
