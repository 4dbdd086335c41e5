"""The entity evaluation tasks (ner, linking, geoparsing): readers on hand-written miniature
files (tests/fixtures/eval_entities), scores on hand-computed examples, and each task's
``run()`` with a fake engine. The real EntityEngine is never loaded here."""

from __future__ import annotations

import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from sitroom.evaluation import geoparsing, linking, ner
from sitroom.evaluation.runner import TASKS, find_dataset, main

FIXTURES = Path(__file__).parent / "fixtures" / "eval_entities"
SLAVIC = FIXTURES / "1_ner" / "SlavicNER"
GEO = FIXTURES / "3_geoparsing" / "Pragmatic-Guide-to-Geoparsing-Evaluation"


# -- a fake engine -----------------------------------------------------------------------


@dataclass
class Mention:
    start: int
    end: int
    text: str
    type: str


@dataclass
class Place:
    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None
    geonames_id: int | None = None
    name: str = ""
    country: str = ""


def _find(text: str, names) -> list[tuple[int, int, str]]:
    """Non-overlapping occurrences of ``names`` in ``text``, longest names first."""
    taken: list[tuple[int, int, str]] = []
    for name in sorted(names, key=len, reverse=True):
        for m in re.finditer(re.escape(name), text):
            if all(m.end() <= s or m.start() >= e for s, e, _ in taken):
                taken.append((m.start(), m.end(), name))
    return sorted(taken)


class FakeEngine:
    NAMES = {  # surface -> type the fake "detects"
        "Anna Kovacs": "person", "Riverton": "place", "Harbour": "organization", "Spring Fair": "other",
        "North Val": "place", "Monday": "group",  # "North Val" is not on a token boundary
        "Valbonne": "place", "Claire Dumas": "person", "Nordex": "person",
        "Олена Бойко": "person", "Полтаві": "place",
        "Самаре": "place", "Самары": "place", "Олег Рябов": "person",
        "Мостострой": "organization",
    }
    PLACES = {  # surface -> (lat, lon, geonames id)
        "Riverton": (45.0, -75.0, 111), "Hillford": (46.0, -75.5, None), "Lakeport": (40.0, 12.0, 222),
        "Lakeport council": (40.0, 12.0, 222), "old bridge": (45.0, -75.0, None), "Springfield": (39.8, -89.6, 333),
    }
    ALIASES = {"Самары": "Самаре", "Самарі": "Самаре", "Рябов": "Олег Рябов"}

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def detect(self, text, language):
        self.calls.append(("detect", language))
        return [Mention(s, e, text[s:e], self.NAMES[name]) for s, e, name in _find(text, self.NAMES)]

    def geoparse(self, text, language, spans=None):
        self.calls.append(("geoparse", language))
        if spans is None:
            spans = [(s, e) for s, e, _ in _find(text, self.PLACES)]
        out = []
        for s, e in spans:
            lat, lon, gid = self.PLACES.get(text[s:e], (None, None, None))
            out.append(Place(s, e, text[s:e], lat, lon, gid))
        return out

    def link_corpus(self, docs):
        self.calls.append(("link_corpus", ",".join(sorted({d[2] for d in docs}))))
        return [[self.ALIASES.get(text[s:e], text[s:e]) for s, e, _ in spans] for _, text, _, spans in docs]


# -- readers -------------------------------------------------------------------------------


def test_iob_chunks_read_like_conlleval():
    tags = ["B-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-LOC", "I-ORG", "B-MISC", "I-MISC"]
    assert ner.iob_chunks(tags) == [(0, 2, "PER"), (3, 5, "LOC"), (5, 6, "LOC"), (6, 7, "ORG"), (7, 9, "MISC")]
    assert ner.iob_chunks(["S-PER", "B-ORG", "E-ORG", "O"]) == [(0, 1, "PER"), (1, 3, "ORG")]
    assert ner.iob_chunks([]) == []


def test_read_iob_documents_and_sentences():
    docs = ner.read_iob(FIXTURES / "1_ner/wikineural/data/conll/en/test.conllu")
    assert [len(d) for d in docs] == [2, 1]  # -DOCSTART- splits documents, blank lines sentences
    assert docs[0][0][:2] == [("Mayor", "O"), ("Anna", "B-PER")]
    uk = ner.read_iob(FIXTURES / "1_ner/ner-uk/v2.0/iob/test.iob")  # "token TAG", runs of blank lines
    assert len(uk) == 1 and [len(s) for s in uk[0]] == [6, 5]


def test_token_doc_text_offsets_and_label_mapping():
    [doc] = ner.load_token_docs(FIXTURES / "1_ner/wikineural/data/conll/en/test.conllu", "en", "x", True, 1)
    assert doc.text == "Mayor Anna Kovacs visited Riverton .\nThe Harbour Board backed the Spring Fair ."
    spans = {(doc.text[s:e], kind) for s, e, kind in doc.gold}
    assert spans == {("Anna Kovacs", "person"), ("Riverton", "place"), ("Harbour Board", "organization")}
    assert doc.dropped == 1  # Spring Fair (MISC) is not scored
    assert all(doc.text[s:e] and " " not in doc.text[s:e] for s, e in doc.tokens)
    # --limit counts sentences when there are no documents
    fr = FIXTURES / "1_ner/wikineural/data/wikineural/fr/test.conllu"
    sentences = ner.load_token_docs(fr, "fr", "x", False, None)
    assert [d.text for d in sentences] == ["Le fleuve traverse Valbonne .", "Claire Dumas dirige Nordex ."]
    [uk] = ner.load_token_docs(FIXTURES / "1_ner/ner-uk/v2.0/iob/test.iob", "uk", "x", False, 1)
    assert {(uk.text[s:e], k) for s, e, k in uk.gold} == {("Олена Бойко", "person"),
                                                           ("Полтаві", "place")}


def test_gold_label_mapping():
    assert [ner.map_gold_label(x) for x in ("PER", "PERS", "ORG", "LOC", "GPE", "MISC", "EVT", "PRO", "DATE")] == [
        "person", "person", "organization", "place", "place", None, None, None, None]


def test_slavicner_reader():
    rows = ner.read_slavicner_tsv(SLAVIC / "ner/bridges/ru/bridges_ru_1.tsv")
    text = (SLAVIC / "raw/bridges/ru/bridges_ru_1.txt").read_text("utf-8")
    assert all(text[s:e] == surface for s, e, surface, *_ in rows)
    assert rows[2][4:] == ("PER", "PER-Oleg-Ryabov")
    docs = ner.load_slavicner_docs(SLAVIC, "ru", None)
    assert [d.id for d in docs] == ["raw/bridges/ru/bridges_ru_1.txt", "raw/bridges/ru/bridges_ru_2.txt"]
    assert len(docs[0].gold) == 5 and docs[1].dropped == 1  # the EVT mention is not scored
    assert ner.read_split(SLAVIC / "SPLIT_single_out_topic_test.txt") == {
        "raw/bridges/ru/bridges_ru_2.txt", "raw/bridges/uk/bridges_uk_1.txt"}


def test_geoparsing_reader_types_and_alignment():
    articles, stats = geoparsing.read_corpus(GEO / "data/GWN.xml")
    names = [(t.name, t.type) for t in articles[0].toponyms]
    assert names == [("Riverton", "Literal"), ("Hillford", "Literal"), ("Canadian", "Demonym")]
    assert stats["not_toponym"] == 1 and stats["lost"] == 1  # "town" is an expression; "Oakridge" is not there
    riverton = articles[0].toponyms[0]
    assert (riverton.lat, riverton.lon, riverton.geonames_id) == (45.0, -75.0, 111)
    assert articles[0].toponyms[1].geonames_id is None and not articles[0].toponyms[2].has_coords
    [lgl], stats = geoparsing.read_corpus(GEO / "data/Corpora/lgl.xml")
    assert stats["moved"] == 1  # Green Hills was one character off
    assert [(lgl.text[t.start:t.end], t.has_coords, t.geonames_id) for t in lgl.toponyms] == [
        ("Springfield", True, 333), ("Green Hills", False, None)]


def test_align():
    text = "We met in Paris today, then in Paris again."
    assert geoparsing.align(text, 10, 15, "Paris") == (10, 15)
    assert geoparsing.align(text, 11, 16, "Paris") == (10, 15)  # shifted
    assert geoparsing.align(text, 29, 33, "Paris") == (31, 36)  # end cuts the name; nearest wins
    assert geoparsing.align(text, 0, 5, "Berlin") is None
    assert geoparsing.align(text, -40, -35, "Paris") is None


# -- scores ----------------------------------------------------------------------------------


def test_span_counts_micro_and_per_type():
    c = ner.SpanCounts()
    c.add({(0, 5, "person"), (10, 15, "place"), (20, 25, "organization")},
          {(0, 5, "person"), (10, 15, "person"), (30, 35, "place")})
    s = c.micro()
    assert (s["tp"], s["fp"], s["fn"]) == (1, 2, 2)
    assert s["precision"] == pytest.approx(1 / 3) and s["recall"] == pytest.approx(1 / 3)
    assert s["f1"] == pytest.approx(1 / 3)
    per = c.per_type()
    assert per["person"]["precision"] == 0.5 and per["person"]["recall"] == 1.0
    assert per["person"]["f1"] == pytest.approx(0.6667)
    assert per["place"]["f1"] == 0.0 and per["organization"]["gold"] == 1


def test_snap_to_tokens():
    tokens = [(0, 5), (6, 11), (12, 13)]  # "North Vale ."
    assert ner.snap_to_tokens(tokens, 0, 9) == (0, 11)
    assert ner.snap_to_tokens(tokens, 2, 4) == (0, 5)
    assert ner.snap_to_tokens(tokens, 6, 11) == (6, 11)
    assert ner.snap_to_tokens(tokens, 5, 6) is None  # only the space
    assert ner.snap_to_tokens(tokens, 20, 25) is None


def test_cluster_scores_by_hand():
    # m0..m3: gold A A A B; system 1 1 2 2; documents d1 d2 d3 d3; languages ru uk uk uk
    s = linking.cluster_scores(["A", "A", "A", "B"], ["1", "1", "2", "2"], ["d1", "d2", "d3", "d3"],
                               ["ru", "uk", "uk", "uk"])
    # cross-document: gold-linked (0,1) (0,2) (1,2); system-linked (0,1) ((2,3) share a document)
    assert s["cross_document"]["precision"] == 1.0 and s["cross_document"]["recall"] == pytest.approx(1 / 3)
    assert s["cross_document"]["f1"] == pytest.approx(0.5)
    # cross-lingual: gold-linked (0,1) (0,2); system-linked (0,1)
    assert s["cross_lingual"]["recall"] == pytest.approx(0.5) and s["cross_lingual"]["f1"] == pytest.approx(2 / 3)
    # all pairs: gold 3, system 2 ((0,1), (2,3)), both 1
    assert s["all_pairs"]["precision"] == pytest.approx(0.5) and s["all_pairs"]["f1"] == pytest.approx(0.4)
    # B-cubed: P = (1 + 1 + 1/2 + 1/2) / 4, R = (2/3 + 2/3 + 1/3 + 1) / 4
    assert s["bcubed"]["precision"] == pytest.approx(0.75)
    assert s["bcubed"]["recall"] == pytest.approx(2 / 3)
    assert s["bcubed"]["f1"] == pytest.approx(2 * 0.75 * (2 / 3) / (0.75 + 2 / 3))
    with pytest.raises(ValueError):
        linking.cluster_scores(["A"], ["1", "2"], ["d"], ["ru"])


def test_system_ids_checks_lengths_and_keeps_none_apart():
    docs = [("d1", "ab", "ru", [(0, 1, "person"), (1, 2, "person")])]
    ids = linking.system_ids([[None, None]], docs)
    assert ids[0] != ids[1]
    assert linking.system_ids([["x", "x"]], docs) == ["id:x", "id:x"]
    with pytest.raises(ValueError):
        linking.system_ids([["x"]], docs)


def test_distances_and_resolution_scores():
    assert geoparsing.haversine_km(0, 0, 0, 1) == pytest.approx(111.195, abs=0.01)
    assert geoparsing.haversine_km(0, 0, 0, 180) == pytest.approx(20015.1, abs=0.1)
    s = geoparsing.resolution_scores([0.0, 100.0, 200.0, 20038.0])
    assert s["acc161"] == 0.5 and s["median_km"] == 150.0 and s["mean_km"] == pytest.approx(5084.5)
    assert geoparsing.auc([0.0, 20038.0]) == pytest.approx(0.5)
    assert geoparsing.auc([0.0, 0.0, 0.0]) == 0.0 and geoparsing.auc([20038.0]) == pytest.approx(1.0)
    gold = geoparsing.Toponym(0, 1, "x", 10.0, 10.0)
    assert geoparsing.error_km(gold, None) == geoparsing.UNRESOLVED_KM
    assert geoparsing.error_km(gold, Place(0, 1, "x", None, None)) == geoparsing.UNRESOLVED_KM


def test_match_spans_exact_first_then_overlap():
    pairs, exact = geoparsing.match_spans([(0, 5), (10, 20), (30, 40)], [(12, 15), (0, 5), (14, 18), (50, 55)])
    assert exact == 1 and pairs[0] == (0, 1)
    assert sorted(pairs) == [(0, 1), (1, 0)]  # (14, 18) finds (10, 20) already taken


# -- the tasks with the fake engine ----------------------------------------------------------


def test_tasks_are_registered_and_find_their_group(tmp_path):
    assert {"ner", "linking", "geoparsing", "extraction", "dates"} <= set(TASKS)
    assert find_dataset(FIXTURES, "SlavicNER", "1_ner") == SLAVIC
    assert find_dataset(FIXTURES / "1_ner", "SlavicNER", "1_ner") == SLAVIC
    assert find_dataset(SLAVIC, "SlavicNER", "1_ner") == SLAVIC
    assert find_dataset(FIXTURES, "SlavicNER") is None  # the default group is still 7_extraction
    assert find_dataset(tmp_path, "htmldate") is None


def test_ner_run_with_a_fake_engine():
    engine = FakeEngine()
    report = ner.run(FIXTURES, None, engine=engine)
    assert report.skipped is None
    rows = {r.dataset: r for r in report.rows}
    assert list(rows) == ["CoNLL-03 en test", "WikiNEuRal fr test (silver)", "SlavicNER ru", "SlavicNER uk",
                          "ner-uk v2.0 test"]
    assert any("CoNLL-03 de test: not found" in n for n in report.notes)
    en = rows["CoNLL-03 en test"]
    # TP Anna Kovacs, Riverton, North Vale (snapped from "North Val"); FP "Harbour"; FN "Harbour Board"
    assert (en.extra["tp"], en.extra["fp"], en.extra["fn"]) == (3, 1, 1)
    assert en.precision == en.recall == en.f1 == pytest.approx(0.75)
    assert en.extra["snapped_to_tokens"] == 1 and en.n == 2
    assert en.extra["system_mentions_dropped"] == {"other": 1, "group": 1}
    assert en.extra["per_type"]["person"]["f1"] == 1.0 and en.extra["per_type"]["organization"]["f1"] == 0.0
    assert math.isnan(en.accuracy) and "0.946" in en.published
    assert rows["WikiNEuRal fr test (silver)"].f1 == pytest.approx(2 / 3)  # Nordex typed as a person
    ru = rows["SlavicNER ru"]
    assert (ru.extra["tp"], ru.extra["fp"], ru.extra["fn"]) == (5, 0, 1)  # the lone "Рябов" is missed
    assert ru.f1 == pytest.approx(10 / 11)
    assert ru.extra["single_out_topic_test"]["f1"] == 1.0 and ru.extra["single_out_topic_test"]["documents"] == 1
    assert rows["SlavicNER uk"].recall == 0.5 and rows["ner-uk v2.0 test"].f1 == 1.0
    assert {lang for _, lang in engine.calls} == {"en", "fr", "ru", "uk"}


def test_ner_limit_counts_units():
    report = ner.run(FIXTURES, 1, engine=FakeEngine())
    assert all(r.n == 1 for r in report.rows)


def test_linking_run_with_a_fake_engine():
    engine = FakeEngine()
    report = linking.run(FIXTURES, None, engine=engine)
    assert engine.calls == [("link_corpus", "ru,uk")]
    rows = {(r.dataset, r.system): r for r in report.rows}
    fake_doc = rows["SlavicNER ru+uk, cross-doc", linking.SYSTEM]
    assert fake_doc.f1 == 1.0 and fake_doc.n == 9  # the aliases join every gold entity
    assert fake_doc.extra["bcubed"]["f1"] == 1.0
    assert fake_doc.extra["gold_entities"] == 4  # "GPE-Samara" and "gpe-samara" are one id
    base_doc = rows["SlavicNER ru+uk, cross-doc", linking.BASELINE]
    # gold-linked cross-document pairs: Samara 2, Ryabov 2, Mostostroy 1; the surface
    # baseline links "Олег Рябов" ru-uk and "Мостострой" across the two ru documents
    assert base_doc.precision == 1.0 and base_doc.recall == pytest.approx(0.4)
    base_lang = rows["SlavicNER ru+uk, cross-lingual", linking.BASELINE]
    assert base_lang.recall == pytest.approx(0.25) and base_lang.f1 == pytest.approx(0.4)
    assert base_doc.extra["all_pairs"]["recall"] == pytest.approx(round(2 / 7, 4))


def test_geoparsing_run_with_a_fake_engine():
    report = geoparsing.run(FIXTURES, None, engine=FakeEngine())
    assert any("TR-News" in n and "not found" in n for n in report.notes)
    rows = {(r.dataset, r.system): r for r in report.rows}
    res = rows["GeoWebNews", geoparsing.RESOLVE]
    # gold spans with coordinates: Riverton 0 km, Hillford 55.6 km, Lakeport twice 170 km
    assert res.n == 4 and res.accuracy == 0.5
    assert res.extra["median_km"] == pytest.approx((55.597 + 170.3) / 2, abs=0.1)
    assert res.extra["geonames_id_accuracy"] == 1.0 and res.extra["with_geonames_id"] == 3
    assert math.isnan(res.f1) and "0.941" in res.published
    e2e = rows["GeoWebNews", geoparsing.END_TO_END]
    # gold: Riverton, Hillford, Canadian, Lakeport x2; system: old bridge, Riverton, Hillford,
    # Lakeport, "Lakeport council" (overlaps the second Lakeport)
    assert e2e.n == 5 and e2e.precision == e2e.recall == pytest.approx(0.6)
    assert e2e.extra["overlap"]["f1"] == pytest.approx(0.8)
    assert e2e.accuracy == 0.5 and e2e.extra["acc161_exact_pairs"] == pytest.approx(2 / 3, abs=1e-4)
    assert e2e.extra["recall_by_type"]["Demonym"] == {"gold": 1, "recall": 0.0}
    lgl = rows["LGL", geoparsing.RESOLVE]
    assert lgl.n == 1 and lgl.accuracy == 1.0 and "0.827" in lgl.published
    lgl_e2e = rows["LGL", geoparsing.END_TO_END]
    assert lgl_e2e.recall == 0.5 and lgl_e2e.precision == 1.0 and lgl_e2e.extra["offsets_moved"] == 1


def test_unresolved_places_count_as_the_maximum_error():
    class Lost(FakeEngine):
        def geoparse(self, text, language, spans=None):
            return [Place(p.start, p.end, p.text, None, None) for p in super().geoparse(text, language, spans)]

    report = geoparsing.run(FIXTURES, None, engine=Lost())
    res = report.rows[0]
    assert res.accuracy == 0.0 and res.extra["unresolved"] == 4
    assert res.extra["mean_km"] == geoparsing.UNRESOLVED_KM


# -- skipping ---------------------------------------------------------------------------------


@pytest.mark.parametrize("task", [ner, linking, geoparsing])
def test_missing_data_is_skipped(task, tmp_path):
    report = task.run(tmp_path / "nowhere", None)
    assert report.skipped and "not found" in report.skipped and not report.rows


@pytest.mark.parametrize("task", [ner, linking, geoparsing])
def test_engine_not_importable_is_skipped(task, monkeypatch):
    monkeypatch.setattr(ner, "_ENGINE", None)
    monkeypatch.setitem(sys.modules, "sitroom.entities", None)  # import fails, nothing is loaded
    report = task.run(FIXTURES, None)
    assert report.skipped and "not importable" in report.skipped and not report.rows


def test_runner_skips_the_entity_tasks_without_data(tmp_path, capsys):
    assert main(["ner", "linking", "geoparsing", "--data", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "[ner] skipped" in out and "[linking] skipped" in out and "[geoparsing] skipped" in out


def test_ner_uses_detect_many_when_the_engine_has_it():
    class Batching(FakeEngine):
        def detect_many(self, items):
            self.calls.append(("detect_many", len(items)))
            return [FakeEngine.detect(self, text, lang) for text, lang in items]

    engine = Batching()
    report = ner.run(FIXTURES, None, engine=engine)
    batches = [c for c in engine.calls if c[0] == "detect_many"]
    assert len(batches) == len(report.rows) == 5  # one call per dataset
    assert report.rows[0].f1 == pytest.approx(0.75)


def test_system_span_on_an_unscored_gold_entity_is_a_false_positive():
    doc = ner.Doc("d", "Spring Fair in Riverton", "en", gold=[(15, 23, "place")], unscored=[(0, 11)])
    total, per_doc, info = ner.score_docs([doc], [[Mention(0, 11, "Spring Fair", "place"),
                                                   Mention(15, 23, "Riverton", "place")]])
    assert (total.micro()["tp"], total.micro()["fp"], total.micro()["fn"]) == (1, 1, 0)
    assert info["fp_on_unscored_gold"] == 1 and per_doc["d"].micro()["precision"] == 0.5


def test_limited_slavicner_runs_take_the_topics_in_turn():
    files = [(f"raw/{topic}/ru/{k}.txt", Path("x"), Path("y")) for topic, k in
             (("alpha", 1), ("alpha", 2), ("alpha", 3), ("beta", 1))]
    assert [f[0] for f in ner.interleave_topics(files)] == [
        "raw/alpha/ru/1.txt", "raw/beta/ru/1.txt", "raw/alpha/ru/2.txt", "raw/alpha/ru/3.txt"]
