"""Pipeline stage: entities. Finds who and where a document names, and resolves each mention.

Steps, all on the folded text (same offsets as `doc.text`):
1. one automaton pass finds KB aliases, role titles and stop phrases; short country forms (米, 美,
   日米, 訪日, 美方) are found by per-language patterns; Latin names need word boundaries and
   their capitalisation, acronyms their exact case;
2. role titles take the country written next to them (米国防長官, 美国国防部长, Bộ trưởng Quốc phòng Mỹ);
3. the longest match wins where matches overlap (中谷元 over 中谷, 美国国防部长 over 美国);
4. a role next to a name belongs to that name; a role alone resolves to whoever held the office on
   the date of its clause (the nearest preceding time expression in the same paragraph, else the
   publication date, else today);
5. a surname alone (中谷, Austin, 오스틴) resolves to the person the document names in full, or is
   confirmed by a title, honorific or unique long form; look-alikes (Austin the city) by context;
6. names next to titles/honorifics that the KB lacks are read with per-language detectors, linked
   to a KB person when they sound alike and the role agrees, else become discovered entities with
   the id "el:<transliteration key>", the same in every script that romanises alike; names with
   no title are taken only where a language marks them reliably (`name_cues_after`: a name before
   "said"/cho biết/表示, a Korean name before 씨, a katakana full name with ・);
7. capitals that act (before a speech verb, or in a pair of capitals) become their countries.
Discovered ids are linked across documents and scripts afterwards by a global pass (`link.py`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from eventline.document import Document, Entity, Mention
from eventline.kb import Alias, KnowledgeBase
from eventline.kb.normalize import fold, is_wordchar, script_of
from eventline.kb.translit import name_key, similarity, sound_similarity
from eventline.pipeline.entities.lexicon import LangCues, Matcher, RoleForm, cues, matcher_for, pair_encode
from eventline.pipeline.entities.names import latin_segments, name_after, name_before

__all__ = ["EntityStage", "find_mentions"]

_PRIORITY = {"stop": 0, "person": 1, "role": 2, "organization": 3, "country": 4, "place": 5, "group": 6, "short": 7}
#: similarity above which an unknown name is the KB person holding the same role
LINK_THRESHOLD = 0.8
#: the same by broad sound classes (`translit.sound_similarity`), for names that reached a script
#: by ear (Vietnamese names in katakana or Hangul); used only on the office holders context allows
SOUND_LINK_THRESHOLD = 0.85
_LATIN_WORD_AFTER = re.compile(r"[ \u00a0]([A-ZÀ-ÝĐ][\w'’-]*)")
_LATIN_WORD_BEFORE = re.compile(r"(?:^|[\s(\"“])([A-ZÀ-ÝĐ][\w'’.-]*)[ \u00a0]$")
#: a dateline after a place at the start of a line: "SINGAPORE -", "TOKYO, May 31 (Reuters) -"
_DATELINE_AFTER = re.compile(r"(?:,[^\n,]{1,30})?(?:\s*\([^)\n]{1,30}\))?\s*[-–—]\s")


@dataclass(slots=True)
class Cand:
    """A candidate span before overlaps are resolved."""

    start: int
    end: int
    kind: str  # "alias", "role", "short", "stop"
    aliases: list[tuple[Alias, Entity]] = field(default_factory=list)
    roles: list[RoleForm] = field(default_factory=list)
    country: str | None = None  # for roles (from the prefix/suffix) and short forms
    core: tuple[int, int] = (0, 0)  # the title itself, without its country

    @property
    def length(self) -> int:
        return self.end - self.start

    def priority(self) -> int:
        if self.kind == "alias":
            return min(_PRIORITY.get(e.type, 9) for _, e in self.aliases)
        return _PRIORITY[self.kind]


class EntityStage:
    """Sets `doc.mentions` (resolved) and `doc.entities` (people discovered here, not in the KB)."""

    name = "entities"

    def __init__(self, kb: KnowledgeBase | None = None) -> None:
        self.kb = kb if kb is not None else KnowledgeBase.default()

    def __call__(self, doc: Document) -> Document:
        if not doc.text:
            return doc
        try:
            mentions, discovered = find_mentions(self.kb, doc)
        except Exception as exc:  # a bad page must not stop the run; the note says what failed
            doc.notes.append(f"entities: failed ({type(exc).__name__}: {exc})")
            return doc
        doc.mentions = mentions
        doc.entities = discovered
        return doc


# -- step 1: candidates ---------------------------------------------------------------------------

def _wordish(ch: str) -> bool:
    """A character that continues a Latin/Cyrillic/... word (CJK characters never do)."""
    found = _WORDISH.get(ch)
    if found is None:
        found = _WORDISH[ch] = is_wordchar(ch) and _script(ch) not in ("han", "kana", "hangul")
    return found


#: per-character memos of `script_of` and `_wordish` (pure functions of one character)
_SCRIPT: dict[str, str] = {}
_WORDISH: dict[str, bool] = {}


def _script(ch: str) -> str:
    found = _SCRIPT.get(ch)
    if found is None:
        found = _SCRIPT[ch] = script_of(ch)
    return found


def _boundary_ok(text: str, start: int, end: int) -> bool:
    """Latin/Cyrillic names need word boundaries; Hangul a start boundary; katakana no katakana beside."""
    script = _script
    first, last = script(text[start]), script(text[end - 1])
    if first in ("latin", "alpha", "digit") and start > 0 and _wordish(text[start - 1]):
        return False
    if last in ("latin", "alpha", "digit") and end < len(text) and _wordish(text[end]):
        return False
    if first == "hangul" and start > 0 and script(text[start - 1]) == "hangul":
        return False
    if first == "kana" and start > 0 and script(text[start - 1]) == "kana" and text[start - 1] not in "のとがをはにへでも":
        return False
    if last == "kana" and end < len(text) and script(text[end]) == "kana" and text[end] not in "のとがをはにへでもや":
        return False
    return True


def _case_ok(rule: str, surface: str) -> bool:
    """Acronyms (US, UN, AP) must match in case; capitalised names must be capitalised in the text."""
    if not rule:
        return True
    if rule == "cap":
        return surface[:1].isupper()
    return "".join(c for c in surface if c.isalpha()) == rule


def _candidates(m: Matcher, text: str, ftext: str, lang: str | None, c: LangCues) -> list[Cand]:
    out: list[Cand] = []
    meanings = _meanings(m, lang, c.lang)
    for end_idx, k in m.automaton.iter(pair_encode(ftext)):
        meaning = meanings.get(k)
        if meaning is None:
            meaning = meanings[k] = _meaning(m, k, lang, c.lang)
        if meaning is _NOTHING:
            continue
        is_stop, for_role, opts, plain, han = meaning
        end = (end_idx + 1) // 2
        start = end - len(k)
        if is_stop:
            out.append(Cand(start, end, "stop"))
        if not for_role and not opts:
            continue
        if not han and not _boundary_ok(text, start, end):
            continue
        if for_role:
            out.append(Cand(start, end, "role", roles=list(for_role), core=(start, end)))
        if plain is not None:
            out.append(Cand(start, end, "alias", aliases=plain))
        elif opts:
            surface = text[start:end]
            good = [(a, e) for a, e, case in opts if _case_ok(case, surface)]
            if good:
                out.append(Cand(start, end, "alias", aliases=good))
    out.extend(_short_forms(ftext, c))
    return out


#: what an automaton key means in a document language: (stop phrase here, role forms of the cue
#: language, options whose names count here as (alias, entity, case rule), the same as the
#: candidate's (alias, entity) list when no case rule needs the text (shared: never modified),
#: whether the key starts and ends with Han characters (no word boundary to check then))
_Meaning = tuple[bool, tuple[RoleForm, ...], tuple[tuple[Alias, Entity, str], ...],
                 "list[tuple[Alias, Entity]] | None", bool]
_NOTHING: _Meaning = (False, (), (), None, False)


def _meanings(m: Matcher, lang: str | None, cue_lang: str) -> dict[str, _Meaning]:
    """The per-language memo of `_meaning` for this matcher (filled as keys are met)."""
    found = m.meanings.get((lang, cue_lang))
    if found is None:
        found = m.meanings[(lang, cue_lang)] = {}
    return found


def _meaning(m: Matcher, k: str, lang: str | None, cue_lang: str) -> _Meaning:
    """Which stop phrases, role titles and options of automaton key `k` apply in language `lang`."""
    stops = m.stops.get(k)
    is_stop = stops is not None and lang in stops
    for_role = tuple(r for r in m.roles.get(k, ()) if r.lang == cue_lang)
    opts = tuple((o.alias, o.entity, o.case) for o in m.options.get(k, ())
                 if o.langs is None or lang is None or lang in o.langs)
    if not (is_stop or for_role or opts):
        return _NOTHING
    plain = [(a, e) for a, e, _ in opts] if opts and not any(case for _, _, case in opts) else None
    # a folded Han character comes from a Han character (or 〸〹〺, script "other"): no boundary to check
    han = _script(k[0]) == "han" and _script(k[-1]) == "han"
    return is_stop, for_role, opts, plain, han


def _short_forms(ftext: str, c: LangCues) -> list[Cand]:
    """One-character country forms in compounds (日米, 美日韩), after prefixes (訪日), before suffixes (美方)."""
    if not c.short_re:
        return []
    out = []
    for mt in c.short_re.finditer(ftext):
        run, s = mt.group(), mt.start()
        after = ftext[mt.end():mt.end() + 6]
        if len(run) >= c.short_compound_min:
            if run not in c.ambiguous_compounds or after.startswith(c.compound_cues):
                for i, ch in enumerate(run):
                    out.append(Cand(s + i, s + i + 1, "short", country=c.short_forms[ch]))
                continue
        last = len(run) - 1
        for i in (0, last) if last else (0,):  # a prefix before the first form, a suffix after the last
            pos = s + i
            if (i == last and ftext.startswith(c.short_suffixes, pos + 1, pos + 8)) or (
                    i == 0 and pos > 0 and ftext.endswith(c.short_prefixes, max(0, pos - 2), pos)):
                out.append(Cand(pos, pos + 1, "short", country=c.short_forms[run[i]]))
    return out


# -- step 2: roles with their country -------------------------------------------------------------

def _country_of(cand: Cand) -> str | None:
    if cand.kind == "short":
        return cand.country
    if cand.kind == "alias":
        for _, e in cand.aliases:
            if e.type == "country":
                return e.country
    return None


def _attach_role_countries(cands: list[Cand], ftext: str, c: LangCues) -> None:
    """Extend each role over the country written next to it, and record that country."""
    roles = [cand for cand in cands if cand.kind == "role"]
    if not roles:
        return
    # the positions a role looks at: a country (or a compound of two) ending at its gap before, or
    # starting at its gap after; whether a candidate there names a country is asked only then
    need_end = {r.start - len(g) - k for r in roles for g in c.country_role_gaps for k in (0, 1)}
    need_start = {r.end + len(g) for r in roles for g in c.country_role_gaps} if c.country_after_role else set()
    ends: dict[int, list[Cand]] = {}
    starts: dict[int, list[Cand]] = {}
    for cand in cands:
        if cand.kind in ("alias", "short"):
            if cand.end in need_end:
                ends.setdefault(cand.end, []).append(cand)
            if cand.start in need_start:
                starts.setdefault(cand.start, []).append(cand)
    for cand in roles:
        if c.role_blocked_after and ftext.startswith(c.role_blocked_after, cand.end):
            cand.kind = "blocked"
            continue
        if c.role_plural_before and ftext[max(0, cand.start - 6):cand.start].endswith(c.role_plural_before):
            cand.kind = "blocked"
            continue
        if _plural_quantifier(c, ftext, cand.start, cand.end):
            cand.kind = "blocked"  # 三国防长, 3か国の防衛相, the three defense ministers: several people
            continue
        if any(_compound_before(ends, cand.start - len(g)) for g in c.country_role_gaps
               if ftext[cand.start - len(g):cand.start] == g):
            cand.kind = "blocked"  # 日米防衛相, 日米韓の防衛相: the ministers of several countries
            continue
        best: Cand | None = None
        for gap in c.country_role_gaps:
            if ftext[cand.start - len(gap):cand.start] != gap:
                continue
            for prev in _countries_at(ends, cand.start - len(gap)):
                if best is None or prev.length > best.length:
                    best = prev
        if best is None and c.country_after_role:
            for gap in c.country_role_gaps:
                if ftext[cand.end:cand.end + len(gap)] != gap:
                    continue
                for nxt in _countries_at(starts, cand.end + len(gap)):
                    if best is None or nxt.length > best.length:
                        best = nxt
        fixed = {r.country for r in cand.roles if r.country}
        if best is not None:
            country = _country_of(best)
            usable = [r for r in cand.roles if r.country in (None, country)]
            if usable:
                cand.roles = usable
                cand.country = country
                cand.start, cand.end = min(cand.start, best.start), max(cand.end, best.end)
                continue
        cand.country = next(iter(fixed)) if len(fixed) == 1 else None


def _countries_at(index: dict[int, list[Cand]], pos: int) -> list[Cand]:
    """The candidates of `index` at `pos` that name a country, in candidate order."""
    return [x for x in index.get(pos, ()) if _country_of(x)]


def _plural_quantifier(c: LangCues, ftext: str, start: int, end: int) -> bool:
    """A number of countries or a collective word beside a title (三国, 3か国の, 양국, hai nước, both)."""
    if c.role_plural_re_before and c.role_plural_re_before.search(ftext, max(0, start - 16), start):
        return True
    return bool(c.role_plural_re_after and c.role_plural_re_after.match(ftext[end:end + 16]))


def _compound_before(ends: dict[int, list[Cand]], pos: int) -> bool:
    """True when two short country forms end at `pos` and `pos - 1` (日米, 美日)."""
    return any(x.kind == "short" and x.country for x in ends.get(pos, ())) \
        and any(x.kind == "short" and x.country for x in ends.get(pos - 1, ()))


# -- step 3: overlaps -----------------------------------------------------------------------------

def _select_key(c: Cand) -> tuple[int, int, int]:
    """Longer spans first, then entity-type priority (`Cand.priority`), then position."""
    if c.kind != "alias":
        return c.start - c.end, _PRIORITY[c.kind], c.start
    if len(c.aliases) == 1:
        return c.start - c.end, _PRIORITY.get(c.aliases[0][1].type, 9), c.start
    return c.start - c.end, c.priority(), c.start


def _select(cands: list[Cand]) -> list[Cand]:
    """Leftmost-longest selection: longer spans first, then entity-type priority, then position."""
    order = sorted((c for c in cands if c.kind != "blocked"), key=_select_key)
    taken = bytearray(max((c.end for c in cands), default=0) + 1)
    chosen = []
    for cand in order:
        if taken.find(1, cand.start, cand.end) >= 0:
            continue
        taken[cand.start:cand.end] = b"\x01" * cand.length
        chosen.append(cand)
    chosen.sort(key=lambda c: c.start)
    return [c for c in chosen if c.kind != "stop"]


# -- dates ----------------------------------------------------------------------------------------

def _parse_value(value: str) -> dt.date | None:
    """A date from a TimeExpr value (YYYY, YYYY-MM, YYYY-MM-DD[Thh:mm]); periods give their first day."""
    try:
        parts = value[:10].split("-")
        y = int(parts[0])
        mo = int(parts[1]) if len(parts) > 1 else 7  # a bare year: mid-year
        d = int(parts[2]) if len(parts) > 2 else 1
        return dt.date(y, mo, d)
    except (ValueError, IndexError):
        return None


def _paragraph_start(doc: Document, pos: int) -> int:
    for p in doc.paragraphs:
        if p.start <= pos < p.end:
            return p.start
    return doc.text.rfind("\n", 0, pos) + 1


def date_at(doc: Document, pos: int) -> dt.date:
    """The date a role at `pos` refers to: nearest preceding time in its paragraph, else published, else today."""
    para = _paragraph_start(doc, pos)
    best = None
    for t in doc.times:
        if para <= t.start < pos and (best is None or t.start > best.start):
            best = t
    if best is not None:
        d = _parse_value(best.value)
        if d:
            return d
    if doc.published:
        d = _parse_value(doc.published)
        if d:
            return d
    return dt.date.today()


# -- steps 4-6: resolution ------------------------------------------------------------------------

@dataclass(slots=True)
class _Ctx:
    kb: KnowledgeBase
    doc: Document
    ftext: str
    lang: str
    cues: LangCues
    named: dict[str, int]  # person id -> position of its first full-name mention
    spans: bytearray = field(default_factory=bytearray)  # 1 where a selected candidate lies
    dates: dict[int, dt.date] = field(default_factory=dict)

    def date(self, pos: int) -> dt.date:
        """`date_at(doc, pos)`, remembered: many mentions ask it of the same document."""
        found = self.dates.get(pos)
        if found is None:
            found = self.dates[pos] = date_at(self.doc, pos)
        return found


def _has_office(ent: Entity, role_key: str, country: str | None) -> bool:
    return any(o.role_key == role_key and (country is None or o.country == country) for o in ent.offices)


def _role_name(kb: KnowledgeBase, ent: Entity | None, rf: RoleForm, country: str | None, on: dt.date) -> str:
    """The English office name: the person's own office title when it matches, else the generic one."""
    if ent is not None:
        for o in ent.offices:
            if o.role_key == rf.role_key and (country is None or o.country == country):
                if (o.start or "") <= on.isoformat() <= (o.end or "9999"):
                    return o.role
        for o in ent.offices:
            if o.role_key == rf.role_key and (country is None or o.country == country):
                return o.role
    return rf.role


def _cue_around(ctx: _Ctx, start: int, end: int) -> bool:
    """A person cue (honorific, speech verb, title word) right after or before a name."""
    after = ctx.ftext[end:end + 8].lstrip(" ")
    before = ctx.ftext[max(0, start - 12):start].rstrip(" ")
    return after.startswith(ctx.cues.honorifics_after) or before.endswith(ctx.cues.honorifics_before)


def _place_cue(ctx: _Ctx, start: int, end: int) -> bool:
    before = ctx.ftext[max(0, start - 12):start].rstrip(" ").split(" ")[-1:]
    after = ctx.ftext[end:end + 16]
    return bool(before and before[0] in ctx.cues.place_cues_before) or after.startswith(ctx.cues.place_cues_after)


def _choose(ctx: _Ctx, cand: Cand, role: tuple[Cand, RoleForm] | None) -> tuple[Entity, float, str] | None:
    """Pick the entity a matched alias means here, with a confidence and kind ("name"/"surname")."""
    if len(cand.aliases) == 1 and cand.aliases[0][1].type not in ("person", "place"):
        a, e = cand.aliases[0]  # one country or organisation: no context to weigh (the loop below, unrolled)
        score = 1.0 + (0.5 if e.type == "country" else 0.2)
        return e, (1.0 if not a.short else round(min(0.95, 0.5 + 0.1 * score), 2)), ("surname" if a.short else "name")
    by_ent: dict[str, tuple[Alias, Entity]] = {}
    for a, e in cand.aliases:
        prev = by_ent.get(e.id)
        if prev is None or (prev[0].short and not a.short):
            by_ent[e.id] = (a, e)
    options = list(by_ent.values())
    text = ctx.doc.text[cand.start:cand.end]
    cue = place_cue = glued = False
    if any(e.type in ("person", "place") for _, e in options):  # the context only they look at
        cue = _cue_around(ctx, cand.start, cand.end)
        place_cue = _place_cue(ctx, cand.start, cand.end)
        glued = _inside_longer_name(ctx, cand.start, cand.end)
    scored: list[tuple[float, Entity, str]] = []
    for a, e in options:
        kind = "surname" if a.short else "name"
        score = 1.0
        if e.type == "person":
            if e.id in ctx.named:
                score += 3
            if role is not None:
                score += 2 if _has_office(e, role[1].role_key, role[0].country) else 0.5
            if cue:
                score += 1
            if a.short and _in_office(e, ctx.date(cand.start)):
                score += 1.0  # a surname of someone in office at the time: news is about office holders
            if place_cue and not role:
                score -= 1.5
            if a.short and role is None and glued:
                continue  # Austin of "Austin Reaves" / "Chris Austin": another person's name
            if a.short and e.id not in ctx.named and role is None and not cue:
                short_cjk = script_of(text[0]) in ("han", "kana", "hangul") and len(text) <= 2
                others = sum(1 for _, o in options if o.type == "person")
                if short_cjk or others > 1:
                    continue  # a bare common surname: not trusted without context
                score -= 0.5
        elif e.type == "place":
            if glued and not place_cue:
                continue  # Austin of "Austin Reaves": part of a longer name, not the city
            if place_cue:
                score += 1.5
            if role is not None or (cue and not (ctx.kb.extra.get(e.id, {}).get("capital")
                                                  and ctx.ftext.startswith(ctx.cues.metonym_cues_after, cand.end))):
                score -= 2
            if any(o.type == "person" and o.id in ctx.named for _, o in options):
                score -= 2
            pop = ctx.kb.extra.get(e.id, {}).get("population")
            score += 0.3 if pop and pop > 1_000_000 else 0.0
        elif e.type == "country":
            score += 0.5
        else:
            score += 0.2
        scored.append((score, e, kind))
    if not scored:
        return None
    scored.sort(key=lambda t: -t[0])
    top = scored[0]
    if top[0] <= 0:
        return None
    if len(scored) > 1 and scored[1][0] == top[0] and scored[1][1].type == top[1].type == "person":
        on = ctx.date(cand.start)
        holding = [t for t in scored if t[0] == top[0] and any(
            (o.start or "") <= on.isoformat() <= (o.end or "9999") for o in t[1].offices)]
        if len(holding) != 1:
            return None
        top = holding[0]
    conf = 1.0 if top[2] == "name" and len(scored) == 1 else min(0.95, 0.5 + 0.1 * top[0])
    return top[1], round(conf, 2), top[2]


def _inside_longer_name(ctx: _Ctx, start: int, end: int) -> bool:
    """A Latin surname glued to another capitalised word that is not a title, honorific or known
    name: "Austin Reaves", "Chris Austin" (the KB person's own full name would have matched whole)."""
    text = ctx.doc.text
    if script_of(text[start]) != "latin":
        return False
    after = _LATIN_WORD_AFTER.match(text, end)
    if after and latin_segments([after.group(1)])[0] and not any(ctx.spans[after.start(1):after.end(1)]):
        return True  # "Austin Reaves" (a weekday, a month or a known name after it does not count)
    before = _LATIN_WORD_BEFORE.search(text, max(0, start - 30), start)
    if before is None or any(ctx.spans[before.start(1):before.end(1)]):
        return False  # nothing before, or a known name or title ("Nhật Bản Nakatani")
    word = before.group(1)
    bare = word.rstrip(".")
    if word.endswith((".", "'s", "’s")) or not latin_segments([word])[-1]:
        return False  # a sentence end, an abbreviated title, a possessive, a weekday
    folded = fold(bare)
    if any(h.rstrip(".") == folded for h in ctx.cues.honorifics_before) or folded in _title_words(ctx.cues.lang):
        return False  # Secretary Austin, Defense Secretary Austin, Minister Nakatani
    if bare in _NOT_NAME_STARTS or ctx.kb.aliases(folded):
        return False  # The Austin..., U.S. Austin (a known country or place before it)
    return True


#: capitalised words that start clauses rather than names
_NOT_NAME_STARTS = frozenset({
    "The", "A", "An", "In", "On", "At", "And", "But", "Or", "As", "When", "While", "After", "Before", "Then",
    "Yesterday", "Today", "Meanwhile", "Earlier", "Later", "Also", "Both", "If", "So", "Since", "Because",
    "Although", "However", "Still", "Now", "Last", "Next", "This", "That", "He", "She", "They", "We", "I",
})


def _title_words(lang: str) -> frozenset[str]:
    """Every word of every title of a language (folded): "defense", "secretary", "minister" ..."""
    return _TITLE_WORDS.get(lang) or _TITLE_WORDS.setdefault(
        lang, frozenset(w for form in cues(lang).roles for w in form.split()))


_TITLE_WORDS: dict[str, frozenset[str]] = {}


def _in_office(ent: Entity, on: dt.date) -> bool:
    day = on.isoformat()
    return any((o.start or "") <= day <= (o.end or "9999") for o in ent.offices)


def _full_names(cands: list[Cand]) -> dict[str, int]:
    """People named by an unambiguous full (not short) alias, with their first position."""
    named: dict[str, int] = {}
    for cand in cands:
        if cand.kind != "alias":
            continue
        people = {e.id for a, e in cand.aliases if e.type == "person" and not a.short}
        if len(people) == 1:
            pid = people.pop()
            named.setdefault(pid, cand.start)
    return named


def _adjacent_role(cand: Cand, roles_by_start: dict[int, Cand], roles_by_end: dict[int, Cand],
                   ftext: str, c: LangCues) -> Cand | None:
    for gap in c.name_role_gaps:
        r = roles_by_start.get(cand.end + len(gap))
        if r is not None and ftext[cand.end:cand.end + len(gap)] == gap:
            return r
    for gap in c.role_name_gaps:
        r = roles_by_end.get(cand.start - len(gap))
        if r is not None and ftext[cand.start - len(gap):cand.start] == gap:
            return r
    return None


def _best_role(kb: KnowledgeBase, role: Cand, ent: Entity | None) -> RoleForm:
    if ent is not None:
        for rf in role.roles:
            if _has_office(ent, rf.role_key, role.country):
                return rf
    return role.roles[0]


def _link_unknown(ctx: _Ctx, surface: str, role: Cand | None,
                  nearby: tuple[str, ...] = ()) -> tuple[Entity, float] | None:
    """A KB person whose names sound like `surface` and who held the role on the date, for the
    role's own country, or (a title that names no state: 国防相, Defense Minister) for a country
    written near the name (`nearby`) or the language's default country. Names are compared by
    spelling (`similarity`) and by sound classes (`sound_similarity`: ファン・ヴァン・ザン, 판반장)."""
    if role is None:
        return None
    best: tuple[float, Entity] | None = None
    on = ctx.date(role.start)
    countries = [role.country] if role.country else [*nearby, ctx.cues.default_country]
    for rf in role.roles:
        for country in dict.fromkeys(c for c in countries if c):
            holder = ctx.kb.holder(rf.role_key, country, on)
            if holder is None:
                continue
            for lang, names in holder.names.items():
                for n in names:
                    s = similarity(surface, n, ctx.lang, lang)
                    if s < LINK_THRESHOLD:
                        s = sound_similarity(surface, n, ctx.lang, lang)
                        s = s if s >= SOUND_LINK_THRESHOLD else 0.0
                    if s and (best is None or s > best[0]):
                        best = (s, holder)
    return (best[1], round(best[0] * 0.9, 2)) if best else None


def _nearby_countries(mentions: list[Mention], ftext: str, pos: int) -> tuple[str, ...]:
    """Countries named shortly before `pos` in the same sentence, nearest first (ベトナムのファン...)."""
    out = []
    for m in reversed(mentions):
        if m.type == "country" and m.country and m.end <= pos and pos - m.end <= 12 \
                and not any(ch in "。.!?！？\n" for ch in ftext[m.end:pos]):
            out.append(m.country)
    return tuple(out)


def find_mentions(kb: KnowledgeBase, doc: Document) -> tuple[list[Mention], list[Entity]]:
    """The mentions of `doc` and the entities discovered in it (see the module docstring)."""
    text = doc.text
    ftext = fold(text)
    lang = (doc.language or "").split("-")[0].lower() or None
    c = cues(lang)
    m = matcher_for(kb)
    cands = _candidates(m, text, ftext, lang, c)
    _attach_role_countries(cands, ftext, c)
    chosen = _select(cands)
    ctx = _Ctx(kb, doc, ftext, c.lang, c, _full_names(chosen))
    roles_by_start = {r.start: r for r in chosen if r.kind == "role"}
    roles_by_end = {r.end: r for r in chosen if r.kind == "role"}
    used_roles: set[int] = set()
    mentions: list[Mention] = []
    occupied = bytearray(len(text) + 1)
    for cand in chosen:
        occupied[cand.start:cand.end] = b"\x01" * cand.length
    ctx.spans = bytes(occupied)  # type: ignore[assignment]

    for cand in chosen:
        if cand.kind == "short":
            ent = kb.country(cand.country or "")
            mentions.append(Mention(cand.start, cand.end, text[cand.start:cand.end], "country", "name",
                                    ent.id if ent else None, country=cand.country))
        elif cand.kind == "alias":
            has_person = any(e.type == "person" for _, e in cand.aliases)
            role = _adjacent_role(cand, roles_by_start, roles_by_end, ftext, c) if has_person else None
            rf = None
            if role is not None:
                rf = _best_role(kb, role, None)
            picked = _choose(ctx, cand, (role, rf) if role is not None and rf is not None else None)
            if picked is None:
                continue
            ent, conf, kind = picked
            mention = Mention(cand.start, cand.end, text[cand.start:cand.end], ent.type, kind, ent.id,
                              country=ent.country, confidence=conf)
            if ent.type == "person" and role is not None:
                used_roles.add(role.start)
                rf = _best_role(kb, role, ent)
                mention.role = _role_name(kb, ent, rf, role.country, ctx.date(cand.start))
                mention.country = role.country or ent.country
            if ent.type == "person" and kind == "name":
                ctx.named.setdefault(ent.id, cand.start)
            mentions.append(mention)
    _metonyms(ctx, mentions)
    _countries_as_places(ctx, mentions)

    discovered: dict[str, Entity] = {}
    for role in (r for r in chosen if r.kind == "role"):
        if role.start in used_roles:
            continue
        found = _unknown_name(ctx, role, occupied)
        country = role.country or c.default_country
        on = ctx.date(role.start)
        if found is not None:
            s, e = found
            surface = text[s:e]
            linked = _link_unknown(ctx, surface, role, _nearby_countries(mentions, ftext, min(s, role.start)))
            rf = role.roles[0]
            if linked is not None:
                ent, conf = linked
                country = role.country or ent.country
                mentions.append(Mention(s, e, surface, "person", "name", ent.id,
                                        _role_name(kb, ent, _best_role(kb, role, ent), country, on), country, conf))
            else:
                ent = _discover(discovered, surface, lang, country)
                mentions.append(Mention(s, e, surface, "person", "name", ent.id, rf.role, country, 0.6))
            occupied[s:e] = b"\x01" * (e - s)
            continue
        rf = role.roles[0]
        holder = kb.holder(rf.role_key, country, on) if country else None
        if holder is not None:
            rf = _best_role(kb, role, holder)
        mentions.append(Mention(role.start, role.end, text[role.start:role.end], "person", "role",
                                holder.id if holder else None,
                                _role_name(kb, holder, rf, country, on), country, 0.8 if holder else 0.3))
    mentions.extend(_honorific_names(ctx, occupied, discovered))
    mentions.extend(_cue_names(ctx, occupied, discovered))
    mentions.extend(_repeat_discovered(ctx, occupied, discovered))
    mentions.sort(key=lambda mm: (mm.start, mm.end))
    return mentions, list(discovered.values())


def _located(ctx: _Ctx, start: int, end: int) -> bool:
    """A place cue right before (in, 在, tại; whole words in Latin script) or right after (で, 에서)."""
    before = ctx.ftext[max(0, start - 14):start].rstrip(" ")
    for cue in ctx.cues.place_cues_before:
        if before.endswith(cue):
            k = len(before) - len(cue)
            if script_of(cue[0]) != "latin" or k == 0 or not _wordish(before[k - 1]):
                return True
    return ctx.ftext.startswith(ctx.cues.place_cues_after, end)


def _countries_as_places(ctx: _Ctx, mentions: list[Mention]) -> None:
    """Countries named as where something happens become place mentions (type "place", kind
    "name", `entity_id` and `country` still the country's): after or before a location cue ("in
    Singapore", 在新加坡, tại Singapore, 日本で, 일본에서; `location_cues_before/_after`) or as a
    dateline ("SINGAPORE -" at the start of a line). The events stage reads type "place" as a
    location and never as an actor. A possessive ("in China's") keeps the country an actor."""
    text, ftext = ctx.doc.text, ctx.ftext
    for i, m in enumerate(mentions):
        if m.type != "country" or m.kind != "name" or not m.entity_id:
            continue
        if ftext.startswith(("'s", "’s"), m.end):
            continue
        if _location_cue(ctx, m.start, m.end) or _dateline(text, m.start, m.end):
            mentions[i] = Mention(m.start, m.end, m.text, "place", "name", m.entity_id, country=m.country,
                                  confidence=m.confidence)


def _location_cue(ctx: _Ctx, start: int, end: int) -> bool:
    before = ctx.ftext[max(0, start - 14):start].rstrip(" ")
    for cue in ctx.cues.location_cues_before:
        if before.endswith(cue):
            k = len(before) - len(cue)
            if script_of(cue[0]) not in ("latin", "alpha") or k == 0 or not _wordish(before[k - 1]):
                return True
    return bool(ctx.cues.location_cues_after) and ctx.ftext.startswith(ctx.cues.location_cues_after, end)


def _dateline(text: str, start: int, end: int) -> bool:
    line = text.rfind("\n", 0, start) + 1
    return not text[line:start].strip() and bool(_DATELINE_AFTER.match(text, end))


def _capital(ctx: _Ctx, m: Mention) -> bool:
    return m.type == "place" and bool(ctx.kb.extra.get(m.entity_id or "", {}).get("capital"))


def _metonyms(ctx: _Ctx, mentions: list[Mention]) -> None:
    """Capitals that stand for their governments: before a speech or decision verb ("Seoul said",
    北京方面, Hà Nội cho biết) or in a coordinated pair of capitals ("Tokyo and Washington were
    aligned", 東京とワシントンは), never after a place cue ("in Tokyo", 在北京, tại Hà Nội) or before
    one (東京で, 서울에서). Rewrites the place mentions in `mentions` in place."""
    c, ftext = ctx.cues, ctx.ftext
    caps = [i for i, m in enumerate(mentions) if _capital(ctx, m)]
    if not caps:
        return
    located = {i for i in caps if _located(ctx, mentions[i].start, mentions[i].end)}
    chosen = {i for i in caps if i not in located and ftext.startswith(c.metonym_cues_after, mentions[i].end)}
    by_start = {mentions[i].start: i for i in caps}
    following: dict[int, int] = {}  # a capital -> the capital joined right after it
    for i in caps:
        m = mentions[i]
        for joiner in c.metonym_pair_joiners:
            j = by_start.get(m.end + len(joiner))
            if j is not None and ftext[m.end:m.end + len(joiner)] == joiner:
                following[i] = j
                break
    # a coordinated run of capitals ("Seoul, Tokyo and Washington") is governments as a whole, or
    # places as a whole when one of them has a place cue ("trips to Seoul, Tokyo and Beijing")
    heads = [i for i in caps if i in following and i not in following.values()]
    for i in heads:
        run = [i]
        while run[-1] in following and len(run) <= len(caps):
            run.append(following[run[-1]])
        if any(k in located for k in run):
            continue
        tail = ftext[mentions[run[-1]].end:mentions[run[-1]].end + 6]
        if tail.startswith(c.metonym_pair_blocked_after):
            continue
        chosen |= set(run)
    for i in sorted(chosen):
        m = mentions[i]
        ent = ctx.kb.get(m.entity_id or "")
        country = ctx.kb.country(ent.country or "") if ent else None
        mentions[i] = Mention(m.start, m.end, m.text, "country", "metonym", country.id if country else None,
                              country=ent.country if ent else None, confidence=0.8)


def _unknown_name(ctx: _Ctx, role: Cand, occupied: bytearray) -> tuple[int, int] | None:
    """An unknown name right before or after a role title (per-language detectors)."""
    text = ctx.doc.text
    for gap in ctx.cues.name_role_gaps:
        pos = role.start - len(gap)
        if pos > 0 and ctx.ftext[pos:role.start] == gap and not occupied[pos - 1]:
            found = name_before(ctx.lang, text, pos)
            if found and not any(occupied[found[0]:found[1]]):
                return found
    for gap in ctx.cues.role_name_gaps:
        pos = role.end + len(gap)
        if pos < len(text) and ctx.ftext[role.end:pos] == gap and not occupied[pos]:
            found = name_after(ctx.lang, text, pos)
            if found and not any(occupied[found[0]:found[1]]):
                return found
    return None


def _discover(discovered: dict[str, Entity], surface: str, lang: str | None, country: str | None) -> Entity:
    """The discovered entity for a name, created on first sight, gathering every observed form."""
    eid = f"el:{name_key(surface, lang)}"
    ent = discovered.get(eid)
    if ent is None:
        ent = Entity(id=eid, type="person", name=surface, country=country, source="discovered")
        discovered[eid] = ent
    names = ent.names.setdefault(lang or "und", [])
    if surface not in names:
        names.append(surface)
    return ent


def _honorific_names(ctx: _Ctx, occupied: bytearray, discovered: dict[str, Entity]) -> list[Mention]:
    """Unknown people introduced by an honorific (氏, ông/bà, Mr.) rather than a title."""
    out: list[Mention] = []
    text, ftext = ctx.doc.text, ctx.ftext
    for h in ctx.cues.honorifics_before:
        if not h[:1].isalpha() or len(h) < 2:
            continue
        start = 0
        while (i := ftext.find(h + " ", start)) >= 0:
            start = i + 1
            if i > 0 and is_wordchar(ftext[i - 1]):
                continue
            found = name_after(ctx.lang, text, i + len(h) + 1)
            if found and not any(occupied[found[0]:found[1]]) and found[1] - found[0] >= 3:
                s, e = found
                ent = _discover(discovered, text[s:e], ctx.lang, None)
                out.append(Mention(s, e, text[s:e], "person", "name", ent.id, confidence=0.5))
                occupied[s:e] = b"\x01" * (e - s)
    for h in ("氏",) if ctx.lang == "ja" else ():
        start = 0
        while (i := ftext.find(h, start)) >= 0:
            start = i + 1
            if i == 0 or occupied[i - 1]:
                continue
            found = name_before(ctx.lang, text, i)
            if found and not any(occupied[found[0]:found[1]]):
                s, e = found
                ent = _discover(discovered, text[s:e], ctx.lang, None)
                out.append(Mention(s, e, text[s:e], "person", "name", ent.id, confidence=0.5))
                occupied[s:e] = b"\x01" * (e - s)
    return out


#: Latin words that make a capitalised sequence an organisation or a place, not a person
_NOT_PERSON_WORDS = frozenset({
    "Ministry", "Department", "Agency", "News", "Post", "Times", "Press", "Office", "Council", "Forces",
    "Force", "Army", "Navy", "Command", "Party", "Government", "House", "University", "Bank", "Group",
    "Company", "Corporation", "Institute", "Association", "Committee", "Commission", "Court", "Embassy",
    "Police", "Guard", "Union", "Republic", "Kingdom", "States", "Sea", "Island", "Islands", "City",
    "Bộ", "Quân", "Đảng", "Chính", "Thông", "Báo", "Tổng", "Cục", "Viện", "Đại", "Hội", "Ủy", "Sở",
    "Tòa", "Ngân", "Công", "Trung", "Việt", "Nam", "Thành", "Tỉnh", "Biển", "Đảo", "Hải", "Lực", "Liên",
})
_KO_PARTICLE_END = tuple("는은이가을를의에와과도서로")
#: a katakana full name (two or more parts joined by ・) before a particle or honorific: a person
_KATAKANA_FULL_NAME = re.compile(r"(?<![\u30a0-\u30ff])[\u30a1-\u30fa\u30fc]{2,}(?:[・=＝][\u30a1-\u30fa\u30fc]{2,})+(?=氏|さん|報道官|副報道官|大使|次官|長官|は|が|と|に|も|の|、)")


def _cue_names(ctx: _Ctx, occupied: bytearray, discovered: dict[str, Entity]) -> list[Mention]:
    """Unknown people named without a title, where a language marks them reliably: a name before a
    speech or meeting verb (en/vi "said"/"cho biết", zh 表示/会见), a Korean name before 씨/대변인, a
    Japanese katakana full name with ・. Precision over recall: a wrong person is worse than none."""
    out: list[Mention] = []
    text, ftext, lang = ctx.doc.text, ctx.ftext, ctx.lang
    spans: list[tuple[int, int]] = []
    for cue in ctx.cues.name_cues_after:
        start = 0
        while (i := ftext.find(cue, start)) >= 0:
            start = i + 1
            if i == 0 or occupied[i - 1]:
                continue
            end_ok = i + len(cue) >= len(ftext) or not (cue[-1].isalpha() and _wordish(ftext[i + len(cue)]))
            if not end_ok:
                continue
            found = _cue_name_before(lang, text, i)
            if found:
                spans.append(found)
    if lang == "ja":
        spans.extend((mt.start(), mt.end()) for mt in _KATAKANA_FULL_NAME.finditer(text))
    for s, e in sorted(set(spans)):
        if e <= s or any(occupied[s:e]):
            continue
        surface = text[s:e]
        ent = _discover(discovered, surface, lang, None)
        out.append(Mention(s, e, surface, "person", "name", ent.id, confidence=0.45))
        occupied[s:e] = b"\x01" * (e - s)
    return out


def _cue_name_before(lang: str, text: str, pos: int) -> tuple[int, int] | None:
    """The name ending right before a cue at `pos`, held to each language's precision rules."""
    from eventline.pipeline.entities import names as nm

    while pos > 0 and text[pos - 1] == " ":
        pos -= 1
    if lang == "zh":
        found = nm.zh_translit_before(text, pos)
        if found:
            return found
        # a Chinese name: 2-3 characters tagged as a person by jieba, not glued to a longer word
        # (checked before jieba runs: most cues follow running text)
        if not any(pos - n >= 0 and (pos - n == 0 or _script(text[pos - n - 1]) != "han") for n in (2, 3)):
            return None
        found = nm.zh_word_before(text, pos)
        if not found:
            return None
        s, e = found
        return found if 2 <= e - s <= 3 and (s == 0 or script_of(text[s - 1]) != "han") else None
    if lang == "ko":
        found = nm.ko_before(text, pos)
        if not found:
            return None
        s, e = found
        words = text[s:e].split(" ")
        if len(words) == 2 and (words[0].endswith(_KO_PARTICLE_END) or len(words[0]) < 2):
            words = words[1:]
        name = " ".join(words)
        if len(words) == 1 and not 2 <= len(name) <= 4:
            return None
        return e - len(name), e
    if lang in ("ja",):
        return None
    found = nm.latin_before(text, pos)
    if not found:
        return None
    s, e = found
    words = text[s:e].split()
    for k in range(len(words) - 1, 0, -1):  # "Monday. Cabrera": a sentence ends inside the run
        if words[k - 1].endswith(".") and len(words[k - 1].rstrip(".")) > 1:
            words = words[k:]
            s = e - len(" ".join(words))
            found = (s, e)
            break
    if not 2 <= len(words) <= 4 or any(w.strip(".,") in _NOT_PERSON_WORDS for w in words):
        return None
    if any(w.isupper() and len(w) > 1 for w in words):  # acronyms: organisations
        return None
    before = text[max(0, s - 2):s]
    if s > 0 and not before.strip() == "" and before[-1:] not in " \n\t\"“(":
        return None
    return found


def _repeat_discovered(ctx: _Ctx, occupied: bytearray, discovered: dict[str, Entity]) -> list[Mention]:
    """Later mentions of a discovered person: the same name again, or (Latin) the surname alone."""
    out: list[Mention] = []
    text = ctx.doc.text
    for ent in discovered.values():
        forms = sorted({n for names in ent.names.values() for n in names}, key=lambda f: (-len(f), f))
        shorts = sorted({f.split()[-1] for f in forms if " " in f and script_of(f[0]) == "latin"}, key=lambda f: (-len(f), f))
        for form, kind in [(f, "name") for f in forms] + [(s, "surname") for s in shorts]:  # longest first: stable
            start = 0
            while (i := text.find(form, start)) >= 0:
                start = i + 1
                e = i + len(form)
                if any(occupied[i:e]) or not _boundary_ok(text, i, e):
                    continue
                out.append(Mention(i, e, form, "person", kind, ent.id, confidence=0.5))
                occupied[i:e] = b"\x01" * (e - i)
    return out
