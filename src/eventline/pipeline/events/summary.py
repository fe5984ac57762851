"""A one-sentence English summary generated from an event's structured fields.

Generated, never translated: whatever the sources' languages, the sentence says who did what to
whom, where and when, in English, from the canonical names the knowledge base gives.
"""

from __future__ import annotations

import calendar
from typing import Sequence

from eventline.document import Actor, Event

#: (past, planned) verb phrases per type or type/mode; "{R}" is the recipients' slot.
_VERBS: dict[str, tuple[str, str]] = {
    "CONSULT": ("met", "are to meet"),
    "CONSULT/visit": ("visited", "is to visit"),
    "CONSULT/phone": ("held a phone call", "are to hold a phone call"),
    "CONSULT/multilateral": ("met", "are to meet"),
    "CONSULT/third-party": ("held talks hosted by a third party", "are to hold talks hosted by a third party"),
    "AGREE": ("reached an agreement", "are to reach an agreement"),
    "AGREE/sign": ("signed an agreement", "are to sign an agreement"),
    "SUPPORT": ("expressed support for", "are to express support for"),
    "CONCEDE": ("made a concession to", "are to make a concession to"),
    "COOPERATE": ("cooperated with", "are to cooperate with"),
    "AID": ("provided aid to", "are to provide aid to"),
    "RETREAT": ("withdrew", "are to withdraw"),
    "RETREAT/release": ("released captives", "are to release captives"),
    "RETREAT/resign": ("resigned", "are to resign"),
    "REQUEST": ("made a request to", "are to make a request to"),
    "ACCUSE": ("accused", "are to accuse"),
    "ACCUSE/disapprove": ("criticised", "are to criticise"),
    "ACCUSE/investigate": ("opened an investigation into", "are to investigate"),
    "REJECT": ("rejected a proposal from", "are to reject a proposal from"),
    "THREATEN": ("threatened", "are to threaten"),
    "PROTEST": ("protested against", "are to protest against"),
    "SANCTION": ("imposed sanctions on", "are to impose sanctions on"),
    "MOBILIZE": ("mobilised forces", "are to mobilise forces"),
    "MOBILIZE/troops": ("deployed or formed military units", "are to deploy or form military units"),
    "MOBILIZE/weapons": ("raised weapons readiness", "are to raise weapons readiness"),
    "COERCE": ("took coercive measures against", "are to take coercive measures against"),
    "COERCE/arrest": ("arrested", "are to arrest"),
    "ASSAULT": ("attacked", "are to attack"),
}
_TAKES_OBJECT = ("for", "to", "with", "into", "from", "against", "on", "accused", "criticised", "threatened",
                 "attacked", "arrested", "visited", "visit")


def _actor(a: Actor) -> str:
    """"Gen Nakatani (Minister of Defense, Japan)": the office and state say who acted for whom."""
    if a.type == "person" and a.role:
        from eventline.pipeline.events.arguments import country_name

        state = country_name(a.country) if a.country else None
        return f"{a.name} ({a.role}, {state})" if state else f"{a.name} ({a.role})"
    return a.name


def _join(names: Sequence[str]) -> str:
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def format_date(date: str) -> str:
    """"on 30 March 2025", "in March 2025" or "in 2025"."""
    parts = date.split("-")
    try:
        if len(parts) == 3:
            return f"on {int(parts[2])} {calendar.month_name[int(parts[1])]} {parts[0]}"
        if len(parts) == 2:
            return f"in {calendar.month_name[int(parts[1])]} {parts[0]}"
    except (ValueError, IndexError):
        return f"on {date}"
    return f"in {parts[0]}"


def summarize(event: Event) -> str:
    """One English sentence: who did what (to whom), where and when, and whether it happened."""
    key = f"{event.type}/{event.mode}" if f"{event.type}/{event.mode}" in _VERBS else event.type
    past, future = _VERBS.get(key, ("took part in an event", "are to take part in an event"))
    actors = [_actor(a) for a in event.actors] or ["Unnamed parties"]
    subject = _join(actors)
    recipients = [_actor(r) for r in event.recipients]
    singular = len(actors) == 1
    if event.status == "planned":
        verb = future.replace("are to", "is to") if singular else future
    elif event.status == "cancelled":
        verb = "called off a plan to " + future.split(" to ", 1)[1] if " to " in future else "called off " + past
    else:
        verb = past
    obj = ""
    if recipients:
        if event.mode == "visit":
            obj = " " + _join(recipients)
        elif verb.split()[-1] in _TAKES_OBJECT:
            obj = " " + _join(recipients)
        else:
            obj = " with " + _join(recipients)
    elif verb.split()[-1] in ("for", "to", "with", "into", "from", "against", "on"):
        verb = verb.rsplit(" ", 1)[0]
    place = ""
    if event.location and event.mode == "visit" and not recipients:
        obj = f" {event.location.name}"  # "visited Seoul": the destination is the object
    elif event.location and not (event.mode == "visit" and event.location.name in recipients):
        place = f" in {event.location.name}"
    when = f" {format_date(event.date)}" if event.date else ""
    return f"{subject} {verb}{obj}{place}{when}."
