"""The quality gate: ``python -m sitroom.evaluation.gate [--data DIR] [--floors FILE]``.

Runs every task named in the floors file (``floors.json`` next to this module) on its fixed
sample (the first ``limit`` items of each dataset), looks up each checked figure and fails
(exit 1) when one is below its floor or missing. Without the evaluation data it says so and
exits 0 (``--require-data`` makes that a failure), so a checkout without ``../shared``
still builds.

Modelled on trafilatura's ``eval_gate.py``: floors are pinned in a file, and lowering one is
an explicit change to that file with its reason.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from sitroom.evaluation.runner import DEFAULT_DATA, GROUPS, TASKS, Row, run_task

FLOORS = "floors.json"


@dataclass
class Check:
    task: str
    dataset: str
    system: str
    metric: str  # a Row field (f1, precision, recall, accuracy) or extra.KEY
    floor: float
    measured: float | None = None
    reason: str = ""

    def label(self) -> str:
        return f"{self.task} / {self.dataset} / {self.system} / {self.metric}"


@dataclass
class Outcome:
    check: Check
    value: float | None
    passed: bool
    why: str


def load_floors(path: str | Path | None = None) -> tuple[int, list[Check]]:
    """(sample limit, checks) from the floors file; a malformed file is a ValueError
    naming what is wrong."""
    text = Path(path).read_text("utf-8") if path else (resources.files("sitroom.evaluation") / FLOORS).read_text(
        "utf-8")
    data = json.loads(text)
    limit = data.get("limit")
    if not isinstance(limit, int) or limit < 1:
        raise ValueError("floors file: 'limit' must be a positive whole number")
    checks = []
    for i, c in enumerate(data.get("checks", [])):
        missing = [k for k in ("task", "dataset", "system", "metric", "floor") if k not in c]
        if missing:
            raise ValueError(f"floors file: check {i} lacks {', '.join(missing)}")
        if c["task"] not in TASKS:
            raise ValueError(f"floors file: check {i}: unknown task {c['task']!r}")
        if not c.get("reason"):
            raise ValueError(f"floors file: check {i} ({c['task']}) has no reason")
        checks.append(Check(c["task"], c["dataset"], c["system"], c["metric"], float(c["floor"]),
                            c.get("measured"), c["reason"]))
    return limit, checks


def metric_value(row: Row, metric: str) -> float | None:
    if metric.startswith("extra."):
        value = row.extra.get(metric[len("extra."):])
    else:
        value = getattr(row, metric, None)
    if value is None or value != value:  # NaN: the metric does not apply to this row
        return None
    return float(value)


def judge(checks: list[Check], rows: list[Row]) -> list[Outcome]:
    """Each check against the rows a run produced."""
    index = {(r.task, r.dataset, r.system): r for r in rows}
    out = []
    for c in checks:
        row = index.get((c.task, c.dataset, c.system))
        if row is None:
            out.append(Outcome(c, None, False, "no such row in the run (renamed dataset or system?)"))
            continue
        value = metric_value(row, c.metric)
        if value is None:
            out.append(Outcome(c, None, False, f"the row has no {c.metric}"))
        elif value < c.floor:
            out.append(Outcome(c, value, False, f"below the floor by {c.floor - value:.3f}"))
        else:
            out.append(Outcome(c, value, True, f"{value - c.floor:+.3f} over the floor"))
    return out


def run_gate(data_dir: Path, checks: list[Check], limit: int) -> tuple[list[Outcome], list[str]]:
    """Run the tasks the checks need; return the outcomes and the tasks skipped (no data)."""
    rows: list[Row] = []
    skipped = []
    for task in dict.fromkeys(c.task for c in checks):
        report = run_task(task, data_dir, limit)
        if report.skipped:
            skipped.append(f"{task}: {report.skipped}")
            continue
        rows.extend(report.rows)
        print(f"[gate] {task}: {len(report.rows)} rows in {report.seconds:.1f} s", flush=True)
    skipped_tasks = {s.split(":")[0] for s in skipped}
    return judge([c for c in checks if c.task not in skipped_tasks], rows), skipped


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m sitroom.evaluation.gate", description=__doc__.split("\n\n")[0])
    p.add_argument("--data", default=DEFAULT_DATA, help=f"evaluation data folder (default: {DEFAULT_DATA})")
    p.add_argument("--floors", default=None, help="floors file (default: the one shipped with sitroom)")
    p.add_argument("--require-data", action="store_true", help="fail when the data or a task's dataset is missing")
    args = p.parse_args(argv)
    try:
        limit, checks = load_floors(args.floors)
    except (OSError, ValueError) as exc:
        print(f"gate: cannot read the floors: {exc}", file=sys.stderr)
        return 2
    data_dir = Path(args.data)
    if not data_dir.is_dir():
        print(f"gate: no evaluation data at {data_dir} "
              f"(needs {', '.join(sorted({GROUPS[c.task] for c in checks}))}/): nothing checked")
        return 1 if args.require_data else 0
    outcomes, skipped = run_gate(data_dir, checks, limit)
    print(f"\nquality gate: {len(outcomes)} checks on the first {limit} items of each dataset")
    for o in outcomes:
        value = "missing" if o.value is None else f"{o.value:.3f}"
        print(f"  {'PASS' if o.passed else 'FAIL'}  {o.check.label():<95} {value:>8} (floor {o.check.floor:.3f}) "
              f"{o.why}")
    for s in skipped:
        print(f"  SKIP  {s}")
    failed = [o for o in outcomes if not o.passed]
    if failed or (skipped and args.require_data):
        print(f"quality gate FAILED: {len(failed)} of {len(outcomes)} checks" + (
            f", {len(skipped)} tasks without data" if skipped else ""))
        return 1
    print("quality gate passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
