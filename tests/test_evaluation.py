"""The evaluation harness: scoring functions on hand-made inputs, and the runner on
hand-made miniature datasets (never ../shared)."""

from __future__ import annotations

import gzip
import io
import json
import math
import tarfile

import pytest

from sitroom.evaluation import metrics
from sitroom.evaluation.runner import find_dataset, main

# -- article bodies -------------------------------------------------------------------


def test_tokenize_is_word_characters_only():
    assert metrics.tokenize("Hello, world! It's 2019.") == ["Hello", "world", "It", "s", "2019"]
    assert metrics.tokenize("Київ — Kyiv") == ["Київ", "Kyiv"]
    assert metrics.tokenize("___") == ["___"]  # underscore is a word character, as upstream
    assert metrics.tokenize(None) == []


def test_shingles_of_short_and_empty_texts():
    assert metrics.shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert metrics.shingles("a b") == {("a", "b"): 1}  # shorter than n: one short shingle
    assert metrics.shingles("") == {}
    assert metrics.shingles("x y z w x y z w")[("x", "y", "z", "w")] == 2


def test_identical_bodies_score_one():
    text = "The council met on Tuesday. It voted to repair the bridge before winter."
    assert metrics.shingle_match(text, text) == (1.0, 0.0, 0.0)
    result = metrics.BodyResult()
    result.add(text, text)
    assert result.scores() == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "accuracy": 1.0}


def test_disjoint_bodies_score_zero():
    tp, fp, fn = metrics.shingle_match("one two three four five", "six seven eight nine ten")
    assert tp == 0 and fp == pytest.approx(0.5) and fn == pytest.approx(0.5)
    result = metrics.BodyResult()
    result.add("one two three four five", "six seven eight nine ten")
    s = result.scores()
    assert s["precision"] == s["recall"] == s["f1"] == s["accuracy"] == 0.0


def test_partial_match_by_hand():
    # gold shingles: (a b c d), (b c d e); predicted: (a b c d), (b c d x) -> 1 TP, 1 FP, 1 FN
    tp, fp, fn = metrics.shingle_match("a b c d e", "a b c d x")
    assert (tp, fp, fn) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    assert metrics.precision_score(tp, fp, fn) == pytest.approx(0.5)
    assert metrics.recall_score(tp, fp, fn) == pytest.approx(0.5)
    # a prediction that is the first third of the gold: precision 1, recall 1/3
    x = metrics.shingle_match("one two three four five six", "one two three four")
    assert metrics.body_scores([x]) == pytest.approx({"precision": 1.0, "recall": 1 / 3, "f1": 0.5})


def test_f1_is_the_harmonic_mean_of_mean_precision_and_mean_recall():
    half = metrics.shingle_match("one two three four five six", "one two three four")  # P 1, R 1/3
    full = metrics.shingle_match("a b c d e", "a b c d e")  # P 1, R 1
    s = metrics.body_scores([half, full])
    assert s["precision"] == pytest.approx(1.0)
    assert s["recall"] == pytest.approx(2 / 3)
    assert s["f1"] == pytest.approx(0.8)  # not the mean of page F1s (0.75)


def test_empty_prediction_counts_for_recall_only():
    result = metrics.BodyResult()
    result.add("a b c d e", "a b c d e")
    result.add("a b c d e", None)
    s = result.scores()
    assert s["precision"] == pytest.approx(1.0)  # the empty page is left out of precision
    assert s["recall"] == pytest.approx(0.5)
    assert s["f1"] == pytest.approx(2 / 3)
    assert s["accuracy"] == pytest.approx(0.5)


def test_exact_match_ignores_punctuation_and_spacing():
    assert metrics.exact_match("Hello,  world!\n\nBye.", "Hello world Bye")
    assert not metrics.exact_match("Hello world", "Hello world again")


def test_bootstrap_std_is_deterministic_and_zero_for_equal_pages():
    pages = [metrics.shingle_match("a b c d e", "a b c d e")] * 5
    assert metrics.bootstrap_std(pages, rounds=50) == 0.0
    mixed = pages + [metrics.shingle_match("a b c d e", "v w x y z")]
    assert metrics.bootstrap_std(mixed, rounds=50) == metrics.bootstrap_std(mixed, rounds=50) > 0


# -- publication dates ----------------------------------------------------------------


def test_date_outcomes():
    assert metrics.date_outcome("2020-01-02", "2020-01-02") == "tp"
    assert metrics.date_outcome("2020-01-03", "2020-01-02") == "fp"
    assert metrics.date_outcome(None, "2020-01-02") == "fn"
    assert metrics.date_outcome(None, None) == "tn"
    # upstream compares with the raw JSON value: a NaN gold date can never be matched
    assert metrics.date_outcome(None, math.nan) == "fn"
    assert metrics.date_outcome("2020-01-02", math.nan) == "fp"


def test_date_scores_on_a_hand_made_list():
    gold = ["2020-01-01", "2020-01-02", "2020-01-03", "2020-01-04", "2020-01-05"]
    pred = ["2020-01-01", "2020-01-02", "2020-01-03", "2019-12-31", None]
    s = metrics.date_scores(metrics.date_outcome(p, g) for p, g in zip(pred, gold))
    assert (s["tp"], s["fp"], s["fn"], s["tn"]) == (3, 1, 1, 0)
    assert s["precision"] == pytest.approx(0.75)
    assert s["recall"] == pytest.approx(0.75)
    assert s["accuracy"] == pytest.approx(0.6)
    assert s["f1"] == pytest.approx(0.75)  # 2TP / (2TP + FP + FN)


def test_date_scores_with_nothing_to_score():
    assert metrics.date_scores([]) == {"precision": 0.0, "recall": 0.0, "accuracy": 0.0, "f1": 0.0,
                                       "tp": 0, "fp": 0, "fn": 0, "tn": 0}


# -- runner -----------------------------------------------------------------------------


def test_runner_skips_cleanly_on_an_empty_data_folder(tmp_path, capsys):
    out = tmp_path / "results.json"
    assert main(["--data", str(tmp_path), "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "[extraction] skipped" in printed and "[dates] skipped" in printed
    payload = json.loads(out.read_text("utf-8"))
    from sitroom.evaluation.runner import TASKS

    assert [t["task"] for t in payload["tasks"]] == list(TASKS)
    assert all(t["skipped"] and not t["rows"] for t in payload["tasks"])


def test_runner_skips_when_the_data_folder_does_not_exist(tmp_path, capsys):
    assert main(["dates", "--data", str(tmp_path / "nowhere")]) == 0
    assert "[dates] skipped" in capsys.readouterr().out


def test_runner_refuses_unknown_tasks(tmp_path):
    with pytest.raises(SystemExit) as exc:
        main(["no-such-task", "--data", str(tmp_path)])
    assert exc.value.code == 2


def test_find_dataset_layouts(tmp_path):
    (tmp_path / "7_extraction" / "htmldate").mkdir(parents=True)
    (tmp_path / "other").mkdir()
    assert find_dataset(tmp_path, "htmldate") == tmp_path / "7_extraction" / "htmldate"
    assert find_dataset(tmp_path / "7_extraction", "htmldate") == tmp_path / "7_extraction" / "htmldate"
    assert find_dataset(tmp_path / "7_extraction" / "htmldate", "htmldate") == tmp_path / "7_extraction" / "htmldate"
    assert find_dataset(tmp_path / "other", "htmldate") is None


# -- the tasks on miniature datasets written here -------------------------------------------

BODY = (
    "The regional council approved the budget for the new river bridge on Tuesday evening, "
    "after a debate that lasted more than four hours and ended with a narrow vote.\n\n"
    "Work on the foundations is expected to start in the spring, the council said, and the "
    "bridge should open to traffic two years later if the weather allows it."
)


def _page(title: str, body: str, published: str | None = None) -> str:
    meta = f'<meta property="article:published_time" content="{published}T08:00:00+00:00">' if published else ""
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>{meta}</head><body>"
        f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{title}</h1>{paras}</article>"
        f"<footer>Contact us</footer></body></html>"
    )


def test_extraction_task_on_a_miniature_benchmark(tmp_path, capsys):
    folder = tmp_path / "7_extraction" / "article-extraction-benchmark"
    (folder / "html").mkdir(parents=True)
    (folder / "ground-truth.json").write_text(json.dumps({"p1": {"articleBody": BODY, "url": "https://example.org/a"}}))
    with gzip.open(folder / "html" / "p1.html.gz", "wt", encoding="utf-8") as f:
        f.write(_page("Council approves the river bridge budget", BODY))
    out = tmp_path / "r.json"
    assert main(["extraction", "--data", str(tmp_path), "--json", str(out)]) == 0
    [task] = json.loads(out.read_text("utf-8"))["tasks"]
    rows = {r["system"]: r for r in task["rows"]}
    assert set(rows) == {"trafilatura.extract", "sitroom", "sitroom extract_html, no cleaner",
                         "sitroom, title removal only"}
    assert all(r["n"] == 1 for r in rows.values())
    assert rows["sitroom"]["f1"] > 0.9  # the headline is not part of the body
    assert rows["sitroom"]["extra"]["removed"].get("title-repeat/title-repeat") == 1
    assert "elapsed" in capsys.readouterr().out


def _tar(path, files: dict[str, str], folder: str) -> None:
    with tarfile.open(path, "w:gz") as tar:
        for name, text in files.items():
            data = text.encode("utf-8")
            info = tarfile.TarInfo(f"{folder}/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def test_dates_task_on_a_miniature_set(tmp_path):
    folder = tmp_path / "htmldate"
    folder.mkdir()
    gold = {
        "https://example.org/a": {"file": "a.html", "date": "2021-03-04"},
        "https://example.org/b": {"file": "b.html", "date": "2021-05-06"},
        "https://example.org/gone": {"file": "missing.html", "date": "2021-01-01"},
    }
    (folder / "eval_default.json").write_text(json.dumps(gold))
    _tar(folder / "eval_html.tar.gz", {
        "a.html": _page("Council approves the river bridge budget", BODY, "2021-03-04"),
        "b.html": _page("Council approves the river bridge budget again", BODY, "2021-05-07"),
    }, "eval")
    out = tmp_path / "r.json"
    assert main(["dates", "--data", str(folder), "--json", str(out)]) == 0
    [task] = json.loads(out.read_text("utf-8"))["tasks"]
    rows = {r["system"]: r for r in task["rows"]}
    assert rows["sitroom"]["n"] == 2  # the page missing from the archive is left out
    assert rows["sitroom"]["extra"]["tp"] == 1 and rows["sitroom"]["extra"]["fp"] == 1
    assert rows["htmldate extensive"]["precision"] == pytest.approx(0.5)
    assert any("not in eval_html.tar.gz" in note for note in task["notes"])
