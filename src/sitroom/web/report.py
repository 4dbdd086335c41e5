"""``sitroom report OUT.html``: one self-contained HTML file (styles, scripts, basemap and
data inline) with the briefing, the timeline, the map, the figures and the contested
claims, readable offline by whoever receives it.

It renders the same page dicts as the web app. Links to pages of a running server would
be dead in a file, so claims carry their sentence and outlet instead, and the map's
popups carry their events and claims inline.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

from sitroom.store.sqlite import SQLiteStore
from sitroom.web.app import template_env
from sitroom.web.cache import StoreViews
from sitroom.web.pages.claims import contested
from sitroom.web.pages.common import claims_view, type_label
from sitroom.web.pages.figures import figures
from sitroom.web.pages.map import map_page
from sitroom.web.pages.overview import overview
from sitroom.web.pages.timeline import timeline

POPUP_PLACES = 400   # markers whose popups carry their events and claims (most mentioned first)
POPUP_ITEMS = 6
ASSETS = ("app.css", "vendor/leaflet/leaflet.css", "vendor/markercluster/MarkerCluster.css",
          "vendor/markercluster/MarkerCluster.Default.css", "vendor/leaflet/leaflet.js",
          "vendor/markercluster/leaflet.markercluster.js", "vendor/topojson-client/topojson-client.min.js",
          "vendor/world-atlas/countries-50m.json", "map.js")


def _asset(name: str) -> str:
    return (resources.files("sitroom.web") / "static" / name).read_text("utf-8")


def _popups(store, markers: list[dict]) -> None:
    for m in markers[:POPUP_PLACES]:
        events = store.events_at(m["id"], POPUP_ITEMS)
        for e in events:
            e["type_label"] = type_label(e["subtype"])
        about, _ = store.query_claims(about=m["id"], limit=POPUP_ITEMS, sort="date", descending=True)
        m["popup"] = {"events": [{k: e[k] for k in ("date", "type_label", "subtype", "status", "summary")}
                                 for e in events],
                      "claims_about": [{k: c[k] for k in ("id", "doc_id", "source", "side", "stance", "content")}
                                       for c in claims_view(store, about)]}


def build_report(db: str, since: str | None = None) -> str:
    """The report's HTML."""
    store = SQLiteStore.open_readonly(db)
    try:
        views = StoreViews(store)
        params = {"from": since} if since else {}
        data = {
            "overview": overview(views, {}),
            "timeline": timeline(views, params),
            "map": map_page(views, {}),
            "figures": figures(views, {}),
            "contested": contested(views, {"limit": "30", **({"since": since} if since else {})}),
        }
        _popups(store, data["map"]["markers"])
    finally:
        store.close()
    env = template_env()
    return env.get_template("report.html").render(
        data=data, since=since, db=os.path.basename(db), static_report=True,
        generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        assets={name: _asset(name) for name in ASSETS})


def write_report(db: str, out: str, since: str | None = None) -> int:
    """Write the report to ``out`` (atomically); return its size in bytes."""
    html = build_report(db, since)
    path = Path(out)
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True)
    tmp = path.with_suffix(path.suffix + ".part")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(path)
    return path.stat().st_size
