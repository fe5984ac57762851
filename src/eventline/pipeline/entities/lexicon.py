"""What the entity stage matches: per-language cues (lang/data/<code>/entities.yaml) and one automaton.

The automaton (pyahocorasick) holds every folded KB alias, every role title and every stop phrase
of every language; it is built once per knowledge base and process (about a second) and reused for
every document. Per-language cues decide what a match means in a given document language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick
import numpy as np

from eventline import lang as langdata
from eventline.document import Entity
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
    name_cues_after: tuple[str, ...] = ()  # a name right before these is a person (see _cue_names)
    short_forms: dict[str, str] = field(default_factory=dict)
    short_compound_min: int = 2
    ambiguous_compounds: frozenset[str] = frozenset()
    compound_cues: tuple[str, ...] = ()
    short_prefixes: tuple[str, ...] = ()
    short_suffixes: tuple[str, ...] = ()
    stop: frozenset[str] = frozenset()
    metonym_cues_after: tuple[str, ...] = ()
    metonym_pair_joiners: tuple[str, ...] = ()
    metonym_pair_blocked_after: tuple[str, ...] = ()
    place_cues_before: tuple[str, ...] = ()
    place_cues_after: tuple[str, ...] = ()
    role_blocked_after: tuple[str, ...] = ()
    role_plural_before: tuple[str, ...] = ()
    #: regexes on the folded text: a quantifier right before (三国, 3か国の, the three) or after
    #: (hai nước) a title makes it several people (`role_plural_patterns_before/_after`)
    role_plural_re_before: re.Pattern[str] | None = None
    role_plural_re_after: re.Pattern[str] | None = None
    #: cues that make a country name a location ("in Japan", 日本で, tại Nhật Bản): the mention
    #: gets type "place" so the events stage takes it as where, not who (`location_cues_*`)
    location_cues_before: tuple[str, ...] = ()
    location_cues_after: tuple[str, ...] = ()
    short_re: re.Pattern[str] | None = None


def _folds(values: Any) -> tuple[str, ...]:
    """Fold a list of cue strings, longest first (so the longest cue is tried first)."""
    out = [fold(str(v)) for v in (values or [])]
    return tuple(sorted(dict.fromkeys(out), key=len, reverse=True))


@lru_cache(maxsize=1)
def _pair_table() -> dict[int, str]:
    """Code point -> two characters (high byte in U+0100..U+01FF, low byte in U+0000..U+00FF)."""
    return {cp: chr(0x100 + (cp >> 8)) + chr(cp & 0xFF) for cp in range(0x10000)}


def pair_encode(text: str) -> str:
    """Spell each character as two, so every automaton node has at most 256 children.

    pyahocorasick scans a node's children linearly; with names in every script the root would have
    thousands, and matching would cost ~1 µs per character. High and low halves use disjoint
    ranges, so a match can never start in the middle of a character. Characters beyond the BMP
    (rare in names) all become U+FFFD first, which keeps offsets (Python counts code points).
    """
    data = text.encode("utf-16-le", "surrogatepass")
    if len(data) != 2 * len(text):  # a character beyond the BMP took two units
        text = "".join(c if c <= "\uffff" else "\ufffd" for c in text)
        data = text.encode("utf-16-le", "surrogatepass")
    units = np.frombuffer(data, dtype="<u2")
    out = np.empty(2 * len(units), dtype="<u2")  # the same as text.translate(_pair_table()), faster
    out[0::2] = (units >> 8) + 0x100
    out[1::2] = units & 0xFF
    return out.tobytes().decode("utf-16-le")


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
    c.name_cues_after = tuple(fold(str(v)) for v in data.get("name_cues_after") or [])
    c.short_forms = {fold(k): v for k, v in (data.get("short_forms") or {}).items()}
    c.short_compound_min = int(data.get("short_compound_min", 2))
    c.ambiguous_compounds = frozenset(fold(x) for x in data.get("ambiguous_compounds", []))
    c.compound_cues = _folds(data.get("compound_cues"))
    c.short_prefixes = _folds(data.get("short_prefixes"))
    c.short_suffixes = _folds(data.get("short_suffixes"))
    c.stop = frozenset(key(x) for x in data.get("stop", []))
    c.metonym_cues_after = _folds(data.get("metonym_cues_after"))
    c.metonym_pair_joiners = _folds(data.get("metonym_pair_joiners"))
    c.metonym_pair_blocked_after = _folds(data.get("metonym_pair_blocked_after"))
    c.place_cues_before = _folds(data.get("place_cues_before"))
    c.place_cues_after = _folds(data.get("place_cues_after"))
    c.role_blocked_after = _folds(data.get("role_blocked_after"))
    c.role_plural_before = _folds(data.get("role_plural_before"))
    c.role_plural_re_before = _alternation(data.get("role_plural_patterns_before"), "(?:{})$")
    c.role_plural_re_after = _alternation(data.get("role_plural_patterns_after"), "^(?:{})")
    c.location_cues_before = _folds(data.get("location_cues_before"))
    c.location_cues_after = _folds(data.get("location_cues_after"))
    if c.short_forms:
        chars = "".join(re.escape(ch) for ch in c.short_forms)
        c.short_re = re.compile(f"[{chars}]+")
    return c


def _alternation(patterns: Any, frame: str) -> re.Pattern[str] | None:
    """One compiled regex from a list of patterns written for folded (lowercase) text."""
    pats = [str(p) for p in (patterns or [])]
    return re.compile(frame.format("|".join(f"(?:{p})" for p in pats))) if pats else None


@dataclass(frozen=True, slots=True)
class Option:
    """One entity an automaton key can mean, with the languages its names count in and case rules.

    `case` is "" (none), "cap" (the text must be capitalised) or the acronym's letters ("US").
    `langs` is None when the name counts in any language (everything but CLDR country names).
    """

    alias: Alias
    entity: Entity
    langs: frozenset[str] | None
    case: str


@dataclass(slots=True)
class Matcher:
    """The automaton over folded aliases, role titles and stop phrases of every language.

    Keys are stored pair-encoded (`pair_encode`); values are the folded key itself.
    """

    automaton: Any
    roles: dict[str, list[RoleForm]]
    stops: dict[str, frozenset[str]]  # folded phrase -> languages where it blocks
    options: dict[str, tuple[Option, ...]]  # folded alias -> what it can mean
    #: (document language, cue language) -> folded key -> what the key means there; filled lazily
    #: by the entity stage, so each key's options are filtered once per process, not per match
    meanings: dict[tuple[str | None, str], dict[str, Any]] = field(default_factory=dict, repr=False)


def build_matcher(kb: KnowledgeBase) -> Matcher:
    """Build the automaton for `kb` (called once per KB through `kb.cached`)."""
    auto = ahocorasick.Automaton()
    grouped: dict[str, dict[tuple[str, bool, str], tuple[Alias, Entity, set[str] | None, str]]] = {}
    for alias in kb.all_aliases():
        ent = kb.get(alias.entity_id)
        if ent is None or len(alias.text) < 2:
            continue
        slot = grouped.setdefault(alias.text, {})
        case = _case_rule(alias.original)
        # one option per case rule: a lowercase Spanish "china" (adjective) must not lift the
        # capitalisation rule of the English "China", nor the English name the Spanish word's language
        k = (ent.id, alias.short, case)
        lang = alias.lang.split("-")[0]
        restricted = ent.type == "country" and lang != "en"  # English names count everywhere
        if k not in slot:
            slot[k] = (alias, ent, {lang} if restricted else None, case)
        else:
            prev = slot[k]
            langs = None if prev[2] is None or not restricted else prev[2] | {lang}
            slot[k] = (prev[0], ent, langs, prev[3] if len(prev[3]) <= len(case) else case)
    options = {
        text: tuple(Option(a, e, frozenset(l) if l is not None else None, c) for a, e, l, c in slot.values())
        for text, slot in grouped.items()
    }
    for text in options:
        auto.add_word(pair_encode(text), text)
    roles: dict[str, list[RoleForm]] = {}
    stops: dict[str, set[str]] = {}
    for code in langdata.languages("entities"):
        c = cues(code)
        for form, rfs in c.roles.items():
            roles.setdefault(form, []).extend(rfs)
            auto.add_word(pair_encode(form), form)
        for phrase in c.stop:
            stops.setdefault(phrase, set()).add(code)
            auto.add_word(pair_encode(phrase), phrase)
    auto.make_automaton()
    return Matcher(auto, roles, {k: frozenset(v) for k, v in stops.items()}, options)


def matcher_for(kb: KnowledgeBase) -> Matcher:
    """The cached matcher of `kb`: built once per process, and for the default knowledge base
    read from the on-disk cache (kb/cache.py) when its data, language files and code are unchanged."""
    return kb.cached("entities.matcher", _load_or_build_matcher)  # type: ignore[return-value]


def _load_or_build_matcher(kb: KnowledgeBase) -> Matcher:
    sources = getattr(kb, "source_files", None)
    if not sources:
        return build_matcher(kb)
    from eventline.kb.cache import load_or_build
    from eventline.lang import DATA_ROOT as LANG_ROOT

    here = Path(__file__).resolve().parent
    files = [*sources, *sorted(str(p) for p in Path(str(LANG_ROOT)).glob("*/entities.yaml")),
             *sorted(str(p) for p in here.glob("*.py"))]
    return load_or_build(files, lambda: build_matcher(kb), kind=Matcher, name="entities-matcher")


def _case_rule(original: str) -> str:
    """How a Latin name must be written in the text: acronyms exactly, names capitalised.

    Country names count only in their own language and English (a Hungarian name for a country can
    be an English word); other entities' names count in any language (see `Option.langs`)."""
    letters = [c for c in original if c.isalpha()]
    if not letters or not ("a" <= letters[0].lower() <= "z" or 0xC0 <= ord(letters[0]) < 0x250 or 0x1E00 <= ord(letters[0]) <= 0x1EFF):
        return ""
    if 2 <= len(letters) <= 6 and all(c.isupper() for c in letters):
        return "".join(letters)
    return "cap" if original[0].isupper() else ""
