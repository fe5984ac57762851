"""JSON forms of the data model, for storage. Round-trips exactly: from_json(to_json(x)) == x."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from eventline.document import (
    Actor, Entity, Event, EventMention, Location, Office, Source,
)


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def actor_from(d: dict[str, Any]) -> Actor:
    return Actor(**d)


def location_from(d: dict[str, Any] | None) -> Location | None:
    return Location(**d) if d else None


def event_mention_to_json(em: EventMention) -> str:
    return dumps(asdict(em))


def event_mention_from_json(s: str) -> EventMention:
    d = json.loads(s)
    d["actors"] = [actor_from(a) for a in d.get("actors", [])]
    d["recipients"] = [actor_from(a) for a in d.get("recipients", [])]
    d["source"] = Source(**d["source"])
    d["location"] = location_from(d.get("location"))
    return EventMention(**d)


def event_to_json(ev: Event) -> str:
    return dumps(ev.to_json())


def event_from_json(s: str) -> Event:
    d = json.loads(s)
    return Event(
        id=d["id"], type=d["type"], date=d["date"], date_precision=d["date_precision"],
        actors=[actor_from(a) for a in d.get("actors", [])],
        sources=[Source(**x) for x in d.get("sources", [])],
        mode=d.get("mode"), location=location_from(d.get("location")),
        recipients=[actor_from(a) for a in d.get("recipients", [])],
        summary=d.get("summary", ""), independent_source_count=d.get("independent_source_count", 1),
        status=d.get("status", "occurred"), date_alternatives=d.get("date_alternatives", []),
    )


def entity_to_json(e: Entity) -> str:
    return dumps(asdict(e))


def entity_from_json(s: str) -> Entity:
    d = json.loads(s)
    d["offices"] = [Office(**o) for o in d.get("offices", [])]
    return Entity(**d)
