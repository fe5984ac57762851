"""Global pass: link people discovered in different documents and scripts to one entity.

The entity stage gives a person the knowledge base lacks the id "el:<transliteration key>" per
document, so カルロ・サントス (ja), Carlo Santos (en) and 卡洛·桑托斯 (zh) can end up with three
ids. `link_entities` looks at every discovered entity at once and links those whose names sound
alike (romanised with pinyin, cutlet romaji, Revised Romanisation or unidecode; compared with
rapidfuzz on the romanised words and on their consonant skeletons) **and** whose contexts agree:
the same country, the same role, or another person or organisation named beside both. Two
entities whose contexts conflict (different countries; different roles in the same period) are
never linked, and neither is a cluster that would come to hold such a conflict.

Only names that share a block are compared (`_block_keys`: each consonant-skeleton word and its
forms one or two letters shorter), which holds every pair the scoring can accept; blocks of a
common family name are narrowed in bulk with rapidfuzz's `cdist`. Tens of thousands of names
link in seconds (`bench/bench_entities.py`), with the decisions of comparing every pair.

Pure and deterministic: the same input gives the same mapping whatever its order. The store side
is `eventline.store.entities.relink`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Mapping

from eventline.document import Entity, Mention
from eventline.kb.normalize import script_of
from eventline.kb.translit import romanise, skeleton

__all__ = ["link_entities", "merge_entities", "LinkContext", "CROSS_SCRIPT_THRESHOLD", "SAME_SCRIPT_THRESHOLD"]

#: name similarity (0..1) needed to link names written in different scripts
CROSS_SCRIPT_THRESHOLD = 0.84
#: within one script a different spelling is rarely the same person (Kim Min-jun, Kim Min-jae)
SAME_SCRIPT_THRESHOLD = 0.95
#: each word of the shorter name must sound like a word of the other at least this much
WORD_THRESHOLD = 0.7
#: roles seen further apart than this (days) may both be true (a minister who changed posts)
ROLE_PERIOD_DAYS = 365
#: mention types whose entities count as shared context (countries and places are too common)
_CONTEXT_TYPES = ("person", "organization")


@dataclass(slots=True)
class LinkContext:
    """What the documents say about one discovered entity, gathered from its mentions."""

    countries: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    role_dates: list[dt.date] = field(default_factory=list)
    neighbours: set[str] = field(default_factory=set)  # other people/organisations in its documents
    mentions: int = 0

    def absorb(self, other: "LinkContext") -> None:
        self.countries |= other.countries
        self.roles |= other.roles
        self.role_dates.extend(other.role_dates)
        self.neighbours |= other.neighbours
        self.mentions += other.mentions


@dataclass(frozen=True, slots=True)
class _Name:
    entity_id: str
    text: str
    script: str
    roman: str  # romanised words, sorted, space-joined
    words: tuple[str, ...]  # skeleton of each romanised word
    frame: str  # all skeleton words, sorted, concatenated


def _script(name: str) -> str:
    for ch in name:
        s = script_of(ch)
        if s in ("han", "kana", "hangul", "latin", "alpha"):
            return "latin" if s == "alpha" else s
    return "other"


def _names(ent: Entity) -> list[_Name]:
    out = []
    seen = set()
    for lang, names in sorted(ent.names.items()):
        for text in names:
            if (text, lang) in seen:
                continue
            seen.add((text, lang))
            roman = " ".join(sorted(romanise(text, lang).split()))
            words = tuple(w for w in skeleton(text, lang).split("-") if w)
            if not roman:
                continue
            out.append(_Name(ent.id, text, _script(text), roman, words, "".join(words)))
    return out


def _word_cover(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Every skeleton word of the shorter name sounds like some word of the longer one."""
    from rapidfuzz import fuzz

    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if not short:
        return False
    return all(any(x == y or fuzz.ratio(x, y) / 100 >= WORD_THRESHOLD for y in long_) for x in short)


def _name_score(x: _Name, y: _Name) -> float:
    from rapidfuzz import fuzz

    if len(x.words) != len(y.words) and min(len(x.words), len(y.words)) == 1:
        return 0.0  # a surname alone against a full name: too weak to link on sound
    if not _word_cover(x.words, y.words):
        return 0.0
    s1 = fuzz.ratio(x.frame, y.frame) / 100 if x.frame and y.frame else 0.0
    s2 = fuzz.ratio(x.roman, y.roman) / 100
    if min(len(x.frame), len(y.frame)) < 3:
        s1 = 1.0 if x.frame == y.frame and s2 >= 0.8 else 0.0  # short frames collide by chance
    return max(s1, s2)


def _similarity(a: list[_Name], b: list[_Name]) -> float:
    best = 0.0
    for x in a:
        for y in b:
            score = _name_score(x, y)
            need = SAME_SCRIPT_THRESHOLD if x.script == y.script else CROSS_SCRIPT_THRESHOLD
            if score >= need and score > best:
                best = score
    return best


#: a block of more names than this is narrowed with rapidfuzz's `cdist` before pairs are scored
CDIST_MIN_BLOCK = 64


def _block_keys(name: _Name) -> set[str]:
    """The blocks a name goes in: each skeleton word, with every form of it one letter shorter
    (two or fewer for words of five letters or more; never a key under two letters).

    Two names meet in a block when a word of one is within those deletions of a word of the other,
    which holds for every pair of words of up to seven letters that `_word_cover` accepts (an
    Indel ratio of 0.7 or more): the names `_similarity` can score above zero always meet."""
    keys = set()
    for w in name.words:
        keys.add(w)
        if len(w) < 3:
            continue
        ones = {w[:i] + w[i + 1:] for i in range(len(w))}
        keys |= ones
        if len(w) >= 5:
            keys |= {v[:i] + v[i + 1:] for v in ones for i in range(len(v))}
    return keys


def _candidate_pairs(names: Mapping[str, list[_Name]]) -> set[tuple[str, str]]:
    """Entity id pairs (smaller id first) worth scoring: those with names in a common block.
    Large blocks (a common family name: Kim, Lee) keep only the name pairs whose skeletons or
    romanisations reach the lowest linking threshold by `fuzz.ratio`, computed in bulk by `cdist`."""
    blocks: dict[str, list[_Name]] = {}
    for eid in sorted(names):
        for n in names[eid]:
            for k in _block_keys(n):
                blocks.setdefault(k, []).append(n)
    out: set[tuple[str, str]] = set()
    for block in blocks.values():
        ids = [n.entity_id for n in block]
        if len(set(ids)) < 2:
            continue
        if len(block) <= CDIST_MIN_BLOCK:
            for i, x in enumerate(ids):
                for y in ids[i + 1:]:
                    if x != y:
                        out.add((x, y) if x < y else (y, x))
            continue
        for i, j in _close_in_bulk(block):
            x, y = ids[i], ids[j]
            if x != y:
                out.add((x, y) if x < y else (y, x))
    return out


def _close_in_bulk(block: list[_Name], rows: int = 1024) -> list[tuple[int, int]]:
    """Index pairs (i < j) of a block whose frames or romanisations are alike enough to link
    (a point of slack under the threshold: `_name_score` divides by 100), in slices of `rows`."""
    import numpy as np
    from rapidfuzz import fuzz
    from rapidfuzz.process import cdist

    cutoff = CROSS_SCRIPT_THRESHOLD * 100 - 1
    frames, romans = [n.frame for n in block], [n.roman for n in block]
    out: list[tuple[int, int]] = []
    for lo in range(0, len(block), rows):
        close = None
        for texts in (frames, romans):
            scores = cdist(texts[lo:lo + rows], texts, scorer=fuzz.ratio, score_cutoff=cutoff, dtype=np.uint8)
            close = scores > 0 if close is None else close | (scores > 0)
        for i, j in zip(*np.nonzero(close)):
            if lo + i < j:
                out.append((lo + int(i), int(j)))
    return out


def _conflict(a: LinkContext, b: LinkContext) -> bool:
    """Different countries, or different roles in overlapping periods: not the same person."""
    if a.countries and b.countries and not (a.countries & b.countries):
        return True
    if a.roles and b.roles and not (a.roles & b.roles):
        if not a.role_dates or not b.role_dates:
            return True
        gap = min(abs((x - y).days) for x in a.role_dates for y in b.role_dates)
        return gap <= ROLE_PERIOD_DAYS
    return False


def _confirmed(a: LinkContext, b: LinkContext, ids: tuple[set[str], set[str]]) -> bool:
    """Context that says two alike-sounding names are one person: country, role or a shared neighbour."""
    if a.countries & b.countries or a.roles & b.roles:
        return True
    return bool((a.neighbours - ids[0] - ids[1]) & (b.neighbours - ids[0] - ids[1]))


@lru_cache(maxsize=1)
def _role_keys() -> dict[str, str]:
    """English role names (as mentions carry them) -> role key, from every language's cue file:
    "Minister of Defense" (ja) and "Defense Minister" (zh) are the same office."""
    from eventline import lang as langdata

    out: dict[str, str] = {}
    for code in langdata.languages("entities"):
        for entry in (langdata.load(code, "entities") or {}).get("roles", []):
            out.setdefault(str(entry["role"]).casefold(), str(entry["role_key"]))
    return out


def _role_key(role: str) -> str:
    folded = role.casefold()
    return _role_keys().get(folded, folded)


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def gather_contexts(discovered: Iterable[Entity], mentions: Mapping[str, Iterable[Mention]],
                    dates: Mapping[str, str | None] | None = None) -> dict[str, LinkContext]:
    """The context of each discovered entity from the mentions of every document it appears in."""
    ctx = {e.id: LinkContext(countries={e.country} if e.country else set()) for e in discovered}
    for doc_id, doc_mentions in sorted(mentions.items()):
        doc_mentions = list(doc_mentions)
        day = _parse_date((dates or {}).get(doc_id))
        present = {m.entity_id for m in doc_mentions if m.entity_id and m.type in _CONTEXT_TYPES}
        for m in doc_mentions:
            c = ctx.get(m.entity_id or "")
            if c is None:
                continue
            c.mentions += 1
            if m.country:
                c.countries.add(m.country)
            if m.role:
                c.roles.add(_role_key(m.role))
                if day:
                    c.role_dates.append(day)
            c.neighbours |= present - {m.entity_id}
    return ctx


def link_entities(discovered: Iterable[Entity], mentions: Mapping[str, Iterable[Mention]],
                  dates: Mapping[str, str | None] | None = None) -> dict[str, str]:
    """Map each discovered entity id to its canonical id (only ids that change are returned).

    `discovered`: the entities the stage discovered (all documents); `mentions`: document id ->
    that document's mentions (any entities; those of discovered ids give roles and countries, the
    others co-occurrence); `dates`: document id -> publication date, so that two roles held years
    apart do not count as a conflict. The canonical id of a group is that of its Latin-script name
    when it has one (readable), else the smallest id.
    """
    ents = sorted({e.id: e for e in discovered}.values(), key=lambda e: e.id)
    contexts = gather_contexts(ents, mentions, dates)
    names = {e.id: _names(e) for e in ents}
    pairs: list[tuple[float, str, str]] = []
    for a, b in sorted(_candidate_pairs(names)):
        score = _similarity(names[a], names[b])
        if score > 0:
            pairs.append((score, a, b))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))

    parent = {e.id: e.id for e in ents}
    members = {e.id: {e.id} for e in ents}
    cluster_ctx = {e.id: contexts[e.id] for e in ents}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for _, a, b in pairs:
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        ca, cb = cluster_ctx[ra], cluster_ctx[rb]
        if _conflict(ca, cb) or not _confirmed(contexts[a], contexts[b], (members[ra], members[rb])):
            continue
        root, other = (ra, rb) if ra < rb else (rb, ra)
        parent[other] = root
        merged = LinkContext()
        merged.absorb(cluster_ctx[root])
        merged.absorb(cluster_ctx[other])
        cluster_ctx[root] = merged
        members[root] |= members.pop(other)

    by_id = {e.id: e for e in ents}
    mapping: dict[str, str] = {}
    for root, group in members.items():
        if len(group) < 2:
            continue
        canonical = _canonical([by_id[i] for i in group])
        for i in sorted(group):
            if i != canonical:
                mapping[i] = canonical
    return mapping


def _canonical(group: list[Entity]) -> str:
    latin = sorted(e.id for e in group if any(_script(n) == "latin" for ns in e.names.values() for n in ns))
    return latin[0] if latin else min(e.id for e in group)


def merge_entities(discovered: Iterable[Entity], mapping: Mapping[str, str]) -> list[Entity]:
    """The discovered entities after linking: one per canonical id, with every observed name."""
    out: dict[str, Entity] = {}
    ents = sorted(discovered, key=lambda e: (mapping.get(e.id, e.id) != e.id, e.id))  # canonical first
    for e in ents:
        cid = mapping.get(e.id, e.id)
        target = out.get(cid)
        if target is None:
            target = Entity(id=cid, type=e.type, name=e.name, country=e.country, source=e.source,
                            names={k: list(v) for k, v in e.names.items()}, offices=list(e.offices))
            out[cid] = target
            continue
        for lang, ns in sorted(e.names.items()):
            known = target.names.setdefault(lang, [])
            known.extend(n for n in ns if n not in known)
        if target.country is None:
            target.country = e.country
        if _script(target.name) != "latin" and _script(e.name) == "latin":
            target.name = e.name
    return [out[k] for k in sorted(out)]
