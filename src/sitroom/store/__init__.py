"""The store: all SQL lives under this package.

``open_store`` picks the backend from the location; today that is SQLite. A PostgreSQL
backend implements the same ``Store`` methods in its own module.
"""

from __future__ import annotations

from sitroom.store.sqlite import SQLiteStore

Store = SQLiteStore


def open_store(location: str) -> SQLiteStore:
    """Open (creating and migrating if needed) the store at ``location``."""
    return SQLiteStore.open(location)


__all__ = ["Store", "SQLiteStore", "open_store"]
