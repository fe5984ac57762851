"""When two event mentions can be one happening: type, mode, label, participants, place and date.

Used twice: inside one document (the many sentences of an article about one meeting) and across
documents (every page, in every language, that reports it). The rules keep look-alikes apart:
the same two ministers meeting months apart (dates), a bilateral and a trilateral meeting on one
day (the states taking part), a "2+2" and the defence ministers' meeting the day after (labels),
and a visit and the meetings held during it (modes).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from eventline.document import Actor, EventMention
from eventline.pipeline.events.arguments import actor_key

#: How far after the publication date a planned, undated event may fall, and how far before it an
#: undated report of something that happened may lie.
PLANNED_WINDOW_DAYS = 45
OCCURRED_WINDOW_DAYS = 7
SOFT_CONFIDENCE = 0.5  # a date at or below this confidence is the publication-date fallback

#: Modes that one source may name and another omit for the same meeting. A call is never a
#: meeting in person: the two often follow each other between the same ministers.
OPTIONAL_MODES = frozenset({"multilateral", "third-party"})


@dataclass(slots=True)
class Profile:
    """What comparing needs from a mention, computed once."""

    persons: frozenset[str]
    actor_persons: frozenset[str]
    countries: frozenset[str]
    destinations: frozenset[str]
    dates: frozenset[str]
    date: str | None
    alternatives: frozenset[str]
    soft: bool
    undated: bool
    key: str = ""


def _countries(actors: list[Actor]) -> set[str]:
    return {a.country for a in actors if a.country}


def profile(em: EventMention) -> Profile:
    """The comparable features of one mention."""
    everyone = [*em.actors, *em.recipients]
    persons = frozenset(actor_key(a) for a in everyone if a.type == "person")
    actor_persons = frozenset(actor_key(a) for a in em.actors if a.type == "person")
    destinations: set[str] = set()
    if em.mode == "visit":
        destinations = _countries(em.recipients)
        if em.location and em.location.country:
            destinations.add(em.location.country)
    dates = frozenset([em.date, *em.date_alternatives]) if em.date else frozenset()
    return Profile(persons, actor_persons, frozenset(_countries(everyone)), frozenset(destinations), dates,
                   em.date, frozenset(em.date_alternatives), soft=em.date is not None and em.date_confidence <= SOFT_CONFIDENCE, undated=em.date is None,
                   key=em.event_key or "")


def modes_compatible(a: str | None, b: str | None) -> bool:
    """Equal modes, or one source omitting an optional one; a visit is never a plain meeting."""
    if a == b:
        return True
    other = b if a is None else a if b is None else None
    return other in OPTIONAL_MODES


def keys_compatible(a: str, b: str) -> bool:
    """Distinct labels ("2+2" vs "defense-ministers") never merge; a missing label is no evidence."""
    return not a or not b or a == b


def actors_compatible(a: EventMention, b: EventMention, pa: Profile, pb: Profile) -> bool:
    """Participants that can be the same: persons overlapping strongly, states consistent."""
    if pa.persons and pb.persons:
        shared = pa.persons & pb.persons
        if not shared:
            return False
        if not (pa.persons <= pb.persons or pb.persons <= pa.persons):
            if len(shared) / len(pa.persons | pb.persons) < 0.5:
                return False
        if pa.actor_persons and pb.actor_persons and not (pa.actor_persons & pb.actor_persons) \
                and a.type != "CONSULT":
            return False
    elif pa.persons or pb.persons:
        with_persons, without = (pa, pb) if pa.persons else (pb, pa)
        if without.countries and not without.countries <= with_persons.countries:
            return False
    elif pa.countries and pb.countries:
        if not (pa.countries <= pb.countries or pb.countries <= pa.countries):
            return False
    if len(pa.countries) >= 2 and len(pb.countries) >= 2 and pa.countries != pb.countries \
            and (pa.persons and pb.persons or not pa.persons and not pb.persons):
        # Bilateral and trilateral meetings on one day in one city are different meetings.
        return False
    if pa.destinations and pb.destinations and not (pa.destinations & pb.destinations):
        return False
    return True


def _day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


def _contains(coarse: str, fine: str) -> bool:
    return len(coarse) < len(fine) and fine.startswith(coarse)


def hard_dates_compatible(a: frozenset[str], b: frozenset[str]) -> bool:
    """Some date of one equals or contains (a month, a year) some date of the other."""
    if a & b:
        return True
    return any(_contains(x, y) or _contains(y, x) for x in a for y in b)


def firm_dates_compatible(pa: Profile, pb: Profile) -> bool:
    """Equal dates, a month or year containing a day, or one moment given in two time zones.

    An alternative counts only when it is answered: a Washington meeting dated 12 (13 in Tokyo)
    and a report dated 13 (Tokyo time, 12 local) are one moment; a 2+2 dated 12 (13 in Tokyo)
    and a meeting dated 13 (14 in Tokyo) are two, although 13 appears in both.
    """
    if pa.date is None or pb.date is None:
        return True
    if pa.date == pb.date or _contains(pa.date, pb.date) or _contains(pb.date, pa.date):
        return True
    b_in_a = pb.date in pa.alternatives
    a_in_b = pa.date in pb.alternatives
    if b_in_a and a_in_b:
        return True
    if (b_in_a and not pb.alternatives) or (a_in_b and not pa.alternatives):
        # Unanswered: one report gives a single day, the other zone's day of the other's moment.
        # It may be the same moment in home time, unless only one of them is labelled: a "2+2"
        # dated 12 (13 in Tokyo) and an unlabelled meeting dated 13 are the 2+2 and the
        # ministers' talks the day after it, not one moment.
        return bool(pa.key) == bool(pb.key)
    return False


def _in_window(soft: EventMention, other: str) -> bool:
    """Whether a date lies where an event reported without its own date can be."""
    base = _day(soft.date or "")
    if base is None:
        return hard_dates_compatible(frozenset([soft.date or ""]), frozenset([other]))
    if len(other) == 7:  # a month: compare with the window's months
        lo = base - dt.timedelta(days=OCCURRED_WINDOW_DAYS if soft.status != "planned" else 0)
        hi = base + dt.timedelta(days=PLANNED_WINDOW_DAYS if soft.status == "planned" else 0)
        return lo.isoformat()[:7] <= other <= hi.isoformat()[:7]
    day = _day(other)
    if day is None:
        return other == soft.date[:4] if soft.date else False
    if soft.status == "planned":
        return base <= day <= base + dt.timedelta(days=PLANNED_WINDOW_DAYS)
    return base - dt.timedelta(days=OCCURRED_WINDOW_DAYS) <= day <= base


def dates_compatible(a: EventMention, b: EventMention, pa: Profile, pb: Profile, *, lenient: bool) -> bool:
    """Dates that can belong to one happening. `lenient` (one document) lets fallback dates join anything."""
    if pa.undated or pb.undated:
        return True
    if lenient and a.type == "CONSULT" and (a.date_confidence < 1.0 or b.date_confidence < 1.0):
        # In one article, the sentences without a date of their own ("会談後…") are about the
        # meeting the article dates.
        return True
    if pa.soft or pb.soft:
        if pa.soft and pb.soft:
            return any(_in_window(a, d) for d in pb.dates) or any(_in_window(b, d) for d in pa.dates)
        soft, hard = (a, pb) if pa.soft else (b, pa)
        return any(_in_window(soft, d) for d in hard.dates)
    return firm_dates_compatible(pa, pb)


def locations_compatible(a: EventMention, b: EventMention) -> bool:
    """Two places in different countries cannot host one meeting."""
    ca = a.location.country if a.location else None
    cb = b.location.country if b.location else None
    return not ca or not cb or ca == cb


def participants_compatible(a: EventMention, b: EventMention, pa: Profile, pb: Profile) -> bool:
    """Participants (and for visits, the visitors) that can be the same."""
    if a.mode == "visit" or b.mode == "visit":
        if pa.actor_persons and pb.actor_persons and not (pa.actor_persons & pb.actor_persons):
            return False
    return actors_compatible(a, b, pa, pb)


def circumstances_compatible(a: EventMention, b: EventMention, pa: Profile, pb: Profile, *, lenient: bool) -> bool:
    """Everything but the participants: type, mode, label, date and place."""
    if a.type != b.type or not modes_compatible(a.mode, b.mode) or not keys_compatible(a.event_key, b.event_key):
        return False
    return dates_compatible(a, b, pa, pb, lenient=lenient) and locations_compatible(a, b)


def compatible(a: EventMention, b: EventMention, pa: Profile | None = None, pb: Profile | None = None,
               *, lenient: bool = False) -> bool:
    """Whether two mentions can report the same real-world happening."""
    pa = pa or profile(a)
    pb = pb or profile(b)
    return circumstances_compatible(a, b, pa, pb, lenient=lenient) and participants_compatible(a, b, pa, pb)


def affinity(pa: Profile, pb: Profile) -> float:
    """How alike two compatible mentions are, to choose among several compatible clusters."""
    score = 0.0
    if pa.persons or pb.persons:
        union = pa.persons | pb.persons
        score += len(pa.persons & pb.persons) / len(union) if union else 0.0
    if pa.countries and pb.countries:
        score += 0.5 * len(pa.countries & pb.countries) / len(pa.countries | pb.countries)
    if pa.dates and pb.dates and not pa.soft and not pb.soft:
        score += 1.0 if pa.dates & pb.dates else 0.5
    return score
