"""The command-line contract, end to end: real files, the real pipeline, a real SQLite store."""

from __future__ import annotations

import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from eventline.cli import main

from conftest import REPO, SEEDS, TEST_DATA


def _schema() -> dict:
    shared = SEEDS.parent / "contract" / "event.schema.json"
    path = shared if shared.is_file() else TEST_DATA / "contract" / "event.schema.json"
    return json.loads(path.read_text(encoding="utf-8"))


def invoke(*args: str, input: str | bytes | None = None):
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return result


def jsonl(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory, seeds_dir) -> Path:
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    result = invoke("run", str(seeds_dir), "--db", str(db), "--workers", "1")
    assert result.exit_code == 0, result.output
    return db


def _find(events: list[dict], date: str, *people: str, type: str = "CONSULT") -> dict | None:
    for ev in events:
        names = {a["name"] for a in ev["actors"]}
        if ev["type"] == type and ev["date"] == date and set(people) <= names:
            return ev
    return None


def test_seed_events_follow_the_schema_and_include_the_three_meetings(seeds_db):
    result = invoke("events", "--db", str(seeds_db), "--format", "jsonl")
    assert result.exit_code == 0
    events = jsonl(result.output)
    validator = jsonschema.Draft202012Validator(_schema())
    for ev in events:
        validator.validate(ev)
    hamada = _find(events, "2023-01-12", "Yasukazu Hamada", "Lloyd Austin")
    assert hamada is not None and hamada["type"] == "CONSULT"
    assert "2023-01-13" in hamada["date_alternatives"]
    kihara = _find(events, "2024-05-02", "Minoru Kihara", "Lloyd Austin")
    assert kihara is not None and kihara["type"] == "CONSULT"
    nakatani = _find(events, "2025-03-30", "Gen Nakatani", "Pete Hegseth")
    assert nakatani is not None and nakatani["type"] == "CONSULT"
    for ev in (hamada, kihara, nakatani):
        for src in ev["sources"]:
            assert src["quote"] and src["end"] - src["start"] == len(src["quote"])


def test_quotes_are_verbatim_slices_of_the_cleaned_text(seeds_db):
    docs = {d["id"]: d for d in jsonl(invoke("documents", "--db", str(seeds_db), "--format", "jsonl").output)}
    events = jsonl(invoke("events", "--db", str(seeds_db), "--format", "jsonl").output)
    assert events
    for ev in events:
        for src in ev["sources"]:
            assert docs[src["document"]]["text"][src["start"]:src["end"]] == src["quote"]


def test_seed_documents_are_listed_with_language_and_dates(seeds_db):
    docs = jsonl(invoke("documents", "--db", str(seeds_db), "--format", "jsonl").output)
    by_name = {Path(d["path"]).name: d for d in docs}
    seeds = sorted(n for n in by_name if n.startswith("0"))
    assert [by_name[n]["language"] for n in seeds] == ["zh", "ja", "ja", "ja", "vi"]
    assert by_name["000_ae6cae07903ce697.txt"]["published"] == "2025-04-09"
    assert by_name["003_02232067b5b04c88.txt"]["published"] == "2023-01-13"
    for d in docs:
        assert set(d) >= {"id", "path", "language", "title", "published", "text", "status",
                          "duplicate_of", "reason", "cited_sources"}


def test_rerun_on_the_same_inputs_changes_nothing(seeds_db, seeds_dir):
    before = invoke("events", "--db", str(seeds_db), "--format", "jsonl").output
    result = invoke("run", str(seeds_dir), "--db", str(seeds_db), "--workers", "1")
    assert result.exit_code == 0
    assert " 0 processed, 0 duplicates, 0 skipped" in result.output
    assert invoke("events", "--db", str(seeds_db), "--format", "jsonl").output == before


def test_actor_filter_matches_any_alias_in_any_language(seeds_db):
    by_en = jsonl(invoke("events", "--db", str(seeds_db), "--format", "jsonl", "--actor", "Pete Hegseth").output)
    by_ja = jsonl(invoke("events", "--db", str(seeds_db), "--format", "jsonl", "--actor", "ヘグセス").output)
    by_zh = jsonl(invoke("events", "--db", str(seeds_db), "--format", "jsonl", "--actor", "赫格塞思").output)
    assert by_en and [e["id"] for e in by_en] == [e["id"] for e in by_ja] == [e["id"] for e in by_zh]
    assert all(any(a["name"] == "Pete Hegseth" for a in e["actors"] + e.get("recipients", [])) for e in by_en)


def test_entities_list_names_by_language(seeds_db):
    ents = {e["name"]: e for e in jsonl(invoke("entities", "--db", str(seeds_db), "--format", "jsonl").output)}
    hegseth = ents["Pete Hegseth"]
    assert hegseth["type"] == "person" and hegseth["country"] == "US" and hegseth["mentions"] >= 3
    observed = {n for names in hegseth["names"].values() for n in names}
    assert {"赫格塞思", "ヘグセス"} <= observed


def test_timeline_and_report(seeds_db, tmp_path):
    out = invoke("timeline", "--db", str(seeds_db)).output
    assert "2023-01-12" in out and "Yasukazu Hamada" in out
    report = tmp_path / "r.html"
    result = invoke("report", "--db", str(seeds_db), "-o", str(report))
    assert result.exit_code == 0
    html = report.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and "Lloyd Austin" in html and "浜田" in html
    assert "<script src" not in html and "<link" not in html  # self-contained


def test_csv_format_has_a_header_and_one_row_per_event(seeds_db):
    out = invoke("events", "--db", str(seeds_db), "--format", "csv").output.splitlines()
    n = len(jsonl(invoke("events", "--db", str(seeds_db), "--format", "jsonl").output))
    assert out[0].startswith("id,date,date_precision,type") and len(out) == n + 1


def test_bad_filters_fail_with_one_line(seeds_db):
    result = CliRunner().invoke(main, ["events", "--db", str(seeds_db), "--since", "March"])
    assert result.exit_code != 0 and "YYYY" in result.output
    result = CliRunner().invoke(main, ["events", "--db", str(seeds_db), "--type", "MEET"])
    assert result.exit_code != 0 and "CONSULT" in result.output
    result = CliRunner().invoke(main, ["events", "--db", "/nonexistent/x.db"])
    assert result.exit_code != 0 and "no such store" in result.output


# -- bad input ------------------------------------------------------------------------------
def test_bad_inputs_are_skipped_with_reasons_and_counts_add_up(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(
        "Defense Secretary Lloyd Austin met Japanese Defense Minister Minoru Kihara in Honolulu on May 2, 2024.\n"
        "The two ministers agreed to deepen cooperation on command and control.\n", encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (d / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 500)
    (d / "broken.warc.gz").write_bytes(gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\n" * 20)[:60])
    (d / "bad.html").write_text("<html><body><div><p>Unclosed <b>tags <i>everywhere", encoding="utf-8")
    result = invoke("run", str(d), str(tmp_path / "missing.txt"), "--db", str(tmp_path / "s.db"), "--workers", "1")
    assert result.exit_code == 0, result.output
    first = [line for line in result.output.splitlines() if " inputs: " in line][0]
    numbers = [int(tok) for tok in first.replace(",", " ").replace(";", " ").split() if tok.isdigit()]
    inputs, processed, duplicates, skipped, unchanged = numbers[:5]
    assert inputs == processed + duplicates + skipped + unchanged
    assert processed >= 1 and skipped >= 4
    docs = jsonl(invoke("documents", "--db", str(tmp_path / "s.db"), "--format", "jsonl").output)
    reasons = {Path(d["path"]).name: d["reason"] for d in docs if d["status"] == "skipped"}
    assert "empty" in reasons["empty.txt"]
    assert "missing.txt" in reasons and "no such file" in reasons["missing.txt"]
    assert "binary" in reasons["image.png"] or "unsupported" in reasons["image.png"]
    assert len(docs) == inputs


def test_kill_mid_run_leaves_a_consistent_store_and_the_next_run_finishes(tmp_path):
    N = 2000  # enough that a run cannot finish between its first commit and the kill
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(N):
        (corpus / f"n{i:04}.txt").write_text(
            f"Vietnam and Japan held defence talks in Hanoi on March {1 + i % 28}, 2024, item {i}.\n"
            f"Officials said the {i}th round of talks covered maritime security and training number {i * 7}.\n",
            encoding="utf-8")
    db = tmp_path / "k.db"
    cmd = [sys.executable, "-m", "eventline.cli", "run", str(corpus), "--db", str(db), "--quiet"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO, start_new_session=True)
    deadline = time.time() + 120
    while time.time() < deadline:  # wait until some documents are committed, then kill -9
        time.sleep(0.2)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as c:
                    n = c.execute("SELECT count(*) FROM documents").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if n >= 1:  # the first group of documents is in: kill now
                break
    os.killpg(proc.pid, signal.SIGKILL)  # the whole process group: the run and its workers
    proc.wait()
    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        done = c.execute("SELECT count(*) FROM documents").fetchone()[0]
        assert c.execute("SELECT count(*) FROM inputs").fetchone()[0] == done
    assert 0 < done < N
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{N} inputs:")
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT count(*) FROM inputs").fetchone()[0] == N


def test_stdin_is_read_as_one_input(tmp_path):
    text = "北京时间3月5日，越南国防部长潘文江在河内会见了日本防卫大臣木原稔。\n双方同意加强防务合作。\n"
    result = invoke("run", "-", "--db", str(tmp_path / "s.db"), input=text.encode("utf-8"))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("1 inputs: 1 processed")


# -- code / dates ---------------------------------------------------------------------------
def test_code_prints_schema_valid_events():
    text = "中谷元防衛相は30日、来日したヘグセス米国防長官と防衛省で会談した。"
    result = invoke("code", text, "--lang", "ja", "--date", "2025-03-30")
    assert result.exit_code == 0, result.output
    events = jsonl(result.output)
    validator = jsonschema.Draft202012Validator(_schema())
    for ev in events:
        validator.validate(ev)
    ev = _find(events, "2025-03-30", "Gen Nakatani", "Pete Hegseth")
    assert ev is not None and ev["type"] == "CONSULT"


def test_code_batch_reports_bad_lines_and_goes_on(tmp_path):
    batch = tmp_path / "b.jsonl"
    batch.write_text(
        json.dumps({"id": "a", "text": "Pete Hegseth met Gen Nakatani in Tokyo on March 30, 2025.", "lang": "en",
                    "date": "2025-03-31"}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "c", "body": "no text field"}) + "\n",
        encoding="utf-8")
    out = jsonl(invoke("code", "--jsonl", str(batch)).output)
    assert {o["input_id"] for o in out if "error" in o} == {2, "c"}
    assert any(o.get("input_id") == "a" and o.get("type") == "CONSULT" for o in out)


def test_dates_single_and_batch():
    out = jsonl(invoke("dates", "令和5年1月12日16時(現地時間)から60分間", "--lang", "ja", "--ref", "2023-01-13").output)
    assert out[0]["value"] == "2023-01-12T16:00" and out[0]["timezone"] == "local"
    assert set(out[0]) == {"text", "start", "end", "value", "precision", "timezone"}
    lines = json.dumps({"id": 1, "text": "3月30日", "lang": "ja", "ref": "2025-04-09"}) + "\n"
    out = jsonl(invoke("dates", "--jsonl", "-", input=lines).output)
    assert out == [{"text": "3月30日", "start": 0, "end": 5, "value": "2025-03-30", "precision": "day",
                    "timezone": None, "input_id": 1}]
    bad = CliRunner().invoke(main, ["dates", "3月30日", "--ref", "30/03/2025"])
    assert bad.exit_code != 0


@pytest.mark.slow
def test_ray_executor_gives_the_same_events_as_the_local_one(tmp_path, seeds_dir):
    pytest.importorskip("ray")
    local, distributed = tmp_path / "l.db", tmp_path / "r.db"
    assert invoke("run", str(seeds_dir), "--db", str(local), "--workers", "1").exit_code == 0
    result = invoke("run", str(seeds_dir), "--db", str(distributed), "--executor", "ray", "--workers", "2")
    assert result.exit_code == 0, result.output
    a = invoke("events", "--db", str(local), "--format", "jsonl").output
    b = invoke("events", "--db", str(distributed), "--format", "jsonl").output
    assert a == b and a.strip()


def test_documents_audit_view_shows_the_removed_pieces_and_why(seeds_db):
    docs = jsonl(invoke("documents", "--db", str(seeds_db), "--format", "jsonl").output)
    doc = next(d for d in docs if d["path"].endswith("002_4cde32165780ecdc.txt"))
    out = invoke("documents", "--db", str(seeds_db), "--id", doc["id"]).output
    assert "== cleaned text ==" in out and "日米防衛相会談(5月2日、ハワイ)の概要を発表" in out
    assert "ranking: Ranking読まれている記事" in out and "repeat:doubled-phrase" in out
    missing = CliRunner().invoke(main, ["documents", "--db", str(seeds_db), "--id", "nope"])
    assert missing.exit_code != 0 and "no document 'nope'" in missing.output


def test_a_crawl_date_yields_to_the_date_the_page_gives(tmp_path):
    from warcio.warcwriter import WARCWriter
    from warcio.statusandheaders import StatusAndHeaders
    import io

    page = ("<html><head><title>Talks in Manila</title></head><body><article>"
            "<p>2024-06-02 10:00</p><p>Defense Secretary Lloyd Austin met Philippine Defense Secretary "
            "Gilberto Teodoro in Manila on June 2, 2024, and the two agreed to expand joint patrols.</p>"
            "<p>Officials said the talks lasted ninety minutes and covered maritime security.</p>"
            "</article></body></html>").encode("utf-8")
    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record("https://news.example.org/manila", "response",
                                           payload=io.BytesIO(page), http_headers=headers,
                                           warc_headers_dict={"WARC-Date": "2024-07-15T08:00:00Z"})
        writer.write_record(record)
    db = tmp_path / "w.db"
    assert invoke("run", str(path), "--db", str(db), "--workers", "1").exit_code == 0
    (doc,) = jsonl(invoke("documents", "--db", str(db), "--format", "jsonl").output)
    assert doc["published"] == "2024-06-02"
