"""Decoding bytes: BOMs, declared charsets, legacy encodings on short news texts, bad bytes, binary."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from eventline.document import RawDocument, Skip, content_id
from eventline.pipeline.read import decode
from eventline.pipeline.read.encoding import decode_bytes

# Sentences written for these tests: a few hundred bytes each, like a short news item.
JA = ("政府は十五日、来年度の予算案について閣議で決定した。防衛費は過去最大となり、財源の確保が課題となっている。"
      "首相は記者団に対し、国民の理解を得られるよう丁寧に説明していく考えを示した。")
ZH_HANS = ("国务院新闻办公室十五日举行发布会，介绍今年前三季度经济运行情况。发言人表示，国内生产总值同比增长，"
           "就业形势总体稳定，物价保持温和上涨。")
ZH_HANT = ("行政院今日召開記者會，說明明年度總預算的編列方向。發言人表示，國防經費將持續增加，"
           "並優先投入人才培育與災害防救。")
KO = ("정부는 15일 국무회의를 열고 내년도 예산안을 의결했다. 국방 예산은 역대 최대 규모로 편성됐으며, "
      "재원 마련이 과제로 남았다. 야당은 심의 기간이 부족하다며 반발하고 있다.")
VI = ("Chính phủ đã thông qua dự toán ngân sách năm tới trong phiên họp thường kỳ ngày 15. "
      "Chi tiêu quốc phòng đạt mức cao nhất từ trước đến nay, trong khi việc bảo đảm nguồn thu "
      "vẫn là một thách thức lớn.")
EN = ("The minister’s visit — described as “historic” by aides — came after weeks of talks. "
      "Officials said the café meeting in Zürich cost about €2,000 and lasted three hours.")


def cp1258(text: str) -> bytes:
    """Vietnamese as Windows-1258 writes it: precomposed where the code page has the letter,
    tone marks as separate combining characters otherwise."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", char)
        for i, mark in enumerate(marks):
            try:
                out += unicodedata.normalize("NFC", base + mark).encode("cp1258")
                out += "".join(marks[:i] + marks[i + 1:]).encode("cp1258")
                break
            except UnicodeEncodeError:
                continue
        else:
            out += (base + "".join(marks)).encode("cp1258")
    return bytes(out)


LEGACY = [
    ("shift_jis", JA, JA.encode("shift_jis"), "cp932"),
    ("euc-jp", JA, JA.encode("euc_jp"), "euc_jp"),
    ("gb18030", ZH_HANS, ZH_HANS.encode("gb18030"), "gb18030"),
    ("gbk", ZH_HANS, ZH_HANS.encode("gbk"), "gb18030"),
    ("big5", ZH_HANT, ZH_HANT.encode("big5"), "big5hkscs"),
    ("euc-kr", KO, KO.encode("euc_kr"), "cp949"),
    ("windows-1258", VI, cp1258(VI), "cp1258"),
    ("windows-1252", EN, EN.encode("cp1252"), "cp1252"),
]


@pytest.mark.parametrize("name,text,data,codec", LEGACY, ids=[c[0] for c in LEGACY])
def test_legacy_encodings_are_detected_without_a_declaration(name, text, data, codec):
    assert len(data) < 400  # short news texts, the hard case for detection
    decoded = decode_bytes(data)
    assert decoded.text == text
    assert decoded.encoding == codec
    assert decoded.how == "detected"


@pytest.mark.parametrize("name,text,data,codec", LEGACY, ids=[c[0] for c in LEGACY])
def test_legacy_encodings_through_decode_give_the_same_document_as_utf8(name, text, data, codec):
    doc = decode(RawDocument("a.txt", data, "txt"))
    assert doc.raw == text
    assert doc.id == content_id(text) == decode(RawDocument("b.txt", text.encode(), "txt")).id


def test_kanji_only_headline_in_shift_jis_is_not_read_as_korean():
    headline = "浜田防衛相、米国防長官と会談"
    assert decode_bytes(headline.encode("shift_jis")).text == headline


@pytest.mark.parametrize("bom,codec", [
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
])
def test_byte_order_marks_decide_and_leave_no_trace(bom, codec):
    doc = decode(RawDocument("a.txt", bom + JA.encode(codec), "txt"))
    assert doc.raw == JA
    assert doc.id == content_id(JA)


def test_utf16_without_bom_is_text_not_binary():
    doc = decode(RawDocument("a.txt", "Talks in Tokyo\nThe ministers met.".encode("utf-16-le"), "txt"))
    assert doc.raw == "Talks in Tokyo\nThe ministers met."


def test_declared_charset_is_used_when_the_bytes_fit_it():
    html = ('<html><head><meta charset="euc-jp"><title>会談</title></head><body><article><p>'
            + JA + "</p></article></body></html>").encode("euc_jp")
    doc = decode(RawDocument("a.html", html, "html"))
    assert JA in doc.raw
    assert doc.title == "会談"


def test_http_charset_is_used_for_warc_payloads():
    decoded = decode_bytes(JA.encode("euc_jp"), declared="EUC-JP")
    assert (decoded.text, decoded.encoding, decoded.how) == (JA, "euc_jp", "declared")


def test_wrong_single_byte_declaration_loses_to_valid_utf8():
    decoded = decode_bytes('<meta charset="iso-8859-1"><p>Zürich café</p>'.encode("utf-8"))
    assert decoded.encoding == "utf-8"
    assert "Zürich café" in decoded.text
    assert decoded.notes == ["declared charset 'iso-8859-1' but the bytes are UTF-8; read as UTF-8"]


def test_declaration_that_does_not_fit_is_ignored_with_a_note():
    decoded = decode_bytes(('<meta charset="shift_jis"><p>' + ZH_HANS + "</p>").encode("utf-8"))
    assert decoded.encoding == "utf-8"
    assert decoded.notes == ["declared charset 'shift_jis' does not fit the bytes; ignored"]


def test_a_few_invalid_bytes_in_utf8_are_replaced_and_counted():
    data = JA.encode("utf-8") + b"\xff\xfe" + "会談は一時間に及んだ。".encode("utf-8")
    doc = decode(RawDocument("a.txt", data, "txt"))
    assert doc.raw == JA + "\ufffd\ufffd会談は一時間に及んだ。"
    assert doc.notes == ["2 invalid byte sequence(s) replaced with U+FFFD (read as utf-8)"]


def test_replacement_characters_already_in_the_source_are_not_counted():
    data = ("ソースにある\ufffdはそのまま、テキストは続く。" * 3).encode() + b"\xff"
    decoded = decode_bytes(data)
    assert decoded.replaced == 1


def test_mostly_garbage_is_skipped():
    data = bytes(range(0x80, 0x100)) * 4 + b"ok"
    result = decode(RawDocument("noise.txt", data, "txt"))
    assert isinstance(result, Skip)
    assert result.reason.startswith("mostly undecodable:")


def test_iso_2022_jp_mail_style_text():
    assert decode_bytes(JA.encode("iso2022_jp")).text == JA
