"""MinHash signatures of character shingles, computed with numpy and fixed seeds.

One-permutation hashing with densification (Li, Owen & Zhang 2012; Shrivastava 2017): every
shingle is hashed once, its hash picks one of the signature's slots and the smallest hash per slot
is kept; a slot no shingle fell into borrows the value of a non-empty slot chosen by a fixed
sequence of probes. Two signatures agree in a slot about as often as their shingle sets' Jaccard
index, as with one permutation per slot, for the cost of a single hash per shingle.

The signature of a text is the same in every process and every run (no Python `hash()`), so
signatures stored by one run can be compared with those of the next. Each value carries the
scheme number in its high 32 bits, so that the dedup index can refuse signatures made by an
earlier scheme (stores written before version 2 held plain 32-bit MinHash values).
"""

from __future__ import annotations

import numpy as np

from eventline.document import Document
from eventline.pipeline.dedup.normalise import normalise
from eventline.settings import Settings

#: The signature scheme: 1 was k independent permutations (values < 2**32), 2 is the one below.
SCHEME = 2
_TAG = np.uint64(SCHEME << 32)
_LOW = np.uint64((1 << 32) - 1)
_MULT = np.uint64(1000003)
_EMPTY = np.uint64(1 << 32)  # above every 32-bit value: marks a slot no shingle fell into
#: random probes per empty slot before the fallback to the next filled slot
_PROBES = 8


def _mix(h: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: spreads a 64-bit value over all bits (in place, and returned)."""
    with np.errstate(over="ignore"):
        h ^= h >> np.uint64(30)
        h *= np.uint64(0xBF58476D1CE4E5B9)
        h ^= h >> np.uint64(27)
        h *= np.uint64(0x94D049BB133111EB)
        h ^= h >> np.uint64(31)
    return h


def shingle_hashes(text: str, size: int) -> np.ndarray:
    """64-bit hashes of the `size`-character shingles of `text` (already normalised), one per
    position: repeated shingles give equal hashes, which a minimum does not mind."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)
    if codes.size == 0:
        return np.empty(0, dtype=np.uint64)
    size = min(size, codes.size)
    count = codes.size - size + 1
    with np.errstate(over="ignore"):
        h = np.zeros(count, dtype=np.uint64)
        for j in range(size):
            h = h * _MULT + codes[j:j + count]
    return _mix(h)


def fingerprint(text: str, settings: Settings | None = None) -> list[int]:
    """MinHash signature of the normalised text's character shingles; [] for a text with no words."""
    settings = settings or Settings()
    hashes = shingle_hashes(normalise(text), settings.shingle_size)
    if hashes.size == 0:
        return []
    slots = settings.minhash_permutations
    signature = np.full(slots, _EMPTY, dtype=np.uint64)
    np.minimum.at(signature, (hashes >> np.uint64(32)) % np.uint64(slots), hashes & _LOW)
    _densify(signature)
    return (signature | _TAG).tolist()


def _densify(signature: np.ndarray) -> None:
    """Fill every empty slot with the value of a slot a shingle fell into: probed in a fixed
    pseudo-random order per (slot, attempt), so that two texts with the same filled slots borrow
    alike; after a few misses (a very short text), from the next filled slot to the right."""
    filled = signature != _EMPTY
    empty = np.flatnonzero(~filled)
    slots = np.uint64(signature.size)
    for attempt in range(_PROBES):
        if not empty.size:
            return
        probe = _mix((empty.astype(np.uint64) << np.uint64(32)) + np.uint64(attempt)) % slots
        hit = filled[probe]
        signature[empty[hit]] = signature[probe[hit]]
        empty = empty[~hit]
    if empty.size:
        sources = np.flatnonzero(filled)
        signature[empty] = signature[sources[np.searchsorted(sources, empty) % sources.size]]


def estimated_jaccard(first: list[int], second: list[int]) -> float:
    """Share of equal signature slots: the MinHash estimate of the two shingle sets' Jaccard index."""
    if not first or len(first) != len(second):
        return 0.0
    return float(np.count_nonzero(np.asarray(first) == np.asarray(second))) / len(first)


def current_scheme(signature: list[int]) -> bool:
    """True when `signature` was made by this module's scheme (stored ones may be older)."""
    return bool(signature) and signature[0] >> 32 == SCHEME


class FingerprintStage:
    """Sets `doc.fingerprint` from the cleaned text (None when the text is empty)."""

    name = "fingerprint"

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    def __call__(self, doc: Document) -> Document:
        signature = fingerprint(doc.text, self.settings) if doc.text else []
        doc.fingerprint = signature or None
        return doc
