"""Evaluation harness: sitroom's HTML text and publication-date extraction scored on public
benchmarks, next to the libraries it builds on, run on the same pages.

``python -m sitroom.evaluation [extraction] [dates] --data ../shared/eval [--limit N] [--json OUT]``.
The datasets are not part of the product; a missing one is reported and skipped. Results and
how each metric is computed: ``docs/EVALUATION.md``.
"""

from __future__ import annotations

from sitroom.evaluation.runner import main

__all__ = ["main"]
