"""The coding conventions of docs/EVENTS.md, on hand-built mentions: what is folded, what is dropped."""

from __future__ import annotations

from eventline.pipeline.events.consolidate import fold_into_meetings

from test_events_helpers import actor, em

HEGSETH = actor("Pete Hegseth", "US", id_="Q1")
NAKATANI = actor("Gen Nakatani", "JP", id_="Q3")
ISHIBA = actor("Shigeru Ishiba", "JP", id_="Q5")
JAPAN = actor("Japan", "JP", "country", id_="country:JP")
US = actor("United States", "US", "country", id_="country:US")
CHINA = actor("China", "CN", "country", id_="country:CN")


def test_agreement_and_support_between_the_parties_on_the_day_are_folded() -> None:
    meeting = em("CONSULT", "2025-03-30", [HEGSETH, NAKATANI])
    agree = em("AGREE", "2025-03-30", [HEGSETH, NAKATANI], start=20)
    states = em("AGREE", "2025-04-09", [JAPAN, US], start=40, confidence=0.5)  # undated clause of the article
    support = em("SUPPORT", "2025-03-30", [HEGSETH], recipients=[JAPAN], start=60)
    kept, folded = fold_into_meetings([meeting, agree, states, support])
    assert kept == [meeting] and folded == 3


def test_agreement_with_someone_else_or_another_day_or_against_a_third_state_stays() -> None:
    meeting = em("CONSULT", "2025-03-30", [HEGSETH, NAKATANI])
    other_people = em("AGREE", "2025-03-30", [HEGSETH, ISHIBA], start=20)
    other_day = em("AGREE", "2025-03-20", [HEGSETH, NAKATANI], start=40)
    accuse = em("ACCUSE", "2025-03-30", [HEGSETH, NAKATANI], recipients=[CHINA], start=60)
    support_third = em("SUPPORT", "2025-03-30", [HEGSETH], recipients=[CHINA], start=80)
    kept, folded = fold_into_meetings([meeting, other_people, other_day, accuse, support_third])
    assert folded == 0 and len(kept) == 5


def test_without_a_meeting_an_agreement_is_an_event() -> None:
    agree = em("AGREE", "2024-07-08", [actor("Yoko Kamikawa", "JP"), actor("Gilberto Teodoro", "PH")])
    assert fold_into_meetings([agree]) == ([agree], 0)
