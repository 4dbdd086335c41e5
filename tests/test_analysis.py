"""Claim groups, indicator series and document places, on hand-made claims (no models)."""

from __future__ import annotations

from sitroom.analysis.claim_groups import DocContext, build_groups
from sitroom.analysis.indicators import build_indicators
from sitroom.analysis.places import DocumentPlaces, PlaceKey, document_places

ENTITIES = {
    "kursk-oblast": {"id": "kursk-oblast", "type": "place", "name": "Kursk Oblast", "feature": "oblast",
                     "country": "RU", "region": "Kursk", "lat": 51.6, "lon": 36.1},
    "sudzha": {"id": "sudzha", "type": "place", "name": "Sudzha", "feature": "city", "country": "RU",
               "region": "Kursk", "lat": 51.2, "lon": 35.3},
    "toretsk": {"id": "toretsk", "type": "place", "name": "Toretsk", "feature": "city", "country": "UA",
                "region": "Donetsk", "lat": 48.4, "lon": 37.8},
    "moscow": {"id": "moscow", "type": "place", "name": "Moscow", "feature": "city", "country": "RU",
               "region": "Moscow", "lat": 55.75, "lon": 37.6},
    "ukraine": {"id": "ukraine", "type": "place", "name": "Ukraine", "feature": "country", "country": "UA",
                "region": None, "lat": 49.0, "lon": 32.0},
    "mod-ru": {"id": "mod-ru", "type": "organization", "name": "Russian Ministry of Defence"},
    "syrskyi": {"id": "syrskyi", "type": "person", "name": "Oleksandr Syrskyi"},
}
KURSK = PlaceKey("RU:Kursk", "Kursk Oblast", "kursk-oblast")


def entity(i):
    return ENTITIES.get(i)


def claim(cid, doc="d1", source=None, source_entity=None, kind="official", side=None, stance="asserted",
          events=(), quantities=(), entities=(), day="2025-01-05", start=0, content="something happened"):
    return {"id": cid, "doc_id": doc, "start": start, "end": start + 50, "source_text": source,
            "source_entity_id": source_entity, "source_kind": kind, "side": side, "stance": stance,
            "event_types": list(events), "quantities": list(quantities), "entity_ids": list(entities),
            "said_on": day, "refers_to": None, "content": content}


def docs(*ids, canonical=None, region=KURSK, town=None):
    return {i: DocContext(canonical=(canonical or {}).get(i, i), outlet=f"outlet-{i}",
                          places=DocumentPlaces(region, town)) for i in ids}


def area(value, measure="area", unit="km2"):
    return {"value": value, "unit": unit, "measure": measure, "approx": False, "qualifier": None,
            "text": f"{value} {unit}"}


def status_of(groups, assignments, cid):
    gid = {c: g for c, g, _ in assignments}[cid]
    return next(g for g in groups if g["id"] == gid)


def test_denial_against_assertion_is_contested_across_languages_and_documents():
    claims = [
        claim("a", "d1", "Russian MoD", "mod-ru", side="RU", events=["ARMED_CLASH"], entities=["sudzha"]),
        claim("b", "d2", "Syrskyi", "syrskyi", side="UA", stance="denied", events=["ARMED_CLASH"],
              entities=["kursk-oblast"], day="2025-01-06"),
    ]
    groups, assignments = build_groups(claims, docs("d1", "d2"), entity)
    g = status_of(groups, assignments, "a")
    assert g["claim_ids"] == ["a", "b"] and g["status"] == "contested"
    assert "denies" in g["reason"] and g["sides"] == ["RU", "UA"]
    assert g["label"] == "fighting in Kursk"  # Sudzha is in Kursk region: one region key


def test_two_independent_sources_corroborate_but_syndicated_copies_do_not():
    a = claim("a", "d1", "Russian MoD", "mod-ru", side="RU", events=["AIR_STRIKE"], entities=["sudzha"])
    b = claim("b", "d2", None, None, kind="author", events=["ARMED_CLASH"], entities=["sudzha"])
    groups, assignments = build_groups([a, b], docs("d1", "d2"), entity)
    assert status_of(groups, assignments, "a")["status"] == "corroborated"
    # the same ministry quoted by a second outlet is still one source
    c = claim("c", "d3", "the ministry", "mod-ru", side="RU", events=["AIR_STRIKE"], entities=["sudzha"])
    groups, assignments = build_groups([a, c], docs("d1", "d3"), entity)
    assert status_of(groups, assignments, "a")["status"] == "single-source"
    # a syndicated copy of d1 carrying the article's own claim counts once
    x = claim("x", "d1", None, None, kind="author", events=["AIR_STRIKE"], entities=["sudzha"])
    y = claim("y", "d4", None, None, kind="author", events=["AIR_STRIKE"], entities=["sudzha"])
    ctx = docs("d1", "d4", canonical={"d4": "d1"})
    ctx["d4"] = DocContext("d1", "outlet-d1", ctx["d4"].places)
    groups, assignments = build_groups([x, y], ctx, entity)
    assert status_of(groups, assignments, "x")["status"] == "single-source"


def test_non_confirmation_by_the_other_side_joins_the_claim_before_it_and_contests_it():
    claims = [
        claim("a", "d1", "Moscow", "mod-ru", side="RU", events=["ARMED_CLASH"], start=0),
        claim("b", "d1", "Kyiv", None, side="UA", stance="unconfirmed", start=80, content="this"),
        claim("c", "d1", "Kyiv", None, side="UA", stance="unconfirmed", start=5000, content="that"),
    ]
    groups, assignments = build_groups(claims, docs("d1"), entity)
    g = status_of(groups, assignments, "a")
    assert g["claim_ids"] == ["a", "b"] and g["status"] == "contested"
    assert "not confirmed" in g["reason"]
    assert status_of(groups, assignments, "c")["claim_ids"] == ["c"]  # too far away to refer back


def test_opposite_control_claims_about_one_town_are_contested():
    claims = [
        claim("a", "d1", "les Russes", None, kind="group", side="RU", events=["TERRITORY_CAPTURED"]),
        claim("b", "d1", None, None, kind="author", events=["GOV_REGAINS_TERIT"], entities=["toretsk"], start=300),
    ]
    toretsk = PlaceKey("UA:Donetsk", "Donetsk Oblast", None)
    groups, assignments = build_groups(claims, docs("d1", region=toretsk, town="toretsk"), entity)
    g = status_of(groups, assignments, "a")
    assert g["status"] == "contested" and "control" in g["reason"]


def test_figures_contest_only_for_states_of_affairs_from_different_sources():
    big = claim("a", "d1", "Syrskyi", "syrskyi", side="UA", quantities=[area(1400)])
    small = claim("b", "d2", "Russian MoD", "mod-ru", side="RU", quantities=[area(800)], day="2025-01-08")
    groups, assignments = build_groups([big, small], docs("d1", "d2"), entity)
    g = status_of(groups, assignments, "a")
    assert g["kind"] == "figure" and g["status"] == "contested" and "800 vs 1400" in g["reason"]
    # one source giving two figures (then and now) contests nothing
    both = claim("c", "d1", "Syrskyi", "syrskyi", side="UA", quantities=[area(800), area(1400)])
    groups, assignments = build_groups([both], docs("d1"), entity)
    assert groups[0]["status"] == "single-source"
    # casualty counts often cover different incidents: they do not contest each other
    k1 = claim("k1", "d1", "Russian MoD", "mod-ru", side="RU", quantities=[area(12, "killed", "people")])
    k2 = claim("k2", "d2", "Syrskyi", "syrskyi", side="UA", quantities=[area(2, "killed", "people")])
    groups, assignments = build_groups([k1, k2], docs("d1", "d2"), entity)
    assert status_of(groups, assignments, "k1")["status"] == "corroborated"


def test_claims_weeks_apart_are_different_groups_and_every_claim_has_one():
    claims = [claim(f"c{i}", f"d{i}", "Russian MoD", "mod-ru", side="RU", events=["ARMED_CLASH"],
                    entities=["sudzha"], day=day)
              for i, day in enumerate(["2025-01-01", "2025-01-03", "2025-01-30", "2025-03-01"])]
    claims.append(claim("s", "d9", "Syrskyi", "syrskyi", content="a statement about nothing else"))
    groups, assignments = build_groups(claims, docs(*{c["doc_id"] for c in claims}), entity)
    assert sorted(len(g["claim_ids"]) for g in groups) == [1, 1, 1, 2]
    assert len(assignments) == len(claims) and len({c for c, _, _ in assignments}) == len(claims)
    assert status_of(groups, assignments, "s")["kind"] == "statement"


def test_indicators_keep_percent_and_area_apart_with_source_and_side():
    claims = [
        claim("a", "d1", "Syrskyi", "syrskyi", side="UA", quantities=[area(1150), area(82, "localities", "localities")],
              entities=["ukraine"], day="2024-08-12"),
        claim("b", "d2", "Gerasimov", None, side="RU", quantities=[area(86, "percent_territory", "percent")],
              day="2025-03-12"),
        claim("c", "d2", None, None, kind="author", quantities=[area(3, "duration", "days")]),
    ]
    rows = build_indicators(claims, docs("d1", "d2"), entity)
    series = {(r["measure"], r["unit"]): r for r in rows}
    assert set(series) == {("area", "km2"), ("localities", "localities"), ("percent_territory", "percent")}
    # "Ukraine" is the speaker's country here, not where: the document's region is the subject
    assert {r["subject"] for r in rows} == {"Kursk Oblast"}
    assert series[("area", "km2")]["source_text"] == "Syrskyi" and series[("area", "km2")]["side"] == "UA"
    assert len({r["series_id"] for r in rows}) == 3


def test_a_share_of_a_named_place_is_that_place_s_series():
    share = {**area(20, "percent_territory", "percent"), "of_entity_id": "ukraine"}
    rows = build_indicators([claim("a", "d1", None, None, kind="author", quantities=[share, area(1150)])],
                            docs("d1"), entity)
    subjects = {r["measure"]: (r["subject"], r["subject_entity_id"]) for r in rows}
    # the share is of Ukraine; the area keeps the document's region
    assert subjects == {"percent_territory": ("Ukraine", "ukraine"), "area": ("Kursk Oblast", "kursk-oblast")}


def test_document_places_discount_capitals_and_speaking_places():
    mentions = [
        {"start": 0, "end": 6, "text": "Moscow", "entity_id": "moscow"},       # the title: "Moscow ..."
        {"start": 40, "end": 46, "text": "Moscow", "entity_id": "moscow"},     # "Moscow said": a speaker
        {"start": 100, "end": 106, "text": "Sudzha", "entity_id": "sudzha"},
        {"start": 150, "end": 156, "text": "Sudzha", "entity_id": "sudzha"},
        {"start": 200, "end": 212, "text": "Kursk region", "entity_id": "kursk-oblast"},
        {"start": 300, "end": 307, "text": "Ukraine", "entity_id": "ukraine"},
    ]
    got = document_places(mentions, "Moscow vows to push back", 24, entity, actors=[(40, 46)])
    assert got.region.key == "RU:Kursk" and got.region.entity_id == "kursk-oblast"
    assert got.settlement == "sudzha"
    only_country = document_places(mentions[-1:], "", 0, entity)
    assert only_country.region.key == "UA" and only_country.settlement is None


def fake_vectors(table):
    """Vectors looked up by content, normalised: what an encoder would give."""
    import numpy as np

    def vectors(texts):
        m = np.asarray([table[t] for t in texts], dtype=float)
        return m / np.linalg.norm(m, axis=1, keepdims=True)
    return vectors


def test_one_speakers_statement_in_several_documents_is_one_group():
    said = "Ukraine will give up no territory for a ceasefire"
    dit = "l'Ukraine ne cédera aucun territoire contre un cessez-le-feu"
    other = "the West must send more air defence before winter"
    vectors = fake_vectors({said: [1, 0.1, 0], dit: [1, 0.2, 0], other: [0, 1, 0.3]})
    ua = ["ukraine"]  # what the contents name
    claims = [claim("a", "d1", "Zelensky", "syrskyi", content=said, entities=ua),
              claim("b", "d2", "Zelensky", "syrskyi", content=dit, day="2025-01-06", entities=ua),
              claim("c", "d2", "Zelensky", "syrskyi", content=other, day="2025-01-06", entities=ua),
              claim("d", "d3", "Zelensky", "syrskyi", content=said, day="2025-02-20", entities=ua)]  # weeks later
    ctx = docs("d1", "d2", "d3")
    groups, assignments = build_groups(claims, ctx, entity, vectors)
    g = status_of(groups, assignments, "a")
    assert g["claim_ids"] == ["a", "b"] and g["doc_ids"] == ["d1", "d2"]
    assert g["kind"] == "statement" and g["status"] == "single-source" and g["sources"] == 1
    assert status_of(groups, assignments, "c")["claim_ids"] == ["c"]
    assert status_of(groups, assignments, "d")["claim_ids"] == ["d"]
    # without vectors, or from two different speakers, nothing is joined
    groups, assignments = build_groups(claims, ctx, entity)
    assert status_of(groups, assignments, "a")["claim_ids"] == ["a"]
    other_speaker = [claims[0], claim("b", "d2", "Peskov", "mod-ru", content=dit, day="2025-01-06", entities=ua)]
    groups, assignments = build_groups(other_speaker, ctx, entity, vectors)
    assert status_of(groups, assignments, "a")["claim_ids"] == ["a"]
    # contents that name nothing in common are not compared; the same words always join
    alone = [claim("a", "d1", "Zelensky", "syrskyi", content=said),
             claim("b", "d2", "Zelensky", "syrskyi", content=dit, day="2025-01-06"),
             claim("e", "d3", "Zelensky", "syrskyi", content=said.upper(), day="2025-01-06")]
    groups, assignments = build_groups(alone, ctx | docs("d3"), entity, vectors)
    assert status_of(groups, assignments, "a")["claim_ids"] == ["a", "e"]


def test_a_ukrainian_rendering_needs_less_similarity():
    en, uk = "we will hold the line", "ми втримаємо лінію"
    vectors = fake_vectors({en: [1, 0], uk: [1, 1.5]})  # cosine 0.55: below 0.6, above 0.45
    claims = [claim("a", "d1", "Zelensky", "syrskyi", content=en, entities=["toretsk"]),
              claim("b", "d2", "Зеленський", "syrskyi", content=uk, day="2025-01-06", entities=["toretsk"])]
    ctx = docs("d1", "d2")
    groups, assignments = build_groups(claims, ctx, entity, vectors)
    assert status_of(groups, assignments, "a")["claim_ids"] == ["a"]
    ctx["d2"] = DocContext(canonical="d2", outlet="outlet-d2", places=ctx["d2"].places, language="uk")
    groups, assignments = build_groups(claims, ctx, entity, vectors)
    assert status_of(groups, assignments, "a")["claim_ids"] == ["a", "b"]


def test_the_encoder_joins_a_statement_across_languages_and_keeps_others_apart():
    from sitroom.analysis.stage import _encoder_vectors

    en = "Zelensky said Ukraine would not give up any territory in exchange for a ceasefire."
    fr = "Zelensky a déclaré que l'Ukraine ne céderait aucun territoire en échange d'un cessez-le-feu."
    other = "Zelensky said the West must send more air defence systems before the winter."
    ua = ["ukraine"]
    claims = [claim("a", "d1", "Zelensky", "syrskyi", content=en, entities=ua),
              claim("b", "d2", "Zelensky", "syrskyi", content=fr, day="2025-01-06", entities=ua),
              claim("c", "d3", "Zelensky", "syrskyi", content=other, day="2025-01-06", entities=ua)]
    groups, assignments = build_groups(claims, docs("d1", "d2", "d3"), entity, _encoder_vectors)
    assert status_of(groups, assignments, "a")["claim_ids"] == ["a", "b"]
    assert status_of(groups, assignments, "c")["claim_ids"] == ["c"]
