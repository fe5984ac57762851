#!/usr/bin/env python3
"""Build a large synthetic news corpus for benchmarks from the bundled examples and the event gold set.

    python bench/make_corpus.py OUT_DIR [--n 10000] [--seed 7]

Each document is a variation of a source article (a gold brief from tests/data/events/gold.jsonl
or an example from examples/): sentences recombined with another article in the same language,
dates shifted by a per-document offset, counts changed, page furniture (headers, sidebars of
unrelated headlines, rankings, footers) swapped in and out, outlets renamed. Some documents are
near-duplicate reposts of earlier ones, some are printed twice, some carry doubled phrases — the
noise eventline has to cope with. The output is deterministic for a given seed.

Formats: mostly .txt and .jsonl (items batched, 50 per file), some .html. `--n` counts
documents (each jsonl item is one document). Nothing outside the standard library is needed;
feeds and WARC examples are read when feedparser / warcio are installed.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import html
import json
import random
import re
import sys
import time
import unicodedata
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "tests" / "data" / "events" / "gold.jsonl"
EXAMPLES = REPO / "examples"
LANGS = ("en", "ja", "zh", "ko", "vi")

# ----------------------------------------------------------------------------- furniture pools

OUTLETS = {
    "en": ["Pacific Defense Monitor", "Asia Security Brief", "Defence Wire Asia", "Harbor Post",
           "Indo-Pacific Ledger", "Strait Times Review", "Northern Courier", "Capital Wire"],
    "ja": ["安保ニュース速報", "日刊安保", "防衛ウォッチ", "東亜時事", "海洋タイムズ", "アジア安保ジャーナル"],
    "zh": ["环亚防务网", "东亚军事观察", "环球防务快讯", "環亞防務網", "亞太觀察報", "南洋時報"],
    "ko": ["안보경제신문", "국방 브리핑", "아시아안보", "동북아일보", "한반도뉴스", "해양안보저널"],
    "vi": ["Tin Quốc phòng Châu Á", "Báo Quốc phòng Điện tử", "Thời báo Biển Đông", "Tin nhanh Quốc tế",
           "Báo Thế giới Ngày nay"],
}
SIDEBAR_TITLES = {
    "en": ["Related", "Most read", "Ranking", "Trending now", "More from {outlet}", "Editor's picks"],
    "ja": ["アクセスランキング", "関連記事", "最近の投稿", "人気記事", "ランキング"],
    "zh": ["最新文章", "热门新闻", "相关阅读", "熱門新聞", "延伸閱讀", "排行榜"],
    "ko": ["관련기사", "많이 본 뉴스", "최신뉴스", "랭킹", "추천기사"],
    "vi": ["Tin liên quan", "Đọc nhiều", "Tin mới nhất", "Xem thêm", "Tin nổi bật"],
}
HEADLINES = {
    "en": ["Heatwave grips the north", "Tech stocks slip as chip demand cools", "Film festival opens",
           "Rice prices climb again", "Cup final preview", "New metro line opens next month",
           "Five tips for cheaper flights", "Central bank holds rates", "Museum reopens after repairs",
           "Typhoon season outlook", "Marathon draws record field", "Phone makers unveil new models"],
    "ja": ["梅雨入りはいつ?今年の傾向を解説", "新紙幣の発行日まとめ", "人気ラーメン店の新メニュー", "週末に行きたい花の名所",
           "プロ野球 交流戦の順位", "ふるさと納税の返礼品ランキング", "夏休みの旅行先おすすめ5選", "猛暑に備える家電選び"],
    "zh": ["多地发布高温预警", "新能源汽车下乡活动启动", "端午假期旅游市场火热", "夜市美食排行榜出炉",
           "股市收盘 电子股领涨", "暑假出游注意事项", "高考今日开考", "台风季将至 提早准备"],
    "ko": ["장마 전선 북상", "코스피 상승 마감", "여름 휴가철 고속도로 혼잡", "아파트 청약 경쟁률 치솟아",
           "프로야구 후반기 일정 발표", "배추값 들썩", "주말 나들이 명소 5곳", "환율 하락 마감"],
    "vi": ["Giá vàng hôm nay tăng nhẹ", "Hà Nội nắng nóng kéo dài", "Lịch thi tốt nghiệp THPT",
           "Giá xăng dầu giảm nhẹ", "Kết quả bóng đá đêm qua", "Thời tiết cuối tuần", "Lịch cắt điện"],
}
HEADERS = {
    "en": ["Home > News > {section}", "{outlet} | Home | World | Defence | Opinion | Subscribe",
           "Share: Facebook | X | LinkedIn | Email"],
    "ja": ["{outlet} | トップ > 政治 > 防衛", "ホーム > ニュース > 国際", "シェアする ツイート はてブ"],
    "zh": ["分享好友 最新资讯首页 最新资讯分类 切换频道", "{outlet} 首页 > 国际 > 亚太", "首頁 > 國際 > 兩岸"],
    "ko": ["홈 | 정치 | 국방 | 경제 | 로그인 | 회원가입", "{outlet} > 정치 > 국방·외교"],
    "vi": ["Trang chủ > Thế giới > Quân sự", "{outlet} | Trang chủ | Thời sự | Quốc phòng"],
}
FOOTERS = {
    "en": ["(c) {year} {outlet}. All rights reserved.", "Privacy | Terms | Contact | Advertise"],
    "ja": ["Copyright (C) {outlet} All Rights Reserved.", "さらに読む ⇒ {outlet}トップへ"],
    "zh": ["版权所有 {outlet}", "免责声明：本文仅代表作者观点。"],
    "ko": ["Copyright {outlet}. 무단 전재 및 재배포 금지.", "기사제보 및 보도자료 news@example"],
    "vi": ["Bản quyền thuộc về {outlet}.", "Ghi rõ nguồn {outlet} khi phát hành lại thông tin."],
}
REPOST_LINES = {
    "en": "Reposted from {outlet}.", "ja": "※この記事は{outlet}から転載しています。",
    "zh": "本文转载自{outlet}。", "ko": "※ 이 기사는 {outlet} 기사를 재전송한 것입니다.",
    "vi": "Theo {outlet}.",
}

# ----------------------------------------------------------------------------- loading sources


def _strip_tags(s: str) -> str:
    s = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", s)
    s = re.sub(r"(?i)<br\s*/?>|</(p|li|h\d|div|tr)>", "\n", s)
    s = html.unescape(re.sub(r"<[^>]+>", " ", s))
    return "\n".join(re.sub(r"[ \t]+", " ", line).strip() for line in s.splitlines() if line.strip())


def load_sources() -> list[dict]:
    """Articles as {lang, published, paragraphs}: the gold briefs and the example documents."""
    out: list[dict] = []
    if GOLD.is_file():
        for line in GOLD.read_text(encoding="utf-8").splitlines():
            if line.strip():
                o = json.loads(line)
                out.append({"lang": o["lang"], "published": o["published"], "paragraphs": [o["text"]]})
    manifest = EXAMPLES / ".manifest.json"
    if not manifest.is_file():
        return out
    for f in json.loads(manifest.read_text(encoding="utf-8"))["files"]:
        path, docs = EXAMPLES / f["file"], f["documents"]
        texts: list[str] = []
        try:
            if f["format"] in ("txt", "html"):
                raw = unicodedata.normalize("NFC", path.read_bytes().decode(f.get("encoding", "utf-8")))
                texts = [_strip_tags(raw) if f["format"] == "html" else raw]
            elif f["format"] == "json":
                texts = [json.loads(path.read_text(encoding="utf-8"))["text"]]
            elif f["format"] == "jsonl":
                texts = [json.loads(x)["text"] for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
            elif f["format"] == "feed":
                import feedparser  # optional
                for e in feedparser.parse(str(path)).entries:
                    body = (e.get("content") or [{}])[0].get("value") or e.get("summary", "")
                    texts.append(_strip_tags(body))
            elif f["format"] == "warc":
                from warcio.archiveiterator import ArchiveIterator  # optional
                with open(path, "rb") as fh:
                    for rec in ArchiveIterator(fh):
                        if rec.rec_type == "response":
                            ctype = rec.http_headers.get_header("Content-Type") or ""
                            m = re.search(r"charset=([\w-]+)", ctype)
                            texts.append(_strip_tags(rec.content_stream().read().decode(m.group(1) if m else "utf-8")))
        except ImportError:
            continue
        for doc, text in zip(docs, texts):
            paras = [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
            out.append({"lang": doc["lang"], "published": doc["published"][:10], "paragraphs": paras})
    return out


# ----------------------------------------------------------------------------- variation

SENT_RE = re.compile(r"(?<=[。！？])(?=\S)|(?<=[^\sA-Z][.!?])\s+")  # keeps "U.S." whole


def sentences(paras: list[str]) -> list[str]:
    return [s for p in paras for s in SENT_RE.split(p) if s.strip()]


def _shift(y: int, m: int, d: int, delta: int) -> dt.date | None:
    try:
        return dt.date(y, m, d) + dt.timedelta(days=delta)
    except ValueError:
        return None


def shift_dates(text: str, published: dt.date, delta: int) -> str:
    """Move every full or month-day date in the text by `delta` days (years from `published`)."""
    def iso(m):
        d = _shift(int(m[1]), int(m[2]), int(m[3]), delta)
        return d.isoformat() if d and len(m[0]) == 10 else (f"{d.year}-{d.month}-{d.day}" if d else m[0])

    def ymd_cjk(m):
        d = _shift(int(m[1]), int(m[2]), int(m[3]), delta)
        return f"{d.year}年{d.month}月{d.day}日" if d else m[0]

    def md_cjk(m):
        d = _shift(published.year, int(m[1]), int(m[2]), delta)
        return f"{d.month}月{d.day}日" if d else m[0]

    def dm_vi(m):
        d = _shift(published.year, int(m[2]), int(m[1]), delta)
        return f"{d.day}/{d.month}" if d else m[0]

    def ko_md(m):
        d = _shift(published.year, int(m[1]), int(m[2]), delta)
        return f"{d.month}월 {d.day}일" if d else m[0]

    def en_md(m):
        month = MONTHS.index(m[1][:3].lower()) + 1
        d = _shift(published.year, month, int(m[2]), delta)
        return f"{d.strftime('%B')} {d.day}" if d else m[0]

    def en_mdy(m):
        month = MONTHS.index(m[1][:3].lower()) + 1
        d = _shift(int(m[3]), month, int(m[2]), delta)
        return f"{d.strftime('%B')} {d.day}, {d.year}" if d else m[0]

    def dotted(m):
        d = _shift(int(m[1]), int(m[2]), int(m[3]), delta)
        return f"{d.year}.{d.month:02d}.{d.day:02d}" if d else m[0]

    text = re.sub(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", iso, text)
    text = re.sub(r"\b(\d{4})\.(\d{2})\.(\d{2})\b", dotted, text)
    text = re.sub(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? (\d{1,2}), (\d{4})\b", en_mdy, text)
    text = re.sub(r"(\d{4})年(\d{1,2})月(\d{1,2})日", ymd_cjk, text)
    text = re.sub(r"(?<![年\d])(\d{1,2})月(\d{1,2})日", md_cjk, text)
    text = re.sub(r"(\d{1,2})월 (\d{1,2})일", ko_md, text)
    text = re.sub(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?![\d/])", dm_vi, text)
    text = re.sub(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? (\d{1,2})\b", en_md, text)
    return text


MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
COUNT_RE = re.compile(
    r"(?<![\d/:.\-])(\d{2,3})(?=\s?(?:people|protesters|crew|fishermen|minutes|km|人|名|명|척|隻|艘|家|ngư dân|người|phút))")


def shift_counts(text: str, rng: random.Random) -> str:
    return COUNT_RE.sub(lambda m: str(max(2, int(int(m[1]) * rng.uniform(0.6, 1.6)))), text)


def rename_outlets(text: str, lang: str, rng: random.Random) -> str:
    for names in OUTLETS.values():
        for name in names:
            if name in text:
                text = text.replace(name, rng.choice(OUTLETS[lang]))
    return text


def double_phrases(para: str, rng: random.Random) -> str:
    """Imitate a merged two-column layout: a chunk of the paragraph is printed twice."""
    if len(para) < 40:
        return para
    i = rng.randrange(10, len(para) // 2)
    j = min(len(para), i + rng.randrange(8, 20))
    return para[:j] + para[i:j] + para[j:]


def furniture(lang: str, rng: random.Random, outlet: str, year: int) -> tuple[list[str], list[str]]:
    head = [rng.choice(HEADERS[lang]).format(outlet=outlet, section="Defence")]
    tail: list[str] = []
    for _ in range(rng.choice((0, 1, 1, 2))):
        tail.append(rng.choice(SIDEBAR_TITLES[lang]).format(outlet=outlet))
        tail += [f"- {h}" for h in rng.sample(HEADLINES[lang], rng.randint(2, 5))]
    tail.append(rng.choice(FOOTERS[lang]).format(outlet=outlet, year=year))
    return head, tail


# ----------------------------------------------------------------------------- documents


def make_document(i: int, rng: random.Random, by_lang: dict, made: list[dict], page_chars: int = 0) -> dict:
    # near-duplicate repost of an earlier document
    if made and rng.random() < 0.08:
        src = rng.choice([m for m in made[-500:] if "repost_of" not in m] or made[-1:])
        lang, outlet = src["lang"], rng.choice(OUTLETS[src["lang"]])
        body = [p for p in src["body"] if rng.random() > 0.1] or src["body"]
        head, tail = furniture(lang, rng, outlet, int(src["published"][:4]))
        body = [REPOST_LINES[lang].format(outlet=src["source"])] + body
        return {"id": f"doc{i:06d}", "lang": lang, "published": src["published"], "source": outlet,
                "title": src["title"], "head": head, "body": body, "tail": tail, "repost_of": src["id"]}

    lang = rng.choice(LANGS)
    a = rng.choice(by_lang[lang])
    sents = sentences(a["paragraphs"])
    if rng.random() < 0.5:  # recombine with another article in the same language
        b = rng.choice(by_lang[lang])
        cut = rng.randint(1, max(1, len(sents)))
        sents = sents[:cut] + sentences(b["paragraphs"])[rng.randint(0, 1):]
    while page_chars and sum(map(len, sents)) < page_chars:  # a full-size page: more stories of its language
        sents += sentences(rng.choice(by_lang[lang])["paragraphs"])
    published = dt.date.fromisoformat(a["published"])
    delta = rng.randint(-540, 540)
    new_pub = published + dt.timedelta(days=delta)
    outlet = rng.choice(OUTLETS[lang])
    joiner = "" if lang in ("ja", "zh") else " "
    body, chunk = [], []
    for s in sents:
        chunk.append(shift_counts(shift_dates(s, published, delta), rng))
        if len(chunk) >= rng.randint(1, 3):
            body.append(joiner.join(chunk))
            chunk = []
    if chunk:
        body.append(joiner.join(chunk))
    body = [rename_outlets(p, lang, rng) for p in body]
    if rng.random() < 0.05:
        k = rng.randrange(len(body))
        body[k] = double_phrases(body[k], rng)
    title = re.split(r"[。.!?]", body[0])[0][:60]
    if rng.random() < 0.04:  # page printed twice
        body = body + body
    head, tail = furniture(lang, rng, outlet, new_pub.year)
    return {"id": f"doc{i:06d}", "lang": lang, "published": new_pub.isoformat(), "source": outlet,
            "title": title, "head": head, "body": body, "tail": tail}


def as_text(d: dict) -> str:
    return "\n".join(d["head"] + [d["title"], d["published"], ""] + d["body"] + [""] + d["tail"]) + "\n"


def as_html(d: dict) -> str:
    esc = html.escape
    side = "".join(f"<li>{esc(x[2:])}</li>" if x.startswith("- ") else f"</ul><h3>{esc(x)}</h3><ul>"
                   for x in d["tail"][:-1])
    return (f'<!DOCTYPE html>\n<html lang="{d["lang"]}"><head><meta charset="utf-8">'
            f"<title>{esc(d['title'])} | {esc(d['source'])}</title>"
            f'<meta property="article:published_time" content="{d["published"]}"></head>\n<body>'
            f"<nav>{' | '.join(esc(h) for h in d['head'])}</nav>\n<article><h1>{esc(d['title'])}</h1>\n"
            + "\n".join(f"<p>{esc(p)}</p>" for p in d["body"])
            + f"\n</article>\n<aside><ul>{side}</ul></aside>\n<footer>{esc(d['tail'][-1])}</footer></body></html>\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Build a synthetic benchmark corpus from the examples and gold texts.")
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--n", type=int, default=10_000, help="number of documents (default 10000)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--jsonl-batch", type=int, default=50, help="items per .jsonl file")
    ap.add_argument("--page-chars", type=int, default=0,
                    help="grow each new story to at least this many characters of body text (0: one or two "
                         "briefs, about 500 characters; 2500 gives full-size news pages)")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    sources = load_sources()
    by_lang: dict[str, list[dict]] = collections.defaultdict(list)
    for s in sources:
        if s["lang"] in LANGS and s["paragraphs"]:
            by_lang[s["lang"]].append(s)
    missing = [lang for lang in LANGS if not by_lang[lang]]
    if missing:
        print(f"no source texts for {missing}; is tests/data/events/gold.jsonl present?", file=sys.stderr)
        return 1

    rng = random.Random(args.seed)
    out = args.out_dir
    for sub in ("txt", "html", "jsonl"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    made: list[dict] = []
    batch: list[dict] = []
    counts = collections.Counter()
    langs = collections.Counter()
    n_bytes = 0
    n_jsonl_files = 0

    def flush() -> None:
        nonlocal n_bytes, n_jsonl_files
        if batch:
            path = out / "jsonl" / f"batch_{n_jsonl_files:05d}.jsonl"
            data = "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in batch)
            path.write_text(data, encoding="utf-8")
            n_bytes += len(data.encode("utf-8"))
            n_jsonl_files += 1
            batch.clear()

    for i in range(args.n):
        d = make_document(i, rng, by_lang, made, args.page_chars)
        made.append(d)
        langs[d["lang"]] += 1
        r = rng.random()
        if r < 0.55:
            data = as_text(d).encode("utf-8")
            (out / "txt" / f"{d['id']}.txt").write_bytes(data)
            counts["txt"] += 1
        elif r < 0.90:
            batch.append({"id": d["id"], "title": d["title"], "date": d["published"], "source": d["source"],
                          "url": f"https://n{zlib.crc32(d['source'].encode()) % 997}.news.example/{d['id']}",
                          "lang": d["lang"], "text": as_text(d)})
            counts["jsonl"] += 1
            if len(batch) >= args.jsonl_batch:
                flush()
            continue
        else:
            data = as_html(d).encode("utf-8")
            (out / "html" / f"{d['id']}.html").write_bytes(data)
            counts["html"] += 1
        n_bytes += len(data)
    flush()
    reposts = sum(1 for d in made if "repost_of" in d)
    print(f"wrote {args.n} documents to {out} in {time.perf_counter() - t0:.1f}s "
          f"({n_bytes / 1e6:.1f} MB, seed {args.seed}, {len(sources)} source texts)")
    print(f"  formats: txt {counts['txt']} files, html {counts['html']} files, "
          f"jsonl {counts['jsonl']} items in {n_jsonl_files} files")
    print("  languages: " + ", ".join(f"{k} {v}" for k, v in sorted(langs.items())))
    print(f"  near-duplicate reposts: {reposts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
