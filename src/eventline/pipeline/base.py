"""What a stage is: a small typed object with one job, taking a document and returning it.

Per-document stages are pure functions of one document (plus read-only resources such as the
knowledge base), so an executor may run them in any process. Global passes (dedup, merge) keep
state across documents and run in one place; they are separate stages with their own tests.
"""

from __future__ import annotations

from typing import Iterable, Iterator, Protocol, runtime_checkable

from eventline.document import Document
from eventline.errors import EventlineError


@runtime_checkable
class Stage(Protocol):
    """A per-document stage. It must not raise on bad text; it records notes or skip reasons."""

    name: str

    def __call__(self, doc: Document) -> Document: ...


class StageFailure(EventlineError):
    """A stage raised on one document; the executor records the document as skipped with this."""

    def __init__(self, stage: str, exc: BaseException) -> None:
        self.stage = stage
        super().__init__(
            f"internal error in the {stage} stage: {type(exc).__name__}: {exc} "
            "(this is a bug in eventline; please report it with the input file)"
        )


class Pipeline:
    """A sequence of per-document stages, applied in order, stopping at documents already decided."""

    def __init__(self, stages: Iterable[Stage]) -> None:
        self.stages = list(stages)

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            if doc.status in ("skipped", "duplicate"):
                break
            try:
                doc = stage(doc)
            except Exception as exc:  # one bad document must not end a run of millions
                raise StageFailure(stage.name, exc) from exc
        return doc

    def run(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)
