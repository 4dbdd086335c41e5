"""The overview page: latest stories, contested claim groups, latest figures, counts by
language and outlet: the briefing with the store's shape around it."""

from __future__ import annotations

from sitroom.analysis.briefing import build_briefing
from sitroom.web.pages.common import slim_group
from sitroom.web.pages.timeline import store_timeline


def overview(views, params) -> dict:
    store = views.store

    def compute() -> dict:
        brief = build_briefing(store, limit=8, timeline=store_timeline(views))
        brief["contested"] = [slim_group(g) for g in brief["contested"]]
        for g in brief["contested"]:
            g["claims"] = g["claims"][:6]
        first, last = store.date_span()
        return {
            "page": "overview",
            "counts": {**brief["counts"], "originals": store.count_originals(), "events": store.count_events()},
            "span": {"first": first, "last": last},
            "languages": [{"language": k, "documents": n} for k, n in store.document_counts("language")],
            "outlets": [{"outlet": k, "documents": n} for k, n in store.document_counts("outlet", 15)],
            "stories": [{k: s[k] for k in ("id", "title", "first_date", "last_date", "n_docs", "languages")}
                        for s in brief["stories"]],
            "contested": brief["contested"],
            "figures": brief["figures"],
            "new_places": brief["new_places"],
            "key_dates": brief["key_dates"],
            "latest_documents": store.latest_documents(8),
        }

    return views.get(("overview",), compute)
