"""Importers: Wikidata JSON (one entity per line, as in the dumps) and a simple CSV, to KB entries.

Both produce plain dicts in the knowledge-base format (docs/KB_FORMAT.md) so the same validation
applies to imported and hand-written entries. Problems are collected with file and line numbers.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterator

from eventline.kb.loader import Problem

#: Wikidata "instance of" (P31) values that make an entity a person, country or place
_HUMAN = {"Q5"}
_COUNTRY = {"Q6256", "Q3624078", "Q3336843", "Q1763527", "Q7275"}
_PLACE = {"Q515", "Q1549591", "Q5119", "Q486972", "Q23442", "Q245016", "Q1637706", "Q200250", "Q18524218",
          "Q35657", "Q1093829", "Q13218391", "Q23413", "Q44782", "Q1248784"}
#: BCP 47 tags for Wikidata language codes that differ
_WD_LANGS = {"zh-hans": "zh-Hans", "zh-hant": "zh-Hant", "zh-cn": "zh-Hans", "zh-tw": "zh-Hant",
             "zh-hk": "zh-Hant", "zh-sg": "zh-Hans"}


def _claims(entity: dict, prop: str) -> list[dict]:
    return [c for c in entity.get("claims", {}).get(prop, []) if c.get("mainsnak", {}).get("snaktype") == "value"]


def _value(claim: dict) -> Any:
    return claim["mainsnak"]["datavalue"]["value"]


def _qid(claim: dict) -> str | None:
    v = _value(claim)
    return v.get("id") if isinstance(v, dict) else None


def _time(value: dict | None, end: bool = False) -> str | None:
    """A Wikidata time value ("+2025-01-25T00:00:00Z"; precision 11 day, 10 month, 9 year) as an ISO
    date, or None. A month or year is widened the safe way: a start to its first day, an end to its last."""
    if not value:
        return None
    t = value.get("time", "")
    precision = value.get("precision", 0)
    if not t.startswith("+") or precision < 9:
        return None
    year, month = t[1:5], t[6:8]
    if precision >= 11:
        return t[1:11]
    if precision == 10 and month != "00":
        if not end:
            return f"{year}-{month}-01"
        import calendar

        return f"{year}-{month}-{calendar.monthrange(int(year), int(month))[1]:02d}"
    return f"{year}-12-31" if end else f"{year}-01-01"


def _qualifier_time(claim: dict, prop: str) -> str | None:
    """The P580 (start) or P582 (end) qualifier of a claim as an ISO date."""
    for q in claim.get("qualifiers", {}).get(prop, []):
        if q.get("snaktype") == "value":
            return _time(q["datavalue"]["value"], end=prop == "P582")
    return None


def wikidata_entry(entity: dict, country_qids: dict[str, str], positions: dict[str, dict]) -> dict[str, Any]:
    """One Wikidata entity as a KB entry. `country_qids` maps country QIDs to ISO codes;
    `positions` maps position QIDs (P39 values) to {role, role_key, country}."""
    qid = entity.get("id", "")
    labels = {k: v["value"] for k, v in entity.get("labels", {}).items()}
    names: dict[str, list[str]] = {}
    for code, label in labels.items():
        names.setdefault(_WD_LANGS.get(code, code), []).append(label)
    for code, items in entity.get("aliases", {}).items():
        tag = _WD_LANGS.get(code, code)
        for item in items:
            if item["value"] not in names.setdefault(tag, []):
                names[tag].append(item["value"])
    kinds = {_qid(c) for c in _claims(entity, "P31")}
    etype = "person" if kinds & _HUMAN else "country" if kinds & _COUNTRY else "place" if kinds & _PLACE else "organization"
    entry: dict[str, Any] = {
        "id": qid, "name": labels.get("en") or next(iter(labels.values()), qid), "type": etype, "names": names,
        "sources": [f"Wikidata {qid}"],
    }
    for prop in ("P27", "P17"):
        for c in _claims(entity, prop):
            cc = country_qids.get(_qid(c) or "")
            if cc:
                entry["country"] = cc
                break
        if "country" in entry:
            break
    for c in _claims(entity, "P625"):
        v = _value(c)
        entry["lat"], entry["lon"] = round(v["latitude"], 4), round(v["longitude"], 4)
        break
    offices = []
    for c in _claims(entity, "P39"):
        pos = positions.get(_qid(c) or "")
        if not pos:
            continue
        offices.append({
            "role": pos["role"], "role_key": pos.get("role_key", ""), "country": pos.get("country"),
            "start": _qualifier_time(c, "P580"), "end": _qualifier_time(c, "P582"),
        })
    if offices:
        entry["offices"] = offices
    return entry


def wikidata_entries(text: str, path: str, problems: list[Problem], country_qids: dict[str, str],
                     positions: dict[str, dict]) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, KB entry) for each entity of a Wikidata JSON dump (one entity per line)."""
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.strip().rstrip(",")
        if not line or line in ("[", "]"):
            continue
        try:
            entity = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(Problem(path, lineno, "-", "-", f"not valid JSON ({exc.msg}); the dump format is one entity per line"))
            continue
        if not isinstance(entity, dict) or not str(entity.get("id", "")).startswith("Q"):
            problems.append(Problem(path, lineno, str(entity.get("id", "?")) if isinstance(entity, dict) else "?", "id",
                                    "not a Wikidata item (ids start with Q); properties and lexemes are skipped"))
            continue
        yield lineno, wikidata_entry(entity, country_qids, positions)


CSV_HELP = (
    "columns: name,type (required); id, country, wikidata, lat, lon, role, role_key, role_country, start, end; "
    "and names:<lang> (aliases separated by |), e.g. names:ja"
)


def csv_entries(text: str, path: str, problems: list[Problem]) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, KB entry) for each row of the simple CSV format; rows with the same id merge."""
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "name" not in reader.fieldnames or "type" not in reader.fieldnames:
        problems.append(Problem(path, 1, "-", "header", f"the first row must name the columns; {CSV_HELP}"))
        return
    for row in reader:
        lineno = reader.line_num
        entry: dict[str, Any] = {"name": (row.get("name") or "").strip(), "type": (row.get("type") or "").strip()}
        for fld in ("id", "country", "wikidata"):
            if (row.get(fld) or "").strip():
                entry[fld] = row[fld].strip()
        for fld in ("lat", "lon"):
            raw = (row.get(fld) or "").strip()
            if raw:
                try:
                    entry[fld] = float(raw)
                except ValueError:
                    problems.append(Problem(path, lineno, entry["name"], fld, f"{raw!r} is not a number (decimal degrees)"))
        names: dict[str, list[str]] = {}
        for col, value in row.items():
            if col and col.startswith("names:") and value:
                names[col.split(":", 1)[1]] = [v.strip() for v in value.split("|") if v.strip()]
        if names:
            entry["names"] = names
        if (row.get("role") or "").strip():
            entry["offices"] = [{
                "role": row["role"].strip(), "role_key": (row.get("role_key") or "").strip(),
                "country": (row.get("role_country") or row.get("country") or "").strip() or None,
                "start": (row.get("start") or "").strip() or None, "end": (row.get("end") or "").strip() or None,
            }]
        yield lineno, entry
