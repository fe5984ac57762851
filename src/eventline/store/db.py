"""The store: one SQLite file (WAL), schema versioned by migrations, written in transactions.

Every input is accounted for in `inputs` (processed, duplicate, or skipped with a reason). A
document and everything found in it are written atomically (a transaction, or a savepoint inside
the transaction `grouped()` shares among many documents, which a run commits every fraction of a
second), so a crash or kill leaves either all of it or none of it; the next run sees which
documents are in and finishes the rest.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from array import array
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from eventline.document import Document, Entity, Event, EventMention, mention_key  # noqa: F401 (re-exported)
from eventline.errors import StoreError
from eventline.store.codec import (
    DocumentRecord, dumps, entity_from_json, entity_to_json, event_from_json, event_mention_from_json, event_to_json,
)
from eventline.store.schema import MIGRATIONS, SCHEMA_VERSION


def skip_id(path: str) -> str:
    return "skip-" + hashlib.sha256(path.encode("utf-8")).hexdigest()[:12]


@dataclass(slots=True)
class EventFilter:
    """The filters shared by `events`, `timeline` and `report`."""

    actor_ids: set[str] | None = None  # None: no actor filter; empty set: the name matched nothing
    actor_name: str | None = None
    country: str | None = None
    type: str | None = None
    since: str | None = None
    until: str | None = None


class Store:
    """A handle on one eventline store. Use as a context manager or call close()."""

    def __init__(self, path: str | Path = "eventline.db") -> None:
        self.path = str(path)
        try:
            self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open the store ({exc}); check the path and permissions") from exc
        self.db.row_factory = sqlite3.Row
        self._grouped = False  # inside `grouped()`: writes share the open transaction
        try:
            if self.path != ":memory:":
                self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"{self.path}: not an eventline store ({exc}); pass another --db file"
            ) from exc

    # -- lifecycle -----------------------------------------------------------------------------
    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer eventline (schema {version}, this one knows "
                f"{SCHEMA_VERSION}); upgrade eventline or use another --db"
            )
        for number in range(version + 1, SCHEMA_VERSION + 1):
            self.db.execute("BEGIN IMMEDIATE")
            try:
                for statement in MIGRATIONS[number - 1]:
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version={number}")
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    # -- meta ----------------------------------------------------------------------------------
    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    # -- runs ----------------------------------------------------------------------------------
    def start_run(self) -> int:
        cur = self.db.execute(
            "INSERT INTO runs(started) VALUES (?)", (datetime.now(timezone.utc).isoformat(),)
        )
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, summary: dict[str, Any]) -> None:
        self.db.execute(
            "UPDATE runs SET finished=?, summary=? WHERE id=?",
            (datetime.now(timezone.utc).isoformat(), dumps(summary), run_id),
        )

    # -- inputs and documents ------------------------------------------------------------------
    def input_status(self, path: str) -> sqlite3.Row | None:
        return self.db.execute("SELECT * FROM inputs WHERE path=?", (path,)).fetchone()

    def has_document(self, doc_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM documents WHERE id=?", (doc_id,)).fetchone() is not None

    def document_ids(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT id FROM documents")}

    def fingerprints(self) -> Iterator[tuple[str, list[int]]]:
        """(id, MinHash signature) of every stored original, oldest first, to re-seed dedup."""
        rows = self.db.execute(
            "SELECT id, fingerprint FROM documents WHERE status='processed' AND fingerprint IS NOT NULL"
            " ORDER BY rowid"
        )
        for doc_id, blob in rows:
            values = array("Q")
            values.frombytes(blob)
            yield doc_id, values.tolist()

    def document_text(self, doc_id: str) -> str:
        row = self.db.execute("SELECT text FROM documents WHERE id=?", (doc_id,)).fetchone()
        return row[0] if row else ""

    def set_fingerprints(self, fingerprints: dict[str, list[int]]) -> None:
        """Replace stored MinHash signatures (one transaction), e.g. after a change of scheme."""
        with self._atomic():
            self.db.executemany(
                "UPDATE documents SET fingerprint=? WHERE id=?",
                [(array("Q", fp).tobytes() if fp else None, doc_id) for doc_id, fp in fingerprints.items()],
            )

    def record_skip(self, path: str, reason: str, run_id: int) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO inputs(path, doc_id, status, reason, run_id) VALUES (?, NULL, 'skipped', ?, ?)",
            (path, reason, run_id),
        )

    def record_copy(self, path: str, doc_id: str, run_id: int) -> None:
        """An input whose text is exactly a stored document's: one document, another input."""
        self.db.execute(
            "INSERT OR REPLACE INTO inputs(path, doc_id, status, reason, run_id) VALUES (?, ?, 'duplicate', ?, ?)",
            (path, doc_id, "exact copy of a document already read", run_id),
        )

    def add_document(self, doc: Document | DocumentRecord, input_path: str, run_id: int) -> None:
        """Write one document with its mentions and event mentions, atomically.

        `doc` is a Document or the DocumentRecord a worker built from it. Inside `grouped()` the
        document joins the open transaction (under a savepoint, so it is still all or nothing);
        otherwise it is a transaction of its own.
        """
        rec = doc if isinstance(doc, DocumentRecord) else DocumentRecord.of(doc)
        c = rec.columns
        with self._atomic():
            self.db.execute(
                """INSERT OR REPLACE INTO documents(id, path, format, url, language, title, published,
                   published_time, published_from, author, raw, text, status, duplicate_of, reason,
                   cited_sources, removed, paragraphs, notes, times, fingerprint, run_id)
                   VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                (*c[:12], rec.status, rec.duplicate_of, rec.reason, *c[12:], run_id),
            )
            if rec.mentions:
                self.db.executemany(
                    """INSERT OR REPLACE INTO mentions(doc_id, start, end, text, language, type, kind,
                       entity_id, role, country) VALUES (?,?,?,?,?,?,?,?,?,?)""",
                    rec.mentions,
                )
            for ent in rec.entities:
                self._merge_discovered(ent)
            if rec.events:
                self.db.executemany(
                    "INSERT OR REPLACE INTO event_mentions(key, doc_id, json) VALUES (?,?,?)",
                    [(key, rec.id, js) for key, js in rec.events],
                )
            self.db.execute(
                "INSERT OR REPLACE INTO inputs(path, doc_id, status, reason, run_id) VALUES (?,?,?,?,?)",
                (input_path, rec.id, rec.status, rec.reason, run_id),
            )
            self.set_meta("merge_pending", "1")

    # -- grouped writes ------------------------------------------------------------------------
    @contextmanager
    def grouped(self) -> Iterator[None]:
        """Let the writes inside share transactions (see `commit_group`), which is much faster than
        one transaction per document. Every document is still all or nothing: a crash or kill loses
        at most the documents written since the last commit, and the next run redoes them.
        Leaving the block (normally or by an exception) commits what was written in full."""
        if self._grouped:
            yield
            return
        self._grouped = True
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            self._grouped = False
            if self.db.in_transaction:
                try:
                    self.db.execute("COMMIT")
                except sqlite3.Error:
                    self.db.execute("ROLLBACK")
                    raise

    def commit_group(self) -> None:
        """Commit the writes of the open group and start the next transaction."""
        if self._grouped and self.db.in_transaction:
            self.db.execute("COMMIT")
            self.db.execute("BEGIN IMMEDIATE")

    @contextmanager
    def _atomic(self) -> Iterator[None]:
        """One all-or-nothing unit: a transaction, or a savepoint inside a group's transaction."""
        if self._grouped and self.db.in_transaction:
            self.db.execute("SAVEPOINT doc")
            try:
                yield
            except BaseException:
                self.db.execute("ROLLBACK TO doc")
                self.db.execute("RELEASE doc")
                raise
            self.db.execute("RELEASE doc")
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def _merge_discovered(self, ent: Entity) -> None:
        row = self.db.execute("SELECT json FROM discovered_entities WHERE id=?", (ent.id,)).fetchone()
        if row:
            old = entity_from_json(row[0])
            for lang, names in ent.names.items():
                known = old.names.setdefault(lang, [])
                known.extend(n for n in names if n not in known)
            ent = old
        self.db.execute(
            "INSERT OR REPLACE INTO discovered_entities(id, json) VALUES (?, ?)", (ent.id, entity_to_json(ent))
        )

    # -- events --------------------------------------------------------------------------------
    def event_mentions(self) -> Iterator[EventMention]:
        for (s,) in self.db.execute("SELECT json FROM event_mentions ORDER BY rowid"):
            yield event_mention_from_json(s)

    def duplicate_map(self) -> dict[str, str | None]:
        return {r[0]: r[1] for r in self.db.execute("SELECT id, duplicate_of FROM documents")}

    def cited_sources_map(self) -> dict[str, list[str]]:
        return {r[0]: json.loads(r[1]) for r in self.db.execute("SELECT id, cited_sources FROM documents")}

    def previous_event_ids(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.db.execute("SELECT mention_key, event_id FROM event_sources")}

    def merge_pending(self) -> bool:
        return self.get_meta("merge_pending", "0") == "1"

    def replace_events(self, events: Iterable[Event], members: dict[str, list[str]]) -> int:
        """Swap in a new set of canonical events (one transaction). `members`: event id -> mention keys."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for table in ("events", "event_sources", "event_actors"):
                self.db.execute(f"DELETE FROM {table}")
            n = 0
            for ev in events:
                n += 1
                self.db.execute(
                    "INSERT INTO events(id, date, type, json) VALUES (?,?,?,?)",
                    (ev.id, ev.date, ev.type, event_to_json(ev)),
                )
                self.db.executemany(
                    "INSERT OR REPLACE INTO event_sources(event_id, mention_key) VALUES (?,?)",
                    [(ev.id, k) for k in members.get(ev.id, [])],
                )
                self.db.executemany(
                    "INSERT INTO event_actors(event_id, entity_id, name, country) VALUES (?,?,?,?)",
                    [(ev.id, a.id, a.name, a.country) for a in ev.actors + ev.recipients],
                )
            self.set_meta("merge_pending", "0")
            self.db.execute("COMMIT")
            return n
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def events(self, flt: EventFilter | None = None) -> list[Event]:
        flt = flt or EventFilter()
        sql = "SELECT DISTINCT e.json FROM events e"
        where: list[str] = []
        args: list[Any] = []
        if flt.actor_ids is not None or flt.actor_name:
            sql += " JOIN event_actors a ON a.event_id = e.id"
            ids = sorted(flt.actor_ids or [])
            cond = [f"a.entity_id IN ({','.join('?' * len(ids))})"] if ids else []
            args += ids
            if flt.actor_name:
                cond.append("lower(a.name) = lower(?)")
                args.append(flt.actor_name)
            where.append("(" + " OR ".join(cond or ["0"]) + ")")
        if flt.country:
            where.append("e.id IN (SELECT event_id FROM event_actors WHERE upper(country) = upper(?))")
            args.append(flt.country)
        if flt.type:
            where.append("upper(e.type) = upper(?)")
            args.append(flt.type)
        if flt.since:
            # compare on the prefix of equal length so that 2025-03 matches an event dated 2025-03-30
            where.append("substr(e.date, 1, length(?)) >= ?")
            args += [flt.since, flt.since]
        if flt.until:
            where.append("substr(e.date, 1, length(?)) <= ?")
            args += [flt.until, flt.until]
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY e.date, e.id"
        return [event_from_json(r[0]) for r in self.db.execute(sql, args)]

    # -- listings ------------------------------------------------------------------------------
    def document_records(self) -> Iterator[dict[str, Any]]:
        """One record per input, as `eventline documents --format jsonl` prints it."""
        rows = self.db.execute(
            """SELECT i.path AS input_path, i.status AS input_status, i.reason AS input_reason,
                      d.* FROM inputs i LEFT JOIN documents d ON d.id = i.doc_id ORDER BY i.rowid"""
        )
        for r in rows:
            if r["input_status"] == "skipped" or r["id"] is None:
                yield {
                    "id": skip_id(r["input_path"]), "path": r["input_path"], "language": None,
                    "title": None, "published": None, "text": "", "status": "skipped",
                    "duplicate_of": None, "reason": r["input_reason"], "cited_sources": [],
                    "removed": [],
                }
                continue
            exact_copy = r["input_status"] == "duplicate" and r["path"] != r["input_path"] and r["status"] == "processed"
            yield {
                "id": r["id"] + "~" + hashlib.sha256(r["input_path"].encode()).hexdigest()[:6] if exact_copy else r["id"],
                "path": r["input_path"],
                "language": r["language"],
                "title": r["title"],
                "published": r["published"],
                "text": r["text"],
                "status": "duplicate" if exact_copy else r["status"],
                "duplicate_of": r["id"] if exact_copy else r["duplicate_of"],
                "reason": f"exact copy of {r['path']}" if exact_copy else r["reason"],
                "cited_sources": json.loads(r["cited_sources"]),
                "removed": json.loads(r["removed"]),
                "url": r["url"],
                "format": r["format"],
                "notes": json.loads(r["notes"]),
            }

    def document(self, doc_id: str) -> sqlite3.Row | None:
        return self.db.execute("SELECT * FROM documents WHERE id=?", (doc_id,)).fetchone()

    def mention_rows(self) -> Iterator[sqlite3.Row]:
        return self.db.execute(
            "SELECT entity_id, text, language, type FROM mentions WHERE entity_id IS NOT NULL"
        )

    def discovered_entities(self) -> dict[str, Entity]:
        return {r[0]: entity_from_json(r[1]) for r in self.db.execute("SELECT id, json FROM discovered_entities")}

    def counts(self) -> dict[str, int]:
        out = {
            status: n for status, n in self.db.execute("SELECT status, count(*) FROM inputs GROUP BY status")
        }
        out["events"] = self.db.execute("SELECT count(*) FROM events").fetchone()[0]
        return out
