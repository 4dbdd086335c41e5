"""The story-clustering evaluation task (sitroom.evaluation.clustering) on invented miniatures
of the Diverse_CDCR_datasets layout (MEANTIME-prep, ECBplus-prep, NewsWCL50-prep CoNLL files
written into tmp_path); the real clusterer is never loaded."""

from __future__ import annotations

import math
import sys
from datetime import date
from pathlib import Path

import pytest

from sitroom.evaluation import clustering as ev
from sitroom.evaluation.runner import GROUPS, TASKS, main

# -- miniature datasets ---------------------------------------------------------------------


def conll(docs: dict[str, list[str]], extra_column: bool = False) -> str:
    """CoNLL text: doc id -> sentences (space-separated tokens); a coref column of '-'."""
    lines = []
    for doc_id, sentences in docs.items():
        lines.append(f"#begin document ({doc_id}); part 000")
        for s, sentence in enumerate(sentences):
            for t, tok in enumerate(sentence.split(" ")):
                lines.append(f"{doc_id}\t{s}\t{t}\t{tok}\t-" + ("\t" if extra_column else ""))
            lines.append("")
        lines.append("#end document")
    return "\n".join(lines) + "\n"


MEANTIME_EN = {
    "corpus_zorvex/101": ["Zorvex unveils the plimbo drone", "March 01 , 2009",
                          "The firm Zorvex showed its plimbo drone on Tuesday .", "`` It flies , '' said Quarn ."],
    "corpus_zorvex/102": ["Zorvex plimbo sales climb", "April 2 , 2009", "Sales of the plimbo rose ( again ) ."],
    "corpus_mekra/201": ["Mekra bank trims rates", "May 05 , 2010", "Mekra cut its rate to 3 % ."],
    "corpus_mekra/202": ["Mekra rates hold", "June 7 , 2010", "The Mekra board held rates ."],
}
MEANTIME_ES = {
    "corpus_zorvex/101": ["Zorvex presenta el dron plimbo", "1 de marzo de 2009", "La empresa Zorvex mostró el dron ."],
    "corpus_zorvex/102": ["Suben las ventas del plimbo", "2 de abril del 2009", "Las ventas del plimbo subieron ."],
    "corpus_mekra/201": ["Mekra recorta los tipos", "5 de mayo de 2010", "Mekra bajó su tipo al 3 % ."],
    "corpus_mekra/202": ["Mekra mantiene los tipos", "7 de junio del 2010", "La junta de Mekra mantuvo los tipos ."],
}
ECB = {
    "1/1ecb/1": ["Glorp storm floods Vantry", "Heavy glorp rains flooded the town of Vantry on Monday ."],
    "1/1ecb/2": ["Vantry flooded after storm"],
    "1/1ecbplus/3": ["http : / / www . example . org / quell - fire - vantry", "Quell fire hits Vantry mill",
                     "A fire struck the Quell mill ."],
    "2/2ecb/4": ["Brindle wins the Osk cup", "Brindle took the Osk cup final ."],
    "2/2ecbplus/5": ["http : / / news . example . net / brindle - coach", "Brindle names new coach",
                     "The club Brindle hired a coach ."],
    "2/2ecbplus/6": ["http : / / news . example . net / brindle - coach - 2", "Coach joins Brindle",
                     "The new coach arrived ."],
}
NEWSWCL = {
    "0/-/0_L": ["Tarrow summit set \\n Leaders of Tarrow will meet .", "The talks start soon ."],
    "0/-/0_R": ["TARROW CITY —", "Tarrow hosts the summit ."],
    "1/-/1_L": ["Vell tariffs rise \\n", "Vell raised tariffs ."],
}


def make_data(root: Path, *, meantime: bool = True, ecb: bool = True, wcl: bool = False) -> Path:
    base = root / "6_clustering" / "Diverse_CDCR_datasets"
    if meantime:
        for lang, docs in (("en", MEANTIME_EN), ("es", MEANTIME_ES)):
            d = base / "MEANTIME-prep" / "output_data" / lang
            d.mkdir(parents=True)
            (d / "meantime.conll").write_text(conll(docs), "utf-8")
    if ecb:
        d = base / "ECBplus-prep" / "output_data" / "test"
        d.mkdir(parents=True)
        (d / "dataset.conll").write_text(conll(ECB), "utf-8")
    if wcl:
        d = base / "NewsWCL50-prep" / "output_data"
        d.mkdir(parents=True)
        (d / "NewsWCL50.conll").write_text(conll(NEWSWCL, extra_column=True), "utf-8")
    return root


# -- reading --------------------------------------------------------------------------------


def test_read_meantime(tmp_path):
    make_data(tmp_path, ecb=False)
    by_lang = ev.read_meantime(tmp_path / "6_clustering" / "Diverse_CDCR_datasets" / "MEANTIME-prep")
    assert list(by_lang) == ["en", "es"]
    en, es = by_lang["en"], by_lang["es"]
    assert [d.topic for d in en] == ["zorvex", "zorvex", "mekra", "mekra"]
    assert [d.doc for d in es] == list(MEANTIME_ES)
    first = en[0]
    assert first.id == "en:corpus_zorvex/101" and first.language == "en" and first.subtopic is None
    assert first.title == "Zorvex unveils the plimbo drone"
    assert first.day == date(2009, 3, 1)
    assert first.text == 'The firm Zorvex showed its plimbo drone on Tuesday. "It flies," said Quarn.'
    assert "2009" not in first.text  # the date line is not text
    assert en[1].text == "Sales of the plimbo rose (again)."
    assert [d.day for d in es] == [date(2009, 3, 1), date(2009, 4, 2), date(2010, 5, 5), date(2010, 6, 7)]


def test_read_ecbplus_drops_the_url_and_keeps_subtopics(tmp_path):
    make_data(tmp_path, meantime=False)
    docs, split = ev.read_ecbplus(tmp_path / "6_clustering" / "Diverse_CDCR_datasets" / "ECBplus-prep")
    assert split == "test" and len(docs) == 6
    assert [d.topic for d in docs] == ["1", "1", "1", "2", "2", "2"]
    assert [d.subtopic for d in docs] == ["1ecb", "1ecb", "1ecbplus", "2ecb", "2ecbplus", "2ecbplus"]
    assert docs[2].title == "Quell fire hits Vantry mill" and docs[2].text == "A fire struck the Quell mill."
    assert all("http" not in d.title + d.text for d in docs)
    assert docs[1].title == docs[1].text == "Vantry flooded after storm"  # one sentence: title is the text
    assert all(d.day is None and d.language == "en" for d in docs)


def test_ecbplus_without_a_test_split_reads_every_split(tmp_path):
    for split, ids in (("dev", ["1/1ecb/1"]), ("train", ["2/2ecb/4"])):
        d = tmp_path / "ECBplus-prep" / "output_data" / split
        d.mkdir(parents=True)
        (d / "dataset.conll").write_text(conll({i: ECB[i] for i in ids}), "utf-8")
    docs, split = ev.read_ecbplus(tmp_path / "ECBplus-prep")
    assert split == "dev+train" and [d.doc for d in docs] == ["1/1ecb/1", "2/2ecb/4"]


def test_read_newswcl_titles_from_line_breaks(tmp_path):
    make_data(tmp_path, meantime=False, ecb=False, wcl=True)
    docs = ev.read_newswcl(tmp_path / "6_clustering" / "Diverse_CDCR_datasets" / "NewsWCL50-prep")
    assert [d.topic for d in docs] == ["0", "0", "1"]
    assert docs[0].title == "Tarrow summit set"
    assert docs[0].text == "Leaders of Tarrow will meet. The talks start soon."
    assert docs[1].title == "TARROW CITY —"
    assert docs[2].title == "Vell tariffs rise" and docs[2].text == "Vell raised tariffs."


def test_detokenize():
    assert ev.detokenize("It cost $ 40 , or # 20 , today .".split()) == "It cost $40, or #20, today."
    assert ev.detokenize("40 millones $ para ellos".split()) == "40 millones $ para ellos"
    assert ev.detokenize("per l' appalto dell' ente".split()) == "per l'appalto dell'ente"
    assert ev.detokenize("`` Who ? '' he asked ( twice ) : no .".split()) == '"Who?" he asked (twice): no.'
    assert ev.detokenize('he said " yes " and did n\'t go'.split()) == 'he said "yes" and didn\'t go'
    assert ev.detokenize("at 4 : 49 pm".split()) == "at 4:49 pm"
    assert ev.detokenize(["Head", "\\n", "Body", "."]) == "Head\nBody."


@pytest.mark.parametrize("line, expected", [
    ("March 01 , 2008", date(2008, 3, 1)),
    ("1 de marzo de 2008", date(2008, 3, 1)),
    ("27 de marzo del 2008", date(2008, 3, 27)),
    ("24 novembre 2004", date(2004, 11, 24)),
    ("01-Mar-08", date(2008, 3, 1)),
    ("12-Dec-13", date(2013, 12, 12)),
    ("Zorvex unveils the plimbo drone", None),
    ("Mekra cut 3 jobs in May 2010 again", None),
    ("February 30 , 2009", None),
])
def test_parse_dateline(line, expected):
    assert ev.parse_dateline(line) == expected


def test_round_robin_limit_keeps_every_topic():
    docs = [ev.Doc(str(i), str(i), t, None, "en", "", "") for i, t in enumerate("aaaabbc")]
    assert [d.id for d in ev.round_robin(docs, 4)] == ["0", "1", "4", "6"]
    assert [d.id for d in ev.round_robin(docs, 1)] == ["0"]
    assert len(ev.round_robin(docs, None)) == len(ev.round_robin(docs, 99)) == 7


# -- metrics --------------------------------------------------------------------------------

GOLD = ["a", "a", "b", "b", "b"]


def test_perfect_clustering_scores_one():
    assert ev.bcubed(GOLD, [7, 7, 3, 3, 3]) == pytest.approx((1.0, 1.0, 1.0))
    assert ev.v_measure(GOLD, [7, 7, 3, 3, 3]) == pytest.approx((1.0, 1.0, 1.0))


def test_all_in_one_and_singletons():
    # all in one: each item's cluster has 5 items, 2 (a) or 3 (b) of them right
    p = (2 * 2 / 5 + 3 * 3 / 5) / 5  # = 13/25
    assert ev.bcubed(GOLD, [0] * 5) == pytest.approx((p, 1.0, 2 * p / (p + 1)))
    assert ev.v_measure(GOLD, [0] * 5) == pytest.approx((0.0, 1.0, 0.0))
    # singletons: precision 1, recall (2 * 1/2 + 3 * 1/3) / 5 = 2/5
    assert ev.bcubed(GOLD, range(5)) == pytest.approx((1.0, 0.4, 2 * 0.4 / 1.4))
    h_gold = -(0.4 * math.log(0.4) + 0.6 * math.log(0.6))
    c = h_gold / math.log(5)  # H(pred|gold) = H(pred) - H(gold) for singletons
    assert ev.v_measure(GOLD, range(5)) == pytest.approx((1.0, c, 2 * c / (1 + c)))


def test_worked_asymmetric_example():
    # gold a a b b b, predicted {1 2 3 4} {5}: cluster 1 holds a a b b, cluster 2 one b
    pred = [1, 1, 1, 1, 2]
    # P: the four in cluster 1 get 2/4 each, the singleton 1 -> 3/5; R: the a's 2/2, the two
    # b's in cluster 1 2/3, the lone b 1/3 -> (2 + 4/3 + 1/3) / 5 = 11/15
    p, r, f = ev.bcubed(GOLD, pred)
    assert (p, r) == pytest.approx((3 / 5, 11 / 15))
    assert f == pytest.approx(0.66)  # 2 * (9/15) * (11/15) / (20/15)
    # homogeneity: H(gold) = H(2/5, 3/5); H(gold|pred) = 4/5 * ln 2 (cluster 1 half and half)
    h_gold = -(0.4 * math.log(0.4) + 0.6 * math.log(0.6))
    hom = 1 - 0.8 * math.log(2) / h_gold
    # completeness: H(pred) = H(4/5, 1/5); H(pred|gold) = 3/5 * H(2/3, 1/3) (the a's are together)
    h_pred = -(0.8 * math.log(0.8) + 0.2 * math.log(0.2))
    com = 1 - 0.6 * -(2 / 3 * math.log(2 / 3) + 1 / 3 * math.log(1 / 3)) / h_pred
    h, c, v = ev.v_measure(GOLD, pred)
    assert (h, c) == pytest.approx((hom, com))
    assert (h, c, v) == pytest.approx((0.17607, 0.23679, 0.20196), abs=1e-4)
    assert v == pytest.approx(2 * hom * com / (hom + com))


def test_metrics_edge_cases():
    assert ev.bcubed([], []) == (0.0, 0.0, 0.0)
    assert ev.v_measure(["x", "x"], [0, 1]) == pytest.approx((1.0, 0.0, 0.0))  # one gold cluster, split
    with pytest.raises(ValueError):
        ev.bcubed(["a"], [0, 1])


def test_tfidf_single_link_baseline():
    items = [ev._fallback_item_class()(str(i), t, x, "en", None) for i, (t, x) in enumerate([
        ("Zorvex plimbo drone", "Zorvex flies the plimbo drone over Quarn."),
        ("Plimbo drone again", "The plimbo drone of Zorvex flew over Quarn."),
        ("Mekra rates", "Mekra bank held its rates at Ostel."),
        ("Ostel weather", "Rain fell on Ostel all week long."),
    ])]
    assert ev.tfidf_single_link(items, max_df=1.0) == [0, 0, 1, 2]


# -- run ------------------------------------------------------------------------------------


class ByLanguage:
    """A trivial injected clusterer: one cluster per language; records what it was given."""

    def __init__(self) -> None:
        self.calls: list[list] = []

    def __call__(self, items):
        self.calls.append(list(items))
        langs: dict = {}
        return [langs.setdefault(it.language, len(langs)) for it in items]


def rows_by(report):
    return {(r.dataset, r.system): r for r in report.rows}


def test_run_scores_system_and_baselines(tmp_path):
    make_data(tmp_path)
    fake = ByLanguage()
    report = ev.run(tmp_path, clusterer=fake)
    assert report.skipped is None
    rows = rows_by(report)
    datasets = ["MEANTIME en+es pooled", "MEANTIME en", "MEANTIME es", "ECB+ test topic", "ECB+ test subtopic"]
    assert sorted({r.dataset for r in report.rows}) == sorted(datasets)
    assert {r.system for r in report.rows} == {ev.SYSTEM, ev.ALL_IN_ONE, ev.ONE_PER_DOC, ev.LEXICAL}
    # one call per clustered set: pooled, en, es, ECB+ (topic and subtopic share it)
    assert [len(c) for c in fake.calls] == [8, 4, 4, 6]
    assert fake.calls[0][0].day == date(2009, 3, 1) and fake.calls[3][0].day is None
    assert fake.calls[0][0].title == "Zorvex unveils the plimbo drone"

    # pooled: the clusters (en, es) cut across the topics (zorvex, mekra): 2 of 4 right everywhere
    pooled = rows[("MEANTIME en+es pooled", ev.SYSTEM)]
    assert (pooled.precision, pooled.recall, pooled.f1, pooled.accuracy, pooled.n) == pytest.approx((0.5, 0.5, 0.5, 0.0, 8))
    assert pooled.extra["homogeneity"] == pytest.approx(0.0) and pooled.extra["completeness"] == pytest.approx(0.0)
    assert pooled.extra["gold_clusters"] == 2 and pooled.extra["pred_clusters"] == 2
    assert pooled.extra["parallel_together"] == 0.0  # no article has its two versions together
    assert rows[("MEANTIME en+es pooled", ev.ALL_IN_ONE)].extra["parallel_together"] == 1.0
    # one language: everything in one cluster, like all-in-one: P 1/2, R 1, F 2/3, V 0
    en = rows[("MEANTIME en", ev.SYSTEM)]
    assert (en.precision, en.recall, en.f1, en.accuracy) == pytest.approx((0.5, 1.0, 2 / 3, 0.0))
    assert "parallel_together" not in en.extra
    single = rows[("MEANTIME en", ev.ONE_PER_DOC)]
    assert (single.precision, single.recall, single.accuracy) == pytest.approx((1.0, 0.5, 2 * 0.5 / 1.5))
    # ECB+: 6 docs, topics 3 + 3, sub-topics 2 + 1 + 1 + 2; all-in-one (= the fake here)
    topic = rows[("ECB+ test topic", ev.SYSTEM)]
    assert (topic.precision, topic.recall) == pytest.approx((0.5, 1.0))
    sub = rows[("ECB+ test subtopic", ev.ONE_PER_DOC)]
    assert (sub.precision, sub.recall) == pytest.approx((1.0, (4 * 1 / 2 + 2 * 1) / 6))  # two pairs, two alone
    assert sub.extra["gold_clusters"] == 4 and sub.extra["pred_clusters"] == 6
    assert "0.95" in topic.published and sub.extra["granularity"].startswith("sub-topic")
    assert any("MEANTIME en: 4 documents, 2 topics" in n for n in report.notes)


def test_run_limit_and_dates_switch(tmp_path):
    make_data(tmp_path, ecb=False, wcl=True)
    fake = ByLanguage()
    report = ev.run(tmp_path, limit=2, clusterer=fake, use_dates=False, lexical=False)
    # 2 articles (one per topic) in each language, pooled 4; NewsWCL50 2 of 3 docs (one per event)
    assert [len(c) for c in fake.calls] == [4, 2, 2, 2]
    assert [it.id for it in fake.calls[1]] == ["en:corpus_zorvex/101", "en:corpus_mekra/201"]
    assert all(it.day is None for c in fake.calls for it in c)
    assert {r.system for r in report.rows} == {ev.SYSTEM, ev.ALL_IN_ONE, ev.ONE_PER_DOC}
    assert rows_by(report)[("NewsWCL50 (diagnostic)", ev.SYSTEM)].n == 2


def test_run_without_the_stories_module_scores_the_baselines(tmp_path, monkeypatch):
    make_data(tmp_path, meantime=False)
    monkeypatch.setitem(sys.modules, "sitroom.stories.offline", None)  # import fails
    report = ev.run(tmp_path, lexical=False)
    assert {r.system for r in report.rows} == {ev.ALL_IN_ONE, ev.ONE_PER_DOC}
    assert any("not scored" in n for n in report.notes)


def test_run_rejects_a_wrong_number_of_labels(tmp_path):
    make_data(tmp_path, meantime=False)
    with pytest.raises(ValueError):
        ev.run(tmp_path, clusterer=lambda items: [0])


def test_missing_folder_is_skipped(tmp_path):
    report = ev.run(tmp_path / "nowhere")
    assert report.skipped and not report.rows
    assert ev.run(tmp_path).skipped


def test_registered_in_the_runner(tmp_path, capsys):
    assert TASKS["clustering"] == "sitroom.evaluation.clustering"
    assert GROUPS["clustering"] == "6_clustering"
    assert main(["clustering", "--data", str(tmp_path)]) == 0
    assert "[clustering] skipped" in capsys.readouterr().out
