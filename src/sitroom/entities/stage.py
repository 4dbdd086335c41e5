"""The entities stage over a store: every document without current mentions gets them.

Resumable: each batch of documents is one transaction holding their mentions, the new
entities and aliases, and the ``stage_outputs`` marks; a crash loses at most the batch in
flight and the next run picks up the documents still unmarked.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from sitroom.entities.engine import EntityEngine
from sitroom.entities.kb import KnowledgeBase
from sitroom.entities.names import default_romanizer
from sitroom.settings import Settings

STAGE = "entities"
VERSION = "12"  # 2: a side named as a whole is one entity; 3: natasha names cut, "МИД России" one organisation;
# 4: Ukrainian respelled for natasha, mentions fitted to known names, companies named with their legal form;
# 5: a place the gazetteer lacks lies near the document's focus place; 6: the sides of a results table are teams;
# 7: a surname after the full name, a name found once found again, people in results lists;
# 8: abbreviations of several places, names with their article, a region named like its country;
# 9: towns in the region written after them, bodies named after their place, Arab towns without the article;
# 10: Ukrainian/Russian words no longer places from their shape or a romanized key alone, dialogue dashes;
# 11: names the words around them make places ("in Mariupol"), the longest name the gazetteer holds, an
#     organisation named after its town stands there (its near_entity_id: "Mykolaiv Oncology Hospital")
# 12: 118 more people in kb/actors.jsonl (officials, legislators and party leaders who spoke on the war in 2022)


@dataclass
class EntityReport:
    documents: int = 0
    mentions: int = 0
    new_entities: int = 0
    by_how: Counter = field(default_factory=Counter)
    by_type: Counter = field(default_factory=Counter)


def run_entities(store, settings: Settings, engine: EntityEngine | None = None,
                 on_progress: Callable[[int, int], None] | None = None,
                 on_status: Callable[[str], None] | None = None) -> EntityReport:
    pending = store.documents_without(STAGE, VERSION)
    report = EntityReport()
    if not pending:
        # no text to link, but the shipped actors may have changed in ways that do not
        # change linking (a role, a former side): the store takes them all the same
        KnowledgeBase.seed(store, engine.kb.romanizer if engine is not None else default_romanizer())
        return report
    if engine is None:
        kb = KnowledgeBase.from_store(store, default_romanizer())
        engine = EntityEngine.load(settings, kb=kb, progress=on_status)
    before = len(engine.kb.entities)
    size = max(1, settings.entity_batch_size)
    for i in range(0, len(pending), size):
        docs = [d for d in (store.get_document(doc_id) for doc_id in pending[i:i + size]) if d is not None]
        found = engine.detect_many([(d.text, d.language or "und") for d in docs])
        with store.transaction():
            for doc, mentions in zip(docs, found):
                links = engine.link(doc.text, doc.language or "und", mentions)
                rows = [(lk.mention.start, lk.mention.end, lk.mention.text, lk.mention.type, lk.entity_id,
                         lk.mention.detector, lk.how, lk.near) for lk in links]
                engine.kb.flush(store)  # the entities first: mentions point at them
                store.replace_mentions(doc.id, rows, STAGE, VERSION)
                report.documents += 1
                report.mentions += len(rows)
                report.by_how.update(lk.how for lk in links)
                report.by_type.update(lk.mention.type for lk in links)
        if on_progress:
            on_progress(report.documents, len(pending))
    report.new_entities = len(engine.kb.entities) - before
    return report
