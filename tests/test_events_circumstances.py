""""With X's consent" is a circumstance of another act, not an agreement event (events.yaml
`circumstances`); an agreement reported as such still is one."""

from __future__ import annotations

import pytest

from eventline.pipeline.events import code_text, process_text


@pytest.mark.parametrize("lang, text", [
    ("zh", "在日本同意下,拜登政府于2024年6月宣布了将驻日美军升级为联合作战司令部的计划。"),
    ("zh", "在菲律宾政府的同意下，美军于3月在吕宋岛部署了导弹系统。"),
    ("ja", "米政府は2024年6月、日本の同意の下で在日米軍の司令部を強化する計画を発表した。"),
    ("en", "With the consent of Japan, the Biden administration announced in June 2024 a plan to upgrade US Forces Japan."),
    ("vi", "Với sự đồng ý của Nhật Bản, chính quyền Biden tháng 6/2024 công bố kế hoạch nâng cấp lực lượng Mỹ tại Nhật."),
])
def test_consent_as_a_circumstance_is_no_agreement(lang: str, text: str) -> None:
    assert not [e for e in code_text(text, lang, "2025-04-09") if e.type == "AGREE"]


def test_an_agreement_is_still_an_agreement() -> None:
    events = code_text("日本和菲律宾8日在马尼拉同意加强海上安全合作。", "zh", "2025-04-09")
    assert [e.type for e in events if e.type == "AGREE"] == ["AGREE"]


def test_seed_000_consent_clause_gives_no_agreement(seed_texts) -> None:
    doc = process_text(seed_texts["000_ae6cae07903ce697.txt"])
    assert not [e for e in doc.events if e.type == "AGREE" and "同意下" in e.source.quote]
