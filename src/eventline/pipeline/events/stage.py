"""EventStage: the per-document stage that writes doc.events."""

from __future__ import annotations

from typing import Any

from eventline.document import Document
from eventline.pipeline.events.arguments import KnowledgeBaseLike
from eventline.pipeline.events.consolidate import consolidate
from eventline.pipeline.events.detect import detect


def default_kb() -> KnowledgeBaseLike | None:
    """The bundled knowledge base, or None while the kb package offers none."""
    try:
        from eventline.kb import KnowledgeBase  # type: ignore[attr-defined]
    except ImportError:
        return None
    return KnowledgeBase.default()


class EventStage:
    """Finds PLOVER events in a document: one EventMention per happening, with its quote.

    `kb` resolves role mentions ("米国防長官") to the office holder on the event's date and gives
    canonical English names; when None, the bundled knowledge base is loaded on first use.
    """

    name = "events"

    def __init__(self, kb: KnowledgeBaseLike | None = None) -> None:
        self._kb = kb
        self._kb_loaded = kb is not None

    @property
    def kb(self) -> KnowledgeBaseLike | None:
        if not self._kb_loaded:
            self._kb = default_kb()
            self._kb_loaded = True
        return self._kb

    def __call__(self, doc: Document) -> Document:
        candidates, skipped = detect(doc, self.kb)
        doc.events = consolidate(candidates, skipped.reasons)
        if skipped.reasons:
            detail = ", ".join(f"{n} {reason}" for reason, n in sorted(skipped.reasons.items()))
            doc.notes.append(f"events: triggers without an event: {detail}")
        return doc

    def __getstate__(self) -> dict[str, Any]:
        # Executors ship stages to worker processes; the KB is reloaded there, not pickled.
        return {"_kb": None, "_kb_loaded": False} if not self._kb_loaded or self._kb is None else self.__dict__

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
