"""Publication dates on the htmldate evaluation sets (adbar/htmldate ``tests/``).

Two gold sets, scored separately and together (the published figures are on both, 1,000
pages): ``eval_default.json`` with ``eval_html.tar.gz`` and ``eval_mediacloud_2020.json``
with ``test_set_html.tar.gz``. The archives are unpacked into a temporary folder for the
run and removed afterwards; pages named in the JSON but missing from the archives (upstream
keeps some in ``tests/cache/``) are left out and counted.

Every system gets the same text: the page bytes through ``sitroom.decoding.decode``
(UTF-8 with replacement if that refuses them).

- ``htmldate extensive``: ``find_date(html, extensive_search=True, original_date=True)``,
  upstream's ``run_htmldate_extensive``: the configuration of the published "extensive" row.
- ``htmldate fast``: ``find_date(html, extensive_search=False, original_date=True)``,
  upstream's ``run_htmldate_fast`` (published "fast" row).
- ``htmldate default``: ``find_date(html)``: extensive search on, ``original_date`` off;
  not a published configuration.
- ``sitroom``: ``Ingestor.process`` on the page as an HTML file, ``Document.published``;
  a rejected page counts as no date.
- ``sitroom text only``: diagnostic: the date the same pipeline infers from the cleaned
  text when it is not given the metadata date (what it would say for a page whose
  metadata has none), so the text inference gets scored although metadata almost always
  wins on these pages.
"""

from __future__ import annotations

import json
import tarfile
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from sitroom.evaluation.metrics import date_outcome, date_scores
from sitroom.evaluation.runner import Row, TaskReport, find_dataset

TASK = "dates"
DATASET = "htmldate"
# (label, gold JSON, archive)
SETS = (
    ("htmldate eval_default", "eval_default.json", "eval_html.tar.gz"),
    ("htmldate mediacloud_2020", "eval_mediacloud_2020.json", "test_set_html.tar.gz"),
)
ALL = "htmldate all"
SYSTEMS = ("htmldate extensive", "htmldate fast", "htmldate default", "sitroom", "sitroom text only")
PUBLISHED = {  # docs/evaluation.rst of htmldate, 1,000 pages (htmldate 1.10)
    "htmldate extensive": "F1 0.949 P 0.908 R 0.993 Acc 0.903",
    "htmldate fast": "F1 0.925",
    "htmldate default": "(not a published configuration)",
    "sitroom": "best F1 0.949 (htmldate extensive)",
    "sitroom text only": "(diagnostic row)",
}


def _unpack(archive: Path, into: Path) -> dict[str, Path]:
    """Extract ``archive`` under ``into``; map each file's base name to its path."""
    with tarfile.open(archive, "r:*") as tar:
        try:
            tar.extractall(into, filter="data")
        except TypeError:  # Python without extraction filters
            tar.extractall(into)  # noqa: S202 - public evaluation archive, temp folder
    return {p.name: p for p in into.rglob("*") if p.is_file()}


def _read(path: Path) -> str:
    from sitroom.decoding import decode
    from sitroom.errors import RejectedInput

    raw = path.read_bytes()
    try:
        return decode(raw, str(path))[0]
    except RejectedInput:
        return raw.decode("utf-8", errors="replace")


def _recording_ingestor(store):
    """An ``Ingestor`` that also keeps what its date stage says without the metadata date."""
    from sitroom.pipeline import Ingestor

    class RecordingIngestor(Ingestor):
        text_only = None

        def _pubdate(self, item, meta_date, meta_field, *rest):
            self.text_only = super()._pubdate(item, None, None, *rest)
            return super()._pubdate(item, meta_date, meta_field, *rest)

    return RecordingIngestor(store)


class _Systems:
    """The date finders, loaded once."""

    def __init__(self) -> None:
        from htmldate import find_date

        from sitroom.store import open_store

        self.find_date = find_date
        self.store = open_store(":memory:")
        self.ingestor = _recording_ingestor(self.store)
        self.seconds = dict.fromkeys(SYSTEMS, 0.0)

    def close(self) -> None:
        self.store.close()

    def run(self, origin: str, html: str) -> tuple[dict[str, str | None], str, str]:
        """Date per system, and how sitroom found its date with and without the metadata
        ("metadata", "text", "none" or "rejected:<reason>")."""
        from sitroom.errors import RejectedInput
        from sitroom.model import RawItem

        calls = {
            "htmldate extensive": lambda: self.find_date(html, extensive_search=True, original_date=True),
            "htmldate fast": lambda: self.find_date(html, extensive_search=False, original_date=True),
            "htmldate default": lambda: self.find_date(html),
        }
        out: dict[str, str | None] = {}
        for name, call in calls.items():
            t = time.perf_counter()
            out[name] = call()
            self.seconds[name] += time.perf_counter() - t
        t = time.perf_counter()
        self.ingestor.text_only = None
        try:
            doc = self.ingestor.process(RawItem(origin=origin, content=html, fmt="html", raw_sha="x", container="file"))
            out["sitroom"], how = doc.published, doc.published_how
        except RejectedInput as exc:
            out["sitroom"], how = None, f"rejected:{exc.reason}"
        self.seconds["sitroom"] += time.perf_counter() - t
        inferred = self.ingestor.text_only
        if inferred is not None:
            out["sitroom text only"] = inferred.value.isoformat() if inferred.value else None
            text_how = inferred.how
        else:  # rejected before the date stage
            out["sitroom text only"], text_how = None, how
        return out, how, text_how


def run(data_dir: Path, limit: int | None = None) -> TaskReport:
    report = TaskReport(TASK)
    folder = find_dataset(data_dir, DATASET)
    present = [s for s in SETS if folder and (folder / s[1]).is_file() and (folder / s[2]).is_file()]
    if not present:
        report.skipped = (f"dataset {DATASET} not found under {data_dir} "
                          f"(expected {DATASET}/eval_default.json + eval_html.tar.gz and/or "
                          "eval_mediacloud_2020.json + test_set_html.tar.gz)")
        return report

    systems = _Systems()
    outcomes: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    how_counts: dict[str, Counter] = defaultdict(Counter)  # dataset -> how -> pages
    how_right: dict[str, Counter] = defaultdict(Counter)  # dataset -> how -> correct dates
    text_how_counts: dict[str, Counter] = defaultdict(Counter)  # the same, without the metadata date
    text_how_right: dict[str, Counter] = defaultdict(Counter)
    per_page: dict[str, dict] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="sitroom-eval-") as tmp:
            for label, gold_name, archive in present:
                gold = json.loads((folder / gold_name).read_text(encoding="utf-8"))
                files = _unpack(folder / archive, Path(tmp) / archive.split(".")[0])
                missing = undated = 0
                done = 0
                for url, item in gold.items():
                    if limit is not None and done >= limit:
                        break
                    path = files.get(item["file"])
                    if path is None:
                        missing += 1
                        continue
                    done += 1
                    preds, how, text_how = systems.run(item["file"], _read(path))
                    # scored against the raw JSON value, as upstream: a page without a gold
                    # date (NaN in the MediaCloud set) counts as a miss or a wrong date
                    raw_gold = item.get("date")
                    gold_date = raw_gold if isinstance(raw_gold, str) else None
                    undated += gold_date is None
                    for key in (label, ALL):
                        for name, pred in preds.items():
                            outcomes[key][name].append(date_outcome(pred, raw_gold))
                        how_counts[key][how] += 1
                        how_right[key][how.split(":")[0]] += preds["sitroom"] == raw_gold
                        text_how_counts[key][text_how] += 1
                        text_how_right[key][text_how.split(":")[0]] += preds["sitroom text only"] == raw_gold
                    per_page[url] = {"set": label, "file": item["file"], "gold": gold_date, **preds,
                                     "sitroom_how": how, "sitroom_text_only_how": text_how}
                if missing:
                    report.notes.append(f"{label}: {missing} page(s) listed in {gold_name} are not in {archive}: left out")
                if undated:
                    report.notes.append(f"{label}: {undated} page(s) have no gold date (NaN); scored as upstream "
                                        "does: no date is a false negative, any date a false positive")
    finally:
        systems.close()

    labels = [s[0] for s in present] + ([ALL] if len(present) > 1 else [])
    for label in labels:
        for name in SYSTEMS:
            s = date_scores(outcomes[label][name])
            anchor = PUBLISHED[name] if label == labels[-1] else ""  # published figures are on all pages
            extra = {k: s[k] for k in ("tp", "fp", "fn", "tn")}
            if name == "sitroom":
                extra["how"] = dict(how_counts[label])
                extra["correct_by_how"] = dict(how_right[label])
            if name == "sitroom text only":
                extra["how"] = dict(text_how_counts[label])
            report.rows.append(
                Row(TASK, label, name, s["precision"], s["recall"], s["f1"], s["accuracy"],
                    len(outcomes[label][name]), anchor, extra)
            )
    for label in labels:
        counts, right = how_counts[label], how_right[label]
        meta, text = counts.get("metadata", 0), counts.get("text", 0)
        reasons = {k.split(":", 1)[1]: v for k, v in counts.items() if k.startswith("rejected:")}
        why = f" ({', '.join(f'{k} {v}' for k, v in reasons.items())})" if reasons else ""
        report.notes.append(
            f"sitroom on {label}: date from metadata {meta} ({right.get('metadata', 0)} right), "
            f"from text {text} ({right.get('text', 0)} right), none {counts.get('none', 0)}, "
            f"rejected {sum(reasons.values())}{why}"
        )
    counts, right = text_how_counts[labels[-1]], text_how_right[labels[-1]]
    report.notes.append(
        f"sitroom text only on {labels[-1]}: a date inferred from the text on {counts.get('text', 0)} pages "
        f"({right.get('text', 0)} the gold day), none on {counts.get('none', 0)}"
    )
    report.notes.append("seconds per system: " + ", ".join(
        f"{k} {v:.1f}" for k, v in systems.seconds.items() if k != "sitroom text only"
    ) + " (sitroom text only is computed inside the sitroom call; htmldate keeps internal caches, so the "
        "htmldate calls after the first on a page may be faster than alone)")
    report.rows[0].extra["per_page"] = per_page
    return report
