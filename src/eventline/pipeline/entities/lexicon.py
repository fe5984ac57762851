"""What the entity stage matches: per-language cues (lang/data/<code>/entities.yaml) and one automaton.

The automaton (pyahocorasick) holds every folded KB alias, every role title and every stop phrase
of every language; it is built once per knowledge base and process (about a second) and reused for
every document. Per-language cues decide what a match means in a given document language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import ahocorasick

from eventline import lang as langdata
from eventline.kb import Alias, KnowledgeBase
from eventline.kb.normalize import fold, key

#: languages whose cue files are used for a document in another language
FALLBACK_LANG = "en"


@dataclass(frozen=True, slots=True)
class RoleForm:
    """One way a language writes an office: the title text, the role key, English name, fixed state."""

    role_key: str
    role: str
    country: str | None
    lang: str


@dataclass(slots=True)
class LangCues:
    """The entity cues of one language, folded for matching (see lang/data/<code>/entities.yaml)."""

    lang: str
    default_country: str | None = None
    roles: dict[str, list[RoleForm]] = field(default_factory=dict)  # folded title -> forms
    country_role_gaps: tuple[str, ...] = ("",)
    name_role_gaps: tuple[str, ...] = ("",)
    role_name_gaps: tuple[str, ...] = ("",)
    country_after_role: bool = False
    honorifics_after: tuple[str, ...] = ()
    honorifics_before: tuple[str, ...] = ()
    short_forms: dict[str, str] = field(default_factory=dict)
    short_compound_min: int = 2
    ambiguous_compounds: frozenset[str] = frozenset()
    compound_cues: tuple[str, ...] = ()
    short_prefixes: tuple[str, ...] = ()
    short_suffixes: tuple[str, ...] = ()
    stop: frozenset[str] = frozenset()
    metonym_cues_after: tuple[str, ...] = ()
    place_cues_before: tuple[str, ...] = ()
    place_cues_after: tuple[str, ...] = ()
    role_blocked_after: tuple[str, ...] = ()
    role_plural_before: tuple[str, ...] = ()
    short_re: re.Pattern[str] | None = None


def _folds(values: Any) -> tuple[str, ...]:
    """Fold a list of cue strings, longest first (so the longest cue is tried first)."""
    out = [fold(str(v)) for v in (values or [])]
    return tuple(sorted(dict.fromkeys(out), key=len, reverse=True))


@lru_cache(maxsize=None)
def cues(lang: str | None) -> LangCues:
    """The cues for a document language (base code: "zh-Hant" -> "zh"); English cues as fallback."""
    base = (lang or FALLBACK_LANG).split("-")[0].lower()
    data = langdata.load(base, "entities") or langdata.load(FALLBACK_LANG, "entities")
    c = LangCues(lang=base)
    c.default_country = data.get("default_country")
    for entry in data.get("roles", []):
        for form in entry.get("forms", []):
            rf = RoleForm(entry["role_key"], entry["role"], entry.get("country"), base)
            c.roles.setdefault(key(form), []).append(rf)
    c.country_role_gaps = tuple(fold(g) for g in data.get("country_role_gaps", [""]))
    c.name_role_gaps = tuple(fold(g) for g in data.get("name_role_gaps", [""]))
    c.role_name_gaps = tuple(fold(g) for g in data.get("role_name_gaps", [""]))
    c.country_after_role = bool(data.get("country_after_role", False))
    c.honorifics_after = _folds(data.get("honorifics_after"))
    c.honorifics_before = _folds(data.get("honorifics_before"))
    c.short_forms = {fold(k): v for k, v in (data.get("short_forms") or {}).items()}
    c.short_compound_min = int(data.get("short_compound_min", 2))
    c.ambiguous_compounds = frozenset(fold(x) for x in data.get("ambiguous_compounds", []))
    c.compound_cues = _folds(data.get("compound_cues"))
    c.short_prefixes = _folds(data.get("short_prefixes"))
    c.short_suffixes = _folds(data.get("short_suffixes"))
    c.stop = frozenset(key(x) for x in data.get("stop", []))
    c.metonym_cues_after = _folds(data.get("metonym_cues_after"))
    c.place_cues_before = _folds(data.get("place_cues_before"))
    c.place_cues_after = _folds(data.get("place_cues_after"))
    c.role_blocked_after = _folds(data.get("role_blocked_after"))
    c.role_plural_before = _folds(data.get("role_plural_before"))
    if c.short_forms:
        chars = "".join(re.escape(ch) for ch in c.short_forms)
        c.short_re = re.compile(f"[{chars}]+")
    return c


@dataclass(slots=True)
class Matcher:
    """The automaton over folded aliases, role titles and stop phrases of every language."""

    automaton: Any
    roles: dict[str, list[RoleForm]]
    stops: dict[str, frozenset[str]]  # folded phrase -> languages where it blocks
    person_ids: frozenset[str]


def build_matcher(kb: KnowledgeBase) -> Matcher:
    """Build the automaton for `kb` (called once per KB through `kb.cached`)."""
    auto = ahocorasick.Automaton()
    for alias in kb.all_aliases():
        if len(alias.text) >= 2 or _is_han(alias.text):
            if len(alias.text) >= 2:
                auto.add_word(alias.text, alias.text)
    roles: dict[str, list[RoleForm]] = {}
    stops: dict[str, set[str]] = {}
    for code in langdata.languages("entities"):
        c = cues(code)
        for form, rfs in c.roles.items():
            roles.setdefault(form, []).extend(rfs)
            auto.add_word(form, form)
        for phrase in c.stop:
            stops.setdefault(phrase, set()).add(code)
            auto.add_word(phrase, phrase)
    auto.make_automaton()
    persons = frozenset(e.id for e in kb.entities() if e.type == "person")
    return Matcher(auto, roles, {k: frozenset(v) for k, v in stops.items()}, persons)


def matcher_for(kb: KnowledgeBase) -> Matcher:
    """The cached matcher of `kb`."""
    return kb.cached("entities.matcher", build_matcher)  # type: ignore[return-value]


def _is_han(text: str) -> bool:
    return all(0x3400 <= ord(c) <= 0x9FFF for c in text)


def alias_language_ok(alias: Alias, entity_type: str, lang: str | None) -> bool:
    """Country names from CLDR count only in their own language and English (a Hungarian name
    for a country can be an English word); other entities' names count in any language."""
    if entity_type != "country" or lang is None:
        return True
    base = alias.lang.split("-")[0]
    return base == lang or base == "en"
