"""Claims-stage benchmark: documents and claims per second, peak memory, growth with size.

    SITROOM_CACHE_DIR=/tmp/sitroom-cache python benchmarks/claims_bench.py [--docs 1000 [10000]] [--runs 3]

Like ``entities_bench.py``: generates (or reuses) the synthetic multilingual corpus of
``ingest_bench.py``, ingests it into a scratch store and runs the entities stage once (not
timed; its time is printed), then times ``sitroom.claims.stage.run_claims`` from a fresh
copy of that store ``--runs`` times, each in its own process so that model loading and peak
memory are those of one run. ``run_claims`` is timed as a whole (claims of every document,
then the events rebuilt from all claims); the events rebuild is also reported on its own by
wrapping ``sitroom.events.builder.rebuild_events`` at run time (the source is not changed).
Prints the median of the runs and, when two or more sizes are given, the growth ratio
(seconds per document at the largest size / at the smallest; 1.0 = linear).

The store after the entities stage is kept under ``benchmarks/out/db/`` keyed by the corpus
generator and the sitroom sources, so a second invocation (or ``stories_bench.py``) reuses
it; ``--fresh-store`` rebuilds it. ``--out FILE`` writes the figures as JSON.
"""

from __future__ import annotations

import argparse
import hashlib
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
ROOT = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))
RESULT_MARK = "BENCH_RESULT "


# --------------------------------------------------------------------------------------
# Scratch store after the entities stage (shared with stories_bench.py)
# --------------------------------------------------------------------------------------
# later stages and tools: a change there does not change the store after the entities stage
NOT_BEFORE_ENTITIES = ("stories", "claims", "events", "evaluation", "analysis", "export.py", "cli.py")


def sources_sha() -> str:
    """Changes whenever the corpus generator or a sitroom source that ingest or the entities
    stage may use changes (all but ``NOT_BEFORE_ENTITIES``; data files included)."""
    import corpus_gen

    h = hashlib.sha256(corpus_gen.source_sha().encode())
    pkg = ROOT / "src" / "sitroom"
    for p in sorted(pkg.rglob("*")):
        if not p.is_file() or p.suffix == ".pyc" or p.relative_to(pkg).parts[0] in NOT_BEFORE_ENTITIES:
            continue
        h.update(str(p.relative_to(ROOT)).encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:12]


def _child_entities(db: str) -> int:
    from ingest_bench import _vm_hwm_mb

    from sitroom.entities.stage import run_entities
    from sitroom.settings import Settings
    from sitroom.store import open_store

    t0 = time.perf_counter()
    with open_store(db) as store:
        report = run_entities(store, Settings.load(db=db))
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print(RESULT_MARK + json.dumps({"docs": report.documents, "mentions": report.mentions,
                                    "seconds": time.perf_counter() - t0, "peak_mb": _vm_hwm_mb()}))
    return 0


def _run(cmd: list[str], timeout: float | None = None) -> dict:
    proc = subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=timeout)
    line = next((x for x in reversed(proc.stdout.splitlines()) if x.startswith(RESULT_MARK)), None)
    if proc.returncode != 0 or line is None:
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-4000:])
        raise SystemExit(f"child failed (exit {proc.returncode}): {' '.join(cmd[1:3])}")
    return json.loads(line[len(RESULT_MARK):])


def entity_store(n: int, seed: int, fresh: bool = False) -> tuple[Path, dict]:
    """A store holding the ingested corpus of ``n`` items with the entities stage done;
    built once (ingest in this process, entities in a child) and cached. Returns the path
    and what building it took (from the cache: what it took when it was built)."""
    from ingest_bench import corpus_for

    (OUT / "db").mkdir(parents=True, exist_ok=True)
    path = OUT / "db" / f"entities-{n}-seed-{seed}-{sources_sha()}.db"
    info_path = path.with_suffix(".json")
    if path.exists() and info_path.exists() and not fresh:
        info = json.loads(info_path.read_text())
        print(f"reusing entity store {path.relative_to(ROOT)} (built {info['built']}: ingest {info['ingest_s']:.0f} s, "
              f"entities {info['entities']['seconds']:.0f} s)", flush=True)
        return path, info

    from sitroom.entities.gazetteer import Gazetteer
    from sitroom.entities.names import default_romanizer
    from sitroom.language import LanguageIdentifier
    from sitroom.pipeline import Ingestor
    from sitroom.settings import Settings
    from sitroom.store import open_store
    from sitroom.textclean import TextCleaner

    t0 = time.perf_counter()
    Gazetteer.open(Settings.load(), default_romanizer())
    print(f"gazetteer ready in {time.perf_counter() - t0:.1f} s (built once per installation)", flush=True)
    corpus, _ = corpus_for(n, seed)
    tmp = path.with_name(path.name + ".tmp")
    for suffix in ("", "-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    t0 = time.perf_counter()
    with open_store(str(tmp)) as store:
        Ingestor(store, Settings.load(db=str(tmp)), identifier=LanguageIdentifier(),
                 cleaner=TextCleaner()).ingest([str(corpus)])
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ingest_s = time.perf_counter() - t0
    print(f"[{n}] ingested in {ingest_s:.1f} s; entities stage (once, not timed here) ...", flush=True)
    ent = _run([sys.executable, str(Path(__file__).resolve()), "_entities", "--db", str(tmp)])
    print(f"[{n}] entities: {ent['docs']} docs, {ent['mentions']} mentions in {ent['seconds']:.1f} s "
          f"({ent['docs'] / ent['seconds']:.1f} docs/s), peak {ent['peak_mb']:.0f} MB", flush=True)
    for suffix in ("-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    os.replace(tmp, path)
    info = {"built": time.strftime("%Y-%m-%d %H:%M:%S"), "items": n, "seed": seed, "ingest_s": round(ingest_s, 2),
            "entities": ent}
    info_path.write_text(json.dumps(info, indent=2))
    return path, info


# --------------------------------------------------------------------------------------
# Child: one claims run
# --------------------------------------------------------------------------------------
def _child_claims(db: str) -> int:
    from ingest_bench import _vm_hwm_mb

    t_imp = time.perf_counter()
    import sitroom.events.builder as events_builder
    from sitroom.claims.stage import run_claims
    from sitroom.settings import Settings
    from sitroom.store import open_store

    import_s = time.perf_counter() - t_imp
    events_s = [0.0]
    rebuild = events_builder.rebuild_events

    def timed_rebuild(*a, **k):
        t = time.perf_counter()
        try:
            return rebuild(*a, **k)
        finally:
            events_s[0] += time.perf_counter() - t

    events_builder.rebuild_events = timed_rebuild  # run_claims imports it at call time
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    with open_store(db) as store:
        report = run_claims(store, Settings.load(db=db))
    seconds = time.perf_counter() - t0
    print(RESULT_MARK + json.dumps({
        "docs": report.documents, "claims": report.claims, "events": report.events, "seconds": seconds,
        "events_s": events_s[0], "import_s": import_s, "cpu_s": time.process_time() - cpu0, "peak_mb": _vm_hwm_mb(),
        "by_stance": dict(report.by_stance), "by_kind": dict(report.by_kind)}))
    return 0


# --------------------------------------------------------------------------------------
# Parent
# --------------------------------------------------------------------------------------
def machine() -> dict:
    mem = None
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            mem = round(int(line.split()[1]) / 1024 / 1024, 1)
    return {"cpus": os.cpu_count(), "mem_gib": mem, "load_avg_1m": round(os.getloadavg()[0], 2)}


def bench_size(n: int, args: argparse.Namespace) -> dict:
    base, info = entity_store(n, args.seed, args.fresh_store)
    work = Path(tempfile.mkdtemp(prefix="sitroom-claimbench-"))
    runs = []
    try:
        for i in range(args.runs):
            db = work / f"run{i}.db"
            shutil.copy(base, db)
            r = _run([sys.executable, str(Path(__file__).resolve()), "_claims", "--db", str(db)])
            runs.append(r)
            print(f"[{n}] run {i + 1}/{args.runs}: {r['docs']} docs, {r['claims']} claims, {r['events']} events in "
                  f"{r['seconds']:.1f} s ({r['docs'] / r['seconds']:.1f} docs/s, {r['claims'] / r['seconds']:.1f} "
                  f"claims/s; events rebuild {r['events_s']:.1f} s), peak {r['peak_mb']:.0f} MB", flush=True)
            for p in work.iterdir():
                p.unlink()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    med = statistics.median
    secs = med(r["seconds"] for r in runs)
    docs, claims = runs[0]["docs"], runs[0]["claims"]
    return {
        "items": n, "runs": len(runs), "docs": docs, "claims": claims, "events": runs[0]["events"],
        "seconds": round(secs, 3), "seconds_min": round(min(r["seconds"] for r in runs), 3),
        "seconds_max": round(max(r["seconds"] for r in runs), 3),
        "docs_per_s": round(docs / secs, 2), "claims_per_s": round(claims / secs, 2),
        "ms_per_doc": round(1000 * secs / docs, 3),
        "docs_per_cpu_s": round(docs / med(r["cpu_s"] for r in runs), 2),
        "events_rebuild_s": round(med(r["events_s"] for r in runs), 3),
        "claims_only_docs_per_s": round(docs / (secs - med(r["events_s"] for r in runs)), 2),
        "import_s": round(med(r["import_s"] for r in runs), 3),
        "peak_mb": round(med(r["peak_mb"] for r in runs), 1),
        "claims_per_doc": round(claims / docs, 2),
        "by_stance": runs[0]["by_stance"], "by_kind": runs[0]["by_kind"],
        "entities_stage": {"seconds": round(info["entities"]["seconds"], 2), "mentions": info["entities"]["mentions"],
                           "docs_per_s": round(info["entities"]["docs"] / info["entities"]["seconds"], 2),
                           "peak_mb": info["entities"]["peak_mb"]},
        "runs_detail": runs,
    }


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] in (["_claims"], ["_entities"]):
        ap = argparse.ArgumentParser()
        ap.add_argument("--db", required=True)
        a = ap.parse_args(argv[1:])
        return _child_claims(a.db) if argv[0] == "_claims" else _child_entities(a.db)
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, nargs="+", default=[1000], help="corpus sizes (input items)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--fresh-store", action="store_true", help="rebuild the cached entity-stage store")
    ap.add_argument("--out", help="write the figures as JSON to this file")
    args = ap.parse_args(argv)

    results = {"command": "python benchmarks/claims_bench.py " + " ".join(argv), "date": time.strftime("%Y-%m-%d %H:%M:%S"),
               "machine": machine(), "sizes": {}}
    for n in sorted(args.docs):
        results["sizes"][str(n)] = bench_size(n, args)
    sizes = [results["sizes"][str(n)] for n in sorted(args.docs)]
    print()
    hdr = (f"{'items':>7} {'docs':>6} {'runs':>4} {'claims':>7} {'events':>6} {'s median':>9} {'[min-max]':>15} "
           f"{'docs/s':>7} {'claims/s':>8} {'ms/doc':>7} {'events s':>8} {'peak MB':>7} {'entities s':>10}")
    print(hdr)
    print("-" * len(hdr))
    for s in sizes:
        print(f"{s['items']:>7} {s['docs']:>6} {s['runs']:>4} {s['claims']:>7} {s['events']:>6} {s['seconds']:>9.1f} "
              f"{'[' + format(s['seconds_min'], '.1f') + '-' + format(s['seconds_max'], '.1f') + ']':>15} "
              f"{s['docs_per_s']:>7.1f} {s['claims_per_s']:>8.1f} {s['ms_per_doc']:>7.1f} {s['events_rebuild_s']:>8.2f} "
              f"{s['peak_mb']:>7.0f} {s['entities_stage']['seconds']:>10.0f}")
    for s in sizes:
        print(f"  {s['items']}: {s['claims_per_doc']} claims/doc, {s['docs_per_cpu_s']} docs per CPU-second, "
              f"claims part alone {s['claims_only_docs_per_s']} docs/s, stance {s['by_stance']}, kind {s['by_kind']}")
    if len(sizes) >= 2:
        a, b = sizes[0], sizes[-1]
        results["growth"] = {"small": a["items"], "large": b["items"], "ratio": round(b["ms_per_doc"] / a["ms_per_doc"], 3),
                             "events_rebuild_ratio_per_doc": round((b["events_rebuild_s"] / b["docs"])
                                                                   / max(a["events_rebuild_s"] / a["docs"], 1e-9), 3)}
        print(f"\ngrowth ratio (s/doc at {b['items']} / s/doc at {a['items']}): {results['growth']['ratio']:.3f}"
              f"  (1.0 = linear); events rebuild per doc: {results['growth']['events_rebuild_ratio_per_doc']:.3f}")
    print(f"machine: {results['machine']}")
    line = json.dumps({k: v for k, v in results.items() if k != "sizes"} |
                      {"sizes": {k: {kk: vv for kk, vv in v.items() if kk != "runs_detail"}
                                 for k, v in results["sizes"].items()}}, ensure_ascii=False)
    print(line)
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=2, ensure_ascii=False))
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
