"""Executors run the per-document pipeline over a stream of inputs; the pipeline never knows which.

`local` uses processes on this machine; `ray` spreads the same work over a Ray cluster. Both keep
input order and a bounded number of documents in flight, so memory does not grow with the corpus.
"""

from __future__ import annotations

from typing import Iterable, Iterator, Protocol

from eventline.document import Document, RawDocument, Skip
from eventline.executor.work import Known, Worker
from eventline.settings import Settings


class Executor(Protocol):
    def map(self, raws: Iterable[RawDocument]) -> Iterator[Document | Skip | Known]: ...

    def close(self) -> None: ...


def make_executor(settings: Settings, known_ids: frozenset[str] = frozenset()) -> Executor:
    if settings.executor == "ray":
        from eventline.executor.ray import RayExecutor

        return RayExecutor(settings, known_ids)
    from eventline.executor.local import LocalExecutor

    return LocalExecutor(settings, known_ids)


__all__ = ["Executor", "Known", "Worker", "make_executor"]
