"""Exact and near-duplicate documents.

Exact: the SHA-256 of the normalised text (case, spacing and punctuation folded).
Near: MinHash over word shingles with an LSH index (datasketch); syndicated copies of one
wire story across outlets are grouped under one canonical document, the earliest
published (first ingested on ties). Signatures are stored, so the index is rebuilt from
the store when a new run starts instead of re-reading every text.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

STAGE = ("dedup", "1")
_TOKEN = re.compile(r"\w+", re.UNICODE)
SCHEME = "affine32"  # datasketch permutation scheme; stored signatures depend on it


def normalized_tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def content_hash(text: str) -> str:
    return hashlib.sha256(" ".join(normalized_tokens(text)).encode("utf-8")).hexdigest()


@dataclass
class Match:
    canonical: str
    similarity: float


class NearDuplicateIndex:
    def __init__(self, threshold: float = 0.6, num_perm: int = 128, shingle: int = 3) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle = shingle
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.signatures: dict[str, MinHash] = {}

    def signature(self, text: str) -> MinHash:
        tokens = normalized_tokens(text)
        k = self.shingle
        shingles = {" ".join(tokens[i : i + k]) for i in range(max(1, len(tokens) - k + 1))}
        m = MinHash(num_perm=self.num_perm, scheme=SCHEME)
        m.update_batch([s.encode("utf-8") for s in shingles])
        return m

    def query(self, sig: MinHash) -> list[Match]:
        out = []
        for key in self.lsh.query(sig):
            sim = sig.jaccard(self.signatures[key])
            if sim >= self.threshold:
                out.append(Match(key, round(float(sim), 3)))
        return sorted(out, key=lambda m: -m.similarity)

    def add(self, key: str, sig: MinHash) -> None:
        if key in self.signatures:
            return
        self.lsh.insert(key, sig)
        self.signatures[key] = sig

    # signatures are stored as uint32 arrays: the affine32 scheme's hash values fit in 32 bits
    def to_bytes(self, sig: MinHash) -> bytes:
        return sig.hashvalues.astype(np.uint32).tobytes()

    def from_bytes(self, data: bytes) -> MinHash:
        values = np.frombuffer(data, dtype=np.uint32).copy()
        return MinHash(num_perm=self.num_perm, hashvalues=values, scheme=SCHEME)
