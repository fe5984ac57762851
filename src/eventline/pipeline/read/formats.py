"""What kind of input a file is: by its name first, by its first bytes when the name is not enough.

Also recognises binary files by their magic numbers, so a stray PDF in a folder of articles is
skipped with a reason instead of being decoded into noise.
"""

from __future__ import annotations

import re
from typing import Literal

Kind = Literal["txt", "html", "json", "jsonl", "warc", "feed", "gzip", "xml"]

#: File name endings eventline reads, and the reader each one goes to. ".xml" is sniffed: it may
#: be a feed or XHTML.
EXTENSIONS: dict[str, Kind] = {
    ".txt": "txt", ".html": "html", ".htm": "html", ".json": "json", ".jsonl": "jsonl",
    ".warc": "warc", ".warc.gz": "warc", ".rss": "feed", ".atom": "feed", ".xml": "xml",
}

SUPPORTED_MESSAGE = "eventline reads .txt .html .htm .json .jsonl .warc .warc.gz .rss .atom .xml"

#: Magic numbers of binary formats people drop into input folders, and their names for a reason.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"), (b"GIF89a", "GIF"),
    (b"PK\x03\x04", "ZIP or an Office document"), (b"PK\x05\x06", "ZIP"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"\x1f\x8b", "gzip-compressed data; decompress it first"),
    (b"BZh", "bzip2-compressed data; decompress it first"),
    (b"\xfd7zXZ\x00", "xz-compressed data; decompress it first"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"RIFF", "RIFF media (WAV, AVI or WebP)"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"wOFF", "a web font"), (b"wOF2", "a web font"),
    (b"\x00asm", "WebAssembly"),
)

_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27)) + b"\x7f"
_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:rdf)[\s>]", re.I)
_HTML_START = re.compile(rb"<(!doctype\s+html|html|head|body|meta|title|div|p|article)[\s>/]", re.I)


def kind_from_name(name: str) -> Kind | None:
    """The kind given by a file name's ending, or None when eventline does not read that ending."""
    lower = name.lower()
    if lower.endswith(".warc.gz"):
        return "warc"
    dot = lower.rfind(".")
    if dot <= lower.rfind("/"):
        return None
    return EXTENSIONS.get(lower[dot:])


def extension_of(name: str) -> str:
    """The ending to show in an 'unsupported file type' message ('' for none)."""
    base = name.rsplit("/", 1)[-1].lower()
    if base.endswith(".gz") and base.count(".") >= 2:
        return base[base.rindex(".", 0, len(base) - 3):]
    return base[base.rfind("."):] if "." in base.lstrip(".") else ""


def binary_kind(head: bytes) -> str | None:
    """Name of the binary format `head` starts with, 'binary data' for unnamed binary, else None.

    Text may hold a stray NUL or control byte (we drop those later); binary has many.
    """
    for magic, name in MAGIC:
        if head.startswith(magic):
            return name
    if head.startswith(b"MZ") and b"\x00" in head[:64]:
        return "a Windows executable"
    if head[4:8] == b"ftyp":
        return "MP4 media"
    sample = head[:8192]
    if not sample:
        return None
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    nuls = sample.count(0)
    if (nuls >= 4 and nuls > 0.01 * len(sample)) or controls > 0.1 * len(sample):
        return "binary data"
    return None


def sniff(head: bytes) -> Kind:
    """The kind of an input from its first bytes: for stdin, names without an ending, and .xml."""
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith(b"WARC/"):
        return "warc"
    body = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if body.startswith(b"["):
        return "json"
    if body.startswith(b"{"):
        return "jsonl" if _first_line_is_object(body) else "json"
    lowered = body[:4096].lower()
    if _FEED_ROOT.search(lowered):
        return "feed"
    if _HTML_START.search(lowered[:1024]) or b"<html" in lowered:
        return "html"
    if lowered.startswith(b"<?xml"):
        return "xml"
    return "txt"


def _first_line_is_object(body: bytes) -> bool:
    """True when the first line is a complete JSON object: the mark of JSON Lines."""
    import json

    line = body.split(b"\n", 1)[0]
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False
