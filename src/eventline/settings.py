"""One settings object: defaults live here, values are validated once, errors list what is allowed."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from typing import Any

from eventline.errors import SettingsError


@dataclass(frozen=True, slots=True)
class Settings:
    db: str = "eventline.db"
    #: a single input larger than this is skipped with a reason (bytes)
    max_document_bytes: int = 10 * 1024 * 1024
    #: worker processes for the local executor; 0 means one per core
    workers: int = 0
    #: documents per task sent to a worker
    chunk_size: int = 16
    #: executor: "local" (processes on this machine) or "ray"
    executor: str = "local"
    #: MinHash: permutations, shingle size (characters), and Jaccard threshold for near-duplicates
    minhash_permutations: int = 128
    shingle_size: int = 5
    duplicate_threshold: float = 0.7
    #: extra knowledge-base files (JSONL) loaded on top of the bundled one, os.pathsep-separated
    kb_paths: str = ""

    def validate(self) -> "Settings":
        if self.executor not in ("local", "ray"):
            raise SettingsError(f"executor must be one of: local, ray (got {self.executor!r})")
        if self.max_document_bytes <= 0:
            raise SettingsError("max_document_bytes must be a positive number of bytes")
        if self.workers < 0:
            raise SettingsError("workers must be 0 (one per core) or a positive number")
        if not 0.0 < self.duplicate_threshold <= 1.0:
            raise SettingsError("duplicate_threshold must be in (0, 1]")
        if self.shingle_size < 1 or self.minhash_permutations < 16:
            raise SettingsError("shingle_size must be >= 1 and minhash_permutations >= 16")
        return self

    def with_(self, **changes: Any) -> "Settings":
        """A copy with the given changes, validated; unknown names are an error that lists the known ones."""
        known = {f.name for f in fields(self)}
        unknown = set(changes) - known
        if unknown:
            raise SettingsError(f"unknown setting(s) {sorted(unknown)}; known: {sorted(known)}")
        return replace(self, **{k: v for k, v in changes.items() if v is not None}).validate()


def from_env() -> Settings:
    """Defaults, overridden by EVENTLINE_<NAME> environment variables."""
    changes: dict[str, Any] = {}
    for f in fields(Settings):
        raw = os.environ.get(f"EVENTLINE_{f.name.upper()}")
        if raw is None:
            continue
        try:
            changes[f.name] = type(getattr(Settings(), f.name))(raw)
        except ValueError as exc:
            raise SettingsError(f"EVENTLINE_{f.name.upper()}={raw!r}: {exc}") from exc
    return Settings().with_(**changes)
