"""`CleanStage`: clean a Document's raw text in place."""

from __future__ import annotations

import re

from eventline import lang
from eventline.document import Document
from eventline.pipeline.clean.core import clean_text
from eventline.pipeline.clean.cues import get_cues
from eventline.pipeline.read.html import extract, looks_like_html


class CleanStage:
    """Sets text, removed, cited_sources and notes; title, date and author only where the
    container did not give them (container metadata wins, then the HTML page's, then the text's).

    For HTML, removal offsets refer to the text trafilatura extracted, not to the markup; a note
    says so.
    """

    name = "clean"

    def __init__(self) -> None:
        # every language's cues, built once here (before an executor forks its workers), not
        # on the first page of each language in each worker
        for code in (None, *lang.languages("clean")):
            get_cues(code)

    def __call__(self, doc: Document) -> Document:
        source = doc.raw
        page = None
        if doc.format in ("html", "warc") and looks_like_html(source):
            # Markup that reached the cleaner (readers normally extract it first): the same
            # extractor as the readers, so both paths give the same text.
            page = extract(source, doc.url)
            source = page.text
            doc.notes.extend(page.notes)
            doc.notes.append("html: main text extracted; removal offsets refer to that text")
        try:
            result = clean_text(source, doc.language)
        except RecursionError as exc:  # pathological nesting in a pattern; recorded, not hidden
            doc.status, doc.reason = "skipped", f"clean: text too pathological to clean ({exc})"
            return doc
        doc.text = result.text
        doc.removed = result.removed
        doc.cited_sources = result.cited_sources
        doc.notes.extend(result.notes)
        if doc.title is None:
            doc.title = (page.title if page else None) or result.title
        if doc.author is None:
            doc.author = (page.author if page else None) or result.author
        # A crawl date (WARC-Date) says when the page was fetched, not written: the page's own
        # date replaces it when one is found.
        weak = doc.published_from == "container:warc-date"
        if (doc.published is None or weak) and doc.published_from != "container":
            page_date = _iso_day(page.date) if page is not None else None
            if page_date:
                doc.published, doc.published_from = page_date, "html:meta"
                if result.published == page_date:
                    doc.published_time = result.published_time
            elif result.published:
                doc.published = result.published
                doc.published_time = result.published_time
                doc.published_from = result.published_from
        return doc


def _iso_day(value: str | None) -> str | None:
    """YYYY-MM-DD from a page's metadata date, or None when it is not one."""
    return value[:10] if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value[:10]) else None
