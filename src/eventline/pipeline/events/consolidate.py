"""One event mention per happening per document.

An article about a meeting names it in many sentences ("会談は…行われ", "会談のあと…"). Those
candidates become one mention that keeps the most informative quote (trigger + actors + date),
the union of the participants, the local date first and other dates as alternatives. What the
parties of a meeting or call agree, sign or welcome there (AGREE, SUPPORT among themselves) is
folded into that meeting, as the project's seed annotation does (docs/EVENTS.md).
"""

from __future__ import annotations

from dataclasses import replace
from collections import Counter
from typing import Sequence

from eventline.document import EventMention
from eventline.pipeline.events.arguments import actor_key, dedupe_actors, state_count
from eventline.pipeline.events.detect import Candidate
from eventline.pipeline.merge import cluster_mentions

_MODE_RANK = {"visit": 4, "phone": 3, "third-party": 2, "multilateral": 1}


def _firm(c: Candidate) -> bool:
    return c.mention.date is not None and c.origin in ("clause", "sentence", "paragraph")


def _date_rank(c: Candidate) -> tuple:
    """Prefer a date stated next to the trigger, written out rather than counted from the page's
    date ("24日の週" over "来週", whose Monday is only the reference's next week), in local time,
    then the earlier sentence."""
    return (
        c.origin not in ("clause", "sentence"),
        c.when is not None and c.when.counted,
        c.origin != "paragraph" and c.origin not in ("clause", "sentence"),
        c.timezone not in (None, "local"),
        c.mention.date_precision != "day",
        c.order,
    )


def combine(cands: Sequence[Candidate]) -> EventMention:
    """One mention from candidates that report the same happening in one document."""
    best = max(cands, key=lambda c: (c.score, -c.order))
    dated = sorted(cands, key=_date_rank)
    source_of_date = dated[0]
    date = source_of_date.mention.date
    alternatives: list[str] = []
    for c in dated:
        if not _firm(c) and c is not source_of_date:
            continue
        for d in [c.mention.date, *c.mention.date_alternatives]:
            if d and d != date and not (date and date.startswith(d)) and d not in alternatives:
                alternatives.append(d)
    ranked = sorted(cands, key=lambda c: (-c.score, c.order))
    actors = dedupe_actors([a for c in ranked for a in c.mention.actors])
    ids = {actor_key(a) for a in actors}
    recipients = [r for r in dedupe_actors([a for c in ranked for a in c.mention.recipients])
                  if actor_key(r) not in ids]
    # A report that dates the happening says what became of it; an undated headline or aside
    # ("初のアジア外遊でどこを訪問?") does not overrule it.
    dated_reports = [c for c in cands if c.origin in ("clause", "sentence")]
    statuses = {c.mention.status for c in (dated_reports or cands)}
    status = "occurred" if "occurred" in statuses else "cancelled" if "cancelled" in statuses else "planned"
    mode = max((c.mention.mode for c in cands), key=lambda m: _MODE_RANK.get(m or "", 0))
    if best.mention.type == "CONSULT" and mode is None and state_count(actors) > 2:
        mode = "multilateral"
    location = next((c.mention.location for c in ranked if c.mention.location), None)
    # A label is adopted from the best candidate or one naming people: a state-only "2プラス2"
    # clause fused into an article's unlabelled meeting of two ministers (the 2+2 of the day
    # before, misdated upstream) must not relabel it and so part it from its other reports.
    # A states-only clause that alone dates the happening labels it too: "미일 양국은 12일 …
    # (2+2) 회의를 개최했다. … 루비오 …, 나카타니 … 방위상이 참석해" is the 2+2 of the four ministers
    # named in an undated sentence after it.
    people_undated = not any(c.origin in ("clause", "sentence") and any(a.type == "person" for a in c.mention.actors)
                             for c in cands)
    event_key = next((c.mention.event_key for c in ranked if c.mention.event_key and (
        c is best or any(a.type == "person" for a in c.mention.actors)
        or (c is source_of_date and people_undated))), "")
    return replace(
        best.mention, mode=mode, status=status, date=date,  # type: ignore[arg-type]
        date_precision=source_of_date.mention.date_precision, actors=actors, recipients=recipients,
        location=location, date_alternatives=alternatives,
        date_confidence=source_of_date.mention.date_confidence, event_key=event_key,
        confidence=max(c.mention.confidence for c in cands),
    )


#: Types that, between the parties of a meeting or call and on its day, are part of it: the
#: agreements, signings and expressions of support the meeting produced (seed gold, E01/E23).
FOLDED_TYPES = frozenset({"AGREE", "SUPPORT"})


def _parties(em: EventMention) -> tuple[set[str], set[str]]:
    """(person keys, states) of everyone in a mention, a person counting for their state too."""
    everyone = [*em.actors, *em.recipients]
    persons = {actor_key(a) for a in everyone if a.type == "person"}
    states = {a.country for a in everyone if a.country}
    return persons, states


def _held_at(em: EventMention, meeting: EventMention) -> bool:
    """Whether an agreement or statement of support was made by a meeting's parties at it."""
    persons, states = _parties(meeting)
    for a in [*em.actors, *em.recipients]:
        if a.type == "person" and persons:
            if actor_key(a) not in persons:
                return False
        elif not a.country or a.country not in states:
            return False
    if em.date is None or em.date_confidence <= 0.5 or meeting.date is None:
        return True
    days = {meeting.date, *meeting.date_alternatives}
    return em.date in days or any(d in days for d in em.date_alternatives) or meeting.date.startswith(em.date)


def fold_into_meetings(mentions: list[EventMention]) -> tuple[list[EventMention], int]:
    """Drop the agreements and statements of support that a meeting of the document contains.

    One convention for the project (docs/EVENTS.md): "the two ministers agreed to…", "signed a
    memorandum", "welcomed the deployment" at a meeting are what the meeting achieved, not
    separate happenings; they stay events when no meeting of the same parties that day is in
    the text.
    """
    meetings = [m for m in mentions if m.type == "CONSULT" and m.mode != "visit"]
    if not meetings:
        return mentions, 0
    kept = [m for m in mentions if m.type not in FOLDED_TYPES or not any(_held_at(m, x) for x in meetings)]
    return kept, len(mentions) - len(kept)


def consolidate(cands: Sequence[Candidate], skipped: Counter[str] | None = None) -> list[EventMention]:
    """The document's event mentions: one per happening, in text order.

    `skipped` counts what was folded into a meeting (reported in doc.notes).
    """
    if not cands:
        return []
    # One candidate is its own group: clustering it would only cost time (most short pages).
    groups = [[0]] if len(cands) == 1 else cluster_mentions([c.mention for c in cands], lenient=True)
    merged = []
    for g in groups:
        members = [cands[i] for i in g]
        best = max(members, key=lambda c: (c.score, -c.order))
        merged.append((min(c.order for c in members), combine(members), best))
    merged.sort(key=lambda x: x[0])
    kept, folded = fold_into_meetings([m for _, m, _ in merged])
    kept, stale = drop_stale_fallbacks(kept, [c for c in cands if c.origin in ("clause", "sentence")])
    if skipped is not None:
        if folded:
            skipped["agreement or support folded into its meeting"] += folded
        if stale:
            skipped["dated only by publication in a page about other days"] += stale
    ids = {id(m) for m in kept}
    out = _distinct_quotes([(m, best) for _, m, best in merged if id(m) in ids])
    return _with_dating_quotes(out, groups, cands, merged)


#: How close to a date the text states the publication day must be for an undated report to be
#: "today's news" of the page.
FALLBACK_REACH_DAYS = 1


def drop_stale_fallbacks(mentions: list[EventMention], firm: Sequence[Candidate]) -> tuple[list[EventMention], int]:
    """Drop events dated only by the publication date in a page whose stated dates are other days.

    A wire story with no date but its dateline reports the day's news, and the publication date
    is right (at confidence 0.5). A long page that dates its main happening weeks before
    publication ("3月30日…") and then says "赫格塞思声称…" without a date is still about those
    days: the publication day would invent a date (docs/EVENTS.md).
    """
    import datetime as dt

    days = set()
    for c in firm:
        d = c.mention.date
        if d and len(d) == 10:
            try:
                days.add(dt.date.fromisoformat(d))
            except ValueError:
                pass
    if not days:
        return mentions, 0
    out = []
    for m in mentions:
        if m.date and m.date_confidence <= 0.5 and len(m.date) == 10:
            try:
                day = dt.date.fromisoformat(m.date)
            except ValueError:
                out.append(m)
                continue
            if all(abs((day - d).days) > FALLBACK_REACH_DAYS for d in days):
                continue
        out.append(m)
    return out, len(mentions) - len(out)


#: At most this many further quotes of one happening per document.
MAX_EXTRA_QUOTES = 2


def _with_dating_quotes(out: list[EventMention], groups: list[list[int]], cands: Sequence[Candidate],
                        merged: list) -> list[EventMention]:
    """Also cite the sentences that gave a happening another date of its own (another zone).

    "会談は日本時間の13日に…" and "1月12日16時(現地時間)…" both date the Hamada–Austin meeting:
    the event lists both as sources. The extra mentions are copies of the combined one with the
    other quote, so the global merge puts them in the same event.
    """
    extra: list[EventMention] = []
    combined_of = {id(m): g for (_, m, _), g in zip(sorted(merged, key=lambda x: x[0]), _sorted_groups(groups, cands))}
    for m in out:
        g = combined_of.get(id(m))
        if not g:
            continue
        taken = {(m.source.start, m.source.end)}
        added = 0
        for i in sorted(g, key=lambda i: cands[i].order):
            c = cands[i]
            if added >= MAX_EXTRA_QUOTES or c.origin not in ("clause", "sentence") or c.mention.date is None:
                continue
            src = c.mention.source
            if (src.start, src.end) in taken or c.mention.date == m.date and not c.mention.date_alternatives:
                continue
            if c.mention.date not in (m.date, *m.date_alternatives):
                continue
            if any(src.start < e and s < src.end for s, e in taken):
                continue
            taken.add((src.start, src.end))
            extra.append(replace(m, source=src))
            added += 1
    if not extra:
        return out
    return sorted([*out, *extra], key=lambda m: m.source.start)


def _sorted_groups(groups: list[list[int]], cands: Sequence[Candidate]) -> list[list[int]]:
    return sorted(groups, key=lambda g: min(cands[i].order for i in g))


#: The shortest clause that reads as a quote on its own (shorter ones are fragments: "arrived in").
MIN_CLAUSE_QUOTE = 24


def _distinct_quotes(items: list[tuple[EventMention, Candidate]]) -> list[EventMention]:
    """Give two events quoting one sentence (a visit and the meeting held on it) their own quotes.

    A mention is known by document, quote offsets and type (merge.mention_key), so two events
    of one type must not share a quote: the later one quotes its clause, else its trigger.
    """
    seen: set[tuple[int, int, str]] = set()
    out = []
    for em, cand in items:
        key = (em.source.start, em.source.end, em.type)
        if key in seen:
            text_start = em.source.start
            full = em.source.quote
            # A readable quote first: the clause when it is one (not a bare trigger), else the
            # sentence less its closing punctuation; the trigger alone only as a last resort.
            trimmed = text_start + len(full.rstrip().rstrip(".。!！?？\"”」』)）"))
            options = []
            if cand.clause[1] - cand.clause[0] >= MIN_CLAUSE_QUOTE:
                options.append(cand.clause)
            options += [(text_start, trimmed), cand.trigger_span]
            for start, end in options:
                if (start, end, em.type) not in seen and end > start:
                    rel_s, rel_e = start - text_start, end - text_start
                    quote = full[rel_s:rel_e] if 0 <= rel_s < rel_e <= len(full) else None
                    if quote is not None and quote.strip():
                        lead = len(quote) - len(quote.lstrip())
                        trail = len(quote) - len(quote.rstrip())
                        em.source = replace(em.source, quote=quote.strip(), start=start + lead, end=end - trail)
                        break
            key = (em.source.start, em.source.end, em.type)
        seen.add(key)
        out.append(em)
    return out
