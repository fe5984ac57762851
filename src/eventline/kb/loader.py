"""Reading and validating knowledge-base files: YAML (bundled, hand-edited), JSONL (imported), CSV.

Every file holds entries in the format of docs/KB_FORMAT.md. Validation errors name the file, the
line of the entry, the field, and how to fix it; `eventline kb check` prints all of them at once.
Entries with the same id in several files are merged (names and offices are added), so a user file
can extend a bundled entity by repeating its id with extra names.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Iterator

import yaml

from eventline.document import Entity, Office
from eventline.errors import KnowledgeBaseError

#: the knowledge-base format version this code reads (also in kb/data/meta.yaml and docs/KB_FORMAT.md)
FORMAT_VERSION = 1
DATA_ROOT = resources.files("eventline.kb") / "data"
ENTITY_TYPES = ("person", "organization", "country", "place", "group")
_QID = re.compile(r"^Q[1-9][0-9]*$")
_ID = re.compile(r"^(Q[1-9][0-9]*|el:[a-z0-9][a-z0-9._-]*|country:[A-Z]{2}|geonames:[0-9]+|[a-z]+:[^\s]+)$")
_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_KNOWN_FIELDS = {
    "id", "name", "type", "country", "names", "offices", "sources", "lat", "lon", "wikidata",
    "population", "capital", "note", "parent", "role_country",
}


@dataclass(slots=True)
class Problem:
    """One thing wrong with a knowledge-base file, located well enough to fix it."""

    path: str
    line: int | None
    entry: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: entry {self.entry!r}: field {self.field!r}: {self.message}"


@dataclass(slots=True)
class LoadedFile:
    """The entities read from one file and the problems found in it."""

    path: str
    entities: list[Entity] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    extra: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> population/capital/...


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes (pycountry) plus XK (Kosovo), which news uses."""
    import pycountry

    return frozenset({c.alpha_2 for c in pycountry.countries} | {"XK"})


def slug(text: str) -> str:
    """A lowercase ASCII slug for ids: "Gen Nakatani" -> "gen-nakatani"."""
    from unidecode import unidecode

    return re.sub(r"[^a-z0-9]+", "-", unidecode(text).lower()).strip("-") or "x"


def role_keys() -> dict[str, dict[str, Any]]:
    """The known role keys (kb/data/roles.yaml): key -> {name: English office name, ...}."""
    return _roles()


def _roles() -> dict[str, dict[str, Any]]:
    data = yaml.safe_load((DATA_ROOT / "roles.yaml").read_text(encoding="utf-8")) or {}
    return dict(data.get("roles", {}))


def _iso_date(value: Any) -> str | None:
    """An ISO date string from YAML (which parses dates itself), or raise ValueError."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    dt.date.fromisoformat(text)
    return text


def entry_to_entity(raw: dict[str, Any], source: str, where: str, line: int | None,
                    problems: list[Problem], known_roles: dict[str, Any]) -> Entity | None:
    """Validate one entry and build its Entity; record problems (and return None when unusable)."""
    label = str(raw.get("id") or raw.get("name") or "?")

    def bad(fld: str, msg: str) -> None:
        problems.append(Problem(where, line, label, fld, msg))

    if not isinstance(raw, dict):
        bad("-", "each entry must be a mapping (id, name, type, names, ...)")
        return None
    for key in raw:
        if key not in _KNOWN_FIELDS:
            bad(key, f"unknown field; known fields: {', '.join(sorted(_KNOWN_FIELDS))}")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        bad("name", "missing: give the canonical English name")
        return None
    etype = raw.get("type")
    if etype not in ENTITY_TYPES:
        bad("type", f"{etype!r} is not one of {', '.join(ENTITY_TYPES)}")
        return None
    eid = raw.get("id")
    wikidata = raw.get("wikidata")
    if eid is None:
        eid = f"el:{slug(name)}"
    elif not isinstance(eid, str) or not _ID.match(eid):
        bad("id", f"{eid!r} is not a Wikidata QID (Q123), el:<slug>, country:<CC> or <scheme>:<id>")
        return None
    if isinstance(eid, str) and _QID.match(eid):
        wikidata = wikidata or eid
    if wikidata is not None and (not isinstance(wikidata, str) or not _QID.match(wikidata)):
        bad("wikidata", f"{wikidata!r} is not a Wikidata QID such as Q30")
        wikidata = None
    country = raw.get("country")
    if country is not None and (not isinstance(country, str) or country not in country_codes()):
        bad("country", f"{country!r} is not an ISO 3166-1 alpha-2 code such as US or JP (quote \"NO\": YAML reads bare NO as false)")
        country = None
    names: dict[str, list[str]] = {}
    raw_names = raw.get("names") or {}
    if not isinstance(raw_names, dict):
        bad("names", "must map a language code (en, ja, zh-Hans, ...) to a list of names")
        raw_names = {}
    for lang, values in raw_names.items():
        lang = str(lang)
        if not _LANG.match(lang):
            bad(f"names.{lang}", "not a BCP 47 language tag such as en, ja, zh-Hant")
            continue
        if isinstance(values, str):
            values = [values]
        if not isinstance(values, list) or not all(isinstance(v, (str, int)) for v in values):
            bad(f"names.{lang}", "must be a list of names, e.g. [Pete Hegseth, Hegseth]")
            continue
        clean = [str(v).strip() for v in values if str(v).strip()]
        names[lang] = list(dict.fromkeys(clean))
    names.setdefault("en", [])
    if name not in names["en"]:
        names["en"].insert(0, name)
    offices: list[Office] = []
    for i, off in enumerate(raw.get("offices") or []):
        fld = f"offices[{i}]"
        if not isinstance(off, dict) or not off.get("role"):
            bad(fld, "each office needs at least role (English office name) and role_key")
            continue
        key = off.get("role_key", "")
        if key and key not in known_roles:
            bad(f"{fld}.role_key", f"{key!r} is not in kb/data/roles.yaml ({', '.join(known_roles)})")
        try:
            start = _iso_date(off.get("start"))
            end = _iso_date(off.get("end"))
        except ValueError:
            bad(f"{fld}.start/end", "dates must be ISO YYYY-MM-DD (end: null while in office)")
            continue
        if start and end and end < start:
            bad(f"{fld}.end", f"end {end} is before start {start}")
        occ = off.get("country", country)
        if occ is not None and not (isinstance(occ, str) and occ in country_codes()):
            bad(f"{fld}.country", f"{occ!r} is not an ISO 3166-1 alpha-2 code")
            occ = None
        offices.append(Office(role=str(off["role"]), country=occ, start=start, end=end, role_key=key))
    lat, lon = raw.get("lat"), raw.get("lon")
    for fld, value, lim in (("lat", lat, 90), ("lon", lon, 180)):
        if value is not None and (not isinstance(value, (int, float)) or abs(value) > lim):
            bad(fld, f"{value!r} is not a number in [-{lim}, {lim}]")
    if etype == "place" and (lat is None or lon is None) and raw.get("parent") is None:
        bad("lat/lon", "a place needs coordinates (decimal degrees), or a parent place id")
    return Entity(
        id=eid, type=etype, name=name.strip(), names=names, country=country, wikidata=wikidata,
        offices=offices,
        lat=float(lat) if isinstance(lat, (int, float)) else None,
        lon=float(lon) if isinstance(lon, (int, float)) else None,
        source=source,
    )


def _entry_lines(text: str) -> list[int]:
    """1-based line numbers of the top-level list items of a YAML document (for error messages)."""
    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return []
    if not isinstance(node, yaml.SequenceNode):
        return []
    return [item.start_mark.line + 1 for item in node.value]


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The fast safe loader, but dates stay strings: we validate them and name the bad field."""


_Loader.yaml_implicit_resolvers = {
    ch: [r for r in rs if r[0] != "tag:yaml.org,2002:timestamp"]
    for ch, rs in getattr(yaml, "CSafeLoader", yaml.SafeLoader).yaml_implicit_resolvers.items()
}


def _read_yaml(path: str, text: str) -> tuple[list[Any], list[Problem]]:
    loader = _Loader
    try:
        data = yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        return [], [Problem(path, line, "-", "-", f"not valid YAML ({getattr(exc, 'problem', exc)}); fix the syntax")]
    if data is None:
        return [], []
    if not isinstance(data, list):
        return [], [Problem(path, 1, "-", "-", "the file must be a YAML list of entries (each starting with '- ')")]
    return data, []


def read_file(path: str | Path, text: str | None = None, source: str | None = None) -> LoadedFile:
    """Read and validate one knowledge-base file (.yaml/.yml, .jsonl/.json, .csv)."""
    path_s = str(path)
    if text is None:
        text = Path(path).read_text(encoding="utf-8")
    src = source or f"file:{Path(path_s).name}"
    out = LoadedFile(path_s)
    known = _roles()
    suffix = Path(path_s).suffix.lower()
    if suffix in (".yaml", ".yml"):
        data, problems = _read_yaml(path_s, text)
        out.problems.extend(problems)
        lines: list[int] | None = None
        for i, raw in enumerate(data):
            before = len(out.problems)
            ent = entry_to_entity(raw, src, path_s, None, out.problems, known)
            if len(out.problems) > before:  # locate the entry only when something is wrong
                lines = lines if lines is not None else _entry_lines(text)
                for p in out.problems[before:]:
                    p.line = lines[i] if i < len(lines) else None
            if ent:
                out.entities.append(ent)
                _keep_extra(out, ent.id, raw)
    elif suffix in (".jsonl", ".json"):
        for lineno, line in enumerate(text.splitlines(), 1):
            line = line.strip().rstrip(",")
            if not line or line in ("[", "]"):
                continue
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                out.problems.append(Problem(path_s, lineno, "-", "-", f"not valid JSON ({exc.msg}); one entity per line"))
                continue
            ent = entry_to_entity(raw, src, path_s, lineno, out.problems, known)
            if ent:
                out.entities.append(ent)
                _keep_extra(out, ent.id, raw)
    elif suffix == ".csv":
        from eventline.kb.importers import csv_entries

        for lineno, raw in csv_entries(text, path_s, out.problems):
            ent = entry_to_entity(raw, src, path_s, lineno, out.problems, known)
            if ent:
                out.entities.append(ent)
    else:
        out.problems.append(Problem(path_s, None, "-", "-", "unknown file type; use .yaml, .jsonl or .csv"))
    return out


def _keep_extra(out: LoadedFile, eid: str, raw: Any) -> None:
    if isinstance(raw, dict):
        extra = {k: raw[k] for k in ("population", "capital", "parent", "sources") if k in raw}
        if extra:
            out.extra[eid] = extra


def bundled_files() -> list[Path]:
    """The bundled data files in load order: generated first, curated additions after."""
    root = Path(str(DATA_ROOT))
    order = ["countries.yaml", "countries_extra.yaml", "places.yaml", "sites.yaml", "organizations.yaml"]
    files = [root / n for n in order if (root / n).is_file()]
    files += sorted((root / "people").glob("*.yaml"))
    return files


def user_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named by kb_paths: each path is a file, or a folder whose .yaml/.jsonl/.csv files are read."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for child in sorted(path.iterdir()):
                if child.suffix.lower() in (".yaml", ".yml", ".jsonl", ".csv"):
                    yield child
        elif path.is_file():
            yield path


def merge_into(target: Entity, other: Entity) -> None:
    """Add `other`'s names, offices and missing facts to `target` (same id in two files)."""
    for lang, names in other.names.items():
        have = target.names.setdefault(lang, [])
        have.extend(n for n in names if n not in have)
    for off in other.offices:
        if off not in target.offices:
            target.offices.append(off)
    for attr in ("country", "wikidata", "lat", "lon"):
        if getattr(target, attr) is None and getattr(other, attr) is not None:
            setattr(target, attr, getattr(other, attr))


def format_version() -> int:
    """The format version recorded with the bundled data (kb/data/meta.yaml)."""
    meta = yaml.safe_load((DATA_ROOT / "meta.yaml").read_text(encoding="utf-8")) or {}
    return int(meta.get("format_version", 0))


def check_version() -> None:
    """Raise when the bundled data was written for another format version than this code reads."""
    found = format_version()
    if found != FORMAT_VERSION:
        raise KnowledgeBaseError(
            f"kb/data/meta.yaml: format_version is {found}, this eventline reads {FORMAT_VERSION}; "
            "regenerate or migrate the data (docs/KB_FORMAT.md)"
        )
