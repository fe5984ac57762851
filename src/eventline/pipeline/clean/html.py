"""HTML pages: the main text and the page's own metadata, by trafilatura (the best extractor we
measured, see bench/bench_clean.py); our plain-text cleaner then runs on what it extracts."""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARKUP = re.compile(r"<(?:!doctype\s+html|html|head|body|div|p|article|section|meta|title|span|a)\b", re.I)


@dataclass(slots=True)
class HtmlExtract:
    text: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD from the page's metadata
    author: str | None = None
    sitename: str | None = None
    extractor: str = "trafilatura"


def looks_like_html(text: str) -> bool:
    """True when the text is markup rather than text (a tag among its first characters)."""
    head = text[:4000]
    return head.lstrip().startswith("<") and _MARKUP.search(head) is not None


def extract_html(html: str) -> HtmlExtract:
    """Main text and metadata of an HTML page; falls back to all of its text when trafilatura finds
    no main content (the fallback is named in `extractor`)."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if doc is not None and (doc.text or "").strip():
        published = doc.date if isinstance(doc.date, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc.date) else None
        return HtmlExtract(
            text=doc.text, title=doc.title or None, published=published,
            author=doc.author or None, sitename=doc.sitename or None,
        )
    text = trafilatura.html2txt(html) or ""
    return HtmlExtract(text=text, extractor="html2txt")
