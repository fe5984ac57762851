"""The five seed pages through the real per-document stages: the gold "main" events come out.

Gold types map to PLOVER as the seeds' README says: meeting -> CONSULT, visit -> CONSULT/visit,
phone_call -> CONSULT/phone, agreement -> AGREE, deployment -> MOBILIZE; "announcement" is a
statement, not an event. Skips when the seeds are absent (see conftest.py).
"""

from __future__ import annotations

import unicodedata

import pytest

from eventline.pipeline.events import process_text
from eventline.pipeline.merge import merge_events, undated_mentions

SEED_TYPES = {"meeting": ("CONSULT", None), "visit": ("CONSULT", "visit"), "phone_call": ("CONSULT", "phone"),
              "agreement": ("AGREE", None), "deployment": ("MOBILIZE", None)}
COUNTRY_NAMES = {"JP": "Japan", "US": "United States", "PH": "Philippines"}


def fold(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()


@pytest.fixture(scope="module")
def seed_docs(seed_texts: dict[str, str], seeds_gold: dict) -> dict:
    """Each seed page processed once by clean, lang, time, entities and events."""
    out = {}
    for d in seeds_gold["documents"]:
        out[d["file"]] = process_text(seed_texts[d["file"]])
    return out


def _main_events(seeds_gold: dict) -> list[tuple[str, dict]]:
    by_id = {e["id"]: e for e in seeds_gold["events"]}
    return [(d["file"], by_id[m["event"]]) for d in seeds_gold["documents"] for m in d["event_mentions"]
            if m["role"] == "main" and by_id[m["event"]]["type"] in SEED_TYPES]


def _finds(events, gold: dict) -> bool:
    type_, mode = SEED_TYPES[gold["type"]]
    allowed = {gold["date"], *gold.get("date_alternatives", [])}
    for ev in events:
        if ev.type != type_ or (mode in ("visit", "phone") and ev.mode != mode) or ev.status != "occurred":
            continue
        if ev.date not in allowed:
            continue
        people = {fold(a.name) for a in ev.actors if a.type == "person"}
        if gold["participants"]:
            if people == {fold(p) for p in gold["participants"]}:
                return True
        elif {COUNTRY_NAMES[c] for c in gold["countries"]} <= {a.name for a in ev.actors}:
            return True
    return False


def test_seed_main_events_are_found_with_date_type_status_and_participants(seed_docs, seeds_gold) -> None:
    missing = []
    for file, gold in _main_events(seeds_gold):
        doc = seed_docs[file]
        if not gold.get("date"):
            continue
        events = merge_events(doc.events)
        if not _finds(events, gold):
            missing.append((file, gold["id"]))
    # E09 in 004 is dated nowhere in its page (see the next test); every other main event is found.
    assert missing == [("004_c42e92ba5ae50608.txt", "E09_usjp_2plus2_2024-07-28")]


def test_undated_main_event_is_detected_but_kept_off_the_timeline(seed_docs) -> None:
    doc = seed_docs["004_c42e92ba5ae50608.txt"]
    talks = [e for e in doc.events if e.type == "CONSULT" and e.date is None]
    assert any({fold(a.name) for a in e.actors} == {fold(n) for n in
               ("Antony Blinken", "Lloyd Austin", "Yoko Kamikawa", "Minoru Kihara")} for e in talks)
    assert any(e in undated_mentions(doc.events) for e in talks)


def test_quotes_are_verbatim_substrings_of_the_cleaned_text(seed_docs) -> None:
    for doc in seed_docs.values():
        for ev in doc.events:
            assert doc.text[ev.source.start:ev.source.end] == ev.source.quote
            assert ev.source.document == doc.id


def test_meeting_of_30_march_2025_is_merged_across_000_and_001(seed_docs) -> None:
    zh, ja = seed_docs["000_ae6cae07903ce697.txt"], seed_docs["001_9d484df4b67217fb.txt"]
    events = merge_events([*zh.events, *ja.events], cited_sources={zh.id: zh.cited_sources, ja.id: ja.cited_sources})
    [meeting] = [e for e in events if e.type == "CONSULT" and e.date == "2025-03-30"
                 and {a.name for a in e.actors} == {"Pete Hegseth", "Gen Nakatani"}]
    assert {s.document for s in meeting.sources} == {zh.id, ja.id}
    assert {s.language for s in meeting.sources} == {"zh", "ja"}
    assert meeting.status == "occurred" and meeting.independent_source_count == 2
    assert meeting.summary == ("Pete Hegseth (Secretary of Defense, United States) and Gen Nakatani "
                               "(Minister of Defense, Japan) met in Tokyo on 30 March 2025.")


def test_defence_meeting_and_the_2plus2_of_the_day_before_stay_apart(seed_docs) -> None:
    doc = seed_docs["003_02232067b5b04c88.txt"]
    consult = [e for e in merge_events(doc.events) if e.type == "CONSULT" and e.mode is None]
    meeting = [e for e in consult if e.date == "2023-01-12" and "2023-01-13" in e.date_alternatives]
    assert meeting, [(e.date, e.date_alternatives) for e in consult]
    assert len({e.id for e in consult}) >= 2
