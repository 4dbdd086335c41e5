"""The knowledge base: entities by name key, seeded from ``actors.jsonl``, growing with the text.

Three origins share one index: ``kb`` (curated actors shipped with the package, ids
``actor:<key>``), ``gazetteer`` (places, added the first time one is mentioned, ids
``geonames:<id>``, ``country:<cc>``, ``place:<key>``) and ``text`` (people, organisations,
groups and places no table knows, ids ``<type>:<slug>``). The index lives in memory; the
store keeps it (``entities``, ``entity_aliases``) and :meth:`flush` writes what changed.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sitroom.entities import kbdata
from sitroom.entities.names import Romanizer, cyrillic_readings
from sitroom.errors import DataFileError

ACTOR_TYPES = {"person", "organization", "group"}
SEED_KEY = "actors-seed"
SLUG = re.compile(r"[^a-z0-9]+")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass
class Entity:
    id: str
    name: str
    type: str
    origin: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    region: str | None = None
    feature: str | None = None
    role: str | None = None
    affiliation: str | None = None
    kind: str | None = None
    ids: dict[str, Any] = field(default_factory=dict)
    attrs: dict[str, Any] = field(default_factory=dict)

    def row(self) -> dict[str, Any]:
        return dict(self.__dict__)


def slug(text: str) -> str:
    from anyascii import anyascii

    s = SLUG.sub("-", anyascii(text).lower()).strip("-")
    if not s:
        s = hashlib.sha1(text.encode()).hexdigest()[:10]
    return s[:60]


def _fingerprint(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()[:16]


def actors_fingerprint() -> str:
    """What ``load_actors`` returns as the file's fingerprint, without reading the rows."""
    path = kbdata.kb_path("actors.jsonl")
    return _fingerprint(path.read_bytes() if path.exists() else b"")


def load_actors(romanizer: Romanizer) -> tuple[list[Entity], dict[str, list[tuple[str, str | None]]], str]:
    """Curated actors, their names, and a fingerprint of the file."""
    path = kbdata.kb_path("actors.jsonl")
    raw = path.read_bytes() if path.exists() else b""
    rows = kbdata.read_jsonl(path, ("key", "type", "names")) if path.exists() else []
    entities, names = [], {}
    seen: set[str] = set()
    for row in rows:
        if row["key"] in seen:
            raise DataFileError(str(path), row["_line"], f"duplicate key {row['key']!r}")
        seen.add(row["key"])
        if row["type"] not in ACTOR_TYPES:
            raise DataFileError(str(path), row["_line"], f"type must be one of {sorted(ACTOR_TYPES)}")
        all_names = kbdata.all_names(row, path)
        if not all_names:
            raise DataFileError(str(path), row["_line"], "an actor needs at least one name")
        _check_former_affiliations(row, path)
        en = row["names"].get("en") or [all_names[0][0]]
        entity = Entity(
            id=f"actor:{row['key']}", name=en[0] if isinstance(en, list) else en, type=row["type"], origin="kb",
            country=row.get("country") or _country_code(row.get("affiliation")),
            role=row.get("role"), affiliation=row.get("affiliation"), kind=row.get("kind"),
            ids={k: row[k] for k in ("wikidata",) if k in row},
            attrs={k: row[k] for k in ("former_roles", "former_affiliations", "state_media") if k in row},
        )
        entities.append(entity)
        names[entity.id] = all_names
    return entities, names, _fingerprint(raw)


def _check_former_affiliations(row: dict, path) -> None:
    """``former_affiliations``: a list of {"affiliation", "from" (optional), "until"
    (optional)} with ISO dates, the side an actor spoke for over that time ("until" is the
    first day it no longer holds)."""
    spans = row.get("former_affiliations")
    if spans is None:
        return
    if not isinstance(spans, list):
        raise DataFileError(str(path), row["_line"], "former_affiliations must be a list")
    for span in spans:
        if not isinstance(span, dict) or not isinstance(span.get("affiliation"), str) \
                or not (span.get("from") or span.get("until")):
            raise DataFileError(str(path), row["_line"],
                                'each former affiliation needs "affiliation" and "from" or "until"')
        for key in ("from", "until"):
            if key in span and not (isinstance(span[key], str) and _ISO_DAY.fullmatch(span[key])):
                raise DataFileError(str(path), row["_line"], f'former affiliation "{key}" must be a date YYYY-MM-DD')


def side_on(entity: dict, day: str | None) -> str | None:
    """The side an actor (a row of the store, with ``attrs``) spoke for on ``day`` (ISO):
    a former affiliation whose span holds the day, else the current one."""
    current = entity.get("affiliation")
    if not day:
        return current
    for span in (entity.get("attrs") or {}).get("former_affiliations") or ():
        if span.get("from", "") <= day[:10] < span.get("until", "9999"):
            return span["affiliation"]
    return current


def _country_code(value) -> str | None:
    """An ISO 3166-1 alpha-2 code, or None ("UN", "EU", "NATO" are sides, not countries)."""
    import pycountry

    if isinstance(value, str) and len(value) == 2 and pycountry.countries.get(alpha_2=value):
        return value
    return None


class KnowledgeBase:
    """Entities and their name keys, in memory, written back to a store on :meth:`flush`."""

    def __init__(self, romanizer: Romanizer) -> None:
        self.romanizer = romanizer
        self.entities: dict[str, Entity] = {}
        self.by_key: dict[str, set[str]] = defaultdict(set)
        self.by_last: dict[str, set[str]] = defaultdict(set)   # last word of person names
        self.aliases: dict[str, dict[str, tuple[str | None, int]]] = defaultdict(dict)
        self._dirty_entities: set[str] = set()
        self._dirty_aliases: set[tuple[str, str]] = set()

    # -- building ------------------------------------------------------------------
    @classmethod
    def seeded(cls, romanizer: Romanizer) -> "KnowledgeBase":
        kb = cls(romanizer)
        entities, names, _ = load_actors(romanizer)
        for e in entities:
            kb.add_entity(e, names[e.id], seen=False)
        return kb

    @staticmethod
    def seed(store, romanizer: Romanizer) -> bool:
        """Write the shipped actors into the store when the file changed since the store
        last read it (a new role, side or name); True when it did."""
        if store.kb_state(SEED_KEY) == actors_fingerprint():
            return False
        entities, names, fp = load_actors(romanizer)
        with store.transaction():
            for e in entities:
                store.upsert_entity(e.row())
                store.add_aliases([(e.id, n, romanizer.key(n, lang), lang, 0) for n, lang in names[e.id]
                                   if romanizer.key(n, lang)])
            store.set_kb_state(SEED_KEY, fp)
        return True

    @classmethod
    def from_store(cls, store, romanizer: Romanizer) -> "KnowledgeBase":
        """Load the store's KB, after (re)seeding it when the shipped actors file changed."""
        cls.seed(store, romanizer)
        kb = cls(romanizer)
        for row in store.iter_entities():
            kb._index_entity(Entity(**row))
        for entity_id, alias, key, lang, seen in store.iter_aliases():
            if entity_id in kb.entities:
                kb._index_alias(entity_id, alias, key, lang, seen)
        return kb

    def add_entity(self, entity: Entity, names: list[tuple[str, str | None]] = (), seen: bool = True) -> Entity:
        if entity.id not in self.entities:
            self._index_entity(entity)
            self._dirty_entities.add(entity.id)
        for name, lang in names:
            self.add_alias(entity.id, name, lang, seen)
        return self.entities[entity.id]

    def add_alias(self, entity_id: str, alias: str, language: str | None, seen: bool = True) -> None:
        alias = alias.strip()
        if not alias:
            return
        old = self.aliases[entity_id].get(alias)
        if old is not None and (old[1] or not seen):
            return
        key = self.romanizer.key(alias, language)
        if not key:
            return
        self._index_alias(entity_id, alias, key, language, int(seen))
        self._dirty_aliases.add((entity_id, alias))

    def _index_entity(self, e: Entity) -> None:
        self.entities[e.id] = e

    def _index_alias(self, entity_id: str, alias: str, key: str, lang: str | None, seen: int) -> None:
        self.aliases[entity_id][alias] = (lang, seen)
        self.by_key[key].add(entity_id)
        if self.entities[entity_id].type == "person":
            words = key.split()
            if len(words) >= 2:
                self.by_last[words[-1]].add(entity_id)

    # -- lookup --------------------------------------------------------------------
    def find(self, surface: str, language: str | None) -> list[Entity]:
        """Entities with a name of the same key (or, for inflected Cyrillic, of a base form)."""
        return self._lookup(self.by_key, surface, language)

    def find_last_name(self, surface: str, language: str | None) -> list[Entity]:
        """People whose full name ends with this word ("Gerasimov", "Герасимовым")."""
        return self._lookup(self.by_last, surface, language)

    def _lookup(self, index: dict[str, set[str]], surface: str, language: str | None) -> list[Entity]:
        forms = [surface] + self.romanizer.base_forms(surface, language)
        for form in forms:
            for lang in cyrillic_readings(form, language):
                ids = index.get(self.romanizer.key(form, lang))
                if ids:
                    return [self.entities[i] for i in sorted(ids)]
        return []

    def keys_of_type(self, type_: str) -> dict[str, str]:
        """key -> entity id for every alias of entities of one type (for fuzzy matching)."""
        out = {}
        for key, ids in self.by_key.items():
            for i in ids:
                if self.entities[i].type == type_:
                    out[key] = i
        return out

    def names_of(self, entity_id: str) -> list[str]:
        return list(self.aliases.get(entity_id, {}))

    # -- persistence ---------------------------------------------------------------
    def flush(self, store) -> None:
        """Write new entities and aliases; call inside the caller's transaction."""
        for eid in sorted(self._dirty_entities):
            store.upsert_entity(self.entities[eid].row())
        rows = []
        for eid, alias in self._dirty_aliases:
            lang, seen = self.aliases[eid][alias]
            rows.append((eid, alias, self.romanizer.key(alias, lang), lang, seen))
        store.add_aliases(rows)
        self._dirty_entities.clear()
        self._dirty_aliases.clear()
