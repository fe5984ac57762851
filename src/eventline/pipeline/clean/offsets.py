"""Mapping raw offsets to offsets in the cleaned text.

Cleaning only deletes (see `lines`), so a raw position lands in the cleaned text after the kept
characters before it: its raw offset less the removed characters before it. Lines' outer
whitespace and blank lines are dropped too without a Removal, so the answer can run a few
characters past the true position, never before it; callers that need a line boundary snap
back to the start of the line.
"""

from __future__ import annotations

from typing import Iterable

from eventline.document import Removal

__all__ = ["kept_offset"]


def kept_offset(removed: Iterable[Removal], raw_offset: int) -> int:
    """The offset in the cleaned text of the raw position `raw_offset`.

    A position inside a removed piece maps to where that piece was (the offset of the first kept
    character after it). Overlapping or unsorted removals are counted once.
    """
    dropped = 0
    covered_to = 0
    for r in sorted(removed, key=lambda r: r.start):
        if r.start >= raw_offset:
            break
        start = max(r.start, covered_to)
        end = min(r.end, raw_offset)
        if end > start:
            dropped += end - start
        covered_to = max(covered_to, r.end)
    return max(0, raw_offset - dropped)
