"""`clean_text`: raw page text in, the article text out, with every removal and its reason."""

from __future__ import annotations

from dataclasses import dataclass, field

from eventline.document import Removal
from eventline.pipeline.clean.cues import get_cues
from eventline.pipeline.clean.features import is_prose
from eventline.pipeline.clean.furniture import (
    LineMeta, classify_line, cut_read_more, mark_closing_byline, mark_heading_blocks, mark_runs,
)
from eventline.pipeline.clean.lines import Line, assemble, split_lines
from eventline.pipeline.clean.metadata import find_author, find_date, find_sources, find_title
from eventline.pipeline.clean.repeats import mark_repeats, repair_doubled_phrases

NO_ARTICLE = "no article text found: the page holds only links, headlines or page furniture"


@dataclass(slots=True)
class CleanResult:
    """The cleaned article text and what cleaning found and removed.

    `removed` offsets index the raw text given to `clean_text`. `published` is YYYY-MM-DD,
    `published_time` hh:mm, `published_from` says where the date was read ("text:<line>").
    """

    text: str
    removed: list[Removal] = field(default_factory=list)
    title: str | None = None
    published: str | None = None
    published_time: str | None = None
    published_from: str | None = None
    author: str | None = None
    cited_sources: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def clean_text(raw: str, language: str | None = None) -> CleanResult:
    """Clean one page of plain text: remove furniture and repeats, read its metadata.

    The cues of every language are applied (pages mix languages); `language`, when known, only
    puts its own patterns first. Cleaning only deletes (see `lines`), so it never invents text,
    and cleaning the result again changes nothing.
    """
    cues = get_cues(language)
    lines, invisible = split_lines(raw)
    notes: list[str] = []
    if invisible:
        notes.append(f"{invisible} control or invisible characters removed")

    metas: dict[int, LineMeta] = {}
    headings: dict[int, str] = {}
    for i, line in enumerate(lines):
        cut_read_more(line, cues)
        repair_doubled_phrases(line)
        if line.reason is not None or not line.view:
            line.reason = line.reason or "empty"
            continue
        reason, heading, meta = classify_line(line, cues)
        line.reason = reason
        if heading is not None:
            headings[i] = heading
        if meta is not None:
            metas[i] = meta
    mark_heading_blocks(lines, headings)
    mark_repeats(lines)
    mark_runs(lines, cues)
    closing = mark_closing_byline(lines, cues)
    if closing is not None:
        metas[next(i for i in range(len(lines) - 1, -1, -1) if lines[i].reason == "byline")] = closing
    if lines and not any(line.reason is None and is_prose(line.view) for line in lines):
        for line in lines:
            if line.reason is None:
                line.reason = "no-article"
        notes.append(NO_ARTICLE)

    text, placed = assemble(lines)
    published, published_time, published_from = find_date(lines, metas, cues, notes)
    return CleanResult(
        text=text,
        removed=_removals(lines, raw),
        title=find_title(lines),
        published=published,
        published_time=published_time,
        published_from=published_from,
        author=find_author(lines, metas, cues),
        cited_sources=find_sources(lines, text, placed, cues),
        notes=notes,
    )


def _removals(lines: list[Line], raw: str) -> list[Removal]:
    """Every removed span with its reason; consecutive removed lines with one reason become one."""
    out: list[Removal] = []
    open_reason: str | None = None
    for line in lines:
        if line.reason is not None and line.reason != "empty":
            start, end = line.raw_offset(0), line.end
            if open_reason == line.reason and out:
                out[-1].end = end
            else:
                out.append(Removal(start, end, line.reason))
            open_reason = line.reason
            continue
        if line.reason is None:
            open_reason = None
        for cut_start, cut_end, reason in sorted(line.cuts):
            start = line.raw_offset(cut_start)
            end = line.raw_offset(cut_end) if cut_end < len(line.text) else line.end
            if end > start and raw[start:end].strip():
                out.append(Removal(start, end, reason))
    for removal in out:
        removal.text = raw[removal.start:removal.end]
    out.sort(key=lambda r: r.start)
    return out
