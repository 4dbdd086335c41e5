"""Attribution by surface patterns, for languages without an offline parser (German,
Russian, Ukrainian).

Per sentence, around each reporting-verb form of the lexicon:
- post-posed speaker: the content ends with a comma, dash or closing quote right before
  the verb, the speaker follows it ("…», — заявил Песков", "…, sagte Scholz");
- pre-posed speaker: the speaker stands between the last clause break and the verb, the
  content follows, after "dass / что / що" or a colon ("Песков заявил, что …");
- German verb-second inversion: an adverbial, the verb, then the speaker up to the comma
  ("Am Donnerstag sagte Peskow, die Operation …").
"laut X", "по словам X", "за словами X" introduce a source before the content, "X zufolge"
after it. Entity mentions, when given, pick the speaker inside a longer stretch.
"""

from __future__ import annotations

import re

from sitroom.claims.cues import CueLexicon
from sitroom.claims.model import Attribution, Span

MAX_SOURCE_WORDS = 9
_BREAK = re.compile(r"(?:[,;:(]|\s[—–-]\s|\s(?:и|і|та|а|und|aber|но|але)\s)")
_LEAD = re.compile(r"[\s,:—–-]*(?:(?:что|чтобы|будто|що|щоб|ніби|dass|ob)\s+)?", re.IGNORECASE)
_TRAIL = " \t\n,;:—–-"
_ADVERBIAL_DE = re.compile(r"^(?:Am|Im|In|Nach|Zuvor|Bereits|Später|Gestern|Heute|Zudem|Außerdem|Dazu|Dabei|Auch|So|Ebenfalls|Bei)\b")


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _TRAIL:
        s += 1
    while e > s and text[e - 1] in _TRAIL:
        e -= 1
    return s, e


def _words(text: str) -> int:
    return len(text.split())


def _mention_in(mentions, s: int, e: int, last: bool = True) -> tuple[int, int] | None:
    inside = [(a, b) for a, b, kind in (mentions or []) if s <= a and b <= e and kind != "place"] or \
             [(a, b) for a, b, kind in (mentions or []) if s <= a and b <= e]
    if not inside:
        return None
    return inside[-1] if last else inside[0]


_NOT_A_SPEAKER = re.compile(r"^\s*(?:о|об|обо|что|про|на|в|по|до|за|у|про|що|dass|über|von|zu|mit|that|on|about)\b",
                            re.IGNORECASE)


_TRAILING_NEGATION = re.compile(r"(?:\s+(?:не|ні|ни|nicht|nie|пока|ще|ещё|еще|noch|уже|вже))+\s*$", re.IGNORECASE)
_DE_ARTICLES = {"der", "die", "das", "dem", "den", "des", "von", "vom", "einer", "eines", "einem", "ein", "eine"}


def _german_noun_phrase(text: str, start: int, end: int) -> int:
    """End of the noun phrase starting at ``start`` (German: it stops at the first lower-case
    word after a capitalised one, "dem Generalstab | wurden ...")."""
    seen_noun = False
    for m in re.finditer(r"\S+", text[start:end]):
        word = m.group(0).strip(",.;:")
        if word[:1].isupper():
            seen_noun = True
        elif seen_noun and word.lower() not in _DE_ARTICLES:
            return start + m.start()
    return end


def _source_before(text: str, s: int, cue: int, mentions) -> tuple[int, int] | None:
    speaker = _mention_in([m for m in (mentions or []) if m[2] in ("person", "organization", "group")], s, cue)
    if speaker is not None:
        return speaker
    left = text[s:cue].rstrip(" ,")
    breaks = list(_BREAK.finditer(left))
    start = s + breaks[-1].end() if breaks else s
    start, end = _strip(text, start, cue)
    neg = _TRAILING_NEGATION.search(text[start:end])
    if neg:
        end = start + neg.start()
    if end <= start:
        return None
    if _words(text[start:end]) > MAX_SOURCE_WORDS:
        m = _mention_in(mentions, start, end)
        return m
    return start, end


def _source_after(text: str, cue_end: int, e: int, mentions) -> tuple[int, int] | None:
    right = text[cue_end:e]
    stop = re.search(r"[,.;:!?(]|\s[—–-]\s", right)
    end = cue_end + (stop.start() if stop else len(right))
    start, end = _strip(text, cue_end, end)
    if end <= start:
        return None
    if _words(text[start:end]) > MAX_SOURCE_WORDS:
        return _mention_in(mentions, start, end, last=False)
    return start, end


def pattern_attributions(text: str, lex: CueLexicon, sentences: list[tuple[int, int]],
                         mentions: list[tuple[int, int, str]] | None = None) -> list[Attribution]:
    out: list[Attribution] = []
    for s, e in sentences:
        out.extend(_according(text, lex, s, e, mentions))
        for cs, ce, _cls in lex.find_forms(text, s, e):
            a = _verb(text, lex, s, e, cs, ce, mentions)
            if a is not None:
                a.cue_class = _cls
                out.append(a)
    return out


def _verb(text, lex, s, e, cs, ce, mentions) -> Attribution | None:
    cue = Span.of(text, cs, ce)
    left = text[s:cs].rstrip()
    channel = lex.channel(text[s:e])
    channel = channel[0] if channel else None
    if left and left[-1] in ",—–-»“”\"" and _words(left) >= 3 and not _NOT_A_SPEAKER.match(text[ce:e]):
        src = _source_after(text, ce, e, mentions)
        cs0, ce0 = _strip(text, s, s + len(text[s:cs].rstrip()))
        if src is None or ce0 - cs0 < 5:
            return None
        return Attribution(source=Span.of(text, *src), cue=cue, content=Span.of(text, cs0, ce0), how="pattern-postposed",
                           channel=channel)
    if lex.lang == "de" and (not left or _ADVERBIAL_DE.match(left)):
        src = _source_after(text, ce, e, mentions)
        if src is None:
            return None
        comma = text.find(",", src[1], e)
        body_start = comma + 1 if comma >= 0 else src[1]
        lead = _LEAD.match(text, body_start)
        cs0, ce0 = _strip(text, lead.end() if lead else body_start, e)
        if ce0 - cs0 < 5:
            return None
        return Attribution(source=Span.of(text, *src), cue=cue, content=Span.of(text, cs0, ce0), how="pattern-inverted",
                           channel=channel)
    src = _source_before(text, s, cs, mentions)
    lead = _LEAD.match(text, ce)
    start = lead.end() if lead else ce
    cs0, ce0 = _strip(text, start, e)
    if src is None or ce0 - cs0 < 5 or _words(text[cs0:ce0]) < 2:
        return None
    return Attribution(source=Span.of(text, *src), cue=cue, content=Span.of(text, cs0, ce0), how="pattern",
                       channel=channel)


def _according(text, lex, s, e, mentions) -> list[Attribution]:
    out = []
    for m in lex.according.finditer(text, s, e):
        src = _source_after(text, m.end(), e, mentions)
        if src is None:
            continue
        if lex.lang == "de" and "," not in text[m.end():src[1] + 1]:
            src = _strip(text, src[0], _german_noun_phrase(text, src[0], src[1]))
        if m.start() - s > 10 and text[s:m.start()].rstrip().endswith(","):
            cs0, ce0 = _strip(text, s, m.start())  # "…, по словам Пескова."
        else:
            cs0, ce0 = _strip(text, src[1], e)
        if ce0 - cs0 < 5:
            continue
        out.append(Attribution(source=Span.of(text, *src), cue=Span.of(text, m.start(), m.end()),
                               content=Span.of(text, cs0, ce0), how="according"))
    if lex.according_after is not None:
        for m in lex.according_after.finditer(text, s, e):
            word = m.group(0)
            if word == "so":  # "…, so Peskow." : the source follows
                if not text[s:m.start()].rstrip().endswith(","):
                    continue
                src = _source_after(text, m.end(), e, mentions)
                cs0, ce0 = _strip(text, s, m.start())
            else:  # "Peskow zufolge …": the source precedes
                src = _source_before(text, s, m.start(), mentions)
                cs0, ce0 = _strip(text, m.end(), e)
            if src is None or ce0 - cs0 < 5 or not text[src[0]].isupper():
                continue
            out.append(Attribution(source=Span.of(text, *src), cue=Span.of(text, m.start(), m.end()),
                                   content=Span.of(text, cs0, ce0), how="according"))
    return out
