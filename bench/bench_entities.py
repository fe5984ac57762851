"""Throughput of the entity stage: mentions/s and documents/s on the seed pages and the test set.

Loads the knowledge base once (reported separately: it is paid once per worker process), warms
the taggers up, then runs the stage over the documents for a few seconds on one core. Then links
discovered people across documents and scripts (the global pass, `link_entities`) on invented
names: people written in Latin letters, katakana, Hangul and Han characters, with countries and
roles as the stage records them.
Run: python bench/bench_entities.py [--seconds 3] [--link-names 20000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import time
from pathlib import Path

from eventline.document import Document, Entity, Mention
from eventline.kb import KnowledgeBase
from eventline.pipeline.entities import EntityStage
from eventline.pipeline.entities.lexicon import matcher_for

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(os.environ.get("EVENTLINE_SEEDS", ROOT.parent / "shared" / "seeds"))


def documents() -> list[tuple[str, str, str | None]]:
    """(text, language, date) for the seed pages (when present) and the entity test rows."""
    docs = []
    gold = SEEDS / "gold.json"
    if gold.is_file():
        for d in json.loads(gold.read_text(encoding="utf-8"))["documents"]:
            docs.append(((SEEDS / d["file"]).read_text(encoding="utf-8"), d["language"], d["publication_date"]))
    for line in (ROOT / "tests" / "data" / "entities" / "eval.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        docs.append((row["text"], row["lang"], row["date"]))
    return docs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seconds", type=float, default=3.0)
    ap.add_argument("--link-names", type=int, default=20000, help="discovered names to link (0: skip)")
    args = ap.parse_args()
    if args.link_names:
        bench_linking(args.link_names)
    t0 = time.perf_counter()
    kb = KnowledgeBase.default()
    t1 = time.perf_counter()
    matcher_for(kb)
    t2 = time.perf_counter()
    stage = EntityStage(kb)
    docs = documents()
    chars = sum(len(t) for t, _, _ in docs)
    for text, lang, date in docs:  # warm-up: taggers load lazily
        stage(Document(id="w", path="w", raw=text, text=text, language=lang, published=date))
    print(f"knowledge base: {len(kb)} entities, load {t1 - t0:.2f} s, automaton {t2 - t1:.2f} s (once per process)")
    print(f"corpus: {len(docs)} documents, {chars} characters")
    pages = [d for d in docs if len(d[0]) > 1000]  # the seed pages: real scraped pages
    for label, corpus in (("all", docs), ("pages", pages)):
        if corpus:
            _measure(stage, corpus, args.seconds / 2, label)
    return 0


def _measure(stage: EntityStage, docs: list[tuple[str, str, str | None]], seconds: float, label: str) -> None:
    n_docs = n_mentions = n_chars = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        for text, lang, date in docs:
            doc = stage(Document(id="b", path="b", raw=text, text=text, language=lang, published=date))
            n_docs += 1
            n_mentions += len(doc.mentions)
            n_chars += len(text)
    elapsed = time.perf_counter() - start
    per_page = elapsed / (n_chars / 2500)
    print(f"[{label}] documents/s {n_docs / elapsed:.0f}  mentions/s {n_mentions / elapsed:.0f}  "
          f"characters/s {n_chars / elapsed:.0f}  ms per 2.5k-char page {per_page * 1000:.2f}")


#: syllables written alike in Latin letters, katakana, Hangul and Han characters (as news transliterates)
SYLLABLES = [
    ("ka", "カ", "카", "卡"), ("ki", "キ", "키", "基"), ("ku", "ク", "쿠", "库"), ("ko", "コ", "코", "科"),
    ("sa", "サ", "사", "萨"), ("su", "ス", "수", "苏"), ("so", "ソ", "소", "索"), ("ta", "タ", "타", "塔"),
    ("to", "ト", "토", "托"), ("na", "ナ", "나", "纳"), ("ni", "ニ", "니", "尼"), ("no", "ノ", "노", "诺"),
    ("ma", "マ", "마", "马"), ("mi", "ミ", "미", "米"), ("mo", "モ", "모", "莫"), ("ra", "ラ", "라", "拉"),
    ("ri", "リ", "리", "里"), ("ro", "ロ", "로", "罗"), ("ru", "ル", "루", "鲁"), ("re", "レ", "레", "雷"),
    ("ba", "バ", "바", "巴"), ("be", "ベ", "베", "贝"), ("da", "ダ", "다", "达"), ("de", "デ", "데", "德"),
    ("ga", "ガ", "가", "加"), ("go", "ゴ", "고", "戈"), ("ha", "ハ", "하", "哈"), ("ho", "ホ", "호", "霍"),
    ("pa", "パ", "파", "帕"), ("pe", "ペ", "페", "佩"), ("ne", "ネ", "네", "内"), ("te", "テ", "테", "特"),
    ("se", "セ", "세", "塞"),
]
_COUNTRIES = ["PH", "ID", "MY", "TH", "VN", "KH", "LA", "MM", "SG", "BN", "IN", "PK", "BD", "LK", "NP",
              "MN", "KZ", "UZ", "TR", "EG"]
_ROLES = ["Defense Minister", "Foreign Minister", "Undersecretary of National Defense", "Chief of Staff"]


def synthetic_discovered(n: int, seed: int = 7) -> tuple[list[Entity], dict[str, list[Mention]], dict[str, str]]:
    """About `n` discovered names: n/4 invented people, each written in en, ja, ko and zh, each
    name in its own document with the person's country and (most of the time) role. Names that
    romanise alike collapse into one entity, as in the store."""
    from eventline.kb.translit import name_key

    rnd = random.Random(seed)
    by_id: dict[str, Entity] = {}
    mentions: dict[str, list[Mention]] = {}
    dates: dict[str, str] = {}
    for p in range(max(1, n // 4)):
        parts = [[rnd.choice(SYLLABLES) for _ in range(rnd.randint(2, 3))] for _ in range(2)]
        country, role = rnd.choice(_COUNTRIES), rnd.choice(_ROLES)
        day = (dt.date(2020, 1, 1) + dt.timedelta(days=rnd.randrange(2000))).isoformat()
        forms = {
            "en": " ".join("".join(s[0] for s in part).capitalize() for part in parts),
            "ja": "・".join("".join(s[1] for s in part) for part in parts),
            "ko": " ".join("".join(s[2] for s in part) for part in parts),
            "zh": "·".join("".join(s[3] for s in part) for part in parts),
        }
        for lang, name in forms.items():
            eid = f"el:{name_key(name, lang)}"
            ent = by_id.setdefault(eid, Entity(id=eid, type="person", name=name, country=country, source="discovered"))
            names = ent.names.setdefault(lang, [])
            if name not in names:
                names.append(name)
            doc_id = f"d{p}-{lang}"
            mentions[doc_id] = [Mention(0, len(name), name, "person", "name", eid,
                                        role if rnd.random() < 0.7 else None, country, 0.6)]
            dates[doc_id] = day
    return list(by_id.values()), mentions, dates


def bench_linking(n: int) -> None:
    """Time `link_entities` on about `n` invented discovered names."""
    from eventline.pipeline.entities.link import _candidate_pairs, _names, link_entities

    ents, mentions, dates = synthetic_discovered(n)
    n_names = sum(len(v) for e in ents for v in e.names.values())
    start = time.perf_counter()
    mapping = link_entities(ents, mentions, dates)
    elapsed = time.perf_counter() - start
    pairs = len(_candidate_pairs({e.id: _names(e) for e in ents}))
    print(f"[link] {n_names} discovered names in {len(ents)} entities: {len(mapping)} linked to another id, "
          f"{pairs} candidate pairs scored, {elapsed:.2f} s ({n_names / elapsed:.0f} names/s)")


if __name__ == "__main__":
    raise SystemExit(main())
