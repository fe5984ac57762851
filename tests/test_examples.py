"""The bundled example corpus (examples/) and the event gold set (tests/data/events/gold.jsonl).

These tests check the data itself, not the pipeline: every example file listed in
examples/.manifest.json exists and decodes as declared, the corpus covers every input format and
language, the binary examples are reproducible, and the gold set is well-formed and consistent.
"""

from __future__ import annotations

import collections
import gzip
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from eventline.document import PLOVER_TYPES

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
GOLD = Path(__file__).resolve().parent / "data" / "events" / "gold.jsonl"

LANGS = {"en", "ja", "zh", "ko", "vi"}
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
GOLD_KEYS = {"id", "lang", "published", "text", "events"}
EVENT_KEYS = {"type", "mode", "date", "date_alternatives", "status", "actors", "recipients",
              "location", "happening"}
# every container eventline reads, by the suffix of the example files that carry it
FORMAT_SUFFIXES = {
    "txt": (".txt",), "html": (".html", ".htm"), "json": (".json",), "jsonl": (".jsonl",),
    "warc": (".warc", ".warc.gz"), "feed": (".rss", ".atom", ".xml"),
}


# ---------------------------------------------------------------------------- examples

@pytest.fixture(scope="module")
def manifest() -> list[dict]:
    return json.loads((EXAMPLES / ".manifest.json").read_text(encoding="utf-8"))["files"]


def test_every_listed_example_exists(manifest):
    missing = [f["file"] for f in manifest if not (EXAMPLES / f["file"]).is_file()]
    assert not missing, missing


def test_every_example_file_is_listed(manifest):
    listed = {f["file"] for f in manifest}
    ignored = {"README.md", ".manifest.json", "make_binary_examples.py"}
    on_disk = {p.relative_to(EXAMPLES).as_posix() for p in EXAMPLES.rglob("*")
               if p.is_file() and p.name not in ignored and "__pycache__" not in p.parts}
    assert on_disk <= listed, sorted(on_disk - listed)


def test_readme_mentions_every_file(manifest):
    readme = (REPO / "docs" / "EXAMPLES.md").read_text(encoding="utf-8")
    assert [f["file"] for f in manifest if f["file"] not in readme] == []


def test_corpus_size_languages_and_formats(manifest):
    docs = sum(len(f["documents"]) for f in manifest)
    assert docs >= 20
    langs = {d["lang"] for f in manifest for d in f["documents"]}
    assert LANGS <= langs
    formats = {f["format"] for f in manifest}
    assert set(FORMAT_SUFFIXES) <= formats
    suffixes = {s for f in manifest for s in FORMAT_SUFFIXES[f["format"]] if f["file"].endswith(s)}
    for needed in (".txt", ".html", ".htm", ".json", ".jsonl", ".warc", ".warc.gz",
                   ".rss", ".atom"):
        assert needed in suffixes, needed


def test_each_format_suffix_matches(manifest):
    for f in manifest:
        assert f["file"].endswith(FORMAT_SUFFIXES[f["format"]]), f["file"]


def test_legacy_encodings_decode_as_declared(manifest):
    seen = set()
    for f in manifest:
        enc = f.get("encoding", "utf-8")
        if f["format"] not in ("txt", "html"):
            continue
        data = (EXAMPLES / f["file"]).read_bytes()
        text = data.decode(enc)
        assert text.strip(), f["file"]
        seen.add(enc.lower())
        if enc.lower() not in ("utf-8", "utf-8-sig", "ascii"):
            with pytest.raises(UnicodeDecodeError):
                data.decode("utf-8")
    for enc in ("shift_jis", "euc-kr"):
        assert enc in seen, enc
    assert seen & {"gb18030", "big5"}
    assert seen & {"cp1258", "utf-8-sig"}


def test_json_and_jsonl_examples(manifest):
    for f in manifest:
        path = EXAMPLES / f["file"]
        if f["format"] == "json":
            obj = json.loads(path.read_text(encoding="utf-8"))
            assert {"text", "title", "url", "date", "source"} <= set(obj), f["file"]
        elif f["format"] == "jsonl":
            items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip()]
            assert len(items) >= 2 and len(items) == len(f["documents"]), f["file"]
            assert all("text" in it for it in items)


def test_warc_examples(manifest):
    warcio = pytest.importorskip("warcio")
    from warcio.archiveiterator import ArchiveIterator

    charsets = set()
    for f in manifest:
        if f["format"] != "warc":
            continue
        n = 0
        with open(EXAMPLES / f["file"], "rb") as fh:
            for rec in ArchiveIterator(fh):
                if rec.rec_type != "response":
                    continue
                n += 1
                ctype = rec.http_headers.get_header("Content-Type") or ""
                m = re.search(r"charset=([\w-]+)", ctype)
                charsets.add((m.group(1) if m else "utf-8").lower())
                body = rec.content_stream().read()
                assert body.decode(m.group(1) if m else "utf-8")
        assert n == len(f["documents"]), f["file"]
    assert charsets - {"utf-8"}, "one WARC record should declare a non-UTF-8 charset"
    del warcio


def test_feed_examples(manifest):
    feedparser = pytest.importorskip("feedparser")
    for f in manifest:
        if f["format"] != "feed":
            continue
        parsed = feedparser.parse(str(EXAMPLES / f["file"]))
        assert not parsed.bozo, (f["file"], parsed.get("bozo_exception"))
        assert len(parsed.entries) == len(f["documents"])
        for e in parsed.entries:
            content = (e.get("content") or [{}])[0].get("value") or e.get("summary", "")
            assert "<p>" in content, f["file"]


def test_binary_examples_are_reproducible(tmp_path):
    script = REPO / "scripts" / "make_binary_examples.py"
    subprocess.run([sys.executable, str(script), "--out", str(tmp_path)], check=True)
    made = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert made
    for p in made:
        rel = p.relative_to(tmp_path)
        committed = EXAMPLES / rel
        assert committed.is_file(), rel
        if p.suffix == ".gz":  # compare content, not gzip headers
            assert gzip.decompress(p.read_bytes()) == gzip.decompress(committed.read_bytes()), rel
        else:
            assert p.read_bytes() == committed.read_bytes(), rel


def test_same_happening_groups_name_real_files(manifest):
    docs = {d["id"] for f in manifest for d in f["documents"]}
    for f in manifest:
        for d in f["documents"]:
            for other in d.get("same_as", []):
                assert other in docs, (d["id"], other)


# ---------------------------------------------------------------------------- gold

@pytest.fixture(scope="module")
def gold() -> list[dict]:
    lines = GOLD.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_gold_lines_have_required_keys(gold):
    ids = set()
    for o in gold:
        assert GOLD_KEYS <= set(o), o.get("id")
        assert o["id"] not in ids
        ids.add(o["id"])
        assert o["lang"] in LANGS
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", o["published"])
        assert 20 <= len(o["text"]) <= 800
        for e in o["events"]:
            assert EVENT_KEYS <= set(e), (o["id"], e)


def test_gold_event_values(gold):
    for o in gold:
        for e in o["events"]:
            where = (o["id"], e["happening"])
            assert e["type"] in PLOVER_TYPES, where
            assert DATE_RE.match(e["date"]), where
            assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in e["date_alternatives"])
            assert e["status"] in ("occurred", "planned", "cancelled"), where
            assert e["mode"] in (None, "visit", "phone", "multilateral"), where
            if e["mode"] is not None:
                assert e["type"] == "CONSULT", where
            assert e["actors"] and all(isinstance(a, str) and a for a in e["actors"]), where
            assert re.fullmatch(r"H\d{3}", e["happening"]), where
            if e["status"] == "occurred" and len(e["date"]) == 10:
                assert e["date"] <= o["published"], where


def test_gold_language_counts(gold):
    counts = collections.Counter(o["lang"] for o in gold)
    assert len(gold) >= 72
    for lang in LANGS:
        assert counts[lang] >= 14, (lang, counts[lang])


def test_gold_coverage(gold):
    types = collections.Counter(e["type"] for o in gold for e in o["events"])
    for t in PLOVER_TYPES:
        assert types[t] >= 2, t
    assert types.most_common(1)[0][0] == "CONSULT"
    assert sum(1 for o in gold if not o["events"]) >= 4
    statuses = {e["status"] for o in gold for e in o["events"]}
    assert statuses == {"occurred", "planned", "cancelled"}
    langs = collections.defaultdict(set)
    for o in gold:
        for e in o["events"]:
            langs[e["happening"]].add(o["lang"])
    assert sum(1 for s in langs.values() if len(s) >= 2) >= 10


def _compatible(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def test_gold_happenings_agree_on_type_and_date(gold):
    by_h = collections.defaultdict(list)
    for o in gold:
        for e in o["events"]:
            by_h[e["happening"]].append((o["id"], e))
    for h, mentions in by_h.items():
        types = {e["type"] for _, e in mentions}
        assert len(types) == 1, (h, types)
        full = {e["date"] for _, e in mentions if len(e["date"]) == 10}
        assert len(full) <= 1, (h, full)
        dates = [e["date"] for _, e in mentions]
        for d in dates:
            assert all(_compatible(d, other) for other in dates), (h, dates)
        actors = {tuple(sorted(e["actors"])) for _, e in mentions}
        assert len(actors) == 1, (h, actors)


# ---------------------------------------------------------------------------- bench corpus

def test_bench_corpus_builder_is_deterministic(tmp_path):
    script = REPO / "bench" / "make_corpus.py"
    outs = []
    for name in ("a", "b"):
        out = tmp_path / name
        subprocess.run([sys.executable, str(script), str(out), "--n", "300", "--seed", "3"],
                       check=True, capture_output=True)
        outs.append({p.relative_to(out).as_posix(): p.read_bytes()
                     for p in out.rglob("*") if p.is_file()})
    assert outs[0] == outs[1]
    files = outs[0]
    n_docs = sum(1 for f in files if not f.endswith(".jsonl"))
    n_docs += sum(len(v.decode("utf-8").splitlines()) for f, v in files.items() if f.endswith(".jsonl"))
    assert n_docs == 300
    assert {f.rsplit(".", 1)[1] for f in files} == {"txt", "jsonl", "html"}
