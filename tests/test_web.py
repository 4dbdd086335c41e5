"""The web app's pages, on their data dicts and their HTML, over the processed sample
corpus plus an article full of markup (``demo_db`` in conftest)."""

from __future__ import annotations

import json
import sqlite3
import warnings

import pytest

from sitroom.errors import StoreError
from sitroom.search import build_query, fold_words, snippet
from sitroom.store import open_store
from sitroom.store.sqlite import SQLiteStore
from sitroom.web.highlight import Span, segments

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

PAGES = ["/", "/stories", "/timeline", "/map", "/claims", "/contested", "/figures", "/search?q=Kursk"]


@pytest.fixture(scope="module")
def client(demo_db):
    from sitroom.web.app import create_app

    with TestClient(create_app(demo_db), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def store(demo_db):
    s = SQLiteStore.open_readonly(demo_db)
    yield s
    s.close()


def get_json(client, path: str) -> dict:
    sep = "&" if "?" in path else "?"
    r = client.get(f"{path}{sep}format=json")
    assert r.status_code == 200, (path, r.text[:300])
    assert r.headers["content-type"].startswith("application/json")
    return r.json()


def xss_doc_id(store) -> str:
    return next(d.id for d in store.iter_documents() if d.url == "https://example.org/xss-fixture")


# --------------------------------------------------------------------------- every page


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_html_and_the_same_data_as_json(client, path):
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert "<nav>" in r.text and "Traceback" not in r.text
    data = get_json(client, path)
    assert data["page"] in r.text  # body class page-<name>


def test_overview_counts_match_the_store(client, store):
    data = get_json(client, "/")
    assert data["counts"]["claims"] == store.count_claims() > 0
    assert data["counts"]["documents"] == store.count_documents()
    assert sum(r["documents"] for r in data["languages"]) == store.count_originals()
    assert {r["language"] for r in data["languages"]} >= {"en", "fr", "de", "ru", "uk"}
    assert data["stories"] and all(s["n_docs"] >= 1 for s in data["stories"])
    assert all(g["status"] == "contested" for g in data["contested"])


def test_stories_page_lists_every_story_latest_first(client, store):
    data = get_json(client, "/stories")
    assert data["total"] == store.count_stories() == len(data["stories"]) > 0
    lasts = [s["last_date"] for s in data["stories"] if s["last_date"]]
    assert lasts == sorted(lasts, reverse=True)
    assert sum(s["n_docs"] for s in data["stories"]) == store.count_documents()
    html = client.get("/stories").text
    assert all(f"/timeline?story={s['id']}" in html for s in data["stories"])


def test_entity_and_document_pages_render(client, store):
    markers = get_json(client, "/map")["markers"]
    place = markers[0]
    r = client.get(f"/entity/{place['id']}")
    assert r.status_code == 200 and place["name"] in r.text
    data = get_json(client, f"/entity/{place['id']}")
    assert data["mentions"] == place["mentions"]
    doc_id = get_json(client, "/claims")["claims"][0]["doc_id"]
    r = client.get(f"/document/{doc_id}")
    assert r.status_code == 200 and 'id="doc-text"' in r.text


def test_entity_page_shows_the_sides_an_actor_held_before(client, store):
    """Knowledge-base actors with former affiliations show each side with its dates."""
    row = store.conn.execute("SELECT id FROM entities WHERE attrs LIKE '%former_affiliations%' LIMIT 1").fetchone()
    assert row is not None
    data = get_json(client, f"/entity/{row[0]}")
    former = data["entity"]["former_sides"]
    assert former and all(f["affiliation"] and f.get("from", "") < f["until"] for f in former)
    html = client.get(f"/entity/{row[0]}").text
    since = f' from {former[0]["from"]}' if "from" in former[0] else ""
    assert f'{former[0]["affiliation"]}</span>{since} until {former[0]["until"]} ·' in html


# --------------------------------------------------------------------------- claims


def test_claims_filter_narrows_and_every_row_matches(client):
    everything = get_json(client, "/claims")
    denied = get_json(client, "/claims?stance=denied")
    assert 0 < denied["total"] < everything["total"]
    assert all(c["stance"] == "denied" for c in denied["claims"])
    ru = get_json(client, "/claims?side=RU")
    assert ru["total"] > 0 and all(c["side"] == "RU" for c in ru["claims"])
    both = get_json(client, "/claims?side=RU&stance=asserted")
    assert both["total"] <= ru["total"]
    html = client.get("/claims?stance=denied").text
    assert html.count('data-stance="denied"') == len(denied["claims"])
    assert 'data-stance="asserted"' not in html


def test_claims_sort_and_pages(client):
    asc = [c["said_on"] for c in get_json(client, "/claims?sort=date&order=asc")["claims"] if c["said_on"]]
    desc = [c["said_on"] for c in get_json(client, "/claims?sort=date&order=desc")["claims"] if c["said_on"]]
    assert asc == sorted(asc) and desc == sorted(desc, reverse=True) and asc[0] < desc[0]
    data = get_json(client, "/claims")
    if data["total"] > 100:
        page2 = get_json(client, "/claims?page=2")
        assert {c["id"] for c in page2["claims"]}.isdisjoint({c["id"] for c in data["claims"]})
        assert data["next"] and "page=2" in data["next"]


def test_claims_by_entity_accept_any_spelling(client, store):
    kursk = get_json(client, "/claims?entity=Kursk")
    assert kursk["total"] > 0
    assert get_json(client, "/claims?entity=Курськ")["total"] == kursk["total"]


def test_contested_view_puts_sides_in_columns(client):
    data = get_json(client, "/contested")
    assert data["groups"], "the sample corpus has contested groups"
    for g in data["groups"]:
        sides = [col["side"] for col in g["columns"]]
        assert len(sides) == len(set(sides))
        for col in g["columns"]:
            assert all((c["side"] or "unattributed") == col["side"] for c in col["claims"])
        assert sum(col["total"] for col in g["columns"]) == g["n_claims"]
        assert all(col["more"] == col["total"] - len(col["claims"]) >= 0 for col in g["columns"])


# --------------------------------------------------------------------------- timeline, map, figures


def test_timeline_filters_and_zoom(client):
    data = get_json(client, "/timeline")
    assert data["total"] > 0 and data["chart"]["bars"]
    assert sum(b["n"] for b in data["chart"]["bars"]) == data["total"]
    first, last = data["range"]["first"], data["range"]["last"]
    zin = data["zoom"]["in"]
    assert first <= zin[0] <= zin[1] <= last
    narrow = get_json(client, f"/timeline?from={zin[0]}&to={zin[1]}")
    assert narrow["total"] <= data["total"]
    assert all(zin[0] <= e["date"][:10] <= zin[1] for e in narrow["entries"])
    ru = get_json(client, "/timeline?side=RU")
    assert 0 < ru["total"] <= data["total"] and all("RU" in e["sides"] for e in ru["entries"])
    battles = get_json(client, "/timeline?type=battles")
    assert battles["total"] > 0 and all(e["top_type"] == "battles" for e in battles["entries"])


def test_map_markers_are_located_and_sized_by_mentions(client):
    markers = get_json(client, "/map")["markers"]
    assert len(markers) > 5
    assert all(-90 <= m["lat"] <= 90 and -180 <= m["lon"] <= 180 for m in markers)
    by_mentions = sorted(markers, key=lambda m: m["mentions"])
    assert [m["radius"] for m in by_mentions] == sorted(m["radius"] for m in markers)
    assert any(m["events"] for m in markers) and any(m["event_type"] == "battles" for m in markers)


def test_figures_chart_every_dated_point(client, store):
    data = get_json(client, "/figures")
    assert data["series"] and data["total"] == len({p["series_id"] for p in store.iter_indicators()})
    for s in data["series"]:
        one = get_json(client, f"/figures?series={s['series_id']}")
        points = one["series"][0]["listed"]
        assert len(points) == s["n_points"]
        dated = [p for p in points if p["date"]]
        assert (s["chart"] is None) == (not dated)
        if s["chart"]:
            assert len(s["chart"]["marks"]) == len(dated)
        assert [p["date"] or "" for p in points] == sorted((p["date"] or "" for p in points), reverse=True)
    area = get_json(client, "/figures?measure=area")
    assert area["series"] and all(s["measure"] == "area" for s in area["series"])


def test_dense_series_are_charted_per_day_and_side():
    from sitroom.web.pages.figures import MAX_MARKS, chart_points

    points = [{"date": f"2025-01-{1 + i % 20:02d}", "side": "UA" if i % 2 else "RU", "value": float(i),
               "stance": "asserted", "source_text": "x", "claim_id": f"c{i}", "doc_id": "d"} for i in range(1000)]
    marks = chart_points(points)
    assert len(points) > MAX_MARKS and len(marks) == 20  # 20 days, each day one side
    assert sum(m["n"] for m in marks) == 1000 and all(m["per"] == "day" for m in marks)
    many_days = [{**p, "date": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", "side": str(i % 4)}
                 for i, p in enumerate(points)]
    coarse = chart_points(many_days)
    assert len(coarse) <= MAX_MARKS and sum(m["n"] for m in coarse) == 1000
    assert chart_points(points[:10]) == points[:10]


# --------------------------------------------------------------------------- search


def test_search_finds_every_spelling_and_script(client):
    cyr = get_json(client, "/search?q=Курськ")
    fr = get_json(client, "/search?q=Koursk")
    langs = {d["language"] for d in cyr["documents"]}
    assert {"en", "fr", "uk"} <= langs
    assert {d["id"] for d in cyr["documents"]} == {d["id"] for d in fr["documents"]}
    assert any(d["snippet"]["hit"] for d in cyr["documents"])
    assert get_json(client, "/search?q=zzzqqqxx")["documents"] == []


def test_fold_words_and_query(store):
    from sitroom.entities.names import default_romanizer

    r = default_romanizer()
    assert fold_words("Курськ", "uk", r) == fold_words("Koursk", "fr", r) == fold_words("Kursk", "en", r)
    expr, forms = build_query(store, 'Sudzha "x', r)
    assert expr.count('"') % 2 == 0 and "Sudzha" in forms  # quotes in a query cannot break the expression
    assert snippet("a b Kursk c", ["kursk"], 2) == ("…b ", "Kursk", " c")


# --------------------------------------------------------------------------- safety


def test_markup_in_documents_is_escaped_everywhere(client, store):
    doc_id = xss_doc_id(store)
    for path in (f"/document/{doc_id}", "/search?q=debris", "/claims?q=debris", "/"):
        html = client.get(path).text
        assert "<script>window.__xss" not in html, path
        assert 'onerror="window.__xss' not in html and "<img src=x" not in html, path
        assert 'href="javascript:' not in html, path
    html = client.get(f"/document/{doc_id}").text
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in html
    assert "Fixture &lt;b&gt;Times&lt;/b&gt;" in html


def test_security_headers_and_read_only(client, store):
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert client.post("/claims", data={"x": "1"}).status_code == 405
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        store.conn.execute("DELETE FROM claims")


@pytest.mark.parametrize("path, status, words", [
    ("/claims?stance=maybe", 400, "stance must be one of"),
    ("/timeline?from=2025-13-01", 400, "from must be a date"),
    ("/claims?page=0", 400, "page must be between"),
    ("/entity/no-such-entity", 404, "no entity"),
    ("/document/nope", 404, "no document"),
    ("/nowhere", 404, "no page at"),
    ("/claims?entity=Qwertyzxv", 404, "no entity named"),
])
def test_errors_are_pages_that_say_what_is_wrong(client, path, status, words):
    r = client.get(path)
    assert r.status_code == status
    assert words in r.text and "Traceback" not in r.text and "<nav>" in r.text
    sep = "&" if "?" in path else "?"
    j = client.get(f"{path}{sep}format=json")
    assert j.status_code == status and words in j.json()["message"]


def test_server_error_is_a_page_without_stack_trace(client, monkeypatch):
    from sitroom.web.pages import figures

    def boom(*_a, **_k):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(client.app.state.views.store, "iter_indicators", boom)
    monkeypatch.setattr(client.app.state.views, "_cache", {})
    monkeypatch.setattr(client.app.state.views, "_version", None)
    r = client.get("/figures")
    assert r.status_code == 500
    assert "secret internals" not in r.text and "Traceback" not in r.text and "went wrong" in r.text
    assert figures  # the module whose store call failed


# --------------------------------------------------------------------------- highlight


def test_segments_cover_the_text_and_keep_overlaps():
    text = "Moscow said the attack near Berdin was repelled."
    spans = [Span(0, 6, "mention", {"entity_id": "e:moscow", "type": "place"}),
             Span(0, 48, "claim", {"id": "c1", "stance": "asserted"}),
             Span(0, 6, "source"), Span(7, 11, "cue"),
             Span(28, 34, "mention", {"entity_id": "e:berdin", "type": "place"})]
    segs = segments(text, spans)
    assert "".join(s["text"] for s in segs) == text
    moscow = segs[0]
    assert moscow["text"] == "Moscow" and moscow["entity_id"] == "e:moscow" and moscow["anchor"] == "c-c1"
    assert "source" in moscow["classes"] and "st-asserted" in moscow["classes"]
    berdin = next(s for s in segs if s["text"] == "Berdin")
    assert berdin["entity_id"] == "e:berdin" and "claim" in berdin["classes"]
    assert segs[-1]["text"] == "" or segs[-1]["text"].endswith(".")


def test_document_page_highlights_spans_of_the_document(client, store):
    doc_id = xss_doc_id(store)
    data = get_json(client, f"/document/{doc_id}")
    doc = store.get_document(doc_id)
    assert "".join(s["text"] for s in data["segments"]) == doc.text
    assert any(s["entity_id"] for s in data["segments"])
    assert data["document"]["published"] == "2025-03-14" and data["document"]["published_how"] == "metadata"
    for c in data["claims"]:
        assert f'id="c-{c["id"]}"' in client.get(f"/document/{doc_id}").text


# --------------------------------------------------------------------------- store access


def test_read_only_open_refuses_missing_and_outdated_stores(tmp_path):
    with pytest.raises(StoreError, match="no store"):
        SQLiteStore.open_readonly(str(tmp_path / "none.db"))
    path = tmp_path / "old.db"
    open_store(str(path)).close()
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM _migrations WHERE name = '0005_search'")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="needs an upgrade") as err:
        SQLiteStore.open_readonly(str(path))
    assert "sitroom process" in err.value.hint


def test_serve_on_a_missing_store_is_one_line(tmp_path):
    from click.testing import CliRunner

    from sitroom.cli import main

    res = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert res.exit_code == 1 and "no store" in res.output and "Traceback" not in res.output


# --------------------------------------------------------------------------- report and exports


def test_report_is_self_contained_small_and_escaped(demo_db, tmp_path):
    from sitroom.web.report import write_report

    out = tmp_path / "r.html"
    size = write_report(demo_db, str(out))
    html = out.read_text("utf-8")
    assert size == out.stat().st_size < 5_000_000
    assert "L.map" in html and "topojson" in html and 'id="basemap-data"' in html
    import re

    # nothing is loaded from elsewhere (links a reader may click are fine)
    external = re.findall(r'src="(?:https?:)?//|<link[^>]+href="(?:https?:)?//|url\((?:https?:)?//', html)
    assert not external, external
    assert "<script>window.__xss" not in html
    markers = json.loads(re.search(r'<script type="application/json" id="map-data">(.*?)</script>', html, re.S)[1])
    assert markers and all("popup" in m for m in markers[:10])


def test_export_formats_from_the_cli(demo_db, tmp_path):
    from click.testing import CliRunner

    from sitroom.cli import main

    runner = CliRunner()
    for fmt, name in (("csv", "claims.csv"), ("geojson", "places.geojson"), ("acled", "events_acled.csv")):
        res = runner.invoke(main, ["export", str(tmp_path / fmt), "--db", demo_db, "--format", fmt])
        assert res.exit_code == 0, res.output
        assert (tmp_path / fmt / name).stat().st_size > 100


def test_claims_can_be_read_with_fewer_columns(store):
    rows = list(store.iter_claims(fields=("id", "stance", "quantities"), limit=5))
    assert rows and all(set(r) == {"id", "stance", "quantities"} and isinstance(r["quantities"], list) for r in rows)
    with pytest.raises(ValueError, match="not claim columns"):
        list(store.iter_claims(fields=("id", "nope")))
