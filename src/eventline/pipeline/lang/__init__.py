"""Pipeline stage: lang. Which language a document and each of its paragraphs is written in."""

from eventline.pipeline.lang.detector import Guess, detect, guess
from eventline.pipeline.lang.stage import LanguageStage, paragraphs

__all__ = ["Guess", "LanguageStage", "detect", "guess", "paragraphs"]
