"""JSON forms of the data model, for storage. Round-trips exactly: from_json(to_json(x)) == x."""

from __future__ import annotations

import json
from array import array
from bisect import bisect_right
from dataclasses import dataclass, fields, is_dataclass
from typing import Any

from eventline.document import (
    Actor, Document, Entity, Event, EventMention, Location, Office, Source, mention_key,
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


# --- a document ready to write ------------------------------------------------------------------

@dataclass(slots=True)
class DocumentRecord:
    """One processed document in the form the store writes it: every JSON column and row built.

    Workers build it (`DocumentRecord.of`), so the main process, the store's single writer, only
    decides duplicates and runs the inserts; a record also crosses the process boundary as a few
    strings rather than thousands of small objects. `status`, `duplicate_of` and `reason` are the
    main process's to set.
    """

    id: str
    path: str
    fingerprint: Any  # the MinHash signature (a sequence of ints) or None
    columns: tuple  # documents(id, path, format, url, language, title, published, published_time,
    #                published_from, author, raw, text, cited_sources, removed, paragraphs, notes,
    #                times, fingerprint)
    mentions: list[tuple]  # mentions(doc_id, start, end, text, language, type, kind, entity_id, role, country)
    events: list[tuple[str, str]]  # event_mentions(key, json)
    entities: list[Entity]  # discovered here, not in the knowledge base
    status: str = "pending"
    duplicate_of: str | None = None
    reason: str | None = None

    @classmethod
    def of(cls, doc: Document) -> DocumentRecord:
        fp = array("Q", doc.fingerprint).tobytes() if doc.fingerprint is not None and len(doc.fingerprint) else None
        lang_at = paragraph_language(doc)
        return cls(
            id=doc.id, path=doc.path, fingerprint=doc.fingerprint,
            columns=(
                doc.id, doc.path, doc.format, doc.url, doc.language, doc.title, doc.published,
                doc.published_time, doc.published_from, doc.author, doc.raw, doc.text,
                dumps(doc.cited_sources), dumps(plain(doc.removed)), dumps(plain(doc.paragraphs)),
                dumps(doc.notes), dumps(plain(doc.times)), fp,
            ),
            mentions=[(doc.id, m.start, m.end, m.text, lang_at(m.start), m.type, m.kind, m.entity_id, m.role,
                       m.country) for m in doc.mentions],
            events=[(mention_key(em), event_mention_to_json(em)) for em in doc.events],
            entities=list(doc.entities),
            status=doc.status, duplicate_of=doc.duplicate_of, reason=doc.reason,
        )


def paragraph_language(doc: Document):
    """A function from an offset in doc.text to the language of its paragraph (else the document's)."""
    starts = [p.start for p in doc.paragraphs]
    paragraphs = doc.paragraphs

    def at(offset: int) -> str | None:
        i = bisect_right(starts, offset) - 1
        if i >= 0 and offset < paragraphs[i].end:
            return paragraphs[i].language or doc.language
        return doc.language

    return at
