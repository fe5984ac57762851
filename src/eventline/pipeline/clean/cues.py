"""The cleaner's language knowledge, compiled once: every language's `clean.yaml` at the same time.

Language is often unknown when a page is cleaned (and pages mix languages: a Japanese page has an
English "Ranking" heading), so the cues of all languages are merged into one Aho-Corasick
automaton and one set of compiled patterns, cached for the process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Union

import ahocorasick
import regex

from eventline import lang
from eventline.errors import LanguageDataError
from eventline.pipeline.patterns import with_start_filter

Pattern = Union[re.Pattern[str], regex.Pattern[str]]

#: Pattern kinds matched against a whole line, and the flags they are compiled with.
_LINE_PATTERN_FLAGS = {
    "date_lines": regex.IGNORECASE | regex.V0,
    "source_lines": regex.IGNORECASE | regex.V0,
    "bylines": regex.V0,
}


@dataclass(frozen=True, slots=True)
class LinePatterns:
    """Full-line patterns of one kind, as one alternation (one match call per line).

    Alternative k is marked by an empty group "_k"; `needs_outlet[k]` means its `src` must name
    a known outlet for the line to count.
    """

    pattern: regex.Pattern[str]
    needs_outlet: tuple[bool, ...]

    def fullmatch(self, text: str) -> tuple[dict[str, str | None], bool] | None:
        """(named groups, needs_outlet) of the first alternative matching all of `text`."""
        m = self.pattern.fullmatch(text)
        if m is None:
            return None
        groups: dict[str, str | None] = {}
        k = 0
        for key, value in m.groupdict().items():
            if key.startswith("_"):
                if value is not None:
                    k = int(key[1:])
                continue
            name = key.split("__", 1)[0]
            if value is not None or name not in groups:
                groups[name] = value if value is not None else groups.get(name)
        return groups, self.needs_outlet[k]


@dataclass(frozen=True, slots=True, eq=False)
class Cues:
    """Everything the cleaner knows about boilerplate, merged over languages.

    Compared and hashed by identity (one object per language, cached for the process), so that
    results computed with it can be memoised per line.
    """

    #: casefolded cue -> list of (group, kind): group is "heading" or "line"
    automaton: ahocorasick.Automaton
    read_more: Pattern | None
    #: any copyright cue, to find copyright lines among lines too long to check for other cues
    copyright: Pattern | None
    date_lines: LinePatterns | None
    source_lines: LinePatterns | None
    bylines: LinePatterns | None
    inline_bylines: tuple[Pattern, ...]
    closing_bylines: tuple[Pattern, ...]
    citations: tuple[Pattern, ...]
    citations_before: Pattern | None
    headline_dates: Pattern | None
    months: dict[str, int]


@lru_cache(maxsize=None)
def get_cues(language: str | None = None) -> Cues:
    """The merged cues of every language with a `clean.yaml`; `language`'s own patterns come first."""
    codes = lang.languages("clean")
    if language in codes:
        codes = [language] + [c for c in codes if c != language]
    datas = [(code, lang.load(code, "clean")) for code in codes]
    automaton = ahocorasick.Automaton()
    entries: dict[str, list[tuple[str, str]]] = {}
    for code, data in datas:
        for group, field in (("heading", "headings"), ("line", "line_cues")):
            for kind, words in _mapping(code, data, field).items():
                for word in words or []:
                    key = str(word).casefold().strip()
                    if key and (group, kind) not in entries.setdefault(key, []):
                        entries[key].append((group, str(kind)))
    for key, values in entries.items():
        automaton.add_word(key, (key, tuple(values), key.isascii()))
    automaton.make_automaton()
    copyright_words = sorted(
        {key for key, values in entries.items() if ("line", "copyright") in values}, key=len, reverse=True
    )
    copyright = re.compile("|".join(re.escape(w) for w in copyright_words), re.I) if copyright_words else None

    line_patterns: dict[str, LinePatterns | None] = {}
    for kind, flags in _LINE_PATTERN_FLAGS.items():
        texts: list[str] = []
        needs: list[bool] = []
        for code, data in datas:
            for item in _list(code, data, kind):
                text, needs_outlet = _pattern_item(code, kind, item)
                if text not in texts:
                    _compile(code, kind, text, flags)
                    texts.append(text)
                    needs.append(needs_outlet)
        combined = "|".join(f"(?P<_{k}>)(?:{t})" for k, t in enumerate(texts))
        line_patterns[kind] = LinePatterns(_compile("*", kind, _unique_groups(combined), flags), tuple(needs)) if texts else None
    months: dict[str, int] = {}
    for code, data in datas:
        for name, number in _mapping(code, data, "months").items():
            months[str(name).casefold()] = int(number)
    return Cues(
        automaton=automaton,
        copyright=copyright,
        read_more=_alternation(datas, "read_more", regex.IGNORECASE | regex.V0, prefix=r"^\s*(?:"),
        date_lines=line_patterns["date_lines"],
        source_lines=line_patterns["source_lines"],
        bylines=line_patterns["bylines"],
        inline_bylines=tuple(_compile(c, "inline_bylines", t, regex.V0) for c, t in _texts(datas, "inline_bylines")),
        closing_bylines=tuple(_compile(c, "closing_bylines", t, regex.V0) for c, t in _texts(datas, "closing_bylines")),
        citations=tuple(_compile(c, "citations", with_start_filter(t), regex.V0) for c, t in _texts(datas, "citations")),
        citations_before=_alternation(datas, "citations_before", regex.V0),
        headline_dates=_alternation(datas, "headline_dates", regex.IGNORECASE | regex.V0),
        months=months,
    )


_GROUP = re.compile(r"\(\?P<([A-Za-z]\w*)>")


def _unique_groups(pattern: str) -> str:
    """Give every named group a unique name ("H" → "H__3") so the standard engine, which forbids
    repeated names, can compile alternations of patterns that share group names."""
    counter = iter(range(1_000_000))
    return _GROUP.sub(lambda m: f"(?P<{m.group(1)}__{next(counter)}>", pattern)


def _texts(datas: list[tuple[str, dict[str, Any]]], field: str) -> list[tuple[str, str]]:
    """(language, pattern text) of one field over all languages, without repeats."""
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for code, data in datas:
        for item in _list(code, data, field):
            text, _ = _pattern_item(code, field, item)
            if text not in seen:
                seen.add(text)
                out.append((code, text))
    return out


def _alternation(
    datas: list[tuple[str, dict[str, Any]]], field: str, flags: int, prefix: str = "(?:"
) -> regex.Pattern[str] | None:
    """One pattern matching any of the field's patterns of any language (checked one by one first)."""
    texts = _texts(datas, field)
    for code, text in texts:
        _compile(code, field, text, flags)
    if not texts:
        return None
    combined = prefix + "|".join(f"(?:{t})" for _, t in texts) + ")"
    return _compile("*", field, combined if flags & regex.IGNORECASE else with_start_filter(combined), flags)


def _compile(code: str, field: str, text: str, flags: int) -> Pattern:
    """Compile with the standard `re` engine when the pattern allows it (it is faster), else with
    `regex` (Unicode properties such as \\p{Lu}, repeated group names)."""
    compiled = _compiled(text, flags)
    if isinstance(compiled, Exception):
        raise LanguageDataError(
            f"lang/data/{code}/clean.yaml: {field} pattern {text!r} does not compile: {compiled}"
        ) from compiled
    return compiled


@lru_cache(maxsize=None)
def _compiled(text: str, flags: int) -> Pattern | regex.error:
    """The compiled pattern, or the error: kept for the process, since the cues of every
    language hold the same patterns (in another order), more than `re`'s own cache holds."""
    re_flags = re.IGNORECASE if flags & regex.IGNORECASE else 0
    try:
        return re.compile(text, re_flags)
    except re.error:
        pass
    try:
        return regex.compile(text, flags)
    except regex.error as exc:
        return exc


def _pattern_item(code: str, field: str, item: Any) -> tuple[str, bool]:
    if isinstance(item, str):
        return item, False
    if isinstance(item, dict) and isinstance(item.get("pattern"), str):
        return item["pattern"], bool(item.get("needs_outlet", False))
    raise LanguageDataError(
        f"lang/data/{code}/clean.yaml: {field} entries must be strings or {{pattern, needs_outlet}}, got {item!r}"
    )


def _mapping(code: str, data: dict[str, Any], field: str) -> dict[str, Any]:
    value = data.get(field) or {}
    if not isinstance(value, dict):
        raise LanguageDataError(f"lang/data/{code}/clean.yaml: {field} must be a mapping")
    return value


def _list(code: str, data: dict[str, Any], field: str) -> list[Any]:
    value = data.get(field) or []
    if not isinstance(value, list):
        raise LanguageDataError(f"lang/data/{code}/clean.yaml: {field} must be a list")
    return value
