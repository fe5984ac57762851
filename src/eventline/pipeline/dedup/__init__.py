"""Pipeline stage: dedup. MinHash fingerprints of the cleaned text, and an LSH index that finds the
original of each exact copy, near-copy or repost (also across simplified/traditional Chinese)."""

from eventline.pipeline.dedup.dedup import Deduplicator
from eventline.pipeline.dedup.minhash import FingerprintStage, estimated_jaccard, fingerprint
from eventline.pipeline.dedup.normalise import normalise

__all__ = ["Deduplicator", "FingerprintStage", "estimated_jaccard", "fingerprint", "normalise"]
