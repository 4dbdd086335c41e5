"""Event typing (sitroom.events.typing) on hand-written sentences in five languages, and its
CASE-2021 / PLOVER evaluation runner on hand-made miniature datasets (never ../shared)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitroom.errors import DataFileError
from sitroom.evaluation import events as ev
from sitroom.events import typing as et
from sitroom.events.typing import best, classify, load_lexicon, load_types, top_type

FIXTURES = Path(__file__).parent / "fixtures" / "eval_events"

# (language, sentence, expected subtype, expected trigger text)
WAR = [
    ("en", "Russian forces shelled the village overnight.", "ART_MISS_ATTACK", "shelled"),
    ("en", "A drone strike hit a fuel depot near the city.", "AIR_STRIKE", "drone strike"),
    ("en", "Ukrainian troops recaptured the town on Tuesday.", "GOV_REGAINS_TERIT", "recaptured"),
    ("en", "The brigade repelled an assault near the river.", "ARMED_CLASH", "repelled"),
    ("en", "Both sides agreed to a prisoner exchange.", "AGREEMENT", "prisoner exchange"),
    ("en", "The president visited troops in the east.", "VISIT", "visited"),
    ("en", "Peace talks will resume in Geneva next week.", "NEGOTIATION", "Peace talks"),
    ("en", "The battalion withdrew from the city after a week.", "WITHDRAWAL", "withdrew"),
    ("en", "Police arrested two men at the border.", "ARREST", "arrested"),
    ("en", "The minister threatened to cut gas supplies.", "THREAT", "threatened"),
    ("fr", "Une frappe de drone a touché un entrepôt à Odessa.", "AIR_STRIKE", "frappe de drone"),
    ("fr", "Le bombardement de la ville a duré toute la nuit.", "ART_MISS_ATTACK", "bombardement"),
    ("fr", "L'armée a repris le contrôle du village mardi.", "GOV_REGAINS_TERIT", "repris le contrôle"),
    ("fr", "Les soldats ont repoussé une attaque près du fleuve.", "ARMED_CLASH", "repoussé une attaque"),
    ("fr", "Les négociations reprendront à Genève.", "NEGOTIATION", "négociations"),
    ("fr", "Un échange de prisonniers a eu lieu samedi.", "AGREEMENT", "échange de prisonniers"),
    ("de", "Ein Drohnenangriff traf ein Tanklager bei Kiew.", "AIR_STRIKE", "Drohnenangriff"),
    ("de", "Die Stadt lag die ganze Nacht unter Beschuss.", "ART_MISS_ATTACK", "Beschuss"),
    ("de", "Russische Truppen haben das Dorf eingenommen.", "TERRITORY_CAPTURED", "eingenommen"),
    ("de", "Die Armee hat die Kleinstadt zurückerobert.", "GOV_REGAINS_TERIT", "zurückerobert"),
    ("de", "Die Verhandlungen wurden auf Montag vertagt.", "NEGOTIATION", "Verhandlungen"),
    ("de", "Die Polizei hat zwei Männer festgenommen.", "ARREST", "festgenommen"),
    ("ru", "Ночью посёлок попал под обстрел.", "ART_MISS_ATTACK", "обстрел"),
    ("ru", "Удар беспилотника повредил котельную.", "AIR_STRIKE", "Удар беспилотника"),
    ("ru", "Войска взяли под контроль железнодорожную станцию.", "TERRITORY_CAPTURED", "взяли под контроль"),
    ("ru", "Военные освободили село на юге.", "GOV_REGAINS_TERIT", "освободили"),
    ("ru", "Стороны договорились об обмене пленными.", "AGREEMENT", "обмене пленными"),
    ("ru", "Силы ПВО сбили восемь беспилотников.", "DISR_WEAP", "сбили восемь беспилотников"),
    ("uk", "Унаслідок обстрілу пошкоджено школу.", "ART_MISS_ATTACK", "обстрілу"),
    ("uk", "Окупанти завдали удару дроном по складу.", "AIR_STRIKE", "удару дроном"),
    ("uk", "Сили оборони звільнили село на півдні.", "GOV_REGAINS_TERIT", "звільнили"),
    ("uk", "Ворог захопив частину селища.", "TERRITORY_CAPTURED", "захопив"),
    ("uk", "Перемовини у Стамбулі зірвалися.", "NEGOTIATION", "Перемовини"),
    ("uk", "Прикордонники відбили штурм біля мосту.", "ARMED_CLASH", "відбили штурм"),
]


@pytest.mark.parametrize(("lang", "text", "subtype", "trigger"), WAR)
def test_war_triggers_in_each_language(lang, text, subtype, trigger):
    found = best(text, lang)
    assert found is not None and found.subtype == subtype, classify(text, lang)
    assert found.trigger == trigger
    assert text[found.trigger_start : found.trigger_end] == trigger
    assert found.type == top_type(subtype)


@pytest.mark.parametrize(("text", "subtype"), [
    ("Warplanes bombed a weapons factory, the army said.", "AIR_STRIKE"),
    ("Mortar rounds landed near the market.", "ART_MISS_ATTACK"),
    ("A suicide bomber detonated his vest at a checkpoint.", "SUIC_BOMB"),
    ("Unknown men hurled a grenade into a shop.", "GRENADE"),
    ("A roadside bomb struck a patrol vehicle.", "REM_EXPLOS"),
    ("Activists said chlorine was used in the assault.", "CHEM_WEAP"),
    ("Gunmen killed four farmers in their fields.", "ATTACK"),
    ("Three aid workers were kidnapped on the highway.", "ABDUCT_DISSAP"),
    ("Army engineers defused an explosive device under a bridge.", "DISR_WEAP"),
    ("Police fired tear gas to disperse the protesters.", "PROTEST_WITH_INTER"),
    ("Security forces opened fire on protesters, killing two.", "FORCE_AGAINST_PROTEST"),
    ("Protesters threw stones at police and torched a bus.", "VIOL_DEMONSTR"),
    ("An angry mob lynched a man accused of theft.", "MOB_VIOL"),
    ("Islamic State militants seized the town after a week of fighting.", "NON_STATE_ACTOR_OVERTAKES_TER"),
    ("Rioters looted shops in the old quarter.", "PROPERTY_DISTRUCT"),
    ("Floods displaced thousands of families in the delta.", "NATURAL_DISASTER"),
    ("The rebel group claimed responsibility for the raid.", "ATTRIB"),
    # the cues of the test below keep to their case
    ("Militants fired anti-aircraft guns and mortars at the base.", "ART_MISS_ATTACK"),  # no aircraft here
    ("Air defence shot down missiles launched from bombers.", "DISR_WEAP"),
    ("A roadside bomb exploded and wounded two soldiers after the area was cleared.", "REM_EXPLOS"),
    ("Gunmen shot dead three passengers after the bus crashed.", "ATTACK"),
    ("Ukrainian forces pulled back from the village.", "WITHDRAWAL"),
])
def test_english_cues_separate_acled_subtypes(text, subtype):
    assert best(text, "en").subtype == subtype, classify(text, "en")


@pytest.mark.parametrize(("lang", "text", "subtype"), [
    # arms found or mines cleared is disrupted weapons use, also when an explosive's name outweighs the verb
    ("en", "Sappers cleared 300 mines and 40 improvised explosive devices near the river.", "DISR_WEAP"),
    ("en", "Two caches of rifles and ammunitions have been discovered in a barn.", "DISR_WEAP"),
    ("en", "Police seized pistols and a machine gun at the checkpoint.", "DISR_WEAP"),
    # posts, checkpoints and barracks set up
    ("en", "The army has set up three new military observation points along the border.", "HQ_ESTABLISHED"),
    ("en", "A checkpoint was established at the bridge on Monday.", "HQ_ESTABLISHED"),
    ("uk", "Окупанти виставили блокпост на в'їзді до села.", "HQ_ESTABLISHED"),
    ("de", "Die Armee hat an der Straße Kontrollpunkte errichtet.", "HQ_ESTABLISHED"),
    # a missile fired from an aircraft is an air strike
    ("en", "Russian jets fired two missiles at the port overnight.", "AIR_STRIKE"),
    # units formed or moved
    ("en", "Two new assault brigades have been formed in the south.", "CHANGE_TO_GROUP_ACT"),
    ("en", "The command dispatched hundreds of troops to the northern border.", "CHANGE_TO_GROUP_ACT"),
    # deaths in an accident or a disaster are no attack
    ("en", "Four miners died after a gas leak in the shaft.", "MAN_MADE_DISASTER"),
    ("en", "Eleven people were killed when an earthquake struck the valley.", "NATURAL_DISASTER"),
])
def test_acled_subtypes_beyond_the_first_trigger(lang, text, subtype):
    assert best(text, lang).subtype == subtype, classify(text, lang)


def test_results_are_ranked_and_typed():
    found = classify("Artillery shelled the town, then troops clashed with rebels at the bridge.", "en")
    subtypes = [e.subtype for e in found]
    assert subtypes[0] == "ART_MISS_ATTACK" and "ARMED_CLASH" in subtypes
    assert [e.score for e in found] == sorted((e.score for e in found), reverse=True)
    assert all(e.type == top_type(e.subtype) for e in found)


def test_clause_span_and_offsets_into_the_whole_text():
    text = "Officials met in the morning. Later a roadside bomb hit a convoy."
    start = text.index("Later")
    found = best(text, "en", start=start)
    assert found.subtype == "REM_EXPLOS"
    assert (found.trigger_start, found.trigger_end) == (text.index("roadside"), text.index(" hit"))
    # the first clause alone has no trigger of the bomb; restricting the span excludes it
    assert all(e.subtype != "REM_EXPLOS" for e in classify(text, "en", 0, start))


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The weather in Paris was pleasant on Sunday."),
    ("fr", "Il fait beau à Lyon aujourd'hui."),
    ("de", "Das Wetter in Berlin ist heute schön."),
    ("ru", "Погода в Москве сегодня хорошая."),
    ("uk", "Сьогодні у Львові сонячно."),
])
def test_sentences_without_an_event_give_nothing(lang, text):
    assert classify(text, lang) == []
    assert best(text, lang) is None


def test_unknown_language_tries_every_lexicon():
    assert best("Ворог захопив частину селища.", None).subtype == "TERRITORY_CAPTURED"
    assert best("Die Stadt lag unter Beschuss.", "de-AT").subtype == "ART_MISS_ATTACK"


def test_top_type_mapping():
    assert top_type("ARMED_CLASH") == "battles"
    assert top_type("AIR_STRIKE") == "explosions_remote_violence"
    assert top_type("SEX_VIOL") == "violence_against_civilians"
    assert top_type("TERRITORY_CAPTURED") == "strategic_developments"
    assert top_type("VIOL_DEMONSTR") == "riots"
    assert top_type("PEACE_PROTEST") == "protests"
    assert top_type("THREAT") == "statements"
    with pytest.raises(ValueError):
        top_type("NOT_A_TYPE")


def test_every_lexicon_covers_the_war_domain():
    needed = {"ARMED_CLASH", "AIR_STRIKE", "ART_MISS_ATTACK", "TERRITORY_CAPTURED", "GOV_REGAINS_TERIT",
              "WITHDRAWAL", "AGREEMENT", "NEGOTIATION", "VISIT", "ARREST", "ATTACK", "STATEMENT", "THREAT"}
    for lang in et.LANGUAGES:
        lex = et.lexicon(lang)
        assert needed <= {sub for sub, *_ in lex.triggers}, lang


def test_pattern_translation():
    assert et.translate("shell*") == r"(?<!\w)shell\w*"
    assert et.translate("*beschuss") == r"\w*beschuss(?!\w)"
    assert "{0,4}" in et.translate("seiz* ... weapons")
    rx = et._compile("air ?strikes?", {})
    assert rx.search("an airstrike") and rx.search("an air-strike") and rx.search("two air strikes")
    assert not rx.search("hairstrike")


# -- broken data files -------------------------------------------------------------------

GOOD = {"language": "xx", "macros": {"W": "(guns|rifles)"}, "triggers": {"ARREST": [["arrest*", 2.0]]},
        "cues": [{"to": "DISR_WEAP", "if": ["{W}"], "weight": 1.0}]}


def _broken(**change) -> str:
    return json.dumps({**GOOD, **change})


def test_a_good_custom_lexicon_loads():
    lex = load_lexicon(json.dumps(GOOD), "good.json")
    assert [(s, w) for s, _, w, _ in lex.triggers] == [("ARREST", 2.0)] and len(lex.cues) == 1


@pytest.mark.parametrize(("text", "message"), [
    ('{"triggers": {\n  "ARREST": [["arrest*", 2.0]],\n}', "invalid JSON"),
    (_broken(triggers={"NO_SUCH_TYPE": [["x", 1.0]]}), "unknown subtype"),
    (_broken(triggers={"ARREST": [["arrest(", 1.0]]}), "ARREST trigger #0"),
    (_broken(triggers={"ARREST": [["arrest*", -1]]}), "positive"),
    (_broken(triggers={"ARREST": [["{NOPE} arrest", 1.0]]}), "unknown macro"),
    (_broken(cues=[{"to": "ARREST", "weight": 1.0, "near": "x"}]), "cue #0"),
    (_broken(cues=[{"to": "BOGUS", "weight": 1.0}]), "cue #0"),
    (json.dumps({"language": "xx"}), "missing or malformed"),
])
def test_broken_lexicon_is_a_data_file_error(text, message):
    with pytest.raises(DataFileError, match=message):
        load_lexicon(text, "broken.json")


def test_broken_json_reports_the_line(tmp_path):
    path = tmp_path / "xx.json"
    path.write_text('{\n "triggers": {\n  "ARREST": [["arrest*", 2.0]],\n }\n}', encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_lexicon(path)
    assert err.value.line == 4 and err.value.path == str(path)


def test_broken_types_file_is_a_data_file_error():
    with pytest.raises(DataFileError, match="without a top type"):
        load_types(json.dumps({"top_types": {"battles": ["ARMED_CLASH"]},
                               "case": {"seen": ["ARMED_CLASH", "GRENADE"], "unseen": [], "map": {}}}))
    with pytest.raises(DataFileError, match="missing or malformed"):
        load_types(json.dumps({"top_types": {}}))


# -- evaluation ----------------------------------------------------------------------------


def test_label_scores_by_hand():
    gold = ["A", "A", "B", "C"]
    pred = ["A", "B", "B", None]  # one right A, one A answered B, one right B, one abstention
    s = ev.label_scores(gold, pred)
    assert s["correct"] == 2 and s["abstained"] == 1
    assert s["precision"] == pytest.approx(2 / 3) and s["recall"] == pytest.approx(0.5)
    assert s["f1"] == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))
    # A: P 1, R 1/2, F1 2/3; B: P 1/2, R 1, F1 2/3; C: 0
    assert s["per_label"]["A"]["f1"] == pytest.approx(2 / 3, abs=1e-4)
    assert s["per_label"]["B"]["p"] == 0.5 and s["per_label"]["C"]["f1"] == 0.0
    assert s["macro_f1"] == pytest.approx((2 / 3 + 2 / 3 + 0) / 3, abs=1e-4)
    assert s["weighted_f1"] == pytest.approx((2 * 2 / 3 + 2 / 3) / 4, abs=1e-4)


def test_case_label_maps_domain_subtypes():
    types = et.types()
    seen, every = set(types["case"]["seen"]), set(types["case"]["seen"]) | set(types["case"]["unseen"])
    mapping = types["case"]["map"]
    assert ev.case_label(["TERRITORY_CAPTURED"], every, mapping) == "GOV_REGAINS_TERIT"
    assert ev.case_label(["WITHDRAWAL"], seen, mapping) == "NON_VIOL_TERRIT_TRANSFER"
    assert ev.case_label(["VISIT"], every, mapping) == "DIPLO"
    assert ev.case_label(["VISIT"], seen, mapping) == "OTHER"
    assert ev.case_label(["STATEMENT", "ARREST"], every, mapping) == "ARREST"
    assert ev.case_label(["NATURAL_DISASTER", "ARMED_CLASH"], seen, mapping) == "ARMED_CLASH"
    assert ev.case_label(["STATEMENT"], every, mapping) is None


def test_runner_on_the_fixture():
    report = ev.run(FIXTURES, None)
    assert report.skipped is None
    rows = {(r.dataset, r.system): r for r in report.rows}
    # all labels: 9 items, 7 right, 1 wrong answer (MOB_VIOL -> PROPERTY_DISTRUCT), 1 abstention (OTHER)
    r = rows[("CASE-2021 t2 all (30)", "sitroom-triggers")]
    assert (r.n, r.extra["correct"], r.extra["abstained"]) == (9, 7, 1)
    assert r.precision == pytest.approx(7 / 8) and r.recall == pytest.approx(7 / 9) and r.accuracy == pytest.approx(7 / 9)
    assert r.f1 == pytest.approx(2 * 7 / 8 * 7 / 9 / (7 / 8 + 7 / 9))
    assert r.extra["macro_f1"] == pytest.approx(7 / 9, abs=1e-4) and r.extra["weighted_f1"] == pytest.approx(7 / 9, abs=1e-4)
    assert r.extra["per_label"]["PROPERTY_DISTRUCT"] == {"p": 0.0, "r": 0.0, "f1": 0.0, "support": 0}
    # seen only: the NATURAL_DISASTER item drops out
    s = rows[("CASE-2021 t2 seen (25)", "sitroom-triggers")]
    assert (s.n, s.extra["correct"]) == (8, 6)
    assert s.precision == pytest.approx(6 / 7) and s.recall == pytest.approx(6 / 8)
    assert "NATURAL_DISASTER" not in s.extra["per_label"]
    b = rows[("CASE-2021 t2 all (30)", "majority-class")]
    assert b.accuracy == pytest.approx(1 / 9) and b.extra["abstained"] == 0
    # PLOVER fixture: AGREE and FIGHT right, DEMAND unreachable (abstained)
    p = rows[("PLOVER GSR all", "sitroom-triggers")]
    assert (p.n, p.extra["correct"], p.precision) == (3, 2, 1.0)
    assert rows[("PLOVER GSR mapped cats", "sitroom-triggers")].n == 2
    assert any("1 malformed line" in note for note in report.notes)


def test_runner_limit_and_missing_data(tmp_path):
    limited = ev.run(FIXTURES, 3)
    assert {r.n for r in limited.rows if r.dataset.startswith("CASE")} == {3}
    report = ev.run(tmp_path, None)
    assert report.skipped and "case-2021-task2" in report.skipped and report.rows == []
