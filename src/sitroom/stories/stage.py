"""The stories stage over a store: embed new documents, assign each to a story.

Incremental: the stories' clustering state (centroid sum, entity and day counts) lives in
the ``stories`` table, so a run loads it, assigns only the documents that have no story
yet (in date order), and writes back the stories it touched. Nothing is recomputed for the
documents already placed; a document keeps its story once it has one (``--rebuild``
re-clusters everything from the stored vectors). A syndicated copy joins the story of the
document it copies without weighing twice in the centroid.

Each batch (vectors, touched stories, assignments, stage marks) is one transaction, so an
interrupted run resumes where it stopped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import numpy as np
from threadpoolctl import threadpool_limits

from sitroom.settings import Settings
from sitroom.stories.clustering import ClusterParams, Story, StoryClusterer, StoryDoc
from sitroom.stories.embedding import BLAS_THREADS, MODEL, Embedder, from_blob, shared_embedder, to_blob

STAGE = "stories"
VERSION = "1"
AFTER = "entities"
BATCH = 128


@dataclass
class StoryReport:
    documents: int = 0
    new_stories: int = 0
    touched: int = 0
    stories: int = 0


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def story_from_row(r: dict) -> Story:
    return Story(id=r["id"], centroid=np.frombuffer(r["centroid"], dtype=np.float32).copy(), n=r["n_vectors"],
                 entities=Counter(r["entities"]), days=Counter({date.fromisoformat(k): v for k, v in r["days"].items()}),
                 members=[])


@dataclass
class _Meta:
    """What the stage remembers about a story between batches: its saved title and size."""
    title: str = ""
    title_doc_id: str | None = None
    n_docs: int = 0
    languages: Counter | None = None
    title_vector: np.ndarray | None = None  # the title document's vector, once looked up


def run_stories(store, settings: Settings, on_progress: Callable[[int, int], None] | None = None,
                embedder: Embedder | None = None, params: ClusterParams | None = None,
                rebuild: bool = False) -> StoryReport:
    """Place the documents that lack a story (all of them with ``rebuild``); numpy runs on
    one BLAS thread here (see ``embedding.BLAS_THREADS``)."""
    with threadpool_limits(limits=BLAS_THREADS, user_api="blas"):
        return _run_stories(store, settings, on_progress, embedder, params, rebuild)


def _run_stories(store, settings: Settings, on_progress: Callable[[int, int], None] | None,
                 embedder: Embedder | None, params: ClusterParams | None, rebuild: bool) -> StoryReport:
    report = StoryReport()
    if rebuild:
        with store.transaction():
            store.clear_stories(STAGE)
    pending = store.documents_without(STAGE, VERSION, after=AFTER)
    if pending:
        rows = list(store.iter_story_states())
        clusterer = StoryClusterer(params, [story_from_row(r) for r in rows])
        meta = {r["id"]: _Meta(r["title"], r["title_doc_id"], r["n_docs"], Counter(r["languages"])) for r in rows}
        placed = store.document_stories()
        duplicate_of = store.duplicate_map()
        docs = [d for d in (store.get_document(i) for i in pending) if d is not None]
        docs.sort(key=lambda d: (d.published is None, d.published or "", d.id))
        for i in range(0, len(docs), BATCH):
            batch = docs[i:i + BATCH]
            vectors = _vectors(store, batch, embedder_factory=lambda: embedder or shared_embedder())
            assignments, new_vectors = [], []
            for d in batch:
                vector, fresh = vectors[d.id]
                if fresh:
                    new_vectors.append((d.id, MODEL, to_blob(vector)))
                sid = placed.get(d.id)
                if sid is None or sid not in clusterer.stories:
                    entities = Counter(m["entity_id"] for m in store.iter_mentions(d.id))
                    doc = StoryDoc(d.id, vector, entities, _day(d.published), d.language, d.title)
                    canonical = placed.get(duplicate_of.get(d.id, ""))
                    if canonical in clusterer.stories:
                        story = clusterer.stories[canonical]
                        clusterer.join(story, doc, count_vector=False)
                    else:
                        before = len(clusterer.stories)
                        story = clusterer.add(doc)
                        report.new_stories += len(clusterer.stories) - before
                    sid = story.id
                    placed[d.id] = sid
                    m = meta.setdefault(sid, _Meta(languages=Counter()))
                    m.n_docs += 1
                    m.languages[d.language or "und"] += 1
                    _consider_title(store, clusterer.stories[sid], m, d.id, d.title, vector)
                assignments.append((d.id, sid))
            changed = [s for s in clusterer.stories.values() if s.changed]
            with store.transaction():
                store.save_vectors(new_vectors)
                store.upsert_stories([_story_row(s, meta[s.id]) for s in changed])
                store.set_stories(assignments, STAGE, VERSION, _now())
            report.touched += len({s.id for s in changed})
            for s in changed:
                s.changed = False
            report.documents += len(batch)
            if on_progress:
                on_progress(report.documents, len(docs))
    report.stories = store.count_stories()
    return report


def _consider_title(store, story: Story, meta: _Meta, doc_id: str, title: str, vector: np.ndarray) -> None:
    """The story's title is the title of its most central member seen so far: the new
    member takes over when it is closer to the (updated) centroid than the current one."""
    if meta.title_doc_id and meta.title_vector is None:  # a story saved by an earlier run
        saved = store.vectors([meta.title_doc_id], MODEL).get(meta.title_doc_id)
        meta.title_vector = from_blob(saved) if saved is not None else None
    if meta.title_vector is None or float(story.unit() @ vector) > float(story.unit() @ meta.title_vector) + 1e-6:
        meta.title, meta.title_doc_id, meta.title_vector = title, doc_id, vector


def _story_row(s: Story, meta: _Meta) -> dict:
    days = sorted(s.days)
    return {"id": s.id, "title": meta.title or "(untitled)", "title_doc_id": meta.title_doc_id,
            "first_date": days[0].isoformat() if days else None, "last_date": days[-1].isoformat() if days else None,
            "n_docs": meta.n_docs, "languages": dict(meta.languages or {}),
            "centroid": np.asarray(s.centroid, dtype=np.float32).tobytes(), "n_vectors": s.n,
            "entities": dict(s.entities), "days": {d.isoformat(): n for d, n in sorted(s.days.items())},
            "updated_at": _now()}


def _vectors(store, docs, embedder_factory) -> dict[str, tuple[np.ndarray, bool]]:
    """(vector, freshly computed) for each document: the stored one when there is one."""
    stored = store.vectors([d.id for d in docs], MODEL)
    out = {d.id: (from_blob(stored[d.id]), False) for d in docs if d.id in stored}
    missing = [d for d in docs if d.id not in stored]
    if missing:
        computed = embedder_factory().documents([(d.title, d.text) for d in missing])
        out.update((d.id, (v, True)) for d, v in zip(missing, computed))
    return out


def _now() -> str:
    from sitroom.store.sqlite import now_iso

    return now_iso()
