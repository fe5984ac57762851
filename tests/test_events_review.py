"""Fixes from reading the examples' timeline: governing dates, conditions, quotes, venues."""

from __future__ import annotations

from eventline.pipeline.events import EventStage, code_text

from test_events_helpers import FakeKB, doc, m, t


def test_past_talks_on_a_weekday_are_not_planned_by_a_plan_in_their_content() -> None:
    text = ("SEOUL - Japan plans to lend two patrol planes due to be retired next year to the Philippines, "
            "Defense Minister Gen Nakatani said after talks with Philippine Defense Secretary Gilberto Teodoro "
            "on Tuesday.")
    events = [e for e in code_text(text, lang="en", published="2025-03-19") if e.type == "CONSULT"]
    assert events and all(e.status == "occurred" and e.date == "2025-03-18" for e in events), \
        [(e.status, e.date) for e in events]


def test_korean_meeting_marked_as_setting_takes_its_own_date_not_the_content_s() -> None:
    text = "국방부는 어제 한-일 국방장관 회담에서 내년 중 퇴역하는 호위함 2척을 필리핀에 넘기는 방안을 논의했다고 19일 밝혔다."
    meetings = [e for e in code_text(text, lang="ko", published="2025-03-19") if e.type == "CONSULT"]
    assert meetings and all(e.status == "occurred" and e.date == "2025-03-18" for e in meetings), \
        [(e.status, e.date) for e in meetings]


def test_conditional_countermeasures_are_the_threat_not_a_sanction() -> None:
    zh = code_text("中国外交部发言人19日警告，如果日方执意部署导弹，中方将采取坚决反制措施。", lang="zh", published="2025-03-19")
    assert [e.type for e in zh if e.type in ("SANCTION", "THREATEN")] == ["THREATEN"]
    assert zh[[e.type for e in zh].index("THREATEN")].status == "occurred"
    en = code_text("A Chinese foreign ministry spokesman warned on Friday that if Japan deploys the missiles, "
                   "China will take resolute countermeasures.", lang="en", published="2025-03-21")
    threats = [e for e in en if e.type in ("SANCTION", "THREATEN")]
    assert [(e.type, e.status, e.date) for e in threats] == [("THREATEN", "occurred", "2025-03-21")]


def test_a_state_named_as_the_venue_is_not_a_party() -> None:
    text = "In Singapore, Hegseth will deliver a keynote address and hold a series of bilateral meetings on May 31."
    d = doc(text, "en", "2025-05-27", [m(text, "Singapore", "country:SG", "country", country="SG"),
                                       m(text, "Hegseth", "Q1", kind="surname", country="US")],
            [t(text, "May 31", "2025-05-31")])
    meetings = [e for e in EventStage(FakeKB())(d).events if e.type == "CONSULT"]
    assert meetings and all({a.name for a in e.actors} == {"Pete Hegseth"} for e in meetings)


def test_second_event_on_one_sentence_quotes_a_readable_span_not_its_trigger() -> None:
    text = ("MANILA - Defense Secretary Pete Hegseth arrived in Manila on Friday morning, "
            "where he attended talks.")
    for e in code_text(text, lang="en", published="2025-03-28"):
        assert len(e.sources[0].quote) > 30, e.sources[0].quote
