"""Event detection: PLOVER events in en, ja, zh, ko and vi, with status, participants, place, date and quote.

Public API: `EventStage(kb=None)` (writes doc.events), `summarize(event)`, `code_text(text, lang,
published)`. Imports are lazy so that the merge package can share this package's helpers.
"""

from __future__ import annotations

from typing import Any

__all__ = ["EventStage", "summarize", "code_text", "process_text"]


def __getattr__(name: str) -> Any:
    if name == "EventStage":
        from eventline.pipeline.events.stage import EventStage
        return EventStage
    if name == "summarize":
        from eventline.pipeline.events.summary import summarize
        return summarize
    if name in ("code_text", "process_text"):
        from eventline.pipeline.events import code
        return getattr(code, name)
    raise AttributeError(f"module 'eventline.pipeline.events' has no attribute {name!r}")
