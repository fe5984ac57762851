"""The cleaner on the five real scraped pages: what must go, what must stay, what is read."""

from __future__ import annotations

import pytest

from eventline.pipeline.clean import clean_text

S000, S001, S002, S003, S004 = (
    "000_ae6cae07903ce697.txt", "001_9d484df4b67217fb.txt", "002_4cde32165780ecdc.txt",
    "003_02232067b5b04c88.txt", "004_c42e92ba5ae50608.txt",
)


@pytest.fixture(scope="module")
def cleaned(seed_texts):
    return {name: clean_text(text) for name, text in seed_texts.items()}


def test_000_keeps_the_article_and_drops_the_sidebars(cleaned):
    r = cleaned[S000]
    assert "最新文章" not in r.text and "推荐文章" not in r.text
    assert "世界杯八强诞生" not in r.text and "逼近9.4万美元" not in r.text
    assert "分享好友" not in r.text
    assert r.text.startswith("据美国海军协会网站(USNI)报道,3月30日,美国国防部长赫格塞思")
    assert r.text.count("据美国海军协会网站(USNI)报道") == 1  # the truncated teaser is gone
    assert r.text.endswith("29日,中谷元和赫格塞思还同石破茂一同出席了在硫磺岛举行的美日联合悼念仪式。")
    reasons = {x.reason for x in r.removed}
    assert {"sidebar:latest-articles", "sidebar:recommended", "date-line"} <= reasons


def test_000_metadata(cleaned):
    r = cleaned[S000]
    assert (r.published, r.published_time, r.published_from) == ("2025-04-09", "09:54", "text:2025-04-09 09:54")
    assert r.title is None  # the page starts with its lead paragraph
    assert {"USNI News", "Kyodo", "CNN"} <= set(r.cited_sources)
    assert r.cited_sources[0] == "USNI News"


def test_001_keeps_three_items_and_turns_read_more_lines_into_sources(cleaned):
    r = cleaned[S001]
    for summary in (
        "✅ アメリカのヘグセス国防長官が日本を訪問し、中谷防衛大臣と会談を行う。",
        "✅ 米国防長官が来週から日本、フィリピンなどを訪問し、太平洋戦争の激戦地だった硫黄島の日米合同慰霊式に出席する。",
        "✅ 米国防長官が来週、フィリピンと日本を歴訪することが発表された。",
    ):
        assert summary in r.text
    assert "さらに読む" not in r.text and "https://" not in r.text and "出典/画像元" not in r.text
    # the text printed right after each link stays, on its own line
    assert "\n防衛費増額の具体的な言及は避けられたものの、日本自身の防衛力強化について説明があったのは重要ですね。" in r.text
    assert "\n在日米軍関連など、安全保障に関する様々な課題が議論される見込みということですね。" in r.text
    assert [x.reason for x in r.removed].count("seo:read-more-link") == 3
    assert "TBS" in r.cited_sources and "Jiji" in r.cited_sources and "nordot" in r.cited_sources
    assert "docomo dmenu news" in r.cited_sources
    assert r.title.startswith("日米同盟強化は?中谷防衛大臣とヘグセス米国防長官")


def test_001_item_dates_are_not_the_page_date(cleaned):
    r = cleaned[S001]
    assert r.published is None
    assert any("date the items" in note for note in r.notes)
    assert "公開日" not in r.text


def test_002_drops_the_ranking_and_repairs_doubled_phrases(cleaned, seed_texts):
    r = cleaned[S002]
    assert "Ranking" not in r.text and "人事発令" not in r.text and "24時間" not in r.text
    assert (
        "両閣僚は、抑止力を維持し、地元への影響を軽減する観点から、普天間飛行場の辺野古移設及び返還を含む"
        "米軍再編計画の着実な進展のため、引き続き日米間で緊密に協力していくことで一致した。"
    ) in r.text
    assert (
        "また、両閣僚は、在日米軍の安定的な駐留と日々の活動には、地域社会の協力が重要であることで一致し、"
        "地元との強固な関係を後押しすることを含め引き続き連携していくことを確認した。"
    ) in r.text
    assert "影響を影響を" not in r.text
    # legitimate repetition survives: every "両閣僚は、" of the page is still there
    assert r.text.count("両閣僚は、") == seed_texts[S002].count("両閣僚は、") == 9
    assert r.title == "日米防衛相会談(5月2日、ハワイ)の概要を発表"
    assert (r.published, r.published_time) == ("2024-05-03", "17:03")


def test_003_article_printed_twice_is_kept_once(cleaned, seed_texts):
    r = cleaned[S003]
    assert seed_texts[S003].count("会談は日本時間の13日にアメリカの国防総省で行われ") == 2
    assert r.text.count("会談は日本時間の13日にアメリカの国防総省で行われ") == 1
    assert r.text.count("令和5年1月12日16時(現地時間)から60分間") == 1
    assert r.text.count("[日米防衛相会談] 1月12日、「反撃能力」運用の集中議論確認") == 1
    assert "この記事へのコメント" not in r.text
    assert any(x.reason == "repeat:whole-article" for x in r.removed)
    assert r.published == "2023-01-13"
    assert r.published_from == "text:2023年1月13日のNHKニュースより転載"
    assert {"NHK", "Ministry of Defense (Japan)"} <= set(r.cited_sources)


def test_004_sources_and_byline(cleaned):
    r = cleaned[S004]
    assert r.cited_sources[:2] == ["Japan Times", "Reuters"]
    assert r.author == "Ngọc Ánh"
    assert r.published is None
    assert "Nguồn:" not in r.text
    assert r.text.endswith("cũng như cùng nhau phát triển và sản xuất các loại vũ khí tiên tiến khác.")


def test_removals_are_exact_and_complete(seed_texts, cleaned):
    """Each removal quotes the raw text at its offsets; together with the kept text they cover
    every visible character of the raw page."""
    for name, raw in seed_texts.items():
        r = cleaned[name]
        covered = [False] * len(raw)
        for x in r.removed:
            assert raw[x.start:x.end] == x.text and x.text.strip(), (name, x)
            for i in range(x.start, x.end):
                covered[i] = True
        kept_chars = sum(1 for ch in r.text if not ch.isspace())
        removed_chars = sum(1 for i, ch in enumerate(raw) if covered[i] and not ch.isspace())
        visible = sum(1 for ch in raw if not ch.isspace())
        assert kept_chars + removed_chars == visible, name


def test_cleaning_the_seeds_twice_changes_nothing(cleaned):
    for name, r in cleaned.items():
        again = clean_text(r.text)
        assert again.text == r.text, name
        assert again.removed == [], name
