"""Throughput of the entity stage: mentions/s and documents/s on the seed pages and the test set.

Loads the knowledge base once (reported separately: it is paid once per worker process), warms
the taggers up, then runs the stage over the documents for a few seconds on one core.
Run: python bench/bench_entities.py [--seconds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from eventline.document import Document
from eventline.kb import KnowledgeBase
from eventline.pipeline.entities import EntityStage
from eventline.pipeline.entities.lexicon import matcher_for

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(os.environ.get("EVENTLINE_SEEDS", ROOT.parent / "shared" / "seeds"))


def documents() -> list[tuple[str, str, str | None]]:
    """(text, language, date) for the seed pages (when present) and the entity test rows."""
    docs = []
    gold = SEEDS / "gold.json"
    if gold.is_file():
        for d in json.loads(gold.read_text(encoding="utf-8"))["documents"]:
            docs.append(((SEEDS / d["file"]).read_text(encoding="utf-8"), d["language"], d["publication_date"]))
    for line in (ROOT / "tests" / "data" / "entities" / "eval.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        docs.append((row["text"], row["lang"], row["date"]))
    return docs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seconds", type=float, default=3.0)
    args = ap.parse_args()
    t0 = time.perf_counter()
    kb = KnowledgeBase.default()
    t1 = time.perf_counter()
    matcher_for(kb)
    t2 = time.perf_counter()
    stage = EntityStage(kb)
    docs = documents()
    chars = sum(len(t) for t, _, _ in docs)
    for text, lang, date in docs:  # warm-up: taggers load lazily
        stage(Document(id="w", path="w", raw=text, text=text, language=lang, published=date))
    print(f"knowledge base: {len(kb)} entities, load {t1 - t0:.2f} s, automaton {t2 - t1:.2f} s (once per process)")
    print(f"corpus: {len(docs)} documents, {chars} characters")
    pages = [d for d in docs if len(d[0]) > 1000]  # the seed pages: real scraped pages
    for label, corpus in (("all", docs), ("pages", pages)):
        if corpus:
            _measure(stage, corpus, args.seconds / 2, label)
    return 0


def _measure(stage: EntityStage, docs: list[tuple[str, str, str | None]], seconds: float, label: str) -> None:
    n_docs = n_mentions = n_chars = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        for text, lang, date in docs:
            doc = stage(Document(id="b", path="b", raw=text, text=text, language=lang, published=date))
            n_docs += 1
            n_mentions += len(doc.mentions)
            n_chars += len(text)
    elapsed = time.perf_counter() - start
    per_page = elapsed / (n_chars / 2500)
    print(f"[{label}] documents/s {n_docs / elapsed:.0f}  mentions/s {n_mentions / elapsed:.0f}  "
          f"characters/s {n_chars / elapsed:.0f}  ms per 2.5k-char page {per_page * 1000:.2f}")


if __name__ == "__main__":
    raise SystemExit(main())
