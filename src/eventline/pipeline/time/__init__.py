"""Pipeline stage: time. Temporal expressions in many languages, resolved like a careful reader would.

Public API:
- `find_times(text, lang, ref, *, start_offset=0, anchors=None) -> list[TimeExpr]`
- `date_line_anchors(doc)`: the item date lines cleaning removed, as anchors for `find_times`
- `find_times_with_unresolved(...)`: the same plus the expressions that could not be resolved
- `TimeStage()`: the per-document stage (`doc.times`, and a note for what stayed unresolved)
- `parse_date_arg(s) -> date`: a `--ref` / `--date` value, or a SettingsError with a fix hint
- `dates_records(text, lang, ref)`: what `eventline dates` prints, one dict per expression

How: `lexicon` compiles each language's `lang/data/<code>/time.yaml` into one regex; `tagger` finds
and joins the pieces; `resolve` completes them against the reference date. Full-width digits are
folded before matching without changing offsets, so spans always point into the original text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, Sequence

from eventline.document import Document, TimeExpr
from eventline.errors import SettingsError
from eventline.pipeline.time.lexicon import grammar_for
from eventline.pipeline.time.numbers import fold_width
from eventline.pipeline.time.resolve import Context, pair_zones, resolve_one
from eventline.pipeline.time.tagger import Candidate, tag

__all__ = [
    "TimeStage", "Unresolved", "date_line_anchors", "dates_records", "find_times", "find_times_with_unresolved",
    "parse_date_arg",
]


@dataclass(slots=True)
class Unresolved:
    """An expression the text has but that cannot be given a full value, and why."""

    text: str
    start: int
    end: int
    reason: str


def find_times_with_unresolved(
    text: str, lang: str | None, ref: date | None, *, start_offset: int = 0,
    anchors: Sequence[tuple[int, date]] | None = None,
) -> tuple[list[TimeExpr], list[Unresolved]]:
    """Every temporal expression in `text`, resolved, plus the ones left unresolved.

    An expression is unresolved when its value would need a year nobody gives: "tháng 4" in a
    text with no reference date and no dated sentence before it. The contract's `value` must be a
    real YYYY[-MM[-DD]], so such expressions are not invented but listed here instead.
    """
    if not text:
        return [], []
    folded = fold_width(text)
    cands = tag(folded, grammar_for(lang))
    ctx = Context.of(folded, ref, list(anchors or []))
    times: list[TimeExpr] = []
    kept: list[Candidate] = []
    unresolved: list[Unresolved] = []
    for cand in cands:
        out = resolve_one(ctx, cand)
        if out.value is None:
            unresolved.append(Unresolved(text[cand.start:cand.end], cand.start + start_offset,
                                         cand.end + start_offset, out.reason))
            continue
        value = out.value
        cand.resolved = value
        ctx.seen.append((cand.start, ctx.sentence(cand.start), value, cand.fields.year is not None))
        if cand.fields.year is not None and value.end is None and out.kind == "date" and not cand.fiscal:
            ctx.last_absolute, ctx.last_absolute_at = value, cand.start
        times.append(TimeExpr(
            text=text[cand.start:cand.end],
            start=cand.start + start_offset,
            end=cand.end + start_offset,
            value=value.iso(),
            precision=value.precision,  # type: ignore[arg-type]
            timezone=cand.zone,
            end_value=value.end.iso() if value.end is not None else None,
            kind=out.kind,  # type: ignore[arg-type]
            direction=out.direction,  # type: ignore[arg-type]
        ))
        kept.append(cand)
    pair_zones(times, kept)
    return times, unresolved


def find_times(text: str, lang: str | None, ref: date | None, *, start_offset: int = 0,
               anchors: Sequence[tuple[int, date]] | None = None) -> list[TimeExpr]:
    """Every temporal expression in `text`, in order, with offsets into `text` (+ `start_offset`).

    `lang` picks the language data (None: all languages). `ref` is the publication date; when it is
    None, partial dates resolve against the latest dated expression earlier in the text, and those
    that still lack a year are left out (see `find_times_with_unresolved`). `anchors` are
    (position in `text`, date) of item date lines cleaning removed (`date_line_anchors`): partial
    and relative dates after one count from it (see `resolve.Context.anchor_at`).
    """
    return find_times_with_unresolved(text, lang, ref, start_offset=start_offset, anchors=anchors)[0]


def date_line_anchors(doc: Document) -> list[tuple[int, date]]:
    """(position in doc.text, date) of each date line the cleaner removed ("公開日:2025/03/22").

    Cleaning only deletes, so a removed line stood where the kept text after it begins
    (`kept_offset`); the position is snapped back to a line start, as the mapping may run a few
    characters past it. Only lines giving a full date with its year count.
    """
    from eventline.pipeline.clean.offsets import kept_offset

    out: list[tuple[int, date]] = []
    for r in doc.removed:
        if r.reason != "date-line" or not r.text:
            continue
        day = _line_day(r.text, doc.language)
        if day is None:
            continue
        pos = min(kept_offset(doc.removed, r.start), len(doc.text))
        pos = doc.text.rfind("\n", 0, pos) + 1 if pos and doc.text[pos - 1] != "\n" else pos
        out.append((pos, date.fromisoformat(day)))
    return out


@lru_cache(maxsize=4096)
def _line_day(line: str, lang: str | None) -> str | None:
    """The first full day (YYYY-MM-DD) a date line gives, or None; memoised, as a site's date
    lines recur."""
    return next((t.value[:10] for t in find_times(line, lang, None)
                 if t.precision in ("day", "minute") and t.end_value is None), None)


class TimeStage:
    """Per-document stage: fills `doc.times`; notes how many expressions stayed unresolved."""

    name = "time"

    def __call__(self, doc: Document) -> Document:
        ref = None
        if doc.published:
            try:
                ref = date.fromisoformat(doc.published[:10])
            except ValueError:
                doc.notes.append(f"time: publication date {doc.published!r} is not ISO; resolved without it")
        times, unresolved = find_times_with_unresolved(doc.text, doc.language, ref,
                                                       anchors=date_line_anchors(doc))
        doc.times = times
        if unresolved:
            quoted = ", ".join(repr(u.text) for u in unresolved[:5])
            doc.notes.append(f"time: {len(unresolved)} expression(s) left unresolved (no year known): {quoted}")
        return doc


def parse_date_arg(s: str) -> date:
    """A YYYY-MM-DD command-line value as a date; anything else is a SettingsError saying what to write."""
    value = (s or "").strip()
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise SettingsError(
        f"{s!r} is not a date; write it as YYYY-MM-DD, e.g. --ref 2025-03-30"
    )


def dates_records(text: str, lang: str | None, ref: date | None) -> list[dict[str, Any]]:
    """What `eventline dates` prints: one JSON-ready dict per expression (the contract's fields)."""
    return [t.to_json() for t in find_times(text, lang, ref)]
