"""Attribution by surface patterns, for languages without an offline parser (German,
Russian, Ukrainian).

Per sentence, around each reporting-verb form of the lexicon:
- post-posed speaker: the content ends with a comma, dash or closing quote right before
  the verb, the speaker follows it ("…», — заявил Песков", "…, sagte Scholz");
- pre-posed speaker: the speaker stands between the last clause break and the verb, the
  content follows, after "dass / что / що" or a colon ("Песков заявил, что …");
- German verb-second inversion: an adverbial, the verb, then the speaker up to the comma
  ("Am Donnerstag sagte Peskow, die Operation …").
- speaker after the verb, where nothing before it can be the speaker: "Об этом заявил
  Песков" (the content is the previous sentence, for the words of the lexicon's
  ``anaphora``), "О кризисе говорит мэр Варшавы", "Darüber berichtete der Spiegel";
- an institution named by where it speaks from, for a plural verb with no speaker: "В
  Кремле заявили, что …", "…, вважають у МВФ";
- a clause that names the source with its own verb ("as_clause"): "…, wie die Agentur
  meldete", "…, как заявил Песков", "Як повідомив Генштаб, …".
"laut X", "по словам X", "за словами X" introduce a source before the content, "X zufolge"
after it. Entity mentions, when given, pick the speaker inside a longer stretch; in Russian
and Ukrainian the case of each word (``claims.morphology``) keeps adverbs, prepositional
phrases and addressees out of the speaker.
"""

from __future__ import annotations

import re

from sitroom import timex
from sitroom.claims.cues import CueLexicon
from sitroom.claims.model import Attribution, Span
from sitroom.claims.morphology import Morphology, morphology

MAX_SOURCE_WORDS = 9
_BREAK = re.compile(r"(?:[,;:(]|\s[—–-]\s|\s(?:и|і|та|а|und|aber|но|але)\s)")
_LEAD = re.compile(r"[\s,:—–-]*(?:(?:что|чтобы|будто|що|щоб|ніби|dass|ob)\s+)?", re.IGNORECASE)
_TRAIL = " \t\n,;:—–-"
_COORDINATION = {"и", "і", "та", "а", "und", "но", "але", "aber"}
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


class _Sentence:
    """One sentence of a text and what the patterns need around it."""

    def __init__(self, text: str, lex: CueLexicon, s: int, e: int, mentions, previous: tuple[int, int] | None) -> None:
        self.text, self.lex, self.s, self.e = text, lex, s, e
        self.mentions = mentions
        self.previous = previous
        self.morph: Morphology | None = morphology(lex.lang)
        self.names = [(a, b) for a, b, kind in (mentions or []) if kind in ("person", "organization", "group")]

    def is_time(self, stretch: str) -> bool:
        return bool(timex.find_mentions(stretch, self.lex.lang))

    def speakers(self, s: int, e: int) -> tuple[int, int] | None:
        """The speaker mention inside ``text[s:e]``: the last person, else a mention that
        opens the stretch."""
        named = [(a, b, kind) for a, b, kind in (self.mentions or []) if s <= a and b <= e]
        people = [(a, b) for a, b, kind in named if kind == "person"]
        if people:
            return people[-1]
        heads = [(a, b) for a, b, kind in named if a == s and kind in ("organization", "group")]
        return heads[0] if heads else None


def _source_before(sent: _Sentence, cue: int) -> tuple[int, int] | None:
    text, s = sent.text, sent.s
    left = text[s:cue].rstrip(" ,") + " "  # the space lets a last "и" break the clause
    breaks = list(_BREAK.finditer(left))
    start = s + breaks[-1].end() if breaks else s
    start, end = _strip(text, start, cue)
    neg = _TRAILING_NEGATION.search(text[start:end])
    if neg:
        end = start + neg.start()
    if sent.morph is not None:
        span = sent.morph.subject_span(text, start, end, is_time=sent.is_time, names=sent.names) if end > start else None
        if span is None and breaks and breaks[-1].group(0).strip() in _COORDINATION:
            # "Крючков оценил … и заявил": coordinated verbs share the first one's subject
            span = sent.morph.clause_subject(text, s, s + breaks[-1].start(), names=sent.names)
        if span is None:
            return None
        start, end = span
    if end <= start:
        return None
    if sent.morph is None and (speaker := sent.speakers(start, end)) is not None:
        return speaker
    if _words(text[start:end]) > MAX_SOURCE_WORDS:
        return _mention_in(sent.mentions, start, end, last=sent.morph is None)
    return start, end


def _source_after(sent: _Sentence, cue_end: int, subject: bool = True, tag: bool = False) -> tuple[int, int] | None:
    """The speaker after ``cue_end``, up to the next break. ``subject``: the speaker is the
    subject of a verb, so in the nominative (not after "по словам", whose source is in the
    genitive). ``tag``: the verb follows its content ("…, — сказал X"), where the words
    after it are the speaker even when the dictionary reads none of them as nominative."""
    text = sent.text
    right = text[cue_end:sent.e]
    stop = re.search(r"[,.;:!?(]|\s[—–-]\s", right)
    end = cue_end + (stop.start() if stop else len(right))
    if subject and (cited := sent.lex.according.search(text, cue_end, end)):
        end = cited.start()  # "сообщает РБК-Украина со ссылкой на …": the outlet is the speaker
    start, end = _strip(text, cue_end, end)
    if end <= start:
        return None
    if subject and sent.morph is not None:
        span = sent.morph.subject_span(text, start, end, before_verb=False, is_time=sent.is_time, names=sent.names)
        if span is not None:
            return span if _words(text[slice(*span)]) <= MAX_SOURCE_WORDS else _mention_in(sent.mentions, *span, last=False) or span
        if not tag or _NOT_A_SPEAKER.match(text[start:end]) or sent.morph.phrase_object(text, start, end):
            return None
        # no word the dictionary reads as nominative: a name it does not know ("…, — сказал Надь")
    if _words(text[start:end]) > MAX_SOURCE_WORDS:
        return _mention_in(sent.mentions, start, end, last=False)
    return start, end


def pattern_attributions(text: str, lex: CueLexicon, sentences: list[tuple[int, int]],
                         mentions: list[tuple[int, int, str]] | None = None) -> list[Attribution]:
    out: list[Attribution] = []
    previous = None
    for s, e in sentences:
        sent = _Sentence(text, lex, s, e, mentions, previous)
        previous = (s, e)
        found = _according(sent) + _as_clauses(sent)
        taken = [(a.cue.start, a.cue.end) for a in found]
        out.extend(found)
        for cs, ce, _cls in lex.find_forms(text, s, e):
            if any(a <= cs and ce <= b for a, b in taken):
                continue  # the verb of an "as" clause already read
            a = _verb(sent, cs, ce)
            if a is not None:
                a.cue_class = _cls
                out.append(a)
    return out


def _verb(sent: _Sentence, cs: int, ce: int) -> Attribution | None:
    text, lex, s, e = sent.text, sent.lex, sent.s, sent.e
    cue = Span.of(text, cs, ce)
    left = text[s:cs].rstrip()
    channel = lex.channel(text[s:e])
    channel = channel[0] if channel else None
    postposed = left and left[-1] in ",—–-»“”\"" and _words(left) >= 3
    if postposed and (sent.morph is not None or not _NOT_A_SPEAKER.match(text[ce:e])):
        src = _source_after(sent, ce, tag=True) or _placed_speaker(sent, cs, ce, ce, e)
        cs0, ce0 = _strip(text, s, s + len(text[s:cs].rstrip()))
        if src is None or ce0 - cs0 < 5:
            return None
        return Attribution(source=Span.of(text, *src), cue=cue, content=Span.of(text, cs0, ce0), how="pattern-postposed",
                           channel=channel)
    if lex.lang == "de" and (not left or _ADVERBIAL_DE.match(left)):
        src = _source_after(sent, ce)
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
    if _anaphoric(sent, cs):  # "Darüber berichtete der Spiegel", "Об этом заявил Песков"
        return _speaker_after_verb(sent, cue, channel)
    src = _source_before(sent, cs)
    if src is None and sent.morph is not None:
        return _speaker_after_verb(sent, cue, channel)
    lead = _LEAD.match(text, ce)
    start = lead.end() if lead else ce
    cs0, ce0 = _strip(text, start, e)
    if src is None or ce0 - cs0 < 5 or _words(text[cs0:ce0]) < 2:
        return None
    return Attribution(source=Span.of(text, *src), cue=cue, content=Span.of(text, cs0, ce0), how="pattern",
                       channel=channel)


def _clause_start(sent: _Sentence, cs: int) -> int:
    left = sent.text[sent.s:cs].rstrip(" ,")
    breaks = list(_BREAK.finditer(left))
    return sent.s + breaks[-1].end() if breaks else sent.s


def _anaphoric(sent: _Sentence, cs: int) -> bool:
    """Whether the words before the verb in its clause only point back to the previous
    sentence ("Об этом", "Про це", "Darüber")."""
    pattern = sent.lex.anaphora
    before = sent.text[_clause_start(sent, cs):cs].strip(_TRAIL)
    if pattern is None or not before:
        return False
    m = pattern.match(before)
    if m is None:
        return False
    rest = before[m.end():]
    if sent.morph is None:
        return not rest.strip()
    return sent.morph.subject_span(rest, 0, len(rest), is_time=sent.is_time) is None


def _speaker_after_verb(sent: _Sentence, cue: Span, channel) -> Attribution | None:
    """The speaker follows the verb: "Об этом заявил Песков" (the content is the previous
    sentence), "О кризисе говорит мэр Варшавы" (the content is what stands before the
    verb), or no one does and a plural verb speaks for where it is said: "В Кремле заявили,
    что …" (the content follows)."""
    text = sent.text
    clause = _clause_start(sent, cue.start)
    src = _source_after(sent, cue.end)
    if src is not None:
        if _anaphoric(sent, cue.start):
            if sent.previous is None:
                return None
            cs0, ce0 = _strip(text, *sent.previous)
            how = "pattern-anaphora"
        else:
            cs0, ce0 = _strip(text, clause, cue.start)
            how = "pattern-inverted"
        if ce0 - cs0 < 5:
            return None
        return Attribution(source=Span.of(text, *src), cue=cue, content=Span.of(text, cs0, ce0), how=how,
                           channel=channel)
    src = _placed_speaker(sent, cue.start, cue.end, clause, cue.start)
    if src is None:
        return None
    lead = _LEAD.match(text, cue.end)
    cs0, ce0 = _strip(text, lead.end() if lead else cue.end, sent.e)
    if ce0 - cs0 < 5 or _words(text[cs0:ce0]) < 2:
        return None
    return Attribution(source=Span.of(text, *src), cue=cue, content=Span.of(text, cs0, ce0), how="pattern-placed",
                       channel=channel)


def _placed_speaker(sent: _Sentence, cs: int, ce: int, s: int, e: int) -> tuple[int, int] | None:
    """The object of the prepositional phrase that is all of ``text[s:e]`` (first words
    only, after the verb), as the speaker of a plural verb with no subject: "В Кремле
    заявили", "вважають у Міжнародному валютному фонді"."""
    morph = sent.morph
    if morph is None or not morph.plural(sent.text[cs:ce]):
        return None
    text = sent.text
    if s == ce:  # after the verb: up to the next break
        stop = re.search(r"[,.;:!?(]|\s[—–-]\s", text[s:e])
        e = s + (stop.start() if stop else e - s)
    start, end = _strip(text, s, e)
    return morph.phrase_object(text, start, end)


def _as_clauses(sent: _Sentence) -> list[Attribution]:
    """"…, wie die Agentur meldete", "…, как заявил Песков", "Як повідомив Генштаб, …": a
    clause opened by the lexicon's ``as_clause`` word holds a reporting verb and its
    speaker; the content is the rest of the sentence."""
    text, lex, s, e = sent.text, sent.lex, sent.s, sent.e
    if lex.as_clause is None:
        return []
    out = []
    for m in lex.as_clause.finditer(text, s, e):
        stop = re.search(r"[,.;:!?]|\s[—–-]\s", text[m.end():e])
        clause_end = m.end() + (stop.start() if stop else e - m.end())
        forms = lex.find_forms(text, m.end(), clause_end)
        if not forms or _words(text[m.end():forms[0][0]]) > MAX_SOURCE_WORDS:
            continue
        cs, ce, cls = forms[0]
        if text[m.end():cs].strip():  # "wie die Agentur meldete": the speaker stands between
            src = _strip(text, m.end(), cs)
            if lex.lang == "de" and text[ce:clause_end].strip():
                continue  # a German "wie" clause ends with its verb
            src = _trim_source(sent, *src)
        else:  # "как заявил Песков": the speaker follows the verb
            src = _source_after(sent, ce)
        if src is None:
            continue
        before = text[s:m.start()].rstrip()
        if before.endswith(",") and _words(before) >= 3:
            cs0, ce0 = _strip(text, s, m.start())
        elif not before:
            cs0, ce0 = _strip(text, clause_end, e)
        else:
            continue
        if ce0 - cs0 < 5:
            continue
        a = Attribution(source=Span.of(text, *src), cue=Span.of(text, m.start(), ce), content=Span.of(text, cs0, ce0),
                        how="as-clause")
        a.cue_class = cls
        out.append(a)
    return out


def _trim_source(sent: _Sentence, start: int, end: int) -> tuple[int, int] | None:
    """A speaker that stands between "wie" / "как" and its verb, without what follows it:
    a second source ("unter Berufung auf …"), a date ("am Montag")."""
    text = sent.text
    inner = sent.lex.according.search(text, start, end)
    if inner is not None:
        end = inner.start()
    for t in timex.find_mentions(text[start:end], sent.lex.lang):
        end = min(end, start + t.start)
        lead = re.search(r"\s([^\W\d]{1,3})\s*$", text[start:end])  # the date's preposition: "am", "в"
        if lead and lead.group(1).islower():
            end = start + lead.start()
    start, end = _strip(text, start, end)
    if end <= start:
        return None
    if sent.morph is not None:
        return sent.morph.subject_span(text, start, end, is_time=sent.is_time)
    return sent.speakers(start, end) or (start, end)
def _according(sent: _Sentence) -> list[Attribution]:
    text, lex, s, e = sent.text, sent.lex, sent.s, sent.e
    out = []
    for m in lex.according.finditer(text, s, e):
        src = _source_after(sent, m.end(), subject=False)
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
                src = _source_after(sent, m.end(), subject=False)
                cs0, ce0 = _strip(text, s, m.start())
            else:  # "Peskow zufolge …": the source precedes
                src = _source_before(sent, m.start())
                cs0, ce0 = _strip(text, m.end(), e)
            if src is None or ce0 - cs0 < 5 or not text[src[0]].isupper():
                continue
            out.append(Attribution(source=Span.of(text, *src), cue=Span.of(text, m.start(), m.end()),
                                   content=Span.of(text, cs0, ce0), how="according"))
    return out
