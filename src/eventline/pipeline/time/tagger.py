"""Finding temporal expressions: one regex scan, then joining the pieces a reader reads as one.

The scan yields `Candidate`s: what the text literally says (numbers, words, offsets), nothing
resolved yet. Joining then attaches a time of day to its date ("1月12日16時"), a weekday to its
date ("Thursday (January 30th)"), a stated zone ("(現地時間)", "日本時間の"), and two dates around a
range connector ("10月13日〜11月15日"); a bare day after a listed date inherits its month
("11月9日・10日"). Guards drop what only looks like a date (inside URLs, digits glued to other digits).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from eventline.pipeline.time.lexicon import Alternative, Grammar, Lexicon
from eventline.pipeline.time.numbers import to_int

_URL = re.compile(r"(?:https?://|www\.)[^\s\"'<>）」]+")
#: Characters that, glued to a number, make it part of something else (1.5, 3,000, 10:30, 1/2).
_GLUE = ".,:/"


@dataclass(slots=True)
class Fields:
    """Calendar fields as written; None where the text leaves them out."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    weekday: int | None = None  # Monday = 0


@dataclass(slots=True)
class Relative:
    """A relative expression: `offset` units from an anchor ("ref" = the reference, "previous" =
    the latest date in the same sentence, falling back to the reference, "last" = the latest date
    before it anywhere in the text, falling back to the reference)."""

    unit: str  # "day", "week", "month", "year"
    offset: int
    anchor: str = "ref"


@dataclass(slots=True)
class Candidate:
    """One expression as written, before resolution against a reference date."""

    start: int
    end: int
    lex: Lexicon
    role: str
    fields: Fields
    end_fields: Fields | None = None
    relative: Relative | None = None
    rel_year: int | None = None  # "本年4月": year offset from the reference
    rel_month: int | None = None  # "先月20日"
    rel_week: int | None = None  # "来週月曜日"
    direction: str | None = None  # stated by the text: "오는 13일", "last Monday"
    strict: bool = False  # "last March": strictly before the reference month
    fiscal: bool = False
    week_of: bool = False
    zone: str | None = None
    inherit: "Candidate | None" = None  # a listed date whose missing fields this one takes
    pair_of: "Candidate | None" = None  # "2日(日本時間3日)": the local date this one restates
    resolved: object | None = None  # the Value resolution gave it, read by dates that inherit

    @property
    def has_date(self) -> bool:
        f = self.fields
        return any(v is not None for v in (f.year, f.month, f.day, f.weekday)) or bool(
            self.relative or self.rel_week is not None or self.rel_month is not None or self.rel_year is not None
        )


def _int(lex: Lexicon, text: str | None) -> int | None:
    if text is None:
        return None
    return to_int(text.strip(), lex.numerals, lex.numeral_units)


def _year(lex: Lexicon, text: str | None) -> int | None:
    """A year as written, or None when the number cannot be a year (outside 1900-2100)."""
    value = _int(lex, text)
    if value is None or not 1900 <= value <= 2100:
        return None
    return value


def _build(match: re.Match[str], alt: Alternative) -> Candidate | None:
    """A candidate from one match, or None when the numbers cannot be a date (month 13, year 9999)."""
    lex = alt.lex
    # the groups this pattern has, read once; a meaning the pattern lacks reads as None
    get = {meaning: match.group(key) for meaning, key in alt.groups.items()}.get

    f = Fields()
    cand = Candidate(match.start(), match.end(), lex, alt.role, f)
    if get("y") is not None:
        f.year = _year(lex, get("y"))
        if f.year is None:
            return None
    if get("era") is not None:
        era_start = lex.lookup("eras", get("era"))
        ey = get("ey")
        n = 1 if ey is not None and lex.lookup("first_year", ey) else _int(lex, ey)
        if era_start is None or not n:
            return None
        f.year = int(era_start) + n - 1
        if get("eyw") is not None and _int(lex, get("eyw")) != f.year:
            return None  # "令和6(2023)年" contradicts itself: trust neither
    if get("rocy") is not None:
        n = _int(lex, get("rocy"))
        if not n:
            return None
        f.year = 1911 + n
    if get("m") is not None:
        f.month = _int(lex, get("m"))
    if get("mn") is not None:
        f.month = lex.lookup("months", get("mn").rstrip("."))
    if get("d") is not None:
        f.day = _int(lex, get("d"))
    if get("a") is not None and get("b") is not None:
        a, b = _int(lex, get("a")), _int(lex, get("b"))
        if a is None or b is None:
            return None
        day_first = lex.numeric_order.startswith("d") or lex.numeric_order == "ydm"
        if a > 12 >= b:
            day_first = True
        elif b > 12 >= a:
            day_first = False
        f.day, f.month = (a, b) if day_first else (b, a)
    if get("wd") is not None:
        f.weekday = lex.lookup("weekdays", get("wd"))
    if get("h") is not None:
        f.hour = _int(lex, get("h"))
        f.minute = _int(lex, get("mi")) if get("mi") is not None else (30 if get("half") else 0)
        ap = lex.lookup("ampm", get("ap")) if get("ap") is not None else None
        if f.hour is None or f.minute is None:
            return None
        if ap == "pm" and f.hour < 12:
            f.hour += 12
        elif ap == "am" and f.hour == 12:
            f.hour = 0
        if not (0 <= f.hour <= 24 and 0 <= f.minute < 60) or (ap and f.hour > 24):
            return None
        if f.hour == 24:
            return None  # "24時" is a duration or midnight-of-next-day; not worth the guess
    if f.month is not None and not 1 <= f.month <= 12:
        return None
    if f.day is not None and not 1 <= f.day <= 31:
        return None
    if any(get(k) is not None for k in ("y2", "m2", "d2", "mn2")):
        e = Fields()
        if get("y2") is not None:
            e.year = _year(lex, get("y2"))
            if e.year is None:
                return None
        e.month = _int(lex, get("m2")) if get("m2") is not None else None
        if get("mn2") is not None:
            e.month = lex.lookup("months", get("mn2").rstrip("."))
        e.day = _int(lex, get("d2")) if get("d2") is not None else None
        if (e.month is not None and not 1 <= e.month <= 12) or (e.day is not None and not 1 <= e.day <= 31):
            return None
        cand.end_fields = e
    cand.fiscal = get("fy") is not None
    cand.week_of = get("wk") is not None
    if get("rel") is not None:
        spec = lex.lookup("relative", get("rel"))
        if not spec:
            return None
        cand.relative = Relative(str(spec[0]), int(spec[1]), str(spec[2]) if len(spec) > 2 else "ref")
    if get("n") is not None and get("unit") is not None and get("sign") is not None:
        n = _int(lex, get("n"))
        if n is None:
            n = lex.lookup("counts", get("n"))
        unit = lex.lookup("units", get("unit"))
        sign = lex.lookup("signs", get("sign"))
        if n is None or unit is None or not sign:
            return None
        if unit == "week":  # "2週間後", "two weeks ago": a span of days, not a calendar week
            unit, n = "day", int(n) * 7
        cand.relative = Relative(str(unit), int(sign[0]) * int(n), str(sign[1]) if len(sign) > 1 else "ref")
    if get("rely") is not None:
        cand.rel_year = lex.lookup("relative_year", get("rely"))
    if get("relm") is not None:
        cand.rel_month = lex.lookup("relative_month", get("relm"))
    if get("relw") is not None:
        cand.rel_week = lex.lookup("relative_week", get("relw"))
    if get("dir") is not None:
        word = lex.lookup("direction_words", get("dir"))
        if isinstance(word, dict):
            cand.direction, cand.strict = str(word.get("direction")), bool(word.get("strict", False))
        else:
            cand.direction = word
    return cand


def _glued(text: str, start: int, end: int) -> bool:
    """Whether the match is part of a longer number ("3.5", "12024", "1/2/3/4", "3%")."""
    before = text[start - 1] if start > 0 else ""
    if text[start].isdigit() and before:
        if before.isdigit() or before in "+" or (before in _GLUE and start > 1 and text[start - 2].isdigit()):
            return True
    after = text[end] if end < len(text) else ""
    if text[end - 1].isdigit() and after:
        if after.isdigit() or after == "%" or (
            after in _GLUE and end + 1 < len(text) and text[end + 1].isdigit()
        ):
            return True
    return False


def _matches(text: str, gram: Grammar) -> Iterator[re.Match[str]]:
    """Leftmost, non-overlapping matches of the grammar, trying it only where a match can start."""
    if gram.starts is None:
        yield from gram.regex.finditer(text)
        return
    pos, n = 0, len(text)
    search, by_char = gram.starts.search, gram.by_char
    while pos < n:
        hit = search(text, pos)
        if hit is None:
            return
        at = hit.start()
        m = by_char[text[at]].match(text, at)
        if m is None or m.end() == at:
            pos = at + 1
            continue
        yield m
        pos = m.end()


def scan(text: str, gram: Grammar) -> list[Candidate]:
    """Every candidate expression in `text` (already width-folded), in order, guards applied."""
    urls = [m.span() for m in _URL.finditer(text)] if ("http" in text or "www." in text) else []
    out: list[Candidate] = []
    for match in _matches(text, gram):
        alt = gram.alternatives[match.lastgroup or ""]
        start, end = match.span()
        if _glued(text, start, end):
            continue
        if urls and any(a <= start < b for a, b in urls):
            continue
        if alt.requires:
            prefix = alt.lex.prefixes.get(alt.requires)
            if prefix is None or not prefix.search(text, max(0, start - 24), start):
                continue
        cand = _build(match, alt)
        if cand is not None:
            out.append(cand)
    return out


def _attach_zones(text: str, cands: list[Candidate]) -> None:
    """Give each candidate the zone written right before or after it, widening its span to include it.

    The zone before wins: in "2日(日本時間3日)" the zone belongs to "3日", not to "2日".
    """
    for i, cand in enumerate(cands):
        lex = cand.lex
        if lex.zone_before is None:
            continue
        lo = cands[i - 1].end if i else 0
        m = lex.zone_before.search(text, max(lo, cand.start - 24), cand.start)
        if m:
            cand.zone = lex.lookup("zones", m.group("z"))
            cand.start = m.start()
            continue
        hi = cands[i + 1].start if i + 1 < len(cands) else len(text)
        m = lex.zone_after.match(text, cand.end, min(hi, cand.end + 24)) if lex.zone_after else None
        if m:
            cand.zone = lex.lookup("zones", m.group("z") or m.group("z2"))
            cand.end = m.end()


def _day_level(cand: Candidate) -> bool:
    """Whether a candidate names one day (so a time of day can join it)."""
    f = cand.fields
    if cand.end_fields is not None or cand.week_of or cand.fiscal:
        return False
    if cand.relative is not None:
        return cand.relative.unit == "day"
    return f.day is not None or f.weekday is not None


def _join_times(text: str, cands: list[Candidate]) -> list[Candidate]:
    """A time of day next to a day joins it; lone times and lone weekday marks are dropped."""
    out: list[Candidate] = []
    i = 0
    while i < len(cands):
        cand = cands[i]
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        if cand.role == "date" and nxt is not None and nxt.role == "time" and _day_level(cand) \
                and cand.fields.hour is None and cand.lex.time_join_re.fullmatch(text, cand.end, nxt.start):
            _take_time(cand, nxt)
            cand.end = nxt.end
            out.append(cand)
            i += 2
            continue
        if cand.role == "time" and nxt is not None and nxt.role == "date" and _day_level(nxt) \
                and nxt.fields.hour is None and nxt.lex.time_join_re.fullmatch(text, cand.end, nxt.start):
            _take_time(nxt, cand)
            nxt.start = cand.start
            out.append(nxt)
            i += 2
            continue
        if cand.role == "date":
            out.append(cand)
        i += 1
    return out


def _take_time(date: Candidate, time: Candidate) -> None:
    date.fields.hour, date.fields.minute = time.fields.hour, time.fields.minute
    if time.zone and not date.zone:
        date.zone = time.zone


#: Gaps between two candidates, tested with fullmatch(text, pos, endpos).
_WEEKDAY_GAP = re.compile(r"\s*[,(（]?\s*")
_PAREN_GAP = re.compile(r"\s*[(（]\s*")


def _join_weekdays(text: str, cands: list[Candidate]) -> list[Candidate]:
    """"Thursday (January 30th)", "1月30日(木)": the weekday and the date are one expression.

    Weekday marks that only make sense beside a date (role "weekday": "(木)", "Thu,") are dropped
    when no date is there.
    """
    out: list[Candidate] = []
    for cand in cands:
        prev = out[-1] if out else None
        if prev is not None and _is_weekday_only(prev) and cand.fields.day is not None \
                and cand.fields.weekday is None and cand.end_fields is None \
                and _WEEKDAY_GAP.fullmatch(text, prev.end, cand.start):
            cand.fields.weekday = prev.fields.weekday
            if text[cand.end:cand.end + 1] in (")", "）") and "(" in text[prev.end:cand.start].replace("（", "("):
                cand.end += 1
            cand.start = prev.start
            cand.role = "date"
            out[-1] = cand
            continue
        if prev is not None and _is_weekday_only(cand) and prev.fields.day is not None \
                and prev.fields.weekday is None and prev.end_fields is None and prev.role == "date" \
                and cand.start - prev.end <= 1 and text[cand.start] in "(（":
            prev.fields.weekday = cand.fields.weekday
            prev.end = cand.end
            continue
        out.append(cand)
    return [c for c in out if c.role != "weekday"]


def _is_weekday_only(cand: Candidate) -> bool:
    f = cand.fields
    return f.weekday is not None and f.day is None and f.month is None and cand.rel_week is None


def _join_ranges(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Two dates around a range connector become one range; a bare day after a listed date inherits."""
    out: list[Candidate] = []
    for cand in cands:
        prev = out[-1] if out else None
        if prev is not None and prev.end_fields is None and cand.end_fields is None \
                and not prev.relative and not cand.relative and prev.fields.weekday is None \
                and _compatible(prev, cand) and prev.lex.range_re.fullmatch(text, prev.end, cand.start):
            prev.end_fields = replace(cand.fields)
            _inherit_fields(prev.end_fields, prev.fields)
            # "29 đến 30/3", "29 to 30 March": the start takes the month and year written at the end
            if prev.fields.month is None and prev.fields.day is not None:
                prev.fields.month = prev.end_fields.month
            if prev.fields.year is None:
                prev.fields.year = prev.end_fields.year if cand.fields.year is not None else None
            prev.fiscal = prev.fiscal or cand.fiscal
            prev.end = cand.end
            prev.zone = prev.zone or cand.zone
            continue
        if prev is not None and not cand.relative and cand.fields.year is None \
                and (prev.fields.month is not None or prev.fields.year is not None) and not prev.relative \
                and prev.lex.list_re.fullmatch(text, prev.end, cand.start) and _compatible(prev, cand):
            cand.inherit = prev
        if prev is not None and cand.zone and cand.zone != "local" and prev.zone in (None, "local") \
                and _PAREN_GAP.fullmatch(text, prev.end, cand.start) and prev.fields.day is not None:
            cand.pair_of = prev
            if prev.zone is None:
                prev.zone = "local"  # "2日(日本時間3日)": the plain date is the local one
            if cand.fields.month is None and cand.fields.year is None:
                cand.inherit = prev
        out.append(cand)
    return out


def _compatible(a: Candidate, b: Candidate) -> bool:
    """Whether b can complete a range or list started by a (a day with a day, a year with a year)."""
    fa, fb = a.fields, b.fields
    if fa.day is not None:
        return fb.day is not None and fb.hour is None and fa.hour is None
    if fa.month is not None:
        return fb.month is not None and fb.day is None
    if fa.year is not None:
        return fb.year is not None and fb.month is None
    return False


def _inherit_fields(target: Fields, source: Fields) -> None:
    """Fill the coarser fields a range end leaves out from its start ("3月29日至30日")."""
    if target.month is None and target.day is not None:
        target.month = source.month
    if target.year is None and (target.month is not None or target.day is not None):
        target.year = source.year


def tag(text: str, gram: Grammar) -> list[Candidate]:
    """Candidates in `text` after zones, times, weekdays and ranges are joined."""
    cands = scan(text, gram)
    if not cands:
        return cands
    _attach_zones(text, cands)
    cands = _join_weekdays(text, cands)
    cands = _join_times(text, cands)
    return _join_ranges(text, cands)
