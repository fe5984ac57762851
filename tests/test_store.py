"""The SQLite store: migrations, atomic writes, round-trips and the shared event queries."""

from __future__ import annotations

import sqlite3

import pytest

from eventline.document import Actor, Document, Event, EventMention, Location, Mention, Source
from eventline.errors import StoreError
from eventline.store.db import EventFilter, Store, mention_key
from eventline.store.schema import SCHEMA_VERSION


def _doc(doc_id: str = "d1", text: str = "浜田防衛大臣はオースティン国防長官と会談した。") -> Document:
    src = Source(document=doc_id, language="ja", quote=text[:-1], start=0, end=len(text) - 1, path="a.txt")
    em = EventMention(
        type="CONSULT", mode=None, status="occurred", date="2023-01-12", date_precision="day",
        actors=[Actor("Yasukazu Hamada", "person", "el:hamada", "JP", "Minister of Defense"),
                Actor("Lloyd Austin", "person", "el:austin", "US", "Secretary of Defense")],
        recipients=[], source=src, location=Location("Washington", "US", 38.9, -77.04, "place:washington"),
        date_alternatives=["2023-01-13"],
    )
    return Document(
        id=doc_id, path="a.txt", raw=text + "\n最新文章\n", text=text, language="ja", title="会談",
        published="2023-01-13", status="processed", cited_sources=["NHK"],
        mentions=[Mention(0, 2, "浜田", "person", entity_id="el:hamada")], events=[em],
        fingerprint=[1, 2, 2**63 + 5],
    )


def test_new_store_is_at_the_current_schema_version(tmp_path):
    with Store(tmp_path / "s.db") as store:
        assert store.schema_version() == SCHEMA_VERSION == 1
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with Store(tmp_path / "s.db") as store:  # reopening migrates nothing and keeps the version
        assert store.schema_version() == SCHEMA_VERSION


def test_store_from_a_newer_eventline_is_refused_with_a_hint(tmp_path):
    path = tmp_path / "future.db"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StoreError, match="newer eventline"):
        Store(path)


def test_a_file_that_is_not_a_store_is_refused(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("this is not sqlite at all, just some notes\n" * 50)
    with pytest.raises(StoreError, match="not an eventline store"):
        Store(path)


def test_document_round_trip_with_fingerprint_and_event_mentions(tmp_path):
    doc = _doc()
    with Store(tmp_path / "s.db") as store:
        store.add_document(doc, "a.txt", run_id=store.start_run())
        (record,) = list(store.document_records())
        assert record["id"] == "d1" and record["status"] == "processed"
        assert record["text"] == doc.text and record["cited_sources"] == ["NHK"]
        assert list(store.fingerprints()) == [("d1", [1, 2, 2**63 + 5])]
        (em,) = list(store.event_mentions())
        assert em == doc.events[0]
        assert store.merge_pending()


def test_a_failed_write_leaves_nothing_behind(tmp_path):
    doc = _doc()
    doc.mentions = [None]  # type: ignore[list-item]  # breaks half-way through the transaction
    with Store(tmp_path / "s.db") as store:
        with pytest.raises(AttributeError):
            store.add_document(doc, "a.txt", run_id=store.start_run())
        assert store.document_ids() == set()
        assert store.db.execute("SELECT count(*) FROM inputs").fetchone()[0] == 0
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_skips_and_exact_copies_are_listed_one_record_per_input(tmp_path):
    with Store(tmp_path / "s.db") as store:
        run = store.start_run()
        store.add_document(_doc(), "a.txt", run)
        store.record_copy("copy/a.txt", "d1", run)
        store.record_skip("broken.bin", "binary file (looks like PNG), not text", run)
        records = list(store.document_records())
    assert [r["status"] for r in records] == ["processed", "duplicate", "skipped"]
    copy = records[1]
    assert copy["duplicate_of"] == "d1" and copy["id"].startswith("d1~") and copy["path"] == "copy/a.txt"
    assert records[2]["reason"] == "binary file (looks like PNG), not text"
    assert records[2]["id"].startswith("skip-")


def _event(eid: str, date: str, type_: str = "CONSULT", country: str = "JP") -> Event:
    src = Source(document="d1", language="ja", quote="q", start=0, end=1)
    return Event(
        id=eid, type=type_, date=date, date_precision="day" if len(date) == 10 else "month",
        actors=[Actor("Gen Nakatani", "person", "el:nakatani", country)], sources=[src],
    )


def test_replace_events_and_filters(tmp_path):
    with Store(tmp_path / "s.db") as store:
        n = store.replace_events(
            [_event("e1", "2025-03-30"), _event("e2", "2024-05", "AGREE"), _event("e3", "2023-01-12", country="US")],
            {"e1": ["d1:0:1:CONSULT"]},
        )
        assert n == 3 and not store.merge_pending()
        assert [e.id for e in store.events()] == ["e3", "e2", "e1"]
        assert [e.id for e in store.events(EventFilter(since="2024-05"))] == ["e2", "e1"]
        assert [e.id for e in store.events(EventFilter(until="2024"))] == ["e3", "e2"]
        assert [e.id for e in store.events(EventFilter(type="agree"))] == ["e2"]
        assert [e.id for e in store.events(EventFilter(country="us"))] == ["e3"]
        assert [e.id for e in store.events(EventFilter(actor_ids={"el:nakatani"}))] == ["e3", "e2", "e1"]
        assert store.events(EventFilter(actor_ids=set())) == []
        assert store.previous_event_ids() == {"d1:0:1:CONSULT": "e1"}


def test_mention_key_is_document_offsets_and_type():
    em = _doc().events[0]
    assert mention_key(em) == f"d1:0:{len(em.source.quote)}:CONSULT"


def test_related_events_survive_the_store(tmp_path):
    visit, meeting = _event("v1", "2025-03-29"), _event("m1", "2025-03-30")
    visit.mode, visit.related, meeting.related = "visit", ["m1"], ["v1"]
    with Store(tmp_path / "s.db") as store:
        store.replace_events([visit, meeting], {})
        got = {e.id: e for e in store.events()}
    assert got["v1"].related == ["m1"] and got["m1"].related == ["v1"]
    assert got["v1"].to_json()["related"] == ["m1"]


def test_grouped_writes_keep_each_document_all_or_nothing(tmp_path):
    good, bad = _doc("g1"), _doc("b1")
    bad.mentions = [None]  # type: ignore[list-item]  # breaks half-way through its savepoint
    with Store(tmp_path / "s.db") as store:
        run_id = store.start_run()
        with store.grouped():
            store.add_document(good, "g.txt", run_id)
            with pytest.raises(AttributeError):
                store.add_document(bad, "b.txt", run_id)
            store.record_skip("empty.txt", "empty file", run_id)
            store.commit_group()
            store.add_document(_doc("g2"), "g2.txt", run_id)
        assert not store.db.in_transaction
        assert store.document_ids() == {"g1", "g2"}
        assert [r["path"] for r in store.document_records()] == ["g.txt", "empty.txt", "g2.txt"]
        assert store.merge_pending()


def test_an_error_inside_a_group_keeps_the_documents_written_before_it(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as store:
        run_id = store.start_run()
        with pytest.raises(KeyboardInterrupt):
            with store.grouped():
                store.add_document(_doc("d1"), "a.txt", run_id)
                raise KeyboardInterrupt
    with Store(path) as store:  # another connection sees it: it was committed
        assert store.document_ids() == {"d1"}
        assert len(list(store.event_mentions())) == 1


def test_uncommitted_group_is_invisible_to_other_readers(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as store:
        run_id = store.start_run()
        with store.grouped():
            store.add_document(_doc("d1"), "a.txt", run_id)
            with sqlite3.connect(path) as other:  # as after a kill -9 now: nothing half-written
                assert other.execute("SELECT count(*) FROM documents").fetchone()[0] == 0
            store.commit_group()
            with sqlite3.connect(path) as other:
                assert other.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
                assert other.execute("SELECT count(*) FROM inputs").fetchone()[0] == 1


def test_fast_json_forms_match_dataclasses_asdict():
    from dataclasses import asdict

    from eventline.document import Paragraph, Removal, TimeExpr
    from eventline.store.codec import dumps, plain

    doc = _doc()
    doc.removed = [Removal(0, 5, "sidebar:related-headlines", "最新文章")]
    doc.paragraphs = [Paragraph(0, 10, "ja"), Paragraph(12, 20, None)]
    doc.times = [TimeExpr("12日", 0, 3, "2023-01-12", "day", "Asia/Tokyo", alternative_of=0)]
    for value in (doc.removed, doc.paragraphs, doc.times, doc.events):
        assert dumps(plain(value)) == dumps([asdict(v) for v in value])
    assert plain({"a": (1, [2.5, None])}) == {"a": (1, [2.5, None])}


def test_a_store_with_signatures_of_an_earlier_scheme_still_catches_reposts(tmp_path):
    """Stores written before the current MinHash scheme: the next run recomputes those signatures
    from the stored text (and saves them), so a repost of an old document is still a duplicate."""
    from eventline.pipeline.dedup.minhash import current_scheme
    from eventline.run import run
    from eventline.settings import Settings

    body = ("The defence ministers of Japan and Australia met in Canberra on Thursday and agreed to "
            "speed up talks on a new class of frigates, officials said after the meeting. ") * 3
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "original.txt").write_text("May 9, 2026\n\n" + body, encoding="utf-8")
    settings = Settings(workers=1)
    with Store(tmp_path / "s.db") as store:
        run([str(tmp_path / "a")], store, settings)
        [(doc_id, fp)] = list(store.fingerprints())
        assert current_scheme(fp)
        store.set_fingerprints({doc_id: [v & 0xFFFFFFFF for v in fp]})  # what an older eventline stored
        assert not current_scheme(next(store.fingerprints())[1])
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "repost.txt").write_text("Reposted from Harbor Post\nMay 10, 2026\n\n" + body, encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        summary = run([str(tmp_path / "b")], store, settings)
        assert summary.duplicates == 1 and summary.processed == 0
        assert current_scheme(next(store.fingerprints())[1])  # refreshed in the store


def test_document_record_gives_each_mention_its_paragraphs_language() -> None:
    """The rows a worker builds: a mention takes the language of the paragraph it lies in, the
    document's outside every paragraph (and where a paragraph has none)."""
    from eventline.document import Paragraph
    from eventline.store.codec import DocumentRecord

    text = "Hegseth met Nakatani.\nヘグセス氏は中谷氏と会談した。\nTrailer"
    doc = Document(id="d1", path="d1.txt", raw=text, text=text, language="en",
                   paragraphs=[Paragraph(0, 21, "en"), Paragraph(22, 40, "ja"), Paragraph(41, 48, None)])
    doc.mentions = [Mention(0, 7, "Hegseth", "person"), Mention(22, 26, "ヘグセス", "person"),
                    Mention(41, 48, "Trailer", "person"), Mention(21, 22, "\n", "person")]
    rec = DocumentRecord.of(doc)
    assert [(m[3], m[4]) for m in rec.mentions] == [("Hegseth", "en"), ("ヘグセス", "ja"), ("Trailer", "en"),
                                                     ("\n", "en")]
    assert rec.columns[0] == "d1" and rec.status == "pending"
