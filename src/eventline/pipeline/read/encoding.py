"""Bytes to text: find the encoding a document was written in, verify it, and say how it was found.

Order of evidence: a byte-order mark, then a declared charset (HTTP header, HTML meta, XML
declaration) that the bytes actually satisfy, then strict UTF-8, then charset-normalizer
restricted to the legacy encodings news in our languages is really published in. Invalid bytes in
otherwise good text are replaced and counted, never silently dropped.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field

#: Byte-order marks, longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Charset labels as web pages write them, mapped to the Python codec that decodes what such
#: pages really contain (the WHATWG Encoding Standard's rule: a label names its superset, so
#: "shift_jis" pages with NEC symbols and "gb2312" pages with GBK characters still decode).
LABELS: dict[str, str] = {
    **dict.fromkeys(("shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "csshiftjis",
                     "windows-31j", "ms932", "cp932"), "cp932"),
    **dict.fromkeys(("euc-jp", "eucjp", "x-euc-jp", "cseucpkdfmtjapanese"), "euc_jp"),
    **dict.fromkeys(("iso-2022-jp", "csiso2022jp"), "iso2022_jp"),
    **dict.fromkeys(("gb2312", "gbk", "gb18030", "x-gbk", "cp936", "chinese", "csgb2312",
                     "euc-cn", "iso-ir-58", "windows-936"), "gb18030"),
    **dict.fromkeys(("big5", "big5-hkscs", "cn-big5", "x-x-big5", "csbig5", "cp950"), "big5hkscs"),
    **dict.fromkeys(("euc-kr", "cp949", "windows-949", "ks_c_5601-1987", "ks_c_5601-1989",
                     "ksc5601", "ksc_5601", "korean", "csksc56011987", "iso-ir-149",
                     "cseuckr"), "cp949"),
    **dict.fromkeys(("iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "cp819",
                     "us-ascii", "ascii", "windows-1252", "cp1252", "x-cp1252"), "cp1252"),
    **dict.fromkeys(("windows-1258", "cp1258", "x-cp1258"), "cp1258"),
    **dict.fromkeys(("iso-8859-9", "latin5", "windows-1254", "cp1254"), "cp1254"),
    **dict.fromkeys(("tis-620", "iso-8859-11", "windows-874", "cp874"), "cp874"),
    **dict.fromkeys(("utf-8", "utf8", "unicode-1-1-utf-8"), "utf-8"),
}

#: What charset-normalizer may choose from when nothing is declared. Restricting it keeps short
#: texts from being "detected" as an exotic code page that happens to decode them.
#: Order is the preference when two candidates give the very same text.
DETECT_CANDIDATES: tuple[str, ...] = (
    "cp932", "euc_jp", "gb18030", "big5hkscs", "cp949", "cp1252", "cp1258",
    "cp1250", "cp1251", "cp1254",
)

#: Above this share of replaced characters the input is garbage, not text with a few bad bytes.
MAX_REPLACED_SHARE = 0.05
#: Above this share of implausible characters (see `_rare_share`) a best-effort reading is noise.
MAX_RARE_SHARE = 0.15

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""", re.I)
_ISO2022_ESCAPES = (b"\x1b$B", b"\x1b$@", b"\x1b(J", b"\x1b(I")
_SINGLE_BYTE = frozenset({"cp1252", "cp1258", "cp1254", "cp874", "cp1250", "cp1251", "cp1253",
                          "cp1256", "koi8_r"})


@dataclass(slots=True)
class Decoded:
    """Text decoded from bytes, the codec used, how it was chosen, and what went wrong on the way."""

    text: str
    encoding: str
    how: str  # "bom", "declared", "utf-8", "detected", "best-effort"
    replaced: int = 0
    notes: list[str] = field(default_factory=list)


def codec_for(label: str | None) -> str | None:
    """The Python codec for a charset label as found in the wild, or None if it is unknown."""
    if not label:
        return None
    key = label.strip().strip("\"'").lower()
    if key in LABELS:
        return LABELS[key]
    try:
        return codecs.lookup(key).name
    except LookupError:
        return None


def declared_charset(head: bytes) -> str | None:
    """The charset the document declares about itself (XML declaration or HTML meta), if any."""
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii", "replace") if match else None


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _with_replacement(data: bytes, codec: str) -> tuple[str, int]:
    """Decode replacing bad bytes; also count them (U+FFFD already in the source is not counted)."""
    text = data.decode(codec, errors="replace")
    own = data.decode(codec, errors="ignore").count("\ufffd")
    return text, text.count("\ufffd") - own


def _finish(text: str, codec: str) -> str:
    # Windows-1258 stores Vietnamese tone marks as separate combining characters; composing them
    # gives back the letters the writer typed, the form every other input arrives in.
    if codec == "cp1258":
        return unicodedata.normalize("NFC", text)
    return text


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII-heavy text then has a NUL in every other byte."""
    sample = data[:4096]
    if len(sample) < 8 or len(sample) % 2:
        return None
    even = sample[0::2].count(0) / (len(sample) / 2)
    odd = sample[1::2].count(0) / (len(sample) / 2)
    if odd > 0.4 and even < 0.05:
        return "utf-16-le"
    if even > 0.4 and odd < 0.05:
        return "utf-16-be"
    return None


def sniff_utf16(data: bytes) -> bool:
    """True when the bytes are UTF-16 text without a BOM (so NUL bytes do not mean binary)."""
    codec = _looks_utf16(data)
    return codec is not None and _plausible(_strict(data, codec))


def _plausible(text: str | None) -> bool:
    """Decoded text that is text: almost no control characters other than line breaks and tabs."""
    if not text:
        return False
    controls = sum(1 for c in text[:4096] if c < " " and c not in "\t\n\r\f")
    return controls <= 0.01 * min(len(text), 4096)


def _rare_share(text: str) -> float:
    """Share of non-ASCII characters that a wrong legacy decoding typically produces.

    Hangul outside KS X 1001's 2,350 common syllables, half-width katakana, private-use and
    Han characters outside every national standard's basic set are what Shift_JIS bytes look like
    when read as CP949, or Big5 bytes read as GBK; real text rarely has them.
    """
    wide = [c for c in text if ord(c) > 0x7F]
    if not wide:
        return 0.0
    rare = 0
    for c in wide:
        o = ord(c)
        if 0xAC00 <= o <= 0xD7A3:
            rare += _not_encodable(c, ("euc_kr",))
        elif 0xFF61 <= o <= 0xFF9F or 0xE000 <= o <= 0xF8FF or o == 0xFFFD:
            rare += 1
        elif 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF:
            rare += _not_encodable(c, ("gb2312", "big5", "euc_jp", "euc_kr"))
    return rare / len(wide)


def _not_encodable(char: str, codecs_: tuple[str, ...]) -> int:
    """1 when no codec in `codecs_` has `char` as a plain two-byte code (Python's euc_kr also
    spells rare syllables as 8-byte make-up sequences; those do not count as basic)."""
    for name in codecs_:
        try:
            if len(char.encode(name)) == 2:
                return 0
        except UnicodeEncodeError:
            continue
    return 1


def _detect(data: bytes) -> Decoded | None:
    """Legacy-encoding detection among DETECT_CANDIDATES; None when none decodes the bytes cleanly."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data, cp_isolation=list(DETECT_CANDIDATES)))
    if not matches:
        return None
    ranked = []
    for order, match in enumerate(matches):
        codec = codec_for(match.encoding) or match.encoding
        text = _strict(data, codec)
        if text is None:
            continue
        ranked.append((round(_rare_share(text), 1), order, codec, text))
    if not ranked:
        return None
    ranked.sort(key=lambda r: (r[0], r[1]))
    _, _, codec, text = ranked[0]
    # Two code pages often agree on a given text (English in cp1250 and cp1252): report the
    # more common one, since the text is the same either way.
    for preferred in DETECT_CANDIDATES:
        if preferred == codec:
            break
        if _strict(data, preferred) == text:
            codec = preferred
            break
    return Decoded(_finish(text, codec), codec, "detected")


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded | str:
    """Decode `data`; return the text, or a one-line reason why the bytes are not text.

    `declared` is a charset from outside the bytes (an HTTP header); declarations inside the
    document are found here. A declaration is only trusted when the bytes decode under it.
    """
    for bom, codec in BOMS:
        if data.startswith(bom):
            text, bad = _with_replacement(data[len(bom):], codec)
            return _accept(text, codec, "bom", bad, len(data))

    utf16 = _looks_utf16(data)
    if utf16:
        text = _strict(data, utf16)
        if text is not None and _plausible(text):
            return Decoded(text, utf16, "utf-16 without BOM")

    if any(esc in data for esc in _ISO2022_ESCAPES):
        text = _strict(data, "iso2022_jp_ext")
        if text is not None:
            return Decoded(text, "iso2022_jp", "escape sequences")

    notes: list[str] = []
    utf8 = _strict(data, "utf-8")
    for label in (declared, declared_charset(data[:4096])):
        codec = codec_for(label)
        if label and codec is None:
            notes.append(f"unknown charset {label!r} declared; ignored")
            continue
        if codec is None or codec.startswith("utf-16") or codec.startswith("utf-32"):
            continue
        text = _strict(data, codec)
        if text is None:
            notes.append(f"declared charset {label!r} does not fit the bytes; ignored")
            continue
        if codec in _SINGLE_BYTE and utf8 is not None and not data.isascii():
            # A single-byte code page decodes anything; valid multi-byte UTF-8 is far likelier
            # to be the truth than a mislabelled page that happens to be valid UTF-8.
            notes.append(f"declared charset {label!r} but the bytes are UTF-8; read as UTF-8")
            break
        return Decoded(_finish(text, codec), codec, "declared", notes=notes)

    if utf8 is not None:
        return Decoded(utf8, "utf-8", "utf-8", notes=notes)

    # UTF-8 text damaged in a few places: many valid multi-byte sequences, few invalid ones.
    # (A few stray high bytes in plain ASCII are more likely a single-byte code page.)
    text, bad = _with_replacement(data, "utf-8")
    valid_wide = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
    if valid_wide >= 4 * bad:
        result = _accept(text, "utf-8", "utf-8 with errors", bad, len(data))
        if isinstance(result, Decoded):
            result.notes[:0] = notes
            return result

    detected = _detect(data)
    if detected is not None:
        detected.notes[:0] = notes
        return detected

    # Nothing decodes cleanly: take the reading with fewest bad bytes, if it is mostly text.
    best = min(
        (_with_replacement(data, codec) + (codec,) for codec in ("utf-8",) + DETECT_CANDIDATES[:5]),
        key=lambda r: r[1],
    )
    text, bad, codec = best
    # Legacy multi-byte code pages decode almost any bytes into something, so a reading that
    # needed replacements must also be nearly clean and made of common characters.
    if _rare_share(text) > MAX_RARE_SHARE or bad > 0.01 * len(text):
        return (
            f"mostly undecodable: no encoding gives plausible text (best: {codec}, with "
            f"{bad} invalid sequences in {len(data)} bytes); is this really a text file?"
        )
    result = _accept(_finish(text, codec), codec, "best-effort", bad, len(data))
    if isinstance(result, Decoded):
        result.notes[:0] = notes
    return result


def _accept(text: str, codec: str, how: str, bad: int, size: int) -> Decoded | str:
    if bad and bad > MAX_REPLACED_SHARE * max(len(text), 1):
        return (
            f"mostly undecodable: {bad} invalid sequences in {size} bytes even as {codec}; "
            "this does not look like text in a known encoding"
        )
    notes = [f"{bad} invalid byte sequence(s) replaced with U+FFFD (read as {codec})"] if bad else []
    return Decoded(text, codec, how, bad, notes)
