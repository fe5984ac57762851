"""Event arguments: who (actors, recipients), where (location) and when (date) for one trigger.

Everything here reads what earlier stages recorded: resolved entity mentions (doc.mentions) and
resolved temporal expressions (doc.times). Nothing is re-analysed from raw text except the
particles around a mention in head-final languages, which say whether it is subject or object.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol, Sequence
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from eventline.document import Actor, Entity, Location, Mention, TimeExpr

ACTOR_TYPES = ("person", "organization", "country", "group")


class KnowledgeBaseLike(Protocol):
    """The part of eventline.kb.KnowledgeBase the event stage uses."""

    def get(self, entity_id: str) -> Entity | None: ...

    def holder(self, role_key: str, country: str | None, on_date: Any) -> Entity | None: ...


# --- actors -------------------------------------------------------------------------------

_ROLE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # The entity stage writes roles in English; these map its wording onto the KB's role keys.
    ("defense_minister", ("defense", "defence")),
    ("foreign_minister", ("foreign", "secretary of state")),
    ("head_of_government", ("prime minister", "premier", "chancellor", "head of government")),
    ("head_of_state", ("president", "emperor", "king", "queen", "head of state")),
)


def role_key(role: str | None) -> str | None:
    """The KB role key ("defense_minister") for an English office name, or None."""
    if not role:
        return None
    low = role.lower().replace("-", "_")
    if low in {key for key, _ in _ROLE_WORDS}:
        return low
    for key, words in _ROLE_WORDS:
        if any(w in low for w in words):
            return key
    return None


@lru_cache(maxsize=512)
def country_name(code: str | None) -> str | None:
    """English short name of an ISO 3166-1 alpha-2 code ("US" -> "United States")."""
    if not code:
        return None
    try:
        import pycountry
    except ImportError:  # pragma: no cover - pycountry is a core dependency
        return code
    found = pycountry.countries.get(alpha_2=code.upper())
    if found is None:
        return code
    return getattr(found, "common_name", None) or found.name


def office_on(entity: Entity, date: str | None) -> str | None:
    """The office the entity held on `date` (ISO prefix); the latest one when the date is unknown."""
    if not entity.offices:
        return None
    if date:
        day = date if len(date) == 10 else (date + "-15" if len(date) == 7 else date + "-07-01")
        held = [o for o in entity.offices if (o.start or "") <= day and (o.end is None or day <= o.end)]
        if held:
            return held[0].role
        return None
    return entity.offices[-1].role


def _holder_date(date: str | None) -> dt.date | None:
    if not date:
        return None
    parts = (date.split("-") + ["07", "01"])[:3]
    if len(date) == 7:
        parts[2] = "15"
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None


def resolve_entity(m: Mention, kb: KnowledgeBaseLike | None, date: str | None) -> Entity | None:
    """The KB entity a mention refers to; a role mention ("米国防長官") becomes its holder on `date`."""
    if kb is None:
        return None
    if m.entity_id:
        try:
            entity = kb.get(m.entity_id)
        except Exception:  # noqa: BLE001 - an unknown id is the KB's answer "none", not an error here
            entity = None
        if entity is not None and not (m.kind == "role" and date):
            return entity
        if entity is not None and entity.offices and office_on(entity, date):
            return entity
    if m.kind == "role" and m.role and m.country:
        # An office without its state ("the Prime Minister") names no one in particular.
        key = role_key(m.role)
        when = _holder_date(date)
        if key and when is not None:
            try:
                holder = kb.holder(key, m.country, when)
            except Exception:  # noqa: BLE001 - a KB without that role answers None
                holder = None
            if holder is not None:
                return holder
    if m.entity_id:
        try:
            return kb.get(m.entity_id)
        except Exception:  # noqa: BLE001
            return None
    return None


@lru_cache(maxsize=1)
def _actors_data() -> dict[str, Any]:
    from importlib import resources

    import yaml

    text = (resources.files("eventline.pipeline.events") / "actors.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text) or {}


@lru_cache(maxsize=1)
def _state_body_words() -> tuple[str, ...]:
    return tuple(w.lower() for w in _actors_data().get("state_bodies", []))


def protesters(country: str | None) -> Actor:
    """The group of protesters of a state ("Filipino protesters"), as actors.yaml names it."""
    if not country:
        return Actor(name="protesters", type="group", id=None, country=None)
    demonym = (_actors_data().get("demonyms") or {}).get(country) or country_name(country) or country
    return Actor(name=f"{demonym} protesters", type="group", id=None, country=country)


def acts_for_state(name: str) -> bool:
    """Whether an organisation (by canonical English name) is a ministry, office or armed force."""
    low = name.lower()
    return any(w in low for w in _state_body_words())


def actor_of(m: Mention, kb: KnowledgeBaseLike | None, date: str | None) -> Actor | None:
    """An Actor for an actor-like mention (person, organisation, country, group, or a metonym).

    A ministry or an armed force is coded as its state (see actors.yaml)."""
    actor = _actor_of(m, kb, date)
    if actor is not None and actor.type == "organization" and actor.country and acts_for_state(actor.name):
        return Actor(name=country_name(actor.country) or actor.country, type="country", id=None, country=actor.country)
    return actor


def _actor_of(m: Mention, kb: KnowledgeBaseLike | None, date: str | None) -> Actor | None:
    entity = resolve_entity(m, kb, date)
    mtype = m.type
    if mtype == "place":
        if m.kind != "metonym":
            return None
        mtype = "country"
    if mtype not in ACTOR_TYPES:
        return None
    if entity is not None:
        etype = entity.type if entity.type in ACTOR_TYPES else mtype
        if m.kind == "metonym" and entity.type == "place":
            etype = "country"
            name = country_name(entity.country or m.country) or entity.name
            return Actor(name=name, type="country", id=None, country=entity.country or m.country)
        role = office_on(entity, date) if etype == "person" else None
        if etype == "person" and role is None:
            role = m.role
        return Actor(name=entity.name, type=etype, id=entity.id, country=entity.country or m.country, role=role)
    if mtype == "country" and m.country:
        return Actor(name=country_name(m.country) or m.text, type="country", id=m.entity_id, country=m.country)
    if m.kind == "role" and m.entity_id is None:
        # An office nobody could be found for says too little to stand for a state: skip it.
        return None
    return Actor(name=m.text, type=mtype, id=m.entity_id, country=m.country, role=m.role)


def actor_key(a: Actor) -> str:
    """Identity of an actor across documents and languages: the state's code, KB id, else type + name."""
    if a.type == "country" and a.country:
        return f"cc:{a.country}"
    return a.id or f"{a.type}:{a.name.lower()}"


def dedupe_actors(actors: Sequence[Actor]) -> list[Actor]:
    """Actors without repeats; a state or a ministry is dropped when one of its people is listed.

    "Japanese Defence Minister Nakatani" names Japan and Nakatani; "at the Pentagon" names the
    US Defense Department beside Hegseth. The person is the actor; the state and the ministry
    only say whom the person acts for, which Actor.country already records.
    """
    seen: dict[str, Actor] = {}
    for a in actors:
        k = actor_key(a)
        if k not in seen:
            seen[k] = a
        elif a.role and not seen[k].role:
            seen[k] = a
    people = {a.country for a in seen.values() if a.type == "person" and a.country}
    bodies = {a.country for a in seen.values() if a.type in ("organization", "group") and a.country}
    return [a for a in seen.values()
            if not (a.type == "country" and a.country in people | bodies)
            and not (a.type == "organization" and a.country in people)]


def state_count(actors: Sequence[Actor]) -> int:
    """How many states take part: PLOVER's multilateral CONSULT has more than two."""
    return len({a.country for a in actors if a.country})


def location_of(m: Mention, kb: KnowledgeBaseLike | None) -> Location | None:
    """A Location for a place mention (or a country named as a destination)."""
    entity = resolve_entity(m, kb, None) if m.entity_id else None
    if entity is not None:
        return Location(name=entity.name, country=entity.country or m.country, lat=entity.lat,
                        lon=entity.lon, id=entity.id)
    if m.type == "country" and m.country:
        return Location(name=country_name(m.country) or m.text, country=m.country, id=m.entity_id)
    return Location(name=m.text, country=m.country, id=m.entity_id)


# --- dates --------------------------------------------------------------------------------

@dataclass(slots=True)
class DateChoice:
    """The date chosen for a trigger, with how it was found."""

    date: str | None
    precision: str | None
    alternatives: list[str] = field(default_factory=list)
    confidence: float = 1.0
    origin: str = "none"  # clause | sentence | paragraph | published | none
    timezone: str | None = None
    future: bool = False
    counted: bool = False  # counted from a reference ("来週", "next week"), not written out


def iso_date(value: str) -> tuple[str, str]:
    """(date, precision) for a TimeExpr value; a minute-precision value keeps its day."""
    day = value[:10]
    if len(day) == 10:
        return day, "day"
    if len(day) == 7:
        return day, "month"
    return day[:4], "year"


def shift_day(day: str, days: int) -> str | None:
    """The ISO day `days` after `day`, or None when `day` is not a full date."""
    if len(day) != 10:
        return None
    try:
        return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()
    except ValueError:
        return None


@lru_cache(maxsize=64)
def _utc_offset_hours(zone: str, day: str) -> float | None:
    try:
        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    when = dt.datetime.fromisoformat(day + "T12:00")
    off = tz.utcoffset(when.replace(tzinfo=tz))
    return off.total_seconds() / 3600 if off is not None else None


def zone_alternative(day: str, zone: str | None) -> str | None:
    """Another local date an event dated `day` in an explicitly named home zone may carry.

    A source that names its own zone ("日本時間の13日", "Seoul time") does so because the event
    happened elsewhere. Almost every such elsewhere is behind an East-Asian zone, so the local
    date is the same day or the day before; for a zone behind UTC it is the same day or the day
    after. The alternative is offered, never preferred: the stated date stays primary unless the
    text also gives the local date.
    """
    if not zone or zone in ("local", "UTC") or len(day) != 10:
        return None
    offset = _utc_offset_hours(zone, day)
    if offset is None:
        return None
    if offset >= 8:
        return shift_day(day, -1)
    if offset <= -3:
        return shift_day(day, +1)
    return None


def _is_local(t: TimeExpr) -> bool:
    return t.timezone in (None, "local")


def _usable(t: TimeExpr) -> bool:
    return bool(t.value) and t.value[:4].isdigit()


def choose_time(
    times: Sequence[TimeExpr], pos: int, clause: tuple[int, int], sentence: tuple[int, int],
    paragraph: tuple[int, int],
) -> tuple[int, str] | None:
    """Index of the expression governing a trigger at `pos`, and where it was found.

    Order: the nearest expression in the clause, else the nearest preceding one in the sentence,
    else the nearest following one in the sentence, else the nearest preceding one in the
    paragraph, else the paragraph's first.
    """
    best: tuple[int, int] | None = None
    for i, t in enumerate(times):
        if clause[0] <= t.start and t.end <= clause[1] and _usable(t):
            d = abs(t.start - pos)
            if best is None or d < best[0]:
                best = (d, i)
    if best is not None:
        return best[1], "clause"
    before = [i for i, t in enumerate(times) if sentence[0] <= t.start and t.end <= pos and _usable(t)]
    if before:
        return before[-1], "sentence"
    after = [i for i, t in enumerate(times) if pos <= t.start and t.end <= sentence[1] and _usable(t)]
    if after:
        return after[0], "sentence"
    before = [i for i, t in enumerate(times) if paragraph[0] <= t.start and t.end <= pos and _usable(t)]
    if before:
        return before[-1], "paragraph"
    inside = [i for i, t in enumerate(times) if paragraph[0] <= t.start and t.end <= paragraph[1] and _usable(t)]
    if inside:
        return inside[0], "paragraph"
    return None


def date_from_time(times: Sequence[TimeExpr], index: int, origin: str) -> DateChoice:
    """The date a chosen expression gives, the local one first when a zone pair exists."""
    t = times[index]
    partners = [times[t.alternative_of]] if t.alternative_of is not None and 0 <= t.alternative_of < len(times) else []
    partners += [o for o in times if o.alternative_of == index]
    primary = t
    if not _is_local(t):
        local = [p for p in partners if _is_local(p)]
        if local:
            primary = local[0]
    span_alternatives: list[str] = []
    if t.end_value and t.end_value[:10] != t.value[:10]:
        # A span ("the week of the 24th", "next week") dates an event only to its month: a
        # day inside it would be invented. A span across two months keeps the other month.
        date, precision = t.value[:7], "month"
        if t.end_value[:7] != date:
            span_alternatives.append(t.end_value[:7])
    else:
        date, precision = iso_date(primary.value)
    alternatives = list(span_alternatives)
    for other in [t, *partners]:
        if other is primary:
            continue
        d, _ = iso_date(other.value)
        if d != date and d not in alternatives:
            alternatives.append(d)
    if not partners and not _is_local(primary):
        alt = zone_alternative(date, primary.timezone)
        if alt and alt not in alternatives:
            alternatives.append(alt)
    confidence = {"clause": 1.0, "sentence": 1.0, "paragraph": 0.8}.get(origin, 0.7)
    return DateChoice(date, precision, alternatives, confidence, origin, primary.timezone,
                      future=t.direction == "future", counted=t.kind == "relative")


def published_date(published: str | None) -> DateChoice:
    """The publication date as a last resort, with the low confidence the contract asks for."""
    if not published or not published[:4].isdigit():
        return DateChoice(None, None, [], 0.0, "none")
    date, precision = iso_date(published)
    return DateChoice(date, precision, [], 0.5, "published")


def is_after(date: str | None, published: str | None) -> bool:
    """True when `date` lies wholly after the publication day (comparing at the date's precision)."""
    if not date or not published:
        return False
    return date > published[: len(date)]
