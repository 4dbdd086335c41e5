"""Event reports (sitroom.events.reports): what a text reports as having happened, not every
weapon or plan it names; and events (sitroom.events.builder): which reports are one event.
All sentences are our own."""

from __future__ import annotations

import json

import pytest

from sitroom.errors import DataFileError
from sitroom.events.builder import rebuild_events
from sitroom.events.reports import reported
from sitroom.events.typing import classify, load_lexicon


def subtypes(text: str, lang: str = "en", **kw) -> list[str]:
    return [t.subtype for t in reported(text, lang, **kw)]


@pytest.mark.parametrize(("text", "subtype"), [
    ("Russian forces shelled the village overnight.", "ART_MISS_ATTACK"),
    ("Missiles hit the railway station before dawn.", "ART_MISS_ATTACK"),
    ("Russia launched twenty drones at the capital.", "AIR_STRIKE"),
    ("The EU imposed new sanctions on Moscow on Monday.", "DIPLO"),
    ("Russia may have captured the village.", "TERRITORY_CAPTURED"),  # hedged, but a report of the past
    ("The brigade was forced to withdraw from the town.", "WITHDRAWAL"),
    ("Thousands rallied in the square to protest against the war.", "PEACE_PROTEST"),
])
def test_an_act_stated_as_real_is_reported(text, subtype):
    assert subtypes(text)[:1] == [subtype], classify(text, "en")


@pytest.mark.parametrize("text", [
    "The United States will send long-range rocket systems to Kyiv.",  # a delivery to come
    "The alliance keeps four battle groups on its eastern flank.",  # units, no act
    "Sanctions weigh on the Russian economy.",  # a thing named, no act
    "He offered his support to the cabinet while pushing for tougher sanctions.",  # the act is not on the thing
    "Russia could capture the village within days.",
    "Peace talks could resume next week.",
    "The general ordered his troops to withdraw from the town.",
    "There was no shelling overnight.",
    "If the dam fails, the flood will reach the city.",
    "Who shelled the market on Sunday?",
    "Finland would not be buying fire insurance.",
])
def test_no_event_is_reported_by_plans_things_negations_and_questions(text):
    assert classify(text, "en"), "the sentence must have a trigger for the test to mean anything"
    assert subtypes(text) == []


def test_words_before_the_content_count_when_the_sentence_is_given():
    text = "Pretoria called for the withdrawal of Russian troops."
    start = text.index("the withdrawal")
    assert subtypes(text, start=start, end=len(text) - 1) == ["WITHDRAWAL"]
    assert subtypes(text, start=start, end=len(text) - 1, context=0) == []


def test_a_statement_is_never_an_event_report():
    text = "The ministry said in a statement that the bridge was closed."
    assert any(t.subtype == "STATEMENT" for t in classify(text, "en"))
    assert "STATEMENT" not in subtypes(text)


def test_a_march_in_the_calendar_is_no_protest():
    assert subtypes("The talks resumed on 3 March in Geneva.")[:1] != ["PEACE_PROTEST"]
    assert subtypes("Hundreds marched through the city centre.") == ["PEACE_PROTEST"]


@pytest.mark.parametrize(("lang", "real", "unreal"), [
    ("fr", "L'armée russe a bombardé la ville pendant la nuit.", "La Russie pourrait bombarder la ville."),
    ("de", "Raketen schlugen in der Nacht in Charkiw ein.", "Deutschland will weitere Raketen liefern."),
    ("ru", "Ракеты попали в здание администрации.", "США передадут Украине ракеты большой дальности."),
    ("uk", "Ракети влучили в житловий будинок.", "Ворог може обстріляти місто."),
])
def test_every_language_tells_an_act_from_a_plan(lang, real, unreal):
    assert subtypes(real, lang), classify(real, lang)
    assert classify(unreal, lang) and subtypes(unreal, lang) == []


def test_lexicon_flags_other_than_means_are_rejected():
    bad = json.dumps({"language": "xx", "triggers": {"ARREST": [["arrest*", 2.0, "maybe"]]}})
    with pytest.raises(DataFileError, match="means"):
        load_lexicon(bad, "bad.json")
    good = load_lexicon(json.dumps({"language": "xx", "triggers": {"ARREST": [["custody", 2.0, "means"]]},
                                    "reports": {"acts": ["held"], "irrealis_before": ["could"]}}))
    assert good.triggers[0][3] is True and len(good.acts) == 1 and len(good.irrealis_before) == 1


# --------------------------------------------------------------------------- events from reports


class _Store:
    """What rebuild_events reads and writes, in memory."""

    def __init__(self, claims, entities, duplicates=None):
        self.claims, self.entities, self.duplicates, self.events = claims, entities, duplicates or {}, []

    def iter_claims(self):
        return iter(self.claims)

    def get_entity(self, entity_id):
        return self.entities.get(entity_id)

    def duplicate_map(self):
        return self.duplicates

    def replace_events(self, rows):
        self.events = rows


def _claim(cid, doc, subtype, place=None, date="2024-08-14", kind="official", source="Kyiv", stance="asserted"):
    return {"id": cid, "doc_id": doc, "event_types": [subtype], "entity_ids": [place] if place else [],
            "refers_to": None, "said_on": date, "source_kind": kind, "source_entity_id": None,
            "source_text": source, "stance": stance}


ENTITIES = {"place:sudzha": {"id": "place:sudzha", "type": "place", "feature": "town", "name": "Sudzha"}}


def test_reports_without_a_place_are_joined_only_within_their_document():
    store = _Store([_claim("c1", "d1", "ARMED_CLASH"), _claim("c2", "d2", "ARMED_CLASH"),
                    _claim("c3", "d1", "ARMED_CLASH", source="the governor")], ENTITIES)
    rebuild_events(store)
    assert sorted(len(e["claim_ids"]) for e in store.events) == [1, 2]
    assert all(len(e["doc_ids"]) == 1 for e in store.events)


def test_reports_of_one_place_and_day_are_one_event_across_documents_and_copies():
    store = _Store([_claim("c1", "d1", "ART_MISS_ATTACK", "place:sudzha"),
                    _claim("c2", "d2", "ART_MISS_ATTACK", "place:sudzha", source="Moscow"),
                    _claim("c3", "d3", "ART_MISS_ATTACK", None)], ENTITIES, duplicates={"d3": "d1"})
    rebuild_events(store)
    joined = [e for e in store.events if e["place_entity_id"] == "place:sudzha"]
    assert len(joined) == 1 and joined[0]["doc_ids"] == ["d1", "d2"] and joined[0]["status"] == "corroborated"
    assert "Sudzha" in joined[0]["summary"]


def test_the_article_repeating_its_source_is_no_corroboration():
    store = _Store([_claim("c1", "d1", "AIR_STRIKE", "place:sudzha"),
                    _claim("c2", "d1", "AIR_STRIKE", "place:sudzha", kind="author", source="The Daily")], ENTITIES)
    rebuild_events(store)
    assert [e["status"] for e in store.events] == ["single-source"]
    store = _Store([_claim("c1", "d1", "AIR_STRIKE", "place:sudzha"),
                    _claim("c2", "d1", "AIR_STRIKE", "place:sudzha", source="the governor")], ENTITIES)
    rebuild_events(store)
    assert [e["status"] for e in store.events] == ["corroborated"]
