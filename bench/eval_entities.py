"""Precision and recall of entity resolution on our hand-written test set (tests/data/entities/eval.jsonl).

Each row: {lang, text, date, mentions: [{text, entity}]}, where entity is a canonical English name,
"discovered" (a person the KB lacks, who must get a discovered id), or null (not an entity: the
system must not resolve anything there). The k-th gold mention with a given text is the k-th
occurrence of that text in the row, unless the gold mention gives "n" (which occurrence, from 1).
A prediction counts for a gold mention when it overlaps it, or,
for a title whose person is named right next to it (美国国防部长赫格塞思), when the person mention
beside it carries the role.

precision = correct resolutions / resolutions made on gold spans; recall = correct / non-null gold.
tests/data/entities/heldout.jsonl is scored separately (written after tuning, never used for it).
Run: python bench/eval_entities.py [--verbose]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from eventline.document import Document, Mention
from eventline.kb import KnowledgeBase
from eventline.pipeline.entities import EntityStage

EVAL = Path(__file__).resolve().parents[1] / "tests" / "data" / "entities" / "eval.jsonl"
#: written after the rules were tuned and never used to tune them: the honest figure
HELDOUT = EVAL.with_name("heldout.jsonl")


def load_rows(path: Path = EVAL) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _gold_spans(row: dict) -> list[tuple[int, int, str | None, str]]:
    seen: dict[str, int] = {}
    out = []
    for g in row["mentions"]:
        k = g["n"] - 1 if "n" in g else seen.get(g["text"], 0)
        seen[g["text"]] = k + 1
        pos = -1
        for _ in range(k + 1):
            pos = row["text"].find(g["text"], pos + 1)
        if pos < 0:
            raise ValueError(f"gold mention {g['text']!r} not found {k + 1} times in {row['text']!r}")
        out.append((pos, pos + len(g["text"]), g["entity"], g["text"]))
    return out


def _predicted(mentions: list[Mention], start: int, end: int) -> Mention | None:
    best, overlap = None, 0
    for m in mentions:
        o = min(end, m.end) - max(start, m.start)
        if o > overlap:
            best, overlap = m, o
    if best is None:  # a title attached to the name beside it
        for m in mentions:
            if m.role and m.type == "person" and (0 <= m.start - end <= 3 or 0 <= start - m.end <= 3):
                return m
    return best


def evaluate(kb: KnowledgeBase, rows: list[dict], verbose: bool = False) -> dict[str, float]:
    """Run the stage on every row and score it; returns precision, recall, counts."""
    stage = EntityStage(kb)
    made = correct = gold_total = 0
    errors: list[str] = []
    for i, row in enumerate(rows):
        doc = Document(id=str(i), path=f"eval:{i}", raw=row["text"], text=row["text"],
                       language=row["lang"], published=row.get("date"))
        stage(doc)
        for start, end, want, text in _gold_spans(row):
            pred = _predicted(doc.mentions, start, end)
            got: str | None = None
            if pred is not None and pred.entity_id:
                ent = kb.get(pred.entity_id)
                got = ent.name if ent else "discovered"
            if want is not None:
                gold_total += 1
            if got is not None:
                made += 1
            if got is not None and got == want:
                correct += 1
            elif got != want:
                errors.append(f"[{row['lang']}] {text!r}: want {want!r}, got {got!r}  | {row['text'][:60]}")
    precision = correct / made if made else 0.0
    recall = correct / gold_total if gold_total else 0.0
    if verbose:
        for e in errors:
            print(e)
    return {"precision": precision, "recall": recall, "correct": correct, "made": made, "gold": gold_total,
            "rows": len(rows), "errors": len(errors)}


def main(argv: list[str]) -> int:
    kb = KnowledgeBase.default()
    verbose = "--verbose" in argv or "-v" in argv
    for label, path in (("eval", EVAL), ("held-out", HELDOUT)):
        if not path.is_file():
            continue
        scores = evaluate(kb, load_rows(path), verbose=verbose)
        print(f"[{label}] rows {scores['rows']}  gold mentions {scores['gold']}  resolutions {scores['made']}  "
              f"correct {scores['correct']}")
        print(f"[{label}] precision {scores['precision']:.3f}  recall {scores['recall']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
