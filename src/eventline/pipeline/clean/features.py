"""Cheap, script-aware measures of a line: how long it is as text, whether it reads as prose.

CJK and Hangul carry about as much per character as 2.5 Latin characters, so sizes are given
in "units": one dense (CJK/Hangul) character, or 2.5 other non-space characters.
"""

from __future__ import annotations

import re
from functools import lru_cache

DENSE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
#: a sentence end, possibly inside closing quotes or brackets ("…した。」", 'said.")')
SENTENCE_END = re.compile(r"[。．.!?！？…](?:[」』”\"’')）\]】]*)$")
#: a list bullet or item number at the start of a line
BULLET = re.compile(r"^(?:[-–—•・●◆◇■□▶►▸▪*※+>»]|\d{1,2}[.)、．]|[①-⑳]|\(\d{1,2}\))\s*")

#: a line of at least this many units that ends a sentence reads as prose
PROSE_MIN_UNITS = 16.0
#: a line of at least this many units reads as prose whatever its ending
LONG_UNITS = 60.0


@lru_cache(maxsize=8192)
def units(text: str) -> float:
    """Size of `text` in units (see module docstring)."""
    dense = DENSE.subn("", text)[1] if len(text) < 20000 else len(text)
    other = len(text) - dense - text.count(" ")
    return dense + max(other, 0) / 2.5


def is_dense(text: str) -> bool:
    """True when most of the line is CJK or Hangul."""
    head = text[:400]
    return DENSE.subn("", head)[1] * 2 >= len(head)


def is_prose(text: str) -> bool:
    """True for a line that reads as article text: a long line, or a sentence of some length."""
    size = units(text)
    if size >= LONG_UNITS:
        return True
    return size >= PROSE_MIN_UNITS and SENTENCE_END.search(text) is not None and not BULLET.match(text)


def is_bulleted(text: str) -> bool:
    return BULLET.match(text) is not None


def repeat_key(text: str) -> str:
    """The form two lines must share to be the same line printed twice."""
    return "".join(text.split()).casefold()  # split() drops exactly what \s matches, faster
