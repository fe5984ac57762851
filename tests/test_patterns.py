"""Where a regex match can start: the prefilters the time and cleaning stages put before their
alternations must never change what a pattern matches."""

from __future__ import annotations

import re

import pytest

from eventline.pipeline.patterns import start_chars, start_class, starts_at_boundary, with_start_filter
from eventline.pipeline.time.lexicon import language_codes, lexicon

TEXTS = [
    "On Tuesday, March 3, 2025, ministers met; they will meet again next week (scheduled).",
    "防衛相は12日、来週にも訪問する予定だと述べた。昨年3月に会談した。",
    "国防部长将于下周访问，此前曾于2024年5月会见。",
    "국방장관은 13일 회담을 가질 예정이며 지난달 방문했다.",
    "Bộ trưởng sẽ thăm Nhật Bản vào tuần tới, sau khi đã hội đàm hôm qua.",
    "\u3000 12/03 — 9:30 a.m. ET, 2024-5-3 17:03",
]


@pytest.mark.parametrize("pattern, chars", [
    (r"abc|d[ef]", {"a", "d"}),
    (r"(?:x?)y", {"x", "y"}),
    (r"\bfoo", {"f"}),
    (r"[0-3]\d日", {"0", "1", "2", "3"}),
    (r"(?i)ab", {"a", "A"}),
    (r"a*", None),  # can match empty: unbounded
    (r".b", None),  # any character
])
def test_start_chars_lists_exactly_the_possible_first_characters(pattern, chars) -> None:
    assert start_chars(pattern) == chars


def test_start_class_keeps_categories_as_written_and_refuses_case_blind_patterns() -> None:
    assert start_class(r"\s+next|\d+日") == r"[\d\s]"
    assert start_class(r"(?i)next") is None
    assert start_class(r"x?") is None
    assert starts_at_boundary(r"\bweek") and not starts_at_boundary(r"week\b")


def test_patterns_that_can_skip_ahead_by_themselves_are_left_alone() -> None:
    assert with_start_filter(r"abc|abd") == r"abc|abd"
    assert with_start_filter(r"(?:x+|y)z|\d") == r"(?=[\dxy])(?:(?:x+|y)z|\d)"


@pytest.mark.parametrize("code", language_codes())
def test_filtered_cue_patterns_find_the_same_matches(code: str) -> None:
    """Every language's past/future cue alternation, with and without its start filter."""
    cues = lexicon(code).tables.get("cues") or {}
    words = [*(cues.get("future") or []), *(cues.get("past") or [])]
    if not words:
        pytest.skip(f"{code} has no tense cues")
    plain = re.compile("|".join(f"(?:{w})" for w in words))
    filtered = re.compile(with_start_filter(plain.pattern))
    for text in TEXTS:
        assert [m.span() for m in filtered.finditer(text)] == [m.span() for m in plain.finditer(text)]
        starts = start_chars(plain.pattern)
        if starts is not None:
            assert all(text[m.start()] in starts for m in plain.finditer(text))
