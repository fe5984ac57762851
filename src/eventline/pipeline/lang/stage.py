"""The lang stage: the document's language, and the language of each of its paragraphs.

Paragraphs are the non-empty lines of the text. A line with too little signal of its own (a
date, a name, a short kanji caption) takes the document's language rather than a guess.
"""

from __future__ import annotations

from functools import lru_cache

from eventline.document import Document, Paragraph
from eventline.pipeline.lang.detector import detect, guess, warm_up


class LanguageStage:
    """Sets `doc.language` and `doc.paragraphs` from `doc.text` (or `doc.raw` before cleaning)."""

    name = "lang"

    def __init__(self) -> None:
        warm_up()  # tables built once, before an executor forks its workers

    def __call__(self, doc: Document) -> Document:
        text = doc.text or doc.raw
        declared = doc.language
        found = detect(text)
        if found and declared and found != declared:
            doc.notes.append(f"container declared language {declared!r}; the text reads as {found!r}")
        doc.language = found or declared
        doc.paragraphs = list(paragraphs(text, doc.language))
        if doc.language is None:
            doc.notes.append("language could not be detected: no letters in the text")
        return doc


def paragraphs(text: str, document_language: str | None) -> list[Paragraph]:
    """One Paragraph per non-empty line, offsets trimmed of surrounding whitespace."""
    out: list[Paragraph] = []
    pos = 0
    for line in text.split("\n"):
        line_start, pos = pos, pos + len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        start = line_start + (len(line) - len(line.lstrip()))
        result = _line_guess(stripped)
        language = result.language if result.confident else document_language
        out.append(Paragraph(start, start + len(stripped), language or document_language))
    return out


@lru_cache(maxsize=8192)
def _line_guess(line: str):
    """`guess(line, tie_break=False)`, cached: navigation, bylines and boilerplate lines recur
    across the pages of one site, and the guess depends on the line alone."""
    return guess(line, tie_break=False)
