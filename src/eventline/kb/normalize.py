"""Length-preserving text folding for matching names across scripts and spellings.

Every character is mapped to at most one character, so an offset into the folded text is the
same offset into the original text: matches found on folded text are quoted from the original.
Folding does NFKC (full-width to half-width), case folding, Japanese shinjitai and traditional
Chinese to simplified Chinese (浜/濱 -> 滨, 國 -> 国), and unifies name separators (・ · • ‧).
Diacritics are kept: Vietnamese "Mỹ" (the United States) must not become "my".
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

#: separators used between the parts of a transliterated name, folded to one
NAME_SEPARATORS = "\u30fb\u00b7\u2022\u2027\uff65\u2219\u22c5\u318d"
#: dashes and hyphens, folded to "-"
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uff0d"
#: code point ranges whose characters may be folded (Latin, Greek, Cyrillic, CJK, full-width)
_RANGES = (
    (0x0041, 0x024F), (0x0370, 0x052F), (0x1E00, 0x1EFF), (0x2000, 0x206F),
    (0x3000, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xFF00, 0xFFEF),
)


def _fold_char(ch: str, han: "object") -> str:
    """The folded form of one character, or the character itself when folding would change length."""
    if ch == "\u30fc":  # the katakana long-vowel mark is part of names, never a dash
        return ch
    if ch in NAME_SEPARATORS:
        return "\u00b7"
    if ch in DASHES:
        return "-"
    out = unicodedata.normalize("NFKC", ch)
    if len(out) != 1:
        return ch
    low = out.lower()
    if len(low) == 1:
        out = low
    if 0x3400 <= ord(out) <= 0x9FFF or 0xF900 <= ord(out) <= 0xFAFF:
        folded = han(out)  # type: ignore[operator]
        if len(folded) == 1:
            out = folded
    return out


@lru_cache(maxsize=1)
def fold_table() -> dict[int, str]:
    """The translate table: built once per process (about 30k entries, ~0.3 s)."""
    import opencc

    jp2t = opencc.OpenCC("jp2t")
    t2s = opencc.OpenCC("t2s")

    def han(c: str) -> str:
        simplified = t2s.convert(c)
        if simplified != c:
            return simplified
        return t2s.convert(jp2t.convert(c))  # Japanese shinjitai: 浜 -> 濱 -> 滨

    table: dict[int, str] = {}
    for lo, hi in _RANGES:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            folded = _fold_char(ch, han)
            if folded != ch:
                table[cp] = folded
    return table


def fold(text: str) -> str:
    """Fold `text` for matching; `len(fold(text)) == len(text)` always holds."""
    if len(text) < _ARRAY_FOLD_MIN:
        return text.translate(fold_table())
    import numpy as np

    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    bmp = points < 0x10000
    out = points.copy()
    out[bmp] = _fold_array()[points[bmp]]  # the same as text.translate(fold_table()), for long texts faster
    return out.tobytes().decode("utf-32-le", "surrogatepass")


#: texts at least this long are folded through a numpy lookup table (short ones: str.translate)
_ARRAY_FOLD_MIN = 256


@lru_cache(maxsize=1)
def _fold_array():  # type: ignore[no-untyped-def]
    """`fold_table` as an array indexed by code point (the Basic Multilingual Plane)."""
    import numpy as np

    arr = np.arange(0x10000, dtype="<u4")
    for cp, folded in fold_table().items():
        if cp < 0x10000:
            arr[cp] = ord(folded)
    return arr


def key(name: str) -> str:
    """The lookup form of a whole name: folded, with runs of spaces collapsed and ends stripped."""
    return " ".join(fold(name).split())


def script_of(ch: str) -> str:
    """A coarse script class of one character: latin, han, kana, hangul, digit, space or other."""
    cp = ord(ch)
    if ch.isspace():
        return "space"
    if ch.isdigit():
        return "digit"
    if cp < 0x250 or 0x1E00 <= cp <= 0x1EFF:
        return "latin" if ch.isalpha() else "other"
    if 0x3040 <= cp <= 0x30FF or 0x31F0 <= cp <= 0x31FF:
        return "kana"
    if 0x3400 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF:
        return "han"
    if 0xAC00 <= cp <= 0xD7AF or 0x1100 <= cp <= 0x11FF or 0x3130 <= cp <= 0x318F:
        return "hangul"
    if ch.isalpha():
        return "alpha"
    return "other"


def is_wordchar(ch: str) -> bool:
    """True for characters that continue a Latin/Cyrillic/... word (letters, digits, combining marks)."""
    return ch.isalnum() or unicodedata.category(ch) == "Mn"
