"""Entities and places: mentions per language, one entity per real-world thing, places on the map."""

from sitroom.entities.engine import EntityEngine, ResolvedPlace
from sitroom.entities.recognizers import Mention

__all__ = ["EntityEngine", "Mention", "ResolvedPlace"]
