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


def test_hamada_austin_meeting_is_one_event_with_both_reports_and_apart_from_the_2plus2(seed_docs) -> None:
    """Seed 003: NHK's "会談は日本時間の13日に…国防総省で" and the MOD's "1月12日16時(現地時間)" are one
    meeting (local date first, the Tokyo date as alternative, at the Pentagon); the "12日に行われた
    外務・防衛の閣僚協議" is the 2+2 and stays a separate event."""
    doc = seed_docs["003_02232067b5b04c88.txt"]
    consult = [e for e in merge_events(doc.events) if e.type == "CONSULT" and e.mode is None]
    [meeting] = [e for e in consult if {a.name for a in e.actors} == {"Yasukazu Hamada", "Lloyd Austin"}]
    assert meeting.date == "2023-01-12" and meeting.date_alternatives == ["2023-01-13"]
    assert meeting.location is not None and meeting.location.country == "US"
    quotes = [s.quote for s in meeting.sources]
    assert any("日本時間の13日" in q for q in quotes) and any("令和5年1月12日16時" in q for q in quotes)
    [two] = [e for e in consult if any("閣僚協議" in s.quote for s in e.sources)]
    assert two.id != meeting.id and two.date in ("2023-01-11", "2023-01-12")


def test_agreements_at_a_meeting_are_folded_into_it(seed_docs) -> None:
    """Seed gold convention (E01): "両閣僚は…一致した", "…に署名した" at the meeting are the meeting."""
    doc = seed_docs["003_02232067b5b04c88.txt"]
    assert not [e for e in doc.events if e.type in ("AGREE", "SUPPORT")]
    assert any("folded into its meeting" in n for n in doc.notes)


def test_long_page_does_not_date_undated_clauses_by_its_publication_day(seed_docs) -> None:
    """Seed 000 (published 9 April, about 29-30 March): "赫格塞思声称…部署", "日方原本担心…要求" get no
    invented 2025-04-09 date."""
    doc = seed_docs["000_ae6cae07903ce697.txt"]
    assert not [e for e in doc.events if e.date == doc.published], [(e.type, e.date) for e in doc.events]
