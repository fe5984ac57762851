"""`CleanStage`: clean a Document's raw text in place."""

from __future__ import annotations

from eventline.document import Document
from eventline.pipeline.clean.core import clean_text
from eventline.pipeline.clean.html import extract_html, looks_like_html


class CleanStage:
    """Sets text, removed, cited_sources and notes; title, date and author only where the
    container did not give them (container metadata wins, then the HTML page's, then the text's).

    For HTML, removal offsets refer to the text trafilatura extracted, not to the markup; a note
    says so.
    """

    name = "clean"

    def __call__(self, doc: Document) -> Document:
        source = doc.raw
        page = None
        if doc.format in ("html", "warc") and looks_like_html(source):
            page = extract_html(source)
            source = page.text
            doc.notes.append(
                f"html: main text extracted by {page.extractor}; removal offsets refer to that text"
            )
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
            if page is not None and page.published:
                doc.published, doc.published_from = page.published, "html:meta"
                if result.published == page.published:
                    doc.published_time = result.published_time
            elif result.published:
                doc.published = result.published
                doc.published_time = result.published_time
                doc.published_from = result.published_from
        return doc
