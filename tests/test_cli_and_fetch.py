"""The CLI (exit codes, readable errors) and URL ingest against a local server."""

from __future__ import annotations

import http.server
import json
import threading

import pytest
from click.testing import CliRunner

from conftest import ARTICLE_EN
from sitroom.cli import EXIT_REJECTED, main
from sitroom.fetch import fetch_url
from sitroom.model import RawItem, Rejection
from sitroom.settings import Settings

PAGE = f"""<!DOCTYPE html><html><head><title>Kursk depot fire</title>
<meta property="article:published_time" content="2025-01-14T08:00:00Z"></head>
<body><nav>Home | World</nav><article><h1>Kursk depot fire</h1>{''.join(f'<p>{p}</p>' for p in ARTICLE_EN.split(chr(10)) if p)}</article>
<footer>Contact us</footer></body></html>"""
FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Local Wire</title>
<item><title>Strike on Sumy</title><link>http://local/1</link><pubDate>Sun, 13 Apr 2025 10:00:00 +0000</pubDate>
<description>A Russian missile strike hit the centre of Sumy on Sunday morning, regional officials said, killing dozens.</description></item>
</channel></rss>"""


class Handler(http.server.BaseHTTPRequestHandler):
    routes = {"/page": ("text/html; charset=utf-8", PAGE), "/feed": ("application/rss+xml", FEED)}

    def do_GET(self):  # noqa: N802 - http.server API
        if self.path not in self.routes:
            self.send_error(404)
            return
        ctype, body = self.routes[self.path]
        data = body.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_fetch_page_feed_and_errors(server):
    [page] = fetch_url(f"{server}/page", Settings())
    assert isinstance(page, RawItem) and page.fmt == "html" and page.container == "url"
    [item] = fetch_url(f"{server}/feed", Settings())
    assert item.title == "Strike on Sumy" and item.outlet == "Local Wire"
    [missing] = fetch_url(f"{server}/nope", Settings())
    assert isinstance(missing, Rejection) and "404" in missing.detail
    [down] = fetch_url("http://127.0.0.1:9/", Settings(fetch_timeout=2))
    assert isinstance(down, Rejection) and down.reason == "fetch-failed"


def test_cli_ingest_urls_and_files_then_export(server, tmp_path):
    db = str(tmp_path / "s.db")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE_EN, encoding="utf-8")
    runner = CliRunner()
    res = runner.invoke(main, ["ingest", str(tmp_path / "in"), f"{server}/page", f"{server}/feed", "--db", db, "--quiet"])
    assert res.exit_code == 0, res.output
    assert "3 ingested" in res.output
    res = runner.invoke(main, ["export", str(tmp_path / "out"), "--db", db])
    assert res.exit_code == 0
    rows = [json.loads(x) for x in (tmp_path / "out" / "documents.jsonl").read_text("utf-8").splitlines()]
    page = next(r for r in rows if r["origin"].endswith("/page"))
    assert page["published"] == "2025-01-14" and page["published_how"] == "metadata" and page["title"] == "Kursk depot fire"


def test_cli_exit_code_says_something_was_rejected(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE_EN, encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_bytes(b"")
    res = CliRunner().invoke(main, ["ingest", str(tmp_path / "in"), "--db", str(tmp_path / "s.db"), "--quiet"])
    assert res.exit_code == EXIT_REJECTED
    assert "1 rejected" in res.output and "empty" in res.output


def test_cli_turns_domain_errors_into_one_line(tmp_path):
    res = CliRunner().invoke(main, ["export", str(tmp_path / "out"), "--db", str(tmp_path / "none.db")])
    assert res.exit_code == 1
    assert "no store at" in res.output and "Traceback" not in res.output
    (tmp_path / "junk.db").write_bytes(b"this is not sqlite" * 100)
    res = CliRunner().invoke(main, ["documents", "--db", str(tmp_path / "junk.db")])
    assert res.exit_code == 1 and "cannot" in res.output and "Traceback" not in res.output
