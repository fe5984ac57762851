"""The time-expression test table: `tests/data/time/cases.txt` (and `cases_<lang>.txt`), read into rows.

One case per line: `lang | ref | text | expected`. `lang` `*` means no language given (all patterns apply);
`ref` is YYYY-MM-DD or `-` (no reference).
`expected` lists every expression the text holds, in order, separated by ` ; `, each written
`snippet => value` with optional ` @zone`, ` ..end_value` and ` ^index` (alternative_of);
`-` means the text holds no date. Lines starting with `#` are comments. Precision follows from the
value (YYYY year, YYYY-MM month, YYYY-MM-DD day, with Thh:mm minute).

Shared by the tests and by bench/bench_time.py (which imports `load_cases` from here).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

TABLE = Path(__file__).resolve().parent / "data" / "time" / "cases.txt"


@dataclass(slots=True)
class Expected:
    text: str
    value: str
    timezone: str | None = None
    end_value: str | None = None
    alternative_of: int | None = None

    @property
    def precision(self) -> str:
        if "T" in self.value:
            return "minute"
        return {4: "year", 7: "month", 10: "day"}[len(self.value)]


@dataclass(slots=True)
class Case:
    line: int
    lang: str | None
    ref: date | None
    text: str
    expected: list[Expected] = field(default_factory=list)
    table: str = "cases"

    @property
    def id(self) -> str:
        prefix = "" if self.table == "cases" else f"{self.table}-"
        return f"{prefix}L{self.line}-{self.lang or 'any'}"


def _expected(item: str) -> Expected:
    snippet, _, rest = item.partition(" => ")
    parts = rest.split()
    exp = Expected(snippet.strip(), parts[0])
    for part in parts[1:]:
        if part.startswith("@"):
            exp.timezone = part[1:]
        elif part.startswith(".."):
            exp.end_value = part[2:]
        elif part.startswith("^"):
            exp.alternative_of = int(part[1:])
        else:
            raise ValueError(f"unknown marker {part!r} in {item!r}")
    return exp


def load_cases(path: Path = TABLE) -> list[Case]:
    """Every case of the table, with the line it is on (for messages)."""
    cases = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cols = [c.strip() for c in raw.split(" | ")]
        if len(cols) != 4:
            raise ValueError(f"{path.name}:{n}: expected 4 columns 'lang | ref | text | expected', got {len(cols)}")
        lang, ref, text, expected = cols
        items = [] if expected == "-" else [_expected(i) for i in expected.split(" ; ")]
        cases.append(Case(n, None if lang == "*" else lang, None if ref == "-" else date.fromisoformat(ref), text, items))
    return cases


def load_all_cases(folder: Path = TABLE.parent) -> list[Case]:
    """The rows of every `cases*.txt` table (one file per added language keeps edits apart)."""
    out: list[Case] = []
    for path in sorted(folder.glob("cases*.txt")):
        for case in load_cases(path):
            case.table = path.stem
            out.append(case)
    return out


# --- the test -----------------------------------------------------------------------------------

import pytest  # noqa: E402

from eventline.pipeline.time import find_times  # noqa: E402

CASES = load_all_cases()


def found(case: Case) -> list[tuple]:
    """What find_times gives for a case, in the table's terms."""
    return [
        (t.text, t.value, t.precision, t.timezone, t.end_value, t.alternative_of)
        for t in find_times(case.text, case.lang, case.ref)
    ]


def wanted(case: Case) -> list[tuple]:
    return [(e.text, e.value, e.precision, e.timezone, e.end_value, e.alternative_of) for e in case.expected]


def test_table_is_big_enough_and_covers_five_languages() -> None:
    assert len(CASES) >= 400
    by_lang = {lang: sum(1 for c in CASES if c.lang == lang) for lang in ("en", "ja", "zh", "ko", "vi")}
    assert all(n >= 40 for n in by_lang.values()), by_lang
    assert sum(1 for c in CASES if not c.expected) >= 40, "negative rows (no date) keep false positives out"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(case: Case) -> None:
    assert found(case) == wanted(case), case.text
