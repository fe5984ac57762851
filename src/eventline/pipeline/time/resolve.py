"""Resolving candidates to calendar values, the way a careful reader fills in what the text leaves out.

Rules (each documented where it is applied):
- A date with its year is absolute. A date without one is completed against the reference date
  (the publication date). Reports look back: the latest fitting date on or before the reference,
  one day of slack for time zones. Announcements look ahead: the earliest fitting date on or after
  it. The sentence's cues in the language data choose ("予定", "将", "sẽ", "예정", "will" ...).
- Without a reference, the anchor is the latest date in the text before the expression that has a
  year: a month-level anchor lends its month and year, a year-level one its year, and a day-level
  one the closest fitting date (or the next one after a future cue). With no anchor the expression
  is left unresolved and reported as such, never given a made-up year.
- A bare day after a date in the same sentence takes that date's month and year; a month-day
  takes the year written earlier in the sentence unless that would go back in time. "前日"/"翌日"
  count from the latest date in the same sentence, else from the previous sentence's, else from
  the reference; "同日" from the latest
  date anywhere before it.
- On an aggregator page each quoted item has its own date line, which cleaning removes
  ("公開日:2025/03/22"); given as anchors, the item's partial and relative dates count from it as
  from a publication date (`Context.anchor_at` says when it is preferred).
- Weeks ("来週", "last week", "24日の週") are ranges Monday to Sunday with day precision.
- Precision is what the text gives: "2025年1月" stays "2025-01".
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from eventline.document import TimeExpr
from eventline.pipeline.time.tagger import Candidate, Fields

#: The dot of a one- or two-digit ordinal ("am 30. März", "1. April") does not end a sentence.
#: (Written as one character class first, so that the engine can skip to candidates quickly.)
_SENTENCE_END = re.compile(r"[。！？!?\n.](?:(?<!\.)|(?=\s)(?<!\b\d\.)(?<!\b\d\d\.))")
#: A date reported as past may lie this far after the reference (the source wrote in another zone).
PAST_SLACK = timedelta(days=1)


@lru_cache(maxsize=4096)
def _valid(y: int, m: int, d: int) -> date | None:
    if 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]:
        return date(y, m, d)
    return None


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


@dataclass(slots=True)
class Value:
    """A resolved calendar value: year, month, day as far as known, and the optional range end."""

    year: int
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    end: "Value | None" = None

    @property
    def precision(self) -> str:
        if self.hour is not None and self.day is not None:
            return "minute"
        return "day" if self.day is not None else "month" if self.month is not None else "year"

    def iso(self) -> str:
        out = f"{self.year:04d}"
        if self.month is not None:
            out += f"-{self.month:02d}"
            if self.day is not None:
                out += f"-{self.day:02d}"
                if self.hour is not None:
                    out += f"T{self.hour:02d}:{self.minute or 0:02d}"
        return out

    def as_date(self) -> date | None:
        if self.month is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)

    @classmethod
    def of(cls, d: date) -> "Value":
        return cls(d.year, d.month, d.day)


def week_range(d: date) -> Value:
    """The week (Monday to Sunday) that holds `d`, as a day-precision range."""
    mon = _monday(d)
    v = Value.of(mon)
    v.end = Value.of(mon + timedelta(days=6))
    return v


@dataclass(slots=True)
class Context:
    """What resolution knows while walking a text in order."""

    text: str
    ref: date | None
    sentence_ends: list[int]
    #: (start offset, sentence index, value, whether its year was written) of every date so far
    seen: list[tuple[int, int, Value, bool]] = field(default_factory=list)
    #: latest expression with an explicit year (anchor when there is no reference)
    last_absolute: Value | None = None
    #: where `last_absolute` stands in the text
    last_absolute_at: int = -1
    #: (position, date) of the date lines cleaning removed, in text order (`with_anchors`)
    anchors: list[tuple[int, date]] = field(default_factory=list)
    #: (cue pattern, sentence start, sentence end) -> its cue matches, found once per sentence
    _cues: dict[tuple[re.Pattern[str], int, int], list[tuple[int, int, str]]] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str, ref: date | None, anchors: list[tuple[int, date]] | None = None) -> "Context":
        return cls(text, ref, [m.start() for m in _SENTENCE_END.finditer(text)],
                   anchors=sorted(anchors or [], key=lambda a: a[0]))

    def anchor_at(self, pos: int) -> date | None:
        """The date of the item a position belongs to, from the removed date line before it.

        An aggregator page dates each item it quotes ("公開日:2025/03/22"); the item's partial
        dates count from that line, as from a publication date. It is preferred when the page has
        no publication date or the line lies before it, and when it is more recent than the
        latest full date the text gave before the position (else that date is the context).
        """
        if not self.anchors:
            return None
        i = bisect.bisect_right([a[0] for a in self.anchors], pos) - 1
        if i < 0:
            return None
        at, day = self.anchors[i]
        if self.ref is not None and day > self.ref:
            return None
        prev = self.last_absolute
        if prev is not None and self.last_absolute_at >= at:
            last = prev.end if prev.end is not None else prev
            if (last.year, last.month or 12, last.day or 31) >= (day.year, day.month, day.day):
                return None
        return day

    def cues(self, cue_re: re.Pattern[str], lo: int, hi: int) -> list[tuple[int, int, str]]:
        """(start, end, "future" or "past") of every cue in the sentence text[lo:hi]."""
        key = (cue_re, lo, hi)
        found = self._cues.get(key)
        if found is None:
            found = self._cues[key] = [
                (m.start(), m.end(), "future" if m.group("future") is not None else "past")
                for m in cue_re.finditer(self.text, lo, hi)
            ]
        return found

    def sentence(self, pos: int) -> int:
        return bisect.bisect_left(self.sentence_ends, pos)

    def sentence_span(self, pos: int) -> tuple[int, int]:
        i = self.sentence(pos)
        lo = self.sentence_ends[i - 1] + 1 if i > 0 else 0
        hi = self.sentence_ends[i] if i < len(self.sentence_ends) else len(self.text)
        return lo, hi

    def previous_in_sentence(self, pos: int, need_day: bool) -> Value | None:
        """The latest date resolved earlier in the same sentence (a day, or at least a month)."""
        s = self.sentence(pos)
        for start, sent, value, _ in reversed(self.seen):
            if sent != s or start >= pos:
                if sent < s:
                    return None
                continue
            if value.day is not None or (not need_day and value.month is not None):
                return value
        return None

    def in_previous_sentence(self, pos: int) -> Value | None:
        """The latest day-level date of the sentence before the one at `pos`.

        "…は12日に会談した。前日の2プラス2では…": the day before is counted from the day the text is
        talking about, not from the publication date.
        """
        s = self.sentence(pos)
        for _, sent, value, _ in reversed(self.seen):
            if sent >= s:
                continue
            if sent < s - 1:
                return None
            if value.day is not None:
                return value
        return None

    def last_day(self, pos: int) -> Value | None:
        """The latest day-level date anywhere before `pos` ("同日": the day just mentioned)."""
        for start, _, value, _ in reversed(self.seen):
            if start < pos and value.day is not None:
                return value
        return None

    def year_in_sentence(self, pos: int) -> Value | None:
        """The latest expression with a written year earlier in the same sentence."""
        s = self.sentence(pos)
        for start, sent, value, explicit in reversed(self.seen):
            if sent < s:
                return None
            if sent == s and start < pos and explicit:
                return value
        return None

    def base(self, pos: int = -1) -> date | None:
        """The day relative words count from: the date line of the item at `pos`, else the
        reference, else the latest full date in the text."""
        anchor = self.anchor_at(pos) if pos >= 0 else None
        if anchor is not None:
            return anchor
        if self.ref is not None:
            return self.ref
        if self.last_absolute is not None:
            return self.last_absolute.as_date()
        return None


def cue_direction(ctx: Context, cand: Candidate) -> str | None:
    """"future" or "past" as the sentence's cues say, None when it has none.

    Verb-final languages (`cue_rule: final`, ja and ko) read the last cue in the sentence, which is the
    main predicate; the others read the cue nearest the expression, a future cue winning a tie.
    """
    cue_re = cand.lex.cue_re
    if cue_re is None:
        return None
    lo, hi = ctx.sentence_span(cand.start)
    best: tuple[int, int, str] | None = None
    final = cand.lex.tables.get("cue_rule") == "final"
    for start, end, kind in ctx.cues(cue_re, lo, hi):
        if start < cand.end and end > cand.start:
            continue  # inside the expression itself ("오는 13일")
        if final and kind == "future" and start >= cand.end and \
                not ctx.text.startswith(("の", "의"), end):
            # A plan clause holding the expression ("12月に来日する予定で調整し、…一致した"): its own
            # future predicate, the first cue after the expression, governs it, not the past
            # predicate that reports the plan. A cue modifying a noun ("計画の中止") is no predicate.
            key = (-1, start)
        elif final:
            key = (0, -start)
        else:
            dist = cand.start - end if end <= cand.start else start - cand.end
            key = (dist, 0 if kind == "future" else 1)
        if best is None or key < best[:2]:
            best = (key[0], key[1], kind)
    return best[2] if best else None


def _choose(options: list[date], anchor: date, direction: str, slack: timedelta, strict: bool) -> date | None:
    """The option a reader would pick: latest on/before, earliest on/after, or the closest."""
    if direction == "future":
        later = [o for o in options if (o > anchor if strict else o >= anchor)]
        return min(later) if later else None
    if direction == "past":
        earlier = [o for o in options if (o < anchor if strict else o <= anchor + slack)]
        return max(earlier) if earlier else None
    return min(options, key=lambda o: (abs((o - anchor).days), o > anchor)) if options else None


def _complete(f: Fields, anchor: date, direction: str, slack: timedelta, strict: bool) -> tuple[Value, str] | None:
    """Fill in the year (and month) a partial date leaves out, from an anchor day and a direction."""
    if f.month is not None and f.day is not None:
        years = range(anchor.year - 6, anchor.year + 7) if f.weekday is not None else range(anchor.year - 2, anchor.year + 3)
        options = [d for y in years if (d := _valid(y, f.month, f.day))]
        if f.weekday is not None:
            matching = [d for d in options if d.weekday() == f.weekday]
            options = matching or [d for d in options if abs(d.year - anchor.year) <= 2]
        choice = _choose(options, anchor, direction, slack, strict)
        if choice is None and f.weekday is not None:
            choice = _choose(options, anchor, "closest", slack, strict)
        if choice is None:
            return None
        return Value.of(choice), ("future" if choice > anchor else "past")
    if f.day is not None:
        options = []
        for k in range(-3, 4):
            y, m = _add_months(anchor.year, anchor.month, k)
            if (d := _valid(y, m, f.day)) is not None:
                options.append(d)
        choice = _choose(options, anchor, direction, slack, strict)
        return (Value.of(choice), "future" if choice > anchor else "past") if choice else None
    if f.month is not None:
        firsts = [date(y, f.month, 1) for y in range(anchor.year - 1, anchor.year + 2)]
        month_anchor = anchor.replace(day=1)
        choice = _choose(firsts, month_anchor, direction, timedelta(0), strict)
        if choice is None:
            return None
        return Value(choice.year, choice.month), ("future" if choice > month_anchor else "past")
    if f.weekday is not None:
        if direction == "future":
            d = anchor + timedelta(days=1)  # "will meet on Monday" said on a Monday: the next one
            while d.weekday() != f.weekday:
                d += timedelta(days=1)
            return Value.of(d), "future"
        d = anchor - timedelta(days=1) if strict else anchor
        while d.weekday() != f.weekday:
            d -= timedelta(days=1)
        return Value.of(d), "past"
    return None


def _shift(anchor: date, unit: str, offset: int) -> Value:
    if unit == "day":
        return Value.of(anchor + timedelta(days=offset))
    if unit == "week":
        return week_range(anchor + timedelta(weeks=offset))
    if unit == "month":
        y, m = _add_months(anchor.year, anchor.month, offset)
        return Value(y, m)
    return Value(anchor.year + offset)


def _relative(ctx: Context, cand: Candidate) -> Value | None:
    """Relative words: 昨日, 先月, 来週, last week, 3日前, 来週月曜日, 先月20日, 本年4月."""
    f = cand.fields
    rel = cand.relative
    if rel is not None:
        anchor = None
        if rel.anchor in ("previous", "last"):
            prev = ctx.previous_in_sentence(cand.start, need_day=True)
            if prev is None and rel.anchor == "previous":
                prev = ctx.in_previous_sentence(cand.start)
            if prev is None and rel.anchor == "last":
                prev = ctx.last_day(cand.start)
            anchor = prev.as_date() if prev else None
        anchor = anchor or ctx.base(cand.start)
        return _shift(anchor, rel.unit, rel.offset) if anchor else None
    base = ctx.base(cand.start)
    if base is None:
        return None
    if cand.rel_week is not None:
        monday = _monday(base) + timedelta(weeks=cand.rel_week)
        if f.weekday is None:
            return week_range(monday)
        return Value.of(monday + timedelta(days=f.weekday))
    if cand.rel_month is not None:
        y, m = _add_months(base.year, base.month, cand.rel_month)
        if f.day is None:
            return Value(y, m)
        d = _valid(y, m, f.day)
        return Value.of(d) if d else None
    if cand.rel_year is not None:
        y = base.year + cand.rel_year
        if f.month is None:
            return Value(y)
        if f.day is None:
            return Value(y, f.month)
        d = _valid(y, f.month, f.day)
        return Value.of(d) if d else None
    return None


def _absolute(f: Fields) -> Value | None:
    """A date whose year is written: only checks that the day exists."""
    if f.year is None:
        return None
    if f.month is None:
        return Value(f.year)
    if f.day is None:
        return Value(f.year, f.month)
    d = _valid(f.year, f.month, f.day)
    return Value.of(d) if d else None


def _end_value(start: Value, e: Fields) -> Value | None:
    """The end of a range, completed from its start and rolled forward when it would precede it."""
    year = e.year if e.year is not None else start.year
    month = e.month if e.month is not None else start.month
    if e.day is None and e.month is None:
        return Value(year)
    if e.day is None:
        v = Value(year, month)
        if (v.year, v.month or 0) < (start.year, start.month or 0) and e.year is None:
            v.year += 1
        return v
    if month is None:
        return None
    d = _valid(year, month, e.day)
    if d is None:
        return None
    s = start.as_date()
    if s is not None and d < s:
        if e.month is None:
            y, m = _add_months(year, month, 1)
            d = _valid(y, m, e.day)
        elif e.year is None:
            d = _valid(year + 1, month, e.day)
    return Value.of(d) if d else None


@dataclass(slots=True)
class Outcome:
    """A resolved candidate, or the reason it could not be resolved."""

    value: Value | None
    kind: str
    direction: str
    reason: str = ""


def resolve_one(ctx: Context, cand: Candidate) -> Outcome:
    """The value of one candidate in its context."""
    f = cand.fields
    kind = "range" if cand.end_fields is not None else "date"
    if cand.relative or cand.rel_week is not None or cand.rel_month is not None or cand.rel_year is not None:
        value = _relative(ctx, cand)
        if value is None:
            return Outcome(None, "relative", "absolute", "no reference date to count from")
        if cand.rel_year is not None and cand.relative is None and cand.rel_week is None:
            kind = "date"
        else:
            kind = "relative"
        direction = "absolute"
    elif f.year is not None:
        value = _absolute(f)
        direction = "absolute"
        if value is None:
            return Outcome(None, kind, "absolute", "no such day")
    else:
        value, direction = _partial(ctx, cand)
        if value is None:
            return Outcome(None, kind, direction, "no year in the text and no reference date")
    if cand.week_of and value.day is not None:
        value = week_range(value.as_date())  # type: ignore[arg-type]
        kind = "range"
    if cand.end_fields is not None:
        end = _end_value(value, cand.end_fields)
        if end is None:
            return Outcome(None, kind, direction, "range end is not a day")
        value.end = end
    if f.hour is not None and value.day is not None and value.end is None:
        value.hour, value.minute = f.hour, f.minute
    return Outcome(value, kind, direction)


def _partial(ctx: Context, cand: Candidate) -> tuple[Value | None, str]:
    """A date without its year: inherit from a listed or same-sentence date, else complete it."""
    f = cand.fields
    source = cand.inherit
    if source is not None and isinstance(source.resolved, Value):
        v = source.resolved
        month = f.month if f.month is not None else v.month
        if month is not None and f.day is not None:
            d = _valid(v.year, month, f.day)
            if d is not None:
                return Value.of(d), "absolute"
        elif month is not None:
            return Value(v.year, month), "absolute"
    if f.month is None and f.day is not None and f.weekday is None:
        prev = ctx.previous_in_sentence(cand.start, need_day=False)
        if prev is not None and prev.month is not None:
            d = _valid(prev.year, prev.month, f.day)
            if d is not None:
                return Value.of(d), "absolute"
    if f.month is not None:
        # "令和7年度の演習を12月10日まで": a written year earlier in the sentence carries over,
        # unless that would step back before it ("2024年6月 ... 3月19日" is the next March).
        held = ctx.year_in_sentence(cand.start)
        if held is not None:
            day = f.day if f.day is not None else 1
            if _valid(held.year, f.month, day) is not None and (f.month, day) >= (held.month or 1, held.day or 1):
                return (Value(held.year, f.month, f.day) if f.day is not None else Value(held.year, f.month)), "absolute"
    cue = cand.direction or cue_direction(ctx, cand)
    ref = ctx.anchor_at(cand.start) or ctx.ref
    if ref is not None:
        direction = "future" if cue == "future" else "past"
        got = _complete(f, ref, direction, PAST_SLACK, cand.strict)
        return got if got else (None, direction)
    anchor = ctx.last_absolute
    if anchor is None:
        return None, "absolute"
    if anchor.day is None:
        # A month- or year-level anchor lends what it has ("2025年1月 ... 31日").
        if anchor.month is not None and f.month is None and f.day is not None:
            d = _valid(anchor.year, anchor.month, f.day)
            return (Value.of(d), "absolute") if d else (None, "absolute")
        if f.month is not None:
            if f.day is None:
                return Value(anchor.year, f.month), "absolute"
            d = _valid(anchor.year, f.month, f.day)
            return (Value.of(d), "absolute") if d else (None, "absolute")
        return None, "absolute"
    direction = "future" if cue == "future" else "closest"
    got = _complete(f, anchor.as_date(), direction, timedelta(0), cand.strict)  # type: ignore[arg-type]
    return got if got else (None, "absolute")


def pair_zones(times: list[TimeExpr], cands: list[Candidate]) -> None:
    """Link a date given in another zone to the local date of the same moment (`alternative_of`).

    Inline ("2日(日本時間3日)") the parenthesised date restates the one before it. Otherwise a
    date with a named zone (not "local") pairs with the nearest "local" date in the text that is at
    most one day away: the same meeting, told from the other side of the date line.
    """
    index = {id(c): i for i, c in enumerate(cands)}
    for i, (t, c) in enumerate(zip(times, cands)):
        if c.pair_of is not None and id(c.pair_of) in index:
            t.alternative_of = index[id(c.pair_of)]
    locals_ = [(i, t) for i, t in enumerate(times) if t.timezone == "local" and t.precision in ("day", "minute")]
    if not locals_:
        return
    for i, t in enumerate(times):
        if t.alternative_of is not None or t.timezone in (None, "local") or t.precision not in ("day", "minute"):
            continue
        mine = date.fromisoformat(t.value[:10])
        near = [
            (abs(l.start - t.start), j) for j, l in locals_
            if abs((date.fromisoformat(l.value[:10]) - mine).days) <= 1
        ]
        if near:
            t.alternative_of = min(near)[1]
