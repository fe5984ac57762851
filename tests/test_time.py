"""The time stage beyond the table: seeds, the stage object, the CLI helpers, offsets, properties, data."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventline.document import Document
from eventline.errors import SettingsError
from eventline.pipeline.time import (
    TimeStage, dates_records, find_times, find_times_with_unresolved, parse_date_arg,
)
from eventline.pipeline.time.lexicon import GROUPS, grammar_for, language_codes
from eventline.pipeline.time.numbers import fold_width, to_int


def _values(text: str, lang: str | None, ref: date | None) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in find_times(text, lang, ref)]


# --- the five seed pages, read as they are -------------------------------------------------------

def _seed(seed_texts: dict[str, str], prefix: str) -> str:
    return next(text for name, text in seed_texts.items() if name.startswith(prefix))


def test_seed_003_meeting_is_local_with_japan_date_as_alternative(seed_texts: dict[str, str]) -> None:
    times = find_times(_seed(seed_texts, "003"), "ja", date(2023, 1, 13))
    local = [t for t in times if t.text == "令和5年1月12日16時(現地時間)"]
    tokyo = [t for t in times if t.text == "日本時間の13日"]
    assert local and tokyo
    assert all((t.value, t.precision, t.timezone) == ("2023-01-12T16:00", "minute", "local") for t in local)
    for t in tokyo:
        assert (t.value, t.timezone) == ("2023-01-13", "Asia/Tokyo")
        assert t.alternative_of is not None and times[t.alternative_of] in local
    assert {t.value for t in times if t.text == "12日"} == {"2023-01-12"}


def test_seed_000_dates(seed_texts: dict[str, str]) -> None:
    got = _values(_seed(seed_texts, "000"), "zh", date(2025, 4, 9))
    for pair in [("3月30日", "2025-03-30"), ("3月19日", "2025-03-19"), ("2024年6月", "2024-06"),
                 ("29日", "2025-03-29"), ("2023至2027年度", "2023"), ("2025-04-09 09:54", "2025-04-09T09:54")]:
        assert pair in got
    assert not any("45" in text or "43" in text for text, _ in got)


def test_seed_001_without_publication_date(seed_texts: dict[str, str]) -> None:
    times = find_times(_seed(seed_texts, "001"), "ja", None)
    by_text = {t.text: t for t in times}
    assert by_text["2025年1月"].value == "2025-01"
    assert by_text["2025/03/22"].value == "2025-03-22"
    assert (by_text["来週"].value, by_text["来週"].end_value) == ("2025-03-24", "2025-03-30")
    assert (by_text["24日の週"].value, by_text["24日の週"].end_value) == ("2025-03-24", "2025-03-30")


def test_seed_002_relative_and_sidebar(seed_texts: dict[str, str]) -> None:
    got = _values(_seed(seed_texts, "002"), "ja", date(2024, 5, 3))
    for pair in [("5月2日", "2024-05-02"), ("2024-5-3 17:03", "2024-05-03T17:03"),
                 ("令和6(2024)年5月3日", "2024-05-03"), ("前日", "2024-05-02"), ("本年4月", "2024-04"),
                 ("令和7年8月1日", "2025-08-01"), ("10月13日〜11月15日", "2023-10-13"), ("10日", "2023-11-10")]:
        assert pair in got
    assert not any(text.startswith("24時") for text, _ in got)


def test_seed_004_needs_a_reference(seed_texts: dict[str, str]) -> None:
    text = _seed(seed_texts, "004")
    times, unresolved = find_times_with_unresolved(text, "vi", None)
    assert times == []
    assert {u.text for u in unresolved} >= {"tháng 4", "tháng 3 năm sau"}
    assert ("tháng 3 năm sau", "2025-03") in _values(text, "vi", date(2024, 7, 28))
    assert ("tháng 4", "2024-04") in _values(text, "vi", date(2024, 7, 28))


# --- offsets, the stage, the CLI helpers ---------------------------------------------------------

def test_offsets_point_into_the_original_text_with_full_width_digits() -> None:
    text = "見出し\n２０２５年３月３０日、会談。"
    (t,) = find_times(text, "ja", None, start_offset=100)
    assert text[t.start - 100:t.end - 100] == t.text == "２０２５年３月３０日"


def test_time_stage_sets_times_and_notes_unresolved() -> None:
    doc = Document(id="d", path="p", raw="", text="Hội nghị vào tháng 4. Ngày 2/4/2025 đoàn đến.", language="vi")
    out = TimeStage()(doc)
    assert TimeStage.name == "time"
    assert [(t.text, t.value) for t in out.times] == [("Ngày 2/4/2025", "2025-04-02")]
    assert any("unresolved" in n and "tháng 4" in n for n in out.notes)
    doc2 = Document(id="e", path="p", raw="", text="Hội nghị vào tháng 4.", language="vi", published="2024-07-28")
    assert [(t.value) for t in TimeStage()(doc2).times] == ["2024-04"]


def test_parse_date_arg() -> None:
    assert parse_date_arg("2025-03-30") == date(2025, 3, 30)
    for bad in ("2025/03/30", "30-03-2025", "2025-02-30", "", "yesterday"):
        with pytest.raises(SettingsError, match="YYYY-MM-DD"):
            parse_date_arg(bad)


def test_dates_records_follow_the_contract() -> None:
    (rec,) = dates_records("会談は日本時間の13日に行われた。", "ja", date(2023, 1, 13))
    assert rec == {"text": "日本時間の13日", "start": 3, "end": 11, "value": "2023-01-13",
                   "precision": "day", "timezone": "Asia/Tokyo"}


def test_direction_is_recorded() -> None:
    past, = find_times("15日に会談した。", "ja", date(2025, 4, 9))
    future, = find_times("15日に会談する予定だ。", "ja", date(2025, 4, 9))
    absolute, = find_times("2025年4月15日に会談した。", "ja", date(2025, 4, 9))
    assert (past.direction, future.direction, absolute.direction) == ("past", "future", "absolute")


# --- properties ----------------------------------------------------------------------------------

FULL_FORMS = {
    "ja": "{y}年{m}月{d}日に会談した。",
    "zh": "{y}年{m}月{d}日,双方举行了会谈。",
    "ko": "{y}년 {m}월 {d}일 회담했다.",
    "vi": "Ngày {d}/{m}/{y}, hai bên đã hội đàm.",
    "en": "The ministers met on {month} {d}, {y}.",
}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


@settings(max_examples=60, deadline=None)
@given(day=st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)),
       lang=st.sampled_from(sorted(FULL_FORMS)),
       ref=st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)))
def test_full_dates_read_back_whatever_the_reference(day: date, lang: str, ref: date) -> None:
    text = FULL_FORMS[lang].format(y=day.year, m=day.month, d=day.day, month=MONTHS[day.month - 1])
    assert [t.value for t in find_times(text, lang, ref)] == [day.isoformat()]


@settings(max_examples=60, deadline=None)
@given(ref=st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)),
       back=st.integers(min_value=0, max_value=25))
def test_a_bare_day_in_a_report_is_the_latest_such_day_not_after_the_reference(ref: date, back: int) -> None:
    target = ref - timedelta(days=back)
    (t,) = find_times(f"{target.day}日に会談した。", "ja", ref)
    assert t.value == target.isoformat() and t.direction == "past"


@settings(max_examples=40, deadline=None)
@given(ref=st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)))
def test_relative_words_agree_across_languages(ref: date) -> None:
    yesterday = (ref - timedelta(days=1)).isoformat()
    for text, lang in [("昨日", "ja"), ("昨天", "zh"), ("어제", "ko"), ("hôm qua", "vi"), ("yesterday", "en")]:
        assert [t.value for t in find_times(text, lang, ref)] == [yesterday]


@given(st.integers(min_value=1, max_value=99))
def test_kanji_numerals(n: int) -> None:
    digits = "〇一二三四五六七八九"
    tens, ones = divmod(n, 10)
    kanji = (("" if tens == 1 else digits[tens]) + "十" if tens else "") + (digits[ones] if ones else "")
    ja = {ch: i for i, ch in enumerate(digits)}
    assert to_int(kanji, ja, {"十": 10}) == n


def test_fold_width_keeps_length() -> None:
    text = "２０２５／３／３０（日）　１６：００"
    assert len(fold_width(text)) == len(text) and fold_width(text) == "2025/3/30(日) 16:00"


# --- language data -------------------------------------------------------------------------------

def test_every_language_file_compiles() -> None:
    assert {"en", "ja", "zh", "ko", "vi"} <= set(language_codes())
    for code in [*language_codes(), None, "fr"]:
        gram = grammar_for(code)
        assert gram.alternatives
        for alt in gram.alternatives.values():
            assert set(alt.groups) <= set(GROUPS)
            assert alt.role in ("date", "time", "weekday")


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("0123456789０１２年月日時分間週前後(（)）/-.:～〜 令和元平成民國昨来先本今上下个月周号点半午後前日本時間現地当地时间ngàytháng năm Monday March last week 오는 지난 일 월 년 시")), max_size=60),
       lang=st.sampled_from(["ja", "zh", "ko", "vi", "en", None]),
       ref=st.one_of(st.none(), st.dates(min_value=date(1901, 3, 1), max_value=date(2099, 10, 31))))
def test_never_raises_and_spans_are_exact(text: str, lang: str | None, ref: date | None) -> None:
    for t in find_times(text, lang, ref):
        assert text[t.start:t.end] == t.text
        assert len(t.value) in (4, 7, 10, 16)
