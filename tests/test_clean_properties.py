"""Properties of the cleaner on generated pages: it never invents text, cleaning is idempotent,
and removals quote the raw text exactly.

Pages are built from realistic pieces (seed-like article lines, furniture cues, dates, URLs,
doubled phrases) mixed with arbitrary Unicode, so the rules themselves get exercised.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventline.pipeline.clean import clean_text

PIECES = [
    "両閣僚は、抑止力を維持し、地元への抑止力を維持し、地元への影響を影響を軽減する観点から、軽減する観点から、",
    "防衛省は3日、日米防衛相会談の概要を発表した。",
    "据美国海军协会网站(USNI)报道,3月30日,美国国防部长与日本防卫相在东京举行会谈。",
    "The defence ministers met in Tokyo on Sunday and agreed to deepen cooperation, officials said.",
    "Thông báo này được đưa ra sau các cuộc đàm phán an ninh tại Tokyo.",
    "한일 외교장관이 6일 서울에서 회담을 열고 셔틀외교를 지속하기로 했다.",
    "最新文章", "推荐文章", "Ranking読まれている記事", "Tin liên quan", "관련기사", "Related", "Read more",
    "- 人事発令 11月28日付け、1佐人事(海自3名)", "1. Stocks rally as inflation cools",
    "分享好友 最新资讯首页 最新资讯分类 切换频道", "Share on Facebook", "© 2025 Reuters. All rights reserved.",
    "2025-04-09 09:54", "公開日:2025/03/22", "17:24 JST, March 30, 2025", "2024-5-3 17:03",
    "2023年1月13日のNHKニュースより転載", "Nguồn: https://www.congluan.vn/a-post1.html",
    "さらに読む ⇒時事ドットコム出典/画像元: https://www.jiji.com/jc/article?k=1&g=int硫黄島は特別な場所です。",
    "https://www3.nhk.or.jp/news/html/20230113/k10013948441000.html", "Ngọc Ánh (theo Japan Times, Reuters)",
    "", " ", "\t", "\u3000", "……", "人人", "哈哈哈哈",
]

line = st.one_of(
    st.sampled_from(PIECES),
    st.text(max_size=40),
    st.builds(lambda a, b: a + b, st.sampled_from(PIECES), st.sampled_from(PIECES)),
)
page = st.builds(
    lambda lines, seps: "".join(l + s for l, s in zip(lines, seps)),
    st.lists(line, min_size=0, max_size=25),
    st.lists(st.sampled_from(["\n", "\n\n", "\r\n", "\r", "\u2028", " \n", "\n\x00\n"]), min_size=25, max_size=25),
)
page_twice = page.map(lambda p: p + "\n" + p)

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _is_subsequence_except_newlines(out: str, raw: str) -> bool:
    """Every character of `out` except the "\\n" joins occurs in `raw`, in the same order."""
    pos = 0
    for ch in out:
        if ch == "\n":
            continue
        pos = raw.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


@SETTINGS
@given(st.one_of(page, page_twice))
def test_never_invents_text(raw: str) -> None:
    result = clean_text(raw)
    assert _is_subsequence_except_newlines(result.text, raw)
    assert "\n\n\n" not in result.text and result.text == result.text.strip()


@SETTINGS
@given(st.one_of(page, page_twice))
def test_cleaning_twice_equals_cleaning_once(raw: str) -> None:
    once = clean_text(raw)
    twice = clean_text(once.text)
    assert twice.text == once.text


@SETTINGS
@given(page)
def test_removals_quote_the_raw_text(raw: str) -> None:
    result = clean_text(raw)
    for removal in result.removed:
        assert 0 <= removal.start < removal.end <= len(raw)
        assert raw[removal.start:removal.end] == removal.text
