"""Cross-document duplicates: exact copies, near-copies and reposts, found with MinHash LSH."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from eventline.document import Document
from eventline.pipeline.dedup.minhash import current_scheme, fingerprint
from eventline.settings import Settings


class Deduplicator:
    """An index of the documents seen so far (this run, and earlier runs re-added by the store).

    `check(doc)` names the earliest added document whose estimated Jaccard similarity with `doc`
    reaches `settings.duplicate_threshold`: LSH proposes candidates, every candidate's full
    signature is compared before it is accepted.
    """

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        # LSH only proposes candidates; every candidate is verified against the real threshold, so
        # the index may be looser than it (banding cannot separate thresholds near 1.0)
        self._lsh = BandIndex(min(self.settings.duplicate_threshold, 0.9), self.settings.minhash_permutations)
        self._order: dict[str, int] = {}
        self._signatures: dict[str, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._order

    def add(self, doc_id: str, fingerprint: list[int] | None) -> None:
        """Index a document; adding an id twice, or an empty fingerprint, does nothing."""
        if doc_id in self._order or not fingerprint:
            return
        if len(fingerprint) != self.settings.minhash_permutations or not current_scheme(fingerprint):
            return  # made with other settings or an earlier scheme (an old store): not comparable
        signature = np.asarray(fingerprint, dtype=np.uint64)
        self._lsh.insert(doc_id, signature)
        self._order[doc_id] = len(self._order)
        self._signatures[doc_id] = signature

    def check(self, doc: Document) -> str | None:
        """Id of the earliest added original that `doc` duplicates, or None."""
        signature = doc.fingerprint
        if signature is None and doc.text:
            signature = fingerprint(doc.text, self.settings)
        if not signature or len(signature) != self.settings.minhash_permutations:
            return None
        if not current_scheme(signature):
            return None
        values = np.asarray(signature, dtype=np.uint64)
        threshold = self.settings.duplicate_threshold
        best: str | None = None
        for candidate in self._lsh.query(values):
            if candidate == doc.id:
                continue
            # the estimated Jaccard index (see minhash.estimated_jaccard), on arrays already built
            if np.count_nonzero(values == self._signatures[candidate]) / len(values) < threshold:
                continue
            if best is None or self._order[candidate] < self._order[best]:
                best = candidate
        return best


class BandIndex:
    """MinHash LSH: signatures cut into `b` bands of `r` values; two documents are candidates when
    any band is equal. (b, r) minimise the equally weighted chances of a false positive below the
    threshold and a false negative above it (the classic choice, as in datasketch's MinHashLSH)."""

    def __init__(self, threshold: float, num_perm: int) -> None:
        self.b, self.r = optimal_bands(threshold, num_perm)
        self._tables: list[dict[bytes, list[str]]] = [{} for _ in range(self.b)]

    def _keys(self, signature: np.ndarray) -> list[bytes]:
        r = self.r
        raw = signature.tobytes()
        width = 8 * r
        return [raw[i * width:(i + 1) * width] for i in range(self.b)]

    def insert(self, key: str, signature: np.ndarray) -> None:
        for band, table in zip(self._keys(signature), self._tables):
            table.setdefault(band, []).append(key)

    def query(self, signature: np.ndarray) -> set[str]:
        found: set[str] = set()
        for band, table in zip(self._keys(signature), self._tables):
            keys = table.get(band)
            if keys:
                found.update(keys)
        return found


#: Gauss-Legendre nodes and weights on [-1, 1]; the integrands below are smooth polynomials in s
_NODES, _WEIGHTS = np.polynomial.legendre.leggauss(96)


@lru_cache(maxsize=32)
def optimal_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) minimising (false positive area + false negative area) / 2.

    The false positive area is the integral over s in [0, threshold] of the chance that two sets of
    Jaccard index s share a band, 1 - (1 - s^r)^b; the false negative area that of the chance they
    share none, (1 - s^r)^b, over [threshold, 1].
    """
    below = (threshold / 2) * _NODES + threshold / 2
    above = ((1 - threshold) / 2) * _NODES + (1 + threshold) / 2
    best, opt = float("inf"), (0, 0)
    for b in range(1, num_perm + 1):
        r = np.arange(1, num_perm // b + 1, dtype=float)
        fp = (threshold / 2) * (_WEIGHTS @ (1 - (1 - below[:, None] ** r) ** b))
        fn = ((1 - threshold) / 2) * (_WEIGHTS @ ((1 - above[:, None] ** r) ** b))
        error = fp * 0.5 + fn * 0.5
        i = int(np.argmin(error))  # the first of equal minima, as a loop over r keeps it
        if error[i] < best:
            best, opt = float(error[i]), (b, i + 1)
    if opt[0] < 2:
        raise ValueError(
            f"MinHash LSH needs at least 2 bands; threshold {threshold} with {num_perm} permutations gives "
            "one: lower the duplicate threshold or use more permutations"
        )
    return opt
