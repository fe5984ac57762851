"""Withheld comment, targets of reactions, compound state names, "the government", dated objects."""

from __future__ import annotations

import pytest

from eventline.pipeline.events import process_text


def _events(text: str, lang: str, published: str):
    return process_text(text, lang, published).events


def _roles(e) -> tuple[list[str], list[str]]:
    return [a.name for a in e.actors], [a.name for a in e.recipients]


@pytest.mark.parametrize(("text", "lang"), [
    ("Australian Defence Minister Richard Marles declined to say on Monday whether Japan would join future patrols.",
     "en"),
    ("Philippine Defense Secretary Gilberto Teodoro refused to comment on Tuesday on China's new coast guard rules.",
     "en"),
    ("中国外交部发言人毛宁2日拒绝置评日本是否会加入联合巡航。", "zh"),
    ("木原稔官房長官は2日の記者会見で、日本が共同巡視に参加するかについて回答を拒否した。", "ja"),
    ("국방부 대변인은 2일 일본의 공동 순찰 참여 여부에 대해 답변을 거부했다.", "ko"),
    ("Người phát ngôn Bộ Ngoại giao Trung Quốc ngày 2/6 từ chối bình luận về việc Nhật Bản tham gia tuần tra.", "vi"),
    ("Le ministre philippin Gilberto Teodoro a refusé de commenter lundi la participation du Japon.", "fr"),
])
def test_withholding_comment_rejects_nothing(text: str, lang: str) -> None:
    assert [e.type for e in _events(text, lang, "2025-06-02") if e.type == "REJECT"] == []


def test_a_rejection_is_still_a_rejection() -> None:
    events = _events("Philippine Defense Secretary Gilberto Teodoro rejected China's proposal on Monday.", "en", "2025-06-03")
    assert [(e.type, *_roles(e)) for e in events] == [("REJECT", ["Gilberto Teodoro"], ["China"])]


def test_reaction_after_a_meeting_targets_the_states_not_the_people_of_another_sentence() -> None:
    text = ("Australian Defence Minister Richard Marles met Philippine President Ferdinand Marcos in Manila on Monday. "
            "China's foreign ministry criticised the pact, saying outside countries should not stir up trouble.")
    accuse = next(e for e in _events(text, "en", "2025-06-10") if e.type == "ACCUSE")
    assert _roles(accuse) == (["China"], ["Australia", "Philippines"])


def test_reaction_naming_a_person_by_pronoun_targets_that_person() -> None:
    text = ("Philippine Defense Secretary Gilberto Teodoro met Japanese Defense Minister Gen Nakatani in Manila on "
            "Sunday. China condemned him on Monday.")
    accuse = next(e for e in _events(text, "en", "2025-06-02") if e.type == "ACCUSE")
    assert _roles(accuse) == (["China"], ["Gilberto Teodoro"])


def test_compound_state_abbreviation_names_both_states_as_targets() -> None:
    text = ("안규백 국방부 장관과 나카타니 겐 일본 방위상은 1일 싱가포르에서 회담했다. "
            "북한은 2일 조선중앙통신을 통해 '한일 군사 결탁을 강력히 규탄한다'고 밝혔다.")
    accuse = next(e for e in _events(text, "ko", "2025-06-02") if e.type == "ACCUSE")
    assert _roles(accuse) == (["North Korea"], ["South Korea", "Japan"])


@pytest.mark.parametrize(("text", "lang", "targets"), [
    ("북한 외무성은 2일 담화를 내고 한·미 연합훈련을 강력히 규탄했다.", "ko", ["South Korea", "United States"]),
    ("Ngày 2/6, Bộ Ngoại giao Trung Quốc chỉ trích quan hệ Việt-Mỹ.", "vi", ["Vietnam", "United States"]),
    ("外交部发言人2日表示，美日两国在南海举行联合巡航，中方对此表示强烈谴责。", "zh", ["United States", "Japan"]),
])
def test_reaction_targets_the_states_its_sentence_names_together(text: str, lang: str, targets: list[str]) -> None:
    accuse = next(e for e in _events(text, lang, "2025-06-02") if e.type == "ACCUSE")
    assert sorted(_roles(accuse)[1]) == sorted(targets)


def test_direction_prefix_is_no_state() -> None:
    events = _events("일본 정부는 10일 북한 단체 4곳을 자산동결 대상에 추가했다. 이번 조치로 일본의 대북 독자제재 대상은 더 늘어났다.",
                     "ko", "2025-01-10")
    sanction = next(e for e in events if e.type == "SANCTION")
    assert _roles(sanction) == (["Japan"], ["North Korea"])


@pytest.mark.parametrize(("text", "lang", "home"), [
    ("북한은 1일 동해상으로 탄도미사일을 발사했다. 한편 정부는 북한이 추가 도발을 하면 강력히 대응하겠다고 경고했다.", "ko",
     "South Korea"),
    ("北朝鮮は1日、弾道ミサイルを発射した。政府は、北朝鮮が挑発を続ければ断固として対応すると警告した。", "ja", "Japan"),
    (("Ngày 1/6, Trung Quốc điều tàu hải cảnh tới Biển Đông. Chính phủ cảnh báo nếu Trung Quốc tiếp tục vi phạm, "
      "Việt Nam sẽ có biện pháp đáp trả."), "vi", "Vietnam"),
])
def test_the_government_without_a_state_is_the_pages_own_and_the_condition_names_the_target(
        text: str, lang: str, home: str) -> None:
    threat = next(e for e in _events(text, lang, "2025-06-02") if e.type == "THREATEN")
    assert _roles(threat)[0] == [home]
    assert _roles(threat)[1] in (["North Korea"], ["China"])


def test_a_government_named_with_its_state_is_that_state() -> None:
    threat = next(e for e in _events("북한은 1일 탄도미사일을 발사했다. 일본 정부는 북한이 추가 도발을 하면 강력히 대응하겠다고 경고했다.",
                                     "ko", "2025-06-02") if e.type == "THREATEN")
    assert _roles(threat) == (["Japan"], ["North Korea"])


def test_the_government_is_the_home_state_only_when_the_page_names_no_other_government() -> None:
    home = "북한은 1일 탄도미사일을 발사했다. 중국은 2일 정부의 대응을 강하게 비난했다."
    accuse = next(e for e in _events(home, "ko", "2025-06-02") if e.type == "ACCUSE")
    # "2일" is the 2nd of the month, no abbreviation of Japan
    assert _roles(accuse) == (["China"], ["South Korea"])
    other = "미국 정부는 1일 대만에 무기를 판매하기로 했다. 중국은 2일 정부의 대응을 강하게 비난했다."
    accuse = next(e for e in _events(other, "ko", "2025-06-02") if e.type == "ACCUSE")
    assert "South Korea" not in _roles(accuse)[1]


def test_each_party_met_on_its_own_day_is_its_own_meeting() -> None:
    text = ("Defense Secretary Pete Hegseth met Japanese Defense Minister Gen Nakatani on Monday "
            "and Philippine Defense Secretary Gilberto Teodoro on Tuesday.")
    events = sorted(_events(text, "en", "2025-06-12"), key=lambda e: e.date)
    assert [(e.type, e.mode, e.date, _roles(e)[0]) for e in events] == [
        ("CONSULT", None, "2025-06-09", ["Pete Hegseth", "Gen Nakatani"]),
        ("CONSULT", None, "2025-06-10", ["Pete Hegseth", "Gilberto Teodoro"]),
    ]


def test_one_date_for_both_parties_is_one_meeting() -> None:
    text = "Defense Secretary Pete Hegseth met Japanese Defense Minister Gen Nakatani and Philippine Defense Secretary " \
           "Gilberto Teodoro on Monday."
    events = [e for e in _events(text, "en", "2025-06-12") if e.type == "CONSULT"]
    assert len(events) == 1 and len(events[0].actors) == 3
