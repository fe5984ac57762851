"""Our time tagger against dateparser's search_dates on the same table (tests/data/time/cases.txt).

Run: python bench/bench_time.py [--limit N] [--lang ja]

For each case both tools read the text with the case's reference date. An expected expression
counts as found when the tool returns a date equal to the expected value at the expected precision
(dateparser returns full datetimes, so it is compared only down to the precision we expect, which
is lenient to it; the span text is not compared). A case is right when every expected value is
found and nothing else is returned (a negative row is right when nothing is returned). Printed:
case accuracy, expression recall and precision, and expressions per second (gold expressions in
the cases read, divided by the time the tool took).
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from test_time_table import Case, load_cases  # noqa: E402

from eventline.pipeline.time import find_times  # noqa: E402

#: A tool maps a case to the values it found, each truncated to the expected precision by the caller.
Tool = Callable[[Case], list[datetime | str]]


def ours(case: Case) -> list[datetime | str]:
    return [t.value for t in find_times(case.text, case.lang, case.ref)]


def dateparser_tool(case: Case) -> list[datetime | str]:
    from dateparser.search import search_dates  # noqa: PLC0415 - heavy import, only for the bench

    settings: dict = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if case.ref is not None:
        settings["RELATIVE_BASE"] = datetime(case.ref.year, case.ref.month, case.ref.day)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            found = search_dates(case.text, languages=[case.lang] if case.lang else None, settings=settings)
        except Exception:  # noqa: BLE001 - a crash on one text counts as finding nothing
            found = None
    return [dt for _, dt in found or []]


def _as(value: datetime | str, precision_len: int) -> str:
    """A found value at the length of the expected one (YYYY, YYYY-MM, YYYY-MM-DD, ...Thh:mm)."""
    text = value.strftime("%Y-%m-%dT%H:%M") if isinstance(value, datetime) else value
    return text[:precision_len]


@dataclass(slots=True)
class Score:
    cases: int = 0
    right: int = 0
    expected: int = 0
    found: int = 0
    returned: int = 0
    seconds: float = 0.0

    def line(self, name: str) -> str:
        acc = self.right / self.cases if self.cases else 0.0
        rec = self.found / self.expected if self.expected else 0.0
        prec = self.found / self.returned if self.returned else 0.0
        rate = self.expected / self.seconds if self.seconds else 0.0
        return (f"{name:<12} case accuracy {acc:6.1%}  recall {rec:6.1%}  precision {prec:6.1%}  "
                f"{rate:10.0f} expressions/s  ({self.seconds:.2f} s for {self.cases} cases)")


def score(tool: Tool, cases: list[Case]) -> Score:
    s = Score()
    for case in cases:
        start = time.perf_counter()
        values = tool(case)
        s.seconds += time.perf_counter() - start
        s.cases += 1
        s.expected += len(case.expected)
        s.returned += len(values)
        unmatched = list(values)
        hits = 0
        for exp in case.expected:
            for v in unmatched:
                if _as(v, len(exp.value)) == exp.value:
                    unmatched.remove(v)
                    hits += 1
                    break
        s.found += hits
        s.right += hits == len(case.expected) and not unmatched
    return s


def pages_per_second(seeds: Path) -> str | None:
    """Our tagger on the sample pages (when present), cut to 2,500 characters like a typical page."""
    pages = [p.read_text(encoding="utf-8")[:2500] for p in sorted(seeds.glob("0*.txt"))]
    if not pages:
        return None
    langs = ["zh", "ja", "ja", "ja", "vi"]
    for text, lang in zip(pages, langs):
        find_times(text, lang, None)
    runs = 40
    start = time.perf_counter()
    for _ in range(runs):
        for text, lang in zip(pages, langs):
            find_times(text, lang, None)
    per_page = (time.perf_counter() - start) / (runs * len(pages))
    return f"eventline    {per_page * 1000:.2f} ms per 2.5k-char sample page ({1 / per_page:.0f} pages/s on one core)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="read only the first N cases")
    parser.add_argument("--lang", default=None, help="only cases of this language")
    args = parser.parse_args()
    cases = [c for c in load_cases() if args.lang is None or c.lang == args.lang]
    if args.limit:
        cases = cases[: args.limit]
    for lang in {c.lang for c in cases}:  # compile grammars and load models outside the timing
        first = next(c for c in cases if c.lang == lang)
        ours(first)
        dateparser_tool(first)
    print(f"{len(cases)} cases, {sum(len(c.expected) for c in cases)} expected expressions")
    print(score(ours, cases).line("eventline"))
    print(score(dateparser_tool, cases).line("dateparser"))
    pages = pages_per_second(Path(__file__).resolve().parents[2] / "shared" / "seeds")
    if pages:
        print(pages)


if __name__ == "__main__":
    main()
