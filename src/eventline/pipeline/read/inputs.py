"""Turn what the user named (files, folders, `-` for stdin) into a stream of raw documents.

Folders are walked recursively in sorted order, hidden entries left out, one directory listing
in memory at a time. Every input that cannot become a document is a Skip with a reason, so a run
summary can say exactly what was left out and why.
"""

from __future__ import annotations

import gzip
import io
import os
import sys
from typing import IO, BinaryIO, Iterable, Iterator

from eventline.document import RawDocument, Skip
from eventline.pipeline.read import containers
from eventline.pipeline.read.containers import too_big
from eventline.pipeline.read.formats import (
    SUPPORTED_MESSAGE, Kind, extension_of, kind_from_name, sniff,
)
from eventline.settings import Settings

STDIN_NAME = "<stdin>"
#: Bytes read ahead to sniff a stream's format.
SNIFF_BYTES = 64 * 1024


def iter_inputs(
    paths: Iterable[str], stdin: BinaryIO | None = None, settings: Settings | None = None
) -> Iterator[RawDocument | Skip]:
    """Every document in `paths`, in order; `-` reads `stdin` (default: the process's stdin)."""
    settings = settings or Settings()
    for path in paths:
        if path == "-":
            source = stdin if stdin is not None else sys.stdin.buffer
            yield from _read_stream(STDIN_NAME, source, None, settings)
        else:
            yield from _read_path(path, settings)


def _read_path(path: str, settings: Settings) -> Iterator[RawDocument | Skip]:
    try:
        if os.path.isdir(path):
            yield from _walk(path, settings)
            return
        size = os.stat(path).st_size
    except FileNotFoundError:
        yield Skip(path, "no such file or directory")
        return
    except PermissionError:
        yield Skip(path, "permission denied; check the file's permissions")
        return
    except OSError as exc:
        yield Skip(path, f"cannot be read: {exc.strerror or exc}")
        return
    yield from _read_file(path, size, settings)


def _walk(folder: str, settings: Settings) -> Iterator[RawDocument | Skip]:
    """Files under `folder`, depth first, sorted by name; hidden files and folders are left out."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted((e for e in listing if not e.name.startswith(".")), key=lambda e: e.name)
    except PermissionError:
        yield Skip(folder, "permission denied: the folder cannot be listed")
        return
    except OSError as exc:
        yield Skip(folder, f"the folder cannot be listed: {exc.strerror or exc}")
        return
    for entry in entries:
        try:
            # Not following links to folders keeps a link cycle from walking forever.
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(entry.path, settings)
            elif entry.is_file():
                yield from _read_file(entry.path, entry.stat().st_size, settings)
        except OSError as exc:
            yield Skip(entry.path, f"cannot be read: {exc.strerror or exc}")


def _read_file(path: str, size: int, settings: Settings) -> Iterator[RawDocument | Skip]:
    kind = kind_from_name(path)
    if kind is None and extension_of(path):
        yield Skip(path, f"unsupported file type '{extension_of(path)}'; {SUPPORTED_MESSAGE}")
        return
    limit = settings.max_document_bytes
    # Whole-file formats are checked before opening, so a huge file is never read at all.
    if kind in ("txt", "html", "json", "feed") and size > limit:
        yield Skip(path, too_big(size, limit))
        return
    try:
        stream = open(path, "rb")
    except PermissionError:
        yield Skip(path, "permission denied; check the file's permissions")
        return
    except OSError as exc:
        yield Skip(path, f"cannot be opened: {exc.strerror or exc}")
        return
    with stream:
        yield from _read_stream(path, stream, kind, settings)


def _read_stream(
    name: str, stream: IO[bytes], kind: Kind | None, settings: Settings
) -> Iterator[RawDocument | Skip]:
    """Read one stream whose kind is known from its name, or sniffed from its first bytes."""
    limit = settings.max_document_bytes
    head = b""
    if kind is None or kind == "xml":
        try:
            head = _read_up_to(stream, SNIFF_BYTES)
        except (OSError, EOFError) as exc:
            yield Skip(name, f"cannot be read: {exc}")
            return
        kind = sniff(head)
        stream = _Prefixed(head, stream)
    if kind == "xml":
        yield Skip(name, "XML that is neither an RSS/Atom feed nor XHTML")
        return
    if kind == "gzip":
        yield from _read_gzip(name, stream, settings)
        return
    if kind == "warc":
        yield from containers.read_warc(stream, name, limit)
        return
    if kind == "jsonl":
        reader = io.BufferedReader(stream) if isinstance(stream, _Prefixed) else stream
        lines = containers.stream_lines(reader, limit)
        yield from containers.read_jsonl(lines, name, limit)
        return
    try:
        # One byte past the limit is enough to know the input is too big.
        data = _read_up_to(stream, limit + 1)
    except (OSError, EOFError) as exc:
        yield Skip(name, f"cannot be read: {exc}")
        return
    if len(data) > limit:
        yield Skip(name, too_big(len(data), limit, "input") + " (stopped reading there)")
        return
    if kind == "json":
        yield from containers.read_json(data, name)
    elif kind == "feed":
        yield from containers.read_feed(data, name)
    else:
        yield RawDocument(path=name, data=data, format=kind)  # type: ignore[arg-type]


def _read_gzip(name: str, stream: IO[bytes], settings: Settings) -> Iterator[RawDocument | Skip]:
    """A gzip stream (stdin): WARC archives go to warcio as they are; anything else is unpacked."""
    unpacked = gzip.GzipFile(fileobj=stream, mode="rb")
    try:
        head = _read_up_to(unpacked, SNIFF_BYTES)
    except (OSError, EOFError) as exc:
        yield Skip(name, f"gzip data is truncated or damaged ({exc})")
        return
    inner = sniff(head)
    if inner == "gzip":
        yield Skip(name, "gzip inside gzip; decompress it first")
        return
    yield from _read_stream(name, _Prefixed(head, unpacked), inner, settings)


def _read_up_to(stream: IO[bytes], size: int) -> bytes:
    """Read until `size` bytes or the end: raw and compressed streams may return less per call."""
    chunks, total = [], 0
    while total < size:
        chunk = stream.read(min(size - total, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


class _Prefixed(io.RawIOBase):
    """A stream that replays bytes already read (to sniff the format) before the rest of it."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
