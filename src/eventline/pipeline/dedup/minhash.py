"""MinHash signatures of character shingles, computed with numpy and fixed seeds.

The signature of a text is the same in every process and every run (no Python `hash()`), so
signatures stored by one run can be compared with those of the next.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from eventline.document import Document
from eventline.pipeline.dedup.normalise import normalise
from eventline.settings import Settings

SEED = 1
_PRIME = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)
_MULT = np.uint64(1000003)
_61 = np.uint64(61)
_ONE = np.uint64(1)


@lru_cache(maxsize=8)
def _permutations(count: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.RandomState(SEED)
    a = rng.randint(1, (1 << 61) - 1, size=count, dtype=np.uint64)
    b = rng.randint(0, (1 << 61) - 1, size=count, dtype=np.uint64)
    return a, b


def shingle_hashes(text: str, size: int) -> np.ndarray:
    """32-bit hashes of the distinct `size`-character shingles of `text` (already normalised)."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)
    if codes.size == 0:
        return np.empty(0, dtype=np.uint64)
    size = min(size, codes.size)
    count = codes.size - size + 1
    with np.errstate(over="ignore"):
        h = np.zeros(count, dtype=np.uint64)
        for j in range(size):
            h = h * _MULT + codes[j:j + count]
        # splitmix64 finaliser: spread the polynomial hash over all bits before truncating
        h ^= h >> np.uint64(30)
        h *= np.uint64(0xBF58476D1CE4E5B9)
        h ^= h >> np.uint64(27)
        h *= np.uint64(0x94D049BB133111EB)
        h ^= h >> np.uint64(31)
    return np.unique(h & _MAX_HASH)


def fingerprint(text: str, settings: Settings | None = None) -> list[int]:
    """MinHash signature of the normalised text's character shingles; [] for a text with no words."""
    settings = settings or Settings()
    hashes = shingle_hashes(normalise(text), settings.shingle_size)
    if hashes.size == 0:
        return []
    a, b = _permutations(settings.minhash_permutations)
    # ((h * a + b) mod 2**64) % P & MAX, with the modulo by the Mersenne prime P = 2**61 - 1 done
    # as a shift-and-add (x ≡ (x & P) + (x >> 61) mod P, a sum that is at most P + 7) instead of
    # a 64-bit division per element; bit-identical to the straightforward form.
    with np.errstate(over="ignore"):
        x = np.multiply.outer(hashes, a)
        x += b
        high = x >> _61
        x &= _PRIME
        x += high
        over = x >= _PRIME
        if over.any():
            # x - P keeps the same low 32 bits as x + 1, since P + 1 = 2**61
            x[over] += _ONE
        x &= _MAX_HASH
    return x.min(axis=0).tolist()


def estimated_jaccard(first: list[int], second: list[int]) -> float:
    """Share of equal signature slots: the MinHash estimate of the two shingle sets' Jaccard index."""
    if not first or len(first) != len(second):
        return 0.0
    return float(np.count_nonzero(np.asarray(first) == np.asarray(second))) / len(first)


class FingerprintStage:
    """Sets `doc.fingerprint` from the cleaned text (None when the text is empty)."""

    name = "fingerprint"

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    def __call__(self, doc: Document) -> Document:
        signature = fingerprint(doc.text, self.settings) if doc.text else []
        doc.fingerprint = signature or None
        return doc
