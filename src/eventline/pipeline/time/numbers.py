"""Numbers as dates write them: full-width digits and CJK numerals, read without moving offsets.

Matching runs on a copy of the text where full-width ASCII (０-９, ／, ：, （ ...) is folded to ASCII
one character for one character, so every offset found in the copy is an offset in the original.
CJK numerals (二〇二四, 三十, 十二) are left in place and read by `to_int` when a pattern captured them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

#: Full-width ASCII block (U+FF01..U+FF5E) to ASCII, plus the ideographic space; lengths are kept.
_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FOLD[0x3000] = 0x20
_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]+")


def fold_width(text: str) -> str:
    """The text with full-width ASCII folded to ASCII, same length, so offsets carry over."""
    # only the full-width runs are translated: a per-character table lookup over the whole text
    # costs more than finding the few runs a page has
    return _FULL_WIDTH.sub(lambda m: m.group().translate(_FOLD), text)


def to_int(token: str, digits: Mapping[str, int], units: Mapping[str, int]) -> int | None:
    """The integer a numeral spells, or None when it is not one.

    ASCII digits are read as usual. A run of CJK digit characters without unit characters is
    positional ("二〇二四" -> 2024); with units it is additive ("三十一" -> 31, "十二" -> 12).
    `digits` and `units` come from the language data (`numerals`, `numeral_units`).
    """
    if not token:
        return None
    if token.isascii():
        return int(token) if token.isdigit() else None
    if all(ch in digits for ch in token):
        value = 0
        for ch in token:
            value = value * 10 + digits[ch]
        return value
    total, current = 0, 0
    for ch in token:
        if ch in digits:
            current = digits[ch]
        elif ch in units:
            total += (current or 1) * units[ch]
            current = 0
        else:
            return None
    return total + current
