"""Throughput of the event stage alone: documents per second and peak memory.

Documents (the labelled set and the seed pages) go once through clean, lang, time and entities;
then the event stage codes them again and again until `--docs` documents have been coded, and
merge_events merges all their mentions once.

    python bench/bench_events.py [--docs 10000]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def corpus() -> list[tuple[str, str | None, str | None]]:
    """(text, lang, published) of every labelled text and seed page available."""
    out = []
    gold = REPO / "tests" / "data" / "events" / "gold.jsonl"
    if gold.is_file():
        for line in gold.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out.append((row["text"], row.get("lang"), row.get("published")))
    seeds = REPO.parent / "shared" / "seeds"
    for p in sorted(seeds.glob("0*.txt")):
        out.append((p.read_text(encoding="utf-8"), None, None))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000)
    args = ap.parse_args(argv)

    from eventline.pipeline.events.code import per_document_stages, process_text
    from eventline.pipeline.merge import merge_events

    stages = per_document_stages()
    upstream = [(n, s) for n, s in stages if n != "events"]
    event_stage = dict(stages)["events"]
    prepared = [process_text(text, lang, published, stages=upstream) for text, lang, published in corpus()]
    chars = sum(len(d.text) for d in prepared)
    print(f"{len(prepared)} distinct documents, {chars / len(prepared):.0f} characters on average")

    mentions = []
    start = time.perf_counter()
    for i in range(args.docs):
        base = prepared[i % len(prepared)]
        doc = replace(base, id=f"{base.id}-{i}", events=[], notes=[])
        mentions.extend(event_stage(doc).events)
    stage_s = time.perf_counter() - start
    start = time.perf_counter()
    events = merge_events(mentions)
    merge_s = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    per_2500 = stage_s / args.docs * 1000 * 2500 / (chars / len(prepared))
    print(f"event stage: {args.docs} documents in {stage_s:.2f} s = {args.docs / stage_s:.0f} documents/s "
          f"({stage_s / args.docs * 1000:.2f} ms/document, {per_2500:.2f} ms per 2,500 characters)")
    print(f"merge_events: {len(mentions)} mentions -> {len(events)} events in {merge_s:.2f} s")
    print(f"peak memory (max RSS): {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
