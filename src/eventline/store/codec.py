"""JSON forms of the data model, for storage. Round-trips exactly: from_json(to_json(x)) == x."""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from typing import Any

from eventline.document import (
    Actor, Entity, Event, EventMention, Location, Office, Source,
)


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True)
_SCALARS = (str, int, float, bool, type(None))
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def dumps(obj: Any) -> str:
    return _ENCODER.encode(obj)


def plain(obj: Any) -> Any:
    """`dataclasses.asdict` for the data model, several times faster: dataclasses become dicts,
    lists and tuples are rebuilt, scalars are shared (they are immutable, asdict's deep copy of them
    is the same value)."""
    cls = type(obj)
    if cls in _SCALARS:
        return obj
    names = _FIELD_NAMES.get(cls)
    if names is not None:
        return {name: plain(getattr(obj, name)) for name in names}
    if cls is list:
        return [plain(x) for x in obj]
    if cls is dict:
        return {plain(k): plain(v) for k, v in obj.items()}
    if cls is tuple:
        return tuple(plain(x) for x in obj)
    if is_dataclass(obj) and not isinstance(obj, type):
        _FIELD_NAMES[cls] = tuple(f.name for f in fields(obj))
        return plain(obj)
    if isinstance(obj, dict):  # subclasses of the containers: JSON sees them as the base type
        return {plain(k): plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [plain(x) for x in obj]
    return obj


def actor_from(d: dict[str, Any]) -> Actor:
    return Actor(**d)


def location_from(d: dict[str, Any] | None) -> Location | None:
    return Location(**d) if d else None


def event_mention_to_json(em: EventMention) -> str:
    return dumps(plain(em))


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
        related=d.get("related", []),
    )


def entity_to_json(e: Entity) -> str:
    return dumps(plain(e))


def entity_from_json(s: str) -> Entity:
    d = json.loads(s)
    d["offices"] = [Office(**o) for o in d.get("offices", [])]
    return Entity(**d)
