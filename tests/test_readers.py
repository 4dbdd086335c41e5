"""Inputs of every form, every encoding, and every kind of bad input."""

from __future__ import annotations

import gzip
import io
import json

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import ARTICLE_EN
from sitroom.model import RawItem, Rejection
from sitroom.readers import iter_paths, read_path
from sitroom.settings import Settings

S = Settings()


def items(path, settings=S):
    return list(read_path(str(path), settings))


def test_plain_text_utf8(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE_EN, encoding="utf-8")
    [item] = items(p)
    assert isinstance(item, RawItem)
    assert item.fmt == "text" and item.encoding == "utf-8"
    assert "fuel depot" in item.content


def test_cp1251_latin1_and_utf16_are_decoded(tmp_path):
    ru = "Минобороны России заявило, что отразило атаку украинских войск у Суджи. Киев это не подтвердил."
    (tmp_path / "ru.txt").write_bytes(ru.encode("cp1251"))
    fr = "Le ministère a annoncé que les troupes ukrainiennes s'étaient retirées de Soudja après des combats acharnés."
    (tmp_path / "fr.txt").write_bytes(fr.encode("latin-1"))
    uk = "Генштаб ЗСУ повідомив про бої поблизу Покровська та Торецька протягом доби."
    (tmp_path / "uk.txt").write_bytes(uk.encode("utf-16"))
    got = {p.name: items(p)[0] for p in sorted(tmp_path.iterdir())}
    assert got["ru.txt"].content == ru
    assert got["fr.txt"].content == fr
    assert got["uk.txt"].content == uk
    assert got["uk.txt"].encoding == "utf-16"


def test_html_declared_charset_is_honoured(tmp_path):
    html = '<html><head><meta charset="windows-1251"><title>Суджа</title></head><body><p>Бои у Суджи.</p></body></html>'
    p = tmp_path / "page.html"
    p.write_bytes(html.encode("cp1251"))
    [item] = items(p)
    assert item.fmt == "html" and "Бои у Суджи" in item.content


def test_binary_empty_and_huge_are_rejected_with_reasons(tmp_path):
    (tmp_path / "img.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    (tmp_path / "nul.txt").write_bytes(b"abc\x00\x00\x00\x00def" * 100)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n\t ")
    (tmp_path / "huge.txt").write_bytes(b"word " * 5000)
    small = Settings.load(max_bytes=10_000)
    reasons = {p.name: items(p, small)[0] for p in sorted(tmp_path.iterdir())}
    assert all(isinstance(r, Rejection) for r in reasons.values())
    assert reasons["img.txt"].reason == "binary" and "PNG" in reasons["img.txt"].detail
    assert reasons["nul.txt"].reason == "binary"
    assert reasons["empty.txt"].reason == "empty"
    assert reasons["blank.txt"].reason == "empty"
    assert reasons["huge.txt"].reason == "too-large" and "limit" in reasons["huge.txt"].detail


def test_undecodable_bytes_are_rejected(tmp_path):
    p = tmp_path / "noise.txt"
    p.write_bytes(bytes([0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0E, 0x0F, 0x10, 0x11, 0x12] * 300))
    [r] = items(p)
    assert isinstance(r, Rejection) and r.reason in ("binary", "undecodable")


def test_jsonl_malformed_line_reported_with_number_and_rest_kept(tmp_path):
    good = {"title": "Fighting near Pokrovsk", "text": ARTICLE_EN, "url": "https://example.org/a", "date": "2025-01-10", "outlet": "Example"}
    lines = [json.dumps(good), '{"title": "cut off", "text": "Ukrain', json.dumps(good | {"url": "https://example.org/b"}), "[1, 2]"]
    p = tmp_path / "w.jsonl"
    p.write_text("\n".join(lines), encoding="utf-8")
    out = items(p)
    assert [type(x).__name__ for x in out] == ["RawItem", "Rejection", "RawItem", "Rejection"]
    assert out[1].reason == "malformed" and out[1].detail.startswith("line 2:") and out[1].origin.endswith("#L2")
    assert "expected a JSON object" in out[3].detail
    assert out[0].published == "2025-01-10" and out[0].published_field == "jsonl:date"
    assert out[0].outlet == "Example" and out[0].url == "https://example.org/a"


def test_json_array_with_html_field_and_nested_outlet(tmp_path):
    recs = [{"headline": "A", "html": "<p>" + ARTICLE_EN + "</p>", "link": "https://x.org/1", "published": "2025-03-12", "source": {"name": "Wire"}},
            {"headline": "B", "summary_only": True}]
    p = tmp_path / "r.json"
    p.write_text(json.dumps(recs), encoding="utf-8")
    a, b = items(p)
    assert a.fmt == "html" and a.outlet == "Wire" and a.title == "A" and a.origin.endswith("#0")
    assert isinstance(b, Rejection) and "no text" in b.detail


def test_broken_json_file_rejected(tmp_path):
    p = tmp_path / "bad.json"
    p.write_text('{"title": "x", "text": ', encoding="utf-8")
    [r] = items(p)
    assert r.reason == "malformed" and "line 1" in r.detail


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test Wire</title><link>https://wire.example</link>
<item><title>Russia reports repelled attack</title><link>https://wire.example/1</link>
<pubDate>Sun, 05 Jan 2025 14:00:00 +0000</pubDate><description>&lt;p&gt;Russia said it repelled an attack near Berdin. Ukraine did not confirm.&lt;/p&gt;</description></item>
<item><title>Empty item</title><link>https://wire.example/2</link></item>
</channel></rss>"""


def test_rss_feed_items(tmp_path):
    p = tmp_path / "wire.xml"
    p.write_text(RSS, encoding="utf-8")
    first, second = items(p)
    assert first.title == "Russia reports repelled attack" and first.outlet == "Test Wire"
    assert first.published.startswith("2025-01-05") and first.published_field == "feed:published"
    assert first.fmt == "html" and first.origin.endswith("#https://wire.example/1")
    assert isinstance(second, Rejection)


def test_file_that_is_not_a_feed(tmp_path):
    p = tmp_path / "notes.rss"
    p.write_text("this is a shopping list, not a feed", encoding="utf-8")
    [r] = items(p)
    assert isinstance(r, Rejection) and r.reason == "not-a-feed"


def _warc(path, pages):
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for uri, body, ctype in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))


def test_warc_responses(tmp_path):
    p = tmp_path / "crawl.warc.gz"
    html = b"<html><body><article><p>" + ARTICLE_EN.encode() + b"</p></article></body></html>"
    _warc(p, [("https://a.example/x", html, "text/html; charset=utf-8"), ("https://a.example/img", b"\x89PNG....", "image/png")])
    [item] = items(p)
    assert item.container == "warc" and item.url == "https://a.example/x" and item.captured


def test_corrupt_warc_and_gzip(tmp_path):
    p = tmp_path / "broken.warc.gz"
    p.write_bytes(gzip.compress(b"not a warc at all")[:-6])
    [r] = items(p)
    assert isinstance(r, Rejection) and r.reason == "unreadable"


def test_missing_path_and_folder_walk(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("x")
    (tmp_path / "a.txt").write_text("y")
    (tmp_path / ".hidden").write_text("z")
    out = list(iter_paths([str(tmp_path), str(tmp_path / "nope.txt"), "https://example.org/feed"]))
    names = [o if isinstance(o, str) else o.reason for o in out]
    assert names[0].endswith("a.txt") and names[1].endswith("sub/b.txt")
    assert names[2] == "unreadable" and names[3] == "https://example.org/feed"
    assert not any(".hidden" in n for n in names)
