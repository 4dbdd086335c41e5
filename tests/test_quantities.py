"""The quantities extractor: numbers, units, what is counted, qualifiers, and non-quantities.

All sentences are invented for these tests.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from sitroom.claims import quantities as qmod
from sitroom.claims.quantities import MEASURES, QUALIFIERS, find_quantities, parse_table
from sitroom.errors import DataFileError


def found(text: str, lang: str | None, start: int = 0, end: int | None = None):
    qs = find_quantities(text, lang, start, end)
    for q in qs:  # every span is exactly the text it reports
        assert text[q.start:q.end] == q.text
        assert q.measure is None or q.measure in MEASURES
        assert q.qualifier is None or q.qualifier in QUALIFIERS
    assert [q.start for q in qs] == sorted(q.start for q in qs)
    return qs


def tup(q):
    return (q.value, q.unit, q.measure, q.approx, q.qualifier)


def only(text: str, lang: str | None):
    qs = found(text, lang)
    assert len(qs) == 1, [q.as_dict() for q in qs]
    return qs[0]


# -- the cases from the issue ------------------------------------------------------------

@pytest.mark.parametrize(("text", "lang", "value"), [
    ("Russia lost more than 12 thousands of soldiers.", "en", 12000),  # plural multipliers
    ("The damage exceeds $100 billions so far.", "en", 100e9),
    ("Європа заплатила 44 мільярди доларів за пальне.", "uk", 44e9),
    ("Наразі окуповано 125 тис кв. км.", "uk", 125000),  # "тис" without its point
    ("Зібрано 22.5 мільйона гривень.", "uk", 22.5e6),  # a decimal point where the comma is usual
    ("Країну покинуло майже 260-ти тисяч мешканців.", "uk", 260000),  # a case ending on the digits
    ("Из города выехало около 5-ти тысяч жителей.", "ru", 5000),
    ("Собрали 3 миллиарды рублей.", "ru", 3e9),
])
def test_multipliers_and_numerals_as_translations_write_them(text, lang, value):
    assert only(text, lang).value == pytest.approx(value)


@pytest.mark.parametrize("text", ["Обстріл почався о 12.30 і тривав годину.", "Сирени лунали 24.02 зранку.",
                                  "47-ма бригада просунулася.", "У 90-х роках завод закрили."])
def test_clock_times_dates_and_ordinals_stay_out_with_a_decimal_point(text):
    assert [q.value for q in found(text, "uk")] == []


def test_area_and_localities_en():
    text = "Kyiv now says it has taken control of 1,150 km² and 82 localities in the region."
    a, b = found(text, "en")
    assert tup(a) == (1150, "km2", "area", False, None) and a.text == "1,150 km²"
    assert tup(b) == (82, "localities", "localities", False, None) and b.text == "82 localities"


def test_two_areas_with_qualifiers():
    text = "Its troops are still holding about 800 km2 compared with nearly 1,400 km2 at the peak."
    a, b = found(text, "en")
    assert tup(a) == (800, "km2", "area", True, "about") and a.text == "about 800 km2"
    assert tup(b) == (1400, "km2", "area", True, "nearly") and b.text == "nearly 1,400 km2"


def test_french_percent_territory_and_captured():
    text = "Selon Moscou, ses forces avaient repris plus de 86% de la région, et 430 soldats ukrainiens capturés."
    a, b = found(text, "fr")
    assert tup(a) == (86, "percent", "percent_territory", False, "more_than") and a.text == "plus de 86%"
    assert tup(b) == (430, "people", "captured", False, None)
    assert b.text.startswith("430 soldats")


def test_killed_and_injured_en():
    text = "Officials said at least 12 civilians were killed and more than 120 injured overnight."
    a, b = found(text, "en")
    assert tup(a) == (12, "people", "killed", False, "at_least") and a.text == "at least 12 civilians"
    assert tup(b) == (120, "people", "injured", False, "more_than") and b.text == "more than 120 injured"


def test_german_area_with_thousands_dot():
    q = only("Die Armee kontrolliert nach eigenen Angaben mehr als 1.150 Quadratkilometer.", "de")
    assert tup(q) == (1150, "km2", "area", False, "more_than")
    assert q.text == "mehr als 1.150 Quadratkilometer"


def test_russian_area_and_killed():
    q = only("Подразделения удерживают около 800 кв. км к югу от города.", "ru")
    assert tup(q) == (800, "km2", "area", True, "about") and q.text == "около 800 кв. км"
    q = only("Вечером в результате обстрела погибли 12 мирных жителей.", "ru")
    assert tup(q) == (12, "people", "killed", False, None) and q.text == "12 мирных жителей"


def test_ukrainian_injured_people():
    q = only("За минулу добу понад 120 людей поранені внаслідок атак.", "uk")
    assert tup(q) == (120, "people", "injured", False, "more_than")
    assert q.text.startswith("понад 120 людей")


# -- number formats ------------------------------------------------------------------------

@pytest.mark.parametrize("text,lang,value", [
    ("a front line of 1,150 km", "en", 1150),
    ("a front line of 2.5 km", "en", 2.5),
    ("a front line of 1,150,000 km", "en", 1150000),
    ("une ligne de 1 150 km", "fr", 1150),
    ("une ligne de 1\u00a0150 km", "fr", 1150),
    ("une ligne de 1\u202f150 km", "fr", 1150),
    ("une ligne de 2,5 km", "fr", 2.5),
    ("eine Linie von 1.150 km", "de", 1150),
    ("eine Linie von 2,5 km", "de", 2.5),
    ("eine Linie von 1.150,5 km", "de", 1150.5),
    ("линия длиной 1 150 км", "ru", 1150),
    ("линия длиной 2,5 км", "ru", 2.5),
    ("лінія завдовжки 1\u00a0150 км", "uk", 1150),
    ("лінія завдовжки 2,5 км", "uk", 2.5),
])
def test_number_formats(text, lang, value):
    q = only(text, lang)
    assert q.value == value and q.unit == "km" and q.measure == "distance"


@pytest.mark.parametrize("text,lang", [
    ("the army holds 86% of it", "en"), ("the army holds 86 % of it", "en"),
    ("the army holds 86\u00a0% of it", "fr"), ("the army holds 86 per cent of it", "en"),
    ("the army holds 86 percent of it", "en"), ("l'armée tient 86 pour cent", "fr"),
    ("die Armee hält 86 Prozent", "de"), ("армия держит 86 процентов", "ru"),
    ("армія тримає 86 відсотків", "uk"), ("армія тримає 86%", "uk"),
])
def test_percent_forms(text, lang):
    q = only(text, lang)
    assert (q.value, q.unit, q.measure) == (86, "percent", "percent")
    assert q.text.startswith("86")


@pytest.mark.parametrize("text,lang", [
    ("Russia holds 18% of the territory of Ukraine", "en"),
    ("la Russie contrôle 18 % du territoire", "fr"),
    ("Russland kontrolliert 18 Prozent des Gebiets", "de"),
    ("Россия контролирует 18% территории", "ru"),
    ("Росія контролює 18 відсотків території області", "uk"),
])
def test_percent_of_territory(text, lang):
    assert only(text, lang).measure == "percent_territory"


@pytest.mark.parametrize("text,lang,value,unit,measure", [
    ("aid worth 1.5 million dollars", "en", 1.5e6, "usd", "money"),
    ("$2 billion in new aid", "en", 2e9, "usd", "money"),
    ("about 2 thousand troops", "en", 2000, "people", "troops"),
    ("1,5 Mio. Euro Hilfe", "de", 1.5e6, "eur", "money"),
    ("deux millions d'euros d'aide", "fr", 2e6, "eur", "money"),
    ("около 3 тыс. военных", "ru", 3000, "people", "soldiers"),
    ("1,5 млн человек", "ru", 1.5e6, "people", "people"),
    ("1,5 тыс. кв. км", "ru", 1500, "km2", "area"),
    ("2 тис. військових", "uk", 2000, "people", "soldiers"),
    # units beyond people and places
    ("Британія виділила Україні 1,5 млрд фунтів на відбудову.", "uk", 1_500_000_000, "gbp", "money"),
    ("London sagte 2 Millionen Pfund für Minenräumung zu.", "de", 2_000_000, "gbp", "money"),
    ("Українці передали 30 тисяч тонн зерна.", "uk", 30_000, "t", "mass"),
    ("Brände erfassten 2456 Hektar Wald.", "de", 2456, "ha", "area"),
    ("The battery fired 155 mm shells all night.", "en", 155, "mm", "calibre"),  # a calibre, not 155 shells
    ("Их группировка меньше в четыре раза.", "ru", 4, "times", "count"),
    ("Територія агресора в 28 разів більша.", "uk", 28, "times", "count"),
    ("The drones can stay aloft for 40 minutes.", "en", 40, "minutes", "duration"),
    ("Der zweite Knall folgte nach zehn Sekunden.", "de", 10, "seconds", "duration"),
    ("Neutrality held for more than two centuries.", "en", 2, "centuries", "duration"),
    ("Seit drei Jahrzehnten wächst die Allianz.", "de", 3, "decades", "duration"),
    ("Кредит выдан сроком на три года.", "ru", 3, "years", "duration"),
    ("Плотность населения там 22 чел. на кв. км.", "ru", 22, "people", "people"),
])
def test_multipliers_and_units(text, lang, value, unit, measure):
    q = only(text, lang)
    assert (q.value, q.unit, q.measure) == (value, unit, measure)


# -- numbers in words and vague amounts ---------------------------------------------------

@pytest.mark.parametrize("text,lang,value,measure", [
    ("twelve civilians were killed", "en", 12, "killed"),
    ("one hundred and twenty soldiers", "en", 120, "soldiers"),
    ("twenty-three villages", "en", 23, "localities"),
    ("vingt-trois soldats ont été tués", "fr", 23, "killed"),
    ("quatre-vingts villages", "fr", 80, "localities"),
    ("dreiundzwanzig Soldaten wurden getötet", "de", 23, "killed"),
    ("zwei Millionen Menschen", "de", 2e6, "people"),
    ("двенадцать военных", "ru", 12, "soldiers"),
    ("двести двадцать человек", "ru", 220, "people"),
    ("две тысячи военных", "ru", 2000, "soldiers"),
    ("полторы тысячи мирных жителей", "ru", 1500, "civilians"),
    ("дванадцять військових", "uk", 12, "soldiers"),
    ("п’ять сіл", "uk", 5, "localities"),
    ("дві тисячі людей", "uk", 2000, "people"),
])
def test_numbers_in_words(text, lang, value, measure):
    q = only(text, lang)
    assert (q.value, q.measure, q.approx) == (value, measure, False)


@pytest.mark.parametrize("text,lang,value,measure", [
    ("dozens of drones", "en", 12, "drones"),
    ("several dozen drones", "en", 12, "drones"),
    ("hundreds of soldiers", "en", 100, "soldiers"),
    ("tens of thousands of troops", "en", 10000, "troops"),
    ("des centaines de soldats", "fr", 100, "soldiers"),
    ("une dizaine de villages", "fr", 10, "localities"),
    ("Dutzende Drohnen", "de", 12, "drones"),
    ("Hunderte Zivilisten", "de", 100, "civilians"),
    ("сотни мирных жителей", "ru", 100, "civilians"),
    ("несколько десятков беспилотников", "ru", 10, "drones"),
    ("десятки ракет", "ru", 10, "missiles"),
    ("сотні людей", "uk", 100, "people"),
    ("кілька десятків дронів", "uk", 10, "drones"),
])
def test_vague_amounts_are_approx(text, lang, value, measure):
    q = only(text, lang)
    assert (q.value, q.measure, q.approx) == (value, measure, True)


@pytest.mark.parametrize("text,lang", [
    ("one of the officials said so", "en"),
    ("un soldat a été vu", "fr"),
    ("ein Soldat wurde gesehen", "de"),
    ("один из чиновников", "ru"),
    ("hundreds gathered in the square", "en"),
])
def test_words_without_counted_thing_are_not_quantities(text, lang):
    assert found(text, lang) == []


# -- qualifiers ----------------------------------------------------------------------------

@pytest.mark.parametrize("lang,phrase,qualifier", [
    ("en", "nearly", "nearly"), ("en", "almost", "nearly"), ("en", "about", "about"),
    ("en", "around", "about"), ("en", "roughly", "about"), ("en", "some", "about"),
    ("en", "at least", "at_least"), ("en", "more than", "more_than"), ("en", "over", "more_than"),
    ("en", "up to", "up_to"), ("en", "fewer than", "less_than"), ("en", "less than", "less_than"),
    ("fr", "près de", "nearly"), ("fr", "presque", "nearly"), ("fr", "environ", "about"),
    ("fr", "quelque", "about"), ("fr", "au moins", "at_least"), ("fr", "plus de", "more_than"),
    ("fr", "moins de", "less_than"), ("fr", "jusqu'à", "up_to"), ("fr", "jusqu’à", "up_to"),
    ("de", "fast", "nearly"), ("de", "etwa", "about"), ("de", "rund", "about"),
    ("de", "ungefähr", "about"), ("de", "mindestens", "at_least"), ("de", "mehr als", "more_than"),
    ("de", "über", "more_than"), ("de", "bis zu", "up_to"), ("de", "weniger als", "less_than"),
    ("ru", "около", "about"), ("ru", "почти", "nearly"), ("ru", "примерно", "about"),
    ("ru", "порядка", "about"), ("ru", "не менее", "at_least"), ("ru", "по меньшей мере", "at_least"),
    ("ru", "более", "more_than"), ("ru", "свыше", "more_than"), ("ru", "больше", "more_than"),
    ("ru", "до", "up_to"), ("ru", "менее", "less_than"),
    ("uk", "майже", "nearly"), ("uk", "приблизно", "about"), ("uk", "близько", "about"),
    ("uk", "щонайменше", "at_least"), ("uk", "понад", "more_than"), ("uk", "більше", "more_than"),
    ("uk", "менше", "less_than"), ("uk", "до", "up_to"),
])
def test_qualifiers(lang, phrase, qualifier):
    text = f"X {phrase} 40 km Y"
    q = only(text, lang)
    assert (q.value, q.unit, q.qualifier) == (40, "km", qualifier)
    assert q.approx is (qualifier in ("nearly", "about"))
    assert q.text == f"{phrase} 40 km"


# -- what is counted -----------------------------------------------------------------------

@pytest.mark.parametrize("text,lang,measure", [
    ("430 Ukrainian soldiers were seen", "en", "soldiers"),
    ("3,000 troops arrived", "en", "troops"),
    ("500 drones and nothing else", "en", "drones"),
    ("40 missiles hit the city", "en", "missiles"),
    ("215 prisoners of war", "en", "captured"),
    ("45 soldiers were taken prisoner", "en", "captured"),
    ("120 injured", "en", "injured"),
    ("seven people died", "en", "killed"),
    ("12 Ortschaften wurden eingenommen", "de", "localities"),
    ("eine Stadt mit rund 30.000 Einwohnern", "de", "civilians"),
    ("40 Soldaten gefangen genommen", "de", "captured"),
    ("4 Menschen wurden verletzt", "de", "injured"),
    ("200 militaires français", "fr", "soldiers"),
    ("15 civils ont été blessés", "fr", "injured"),
    ("взяли в плен 30 военных", "ru", "captured"),
    ("30 военнослужащих взяты в плен", "ru", "captured"),
    ("ранены 30 человек", "ru", "injured"),
    ("12 населённых пунктов", "ru", "localities"),
    ("12 населенных пунктов", "ru", "localities"),
    ("загинули 4 цивільних", "uk", "killed"),
    ("15 населених пунктів", "uk", "localities"),
    ("120 полонених", "uk", "captured"),
    ("a 30-day ceasefire was proposed", "en", "duration"),
    ("12 tanks were destroyed", "en", "count"),
])
def test_measures(text, lang, measure):
    assert only(text, lang).measure == measure


def test_casualty_word_belongs_to_the_nearest_number():
    a, b = found("The shelling killed 3 and injured 12 near the station.", "en")
    assert (a.value, a.measure, b.value, b.measure) == (3, "killed", 12, "injured")


def test_duration_unit():
    q = only("Eine 30-tägige Waffenruhe wurde vereinbart.", "de")
    assert (q.value, q.unit, q.measure, q.text) == (30, "days", "duration", "30-tägige")


def test_a_clock_time_with_a_zone_is_no_quantity():
    assert found("Updated at 20.41 BST", "en") == []
    assert found("The blast came at 21.15 EEST.", "en") == []
    assert [q.value for q in found("К концу 2022 года погибли 12 человек.", "ru")] == [12]  # a year with "года" is no duration


def test_unknown_number_has_no_measure():
    q = only("The figure rose to 15, officials said.", "en")
    assert (q.value, q.unit, q.measure) == (15, None, None)


# -- ranges --------------------------------------------------------------------------------

@pytest.mark.parametrize("text,lang,unit,measure", [
    ("between 10 and 15 soldiers", "en", "people", "soldiers"),
    ("10-15 km away", "en", "km", "distance"),
    ("10 to 15 km away", "en", "km", "distance"),
    ("entre 10 et 15 soldats", "fr", "people", "soldiers"),
    ("zwischen 10 und 15 Soldaten", "de", "people", "soldiers"),
    ("от 10 до 15 человек погибли", "ru", "people", "killed"),
    ("від 10 до 15 військових", "uk", "people", "soldiers"),
])
def test_ranges_give_lower_and_upper_bound(text, lang, unit, measure):
    a, b = found(text, lang)
    assert (a.value, a.qualifier, b.value, b.qualifier) == (10, "at_least", 15, "up_to")
    assert (a.unit, a.measure) == (b.unit, b.measure) == (unit, measure)
    assert a.start == 0 and b.end <= len(text)


def test_and_without_between_is_not_a_range():
    a, b = found("10 soldiers and 15 civilians", "en")
    assert a.qualifier is None and b.qualifier is None


# -- things that are not quantities ----------------------------------------------------------

@pytest.mark.parametrize("text,lang", [
    ("In 2024 the talks failed.", "en"),
    ("The war that began in 2022 goes on.", "en"),
    ("between 2022 and 2024", "en"),
    ("On August 6 the border was crossed.", "en"),
    ("Le 6 août, la frontière a été franchie.", "fr"),
    ("Am 6. August wurde die Grenze überschritten.", "de"),
    ("6 августа граница была пересечена.", "ru"),
    ("The report is dated 16.08.2024.", "en"),
    ("It started at 9:00 a.m. local time.", "en"),
    ("It started at 9 a.m.", "en"),
    ("Cela a commencé à 21h30.", "fr"),
    ("Es begann um 9 Uhr.", "de"),
    ("The 12th brigade moved forward.", "en"),
    ("La 12ème brigade et la 3e brigade avancent.", "fr"),
    ("Die 12. Brigade rückte vor.", "de"),
    ("47-я бригада продвинулась.", "ru"),
    ("47-ма бригада просунулася.", "uk"),
    ("A Su-34 and two F-16 jets; ATACMS and S-300 systems.", "en"),
    ("Call the hotline at +380 44 123 45 67.", "en"),
    ("Call the hotline at 044-123-45-67.", "en"),
    ("Ракеты Х-101 и самолёты Ту-95МС.", "ru"),
    ("Agent 007 filed report 0512.", "en"),
    ("Dated 2025-03-", None),
])
def test_not_quantities(text, lang):
    assert found(text, lang) == []


def test_quantities_next_to_a_date_survive():
    q = only("On August 6, 2024, 82 localities were reported lost.", "en")
    assert (q.value, q.measure) == (82, "localities")


def test_lowercase_may_is_not_a_month():
    q = only("as many as 20 may have died", "en")
    assert (q.value, q.qualifier) == (20, "up_to")


def test_year_like_number_that_counts_something_is_kept():
    assert only("2000 soldiers crossed the river", "en").value == 2000


# -- offsets, slices, languages ---------------------------------------------------------------

def test_start_end_slice_and_offsets():
    text = "First 5 drones. Then at least 12 civilians were killed. Later 7 missiles."
    start = text.index("Then")
    end = text.index("Later")
    (q,) = found(text, "en", start, end)
    assert q.value == 12 and q.start == text.index("at least") and q.text == "at least 12 civilians"
    assert [q.value for q in found(text, "en")] == [5, 12, 7]


def test_unknown_and_missing_language_use_generic_rules():
    text = "Some 12 soldiers held 1,150 km² and 86% of it, 20 km from the border."
    for lang in (None, "es", "pt-BR"):
        qs = found(text, lang)
        assert [tup(q) for q in qs] == [
            (12, None, None, False, None),
            (1150, "km2", "area", False, None),
            (86, "percent", "percent", False, None),
            (20, "km", "distance", False, None),
        ]


def test_language_tag_with_region():
    assert only("12 civilians", "en-GB").measure == "civilians"


def test_no_numbers():
    assert find_quantities("Nothing to count here.", "en") == []
    assert find_quantities("", "ru") == []


# -- data files ------------------------------------------------------------------------------

def test_shipped_data_files_are_valid():
    folder = resources.files("sitroom").joinpath("data", "claims", "quantities")
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".json"))
    assert {"shared.json", "en.json", "fr.json", "de.json", "ru.json", "uk.json"} <= set(names)
    for name in names:
        assert isinstance(parse_table(name, folder.joinpath(name).read_text("utf-8")), dict)


@pytest.mark.parametrize("raw,needle", [
    ('{"units": {', "invalid JSON"),
    ('[1, 2]', "JSON object"),
    ('{"qualifiers": {"nearly": "sort_of"}}', "qualifiers"),
    ('{"nouns": {"tanks": "armour"}}', "nouns"),
    ('{"events": {"killed": ["killed"]}}', "events"),
    ('{"units": {"km": ["km"]}}', "units"),
    ('{"vague": {"dozens": "many"}}', "vague"),
    ('{"speling": []}', "speling"),
])
def test_broken_table_raises_data_file_error(raw, needle):
    with pytest.raises(DataFileError) as err:
        parse_table("quantities/xx.json", raw)
    assert "quantities/xx.json" in str(err.value) and needle in str(err.value)


def test_broken_shipped_file_is_named(tmp_path: Path, monkeypatch):
    folder = tmp_path.joinpath("data", "claims", "quantities")
    folder.mkdir(parents=True)
    real = resources.files("sitroom").joinpath("data", "claims", "quantities")
    folder.joinpath("shared.json").write_text(real.joinpath("shared.json").read_text("utf-8"), "utf-8")
    folder.joinpath("en.json").write_text('{"decimal": ["."],\n "group": [","],\n "units": {oops}}', "utf-8")

    class FakeResources:
        @staticmethod
        def files(package):
            return tmp_path

    monkeypatch.setattr(qmod, "resources", FakeResources)
    qmod._lexicon.cache_clear()
    try:
        with pytest.raises(DataFileError) as err:
            find_quantities("12 soldiers", "en")
        assert "en.json:3" in str(err.value)
    finally:
        monkeypatch.undo()
        qmod._lexicon.cache_clear()
    assert only("12 soldiers", "en").measure == "soldiers"


def test_english_thousands_grouped_by_spaces_and_one_separator_per_number():
    # machine translations keep the source's spaces: "125 000 square kilometres"
    got = [(q.value, q.unit) for q in find_quantities("Russia holds 125 000 square kilometres, about 18 %.", "en")]
    assert (125000, "km2") in got and (18, "percent") in got
    # a comma then a space is two numbers: 1,000 howitzers of 155 mm, not 1,000,155
    got = [q.value for q in find_quantities("They asked for 1,000 155mm howitzers.", "en")]
    assert got and got[0] == 1000
    # a year before a figure stays a year
    assert [q.value for q in find_quantities("By March 2023 120 tanks had arrived.", "en")] == [120]
