"""Rendering of ``corpus_gen.py``'s documents: a plain-text article with its page
leftovers, an HTML page with navigation and metadata, a JSON Lines record, and an RSS feed.
"""

from __future__ import annotations

import html as htmlmod
import json
from datetime import datetime, timedelta
from email.utils import format_datetime
from typing import TYPE_CHECKING

from corpus_templates import COMMENTS, FOOTER, NAV, READ_ALSO, SHARE, SIDEBAR_TITLE  # the benchmark folder is on sys.path when run

if TYPE_CHECKING:
    from corpus_gen import Doc


def _byline(doc: Doc) -> str:
    t = doc.pub
    return {
        "en": f"By {doc.author} | {t:%d.%m.%Y} {t:%H:%M}",
        "fr": f"Publié le {t:%d/%m/%Y} à {t:%Hh%M}",
        "de": f"{t:%d.%m.%Y} | {t:%H:%M} Uhr",
        "ru": f"{t:%d.%m.%Y}, {t:%H:%M}",
        "uk": f"{t:%d.%m.%Y}, {t:%H:%M}",
    }[doc.lang]


def _wrap(text: str, width: int) -> list[str]:
    lines, cur = [], ""
    for w in text.split():
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    if cur:
        lines.append(cur)
    return lines


def render_text(doc: Doc) -> bytes:
    ex = doc.extras
    lines = [doc.title]
    if ex["byline"]:
        lines.append(_byline(doc))
    lines.append("")
    for i, para in enumerate(doc.body_paragraphs):
        lines.extend(_wrap(para, 78) if ex["wrap"] else [para])
        lines.append("")
        if i == 1 and ex["read_also"]:
            for h in ex["read_also"]:
                lines.extend([f"{READ_ALSO[doc.lang]} {h}", ""])
    lines.extend(_leftovers(doc))
    text = "\n".join(lines).rstrip("\n") + "\n"
    if ex["crlf"]:
        text = text.replace("\n", "\r\n")
    return text.encode("cp1251" if ex["cp1251"] else "utf-8")


def _leftovers(doc: Doc) -> list[str]:
    ex = doc.extras
    out = []
    if ex["share"]:
        out.append(SHARE[doc.lang])
    if ex["hashtags"]:
        out.append(" ".join(ex["hashtags"]))
    if ex["comments"]:
        out.append(COMMENTS[doc.lang])
    if ex["prev_next"]:
        prev = doc.pub - timedelta(hours=ex["prev_delta"])
        nxt = doc.pub + timedelta(hours=ex["next_delta"])
        out.append(f"PREV {ex['prev_title']} – {prev:%d/%m/%Y} at {prev:%H:%M}")
        out.append(f"NEXT {ex['next_title']} – {nxt:%d/%m/%Y} at {nxt:%H:%M}")
    return out


def _iso(doc: Doc) -> str:
    offset = "+03:00" if doc.lang in ("ru", "uk") else ("+01:00" if doc.lang in ("fr", "de") else "+00:00")
    return f"{doc.pub:%Y-%m-%dT%H:%M:%S}{offset}"


def render_html(doc: Doc) -> bytes:
    ex, e = doc.extras, htmlmod.escape
    lang = doc.lang
    nav = "\n".join(f'        <li><a href="/{i}/">{e(x)}</a></li>' for i, x in enumerate(NAV[lang]))
    footer = "\n".join(f'      <li><a href="/page/{i}">{e(x)}</a></li>' for i, x in enumerate(FOOTER[lang]))
    sidebar = "\n".join(f'      <li><a href="/{doc.pub:%Y/%m}/side-{i}">{e(h)}</a></li>' for i, h in enumerate(ex["sidebar"]))
    related = "\n".join(f'        <li><a href="/related/{i}">{e(h)}</a></li>' for i, h in enumerate(ex["related"]))
    paras = [f"      <p>{e(p)}</p>" for p in doc.body_paragraphs]
    if len(paras) > 3 and ex["read_also"]:
        paras.insert(2, f'      <p class="read-also"><strong>{e(READ_ALSO[lang])}</strong> '
                        f'<a href="/related/x">{e(ex["read_also"][0])}</a></p>')
    meta_date = (f'  <meta property="article:published_time" content="{_iso(doc)}">\n' if ex["meta_date"] else "")
    jsonld = ""
    if ex["jsonld"]:
        ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": doc.title,
              "author": {"@type": "Person", "name": doc.author}, "publisher": {"@type": "Organization", "name": doc.outlet[0]},
              "mainEntityOfPage": doc.url}
        if ex["meta_date"]:
            ld["datePublished"] = _iso(doc)
        jsonld = f'  <script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>\n'
    shown = f"{doc.pub:%d.%m.%Y %H:%M}"
    bulk_head, mega = "", ""
    if ex["bulk"]:
        teasers = ex["sidebar"] + ex["related"]
        state = {"page": {"id": doc.idx, "section": "war", "lang": lang},
                 "teasers": [{"id": doc.idx * 1000 + i, "title": teasers[i % len(teasers)],
                              "url": f"/{doc.pub:%Y/%m}/teaser-{i}", "image": f"/img/{doc.idx}/{i}.webp",
                              "tags": ["war", "ukraine", "russia"][: 1 + i % 3]} for i in range(ex["state_items"])]}
        bulk_head = (f'  <style>.site-header{{display:flex}}.main-nav li{{margin:0 .5rem}}'
                     f'.article-meta{{color:#666}}.related li{{font-size:.9rem}}</style>\n'
                     f'  <script id="__STATE__" type="application/json">{json.dumps(state, ensure_ascii=False)}</script>\n')
        links = "\n".join(f'          <li><a href="/topic/{i}">{e(NAV[lang][i % len(NAV[lang])])} {i}</a></li>'
                          for i in range(ex["menu_size"]))
        mega = f'\n    <div class="mega-menu">\n        <ul>\n{links}\n        </ul>\n    </div>'
    page = f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
  <meta charset="utf-8">
  <title>{e(doc.title)} | {e(doc.outlet[0])}</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="description" content="{e(doc.paragraphs[0][:150])}">
  <meta property="og:type" content="article">
  <meta property="og:title" content="{e(doc.title)}">
  <meta property="og:site_name" content="{e(doc.outlet[0])}">
  <meta property="og:url" content="{doc.url}">
{meta_date}  <meta name="author" content="{e(doc.author)}">
  <link rel="canonical" href="{doc.url}">
  <link rel="stylesheet" href="/static/css/main.{doc.idx % 7}.css">
  <script>window.dataLayer = window.dataLayer || []; dataLayer.push({{"section": "war", "id": {doc.idx}}});</script>
{jsonld}{bulk_head}</head>
<body class="article-page">
  <div class="cookie-banner">{e({"en": "We use cookies to improve your experience.", "fr": "Nous utilisons des cookies.", "de": "Wir verwenden Cookies.", "ru": "Мы используем файлы cookie.", "uk": "Ми використовуємо файли cookie."}[lang])} <button>OK</button></div>
  <header class="site-header">
    <a class="logo" href="/">{e(doc.outlet[0])}</a>
    <nav class="main-nav">
      <ul>
{nav}
      </ul>
    </nav>{mega}
  </header>
  <div class="breadcrumbs"><a href="/">{e(NAV[lang][0])}</a> › <a href="/2/">{e(NAV[lang][2])}</a></div>
  <main>
    <article>
      <h1>{e(doc.title)}</h1>
      <div class="article-meta"><span class="author">{e(doc.author)}</span> · <time datetime="{_iso(doc) if ex["meta_date"] else ''}">{shown}</time></div>
{chr(10).join(paras)}
      <div class="share">{e(SHARE[lang])}</div>
      <aside class="related">
        <h3>{e(READ_ALSO[lang].rstrip(' :'))}</h3>
        <ul>
{related}
        </ul>
      </aside>
    </article>
    <section class="comments"><h3>{e(COMMENTS[lang])}</h3><div id="comments-root"></div></section>
  </main>
  <aside class="sidebar">
    <h3>{e(SIDEBAR_TITLE[lang])}</h3>
    <ul>
{sidebar}
    </ul>
  </aside>
  <footer class="site-footer">
    <ul>
{footer}
    </ul>
    <p>© {doc.pub.year} {e(doc.outlet[0])}</p>
  </footer>
  <script src="/static/js/app.{doc.idx % 5}.js" defer></script>
</body>
</html>
"""
    return page.encode("utf-8")


def _record_date(doc: Doc) -> str:
    style, t = doc.extras["date_style"], doc.pub
    if style == 0:
        return f"{t:%Y-%m-%dT%H:%M:%S}Z"
    if style == 1:
        return f"{t:%Y-%m-%d %H:%M}"
    if style == 2:
        return format_datetime(t.replace(tzinfo=None)).replace("-0000", "+0000")
    return _iso(doc)


def render_record(doc: Doc) -> dict:
    paras = list(doc.body_paragraphs)
    if doc.extras["leftovers_in_record"]:
        paras += _leftovers(doc) or [COMMENTS[doc.lang]]
    return {
        "title": doc.title,
        "text": "\n\n".join(paras),
        "url": doc.url,
        "date": _record_date(doc),
        "outlet": doc.outlet[0],
        "language": doc.lang if doc.idx % 7 else f"{doc.lang}-{doc.lang.upper() if doc.lang != 'en' else 'GB'}",
    }


FEED_LANG = {"en": "en-gb", "fr": "fr-fr", "de": "de-de", "ru": "ru-ru", "uk": "uk-ua"}


def render_feed(title: str, site: str, lang: str, docs: list[Doc], build: datetime) -> bytes:
    e = htmlmod.escape
    items = []
    for d in docs:
        body = "".join(f"<p>{e(p)}</p>" for p in d.body_paragraphs)
        items.append(f"""    <item>
      <title>{e(d.title)}</title>
      <link>{d.url}</link>
      <guid isPermaLink="true">{d.url}</guid>
      <pubDate>{format_datetime(d.pub.replace(tzinfo=None)).replace("-0000", "+0000")}</pubDate>
      <dc:creator>{e(d.author)}</dc:creator>
      <description>{e(d.paragraphs[0][:200])}…</description>
      <content:encoded><![CDATA[{body}]]></content:encoded>
    </item>""")
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>{e(title)}</title>
    <link>https://{site}/</link>
    <description>{e(title)}</description>
    <language>{FEED_LANG[lang]}</language>
    <lastBuildDate>{format_datetime(build)}</lastBuildDate>
{chr(10).join(items)}
  </channel>
</rss>
"""
    return xml.encode("utf-8")
