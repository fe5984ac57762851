"""`eventline run` as a library call: inputs -> executor -> dedup -> store -> merge.

Every input ends in exactly one bucket (processed, duplicate, skipped, unchanged), so the
summary's counts add up to the inputs read.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from eventline.document import Event, RawDocument, Skip
from eventline.executor import Known, make_executor
from eventline.settings import Settings
from eventline.store.codec import DocumentRecord
from eventline.store.db import Store


@dataclass(slots=True)
class RunSummary:
    inputs: int = 0
    processed: int = 0
    duplicates: int = 0
    skipped: int = 0
    unchanged: int = 0
    events: int = 0
    seconds: float = 0.0
    skip_reasons: list[tuple[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "inputs": self.inputs, "processed": self.processed, "duplicates": self.duplicates,
            "skipped": self.skipped, "unchanged": self.unchanged, "events": self.events,
            "seconds": round(self.seconds, 3),
            "skip_reasons": dict(Counter(_reason_kind(r) for _, r in self.skip_reasons)),
        }


def _reason_kind(reason: str) -> str:
    """The reason without the details that differ per file, for counting."""
    return reason.split(" (", 1)[0].split(":", 1)[0][:80]


Progress = Callable[[str, int], None]

#: documents are committed in groups: after this many results or this many seconds, whichever
#: comes first (a kill loses at most one group, which the next run redoes)
COMMIT_EVERY_DOCUMENTS = 256
COMMIT_EVERY_SECONDS = 0.5


def run(
    paths: Iterable[str],
    store: Store,
    settings: Settings,
    *,
    stdin: BinaryIO | None = None,
    on_result: Progress | None = None,
    on_skip: Callable[[str, str], None] | None = None,
) -> RunSummary:
    """Process the inputs into the store and re-merge events if anything changed."""
    from eventline.pipeline.dedup import Deduplicator, fingerprint
    from eventline.pipeline.dedup.minhash import current_scheme
    from eventline.pipeline.read import iter_inputs

    started = time.perf_counter()
    summary = RunSummary()
    run_id = store.start_run()
    dedup = Deduplicator(settings)
    refreshed: dict[str, list[int]] = {}
    for doc_id, fp in store.fingerprints():
        if fp and not current_scheme(fp):
            # Written by an earlier signature scheme: recompute from the stored text, so that
            # reposts of documents stored before an upgrade are still caught.
            fp = refreshed[doc_id] = fingerprint(store.document_text(doc_id), settings)
        dedup.add(doc_id, fp)
    if refreshed:
        store.set_fingerprints(refreshed)
    seen: set[str] = set()

    def skip(path: str, reason: str) -> None:
        summary.skipped += 1
        summary.skip_reasons.append((path, reason))
        store.record_skip(path, reason, run_id)
        if on_skip:
            on_skip(path, reason)

    def raws() -> Iterator[RawDocument]:
        for item in iter_inputs(paths, stdin=stdin, settings=settings):
            summary.inputs += 1
            if isinstance(item, Skip):
                previous = store.input_status(item.path)
                if previous is not None and previous["status"] == "skipped" and previous["reason"] == item.reason:
                    summary.unchanged += 1
                else:
                    skip(item.path, item.reason)
                if on_result:
                    on_result(item.path, summary.inputs)
                continue
            yield item

    executor = make_executor(settings, frozenset(store.document_ids()))
    written, committed = 0, time.monotonic()
    try:
        with store.grouped():  # many documents per transaction, each still all or nothing
            for result in executor.map(raws()):
                if isinstance(result, Skip):
                    skip(result.path, result.reason)
                elif isinstance(result, Known):
                    if store.input_status(result.path) is not None:
                        summary.unchanged += 1
                    else:
                        store.record_copy(result.path, result.doc_id, run_id)
                        summary.duplicates += 1
                else:
                    _accept(result, store, dedup, seen, summary, run_id)
                if on_result:
                    on_result(result.path, summary.inputs)
                written += 1
                if written >= COMMIT_EVERY_DOCUMENTS or time.monotonic() - committed >= COMMIT_EVERY_SECONDS:
                    store.commit_group()
                    written, committed = 0, time.monotonic()
    except BaseException:
        terminate = getattr(executor, "terminate", None)
        if terminate:
            terminate()
        raise
    else:
        executor.close()
    if store.merge_pending():
        # People the knowledge base lacks are linked across documents and scripts first, so
        # that the event merge sees one actor per person.
        from eventline.store.entities import relink

        relink(store)
        merge_store(store)
    summary.events = store.counts()["events"]
    summary.seconds = time.perf_counter() - started
    store.finish_run(run_id, summary.as_dict())
    return summary


def _accept(doc: DocumentRecord, store: Store, dedup, seen: set[str], summary: RunSummary, run_id: int) -> None:
    if doc.id in seen:
        store.record_copy(doc.path, doc.id, run_id)
        summary.duplicates += 1
        return
    seen.add(doc.id)
    original = dedup.check(doc) if doc.fingerprint else None
    if original is not None:
        doc.status, doc.duplicate_of = "duplicate", original
        doc.reason = f"near-duplicate of {original}"
        summary.duplicates += 1
    else:
        doc.status = "processed"
        if doc.fingerprint:
            dedup.add(doc.id, doc.fingerprint)
        summary.processed += 1
    store.add_document(doc, doc.path, run_id)


def merge_store(store: Store) -> int:
    """Rebuild the canonical events from every stored event mention (a global pass)."""
    from eventline.pipeline.merge import merge_events

    mentions = list(store.event_mentions())
    events: list[Event] = merge_events(
        mentions,
        duplicate_of=store.duplicate_map(),
        cited_sources=store.cited_sources_map(),
        previous_ids=store.previous_event_ids(),
    )
    members = {
        ev.id: [f"{s.document}:{s.start}:{s.end}:{ev.type}" for s in ev.sources] for ev in events
    }
    return store.replace_events(events, members)
