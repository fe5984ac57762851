"""Reading inputs: files, folders, stdin, every container format, and every kind of bad input.

All inputs are built in tmp_path from text written for these tests.
"""

from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path

import pytest

from eventline.document import Document, RawDocument, Skip, content_id
from eventline.pipeline.read import decode, inputs, iter_inputs
from eventline.settings import Settings

ARTICLE_JA = "防衛省は三日、日米防衛相会談の概要を発表した。\n両氏は同盟の抑止力を強化する方針を確認した。"
ARTICLE_EN = "The two defence ministers met in Honolulu on Thursday.\nThey agreed to keep talking."
PARAGRAPHS = [
    "The two defence ministers met in Honolulu on Thursday to discuss closer cooperation between "
    "their forces, officials from both governments said afterwards.",
    "They agreed to hold further talks in Tokyo later this year and to set up a joint working "
    "group on command and control arrangements.",
]
HTML_PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Ministers meet in Honolulu</title>
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2024-05-03T10:00:00+09:00">
</head><body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Ministers meet in Honolulu</h1><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>
<table><tr><td>Venue</td><td>Honolulu</td></tr></table></article>
<footer>Copyright 2024 Example News</footer></body></html>"""


def read_all(*paths: str, stdin: io.BytesIO | None = None, **settings) -> list[RawDocument | Skip]:
    return list(iter_inputs(paths, stdin=stdin, settings=Settings().with_(**settings)))


def only_doc(items: list) -> Document:
    assert len(items) == 1 and isinstance(items[0], RawDocument), items
    doc = decode(items[0])
    assert isinstance(doc, Document), doc
    return doc


# --- files and folders -------------------------------------------------------------------------

def test_text_file(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE_JA, encoding="utf-8")
    doc = only_doc(read_all(str(path)))
    assert (doc.path, doc.format, doc.raw, doc.id) == (str(path), "txt", ARTICLE_JA, content_id(ARTICLE_JA))
    assert doc.published is None and doc.published_from is None


def test_folder_is_walked_recursively_sorted_and_hidden_entries_left_out(tmp_path: Path):
    for name in ("b.txt", "a.txt", "sub/c.txt", "sub/deeper/d.txt", ".hidden.txt", ".git/e.txt",
                 "sub/.secret/f.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f"Text of {name}.", encoding="utf-8")
    paths = [item.path for item in read_all(str(tmp_path))]
    assert paths == [str(tmp_path / n) for n in ("a.txt", "b.txt", "sub/c.txt", "sub/deeper/d.txt")]


def test_unsupported_file_type(tmp_path: Path):
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.7\n")
    assert read_all(str(tmp_path / "report.pdf")) == [Skip(
        str(tmp_path / "report.pdf"),
        "unsupported file type '.pdf'; eventline reads .txt .html .htm .json .jsonl .warc .warc.gz "
        ".rss .atom .xml",
    )]


def test_nonexistent_path():
    assert read_all("/no/such/place.txt") == [Skip("/no/such/place.txt", "no such file or directory")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_permission_denied(tmp_path: Path):
    path = tmp_path / "secret.txt"
    path.write_text("hidden text", encoding="utf-8")
    path.chmod(0)
    try:
        assert read_all(str(path)) == [Skip(str(path), "permission denied; check the file's permissions")]
    finally:
        path.chmod(0o644)


def test_huge_file_is_skipped_without_being_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: instant, takes no disk

    def no_open(*args, **kwargs):
        raise AssertionError("a file over the limit must not be opened")

    monkeypatch.setattr(inputs, "open", no_open, raising=False)
    assert read_all(str(path)) == [Skip(str(path), (
        "file is 52,428,800 bytes, over the limit of 10,485,760; raise it with --max-bytes or "
        "EVENTLINE_MAX_DOCUMENT_BYTES"
    ))]


def test_size_limit_comes_from_settings(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text("x" * 200, encoding="utf-8")
    [skip] = read_all(str(path), max_document_bytes=100)
    assert skip.reason.startswith("file is 200 bytes, over the limit of 100;")


# --- JSON and JSON Lines -----------------------------------------------------------------------

def test_json_object_with_metadata(tmp_path: Path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({
        "content": ARTICLE_JA, "title": "日米防衛相会談", "url": "https://example.jp/a",
        "published": "2024-05-03T17:03:00+09:00", "outlet": "Example Shimbun", "language": "ja-JP",
    }, ensure_ascii=False), encoding="utf-8")
    doc = only_doc(read_all(str(path)))
    assert (doc.raw, doc.format, doc.title, doc.url) == (ARTICLE_JA, "json", "日米防衛相会談", "https://example.jp/a")
    assert (doc.published, doc.published_from, doc.language) == ("2024-05-03", "container", "ja")
    assert doc.notes == ["outlet named by the container: Example Shimbun"]


@pytest.mark.parametrize("key", ["text", "content", "body", "article", "maintext"])
def test_json_text_field_names(tmp_path: Path, key: str):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({key: ARTICLE_EN}), encoding="utf-8")
    assert only_doc(read_all(str(path))).raw == ARTICLE_EN


def test_json_list_items_are_addressed_by_position(tmp_path: Path):
    path = tmp_path / "list.json"
    path.write_text(json.dumps([{"text": "First item."}, {"title": "no text"}, {"text": "Third item.", "date": "2024/05/03"}]))
    items = read_all(str(path))
    assert [i.path for i in items] == [f"{path}#1", f"{path}#2", f"{path}#3"]
    assert items[1] == Skip(f"{path}#2", "no text field; expected one of: text, content, body, article, maintext")
    assert decode(items[2]).published == "2024-05-03"


def test_invalid_json_file(tmp_path: Path):
    path = tmp_path / "bad.json"
    path.write_text('{"text": "unterminated', encoding="utf-8")
    assert read_all(str(path)) == [Skip(str(path), "not valid JSON: Unterminated string starting at (line 1, column 10)")]


def test_jsonl_bad_line_is_one_skip_and_the_others_go_on(tmp_path: Path):
    path = tmp_path / "batch.jsonl"
    path.write_text(
        json.dumps({"text": "First article."}) + "\n"
        + '{"text": broken}\n'
        + "\n"
        + json.dumps({"body": "Fourth line.", "title": "T"}) + "\n"
        + "[1, 2]\n",
        encoding="utf-8",
    )
    items = read_all(str(path))
    assert [i.path for i in items] == [f"{path}:1", f"{path}:2", f"{path}:4", f"{path}:5"]
    assert items[1] == Skip(f"{path}:2", "line 2 is not valid JSON: Expecting value (column 10)")
    assert items[3] == Skip(f"{path}:5", "a JSON array, not an object with a text field")
    assert [decode(items[0]).raw, decode(items[2]).raw] == ["First article.", "Fourth line."]


def test_jsonl_line_over_the_limit_is_skipped(tmp_path: Path):
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps({"text": "x" * 500}) + "\n" + json.dumps({"text": "short"}) + "\n")
    items = read_all(str(path), max_document_bytes=100)
    assert items[0].path == f"{path}:1" and items[0].reason.startswith("line is 513 bytes, over the limit of 100;")
    assert decode(items[1]).raw == "short"


def test_json_with_html_in_the_text_field_is_extracted(tmp_path: Path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"text": f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>"}))
    assert only_doc(read_all(str(path))).raw == "\n".join(PARAGRAPHS)


# --- HTML --------------------------------------------------------------------------------------

def test_html_main_text_and_metadata(tmp_path: Path):
    path = tmp_path / "page.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    doc = only_doc(read_all(str(path)))
    assert doc.raw == "\n".join(["Ministers meet in Honolulu", *PARAGRAPHS, "| Venue | Honolulu |"])
    assert (doc.title, doc.author, doc.published, doc.published_from) == (
        "Ministers meet in Honolulu", "Jane Roe", "2024-05-03", "container")
    assert "Home" not in doc.raw and "Copyright" not in doc.raw


def test_malformed_html_does_not_crash(tmp_path: Path):
    path = tmp_path / "broken.htm"
    path.write_bytes(b"<html><body><div><p>Ministers met <b>in Tokyo &&& <<div>>\n<p>Talks went on<td></html")
    doc = only_doc(read_all(str(path)))
    assert "Ministers met" in doc.raw and "Talks went on" in doc.raw


def test_html_without_text_is_skipped(tmp_path: Path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title></title><script>var a = 1;</script></head><body> </body></html>")
    assert read_all(str(path)) != []
    assert decode(read_all(str(path))[0]) == Skip(str(path), "no text could be extracted from the HTML")


def test_tiny_html_falls_back_to_visible_text(tmp_path: Path):
    path = tmp_path / "tiny.html"
    path.write_text("<html><body><div>短い告知</div><div>二行目</div></body></html>", encoding="utf-8")
    doc = only_doc(read_all(str(path)))
    assert doc.raw == "短い告知\n二行目"


# --- WARC --------------------------------------------------------------------------------------

def write_warc(path: Path, records: list[tuple[str, str, bytes, str]]) -> None:
    """records: (record type, URI, payload, content type)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=str(path).endswith(".gz"))
        for rec_type, uri, payload, ctype in records:
            http = None
            if rec_type == "response":
                http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri, rec_type, payload=io.BytesIO(payload), http_headers=http,
                warc_content_type=ctype if rec_type == "resource" else "application/http; msgtype=response",
                warc_headers_dict={"WARC-Date": "2024-05-04T01:02:03Z"},
            )
            if rec_type == "resource":
                record.rec_headers.replace_header("Content-Type", ctype)
            writer.write_record(record)


def warc_records() -> list[tuple[str, str, bytes, str]]:
    sjis_page = (f"<html><head><meta charset='shift_jis'></head><body><article><p>{ARTICLE_JA.replace(chr(10), '</p><p>')}</p>"
                 "</article></body></html>").encode("shift_jis")
    return [
        ("request", "https://example.jp/a", b"GET /a HTTP/1.1\r\n\r\n", "application/http; msgtype=request"),
        ("response", "https://example.jp/a", sjis_page, "text/html; charset=Shift_JIS"),
        ("response", "https://example.jp/logo.png", b"\x89PNG\r\n\x1a\n....", "image/png"),
        ("resource", "file:///notes.txt", ARTICLE_EN.encode(), "text/plain"),
    ]


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc_records(tmp_path: Path, name: str):
    path = tmp_path / name
    write_warc(path, warc_records())
    items = read_all(str(path))
    assert [i.path for i in items] == [f"{path}#2", f"{path}#3", f"{path}#4"]
    page, image, note = items
    assert (page.url, page.encoding, page.published) == ("https://example.jp/a", "Shift_JIS", "2024-05-04T01:02:03Z")
    assert image == Skip(f"{path}#3", "content type image/png is not text or HTML")
    doc = decode(page)
    assert doc.raw == ARTICLE_JA
    assert (doc.format, doc.url, doc.published, doc.published_from) == (
        "warc", "https://example.jp/a", "2024-05-04", "container:warc-date")
    assert decode(note).raw == ARTICLE_EN


def test_truncated_warc_keeps_the_records_read_and_says_so(tmp_path: Path):
    path = tmp_path / "cut.warc.gz"
    write_warc(path, warc_records())
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 40])  # cut inside the last record
    items = read_all(str(path))
    assert [type(i).__name__ for i in items] == ["RawDocument", "Skip", "Skip"]
    assert decode(items[0]).raw == ARTICLE_JA
    assert items[2].path == f"{path}#4"
    assert items[2].reason.startswith("archive is truncated or damaged after record 3 (")
    assert items[2].reason.endswith("the 3 record(s) before it were read")


# --- feeds -------------------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example Defence News</title><link>https://news.example.com/</link>
<item><title>Ministers meet in Honolulu</title><link>https://news.example.com/1</link>
<pubDate>Fri, 03 May 2024 08:03:00 +0900</pubDate>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>{p0}</p><p>{p1}</p>]]></content:encoded></item>
<item><title>Second item</title><link>https://news.example.com/2</link>
<description>Only a summary for this one, but it is real text.</description></item>
<item><title>Nothing inside</title></item>
</channel></rss>""".format(p0=PARAGRAPHS[0], p1=PARAGRAPHS[1])

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Atom</title>
<entry><title>日米防衛相会談</title><link href="https://example.jp/atom/1"/>
<updated>2023-01-13T09:00:00+09:00</updated><published>2023-01-12T21:00:00+09:00</published>
<content type="html">&lt;p&gt;防衛省は三日、日米防衛相会談の概要を発表した。&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_items(tmp_path: Path):
    path = tmp_path / "news.rss"
    path.write_text(RSS, encoding="utf-8")
    items = read_all(str(path))
    assert [i.path for i in items] == [f"{path}#1", f"{path}#2", f"{path}#3"]
    first = decode(items[0])
    assert first.raw == "\n".join(PARAGRAPHS)
    assert (first.title, first.url, first.published, first.format) == (
        "Ministers meet in Honolulu", "https://news.example.com/1", "2024-05-03", "feed")
    assert decode(items[1]).raw == "Only a summary for this one, but it is real text."
    assert items[2] == Skip(f"{path}#3", "feed item has no content or summary")


def test_atom_entries_and_xml_is_sniffed(tmp_path: Path):
    path = tmp_path / "feed.xml"
    path.write_text(ATOM, encoding="utf-8")
    doc = only_doc(read_all(str(path)))
    assert (doc.raw, doc.title, doc.url, doc.published) == (
        "防衛省は三日、日米防衛相会談の概要を発表した。", "日米防衛相会談", "https://example.jp/atom/1", "2023-01-12")


def test_xml_that_is_not_a_feed(tmp_path: Path):
    path = tmp_path / "data.xml"
    path.write_text('<?xml version="1.0"?><rows><row>1</row></rows>')
    assert read_all(str(path)) == [Skip(str(path), "XML that is neither an RSS/Atom feed nor XHTML")]


# --- stdin -------------------------------------------------------------------------------------

def test_stdin_text():
    doc = only_doc(read_all("-", stdin=io.BytesIO(ARTICLE_JA.encode("utf-8"))))
    assert (doc.path, doc.format, doc.raw) == ("<stdin>", "txt", ARTICLE_JA)


def test_stdin_html():
    doc = only_doc(read_all("-", stdin=io.BytesIO(HTML_PAGE.encode("utf-8"))))
    assert doc.format == "html" and PARAGRAPHS[0] in doc.raw


def test_stdin_jsonl_and_json():
    lines = (json.dumps({"text": "One."}) + "\n" + json.dumps({"text": "Two."}) + "\n").encode()
    assert [i.path for i in read_all("-", stdin=io.BytesIO(lines))] == ["<stdin>:1", "<stdin>:2"]
    pretty = json.dumps({"text": "Pretty printed."}, indent=2).encode()
    assert only_doc(read_all("-", stdin=io.BytesIO(pretty))).raw == "Pretty printed."


def test_stdin_feed():
    assert len(read_all("-", stdin=io.BytesIO(RSS.encode()))) == 3


def test_stdin_warc_gz(tmp_path: Path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, warc_records())
    items = read_all("-", stdin=io.BytesIO(path.read_bytes()))
    assert [i.path for i in items] == ["<stdin>#2", "<stdin>#3", "<stdin>#4"]
    assert decode(items[0]).raw == ARTICLE_JA


def test_stdin_gzip_text_and_truncated_gzip():
    packed = gzip.compress(ARTICLE_EN.encode())
    assert only_doc(read_all("-", stdin=io.BytesIO(packed))).raw == ARTICLE_EN
    [skip] = read_all("-", stdin=io.BytesIO(packed[:-12]))
    assert skip.path == "<stdin>" and skip.reason.startswith("gzip data is truncated or damaged")


# --- decode: bad inputs and normalisation ------------------------------------------------------

def test_empty_and_whitespace_files(tmp_path: Path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \r\n\t\n")
    results = [decode(i) for i in read_all(str(tmp_path))]
    assert results == [Skip(str(tmp_path / "blank.txt"), "empty file"), Skip(str(tmp_path / "empty.txt"), "empty file")]


def test_empty_text_in_a_record(tmp_path: Path):
    path = tmp_path / "a.json"
    path.write_text('{"text": "   "}')
    assert decode(read_all(str(path))[0]) == Skip(str(path), "empty text in record")


@pytest.mark.parametrize("data,kind", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "looks like PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks like PNG"),
    (b"PK\x03\x04\x14\x00\x06\x00", "looks like ZIP or an Office document"),
    (bytes([0, 1, 2, 3, 200, 17, 0, 5]) * 64, "NUL or control bytes"),
])
def test_binary_files_are_skipped(data: bytes, kind: str):
    assert decode(RawDocument("x.txt", data, "txt")) == Skip("x.txt", f"binary file ({kind}), not text")


def test_newlines_and_controls_are_normalised_and_nothing_else_changes():
    text = "「反撃能力」の運用\r\n“Quoted” — text\rwith\x00 NUL\x07 and\x85next\x0cpage\ttab  double  space"
    doc = decode(RawDocument("a.txt", text.encode("utf-8"), "txt"))
    assert doc.raw == "「反撃能力」の運用\n“Quoted” — text\nwith NUL and\nnext\npage\ttab  double  space"


def test_ids_are_stable_across_reads_bom_and_line_endings(tmp_path: Path):
    variants = {
        "plain.txt": ARTICLE_JA.encode("utf-8"),
        "again.txt": ARTICLE_JA.encode("utf-8"),
        "bom.txt": b"\xef\xbb\xbf" + ARTICLE_JA.encode("utf-8"),
        "crlf.txt": ARTICLE_JA.replace("\n", "\r\n").encode("utf-8"),
        "bom_crlf_utf16.txt": b"\xff\xfe" + ARTICLE_JA.replace("\n", "\r\n").encode("utf-16-le"),
    }
    for name, data in variants.items():
        (tmp_path / name).write_bytes(data)
    ids = {decode(item).id for item in read_all(str(tmp_path))}
    assert ids == {content_id(ARTICLE_JA)}


def test_unparseable_container_date_is_noted_not_fatal():
    doc = decode(RawDocument("a.json#1", "Text.", "json", published="sometime in spring"))
    assert doc.published is None
    assert doc.notes == ["container date 'sometime in spring' not understood; ignored"]


def test_decode_never_raises_on_odd_inputs():
    odd = [b"\xff" * 10, b"<", b"<html>", b"\x1b$B", "<?xml \x00".encode(), b"\xef\xbb\xbf", b"\x00" * 3]
    for data in odd:
        assert isinstance(decode(RawDocument("odd", data, "html")), (Document, Skip))
        assert isinstance(decode(RawDocument("odd", data, "txt")), (Document, Skip))
