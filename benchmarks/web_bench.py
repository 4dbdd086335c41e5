"""Page latency of ``sitroom serve`` on a store, served locally over HTTP.

    python benchmarks/web_bench.py --db STORE [--runs 15] [--out FILE.json]

Starts the app with uvicorn on a free local port (as ``sitroom serve`` does) and requests
each page ``--runs`` times with httpx. Prints, per page, the first request after start
(cold: derived views such as the timeline's date selection are computed then) and the
median and 90th percentile of the following ones, plus the store's size. A store of any
size works; `make bench-web` builds a 10,000-document one from the synthetic corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import sys
import threading
import time

import httpx
import uvicorn

from sitroom.store.sqlite import SQLiteStore
from sitroom.web.app import create_app


def store_size(db: str) -> dict:
    s = SQLiteStore.open_readonly(db)
    try:
        q = lambda sql: s.conn.execute(sql).fetchone()[0]  # noqa: E731
        return {"documents": q("SELECT count(*) FROM documents"), "claims": q("SELECT count(*) FROM claims"),
                "mentions": q("SELECT count(*) FROM mentions"), "events": q("SELECT count(*) FROM events"),
                "stories": q("SELECT count(*) FROM stories"), "claim_groups": q("SELECT count(*) FROM claim_groups"),
                "indicator_points": q("SELECT count(*) FROM indicators"),
                "file_mb": round(os.path.getsize(db) / 1e6, 1)}
    finally:
        s.close()


def pages(base: str, client: httpx.Client) -> list[str]:
    """The pages to time: every page kind, with filters, one entity, one document."""
    claims = client.get(f"{base}/claims?format=json").json()["claims"]
    markers = client.get(f"{base}/map?format=json").json()["markers"]
    timeline = client.get(f"{base}/timeline?format=json").json()
    stories = client.get(f"{base}/?format=json").json()["stories"]
    out = ["/", "/stories", "/timeline", "/map", "/claims", "/claims?stance=denied&sort=source", "/claims?side=RU&page=3",
           "/contested", "/figures", "/search?q=Kursk", "/search?q=Курськ"]
    if timeline["range"]["first"]:
        out.append(f"/timeline?from={timeline['zoom']['in'][0]}&to={timeline['zoom']['in'][1]}&side=RU")
    if stories:
        out.append(f"/timeline?story={stories[0]['id']}")
    if markers:
        out.append(f"/entity/{markers[0]['id']}")
        out.append(f"/claims?entity={markers[0]['id']}")
    if claims:
        out.append(f"/document/{claims[0]['doc_id']}")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--out", help="write the figures as JSON here")
    args = ap.parse_args()

    size = store_size(args.db)
    t0 = time.perf_counter()
    app = create_app(args.db)
    startup = time.perf_counter() - t0
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    rows = []
    with httpx.Client(timeout=120) as client:
        # cold: the first request of each page right after start, in page order
        targets = ["/", "/timeline", "/map", "/contested", "/figures"]
        cold = {}
        for path in targets:
            t = time.perf_counter()
            r = client.get(base + path)
            cold[path] = (time.perf_counter() - t) * 1000
            r.raise_for_status()
        for path in pages(base, client):
            times = []
            for _ in range(args.runs + 1):
                t = time.perf_counter()
                r = client.get(base + path)
                times.append((time.perf_counter() - t) * 1000)
                if r.status_code != 200:
                    raise SystemExit(f"{path}: HTTP {r.status_code}")
            first, rest = times[0], sorted(times[1:])
            rows.append({"page": path, "cold_ms": round(cold.get(path, first), 1),
                         "median_ms": round(statistics.median(rest), 1),
                         "p90_ms": round(rest[int(0.9 * (len(rest) - 1))], 1), "bytes": len(r.content)})
    server.should_exit = True

    print(f"store: {args.db}: " + ", ".join(f"{k} {v}" for k, v in size.items()))
    print(f"app start (open store, load templates): {startup * 1000:.0f} ms; runs per page: {args.runs}")
    print(f"{'page':58} {'cold ms':>9} {'median ms':>10} {'p90 ms':>8} {'KB':>7}")
    for r in rows:
        print(f"{r['page'][:58]:58} {r['cold_ms']:9.1f} {r['median_ms']:10.1f} {r['p90_ms']:8.1f} "
              f"{r['bytes'] / 1024:7.0f}")
    worst = max(rows, key=lambda r: r["median_ms"])
    print(f"slowest median: {worst['page']} {worst['median_ms']} ms; "
          f"all under 300 ms: {all(r['median_ms'] < 300 for r in rows)}")
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            json.dump({"store": size, "runs": args.runs, "startup_ms": round(startup * 1000), "pages": rows}, fh,
                      indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
