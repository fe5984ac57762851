"""The HTML report: one self-contained file (inline CSS, no scripts from elsewhere)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone
from html import escape
from typing import Any

from eventline.document import Event

CSS = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK JP",sans-serif;
     margin:0;color:#1d2530;background:#f6f7f9}
header{background:#1d2530;color:#fff;padding:18px 32px}
header h1{margin:0;font-size:22px} header p{margin:4px 0 0;color:#c9d1db}
main{max-width:1100px;margin:0 auto;padding:16px 32px}
nav a{margin-right:16px}
h2{margin-top:32px;border-bottom:2px solid #d9dee5;padding-bottom:4px}
.month{margin:24px 0 8px;font-weight:600;color:#5a6776}
.event{background:#fff;border:1px solid #d9dee5;border-left:5px solid #3b6fb6;border-radius:6px;
       padding:12px 16px;margin:10px 0}
.event.planned{border-left-color:#c98a1b} .event.cancelled{border-left-color:#a33}
.event h3{margin:0 0 4px;font-size:16px}
.tag{display:inline-block;font-size:12px;padding:1px 7px;border-radius:10px;background:#e7edf6;
     margin-right:6px;color:#2c4a75}
.meta{color:#5a6776;font-size:13px}
details{margin-top:6px} summary{cursor:pointer;color:#3b6fb6}
blockquote{margin:6px 0;padding:6px 10px;background:#f3f5f8;border-left:3px solid #b8c3d1}
.lang{font-weight:600;font-size:12px;color:#5a6776;margin-right:6px}
table{border-collapse:collapse;width:100%;background:#fff} td,th{border:1px solid #d9dee5;
      padding:4px 8px;text-align:left;vertical-align:top;font-size:13px}
"""


def _actors(ev: Event) -> str:
    parts = []
    for a in ev.actors:
        role = f" ({escape(a.role)})" if a.role else ""
        parts.append(f"{escape(a.name)}{role}")
    s = ", ".join(parts) or "unknown actors"
    if ev.recipients:
        s += " → " + ", ".join(escape(a.name) for a in ev.recipients)
    return s


def _event(ev: Event, docs: dict[str, dict[str, Any]]) -> str:
    kind = ev.type + (f" / {ev.mode}" if ev.mode else "")
    where = f" · {escape(ev.location.name)}" if ev.location else ""
    alts = f" (also dated {escape(', '.join(ev.date_alternatives))})" if ev.date_alternatives else ""
    quotes = []
    for s in ev.sources:
        doc = docs.get(s.document, {})
        title = escape(doc.get("title") or s.path or s.document)
        quotes.append(
            f'<blockquote lang="{escape(s.language)}"><span class="lang">{escape(s.language)}</span>'
            f"{escape(s.quote)}<div class=\"meta\">{title} · chars {s.start}–{s.end}</div></blockquote>"
        )
    return (
        f'<div class="event {escape(ev.status)}" id="{escape(ev.id)}">'
        f"<h3>{escape(ev.date)} · {_actors(ev)}</h3>"
        f'<span class="tag">{escape(kind)}</span><span class="tag">{escape(ev.status)}</span>'
        f"<span class=\"meta\">{len(ev.sources)} source(s), {ev.independent_source_count} independent"
        f"{where}{alts}</span>"
        f"<p>{escape(ev.summary)}</p>"
        f"<details><summary>sources and quotes</summary>{''.join(quotes)}</details></div>"
    )


def render_report(events: list[Event], entities: list[dict[str, Any]], docs: dict[str, dict[str, Any]]) -> str:
    langs = Counter(s.language for ev in events for s in ev.sources)
    body = []
    month = None
    for ev in events:
        if ev.date[:7] != month:
            month = ev.date[:7]
            body.append(f'<div class="month">{escape(month)}</div>')
        body.append(_event(ev, docs))
    rows = []
    for e in entities:
        names = "<br>".join(
            f"<b>{escape(lang)}</b>: {escape(', '.join(v))}" for lang, v in sorted(e["names"].items())
            if lang in ("en", "ja", "zh", "zh-Hans", "zh-Hant", "ko", "vi", "und")
        )
        rows.append(
            f"<tr><td>{escape(e['name'])}</td><td>{escape(e['type'])}</td><td>{escape(e['country'] or '')}</td>"
            f"<td>{e['mentions']}</td><td>{names}</td></tr>"
        )
    counted = sum(1 for d in docs.values() if d["status"] == "processed")
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>eventline report</title><style>{CSS}</style></head>
<body><header><h1>eventline report</h1>
<p>{len(events)} events from {counted} documents · sources in {escape(', '.join(f'{k} ({v})' for k, v in langs.most_common()))} · generated {generated}</p></header>
<main><nav><a href="#timeline">Timeline</a><a href="#entities">Entities</a></nav>
<h2 id="timeline">Timeline</h2>
{''.join(body) or '<p>No events.</p>'}
<h2 id="entities">Entities</h2>
<table><tr><th>name</th><th>type</th><th>country</th><th>mentions</th><th>names by language</th></tr>
{''.join(rows)}</table>
</main></body></html>
"""
