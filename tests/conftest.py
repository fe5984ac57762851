"""Shared fixtures. The seeds live outside the repository (../shared/seeds); tests that need them skip cleanly."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest

# The knowledge-base cache of a test run stays in its own folder, not in the user's ~/.cache.
os.environ.setdefault("EVENTLINE_CACHE_DIR", tempfile.mkdtemp(prefix="eventline-test-cache-"))

REPO = Path(__file__).resolve().parents[1]
SEEDS = Path(os.environ.get("EVENTLINE_SEEDS", REPO.parent / "shared" / "seeds"))
EXAMPLES = REPO / "examples"
TEST_DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not (SEEDS / "gold.json").is_file():
        pytest.skip(f"seed pages not found at {SEEDS} (set EVENTLINE_SEEDS to run these tests)")
    return SEEDS


@pytest.fixture(scope="session")
def seeds_gold(seeds_dir: Path) -> dict:
    return json.loads((seeds_dir / "gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_texts(seeds_dir: Path) -> dict[str, str]:
    """Seed file name -> its text."""
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("0*.txt"))}


@pytest.fixture(scope="module")
def kb():
    """The bundled knowledge base (no user files), shared by the entity and KB tests."""
    from eventline.kb import KnowledgeBase

    return KnowledgeBase.bundled()


@pytest.fixture(scope="module")
def stage(kb):
    """The entity stage over the bundled knowledge base."""
    from eventline.pipeline.entities import EntityStage

    return EntityStage(kb)
