"""The quality gate's logic (the runs themselves need ../shared/eval; .ci/run does them)."""

from __future__ import annotations

import json

import pytest

from sitroom.evaluation.gate import Check, judge, load_floors, main
from sitroom.evaluation.runner import TASKS, Row


def row(f1: float, dataset: str = "D", system: str = "sitroom", accuracy: float = float("nan")) -> Row:
    return Row(task="events", dataset=dataset, system=system, precision=f1, recall=f1, f1=f1, accuracy=accuracy, n=10)


def test_shipped_floors_are_complete_and_below_what_was_measured():
    limit, checks = load_floors()
    assert limit >= 10 and len(checks) >= 15
    assert {c.task for c in checks} == set(TASKS)  # every task is guarded
    for c in checks:
        assert c.reason and c.measured is not None
        assert 0 < c.floor < c.measured, c.label()


def test_a_figure_below_its_floor_fails_and_one_above_passes():
    checks = [Check("events", "D", "sitroom", "f1", 0.75)]
    assert judge(checks, [row(0.77)])[0].passed
    broken = judge(checks, [row(0.40)])[0]  # e.g. a stage whose lexicon went missing
    assert not broken.passed and "below the floor by 0.350" in broken.why


def test_a_missing_row_or_metric_fails():
    assert "no such row" in judge([Check("events", "D", "other", "f1", 0.5)], [row(0.9)])[0].why
    out = judge([Check("events", "D", "sitroom", "accuracy", 0.5)], [row(0.9)])[0]
    assert not out.passed and "has no accuracy" in out.why


def test_floors_file_errors_are_explained(tmp_path):
    bad = tmp_path / "floors.json"
    bad.write_text(json.dumps({"limit": 5, "checks": [
        {"task": "events", "dataset": "D", "system": "s", "metric": "f1", "floor": 0.5}]}), encoding="utf-8")
    with pytest.raises(ValueError, match="no reason"):
        load_floors(bad)
    bad.write_text(json.dumps({"limit": 5, "checks": [
        {"task": "nope", "dataset": "D", "system": "s", "metric": "f1", "floor": 0.5, "reason": "x"}]}),
        encoding="utf-8")
    with pytest.raises(ValueError, match="unknown task"):
        load_floors(bad)
    assert main(["--floors", str(bad), "--data", str(tmp_path)]) == 2


def test_without_data_the_gate_says_so(tmp_path, capsys):
    assert main(["--data", str(tmp_path / "none")]) == 0
    assert "nothing checked" in capsys.readouterr().out
    assert main(["--data", str(tmp_path / "none"), "--require-data"]) == 1
