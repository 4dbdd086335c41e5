"""The attribution evaluation task on a hand-written PolNeAR-layout miniature
(tests/fixtures/eval_attribution) with a fake extractor; the real extractor is never loaded."""

from __future__ import annotations

import math
import sys
import types
from pathlib import Path

import pytest

from sitroom.claims.model import Attribution, Span
from sitroom.evaluation import attribution as ev
from sitroom.evaluation.runner import TASKS, main

FIXTURES = Path(__file__).parent / "fixtures" / "eval_attribution"
SPLIT_DIR = FIXTURES / "2_quotes" / "PolNeAR" / "data" / "test"
ALPHA = (SPLIT_DIR / "text" / "alpha.txt").read_text("utf-8")
BETA = (SPLIT_DIR / "text" / "beta.txt").read_text("utf-8")


def span(text: str, surface: str, nth: int = 1) -> Span:
    i = -1
    for _ in range(nth):
        i = text.index(surface, i + 1)
    return Span.of(text, i, i + len(surface))


def att(text: str, source: str | None, cue: str, content: str) -> Attribution:
    return Attribution(span(text, source) if source else None, span(text, cue), span(text, content))


def alpha_predictions() -> list[Attribution]:
    a = ALPHA
    pier = span(a, '"The pier is safe,"')
    return [
        att(a, "Mayor Lina Ortiz", "said", "the ferry will resume on Monday "),  # all exact after trimming
        att(a, "Lina Ortiz", "warned", "fares may rise."),  # source: shared gold already taken; content overlaps
        # content: offsets of the first fragment only, text of both: exact by the concatenation rule
        Attribution(span(a, "she told"), span(a, "told reporters"),
                    Span(pier.start, pier.end, "The pier is safe, and the tickets are cheap.")),
        att(a, None, "it was reported", "Delays are expected,"),  # no source; cue overlaps only
        att(a, None, "expected", "Delays"),  # spurious
    ]


def beta_predictions() -> list[Attribution]:
    return [att(BETA, "the vote", "believe", "the vote was close")]  # wrong source: attribution fails


class FakeExtractor:
    def __init__(self) -> None:
        self.calls: list[tuple[list[str], str]] = []

    def __call__(self, texts: list[str], lang: str) -> list[list[Attribution]]:
        self.calls.append((list(texts), lang))
        table = {ALPHA: alpha_predictions(), BETA: beta_predictions()}
        return [table.get(t, []) for t in texts]


def rows_by_key(report) -> dict[str, object]:
    return {r.dataset.removeprefix("PolNeAR test "): r for r in report.rows}


# -- reading ---------------------------------------------------------------------------------


def test_load_docs_picks_first_annotator_and_notes_what_it_left_out():
    docs, notes = ev.load_docs(SPLIT_DIR, None)
    assert [(d.name, d.annotator) for d in docs] == [("alpha", "c3d4"), ("beta", "a1b2")]
    assert any("several annotators" in n and "2 .ann" in n for n in notes)
    assert any("without annotation" in n and "gamma" in n for n in notes)
    beta = docs[1]
    assert beta.dropped == 1 and len(beta.attributions) == 1  # the anchor-only E2 is dropped
    assert [d.name for d in ev.load_docs(SPLIT_DIR, 1)[0]] == ["alpha"]


def test_gold_roles_shared_source_discontinuous_content_missing_source():
    [doc] = ev.load_docs(SPLIT_DIR, 1)[0]
    assert [a.id for a in doc.attributions] == ["E1", "E2", "E3", "E4"]
    e1, e2, e3, e4 = doc.attributions
    assert e1.source == e2.source and ALPHA[slice(*e1.source.envelope)] == "Mayor Lina Ortiz"
    assert e4.source is None and ALPHA[slice(*e4.cue.envelope)] == "was reported"
    assert [ALPHA[s:e] for s, e in e3.content.fragments] == ['"The pier is safe,"', '"and the tickets are cheap."']
    assert len(doc.gold("source")) == 2  # the shared source counts once
    assert len(doc.gold("cue")) == 4 and len(doc.gold("content")) == 4
    # the Discuss span over "fares" is not gold of any role
    fares = ALPHA.index("fares")
    assert all(g.fragments != ((fares, fares + 5),) for r in ev.ROLES for g in doc.gold(r))


def test_parse_ann_merges_content2_and_ignores_discuss_and_wrapped_lines():
    ann = ("T1\tCue 0 4\tsaid\nT2\tContent 5 9\tabcd\nT3\tContent 20 25\tefghi\nT4\tDiscuss 30 35\tzzzzz\n"
           "wrapped span text\nE1\tAttribution:T9 Cue:T1 Content:T2 Content2:T3 Source:T4\n")
    [a], dropped = ev.parse_ann(ann)
    assert dropped == 0
    assert a.content.fragments == ((5, 9), (20, 25)) and a.content.envelope == (5, 25)
    assert a.source is None  # a Discuss span is never gold, even when an E line points at it


# -- matching ------------------------------------------------------------------------------


def test_trim_strips_whitespace_punctuation_and_quotes():
    text = ' “Hello, world!” '
    assert text[slice(*ev.trim(text, 0, len(text)))] == "Hello, world"
    assert ev.trim("...", 0, 3) == (3, 3)


def test_exact_envelope_and_concatenation_rules():
    [doc] = ev.load_docs(SPLIT_DIR, 1)[0]
    sc = ev.DocScorer(ALPHA)
    gold = doc.attributions[2].content  # discontinuous
    s, e = gold.envelope
    assert sc.exact(Span.of(ALPHA, s + 1, e - 1), gold)  # envelope, quote marks trimmed
    first = gold.fragments[0]
    assert not sc.exact(Span.of(ALPHA, *first), gold)  # the first fragment alone
    assert sc.exact(Span(first[0], first[1], "The pier is safe and the tickets are cheap"), gold)
    far = Span(0, 5, "The pier is safe and the tickets are cheap")  # same words elsewhere: no
    assert not sc.exact(far, gold)
    # overlap counts non-space characters on the fragments only (not the gap)
    assert sc.overlap(span(ALPHA, "she told reporters"), gold) == 0
    assert sc.overlap(span(ALPHA, 'safe," she'), gold) == len('safe,"')


def test_greedy_match_is_one_to_one_and_prefers_larger_overlap():
    assert ev.greedy_match([(3, 0, 0), (9, 1, 0), (2, 1, 1), (0, 0, 1)]) == [(1, 0)]
    assert ev.greedy_match([(1, 0, 0), (1, 1, 0), (1, 1, 1)]) == [(0, 0), (1, 1)]


# -- the task ------------------------------------------------------------------------------

EXPECTED = {  # key: (tp, fp, fn, precision, recall, f1), worked out by hand (see the fake's comments)
    "source exact": (1, 3, 2, 1 / 4, 1 / 3, 2 / 7),
    "source overlap": (2, 2, 1, 1 / 2, 2 / 3, 4 / 7),
    "cue exact": (3, 3, 2, 1 / 2, 3 / 5, 6 / 11),
    "cue overlap": (5, 1, 0, 5 / 6, 1.0, 10 / 11),
    "content exact": (4, 2, 1, 2 / 3, 4 / 5, 8 / 11),
    "content overlap": (5, 1, 0, 5 / 6, 1.0, 10 / 11),
    "attribution": (4, 2, 1, 2 / 3, 4 / 5, 8 / 11),
}


def test_run_with_fake_extractor_exact_counts_and_scores():
    fake = FakeExtractor()
    report = ev.run(FIXTURES, None, extractor=fake)
    assert report.skipped is None
    assert [(texts, lang) for texts, lang in fake.calls] == [([ALPHA, BETA], "en")]  # one batch, unmodified
    rows = rows_by_key(report)
    assert list(rows) == list(EXPECTED)
    for key, (tp, fp, fn, p, r, f1) in EXPECTED.items():
        row = rows[key]
        assert (row.extra["tp"], row.extra["fp"], row.extra["fn"]) == (tp, fp, fn), key
        assert (row.precision, row.recall, row.f1) == pytest.approx((p, r, f1)), key
        assert row.system == "sitroom" and row.task == "attribution" and row.n == 2 and math.isnan(row.accuracy)
    assert rows["attribution"].extra["gold_dropped"] == 1
    assert "source exact F1 0.82" in rows["source exact"].published
    assert "content exact F1 0.59" in rows["content exact"].published
    assert "content overlap F1 0.83" in rows["content overlap"].published
    assert rows["attribution"].published == ""


def test_run_scores_under_polnear_conventions_and_reports_the_figures_without_them():
    base = rows_by_key(ev.run(FIXTURES, None, extractor=FakeExtractor()))

    def with_a_nested_report(texts, lang):
        out = FakeExtractor()(texts, lang)
        for text, preds in zip(texts, out):
            if text == ALPHA:  # a report inside someone's quote: not PolNeAR's to annotate
                preds.append(Attribution(span(ALPHA, "she told"), span(ALPHA, "safe"), span(ALPHA, "the tickets"),
                                         nested=True))
        return out

    rows = rows_by_key(ev.run(FIXTURES, None, extractor=with_a_nested_report))
    for key, row in rows.items():
        assert (row.extra["tp"], row.extra["fp"], row.extra["fn"]) == (
            base[key].extra["tp"], base[key].extra["fp"], base[key].extra["fn"]), key
        assert row.extra["nested_left_out"] == 1
    assert rows["cue exact"].extra["f1_without_conventions"] < rows["cue exact"].f1  # counted, it is a false positive
    assert base["cue exact"].extra["f1_without_conventions"] == pytest.approx(base["cue exact"].f1, abs=1e-4)


def test_run_honours_limit_and_batches(monkeypatch):
    fake = FakeExtractor()
    report = ev.run(FIXTURES, 1, extractor=fake)
    assert fake.calls == [([ALPHA], "en")]
    assert rows_by_key(report)["attribution"].extra["tp"] == 4
    monkeypatch.setattr(ev, "BATCH", 1)
    fake = FakeExtractor()
    ev.run(FIXTURES, None, extractor=fake)
    assert [len(texts) for texts, _ in fake.calls] == [1, 1]


def test_run_rejects_a_short_result():
    with pytest.raises(ValueError, match="2 texts"):
        ev.run(FIXTURES, None, extractor=lambda texts, lang: [[]])


def test_skipped_when_dataset_or_split_is_missing(tmp_path):
    report = ev.run(tmp_path / "nowhere", None, extractor=FakeExtractor())
    assert report.skipped and "PolNeAR not found" in report.skipped and not report.rows
    assert ev.run(FIXTURES, None, extractor=FakeExtractor(), split=ev.DEV_SPLIT).skipped


def test_skipped_when_extractor_is_not_importable(monkeypatch):
    monkeypatch.setitem(sys.modules, "sitroom.claims.attribution", None)  # import raises ImportError
    report = ev.run(FIXTURES, None)
    assert report.skipped and "not usable" in report.skipped


def test_skipped_when_the_real_extractor_fails_to_import_on_first_call(monkeypatch):
    def extract_batch(texts, lang):
        raise ModuleNotFoundError("No module named 'sitroom.claims.not_there'")

    module = types.ModuleType("sitroom.claims.attribution")
    module.extract_batch = extract_batch
    monkeypatch.setitem(sys.modules, "sitroom.claims.attribution", module)
    report = ev.run(FIXTURES, None)
    assert report.skipped and "not_there" in report.skipped and not report.rows
    with pytest.raises(ModuleNotFoundError):  # an injected extractor's errors are not hidden
        ev.run(FIXTURES, None, extractor=extract_batch)


def test_registered_in_the_harness(tmp_path, capsys):
    assert TASKS["attribution"] == "sitroom.evaluation.attribution"
    assert main(["attribution", "--data", str(tmp_path)]) == 0
    assert "[attribution] skipped: PolNeAR not found" in capsys.readouterr().out
