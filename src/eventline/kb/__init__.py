"""The knowledge base: canonical people, organisations, countries and places, with names in every script.

`KnowledgeBase.default()` loads the bundled data (kb/data, format in docs/KB_FORMAT.md) plus the
user's files (settings.kb_paths, and ./eventline-kb/ when it exists), once per process. Lookups
are by id, by any alias in any language (folded: case, width, traditional/simplified/Japanese
kanji), and by office: who held a role for a country on a date.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from eventline.document import Entity, Office
from eventline.errors import KnowledgeBaseError
from eventline.kb.loader import (
    FORMAT_VERSION, LoadedFile, Problem, bundled_files, check_version, merge_into, read_file,
    user_files,
)
from eventline.kb.normalize import fold, key, script_of

__all__ = ["KnowledgeBase", "Alias", "FORMAT_VERSION", "DEFAULT_USER_DIR"]

#: where `eventline kb import` writes by default and `KnowledgeBase.default()` also reads
DEFAULT_USER_DIR = "eventline-kb"


@dataclass(frozen=True, slots=True)
class Alias:
    """One name of one entity as the matcher sees it: folded text, language, and whether it is short.

    `short` is true for a surname or other part of a longer name of the same entity ("Austin" of
    "Lloyd Austin", 中谷 of 中谷元): such a mention needs context before it is trusted.
    """

    text: str  # folded, spaces collapsed
    entity_id: str
    lang: str
    short: bool
    original: str


def _parts(name: str) -> list[str]:
    """The parts a longer name can be cut into: words, and pieces around the name separator."""
    folded = key(name)
    parts = set(folded.replace("·", " ").replace("-", " ").split())
    return [p for p in parts if p != folded]


def _short_aliases(names: Iterable[str]) -> set[str]:
    """Folded aliases that are a proper part of another alias of the same entity."""
    folded = {key(n) for n in names}
    short: set[str] = set()
    for a in folded:
        for b in folded:
            if a == b or len(a) >= len(b):
                continue
            if a in _parts(b):
                short.add(a)
            elif script_of(a[0]) in ("han", "kana", "hangul") and (b.startswith(a) or b.endswith(a)):
                short.add(a)
    return short


class KnowledgeBase:
    """Entities by id, with an alias index and an office index; read-only after construction."""

    def __init__(self, entities: Iterable[Entity], extra: dict[str, dict] | None = None,
                 problems: list[Problem] | None = None) -> None:
        self._by_id: dict[str, Entity] = {}
        for ent in entities:
            if ent.id in self._by_id:
                merge_into(self._by_id[ent.id], ent)
            else:
                self._by_id[ent.id] = ent
        self.extra: dict[str, dict] = extra or {}
        self.problems: list[Problem] = problems or []
        #: the files this knowledge base was read from, when known (set by `default()`)
        self.source_files: tuple[str, ...] = ()
        self._aliases: dict[str, list[Alias]] = {}
        self._offices: dict[tuple[str, str | None], list[tuple[Office, str]]] = {}
        for ent in self._by_id.values():
            self._index(ent)
        self._cache: dict[str, object] = {}  # derived structures (the stage's automaton)

    def _index(self, ent: Entity) -> None:
        every = [n for names in ent.names.values() for n in names]
        short = _short_aliases(every) if ent.type == "person" else set()
        seen: set[tuple[str, str]] = set()
        for lang, names in ent.names.items():
            for name in names:
                k = key(name)
                if not k or (k, lang) in seen:
                    continue
                seen.add((k, lang))
                self._aliases.setdefault(k, []).append(Alias(k, ent.id, lang, k in short, name))
        for off in ent.offices:
            self._offices.setdefault((off.role_key, off.country), []).append((off, ent.id))

    # -- construction -------------------------------------------------------------------------
    @classmethod
    def from_files(cls, paths: Iterable[str | Path], strict: bool = True) -> "KnowledgeBase":
        """Load the given files only. With `strict`, any problem raises KnowledgeBaseError listing all."""
        loaded: list[LoadedFile] = [read_file(p) for p in paths]
        problems = [p for f in loaded for p in f.problems]
        if strict and problems:
            shown = "\n  ".join(str(p) for p in problems[:20])
            more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
            raise KnowledgeBaseError(
                f"{len(problems)} problem(s) in the knowledge base (run `eventline kb check`):\n  {shown}{more}"
            )
        extra: dict[str, dict] = {}
        for f in loaded:
            extra.update(f.extra)
        return cls((e for f in loaded for e in f.entities), extra, problems)

    @classmethod
    def bundled(cls) -> "KnowledgeBase":
        """The bundled knowledge base alone (no user files)."""
        check_version()
        return cls.from_files(bundled_files())

    @classmethod
    def default(cls, settings: object | None = None) -> "KnowledgeBase":
        """Bundled data plus user files (settings.kb_paths, ./eventline-kb/), cached per process."""
        if settings is None:
            from eventline.settings import from_env

            settings = from_env()
        paths = [p for p in str(getattr(settings, "kb_paths", "") or "").split(os.pathsep) if p]
        if Path(DEFAULT_USER_DIR).is_dir():
            paths.append(str(Path(DEFAULT_USER_DIR).resolve()))
        found = tuple(paths)
        if found not in _DEFAULTS:  # parsed once per machine and data version (kb/cache.py)
            from eventline.kb.cache import kb_data_files, load_or_build

            files = kb_data_files(found)
            kb = load_or_build(files, lambda: _default_cached(found), kind=KnowledgeBase)
            kb.source_files = tuple(str(f) for f in files)  # lets derived structures be cached too
            _DEFAULTS[found] = kb
        return _DEFAULTS[found]

    # -- lookups ------------------------------------------------------------------------------
    def get(self, id: str) -> Entity | None:
        """The entity with this id, or None."""
        return self._by_id.get(id)

    def entities(self) -> Iterator[Entity]:
        """Every entity, in load order."""
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def country(self, code: str) -> Entity | None:
        """The country entity for an ISO 3166-1 alpha-2 code (ids are "country:<CC>")."""
        return self._by_id.get(f"country:{code.upper()}")

    def search(self, name: str) -> list[Entity]:
        """Entities with `name` as an alias in any language (folded), people and countries first."""
        found = self._aliases.get(key(name), [])
        order = {"person": 0, "country": 1, "organization": 2, "group": 3, "place": 4}
        ids = list(dict.fromkeys(a.entity_id for a in found))
        ents = [self._by_id[i] for i in ids]
        return sorted(ents, key=lambda e: order.get(e.type, 9))

    def aliases(self, folded: str) -> list[Alias]:
        """The aliases whose folded text is exactly `folded`."""
        return self._aliases.get(folded, [])

    def all_aliases(self) -> Iterator[Alias]:
        """Every alias of every entity (for building the matcher)."""
        for group in self._aliases.values():
            yield from group

    def holder(self, role_key: str, country: str, on: dt.date) -> Entity | None:
        """Who held `role_key` for `country` on `on` (a confirmed holder before an acting one)."""
        day = on.isoformat()
        best: tuple[tuple[int, str], str] | None = None
        for off, eid in self._offices.get((role_key, country), []):
            if off.start and off.start > day:
                continue
            if off.end and off.end < day:
                continue
            rank = (0 if "acting" in off.role.lower() else 1, off.start or "")
            if best is None or rank > best[0]:
                best = (rank, eid)
        return self._by_id[best[1]] if best else None

    def offices_of(self, entity_id: str) -> list[Office]:
        ent = self._by_id.get(entity_id)
        return list(ent.offices) if ent else []

    def cached(self, name: str, build):  # type: ignore[no-untyped-def]
        """A derived structure built once per knowledge base (e.g. the mention automaton)."""
        if name not in self._cache:
            self._cache[name] = build(self)
        return self._cache[name]

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state["_cache"] = {}  # rebuilt lazily in each worker process
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)


_DEFAULTS: dict[tuple[str, ...], KnowledgeBase] = {}


def _default_cached(paths: tuple[str, ...]) -> KnowledgeBase:
    kb = _DEFAULTS.get(paths)
    if kb is None:
        check_version()
        kb = KnowledgeBase.from_files([*bundled_files(), *user_files(paths)])
        _DEFAULTS[paths] = kb
    return kb


def fold_name(name: str) -> str:
    """The folded form used in the alias index (exported for other stages)."""
    return fold(name)
