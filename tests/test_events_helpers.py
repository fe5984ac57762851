"""Builders for event-stage tests: documents whose mentions and times are written by hand.

The event stage reads what the entity and time stages record; these helpers let a test state
that directly, so the event logic is tested on its own (the end-to-end tests use the real stages).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from eventline.document import Document, Entity, EventMention, Mention, Office, Source, TimeExpr, Actor


def person(id_: str, name: str, country: str, role: str, key: str, start: str, end: str | None = None) -> Entity:
    return Entity(id=id_, type="person", name=name, country=country,
                  offices=[Office(role=role, country=country, start=start, end=end, role_key=key)])


@dataclass
class FakeKB:
    """A knowledge base of a few real office-holders, answering like eventline.kb.KnowledgeBase."""

    people: list[Entity] = field(default_factory=lambda: [
        person("Q1", "Pete Hegseth", "US", "Secretary of Defense", "defense_minister", "2025-01-25"),
        person("Q2", "Lloyd Austin", "US", "Secretary of Defense", "defense_minister", "2021-01-22", "2025-01-20"),
        person("Q3", "Gen Nakatani", "JP", "Minister of Defense", "defense_minister", "2024-10-01", "2025-10-21"),
        person("Q4", "Yasukazu Hamada", "JP", "Minister of Defense", "defense_minister", "2022-08-10", "2023-09-13"),
        person("Q5", "Shigeru Ishiba", "JP", "Prime Minister", "head_of_government", "2024-10-01", "2025-10-21"),
        person("Q6", "Gilberto Teodoro", "PH", "Secretary of National Defense", "defense_minister", "2023-06-05"),
        person("Q7", "Minoru Kihara", "JP", "Minister of Defense", "defense_minister", "2023-09-13", "2024-10-01"),
    ])
    others: list[Entity] = field(default_factory=lambda: [
        Entity(id="country:JP", type="country", name="Japan", country="JP"),
        Entity(id="country:US", type="country", name="United States", country="US"),
        Entity(id="country:PH", type="country", name="Philippines", country="PH"),
        Entity(id="place:tokyo", type="place", name="Tokyo", country="JP", lat=35.68, lon=139.69),
        Entity(id="place:manila", type="place", name="Manila", country="PH", lat=14.6, lon=120.98),
        Entity(id="place:washington", type="place", name="Washington", country="US", lat=38.9, lon=-77.0),
        Entity(id="place:canberra", type="place", name="Canberra", country="AU"),
    ])

    def get(self, entity_id: str) -> Entity | None:
        return next((e for e in [*self.people, *self.others] if e.id == entity_id), None)

    def holder(self, role_key: str, country: str | None, on_date: dt.date) -> Entity | None:
        day = on_date.isoformat()
        for e in self.people:
            for o in e.offices:
                if o.role_key == role_key and o.country == country and (o.start or "") <= day \
                        and (o.end is None or day <= o.end):
                    return e
        return None


def m(text: str, surface: str, entity_id: str | None, type_: str = "person", *, kind: str = "name",
      role: str | None = None, country: str | None = None, nth: int = 0) -> Mention:
    """A mention of `surface` (its nth occurrence) in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Mention(start=start, end=start + len(surface), text=surface, type=type_, kind=kind,  # type: ignore[arg-type]
                   entity_id=entity_id, role=role, country=country)


def t(text: str, surface: str, value: str, *, tz: str | None = None, alternative_of: int | None = None,
      kind: str = "date", end_value: str | None = None, nth: int = 0) -> TimeExpr:
    """A resolved time expression for `surface` in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    precision = "day" if len(value) >= 10 else "month" if len(value) == 7 else "year"
    return TimeExpr(text=surface, start=start, end=start + len(surface), value=value, precision=precision,  # type: ignore[arg-type]
                    timezone=tz, alternative_of=alternative_of, kind=kind, end_value=end_value)  # type: ignore[arg-type]


def doc(text: str, lang: str, published: str | None, mentions: list[Mention], times: list[TimeExpr] | None = None,
        id_: str = "d1") -> Document:
    return Document(id=id_, path=f"{id_}.txt", raw=text, text=text, language=lang, published=published,
                    mentions=mentions, times=times or [])


def actor(name: str, country: str, type_: str = "person", id_: str | None = None) -> Actor:
    return Actor(name=name, type=type_, id=id_ or f"id:{name}", country=country)  # type: ignore[arg-type]


def em(type_: str, date: str | None, actors: list[Actor], *, doc_id: str = "d1", start: int = 0, mode: str | None = None,
       status: str = "occurred", alternatives: list[str] | None = None, key: str = "", recipients: list[Actor] | None = None,
       confidence: float = 1.0, location: str | None = None, location_country: str | None = None,
       lang: str = "en") -> EventMention:
    """An event mention as the stage would produce it (for merge tests)."""
    from eventline.document import Location

    precision = None if date is None else "day" if len(date) == 10 else "month" if len(date) == 7 else "year"
    return EventMention(
        type=type_, mode=mode, status=status, date=date, date_precision=precision,  # type: ignore[arg-type]
        actors=actors, recipients=recipients or [],
        source=Source(document=doc_id, language=lang, quote="quote", start=start, end=start + 5, path=f"{doc_id}.txt"),
        location=Location(name=location, country=location_country) if location else None,
        date_alternatives=alternatives or [], date_confidence=confidence, event_key=key,
    )
