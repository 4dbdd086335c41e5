"""The analysis stage: claim groups and indicator series, rebuilt from all claims.

Both are cheap functions of the claims (one pass, grouping by blocks, no pairwise pass
over the store), so they are recomputed whole after each run: a new claim can change the
status of a group made of old ones.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from sitroom.analysis.claim_groups import DocContext, Vectors, build_groups
from sitroom.analysis.indicators import build_indicators
from sitroom.analysis.places import document_places


MAX_CONTENT_CHARS = 400  # of a claim's content embedded to compare statements
# what grouping and the indicator series read of a claim (all claims are held at once)
CLAIM_FIELDS = ("id", "doc_id", "start", "end", "source_text", "source_start", "source_end", "source_entity_id",
                "source_kind", "side", "stance", "content", "said_on", "refers_to", "quantities", "entity_ids",
                "event_types")


@dataclass
class AnalysisReport:
    groups: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    series: int = 0
    points: int = 0


def document_contexts(store, claims: list[dict], entity) -> dict[str, DocContext]:
    mentions: dict[str, list[dict]] = defaultdict(list)
    for m in store.iter_mentions():
        if m["type"] == "place":
            mentions[m["doc_id"]].append(m)
    actors: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for c in claims:
        if c.get("source_start") is not None:
            actors[c["doc_id"]].append((c["source_start"], c["source_end"]))
    out = {}
    for d in store.document_outlines():
        places = document_places(mentions.get(d["id"], []), d["title"] or "", d["title_end"], entity,
                                 actors.get(d["id"], ()))
        out[d["id"]] = DocContext(canonical=d["duplicate_of"] or d["id"], outlet=d["outlet"], places=places,
                                  language=d["language"])
    return out


def _encoder_vectors(texts: list[str]):
    """Claim contents through the multilingual sentence encoder (loaded once, on first use)."""
    from sitroom.stories.embedding import normalise, shared_embedder

    return normalise(shared_embedder().sentences([t[:MAX_CONTENT_CHARS] for t in texts]))


def run_analysis(store, vectors: Vectors | None = None) -> AnalysisReport:
    """Rebuild claim groups and indicator series. ``vectors`` embeds claim contents to
    join one speaker's statement across documents; by default the multilingual encoder."""
    @lru_cache(maxsize=100_000)
    def entity(entity_id: str):
        return store.get_entity(entity_id)

    claims = list(store.iter_claims(fields=CLAIM_FIELDS))
    docs = document_contexts(store, claims, entity)
    groups, assignments = build_groups(claims, docs, entity, vectors or _encoder_vectors)
    indicators = build_indicators(claims, docs, entity)
    with store.transaction():
        store.replace_claim_groups(groups, assignments)
        store.replace_indicators(indicators)
    report = AnalysisReport(groups=len(groups), series=len({r["series_id"] for r in indicators}),
                            points=len(indicators))
    for g in groups:
        report.by_status[g["status"]] = report.by_status.get(g["status"], 0) + 1
    return report
