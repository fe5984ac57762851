"""Main text and metadata of an HTML page or fragment.

trafilatura finds the article among the page furniture and keeps one paragraph per line. When it
finds nothing (tiny pages, fragments, odd markup) the visible text of the body is the fallback,
with block elements still on their own lines, so a short but real text is not lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_BLOCK_TAGS = (
    "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section",
    "blockquote", "pre", "table", "ul", "ol", "dd", "dt", "header", "footer", "figcaption",
)
_INVISIBLE = ("script", "style", "noscript", "template", "head", "svg", "iframe")
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_TAG = re.compile(r"<(?:!doctype|html|body|p|div|br|span|a|article|section|h[1-6]|li|table|b|i|em|strong)\b[^>]*>", re.I)


@dataclass(slots=True)
class Extracted:
    """What came out of a page: text (one paragraph per line) and the page's own metadata."""

    text: str
    title: str | None = None
    date: str | None = None
    author: str | None = None
    sitename: str | None = None
    url: str | None = None
    notes: list[str] = field(default_factory=list)


def looks_like_html(text: str) -> bool:
    """True when a container's text field holds markup rather than plain text."""
    head = text[:5000]
    if head.lstrip().startswith("<") and _TAG.search(head):
        return True
    return len(_TAG.findall(head)) >= 2


def extract(html: str, url: str | None = None) -> Extracted:
    """The main text of `html` with metadata; `text` is "" when the page has no text at all."""
    notes: list[str] = []
    try:
        import trafilatura

        found = trafilatura.bare_extraction(
            html, url=url, include_comments=False, include_tables=True, with_metadata=True,
        )
    except Exception as exc:  # trafilatura and lxml raise many types on hostile markup
        found = None
        notes.append(f"trafilatura failed ({type(exc).__name__}: {exc}); used the page's visible text")
    text = (getattr(found, "text", None) or "").strip() if found is not None else ""
    meta = Extracted(
        text="",
        title=getattr(found, "title", None),
        date=getattr(found, "date", None),
        author=getattr(found, "author", None),
        sitename=getattr(found, "sitename", None),
        url=getattr(found, "url", None),
        notes=notes,
    )
    if not text:
        text = visible_text(html)
        if text and not notes:
            notes.append("no main text found by trafilatura; used the page's visible text")
    meta.text = text
    return meta


def visible_text(html: str) -> str:
    """The text a browser would show, one block element per line; "" if there is none."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fromstring(html.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (lxml.etree.ParserError, ValueError, TypeError):
        return ""
    for bad in list(root.iter(*_INVISIBLE)):
        if bad.getparent() is not None:
            bad.drop_tree()
    for block in root.iter(*_BLOCK_TAGS):
        block.tail = "\n" + (block.tail or "")
        if block.tag != "br":
            block.text = "\n" + (block.text or "")
    body = root.find(".//body")
    raw = (body if body is not None else root).text_content()
    lines = (_SPACES.sub(" ", line).strip() for line in raw.splitlines())
    return "\n".join(line for line in lines if line)
