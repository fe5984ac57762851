"""Per-language date knowledge, read from `lang/data/<code>/time.yaml` and compiled once.

A language file holds word tables (month names, eras, zone words, relative words with their offsets,
future/past cues ...) and `patterns`: regular expressions written with `{placeholders}` that expand to
those tables. Named groups in a pattern say what each piece means (`y`, `m`, `d`, `era`, `rel`, ...;
see `GROUPS`). `mul/time.yaml` holds what every language shares (ISO and numeric dates, zone
abbreviations). A `Grammar` joins the patterns of the languages asked for into one alternation, so a
page is scanned once; each alternative remembers which language's tables read its groups.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from eventline import lang as langdata
from eventline.errors import LanguageDataError
from eventline.pipeline.patterns import start_chars, starts_at_boundary, with_start_filter

#: Named groups a pattern may use, and what they capture.
GROUPS: dict[str, str] = {
    "y": "year number", "m": "month number", "d": "day number", "mn": "month name",
    "y2": "range end year", "m2": "range end month", "d2": "range end day", "mn2": "range end month name",
    "a": "first of two ambiguous numbers (day or month, by numeric_order)", "b": "second of them",
    "era": "era name", "ey": "year of the era (number or first_year word)", "eyw": "western year given beside an era year",
    "rocy": "Republic of China year", "fy": "fiscal-year marker", "wk": "week-of marker",
    "wd": "weekday word", "h": "hour", "mi": "minute", "ap": "am/pm word", "half": "half-past word",
    "rel": "relative word", "rely": "relative year word", "relm": "relative month word",
    "relw": "relative week word", "dir": "direction word (past/future)", "n": "count",
    "unit": "unit word", "sign": "ago/later word",
}

#: Placeholders backed by a word table in the data (placeholder -> table name).
_TABLE_PLACEHOLDERS: dict[str, str] = {
    "month_name": "months", "weekday": "weekdays", "era": "eras", "first_year": "first_year",
    "roc": "roc", "ampm": "ampm", "zone": "zones", "relative": "relative",
    "relative_year": "relative_year", "relative_month": "relative_month",
    "relative_week": "relative_week", "direction_word": "direction_words", "unit": "units",
    "sign": "signs", "count": "counts",
}

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_GROUP = re.compile(r"\(\?P<([a-z0-9]+)>")


def _alternation(words: list[str]) -> str:
    """A regex alternation of literal words, longest first so the longest one wins."""
    if not words:
        return r"(?!x)x"  # matches nothing: the language has no such words
    return "(?:" + "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w))) + ")"


@dataclass(slots=True)
class Lexicon:
    """The word tables of one language (merged over `mul`), ready for lookups."""

    code: str
    tables: dict[str, Any]
    numerals: dict[str, int]
    numeral_units: dict[str, int]
    numeric_order: str
    cue_re: re.Pattern[str] | None
    zone_before: re.Pattern[str] | None
    zone_after: re.Pattern[str] | None
    range_re: re.Pattern[str]
    list_re: re.Pattern[str]
    time_join_re: re.Pattern[str]
    prefixes: dict[str, re.Pattern[str]] = field(default_factory=dict)

    def lookup(self, table: str, word: str) -> Any:
        """The value of `word` in a table, matching case-insensitively as a fallback."""
        entries = self.tables.get(table) or {}
        if isinstance(entries, list):
            return True if word in entries or word.lower() in (e.lower() for e in entries) else None
        if word in entries:
            return entries[word]
        lowered = word.lower()
        for key, value in entries.items():
            if key.lower() == lowered:
                return value
        return None

    def placeholder(self, name: str) -> str:
        """The regex text a `{name}` placeholder expands to in this language."""
        digits = "".join(self.numerals)
        units = "".join(self.numeral_units)
        if name == "num":
            return r"(?:\d{1,4}|[" + re.escape(digits + units) + "]{1,5})" if digits else r"\d{1,4}"
        if name == "year":
            return r"(?:\d{4}|[" + re.escape(digits) + "]{4})" if digits else r"\d{4}"
        if name in _TABLE_PLACEHOLDERS:
            entries = self.tables.get(_TABLE_PLACEHOLDERS[name]) or {}
            return _alternation(list(entries))
        raise LanguageDataError(
            f"lang/data/{self.code}/time.yaml: unknown placeholder {{{name}}}; use one of "
            f"num, year, {', '.join(sorted(_TABLE_PLACEHOLDERS))}"
        )


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """`over` on top of `base`: mappings are merged key by key, lists are concatenated."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = {**out[key], **value}
        elif isinstance(value, list) and isinstance(out.get(key), list) and key != "patterns":
            out[key] = out[key] + value
        else:
            out[key] = value
    return out


def _words_re(words: list[str], template: str) -> re.Pattern[str]:
    return re.compile(template.replace("{w}", _alternation(words)))


@lru_cache(maxsize=None)
def lexicon(code: str) -> Lexicon:
    """The compiled tables of one language (its own file merged over `mul`)."""
    data = langdata.load("mul", "time") if code == "mul" else _merge(
        {k: v for k, v in langdata.load("mul", "time").items() if k != "patterns"},
        langdata.load(code, "time"),
    )
    zones = list((data.get("zones") or {}).keys())
    cues = data.get("cues") or {}
    cue_re = None
    if cues.get("future") or cues.get("past"):
        # Future first: at one position "scheduled" must read as a plan, not as a past "-ed" verb.
        parts = []
        if cues.get("future"):
            parts.append("(?P<future>" + "|".join(cues["future"]) + ")")
        if cues.get("past"):
            parts.append("(?P<past>" + "|".join(cues["past"]) + ")")
        cue_re = re.compile(with_start_filter("|".join(parts)))
    zone_alt = _alternation(zones)
    lex = Lexicon(
        code=code,
        tables=data,
        numerals={str(k): int(v) for k, v in (data.get("numerals") or {}).items()},
        numeral_units={str(k): int(v) for k, v in (data.get("numeral_units") or {}).items()},
        numeric_order=str(data.get("numeric_order", "dmy")),
        cue_re=cue_re,
        # A zone written just before a date ("日本時間の13日", "当地时间3月30日", "(日本時間3日)").
        zone_before=re.compile(r"(?P<z>" + zone_alt + r")\s*(?:" + _alternation(data.get("zone_links") or []) + r")?\s*\Z") if zones else None,
        # A zone written just after ("12日(現地時間)", "3 p.m. ET"); not when it opens the next date.
        zone_after=re.compile(
            r"\s*(?:[(\[]\s*(?P<z>" + zone_alt + r")\s*[)\]]|(?P<z2>" + zone_alt + r")(?![\w(]))"
        ) if zones else None,
        # The three below are used with fullmatch(text, pos, endpos) on the gap between two candidates.
        range_re=_words_re(data.get("range_connectors") or ["-"], r"\s*{w}\s*"),
        list_re=_words_re(data.get("list_connectors") or [","], r"\s*{w}\s*"),
        time_join_re=_words_re(data.get("time_joiners") or [","], r"[\s,]*(?:{w})?[\s,]*"),
    )
    for name, words in (data.get("prefixes") or {}).items():
        lex.prefixes[name] = _words_re(list(words), r"(?:^|[\s(（,、，])(?:{w})\s*\Z")
    return lex


@dataclass(slots=True)
class Alternative:
    """One pattern inside a grammar: its language, role, and how its groups were renamed."""

    lex: Lexicon
    role: str  # "date", "time" (only with a date) or "weekday" (only with a date)
    requires: str | None
    groups: dict[str, str]  # group meaning -> group name in the combined regex
    source: str


@dataclass(slots=True)
class Grammar:
    """The patterns of some languages joined into one compiled alternation."""

    regex: re.Pattern[str]
    alternatives: dict[str, Alternative]
    lexicons: list[Lexicon]
    #: where a match can begin (a character class), or None when any character can start one
    starts: re.Pattern[str] | None = None
    #: first character -> the alternation of only the branches that can begin with it (same order)
    by_char: dict[str, re.Pattern[str]] = field(default_factory=dict)


def _expand(lex: Lexicon, source: str) -> str:
    return _PLACEHOLDER.sub(lambda m: lex.placeholder(m.group(1)), source)


@lru_cache(maxsize=None)
def grammar(codes: tuple[str, ...]) -> Grammar:
    """The compiled grammar for these languages, `mul` patterns first, then each language in order."""
    sections: list[tuple[Lexicon, list[dict[str, Any]]]] = []
    main = lexicon(codes[0]) if codes else lexicon("mul")
    sections.append((main, langdata.load("mul", "time").get("patterns") or []))
    for code in codes:
        sections.append((lexicon(code), langdata.load(code, "time").get("patterns") or []))
    branches: list[str] = []
    firsts: list[set[str] | None] = []
    at_word_start: list[bool] = []  # the branch begins with \b
    alternatives: dict[str, Alternative] = {}
    for lex, patterns in sections:
        for spec in patterns:
            source = _expand(lex, spec["re"])
            try:
                re.compile(source)
            except re.error as exc:
                raise LanguageDataError(
                    f"lang/data/{lex.code}/time.yaml: pattern {spec['re']!r} is not a valid regex "
                    f"({exc}); fix the pattern"
                ) from exc
            key = f"p{len(alternatives)}"
            groups: dict[str, str] = {}

            def rename(m: re.Match[str], key: str = key, groups: dict[str, str] = groups) -> str:
                meaning = m.group(1)
                if meaning not in GROUPS:
                    raise LanguageDataError(
                        f"lang/data/{lex.code}/time.yaml: group {meaning!r} in {spec['re']!r} is unknown; "
                        f"use one of {', '.join(GROUPS)}"
                    )
                groups[meaning] = f"{meaning}_{key}"
                return f"(?P<{meaning}_{key}>"

            branches.append(f"(?P<{key}>" + _GROUP.sub(rename, source) + ")")
            firsts.append(start_chars(source))
            at_word_start.append(starts_at_boundary(source))
            alternatives[key] = Alternative(
                lex=lex, role=spec.get("role", "date"), requires=spec.get("requires"),
                groups=groups, source=spec["re"],
            )
    regex = re.compile("|".join(branches))
    gram = Grammar(regex=regex, alternatives=alternatives, lexicons=[s[0] for s in sections])
    if all(f is not None for f in firsts):
        chars = set().union(*firsts) if firsts else set()
        # a word character that only \b-branches start with can only start a match at a word start
        anywhere = {ch for f, bounded in zip(firsts, at_word_start) if not bounded for ch in f or ()}
        word_start = {ch for ch in chars - anywhere if _WORD.fullmatch(ch)}
        pattern = _char_class(chars - word_start)
        if word_start:
            pattern = f"{pattern}|\\b{_char_class(word_start)}" if chars - word_start else f"\\b{_char_class(word_start)}"
        gram.starts = re.compile(pattern)
        compiled: dict[tuple[int, ...], re.Pattern[str]] = {}
        for ch in chars:
            subset = tuple(i for i, f in enumerate(firsts) if f is not None and ch in f)
            if subset not in compiled:
                compiled[subset] = re.compile("|".join(branches[i] for i in subset))
            gram.by_char[ch] = compiled[subset]
    return gram


@lru_cache(maxsize=1)
def language_codes() -> list[str]:
    """Languages with a time.yaml, without the shared `mul` file."""
    return [c for c in langdata.languages("time") if c != "mul"]


def grammar_for(code: str | None) -> Grammar:
    """The grammar for a document language; None means every language's patterns at once.

    A language without a data file gets the shared numeric patterns plus English (Latin-script
    fallback, as `eventline.lang` documents).
    """
    if code is None:
        # English first: its tables read the shared numeric patterns (03/04/2025 month-first), as
        # before other languages sorted ahead of it.
        return grammar(tuple(sorted(language_codes(), key=lambda c: c != "en")))
    base = code.lower().replace("_", "-").split("-")[0]
    if base in language_codes():
        return grammar((base,))
    return grammar(("en",))


_WORD = re.compile(r"\w")


def _char_class(chars: set[str]) -> str:
    return "[" + "".join(re.escape(ch) for ch in sorted(chars)) + "]"


