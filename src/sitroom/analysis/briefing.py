"""The briefing: what a reader needs first, as one data dict (the CLI prints it; the web
UI and the static report can render the same dict).

- top stories: the stories with the most documents among the latest;
- contested claims: each contested group with its claims side by side (source, side,
  stance, what they say, the sentence);
- latest figures: per indicator series, the newest point and the one before it;
- new places: places first mentioned in the period;
- key dates and the timeline around them.
"""

from __future__ import annotations

from datetime import date, timedelta

from sitroom.analysis.timeline import build_timeline
from sitroom.errors import SitroomError

CLAIMS_PER_SIDE_AND_STANCE = 3  # a contested group shows this many claims per (side, stance)
NEW_PLACES_DAYS = 7  # without --since, "new" means first mentioned in the store's last week


def find_story(store, key: str) -> dict:
    """A story by id (or id prefix), else by words of its title."""
    story = store.get_story(key)
    if story:
        return story
    matches = [s for s in store.iter_stories() if key.casefold() in s["title"].casefold()]
    if not matches:
        raise SitroomError(f"no story matches {key!r}", hint="`sitroom brief` lists the stories with their ids")
    return matches[0]


def claim_view(c: dict) -> dict:
    return {"id": c["id"], "doc_id": c["doc_id"], "doc_title": c.get("doc_title"), "outlet": c.get("outlet"),
            "source": c.get("source_text") or ("the article" if c["source_kind"] == "author" else "?"),
            "source_entity_id": c.get("source_entity_id"), "source_kind": c["source_kind"], "side": c.get("side"),
            "stance": c["stance"], "cue": c.get("cue"), "content": c["content"], "sentence": c.get("sentence"),
            "said_on": c.get("said_on"), "refers_to": c.get("refers_to"), "quantities": c.get("quantities") or [],
            "group_id": c.get("group_id"), "group_status": c.get("group_status"), "quote": c.get("quote")}


def _figures(store, since: str | None, doc_ids: set[str] | None, limit: int) -> list[dict]:
    series: dict[str, list[dict]] = {}
    for p in store.iter_indicators():
        if doc_ids is not None and p["doc_id"] not in doc_ids:
            continue
        series.setdefault(p["series_id"], []).append(p)
    out = []
    for sid, points in series.items():
        dated = [p for p in points if p["date"]]
        if not dated or (since and dated[-1]["date"] < since):
            continue
        latest = dated[-1]
        out.append({"series_id": sid, "measure": latest["measure"], "subject": latest["subject"],
                    "unit": latest["unit"], "points": len(points), "latest": latest,
                    "previous": dated[-2] if len(dated) > 1 else None})
    out.sort(key=lambda s: (s["latest"]["date"] or "", s["points"]), reverse=True)
    return out[:limit]


def _new_places(store, since: str | None, limit: int) -> list[dict]:
    rows = [r for r in store.first_mentions("place") if r["lat"] is not None]
    if not rows:
        return []
    if since is None:
        latest = max(r["last"] for r in rows)
        since = (date.fromisoformat(latest[:10]) - timedelta(days=NEW_PLACES_DAYS)).isoformat()
    return [r for r in rows if r["first"] >= since][:limit]


def _key_entries(entries: list[dict], per_day: int) -> list[dict]:
    """On each key date, the entries backed by the most claims (groups and events reported
    by more than one claim first)."""
    by_day: dict[str, list[dict]] = {}
    for e in entries:
        if e["key"]:
            by_day.setdefault(e["date"], []).append(e)
    out = []
    for day in sorted(by_day):
        ranked = sorted(by_day[day], key=lambda e: (e["status"] == "single-source", -len(e["claim_ids"])))
        out.extend(ranked[:per_day])
    return out


def build_briefing(store, since: str | None = None, story: str | None = None, limit: int = 5,
                   timeline: dict | None = None) -> dict:
    """The briefing dict; ``timeline`` is ``build_timeline``'s result when the caller has
    it already (the web app caches it)."""
    chosen = find_story(store, story) if story else None
    doc_ids = set(chosen["doc_ids"]) if chosen else None
    stories = [chosen] if chosen else sorted(
        store.iter_stories(limit=limit * 4, since=since), key=lambda s: (-s["n_docs"], s["last_date"] or ""))[:limit]
    contested = []
    for g in store.iter_claim_groups(status="contested", since=since):
        if doc_ids is not None and not doc_ids & set(g["doc_ids"]):
            continue
        sample, _ = store.group_claims(g["id"], per_bucket=CLAIMS_PER_SIDE_AND_STANCE)
        claims = [claim_view(c) for c in sample]
        # the claims that make it contested first: named sources, then the article's own
        claims.sort(key=lambda c: (c["source_kind"] == "author", c["stance"] == "asserted", c["said_on"] or ""))
        contested.append({**g, "claims": claims})
        if len(contested) >= limit:
            break
    if timeline is None or since or doc_ids is not None:
        timeline = build_timeline(store, since=since, story_doc_ids=doc_ids)
    return {
        "since": since, "story": chosen, "stories": stories, "contested": contested,
        "figures": _figures(store, since, doc_ids, limit * 2),
        "new_places": _new_places(store, since, limit * 2) if not chosen else [],
        "key_dates": timeline["key_dates"],
        "timeline": _key_entries(timeline["entries"], limit),
        "counts": {"documents": store.count_documents(), "claims": store.count_claims(),
                   "stories": store.count_stories()},
    }
