"""Stories: the incremental clusterer, the encoder, the store stage, and the situation
picture end to end (process -> stories, claim groups, indicators -> brief and export)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import numpy as np
import pytest

from sitroom.stories.clustering import ClusterParams, StoryClusterer, StoryDoc, cluster
from sitroom.stories.embedding import Embedder, lead_sentences
from sitroom.stories.stage import story_from_row

from conftest import ingest_and_process, write_articles

D0 = date(2025, 1, 5)


def unit(v):
    v = np.asarray(v, dtype=np.float32)
    return v / np.linalg.norm(v)


def topic_vectors(n_topics, per_topic, seed=0, noise=0.6):
    rng = np.random.default_rng(seed)
    centres = [unit(rng.normal(size=64)) for _ in range(n_topics)]
    return [[unit(c + noise * unit(rng.normal(size=64))) for _ in range(per_topic)] for c in centres]


def test_documents_of_two_developments_form_two_stories():
    groups = topic_vectors(2, 6)
    docs = [StoryDoc(f"t{t}-{i}", v, {}, D0 + timedelta(days=i % 3)) for t, vs in enumerate(groups)
            for i, v in enumerate(vs)]
    labels = cluster(docs)
    assert len(set(labels[:6])) == 1 and len(set(labels[6:])) == 1 and labels[0] != labels[6]


def test_date_window_keeps_the_same_subject_months_apart_in_two_stories():
    (vs,) = topic_vectors(1, 4)
    docs = [StoryDoc("a", vs[0], {}, D0), StoryDoc("b", vs[1], {}, D0 + timedelta(days=2)),
            StoryDoc("c", vs[2], {}, D0 + timedelta(days=90)), StoryDoc("d", vs[3], {}, None)]
    labels = cluster(docs)
    assert labels[0] == labels[1] != labels[2]
    assert labels[3] in (labels[0], labels[2])  # an undated document is compared with every story


def test_shared_rare_entities_pull_a_weakly_similar_document_in():
    rng = np.random.default_rng(3)
    base = unit(rng.normal(size=64))
    near = unit(base + 1.1 * unit(rng.normal(size=64)))  # cosine to base well under the threshold
    cos = float(base @ near)
    params = ClusterParams(threshold=cos + 0.05, entity_weight=0.3)
    plain = cluster([StoryDoc("a", base, {}, D0), StoryDoc("b", near, {}, D0)], params)
    assert plain[0] != plain[1]
    shared = {"place:berdin": 2, "person:someone": 1}
    with_entities = cluster([StoryDoc("a", base, shared, D0), StoryDoc("b", near, shared, D0)], params)
    assert with_entities[0] == with_entities[1]


def test_names_no_earlier_document_mentions_do_not_dilute_the_overlap():
    rng = np.random.default_rng(3)
    base = unit(rng.normal(size=64))
    near = unit(base + 1.1 * unit(rng.normal(size=64)))
    cos = float(base @ near)
    params = ClusterParams(threshold=cos + 0.05, entity_weight=0.3)
    shared = {"place:berdin": 2, "person:someone": 1}
    # The second report also names five people nobody has written about yet: they cannot
    # be in any story, so they must not outweigh the names it does share with one.
    newcomers = {f"new:witness-{k}": 3 for k in range(5)}
    labels = cluster([StoryDoc("a", base, shared, D0), StoryDoc("b", near, {**shared, **newcomers}, D0)], params)
    assert labels[0] == labels[1]
    unrelated = cluster([StoryDoc("a", base, shared, D0), StoryDoc("b", near, newcomers, D0)], params)
    assert unrelated[0] != unrelated[1]


def test_clusterer_resumes_from_saved_story_state():
    groups = topic_vectors(2, 4, seed=5)
    first = StoryClusterer()
    for i, v in enumerate(groups[0][:2] + groups[1][:2]):
        first.add(StoryDoc(f"x{i}", v, {"e1": 1}, D0))
    rows = [{"id": s.id, "centroid": s.centroid.astype(np.float32).tobytes(), "n_vectors": s.n,
             "entities": dict(s.entities), "days": {d.isoformat(): n for d, n in s.days.items()}}
            for s in first.stories.values()]
    resumed = StoryClusterer(stories=[story_from_row(r) for r in rows])
    assert resumed.n_docs == 4 and resumed.doc_freq["e1"] == 4
    for t in (0, 1):
        again = resumed.add(StoryDoc(f"new{t}", groups[t][3], {}, D0 + timedelta(days=1)))
        assert again.id == first.add(StoryDoc(f"cmp{t}", groups[t][3], {}, D0 + timedelta(days=1))).id
    assert len(resumed.stories) == 2


def test_candidates_come_from_the_date_window_only():
    c = StoryClusterer(ClusterParams(window_days=3))
    for k in range(30):  # one story a day, each unlike the others
        c.add(StoryDoc(f"d{k}", unit(np.eye(64)[k]), {}, D0 + timedelta(days=k)))
    assert len(c.stories) == 30
    assert len(c.candidates(D0 + timedelta(days=15))) == 7


def test_lead_sentences_skip_bylines_and_keep_order():
    text = "By Staff\nKYIV\nUkrainian forces struck a depot near Kursk. Russia said it repelled the attack.\nMore."
    assert lead_sentences(text) == ["Ukrainian forces struck a depot near Kursk.", "Russia said it repelled the attack."]


@pytest.fixture(scope="module")
def embedder():
    return Embedder()


def test_encoder_brings_translations_together(embedder):
    v = embedder.documents([
        ("Ukraine says it holds 1,150 km2 in Kursk", "Kyiv said its troops control 1,150 square kilometres."),
        ("L'Ukraine dit tenir 1 150 km2 à Koursk", "Kiev affirme que ses troupes contrôlent 1 150 kilomètres carrés."),
        ("Wheat prices fall in Chicago", "Futures for wheat dropped on good harvest forecasts in the Midwest."),
    ])
    assert v.shape == (3, 512)
    assert np.allclose(np.linalg.norm(v, axis=1), 1, atol=1e-4)
    assert v[0] @ v[1] > 0.6 > v[0] @ v[2] + 0.2


# --------------------------------------------------------------------------- end to end

EN_1 = """Ukraine opens new offensive in Kursk region

Ukrainian troops launched a new assault in Russia's Kursk region on Sunday, Russia's defence ministry said, adding that the attack near Berdin had been repelled.

Ukraine's General Staff has not confirmed the operation. A high-ranking Ukrainian officer said the army still controlled about 800 km2 of the Kursk region.
"""
EN_2 = """Fighting rages in Kursk as Kyiv stays silent

Russian military bloggers report heavy fighting near Berdin in the Kursk region, two days after the Ukrainian assault began.

The Russian defence ministry said on Tuesday that its forces had destroyed Ukrainian armoured vehicles in the Kursk region. Kyiv did not comment.
"""
FR_1 = """Les négociations sur le blé reprennent à Genève

Les délégations de plusieurs pays se sont réunies mardi à Genève pour discuter des exportations de céréales, selon un communiqué de l'ONU.
"""


@pytest.fixture(scope="module")
def picture(tmp_path_factory, entity_cache_dir):
    tmp = tmp_path_factory.mktemp("stories")
    corpus = write_articles(tmp / "in", [("a.txt", EN_1, "2025-01-05"), ("b.txt", EN_2, "2025-01-07"),
                                         ("c.txt", FR_1, "2025-01-07")])
    db = str(tmp / "s.db")
    runner, output = ingest_and_process(corpus, db)
    return db, runner, output


def test_process_groups_documents_into_stories_and_claims_into_groups(picture, tmp_path):
    from sitroom.cli import main

    db, runner, output = picture
    assert "stories: 3 documents placed" in output and "claim groups" in output
    res = runner.invoke(main, ["export", "--db", db, str(tmp_path)])
    assert res.exit_code == 0, res.output

    def rows(name):
        return [json.loads(x) for x in (tmp_path / name).read_text(encoding="utf-8").splitlines()]

    docs = {d["title"]: d for d in rows("documents.jsonl")}
    stories = rows("stories.jsonl")
    assert all(set(s) >= {"id", "title", "doc_ids", "first_date", "last_date"} for s in stories)
    kursk = [docs[t]["story_id"] for t in docs if "Kursk" in t]
    assert len(set(kursk)) == 1 and kursk[0] is not None
    assert docs["Les négociations sur le blé reprennent à Genève"]["story_id"] != kursk[0]
    story = next(s for s in stories if s["id"] == kursk[0])
    assert (story["first_date"], story["last_date"]) == ("2025-01-05", "2025-01-07") and len(story["doc_ids"]) == 2

    claims = rows("claims.jsonl")
    assert all(c["group_id"] and c["group_status"] in ("corroborated", "single-source", "contested") for c in claims)
    contested = {c["group_id"] for c in claims if c["group_status"] == "contested"}
    assert contested, "the unconfirmed assault must contest the ministry's claim"
    members = [c for c in claims if c["group_id"] in contested]
    assert {c["doc_id"] for c in members} == {d["id"] for t, d in docs.items() if "Kursk" in t}
    assert {"asserted", "unconfirmed"} <= {c["stance"] for c in members}

    indicators = rows("indicators.jsonl")
    area = [r for r in indicators if r["measure"] == "area"]
    assert area and area[0]["value"] == 800 and area[0]["unit"] == "km2" and area[0]["subject"] == "Kursk Oblast"
    assert all(set(r) >= {"measure", "subject", "date", "value", "unit", "claim_id", "source_entity_id"}
               for r in indicators)


def test_brief_shows_stories_contested_claims_and_figures(picture):
    from sitroom.cli import main

    db, runner, _ = picture
    res = runner.invoke(main, ["brief", "--db", db], env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    assert "Top stories" in res.output and "Contested claims" in res.output
    assert "unconfirmed" in res.output and "800 km2" in res.output
    res = runner.invoke(main, ["brief", "--db", db, "--story", "négociations"], env={"COLUMNS": "200"})
    assert res.exit_code == 0 and "Contested claims: none" in res.output
    res = runner.invoke(main, ["brief", "--db", db, "--story", "no-such-story"])
    assert res.exit_code == 1 and "no story matches" in res.output
    res = runner.invoke(main, ["claims", "--db", db, "--status", "contested"])
    assert res.exit_code == 0 and "group: contested" in res.output


def test_new_documents_join_existing_stories_without_reclustering(picture, tmp_path):
    from sitroom.cli import main
    from sitroom.store import open_store

    db, runner, _ = picture
    with open_store(db) as store:
        before = {s["id"]: s["doc_ids"] for s in store.iter_stories()}
    late = tmp_path / "late.json"
    late.write_text(json.dumps({"title": "Kursk: Russia says Ukrainian assault near Berdin repelled again",
                                "text": EN_2.replace("two days", "four days"), "date": "2025-01-09"}),
                    encoding="utf-8")
    assert runner.invoke(main, ["ingest", "--db", db, str(late)]).exit_code == 0
    res = runner.invoke(main, ["process", "--db", db])
    assert res.exit_code == 0 and "stories: 1 documents placed" in res.output
    with open_store(db) as store:
        after = {s["id"]: s["doc_ids"] for s in store.iter_stories()}
    assert set(after) == set(before)  # it joined a story: no new one, none removed
    grown = [sid for sid in after if len(after[sid]) == len(before[sid]) + 1]
    assert len(grown) == 1 and all(d in after[grown[0]] for d in before[grown[0]])


def test_daily_coverage_of_one_front_does_not_chain_into_one_story_for_months():
    (vs,) = topic_vectors(1, 60, seed=11, noise=0.3)
    docs = [StoryDoc(f"day{k}", v, {}, D0 + timedelta(days=k)) for k, v in enumerate(vs)]
    labels = cluster(docs, ClusterParams(max_span_days=21))
    sizes = sorted(labels.count(x) for x in set(labels))
    assert len(sizes) >= 3 and max(sizes) <= 22


def test_story_title_is_its_most_central_member_not_the_latest():
    from sitroom.stories.clustering import Story
    from sitroom.stories.stage import _consider_title, _Meta

    class NoStore:
        def vectors(self, ids, model):
            return {}

    centre = unit(np.ones(8))
    central, off = unit(centre + 0.1 * np.eye(8)[0]), unit(centre + 2.0 * np.eye(8)[1])
    story, meta = Story(id="s", centroid=np.zeros(8, dtype=np.float32)), _Meta()
    for doc_id, v in (("central", central), ("off", off)):
        story.centroid = story.centroid + v
        story._unit = None
        _consider_title(NoStore(), story, meta, doc_id, f"title of {doc_id}", v)
    assert meta.title_doc_id == "central" and meta.title == "title of central"
