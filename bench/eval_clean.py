"""Line-level precision and recall of the cleaner on the labelled pages in tests/data/clean/pages.

    python bench/eval_clean.py            # scores per language and overall, and the misses
    python bench/eval_clean.py --quiet    # scores only
    python bench/eval_clean.py --write-html   # (re)write tests/data/clean/html/*.html

"Keep" is the positive class: precision is the share of lines the cleaner kept that should be
kept, recall the share of lines that should be kept that it kept. A line counts as kept when
less than half of its characters fall in removed spans. "~" lines must also come out repaired.
"""

from __future__ import annotations

import argparse
import html
import sys
from dataclasses import dataclass, field
from pathlib import Path

from eventline.pipeline.clean import clean_text

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "tests" / "data" / "clean" / "pages"
HTML_DIR = ROOT / "tests" / "data" / "clean" / "html"


@dataclass(slots=True)
class LabelledLine:
    text: str
    keep: bool | None  # None for a blank line
    repaired: str | None = None


@dataclass(slots=True)
class Page:
    id: str
    lang: str
    lines: list[LabelledLine] = field(default_factory=list)

    @property
    def raw(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass(slots=True)
class Scores:
    true_keep: int = 0
    false_keep: int = 0
    false_drop: int = 0
    true_drop: int = 0
    repairs: int = 0
    repairs_ok: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        kept = self.true_keep + self.false_keep
        return self.true_keep / kept if kept else 1.0

    @property
    def recall(self) -> float:
        gold = self.true_keep + self.false_drop
        return self.true_keep / gold if gold else 1.0

    @property
    def drop_precision(self) -> float:
        dropped = self.true_drop + self.false_drop
        return self.true_drop / dropped if dropped else 1.0

    @property
    def drop_recall(self) -> float:
        gold = self.true_drop + self.false_keep
        return self.true_drop / gold if gold else 1.0

    def add(self, other: "Scores") -> None:
        self.true_keep += other.true_keep
        self.false_keep += other.false_keep
        self.false_drop += other.false_drop
        self.true_drop += other.true_drop
        self.repairs += other.repairs
        self.repairs_ok += other.repairs_ok
        self.misses.extend(other.misses)


def load_pages(folder: Path = PAGES) -> list[Page]:
    """Parse every `<lang>.txt` file of labelled pages (format: tests/data/clean/README.md)."""
    pages: list[Page] = []
    for path in sorted(folder.glob("*.txt")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith("=== "):
                page_id, lang = line[4:].split()
                pages.append(Page(page_id, lang))
            elif not pages:
                raise ValueError(f"{path}:{number}: a page must start with '=== <id> <lang>'")
            elif not line.strip():
                pages[-1].lines.append(LabelledLine("", None))
            elif line[:2] in ("+ ", "- ", "~ "):
                pages[-1].lines.append(LabelledLine(line[2:], line[0] != "-"))
            elif line.startswith("= "):
                pages[-1].lines[-1].repaired = line[2:]
            else:
                raise ValueError(f"{path}:{number}: lines start with '+ ', '- ', '~ ', '= ' or '==='")
    return pages


def score_page(page: Page) -> Scores:
    """Run the cleaner on one page and compare each labelled line with what it did."""
    raw = page.raw
    result = clean_text(raw)
    removed = [0] * (len(raw) + 1)
    for r in result.removed:
        removed[r.start] += 1
        removed[r.end] -= 1
    covered, depth = [], 0
    for i in range(len(raw)):
        depth += removed[i]
        covered.append(depth > 0)
    scores = Scores()
    pos = 0
    for line in page.lines:
        start, end = pos, pos + len(line.text)
        pos = end + 1
        if line.keep is None:
            continue
        chars = [i for i in range(start, end) if not raw[i].isspace()]
        kept = sum(1 for i in chars if not covered[i]) * 2 > len(chars)
        if line.keep and kept:
            scores.true_keep += 1
        elif line.keep:
            scores.false_drop += 1
            scores.misses.append(f"{page.id}: dropped a line to keep: {line.text[:70]}")
        elif kept:
            scores.false_keep += 1
            scores.misses.append(f"{page.id}: kept a line to drop: {line.text[:70]}")
        else:
            scores.true_drop += 1
        if line.repaired is not None:
            scores.repairs += 1
            if line.repaired in result.text:
                scores.repairs_ok += 1
            else:
                scores.misses.append(f"{page.id}: not repaired: {line.text[:70]}")
    return scores


def evaluate(pages: list[Page]) -> dict[str, Scores]:
    """Scores per language and under "all"."""
    out: dict[str, Scores] = {"all": Scores()}
    for page in pages:
        scores = score_page(page)
        out.setdefault(page.lang, Scores()).add(scores)
        out["all"].add(scores)
    return out


def render_html(page: Page) -> str:
    """The page as a simple site would serve it: furniture in nav/aside/footer, text in <article>."""
    first_keep = next((i for i, l in enumerate(page.lines) if l.keep), 0)
    last_keep = max((i for i, l in enumerate(page.lines) if l.keep), default=0)
    head, body, tail = [], [], []
    for i, line in enumerate(page.lines):
        if line.keep is None:
            continue
        text = html.escape(line.text)
        if i < first_keep:
            head.append(f"<li>{text}</li>")
        elif i > last_keep:
            tail.append(f"<li>{text}</li>")
        elif line.keep and i == first_keep:
            body.append(f"<h1>{text}</h1>")
        elif line.keep:
            body.append(f"<p>{text}</p>")
        else:
            body.append(f'<div class="meta">{text}</div>')
    return (
        f'<!doctype html><html lang="{page.lang}"><head><meta charset="utf-8"><title>{page.id}</title></head>'
        f'<body><nav><ul>{"".join(head)}</ul></nav><main><article>{"".join(body)}</article>'
        f'<aside><ul>{"".join(tail[: len(tail) // 2 + 1])}</ul></aside></main>'
        f'<footer><ul>{"".join(tail[len(tail) // 2 + 1:])}</ul></footer></body></html>\n'
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quiet", action="store_true", help="print scores only")
    parser.add_argument("--write-html", action="store_true", help="rewrite the HTML renderings")
    args = parser.parse_args(argv)
    pages = load_pages()
    if args.write_html:
        HTML_DIR.mkdir(parents=True, exist_ok=True)
        by_lang: dict[str, int] = {}
        for page in pages:
            if by_lang.get(page.lang, 0) < 2:
                by_lang[page.lang] = by_lang.get(page.lang, 0) + 1
                (HTML_DIR / f"{page.id}.html").write_text(render_html(page), encoding="utf-8")
    results = evaluate(pages)
    print(f"{len(pages)} pages, {sum(len(p.lines) for p in pages)} lines")
    print(f"{'lang':<6}{'keep P':>8}{'keep R':>8}{'drop P':>8}{'drop R':>8}{'repairs':>9}")
    for lang, s in sorted(results.items(), key=lambda kv: (kv[0] == "all", kv[0])):
        print(f"{lang:<6}{s.precision:8.3f}{s.recall:8.3f}{s.drop_precision:8.3f}{s.drop_recall:8.3f}"
              f"{s.repairs_ok:>5}/{s.repairs}")
    if not args.quiet:
        for miss in results["all"].misses:
            print("  " + miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
