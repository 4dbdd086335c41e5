"""One table of settings: name, default, help. It drives the CLI help and the docs.

Values come from defaults, then ``SITROOM_<NAME>`` environment variables, then explicit
keyword arguments (the CLI passes its options that way). Nothing is read at import time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace


def _setting(default, help: str):  # noqa: A002 - mirrors dataclass field metadata
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    db: str = _setting("sitroom.db", "SQLite store file (created if missing).")
    max_bytes: int = _setting(20 * 1024 * 1024, "Inputs larger than this many bytes are rejected.")
    min_text_chars: int = _setting(25, "Documents with less cleaned text than this are rejected.")
    batch_size: int = _setting(64, "Documents written per store transaction.")
    near_duplicate_threshold: float = _setting(
        0.6, "Estimated word-shingle Jaccard similarity from which two documents are one story copy."
    )
    minhash_permutations: int = _setting(128, "MinHash permutations for near-duplicate detection.")
    shingle_size: int = _setting(3, "Words per shingle for near-duplicate detection.")
    fetch_timeout: float = _setting(20.0, "Seconds before a URL fetch gives up.")
    user_agent: str = _setting("sitroom/0.1 (+offline news analysis)", "User-Agent for URL fetches.")
    cache_dir: str = _setting(
        os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "sitroom"),
        "Folder for derived indexes rebuilt from shipped data (the gazetteer).",
    )
    gazetteer_near_population: int = _setting(
        500, "Smallest populated place kept in the gazetteer for the countries of the conflict zone."
    )
    gazetteer_min_population: int = _setting(
        1000, "Smallest populated place kept in the gazetteer elsewhere."
    )
    entity_batch_size: int = _setting(32, "Documents per batch through the NER models.")
    map_tiles: str = _setting(
        "", "Tile URL template for the web map when online (e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png); "
            "empty: the bundled offline basemap (country borders) only.")

    @classmethod
    def load(cls, **overrides) -> "Settings":
        values = {}
        for f in fields(cls):
            env = os.environ.get(f"SITROOM_{f.name.upper()}")
            if env is not None:
                values[f.name] = type(f.default)(env)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)

    @classmethod
    def describe(cls) -> list[tuple[str, object, str]]:
        return [(f.name, f.default, f.metadata["help"]) for f in fields(cls)]
