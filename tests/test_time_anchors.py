"""Item date lines of aggregator pages: removed by the cleaner, used by the time stage as anchors.

A curation page quotes several news items, each under its own "公開日:2025/03/22" or
"Published: March 22, 2025" line. Cleaning removes those lines as furniture; their positions in
the cleaned text follow from the removals (cleaning only deletes), and the partial dates of each
item count from its own line, not from a month named in the page header.
"""

from __future__ import annotations

from datetime import date

from eventline.document import Removal
from eventline.pipeline.clean.offsets import kept_offset
from eventline.pipeline.events import process_text
from eventline.pipeline.merge import merge_events
from eventline.pipeline.time import date_line_anchors, find_times

JA_PAGE = """日米防衛相会談の行方まとめ
2024年11月、木原防衛相とオースティン米国防長官が電話会談を行った。
日米の防衛協力、今後の焦点は
公開日:2025/02/14

✅ 米国防長官が来週、日本を訪問することが発表された。
防衛省によると、オースティン長官は18日の週に来日し、木原防衛相と会談する予定だ。
日米協議の日程
公開日:2025/03/03

✅ 日米の外務・防衛当局は5日に東京で事務レベル協議を行う。
"""

EN_PAGE = """Defence diplomacy roundup: what to watch this spring
In January 2025, Nakatani and Hegseth held a first phone call.
Published: March 3, 2025

Japanese and US officials will hold working-level talks in Tokyo on Wednesday.
Published: March 22, 2025

The Pentagon said Hegseth will travel to Japan and the Philippines in the week of the 24th.
"""


def test_kept_offset_counts_only_the_kept_characters_before_a_position() -> None:
    raw = "Header\nDate: 2025-03-22\nBody text here.\nRead more: x\nEnd."
    removed = [Removal(7, 23, "date-line"), Removal(40, 52, "seo:read-more-link")]
    assert kept_offset(removed, 0) == 0
    assert kept_offset(removed, 7) == 7  # where the removed line stood
    assert kept_offset(removed, 15) == 7  # inside a removed piece: where it was
    assert kept_offset(removed, 24) == 24 - 16
    assert kept_offset(removed, len(raw)) == len(raw) - 16 - 12
    assert kept_offset(list(reversed(removed)), 24) == 8  # order does not matter
    assert kept_offset([Removal(7, 23, "a"), Removal(10, 20, "b")], 30) == 30 - 16  # overlaps once


def test_find_times_counts_partial_dates_from_the_item_date_line() -> None:
    text = "2025年1月、電話会談。\n防衛相は24日の週に来日します。"
    [month, week] = find_times(text, "ja", None)
    assert (month.value, week.value) == ("2025-01", "2025-01-20")  # no anchor: the header's month
    at = text.index("防衛相")
    [_, week] = find_times(text, "ja", None, anchors=[(at, date(2025, 3, 22))])
    assert (week.value, week.end_value, week.kind) == ("2025-03-24", "2025-03-30", "range")


def test_an_anchor_after_the_publication_date_or_older_than_the_text_is_not_used() -> None:
    text = "防衛相は24日の週に来日します。"
    [week] = find_times(text, "ja", date(2025, 2, 1), anchors=[(0, date(2025, 3, 22))])
    assert week.value == "2025-02-24"  # the line lies after the page's own date: not this page's item
    text = "2025年4月2日に発表。防衛相は24日に来日した。"
    [_, day] = find_times(text, "ja", None, anchors=[(0, date(2025, 3, 22))])
    assert day.value == "2025-03-24"  # no reference: the text's full date (after the line) is closer
    [week] = find_times("防衛相は24日の週に来日します。", "ja", date(2025, 4, 5), anchors=[(0, date(2025, 3, 22))])
    assert week.value == "2025-03-24"  # the item's line, not the page's date of 5 April
    text = "2025年3月25日の発表。防衛相は24日に来日した。"
    [_, day] = find_times(text, "ja", date(2025, 4, 5), anchors=[(0, date(2025, 3, 22))])
    assert day.value == "2025-03-24"


def test_japanese_aggregator_page_items_are_dated_from_their_own_lines() -> None:
    doc = process_text(JA_PAGE, "ja")
    anchors = date_line_anchors(doc)
    assert [d for _, d in anchors] == [date(2025, 2, 14), date(2025, 3, 3)]
    for pos, _ in anchors:
        assert pos == 0 or doc.text[pos - 1] == "\n"
    values = {t.text: (t.value, t.end_value) for t in doc.times}
    assert values["来週"] == ("2025-02-17", "2025-02-23")
    assert values["18日の週"] == ("2025-02-17", "2025-02-23")
    assert values["5日"] == ("2025-03-05", None)
    visits = [e for e in merge_events(doc.events) if e.mode == "visit"]
    assert visits and all(e.date in ("2025-02", "2025-02-17") and e.status == "planned" for e in visits)
    assert any(e.date == "2025-02" for e in visits)  # "18日の週": the week, dated to its month


def test_english_aggregator_page_items_are_dated_from_their_lines() -> None:
    doc = process_text(EN_PAGE, "en")
    assert [d for _, d in date_line_anchors(doc)] == [date(2025, 3, 3), date(2025, 3, 22)]
    values = {t.text: (t.value, t.end_value) for t in doc.times}
    assert values["Wednesday"] == ("2025-03-05", None)
    assert values["week of the 24th"] == ("2025-03-24", "2025-03-30")


def test_seed_001_planned_visit_is_in_the_week_of_24_march_not_january(seed_texts) -> None:
    doc = process_text(seed_texts["001_9d484df4b67217fb.txt"])
    week = next(t for t in doc.times if t.text == "24日の週")
    assert (week.value, week.end_value) == ("2025-03-24", "2025-03-30")
    visits = [e for e in merge_events(doc.events) if e.mode == "visit" and e.date]
    hegseth = [e for e in visits if any(a.name == "Pete Hegseth" for a in e.actors)]
    assert hegseth
    for e in hegseth:
        # The week of 24 March: "24日の週" dates a visit to its month, "来週" (counted from the
        # item's line) to that week's Monday, as the labelled sets date "next week".
        assert e.date in ("2025-03", "2025-03-24") and e.status == "planned", (e.date, e.status)
    assert any(e.date == "2025-03" and e.date_precision == "month" for e in hegseth)
    assert not [e for e in visits if e.date.startswith("2025-01")]
    japan = [e for e in hegseth if e.location and e.location.country == "JP"]
    assert japan and all(e.location.name == "Japan" for e in japan)
