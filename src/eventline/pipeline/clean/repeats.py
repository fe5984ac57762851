"""Repeats: a page printed twice, a block that recurs, a teaser of a later paragraph, and phrases
doubled inside a line by merged columns.

The rule is always the same: the first complete copy stays, the other copies go. Nothing that
occurs once is removed here.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from eventline.pipeline.clean.features import DENSE, SENTENCE_END, is_dense, repeat_key, units
from eventline.pipeline.clean.lines import Line, apply_cuts, unstripped_view, view_to_text

#: a line repeated on its own (not next to other repeated lines) must be this long (key characters)
MIN_ISOLATED_REPEAT = 12
#: a near copy (a lead repeated as a caption) must be this long, and share this much
MIN_NEAR_REPEAT = 30
NEAR_REPEAT_SHARE = 0.8
#: a line whose pieces all appear in earlier lines (several lines merged into one) must share more
MERGED_REPEAT_SHARE = 0.9
#: a teaser must be this long to be checked against later paragraphs
MIN_TEASER = 20
_TEASER_TAIL = re.compile(r"(?:…|\.\.\.|。。)+$")

#: doubled phrases: the shortest unit found, the longest, and the longest line repaired
MIN_UNIT, MAX_UNIT = 3, 80
MAX_REPAIR_LINE = 5000
_TANDEM = re.compile(r"(.{%d,%d}?)\1" % (MIN_UNIT, MAX_UNIT), re.S)
_NOT_WORDS = re.compile(r"[\W\d_]+")
_LATIN_WORD = re.compile(r"[^\W\d_]{2,}")


def mark_repeats(lines: list[Line]) -> None:
    """Mark later copies of kept lines: exact repeats, near copies, prefixes, and earlier teasers."""
    kept = [line for line in lines if line.reason is None]
    keys = [repeat_key(line.view) for line in kept]
    first_seen: dict[str, int] = {}
    by_prefix: dict[str, list[str]] = {}
    earlier = _EarlierText()
    teasers: dict[str, list[str]] = {}  # truncated earlier lines, by their first characters
    marks: list[str | None] = [None] * len(kept)
    short_repeat = [False] * len(kept)
    for i, key in enumerate(keys):
        if key in first_seen:
            if len(key) >= MIN_ISOLATED_REPEAT:
                marks[i] = "repeat"
            else:
                short_repeat[i] = True
            continue
        if len(key) >= MIN_TEASER and any(k.startswith(key) for k in by_prefix.get(key[:MIN_TEASER], ())):
            marks[i] = "repeat"  # a truncated copy of an earlier paragraph
            continue
        completes_teaser = any(
            key.startswith(t) and len(key) > len(t) for t in teasers.get(key[:MIN_TEASER], ())
        )
        if not completes_teaser and MIN_NEAR_REPEAT <= len(key) <= 3000 and earlier.near_copy(key):
            marks[i] = "near"
            continue
        first_seen[key] = i
        if len(key) >= MIN_TEASER:
            by_prefix.setdefault(key[:MIN_TEASER], []).append(key)
            if _truncated(kept[i].view):
                stem = _TEASER_TAIL.sub("", key)
                teasers.setdefault(stem[:MIN_TEASER], []).append(stem)
        earlier.add(key)
    _extend_short_repeats(marks, short_repeat)
    _assign_repeat_reasons(kept, marks)
    _mark_teasers(kept, keys)


def _extend_short_repeats(marks: list[str | None], short_repeat: list[bool]) -> None:
    """Short repeated lines ("1 日米防衛協力", "(了)」") go when they sit inside a repeated run."""
    changed = True
    while changed:
        changed = False
        for i, is_short in enumerate(short_repeat):
            if is_short and marks[i] is None and (
                (i > 0 and marks[i - 1] == "repeat") or (i + 1 < len(marks) and marks[i + 1] == "repeat")
            ):
                marks[i] = "repeat"
                changed = True


def _assign_repeat_reasons(kept: list[Line], marks: list[str | None]) -> None:
    """A run of repeated lines as large as the rest of the text is the whole article printed twice."""
    unique_units = sum(units(line.view) for line, m in zip(kept, marks) if m is None)
    i = 0
    while i < len(kept):
        if marks[i] is None:
            i += 1
            continue
        j = i
        while j < len(kept) and marks[j] is not None:
            j += 1
        run_units = sum(units(kept[k].view) for k in range(i, j))
        whole = j - i >= 3 and run_units >= 0.4 * unique_units
        for k in range(i, j):
            kept[k].reason = "repeat:whole-article" if whole else "repeat:block"
        i = j


def _truncated(text: str) -> bool:
    """A line cut short: no sentence end, or an ellipsis where the text was cut."""
    # the tail pattern is anchored at the end and its last token is at most 3 characters long
    # (+ a final newline), so looking at the last 4 finds it as surely as a search from the start
    return SENTENCE_END.search(text) is None or _TEASER_TAIL.search(text, max(0, len(text) - 4)) is not None


def _mark_teasers(kept: list[Line], keys: list[str]) -> None:
    """An earlier line that is the start of a later paragraph is a teaser of it ("…司" → full text)."""
    later: dict[str, list[tuple[int, str]]] = {}
    for i, (line, key) in enumerate(zip(kept, keys)):
        if line.reason is None and len(key) > MIN_TEASER:
            later.setdefault(key[:MIN_TEASER], []).append((i, key))
    for i, (line, key) in enumerate(zip(kept, keys)):
        if line.reason is not None or not _truncated(line.view):
            continue
        stem = _TEASER_TAIL.sub("", key)
        if len(stem) < MIN_TEASER:
            continue
        for j, other in later.get(stem[:MIN_TEASER], ()):
            if j > i and len(other) > len(stem) and other.startswith(stem) and kept[j].reason is None:
                line.reason = "repeat:teaser"
                break


class _EarlierText:
    """The keys of earlier kept lines, searchable for a near copy of a new line."""

    def __init__(self) -> None:
        self.text = ""
        self.starts: list[int] = []
        self.keys: list[str] = []
        self._grams: dict[str, set[str]] = {}  # 4-grams of the keys compared so far

    def add(self, key: str) -> None:
        self.starts.append(len(self.text))
        self.keys.append(key)
        self.text += key + "\n"

    def near_copy(self, key: str) -> bool:
        """True when most of `key` already appears earlier: in one line (a lead reused as a caption)
        or spread over several (a paragraph that re-prints the lines above it, merged)."""
        if not self.keys:
            return False
        n = len(key)
        width = 10
        found: list[int] = []
        for tried, frac in enumerate((0.25, 0.5, 0.75), start=1):
            a = int(n * frac) - width // 2
            pos = self.text.find(key[a:a + width])
            if pos >= 0:
                found.append(pos)
            elif tried - len(found) >= 2:
                return False  # two of the three pieces are new: the line is
        grams = self._key_grams(key)
        for idx in {bisect.bisect_right(self.starts, pos) - 1 for pos in found}:
            if n > len(self.keys[idx]) * 1.05:
                continue  # longer than that line: if anything, the earlier one is a teaser of this
            if len(grams & self._key_grams(self.keys[idx])) >= NEAR_REPEAT_SHARE * len(grams):
                return True
        # a 4-gram of the key (no whitespace in it) is in some earlier key exactly when it is in
        # the joined text; counting stops as soon as too many are missing
        needed = MERGED_REPEAT_SHARE * len(grams)
        found_grams = missing = 0
        for gram in grams:
            if gram in self.text:
                found_grams += 1
            else:
                missing += 1
                if len(grams) - missing < needed:
                    return False
        return found_grams >= needed

    def _key_grams(self, key: str) -> set[str]:
        grams = self._grams.get(key)
        if grams is None:
            grams = self._grams[key] = _grams(key)
        return grams


def _grams(key: str) -> set[str]:
    return {key[k:k + 4] for k in range(len(key) - 3)}


def repair_doubled_phrases(line: Line) -> None:
    """Cut the second copy of phrases doubled by merged columns, until none is left."""
    for _ in range(4):
        view = unstripped_view(line)
        if len(view) > MAX_REPAIR_LINE:
            return
        spans = _doubled(view)
        if not spans:
            return
        positions = view_to_text(line, [p for span in spans for p in span])
        for k in range(0, len(positions), 2):
            line.cuts.append((positions[k], positions[k + 1], "repeat:doubled-phrase"))
        apply_cuts(line)


@lru_cache(maxsize=16384)
def _doubled(view: str) -> tuple[tuple[int, int], ...]:
    """`doubled_spans` of a line that passes the cheap test, memoised: lines recur across pages."""
    return tuple(doubled_spans(view)) if _may_have_double(view) else ()


def _may_have_double(text: str) -> bool:
    """Cheap test: some piece recurs within a unit's length. Pieces are 6 characters in CJK text
    (every doubled unit of 8+ characters is caught) and 10 in other scripts (units of 14+), where
    words recur more often by chance."""
    n = len(text)
    size, step = (6, 3) if is_dense(text) else (10, 5)
    find = text.find
    for k in range(0, n - 2 * size, step):
        if find(text[k:k + size], k + 1, k + size + MAX_UNIT) != -1:
            return True
    return False


def doubled_spans(text: str) -> list[tuple[int, int]]:
    """Spans of `text` (second copies) to cut so that each doubled phrase is printed once.

    A merged-column line doubles every piece, so a cluster of adjacent doubled pieces is cut
    whole, including 1-2 character pieces inside it ("…協力して密に協力していいく…"). A lone
    doubled piece is cut only when it is long: legitimate repetition is short ("人人", "very very").
    """
    found: list[tuple[int, int]] = []  # (start, unit length)
    for m in _TANDEM.finditer(text):
        unit = m.group(1)
        if _acceptable_unit(unit):
            found.append((m.start(), len(unit)))
    if not found:
        return []
    clusters: list[list[tuple[int, int]]] = [[found[0]]]
    for start, size in found[1:]:
        prev_start, prev_size = clusters[-1][-1]
        gap = text[prev_start + 2 * prev_size:start]
        if len(gap) <= 4 and (not gap or _is_small_double(gap)):
            clusters[-1].append((start, size))
        else:
            clusters.append([(start, size)])
    spans: list[tuple[int, int]] = []
    for cluster in clusters:
        if len(cluster) == 1 and not _long_unit(text[cluster[0][0]:cluster[0][0] + cluster[0][1]]):
            continue
        for k, (start, size) in enumerate(cluster):
            spans.append((start + size, start + 2 * size))
            if k + 1 < len(cluster):
                gap_start = start + 2 * size
                gap = text[gap_start:cluster[k + 1][0]]
                if gap:
                    spans.append((gap_start + len(gap) // 2, gap_start + len(gap)))
    return spans


def _acceptable_unit(unit: str) -> bool:
    """A unit worth un-doubling: real words, not a shorter unit repeated ("哈哈哈"), not digits."""
    if not unit.strip() or _NOT_WORDS.fullmatch(unit):
        return False
    if (unit + unit).find(unit, 1) != len(unit):
        return False  # periodic: "哈哈哈", "ababab"
    if DENSE.search(unit) is None:
        return len(_LATIN_WORD.findall(unit)) >= 2 and len(unit.strip()) >= 8
    return True


def _is_small_double(gap: str) -> bool:
    half = len(gap) // 2
    return len(gap) % 2 == 0 and gap[:half] == gap[half:] and not gap.isspace()


def _long_unit(unit: str) -> bool:
    if DENSE.search(unit) is not None:
        return len(DENSE.findall(unit)) >= 8
    return len(_LATIN_WORD.findall(unit)) >= 3 and len(unit) >= 15
