"""Outlet names: turn the words or URL a page uses to cite its source into one canonical name.

The outlets, their aliases in every language and their domains are data (`outlets.yaml`); this
module builds one case-insensitive Aho-Corasick automaton over all aliases, once per process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterator
from urllib.parse import urlsplit

import ahocorasick
import yaml

from eventline.errors import LanguageDataError

#: A URL as pages print it; it stops at the first character a URL cannot hold (CJK text often
#: follows a URL with no space, as in "…/tbs-1805382防衛費…").
URL = re.compile(r"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+", re.I)
_URL_TRAILING = ".,;:!?)]'"
_WORD = re.compile(r"\w")


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    domains: tuple[str, ...]
    keys: tuple[str, ...]
    aggregator: bool


@dataclass(frozen=True, slots=True)
class OutletIndex:
    """Every outlet with lookups by alias (automaton), by exact short alias, domain and path key."""

    outlets: tuple[Outlet, ...]
    automaton: ahocorasick.Automaton
    short: dict[str, str]
    by_domain: dict[str, str]
    by_key: dict[str, str]


@lru_cache(maxsize=1)
def outlet_index() -> OutletIndex:
    """Load `outlets.yaml` and build the alias automaton (cached for the process)."""
    path = resources.files("eventline.pipeline.clean") / "outlets.yaml"
    try:
        rows = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as exc:
        raise LanguageDataError(f"pipeline/clean/outlets.yaml is not valid YAML: {exc}") from exc
    automaton = ahocorasick.Automaton()
    outlets: list[Outlet] = []
    short: dict[str, str] = {}
    by_domain: dict[str, str] = {}
    by_key: dict[str, str] = {}
    for row in rows:
        if not isinstance(row, dict) or not row.get("name"):
            raise LanguageDataError(f"pipeline/clean/outlets.yaml: every entry needs a name, got {row!r}")
        name = str(row["name"])
        outlet = Outlet(
            name=name,
            domains=tuple(str(d).lower() for d in row.get("domains", [])),
            keys=tuple(str(k).lower() for k in row.get("keys", [])),
            aggregator=bool(row.get("aggregator", False)),
        )
        outlets.append(outlet)
        for alias in [name, *row.get("aliases", [])]:
            key = str(alias).casefold()
            if key and not automaton.exists(key):
                automaton.add_word(key, (key, name, key.isascii()))
        for alias in row.get("short_aliases", []):
            short[str(alias).casefold()] = name
        for domain in outlet.domains:
            by_domain[domain] = name
        for key in outlet.keys:
            by_key[key] = name
    automaton.make_automaton()
    return OutletIndex(tuple(outlets), automaton, short, by_domain, by_key)


def find_urls(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, url) of each URL in `text`, without trailing punctuation."""
    if "://" not in text and "www." not in text.lower():
        return  # every match holds one of the two (a case-blind scan of the text costs more)
    for m in URL.finditer(text):
        url = m.group(0).rstrip(_URL_TRAILING)
        if len(url) > 8:
            yield m.start(), m.start() + len(url), url


def outlets_in_url(url: str) -> list[str]:
    """The outlets a URL names: its domain's outlet, and for an aggregator the outlet in its path.

    An unknown domain is returned as itself ("example.org"), so a cited page is never lost.
    """
    index = outlet_index()
    if not re.match(r"https?://", url, re.I):
        url = "http://" + url
    try:
        host = (urlsplit(url).hostname or "").lower()
        path = urlsplit(url).path.lower()
    except ValueError:
        return []
    if not host or "." not in host:
        return []
    found: list[str] = []
    name = _domain_outlet(host, index.by_domain)
    if name is not None:
        outlet = next(o for o in index.outlets if o.name == name)
        found.append(name)
        if outlet.aggregator:
            for segment in re.split(r"[/_\-.]", path):
                if segment in index.by_key and index.by_key[segment] not in found:
                    found.append(index.by_key[segment])
    else:
        found.append(host[4:] if host.startswith("www.") else host)
    return found


def _domain_outlet(host: str, by_domain: dict[str, str]) -> str | None:
    """The outlet whose domain is `host` or a parent domain of it."""
    parts = host.split(".")
    for i in range(len(parts) - 1):
        name = by_domain.get(".".join(parts[i:]))
        if name is not None:
            return name
    return None


def outlets_in_text(text: str, whole_span: bool = False) -> list[tuple[int, str]]:
    """(offset, outlet name) for each alias in `text`, longest match first, in text order.

    ASCII aliases must stand as whole words ("AP" is not found in "APEC"). With `whole_span`,
    a short ambiguous alias (共同) also counts when it is all of `text`.
    """
    index = outlet_index()
    folded = text.casefold()
    if len(folded) != len(text):  # casefolding changed lengths: offsets are approximate
        folded = text.lower() if len(text.lower()) == len(text) else folded
    hits: list[tuple[int, int, str]] = []
    for end, (key, name, is_ascii) in index.automaton.iter(folded):
        start = end - len(key) + 1
        if is_ascii and (
            (start > 0 and _WORD.match(folded[start - 1]) and folded[start - 1].isascii())
            or (end + 1 < len(folded) and _WORD.match(folded[end + 1]) and folded[end + 1].isascii())
        ):
            continue
        hits.append((start, end + 1, name))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    out: list[tuple[int, str]] = []
    last_end = -1
    for start, end, name in hits:
        if start >= last_end:
            out.append((start, name))
            last_end = end
    if whole_span and not out:
        name = index.short.get(text.strip().casefold())
        if name is not None:
            out.append((0, name))
    return out
