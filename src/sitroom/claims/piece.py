"""One parsed paragraph of a text, and the spans the attribution rules cut from it.

``Piece`` holds a paragraph's spaCy parse with where it sits in the whole text; its
helpers turn tokens into ``Span`` offsets of the whole text (never leaving the paragraph),
trim punctuation off a span's ends, tell whether a token sits inside a quote and which
channel ("on Telegram") a statement names. The verb rules (``depparse``) and the rules
without a reporting verb (``nominal``) both build on it.
"""

from __future__ import annotations

from collections.abc import Iterable

from sitroom.claims.cues import CueLexicon
from sitroom.claims.model import Span
from sitroom.claims.quotes import Quote

TRIM = set(" \t\n,;:—–-(")
CLOSING_MARKS, OPENING_MARKS = set("”»"), set("“«„")  # never at a span's start, resp. its end


class Piece:
    """A paragraph's parse (``doc``) at offset ``off`` of ``text``, with the language's cue
    lexicon and the speech quotes that touch it."""

    def __init__(self, doc, text: str, off: int, lex: CueLexicon, quotes: list[Quote]) -> None:
        self.doc, self.text, self.off, self.lex = doc, text, off, lex
        end = off + len(doc.text)
        self.quotes = [q for q in quotes if q.end > off and q.start < end]  # the speech quotes of this piece
        # hyphens the tokenizer split off as tokens of their own ("vice", "-", "president");
        # not those it keeps in a word ("vice-président") or a clitic ("-t", "-il")
        self.split_hyphens = {off + t.idx for t in doc if t.text == "-" and t.idx > 0
                              and not doc.text[t.idx - 1].isspace()}

    # ------------------------------------------------------------------ spans
    def _line(self, tok) -> tuple[int, int]:
        """The paragraph of the token: the piece parsed (see ``sentences.paragraphs``)."""
        return self.off, self.off + len(self.doc.text)

    def _span(self, tokens: Iterable, line: tuple[int, int]) -> Span | None:
        toks = sorted((t for t in tokens if not t.is_space and line[0] <= self.off + t.idx < line[1]), key=lambda t: t.i)
        while toks and toks[-1].pos_ == "CCONJ" and len(toks) > 1:
            toks.pop()  # "… to come out of the car and": a conjunction whose second half the parse left out
        if not toks:
            return None
        return self._trimmed(self.off + min(t.idx for t in toks), self.off + max(t.idx + len(t.text) for t in toks))

    @staticmethod
    def _subtree(tok, *exclude) -> list:
        skip = set()
        for x in exclude:
            if x is not None:
                skip.update(t.i for t in x.subtree)
        return [t for t in tok.subtree if t.i not in skip]

    def _trimmed(self, s: int, e: int) -> Span | None:
        while s < e and (self.text[s] in TRIM or self.text[s] in CLOSING_MARKS):
            s += 1
        while e > s and (self.text[e - 1] in TRIM or self.text[e - 1] in OPENING_MARKS):
            e -= 1
        if e <= s:
            return None
        # never half a hyphenated word: the parser may hang "vice", "-" and "president" on
        # the verb as three subjects ("The vice-president said")
        t = self.text
        while e in self.split_hyphens and e + 1 < len(t) and t[e - 1].isalnum() and t[e + 1].isalpha():
            e += 1
            while e < len(t) and t[e].isalnum():
                e += 1
        while s - 1 in self.split_hyphens and s > 1 and t[s].isalpha() and t[s - 2].isalnum():
            s -= 1
            while s > 0 and t[s - 1].isalnum():
                s -= 1
        return Span.of(t, s, e)

    def _quoted(self, tok) -> bool:
        """The token sits inside a quote (a misparse that hangs quoted words on the verb)."""
        pos = self.off + tok.idx
        return any(q.start < pos < q.end for q in self.quotes)

    def _same_quote(self, tok, other) -> bool:
        """``other`` lies inside the quote that holds ``tok``."""
        pos, at = self.off + tok.idx, self.off + other.idx
        return any(q.start < pos < q.end and q.start < at < q.end for q in self.quotes)

    def _channel(self, line: tuple[int, int], content: Span) -> str | None:
        before = self.text[line[0]:content.start]
        after = self.text[content.end:line[1]]
        for part in (before, after):
            found = self.lex.channel(part)
            if found:
                return found[0]
        return None
