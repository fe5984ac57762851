"""Lines of a raw page with exact offsets, and the assembly of the cleaned text from them.

Cleaning only ever deletes: the cleaned text is the raw text with removed spans, invisible
characters (C0/C1 controls except tab, zero-width space, BOM, lone surrogates) and outer
whitespace of each line deleted. The only characters it adds are the joins between kept lines:
"\n" between lines, "\n\n" where the raw text had a blank line between them (a paragraph break).
Any line break of the raw text (\r\n, \r, \x0b, \x0c, \x85, U+2028, U+2029) counts as one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: (A character class first, "\r\n" as "\r" + an optional "\n": the engine then skips ahead fast.)
LINE_BREAK = re.compile(r"[\n\r\x0b\x0c\x85\u2028\u2029](?:(?<=\r)\n)?")
INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u200b\ufeff\ud800-\udfff]+")


@dataclass(slots=True)
class Line:
    """One non-blank raw line: its visible text, where each character sits in the raw text, and
    what cleaning decided about it.

    `cuts` are spans of `text` removed inside a kept line (a read-more link, a doubled phrase).
    """

    text: str
    start: int  # raw offset of text[0]
    index_map: list[int] | None  # raw offset of each character when the line held invisible ones
    blank_before: bool  # a blank raw line separates it from the previous non-blank line
    reason: str | None = None
    cuts: list[tuple[int, int, str]] = field(default_factory=list)
    view: str = ""  # the text as it will be printed: cuts applied, outer whitespace stripped

    def raw_offset(self, i: int) -> int:
        """Raw offset of text[i] (i may be len(text): one past the last character)."""
        if self.index_map is None:
            return self.start + i
        if i >= len(self.text):
            return self.index_map[-1] + 1 if self.index_map else self.start
        return self.index_map[i]

    @property
    def end(self) -> int:
        return self.raw_offset(len(self.text))

    @property
    def kept(self) -> bool:
        return self.reason is None


def split_lines(raw: str) -> tuple[list[Line], int]:
    """The non-blank lines of `raw`, stripped, and the number of invisible characters dropped."""
    lines: list[Line] = []
    invisible = 0
    blank_pending = False
    pos = 0
    breaks = [(m.start(), m.end()) for m in LINE_BREAK.finditer(raw)]
    breaks.append((len(raw), len(raw)))
    any_invisible = INVISIBLE.search(raw) is not None  # most pages have none: skip the per-line search
    for brk_start, brk_end in breaks:
        segment = raw[pos:brk_start]
        seg_start = pos
        pos = brk_end
        index_map: list[int] | None = None
        if any_invisible and INVISIBLE.search(segment):
            index_map = []
            kept_chars: list[str] = []
            last = 0
            for m in INVISIBLE.finditer(segment):
                kept_chars.append(segment[last:m.start()])
                index_map.extend(range(seg_start + last, seg_start + m.start()))
                invisible += m.end() - m.start()
                last = m.end()
            kept_chars.append(segment[last:])
            index_map.extend(range(seg_start + last, seg_start + len(segment)))
            segment = "".join(kept_chars)
        stripped = segment.strip()
        if not stripped:
            blank_pending = bool(lines)
            continue
        lead = len(segment) - len(segment.lstrip())
        if index_map is not None:
            index_map = index_map[lead:lead + len(stripped)]
            line = Line(stripped, index_map[0], index_map, blank_pending)
        else:
            line = Line(stripped, seg_start + lead, None, blank_pending)
        line.view = stripped
        lines.append(line)
        blank_pending = False
    return lines, invisible


def apply_cuts(line: Line) -> None:
    """Recompute `line.view` from its text and cuts."""
    line.view = unstripped_view(line).strip() if line.cuts else line.text


def _kept_pieces(line: Line) -> list[tuple[int, int]]:
    """(start, end) in `line.text` of the pieces no cut covers, in order (the last one may be empty)."""
    pieces: list[tuple[int, int]] = []
    last = 0
    for start, end, _ in sorted(line.cuts):
        if start > last:
            pieces.append((last, start))
        last = max(last, end)
    pieces.append((last, len(line.text)))
    return pieces


def view_to_text(line: Line, view_positions: list[int]) -> list[int]:
    """Map positions in the unstripped concatenation of kept pieces back to positions in `line.text`."""
    pieces = _kept_pieces(line)
    out: list[int] = []
    for pos in view_positions:
        acc = 0
        for a, b in pieces:
            if pos < acc + (b - a) or (a, b) == pieces[-1]:
                out.append(a + (pos - acc))
                break
            acc += b - a
    return out


def unstripped_view(line: Line) -> str:
    """The kept pieces of the line joined, before outer whitespace is stripped."""
    return "".join(line.text[a:b] for a, b in _kept_pieces(line))


def assemble(lines: list[Line]) -> tuple[str, list[tuple[int, Line]]]:
    """The cleaned text (kept line views joined by "\n", or "\n\n" across a raw blank line), and
    where each kept line starts in it."""
    out: list[str] = []
    placed: list[tuple[int, Line]] = []
    pos = 0
    paragraph_break = False
    for line in lines:
        paragraph_break = paragraph_break or line.blank_before
        if line.reason is not None or not line.view:
            continue
        if out:
            join = "\n\n" if paragraph_break else "\n"
            out.append(join)
            pos += len(join)
        placed.append((pos, line))
        out.append(line.view)
        pos += len(line.view)
        paragraph_break = False
    return "".join(out), placed
