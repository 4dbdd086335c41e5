"""Entities-stage benchmark: documents per second (per core) and peak memory.

    python benchmarks/entities_bench.py [--docs 1000] [--runs 3]

Generates (or reuses) the synthetic multilingual corpus of ``ingest_bench.py``, ingests it
once into a scratch store, then times ``run_entities`` from a fresh copy of that store
``--runs`` times, each in its own process so model loading and peak memory are measured
cleanly. The gazetteer is built beforehand (it is a once-per-installation cost) and its
build time is printed separately. Prints the median.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def child(db: str) -> int:
    from ingest_bench import _vm_hwm_mb

    from sitroom.entities.stage import run_entities
    from sitroom.settings import Settings
    from sitroom.store import open_store

    t0 = time.perf_counter()
    with open_store(db) as store:
        report = run_entities(store, Settings.load(db=db))
    seconds = time.perf_counter() - t0
    print(json.dumps({"docs": report.documents, "mentions": report.mentions, "seconds": seconds,
                      "peak_mb": _vm_hwm_mb(), "cpu_s": time.process_time()}))
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("_child", nargs="?", help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args._child == "_child":
        return child(args.db)

    from ingest_bench import corpus_for

    from sitroom.entities.gazetteer import Gazetteer
    from sitroom.entities.names import default_romanizer
    from sitroom.language import LanguageIdentifier
    from sitroom.pipeline import Ingestor
    from sitroom.settings import Settings
    from sitroom.store import open_store
    from sitroom.textclean import TextCleaner

    t0 = time.perf_counter()
    Gazetteer.open(Settings.load(), default_romanizer())
    print(f"gazetteer ready in {time.perf_counter() - t0:.1f} s (built once per installation)")
    corpus, _ = corpus_for(args.docs, args.seed)
    work = Path(tempfile.mkdtemp(prefix="sitroom-entbench-"))
    try:
        base = work / "base.db"
        with open_store(str(base)) as store:
            Ingestor(store, Settings.load(db=str(base)), identifier=LanguageIdentifier(),
                     cleaner=TextCleaner()).ingest([str(corpus)])
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        results = []
        for i in range(args.runs):
            db = work / f"run{i}.db"
            shutil.copy(base, db)
            out = subprocess.run([sys.executable, __file__, "_child", "--db", str(db)], capture_output=True,
                                 text=True, check=True)
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))
            r = results[-1]
            print(f"run {i + 1}: {r['docs']} docs, {r['mentions']} mentions in {r['seconds']:.1f} s "
                  f"({r['docs'] / r['seconds']:.1f} docs/s), peak {r['peak_mb']:.0f} MB", flush=True)
        secs = statistics.median(r["seconds"] for r in results)
        cpu = statistics.median(r["cpu_s"] for r in results)
        docs = results[0]["docs"]
        print(f"median: {docs / secs:.1f} docs/s wall, {docs / cpu:.1f} docs/s per core (CPU time), "
              f"peak {statistics.median(r['peak_mb'] for r in results):.0f} MB, {os.cpu_count()} cores")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
