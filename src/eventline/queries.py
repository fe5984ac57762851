"""Queries shared by the CLI and the report: filtered events, entity listings."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from eventline.document import Event
from eventline.store.db import EventFilter, Store


def event_filter(
    store: Store,
    *,
    actor: str | None = None,
    country: str | None = None,
    type: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> EventFilter:
    """Build the filter; an actor NAME matches any alias in any language (KB and discovered names)."""
    ids: set[str] | None = None
    if actor:
        from eventline.kb import KnowledgeBase

        ids = {e.id for e in KnowledgeBase.default().search(actor)}
        folded = actor.casefold().strip()
        for ent in store.discovered_entities().values():
            if any(n.casefold() == folded for names in ent.names.values() for n in names):
                ids.add(ent.id)
        for row in store.mention_rows():
            if row["text"].casefold() == folded:
                ids.add(row["entity_id"])
    return EventFilter(
        actor_ids=ids, actor_name=actor, country=country, type=type, since=since, until=until
    )


def filtered_events(store: Store, **filters: Any) -> list[Event]:
    return store.events(event_filter(store, **filters))


def entity_records(store: Store) -> list[dict[str, Any]]:
    """Canonical entities that occur in the store, with every name observed or known, by language."""
    from eventline.kb import KnowledgeBase

    kb = KnowledgeBase.default()
    discovered = store.discovered_entities()
    counts: Counter[str] = Counter()
    observed: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in store.mention_rows():
        eid = row["entity_id"]
        counts[eid] += 1
        names = observed[eid][row["language"] or "und"]
        if row["text"] not in names:
            names.append(row["text"])
    out = []
    for eid, n in counts.most_common():
        ent = kb.get(eid) or discovered.get(eid)
        names: dict[str, list[str]] = {}
        if ent is not None:
            for lang, known in ent.names.items():
                names[lang] = list(dict.fromkeys(known))
        for lang, seen in observed[eid].items():
            bucket = names.setdefault(lang, [])
            bucket.extend(s for s in seen if s not in bucket)
        out.append({
            "id": eid,
            "type": ent.type if ent else "unknown",
            "name": ent.name if ent else (next(iter(observed[eid].values()))[0]),
            "names": names,
            "country": ent.country if ent else None,
            "wikidata": ent.wikidata if ent else None,
            "mentions": n,
        })
    return out
