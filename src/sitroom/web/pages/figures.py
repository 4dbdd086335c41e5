"""The figures page: one chart per indicator series (measure, subject, unit); every point
shows its source, side and stance and links to its sentence."""

from __future__ import annotations

from sitroom.web import params as P
from sitroom.web.charts import series_chart
from sitroom.web.pages.common import side_colour

MEASURE_LABELS = {
    "area": "territory (area)", "percent_territory": "territory (share)", "localities": "localities",
    "killed": "killed", "injured": "injured", "captured": "captured", "civilians": "civilians",
    "soldiers": "soldiers", "troops": "troops", "missiles": "missiles", "drones": "drones",
}


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
                    "subject": first["subject"], "unit": first["unit"], "points": points,
                    "sides": sorted({p["side"] or "none" for p in points}),
                    "last_date": dated[-1]["date"] if dated else None, "chart": series_chart(points)})
    # series with more points first, then the most recent
    out.sort(key=lambda s: s["last_date"] or "", reverse=True)
    out.sort(key=lambda s: -len(s["points"]))
    return out


def figures(views, params) -> dict:
    store = views.store
    measure = P.text(params, "measure", 40)
    subject = P.text(params, "subject", 100)
    series = views.get(("series",), lambda: _series(store))
    shown = [s for s in series if (not measure or s["measure"] == measure)
             and (not subject or subject.casefold() in s["subject"].casefold())]
    return {"page": "figures", "filters": {"measure": measure, "subject": subject},
            "measures": sorted({s["measure"] for s in series}), "series": shown, "total": len(shown)}
