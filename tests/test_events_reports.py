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


@pytest.mark.parametrize(("text", "kept", "dropped"), [
    # an act of another kind does not make a named weapon an attack ...
    ("Twelve nations agreed to send howitzers and artillery shells to Kyiv.", "AGREEMENT", "ART_MISS_ATTACK"),
    ("The minister visited Kyiv to discuss howitzers for the front.", "VISIT", "ART_MISS_ATTACK"),
    # ... an act of political violence does, across violent types
    ("Artillery shells killed two women in the market.", "ART_MISS_ATTACK", None),
    ("Missiles were part of the fighting near the bridge.", "ART_MISS_ATTACK", None),
])
def test_a_named_weapon_is_real_only_by_an_act_of_its_kind(text, kept, dropped):
    found = subtypes(text)
    assert kept in found
    if dropped:
        assert dropped in [t.subtype for t in classify(text, "en")], "the weapon must be typed for the test to mean anything"
        assert dropped not in found


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


@pytest.mark.parametrize(("lang", "state", "act"), [
    ("en", "Families were moved from the temporarily occupied territories to Crimea.",
     "Russian troops occupied the town in early March."),
    ("en", "Flights over Russian-occupied areas remain banned.", "The town was occupied by the invaders."),
    ("uk", "Родини вивезли з тимчасово захоплених територій.", "Російські війська захопили місто на початку березня."),
    ("ru", "Семьи вывезли с временно оккупированных территорий.", "Российские войска оккупировали город в начале марта."),
    ("de", "Die Familien in den besetzten Gebieten warten auf Hilfe.", "Russische Truppen besetzten die Stadt im März."),
    ("fr", "Les familles des territoires occupés attendent de l'aide.", "Les troupes russes ont occupé la ville en mars."),
])
def test_a_participle_before_its_noun_names_a_state_not_an_event(lang, state, act):
    assert classify(state, lang)  # typed as about a capture ...
    assert subtypes(state, lang) == []  # ... but reporting none
    assert "TERRITORY_CAPTURED" in subtypes(act, lang)


def test_an_adverb_after_a_copula_leaves_the_participle_a_report():
    assert "ATTACK" in subtypes("The teacher, who was recently killed in a strike on the school, taught there.")
    assert "PROPERTY_DISTRUCT" not in subtypes("Crowds gathered around the destroyed tanks on the square.")


@pytest.mark.parametrize(("text", "subtype"), [
    ("Російські війська атакували лікарню в Маріуполі.", "ARMED_CLASH"),
    ("Острів атаковано російськими кораблями.", "ARMED_CLASH"),
    ("Бойові дії тривають на околицях міста.", "ARMED_CLASH"),
    ("Місто бомбардували всю ніч.", "AIR_STRIKE"),
    ("Внаслідок обстрілу зруйновано житловий будинок.", "PROPERTY_DISTRUCT"),
    ("Другий раунд переговорів закінчився без результату.", "NEGOTIATION"),
])
def test_ukrainian_reports_in_every_verb_form(text, subtype):
    assert subtype in subtypes(text, "uk"), classify(text, "uk")


@pytest.mark.parametrize(("text", "lang"), [
    ("Президент поїхав у зону бойових дій.", "uk"),  # a place, not a battle
    ("Завтра о 10:00 розпочнеться третій раунд переговорів.", "uk"),  # a round to come
    ("Він просив союзників вмовити Кремль завершити бойові дії.", "uk"),
    ("Президент приехал в зону боевых действий.", "ru"),
    ("The drones were aimed at attacking civilian buildings.", "en"),  # a purpose
])
def test_places_purposes_and_rounds_to_come_are_no_reports(text, lang):
    assert subtypes(text, lang) == [] or subtypes(text, lang) == ["AIR_STRIKE"], classify(text, lang)
    assert not {"ARMED_CLASH", "NEGOTIATION", "ATTACK"} & set(subtypes(text, lang))


@pytest.mark.parametrize(("lang", "other_sense", "event", "subtype"), [
    ("ru", "Наши гости изрядно задержались в магазине.", "Полиция задержала двоих подозреваемых.", "ARREST"),
    ("uk", "Вона затрималася на роботі до вечора.", "Поліція затримала двох чоловіків.", "ARREST"),
    ("ru", "Такие слухи подрывают доверие к власти.", "После подрыва машины на окраине погибли двое.", "REM_EXPLOS"),
    ("ru", "Это поистине взрывные темпы роста.", "В центре города прогремел взрыв.", "REM_EXPLOS"),
    ("uk", "Снаряди вибухової дії лежали на складі.", "Вибухи пролунали вночі в Криму.", "REM_EXPLOS"),
    ("ru", "Это привело к катастрофическим последствиям.", "Вчера на шахте произошла катастрофа.", "MAN_MADE_DISASTER"),
    ("ru", "Это гуманитарная катастрофа.", "Вчера на шахте произошла авария.", "MAN_MADE_DISASTER"),
    ("ru", "Здания признаны аварийными.", "Под Тверью разбился самолёт, это авиакатастрофа.", "MAN_MADE_DISASTER"),
    ("ru", "Бойцы доказали храбрость на поле боя.", "Бои идут в центре города.", "ARMED_CLASH"),
    ("uk", "Бійці довели хоробрість на полі бою.", "Запеклі бої тривають біля міста.", "ARMED_CLASH"),
    ("ru", "Выход из союза освобождает место для новых членов.", "Войска освободили село.", "GOV_REGAINS_TERIT"),
    ("ru", "Фермеры получили право на освобождение от налогов.", "Освобождены ещё два села.", "GOV_REGAINS_TERIT"),
    ("uk", "Міністра звільнили з посади у вівторок.", "ЗСУ звільнили село.", "GOV_REGAINS_TERIT"),
    ("ru", "Страну покинули более миллиона человек.", "Российские войска покинули город.", "WITHDRAWAL"),
    ("uk", "Більшість мешканців покинула місто.", "Російські війська покинули місто.", "WITHDRAWAL"),
    ("ru", "Неважно, сколько людей при этом погибнет.", "Погибли два человека.", "ATTACK"),  # a future
    ("ru", "Удар по селу нанесла РСЗО «Ураган».", "Ураган разрушил сотни домов.", "NATURAL_DISASTER"),
    ("ru", "Позиция по мирным переговорам ужесточилась, и это произошло под давлением.",
     "Переговоры прошли в Стамбуле.", "NEGOTIATION"),  # "это произошло" is said of something else
    ("de", "Die Nachricht ging in einer Flut von Meldungen unter.", "Bei der Flut im Juli starben 141 Menschen.",
     "NATURAL_DISASTER"),
    ("de", "Er gewann die Wahl mit einem erdrutschartigen Vorsprung.", "Ein Erdrutsch verschüttete drei Häuser.",
     "NATURAL_DISASTER"),
    ("de", "Von Berlin aus nahm er ein Studium in Kiew auf.", "Die Armee nahm die Stadt ein.", "TERRITORY_CAPTURED"),
    ("de", "Putin demonstrierte neue Stärke.", "Tausende demonstrierten am Samstag gegen den Krieg.", "PEACE_PROTEST"),
    ("de", "Als Demonstration seiner Macht ließ er Raketen testen.",
     "In Berlin fand eine Demonstration mit 100.000 Teilnehmern statt.", "PEACE_PROTEST"),
    ("de", "Seit dem Einmarsch in die Ukraine ist viel geschehen.", "Tausende zogen beim Ostermarsch durch die Stadt.",
     "PEACE_PROTEST"),
    ("de", "Russland beeinflusst Wahlen mit Cyberangriffen.", "Der Angriff auf die Stadt begann um vier Uhr.",
     "ARMED_CLASH"),
    ("de", "Der russische Angriffskrieg ist das Thema des Treffens.",
     "Russland hat vor drei Jahren einen Angriffskrieg begonnen.", "ARMED_CLASH"),  # the war named, then waged
    ("de", "Ihre Erfolge auf dem Schlachtfeld sprechen für sich.", "Die Schlacht um die Stadt dauert an.", "ARMED_CLASH"),
    ("de", "Der Chef der Truppen zur Abwehr von Strahlung sprach.", "Die Ukrainer haben den Angriff vor Kiew abgewehrt.",
     "ARMED_CLASH"),
    ("de", "Kämpferische Gewerkschafter trafen sich in Wien.", "Die Kämpfe um den Flughafen dauern an.", "ARMED_CLASH"),
    ("de", "Der russische Überfall sei die Ursache der Krise.", "Der Überfall auf die Ukraine begann im Februar.",
     "ARMED_CLASH"),
    ("de", "Die Übungen folgten einem vorher vereinbarten Zeitplan.", "Beide Seiten vereinbarten eine Waffenruhe.",
     "AGREEMENT"),
])
def test_a_trigger_word_in_another_sense_reports_no_event(lang, other_sense, event, subtype):
    assert subtype not in subtypes(other_sense, lang), classify(other_sense, lang)
    assert subtype in subtypes(event, lang), classify(event, lang)


@pytest.mark.parametrize(("lang", "text", "subtype"), [
    ("de", "Der Diktator ließ mehrere hundert Demonstrant:innen erschießen.", "FORCE_AGAINST_PROTEST"),
    ("de", "Mehr als 3.000 Soldaten sind im Krieg getötet oder verletzt worden.", "ARMED_CLASH"),  # not civilians
    ("de", "Die meisten Opfer wurden in den Hinterkopf geschossen.", "ATTACK"),  # executed, not shelled
    ("de", "Die Opfer des syrischen Chemieangriffs wurden begraben.", "CHEM_WEAP"),
    ("ru", "Село обстреляли из РСЗО «Ураган».", "ART_MISS_ATTACK"),  # the launcher, no hurricane
    ("ru", "Лавров покинул заседание сразу после своего выступления.", "DIPLO"),
])
def test_the_kind_of_event_follows_the_victims_and_the_weapon(lang, text, subtype):
    assert subtypes(text, lang)[:1] == [subtype], classify(text, lang)


@pytest.mark.parametrize(("lang", "state", "act"), [
    ("ru", "Воссоединение освобождённых регионов с Россией предрешено.", "Войска освободили три района."),
    ("ru", "Жители оккупированных территорий получили паспорта.", "Российские войска оккупировали город."),
    ("uk", "Бакалія — звільнене українське місто.", "ЗСУ звільнили місто у вересні."),
])
def test_a_participle_before_a_territory_noun_names_a_state(lang, state, act):
    assert classify(state, lang) and subtypes(state, lang) == []
    assert subtypes(act, lang)


def test_english_idioms_and_victims():
    assert subtypes("As of 14th march the army had lost 389 tanks.") == []  # the month, lower case
    assert "ARMED_CLASH" in subtypes("Medics carrying the wounded came under fire near Kherson.")
    killed = subtypes("Two residents were killed and several wounded in the shelling.")
    assert "MOB_VIOL" not in killed and "ART_MISS_ATTACK" in killed  # the residents are the victims
    assert "MOB_VIOL" in [t.subtype for t in classify("Angry villagers beat the thief to death.", "en")]
    assert subtypes("Shell withdrew from its Russian joint ventures.") == ["WITHDRAWAL"]  # the company
    assert "ART_MISS_ATTACK" in subtypes("Russian forces continue to shell the city.")


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
