"""Entities: keys, gazetteer, linking across languages, results tables, the stage.

Toponym resolution has its own file, test_toponyms.py."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from sitroom.cli import main
from sitroom.entities import EntityEngine
from sitroom.entities import kbdata
from sitroom.entities.kb import SEED_KEY, KnowledgeBase, load_actors
from sitroom.entities.names import load_rules
from sitroom.entities.engine import lowercase_words, person_names
from sitroom.entities.bodies import Institutions, LegalForms
from sitroom.entities.recognizers import Mention, chunks, lines_of
from sitroom.entities.spelling import Respeller, load_tables
from sitroom.entities.stage import run_entities
from sitroom.errors import DataFileError
from sitroom.export import export_jsonl
from sitroom.store import open_store


@pytest.fixture
def fresh_engine(engine, romanizer) -> EntityEngine:
    """The session's models and gazetteer with an empty-of-text knowledge base."""
    return EntityEngine(engine.settings, romanizer, engine.gazetteer, engine.groups, KnowledgeBase.seeded(romanizer))


# ----------------------------------------------------------------------------- keys

@pytest.mark.parametrize(
    "spelling, language, standard",
    [
        ("Koursk", "fr", "Kursk"), ("Курськ", "uk", "Kursk"), ("Курск", "ru", "Kursk"),
        ("Soudja", "fr", "Sudzha"), ("Sudscha", "de", "Sudzha"), ("Суджа", "ru", "Sudzha"),
        ("Dzerjinsk", "fr", "Dzerzhinsk"), ("Tchasiv Iar", "fr", "Chasiv Yar"), ("Часів Яр", "uk", "Chasiv Yar"),
        ("Pokrowsk", "de", "Pokrovsk"), ("Torezk", "de", "Toretsk"), ("Iermak", "fr", "Yermak"),
        ("Jermak", "de", "Yermak"), ("Poutine", "fr", "Putin"), ("Guerassimov", "fr", "Gerasimov"),
        ("Wolodymyr Selenskyj", "de", "Volodymyr Zelensky"), ("Зеленський", "uk", "Zelenskyy"),
        ("Charkiw", "de", "Kharkiv"), ("Sergej Lawrow", "de", "Sergei Lavrov"),
    ],
)
def test_spellings_share_a_key(romanizer, spelling, language, standard):
    assert romanizer.key(spelling, language) == romanizer.key(standard, "en")


@pytest.mark.parametrize("a, b", [("Kursk", "Sudzha"), ("Putin", "Peskov"), ("Pokrovsk", "Toretsk")])
def test_different_names_keep_different_keys(romanizer, a, b):
    assert romanizer.key(a, "en") != romanizer.key(b, "en")


def test_case_endings_are_undone(romanizer):
    assert "Курск" in romanizer.base_forms("Курске", "ru")
    assert "Суджа" in romanizer.base_forms("Суджей", "ru")
    assert "Владимир Путин" in romanizer.base_forms("Владимира Путина", "ru")
    assert "Курська область" in romanizer.base_forms("Курській області", "uk")
    assert romanizer.base_forms("Kursk", "en") == []


def test_broken_rules_file_names_the_file():
    with pytest.raises(DataFileError, match="romanization.json"):
        load_rules('{"languages": {"en": [["(unclosed", "x"]]}, "common": [], "inflections": {}}')


def test_broken_kb_row_names_file_and_line(tmp_path, monkeypatch, romanizer):
    bad = tmp_path / "actors.jsonl"
    bad.write_text('{"key": "a", "type": "person", "names": {"en": ["A B"]}}\n{"key": "b", "type":\n', "utf-8")
    monkeypatch.setattr(kbdata, "kb_path", lambda name: tmp_path / name)
    with pytest.raises(DataFileError) as exc:
        load_actors(romanizer)
    assert exc.value.line == 2 and "actors.jsonl" in str(exc.value)


def test_kb_row_missing_field_is_reported(tmp_path, monkeypatch, romanizer):
    (tmp_path / "actors.jsonl").write_text('{"key": "a", "names": {"en": ["A B"]}}\n', "utf-8")
    monkeypatch.setattr(kbdata, "kb_path", lambda name: tmp_path / name)
    with pytest.raises(DataFileError, match="missing field.*type"):
        load_actors(romanizer)


# ----------------------------------------------------------------------------- gazetteer

def test_gazetteer_finds_places_under_any_spelling(engine):
    gaz = engine.gazetteer
    sudzha = {c.place.id for c in gaz.candidates("Sudzha", "en")}
    assert sudzha & {c.place.id for c in gaz.candidates("Soudja", "fr")}
    assert sudzha & {c.place.id for c in gaz.candidates("Суджу", "ru")}  # accusative
    toretsk = [c.place for c in gaz.candidates("Toretsk", "en") if c.place.country == "UA"]
    assert toretsk and toretsk[0].lat == pytest.approx(48.4, abs=0.2)
    # the former name reaches the renamed town
    assert toretsk[0].id in {c.place.id for c in gaz.candidates("Dzerzhinsk", "en")}


def test_gazetteer_is_built_once_and_reused(engine, entity_settings):
    from sitroom.entities.gazetteer import Gazetteer

    again = Gazetteer.open(entity_settings, engine.romanizer, progress=lambda msg: pytest.fail(msg))
    assert again.path == engine.gazetteer.path and again.size() > 40_000


# ----------------------------------------------------------------------------- results tables

def test_the_sides_of_a_results_table_are_organisations():
    from sitroom.entities.tables import table_sides
    text = ("Results on Saturday:\nLeeds 2 Chelsea 1\nNEW JERSEY 2 Calgary 1 (OT)\n"
            "Standings:\nQueen's Park 16 3 5 8 20 30 14\nCHICAGO 17 1 .944 -\n"
            "Prices:\nWheat 121 130 121.3 121\nLeeds won 2 of 3 games in May 2024.")
    sides = table_sides(text)
    assert [m.text for m in sides] == ["Leeds", "Chelsea", "NEW JERSEY", "Calgary", "Queen's Park", "CHICAGO"]
    assert all(text[m.start:m.end] == m.text and m.type == "organization" for m in sides)


def test_a_town_in_a_score_line_is_a_team_but_a_country_stays_a_place(engine):
    text = "Football results:\nLeeds 2 Chelsea 1\nJapan 1 Syria 0\nFans in Leeds celebrated."
    found = {(m.text, m.start): m.type for m in engine.detect(text, "en")}
    assert found[("Leeds", text.index("Leeds"))] == "organization"
    assert found[("Japan", text.index("Japan"))] == "place"
    assert found.get(("Leeds", text.rindex("Leeds"))) == "place"  # in running text, the town


# ----------------------------------------------------------------------------- detection and linking

DOCS = [
    ("en", "Kremlin spokesman Dmitry Peskov said on Friday that Vladimir Putin had met Valery Gerasimov. "
           "Putin praised the troops in Kursk, where North Korean soldiers fought near Sudzha."),
    ("fr", "Selon Dmitri Peskov, Vladimir Poutine a reçu Valeri Guerassimov. Des soldats nord-coréens "
           "combattent près de Soudja, au sud de Koursk, a précisé Poutine."),
    ("de", "Kremlsprecher Dmitri Peskow sagte, Wladimir Putin habe in Kursk mit Waleri Gerassimow gesprochen. "
           "Die Ukraine hält weiter Teile von Sudscha."),
    ("ru", "Дмитрий Песков заявил, что Владимир Путин провел совещание в Курске с Валерием Герасимовым. "
           "Российские военные блогеры сообщают о боях под Суджей."),
    ("uk", "Дмитро Пєсков заявив, що Володимир Путін обговорив із Герасимовим ситуацію в Курську. "
           "ЗСУ контролюють Суджу."),
]


def _linked(engine, docs):
    out = []
    for lang, text in docs:
        mentions = engine.detect(text, lang)
        for link in engine.link(text, lang, mentions):
            assert text[link.mention.start:link.mention.end] == link.mention.text
            out.append((lang, link.mention.text, link.entity_id, link.mention.type))
    return out


def _ids_for(links, *forms):
    return {eid for _lang, text, eid, _t in links if text in forms}


def test_one_entity_per_real_thing_across_five_languages(fresh_engine):
    links = _linked(fresh_engine, DOCS)
    sudzha = _ids_for(links, "Sudzha", "Soudja", "Sudscha", "Суджей", "Суджу")
    kursk = _ids_for(links, "Kursk", "Koursk", "Курске", "Курську")
    putin = _ids_for(links, "Vladimir Putin", "Putin", "Vladimir Poutine", "Poutine", "Wladimir Putin",
                     "Владимир Путин", "Володимир Путін")
    peskov = _ids_for(links, "Dmitry Peskov", "Dmitri Peskov", "Dmitri Peskow", "Дмитрий Песков", "Дмитро Пєсков")
    gerasimov = _ids_for(links, "Valery Gerasimov", "Valeri Guerassimov", "Waleri Gerassimow",
                         "Валерием Герасимовым", "Герасимовым")
    for name, ids in [("Sudzha", sudzha), ("Kursk", kursk), ("Putin", putin), ("Peskov", peskov),
                      ("Gerasimov", gerasimov)]:
        assert len(ids) == 1, f"{name} split over {ids}: {links}"
    assert sudzha != kursk and putin != peskov
    assert sudzha == {"geonames:486816"} and kursk == {"geonames:538560"}


def test_partial_name_resolves_within_document_and_across_corpus(fresh_engine):
    first = "Valery Gerasimov, chief of the general staff, visited the front."
    later = "Gerasimov said the offensive would continue."
    a = fresh_engine.link(first, "en", fresh_engine.detect(first, "en"))
    b = fresh_engine.link(later, "en", fresh_engine.detect(later, "en"))
    full = [x.entity_id for x in a if x.mention.text == "Valery Gerasimov"]
    short = [x.entity_id for x in b if x.mention.text == "Gerasimov"]
    assert full and full == short


def test_group_descriptors_are_groups_with_a_side(fresh_engine):
    for lang, text, expected in [
        ("en", "North Korean soldiers were seen near the border.", "KP"),
        ("fr", "Des soldats nord-coréens ont été vus près de la frontière.", "KP"),
        ("ru", "Российские военные блогеры сообщили о прорыве.", "RU"),
    ]:
        groups = [m for m in fresh_engine.detect(text, lang) if m.type == "group"]
        assert groups and groups[0].country == expected, (lang, groups)


def test_a_side_named_as_a_whole_is_one_entity_in_every_language(fresh_engine):
    ids = {}
    for lang, text, surface in [
        ("en", "The Ukrainians pushed north while the West hesitated.", "The Ukrainians"),
        ("fr", "Les Ukrainiens ont avancé vers le nord.", "Les Ukrainiens"),
        ("de", "Die Ukrainer rückten nach Norden vor, der Westen zögerte.", "Die Ukrainer"),
        ("uk", "Українці просунулися на північ, а Захід вагався.", "Українці"),
    ]:
        mentions = fresh_engine.detect(text, lang)
        links = {x.mention.text: x.entity_id for x in fresh_engine.link(text, lang, mentions)}
        ids[lang] = links.get(surface)
        west = [eid for t, eid in links.items() if t.lower() in ("the west", "der westen", "захід")]
        assert lang == "fr" or west == ["group:west:the-west"], (lang, links)
    assert len(set(ids.values())) == 1 and None not in ids.values(), ids
    assert fresh_engine.kb.entities[ids["en"]].affiliation == "UA"
    # written in lower case, or followed by a name, it is a direction or a place, not the allies
    for text in ("Shelling hit the west of the city.", "Settlers in the West Bank protested."):
        assert not [m for m in fresh_engine.detect(text, "en") if m.type == "group"], text


def test_unknown_names_become_new_entities_never_dropped(fresh_engine):
    text = "Ostap Vyshnevetskyi-Karpenko, a volunteer medic, spoke to reporters in Kramatorsk."
    mentions = fresh_engine.detect(text, "en")
    links = fresh_engine.link(text, "en", mentions)
    assert len(links) == len(mentions) > 0
    new = [x for x in links if x.how == "new"]
    assert new and all(x.entity_id in fresh_engine.kb.entities for x in links)


@pytest.mark.parametrize("text", ["", "   ", "nothing capitalised here at all", "🔥🔥🔥 💥 ✊🏻",
                                  "Київ 🇺🇦 Kyiv ✊ Киев — mixed scripts"])
def test_odd_text_does_not_break_detection(fresh_engine, text):
    mentions = fresh_engine.detect(text, "uk")
    for m in mentions:
        assert text[m.start:m.end] == m.text
    assert len(fresh_engine.link(text, "uk", mentions)) == len(mentions)


def _natasha_person(text: str, name: str) -> Mention:
    start = text.index(name)
    return Mention(start, start + len(name), name, "person", "natasha")


def test_person_from_a_shape_reading_model_is_cut_to_its_names():
    text = "Згодом Остап Вишневецький повернувся. Я згодом прийду. Ми бачили Ганну і Марту."
    common = lowercase_words(text)
    opening = person_names(text, _natasha_person(text, "Згодом Остап Вишневецький"), common)
    assert [m.text for m in opening] == ["Остап Вишневецький"]
    listed = person_names(text, _natasha_person(text, "Ганну і Марту"), common)
    assert [m.text for m in listed] == ["Ганну", "Марту"]
    assert all(text[m.start:m.end] == m.text and m.type == "person" for m in opening + listed)
    # a name particle stays inside a name, and a name that needs no cut is returned as it is
    text = "Сьогодні Урсула фон дер Ляєн прибула до Києва."
    whole = _natasha_person(text, "Урсула фон дер Ляєн")
    assert person_names(text, whole, lowercase_words(text)) == [whole]
    # a span with no plain name in it is left to the later repairs, never dropped
    text = "Компанія «Газпром» заявила про збитки."
    quoted = _natasha_person(text, "«Газпром»")
    assert person_names(text, quoted, lowercase_words(text)) == [quoted]


def test_no_name_runs_across_a_line_break():
    text = "Зустріч провів Остап Вишневецький\n\nПідсумки тижня"
    start = text.index("Остап")
    pieces = [text[s:e] for s, e in lines_of(text, start, len(text) - len(" тижня"))]
    assert pieces == ["Остап Вишневецький", "Підсумки"]


def test_ukrainian_names_lose_the_words_natasha_glued_to_them(fresh_engine):
    found = {(m.text, m.type) for m in fresh_engine.detect("Лікарі врятували Остапа та Марту Вишневецьких.", "uk")}
    assert ("Остапа", "person") in found and not any(t.startswith("Лікарі") for t, _ in found)
    # an unknown word that opens a sentence is not a person on its capital letter alone
    assert not fresh_engine.detect("Нагадаємо, міністр оборони заявив про нові поставки.", "uk")
    # a country listed after another one is no one's surname once the list is cut apart
    found = {(m.text, m.type) for m in fresh_engine.detect("Страйк зачепив рейси з Іспанії, Португалії та Бельгії.", "uk")}
    assert {("Португалії", "place"), ("Бельгії", "place")} <= found


def test_institution_named_with_its_country_is_one_organisation_of_that_side(fresh_engine):
    text = "Вчера МИД Франции вызвал посла, а Верховный суд США отклонил иск."
    mentions = fresh_engine.detect(text, "ru")
    assert {(m.text, m.type) for m in mentions} >= {("МИД Франции", "organization"),
                                                    ("Верховный суд США", "organization")}
    assert not [m for m in mentions if m.type == "place"]
    sides = {x.mention.text: fresh_engine.kb.entities[x.entity_id].affiliation
             for x in fresh_engine.link(text, "ru", mentions)}
    assert sides["Верховный суд США"] == "US" and sides["МИД Франции"] == "FR"


def test_a_place_the_kb_knows_only_as_an_actor_is_an_organisation(fresh_engine):
    found = {(m.text, m.type) for m in fresh_engine.detect("В Брюсселе лидеры ЕС обсудили санкции.", "ru")}
    assert ("ЕС", "organization") in found and ("Брюсселе", "place") in found


def test_cyrillic_name_without_a_letter_of_its_own_is_read_both_ways(fresh_engine):
    # "Газпром" reads g in Russian and h in Ukrainian; an inflected form in a Ukrainian text
    # still reaches the entity the Russian spelling keys
    assert [e.id for e in fresh_engine.kb.find("Газпрому", "uk")] == ["actor:gazprom"]
    assert not fresh_engine.kb.find("Газпромбанку", "uk")
    # the gazetteer's alternate names carry no language: "Вашингтон" is keyed as Russian reads it
    assert any(c.place.country == "US" and c.place.size > 500_000
               for c in fresh_engine.gazetteer.candidates("Вашингтоні", "uk"))


def test_a_place_read_as_a_full_name_lends_no_surname(fresh_engine):
    text = "У Британії призначили нового міністра.\n\nУ Великій Британії призначили нового міністра."
    found = {(m.text, m.type) for m in fresh_engine.detect(text, "uk")}
    assert {("Британії", "place"), ("Великій Британії", "place")} <= found


def test_ukrainian_is_respelled_letter_for_letter_for_a_russian_vocabulary():
    vocab = {"иван", "здоровья", "украины", "львов", "великой"}
    letters, alternatives = load_tables()["uk"]
    respell = Respeller(letters, alternatives, vocab.__contains__)
    text = "Іван з МОЗ про здоров'я України, Львів і Великої; Ґрунт"
    out = respell.text(text)
    assert len(out) == len(text)  # offsets stay true
    assert out.split() == ["Иван", "з", "МОЗ", "про", "здоровья", "Украины,", "Львов", "и", "Великой;", "Грунт"]
    with pytest.raises(DataFileError, match="one character to one"):
        load_tables({"uk": {"letters": {"і": "ии"}}})


def test_natasha_reads_ukrainian_names_it_knows_in_russian(fresh_engine):
    # "Іван" and "Євгеній" are unknown to natasha's Russian vocabulary as written
    text = "Аж якось Іван Гиба приїхав, а засновником був Євгеній Кондратюк."
    found = {(m.text, m.type) for m in fresh_engine.detect(text, "uk")}
    assert {("Іван Гиба", "person"), ("Євгеній Кондратюк", "person")} <= found


def test_a_model_mention_grows_or_shrinks_to_a_known_name(fresh_engine):
    text = "Рішення ухвалили у Білому домі. Прем'єр Великої Британії приїхав у Великій Британії до Лондона."
    found = {(m.text, m.type) for m in fresh_engine.detect(text, "uk")}
    assert {("Білому домі", "organization"), ("Великій Британії", "place")} <= found
    links = {x.mention.text: x.entity_id for x in fresh_engine.link(text, "uk", fresh_engine.detect(text, "uk"))}
    assert links["Білому домі"] == "actor:white-house"


def test_ukrainian_nominatives_alternate_the_last_vowel(romanizer):
    assert "Білий дім" in romanizer.base_forms("Білого дому", "uk")
    assert "Харків" in romanizer.base_forms("Харкова", "uk")
    assert "Миколаїв" in romanizer.base_forms("Миколаєва", "uk")
    assert "Харків" not in romanizer.base_forms("Харкова", "ru")


def test_a_company_named_with_its_legal_form_is_one_organisation(fresh_engine):
    text = ('Тендер виграло ТОВ «НВП «Укрбуд»», а ПАТ "Газпром" і компанія «Новий регіон» '
            'подали позови. Найманці ПВК «Вагнер» відступили.')
    mentions = fresh_engine.detect(text, "uk")
    found = {(m.text, m.type) for m in mentions}
    assert {("ТОВ «НВП «Укрбуд»»", "organization"), ('ПАТ "Газпром"', "organization"),
            ("Новий регіон", "organization"), ("ПВК «Вагнер»", "organization")} <= found
    assert not [m for m in mentions if m.start > text.index("ТОВ") and m.end < text.index("», а")
                and m.text != "ТОВ «НВП «Укрбуд»»"]
    links = {x.mention.text: x.entity_id for x in fresh_engine.link(text, "uk", mentions)}
    assert links['ПАТ "Газпром"'] == "actor:gazprom" and links["ПВК «Вагнер»"] == "actor:wagner-group"


def test_a_public_body_named_after_its_place_is_one_organisation(fresh_engine):
    text = ("Рішенням Харківської облради школу закрили. Як повідомили у Сумській обласній військовій "
            "адміністрації, обстріл тривав. Вчора Запорізька АЕС знову втратила живлення.")
    found = {(m.text, m.type) for m in fresh_engine.detect(text, "uk")}
    assert {("Харківської облради", "organization"), ("Сумській обласній військовій адміністрації", "organization"),
            ("Запорізька АЕС", "organization")} <= found
    # a place adjective with no body after it is left as the model read it
    assert ("Харківської області", "organization") not in {
        (m.text, m.type) for m in fresh_engine.detect("Село в Харківської області обстріляли.", "uk")}
    with pytest.raises(DataFileError, match="place_suffixes"):
        Institutions.load({"uk": {"adjective_endings": ["ої"], "heads": ["рад"]}})


def test_a_broken_legal_forms_table_is_reported():
    with pytest.raises(DataFileError, match="forms.uk"):
        LegalForms.load({"forms": {"uk": ["ТОВ", 3]}})


def test_long_text_keeps_offsets_across_chunks(fresh_engine):
    para = "Russian forces shelled Kharkiv again, the governor Oleh Syniehubov said.\n\n"
    text = para * 2000  # ~150 000 characters, more than one chunk
    assert len(list(chunks(text))) > 1
    mentions = fresh_engine.detect(text, "en")
    assert len([m for m in mentions if m.text == "Kharkiv"]) >= 1900
    assert all(text[m.start:m.end] == m.text for m in mentions)


# ----------------------------------------------------------------------------- stage, store, CLI, export

def test_stage_fills_the_store_and_resumes(sample_store, engine, entity_settings, tmp_path, romanizer):
    store, _ = sample_store
    path = tmp_path / "copy.db"
    store.conn.execute(f"VACUUM INTO '{path}'")
    with open_store(str(path)) as s:
        kb = KnowledgeBase.from_store(s, romanizer)
        eng = EntityEngine(entity_settings, romanizer, engine.gazetteer, engine.groups, kb)
        report = run_entities(s, entity_settings, engine=eng)
        assert report.documents == s.count_documents() and report.mentions > 100
        again = run_entities(s, entity_settings, engine=eng)
        assert again.documents == 0  # nothing left to do
        # a store seeded from an older actors file takes the new one even with nothing to link
        s.set_kb_state(SEED_KEY, "an older file")
        s.conn.execute("UPDATE entities SET attrs = '{}' WHERE id = 'actor:jens-stoltenberg'")
        assert run_entities(s, entity_settings, engine=eng).documents == 0
        assert s.get_entity("actor:jens-stoltenberg")["attrs"]["former_affiliations"][0]["affiliation"] == "NATO"
        counts = export_jsonl(s, tmp_path / "out")
    assert counts["mentions.jsonl"] == report.mentions
    entities = {json.loads(line)["id"]: json.loads(line) for line in (tmp_path / "out" / "entities.jsonl").open()}
    docs = {json.loads(line)["id"]: json.loads(line)["text"] for line in (tmp_path / "out" / "documents.jsonl").open()}
    for line in (tmp_path / "out" / "mentions.jsonl").open():
        m = json.loads(line)
        assert docs[m["doc_id"]][m["start"]:m["end"]] == m["text"]
        assert m["entity_id"] in entities
        if m["near_entity_id"]:  # a place with no point lies near one that has it
            assert entities[m["entity_id"]]["lat"] is None and entities[m["near_entity_id"]]["lat"] is not None
    kursk = entities["geonames:538560"]
    assert kursk["type"] == "place" and kursk["country"] == "RU" and kursk["lat"] == pytest.approx(51.73, abs=0.05)
    assert {"Kursk", "Koursk"} <= set(kursk["aliases"])
    assert kursk["ids"] == {"geonames": 538560}

    runner = CliRunner()
    env = {"SITROOM_CACHE_DIR": entity_settings.cache_dir}
    listed = runner.invoke(main, ["entities", "--db", str(path), "--type", "place"], env=env)
    assert listed.exit_code == 0 and "Kursk" in listed.output
    one = runner.invoke(main, ["entity", "Koursk", "--db", str(path)], env=env)
    assert one.exit_code == 0 and "Kursk" in one.output and "documents" in one.output
    missing = runner.invoke(main, ["entity", "Atlantis", "--db", str(path)], env=env)
    assert missing.exit_code == 1 and "no entity called" in missing.output


def test_a_capitalised_common_word_at_a_sentence_start_is_no_name():
    from sitroom.entities.engine import Mention, is_common_word, lowercase_words

    text = "Росія не коментує ці дані. Дані про втрати не перевірені. Дані, Мирноград."
    common = lowercase_words(text)
    first = text.index("Дані")
    assert is_common_word(text, Mention(first, first + 4, "Дані", "place", "kb"), common)
    middle = text.index("Дані, Мирноград") + 0
    assert is_common_word(text, Mention(middle, middle + 4, "Дані", "place", "kb"), common)  # after a full stop
    assert not is_common_word(text, Mention(0, 5, "Росія", "place", "kb"), common)  # never written in lower case
    inside = "Бої тривають, Дані вийшли, а дані відомі."
    i = inside.index("Дані")
    assert not is_common_word(inside, Mention(i, i + 4, "Дані", "place", "kb"), lowercase_words(inside))


def test_ukrainian_words_read_as_places_from_their_shape_alone(engine):
    # natasha reads an unknown capitalised word opening a sentence as a place; neither the
    # gazetteer nor the knowledge base knows it, so it is dropped
    assert engine.detect("Стривожені бджоли гули над вуликом.", "uk") == []
    # a first name is no village that bears the same name in GeoNames' romanization (Stepan)
    # or that only an inflection rule relates to it
    for text, name in [("Вчора ввечері Степан повернувся додому.", "Степан"),
                       ("Біля криниці стояла Марія і чекала.", "Марія")]:
        assert [(m.text, m.type) for m in engine.detect(text, "uk")] == [(name, "person")]
    # a line of dialogue opens with a dash: the word after it opens the sentence too
    for text in ("- Зачиніть двері , дме .", "- Покажіть дорогу до вокзалу ."):
        assert engine.detect(text, "uk") == []
    # a writer's name that GeoNames lists among a village's alternate names (Hoholeve)
    assert engine.detect("Кажуть, що Гоголь писав уночі.", "uk") == []
    # "Війна" (war) meets Vienna only through a romanized key after undoing a case ending
    assert engine.detect("Війна змінила все в нашому селі.", "uk") == []
    # a town in its own Cyrillic name, inflected, is still a place: Суджу (Суджа)
    found = engine.detect("Російські війська знову обстріляли Суджу вночі.", "uk")
    assert ("Суджу", "place") in [(m.text, m.type) for m in found]
