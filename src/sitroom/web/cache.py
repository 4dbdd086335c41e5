"""Derived views cached until the store changes.

The web app reads one store through one read-only connection. Some views (the timeline
with its date selection, the map's markers, the figure series) are computed from the whole
store; they are kept in memory and recomputed when ``PRAGMA data_version`` says another
connection (``sitroom process``) has committed since.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any


class StoreViews:
    """One store connection shared by the app's threads (a lock makes its use serial)
    and a cache of derived views keyed by name, arguments and the store's data version."""

    def __init__(self, store, max_entries: int = 64, tiles: str = "") -> None:
        self.store = store
        self.tiles = tiles  # optional online tile URL for the maps
        self.lock = threading.RLock()
        self._cache: dict[Hashable, Any] = {}
        self._version: int | None = None
        self._max = max_entries
        self._romanizer = None

    @property
    def romanizer(self):
        """The name-key romanizer, loaded on first use (search, entity lookup)."""
        if self._romanizer is None:
            from sitroom.entities.names import default_romanizer

            self._romanizer = default_romanizer()
        return self._romanizer

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The cached value for ``key``, computed under the lock when missing or stale."""
        with self.lock:
            version = self.store.data_version()
            if version != self._version:
                self._cache.clear()
                self._version = version
            if key not in self._cache:
                if len(self._cache) >= self._max:
                    self._cache.pop(next(iter(self._cache)))
                self._cache[key] = compute()
            return self._cache[key]
