"""Throughput of the read and lang stages on a few thousand small inputs built in a temp folder.

Prints documents/s for iter_inputs + decode + LanguageStage (one process), split by input kind,
and the cost of detect() on a 2.5k-character page. Run: python bench/bench_read.py [N]
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from eventline.document import Document
from eventline.pipeline.lang import LanguageStage, detect
from eventline.pipeline.read import decode, iter_inputs

# Sentences written for this benchmark, one per language; pages repeat them to ~2.5k characters.
SENTENCES = {
    "ja": "政府は十五日、来年度の予算案を閣議で決定した。防衛費は過去最大となり、財源の確保が課題となっている。\n",
    "zh": "国务院新闻办公室十五日举行发布会，介绍今年前三季度经济运行情况，发言人表示就业形势总体稳定。\n",
    "ko": "정부는 15일 국무회의를 열고 내년도 예산안을 의결했다. 국방 예산은 역대 최대 규모로 편성됐다.\n",
    "vi": "Chính phủ đã thông qua dự toán ngân sách năm tới trong phiên họp thường kỳ ngày 15 vừa qua.\n",
    "en": "The two defence ministers met in Honolulu on Thursday to discuss closer cooperation.\n",
}


def page(lang: str, n: int, chars: int = 2500) -> str:
    line = SENTENCES[lang]
    return (f"{n}: " + line * (chars // len(line) + 1))[:chars]


def build(folder: Path, count: int) -> dict[str, int]:
    """Write `count` inputs: mostly .txt, some .json, .html and one .jsonl holding many lines."""
    langs = list(SENTENCES)
    kinds = {"txt": 0, "json": 0, "html": 0, "jsonl": 0}
    with open(folder / "batch.jsonl", "w", encoding="utf-8") as batch:
        for i in range(count):
            lang = langs[i % len(langs)]
            text = page(lang, i)
            slot = i % 10
            if slot < 6:
                (folder / f"{i:05d}.txt").write_text(text, encoding="utf-8")
                kinds["txt"] += 1
            elif slot < 8:
                (folder / f"{i:05d}.json").write_text(json.dumps({"text": text, "date": "2024-05-03"}, ensure_ascii=False), encoding="utf-8")
                kinds["json"] += 1
            elif slot < 9:
                body = "".join(f"<p>{line}</p>" for line in text.splitlines())
                (folder / f"{i:05d}.html").write_text(f"<html><body><article>{body}</article></body></html>", encoding="utf-8")
                kinds["html"] += 1
            else:
                batch.write(json.dumps({"text": text}, ensure_ascii=False) + "\n")
                kinds["jsonl"] += 1
    return kinds


def run(paths: list[str]) -> tuple[int, float]:
    stage = LanguageStage()
    start = time.perf_counter()
    done = 0
    for raw in iter_inputs(paths):
        doc = decode(raw) if not hasattr(raw, "reason") else raw
        if isinstance(doc, Document):
            stage(doc)
            done += 1
    return done, time.perf_counter() - start


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        kinds = build(folder, count)
        done, seconds = run([str(folder)])
        print(f"inputs: {kinds}")
        print(f"all kinds: {done} documents in {seconds:.2f} s = {done / seconds:,.0f} documents/s (1 process)")
        for ext in ("txt", "json", "html"):
            files = sorted(str(p) for p in folder.glob(f"*.{ext}"))
            done, seconds = run(files)
            print(f"  .{ext}: {done / seconds:,.0f} documents/s")
        done, seconds = run([str(folder / "batch.jsonl")])
        print(f"  .jsonl: {done / seconds:,.0f} documents/s")

    for lang in SENTENCES:
        text = page(lang, 0)
        detect(text)
        rounds = 300
        start = time.perf_counter()
        for _ in range(rounds):
            detect(text)
        print(f"detect() {lang}: {(time.perf_counter() - start) / rounds * 1000:.3f} ms per 2.5k-character page")


if __name__ == "__main__":
    main()
