"""The whole ingest job: the bundled sample against its manifest, duplicates, resume."""

from __future__ import annotations

import json
import sqlite3

import pytest

from conftest import ARTICLE_EN, SAMPLE
from sitroom.export import export_jsonl

CONTRACT = ["id", "origin", "outlet", "title", "language", "published", "published_how", "published_evidence",
            "genre", "duplicate_of", "story_id", "text", "removed"]


def _doc_for(docs, entry):
    found = [d for d in docs if d.origin.split("corpus/")[-1].split("#")[0] == entry["file"]]
    if entry.get("item"):
        found = [d for d in found if d.title.strip() == entry["item"].strip()]
    assert len(found) == 1, (entry["file"], entry.get("item"), [d.title for d in found])
    return found[0]


def test_sample_corpus_matches_manifest(sample_store, manifest):
    store, report = sample_store
    docs = list(store.iter_documents())
    expected = [e for e in manifest if not e.get("expect_rejected")]
    assert len(docs) == len(expected)
    for entry in expected:
        doc = _doc_for(docs, entry)
        where = entry["file"], entry.get("item")
        assert doc.language == entry["language"], where
        assert doc.published == entry["published"], (where, doc.published_evidence)
        assert doc.published_how == entry["published_how"], where
        assert doc.published_evidence, where
        assert doc.title.strip() == entry["title"].strip(), where
        assert (doc.genre == "transcript") == (entry["genre"] == "transcript"), where
        for sentence in entry["must_contain"]:
            assert sentence in doc.text, (where, sentence)
        for line in entry["must_not_contain"]:
            assert line not in doc.text, (where, line)


def test_sample_rejects_exactly_the_broken_line(sample_store, manifest):
    _, report = sample_store
    bad = [e for e in manifest if e.get("expect_rejected")]
    assert len(report.rejections) == len(bad) == 1
    r = report.rejections[0]
    assert r.reason == "malformed" and r.detail.startswith("line 4:") and r.origin.endswith("wire-stories.jsonl#L4")


def test_syndicated_copies_grouped_under_one_canonical(sample_store, manifest):
    store, _ = sample_store
    docs = list(store.iter_documents())
    group = [e for e in manifest if e.get("syndicated_group")]
    assert len(group) == 2
    a, b = (_doc_for(docs, e) for e in group)
    assert {a.duplicate_of, b.duplicate_of} == {None, a.id if b.duplicate_of else b.id}
    copy = a if a.duplicate_of else b
    assert copy.duplicate_kind == "near" and copy.duplicate_similarity >= 0.6
    assert sum(1 for d in docs if d.duplicate_of) == 1  # nothing else is wrongly grouped


def test_every_document_records_stage_versions_and_time_expressions(sample_store):
    store, _ = sample_store
    for doc in store.iter_documents():
        assert {"clean", "language", "dates", "timex", "dedup"} <= set(doc.stages)
        for t in doc.timexes:
            assert doc.text[t.start : t.end] == t.text


def test_reingesting_changes_nothing(store, make_ingestor, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE_EN, encoding="utf-8")
    first = make_ingestor(store).ingest([str(folder)])
    before = store.conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    second = make_ingestor(store).ingest([str(folder)])
    assert first.counts["ingested"] == 1 and second.counts["ingested"] == 0 and second.counts["unchanged"] == 1
    assert store.conn.execute("SELECT count(*) FROM documents").fetchone()[0] == before == 1


def test_same_text_from_another_origin_is_an_exact_duplicate(store, make_ingestor, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE_EN, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE_EN.replace("  ", " ") + "\n", encoding="utf-8")
    report = make_ingestor(store).ingest([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    docs = list(store.iter_documents())
    assert report.counts["duplicates"] == 1
    assert docs[1].duplicate_of == docs[0].id and docs[1].duplicate_kind == "exact"


def test_older_copy_becomes_canonical(store, make_ingestor, tmp_path):
    body = " ".join(f"Sentence number {i} about shelling near Sudzha and Kursk reported by the governor." for i in range(30))
    late = {"title": "Late copy", "text": body + " Reporting by a wire.", "date": "2025-01-09", "outlet": "B"}
    early = {"title": "Original", "text": body, "date": "2025-01-05", "outlet": "A"}
    (tmp_path / "late.jsonl").write_text(json.dumps(late), encoding="utf-8")
    (tmp_path / "rest.jsonl").write_text(json.dumps(early), encoding="utf-8")
    ing = make_ingestor(store)
    ing.ingest([str(tmp_path / "late.jsonl")])
    ing.ingest([str(tmp_path / "rest.jsonl")])
    by_title = {d.title: d for d in store.iter_documents()}
    assert by_title["Original"].duplicate_of is None
    assert by_title["Late copy"].duplicate_of == by_title["Original"].id


def test_crash_mid_batch_leaves_store_consistent_and_rerun_resumes(store, make_ingestor, tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(7):
        (folder / f"{i}.txt").write_text(f"Report {i}. " + ARTICLE_EN.replace("27 drones", f"{20 + i} drones") + f" Unique {i}: " + "x" * i,
                                         encoding="utf-8")
    ing = make_ingestor(store, batch_size=3)
    calls = {"n": 0}
    real_add = store.add_document

    def dying_add(doc, run_id):
        calls["n"] += 1
        if calls["n"] == 5:  # second batch, second document: the process "dies"
            raise KeyboardInterrupt
        return real_add(doc, run_id)

    monkeypatch.setattr(store, "add_document", dying_add)
    with pytest.raises(KeyboardInterrupt):
        ing.ingest([str(folder)])
    assert store.count_documents() == 3  # the first batch committed, the second rolled back whole
    assert store.conn.execute("SELECT count(*) FROM inputs").fetchone()[0] == 3
    assert store.runs()[-1]["status"] == "failed"
    monkeypatch.setattr(store, "add_document", real_add)
    report = make_ingestor(store, batch_size=3).ingest([str(folder)])
    assert report.counts["unchanged"] == 3 and report.counts["ingested"] == 4
    assert store.count_documents() == 7
    ids = [r[0] for r in store.conn.execute("SELECT id FROM documents")]
    assert len(ids) == len(set(ids))


def test_bad_inputs_are_recorded_and_the_batch_goes_on(store, make_ingestor, tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE_EN, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.html").write_bytes(b"\x7fELF\x02\x01\x01" + bytes(500))
    (tmp_path / "cut.html").write_text("<!DOCTYPE html><html><head><title>x</title></head><body><nav>Home | News", encoding="utf-8")
    (tmp_path / "short.txt").write_text("Too short.", encoding="utf-8")
    report = make_ingestor(store).ingest([str(tmp_path), str(tmp_path / "missing.txt")])
    reasons = {r.origin.rsplit("/", 1)[-1]: r.reason for r in report.rejections}
    assert reasons == {"bin.html": "binary", "cut.html": "truncated", "empty.txt": "empty", "missing.txt": "unreadable",
                       "short.txt": "no-text"}
    assert report.counts["ingested"] == 1
    stored = {r["origin"].rsplit("/", 1)[-1]: r["reason"] for r in store.rejections()}
    assert stored == reasons


def test_truncated_html_with_text_is_kept_with_a_warning(store, make_ingestor, tmp_path):
    page = ("<!DOCTYPE html><html><head><title>Kursk</title></head><body><article>"
            + "".join(f"<p>{ARTICLE_EN} Paragraph {i}.</p>" for i in range(4)))
    (tmp_path / "cut.html").write_text(page, encoding="utf-8")
    report = make_ingestor(store).ingest([str(tmp_path / "cut.html")])
    [doc] = store.iter_documents()
    assert report.counts["ingested"] == 1 and "truncated" in doc.warnings[0]


def test_export_documents_contract(sample_store, tmp_path):
    store, _ = sample_store
    counts = export_jsonl(store, tmp_path / "out")
    rows = [json.loads(line) for line in (tmp_path / "out" / "documents.jsonl").read_text("utf-8").splitlines()]
    assert counts["documents.jsonl"] == len(rows) == store.count_documents()
    for row in rows:
        assert all(key in row for key in CONTRACT)
        assert row["published_how"] in ("metadata", "text", "none")
        assert row["published"] is None or len(row["published"]) == 10
        assert isinstance(row["removed"], list)
        for t in row["time_expressions"]:
            assert row["text"][t["start"] : t["end"]] == t["text"]


def test_store_is_wal_with_recorded_migrations(store, tmp_path):
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    from sitroom.store.migrations import MIGRATIONS

    assert store.migrations() == [name for name, _ in MIGRATIONS] and "0002_entities" in store.migrations()
    assert store.migrate() == []  # reopening applies nothing twice
    conn = sqlite3.connect(store.path)
    conn.execute("INSERT INTO _migrations VALUES ('9999_future', 'x')")
    conn.commit()
    conn.close()
    from sitroom.errors import StoreError
    from sitroom.store import open_store

    with pytest.raises(StoreError, match="newer sitroom"):
        open_store(store.path)


def test_sample_folder_has_every_input_form():
    names = {p.suffix for p in (SAMPLE / "corpus").rglob("*") if p.is_file()}
    assert {".html", ".txt", ".jsonl", ".json", ".xml", ".gz"} <= names


def test_mixed_language_document_lists_its_languages(sample_store):
    store, _ = sample_store
    [doc] = [d for d in store.iter_documents() if d.origin.endswith("en-pokrovsk-evacuation-mixed-lang.txt")]
    assert doc.language == "en" and doc.languages == ["en", "uk"]
    assert any(p.language == "uk" for p in doc.paragraphs)
    monolingual = [d for d in store.iter_documents() if len(d.languages) > 1]
    assert [d.id for d in monolingual] == [doc.id]
