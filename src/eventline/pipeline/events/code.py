"""`code_text`: code one piece of text into events with no store (`eventline code`)."""

from __future__ import annotations

import importlib
from typing import Any, Callable

from eventline.document import Document, Event, content_id
from eventline.pipeline.events.stage import EventStage, default_kb


def _stage(module: str, name: str, *args: Any) -> Callable[[Document], Document] | None:
    """An upstream stage if its package provides it, else None (that step is then skipped)."""
    try:
        mod = importlib.import_module(module)
        cls = getattr(mod, name)
    except (ImportError, AttributeError):
        return None
    return cls(*args)


def per_document_stages(kb: Any = None) -> list[tuple[str, Callable[[Document], Document] | None]]:
    """The per-document stages that event coding needs, in pipeline order."""
    kb = kb if kb is not None else default_kb()
    return [
        ("clean", _stage("eventline.pipeline.clean", "CleanStage")),
        ("lang", _stage("eventline.pipeline.lang", "LanguageStage")),
        ("time", _stage("eventline.pipeline.time", "TimeStage")),
        ("entities", _stage("eventline.pipeline.entities", "EntityStage", kb) if kb is not None else None),
        ("events", EventStage(kb)),
    ]


_STAGES: list[tuple[str, Callable[[Document], Document] | None]] | None = None


def process_text(text: str, lang: str | None = None, published: str | None = None,
                 stages: list[tuple[str, Callable[[Document], Document] | None]] | None = None) -> Document:
    """Run one text through clean, language, time, entities and events; returns the Document."""
    global _STAGES
    if stages is None:
        if _STAGES is None:
            _STAGES = per_document_stages()
        stages = _STAGES
    doc = Document(id=content_id(text), path="<text>", raw=text, text=text, published=published, language=lang)
    for name, stage in stages:
        if stage is None:
            doc.notes.append(f"{name}: stage not available; skipped")
            continue
        doc = stage(doc)
        if name == "clean" and published:
            doc.published = published  # the caller's date wins over one read from the text
        if name == "lang" and lang:
            doc.language = lang
            for p in doc.paragraphs:
                p.language = lang
        if doc.status in ("skipped",):
            break
    return doc


def code_text(text: str, lang: str | None = None, published: str | None = None) -> list[Event]:
    """The events of one text, merged within the text, per the `eventline code` contract."""
    from eventline.pipeline.merge import merge_events

    doc = process_text(text, lang, published)
    return merge_events(doc.events, cited_sources={doc.id: doc.cited_sources})
