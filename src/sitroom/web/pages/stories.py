"""The stories page: every story, latest first, with its size, languages and dates, and
links to its timeline, claims and map."""

from __future__ import annotations

from sitroom.web import params as P

PAGE = 50


def stories_page(views, params) -> dict:
    store = views.store
    page = P.integer(params, "page", 1, 1, 100_000)
    since = P.day(params, "since")
    total = store.count_stories()
    rows = store.list_stories(limit=PAGE, offset=(page - 1) * PAGE, since=since)
    pages = max(1, -(-total // PAGE))
    return {"page": "stories", "since": since, "stories": rows, "total": total, "page_no": page, "pages": pages,
            "prev": f"/stories?page={page - 1}" if page > 1 else None,
            "next": f"/stories?page={page + 1}" if page < pages else None}
