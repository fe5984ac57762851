"""The terminal timeline: one block per event, grouped by month."""

from __future__ import annotations

from eventline.document import Event


def event_line(ev: Event) -> str:
    actors = ", ".join(a.name for a in ev.actors) or "unknown actors"
    if ev.recipients:
        actors += " -> " + ", ".join(a.name for a in ev.recipients)
    kind = ev.type + (f"/{ev.mode}" if ev.mode else "")
    where = f" @ {ev.location.name}" if ev.location else ""
    status = "" if ev.status == "occurred" else f" [{ev.status}]"
    return f"{ev.date:<10}  {kind:<22} {actors}{where}{status}"


def render_timeline(events: list[Event]) -> str:
    if not events:
        return "no events (run `eventline run PATH` first, or loosen the filters)\n"
    lines: list[str] = []
    month = None
    for ev in events:
        if ev.date[:7] != month:
            month = ev.date[:7]
            lines.append(f"\n== {month} ==")
        lines.append(event_line(ev))
        if ev.summary:
            lines.append(f"            {ev.summary}")
        alt = f"; also dated {', '.join(ev.date_alternatives)}" if ev.date_alternatives else ""
        langs = sorted({s.language for s in ev.sources})
        lines.append(
            f"            {len(ev.sources)} source(s), {ev.independent_source_count} independent, "
            f"in {', '.join(langs)}{alt}"
        )
        best = ev.sources[0]
        quote = best.quote if len(best.quote) <= 110 else best.quote[:107] + "..."
        lines.append(f"            “{quote}” ({best.language})")
    return "\n".join(lines).lstrip("\n") + "\n"
