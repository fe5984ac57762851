"""Conditional threats, forum names, places left, protesters, state organs and -고 clauses (docs/EVENTS.md)."""

from __future__ import annotations

import pytest

from eventline.pipeline.events import process_text
from eventline.pipeline.events.lexicon import lexicon


def _coded(text: str, lang: str, published: str) -> list[tuple]:
    doc = process_text(text, lang, published)
    return [(e.type, e.date, e.status, sorted(a.name for a in e.actors), sorted(a.name for a in e.recipients))
            for e in doc.events]


@pytest.mark.parametrize(("text", "lang"), [
    ("外交部发言人毛宁4日表示，如果日方一意孤行，中方将采取坚决反制措施。", "zh"),
    ("China's foreign ministry said on Monday that it would retaliate if Japan went ahead with the deployment.", "en"),
    ("中国外務省の報道官は4日、日本が配備を強行すれば対抗措置を取ると述べた。", "ja"),
    ("Ngày 4/3, Bộ Ngoại giao Trung Quốc tuyên bố nếu Nhật Bản tiếp tục triển khai, Trung Quốc sẽ có biện pháp đáp trả.", "vi"),
])
def test_a_retaliation_promised_under_a_condition_is_a_threat(text: str, lang: str) -> None:
    assert _coded(text, lang, "2024-03-05") == [("THREATEN", "2024-03-04", "occurred", ["China"], ["Japan"])]


def test_a_korean_conditional_threat_is_dated_on_the_day_it_was_made() -> None:
    # the future ending after the warning made "4일" read as next month's 4th
    assert _coded("북한 외무성은 4일 한국이 훈련을 계속하면 대응 조치를 취하겠다고 밝혔다.", "ko", "2024-03-05") == [
        ("THREATEN", "2024-03-04", "occurred", ["North Korea"], ["South Korea"])]


@pytest.mark.parametrize(("text", "lang"), [
    ("Marles attended the Shangri-La Dialogue in Singapore on Saturday.", "en"),
    ("マールズ氏は1日、シンガポールで開かれたシャングリラ・ダイアローグに出席した。", "ja"),
    ("马尔斯1日出席了在新加坡举行的香格里拉对话会。", "zh"),
])
def test_a_forum_named_or_attended_is_no_meeting(text: str, lang: str) -> None:
    assert [e for e in process_text(text, lang, "2025-06-02").events if e.type == "CONSULT"] == []


def test_a_meeting_on_the_sidelines_of_a_forum_is_still_a_meeting() -> None:
    coded = _coded("Richard Marles met Gen Nakatani on the sidelines of the Shangri-La Dialogue in Singapore on Saturday.",
                   "en", "2025-06-01")
    assert coded == [("CONSULT", "2025-05-31", "occurred", ["Gen Nakatani", "Richard Marles"], [])]


def test_the_place_left_is_not_the_destination() -> None:
    doc = process_text("Defense Secretary Lloyd Austin arrived in Phnom Penh on Tuesday from Singapore.", "en", "2024-06-05")
    assert [(e.type, e.mode, e.location.name if e.location else None) for e in doc.events] == [
        ("CONSULT", "visit", "Phnom Penh")]
    assert lexicon("ja").is_source("シンガポールからハノイ入り", 0, len("シンガポール"))
    assert lexicon("vi").is_source("tới hà nội từ singapore", len("tới hà nội từ "), len("tới hà nội từ singapore"))


def test_protesters_are_a_group_of_their_state_and_target_the_state_they_oppose() -> None:
    coded = _coded("About 200 protesters rallied outside the Chinese embassy in Manila on Friday.", "en", "2025-07-19")
    assert coded == [("PROTEST", "2025-07-18", "occurred", ["Filipino protesters"], ["China"])]
    # the press's own country when no place is named; what the protest opposes is no ACCUSE
    coded = _coded("29日、陸上自衛隊の部隊配備に反対する住民ら約100人が抗議集会を開いた。", "ja", "2025-03-30")
    assert coded == [("PROTEST", "2025-03-29", "occurred", ["Japanese protesters"], ["Japan"])]


def test_a_coast_guard_acts_for_its_state() -> None:
    coded = _coded("中国海警船15日在仁爱礁附近对菲律宾补给船使用水炮。", "zh", "2025-07-16")
    assert coded == [("ASSAULT", "2025-07-15", "occurred", ["China"], ["Philippines"])]


def test_korean_clauses_joined_by_go_are_two_acts_with_one_subject() -> None:
    coded = _coded("북한 국방성은 16일 담화를 내고 한미일 연합훈련 '프리덤 에지'에 대해 \"압도적인 대응\"을 경고했다.",
                   "ko", "2024-11-17")
    assert coded[0][:4] == ("THREATEN", "2024-11-16", "occurred", ["North Korea"])
    lex = lexicon("ko")
    text = "중국 해경선이 물대포를 쏘고 선원을 억류했다. 방한하고 싶다고 밝혔다."
    # split after -고 of an act, not after a wish ("하고 싶다") or a quote ("…다고 밝혔다")
    assert [text[a:b] for a, b in lex.spans(lex.clause_re, text, 0, len(text))] == [
        "중국 해경선이 물대포를 쏘고", "선원을 억류했다. 방한하고 싶다고 밝혔다."]


def test_a_deployment_has_no_target() -> None:
    coded = _coded("U.S. Marines deployed a NMESIS anti-ship missile system to the Batanes islands on Monday.",
                   "en", "2025-04-22")
    assert coded == [("MOBILIZE", "2025-04-21", "occurred", ["United States"], [])]


def test_four_ministers_of_a_2plus2_are_its_parties() -> None:
    text = ("미일 외교·국방장관(2+2) 회의가 28일 도쿄에서 열렸다. 회의에는 블링컨 국무장관과 오스틴 국방장관, "
            "가미카와 요코 외무상, 기하라 미노루 방위상이 참석했다.")
    doc = process_text(text, "ko", "2024-07-29")
    parties = {a.name for e in doc.events for a in e.actors}
    assert {"Antony Blinken", "Lloyd Austin", "Yoko Kamikawa", "Minoru Kihara"} <= parties
    assert all(e.mode is None for e in doc.events)
