"""Cluster plain texts into stories without a store: the evaluation entry point.

It runs the same steps as the store stage: the entity engine finds and links mentions
(spaCy / natasha / knowledge-base matching, by language), the encoder embeds title and
lead, and the incremental clusterer assigns the documents in date order.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sitroom.stories.clustering import ClusterParams, StoryDoc, cluster
from sitroom.stories.embedding import Embedder


@dataclass(frozen=True)
class TextItem:
    id: str
    title: str
    text: str
    language: str | None
    day: date | None = None


def story_docs(items: list[TextItem], engine=None, embedder: Embedder | None = None) -> list[StoryDoc]:
    """Vectors and linked entities for each item."""
    if engine is None:
        from sitroom.entities.engine import EntityEngine

        engine = EntityEngine.load()
    embedder = embedder or Embedder()
    vectors = embedder.documents([(it.title, it.text) for it in items])
    found = engine.detect_many([(it.text, it.language or "und") for it in items])
    docs = []
    for it, vector, mentions in zip(items, vectors, found):
        links = engine.link(it.text, it.language or "und", mentions)
        entities = Counter(link.entity_id for link in links)
        docs.append(StoryDoc(it.id, vector, entities, it.day, it.language, it.title))
    return docs


def cluster_texts(items: list[TextItem], params: ClusterParams | None = None, engine=None,
                  embedder: Embedder | None = None) -> list[int]:
    """One cluster label per item (0, 1, ... in order of first appearance)."""
    labels = cluster(story_docs(items, engine, embedder), params)
    index: dict[str, int] = {}
    return [index.setdefault(label, len(index)) for label in labels]
