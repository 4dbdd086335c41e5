"""Attributions without a reporting verb, over a paragraph's parse (English and French):
a reporting noun with its owner ("Moscow's claim that the assault failed", "a warning by
the governor that …", "a Kremlin statement that …") and "according to X" / "selon X" /
"d'après X", where X is the source and the clause around it the content.
"""

from __future__ import annotations

from sitroom.claims.confidence import features
from sitroom.claims.model import Attribution, Span
from sitroom.claims.phrases import clause_head, contiguous, until_comma
from sitroom.claims.piece import Piece


class NominalRules(Piece):
    """The rules without a reporting verb over one parsed paragraph."""

    def noun(self, tok) -> Attribution | None:
        """A noun that reports with its owner as the speaker and a clause as what was said:
        "Moscow's claim that the assault failed", "his decision to withdraw", "a warning by
        the governor that …". Proposed only to the cue model, which scores it."""
        comp = next((c for c in tok.children if c.i > tok.i and c.dep_ in ("acl", "ccomp") and c.pos_ in ("VERB", "AUX")
                     and any((g.dep_ == "mark" and g.lower_ == "that") or (g.dep_ == "aux" and g.lower_ == "to")
                             for g in c.children)), None)
        if comp is None:
            return None
        owner = next((c for c in tok.children if c.dep_ == "poss" and c.i < tok.i), None)
        if owner is None:
            by = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "by" and tok.i < c.i < comp.i), None)
            owner = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
        line = self._line(tok)
        if owner is None:
            # "a Kremlin statement that …", "a New York Times report that …": a name before the noun
            names = [c for c in tok.children if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" and c.i < tok.i]
            if not names:
                return None
            owner = names[-1]
            source = self._span([t for c in names for t in c.subtree], line)
        elif owner.pos_ not in ("PROPN", "NOUN", "PRON"):
            return None
        else:
            source = self._span([t for t in owner.subtree if t.dep_ != "case"], line)
        content = self._span(self._subtree(comp), line)
        left = [c for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i and c.i > owner.i
                and c.pos_ != "PROPN"]
        cue = self._span([tok] + left, line)
        if source is None or content is None or cue is None or len(content.text.split()) < 2:
            return None
        feats = features(tok, None, "dep-noun", owner, len(source.text.split()), content)
        return Attribution(source=source, cue=cue, content=content, how="dep-noun", features=feats,
                           channel=self._channel(line, content))

    def according(self) -> list[Attribution]:
        """Every "according to X" of the lexicon in the paragraph: X (up to a comma) is the
        source, the rest of the clause around it the content; when the parse is broken, the
        surface ("Selon X, content.")."""
        out = []
        text = self.doc.text
        for m in self.lex.according.finditer(text):
            span = self.doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            inside = {t.i for t in span}
            last = span[-1]
            root = None
            for t in span:
                for c in t.children:
                    if c.i not in inside and c.i > last.i and c.dep_ in ("pobj", "dobj", "obj", "nmod", "obl", "pcomp"):
                        root = c
                        break
                if root is not None:
                    break
            if root is None and span[0].head.i not in inside and span[0].head.i > last.i:
                root = span[0].head
            if root is None:
                continue
            if " ".join(m.group(0).lower().split()) in self.lex.according_determined and root.pos_ == "NOUN" \
                    and not any(c.dep_ in ("det", "poss", "nummod", "compound") and c.i > last.i for c in root.children):
                continue  # "18 per cent", "shells per day": a rate, not a source
            line = self._line(span[0])
            source_toks = [t for t in root.subtree if t.i not in inside and t.i > last.i]
            source_toks = contiguous(source_toks, last.i + 1)
            source_toks = until_comma(source_toks)
            source = self._span(source_toks, line)
            anchor = root.head if span[0].head.i == root.i else span[0].head
            clause = clause_head(anchor) if anchor.i not in inside else None
            if clause is None:
                clause = root
            taken = inside | {t.i for t in source_toks}
            rest = [t for t in clause.subtree if t.i not in taken]
            before = [t for t in rest if t.i < span[0].i]
            after = [t for t in rest if t.i > max(taken)]
            part = after if len(after) >= len(before) else before
            while len(part) > 2 and part[0].dep_ == "cc":
                part = part[1:]  # "And Kyiv holds the town, according to X": without the "And"
            content = self._span(part, line)
            cue = Span.of(self.text, self.off + m.start(), self.off + m.end())
            if content is None or source is None or len(content.text.split()) < 2:
                source, content = self._according_surface(cue, line)
                if source is None:
                    continue
            out.append(Attribution(source=source, cue=cue, content=content, how="according",
                                   channel=self._channel(line, content)))
        return out

    def _according_surface(self, cue: Span, line: tuple[int, int]) -> tuple[Span | None, Span | None]:
        """When the parse is broken: "Selon X, content." with the source up to the comma."""
        comma = self.text.find(",", cue.end, line[1])
        if comma < 0 or len(self.text[cue.end:comma].split()) > 12:
            return None, None
        stop = self.text.find(". ", comma, line[1])
        end = line[1] if stop < 0 else stop + 1
        source = self._trimmed(cue.end, comma)
        content = self._trimmed(comma + 1, end)
        return (source, content) if source and content else (None, None)
