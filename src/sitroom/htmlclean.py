"""HTML to article text and metadata with trafilatura (which runs htmldate for the date).

The extracted text then goes through the same line cleaner as plain text, because
related-link lines and embed remnants often survive extraction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitroom.errors import NoArticleText

STAGE = ("html", "1")
_OPENING = re.compile(r"^\s*(<\?xml[^>]*>\s*)?(<!doctype html|<html)", re.I)
_CLOSING = re.compile(r"</(html|body)\s*>", re.I)


@dataclass
class HtmlExtract:
    text: str
    title: str | None
    date: str | None
    author: str | None
    sitename: str | None
    url: str | None
    description: str | None
    truncated: bool


def is_truncated(html: str) -> bool:
    """A full page (it opens with <html> or a doctype) that never closes its body or html."""
    return bool(_OPENING.match(html[:2000])) and not _CLOSING.search(html[-4000:])


def page_date(html: str) -> str | None:
    """htmldate on the raw page, as evaluated on its benchmark (extensive search, original
    date rather than last modification). trafilatura's own date runs on its cleaned tree and
    converts time zones differently, which loses a few pages."""
    import htmldate

    try:
        return htmldate.find_date(html, extensive_search=True, original_date=True)
    except (ValueError, TypeError):
        return None


def extract_html(html: str, url: str | None = None) -> HtmlExtract:
    import trafilatura

    truncated = is_truncated(html)
    doc = None
    for recall in (False, True):
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True,
            favor_recall=recall, date_extraction_params={"extensive_search": True, "original_date": True},
        )
        if doc is not None and doc.text and len(doc.text) >= 200:
            break
    if (doc is None or not (doc.text or "").strip()) and not _OPENING.match(html[:2000]):
        # a fragment (feed item, JSON "html" field) too small for trafilatura's heuristics
        text = trafilatura.html2txt(html, clean=True)
        if text.strip():
            return HtmlExtract(text, None, None, None, None, url, None, False)
    if doc is None or not (doc.text or "").strip():
        why = "truncated HTML and no article text before the cut" if truncated else "no article text found in the HTML"
        raise NoArticleText(why)
    return HtmlExtract(
        text=doc.text,
        title=doc.title,
        date=page_date(html) or doc.date,
        author=doc.author,
        sitename=doc.sitename,
        url=doc.url,
        description=doc.description,
        truncated=truncated,
    )
