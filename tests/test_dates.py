"""Time expressions and publication-date inference."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import TODAY
from sitroom.boilerplate import Removal
from sitroom.pubdate import from_text, parse_metadata_date
from sitroom.timex import find_mentions, resolve, to_expressions


def values(text, lang, ref):
    return {t.text: t.value for t in to_expressions(find_mentions(text, lang), ref)}


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "Talks are set for January 20, 2025.", {"January 20, 2025": "2025-01-20"}),
    ("en", "It happened on Friday, August 16.", {"Friday, August 16": "2024-08-16"}),
    ("fr", "Le vendredi 16 août 2024, Kiev a parlé.", {"vendredi 16 août 2024": "2024-08-16"}),
    ("de", "Am Freitag, 16. August 2024 meldete Kiew Erfolge.", {"Freitag, 16. August 2024": "2024-08-16"}),
    ("ru", "6 августа 2024 года ВСУ вошли в Курскую область.", {"6 августа 2024": "2024-08-06"}),
    ("uk", "6 серпня 2024 року ЗСУ зайшли на Курщину.", {"6 серпня 2024": "2024-08-06"}),
    ("en", "NEXT Headline – 01/07/2025 at 09:15", {"01/07/2025": "2025-01-07"}),
    ("de", "Veröffentlicht am 07.01.2025", {"07.01.2025": "2025-01-07"}),
    ("ru", "КАЗАНЬ, 3 авг — Заявление прозвучало утром.", {"3 авг": "2024-08-03"}),
    ("ru", "Сводка от 12 сент. 2024 г. вышла поздно.", {"12 сент. 2024": "2024-09-12"}),
    ("uk", "ОДЕСА, 5 серп. 2024 — Міська рада зібралася.", {"5 серп. 2024": "2024-08-05"}),
])
def test_absolute_dates_in_five_languages(lang, text, expected):
    assert values(text, lang, date(2024, 8, 20)) == expected


def test_relative_expressions_resolve_against_reference():
    ref = date(2025, 3, 13)  # a Thursday
    got = values("Putin visited on Wednesday; yesterday Peskov spoke; three days ago and last month too.", "en", ref)
    assert got["Wednesday"] == "2025-03-12"
    assert got["yesterday"] == "2025-03-12"
    assert got["three days ago"] == "2025-03-10"
    assert got["last month"] == "2025-02-01"
    fr = values("Mercredi, Poutine s'est rendu à Koursk ; il y a 7 mois, la bataille commençait. Le mois dernier aussi.", "fr", ref)
    assert fr["Mercredi"] == "2025-03-12" and fr["il y a 7 mois"] == "2024-08-13" and fr["Le mois dernier"] == "2025-02-01"
    uk = values("У середу президент виступив, а вчора Генштаб повідомив.", "uk", ref)
    assert uk["середу"] == "2025-03-12" and uk["вчора"] == "2025-03-12"


def test_an_abbreviated_month_needs_a_day_or_a_year_beside_it():
    # "лист" is a letter and "лип" a lime tree: alone after a preposition they stay words.
    assert find_mentions("Вона поклала фото в лист, а він сів під лип.", "uk") == []
    assert [m.text for m in find_mentions("Він отримав 2 листи в грудні.", "uk")] == ["грудні"]


def test_year_less_day_month_takes_the_nearest_year():
    assert values("by November 5 and since August 6", "en", date(2025, 1, 10)) == {"November 5": "2024-11-05", "August 6": "2024-08-06"}


def test_next_weekday_goes_forward():
    [m] = find_mentions("next Monday", "en")
    assert resolve(m, date(2025, 1, 8))[0] == date(2025, 1, 13)


@pytest.mark.parametrize("lang,text,weekday,expected", [
    ("en", "EU leaders will meet in Brussels on Thursday to agree the package.", "Thursday", "2022-03-24"),
    ("en", "The talks, which are due to resume on Monday, stalled.", "Monday", "2022-03-28"),
    ("en", "We’ll vote on Friday.", "Friday", "2022-03-25"),
    ("en", "Moscow said on Monday it will withdraw.", "Monday", "2022-03-21"),  # the future is after the weekday
    ("en", "The summit will open, it was announced on Sunday.", "Sunday", "2022-03-20"),  # another clause
    ("fr", "Le président se rendra jeudi à Kyiv.", "jeudi", "2022-03-24"),
    ("de", "Die Gespräche werden am Donnerstag fortgesetzt.", "Donnerstag", "2022-03-24"),
    ("ru", "Переговоры состоятся в пятницу.", "пятницу", "2022-03-25"),
    ("uk", "Делегація зустрічатиметься у п'ятницю.", "п'ятницю", "2022-03-25"),
    ("uk", "Делегація зустрілася у п'ятницю.", "п'ятницю", "2022-03-18"),
    ("fr", "La mission va rester là où l'armée a bombardé la ville mercredi.", "mercredi", "2022-03-23"),  # a past after
    ("fr", "Le ministre était attendu vendredi à Kyiv.", "vendredi", "2022-03-18"),  # a past form right before
])
def test_a_weekday_in_a_clause_about_the_future_is_the_coming_one(lang, text, weekday, expected):
    ref = date(2022, 3, 23)  # a Wednesday
    assert values(text, lang, ref)[weekday] == expected


@pytest.mark.parametrize("ref, expected", [
    (date(2022, 3, 6), "2022-02-28"),  # a Sunday paper: the week just ended (Monday 28 February to Saturday)
    (date(2022, 3, 5), "2022-02-28"),  # a Saturday one as well
    (date(2022, 3, 7), "2022-02-28"),  # on Monday the week just ended is the previous calendar week
    (date(2022, 3, 9), "2022-02-28"),
])
def test_last_week_in_a_weekend_paper_is_the_working_week_just_ended(ref, expected):
    assert values("The president spoke to the parliament last week.", "en", ref)["last week"] == expected


def test_a_future_weekday_does_not_date_an_undated_text():
    """"Will meet on Thursday" says the text was written before a Thursday, not after one."""
    mentions = find_mentions("Leaders will meet on Thursday. The shelling went on.", "en")
    assert [m.future for m in mentions] == [True]
    assert from_text(mentions, "Leaders will meet on Thursday. The shelling went on.", [], "en", TODAY).value is None


def test_no_false_years_or_months_in_figures():
    got = find_mentions("Ukraine holds 1,150 km2 and 2024 soldiers may leave; they march on.", "en")
    assert [m.text for m in got] == []


def test_pubdate_from_weekday_that_fixes_the_year():
    text = "The adviser wrote on Friday, August 16, that the operation was meant to force talks. Russia has occupied Crimea since 2014."
    pub = from_text(find_mentions(text, "en"), text, [], "en", TODAY)
    assert pub.value == date(2024, 8, 16) and pub.how == "text" and "Friday, August 16" in pub.evidence


def test_pubdate_from_offset_and_weekday():
    text = ("Ukraine launched an assault this Sunday. It comes five months after a first incursion that surprised Russia in August 2024. "
            "Trump returns on January 20.")
    pub = from_text(find_mentions(text, "en"), text, [], "en", TODAY)
    assert pub.value == date(2025, 1, 5) and pub.precision == "month"
    assert "five months after" in pub.evidence and "Sunday" in pub.evidence


def test_pubdate_bounded_by_next_link():
    text = "On Sunday, Moscow said Ukrainian troops had launched a new offensive. In the summer of 2024 Ukraine crossed the border."
    nav = [Removal("NEXT Missile launch reported – 01/07/2025 at 09:15", "navigation", "en-next-link", "upper")]
    pub = from_text(find_mentions(text, "en"), text, nav, "en", TODAY)
    assert pub.value == date(2025, 1, 7) and pub.earliest == date(2025, 1, 5) and pub.precision == "day"
    assert "01/07/2025" in pub.evidence


def test_dateline_wins():
    text = "Fighting continued near Toretsk, the General Staff said, as it has since August 2024."
    byline = [Removal("By Frontline staff – 8 January 2025, 14:20", "dateline", "en-byline-dated", "published")]
    pub = from_text(find_mentions(text, "en"), text, byline, "en", TODAY)
    assert pub.value == date(2025, 1, 8) and "dateline" in pub.evidence


def test_no_date_anywhere():
    text = "Soldiers described the fighting as the hardest they had seen."
    pub = from_text(find_mentions(text, "en"), text, [], "en", TODAY)
    assert pub.value is None and pub.how == "none"


@pytest.mark.parametrize("raw,expected", [
    ("2024-08-16T10:30:00+00:00", date(2024, 8, 16)),
    ("Sun, 05 Jan 2025 14:00:00 +0000", date(2025, 1, 5)),
    ("2025-03-12", date(2025, 3, 12)),
    ("12 March 2025", date(2025, 3, 12)),
    ("2099-01-01", None),
    ("not a date", None),
    ("", None),
])
def test_metadata_dates(raw, expected):
    assert parse_metadata_date(raw, TODAY) == expected


def test_latest_month_mentioned_is_only_a_lower_bound():
    text = "Les fortifications, en bleu ciel depuis janvier 2025, compliquent les manoeuvres russes."
    pub = from_text(find_mentions(text, "fr"), text, [], "fr", TODAY)
    assert pub.value == date(2025, 1, 1) and pub.precision == "range" and pub.latest is None


def test_office_titles_bound_an_undated_text():
    text = ("Le président Donald Trump a déclaré mercredi que tout dépendait de Moscou. "
            "Le vice-président JD Vance a parlé de discussions au téléphone.")
    pub = from_text(find_mentions(text, "fr"), text, [], "fr", TODAY)
    assert pub.value == date(2025, 1, 20) and pub.precision == "range" and "JD Vance" in pub.evidence
    former = "L'ancien président Donald Trump a critiqué l'aide à Kiev."
    assert from_text(find_mentions(former, "fr"), former, [], "fr", TODAY).value is None
