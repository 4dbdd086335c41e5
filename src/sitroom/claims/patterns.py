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
_QUOTE_OPENERS = "„“\"«»"  # marks that open a quote (not an apostrophe: "O'Brien")


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


def _first_word(text: str) -> str:
    m = re.match(r"\s*([^\W\d_][\w-]*)", text)
    return m.group(1).lower() if m else ""


def _capitalised_speaker(sent: "_Sentence", start: int, end: int) -> tuple[int, int] | None:
    """The speaker inside ``text[start:end]`` in a language whose nouns are capitalised
    (German): the lexicon's adverbs, subordinators and auxiliaries before it are cut
    ("jedoch haben die USA", "dass die USA", "denn auch Edi Rama"), a pronoun is the speaker
    alone, and the noun phrase ends at the first lower-case word after a noun that is not
    an article, unless an article has opened a genitive ("der Chef der russischen Armee |
    am Montag", "die USA | klar"). A prepositional phrase is no speaker ("Am Montag"),
    unless its preposition names where the words come from (``source_prepositions``: "Aus
    dem Kreml hieß es")."""
    lex, text = sent.lex, sent.text
    skip = lex.adverbs | lex.subordinators | lex.auxiliaries
    words = [(start + m.start(), start + m.end()) for m in re.finditer(r"[^\s,;:]+", text[start:end])]
    while words and text[slice(*words[0])].lower() in skip:
        words.pop(0)
    if not words:
        return None
    first = text[slice(*words[0])]
    if first.lower() in lex.pronouns:
        return words[0]
    if first.lower() in lex.source_prepositions and len(words) > 1:
        words.pop(0)  # "Aus dem Kreml hieß es": the Kremlin
    elif first.lower() in lex.fronted_prepositions:
        return None
    links = lex.determiners | lex.source_prepositions
    last, noun, genitive = None, False, False
    for a, b in words:
        word = text[a:b]
        if word.lower() in links:
            genitive = noun
        elif word[:1].isupper() or word[:1].isdigit():
            noun, genitive = True, False
        elif noun and not genitive:
            break
        last = (a, b) if word.lower() not in links else last
    kept = [text[a:b] for a, b in words if a <= last[0]] if last is not None else []
    if not any(w[:1].isupper() or w[:1].isdigit() for w in kept):
        return None  # "erklärt warum": no noun, no speaker
    return _strip(text, words[0][0], last[1])


def _past_middle_field(sent: "_Sentence", start: int, end: int) -> int:
    """Where what was said starts, in a language whose verb comes second: past the words
    between the verb and a comma when they only say when and how ("sagte am Montag, …",
    "kündigte zuletzt an, …", "erklärt hätten, …", "glaubt nicht, …")."""
    text, lex = sent.text, sent.lex
    comma = re.search(r"[,:]", text[start:end])
    if comma is None:
        return start
    between = sent.without_times(text[start:start + comma.start()])
    allowed = lex.adverbs | lex.particles | lex.auxiliaries | lex.fronted_prepositions | lex.determiners | lex.time_nouns
    if any(w.lower() not in allowed and not lex.negations.fullmatch(w) for w in re.findall(r"\S+", between)):
        return start
    lead = _LEAD.match(text, start + comma.end())
    return lead.end() if lead else start + comma.end()


def _only_when(sent: "_Sentence", stretch: str) -> bool:
    """``stretch`` only says when or how: adverbs and time expressions ("Zudem", "Dann
    wieder", "Letzte Woche")."""
    stretch = sent.without_times(stretch)
    allowed = sent.lex.adverbs | sent.lex.fronted_prepositions | sent.lex.determiners | sent.lex.time_nouns
    return all(w.lower() in allowed for w in re.findall(r"[^\W\d_]+", stretch))


def _attributive(sent: "_Sentence", cs: int, ce: int) -> bool:
    """A verb form between an article inside the sentence and a noun that names no one is
    a participle used as an adjective: "zu dem erklärten Ziel", "die gemeldeten Verluste"."""
    before = re.search(r"(\S+)\s+$", sent.text[sent.s:cs])
    after = re.match(r"\s+(\S)", sent.text[ce:sent.e])
    if before is None or after is None or before.group(1) not in sent.lex.determiners or not after.group(1).isupper():
        return False
    noun = ce + after.start(1)
    return not any(a <= noun < b for a, b in sent.names)


def _opens_a_statement(sent: "_Sentence", start: int) -> bool:
    """What follows a verb-final clause is what was said when it opens like a statement (a
    capital, an article, a pronoun, "dass", a quote), not with the main clause's own verb
    ("Als die EU ihr Embargo verkündete, | stieg der Preis")."""
    word = re.match(r"\s*(\S+)", sent.text[start:sent.e])
    if word is None:
        return False
    w = word.group(1)
    lex = sent.lex
    return w[:1].isupper() or w[:1] in _QUOTE_OPENERS or w.lower() in lex.determiners | lex.pronouns | lex.complementizers


def _perfect_anaphora(sent: "_Sentence", cs: int) -> tuple[int, int] | None:
    """The speaker of a participle after an anaphora and an auxiliary: "Darüber hat der
    Spiegel berichtet", "Das hatte Peskow gesagt" (the content is the previous sentence)."""
    lex, text = sent.lex, sent.text
    if lex.anaphora is None or not lex.auxiliaries or sent.morph is not None:
        return None
    clause = _clause_start(sent, cs)
    m = lex.anaphora.match(text, clause, cs)
    if m is None:
        return None
    aux = re.match(r"\s+(\S+)", text[m.end():cs])
    if aux is None or aux.group(1).lower() not in lex.auxiliaries:
        return None
    return _capitalised_speaker(sent, m.end() + aux.end(), cs)


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

    def without_times(self, stretch: str) -> str:
        """``stretch`` with its time expressions blanked out (same length)."""
        for t in timex.find_mentions(stretch, self.lex.lang):
            stretch = stretch[:t.start] + " " * (t.end - t.start) + stretch[t.end:]
        return stretch

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
    left = text[s:cue].rstrip(" ,")
    if sent.morph is None:
        # "Annalena Baerbock (Grüne) warnte", "Daniel (35) aus Salzwedel meint": an aside on
        # the speaker breaks no clause (where the case of each word is known, the subject is
        # read with its aside: "в … (УВКБ) сообщили")
        if left.endswith(")") and "(" in left:
            left = left[:left.rindex("(")].rstrip(" ,")
            cue = s + len(left)
        left = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), left)
    left += " "  # the space lets a last "и" break the clause
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
    return _speaker_words(sent, start, end, last=sent.morph is None)


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
    return _speaker_words(sent, start, end, last=False)


def _speaker_words(sent: _Sentence, start: int, end: int, last: bool) -> tuple[int, int] | None:
    """``text[start:end]`` as a speaker: cut to its noun phrase where nouns are capitalised,
    and, when still longer than a speaker, the (``last`` or first) entity mention in it."""
    if sent.morph is None and sent.lex.adverbs:
        span = _capitalised_speaker(sent, start, end)
        if span is None:
            return None
        start, end = span
    if _words(sent.text[start:end]) > MAX_SOURCE_WORDS:
        return _mention_in(sent.mentions, start, end, last=last)
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
        for cs, ce, _cls in lex.find_forms(text, s, e):
            if any(a <= cs and ce <= b for a, b in taken):
                continue  # the verb of an "as" clause already read
            cls = _cls
            if lex.separable:  # "wies … zurück", "kündigte … an"
                stop = re.search(r"[,.;:!?()„“\"«»]|\s(?:" + "|".join(map(re.escape, lex.complementizers)) + r")\s",
                                 text[ce:e]) if lex.complementizers else None
                particle = lex.particle_class(text[cs:ce], text[ce:ce + stop.start()] if stop else text[ce:e])
                if particle == "":
                    continue
                cls = particle or cls
            a = _verb(sent, cs, ce)
            if a is not None:
                a.cue_class = cls
                found.append(a)
        question = text[s:e].rstrip(") ").endswith("?")  # a question in a quote that ends it is the quote's
        # "Was sagte er wirklich?", "Hat Moskau bestätigt, dass …?": a question claims nothing,
        # unless what was said is quoted ("„Wer hat das befohlen?“, fragte Peskow")
        out.extend(a for a in found if not question or text[a.content.start] in _QUOTE_OPENERS + "”")
    return out


def _verb(sent: _Sentence, cs: int, ce: int) -> Attribution | None:
    text, lex, s, e = sent.text, sent.lex, sent.s, sent.e
    cue = Span.of(text, cs, ce)
    left = text[s:cs].rstrip()
    channel = lex.channel(text[s:e])
    channel = channel[0] if channel else None
    if lex.adverbs and _attributive(sent, cs, ce):
        return None  # "zu dem erklärten Ziel": a participle before its noun
    postposed = left and left[-1] in ",—–-»“”\"" and _words(left) >= 3
    if postposed and (sent.morph is not None or not _NOT_A_SPEAKER.match(text[ce:e])
                      or _first_word(text[ce:e]) in lex.source_prepositions):  # "…, hieß es von Beobachtern"
        src = _source_after(sent, ce, tag=True) or _placed_speaker(sent, cs, ce, ce, e)
        cs0, ce0 = _strip(text, s, s + len(text[s:cs].rstrip()))
        if src is None or ce0 - cs0 < 5:
            return None
        return Attribution(source=Span.of(text, *src), cue=cue, content=Span.of(text, cs0, ce0), how="pattern-postposed",
                           channel=channel)
    if _anaphoric(sent, cs):  # "Darüber berichtete der Spiegel", "Об этом заявил Песков"
        return _speaker_after_verb(sent, cue, channel)
    if lex.adverbs and (not left or _first_word(left) in lex.fronted_prepositions or _only_when(sent, left)):
        # verb second: "Am Montag sagte Peskow, …", "Zudem sagte Peskow, …" ("Auch Peskow
        # sagte, …" has its speaker before the verb)
        src = _source_after(sent, ce)
        if src is not None:
            comma = text.find(",", src[1], e)
            body_start = comma + 1 if comma >= 0 else src[1]
            lead = _LEAD.match(text, body_start)
            cs0, ce0 = _strip(text, lead.end() if lead else body_start, e)
            if ce0 - cs0 < 5:
                return None
            return Attribution(source=Span.of(text, *src), cue=cue, content=Span.of(text, cs0, ce0),
                               how="pattern-inverted", channel=channel)
    if (perfect := _perfect_anaphora(sent, cs)) is not None:  # "Darüber hat der Spiegel berichtet"
        if sent.previous is None:
            return None
        return Attribution(source=Span.of(text, *perfect), cue=cue, content=Span.of(text, *_strip(text, *sent.previous)),
                           how="pattern-anaphora", channel=channel)
    src = _source_before(sent, cs)
    if src is None and sent.morph is not None:
        return _speaker_after_verb(sent, cue, channel)
    lead = _LEAD.match(text, ce)
    start = lead.end() if lead else ce
    if lex.adverbs:
        start = _past_middle_field(sent, start, e)
        if src is not None and _first_word(text[_clause_start(sent, cs):src[0]]) in lex.subordinators \
                and not _opens_a_statement(sent, start):
            return None  # "Als die EU ihr Embargo verkündete, stieg der Preis": the main clause is no statement
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
    if sent.lex.adverbs:
        span = _capitalised_speaker(sent, start, end)
        if span is None:
            return None
        start, end = span
    return sent.speakers(start, end) or (start, end)
def _according(sent: _Sentence) -> list[Attribution]:
    text, lex, s, e = sent.text, sent.lex, sent.s, sent.e
    out = []
    for m in lex.according.finditer(text, s, e):
        src = _source_after(sent, m.end(), subject=False)
        if src is not None and lex.adverbs and (mark := next((i for i in range(*src) if text[i] in _QUOTE_OPENERS), None)):
            src = _capitalised_speaker(sent, src[0], mark)  # "laut dem „Russland …“": the quote is what is said
        if src is None:
            continue
        if m.start() - s > 10 and text[s:m.start()].rstrip().endswith(","):
            cs0, ce0 = _strip(text, s, m.start())  # "…, по словам Пескова."
        elif lex.adverbs and text[s:m.start()].strip() and not re.search(r"[,;:]", text[s:m.start()]):
            # "Putin sei laut Kreml-Insidern bereit zu …": the whole sentence is what they say
            cs0, ce0 = _strip(text, s, e)
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
                if src is not None and (mark := next((i for i in range(*src) if text[i] in _QUOTE_OPENERS), None)):
                    src = _strip(text, src[0], mark)  # "so Biden „eine massive …“": the quote is not his name
                cs0, ce0 = _strip(text, s, m.start())
            else:  # "Peskow zufolge …": the source precedes
                src = _source_before(sent, m.start())
                cs0, ce0 = _strip(text, m.end(), e)
            if src is None or ce0 - cs0 < 5 or not text[src[0]].isupper():
                continue
            out.append(Attribution(source=Span.of(text, *src), cue=Span.of(text, m.start(), m.end()),
                                   content=Span.of(text, cs0, ce0), how="according"))
    return out
