"""Speed of the cleaner, and trafilatura next to it on the same HTML pages.

    python bench/bench_clean.py [--seconds 2]

1. `clean_text` documents/s on plain-text pages of about 2.5k characters (the seed pages when
   available, and labelled pages joined four by four).
2. On the labelled pages rendered as HTML (tests/data/clean/html): trafilatura.extract alone,
   and our path (all text of the page's block elements, then `clean_text`), each with documents/s
   and line-level precision/recall of the article lines they return.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import time
from pathlib import Path

from eventline.pipeline.clean import clean_text

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(os.environ.get("EVENTLINE_SEEDS", ROOT.parent / "shared" / "seeds"))


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_clean", ROOT / "bench" / "eval_clean.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_clean"] = module
    spec.loader.exec_module(module)
    return module


def rate(fn, items: list, seconds: float) -> float:
    """Items per second of CPU time for `fn` over `items`, repeated for about `seconds`."""
    for item in items:
        fn(item)
    done, start = 0, time.process_time()
    while time.process_time() - start < seconds:
        for item in items:
            fn(item)
        done += len(items)
    return done / (time.process_time() - start)


def html_blocks_text(html: str) -> str:
    """All text of the page, one line per block element (what our cleaner gets without an extractor)."""
    import lxml.html

    root = lxml.html.fromstring(html)
    for bad in root.xpath("//head|//script|//style"):
        bad.drop_tree()
    lines = []
    for el in root.iter("h1", "h2", "h3", "p", "li", "div", "td"):
        if len(el) == 0 or el.tag in ("p", "li", "h1", "h2", "h3"):
            text = " ".join(el.text_content().split())
            if text:
                lines.append(text)
    return "\n".join(lines)


def line_scores(output: str, page) -> tuple[int, int, int]:
    """(kept and should keep, kept but should drop, should keep but missing) for one page."""
    out = output.replace("\n", " ")
    kept_text = " ".join(line.text for line in page.lines if line.keep)
    tp = fp = fn = 0
    for line in page.lines:
        if line.keep is None:
            continue
        target = line.repaired or line.text
        present = target in out
        if line.keep and present:
            tp += 1
        elif line.keep:
            fn += 1
        elif present and len(line.text) > 3 and line.text not in kept_text:
            fp += 1  # (a dropped repeat of a kept line cannot be told apart by presence)
    return tp, fp, fn


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="CPU seconds per measurement")
    args = parser.parse_args(argv)
    ev = _eval_module()
    pages = ev.load_pages()
    texts = ["\n".join(p.raw for p in pages[i:i + 4]) for i in range(0, len(pages) - 3, 4)]
    if (SEEDS / "gold.json").is_file():
        texts += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("0*.txt"))]
    avg = sum(map(len, texts)) / len(texts)
    print(f"clean_text: {rate(clean_text, texts, args.seconds):7.0f} docs/s "
          f"({len(texts)} pages, {avg:.0f} characters on average, 1 core)")

    html_dir = ev.HTML_DIR
    by_id = {p.id: p for p in pages}
    html_pages = [(by_id[f.stem], f.read_text(encoding="utf-8")) for f in sorted(html_dir.glob("*.html"))]
    if not html_pages:
        print("no HTML pages: run `python bench/eval_clean.py --write-html` first")
        return 0
    import trafilatura

    def ours(html: str) -> str:
        return clean_text(html_blocks_text(html)).text

    def theirs(html: str) -> str:
        return trafilatura.extract(html, include_comments=False) or ""

    htmls = [h for _, h in html_pages]
    print(f"HTML pages: {len(html_pages)} ({', '.join(sorted({p.lang for p, _ in html_pages}))})")
    for name, fn in (("trafilatura", theirs), ("ours (blocks + clean_text)", ours),
                     ("trafilatura + clean_text", lambda h: clean_text(theirs(h)).text)):
        tp = fp = fn_ = 0
        for page, html in html_pages:
            a, b, c = line_scores(fn(html), page)
            tp, fp, fn_ = tp + a, fp + b, fn_ + c
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn_) if tp + fn_ else 1.0
        print(f"  {name:<28}{rate(fn, htmls, args.seconds):7.0f} docs/s   keep P {precision:.3f}  R {recall:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
