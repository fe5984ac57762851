"""Cross-document duplicates: exact copies, near-copies and reposts, found with MinHash LSH."""

from __future__ import annotations

import numpy as np
from datasketch import LeanMinHash, MinHashLSH

from eventline.document import Document
from eventline.pipeline.dedup.minhash import SEED, estimated_jaccard, fingerprint
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
        # the index may be looser than it (datasketch cannot band for thresholds near 1.0)
        self._lsh = MinHashLSH(
            threshold=min(self.settings.duplicate_threshold, 0.9), num_perm=self.settings.minhash_permutations
        )
        self._order: dict[str, int] = {}
        self._signatures: dict[str, list[int]] = {}

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._order

    def add(self, doc_id: str, fingerprint: list[int] | None) -> None:
        """Index a document; adding an id twice, or an empty fingerprint, does nothing."""
        if doc_id in self._order or not fingerprint:
            return
        if len(fingerprint) != self.settings.minhash_permutations:
            return  # made with other settings: it cannot be compared
        self._lsh.insert(doc_id, _lean(fingerprint))
        self._order[doc_id] = len(self._order)
        self._signatures[doc_id] = list(fingerprint)

    def check(self, doc: Document) -> str | None:
        """Id of the earliest added original that `doc` duplicates, or None."""
        signature = doc.fingerprint
        if signature is None and doc.text:
            signature = fingerprint(doc.text, self.settings)
        if not signature or len(signature) != self.settings.minhash_permutations:
            return None
        best: str | None = None
        for candidate in self._lsh.query(_lean(signature)):
            if candidate == doc.id:
                continue
            if estimated_jaccard(signature, self._signatures[candidate]) < self.settings.duplicate_threshold:
                continue
            if best is None or self._order[candidate] < self._order[best]:
                best = candidate
        return best


def _lean(signature: list[int]) -> LeanMinHash:
    return LeanMinHash(seed=SEED, hashvalues=np.asarray(signature, dtype=np.uint64), scheme="legacy")
