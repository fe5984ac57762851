"""The SQLite schema and its migrations. `PRAGMA user_version` is the schema version.

A migration is a list of SQL statements that takes the store from version N-1 to N; they run in
one transaction, so a store is always at exactly one version.
"""

from __future__ import annotations

MIGRATIONS: list[list[str]] = [
    # 1: the first schema
    [
        """CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
        # one row per input item (a file, a JSONL line, a WARC record, a feed item)
        """CREATE TABLE inputs (
            path TEXT PRIMARY KEY,
            doc_id TEXT,
            status TEXT NOT NULL CHECK (status IN ('processed', 'duplicate', 'skipped')),
            reason TEXT,
            run_id INTEGER NOT NULL
        )""",
        """CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            path TEXT NOT NULL,
            format TEXT,
            url TEXT,
            language TEXT,
            title TEXT,
            published TEXT,
            published_time TEXT,
            published_from TEXT,
            author TEXT,
            raw TEXT NOT NULL,
            text TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('processed', 'duplicate', 'skipped')),
            duplicate_of TEXT,
            reason TEXT,
            cited_sources TEXT NOT NULL DEFAULT '[]',
            removed TEXT NOT NULL DEFAULT '[]',
            paragraphs TEXT NOT NULL DEFAULT '[]',
            notes TEXT NOT NULL DEFAULT '[]',
            times TEXT NOT NULL DEFAULT '[]',
            fingerprint BLOB,
            run_id INTEGER NOT NULL
        )""",
        """CREATE TABLE mentions (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            language TEXT,
            type TEXT NOT NULL,
            kind TEXT NOT NULL,
            entity_id TEXT,
            role TEXT,
            country TEXT,
            PRIMARY KEY (doc_id, start, end)
        )""",
        "CREATE INDEX mentions_entity ON mentions(entity_id)",
        # entities discovered in text (not in the knowledge base)
        """CREATE TABLE discovered_entities (
            id TEXT PRIMARY KEY,
            json TEXT NOT NULL
        )""",
        """CREATE TABLE event_mentions (
            key TEXT PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            json TEXT NOT NULL
        )""",
        "CREATE INDEX event_mentions_doc ON event_mentions(doc_id)",
        """CREATE TABLE events (
            id TEXT PRIMARY KEY,
            date TEXT NOT NULL,
            type TEXT NOT NULL,
            json TEXT NOT NULL
        )""",
        "CREATE INDEX events_date ON events(date)",
        # which stored mentions each canonical event was built from (keeps ids stable)
        """CREATE TABLE event_sources (
            event_id TEXT NOT NULL,
            mention_key TEXT NOT NULL PRIMARY KEY
        )""",
        # actor entity ids and countries per event, for filtering
        """CREATE TABLE event_actors (
            event_id TEXT NOT NULL,
            entity_id TEXT,
            name TEXT NOT NULL,
            country TEXT
        )""",
        "CREATE INDEX event_actors_event ON event_actors(event_id)",
        """CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            started TEXT NOT NULL,
            finished TEXT,
            summary TEXT
        )""",
    ],
]

SCHEMA_VERSION = len(MIGRATIONS)
