"""The data model that flows through the pipeline: raw inputs, documents and what is found in them.

Offsets (`start`, `end`) are always character offsets into `Document.text`, the cleaned text,
unless a field says otherwise. Every stage adds to a Document; none removes what an earlier
stage recorded, so a user can audit each decision.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

Status = Literal["pending", "processed", "duplicate", "skipped"]
Precision = Literal["year", "month", "day", "minute"]
EntityType = Literal["person", "organization", "country", "place", "group"]
EventStatus = Literal["occurred", "planned", "cancelled"]

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)


def content_id(text: str) -> str:
    """Stable document id: a hash of the decoded text, so the same page read twice is one document."""
    normalised = "\n".join(line.strip() for line in text.strip().splitlines())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class RawDocument:
    """One input as a reader found it, before decoding and cleaning.

    `path` names the input for humans ("a.warc.gz#3" for the third record of an archive).
    `data` is bytes when the encoding is still unknown, str when the container gave text.
    The optional fields are metadata the container itself carried (JSON fields, feed items,
    WARC headers), which take precedence over what cleaning finds in the text.
    """

    path: str
    data: bytes | str
    format: Literal["txt", "html", "json", "jsonl", "warc", "feed"]
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date or datetime as given by the container
    source: str | None = None  # outlet name from the container
    language: str | None = None  # declared language from the container, if any
    encoding: str | None = None  # declared charset, if any


@dataclass(slots=True)
class Skip:
    """An input that could not become a document, with a reason a user can act on."""

    path: str
    reason: str


@dataclass(slots=True)
class Removal:
    """A piece of the raw text that cleaning removed: offsets into `Document.raw`, and why."""

    start: int
    end: int
    reason: str  # e.g. "sidebar:related-headlines", "repeat:whole-article", "repeat:doubled-phrase"
    text: str = ""


@dataclass(slots=True)
class Paragraph:
    start: int
    end: int
    language: str | None


@dataclass(slots=True)
class TimeExpr:
    """A temporal expression found in the text and resolved against a reference date.

    `value` is YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm. `timezone` is the zone the text
    states ("local", "Asia/Tokyo", ...) or None. For a range, `value` is its start and
    `end_value` its end. `alternative_of` links a date given in another zone for the same
    moment (index into the document's `times`). `direction` records how a partial date was
    resolved: "past", "future" or "absolute".
    """

    text: str
    start: int
    end: int
    value: str
    precision: Precision
    timezone: str | None = None
    end_value: str | None = None
    kind: Literal["date", "range", "relative", "time"] = "date"
    direction: Literal["past", "future", "absolute"] = "absolute"
    alternative_of: int | None = None

    def to_json(self) -> dict[str, Any]:
        """The public form printed by `eventline dates`."""
        return {
            "text": self.text, "start": self.start, "end": self.end, "value": self.value,
            "precision": self.precision, "timezone": self.timezone,
        }


@dataclass(slots=True)
class Office:
    """An office a person held: role in English, the state, and the term (ISO dates, end None = current)."""

    role: str
    country: str | None
    start: str | None
    end: str | None = None
    role_key: str = ""  # normalised key, e.g. "defense_minister", "head_of_government"


@dataclass(slots=True)
class Entity:
    """A canonical entity: from the knowledge base, or discovered in text."""

    id: str  # Wikidata QID where known, else "el:" + slug
    type: EntityType
    name: str  # canonical English name
    names: dict[str, list[str]] = field(default_factory=dict)  # language -> every known name
    country: str | None = None  # ISO 3166-1 alpha-2
    wikidata: str | None = None
    offices: list[Office] = field(default_factory=list)
    lat: float | None = None
    lon: float | None = None
    source: str = "kb"  # where it came from: "kb", "discovered", "import:<file>"


@dataclass(slots=True)
class Mention:
    """A reference to an entity in the cleaned text.

    `kind` says how it was written: a name, a surname alone, a role ("米国防長官"), or a
    metonym ("Washington" for the US government). `entity_id` is None when unresolved.
    `role` is the office the text gives or implies (in English); `country` the state.
    """

    start: int
    end: int
    text: str
    type: EntityType
    kind: Literal["name", "surname", "role", "metonym", "pronoun"] = "name"
    entity_id: str | None = None
    role: str | None = None
    country: str | None = None
    confidence: float = 1.0


def _fields(obj: Any) -> dict[str, Any]:
    """`asdict` for the flat records below (Actor, Location, Source: scalar fields only), without
    its recursive deep copy."""
    return {name: getattr(obj, name) for name in obj.__slots__}


@dataclass(slots=True)
class Actor:
    name: str
    type: Literal["person", "organization", "country", "group"]
    id: str | None = None
    country: str | None = None
    role: str | None = None


@dataclass(slots=True)
class Location:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    id: str | None = None


@dataclass(slots=True)
class Source:
    document: str
    language: str
    quote: str
    start: int
    end: int
    path: str | None = None


@dataclass(slots=True)
class EventMention:
    """One report of an event in one document: what the event stage found in a clause."""

    type: str  # a PLOVER type
    mode: str | None
    status: EventStatus
    date: str | None  # YYYY, YYYY-MM or YYYY-MM-DD (local time where it happened)
    date_precision: Literal["day", "month", "year"] | None
    actors: list[Actor]
    recipients: list[Actor]
    source: Source
    location: Location | None = None
    date_alternatives: list[str] = field(default_factory=list)
    date_confidence: float = 1.0  # lower when the date fell back to the publication date
    trigger: str = ""
    event_key: str = ""  # a distinguishing label (e.g. "2+2"), kept apart in merging
    confidence: float = 1.0


def mention_key(em: EventMention) -> str:
    """The stable key of one event mention: document, quote offsets and type (the store's key)."""
    s = em.source
    return f"{s.document}:{s.start}:{s.end}:{em.type}"


@dataclass(slots=True)
class Event:
    """A canonical event: one real-world happening, with every source that reports it."""

    id: str
    type: str
    date: str
    date_precision: Literal["day", "month", "year"]
    actors: list[Actor]
    sources: list[Source]
    mode: str | None = None
    location: Location | None = None
    recipients: list[Actor] = field(default_factory=list)
    summary: str = ""
    independent_source_count: int = 1
    status: EventStatus = "occurred"
    date_alternatives: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)  # ids of linked events: a visit <-> its meetings

    def to_json(self) -> dict[str, Any]:
        """The public form defined by the contract's event.schema.json (+ optional `related`)."""
        out = {
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "date": self.date,
            "date_precision": self.date_precision,
            "location": _fields(self.location) if self.location else None,
            "actors": [_fields(a) for a in self.actors],
            "recipients": [_fields(a) for a in self.recipients],
            "summary": self.summary,
            "sources": [_fields(s) for s in self.sources],
            "independent_source_count": self.independent_source_count,
            "status": self.status,
            "date_alternatives": list(self.date_alternatives),
        }
        if self.related:
            out["related"] = list(self.related)
        return out


@dataclass(slots=True)
class Document:
    """One input through the pipeline.

    `raw` is the decoded text as read; `text` is the cleaned text that every quote and offset
    refers to. `status` is "pending" until the pipeline decides processed / duplicate / skipped.
    """

    id: str
    path: str
    raw: str
    format: str = "txt"
    text: str = ""
    url: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or None
    published_time: str | None = None  # hh:mm when known
    published_from: str | None = None  # where the date was read: "container", "text:<quote>"
    author: str | None = None
    language: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    cited_sources: list[str] = field(default_factory=list)
    status: Status = "pending"
    duplicate_of: str | None = None
    reason: str | None = None
    times: list[TimeExpr] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)  # entities discovered here, not in the KB
    fingerprint: list[int] | None = None  # MinHash signature of the cleaned text, for dedup
    notes: list[str] = field(default_factory=list)  # non-fatal findings, e.g. "no article text found"
