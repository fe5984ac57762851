"""The pipeline: one package per stage, in the order documents flow through them.

read -> decode -> clean -> lang -> fingerprint -> time -> entities -> events   (per document)
dedup, merge                                                                   (global passes)
"""

from __future__ import annotations

from eventline.pipeline.base import Pipeline, Stage
from eventline.settings import Settings


def build_stages(settings: Settings | None = None, kb: object | None = None) -> list[Stage]:
    """The per-document stages in order. Imports are local so that a worker builds them once."""
    from eventline.kb import KnowledgeBase
    from eventline.pipeline.clean import CleanStage
    from eventline.pipeline.dedup import FingerprintStage
    from eventline.pipeline.entities import EntityStage
    from eventline.pipeline.events import EventStage
    from eventline.pipeline.lang import LanguageStage
    from eventline.pipeline.time import TimeStage

    kb = kb or KnowledgeBase.default(settings)
    return [
        CleanStage(),
        LanguageStage(),
        FingerprintStage(),
        TimeStage(),
        EntityStage(kb),
        EventStage(kb),
    ]


def build_pipeline(settings: Settings | None = None, kb: object | None = None) -> Pipeline:
    return Pipeline(build_stages(settings, kb))


__all__ = ["Pipeline", "Stage", "build_pipeline", "build_stages"]
