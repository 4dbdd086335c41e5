"""Which event types a stretch of text reports as having happened.

:func:`sitroom.events.typing.classify` says what kind of event a text is about, and it is
right to read "artillery", "sanctions" or "peace talks" as such evidence: in a report of an
event they tell its kind. But most sentences of a war article that name a weapon or a
development report no event: "the US will send long-range artillery", "sanctions imposed
on a new government", "to regain territory", "Russia could attack". An event report needs an
act stated as real. :func:`reported` keeps a type of ``classify`` when

- some trigger of its own is a real act ("rallied ... to protest" keeps the protest), or its
  (best) trigger is not made unreal by what stands next to it in its clause: a modal or a
  future before it ("could attack", "will send", "pourrait frapper", "может нанести"), an
  infinitive or a purpose ("to regain", "pour reprendre", "чтобы"), a plan, a fear or a
  condition ("plans to", "fears of", "if"), or a modal right after a noun ("talks could
  resume"). "May have captured" stays: it is a hedged report of something past, and the
  claim's stance says how sure it is;
- and, when its trigger names a thing (a ``means`` trigger), an act stated as real stands
  within ``NEAR_WORDS`` words of it: one of the lexicon's act verbs ("launched missiles",
  "missiles hit", "signed a truce", "imposed sanctions"; not "offered support to the
  government while pushing for sanctions"), or a trigger that is not a means; for a weapon
  (a means of one of the ``types.json`` ``arms`` subtypes), a trigger of an ``arms`` subtype
  ("shells killed two"; "nations agreed to send artillery" is an agreement, no shelling).

Types listed in ``types.json`` ``not_events`` (STATEMENT: the claim itself is the statement)
are never event reports. The words are data: the ``reports`` section of each language's
lexicon (``acts``, ``irrealis_before``, ``irrealis_after``, ``window``, ``participles``,
``attributive_before``, ``attributive_after``). ``irrealis_before`` patterns are searched in
the last ``window`` words before the trigger and ``irrealis_after`` in the first three after
it, both within the trigger's clause (cut at punctuation); ``$`` / ``^`` anchor a pattern next
to the trigger ("to$"). A trigger whose first word is one of the ``participles`` forms, with one of
``attributive_before`` in the two words before it or one of ``attributive_after`` in the
three after that word, is an adjective on its noun ("the occupied territories", "з
тимчасово окупованих територій", "жителям освобождённых районов"): a state, no act.
"""

from __future__ import annotations

import re
from functools import lru_cache

from sitroom.events.typing import EventType, Lexicon, act_spans, classify, languages, lexicon, types

CLAUSE_END = re.compile(r"[.;:!?,()\[\]–—]")  # not quote marks: "would “respond in kind” to a chemical attack"
QUESTION = re.compile(r"\?[\s\"'“”«»„‘’)]*$")
REACH = 160  # characters looked at on either side of a trigger
AFTER_WORDS = 3
NEAR_WORDS = 8  # how far from a named thing the act on it may stand
WORD = re.compile(r"\w+")


def not_events() -> frozenset[str]:
    return frozenset(types().get("not_events", ()))


def _before(text: str, lo: int, at: int, words: int) -> str:
    chunk = text[max(lo, at - REACH):at]
    cut = max((m.end() for m in CLAUSE_END.finditer(chunk)), default=0)
    return " ".join(chunk[cut:].split()[-words:])


def _after(text: str, at: int, hi: int) -> str:
    chunk = text[at:min(hi, at + REACH)]
    m = CLAUSE_END.search(chunk)
    return " ".join(chunk[:m.start() if m else len(chunk)].split()[:AFTER_WORDS])


def attributive(lex: Lexicon, text: str, start: int, s: int, e: int, end: int | None = None) -> bool:
    """Whether ``text[s:e]`` opens with a participle standing as an adjective before its noun
    ("the occupied territories", "Russian-occupied", "на окупованих землях", "in den
    besetzten Gebieten", "воссоединение освобождённых регионов"): it names a state, not an
    act that happened then. The words after it are looked at up to ``end``."""
    first = WORD.match(text, s, e)
    if first is None or not any(p.fullmatch(first.group()) for p in lex.participles):
        return False
    before = _before(text, start, s, 2)  # "Russian-" before "occupied" is a word of its own here
    if before and any(p.search(before) for p in lex.attributive_before):
        return True
    after = _after(text, first.end(), len(text) if end is None else end) if lex.attributive_after else ""
    return bool(after) and any(p.search(after) for p in lex.attributive_after)


def unreal(lex: Lexicon, text: str, start: int, end: int, s: int, e: int) -> bool:
    """Whether the words around ``text[s:e]`` make it no real act; the words looked at lie
    in ``text[start:end]``."""
    if lex.participles and attributive(lex, text, start, s, e, end):
        return True
    before = _before(text, start, s, lex.window)
    if before and any(p.search(before) for p in lex.irrealis_before):
        return True
    after = _after(text, e, end)
    return bool(after) and any(p.search(after) for p in lex.irrealis_after)


def reported(text: str, lang: str | None, start: int = 0, end: int | None = None,
             context: int | None = None) -> list[EventType]:
    """The types of :func:`classify` (best first) that ``text[start:end]`` reports as happened.
    ``context`` is where the words that may make an act unreal start, when they reach before
    the span: the sentence of a claim whose content is "the withdrawal of Russian troops" in
    "South Africa called for the withdrawal of Russian troops". A question reports nothing."""
    end = len(text) if end is None else min(end, len(text))
    skip = not_events()
    found = [t for t in classify(text, lang, start, end) if t.subtype not in skip]
    if not found or QUESTION.search(text, start, end):
        return []
    lo = start if context is None else min(context, start)
    lexes = [lexicon(code) for code in languages(text, lang, start, end)]
    acts = [(s, e, sub) for lex in lexes for s, e, sub in act_spans(lex, text, start, end)
            if sub not in skip and not unreal(lex, text, lo, end, s, e)]  # "said" makes nothing real

    def stands(t: EventType) -> bool:
        if any(sub == t.subtype for _s, _e, sub in acts):  # some trigger of its own is a real act
            return True
        if any(unreal(lex, text, lo, end, t.trigger_start, t.trigger_end) for lex in lexes):
            return False
        return not t.means or any(_near(text, t.trigger_start, t.trigger_end, s, e)
                                  for s, e, sub in acts if _kindred(sub, t.subtype))

    return [t for t in found if stands(t)]


def _kindred(act: str | None, means: str) -> bool:
    """Whether an act of subtype ``act`` (None: an act verb) makes a thing of subtype
    ``means`` named near it real: any act does, except that arms need an act of arms."""
    if act is None or act == means:
        return True
    arms = _arms()
    return means not in arms or act in arms


@lru_cache(maxsize=1)
def _arms() -> frozenset[str]:
    spec = types().get("arms", {})
    tops = set(spec.get("top_types", ()))
    return frozenset(sub for sub, top in types()["_top"].items() if top in tops) | frozenset(spec.get("subtypes", ()))


def _near(text: str, s1: int, e1: int, s2: int, e2: int) -> bool:
    """Whether two spans overlap or have at most ``NEAR_WORDS`` words between them."""
    if s2 < e1 and s1 < e2:
        return True
    lo, hi = (e1, s2) if e1 <= s2 else (e2, s1)
    return len(WORD.findall(text, lo, hi)) <= NEAR_WORDS
