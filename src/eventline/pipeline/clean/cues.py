"""The cleaner's language knowledge, compiled once: every language's `clean.yaml` at the same time.

Language is often unknown when a page is cleaned (and pages mix languages: a Japanese page has an
English "Ranking" heading), so the cues of all languages are merged into one Aho-Corasick
automaton and one set of compiled patterns, cached for the process.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import ahocorasick
import regex

from eventline import lang
from eventline.errors import LanguageDataError

#: Pattern kinds matched against a whole line, and the flags they are compiled with.
_LINE_PATTERN_FLAGS = {
    "date_lines": regex.IGNORECASE | regex.V0,
    "source_lines": regex.IGNORECASE | regex.V0,
    "bylines": regex.V0,
}


@dataclass(frozen=True, slots=True)
class LinePattern:
    """A compiled full-line pattern; `needs_outlet` means its `src` must name a known outlet."""

    pattern: regex.Pattern[str]
    needs_outlet: bool = False


@dataclass(frozen=True, slots=True)
class Cues:
    """Everything the cleaner knows about boilerplate, merged over languages."""

    #: casefolded cue -> list of (group, kind): group is "heading" or "line"
    automaton: ahocorasick.Automaton
    read_more: regex.Pattern[str] | None
    date_lines: tuple[LinePattern, ...]
    source_lines: tuple[LinePattern, ...]
    bylines: tuple[LinePattern, ...]
    inline_bylines: tuple[regex.Pattern[str], ...]
    citations: tuple[regex.Pattern[str], ...]
    headline_dates: regex.Pattern[str] | None
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

    line_patterns: dict[str, list[LinePattern]] = {k: [] for k in _LINE_PATTERN_FLAGS}
    for kind, flags in _LINE_PATTERN_FLAGS.items():
        seen: set[str] = set()
        for code, data in datas:
            for item in _list(code, data, kind):
                text, needs_outlet = _pattern_item(code, kind, item)
                if text in seen:
                    continue
                seen.add(text)
                line_patterns[kind].append(LinePattern(_compile(code, kind, text, flags), needs_outlet))
    months: dict[str, int] = {}
    for code, data in datas:
        for name, number in _mapping(code, data, "months").items():
            months[str(name).casefold()] = int(number)
    return Cues(
        automaton=automaton,
        read_more=_alternation(datas, "read_more", regex.IGNORECASE | regex.V0, prefix=r"^\s*(?:"),
        date_lines=tuple(line_patterns["date_lines"]),
        source_lines=tuple(line_patterns["source_lines"]),
        bylines=tuple(line_patterns["bylines"]),
        inline_bylines=tuple(_compile(c, "inline_bylines", t, regex.V0) for c, t in _texts(datas, "inline_bylines")),
        citations=tuple(_compile(c, "citations", t, regex.V0) for c, t in _texts(datas, "citations")),
        headline_dates=_alternation(datas, "headline_dates", regex.IGNORECASE | regex.V0),
        months=months,
    )


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
    return regex.compile(prefix + "|".join(f"(?:{t})" for _, t in texts) + ")", flags)


def _compile(code: str, field: str, text: str, flags: int) -> regex.Pattern[str]:
    try:
        return regex.compile(text, flags)
    except regex.error as exc:
        raise LanguageDataError(
            f"lang/data/{code}/clean.yaml: {field} pattern {text!r} does not compile: {exc}"
        ) from exc


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
