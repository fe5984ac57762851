"""Inputs that hold several documents: JSON lists, JSON Lines, WARC archives, RSS/Atom feeds.

Each reader yields one RawDocument per record, or a Skip naming the record and what is wrong
with it; one bad record never stops the others. Containers are streamed where the format allows
(JSON Lines, WARC), so an archive of any size is read in constant memory; the size limit then
applies to each record, since that is what becomes a document.
"""

from __future__ import annotations

import json
from typing import IO, Any, Iterator

from eventline.document import RawDocument, Skip
from eventline.pipeline.read.dates import iso_date
from eventline.pipeline.read.encoding import codec_for

#: Keys that may hold the article text, in order of preference (news-please uses "maintext").
TEXT_KEYS = ("text", "content", "body", "article", "maintext")
TITLE_KEYS = ("title", "headline")
URL_KEYS = ("url", "link", "uri")
DATE_KEYS = ("date", "published", "published_at", "date_publish", "pubDate", "datePublished")
SOURCE_KEYS = ("source", "outlet", "sitename", "source_domain", "publisher")
LANGUAGE_KEYS = ("language", "lang")

#: WARC payload types that carry article text.
TEXT_MIME = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "txt"}


def too_big(size: int, limit: int, what: str = "file") -> str:
    """The skip reason for an input over the size limit, saying how to raise the limit."""
    return (
        f"{what} is {size:,} bytes, over the limit of {limit:,}; raise it with --max-bytes "
        "or EVENTLINE_MAX_DOCUMENT_BYTES"
    )


def _first(obj: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = obj.get(key)
        if value not in (None, ""):
            return value
    return None


def _as_text(value: Any) -> str | None:
    """A metadata value as a string: outlets are sometimes objects like {"name": "NHK"}."""
    if value is None:
        return None
    if isinstance(value, dict):
        value = _first(value, ("name", "title", "url", "href"))
    return str(value).strip() or None if value is not None else None


def record_to_raw(obj: Any, path: str, fmt: str) -> RawDocument | Skip:
    """One JSON object as a RawDocument, or a Skip saying what the object lacks."""
    if not isinstance(obj, dict):
        kind = type(obj).__name__.replace("dict", "object").replace("list", "array")
        return Skip(path, f"a JSON {kind}, not an object with a text field")
    text = None
    for key in TEXT_KEYS:
        if key in obj:
            text = obj[key]
            break
    if text is None:
        return Skip(path, f"no text field; expected one of: {', '.join(TEXT_KEYS)}")
    if not isinstance(text, str):
        return Skip(path, f"the text field holds a {type(text).__name__}, not a string")
    language = _as_text(_first(obj, LANGUAGE_KEYS))
    return RawDocument(
        path=path,
        data=text,
        format=fmt,  # type: ignore[arg-type]
        title=_as_text(_first(obj, TITLE_KEYS)),
        url=_as_text(_first(obj, URL_KEYS)),
        published=_as_text(_first(obj, DATE_KEYS)),
        source=_as_text(_first(obj, SOURCE_KEYS)),
        language=language,
    )


def read_json(data: bytes, path: str) -> Iterator[RawDocument | Skip]:
    """A JSON file: one object, or a list of objects addressed as `path#N` (1-based)."""
    try:
        value = json.loads(data.removeprefix(b"\xef\xbb\xbf"))
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and exc.lineno > 1:
            # One object per line under a .json name: it is JSON Lines.
            yield from read_jsonl(_lines(data), path)
            return
        yield Skip(path, f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")
        return
    except UnicodeDecodeError as exc:
        yield Skip(path, f"not valid JSON: JSON must be UTF-8 ({exc.reason} at byte {exc.start})")
        return
    if isinstance(value, list):
        if not value:
            yield Skip(path, "empty JSON list")
        for index, item in enumerate(value, start=1):
            yield record_to_raw(item, f"{path}#{index}", "json")
    else:
        yield record_to_raw(value, path, "json")


def _lines(data: bytes) -> Iterator[bytes]:
    start = 0
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end + 1
        yield data[start:end]
        start = end


def stream_lines(stream: IO[bytes], limit: int) -> Iterator[bytes | int]:
    """Lines of a stream, each at most `limit` bytes; a longer line yields its size instead.

    A line over the limit is skipped chunk by chunk, so one huge line never sits in memory.
    """
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        size = len(line)
        while not line.endswith(b"\n"):
            line = stream.readline(1 << 20)
            if not line:
                break
            size += len(line)
        yield size


def read_jsonl(lines: Iterator[bytes | int], path: str, limit: int | None = None
               ) -> Iterator[RawDocument | Skip]:
    """JSON Lines: one object per line, addressed as `path:LINE`; a bad line is one Skip."""
    for number, line in enumerate(lines, start=1):
        where = f"{path}:{number}"
        if isinstance(line, int):
            yield Skip(where, too_big(line, limit or 0, "line"))
            continue
        if not line.strip():
            continue
        try:
            value = json.loads(line.removeprefix(b"\xef\xbb\xbf") if number == 1 else line)
        except json.JSONDecodeError as exc:
            yield Skip(where, f"line {number} is not valid JSON: {exc.msg} (column {exc.colno})")
            continue
        except UnicodeDecodeError as exc:
            yield Skip(where, f"line {number} is not UTF-8 ({exc.reason} at byte {exc.start})")
            continue
        yield record_to_raw(value, where, "jsonl")


def read_warc(stream: IO[bytes], path: str, limit: int) -> Iterator[RawDocument | Skip]:
    """WARC (plain or gzip): each text/html or text/plain response or resource record is a document.

    Records are numbered from 1 over the whole archive (`path#N`), so N finds the record with any
    WARC tool. A truncated or damaged archive keeps what was read and ends with one Skip.
    """
    from warcio.archiveiterator import ArchiveIterator

    number = 0  # records read completely
    try:
        for record in ArchiveIterator(stream, arc2warc=True):
            item = _warc_record(record, f"{path}#{number + 1}", limit)
            number += 1
            if item is not None:
                yield item
    except Exception as exc:  # warcio and zlib raise many types for a damaged archive
        yield Skip(
            f"{path}#{number + 1}",
            f"archive is truncated or damaged after record {number} ({type(exc).__name__}: "
            f"{exc}); the {number} record(s) before it were read",
        )


def _warc_record(record: Any, where: str, limit: int) -> RawDocument | Skip | None:
    if record.rec_type not in ("response", "resource"):
        return None  # requests, warcinfo, metadata: descriptions of the crawl, not documents
    headers = record.http_headers if record.rec_type == "response" else None
    if headers is not None and headers.get_statuscode() and not headers.get_statuscode().startswith("2"):
        return Skip(where, f"HTTP status {headers.get_statuscode()}, not a page")
    content_type = (headers or record.rec_headers).get_header("Content-Type") or ""
    mime, _, params = content_type.partition(";")
    mime = mime.strip().lower()
    if mime not in TEXT_MIME:
        return Skip(where, f"content type {mime or 'unknown'} is not text or HTML")
    length = record.rec_headers.get_header("Content-Length")
    if length and length.isdigit() and int(length) > limit:
        return Skip(where, too_big(int(length), limit, "record"))
    payload = record.content_stream().read(limit + 1)
    if len(payload) > limit:
        return Skip(where, too_big(len(payload), limit, "record"))
    if getattr(record.raw_stream, "limit", 0) > 0:
        # The archive ended inside this record: fewer bytes than its Content-Length promised.
        raise EOFError(f"record {where.rsplit('#', 1)[1]} is cut short")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and codec_for(value):
            charset = value.strip().strip("\"'")
    return RawDocument(
        path=where,
        data=payload,
        format="warc",
        url=record.rec_headers.get_header("WARC-Target-URI"),
        published=record.rec_headers.get_header("WARC-Date"),
        encoding=charset,
    )


def read_feed(data: bytes, path: str) -> Iterator[RawDocument | Skip]:
    """An RSS or Atom feed: each item or entry is a document addressed as `path#N`."""
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        why = f"not a readable RSS or Atom feed ({problem})" if problem else "feed has no items"
        yield Skip(path, why)
        return
    outlet = parsed.feed.get("title") or None
    language = parsed.feed.get("language") or None
    for index, entry in enumerate(parsed.entries, start=1):
        where = f"{path}#{index}"
        content = entry.get("content")
        html = content[0].get("value") if content else None
        html = html or entry.get("summary")
        if not html:
            yield Skip(where, "feed item has no content or summary")
            continue
        # The date string as written, not feedparser's UTC struct: the outlet's date is the
        # one it printed in its own time zone.
        published = (iso_date(entry.get("published")) or iso_date(entry.get("updated"))
                     or iso_date(entry.get("published_parsed") or entry.get("updated_parsed")))
        yield RawDocument(
            path=where,
            data=html,
            format="feed",
            title=entry.get("title") or None,
            url=entry.get("link") or None,
            published=published,
            source=outlet,
            language=language,
        )
