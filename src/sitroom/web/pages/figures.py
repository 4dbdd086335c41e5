"""The figures page: one chart per indicator series (measure, subject, unit); every point
shows its source, side and stance and links to its sentence."""

from __future__ import annotations

import statistics
from datetime import date, timedelta
from urllib.parse import urlencode

from sitroom.web import params as P
from sitroom.web.charts import series_chart
from sitroom.web.pages.common import NotFound, side_colour

MEASURE_LABELS = {
    "area": "territory (area)", "percent_territory": "territory (share)", "localities": "localities",
    "killed": "killed", "injured": "injured", "captured": "captured", "civilians": "civilians",
    "soldiers": "soldiers", "troops": "troops", "missiles": "missiles", "drones": "drones",
}


SERIES_PAGE = 12   # series per page
LATEST = 10        # points listed under each chart on the list page
POINTS_PAGE = 200  # points listed per page for one series
MAX_MARKS = 300    # above this, a chart shows one mark per day and side (the median)


def _period(day: str, unit: str) -> str:
    if unit == "day":
        return day
    if unit == "week":
        d = date.fromisoformat(day[:10])
        return (d - timedelta(days=d.weekday())).isoformat()
    return day[:7] + "-01"


def chart_points(points: list[dict]) -> list[dict]:
    """The points a chart draws: all of them when few, else one per (day, side) with the
    median value, the number of claims behind it and the first claim's sentence; by week
    or month when days are still too many."""
    dated = [p for p in points if p["date"]]
    if len(dated) <= MAX_MARKS:
        return dated
    for unit in ("day", "week", "month"):
        buckets: dict[tuple, list[dict]] = {}
        for p in dated:
            buckets.setdefault((_period(p["date"], unit), p["side"]), []).append(p)
        if len(buckets) <= MAX_MARKS:
            break
    out = []
    for (period, _side), ps in sorted(buckets.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        first = ps[0]
        out.append({**first, "date": period, "value": statistics.median(p["value"] for p in ps),
                    "source_text": first["source_text"] if len(ps) == 1 else f"{len(ps)} claims (median)",
                    "stance": "asserted" if any(p["stance"] == "asserted" for p in ps) else first["stance"],
                    "n": len(ps), "per": unit})
    return out


def _series(store) -> list[dict]:
    series: dict[str, list[dict]] = {}
    for p in store.iter_indicators():
        series.setdefault(p["series_id"], []).append(p)
    out = []
    for sid, points in series.items():
        first = points[0]
        for p in points:
            p["colour"] = side_colour(p["side"])
        dated = [p for p in points if p["date"]]
        out.append({"series_id": sid, "measure": first["measure"],
                    "measure_label": MEASURE_LABELS.get(first["measure"], first["measure"].replace("_", " ")),
                    "subject": first["subject"], "unit": first["unit"], "points": points, "n_points": len(points),
                    "sides": sorted({p["side"] or "none" for p in points}),
                    "last_date": dated[-1]["date"] if dated else None, "chart": series_chart(chart_points(points))})
    # series with more points first, then the most recent
    out.sort(key=lambda s: s["last_date"] or "", reverse=True)
    out.sort(key=lambda s: -s["n_points"])
    return out


def _newest_first(points: list[dict]) -> list[dict]:
    return sorted(points, key=lambda p: p["date"] or "", reverse=True)


def figures(views, params) -> dict:
    store = views.store
    measure = P.text(params, "measure", 40)
    subject = P.text(params, "subject", 100)
    one = P.text(params, "series", 200)
    page = P.integer(params, "page", 1, 1, 100_000)
    series = views.get(("series",), lambda: _series(store))
    shown = [s for s in series if (not measure or s["measure"] == measure)
             and (not subject or subject.casefold() in s["subject"].casefold())
             and (not one or s["series_id"] == one)]
    if one and not shown:
        raise NotFound(f"no figure series {one!r}")
    size = POINTS_PAGE if one else SERIES_PAGE
    total = len(shown[0]["points"]) if one else len(shown)
    pages = max(1, -(-total // size))
    if one:
        s = shown[0]
        listed = [{**{k: v for k, v in s.items() if k != "points"},
                   "listed": _newest_first(s["points"])[(page - 1) * size: page * size]}]
    else:
        listed = [{**{k: v for k, v in s.items() if k != "points"}, "listed": _newest_first(s["points"])[:LATEST]}
                  for s in shown[(page - 1) * size: page * size]]
    keep = {k: v for k, v in (("measure", measure), ("subject", subject), ("series", one)) if v}

    def link(n: int) -> str:
        return "/figures?" + urlencode({**keep, "page": n})

    return {"page": "figures", "filters": {"measure": measure, "subject": subject, "series": one},
            "measures": sorted({s["measure"] for s in series}), "series": listed, "total": total,
            "page_no": page, "pages": pages, "prev": link(page - 1) if page > 1 else None,
            "next": link(page + 1) if page < pages else None}
