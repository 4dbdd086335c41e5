"""What several pages share: labels and colours of event types, entity lookup by id or
any spelling, a story's documents."""

from __future__ import annotations

from sitroom.analysis.briefing import claim_view
from sitroom.errors import SitroomError
from sitroom.events.typing import types

# colour per ACLED top type (colour-blind-safe palette, Okabe-Ito)
TYPE_COLOURS = {
    "battles": "#D55E00",
    "explosions_remote_violence": "#E69F00",
    "violence_against_civilians": "#CC79A7",
    "strategic_developments": "#0072B2",
    "protests": "#009E73",
    "riots": "#56B4E9",
    "statements": "#999999",
    "other_events": "#000000",
    None: "#7f7f7f",
}
SIDE_COLOURS = {"UA": "#0057B7", "RU": "#C8102E", "US": "#3C3B6E", "WEST": "#4B8BBE", None: "#777777"}
STANCES = ("asserted", "denied", "unconfirmed", "hedged")
STATUSES = ("corroborated", "single-source", "contested")


class NotFound(SitroomError):
    """A page for something the store does not hold."""


def type_label(name: str | None) -> str:
    if not name:
        return "no events"
    labels = types().get("labels", {})
    return labels.get(name) or name.replace("_", " ").capitalize()


def top_types() -> list[str]:
    return list(types()["top_types"])


def side_colour(side: str | None) -> str:
    return SIDE_COLOURS.get(side, "#6a3d9a")


def resolve_entity(store, value: str | None) -> dict | None:
    """An entity by id, else by any of its names (any script or spelling); a value that
    names nothing is an error, not an empty filter."""
    if not value:
        return None
    entity = store.get_entity(value)
    if entity:
        return entity
    from sitroom.search import _keys
    from sitroom.entities.names import default_romanizer

    found = store.find_entities(_keys(value, default_romanizer()), value)
    if not found:
        raise NotFound(f"no entity named {value!r}")
    return found[0]


def story_doc_ids(store, story_id: str | None) -> tuple[dict | None, list[str] | None]:
    if not story_id:
        return None, None
    story = store.get_story(story_id)
    if story is None:
        raise NotFound(f"no story {story_id!r}")
    return story, story["doc_ids"]


def claims_view(store, claims: list[dict]) -> list[dict]:
    """Claims for display: the briefing's view plus the source entity's name and the
    document's language."""
    names = store.entities_by_id([c.get("source_entity_id") for c in claims])
    out = []
    for c in claims:
        v = claim_view(c)
        ent = names.get(c.get("source_entity_id") or "")
        v["source_entity_name"] = ent["name"] if ent else None
        v["language"] = c.get("language")
        out.append(v)
    return out


def slim_group(g: dict) -> dict:
    """A claim group without its (possibly thousands of) claim and document ids: their
    numbers instead."""
    out = {k: v for k, v in g.items() if k not in ("claim_ids", "doc_ids")}
    out["n_claims"] = len(g.get("claim_ids") or [])
    out["n_docs"] = len(g.get("doc_ids") or [])
    return out
