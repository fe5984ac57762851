"""Where a regex match can start, read from the pattern's parse tree; shared by the stages.

Trying a 100-branch alternation at every character is the slow part of tagging dates and cues.
The characters a pattern can start with are known from its parse tree, so a scan can first jump
to those characters (one C-level character-class search) and try the alternation only there.
Patterns only the `regex` engine reads are left as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from re import _constants as c  # the parser's opcodes
from re import _parser
from typing import Any

__all__ = ["start_chars", "start_class", "starts_at_boundary", "with_start_filter"]

#: A leaf (a LITERAL or IN node) -> what it can start with, or None when that cannot be bounded.
Leaf = Callable[[Any, Any, int], "set[str] | None"]

_CATEGORIES = {
    c.CATEGORY_DIGIT: r"\d", c.CATEGORY_NOT_DIGIT: r"\D", c.CATEGORY_SPACE: r"\s",
    c.CATEGORY_NOT_SPACE: r"\S", c.CATEGORY_WORD: r"\w", c.CATEGORY_NOT_WORD: r"\W",
}


def _starts(items: Any, flags: int, leaf: Leaf) -> tuple[set[str] | None, bool]:
    """(what the sequence can start with, whether it can match empty); `leaf` reads the leaves."""
    out: set[str] = set()
    for op, av in items:
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero-width: look at what follows
        if op in (c.LITERAL, c.IN):
            got = leaf(op, av, flags)
            return (None if got is None else out | got), False
        if op is c.SUBPATTERN:
            got, empty = _starts(av[3], (flags | av[1]) & ~av[2], leaf)
        elif op is c.BRANCH:
            got, empty = set(), False
            for branch in av[1]:
                part, part_empty = _starts(branch, flags, leaf)
                if part is None:
                    return None, False
                got |= part
                empty |= part_empty
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            got, empty = _starts(av[2], flags, leaf)
            empty = empty or av[0] == 0
        else:
            return None, False
        if got is None:
            return None, False
        out |= got
        if not empty:
            return out, False
    return out, True


def _chars(op: Any, av: Any, flags: int) -> set[str] | None:
    """The characters themselves (both cases under IGNORECASE); None for a category it cannot list."""
    def cased(ch: str) -> set[str]:
        return {ch, ch.lower(), ch.upper()} if flags & re.IGNORECASE else {ch}

    if op is c.LITERAL:
        return cased(chr(av))
    out: set[str] = set()
    for kind, val in av:
        if kind is c.LITERAL:
            out |= cased(chr(val))
        elif kind is c.RANGE and val[1] - val[0] < 4096:
            out |= {chr(x) for x in range(val[0], val[1] + 1)}
        elif kind is c.CATEGORY and val is c.CATEGORY_DIGIT:
            out |= set("0123456789")
        elif kind is c.CATEGORY and val is c.CATEGORY_SPACE:
            out |= set(" \t\n\r\f\v\u3000")
        else:
            return None
    return out


def _fragments(op: Any, av: Any, flags: int) -> set[str] | None:
    """Class fragments as written (\\s stays \\s), so a class of them is exact; None if case-blind."""
    if flags & re.IGNORECASE:
        return None
    if op is c.LITERAL:
        return {re.escape(chr(av))}
    out: set[str] = set()
    for kind, val in av:
        if kind is c.LITERAL:
            out.add(re.escape(chr(val)))
        elif kind is c.RANGE:
            out.add(re.escape(chr(val[0])) + "-" + re.escape(chr(val[1])))
        elif kind is c.CATEGORY and val in _CATEGORIES:
            out.add(_CATEGORIES[val])
        else:
            return None
    return out


def start_chars(pattern: str) -> set[str] | None:
    """Every character a match of `pattern` can begin with, or None when that cannot be bounded."""
    parsed = _parser.parse(pattern)
    got, empty = _starts(parsed, parsed.state.flags, _chars)
    return None if got is None or empty else got


def starts_at_boundary(pattern: str) -> bool:
    """Whether `pattern` begins with a word boundary (\\b), so it can only match where one is."""
    items = list(_parser.parse(pattern))
    return bool(items) and items[0][0] is c.AT and items[0][1] in (c.AT_BOUNDARY, c.AT_UNI_BOUNDARY)


def start_class(pattern: str) -> str | None:
    """A character class ("[...]") of every character a match of `pattern` can begin with, or None
    when that cannot be bounded (any character, an empty match, case-blind parts).

    `(?=[...])` + pattern finds the same matches faster: the engine tries an alternation at every
    position, and the class rejects most positions in one step.
    """
    try:
        parsed = _parser.parse(pattern)
    except re.error:
        return None  # a pattern only the `regex` engine reads
    got, empty = _starts(parsed, parsed.state.flags, _fragments)  # global inline flags: (?i)...
    if got is None or empty or not got:
        return None
    return "[" + "".join(sorted(got)) + "]"


def with_start_filter(pattern: str) -> str:
    """`pattern` behind a `(?=[...])` of the characters it can start with, when they are known and
    the engine cannot skip ahead by itself (it can when the pattern opens with a literal or a
    class, or with an alternation of literals)."""
    try:
        items = _parser.parse(pattern).data
    except re.error:
        return pattern
    while items and items[0][0] is c.SUBPATTERN:
        items = items[0][1][3].data
    if items and (items[0][0] in (c.LITERAL, c.IN) or (
        items[0][0] is c.BRANCH and all(b.data and b.data[0][0] is c.LITERAL for b in items[0][1][1])
    )):
        return pattern
    first = start_class(pattern)
    return f"(?={first})(?:{pattern})" if first else pattern
