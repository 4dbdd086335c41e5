"""What the claims stage finds: attributions, the quantities inside them, and claims.

Offsets are Python string indices into the text handed to the extractor (the document's
cleaned ``text`` in the pipeline); ``end`` is exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

STANCES = ("asserted", "denied", "unconfirmed", "hedged")
SOURCE_KINDS = ("person", "official", "media", "anonymous", "group", "author")


@dataclass(frozen=True)
class Span:
    """``text`` is the text from ``start`` to ``end``, except for a quote its speaker tag
    interrupts, where it is the quoted pieces joined without the tag."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Span":
        return cls(start, end, text[start:end])


@dataclass
class Attribution:
    """One attributed statement: who (``source``, None when the text leaves it out), the
    reporting expression (``cue``) and what was said (``content``)."""

    source: Span | None
    cue: Span
    content: Span
    quote: bool = False  # the content is (or holds) a direct quote
    how: str = ""  # which rule found it: "dep", "quote", "according", "pattern", ...
    channel: str | None = None  # "X", "Telegram" ... when said on social media
    sentence: Span | None = None  # the evidence: the sentence(s) holding cue and content
    cue_class: str = "report"  # report | belief | deny | confirm | refuse (see claims.cues)
    negated: bool = False  # the cue is negated ("has not confirmed", "не подтвердил")
    nested: bool = False  # the cue stands inside someone's quoted words: a report within a report
    relative: Span | None = None  # "who" in "Zelensky, who said …", when ``source`` is what it stands for
    confidence: float | None = None  # P(attribution) from the language's cue model, when it has one
    past: bool = False  # the cue is in a past tense (parsed languages): "a déclaré", "expliquait"
    plural: bool = False  # the speaker is plural by grammar ("Critics say", "Les Russes affirment", "заявили")
    features: tuple[str, ...] = field(default=(), repr=False, compare=False)  # what the model scored


@dataclass
class Quantity:
    """A number in a text with what it counts.

    ``measure`` names what is counted (``area``, ``localities``, ``captured``, ``killed``,
    ``injured``, ``percent_territory``, ``distance``, ``troops``, ``soldiers``, ``civilians``,
    ``count``); ``unit`` is the normalised unit (``km2``, ``km``, ``percent``, ``people``,
    ``localities``, ...); ``approx`` is True for "about", "nearly", "около"; ``qualifier``
    is one of ``at_least``, ``more_than``, ``nearly``, ``about``, ``up_to``, ``less_than``
    or None. ``of_entity_id`` is, for a share of territory, the place it is a share of,
    when the text names it right after the figure.
    """

    value: float
    unit: str | None
    measure: str | None
    approx: bool
    qualifier: str | None
    start: int
    end: int
    text: str
    of_entity_id: str | None = None  # for a share, the place it is a share of ("20 percent of Ukraine")

    def as_dict(self) -> dict[str, Any]:
        v = int(self.value) if float(self.value).is_integer() else self.value
        out = {"value": v, "unit": self.unit, "measure": self.measure, "approx": self.approx,
               "qualifier": self.qualifier, "text": self.text, "start": self.start, "end": self.end}
        if self.of_entity_id:
            out["of_entity_id"] = self.of_entity_id
        return out


@dataclass
class Claim:
    """An attribution placed in its document, with stance, dates, side and numbers."""

    id: str
    doc_id: str
    start: int  # evidence span (the sentence)
    end: int
    source_text: str | None
    source_start: int | None
    source_end: int | None
    source_entity_id: str | None
    source_kind: str
    side: str | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    content: str
    content_start: int
    content_end: int
    quote: bool
    stance: str
    said_on: str | None
    refers_to: str | None
    quantities: list[Quantity] = field(default_factory=list)
    entity_ids: list[str] = field(default_factory=list)
    channel: str | None = None
    how: str = ""
    event_types: list[str] = field(default_factory=list)
