"""Direct quotes: spans between quotation marks, across sentences and paragraphs.

Pairs: “…” „…“ „…” «…» ‹…›, straight "…" and doubled apostrophes ''…'' (the ASCII
convention of newspaper archives and wire feeds). A quote may run over several sentences;
a quote that runs over a paragraph break continues only when the next paragraph opens with
a quotation mark again (the newspaper convention of leaving the first paragraph open).
Single quotes (’) are left alone: they are apostrophes far more often than quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN_CLOSE = {"“": "”", "„": "“”", "«": "»", "‹": "›", '"': '"'}
TWIN = "''"  # opens and closes a quote in ASCII archives: ''It's anti-reform,'' he said.
MAX_QUOTE = 3000  # characters; a longer "quote" is an unpaired mark
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Quote:
    start: int  # the opening mark
    end: int  # just after the closing mark


def _next_paragraph_reopens(text: str, pos: int, mark: str) -> int | None:
    """Where the quote reopens after the paragraph break at ``pos``, if it does."""
    m = re.compile(r"\n\s*").match(text, pos)
    if m and text.startswith(mark, m.end()):
        return m.end() + len(mark)
    return None


def _twin_quote(text: str, i: int, limit: int) -> int | None:
    """The end of a ''…'' quote opening at ``i`` (just after its closing pair), if it
    closes: the opening pair stands before a word, the closing one after a word or a
    punctuation mark; a paragraph break ends the quote unless the next one reopens it."""
    if i + 2 >= len(text) or text[i + 2].isspace() or (i and (text[i - 1].isalnum() or text[i - 1] == "'")):
        return None
    j = i + 2
    while j < limit:
        if text.startswith(TWIN, j) and not text[j - 1].isspace() and not text.startswith("'", j + 2):
            return j + 2
        if text[j] == "\n":
            reopen = _next_paragraph_reopens(text, j, TWIN)
            if reopen is None:
                return None
            j = reopen
            continue
        j += 1
    return None


def _opens(text: str, i: int) -> bool:
    """Whether the straight mark at ``i`` can open a quote: not right after a word, not
    before a space ("…recklessness." The …); "he said,"We …" still opens one."""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isalnum() and not after.isspace()


def find_quotes(text: str, min_words: int = 1) -> list[Quote]:
    """Every quote of ``text`` (outermost only), in order."""
    quotes: list[Quote] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if text.startswith(TWIN, i):
            end = _twin_quote(text, i, min(n, i + MAX_QUOTE))
            if end is not None and len(_WORD.findall(text[i + 2:end - 2])) >= min_words:
                quotes.append(Quote(i, end))
            i = end if end is not None else i + 2
            continue
        closers = OPEN_CLOSE.get(ch)
        if closers is None or (ch == '"' and not _opens(text, i)):
            i += 1
            continue
        j, depth, end = i + 1, 0, None
        limit = min(n, i + MAX_QUOTE)
        while j < limit:
            c = text[j]
            if c in closers and not (ch == '"' and depth):
                if depth and c != '"':
                    depth -= 1
                else:
                    end = j + 1
                    break
            elif c == ch and ch != '"':
                depth += 1  # a nested quote of the same kind
            elif c == "\n":
                reopen = _next_paragraph_reopens(text, j, ch)
                if reopen is None:
                    break  # the paragraph ended with the quote still open: unpaired
                j = reopen
                continue
            j += 1
        if end is None:
            i += 1
            continue
        if len(_WORD.findall(text[i + 1:end - 1])) >= min_words:
            quotes.append(Quote(i, end))
        i = end
    return quotes


QUOTE_GAP = " \t\xa0,"  # what may stand between a quote and its speaker tag


def last_mark(text: str, q: Quote) -> str:
    """The punctuation the quoted words end with, inside the closing mark ("," in "“A,”")."""
    return text[q.start:q.end].rstrip("”\"'»“ ")[-1:]


def is_speech(text: str, q: Quote, min_words: int = 4) -> bool:
    """A quote long enough to be reported speech rather than a scare-quoted term."""
    return len(_WORD.findall(text[q.start:q.end])) >= min_words
