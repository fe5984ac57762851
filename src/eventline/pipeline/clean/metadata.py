"""What the page says about itself: title, publication date and time, author, cited sources."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

from eventline.pipeline.clean.cues import Cues
from eventline.pipeline.clean.features import DENSE, SENTENCE_END, is_prose, units
from eventline.pipeline.clean.furniture import CITING, LineMeta
from eventline.pipeline.clean.lines import Line
from eventline.pipeline.clean.outlets import find_urls, outlets_in_text, outlets_in_url

_LABEL = re.compile(r"^\D*")
_TITLE_MAX_UNITS = 100
_NAME_WINDOW = 40
_CLAUSE_STOPS = "、。,，.;；:：!?！？「」『』“”\"()（）\n"


@dataclass(slots=True)
class PageMeta:
    title: str | None = None
    published: str | None = None
    published_time: str | None = None
    published_from: str | None = None
    author: str | None = None
    cited_sources: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def find_title(lines: list[Line]) -> str | None:
    """The first kept line, when it reads as a headline rather than a paragraph."""
    for line in lines:
        if line.reason is not None or not line.view:
            continue
        text = line.view
        size = units(text)
        if size > _TITLE_MAX_UNITS or size < 2:
            return None
        if SENTENCE_END.search(text) and text[-1] in "。．." and is_prose(text):
            return None
        return text
    return None


def find_date(lines: list[Line], metas: dict[int, LineMeta], cues: Cues, notes: list[str]) -> tuple[str | None, str | None, str | None]:
    """(YYYY-MM-DD, hh:mm, "text:<line>") from the page's date line, else from an attribution line.

    Date lines that recur with the same label between blocks of text ("公開日:…" above each quoted
    item) date the items, not the page, and are not used.
    """
    dated = [(i, metas[i]) for i, line in enumerate(lines) if line.reason == "date-line" and i in metas]
    if dated:
        label_of = {i: _LABEL.match(lines[i].view).group(0).strip() for i, _ in dated}
        first_label = label_of[dated[0][0]]
        same = [i for i, _ in dated if label_of[i] == first_label]
        spread = len(same) >= 2 and any(
            any(lines[k].reason is None for k in range(a + 1, b)) for a, b in zip(same, same[1:])
        )
        if spread:
            notes.append(f"{len(same)} date lines labelled {first_label!r} date the items of a list, not the page")
            dated = [(i, m) for i, m in dated if label_of[i] != first_label]
        for i, meta in dated:
            value = _date_value(meta.groups, cues)
            if value is not None:
                return value[0], value[1], "text:" + lines[i].view
    for i, line in enumerate(lines):
        meta = metas.get(i)
        if meta is not None and meta.kind == "source" and meta.groups.get("y"):
            value = _date_value(meta.groups, cues)
            if value is not None:
                return value[0], None, "text:" + line.view
    return None, None, None


def _date_value(groups: dict[str, str | None], cues: Cues) -> tuple[str, str | None] | None:
    try:
        year = int(groups["y"] or "")
        if groups.get("mon"):
            month = cues.months.get((groups["mon"] or "").casefold().rstrip("."))
            if month is None:
                return None
        else:
            month = int(groups.get("m") or "")
        day = int(groups.get("d") or "")
        date = dt.date(year, month, day)
    except (KeyError, ValueError, TypeError):
        return None
    time = None
    if groups.get("H") and groups.get("M"):
        hour, minute = int(groups["H"] or 0), int(groups["M"] or 0)
        if groups.get("pm") and hour < 12:
            hour += 12
        elif groups.get("am") and hour == 12:
            hour = 0
        if hour < 24 and minute < 60:
            time = f"{hour:02d}:{minute:02d}"
    return date.isoformat(), time


def find_author(lines: list[Line], metas: dict[int, LineMeta], cues: Cues) -> str | None:
    """The author named by a byline line, else by a dateline at the start of the first paragraphs."""
    for i, line in enumerate(lines):
        meta = metas.get(i)
        if meta is not None and meta.kind == "byline" and line.reason == "byline":
            author = (meta.groups.get("author") or "").strip()
            if author:
                return author
    kept = [line for line in lines if line.reason is None][:4]
    for line in kept:
        for pattern in cues.inline_bylines:
            m = pattern.search(line.view)
            if m and (m.groupdict().get("author") or "").strip():
                return m.group("author").strip()
    return None


def find_sources(lines: list[Line], text: str, placed: list[tuple[int, Line]], cues: Cues) -> list[str]:
    """Outlets the page says it took its content from, in the order the page names them.

    From removed attribution lines, bylines, read-more links, bare URLs and reference blocks
    (every alias and URL in them), and from attribution phrases in the kept text ("据…报道",
    "(theo …)", "(Reuters) -") whose words name a known outlet.
    """
    found: list[tuple[int, str]] = []
    for line in lines:
        pieces: list[tuple[int, str]] = []
        if line.reason in CITING:
            pieces.append((line.start, line.view if line.view else line.text))
        for start, end, reason in line.cuts:
            if reason in CITING:
                pieces.append((line.raw_offset(start), line.text[start:end]))
        for base, piece in pieces:
            for offset, name in outlets_in_text(piece):
                found.append((base + offset, name))
            for start, _end, url in find_urls(piece):
                for name in outlets_in_url(url):
                    found.append((base + start, name))
    # attribution phrases in the kept text: positions are mapped to raw through the kept lines
    starts = [pos for pos, _ in placed]
    raws = [line.start for _, line in placed]
    for pattern in cues.citations:
        for m in pattern.finditer(text):
            src = m.groupdict().get("src")
            if not src:
                continue
            raw_pos = _to_raw(m.start("src"), starts, raws)
            for offset, name in outlets_in_text(src, whole_span=True):
                found.append((raw_pos + offset, name))
            for start, _end, url in find_urls(src):
                for name in outlets_in_url(url):
                    found.append((raw_pos + start, name))
    if cues.citations_before is not None:
        for m in cues.citations_before.finditer(text):
            window = _name_before(text, m.start())
            raw_pos = _to_raw(m.start() - len(window), starts, raws)
            for offset, name in outlets_in_text(window, whole_span=True):
                found.append((raw_pos + offset, name))
    for start, _end, url in find_urls(text):
        for name in outlets_in_url(url):
            found.append((_to_raw(start, starts, raws), name))
    found.sort(key=lambda item: item[0])
    out: list[str] = []
    for _, name in found:
        if name not in out:
            out.append(name)
    return out


def _name_before(text: str, end: int) -> str:
    """The words just before an attribution phrase, back to the start of their clause."""
    window = text[max(0, end - _NAME_WINDOW):end]
    cut = max(window.rfind(ch) for ch in _CLAUSE_STOPS)
    window = window[cut + 1:]
    if window[-1:] and DENSE.match(window[-1]) and " " in window.strip():
        window = window.rstrip().rsplit(" ", 1)[-1]  # CJK/Hangul: the name is the last word
    return window


def _to_raw(pos: int, starts: list[int], raws: list[int]) -> int:
    k = bisect.bisect_right(starts, pos) - 1
    if k < 0:
        return 0
    return raws[k] + (pos - starts[k])
