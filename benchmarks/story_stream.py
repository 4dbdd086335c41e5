"""The synthetic story stream of ``stories_bench.py``: document vectors with known stories,
generated (numpy, seeded) to look like a news feed to the clusterer, and two helpers that
read a clustering of it (the cosine geometry it actually has, and how many candidate
stories a document is compared with). The geometry is described in ``stories_bench.py``.
"""

from __future__ import annotations

import math

DIM = 512
START_DAY = "2024-08-06"
LANGS = ("en", "fr", "de", "ru", "uk")
LANG_WEIGHTS = (0.30, 0.15, 0.15, 0.20, 0.20)  # as corpus_gen.py
# Vector geometry (see the doc of stories_bench.py): share of a story centre's variance along the
# corpus-wide topic direction and along its sub-topic, and the cosine of a document to its
# story centre (Ukrainian ones UK_SHIFT lower).
SHARED, SUBTOPIC = 0.5, 0.15
COS_RANGE = (0.6, 0.8)
UK_SHIFT = 0.0


def synth_stream(n: int, seed: int = 7, docs_per_day: int = 300, shared: float = SHARED, subtopic: float = SUBTOPIC,
                 n_subtopics: int = 20, cos_range: tuple[float, float] = COS_RANGE, uk_shift: float = UK_SHIFT):
    """(docs, gold labels, centres) for ``n`` documents in date order; see the module doc."""
    from datetime import date, timedelta

    import numpy as np

    from sitroom.stories.clustering import StoryDoc

    rng = np.random.default_rng([seed, n])
    days = max(1, math.ceil(n / docs_per_day))
    # story sizes: heavy-tailed, trimmed so they sum to n
    sizes: list[int] = []
    total = 0
    while total < n:
        s = int(min(400, 1 + math.floor(rng.lognormal(1.3, 1.1))))
        s = min(s, n - total)
        sizes.append(s)
        total += s
    S = len(sizes)
    sizes_a = np.asarray(sizes)
    # centres: shared topic + sub-topic + own direction (variances shared, subtopic, rest)
    unit = lambda m: m / np.linalg.norm(m, axis=-1, keepdims=True)
    g = unit(rng.standard_normal(DIM))
    subs = unit(rng.standard_normal((n_subtopics, DIM)))
    own = unit(rng.standard_normal((S, DIM)))
    k = rng.integers(0, n_subtopics, S)
    centres = unit(math.sqrt(shared) * g + math.sqrt(subtopic) * subs[k] + math.sqrt(1 - shared - subtopic) * own)
    labels = np.repeat(np.arange(S), sizes_a)
    # days: story start uniform over the period, lifetime grows with size, documents front-loaded
    start = rng.integers(0, days, S)
    life = np.minimum(14, 1 + np.floor(rng.exponential(0.5 + np.log1p(sizes_a)))).astype(int)
    u = rng.random(n)
    doc_day = start[labels] + np.floor(life[labels] * u * u).astype(int)
    # vectors: centre + orthogonal noise with cos(doc, centre) ~ U(cos_range)
    lang_idx = rng.choice(len(LANGS), size=n, p=LANG_WEIGHTS)
    cos = rng.uniform(*cos_range, n) - uk_shift * (lang_idx == LANGS.index("uk"))
    noise = rng.standard_normal((n, DIM))
    cl = centres[labels]
    noise -= (noise * cl).sum(1, keepdims=True) * cl
    noise = unit(noise)
    vectors = unit(cl + np.sqrt(1 / cos**2 - 1)[:, None] * noise).astype(np.float32)
    del noise, cl
    # entities
    n_pool, n_global = 3000, 30
    pool_p = 1 / np.arange(1, n_pool + 1) ** 0.9
    pool_p /= pool_p.sum()
    global_p = 1 / np.arange(1, n_global + 1) ** 1.2
    global_p /= global_p.sum()
    story_ents = [rng.choice(n_pool, size=rng.integers(2, 7), replace=False, p=pool_p) for _ in range(S)]
    # date order, shuffled within a day
    order = np.lexsort((rng.random(n), doc_day))
    day0 = date.fromisoformat(START_DAY)
    docs = []
    for j, i in enumerate(order):
        s = labels[i]
        ents: dict[str, float] = {}
        pool = story_ents[s]
        chosen = pool[rng.random(len(pool)) < 0.65]
        if not len(chosen):
            chosen = pool[rng.integers(0, len(pool), 1)]
        for e in chosen:
            ents[f"Q{1000 + int(e)}"] = float(rng.integers(1, 5))
        for e in rng.choice(n_global, size=rng.integers(1, 4), replace=False, p=global_p):
            ents[f"G{int(e)}"] = float(rng.integers(1, 4))
        for e in rng.choice(n_pool, size=rng.integers(0, 3), p=pool_p):  # unrelated mentions
            ents.setdefault(f"Q{1000 + int(e)}", 1.0)
        docs.append(StoryDoc(id=f"d{j:06d}", vector=vectors[i], entities=ents,
                             day=day0 + timedelta(days=int(doc_day[i])), language=LANGS[lang_idx[i]],
                             title=f"story {s} doc {j}"))
    return docs, labels[order].tolist(), centres, {"true_stories": S, "days": int(doc_day.max()) + 1,
                                                     "story_size": {"median": float(np.median(sizes_a)),
                                                                    "mean": round(float(sizes_a.mean()), 2),
                                                                    "p99": float(np.percentile(sizes_a, 99)),
                                                                    "max": int(sizes_a.max())}}


def cosine_check(n: int, seed: int, geometry: dict, window_days: int = 7) -> dict:
    """Distributions (5/25/50/75/95th percentiles) of the cosines in a generated stream."""
    import numpy as np

    docs, gold, centres, meta = synth_stream(n, seed, **geometry)
    rng = np.random.default_rng(1)
    V = np.stack([d.vector for d in docs])
    lab = np.asarray(gold)
    day = np.asarray([d.day.toordinal() for d in docs])
    own = (V * centres[lab]).sum(1)
    # other stories with documents within the window of the document: what the clusterer compares with
    first = {}
    last = {}
    for s, d in zip(lab, day):
        first[s] = min(first.get(s, d), d)
        last[s] = max(last.get(s, d), d)
    st = np.asarray(sorted(first))
    f = np.asarray([first[s] for s in st])
    la = np.asarray([last[s] for s in st])
    other = []
    for i in rng.integers(0, len(docs), 400):
        near = st[(f <= day[i] + window_days) & (la >= day[i] - window_days) & (st != lab[i])]
        if len(near):
            other.extend((centres[near] @ V[i]).tolist())
    a, b = rng.integers(0, len(docs), 50_000), rng.integers(0, len(docs), 50_000)
    dd = (V[a] * V[b]).sum(1)
    same = (lab[a] == lab[b]) & (a != b)
    cc_idx = rng.integers(0, len(centres), (5000, 2))
    cc_idx = cc_idx[cc_idx[:, 0] != cc_idx[:, 1]]
    cc = (centres[cc_idx[:, 0]] * centres[cc_idx[:, 1]]).sum(1)
    pct = lambda x: [round(float(v), 3) for v in np.percentile(np.asarray(x), [5, 25, 50, 75, 95])]
    hist_edges = np.round(np.arange(-0.1, 1.01, 0.1), 2)
    hist = lambda x: np.histogram(np.asarray(x), bins=hist_edges)[0].tolist()
    out = {"doc_to_own_centre": own, "doc_to_other_centre_in_window": other, "centre_to_centre": cc,
           "doc_to_doc_same_story": dd[same], "doc_to_doc_other_story": dd[~same & (lab[a] != lab[b])]}
    return {"n": n, "meta": meta, "percentiles_5_25_50_75_95": {k: pct(v) for k, v in out.items()},
            "histogram_edges": hist_edges.tolist(), "histograms": {k: hist(v) for k, v in out.items()}}


def candidate_stats(docs, pred: list[str], window_days: int, sample: int = 1000, seed: int = 3) -> dict:
    """Stories a document was compared with (those with a member, placed before it, dated
    within the window), replayed from the predicted labels for a sample of documents."""
    import random
    from collections import defaultdict
    from datetime import date, timedelta

    order = sorted(range(len(docs)), key=lambda i: (docs[i].day is None, docs[i].day or date.min, i))
    first_pos: dict = defaultdict(dict)  # day -> story -> first position placed that day
    pos_of = {}
    for p, i in enumerate(order):
        pos_of[i] = p
        first_pos[docs[i].day].setdefault(pred[i], p)
    picks = random.Random(seed).sample(range(len(docs)), min(sample, len(docs)))
    counts = []
    for i in picks:
        p, d = pos_of[i], docs[i].day
        found = set()
        for k in range(-window_days, window_days + 1):
            found.update(s for s, q in first_pos.get(d + timedelta(days=k), {}).items() if q < p)
        counts.append(len(found))
    counts.sort()
    return {"mean": round(sum(counts) / len(counts), 1), "median": counts[len(counts) // 2], "max": counts[-1]}
