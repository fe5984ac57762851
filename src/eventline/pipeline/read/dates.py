"""Publication dates as containers give them (ISO, RFC 822, epoch seconds) turned into YYYY-MM-DD.

Only container metadata comes through here; dates written in the article text are the cleaner's.
The date is taken as written (its own time zone), because that is the date the outlet printed.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from email.utils import parsedate_tz

_ISO_DAY = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:\b|T|\s|$)")
_COMPACT_DAY = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:T|\s|$)")
#: Epoch values in this range are plausible publication times (1990 to 2100), in seconds.
_EPOCH_RANGE = (631152000, 4102444800)


def iso_date(value: object) -> str | None:
    """YYYY-MM-DD for a container's date value, or None when it is not a recognisable date."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, time.struct_time):
        return _valid(value.tm_year, value.tm_mon, value.tm_mday)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, (int, float)):
        return _from_epoch(float(value))
    text = str(value).strip()
    if not text:
        return None
    match = _ISO_DAY.match(text) or _COMPACT_DAY.match(text)
    if match:
        return _valid(*(int(g) for g in match.groups()))
    if text.isdigit():
        return _from_epoch(float(text))
    parsed = parsedate_tz(text)
    if parsed:
        return _valid(parsed[0], parsed[1], parsed[2])
    return None


def _from_epoch(seconds: float) -> str | None:
    if seconds > _EPOCH_RANGE[1] * 100:  # milliseconds
        seconds /= 1000
    if not _EPOCH_RANGE[0] <= seconds <= _EPOCH_RANGE[1]:
        return None
    return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).strftime("%Y-%m-%d")


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
