"""Calls that fold their agreements, plan dates, evaluative mentions, 2+2 parties, venues, targets."""

from __future__ import annotations

from eventline.pipeline.events import process_text


def _events(text: str, lang: str, published: str):
    return process_text(text, lang, published).events


def test_agreement_after_a_call_is_folded_into_the_call_and_the_visit_it_arranges_is_planned() -> None:
    events = _events("中谷防衛相は5日、韓国の安圭伯国防相と電話で会談した。両氏は、12月に訪韓する方向で調整することで一致した。",
                     "ja", "2025-09-05")
    assert [(e.type, e.mode, e.date, e.status) for e in events] == [
        ("CONSULT", "phone", "2025-09-05", "occurred"), ("CONSULT", "visit", "2025-12", "planned")]
    # the visitor is the party of the call who is not from the country visited
    assert [a.name for a in events[1].actors] == ["Gen Nakatani"]


def test_evaluative_sentence_is_the_call_already_reported() -> None:
    events = _events("中谷防衛相は5日、韓国の安圭伯国防相と電話で会談した。安氏の就任後、両氏が協議するのは初めて。",
                     "ja", "2025-09-05")
    assert [(e.type, e.mode) for e in events] == [("CONSULT", "phone")]


def test_unnamed_2plus2_is_between_the_states_of_the_reported_meeting_and_has_no_content_venue() -> None:
    text = ("浜田防衛大臣は12日、オースティン国防長官と国防総省で会談した。"
            "さらに、11日に行われた外務・防衛の閣僚協議で、沖縄に駐留するアメリカ軍の一部を、新たな部隊に改編することなどを確認したのを受けて、在日アメリカ軍の再編計画を見直すことを確認しました。")
    events = _events(text, "ja", "2023-01-13")
    two = [e for e in events if e.event_key == "2+2"]
    assert len(two) == 1
    assert sorted(a.name for a in two[0].actors) == ["Japan", "United States"]
    assert two[0].location is None


def test_threat_without_target_aims_at_who_acted_just_before() -> None:
    events = _events("日米韓3か国は13日から3日間、共同訓練を実施した。北朝鮮国防省は16日に談話を出し、「圧倒的な対応を取る」と警告した。",
                     "ja", "2024-11-17")
    threat = next(e for e in events if e.type == "THREATEN")
    assert sorted(a.name for a in threat.recipients) == ["Japan", "South Korea", "United States"]


def test_threat_takes_its_target_from_the_sentence() -> None:
    events = _events("中国国防部发言人28日就此警告，如果日方一意孤行，中方将采取坚决反制措施。", "zh", "2025-03-28")
    threat = next(e for e in events if e.type == "THREATEN")
    assert [a.name for a in threat.recipients] == ["Japan"]


def test_country_named_as_a_place_is_a_venue_never_an_actor() -> None:
    doc = process_text("SINGAPORE - Defense Secretary Pete Hegseth met Philippine Defense Secretary Gilberto Teodoro "
                       "in Singapore on Saturday.", "en", "2025-05-31")
    for e in doc.events:
        assert all(not (a.id or "").startswith("country:") or a.type == "country" and a.country != "SG"
                   for a in [*e.actors, *e.recipients])
        assert all(a.country != "SG" for a in [*e.actors, *e.recipients])
    meeting = next(e for e in doc.events if e.type == "CONSULT")
    assert meeting.location is not None and meeting.location.country == "SG"


def test_visit_to_a_country_named_as_a_place_keeps_it_as_destination() -> None:
    doc = process_text("Vietnamese Defence Minister Phan Van Giang arrived in Singapore on Friday for a visit.",
                       "en", "2025-05-30")
    visits = [e for e in doc.events if e.mode == "visit"]
    assert visits and all(v.location is not None and v.location.country == "SG" for v in visits)
    assert all(a.country != "SG" for v in visits for a in v.actors)
