"""RawDocument to Document: decode the bytes, extract HTML, keep the container's metadata.

The text is changed as little as possible: newlines become "\\n" and invisible control characters
are dropped, nothing else, because quotes cited as evidence must match the source verbatim.
"""

from __future__ import annotations

import re

from eventline.document import Document, RawDocument, Skip, content_id
from eventline.pipeline.read import html as html_
from eventline.pipeline.read.containers import too_big
from eventline.pipeline.read.dates import iso_date
from eventline.pipeline.read.encoding import Decoded, decode_bytes, sniff_utf16
from eventline.pipeline.read.formats import binary_kind
from eventline.settings import Settings

#: Line breaks of every convention (CRLF, CR, VT, FF, NEL, U+2028/2029) become "\n".
#: (A character class first, "\r\n" as "\r" + an optional "\n": the engine then skips ahead fast.)
_NEWLINES = re.compile("[\r\x0b\x0c\x85\u2028\u2029](?:(?<=\r)\n)?")
#: C0 and C1 controls other than tab and newline carry no text and confuse later stages.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_RECORD_FORMATS = ("json", "jsonl", "feed", "warc")
_LANGUAGE_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_].*)?$")


def normalise(text: str) -> str:
    """Newlines to "\\n", control characters and a leading BOM dropped; nothing else changes."""
    text = _NEWLINES.sub("\n", text)
    text = _CONTROLS.sub("", text)
    return text.removeprefix("\ufeff")


def decode(raw: RawDocument, settings: Settings | None = None) -> Document | Skip:
    """The Document for `raw`, or a Skip saying in one line what is wrong and how to fix it."""
    settings = settings or Settings()
    empty = "empty text in record" if raw.format in _RECORD_FORMATS else "empty file"
    notes: list[str] = []
    if isinstance(raw.data, bytes):
        decoded = _decode_bytes(raw, settings, empty)
        if isinstance(decoded, Skip):
            return decoded
        text, notes = decoded.text, decoded.notes
    else:
        text = raw.data
    text = normalise(text)
    if not text.strip():
        return Skip(raw.path, empty)

    title, url, author, page_date = raw.title, raw.url, None, None
    is_html = raw.format == "html" or (raw.format in _RECORD_FORMATS and html_.looks_like_html(text))
    if is_html:
        page = html_.extract(text, url)
        notes.extend(page.notes)
        text = normalise(page.text)
        if not text.strip():
            return Skip(raw.path, "no text could be extracted from the HTML")
        title = title or page.title
        url = url or page.url
        author = page.author
        page_date = page.date
        if page.sitename and not raw.source:
            notes.append(f"outlet named by the page: {page.sitename}")
    if raw.source:
        notes.append(f"outlet named by the container: {raw.source}")

    published, published_from = _publication_date(raw, page_date, notes)
    return Document(
        id=content_id(text),
        path=raw.path,
        raw=text,
        format=raw.format,
        url=url,
        title=title.strip() if title else None,
        published=published,
        published_from=published_from,
        author=author,
        language=_language_code(raw.language),
        notes=notes,
    )


def _decode_bytes(raw: RawDocument, settings: Settings, empty: str) -> Decoded | Skip:
    data = raw.data
    assert isinstance(data, bytes)
    limit = settings.max_document_bytes
    if len(data) > limit:
        return Skip(raw.path, too_big(len(data), limit))
    if not data.strip():
        return Skip(raw.path, empty)
    kind = binary_kind(data[:8192])
    if kind and not (kind == "binary data" and sniff_utf16(data)) and not _has_bom(data):
        what = f"looks like {kind}" if kind != "binary data" else "NUL or control bytes"
        return Skip(raw.path, f"binary file ({what}), not text")
    decoded = decode_bytes(data, raw.encoding)
    if isinstance(decoded, str):
        return Skip(raw.path, decoded)
    return decoded


def _has_bom(data: bytes) -> bool:
    return data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[:3] == b"\xef\xbb\xbf" or data[:4] == b"\x00\x00\xfe\xff"


def _publication_date(raw: RawDocument, page_date: str | None, notes: list[str]
                      ) -> tuple[str | None, str | None]:
    """The best date the container gives, and where it came from.

    An explicit publication date (JSON field, feed item, the page's own metadata) beats the
    WARC-Date, which is only when the page was crawled; that one is marked so the cleaner may
    prefer a date printed in the text.
    """
    if raw.published and raw.format != "warc":
        date = iso_date(raw.published)
        if date:
            return date, "container"
        notes.append(f"container date {raw.published!r} not understood; ignored")
    if page_date and iso_date(page_date):
        return iso_date(page_date), "container"
    if raw.format == "warc" and raw.published and iso_date(raw.published):
        return iso_date(raw.published), "container:warc-date"
    return None, None


def _language_code(tag: str | None) -> str | None:
    """ISO 639 code from a declared language tag ("ja-JP" -> "ja"), or None."""
    match = _LANGUAGE_TAG.match(tag.strip()) if tag else None
    return match.group(1).lower() if match else None
