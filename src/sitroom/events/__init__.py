"""Event typing (ACLED-like scheme): see :mod:`sitroom.events.typing`."""

from sitroom.events.typing import EventType, best, classify, top_type

__all__ = ["EventType", "best", "classify", "top_type"]
