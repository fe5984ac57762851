"""Evaluate event coding on the labelled set (tests/data/events/gold.jsonl) and on the seeds.

Prints precision, recall and F1 of events, strict (type + date + participants) and by type + date
only, and pairwise precision/recall/F1 of merging (same happening <-> same canonical event).

    python bench/eval_events.py [--gold tests/data/events/gold.jsonl] [--heldout tests/data/events/heldout.jsonl]
                                [--heldout2 tests/data/events/heldout2.jsonl] [--languages]
                                [--only labelled|heldout|heldout2|languages|seeds]
                                [--seeds ../shared/seeds] [-v] [--show-merge-errors]

The held-out sets were written after the rules and are never tuned on: their figures are reported
separately, as the honest estimate on unseen text. `--languages` adds the per-language sets
(gold_<lang>.jsonl: fr, de, es, ru, id).
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any, Iterable

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "tests" / "data" / "events" / "gold.jsonl"
HELDOUT = REPO / "tests" / "data" / "events" / "heldout.jsonl"
HELDOUT2 = REPO / "tests" / "data" / "events" / "heldout2.jsonl"
DATA = REPO / "tests" / "data" / "events"
SEEDS = REPO.parent / "shared" / "seeds"


# --- matching -----------------------------------------------------------------------------

def fold(name: str) -> str:
    """A name compared without case and diacritics ("Phan Văn Giang" = "Phan Van Giang")."""
    decomposed = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def names(actors: Iterable[Any]) -> set[str]:
    """Folded names of actors given as dicts, dataclasses or plain strings."""
    out = set()
    for a in actors:
        out.add(fold(a if isinstance(a, str) else a["name"] if isinstance(a, dict) else a.name))
    return out


def date_ok(pred_date: str | None, pred_alts: Iterable[str], gold_date: str, gold_alts: Iterable[str]) -> bool:
    """The predicted date is the gold date or one of its allowed alternatives."""
    if not pred_date:
        return False
    allowed = {gold_date, *gold_alts}
    return pred_date in allowed


def participants_ok(pred: set[str], gold: set[str]) -> bool:
    """Every gold participant found, and nothing but gold participants (any side)."""
    return pred == gold if gold else True


def mode_ok(pred: str | None, gold: str | None) -> bool:
    """A visit is only a visit and a call only a call; other modes are not scored."""
    special = {"visit", "phone"}
    return pred == gold or (pred not in special and gold not in special)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def line(self, label: str) -> str:
        return f"{label:<28} P={self.p:.3f} R={self.r:.3f} F1={self.f1:.3f}  (tp={self.tp} fp={self.fp} fn={self.fn})"


def match(preds: list[Any], golds: list[dict], strict: bool, undated: bool = False) -> list[tuple[int, int]]:
    """Greedy one-to-one matching of predicted to gold events of one text.

    `undated`: a prediction without a date may match by type and participants (used to follow
    mentions into the merge, where a dated report supplies the date).
    """
    pairs = []
    for gi, g in enumerate(golds):
        gnames = names(g["actors"]) | names(g["recipients"])
        for pi, p in enumerate(preds):
            if p.type != g["type"] or not mode_ok(p.mode, g.get("mode")):
                continue
            if undated and p.date is None:
                if not (names(p.actors) | names(p.recipients)) & gnames:
                    continue
            elif not date_ok(p.date, p.date_alternatives, g["date"], g.get("date_alternatives", [])):
                continue
            pnames = names(p.actors) | names(p.recipients)
            score = len(pnames & gnames) / max(1, len(pnames | gnames))
            if strict and not participants_ok(pnames, gnames):
                continue
            pairs.append((-score, gi, pi))
    pairs.sort()
    used_g, used_p, out = set(), set(), []
    for _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


# --- running ------------------------------------------------------------------------------

@dataclass
class Result:
    strict: Score = field(default_factory=Score)
    loose: Score = field(default_factory=Score)
    status_right: int = 0
    status_total: int = 0
    merge: Score = field(default_factory=Score)
    misses: list[str] = field(default_factory=list)
    merge_errors: list[str] = field(default_factory=list)


def evaluate(rows: list[dict], verbose: bool = False, show_merge_errors: bool = False) -> Result:
    """Code every text, score its events, then merge everything and score the merging."""
    from eventline.pipeline.events import process_text
    from eventline.pipeline.merge import merge_events, mention_key

    res = Result()
    all_mentions = []
    gold_to_mention: dict[tuple[str, int], str] = {}
    happening: dict[tuple[str, int], str] = {}
    mention_of: dict[tuple[str, int], Any] = {}
    for row in rows:
        doc = process_text(row["text"], row.get("lang"), row.get("published"))
        events = merge_events(doc.events)
        golds = row["events"]
        for strict, score in ((True, res.strict), (False, res.loose)):
            pairs = match(events, golds, strict)
            score.tp += len(pairs)
            score.fp += len(events) - len(pairs)
            score.fn += len(golds) - len(pairs)
            if strict:
                for gi, pi in pairs:
                    res.status_total += 1
                    res.status_right += events[pi].status == golds[gi]["status"]
                if verbose:
                    matched_g = {gi for gi, _ in pairs}
                    matched_p = {pi for _, pi in pairs}
                    for gi, g in enumerate(golds):
                        if gi not in matched_g:
                            res.misses.append(f"{row['id']} MISS {g['type']}/{g['mode']} {g['date']} {g['actors']}->{g['recipients']} {g['status']}")
                    for pi, p in enumerate(events):
                        if pi not in matched_p:
                            res.misses.append(f"{row['id']} EXTRA {p.type}/{p.mode} {p.date} {sorted(names(p.actors))}->{sorted(names(p.recipients))} {p.status} | {p.sources[0].quote[:70]}")
        # merge evaluation works on the document's event mentions
        # A happening may be cited by several quotes of one text (copies of one mention that
        # differ only in the quote): it is matched once.
        seen, distinct = set(), []
        for em in doc.events:
            sig = (em.type, em.mode, em.date, tuple(em.date_alternatives), em.event_key,
                   tuple(sorted(a.name for a in em.actors)), tuple(sorted(a.name for a in em.recipients)))
            if sig not in seen:
                seen.add(sig)
                distinct.append(em)
        mpairs = match(distinct, golds, strict=False, undated=True)
        for gi, pi in mpairs:
            gold_to_mention[(row["id"], gi)] = mention_key(distinct[pi])
            happening[(row["id"], gi)] = golds[gi]["happening"]
            mention_of[(row["id"], gi)] = distinct[pi]
        all_mentions.extend(doc.events)
    merged = merge_events(all_mentions)
    cluster_of: dict[str, str] = {}
    for ev in merged:
        for s in ev.sources:
            for t in (ev.type,):
                cluster_of[f"{s.document}:{s.start}:{s.end}:{t}"] = ev.id
    keys = sorted(gold_to_mention)
    for a, b in combinations(keys, 2):
        if a[0] == b[0]:
            continue
        same_gold = happening[a] == happening[b]
        ca, cb = cluster_of.get(gold_to_mention[a]), cluster_of.get(gold_to_mention[b])
        same_pred = ca is not None and ca == cb
        if same_gold and same_pred:
            res.merge.tp += 1
        elif same_pred:
            res.merge.fp += 1
            if show_merge_errors:
                res.merge_errors.append(_merge_error("WRONG", a, b, happening, mention_of))
            if verbose:
                res.misses.append(f"MERGE-WRONG {a[0]}#{a[1]} {happening[a]} with {b[0]}#{b[1]} {happening[b]}")
        elif same_gold:
            res.merge.fn += 1
            if show_merge_errors:
                res.merge_errors.append(_merge_error("MISSED", a, b, happening, mention_of))
            if verbose:
                res.misses.append(f"MERGE-MISSED {a[0]}#{a[1]} {b[0]}#{b[1]} {happening[a]}")
    return res


def _describe(em: Any) -> str:
    """One mention as the merge sees it: type/mode, date (confidence, alternatives), label, actors."""
    def who(actors: Iterable[Any]) -> str:
        return ", ".join(f"{a.name}[{a.type}{'/' + a.country if a.country else ''}]" for a in actors)
    alts = f" alt={','.join(em.date_alternatives)}" if em.date_alternatives else ""
    key = f" key={em.event_key}" if em.event_key else ""
    where = f" @{em.location.name}/{em.location.country}" if em.location else ""
    return (f"{em.type}/{em.mode} {em.date}(c={em.date_confidence:.2f}){alts}{key} {em.status}{where} "
            f"{who(em.actors)} -> {who(em.recipients)}")


def _merge_error(kind: str, a: tuple[str, int], b: tuple[str, int], happening: dict, mention_of: dict) -> str:
    """A pair of gold mentions merged wrongly (WRONG) or left apart (MISSED), with what each looked like."""
    return (f"MERGE-{kind} {a[0]}#{a[1]} ({happening[a]}) ~ {b[0]}#{b[1]} ({happening[b]})\n"
            f"      {a[0]}#{a[1]}: {_describe(mention_of[a])}\n"
            f"      {b[0]}#{b[1]}: {_describe(mention_of[b])}")


# --- seeds --------------------------------------------------------------------------------

SEED_TYPES = {"meeting": ("CONSULT", None), "visit": ("CONSULT", "visit"), "phone_call": ("CONSULT", "phone"),
              "agreement": ("AGREE", None), "deployment": ("MOBILIZE", None)}


def seed_rows(seeds: Path, roles: tuple[str, ...] = ("main",)) -> list[dict]:
    """The seed pages as labelled rows: their events with one of `roles`, in the labelled-set format."""
    gold = json.loads((seeds / "gold.json").read_text(encoding="utf-8"))
    by_id = {e["id"]: e for e in gold["events"]}
    rows = []
    for d in gold["documents"]:
        events = []
        for em in d["event_mentions"]:
            e = by_id[em["event"]]
            if em["role"] not in roles or e["type"] not in SEED_TYPES:
                continue
            type_, mode = SEED_TYPES[e["type"]]
            participants = e["participants"] or [_country(c) for c in e["countries"]]
            events.append({"type": type_, "mode": mode, "date": e["date"],
                           "date_alternatives": e.get("date_alternatives", []),
                           "status": "planned" if em["role"] == "planned" else "occurred",
                           "actors": participants, "recipients": [], "happening": e["id"]})
        rows.append({"id": d["file"], "lang": d["language"], "published": d["publication_date"],
                     "text": (seeds / d["file"]).read_text(encoding="utf-8"), "events": events})
    return rows


def _country(code: str) -> str:
    from eventline.pipeline.events.arguments import country_name

    return country_name(code) or code


def load_rows(path: Path) -> list[dict]:
    """The rows of one labelled JSONL file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def report_set(name: str, path: Path, verbose: bool, show_merge_errors: bool) -> None:
    """Print the figures of one labelled file (gold.jsonl, heldout.jsonl, heldout2.jsonl, gold_<lang>.jsonl)."""
    rows = load_rows(path)
    res = evaluate(rows, verbose, show_merge_errors)
    print(f"{name}: {len(rows)} texts, {sum(len(r['events']) for r in rows)} gold events")
    print(res.strict.line("events (type+date+actors)"))
    print(res.loose.line("events (type+date)"))
    print(f"{'status accuracy':<28} {res.status_right}/{res.status_total}")
    print(res.merge.line("merging (pairwise)"))
    for m in [*res.misses, *res.merge_errors]:
        print("  ", m)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--heldout", type=Path, default=HELDOUT)
    ap.add_argument("--heldout2", type=Path, default=HELDOUT2)
    ap.add_argument("--languages", action="store_true", help="also score the per-language sets gold_<lang>.jsonl")
    ap.add_argument("--only", choices=("labelled", "heldout", "heldout2", "languages", "seeds"), action="append",
                    help="score only these sets (repeatable); default: every set but the per-language ones")
    ap.add_argument("--seeds", type=Path, default=SEEDS)
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--show-merge-errors", action="store_true",
                    help="list the mention pairs merged wrongly and those missed, with ids, types, dates and actors")
    args = ap.parse_args(argv)
    only = set(args.only or ("labelled", "heldout", "heldout2", "seeds", *(("languages",) if args.languages else ())))
    sets = [("labelled", "labelled set", args.gold), ("heldout", "held-out set", args.heldout),
            ("heldout2", "held-out set 2", args.heldout2)]
    sets += [("languages", f"language set {p.stem[5:]}", p) for p in sorted(DATA.glob("gold_*.jsonl"))]
    for key, name, path in sets:
        if key in only and path.is_file():
            report_set(name, path, args.verbose, args.show_merge_errors)
    if "seeds" in only and (args.seeds / "gold.json").is_file():
        rows = seed_rows(args.seeds)
        res = evaluate(rows, args.verbose, args.show_merge_errors)
        print(f"seeds: {len(rows)} pages, {sum(len(r['events']) for r in rows)} main events")
        print(res.strict.line("main events (type+date+actors)"))
        print(res.loose.line("main events (type+date)"))
        every = evaluate(seed_rows(args.seeds, ("main", "planned", "background")), False, args.show_merge_errors)
        print(every.merge.line("merging, all roles (pairwise)"))
        for m in [*res.misses, *every.merge_errors]:
            print("  ", m)
    return 0


if __name__ == "__main__":
    sys.exit(main())
