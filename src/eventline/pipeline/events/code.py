"""`code_text`: code one piece of text into events with no store (`eventline code`)."""

from __future__ import annotations

from typing import Any, Callable

from eventline.document import Document, Event, content_id
from eventline.pipeline.base import StageFailure
from eventline.pipeline.events.stage import EventStage, default_kb

Step = Callable[[Document], Document]


def per_document_stages(kb: Any = None) -> list[tuple[str, Step]]:
    """The per-document stages that event coding needs, in pipeline order (no dedup: one text)."""
    from eventline.pipeline.clean import CleanStage
    from eventline.pipeline.entities import EntityStage
    from eventline.pipeline.lang import LanguageStage
    from eventline.pipeline.time import TimeStage

    kb = kb if kb is not None else default_kb()
    return [
        ("clean", CleanStage()),
        ("lang", LanguageStage()),
        ("time", TimeStage()),
        ("entities", EntityStage(kb)),
        ("events", EventStage(kb)),
    ]


_STAGES: list[tuple[str, Step]] | None = None


def process_text(text: str, lang: str | None = None, published: str | None = None,
                 stages: list[tuple[str, Step]] | None = None) -> Document:
    """Run one text through clean, language, time, entities and events; returns the Document.

    A stage that raises is reported as a StageFailure naming it (a bug, never swallowed)."""
    global _STAGES
    if stages is None:
        if _STAGES is None:
            _STAGES = per_document_stages()
        stages = _STAGES
    doc = Document(id=content_id(text), path="<text>", raw=text, text=text, published=published, language=lang)
    for name, stage in stages:
        try:
            doc = stage(doc)
        except Exception as exc:
            raise StageFailure(name, exc) from exc
        if name == "clean" and published:
            doc.published = published  # the caller's date wins over one read from the text
        if name == "lang" and lang:
            doc.language = lang
            for p in doc.paragraphs:
                p.language = lang
        if doc.status == "skipped":
            break
    return doc


def code_text(text: str, lang: str | None = None, published: str | None = None) -> list[Event]:
    """The events of one text, merged within the text, per the `eventline code` contract."""
    from eventline.pipeline.merge import merge_events

    doc = process_text(text, lang, published)
    return merge_events(doc.events, cited_sources={doc.id: doc.cited_sources})
