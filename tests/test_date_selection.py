"""Date selection for timelines (``sitroom.analysis.date_selection``) and its evaluation task
(``sitroom.evaluation.timelines``) on hand-made references and a miniature on-disk dataset
(invented articles; never ../shared)."""

from __future__ import annotations

import math
from datetime import date

import pytest

from sitroom.analysis.date_selection import (
    DEFAULT_PARAMS,
    DateReference,
    RankParams,
    default_k,
    rank_dates,
    select_dates,
)
from sitroom.evaluation import timelines
from sitroom.evaluation.timelines import average, date_prf, parse_timeline

D = date(2024, 5, 1)


def day(n: int) -> date:
    return date(2024, 5, n)


def pub(doc: str, n: int) -> DateReference:
    return DateReference(day(n), doc, day(n), "published")


def ment(doc: str, published: int, target: int, kind: str = "mention") -> DateReference:
    return DateReference(day(target), doc, day(published), kind)


def order(refs, **params) -> list[date]:
    return [d for d, _ in rank_dates(refs, params=RankParams(**params) if params else DEFAULT_PARAMS)]


# -- ranking ---------------------------------------------------------------------------

def test_day_referred_back_to_by_later_documents_beats_a_day_only_its_own_article_names():
    refs = [pub("a", 3), ment("a", 3, 3), ment("a", 3, 3), ment("a", 3, 3)]  # "today" x3 in its own report
    refs += [pub(d, 10 + i) for i, d in enumerate("xyz")] + [ment(d, 10 + i, 5) for i, d in enumerate("xyz")]
    ranked = order(refs)
    assert ranked.index(day(5)) < ranked.index(day(3))


def test_a_document_counts_once_per_day():
    refs = [ment("blog", 20, 4) for _ in range(10)] + [ment("p", 20, 6), ment("q", 21, 6)]
    assert order(refs)[0] == day(6)


def test_retrospective_references_outweigh_same_day_and_announced_ones():
    refs = [ment("p", 9, 2), ment("q", 9, 2)]  # two later reports look back at the 2nd
    refs += [ment("r", 5, 5), ment("s", 5, 5)]  # two same-day reports
    refs += [ment("t", 1, 8), ment("u", 1, 8)]  # two announcements of the 8th
    ranked = order(refs, window=0)
    assert ranked[0] == day(2)
    scores = dict(rank_dates(refs, params=RankParams(window=0, same_day=0.25, anticipatory=0.1)))
    assert scores[day(2)] > scores[day(5)] > scores[day(8)]


def test_references_made_days_later_count_more_than_next_day_ones():
    refs = [ment("p", 3, 2), ment("q", 3, 2)]  # the next day
    refs += [ment("r", 20, 10), ment("s", 20, 10)]  # ten days on
    scores = dict(rank_dates(refs, params=RankParams(window=0)))
    assert scores[day(10)] > scores[day(2)]


def test_lone_day_penalty_applies_only_when_every_supporter_published_that_day():
    refs = [pub("a", 7), ment("a", 7, 7), pub("b", 9), ment("c", 12, 9)]
    plain = dict(rank_dates(refs, params=RankParams(lone_penalty=1.0, window=0)))
    penalised = dict(rank_dates(refs, params=RankParams(lone_penalty=0.5, window=0)))
    assert penalised[day(7)] == pytest.approx(plain[day(7)] * 0.5, abs=1e-5)
    assert penalised[day(9)] == pytest.approx(plain[day(9)])


def test_publication_volume_breaks_otherwise_equal_days():
    refs = [ment("p", 20, 4), ment("q", 20, 12), pub("w1", 12), pub("w2", 12)]
    assert order(refs, window=0)[0] == day(12)


def test_diversity_window_discounts_the_neighbours_of_a_picked_day():
    refs = [ment(f"a{i}", 20, 10) for i in range(6)]
    refs += [ment(f"b{i}", 20, 11) for i in range(5)]  # the day after the big one
    refs += [ment(f"c{i}", 20, 15) for i in range(4)]
    assert order(refs, window=0)[:2] == [day(10), day(11)]
    assert order(refs, window=1, discount=0.5)[:2] == [day(10), day(15)]
    # without the discount the greedy path and the plain sort agree
    assert order(refs, window=1, discount=1.0) == order(refs, window=0)


def test_events_can_be_weighted_up_and_undated_documents_still_count():
    refs = [ment("p", 20, 3, "event"), ment("q", 20, 6)]
    assert order(refs, event=2.0, window=0)[0] == day(3)
    undated = [DateReference(day(4), "u", None), DateReference(day(4), "v", None)]
    assert rank_dates(undated)[0][0] == day(4)


def test_ranking_is_deterministic_and_ties_go_to_the_earlier_day():
    refs = [ment("p", 20, 9), ment("q", 20, 3)]
    assert order(refs) == [day(3), day(9)]
    assert rank_dates(refs) == rank_dates(list(reversed(refs)))


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        rank_dates([DateReference(D, "a", D, "rumour")])


# -- selection and k -------------------------------------------------------------------

def test_select_dates_is_chronological_and_honours_k():
    refs = [ment(f"x{i}", 28, 20) for i in range(5)] + [ment(f"y{i}", 28, 2) for i in range(3)]
    refs += [ment("z", 28, 12)]
    assert [d for d, _ in rank_dates(refs, 2)] == [day(20), day(2)]
    assert select_dates(refs, 2) == [day(2), day(20)]
    assert select_dates(refs, 0) == []
    assert select_dates(refs, 99) == [day(2), day(12), day(20)]
    assert select_dates([], 3) == []
    assert rank_dates(refs, -1) == []


def test_default_k_is_a_clamped_share_of_the_well_supported_days():
    assert default_k(0) == 0
    assert default_k(3) == 3  # fewer candidates than the minimum: all of them
    assert default_k(20) == max(DEFAULT_PARAMS.auto_min, round(20 * DEFAULT_PARAMS.auto_fraction))
    assert default_k(10_000) == DEFAULT_PARAMS.auto_max
    # k=None: only days with two or more supporting documents count toward the share
    refs = [ment(f"d{n}a", 28, n) for n in range(1, 13)] + [ment(f"d{n}b", 27, n) for n in range(1, 13)]
    refs += [ment("lone", 28, 25)]
    picked = select_dates(refs, None)
    assert len(picked) == default_k(12) and picked == sorted(picked)


# -- the evaluation task ---------------------------------------------------------------

TIMELINE = """\
ignored preamble
2020-03-15
La réunion se tient .
--------------------------------
2020-03-10
Une tempête frappe la côte .
Le port est détruit .--------------------------------
2020-03-12
Le maire parle .
- -------------------------------
2020-03-15
Deuxième bloc du même jour .
--------------------------------
"""


def test_reference_timeline_parser():
    tl = parse_timeline(TIMELINE)
    assert sorted(tl) == [date(2020, 3, 10), date(2020, 3, 12), date(2020, 3, 15)]
    assert tl[date(2020, 3, 10)] == ["Une tempête frappe la côte .", "Le port est détruit ."]
    assert tl[date(2020, 3, 12)] == ["Le maire parle ."]
    assert tl[date(2020, 3, 15)] == ["La réunion se tient .", "Deuxième bloc du même jour ."]
    assert timelines.glued_separators(TIMELINE) == 1
    assert parse_timeline("") == {}


def test_date_f1_on_a_hand_computed_example():
    pred = [day(1), day(2), day(3), day(4)]
    gold = {day(2), day(4), day(5)}
    p, r, f = date_prf(pred, gold)
    assert (p, r) == (0.5, pytest.approx(2 / 3))
    assert f == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))  # 4/7
    assert date_prf([], gold) == (0.0, 0.0, 0.0)
    assert date_prf([day(9)], gold) == (0.0, 0.0, 0.0)
    # news-tls averaging: mean P, mean R, F1 of those; the mean of the F1s on the side
    p, r, f, mean_f = average([(1.0, 0.5, 2 / 3), (0.0, 0.0, 0.0)])
    assert (p, r) == (0.5, 0.25) and f == pytest.approx(1 / 3) and mean_f == pytest.approx(1 / 3)
    assert all(math.isnan(x) for x in average([]))


ARTICLES = {
    "2020-03-10/a.txt": "Une tempête a frappé la côte mardi. Les secours sont mobilisés.",
    "2020-03-12/b.txt": "Le 10 mars 2020, la tempête a détruit le port. Le maire a annoncé une réunion le 15 mars.",
    "2020-03-16/c.txt": "Depuis la tempête du 10 mars, la ville reconstruit. La réunion de dimanche a eu lieu.",
    "2020-04-30/late.txt": "Le 11 mars, rien. Article publié après la fin de la chronologie.",
}
REFERENCE = "".join(f"{d}\nRésumé inventé .\n{'-' * 32}\n" for d in ("2020-03-10", "2020-03-15", "2020-03-16"))


def make_dataset(root, crisis: bool = True):
    base = root / "4_timelines" / "CL-TLS" / "fr"
    for rel, text in ARTICLES.items():
        path = base / "tempete" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Site du journal\n" + text + "\n", encoding="utf-8")
    (base / "reference").mkdir(parents=True)
    (base / "reference" / "tempete.txt").write_text(REFERENCE, encoding="utf-8")
    (base.parent / "en" / "reference").mkdir(parents=True)  # references without articles: ignored
    (base.parent / "en" / "reference" / "tempete.txt").write_text(REFERENCE, encoding="utf-8")
    if crisis:
        gold = root / "4_timelines" / "Abstractive-Timeline-Summarization" / "gold-timelines" / "crisis-tempete"
        gold.mkdir(parents=True)
        (gold / "wire.txt").write_text(f"2020-03-10\nStorm .\n{'-' * 32}\n2020-03-12\nMayor .\n{'-' * 32}\n",
                                       encoding="utf-8")
    return root


def rows_by(report):
    return {(r.dataset, r.system): r for r in report.rows}


def test_run_on_a_tiny_dataset(tmp_path):
    report = timelines.run(make_dataset(tmp_path))
    assert report.skipped is None
    rows = rows_by(report)
    # refs in span 10..16 (late.txt is out): 10th named by a (same day), b (2 days on), c (6 days
    # on); 15th announced by b and looked back at by c; 12th and 16th only published-on.
    # sitroom picks the 10th, the 15th, then the 12th (the 16th is next to the 15th): 2 of 3.
    sys_row = rows[("CL-TLS fr tempete", timelines.SYSTEM)]
    assert (sys_row.precision, sys_row.recall) == (pytest.approx(2 / 3), pytest.approx(2 / 3))
    assert sys_row.n == 1 and sys_row.published == timelines.ANCHOR
    assert sys_row.extra["k"] == 3 and sys_row.extra["articles"] == 3 and sys_row.extra["split"] == "held-out"
    docs = rows[("CL-TLS fr tempete", timelines.DOCS)]  # only two days are mentioned at all
    assert (docs.precision, docs.recall, docs.f1) == (1.0, pytest.approx(2 / 3), pytest.approx(0.8))
    pub_row = rows[("CL-TLS fr tempete", timelines.PUB)]  # published on 10, 12, 16
    assert pub_row.f1 == pytest.approx(2 / 3)
    avg = rows[("CL-TLS fr average", timelines.SYSTEM)]
    assert avg.f1 == pytest.approx(2 / 3) and avg.n == 1
    crisis = rows[("Crisis en-ref fr tempete", timelines.SYSTEM)]  # k=2 over 10..12: the 10th and the 12th
    assert crisis.n == 1 and crisis.f1 == pytest.approx(1.0)
    assert {r.system for r in report.rows} == set(timelines.SYSTEMS)
    assert not any(r.dataset.startswith("CL-TLS en") for r in report.rows)
    assert any("recall ceiling" in n for n in report.notes)


def test_run_with_limit_and_without_the_crisis_timelines(tmp_path):
    report = timelines.run(make_dataset(tmp_path, crisis=False), limit=1)
    rows = rows_by(report)
    assert not any(r.dataset.startswith("Crisis") for r in report.rows)
    row = rows[("CL-TLS fr tempete", timelines.SYSTEM)]
    assert row.extra["articles"] == 1  # the first article only: the 10th, named the same day
    assert (row.precision, row.recall) == (1.0, pytest.approx(1 / 3))


def test_missing_dataset_is_skipped(tmp_path):
    report = timelines.run(tmp_path / "nothing")
    assert report.skipped and "CL-TLS" in report.skipped and report.rows == []
    (tmp_path / "4_timelines" / "CL-TLS").mkdir(parents=True)
    assert timelines.run(tmp_path).skipped
