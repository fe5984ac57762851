"""Run the pipeline in worker processes on this machine, in input order, with bounded memory."""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice

from eventline.document import RawDocument, Skip
from eventline.executor.work import Known, Worker
from eventline.settings import Settings
from eventline.store.codec import DocumentRecord

_worker: Worker | None = None


def _init(settings: Settings, known_ids: frozenset[str]) -> None:
    global _worker
    _worker = Worker(settings, known_ids)


def _run(raws: list[RawDocument]) -> list[DocumentRecord | Skip | Known]:
    assert _worker is not None, "worker process was not initialised"
    return _worker.batch(raws)


def _chunks(items: Iterable[RawDocument], size: int) -> Iterator[list[RawDocument]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


class LocalExecutor:
    """`workers` processes (one per core by default); one process runs everything in-line.

    At most 2 x workers chunks are in flight, so a corpus of any size streams through.
    """

    def __init__(self, settings: Settings, known_ids: frozenset[str] = frozenset()) -> None:
        self.settings = settings
        self.known_ids = known_ids
        self.workers = settings.workers or os.cpu_count() or 1
        self._pool = None
        self._inline: Worker | None = None

    def _start(self) -> None:
        if self.workers <= 1:
            self._inline = Worker(self.settings, self.known_ids)
            return
        global _worker
        if "fork" in mp.get_all_start_methods():
            # Build the stages (knowledge base, automata: seconds of work) once, before forking,
            # so that every worker shares them copy-on-write instead of building its own.
            _worker = Worker(self.settings, self.known_ids)
            # Frozen objects are never scanned by the workers' garbage collector, so the shared
            # pages stay shared (no copy-on-write from GC bookkeeping) and collections stay short.
            gc.freeze()
            try:
                self._pool = mp.get_context("fork").Pool(self.workers)
            finally:
                gc.unfreeze()
        else:
            self._pool = mp.get_context("spawn").Pool(
                self.workers, initializer=_init, initargs=(self.settings, self.known_ids)
            )

    def map(self, raws: Iterable[RawDocument]) -> Iterator[DocumentRecord | Skip | Known]:
        if self._pool is None and self._inline is None:
            self._start()
        if self._inline is not None:
            for raw in raws:
                yield self._inline(raw)
            return
        assert self._pool is not None
        pending: deque = deque()
        window = 2 * self.workers
        for chunk in _chunks(raws, self.settings.chunk_size):
            pending.append(self._pool.apply_async(_run, (chunk,)))
            while len(pending) >= window:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def terminate(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool = None
