"""End to end with the real stages (clean, lang, time, entities): texts in five languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventline.pipeline.events import code_text, process_text
from eventline.pipeline.merge import merge_events

MEETING = {
    "en": ("TOKYO - U.S. Defense Secretary Pete Hegseth met Japanese Defense Minister Gen Nakatani at the "
           "Defense Ministry in Tokyo on Sunday, March 30.", "2025-03-31"),
    "ja": ("中谷元防衛相は30日、来日中のヘグセス米国防長官と防衛省で会談した。", "2025-03-31"),
    "zh": ("3月30日，美国国防部长赫格塞思与日本防卫相中谷元在东京举行会谈。", "2025-03-31"),
    "ko": ("나카타니 겐 일본 방위상은 30일 도쿄에서 피트 헤그세스 미국 국방장관과 회담했다.", "2025-03-31"),
    "vi": ("Ngày 30/3, Bộ trưởng Quốc phòng Mỹ Pete Hegseth đã hội đàm với Bộ trưởng Quốc phòng Nhật Bản "
           "Gen Nakatani tại Tokyo.", "2025-03-31"),
}


@pytest.mark.parametrize("lang", sorted(MEETING))
def test_one_meeting_in_each_language(lang: str) -> None:
    text, published = MEETING[lang]
    events = code_text(text, lang=lang, published=published)
    meetings = [e for e in events if e.type == "CONSULT" and e.mode is None]
    assert len(meetings) == 1, [(e.type, e.mode, e.date) for e in events]
    ev = meetings[0]
    assert ev.date == "2025-03-30" and ev.status == "occurred" and ev.recipients == []
    assert {a.name for a in ev.actors} == {"Pete Hegseth", "Gen Nakatani"}
    src = ev.sources[0]
    assert src.language == lang and src.quote in text


def test_the_five_reports_merge_into_one_event_with_five_sources() -> None:
    docs = [process_text(text, lang, published) for lang, (text, published) in MEETING.items()]
    events = [e for e in merge_events([m for d in docs for m in d.events]) if e.type == "CONSULT" and e.mode is None]
    assert len(events) == 1
    assert {s.language for s in events[0].sources} == set(MEETING)
    assert events[0].independent_source_count == 5


def test_planned_then_cancelled_visit() -> None:
    planned = process_text("South Korean Defense Minister Kim Yong-hyun will visit Tokyo in mid-December, "
                           "the ministry said.", "en", "2024-11-20")
    cancelled = process_text("김용현 국방부 장관의 이달 중순 일본 방문이 취소됐다.", "ko", "2024-12-05")
    visits = [e for e in merge_events([*planned.events, *cancelled.events]) if e.mode == "visit"]
    assert len(visits) == 1 and visits[0].status == "cancelled"
    assert [a.name for a in visits[0].actors] == ["Kim Yong-hyun"]


def test_denial_gives_no_event() -> None:
    assert code_text("越南国防部12日否认了有关越南国防部长潘文江将于本月访华的报道。", "zh", "2025-05-12") == []


def test_code_text_output_follows_the_contract() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    candidates = [Path(__file__).resolve().parents[2] / "shared" / "contract" / "event.schema.json",
                  Path(__file__).resolve().parent / "data" / "contract" / "event.schema.json"]
    schema_path = next((p for p in candidates if p.is_file()), None)
    if schema_path is None:
        pytest.skip("contract schema not found")
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    text, published = MEETING["en"]
    events = code_text(text, published=published)
    assert events
    for ev in events:
        jsonschema.validate(ev.to_json(), schema)
        assert ev.summary.endswith(".") and ev.summary.count(". ") == 0


def test_offices_in_a_meetings_name_are_not_participants() -> None:
    """"외교·국방장관(2+2) 회의" names the kind of meeting: the office, resolved by the text's state,
    would add South Korea's defence minister to a US-Japan 2+2 and make it trilateral."""
    text = ("미국과 일본은 현지시간 12일 오후 워싱턴에서 외교·국방장관(2+2) 회의를 개최했다. 회의에는 루비오 "
            "국무장관, 헤그세스 국방장관, 이와야 다케시 외무상, 나카타니 겐 방위상이 참석했다.")
    events = code_text(text, lang="ko", published="2025-06-13")
    meetings = [e for e in events if e.type == "CONSULT"]
    assert len(meetings) == 1, [(e.type, e.mode, e.date, [a.name for a in e.actors]) for e in events]
    ev = meetings[0]
    assert ev.mode is None and ev.date == "2025-06-12"
    assert {a.country for a in ev.actors} <= {"US", "JP"}
