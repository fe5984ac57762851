"""The event stage on hand-built documents: triggers, status, participants, dates, quotes.

Mentions and times are written by hand here (what the entity and time stages would record), so
these tests pin the event logic itself; tests/test_events_pipeline.py runs the real stages.
"""

from __future__ import annotations

import pytest

from eventline.pipeline.events import EventStage
from eventline.pipeline.events.lexicon import lexicon

from test_events_helpers import FakeKB, doc, m, t

KB = FakeKB()


def run(d):
    return EventStage(KB)(d).events


@pytest.mark.parametrize("lang", ["en", "ja", "zh", "ko", "vi"])
def test_every_language_has_triggers_for_all_16_types(lang: str) -> None:
    from eventline.document import PLOVER_TYPES
    from eventline.lang import load

    data = load(lang, "events")
    assert set(data["types"]) == set(PLOVER_TYPES)
    assert lexicon(lang) is not None and lexicon(lang).trigger_count > 100


def test_japanese_meeting_with_role_resolved_to_holder_on_the_date() -> None:
    text = "中谷防衛相は30日、防衛省で米国防長官と会談した。"
    d = doc(text, "ja", "2025-03-31", [
        m(text, "中谷", "Q3"),
        m(text, "米国防長官", None, kind="role", role="Secretary of Defense", country="US"),
        m(text, "防衛省", "org:mod", "organization", country="JP"),
    ], [t(text, "30日", "2025-03-30")])
    [ev] = run(d)
    assert (ev.type, ev.mode, ev.status, ev.date) == ("CONSULT", None, "occurred", "2025-03-30")
    assert sorted(a.name for a in ev.actors) == ["Gen Nakatani", "Pete Hegseth"]
    assert ev.recipients == []
    hegseth = next(a for a in ev.actors if a.name == "Pete Hegseth")
    assert (hegseth.role, hegseth.country, hegseth.id) == ("Secretary of Defense", "US", "Q1")
    assert d.text[ev.source.start:ev.source.end] == ev.source.quote
    assert ev.source.language == "ja" and ev.source.document == "d1"


def test_role_before_and_after_a_change_of_office() -> None:
    text = "The U.S. defense secretary met Japan's defense minister in Tokyo on March 4."
    mentions = [m(text, "U.S. defense secretary", None, kind="role", role="Secretary of Defense", country="US"),
                m(text, "Japan's defense minister", None, kind="role", role="Minister of Defense", country="JP"),
                m(text, "Tokyo", "place:tokyo", "place", country="JP")]
    [old] = run(doc(text, "en", "2024-03-05", mentions, [t(text, "March 4", "2024-03-04")]))
    [new] = run(doc(text, "en", "2025-03-05", mentions, [t(text, "March 4", "2025-03-04")]))
    assert sorted(a.name for a in old.actors) == ["Lloyd Austin", "Minoru Kihara"]
    assert sorted(a.name for a in new.actors) == ["Gen Nakatani", "Pete Hegseth"]
    assert new.location is not None and new.location.name == "Tokyo"


def test_planned_meeting_in_chinese() -> None:
    text = "美国国防部长赫格塞思将于下周访问日本,并与日本防卫相中谷元举行会谈。"
    d = doc(text, "zh", "2025-03-22", [
        m(text, "赫格塞思", "Q1", country="US"), m(text, "日本", "country:JP", "country", country="JP"),
        m(text, "中谷元", "Q3", country="JP"),
    ], [t(text, "下周", "2025-03-24", kind="range", end_value="2025-03-30")])
    events = run(d)
    visit = next(e for e in events if e.mode == "visit")
    meeting = next(e for e in events if e.mode is None)
    assert visit.status == meeting.status == "planned"
    assert [a.name for a in visit.actors] == ["Pete Hegseth"]
    assert visit.recipients == [] and visit.location.name == "Japan"
    assert visit.date == "2025-03" and visit.date_precision == "month"
    assert sorted(a.name for a in meeting.actors) == ["Gen Nakatani", "Pete Hegseth"]


def test_japanese_non_past_ending_is_planned_and_visit_is_separate_from_meeting() -> None:
    text = "アメリカのヘグセス国防長官が日本を訪問し、中谷防衛大臣と会談を行う。"
    d = doc(text, "ja", "2025-03-22", [
        m(text, "アメリカ", "country:US", "country", country="US"), m(text, "ヘグセス", "Q1", country="US"),
        m(text, "日本", "country:JP", "country", country="JP"), m(text, "中谷", "Q3", country="JP"),
    ])
    events = run(d)
    assert {(e.type, e.mode, e.status) for e in events} == {("CONSULT", "visit", "planned"), ("CONSULT", None, "planned")}
    visit = next(e for e in events if e.mode == "visit")
    assert [a.name for a in visit.actors] == ["Pete Hegseth"] and visit.location.name == "Japan"
    assert all(e.date == "2025-03-22" and e.date_confidence == 0.5 for e in events)


@pytest.mark.parametrize("text,lang", [
    ("Bộ Quốc phòng khẳng định Bộ trưởng Phan Văn Giang không gặp Bộ trưởng Gilberto Teodoro.", "vi"),
    ("If Hegseth meets Nakatani next week, they will discuss the budget.", "en"),
    ("中谷防衛相はヘグセス国防長官と会談しなかった。", "ja"),
    ("赫格塞思并未与中谷元会谈。", "zh"),
    ("안규백 장관은 나카타니 방위상과 회담하지 않았다.", "ko"),
])
def test_negated_and_hypothetical_statements_give_no_event(text: str, lang: str) -> None:
    names = {"Phan Văn Giang": "Q8", "Gilberto Teodoro": "Q6", "Hegseth": "Q1", "Nakatani": "Q3", "中谷": "Q3",
             "ヘグセス": "Q1", "赫格塞思": "Q1", "中谷元": "Q3", "안규백": "Q9", "나카타니": "Q3"}
    mentions = [m(text, k, v) for k, v in names.items() if k in text and not (k == "中谷" and "中谷元" in text)]
    d = doc(text, lang, "2025-03-22", mentions)
    assert run(d) == []
    assert any("negated or hypothetical" in n for n in d.notes)


def test_cancelled_visit_in_korean() -> None:
    text = "김용현 국방부 장관의 이달 중순 일본 방문이 취소됐다."
    d = doc(text, "ko", "2024-12-05", [
        m(text, "김용현", "Q10", country="KR"), m(text, "일본", "country:JP", "country", country="JP"),
    ], [t(text, "이달 중순", "2024-12")])
    [ev] = run(d)
    assert (ev.type, ev.mode, ev.status, ev.date) == ("CONSULT", "visit", "cancelled", "2024-12")


def test_local_date_first_and_japan_time_as_alternative() -> None:
    text = "会談は日本時間の13日に国防総省で行われた。令和5年1月12日16時(現地時間)から、浜田防衛大臣とオースティン米国防長官は会談を行った。"
    times = [t(text, "日本時間の13日", "2023-01-13", tz="Asia/Tokyo", alternative_of=1),
             t(text, "令和5年1月12日16時(現地時間)", "2023-01-12T16:00", tz="local")]
    d = doc(text, "ja", "2023-01-13", [m(text, "浜田", "Q4", country="JP"), m(text, "オースティン", "Q2", country="US"),
                                       m(text, "国防総省", "org:dod", "organization", country="US")], times)
    events = run(d)
    # One happening; both sentences that date it (in two zones) are cited, as copies of one mention.
    assert {(e.date, tuple(e.date_alternatives)) for e in events} == {("2023-01-12", ("2023-01-13",))}
    assert len(events) == 2 and len({e.source.start for e in events}) == 2
    assert all(sorted(a.name for a in ev.actors) == ["Lloyd Austin", "Yasukazu Hamada"] for ev in events)


def test_japan_time_only_adds_the_day_before() -> None:
    text = "浜田防衛大臣とオースティン国防長官の会談は日本時間の13日に行われた。"
    d = doc(text, "ja", "2023-01-13", [m(text, "浜田", "Q4", country="JP"), m(text, "オースティン", "Q2", country="US")],
            [t(text, "日本時間の13日", "2023-01-13", tz="Asia/Tokyo")])
    [ev] = run(d)
    assert ev.date == "2023-01-13" and ev.date_alternatives == ["2023-01-12"]


def test_sentences_about_one_meeting_become_one_mention_with_the_best_quote() -> None:
    text = ("中谷防衛相は30日、ヘグセス米国防長官と防衛省で会談した。\n"
            "会談でヘグセス氏は在日米軍の強化を表明した。\n"
            "中谷氏は会談後、記者団に成果を説明した。")
    d = doc(text, "ja", "2025-03-31", [
        m(text, "中谷", "Q3", country="JP"), m(text, "ヘグセス", "Q1", country="US"),
        m(text, "ヘグセス", "Q1", country="US", nth=1), m(text, "中谷", "Q3", country="JP", nth=1),
    ], [t(text, "30日", "2025-03-30")])
    consult = [e for e in run(d) if e.type == "CONSULT"]
    assert len(consult) == 1
    assert consult[0].source.quote.startswith("中谷防衛相は30日") and consult[0].date == "2025-03-30"


def test_collective_subject_takes_the_meeting_participants_and_date() -> None:
    text = "木原防衛相は3日、マニラでテオドロ国防相と会談した。両閣僚は作業部会を設けることで一致した。"
    d = doc(text, "ja", "2024-06-04", [
        m(text, "木原", "Q7", country="JP"), m(text, "マニラ", "place:manila", "place", country="PH"),
        m(text, "テオドロ", "Q6", country="PH"),
    ], [t(text, "3日", "2024-06-03")])
    from eventline.pipeline.events.detect import detect

    [agree] = [c.mention for c in detect(d, KB)[0] if c.mention.type == "AGREE"]
    assert sorted(a.name for a in agree.actors) == ["Gilberto Teodoro", "Minoru Kihara"]
    assert agree.date == "2024-06-03" and agree.location is not None and agree.location.name == "Manila"
    # The agreement made at the meeting is folded into it (docs/EVENTS.md).
    assert [e.type for e in run(d)] == ["CONSULT"]
    assert any("folded into its meeting" in n for n in d.notes)


def test_three_states_make_a_multilateral_meeting_four_ministers_of_two_do_not() -> None:
    text = "Austin, Kihara and Teodoro held a trilateral meeting in Manila on Monday."
    d = doc(text, "en", "2024-06-04", [m(text, "Austin", "Q2", country="US"), m(text, "Kihara", "Q7", country="JP"),
                                       m(text, "Teodoro", "Q6", country="PH"),
                                       m(text, "Manila", "place:manila", "place", country="PH")],
            [t(text, "Monday", "2024-06-03")])
    [ev] = run(d)
    assert ev.mode == "multilateral" and ev.location.name == "Manila"
    text2 = "Hegseth and Nakatani met Ishiba in Tokyo on Sunday."
    d2 = doc(text2, "en", "2025-03-31", [m(text2, "Hegseth", "Q1", country="US"), m(text2, "Nakatani", "Q3", country="JP"),
                                         m(text2, "Ishiba", "Q5", country="JP")], [t(text2, "Sunday", "2025-03-30")])
    [ev2] = run(d2)
    assert ev2.mode is None and len(ev2.actors) == 3


def test_directional_event_has_actor_and_recipient() -> None:
    text = "Teodoro condemned China on Wednesday over the water-cannon attack."
    d = doc(text, "en", "2024-10-10", [m(text, "Teodoro", "Q6", country="PH"),
                                       m(text, "China", "country:CN", "country", country="CN")],
            [t(text, "Wednesday", "2024-10-09")])
    accuse = next(e for e in run(d) if e.type == "ACCUSE")
    assert [a.name for a in accuse.actors] == ["Gilberto Teodoro"]
    assert [r.name for r in accuse.recipients] == ["China"] and accuse.mode == "disapprove"


def test_date_after_publication_makes_the_event_planned() -> None:
    text = "Hegseth meets Nakatani in Tokyo on March 30."
    d = doc(text, "en", "2025-03-22", [m(text, "Hegseth", "Q1", country="US"), m(text, "Nakatani", "Q3", country="JP")],
            [t(text, "March 30", "2025-03-30")])
    [ev] = run(d)
    assert ev.status == "planned" and ev.date == "2025-03-30"


def test_sentence_without_actor_is_not_analysed() -> None:
    text = "会談は和やかな雰囲気で行われた。"
    d = doc(text, "ja", "2025-03-31", [])
    assert run(d) == []
    assert any("no actor in sentence" in n for n in d.notes)


def test_unknown_language_gives_no_event_and_a_note() -> None:
    text = "Hegseth ha incontrato Nakatani a Tokyo."
    d = doc(text, "it", "2025-03-31", [m(text, "Hegseth", "Q1"), m(text, "Nakatani", "Q3")])
    assert run(d) == []
    assert any("no event data for language it" in n for n in d.notes)
