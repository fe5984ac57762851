"""The unit of work every executor runs: decode one raw input and pass it through the stages."""

from __future__ import annotations

from dataclasses import dataclass

from eventline.document import Document, RawDocument, Skip
from eventline.pipeline.base import Pipeline, StageFailure
from eventline.settings import Settings


@dataclass(slots=True)
class Known:
    """An input whose document is already in the store: nothing to redo."""

    path: str
    doc_id: str


class Worker:
    """Holds the stages (built once per process) and processes inputs one by one."""

    def __init__(self, settings: Settings, known_ids: frozenset[str] = frozenset()) -> None:
        from eventline.pipeline import build_pipeline

        self.settings = settings
        self.known_ids = known_ids
        self.pipeline: Pipeline = build_pipeline(settings)

    def __call__(self, raw: RawDocument) -> Document | Skip | Known:
        from eventline.pipeline.read import decode

        decoded = decode(raw, self.settings)
        if isinstance(decoded, Skip):
            return decoded
        if decoded.id in self.known_ids:
            return Known(raw.path, decoded.id)
        try:
            return self.pipeline(decoded)
        except StageFailure as exc:
            return Skip(raw.path, str(exc))

    def batch(self, raws: list[RawDocument]) -> list[Document | Skip | Known]:
        return [self(raw) for raw in raws]
