"""Evaluation gate: event coding on the labelled set (tests/data/events/gold.jsonl) keeps its floors.

The floors sit a little under the figures measured when they were set (bench/eval_events.py
prints them): a change may raise them, and must not lower them by accident.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "tests" / "data" / "events" / "gold.jsonl"
HELDOUT = REPO / "tests" / "data" / "events" / "heldout.jsonl"
HELDOUT2 = REPO / "tests" / "data" / "events" / "heldout2.jsonl"

#: Measured at 0.700 / 0.784 / 0.933 (strict events, events by type and date, pairwise merging)
#: and status 98/98 on the labelled set, with state organs coded as their states, protesters
#: by nationality and "the government" as the page's own state (docs/EVENTS.md, "Actors"), with
#: the upstream stages as of this writing.
FLOORS = {"strict_f1": 0.67, "loose_f1": 0.76, "merge_f1": 0.91, "status": 0.9}
#: The held-out set (written after the rules, never tuned on): measured 0.756 / 0.854 / 0.905.
HELDOUT_FLOORS = {"strict_f1": 0.72, "loose_f1": 0.82, "merge_f1": 0.87}
#: The second held-out set (written and annotated before the system saw it, never tuned on):
#: measured 0.659 / 0.818 / 0.982 (0.404 / 0.719 / 0.977 before the changes it was written with).
HELDOUT2_FLOORS = {"strict_f1": 0.62, "loose_f1": 0.78, "merge_f1": 0.95}


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_events", REPO / "bench" / "eval_events.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules.setdefault("eval_events", module)  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def result():
    if not GOLD.is_file():
        pytest.skip("labelled set tests/data/events/gold.jsonl not present")
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= 60 and {r["lang"] for r in rows} >= {"en", "ja", "zh", "ko", "vi"}
    return _eval_module().evaluate(rows)


def test_event_f1_floor(result) -> None:
    assert result.strict.f1 >= FLOORS["strict_f1"], result.strict.line("events (type+date+actors)")
    assert result.loose.f1 >= FLOORS["loose_f1"], result.loose.line("events (type+date)")


def test_status_accuracy_floor(result) -> None:
    assert result.status_right / max(1, result.status_total) >= FLOORS["status"]


def test_merge_f1_floor(result) -> None:
    assert result.merge.f1 >= FLOORS["merge_f1"], result.merge.line("merging (pairwise)")


def test_evaluation_scores_a_perfect_prediction_as_perfect() -> None:
    """The scorer itself: gold events given back as predictions score 1.0."""
    module = _eval_module()
    from eventline.document import Actor, Event, Source

    gold = [{"type": "CONSULT", "mode": None, "date": "2025-03-30", "date_alternatives": [], "status": "occurred",
             "actors": ["Pete Hegseth", "Gen Nakatani"], "recipients": [], "happening": "H1"}]
    pred = [Event(id="e", type="CONSULT", date="2025-03-30", date_precision="day",
                  actors=[Actor("Pete Hegseth", "person"), Actor("Gen Nakatani", "person")],
                  sources=[Source("d", "en", "q", 0, 1)])]
    assert module.match(pred, gold, strict=True) == [(0, 0)]


def test_heldout_floors() -> None:
    """The honest figure: texts written after the rules, scored separately, never tuned on."""
    if not HELDOUT.is_file():
        pytest.skip("held-out set tests/data/events/heldout.jsonl not present")
    rows = [json.loads(line) for line in HELDOUT.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) == 30 and {r["lang"] for r in rows} == {"en", "ja", "zh", "ko", "vi"}
    res = _eval_module().evaluate(rows)
    assert res.strict.f1 >= HELDOUT_FLOORS["strict_f1"], res.strict.line("held-out strict")
    assert res.loose.f1 >= HELDOUT_FLOORS["loose_f1"], res.loose.line("held-out type+date")
    assert res.merge.f1 >= HELDOUT_FLOORS["merge_f1"], res.merge.line("held-out merging")


def test_heldout2_floors() -> None:
    """The second honest figure: 30 more texts annotated before the system was run on them."""
    if not HELDOUT2.is_file():
        pytest.skip("held-out set tests/data/events/heldout2.jsonl not present")
    rows = [json.loads(line) for line in HELDOUT2.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) == 30 and {r["lang"] for r in rows} == {"en", "ja", "zh", "ko", "vi"}
    assert all(sum(r["lang"] == lang for r in rows) == 6 for lang in ("en", "ja", "zh", "ko", "vi"))
    res = _eval_module().evaluate(rows)
    assert res.strict.f1 >= HELDOUT2_FLOORS["strict_f1"], res.strict.line("held-out 2 strict")
    assert res.loose.f1 >= HELDOUT2_FLOORS["loose_f1"], res.loose.line("held-out 2 type+date")
    assert res.merge.f1 >= HELDOUT2_FLOORS["merge_f1"], res.merge.line("held-out 2 merging")
    assert res.status_right == res.status_total
