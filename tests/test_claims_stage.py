"""Claims: the store stage, the `sitroom claims` command and the exports, on a small corpus
of our own."""

from __future__ import annotations

import json

import pytest

from conftest import ingest_and_process


# --------------------------------------------------------------------------- stage, CLI, export


@pytest.fixture(scope="module")
def processed(tmp_path_factory, entity_cache_dir):

    tmp = tmp_path_factory.mktemp("claims")
    corpus = tmp / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Kyiv says it controls 1,150 km2 of the Kursk region\n\n"
        "Ukraine's top commander Oleksandr Syrskyi said on Monday that his forces controlled 1,150 square "
        "kilometres and 82 settlements in the Kursk region.\n\n"
        "Russia's defence ministry denied that Ukrainian troops had advanced further.\n", encoding="utf-8")
    (corpus / "b.txt").write_text(
        "Le Kremlin dément toute avancée ukrainienne\n\n"
        "Selon le ministère russe de la Défense, les forces ukrainiennes ont perdu 430 soldats dans la région de "
        "Koursk. Kiev n'a pas confirmé ces chiffres.\n", encoding="utf-8")
    db = str(tmp / "s.db")
    runner, output = ingest_and_process(corpus, db)
    return db, runner, output


def test_process_reports_claims_and_export_writes_contract_fields(processed, tmp_path):
    from sitroom.cli import main

    db, runner, output = processed
    assert "claims: 2 documents" in output
    res = runner.invoke(main, ["export", "--db", db, str(tmp_path)])
    assert res.exit_code == 0, res.output
    rows = [json.loads(x) for x in (tmp_path / "claims.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows
    for key in ("id", "doc_id", "start", "end", "source_text", "source_entity_id", "source_kind", "side", "cue",
                "content", "quote", "stance", "said_on", "refers_to", "quantities", "entity_ids", "group_id",
                "group_status"):
        assert key in rows[0]
    docs = {json.loads(x)["id"]: json.loads(x)["text"]
            for x in (tmp_path / "documents.jsonl").read_text(encoding="utf-8").splitlines()}
    for r in rows:
        assert docs[r["doc_id"]][r["content_start"]:r["content_end"]] == r["content"]
    syrskyi = [r for r in rows if r["cue"] == "said"]
    assert syrskyi and syrskyi[0]["side"] == "UA"
    assert {q["value"] for q in syrskyi[0]["quantities"]} >= {1150, 82}
    assert any(r["stance"] == "denied" for r in rows)
    assert any(r["stance"] == "unconfirmed" for r in rows)
    events = (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()
    for e in map(json.loads, events):
        assert e["claim_ids"] and e["status"] in ("corroborated", "single-source", "contested")


def test_claims_command_filters(processed):
    from sitroom.cli import main

    db, runner, _ = processed
    res = runner.invoke(main, ["claims", "--db", db, "--stance", "denied"])
    assert res.exit_code == 0, res.output
    assert "denied" in res.output and "asserted" not in res.output
    res = runner.invoke(main, ["claims", "--db", db, "--since", "not-a-date"])
    assert res.exit_code == 1 and "YYYY-MM-DD" in res.output
    res = runner.invoke(main, ["claims", "--db", db, "--entity", "Nowhere-in-particular"])
    assert res.exit_code == 1 and "no entity" in res.output


def test_second_process_run_has_nothing_to_do(processed):
    from sitroom.cli import main

    db, runner, _ = processed
    res = runner.invoke(main, ["process", "--db", db])
    assert res.exit_code == 0
    assert "claims: every document is up to date" in res.output
