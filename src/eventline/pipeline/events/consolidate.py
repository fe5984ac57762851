"""One event mention per happening per document.

An article about a meeting names it in many sentences ("会談は…行われ", "会談のあと…"). Those
candidates become one mention that keeps the most informative quote (trigger + actors + date),
the union of the participants, the local date first and other dates as alternatives. What the
parties agree or declare at a meeting stays a separate event of its own type (PLOVER codes the
agreement as AGREE beside the CONSULT), with the same date and participants.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from eventline.document import EventMention
from eventline.pipeline.events.arguments import actor_key, dedupe_actors, state_count
from eventline.pipeline.events.detect import Candidate
from eventline.pipeline.merge import cluster_mentions

_MODE_RANK = {"visit": 4, "phone": 3, "third-party": 2, "multilateral": 1}


def _firm(c: Candidate) -> bool:
    return c.mention.date is not None and c.origin in ("clause", "sentence", "paragraph")


def _date_rank(c: Candidate) -> tuple:
    """Prefer a date stated next to the trigger, in local time, then the earlier sentence."""
    return (
        c.origin not in ("clause", "sentence"),
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
    statuses = {c.mention.status for c in cands}
    status = "occurred" if "occurred" in statuses else "cancelled" if "cancelled" in statuses else "planned"
    mode = max((c.mention.mode for c in cands), key=lambda m: _MODE_RANK.get(m or "", 0))
    if best.mention.type == "CONSULT" and mode is None and state_count(actors) > 2:
        mode = "multilateral"
    location = next((c.mention.location for c in ranked if c.mention.location), None)
    event_key = next((c.mention.event_key for c in ranked if c.mention.event_key), "")
    return replace(
        best.mention, mode=mode, status=status, date=date,  # type: ignore[arg-type]
        date_precision=source_of_date.mention.date_precision, actors=actors, recipients=recipients,
        location=location, date_alternatives=alternatives,
        date_confidence=source_of_date.mention.date_confidence, event_key=event_key,
        confidence=max(c.mention.confidence for c in cands),
    )


def consolidate(cands: Sequence[Candidate]) -> list[EventMention]:
    """The document's event mentions: one per happening, in text order."""
    if not cands:
        return []
    groups = cluster_mentions([c.mention for c in cands], lenient=True)
    merged = []
    for g in groups:
        members = [cands[i] for i in g]
        best = max(members, key=lambda c: (c.score, -c.order))
        merged.append((min(c.order for c in members), combine(members), best))
    merged.sort(key=lambda x: x[0])
    return _distinct_quotes([(m, best) for _, m, best in merged])


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
            for start, end in (cand.clause, cand.trigger_span):
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
