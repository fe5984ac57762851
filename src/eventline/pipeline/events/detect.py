"""Finding event mentions in one document: triggers, then status, participants, place and date.

Speed matters (the whole pipeline runs at hundreds of pages a second): one automaton pass finds
every trigger of a language; only sentences holding a trigger and at least one actor mention are
segmented and analysed further.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any, Sequence

import regex

from eventline.document import Actor, Document, Entity, EventMention, Location, Mention, Source
from eventline.pipeline.events.arguments import (
    DateChoice,
    KnowledgeBaseLike,
    actor_key,
    actor_of,
    choose_time,
    country_name,
    date_from_time,
    dedupe_actors,
    is_after,
    state_count,
    location_of,
    protesters,
    published_date,
    shift_day,
)
from eventline.pipeline.time.lexicon import lexicon as time_lexicon
from eventline.pipeline.events.lexicon import Hit, Lexicon, lexicon, lowered, pair_key

#: Types where every party acts and no one receives (PLOVER: "all participants are coded in the
#: actor field" when no side hosts). A visit has the visitor as actor and its destination as location
#: (the labelled set's convention; the hosts are the participants of the meetings held on it).
SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
MAX_QUOTE = 400


@dataclass(slots=True)
class Candidate:
    """One event mention plus what consolidation needs and the public form does not carry."""

    mention: EventMention
    timezone: str | None
    origin: str  # where the date came from: clause, sentence, paragraph, published, none
    score: float  # how informative the quote is: trigger + actors + date + place
    order: int
    when: DateChoice | None = None
    clause: tuple[int, int] = (0, 0)
    trigger_span: tuple[int, int] = (0, 0)


@dataclass(slots=True)
class Skipped:
    """Counts of triggers that produced no event, by reason (reported in doc.notes)."""

    reasons: Counter[str] = field(default_factory=Counter)


class _Mentions:
    """Mentions sorted by offset, with range look-ups by bisection."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        self.items = sorted(mentions, key=lambda m: (m.start, -m.end))
        self.starts = [m.start for m in self.items]

    def within(self, start: int, end: int) -> list[Mention]:
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return [m for m in self.items[lo:hi] if m.end <= end]


def _is_actor_like(m: Mention) -> bool:
    return m.type in ("person", "organization", "country", "group") or m.kind == "metonym"


_SEPARATORS = frozenset(",、，;；:：()（）「」“”\"'。.\n")


def _separates(lex: Lexicon, gap: str) -> bool:
    """Whether the text between a name and a role keeps them apart (punctuation, "and", "与")."""
    if any(ch in _SEPARATORS for ch in gap):
        return True
    low = f" {gap.lower()} "
    return any(c.strip() and (c.lower() in low if c.startswith(" ") else c.strip().lower() in gap.lower())
               for c in lex.conjunctions)


def drop_appositions(lex: Lexicon, text: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions without the role words standing next to a name ("マールズ副首相兼国防相").

    The name already says who; the role beside it only describes that person, and resolving it
    separately can name someone else (the Prime Minister for "Deputy Prime Minister").
    """
    names = [m for m in mentions if m.type == "person" and m.kind in ("name", "surname")]
    if not names:
        return mentions
    out = []
    for m in mentions:
        if m.kind == "role" and m.type == "person":
            beside = False
            for n in names:
                gap = text[n.end:m.start] if n.end <= m.start else text[m.end:n.start] if m.end <= n.start else None
                if gap is None or (len(gap) <= 8 and not _separates(lex, gap)):
                    beside = True
                    break
            if beside:
                continue
        out.append(m)
    return out


def compound_states(lex: Lexicon, low: str, mentions: Sequence[Mention]) -> list[Mention]:
    """Country mentions for each state of a compound abbreviation ("한일" -> South Korea, Japan).

    The entity stage splits some ("日米", "美日"), not all ("한일 군사 결탁", "Việt-Trung"); a part
    it already named keeps its own mention. Each part gets its own span, so coordination and
    particles read as for "한국과 일본".
    """
    if lex.state_pairs_re is None:
        return []
    out: list[Mention] = []
    taken = sorted((m.start, m.end) for m in mentions)
    for found in lex.state_pairs_re.finditer(low):
        codes = lex.state_pairs.get(pair_key(found.group()))
        if not codes:
            continue
        parts = [(p.start(), p.end()) for p in _PART.finditer(found.group())]
        if len(parts) != len(codes):
            parts = [(i, i + 1) for i in range(len(found.group()))] if len(found.group()) == len(codes) else \
                [(0, len(found.group()))] * len(codes)
        for (ps, pe), code in zip(parts, codes):
            start, end = found.start() + ps, found.start() + pe
            if any(s < end and start < e for s, e in taken):
                continue
            out.append(Mention(start, end, low[start:end], "country", "name", f"country:{code}", None, code, 0.8))
    return out


def home_government(lex: Lexicon, low: str, mentions: Sequence[Mention]) -> tuple[list[Mention], list[Mention]]:
    """Country mentions for the government words of a text ("정부는", "政府は", "Chính phủ").

    Beside a state's name ("일본 정부는", "chính phủ Nhật Bản") the name and the word are one
    mention of that state, so the topic or subject marker after the word marks the state (the
    name's own mention is returned second, to be replaced). Alone, on a Korean, Japanese or Vietnamese
    page, it is the page's own government (`home_country`), unless the text names another
    state's government anywhere: there "the government" may be that one. Never inside another
    word ("日本政府" is the entity stage's, "무정부") or an office ("Thủ tướng Chính phủ").
    """
    if not lex.government_words:
        return [], []
    home = lex.home_country
    actors = sorted((m for m in mentions if _is_actor_like(m) or m.type == "place"), key=lambda m: m.start)
    qualified: list[Mention] = []
    replaced: list[Mention] = []
    bare: list[Mention] = []
    foreign = False
    for word in lex.government_words:
        at = low.find(word)
        while at >= 0:
            end = at + len(word)
            before = low[max(0, at - 24):at].rstrip()
            overlapping = [m for m in actors if m.start < end and at < m.end]
            named = [m for m in actors if (at - 2 <= m.end <= at and not low[m.end:at].strip())
                     or (not lex.head_final and end <= m.start <= end + 2 and not low[end:m.start].strip())]
            # "日本政府" is the name and the word; "無政府", "同政府" are other words.
            inside = (at > 0 and low[at - 1].isalnum() and not any(m.end == at for m in named)) or (
                lex.word_boundaries and end < len(low) and low[end].isalnum())
            states = [m.country for m in [*overlapping, *named] if m.country]
            foreign = foreign or any(c != home for c in states)
            if not overlapping and not inside and not any(before.endswith(w) for w in lex.government_not_after):
                name = next((m for m in named if m.type == "country" and m.country), None)
                if name is not None:
                    s, e = min(at, name.start), max(end, name.end)
                    qualified.append(Mention(s, e, low[s:e], "country", "metonym", f"country:{name.country}", None,
                                             name.country, 0.8))
                    replaced.append(name)
                elif not named and home:
                    bare.append(Mention(at, end, low[at:end], "country", "metonym", f"country:{home}", None, home, 0.7))
            at = low.find(word, end)
    return (qualified if foreign else [*qualified, *bare]), replaced


def _prefixes(lex: Lexicon, low: str, mentions: Sequence[Mention]) -> list[Mention]:
    """Country mentions that are no state: a prefix of direction before a state ("대북 제재": toward
    North Korea, not Taiwan) or a counter after a number ("2일": the 2nd, not Japan)."""
    if not lex.state_prefixes and not lex.counters:
        return []
    starts = {m.start for m in mentions if m.type == "country"}
    out = []
    for m in mentions:
        if m.type != "country":
            continue
        word = low[m.start:m.end]
        if word in lex.state_prefixes and m.end in starts and (m.start == 0 or not low[m.start - 1].isalnum()):
            out.append(m)
        elif word in lex.counters and m.start > 0 and low[m.start - 1].isdigit():
            out.append(m)
    return out


_PART = regex.compile(r"[^\s\-–·・/]+")


def _paragraphs(doc: Document) -> list[tuple[int, int, str | None]]:
    """(start, end, language) of each paragraph; lines when the language stage gave none."""
    if doc.paragraphs:
        return [(p.start, p.end, p.language or doc.language) for p in doc.paragraphs]
    out, pos = [], 0
    for line in doc.text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line), doc.language))
        pos += len(line) + 1
    return out


def _containing(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for s, e in spans:
        if s <= pos < e:
            return s, e
    return spans[-1] if spans else (pos, pos)


#: Acts whose content is another act: "agreed to hold talks", "要求…撤退", "threatened to strike",
#: "condemned the attack" (the attack is coded where it is reported, with its own actor and date).
GOVERNING_TYPES = frozenset({"AGREE", "REQUEST", "REJECT", "THREATEN", "SUPPORT", "ACCUSE"})


def _is_content(lex: Lexicon, hit: Hit, hits: list[Hit], clause: tuple[int, int]) -> bool:
    """Whether a trigger is what another act in its clause agrees to, asks for or threatens."""
    return _governor(lex, hit, hits, clause) is not None


def _governor(lex: Lexicon, hit: Hit, hits: list[Hit], clause: tuple[int, int]) -> Hit | None:
    """The act in the clause whose content a trigger is (the protest for what it opposes)."""
    if hit.spec.type in ("ACCUSE", "REJECT"):
        protest = next((o for o in hits if o.spec.type == "PROTEST" and clause[0] <= o.start < clause[1]), None)
        if protest is not None:
            # "配備に反対する住民らが抗議集会", "rallied to denounce …": what a protest opposes.
            return protest
    if hit.spec.type in GOVERNING_TYPES:
        return None
    for other in hits:
        if other is hit or other.spec.type not in GOVERNING_TYPES:
            continue
        if not (clause[0] <= other.start < clause[1]):
            continue
        if (lex.head_final and other.start >= hit.end) or (not lex.head_final and other.end <= hit.start):
            return other
    return None


# --- status -------------------------------------------------------------------------------

def status_of(lex: Lexicon, low: str, hit: Hit, clause: tuple[int, int], sentence: tuple[int, int]) -> str | None:
    """"occurred", "planned" or "cancelled" for a trigger; None when negated or hypothetical."""
    cs, ce = clause
    if hit.spec.conditional:
        # The threat is made whatever the condition: "如果…中方将采取反制措施" reports a warning given.
        return "occurred"
    cues = lex.status_cues(low, cs, ce)
    window = lex.negation_window
    if lex.head_final:
        # The clause-final predicate governs every event noun before it: "…による会談は実現しなかった".
        tail_start = max(hit.end, ce - window)
        if any(c == "negation" and s >= tail_start for s, e, c in cues):
            return None
    if not lex.head_final and hit.spec.type not in GOVERNING_TYPES:
        # A condition governs the main clause after it: "if Japan persists, China will take
        # countermeasures", "如果日方一意孤行，中方将采取反制措施" (the threat is coded by its verb).
        before = lex.status_cues(low, max(sentence[0], cs - 80), cs)
        if before and before[-1][2] == "hypothetical" and \
                low[before[-1][0]:before[-1][1]].strip() in lex.conditions:
            return None
    for s, e, category in cues:
        if category == "negation":
            if lex.head_final and hit.end <= s < hit.end + window:
                return None
            if not lex.head_final and hit.start - window <= s and e <= hit.start:
                return None
        elif category == "hypothetical":
            if (lex.head_final and s >= hit.start) or (not lex.head_final and e <= hit.start):
                return None
    categories = {c for s, e, c in cues}
    # A head-final meeting noun followed by a location marker is the setting of what follows.
    setting = lex.head_final and hit.spec.type == "CONSULT" and any(
        low.startswith(x.strip(), hit.end) for x in lex.location_markers if x.strip())
    if "cancelled" in categories:
        return "cancelled"
    for s, e, c in cues:
        if setting and s >= hit.end:
            continue  # "회담에서 … 양도하는 방안을 논의했다": a plan discussed at the meeting
        if not lex.head_final and hit.spec.type in GOVERNING_TYPES and s >= hit.end:
            continue  # "warned that China will act": the future is the content's, not the warning's
        if c == "planned" and (lex.head_final or abs(s - hit.start) <= 60):
            return "planned"
        if c == "planned_modal" and ((lex.head_final and s >= hit.end) or
                                     (not lex.head_final and e <= hit.start and hit.start - s <= 60)):
            return "planned"
    if not lex.head_final:
        # A future marker governs the verbs coordinated after it: "将于下周访问日本,并与…举行会谈".
        before = lex.status_cues(low, max(sentence[0], hit.start - 60), cs)
        if any(c in ("planned", "planned_modal") for _, _, c in before) and not any(c == "negation" for _, _, c in before):
            return "planned"
    if lex.head_final and lex.planned_endings:
        tail = low[hit.end:sentence[1]].rstrip(" \t\r\n。.!！?？」』)）")
        if any(tail.endswith(p) for p in lex.past):
            return "occurred"
        if any(tail.endswith(p) for p in lex.planned_endings):
            return "planned"
    return "occurred"


# --- participants -------------------------------------------------------------------------

def _marker_after(lex: Lexicon, low: str, m: Mention, limit: int, ends: dict[int, int] | None = None) -> str | None:
    """"subject" or "object" from the particle right after a mention (head-final languages).

    The particle may follow a title standing next to the name ("浜田防衛大臣は"): the span of
    any mention starting where this one ends is skipped first. A genitive ("북한군의") marks
    neither.
    """
    end = m.end
    seen = 0
    while ends and end in ends and seen < 3:
        end, seen = ends[end], seen + 1
    if end < len(low) and low[end] == " ":
        end += 1
    after = low[end:min(limit, end + 4)]
    found: tuple[int, str] | None = None
    for marker, kind in [*((x, "object") for x in lex.object_markers), *((x, "subject") for x in lex.subject_markers)]:
        if after.startswith(marker) and (found is None or len(marker) > found[0]):
            found = (len(marker), kind)
    return found[1] if found else None


def split_roles(lex: Lexicon, low: str, hit: Hit, mentions: list[Mention], end: int,
                ends: dict[int, int] | None = None) -> tuple[list[Mention], list[Mention]]:
    """Actor-side and recipient-side mentions of a directional event."""
    if lex.head_final:
        marked = [(m, _marker_after(lex, low, m, end, ends)) for m in mentions]
        subj = [m for m, kind in marked if kind == "subject"]
        if subj:
            # Unmarked names beside a marked subject are possessors inside the object ("北朝鮮の").
            rest = [m for m, kind in marked if kind != "subject"]
            obj = _coordinated(lex, low, rest)
        else:
            subj = [m for m, kind in marked if kind != "object"][:1] or [m for m, _ in marked][:1]
            obj = _coordinated(lex, low, [m for m in mentions if m not in subj])
        return subj, obj
    targeted = [m for m in mentions if m.end <= hit.start and lex.target_before and _after_target_marker(lex, low, m)]
    before = [m for m in mentions if m.end <= hit.start and m not in targeted]
    after = _coordinated(lex, low, [m for m in mentions if m.start >= hit.end])
    if targeted and before:
        # "中国海警船…对菲律宾船只使用水炮", "对7家美国军工企业…采取反制措施": a name after 对/向
        # is the target even before the verb.
        return before, targeted + after
    if not before:
        return after[:1], after[1:]
    return before, after


def _after_target_marker(lex: Lexicon, low: str, m: Mention) -> bool:
    """Whether a target marker ("对", "向") opens the phrase a name stands in ("对7家美国军工企业")."""
    seg = low[max(0, m.start - 6):m.start]
    for marker in lex.target_before:
        i = seg.rfind(marker)
        if i >= 0 and not any(ch in _SEPARATORS or ch.isspace() for ch in seg[i:]):
            return True
    return False


def _coordinated(lex: Lexicon, low: str, mentions: list[Mention]) -> list[Mention]:
    """The first mention and those coordinated with it ("the US, South Korea and Japan")."""
    if not mentions:
        return []
    out = [mentions[0]]
    for m in mentions[1:]:
        if not lex.joined(low[out[-1].end:m.start]):
            break
        out.append(m)
    return out


def _destinations(lex: Lexicon, low: str, hit: Hit, clause_mentions: list[Mention], places: list[Mention],
                  kb: KnowledgeBaseLike | None) -> list[tuple[str | None, Location | None]]:
    """(country, location) of each place a visit goes to."""
    if hit.spec.destination:
        code = hit.spec.destination
        return [(code, Location(name=country_name(code) or code, country=code))]
    # "arrived in Phnom Penh from Singapore", "シンガポールからハノイ入り": the place left is no destination.
    spots = [m for m in [*clause_mentions, *places] if m.type in ("country", "place")
             and not lex.is_source(low, m.start, m.end)]
    if lex.head_final:
        chosen = [m for m in spots if m.end <= hit.start and _marker_after(lex, low, m, hit.start + 2) == "object"]
        chosen = chosen or [m for m in spots if m.end <= hit.start][-1:]
    else:
        chosen = [m for m in spots if m.start >= hit.end][:3]
        chosen = chosen or [m for m in spots if m.end <= hit.start][-1:]
    out: list[tuple[str | None, Location | None]] = []
    seen: set[str] = set()
    for m in sorted(chosen, key=lambda m: m.start):
        loc = location_of(m, kb)
        code = (loc.country if loc else None) or m.country
        key = code or m.text
        if key in seen:
            continue
        seen.add(key)
        out.append((code, loc))
    return out


# --- one trigger --------------------------------------------------------------------------

@dataclass(slots=True)
class _Context:
    doc: Document
    low: str
    lex: Lexicon
    kb: KnowledgeBaseLike | None
    mentions: _Mentions
    language: str
    last_person: Actor | None = None  # the person who acted in the latest event, for "he"
    modifiers: dict[int, bool] = field(default_factory=dict)
    ends: dict[int, int] = field(default_factory=dict)  # mention start -> end, every mention

    def modifier(self, m: Mention) -> bool:
        """Whether a mention names someone only inside a modifier of the event (cached)."""
        found = self.modifiers.get(m.start)
        if found is None:
            found = self.modifiers[m.start] = self.lex.in_modifier(self.low, m.start, m.end) or self.in_label(m)
        return found

    def in_label(self, m: Mention) -> bool:
        """Whether an office named without a name is part of a meeting's label.

        "외교·국방장관(2+2) 회의", "外務・防衛担当閣僚", "foreign and defence ministers' 2+2" name the
        kind of meeting, not a person: resolving the office by the text's state would add that
        state's minister (a third state, a stranger to the meeting) to its parties.
        """
        if m.kind != "role":
            return False
        lo, hi = max(0, m.start - LABEL_REACH), min(len(self.low), m.end + LABEL_REACH)
        for s, e, key in self.lex.key_spans(self.low, lo, hi):
            if key == "trilateral":
                continue
            if s < m.end and m.start < e:
                return True
            gap = self.low[m.end:s] if m.end <= s else self.low[e:m.start]
            if not any(ch.isalnum() for ch in gap):
                return True
        return False


def _date(ctx: _Context, hit: Hit, clause: tuple[int, int], sentence: tuple[int, int],
          paragraph: tuple[int, int]) -> DateChoice:
    # A scraped page may come as one "paragraph"; the fallback looks no further than the line.
    line_start = ctx.doc.text.rfind("\n", paragraph[0], hit.start) + 1 or paragraph[0]
    line_end = ctx.doc.text.find("\n", hit.end, paragraph[1])
    line = (max(paragraph[0], line_start), paragraph[1] if line_end < 0 else line_end)
    if ctx.lex.head_final and hit.spec.type == "CONSULT" and _marked_after(ctx, hit.end):
        # "어제 … 회담에서 내년 중 퇴역하는 …": a meeting marked as the setting of what follows is
        # dated before it; a date after it belongs to what was done or discussed there.
        clause = (clause[0], hit.end)
        sentence = (sentence[0], hit.end) if choose_time(ctx.doc.times, hit.start, clause, (sentence[0], hit.end),
                                                          (sentence[0], hit.end)) else sentence
    chosen = choose_time(ctx.doc.times, hit.start, clause, sentence, line)
    if chosen is None:
        return published_date(ctx.doc.published)
    when = date_from_time(ctx.doc.times, chosen[0], chosen[1])
    t = ctx.doc.times[chosen[0]]
    if when.future and when.precision == "day" and _bare_weekday(ctx, t.text) and when.date \
            and is_after(when.date, ctx.doc.published) \
            and status_of(ctx.lex, ctx.low, hit, clause, sentence) == "occurred":
        # "said after talks … on Tuesday": the time stage read the weekday forward from the
        # sentence's nearest cue ("plans to transfer"); the trigger itself reports a past act, so the
        # weekday is the one before publication.
        earlier = shift_day(when.date, -7)
        if earlier:
            when = replace(when, date=earlier, alternatives=[], future=False)
    elif when.future and when.precision == "day" and when.date and not when.counted \
            and hit.spec.type in GOVERNING_TYPES and is_after(when.date, ctx.doc.published) \
            and status_of(ctx.lex, ctx.low, hit, clause, sentence) == "occurred":
        # "북한은 4일 …대응 조치를 취할 것이라고 밝혔다", "ngày 16/11 cảnh báo sẽ …": a future cue
        # after a warning made the time stage read a day without its month (or year) forward;
        # the warning itself was given, so the day is the latest one not after publication.
        earlier = _last_before(when.date, ctx.doc.published)
        if earlier:
            when = replace(when, date=earlier, alternatives=[], future=False)
    return when


def _last_before(day: str, published: str | None) -> str | None:
    """The same day of the month a month or a year earlier, whichever is the latest not after `published`."""
    if not published or len(day) != 10:
        return None
    y, m, d = int(day[:4]), int(day[5:7]), day[8:]
    month_back = f"{y - 1 if m == 1 else y:04d}-{12 if m == 1 else m - 1:02d}-{d}"
    year_back = f"{y - 1:04d}-{m:02d}-{d}"
    fits = [c for c in (month_back, year_back) if _valid(c) and not is_after(c, published[:10])
            and not is_after(published[:10], shift_day(c, 366) or "")]
    return max(fits) if fits else None


def _valid(day: str) -> bool:
    """Whether an ISO day exists (a month back from 31 March is no day)."""
    return shift_day(day, 0) is not None


def _bare_weekday(ctx: _Context, text: str) -> bool:
    """Whether a time expression is a weekday name alone ("Tuesday", "on Tuesday"), no direction word."""
    words = text.strip().split()
    if words and words[0].lower() in ("on", "vào"):
        words = words[1:]
    if len(words) != 1:
        return False
    try:
        return time_lexicon(ctx.lex.lang).lookup("weekdays", words[0]) is not None
    except Exception:  # a language without time data
        return False


def _marked_as_place(ctx: _Context, m: Mention) -> bool:
    """Whether a location marker (で, 在, at, tại, 에서...) stands next to the mention."""
    markers = [x.strip() for x in ctx.lex.location_markers if x.strip()]
    before = ctx.low[max(0, m.start - 12):m.start].rstrip()
    after = ctx.low[m.end:m.end + 4]
    for x in markers:
        if before.endswith(x):
            lead = before[:-len(x)]
            # A whole word: "in Tokyo", "tại Tokyo", not "within Tokyo".
            if not (x[0].isalpha() and ctx.lex.word_boundaries and lead and lead[-1].isalnum()):
                return True
    return any(after.startswith(x) for x in markers)


def _is_place(ctx: _Context, m: Mention) -> bool:
    """A place, or a building-like organisation with coordinates used as one ("国防総省で")."""
    if m.kind == "metonym":
        return False
    if m.type == "place":
        return True
    if m.type != "organization" or ctx.kb is None or m.entity_id is None:
        return False
    entity = ctx.kb.get(m.entity_id)
    return entity is not None and entity.lat is not None and _marked_as_place(ctx, m)


def _marked_after(ctx: _Context, pos: int) -> bool:
    """Whether a location marker follows `pos` ("協議で", "会談において"): the thing there is a setting."""
    after = ctx.low[pos:pos + 5]
    return any(after.startswith(x.strip()) for x in ctx.lex.location_markers if x.strip())


def _location(ctx: _Context, hit: Hit, places: list[Mention]) -> Location | None:
    places = [m for m in places if not ctx.lex.is_source(ctx.low, m.start, m.end)]
    if not places:
        return None
    ranked = sorted(places, key=lambda m: (not _marked_as_place(ctx, m), abs(m.start - hit.start)))
    return location_of(ranked[0], ctx.kb)


def _quote(text: str, sentence: tuple[int, int], clause: tuple[int, int]) -> tuple[int, int]:
    s, e = sentence if sentence[1] - sentence[0] <= MAX_QUOTE else clause
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def analyse_hit(ctx: _Context, hit: Hit, clause: tuple[int, int], sentence: tuple[int, int],
                paragraph: tuple[int, int], order: int, skipped: Skipped,
                antecedent: Candidate | None = None, previous: Candidate | None = None,
                planned: bool = False) -> list[Candidate]:
    """The event mentions one trigger yields (a visit to two countries yields two).

    `antecedent` is the latest meeting of the document: "the ministers agreed" takes its
    participants, and its date when the sentence gives none. `planned`: the trigger is what an
    agreement arranges, still to come whatever its own verb says.
    """
    status = status_of(ctx.lex, ctx.low, hit, clause, sentence)
    if planned and status is not None:
        status = "planned"
    if status is None:
        skipped.reasons["negated or hypothetical"] += 1
        return []
    if antecedent is not None and hit.spec.mode != "visit":
        # In a head-final sentence the topic ("両氏は") governs every predicate after it, not only
        # its own clause: "両氏は…を確認し、…で一致した".
        scope = (sentence[0], clause[1]) if ctx.lex.head_final else (clause[0], hit.start)
        if ctx.lex.refers_back(ctx.low, *scope):
            if hit.spec.type == "CONSULT" and _names_other_meeting(ctx, hit, clause, sentence, paragraph, antecedent):
                # "両閣僚は、日米「2+2」を踏まえ…", "両閣僚は、本年4月の日米首脳会談で確認された…": the
                # parties of the latest meeting refer to another meeting; it is not theirs and
                # this clause gives it no date of its own.
                skipped.reasons["another meeting referred to by the latest one's parties"] += 1
                return []
            return _with_antecedent(ctx, hit, clause, sentence, paragraph, order, status, antecedent)
    in_clause = [m for m in ctx.mentions.within(*clause) if not ctx.modifier(m)]
    in_sentence = [m for m in ctx.mentions.within(*sentence) if not ctx.modifier(m)]
    actor_mentions = [m for m in in_clause if _is_actor_like(m)]
    sentence_actors = [m for m in in_sentence if _is_actor_like(m)]
    places = [m for m in in_clause if _is_place(ctx, m)] or [m for m in in_sentence if _is_place(ctx, m)]
    spec = hit.spec
    symmetric = spec.type in SYMMETRIC_TYPES and spec.mode != "visit"
    if spec.type == "CONSULT" and spec.mode != "visit":
        if ctx.lex.head_final and _marked_after(ctx, hit.end):
            # "閣僚協議で、沖縄に駐留するアメリカ軍の…を確認した": what follows is done at the
            # meeting; the names in it are its content, not its parties or its venue.
            actor_mentions = [m for m in actor_mentions if m.end <= hit.start]
            sentence_actors = [m for m in sentence_actors if m.end <= hit.start]
            places = [m for m in places if m.end <= hit.start]
        # A venue is marked ("…で会談", "met in Singapore"); a place merely named in the clause
        # is what the meeting was about.
        places = [m for m in places if _marked_as_place(ctx, m)]
        # A state named as the venue ("In Singapore, Austin will … hold meetings") is where the
        # meeting is, not a party to it, even when the entity stage typed it as a country.
        venue = [m for m in actor_mentions if m.type == "country" and m.kind != "metonym" and _marked_as_place(ctx, m)]
        if venue:
            actor_mentions = [m for m in actor_mentions if m not in venue]
            sentence_actors = [m for m in sentence_actors if m not in venue]
    people_here = sum(1 for m in actor_mentions if m.type == "person")
    if symmetric and (len(actor_mentions) < 2 or 0 < people_here < 2 < 1 + sum(
            1 for m in sentence_actors if m.type == "person")):
        # One person in the clause of a meeting: the clause is the tail of a list cut at its
        # commas ("루비오 국무장관과 헤그세스 국방장관, 이와야 다케시 외무상, 나카타니 겐 방위상이
        # 참석해"); the sentence names the parties.
        actor_mentions = sentence_actors
    elif not actor_mentions:
        actor_mentions = [m for m in sentence_actors if m.end <= hit.start] or sentence_actors
    keys = _keys_near(ctx, hit, clause)
    if "2+2" in keys and antecedent is not None and len({m.country for m in actor_mentions if m.country}) < 2:
        # A 2+2 is between two states' foreign and defence ministers; named without its parties
        # ("12日に行われた外務・防衛の閣僚協議"), it is between the states of the meeting the text
        # reports (seed 003; docs/EVENTS.md).
        return _states_of(ctx, hit, clause, sentence, paragraph, order, antecedent, keys)
    if not actor_mentions and ctx.last_person is None and spec.type != "PROTEST":
        skipped.reasons["no actor in sentence"] += 1
        return []
    when = _date(ctx, hit, clause, sentence, paragraph)
    if status == "occurred" and is_after(when.date, ctx.doc.published) and when.origin != "published":
        status = "planned"
    if status == "planned" and when.origin == "paragraph":
        # A date elsewhere in the paragraph is context, not the date of something still to come.
        when = published_date(ctx.doc.published)
    named = {m.start for m in in_clause}
    pronoun_before = any(
        not any(e <= ms <= e + 1 for ms in named)
        for s, e in ctx.lex.pronoun_at(ctx.low, clause[0], hit.start if not ctx.lex.head_final else clause[1]))
    trilateral = "trilateral" in keys
    keys.discard("trilateral")
    event_key = sorted(keys)[0] if keys else ""
    qs, qe = _quote(ctx.doc.text, sentence, clause)
    source = Source(document=ctx.doc.id, language=ctx.language, quote=ctx.doc.text[qs:qe], start=qs, end=qe,
                    path=ctx.doc.path)

    def build(actors: list[Actor], recipients: list[Actor], mode: str | None, location: Location | None,
              when: DateChoice = when, status: str = status) -> Candidate:
        actors = dedupe_actors(actors)
        people = {a.country for a in actors if a.type == "person"}
        if symmetric and sum(1 for a in actors if a.type == "person") >= 2:
            # Two or more people meeting: a state named beside them is a topic ("discussed China").
            actors = [a for a in actors if a.type == "person" or a.country in people]
        keyset = {a.id or a.name for a in actors}
        recipients = [r for r in dedupe_actors(recipients) if (r.id or r.name) not in keyset]
        if spec.type == "CONSULT" and mode is None and (trilateral or state_count(actors) > 2):
            mode = "multilateral"
        em = EventMention(
            type=spec.type, mode=mode, status=status, date=when.date,  # type: ignore[arg-type]
            date_precision=when.precision, actors=actors, recipients=recipients,  # type: ignore[arg-type]
            source=source, location=location, date_alternatives=list(when.alternatives),
            date_confidence=when.confidence, trigger=ctx.doc.text[hit.start:hit.end], event_key=event_key,
            confidence=0.9 if when.origin in ("clause", "sentence") else 0.7,
        )
        score = (2.0 if when.origin in ("clause", "sentence") else 1.0 if when.origin == "paragraph" else 0.0) \
            + min(len(actors) + len(recipients), 4) + (0.5 if location else 0.0) + (0.5 if event_key else 0.0)
        return Candidate(em, when.timezone, when.origin, score, order, when, clause, (hit.start, hit.end))

    date = when.date
    if spec.type == "PROTEST":
        actors, recipients = _protest_parties(ctx, hit, clause, sentence, paragraph, places, date, previous)
        return [build(actors, recipients, spec.mode, _location(ctx, hit, places))]
    if spec.mode == "visit":
        out = []
        destinations = _destinations(ctx.lex, ctx.low, hit, in_clause, places, ctx.kb) or [(None, None)]
        codes = {c for c, _ in destinations if c}
        for code, loc in destinations:
            visitors: list[Actor] = []
            for m in (actor_mentions if not planned else [m for m in actor_mentions if clause[0] <= m.start < clause[1]]):
                a = actor_of(m, ctx.kb, date)
                if a is None or (a.type == "country" and a.country in codes) or (code and a.country == code):
                    continue
                visitors.append(a)
            if any(a.type != "country" for a in visitors):
                visitors = [a for a in visitors if a.type != "country"]
            if not visitors and ctx.last_person is not None and pronoun_before:
                visitors = [ctx.last_person]
            if not visitors and planned and antecedent is not None and code:
                # A visit the parties of a call agree on ("12月に金氏が来日する方向で…一致"): the
                # visitor is the one party who is not from the country visited.
                away = [a for a in antecedent.mention.actors if a.type == "person" and a.country and a.country != code]
                if len(away) == 1:
                    visitors = away
            if not visitors:
                skipped.reasons["visit without visitor"] += 1
                continue
            # The visitor is the actor; the destination is the event's place (the labelled set's
            # convention: hosts met during a visit are the separate meeting's participants).
            # A place in another clause is where something else happens there ("…を訪問し、
            # 硫黄島の…式に出席する"): only the visit's own clause names where it goes.
            own = [p for p in places if clause[0] <= p.start < clause[1] and not ctx.lex.is_source(ctx.low, p.start, p.end)]
            place = next((p for p in own if p.start >= hit.end or ctx.lex.head_final), None)
            where = location_of(place, ctx.kb) if place is not None else loc
            if where is not None and code and where.country and where.country != code:
                where = loc
            out.append(build(visitors, [], "visit", where))
        return out
    if symmetric and spec.type == "CONSULT":
        parts = _dated_objects(ctx, hit, clause, actor_mentions)
        if parts:
            # "met Nakatani on Monday and Teodoro on Tuesday": two meetings, each on its own day.
            subjects = [a for a in (actor_of(m, ctx.kb, date) for m in actor_mentions if m.end <= hit.start) if a]
            out = []
            for objects, own in parts:
                own_status = "planned" if status == "occurred" and is_after(own.date, ctx.doc.published) else status
                others = [a for a in (actor_of(m, ctx.kb, own.date) for m in objects) if a]
                out.append(build([*subjects, *others], [], spec.mode, _location(ctx, hit, places), own, own_status))
            return out
    if symmetric:
        actors = [a for a in (actor_of(m, ctx.kb, date) for m in actor_mentions) if a]
        recipients: list[Actor] = []
        if pronoun_before and ctx.last_person is not None and \
                sum(1 for a in actors if a.type == "person") < 2 and ctx.last_person not in actors:
            actors.insert(0, ctx.last_person)
    elif spec.conditional:
        actors, recipients = _conditional_parties(ctx, hit, sentence, sentence_actors, date)
    elif spec.type == "THREATEN" and (conditional := _threat_with_condition(ctx, hit, sentence, sentence_actors, date)):
        # "정부는 북한이 추가 도발을 하면 강력히 대응하겠다고 경고했다": who the condition names is
        # the target of the warning, not a second threatener.
        actors, recipients = conditional
    else:
        if ctx.lex.head_final and actor_mentions and not any(
                _marker_after(ctx.lex, ctx.low, m, clause[1], ctx.ends) == "subject" for m in actor_mentions):
            # "북한 국방성은 16일 담화를 내고, 한미일 연합훈련에 대해 … 경고했다": the subject of a
            # head-final sentence governs each clause after it, not only its own.
            subjects = [m for m in sentence_actors if m.end <= clause[0]
                        and _marker_after(ctx.lex, ctx.low, m, clause[0], ctx.ends) == "subject"]
            if subjects:
                actor_mentions = [subjects[-1], *actor_mentions]
        subj, obj = split_roles(ctx.lex, ctx.low, hit, actor_mentions, clause[1], ctx.ends)
        actors = [a for a in (actor_of(m, ctx.kb, date) for m in subj) if a]
        recipients = [a for a in (actor_of(m, ctx.kb, date) for m in obj) if a]
        if not subj and pronoun_before and ctx.last_person is not None:
            actors = [ctx.last_person]
        if spec.type in UNDIRECTED_TYPES:
            # "deployed … to the Batanes", "대북 확성기 철거": a deployment or a withdrawal has
            # no target; the places and states after it say where and about whom.
            recipients = []
        if not recipients and spec.type in DIRECTIONAL_TYPES:
            recipients = _recipients_nearby(ctx, hit, sentence, actors, date, previous)
    if not actors and not recipients:
        skipped.reasons["no resolvable actor"] += 1
        return []
    if not actors:
        actors, recipients = recipients[:1], recipients[1:]
    return [build(actors, recipients, spec.mode, _location(ctx, hit, places))]


def _dated_objects(ctx: _Context, hit: Hit, clause: tuple[int, int],
                   mentions: list[Mention]) -> list[tuple[list[Mention], DateChoice]]:
    """The parties met and the day of each, when each party after the trigger has its own date.

    "met Nakatani on Monday and Teodoro on Tuesday" -> ([Nakatani], Monday), ([Teodoro], Tuesday):
    the names up to a date belong to it. Head-initial languages only (the objects follow the verb);
    empty unless there are two dates, different ones, each with a name before it and no earlier
    subject missing.
    """
    if ctx.lex.head_final or not any(m.end <= hit.start for m in mentions):
        return []
    times = [i for i, t in enumerate(ctx.doc.times) if hit.end <= t.start and t.end <= clause[1]
             and t.value and t.value[:4].isdigit()]
    if len(times) < 2:
        return []
    parts: list[tuple[list[Mention], DateChoice]] = []
    lo = hit.end
    for i in times:
        t = ctx.doc.times[i]
        objects = [m for m in mentions if lo <= m.start and m.end <= t.start]
        if not objects:
            return []
        parts.append((objects, date_from_time(ctx.doc.times, i, "clause")))
        lo = t.end
    if any(m.start >= lo for m in mentions) or len({p[1].date for p in parts}) < len(parts):
        return []
    return parts


def _conditional_parties(ctx: _Context, hit: Hit, sentence: tuple[int, int], mentions: list[Mention],
                         date: str | None) -> tuple[list[Actor], list[Actor]]:
    """Who threatens whom in a conditional threat.

    The names inside the condition are the target: from its cue to the next clause break
    ("nếu Nhật Bản tiếp tục…, Trung Quốc sẽ…", "…retaliate if Japan went ahead"), or in a
    head-final sentence from the last break before the cue up to it ("日本が…強行すれば"), topics
    aside. The threatener is the subject among the names outside it.
    """
    at = ctx.lex.condition_at(ctx.low, *sentence)
    inside: list[Mention] = []
    if at is not None:
        if ctx.lex.head_final:
            lo = max([sentence[0], *(m.end() for m in ctx.lex.clause_re.finditer(ctx.doc.text, sentence[0], at))])
            span = (lo, at)
        else:
            limit = hit.start if at < hit.start else sentence[1]
            breaks = [i for i in (ctx.low.find(c, at, limit) for c in (",", "，", "、", ";")) if i >= 0]
            span = (at, min(breaks, default=limit))
        inside = [m for m in mentions if span[0] <= m.start < span[1] and not _is_topic(ctx, m)]
    rest = [m for m in mentions if m not in inside and m.end <= hit.start] or \
        [m for m in mentions if m not in inside]
    subj, _ = split_roles(ctx.lex, ctx.low, hit, rest, sentence[1], ctx.ends)
    actors = [a for a in (actor_of(m, ctx.kb, date) for m in subj) if a]
    states = {a.country for a in actors if a.country}
    recipients = [a for a in (actor_of(m, ctx.kb, date) for m in inside) if a and a.country not in states]
    return actors, recipients


def _threat_with_condition(ctx: _Context, hit: Hit, sentence: tuple[int, int], mentions: list[Mention],
                           date: str | None) -> tuple[list[Actor], list[Actor]] | None:
    """Threatener and target of a warning whose sentence holds a condition, when both are named."""
    if ctx.lex.condition_at(ctx.low, *sentence) is None:
        return None
    actors, recipients = _conditional_parties(ctx, hit, sentence, mentions, date)
    return (actors, recipients) if actors and recipients else None


def _is_topic(ctx: _Context, m: Mention) -> bool:
    """Whether a topic particle ("は", "은") follows a mention (past a title standing next to it)."""
    end, seen = m.end, 0
    while end in ctx.ends and seen < 3:
        end, seen = ctx.ends[end], seen + 1
    return any(ctx.low.startswith(t, end) for t in ctx.lex.topic_markers)


def _protest_parties(ctx: _Context, hit: Hit, clause: tuple[int, int], sentence: tuple[int, int],
                     paragraph: tuple[int, int], places: list[Mention], date: str | None,
                     previous: Candidate | None) -> tuple[list[Actor], list[Actor]]:
    """Who demonstrates and against whom (docs/EVENTS.md, "Protests").

    The actor is a named group before the trigger, else the protesters of a state: the
    nationality written next to the trigger ("Filipino protesters"), else the state of the place
    where they gather ("in Manila"), of the latest place named before, or of the language's press
    (`home_country`). The targets are the states named in the sentence (a person or a body
    counts as its state) other than the protesters' own, else those of the act reported just
    before ("…방한…. 시민단체…집회"), else their own state (a protest against one's government).
    """
    own = [m for m in ctx.mentions.within(clause[0], hit.start) if m.type == "group" and not ctx.modifier(m)]
    named = actor_of(own[-1], ctx.kb, date) if own else None
    country: str | None = named.country if named is not None else None
    if named is None:
        for m in ctx.mentions.within(max(clause[0], hit.start - 16), hit.start):
            gap = ctx.low[m.end:hit.start].split()
            if m.type == "country" and m.country and len(gap) <= 1:
                country = m.country
        spots = [m for m in places if m.country] or [
            m for m in ctx.mentions.within(paragraph[0], hit.start) if m.type == "place" and m.country][-1:]
        if country is None and spots:
            ranked = sorted(spots, key=lambda m: (not _marked_as_place(ctx, m), abs(m.start - hit.start)))
            loc = location_of(ranked[0], ctx.kb)
            country = (loc.country if loc else None) or ranked[0].country
        country = country or ctx.lex.home_country
    actor = named or protesters(country)
    states: dict[str, Actor] = {}
    home: dict[str, Actor] = {}
    for m in ctx.mentions.within(*sentence):
        if not _is_actor_like(m) or ctx.modifier(m) or (m.kind != "metonym" and _is_place(ctx, m)) or m in own:
            continue
        a = actor_of(m, ctx.kb, date)
        if a is None or not a.country:
            continue
        state = Actor(name=country_name(a.country) or a.country, type="country", id=None, country=a.country)
        (home if a.country == country else states).setdefault(a.country, state)
    if not states and previous is not None:
        for a in [*previous.mention.actors, *previous.mention.recipients]:
            if a.country and a.country != country:
                states.setdefault(a.country, Actor(name=country_name(a.country) or a.country, type="country",
                                                   id=None, country=a.country))
    return [actor], list((states or home).values())


#: Types coded with an actor only (the labelled sets' convention): who deploys or pulls back.
UNDIRECTED_TYPES = frozenset({"MOBILIZE", "RETREAT"})
#: Types with a target (PLOVER "recipient"): the target is read from the clause, else the sentence.
DIRECTIONAL_TYPES = frozenset({"ACCUSE", "REQUEST", "SANCTION", "THREATEN", "PROTEST", "REJECT", "SUPPORT",
                               "AID", "ASSAULT", "COERCE"})
#: Reactions whose target, when the sentence names none, is who did what the text just reported
#: ("日米韓が共同訓練を実施した。北朝鮮は…と警告した").
REACTIVE_TYPES = frozenset({"ACCUSE", "THREATEN", "PROTEST", "REJECT"})


def _recipients_nearby(ctx: _Context, hit: Hit, sentence: tuple[int, int], actors: list[Actor],
                       date: str | None, previous: Candidate | None) -> list[Actor]:
    """The target of a directional act whose clause names none."""
    own = {actor_key(a) for a in actors}
    states = {a.country for a in actors if a.country}
    later = [m for m in ctx.mentions.within(hit.end, sentence[1]) if _is_actor_like(m) and not ctx.modifier(m)]
    if not ctx.lex.head_final:
        found = [a for a in (actor_of(m, ctx.kb, date) for m in later) if a and actor_key(a) not in own
                 and a.country not in states]
        if found:
            return found[:1]
    # A reaction after another act in the same sentence need only have its own clause free of names.
    scope = (previous.clause[1], sentence[1]) if previous is not None and previous.clause[1] > sentence[0] else sentence
    if hit.spec.type in REACTIVE_TYPES and previous is not None and previous.mention.type != hit.spec.type \
            and not any(_is_actor_like(m) for m in ctx.mentions.within(*scope)
                        if not any(actor_key(a) in own for a in filter(None, [actor_of(m, ctx.kb, date)]))):
        targets = [a for a in previous.mention.actors if a.country not in states and actor_key(a) not in own]
        if targets and len(targets) == len(previous.mention.actors):
            if ctx.lex.refers_back(ctx.low, *sentence):
                return targets  # "両氏を非難", "criticised both ministers": the people themselves
            if ctx.lex.pronoun_at(ctx.low, *sentence):
                # "China condemned him": the person who acted last, else the people just named.
                return [ctx.last_person] if ctx.last_person in targets else targets
            # "China's foreign ministry criticised the pact" after "Marles met Marcos": the reaction
            # is aimed at what their states did, not at the people named in another sentence.
            return list({a.country: _state(a.country) for a in targets if a.country}.values()) or \
                [a for a in targets if a.type != "person"]
    return []


def _state(code: str) -> Actor:
    """A state as an actor ("KR" -> South Korea)."""
    return Actor(name=country_name(code) or code, type="country", id=None, country=code)


#: How far around an office a label may stand to make the office part of the meeting's name.
LABEL_REACH = 4

#: How far from its trigger a label ("2+2", "trilateral") may stand to name that meeting.
KEY_REACH = 16


def _keys_near(ctx: _Context, hit: Hit, clause: tuple[int, int]) -> set[str]:
    """Labels of the meeting a trigger names: in the trigger or right beside it.

    A label further along the clause names another meeting ("会談は…前日の2プラス2の成果を踏まえ",
    "a day after the 2+2"); adopting it would keep this meeting from every report of it.
    """
    keys = ctx.lex.event_keys(ctx.low, hit.start, hit.end)
    if keys:
        return keys
    start, end = max(clause[0], hit.start - KEY_REACH), min(clause[1], hit.end + KEY_REACH)
    return ctx.lex.event_keys(ctx.low, start, end)


def _states_of(ctx: _Context, hit: Hit, clause: tuple[int, int], sentence: tuple[int, int],
               paragraph: tuple[int, int], order: int, antecedent: Candidate, keys: set[str]) -> list[Candidate]:
    """A keyed bilateral meeting named without its parties: the states of the reported meeting."""
    states = sorted({a.country for a in [*antecedent.mention.actors, *antecedent.mention.recipients] if a.country})
    if len(states) != 2:
        return []
    status = status_of(ctx.lex, ctx.low, hit, clause, sentence) or "occurred"
    when = _date(ctx, hit, clause, sentence, paragraph)
    if status == "occurred" and is_after(when.date, ctx.doc.published) and when.origin != "published":
        status = "planned"
    actors = [Actor(name=country_name(c) or c, type="country", id=None, country=c) for c in states]
    keys = set(keys)
    keys.discard("trilateral")
    qs, qe = _quote(ctx.doc.text, sentence, clause)
    em = EventMention(
        type="CONSULT", mode=None, status=status, date=when.date,  # type: ignore[arg-type]
        date_precision=when.precision, actors=actors, recipients=[],
        source=Source(document=ctx.doc.id, language=ctx.language, quote=ctx.doc.text[qs:qe], start=qs, end=qe,
                      path=ctx.doc.path),
        location=None, date_alternatives=list(when.alternatives), date_confidence=when.confidence,
        trigger=ctx.doc.text[hit.start:hit.end], event_key=sorted(keys)[0] if keys else "", confidence=0.7,
    )
    score = (2.0 if when.origin in ("clause", "sentence") else 0.0) + 2 + 0.5
    return [Candidate(em, when.timezone, when.origin, score, order, when, clause, (hit.start, hit.end))]


def _names_other_meeting(ctx: _Context, hit: Hit, clause: tuple[int, int], sentence: tuple[int, int],
                         paragraph: tuple[int, int], antecedent: Candidate) -> bool:
    """Whether a meeting trigger under "the two ministers" names a meeting other than theirs.

    Another label ("2+2" after a defence ministers' meeting), a summit trigger, or a date of the
    clause's own that differs from the antecedent's.
    """
    keys = ctx.lex.event_keys(ctx.low, hit.start, hit.end) | ctx.lex.event_keys(ctx.low, *clause)
    keys.discard("trilateral")
    own = antecedent.mention.event_key
    if keys and own not in keys:
        return True
    when = _date(ctx, hit, clause, sentence, paragraph)
    if when.origin == "clause" and antecedent.mention.date and when.date != antecedent.mention.date \
            and not antecedent.mention.date.startswith(when.date or "-") \
            and when.date not in antecedent.mention.date_alternatives:
        return True
    return False


def _with_antecedent(ctx: _Context, hit: Hit, clause: tuple[int, int], sentence: tuple[int, int],
                     paragraph: tuple[int, int], order: int, status: str, antecedent: Candidate) -> list[Candidate]:
    """An event whose subject refers back to the parties of the latest meeting ("両閣僚は…一致した")."""
    base = antecedent.mention
    group = [*base.actors, *base.recipients]
    when = _date(ctx, hit, clause, sentence, paragraph)
    spec = hit.spec
    if antecedent.when is not None and (
            when.origin not in ("clause", "sentence")
            or (spec.type in GOVERNING_TYPES and status_of(ctx.lex, ctx.low, hit, clause, sentence) == "occurred"
                and (is_after(when.date, ctx.doc.published) or _dates_content(ctx, hit, sentence)))):
        # A date after publication in a reported agreement dates what was agreed ("12月に来日する
        #方向で…一致した"), not the agreement: that was made at the parties' meeting.
        when = antecedent.when
    recipients: list[Actor] = []
    if spec.type not in SYMMETRIC_TYPES:
        objects = [m for m in ctx.mentions.within(*clause) if _is_actor_like(m) and m.start >= hit.end
                   or (ctx.lex.head_final and _is_actor_like(m) and m.start < hit.start)]
        recipients = [a for a in (actor_of(m, ctx.kb, when.date) for m in objects) if a]
    keys = ctx.lex.event_keys(ctx.low, *clause)
    keys.discard("trilateral")
    qs, qe = _quote(ctx.doc.text, sentence, clause)
    group_keys = {a.id or a.name for a in group}
    recipients = [r for r in dedupe_actors(recipients) if (r.id or r.name) not in group_keys]
    if status == "occurred" and is_after(when.date, ctx.doc.published) and when.origin != "published":
        status = "planned"
    mode = spec.mode
    if spec.type == "CONSULT" and mode is None and not keys - {base.event_key} \
            and (when.date is None or when.date == base.date or when is antecedent.when):
        # "両氏が協議するのは初めて", "the two ministers talked for an hour": the parties' meeting
        # already reported (a call stays a call), not another one.
        mode = base.mode
    if spec.type == "CONSULT" and mode is None and state_count(group) > 2:
        mode = "multilateral"
    em = EventMention(
        type=spec.type, mode=mode, status=status, date=when.date,  # type: ignore[arg-type]
        date_precision=when.precision, actors=list(group), recipients=recipients,  # type: ignore[arg-type]
        source=Source(document=ctx.doc.id, language=ctx.language, quote=ctx.doc.text[qs:qe], start=qs, end=qe,
                      path=ctx.doc.path),
        location=base.location, date_alternatives=list(when.alternatives), date_confidence=when.confidence,
        trigger=ctx.doc.text[hit.start:hit.end], event_key=sorted(keys)[0] if keys else "", confidence=0.7,
    )
    return [Candidate(em, when.timezone, when.origin, 1.0 + min(len(group), 4), order, when, clause,
                      (hit.start, hit.end))]


def _dates_content(ctx: _Context, hit: Hit, sentence: tuple[int, int]) -> bool:
    """Whether the date next to a reported agreement lies in the plan it agrees on.

    Head-final: a plan word ("方向で調整", "방안을 추진") stands between the date and the trigger
    ("12月に金氏が来日する方向で調整することで一致した"): the date is the plan's.
    """
    if not ctx.lex.head_final:
        return False
    times = [t for t in ctx.doc.times if sentence[0] <= t.start and t.end <= hit.start]
    if not times:
        return False
    last = times[-1].end
    return any(c in ("planned", "planned_modal") for _, _, c in ctx.lex.status_cues(ctx.low, last, hit.start))


class _WithDiscovered:
    """The knowledge base plus the entities the entity stage discovered in this document."""

    def __init__(self, kb: KnowledgeBaseLike | None, discovered: Sequence[Entity]) -> None:
        self.kb = kb
        self.discovered = {e.id: e for e in discovered}

    def get(self, entity_id: str) -> Entity | None:
        found = self.discovered.get(entity_id)
        if found is None and self.kb is not None:
            found = self.kb.get(entity_id)
        return found

    def holder(self, role_key: str, country: str | None, on_date: Any) -> Entity | None:
        return self.kb.holder(role_key, country, on_date) if self.kb is not None else None


def detect(doc: Document, kb: KnowledgeBaseLike | None = None) -> tuple[list[Candidate], Skipped]:
    """Every event candidate of a document, before consolidation, and what was skipped."""
    skipped = Skipped()
    if doc.entities:
        kb = _WithDiscovered(kb, doc.entities)
    out: list[Candidate] = []
    if not doc.text:
        return out, skipped
    low = lowered(doc.text)
    mentions = _Mentions(doc.mentions)
    order = 0
    last_person: Actor | None = None
    per_language: dict[str, _Mentions] = {}
    all_ends = {m.start: m.end for m in mentions.items}
    antecedent: Candidate | None = None
    for ps, pe, lang in _paragraphs(doc):
        lex = lexicon(lang)
        if lex is None:
            if lang:
                skipped.reasons[f"no event data for language {lang}"] += 1
            continue
        hits = lex.conditional_threats(low, ps, pe, doc.text, lex.find_triggers(low, ps, pe))
        withheld = lex.withheld_spans(low, ps, pe) if hits else []
        if withheld:
            # "declined to say whether Japan would join", "拒绝置评": withholding comment is no REJECT.
            kept = [h for h in hits if not any(s < h.end and h.start < e for s, e in withheld)]
            skipped.reasons["comment withheld"] += len(hits) - len(kept)
            hits = kept
        if not hits:
            continue
        sentences = lex.spans(lex.sentence_re, doc.text, ps, pe)
        if lex.lang not in per_language:
            wrong = _prefixes(lex, low, mentions.items)
            items = [m for m in mentions.items if not any(m is r for r in wrong)]
            extra = compound_states(lex, low, items)
            government, replaced = home_government(lex, low, [*items, *extra])
            extra += government
            all_ends.update({m.start: m.end for m in extra})
            items = [m for m in items if not any(m is r for r in replaced)]
            per_language[lex.lang] = _Mentions(drop_appositions(lex, doc.text, [*items, *extra]))
        ctx = _Context(doc, low, lex, kb, per_language[lex.lang], (lang or doc.language or lex.lang).split("-")[0],
                       last_person, ends=all_ends)
        by_sentence: dict[tuple[int, int], list[Hit]] = {}
        for hit in hits:
            by_sentence.setdefault(_containing(sentences, hit.start), []).append(hit)
        for sentence, sentence_hits in by_sentence.items():
            if not any(_is_actor_like(m) for m in ctx.mentions.within(*sentence)) and not any(
                    h.spec.type == "PROTEST" for h in sentence_hits) and not (
                    antecedent is not None and lex.refers_back(low, *sentence)) and not (
                    ctx.last_person is not None and lex.pronoun_at(low, *sentence)):
                skipped.reasons["no actor in sentence"] += len(sentence_hits)
                continue
            clauses = lex.spans(lex.clause_re, doc.text, *sentence)
            for hit in sentence_hits:
                clause = _containing(clauses, hit.start)
                governor = _governor(lex, hit, sentence_hits, clause)
                planned = False
                if governor is not None:
                    if not (governor.spec.type == "AGREE" and hit.spec.mode == "visit"):
                        skipped.reasons["content of an agreement, request or threat"] += 1
                        continue
                    # "金氏が12月に来日する方向で…一致した", "agreed that Kim would visit Tokyo in
                    # December": a visit agreed on is a planned visit (the labelled sets' H013).
                    planned = True
                previous = next((c for c in reversed(out) if c.clause[1] <= sentence[0]), None)
                if hit.spec.type in REACTIVE_TYPES:
                    # "美日两国…举行联合巡航，中方对此表示强烈谴责": a reaction in a later clause of the
                    # sentence answers the act reported in the clause before.
                    previous = next((c for c in reversed(out) if sentence[0] <= c.trigger_span[0]
                                     and c.clause[1] <= clause[0]), None) or previous
                for cand in analyse_hit(ctx, hit, clause, sentence, (ps, pe), order, skipped, antecedent, previous,
                                        planned):
                    out.append(cand)
                    order += 1
                    first = next((a for a in cand.mention.actors if a.type == "person"), None)
                    if first is not None:
                        ctx.last_person = last_person = first
                    if cand.mention.type == "CONSULT" and cand.mention.mode != "visit" \
                            and len(cand.mention.actors) >= 2:
                        antecedent = cand
    return out, skipped
