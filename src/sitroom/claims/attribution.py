"""Attribution extraction: who (source) says (cue) what (content), per language.

- English and French: rules over spaCy dependency parses (``depparse``): a reporting verb
  from the lexicon with its subject as source and its clausal complement, object or the
  clause it is attached to as content; post-posed and inverted speakers ("…,” reacts
  Marie Dumoulin", "a déclaré Trump"); "according to X" / "selon X"; a colon before a quote.
- German, Russian, Ukrainian (and any language with a pattern lexicon): surface patterns
  around inflected verb forms and "laut / по словам / за словами" (``patterns``).
- Everywhere: direct quotes are matched to the attribution whose content they overlap
  (``quote`` = True), and a quote with no speaker of its own that follows an attribution in
  the same or the next paragraph continues it (several-sentence and several-paragraph
  quotes).

``extract_batch(texts, lang)`` runs a batch of texts of one language (models load once per
process, on first use); ``extract(text, lang)`` one text.
"""

from __future__ import annotations

import re

from sitroom.claims import confidence, cues
from sitroom.claims.model import Attribution, Span
from sitroom.claims.quotes import QUOTE_GAP, Quote, find_quotes, is_speech, last_mark
from sitroom.claims.sentences import Segmenter, sentence_at

CONTINUE_WITHIN = 700  # characters between an attribution and a quote that continues it
CLOSING = "”»\"’'"  # a quote's last mark


def extract(text: str, lang: str | None, mentions: list[tuple[int, int, str]] | None = None) -> list[Attribution]:
    return extract_batch([text], lang, [mentions] if mentions is not None else None)[0]


def extract_batch(texts: list[str], lang: str | None,
                  mentions: list[list[tuple[int, int, str]] | None] | None = None,
                  sentences: list[list[tuple[int, int]]] | None = None) -> list[list[Attribution]]:
    """Attributions of each text, in text order. ``mentions`` (start, end, type) per text,
    when known, sharpen source spans in the pattern languages; ``sentences`` per text, when
    the caller has them already (``Segmenter``), save splitting again."""
    lex = cues.lexicon(lang)
    if lex is None:
        return [[] for _ in texts]
    if sentences is None:
        segmenter = Segmenter.for_language(lang)
        sentences = [segmenter.split(t) for t in texts]
    if lex.parsed:
        from sitroom.claims.depparse import parse_attributions

        found = parse_attributions(texts, lang, lex, confidence.model(lang))
    else:
        from sitroom.claims.patterns import pattern_attributions

        found = [pattern_attributions(t, lex, sents, (mentions or [None] * len(texts))[i])
                 for i, (t, sents) in enumerate(zip(texts, sentences))]
    return finish(texts, found, sentences, mentions)


def finish(texts: list[str], found: list[list[Attribution]], sentences: list[list[tuple[int, int]]],
           mentions: list[list[tuple[int, int, str]] | None] | None = None) -> list[list[Attribution]]:
    """What the rules found per text, completed: turns of speech inside quotes dropped, one
    attribution per cue, punctuation cues added, quotes attached and continued, reports
    inside quoted speech marked ``nested``, and each attribution's evidence sentence set."""
    out = []
    for text, attrs, sents, ments in zip(texts, found, sentences, mentions or [None] * len(texts), strict=True):
        quotes = find_quotes(text)
        quoted = [(q.start, q.end) for q in quotes]
        speech = [(q.start, q.end) for q in quotes if is_speech(text, q)]
        attrs = [a for a in attrs if not _personal_in_quote(a, quoted)]
        attrs = attach_quotes(text, dedupe(attrs + punctuation_cues(text, ments)), sents)
        for a in attrs:
            # a transcript's turn is its speaker's own, also where the article quotes the
            # transcript with a mark opening each paragraph ('"PENCE: …')
            a.nested = a.how != "speaker-line" and any(s < a.cue.start < e for s, e in speech)
            lo = min(x.start for x in (a.source, a.cue, a.content) if x is not None)
            hi = max(x.end for x in (a.source, a.cue, a.content) if x is not None)
            s0, _ = sentence_at(sents, lo)
            _, s1 = sentence_at(sents, hi - 1)
            a.sentence = Span.of(text, min(s0, lo), max(s1, hi))
        out.append(sorted(attrs, key=lambda a: (a.content.start, a.cue.start)))
    return out


def dedupe(attrs: list[Attribution]) -> list[Attribution]:
    """One attribution per cue; where two claim the same content, the one with a source."""
    by_cue: dict[tuple[int, int], Attribution] = {}
    for a in attrs:
        key = (a.cue.start, a.cue.end)
        old = by_cue.get(key)
        if old is None or (old.source is None and a.source is not None):
            by_cue[key] = a
    kept = sorted(by_cue.values(), key=lambda a: a.cue.start)
    # a cue inside another attribution's content is a nested report: keep both (they
    # are distinct claims) unless the content spans are identical
    kept = [a for a in kept if not _nested_aside(a, kept)]
    seen: set[tuple[int, int]] = set()
    out = []
    for a in kept:
        key = (a.content.start, a.content.end)
        if key in seen:
            continue
        seen.add(key)
        out.append(a)
    return out


PERSONAL = {"i", "we", "you", "je", "nous", "vous", "on", "ich", "wir", "du", "ihr", "я", "мы", "вы", "ти", "ми", "ви"}


def _personal_in_quote(a: Attribution, quoted: list[tuple[int, int]]) -> bool:
    """"I think", "you know" inside quoted speech: part of the quote, not a report."""
    if a.source is None or a.source.text.lower() not in PERSONAL:
        return False
    return any(s <= a.cue.start < e for s, e in quoted)


def _nested_aside(a: Attribution, attrs: list[Attribution]) -> bool:
    """A report inside someone else's words that is only a turn of speech: "I think",
    "we know", "you want", a belief nested in a quote. Nested reports by third parties
    ("the authorities have not confirmed …") are kept: they are claims too."""
    inside = any(b is not a and b.content.start <= a.cue.start < b.content.end for b in attrs)
    if not inside:
        return False
    personal = a.source is not None and a.source.text.lower() in PERSONAL
    return personal or a.cue_class == "belief"


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def attach_quotes(text: str, attrs: list[Attribution], sentences: list[tuple[int, int]]) -> list[Attribution]:
    """Mark quoted contents, widen a content to the whole quote it sits in, join the pieces
    of a quote its speaker tag interrupts, and turn quotes that continue an earlier speaker
    into attributions of their own."""
    quotes = find_quotes(text)
    speech = [is_speech(text, q) for q in quotes]
    covered = _mark_quoted(text, attrs, quotes, speech)
    _join_quote_before_tag(text, attrs, quotes, covered, sentences)
    extra = []
    ordered = sorted(attrs, key=lambda a: a.content.end)
    for qi, q in enumerate(quotes):
        if qi in covered:
            continue
        before = [a for a in ordered if a.content.end <= q.start and a.source is not None]
        if _join_quote_after_tag(text, before, q, sentences):
            continue
        if not before or not speech[qi] or any(a.how == "speaker-line" and q.start < a.cue.start < q.end for a in attrs):
            continue  # (a transcript's lines, each opening with a mark, are their speakers' own)
        prev = before[-1]
        between = text[prev.content.end:q.start]
        if q.start - prev.content.end > CONTINUE_WITHIN or _another_speaker(between) or not _opens_sentence(text, q.start) \
                or not (prev.quote or prev.how.startswith("dep") and prev.cue_class in cues.REPORTING):
            continue
        extra.append(Attribution(source=prev.source, cue=prev.cue, content=Span.of(text, q.start, q.end),
                                 quote=True, how="quote-continued", channel=prev.channel))
    return attrs + extra


def _mark_quoted(text: str, attrs: list[Attribution], quotes: list[Quote], speech: list[bool]) -> set[int]:
    """Mark the attributions whose content is (mostly) a quote and widen the content to the
    whole quote (the parse often cuts a many-sentence quote); the indices of the quotes
    so taken."""
    covered: set[int] = set()
    for a in attrs:
        for q in quotes:
            # a content never stops inside a quote it opened ("… lower taxes and “jobs" of
            # "“jobs, jobs, jobs”"): it runs to the quote's end
            if a.content.start <= q.start < a.content.end < q.end and not q.start < a.cue.start < q.end \
                    and "\n" not in text[a.content.end:q.end]:
                a.content = Span.of(text, a.content.start, q.end)
        span = (a.content.start, a.content.end)
        for qi, q in enumerate(quotes):
            ov = _overlap(span, (q.start, q.end))
            if not ov or q.start < a.cue.start < q.end:
                continue  # (a report inside the quote does not speak the quote: "“… they claim …”")
            # a short quote is speech only when it is all that was said ("“Not yet,” she
            # said"), not a phrase in scare quotes inside the content
            if ov >= 0.8 * (span[1] - span[0]) or speech[qi] and ov >= 0.5 * (q.end - q.start):
                a.quote = True
                covered.add(qi)
                if not (q.start <= a.cue.start < q.end):
                    start, end = min(span[0], q.start), max(span[1], q.end)
                    if a.source is not None and a.source.start >= q.end:
                        end = min(end, a.cue.start)
                    a.content = Span.of(text, start, end) if start < end else a.content
    return covered


def _join_quote_before_tag(text: str, attrs: list[Attribution], quotes: list[Quote], covered: set[int],
                           sentences: list[tuple[int, int]]) -> None:
    """"“A,” she said, “B.”": the parse gives the verb the second quote; the first one,
    opening the sentence just before the tag and handing over with a comma, opens the same
    statement."""
    for a in attrs:
        tag = min(a.cue.start, a.source.start if a.source is not None else a.cue.start)
        if not (a.quote and a.content.start > a.cue.start):
            continue
        first = next((qi for qi, q in enumerate(quotes) if q.end <= tag and qi not in covered
                      and not text[q.end:tag].strip(QUOTE_GAP) and _opens_with_comma(text, q)
                      and not any(q.start < st <= tag for st, _ in sentences)
                      and not text[sentence_at(sentences, q.start)[0]:q.start].strip()), None)
        if first is not None:
            q = quotes[first]
            a.content = Span(q.start, a.content.end, f"{text[q.start:q.end]} {a.content.text.strip()}")
            covered.add(first)


def _join_quote_after_tag(text: str, before: list[Attribution], q: Quote, sentences: list[tuple[int, int]]) -> bool:
    """"“A,” she said. “B.”": one statement the speaker tag interrupts (a participle in the
    tag, "said the analyst, speaking of …", does not take it over, nor is a name in quotes
    inside the tag more of the quote); the content runs from the first quote to the end of
    the second, and says only the quotes. Whether ``q`` was joined so."""
    if not (_opens_sentence(text, q.start) or is_speech(text, q)):
        return False  # a title quoted at the end of the tag: "…, said on the channel's “Morning Show.”"
    tagged = [a for a in before if a.quote and a.content.end <= a.cue.start < q.start
              and (a.source is None or a.source.end <= q.start)
              and _only_a_tag(text, text[a.content.end:q.start], a, q, sentences)]
    if tagged:
        tagged[-1].content = joined(text, tagged[-1].content, q.start, q.end)
    return bool(tagged)


def _opens_with_comma(text: str, q: Quote) -> bool:
    """A quote that hands over to its speaker tag with a comma: "“A,” she said, “B.”"."""
    return last_mark(text, q) == "," or text[q.end:q.end + 1] == ","


def joined(text: str, first: Span, start: int, end: int) -> Span:
    """A content in two pieces with the speaker tag between them: its offsets run from
    the first piece to the end of the second, its text is the two pieces joined ("“A,” she
    said. “B.”" says "“A,” “B.”")."""
    return Span(first.start, end, f"{first.text.rstrip()} {text[start:end].strip()}")


TAG_WORDS = 40  # a speaker tag between two quotes: "said Quentin Kidd, a political scientist at …"


def _only_a_tag(text: str, between: str, prev: Attribution, q: Quote, sentences: list[tuple[int, int]]) -> bool:
    """Whether all that stands between a quote and the next one is its speaker tag: one
    sentence at most ("“A,” she said. “B.”", "“A,” said Jane Roe, a historian at Yale.
    “B.”"), on one line, no other sentence beginning before the second quote."""
    if "\n" in between or len(between.split()) > TAG_WORDS:
        return False
    # (the tag may be a sentence of its own after a "?" or "!": "“Why?” Clinton asked. “…”")
    return not any(max(prev.content.end, prev.cue.start) < s < q.start and text[s:q.start].strip()
                   for s, _ in sentences)


def _opens_sentence(text: str, start: int) -> bool:
    """A quote standing as a sentence of its own (after a sentence end or a line break) or
    set off by a comma or a colon ("…, he boasted, “…”"), not words quoted inside someone
    else's sentence ("… urged voters to “go and vote”")."""
    lead = text[:start].rstrip(" \t\xa0")
    if not lead or lead[-1] == "\n":
        return True
    lead = lead.rstrip()
    return lead[-1] in ".!?…:," or (lead[-1] in CLOSING and len(lead) > 1 and lead[-2] in ".!?…,")


def _another_speaker(between: str) -> bool:
    """Text between a speaker's words and a later quote that changes the speaker: a new
    paragraph of narrative longer than a short bridge."""
    stripped = between.strip()
    return len(stripped.split()) > 25


# "NAME: words" at the start of a transcript line; "“…” ― Name" after a quote
# (a transcript paragraph may open with a quotation mark: '"WALLACE: Let's start …')
_SPEAKER_LINE = re.compile(r"^[ \t]*[\"“«„]?((?:[A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ][\w.'’-]*[ \t]?){1,4}):[ \t]+(?=\S)", re.MULTILINE)
_DASH_SPEAKER = re.compile(r"[”»\"][^\S\n]*([―—–]|--)[^\S\n]*((?:[A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ][\w.'’-]*[ \t]?){1,4})")


SPEAKER_TYPES = ("person", "organization", "group")  # mention types that can speak on a transcript line


def _names_a_speaker(name: str, start: int, end: int, mentions: list[tuple[int, int, str]]) -> bool:
    letters = [c for c in name if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return True
    return any(ms < end and start < me and t in SPEAKER_TYPES for ms, me, t in mentions)


def punctuation_cues(text: str, mentions: list[tuple[int, int, str]] | None = None) -> list[Attribution]:
    """Attributions marked by punctuation alone, in any language: a speaker's name and a
    colon opening a transcript line, or a dash and a name after a closing quote. With the
    text's entity ``mentions`` (start, end, type) known, a line's label is a speaker only
    when it names a person, an organisation or a group, or is written in capitals as
    transcripts write their speakers ("PENCE:"): "Bildrechte: …", "Das Problem: …",
    "Вердикт: …" and "Republik Moldau: …" are headings, not turns of speech."""
    out = []
    for m in _SPEAKER_LINE.finditer(text):
        name = m.group(1).strip()
        if name.lower() in ("read also", "note", "update", "photo", "video", "source", "lire aussi"):
            continue
        start = m.start(1)
        if mentions is not None and not _names_a_speaker(name, start, start + len(name), mentions):
            continue
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        colon = m.end(1) + text[m.end(1):m.end()].index(":")
        out.append(Attribution(source=Span.of(text, start, start + len(name)),
                               cue=Span.of(text, colon, colon + 1),
                               content=Span.of(text, m.end(), end), how="speaker-line"))
    for q in find_quotes(text):
        m = _DASH_SPEAKER.match(text, q.end - 1)
        if m and is_speech(text, q):
            name = m.group(2).strip()
            out.append(Attribution(source=Span.of(text, m.start(2), m.start(2) + len(name)),
                                   cue=Span.of(text, m.start(1), m.end(1)),
                                   content=Span.of(text, q.start, q.end), quote=True, how="dash-speaker"))
    return out
