"""The global merge: event mentions from every document become canonical events.

One event per real-world happening, however many pages in however many languages report it.
`merge_events` is pure and deterministic: the same mentions (in any order) give the same events
with the same ids, and `previous_ids` keeps ids stable when new documents join a happening.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Iterable, Mapping, Sequence

from eventline.document import Actor, Event, EventMention, Location, mention_key
from eventline.pipeline.events.arguments import actor_key, dedupe_actors
from eventline.pipeline.merge.compat import (
    OCCURRED_WINDOW_DAYS,
    PLANNED_WINDOW_DAYS,
    Profile,
    affinity,
    circumstances_compatible,
    participants_compatible,
    profile,
)

__all__ = ["merge_events", "mention_key", "cluster_mentions", "independent_sources", "link_visits", "undated_mentions"]


@dataclass(slots=True)
class _Cluster:
    members: list[int] = field(default_factory=list)
    profiles: list[Profile] = field(default_factory=list)
    union: EventMention | None = None  # the first member with everyone's participants
    union_profile: Profile | None = None
    distinct: dict[tuple, int] = field(default_factory=dict)  # circumstances -> a member having them
    actor_keys: set[str] = field(default_factory=set)  # every actor key ever added, before dedupe
    recipient_keys: set[str] = field(default_factory=set)

    def add(self, i: int, em: EventMention, p: Profile) -> None:
        """Add a member; participants are compared with the union of all members'."""
        self.members.append(i)
        self.profiles.append(p)
        self.distinct.setdefault(_circumstances(em), i)
        new_actors = {actor_key(a) for a in em.actors} - self.actor_keys
        new_recipients = {actor_key(a) for a in em.recipients} - self.recipient_keys
        if self.union is None:
            self.union = em
            self.union_profile = p
        elif new_actors or new_recipients:
            # A member naming nobody new leaves the union's participants (hence its profile) as
            # they are: the common case of many reports of one meeting costs no recomputation.
            self.union = replace(self.union, actors=dedupe_actors([*self.union.actors, *em.actors]),
                                 recipients=dedupe_actors([*self.union.recipients, *em.recipients]))
            self.union_profile = profile(self.union)
        self.actor_keys |= new_actors
        self.recipient_keys |= new_recipients


def _circumstances(em: EventMention) -> tuple:
    """What circumstance checks read: members alike in these need to be checked only once."""
    return (em.type, em.mode, em.event_key, em.date, tuple(em.date_alternatives), em.date_confidence, em.status,
            em.location.country if em.location else None)


def _order_key(em: EventMention) -> tuple:
    """Firmly dated mentions seed clusters first; undated and fallback-dated ones join them after.

    Within a date, mentions naming people and a label seed first: a mention naming only states
    or no label then joins the happening of the same people rather than seeding one that a
    later, better-described mention of another meeting would join (a key-less "会談は13日に"
    must not found the cluster that the day-before "2+2" joins).
    """
    tier = 2 if em.date is None else 1 if em.date_confidence <= 0.5 else 0
    named = sum(1 for a in [*em.actors, *em.recipients] if a.type == "person")
    return (tier, -em.date_confidence, em.date or "", -min(named, 2), not em.event_key, mention_key(em))


def _participant_keys(p: Profile, em: EventMention) -> set[str]:
    keys = set(p.persons)
    if not keys:
        keys = {f"cc:{c}" for c in p.countries}
    return keys or {f"month:{(em.date or '')[:7]}"}


#: How far from its own date a fallback-dated mention can meet another (the wider window).
SOFT_REACH_DAYS = max(PLANNED_WINDOW_DAYS, OCCURRED_WINDOW_DAYS) + 1


@lru_cache(maxsize=4096)
def _months_around(day: dt.date, days: int) -> frozenset[str]:
    """The months (YYYY-MM) that the window of `days` before and after a day touches."""
    lo, hi = day - dt.timedelta(days=days), day + dt.timedelta(days=days)
    out, y, m = set(), lo.year, lo.month
    while (y, m) <= (hi.year, hi.month):
        out.add(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return frozenset(out)


def _buckets(em: EventMention, p: Profile, *, fine: bool = True) -> tuple[set[str], set[str] | None]:
    """Date buckets a mention is filed under, and the buckets its candidates are looked up in.

    A firm date meets the same date, a coarser date containing it (its month, its year), finer
    dates it contains, its other-zone alternatives, and soft (fallback-dated) mentions within the
    widest soft window; a soft date meets what lies within that window; a missing date may meet
    anything (None). Only clusters holding a date-compatible member are proposed, which keeps
    the pass near-linear when a store holds years of events between the same people.

    `fine=False` files firm dates by month instead of by day: within one document `lenient`
    comparison lets differently dated reports of a meeting meet, so candidates must be wider.
    """
    if em.date is None or p.undated:
        return {"*"}, None
    if p.soft:
        base = _parse_day(em.date)
        if base is None:
            return {"*"}, None
        around = _months_around(base, SOFT_REACH_DAYS)
        if not fine:
            return {"S" + em.date[:7]}, {"*"} | around | {m[:4] for m in around} | {"S" + m for m in around}
        # Firm days inside its window (exactly), coarser firm dates and soft dates by month.
        return ({"S" + em.date[:7]},
                {"*"} | _firm_days_around(base) | {"E" + m for m in around} | {"E" + m[:4] for m in around}
                | {"S" + m for m in around})
    filed: set[str] = set()
    look: set[str] = {"*"}
    for d in (em.date, *em.date_alternatives):
        year = d[:4]
        day = _parse_day(d)
        if not fine:
            filed.add("Y" + year)
            if len(d) >= 7:
                filed.add(d[:7])
                look.update((d[:7], year))
            else:
                filed.add(year)
                look.add("Y" + year)
        else:
            # "E" + a date: the mentions with exactly that date; "P" + a month or year: those
            # with a finer date inside it.
            filed.add("E" + d)
            look.add("E" + d)
            if len(d) > 4:
                filed.add("P" + year)
                look.add("E" + year)
            if len(d) > 7:
                filed.add("P" + d[:7])
                look.add("E" + d[:7])
            if len(d) < 10:
                look.add("P" + d)
        if len(d) >= 7:
            soft_months = _months_around(day, SOFT_REACH_DAYS) if day else {d[:7]}
        else:
            soft_months = {f"{year}-{m:02d}" for m in range(1, 13)}
        look.update("S" + m for m in soft_months)
    return filed, look


@lru_cache(maxsize=4096)
def _firm_days_around(day: dt.date) -> frozenset[str]:
    """Buckets ("E" + day) of the firm days a soft date's window can reach (planned or not)."""
    return frozenset("E" + (day + dt.timedelta(days=k)).isoformat()
                     for k in range(-OCCURRED_WINDOW_DAYS - 1, PLANNED_WINDOW_DAYS + 2))


def _parse_day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


def cluster_mentions(items: Sequence[EventMention], *, lenient: bool = False) -> list[list[int]]:
    """Groups of indices into `items` that report one happening each.

    A mention joins the most alike cluster whose every member it is compatible with; clusters are
    looked up through shared participants and date buckets, so the pass stays near-linear on
    large stores.
    """
    order = sorted(range(len(items)), key=lambda i: _order_key(items[i]))
    profiles = {i: profile(items[i]) for i in order}
    clusters: list[_Cluster] = []
    index: dict[tuple[str, str], dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for i in order:
        em, p = items[i], profiles[i]
        keys = _participant_keys(p, em)
        filed, look = _buckets(em, p, fine=not lenient)
        candidates: set[int] = set()
        for k in keys | {f"cc:{c}" for c in p.countries}:
            # States link a mention naming only states to a meeting of those states' ministers.
            by_bucket = index.get((em.type, k))
            if not by_bucket:
                continue
            if look is None:
                for found in by_bucket.values():
                    candidates |= found
            else:
                # Look the few wanted buckets up rather than scan every month the key was seen in.
                for bucket in look:
                    found = by_bucket.get(bucket)
                    if found:
                        candidates |= found
        best: tuple[float, int] | None = None
        for c in sorted(candidates):
            cluster = clusters[c]
            if look is None and not (p.persons & cluster.union_profile.persons):  # type: ignore[union-attr]
                # A mention with no date of its own joins only a happening of the same people:
                # sharing a country is not enough to place it on someone else's day.
                continue
            if participants_compatible(em, cluster.union, p, cluster.union_profile) and all(  # type: ignore[arg-type]
                    circumstances_compatible(em, items[j], p, profiles[j], lenient=lenient)
                    for j in cluster.distinct.values()):
                score = max(affinity(p, profiles[j]) for j in cluster.distinct.values())
                if best is None or score > best[0]:
                    best = (score, c)
        if best is None:
            clusters.append(_Cluster())
            target = len(clusters) - 1
        else:
            target = best[1]
        clusters[target].add(i, em, p)
        for k in keys | {f"cc:{c}" for c in p.countries}:
            for bucket in filed:
                index[(em.type, k)][bucket].add(target)
    return [sorted(c.members) for c in clusters]


# --- independent sources ------------------------------------------------------------------

def _norm_source(value: str) -> str:
    """An outlet or URL in a comparable form: host + path for URLs, the bare name otherwise."""
    v = value.strip().lower()
    for cut in ("(", "（"):
        if cut in v and not v.startswith(cut):
            v = v.split(cut, 1)[0].strip()
    for prefix in ("https://", "http://", "www.", "www3."):
        if v.startswith(prefix):
            v = v[len(prefix):]
    return v.rstrip("/")


def independent_sources(documents: Iterable[str], duplicate_of: Mapping[str, str | None],
                        cited_sources: Mapping[str, Sequence[str]]) -> int:
    """How many independent reports: copies of one original and pages citing one outlet count once."""
    docs = sorted(set(documents))
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for d in docs:
        root, seen = d, set()
        while duplicate_of.get(root) and root not in seen:
            seen.add(root)
            root = duplicate_of[root]  # type: ignore[assignment]
        union(d, root)
        for cited in cited_sources.get(d, ()):
            if cited and cited.strip():
                union(d, "cite:" + _norm_source(cited))
    return len({find(d) for d in docs})


# --- building events ----------------------------------------------------------------------

def _choose_date(members: list[EventMention]) -> tuple[str, str, list[str]]:
    """Date, precision and alternatives: the best-supported local date among firm reports."""
    firm = [m for m in members if m.date and m.date_confidence > 0.5] or [m for m in members if m.date]
    votes: Counter[str] = Counter()
    for m in firm:
        votes[m.date] += m.date_confidence  # type: ignore[index]
        for alt in m.date_alternatives:
            votes[alt] += 0.4 * m.date_confidence
    rank = {"day": 2, "month": 1, "year": 0}

    def precision(d: str) -> str:
        return "day" if len(d) == 10 else "month" if len(d) == 7 else "year"

    primaries = {m.date for m in firm}
    # On a tie the earlier day wins: reports in a zone ahead of the event's (Tokyo, Seoul for a
    # Washington meeting) carry the later date, and the contract wants the local one.
    ordinal = {d: i for i, d in enumerate(sorted(votes, reverse=True))}
    date = max(votes, key=lambda d: (d in primaries, rank[precision(d)], round(votes[d], 6), ordinal[d]))
    alternatives = sorted({d for m in firm for d in [m.date, *m.date_alternatives]
                           if d and d != date and not date.startswith(d)})
    return date, precision(date), alternatives


def _merge_actors(lists: Iterable[list[Actor]]) -> list[Actor]:
    return dedupe_actors([a for lst in lists for a in lst])


def _choose_location(members: list[EventMention]) -> Location | None:
    counts: Counter[tuple] = Counter()
    first: dict[tuple, Location] = {}
    for m in members:
        if m.location:
            k = (m.location.id or m.location.name, m.location.country)
            counts[k] += 1
            first.setdefault(k, m.location)
    if not counts:
        return None
    best = max(counts, key=lambda k: (counts[k], first[k].lat is not None, str(k)))
    return first[best]


def _status(members: list[EventMention]) -> str:
    statuses = {m.status for m in members}
    if "occurred" in statuses:
        return "occurred"
    if "cancelled" in statuses:
        return "cancelled"
    return "planned"


def _mode(members: list[EventMention]) -> str | None:
    modes = Counter(m.mode for m in members if m.mode)
    if not modes:
        return None
    return max(modes, key=lambda k: (modes[k], k))


def _new_id(keys: list[str]) -> str:
    digest = hashlib.sha256("\n".join(sorted(keys)).encode("utf-8")).hexdigest()[:16]
    return f"ev-{digest}"


def merge_events(
    items: Iterable[EventMention],
    *,
    duplicate_of: Mapping[str, str | None] = {},  # noqa: B006 - read-only defaults, as specified
    cited_sources: Mapping[str, Sequence[str]] = {},  # noqa: B006
    previous_ids: Mapping[str, str] = {},  # noqa: B006
) -> list[Event]:
    """Canonical events from event mentions of any number of documents, sorted by date.

    Mentions of one happening (same type, compatible mode, label, participants, place and date)
    become one event listing every source. Ids: a cluster reuses the id most of its mentions had
    in `previous_ids`; a new cluster gets a hash of its mention keys. Mentions with no date at
    all only join dated events; on their own they cannot be placed on a timeline and are left out
    (`undated_mentions` lists them).
    """
    from eventline.pipeline.events.summary import summarize

    mentions = sorted(items, key=mention_key)
    groups = cluster_mentions(mentions)
    events: list[tuple[Event, list[str]]] = []
    for group in groups:
        members = [mentions[i] for i in group]
        if all(m.date is None for m in members):
            continue
        keys = [mention_key(m) for m in members]
        date, precision, alternatives = _choose_date(members)
        ranked = sorted(members, key=lambda m: (-m.confidence, -m.date_confidence, mention_key(m)))
        actors = _merge_actors(m.actors for m in ranked)
        actor_ids = {actor_key(a) for a in actors}
        recipients = [r for r in _merge_actors(m.recipients for m in ranked) if actor_key(r) not in actor_ids]
        sources = sorted({(s.document, s.start, s.end): s for s in (m.source for m in members)}.values(),
                         key=lambda s: (s.document, s.start, s.end))
        event = Event(
            id="", type=members[0].type, date=date, date_precision=precision,  # type: ignore[arg-type]
            actors=actors, sources=list(sources), mode=_mode(members), location=_choose_location(ranked),
            recipients=recipients, status=_status(members),  # type: ignore[arg-type]
            date_alternatives=alternatives,
            independent_source_count=independent_sources((s.document for s in sources), duplicate_of,
                                                          cited_sources),
        )
        event.summary = summarize(event)
        events.append((event, keys))
    _assign_ids(events, previous_ids)
    out = [e for e, _ in events]
    _link_related(out)
    out.sort(key=lambda e: (e.date, e.type, e.id))
    return out


def _link_related(events: list[Event]) -> None:
    """Fill `related` both ways between a visit and the meetings held during it."""
    by_id = {e.id: e for e in events}
    related: dict[str, set[str]] = defaultdict(set)
    for visit_id, meetings in link_visits(events).items():
        for m in meetings:
            related[visit_id].add(m)
            related[m].add(visit_id)
    for eid, ids in related.items():
        by_id[eid].related = sorted(ids)


def undated_mentions(items: Iterable[EventMention]) -> list[EventMention]:
    """Mentions that `merge_events` could not place: no date in their text and no dated match."""
    mentions = sorted(items, key=mention_key)
    return [mentions[i] for g in cluster_mentions(mentions) if all(mentions[i].date is None for i in g)
            for i in g]


def _assign_ids(events: list[tuple[Event, list[str]]], previous_ids: Mapping[str, str]) -> None:
    """Reuse the id most of a cluster's mentions had; larger clusters choose first; else hash."""
    taken: set[str] = set()
    order = sorted(range(len(events)), key=lambda i: (-len(events[i][1]), sorted(events[i][1])[0]))
    for i in order:
        event, keys = events[i]
        votes = Counter(previous_ids[k] for k in keys if k in previous_ids)
        for old, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])):
            if old not in taken:
                event.id = old
                break
        if not event.id:
            new = _new_id(keys)
            while new in taken:
                new = _new_id([new, *keys])
            event.id = new
        taken.add(event.id)


def link_visits(events: Sequence[Event]) -> dict[str, list[str]]:
    """Visit id -> ids of the meetings held during it (same visitor, the visit's country, nearby days).

    Visits and the meetings on them stay separate events; this links them instead of fusing them.
    """
    # Meetings indexed by participant: each visit looks at the meetings of its visitors only.
    meetings: dict[str, list[int]] = defaultdict(list)
    for i, other in enumerate(events):
        if other.type == "CONSULT" and other.mode != "visit":
            for k in {actor_key(a) for a in [*other.actors, *other.recipients]}:
                meetings[k].append(i)
    links: dict[str, list[str]] = {}
    for visit in events:
        if visit.type != "CONSULT" or visit.mode != "visit":
            continue
        visitors = {actor_key(a) for a in visit.actors}
        hosts = {a.country for a in visit.recipients if a.country}
        if visit.location and visit.location.country:
            hosts.add(visit.location.country)
        start = _parse_day(visit.date)
        found = []
        for i in sorted({i for k in visitors for i in meetings.get(k, ())}):
            other = events[i]
            where = other.location.country if other.location else None
            if hosts and where and where not in hosts:
                continue
            when = _parse_day(other.date)
            if start and when:
                if not 0 <= (when - start).days <= 7:
                    continue
            elif not other.date.startswith(visit.date[:7]):
                continue
            found.append(other.id)
        if found:
            links[visit.id] = sorted(found)
    return links
