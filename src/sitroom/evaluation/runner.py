"""Command line of the evaluation harness: which tasks, where the data is, where to write.

``python -m sitroom.evaluation [TASK ...] [--data DIR] [--limit N] [--json OUT]``

Each task module exposes ``run(data_dir, limit) -> TaskReport``; a task whose dataset
folder is missing reports ``skipped`` with the reason instead of failing, because the
datasets live outside the product (``../shared/eval``) and a checkout may not have them.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import sys
import time
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

# task name -> module; imported only when the task runs (they pull in trafilatura, the
# entity models etc.)
TASKS = {
    "extraction": "sitroom.evaluation.extraction",
    "dates": "sitroom.evaluation.dates",
    "ner": "sitroom.evaluation.ner",
    "linking": "sitroom.evaluation.linking",
    "geoparsing": "sitroom.evaluation.geoparsing",
    "attribution": "sitroom.evaluation.attribution",
    "events": "sitroom.evaluation.events",
    "timelines": "sitroom.evaluation.timelines",
    "clustering": "sitroom.evaluation.clustering",
    "incidents": "sitroom.evaluation.incidents",
}
DEFAULT_DATA = "../shared/eval"
GROUP = "7_extraction"  # the default group folder (extraction and dates)
# task name -> the folder of ../shared/eval that holds its datasets
GROUPS = {
    "extraction": "7_extraction",
    "dates": "7_extraction",
    "ner": "1_ner",
    "linking": "1_ner",
    "geoparsing": "3_geoparsing",
    "attribution": "2_quotes",
    "events": "5_events",
    "timelines": "4_timelines",
    "clustering": "6_clustering",
    "incidents": "../corpus/field",  # field data beside eval, not a benchmark folder
}


@dataclass
class Row:
    """One system on one dataset."""

    task: str
    dataset: str
    system: str
    precision: float
    recall: float
    f1: float
    accuracy: float
    n: int
    published: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class TaskReport:
    task: str
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    skipped: str | None = None  # why the task did not run
    seconds: float = 0.0


def find_dataset(data_dir: Path, name: str, group: str = GROUP) -> Path | None:
    """``DIR/GROUP/NAME``, ``DIR/NAME`` or ``DIR`` itself when it is that folder (GROUP is
    the task's group folder: ``7_extraction``, ``1_ner``, ``3_geoparsing``)."""
    for candidate in (data_dir / group / name, data_dir / name):
        if candidate.is_dir():
            return candidate
    if data_dir.name == name and data_dir.is_dir():
        return data_dir
    return None


def format_row(row: Row) -> str:
    return (
        f"{row.task:<10} {row.dataset:<30} {row.system:<34} "
        f"{row.precision:6.3f} {row.recall:6.3f} {row.f1:6.3f} {row.accuracy:6.3f} {row.n:5d}  {row.published}"
    )


HEADER = f"{'task':<10} {'dataset':<30} {'system':<34} {'P':>6} {'R':>6} {'F1':>6} {'Acc':>6} {'n':>5}  published"


def print_report(report: TaskReport, out=None) -> None:
    out = out or sys.stdout
    if report.skipped:
        print(f"[{report.task}] skipped: {report.skipped}", file=out)
        return
    print(HEADER, file=out)
    for row in report.rows:
        print(format_row(row), file=out)
    for note in report.notes:
        print(f"  note: {note}", file=out)
    print(f"[{report.task}] elapsed {report.seconds:.1f} s", file=out)
    print(file=out)


def run_task(name: str, data_dir: Path, limit: int | None) -> TaskReport:
    module = importlib.import_module(TASKS[name])
    start = time.perf_counter()
    report: TaskReport = module.run(data_dir, limit)
    report.seconds = round(time.perf_counter() - start, 1)
    return report


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m sitroom.evaluation",
        description="Score sitroom's HTML text and publication-date extraction, named entities, entity "
        "linking and geoparsing on public benchmarks (the HTML tasks next to the libraries they build on, "
        "run on the same pages).",
    )
    p.add_argument("tasks", nargs="*", metavar="TASK", help=f"tasks to run: {', '.join(TASKS)} (default: all)")
    p.add_argument("--data", default=DEFAULT_DATA, help=f"evaluation data folder (default: {DEFAULT_DATA})")
    p.add_argument("--limit", type=int, default=None, metavar="N",
                   help="score only the first N pages / documents / sentences of each dataset")
    p.add_argument("--json", dest="json_out", default=None, metavar="OUT", help="also write the results as JSON to OUT")
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    unknown = [t for t in args.tasks if t not in TASKS]
    if unknown:
        parser.error(f"unknown task(s): {', '.join(unknown)} (choose from {', '.join(TASKS)})")
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    tasks = list(dict.fromkeys(args.tasks)) or list(TASKS)
    data_dir = Path(args.data)
    if not data_dir.is_dir():
        print(f"evaluation data folder {data_dir} not found: every task is skipped "
              f"(point --data at the folder holding {', '.join(sorted(set(GROUPS[t] for t in tasks)))}/)")
    reports = []
    for name in tasks:
        report = run_task(name, data_dir, args.limit)
        print_report(report)
        reports.append(report)
    if args.json_out:
        payload = {
            "date": date.today().isoformat(),
            "command": "python -m sitroom.evaluation " + " ".join(argv if argv is not None else sys.argv[1:]),
            "data": str(data_dir),
            "limit": args.limit,
            "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()},
            "tasks": [asdict(r) for r in reports],
        }
        Path(args.json_out).write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"results written to {args.json_out}")
    return 0
