"""The store side of cross-document entity linking: `relink(store)` after each run.

Reads every discovered entity and every mention, asks `link_entities` which discovered ids are the
same person, and rewrites, in one transaction: `mentions.entity_id`, the actor and recipient ids in
`event_mentions` (so that merged events name one actor), and `discovered_entities` (one row per
person, with every observed name). Running it twice changes nothing the second time.
"""

from __future__ import annotations

import json
from collections import defaultdict

from eventline.document import Mention
from eventline.pipeline.entities.link import link_entities, merge_entities
from eventline.store.codec import dumps, entity_to_json
from eventline.store.db import Store

__all__ = ["relink"]


def relink(store: Store) -> dict[str, str]:
    """Link discovered entities across documents and scripts; returns {old id: canonical id}.

    When anything changes, `merge_pending` is set so that the next event merge sees the new ids.
    """
    discovered = store.discovered_entities()
    if len(discovered) < 2:
        return {}
    mentions: dict[str, list[Mention]] = defaultdict(list)
    # only documents naming a discovered person say anything about one (its role, country, neighbours)
    for r in store.db.execute(
        "SELECT doc_id, start, end, text, type, kind, entity_id, role, country FROM mentions WHERE doc_id IN"
        " (SELECT m.doc_id FROM mentions m JOIN discovered_entities d ON m.entity_id = d.id)"
        " ORDER BY doc_id, start"
    ):
        mentions[r["doc_id"]].append(Mention(r["start"], r["end"], r["text"], r["type"], r["kind"],
                                             r["entity_id"], r["role"], r["country"]))
    dates = {r[0]: r[1] for r in store.db.execute("SELECT id, published FROM documents")}
    mapping = link_entities(list(discovered.values()), mentions, dates)
    if not mapping:
        return {}
    merged = merge_entities(discovered.values(), mapping)
    db = store.db
    db.execute("BEGIN IMMEDIATE")
    try:
        db.executemany("UPDATE mentions SET entity_id=? WHERE entity_id=?",
                       [(new, old) for old, new in sorted(mapping.items())])
        changed = []
        for key, doc_id, raw in db.execute("SELECT key, doc_id, json FROM event_mentions").fetchall():
            data = json.loads(raw)
            touched = False
            for side in ("actors", "recipients"):
                for actor in data.get(side) or []:
                    new = mapping.get(actor.get("id") or "")
                    if new:
                        actor["id"] = new
                        touched = True
            if touched:
                changed.append((dumps(data), key))
        db.executemany("UPDATE event_mentions SET json=? WHERE key=?", changed)
        db.executemany("DELETE FROM discovered_entities WHERE id=?", [(old,) for old in sorted(mapping)])
        canonical = set(mapping.values())
        db.executemany("INSERT OR REPLACE INTO discovered_entities(id, json) VALUES (?, ?)",
                       [(e.id, entity_to_json(e)) for e in merged if e.id in canonical])
        store.set_meta("merge_pending", "1")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    return mapping
