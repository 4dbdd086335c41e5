"""Incremental story clustering: each document joins the most similar open story or opens
a new one.

A story keeps the running sum of its members' vectors (its centroid), how many of its
members mention each entity, and the days its members were published. A new document is
compared only with the stories active within ``window_days`` of its date (found through a
day index) that began at most ``max_span_days`` before it (without that cap, steady daily
coverage of one front chains into a single story lasting months). The cost of adding a
document depends on how much news there is around its date, not on the size of the
store: clustering grows linearly with the corpus.

The similarity of a document to a story combines two signals:
- the cosine between the document vector and the story centroid (multilingual sentence
  embeddings: carries the meaning across languages);
- entity overlap: the share of the document's (IDF-weighted) linked entities that the
  story's members mention, counting only entities some earlier document mentions.
  Linked entities are language-independent, so this signal holds where the encoder is
  weak (Ukrainian) and separates two stories that read alike ("shelling of Kharkiv" vs
  "shelling of Kherson").
A document without a date is compared with every story (or the most recent ones past a
cap), since there is no window to use.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np


@dataclass(frozen=True)
class ClusterParams:
    threshold: float = 0.45        # minimum similarity to join a story
    entity_weight: float = 0.2     # share of the similarity that comes from entity overlap
    window_days: int = 7           # a story is open to documents dated this close to one of its days
    max_span_days: int = 21        # ...and no further than this from its first day: a development, not a war
    max_doc_entities: int = 12     # a document's most mentioned entities that take part
    undated_candidates: int = 5000  # stories an undated document is compared with (newest first)


@dataclass
class StoryDoc:
    id: str
    vector: np.ndarray                 # L2-normalised document vector
    entities: Mapping[str, float] = field(default_factory=dict)  # entity id -> mentions in the document
    day: date | None = None
    language: str | None = None
    title: str = ""


@dataclass
class Story:
    id: str
    centroid: np.ndarray               # sum of member vectors
    n: int = 0
    entities: Counter = field(default_factory=Counter)  # entity id -> members mentioning it
    days: Counter = field(default_factory=Counter)      # day -> members published that day
    members: list[str] = field(default_factory=list)
    changed: bool = False              # touched since loaded
    _unit: np.ndarray | None = field(default=None, repr=False, compare=False)

    @property
    def first(self) -> date | None:
        return min(self.days) if self.days else None

    @property
    def last(self) -> date | None:
        return max(self.days) if self.days else None

    def unit(self) -> np.ndarray:
        """The normalised centroid, cached until the next member joins."""
        if self._unit is None:
            norm = float(np.linalg.norm(self.centroid))
            self._unit = self.centroid / norm if norm else self.centroid
        return self._unit


def story_id(first_doc_id: str) -> str:
    return "s_" + hashlib.sha1(first_doc_id.encode()).hexdigest()[:12]


class StoryClusterer:
    """Holds the open stories; ``add`` assigns one document and updates its story."""

    def __init__(self, params: ClusterParams | None = None, stories: Iterable[Story] = (),
                 new_id: Callable[[str], str] = story_id) -> None:
        self.params = params or ClusterParams()
        self.new_id = new_id
        self.stories: dict[str, Story] = {}
        self.doc_freq: Counter = Counter()   # entity -> documents mentioning it
        self.n_docs = 0
        self._by_day: dict[date, set[str]] = defaultdict(set)
        self._undated: list[str] = []        # story ids in creation order
        for s in stories:
            self._register(s)
            self.doc_freq.update(s.entities)
            self.n_docs += s.n

    # -- state -----------------------------------------------------------------------
    def _register(self, s: Story) -> None:
        self.stories[s.id] = s
        self._undated.append(s.id)
        for d in s.days:
            self._by_day[d].add(s.id)

    def candidates(self, day: date | None) -> list[Story]:
        if day is None:
            ids = self._undated[-self.params.undated_candidates:]
        else:
            w = self.params.window_days
            found: set[str] = set()
            for k in range(-w, w + 1):
                found |= self._by_day.get(day + timedelta(days=k), set())
            span = self.params.max_span_days
            ids = sorted(i for i in found if abs((day - self.stories[i].first).days) <= span)
        return [self.stories[i] for i in ids]

    # -- similarity --------------------------------------------------------------------
    def idf(self, entity: str) -> float:
        return math.log(1.0 + (self.n_docs + 1) / (self.doc_freq.get(entity, 0) + 1))

    def doc_entities(self, doc: StoryDoc) -> list[tuple[str, float]]:
        """The document's top entities with their IDF weights, among those some earlier
        document mentions. A name no document has mentioned yet is in no story: counting
        it would only scale every story's overlap down by the same factor, and push a
        document rich in new names (the English pipeline finds many) under the threshold
        into a story of its own."""
        seen = ((e, n) for e, n in doc.entities.items() if self.doc_freq.get(e, 0) > 0)
        ranked = sorted(seen, key=lambda kv: (-kv[1], kv[0]))[: self.params.max_doc_entities]
        return [(e, self.idf(e)) for e, _ in ranked]

    def similarities(self, doc: StoryDoc, stories: list[Story]) -> np.ndarray:
        if not stories:
            return np.zeros(0, dtype=np.float32)
        centroids = np.stack([s.unit() for s in stories])
        cosine = centroids @ doc.vector
        weighted = self.doc_entities(doc)
        total = sum(w for _, w in weighted)
        if not total:
            return cosine
        overlap = np.array([sum(w * s.entities.get(e, 0) / max(s.n, 1) for e, w in weighted) / total for s in stories])
        a = self.params.entity_weight
        return (1 - a) * cosine + a * overlap

    # -- assignment ----------------------------------------------------------------------
    def add(self, doc: StoryDoc) -> Story:
        stories = self.candidates(doc.day)
        best = None
        if stories:
            sims = self.similarities(doc, stories)
            i = int(np.argmax(sims))
            if sims[i] >= self.params.threshold:
                best = stories[i]
        if best is None:
            best = Story(id=self.new_id(doc.id), centroid=np.zeros_like(doc.vector))
            self._register(best)
        self.join(best, doc)
        return best

    def join(self, story: Story, doc: StoryDoc, count_vector: bool = True) -> None:
        """Make ``doc`` a member of ``story`` (``count_vector=False`` for a syndicated copy,
        which joins its original's story without weighing twice in the centroid)."""
        if count_vector:
            story.centroid = story.centroid + doc.vector
            story._unit = None
            story.n += 1
            present = set(doc.entities)
            story.entities.update(present)
            self.doc_freq.update(present)
            self.n_docs += 1
        story.members.append(doc.id)
        if doc.day is not None:
            story.days[doc.day] += 1
            self._by_day[doc.day].add(story.id)
        story.changed = True


def cluster(docs: Iterable[StoryDoc], params: ClusterParams | None = None) -> list[str]:
    """Story id per document, documents taken in date order (undated last), the order
    a live feed would bring them in."""
    docs = list(docs)
    order = sorted(range(len(docs)), key=lambda i: (docs[i].day is None, docs[i].day or date.min, i))
    clusterer = StoryClusterer(params)
    labels: list[str] = [""] * len(docs)
    for i in order:
        labels[i] = clusterer.add(docs[i]).id
    return labels
