"""Page furniture in plain text: what a line is when it is not article text.

Three levels, each with a reason a user can audit:
- a single line: a date line, an attribution or byline, a bare URL, a share/nav/copyright prompt,
  a read-more link (cut out of its line);
- a block: a heading cue ("最新文章", "Related") and the lines under it, to the end of the page
  or to where article text resumes;
- a run of headline-like lines: a ranking after the article, a menu before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from eventline.pipeline.clean.cues import Cues, LinePatterns
from eventline.pipeline.clean.features import (
    SENTENCE_END, is_bulleted, is_dense, is_prose, units,
)
from eventline.pipeline.clean.lines import Line, apply_cuts
from eventline.pipeline.clean.outlets import find_urls, outlets_in_text

_EDGE = re.compile(r"^[\W_\d]+|[\W_]+$")
_NON_SPACE = re.compile(r"\S")
_SEPARATORS = re.compile(r"\s*[|｜/>›»·•]+\s*|\s{2,}")
_DENSE_SEPARATORS = re.compile(r"\s*[|｜/>›»·•]+\s*|\s+")
_LABEL_COLON = re.compile(r"\s*[:：|｜]")
_DIGIT = re.compile(r"\d")
_WORD_CHAR = re.compile(r"\w")

#: the longest line a prompt, heading or menu can be (characters)
MAX_CUE_LINE = 80
#: the longest line a date, byline or attribution line can be (characters)
MAX_META_LINE = 200
#: lines this long are never furniture by cue (a megabyte line is not a share button)
MAX_SCANNED_LINE = 400

#: lines whose classification is remembered (per language's cues); recurring furniture hits it
LINE_MEMO = 16384

#: reasons whose removed text names the page's sources
CITING = frozenset({"source-line", "url-line", "seo:read-more-link", "byline", "references"})


@dataclass(slots=True)
class LineMeta:
    """What a line's own pattern told about the page (a date, an author, a source)."""

    kind: str  # "date", "source", "byline"
    groups: dict[str, str | None]


def cut_read_more(line: Line, cues: Cues) -> bool:
    """Cut a read-more link teaser from the start of the line (through its URL, if it has one)."""
    if cues.read_more is None:
        return False
    changed = False
    for _ in range(4):  # "Read more: Read more: …" pages exist
        view = line.view
        m = cues.read_more.match(view)
        if m is None or len(view) > 2000:
            break
        offset = _view_offset(line)
        end = len(view)
        for start, url_end, _url in find_urls(view[m.end():m.end() + 300]):
            end = m.end() + url_end
            break
        line.cuts.append((offset, offset + end, "seo:read-more-link"))
        apply_cuts(line)
        changed = True
        if not line.view:
            line.reason = "seo:read-more-link"
            break
    return changed


def _view_offset(line: Line) -> int:
    """Position in `line.text` where the current view starts (views only lose a prefix here)."""
    last = 0
    for start, end, _ in sorted(line.cuts):
        if start > last:
            break
        last = max(last, end)
    rest = line.text[last:]
    return last + (len(rest) - len(rest.lstrip()))


def classify_line(line: Line, cues: Cues) -> tuple[str | None, str | None, LineMeta | None]:
    """(reason to remove the line or None, heading kind or None, what the line says about the page)."""
    return _classify_view(line.view, cues)


@lru_cache(maxsize=LINE_MEMO)
def _classify_view(view: str, cues: Cues) -> tuple[str | None, str | None, LineMeta | None]:
    """`classify_line` on the line's text alone, memoised: navigation, bylines and boilerplate
    recur across the pages of a site. The LineMeta returned is shared: read it, never change it."""
    size = len(view)
    if size > MAX_SCANNED_LINE:
        return None, None, None
    if size <= 120 and _DIGIT.search(view):
        meta = _match_line(cues.date_lines, view, "date")
        if meta is not None and _plausible_date(meta.groups):
            return "date-line", None, meta
    if size <= MAX_META_LINE:
        meta = _match_line(cues.source_lines, view, "source")
        if meta is not None:
            return "source-line", None, meta
    if size <= MAX_CUE_LINE:
        meta = _match_line(cues.bylines, view, "byline")
        if meta is not None:
            return "byline", None, meta
    urls = list(find_urls(view)) if ("://" in view or "www." in view) else []
    if urls:
        url_chars = sum(e - s for s, e, _ in urls)
        if url_chars >= 0.6 * len(_NON_SPACE.findall(view)) or (size - url_chars <= 20 and not is_prose(view)):
            return "url-line", None, None
    if size <= MAX_CUE_LINE or "©" in view or "ⓒ" in view or (
        not is_prose(view) and cues.copyright is not None and cues.copyright.search(view)
    ):
        reason, heading = _cue_reason(view, cues)
        if reason or heading:
            return reason, heading, None
    return None, None, None


def _match_line(patterns: LinePatterns | None, view: str, kind: str) -> LineMeta | None:
    if patterns is None:
        return None
    found = patterns.fullmatch(view)
    if found is None:
        return None
    groups, needs_outlet = found
    if needs_outlet:
        src = groups.get("src") or ""
        if not (outlets_in_text(src, whole_span=True) or list(find_urls(src))):
            return None
    return LineMeta(kind, groups)


def _plausible_date(groups: dict[str, str | None]) -> bool:
    year = groups.get("y")
    return year is not None and 1900 <= int(year) <= 2100


def _cue_reason(view: str, cues: Cues) -> tuple[str | None, str | None]:
    """Reason for a prompt/nav/copyright line, and the kind of heading the line is, if any."""
    folded = view.casefold()
    if len(folded) != len(view):
        folded = view.lower() if len(view.lower()) == len(view) else folded
    covered = [False] * len(folded)
    heading_covered = [False] * len(folded)
    by_kind: dict[str, int] = {}
    heading_kind: str | None = None
    heading_len = 0
    copyright_hit = False
    for end, (key, values, is_ascii) in cues.automaton.iter(folded):
        start = end - len(key) + 1
        if is_ascii and key[0].isalnum() and key[-1].isalnum() and (
            (start > 0 and folded[start - 1].isascii() and _WORD_CHAR.match(folded[start - 1]))
            or (end + 1 < len(folded) and folded[end + 1].isascii() and _WORD_CHAR.match(folded[end + 1]))
        ):
            continue
        for i in range(start, end + 1):
            covered[i] = True
        for group, kind in values:
            if group == "heading":
                for i in range(start, end + 1):
                    heading_covered[i] = True
                if len(key) > heading_len:
                    heading_kind, heading_len = kind, len(key)
            else:
                by_kind[kind] = by_kind.get(kind, 0) + len(key)
                if kind == "copyright":
                    copyright_hit = True
    if not any(covered):
        return None, None
    if copyright_hit and (units(view) <= 60 or not is_prose(view) or "©" in view):
        return "copyright", None
    core = _EDGE.sub("", folded)
    if heading_kind is not None and core and len(folded) <= MAX_CUE_LINE:
        core_start = folded.find(core)
        core_cover = sum(heading_covered[core_start:core_start + len(core)])
        if core_cover >= 0.6 * len(core) and len(core) <= heading_len + 14:
            return heading_kind, heading_kind
    if not by_kind or len(view) > MAX_CUE_LINE:
        return None, None
    non_space = [i for i, ch in enumerate(folded) if not ch.isspace()]
    cover = sum(1 for i in non_space if covered[i])
    if cover >= 0.5 * len(non_space) or _menu_like(view, folded, covered) or _labelled(folded, covered):
        return max(by_kind, key=lambda k: by_kind[k]), None
    return None, None


def _menu_like(view: str, folded: str, covered: list[bool]) -> bool:
    """Several short items side by side, a third of them cue words: "首页 最新资讯分类 切换频道".

    Items are separated by spaces in CJK text, by explicit separators ("|", ">") in other text.
    """
    splitter = _DENSE_SEPARATORS if is_dense(view) else _SEPARATORS
    tokens: list[tuple[int, int]] = []
    pos = 0
    for m in splitter.finditer(folded):
        if m.start() > pos:
            tokens.append((pos, m.start()))
        pos = m.end()
    if pos < len(folded):
        tokens.append((pos, len(folded)))
    if len(tokens) < 3 or any(b - a > 14 for a, b in tokens) or SENTENCE_END.search(view):
        return False
    with_cue = sum(1 for a, b in tokens if any(covered[a:b]))
    return with_cue * 3 >= len(tokens)


def _labelled(folded: str, covered: list[bool]) -> bool:
    """A cue word used as a label at the start of the line: "上一篇:…", "编辑:刘洋", "Tags: …"."""
    end = 0
    while end < len(folded) and covered[end]:
        end += 1
    return end > 0 and _LABEL_COLON.match(folded, end) is not None


def mark_heading_blocks(lines: list[Line], headings: dict[int, str]) -> None:
    """Remove each heading cue and the block under it, up to the end or where prose resumes.

    Prose resumes at a line that reads as prose and is either long or followed by another prose
    line: the teasers under a "最新文章" heading alternate with short headlines, an article does not.
    """
    kept = list(range(len(lines)))  # line-level removals inside a block take the block's reason
    pos = 0
    seen_prose = False
    while pos < len(kept):
        i = kept[pos]
        kind = headings.get(i)
        if kind is None:
            seen_prose = seen_prose or (lines[i].reason is None and is_prose(lines[i].view))
            pos += 1
            continue
        lines[i].reason = kind
        pos += 1
        block: list[int] = []
        prior: dict[int, str | None] = {}
        while pos < len(kept):
            j = kept[pos]
            if j in headings:
                break
            if _prose_resumes(lines, kept, pos, headings):
                last = block[-1] if block else None
                if last is not None and prior[last] is None and not seen_prose and _title_like(lines[last].view):
                    lines[last].reason = None  # a block above the article ends at its title
                break
            prior[j] = lines[j].reason
            lines[j].reason = kind
            block.append(j)
            pos += 1


def _title_like(text: str) -> bool:
    return 6 <= units(text) <= 60 and not is_bulleted(text) and not SENTENCE_END.search(text)


def _prose_resumes(lines: list[Line], kept: list[int], pos: int, headings: dict[int, str]) -> bool:
    line = lines[kept[pos]]
    if line.reason is not None or not is_prose(line.view):
        return False
    if units(line.view) >= 120:
        return True
    for nxt in kept[pos + 1:]:
        if nxt in headings:
            return False
        other = lines[nxt]
        if other.reason is not None:
            continue
        return is_prose(other.view)
    return False


def headline_like(text: str) -> bool:
    """A short line that does not end a sentence: a headline, a menu item, a list entry."""
    return units(text) <= 50 and not SENTENCE_END.search(text) and not is_prose(text)


def mark_runs(lines: list[Line], cues: Cues) -> None:
    """Remove headline runs after the last prose line (rankings, lists) and menus before the first."""
    kept = [i for i, line in enumerate(lines) if line.reason is None]
    prose = [i for i in kept if is_prose(lines[i].view)]
    if not prose:
        return
    first, last = prose[0], prose[-1]
    tail = [i for i in kept if i > last]
    for run in _runs(lines, tail, headline_like):
        dated = sum(
            1 for i in run
            if is_bulleted(lines[i].view)
            or (cues.headline_dates is not None and cues.headline_dates.search(lines[i].view))
        )
        if len(run) >= 3 and dated * 3 >= len(run) * 2:
            reason = "ranking"
        elif len(run) >= 5:
            reason = "sidebar:headlines"
        else:
            continue
        for i in run:
            lines[i].reason = reason
    head = [i for i in kept if i < first][1:]  # the first line may be the title
    for run in _runs(lines, head, lambda t: units(t) <= 8 and not SENTENCE_END.search(t)):
        if len(run) >= 3:
            for i in run:
                lines[i].reason = "nav:menu"


def mark_closing_byline(lines: list[Line], cues: Cues) -> LineMeta | None:
    """The last line after the article, when it is only a name (a Vietnamese page ends "Thanh Hà")."""
    kept = [i for i, line in enumerate(lines) if line.reason is None]
    prose = [i for i in kept if is_prose(lines[i].view)]
    if not prose or not cues.closing_bylines:
        return None
    tail = [i for i in kept if i > prose[-1]]
    if len(tail) != 1:
        return None
    line = lines[tail[0]]
    for pattern in cues.closing_bylines:
        m = pattern.fullmatch(line.view)
        if m is not None:
            line.reason = "byline"
            return LineMeta("byline", m.groupdict())
    return None


def _runs(lines: list[Line], indices: list[int], pred) -> list[list[int]]:
    runs: list[list[int]] = []
    current: list[int] = []
    for i in indices:
        if pred(lines[i].view):
            current.append(i)
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs
