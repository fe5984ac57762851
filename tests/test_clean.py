"""The cleaner's rules on real-looking pages in several languages, bad input, and the stage."""

from __future__ import annotations

from eventline import lang
from eventline.document import Document
from eventline.pipeline.clean import CleanStage, clean_text
from eventline.pipeline.clean.core import NO_ARTICLE
from eventline.pipeline.clean.outlets import outlets_in_text, outlets_in_url
from eventline.pipeline.clean.repeats import doubled_spans

KO_PAGE = """홈 > 정치 > 외교
한일 국방장관 회담…초계기 갈등 재발 방지 합의
입력 2024.06.01 21:05
(싱가포르=연합뉴스) 김철수 기자 = 한일 국방장관이 1일 싱가포르에서 회담을 열고 2018년 초계기 갈등의 재발 방지책에 합의했다.
양 장관은 북한의 핵·미사일 위협에 맞서 한미일 안보 협력을 강화하기로 했다.
교도통신에 따르면 회담은 약 40분간 진행됐다.
김철수 기자 cskim@yna.co.kr
관련기사
북한, 탄도미사일 발사…동해상 낙하
<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>
"""

EN_PAGE = """Skip to main content
Japan, Britain and Italy launch fighter jet agency
By Anna Lee
17:24 JST, March 30, 2025
LONDON (Reuters) - Japan, Britain and Italy launched an international agency on Friday to manage the joint development of a next-generation fighter jet, officials said.
The agency will be based in Britain and led initially by a Japanese official.
The three countries aim to deploy the jet from 2035, according to the Nikkei.
Share on Facebook
Read more: Italy boosts defence budget
Most read
1. Stocks rally as inflation cools
2. Heatwave grips southern Europe
3. Tech giant unveils new phone
© 2025 Reuters. All rights reserved.
"""


def test_languages_with_cleaning_data():
    assert {"en", "ja", "zh", "ko", "vi"} <= set(lang.languages("clean"))


def test_korean_page():
    r = clean_text(KO_PAGE)
    assert r.text.splitlines()[0] == "한일 국방장관 회담…초계기 갈등 재발 방지 합의"
    assert "(싱가포르=연합뉴스) 김철수 기자 = 한일 국방장관이" in r.text
    assert "관련기사" not in r.text and "저작권자" not in r.text and "cskim@" not in r.text
    assert "북한, 탄도미사일" not in r.text
    assert (r.published, r.published_time) == ("2024-06-01", "21:05")
    assert r.author == "김철수"
    assert r.cited_sources[:2] == ["Yonhap", "Kyodo"]


def test_english_page():
    r = clean_text(EN_PAGE)
    lines = r.text.splitlines()
    assert lines[0] == "Japan, Britain and Italy launch fighter jet agency"
    assert lines[-1].startswith("The three countries aim to deploy the jet from 2035")
    assert len(lines) == 4
    assert (r.published, r.published_time) == ("2025-03-30", "17:24")
    assert r.author == "Anna Lee"
    assert r.title == "Japan, Britain and Italy launch fighter jet agency"
    assert r.cited_sources == ["Reuters", "Nikkei"]
    reasons = [x.reason for x in r.removed]
    assert reasons == ["nav", "byline", "date-line", "share-prompt", "seo:read-more-link", "ranking"]


def test_pure_link_list_is_kept_with_a_note_and_no_text():
    page = "最新文章\n世界杯八强诞生 摩洛哥成最大黑马\n26000点了,A股缺什么?\n新学期,新气象\n"
    r = clean_text(page)
    assert r.text == "" and NO_ARTICLE in r.notes
    headlines = "Stocks rally as inflation cools\nHeatwave grips southern Europe\nTech giant unveils new phone\n"
    r = clean_text(headlines)
    assert r.text == "" and NO_ARTICLE in r.notes
    assert {x.reason for x in r.removed} == {"no-article"}


def test_mixed_language_page_keeps_every_paragraph():
    page = (
        "防衛省は3日、日米防衛相会談の概要を発表した。両氏は同盟の抑止力を強化することで一致した。\n\n"
        "The two ministers agreed to strengthen the alliance's deterrence, the ministry said on Friday.\n\n"
        "Hai bộ trưởng nhất trí tăng cường khả năng răn đe của liên minh, Bộ Quốc phòng cho biết.\n"
    )
    r = clean_text(page)
    assert r.text == page.strip()
    assert r.removed == []


def test_legitimate_repetition_is_not_repaired():
    texts = (
        "両閣僚は、会談した。両閣僚は、一致した。",
        "人人都说好,哈哈哈哈哈哈,一步一步来。",
        "It was a very very long day for the negotiators in Tokyo.",
        "Số liệu năm 20242024 và mã 1111 vẫn không thay đổi trong báo cáo; cứ từ từ mà đi.",
        "日米日米の協力",
    )
    for text in texts:
        assert doubled_spans(text) == [], text
    page = "\n".join(texts) + "\n日米両政府は同盟の抑止力と対処力を一層強化していくことで一致した。\n"
    assert clean_text(page).text == page.strip()


def test_doubled_phrase_repair_in_latin_text():
    line = "The ministers agreed to deepen cooperation the ministers agreed to deepen cooperation on missiles."
    assert clean_text(line).text == line  # different case: not the same words printed twice
    line = "The ministers agreed to deepen cooperation The ministers agreed to deepen cooperation on missiles."
    assert clean_text(line).text == "The ministers agreed to deepen cooperation on missiles."


def test_pathological_inputs_do_not_crash():
    assert clean_text("").text == ""
    assert clean_text(" \n\t\n\u3000  \r\n").text == ""
    r = clean_text("防衛省は\x00発表\x07した。" * 20 + "\ud800\ufeff")
    assert "\x00" not in r.text and "\ud800" not in r.text and r.notes
    long_line = "日米同盟の抑止力を強化する。" * 80_000  # ~1.1 million characters on one line
    r = clean_text(long_line)
    assert len(r.text) > 1_000_000
    mojibake = "æ—¥ç±³é˜²è¡›ç›¸ä¼šè«‡ Ã©tÃ© ï¿½ï¿½ " * 50
    clean_text(mojibake)
    clean_text("\r" * 10_000 + "a" + "\u2028" * 100)
    clean_text("<<<>>>" * 1000 + "\n" + "http://" * 500)


def test_outlet_normalisation():
    assert outlets_in_url("https://topics.smt.docomo.ne.jp/article/tbs/world/tbs-1805382") == ["docomo dmenu news", "TBS"]
    assert outlets_in_url("https://www.mod.go.jp/j/approach/anpo/2023/0113a_usa-j.html") == ["Ministry of Defense (Japan)"]
    assert outlets_in_url("https://news.example.org/a/1") == ["news.example.org"]
    assert {n for _, n in outlets_in_text("据美国海军协会网站(USNI)报道")} == {"USNI News"}
    assert outlets_in_text("APEC summit") == []
    assert [n for _, n in outlets_in_text("共同", whole_span=True)] == ["Kyodo"]
    assert outlets_in_text("日米共同訓練") == []


def test_stage_keeps_container_metadata():
    raw = "Japan, US agree on missiles\n2025-03-30 17:24\nThe defence ministers agreed on Sunday to expand missile production in Japan, officials said.\n"
    doc = Document(id="d1", path="a.txt", raw=raw, title="Container title", published="2025-03-31",
                   published_from="container")
    out = CleanStage()(doc)
    assert out.text.endswith("officials said.") and "2025-03-30" not in out.text
    assert (out.title, out.published, out.published_from) == ("Container title", "2025-03-31", "container")
    doc = Document(id="d2", path="b.txt", raw=raw)
    out = CleanStage()(doc)
    assert (out.title, out.published, out.published_time) == ("Japan, US agree on missiles", "2025-03-30", "17:24")
    assert out.published_from == "text:2025-03-30 17:24"
    assert CleanStage.name == "clean"


def test_stage_on_html_uses_the_page_metadata():
    html = (
        "<html><head><title>Talks</title><meta name='author' content='Jane Doe'>"
        "<meta property='article:published_time' content='2025-03-30T17:24:00+09:00'></head><body>"
        "<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav><article><h1>Japan and US hold talks</h1>"
        "<p>The defence ministers met in Tokyo on Sunday and agreed to deepen cooperation, officials said.</p>"
        "<p>They also discussed the upgrade of the U.S. command in Japan.</p></article>"
        "<footer>© 2025 Example News</footer></body></html>"
    )
    doc = CleanStage()(Document(id="h", path="a.html", raw=html, format="html"))
    assert "The defence ministers met in Tokyo on Sunday" in doc.text and "Home" not in doc.text
    assert (doc.published, doc.published_from, doc.author) == ("2025-03-30", "html:meta", "Jane Doe")
    assert any(note.startswith("html:") for note in doc.notes)


def test_markup_that_reaches_the_cleaner_is_extracted_like_the_readers_do():
    from eventline.document import Document
    from eventline.pipeline.clean import CleanStage

    html = ("<html><head><title>Ministers meet in Hanoi</title>"
            '<meta property="article:published_time" content="2024-07-02T09:00:00+07:00"></head>'
            "<body><nav>Home | World | Sport</nav><article><p>Vietnamese Defence Minister Phan Van Giang "
            "met his Japanese counterpart in Hanoi on Monday to discuss maritime security.</p>"
            "<p>The two sides agreed to hold annual talks and expand training exchanges.</p></article>"
            "</body></html>")
    doc = CleanStage()(Document(id="h", path="page.html", raw=html, format="html"))
    assert "met his Japanese counterpart in Hanoi" in doc.text and "<p>" not in doc.text
    assert doc.published == "2024-07-02" and doc.published_from == "html:meta"
    assert doc.title == "Ministers meet in Hanoi"
    assert "html: main text extracted; removal offsets refer to that text" in doc.notes
