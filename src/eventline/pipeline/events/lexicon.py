"""Per-language event cues compiled for speed: one Aho-Corasick automaton per language over triggers.

The knowledge itself lives in `lang/data/<code>/events.yaml`; this module only turns it into
matchers. Adding a language means adding that file, never touching this code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterator

import ahocorasick
import regex

from eventline.document import PLOVER_TYPES
from eventline.errors import LanguageDataError
from eventline.lang import load

STATUS_CUES = ("planned", "planned_modal", "cancelled", "negation", "hypothetical")


@dataclass(frozen=True, slots=True)
class TriggerSpec:
    """What a trigger word means: a PLOVER type, its mode, and for visits a named destination."""

    type: str
    mode: str | None
    destination: str | None = None  # ISO country of a visit trigger such as 訪日 (=JP)
    prefix: bool = False  # "visit*": matches any ending of the last word
    conditional: bool = False  # the act a condition threatens ("如果…中方将采取反制措施"): a THREATEN


@dataclass(frozen=True, slots=True)
class Hit:
    """A trigger found in the text; offsets into Document.text."""

    start: int
    end: int
    spec: TriggerSpec


@dataclass(slots=True)
class Lexicon:
    """The compiled cues of one language."""

    lang: str
    word_boundaries: bool
    head_final: bool
    sentence_re: Any
    clause_re: Any
    triggers: Any  # ahocorasick.Automaton: lowered word -> TriggerSpec
    keys: Any  # automaton: lowered cue -> event key
    cues: Any  # automaton: lowered cue -> status category
    collective: Any  # automaton: words referring back to the parties just named ("両閣僚")
    pronouns: Any  # automaton: third-person pronouns ("he", "彼")
    past: tuple[str, ...] = ()
    planned_endings: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()  # hypothetical cues opening a condition ("if", "如果")
    negation_window: int = 20
    subject_markers: tuple[str, ...] = ()
    object_markers: tuple[str, ...] = ()
    topic_markers: tuple[str, ...] = ()  # "は", "은/는": the topic stands outside a condition
    target_before: tuple[str, ...] = ()  # "对", "向": a name after it is the target, before the verb
    source_before: tuple[str, ...] = ()  # "from", "từ", "从": the place left, not the one visited
    source_after: tuple[str, ...] = ()  # "から", "에서"
    location_markers: tuple[str, ...] = ()
    conjunctions: tuple[str, ...] = ()
    modifier_before: tuple[str, ...] = ()
    modifier_after: tuple[str, ...] = ()
    #: automaton: phrases holding a trigger word that report no act ("在…同意下", "with the consent of")
    circumstances: Any = None
    #: automaton: proper names holding a trigger word ("Shangri-La Dialogue", "香格里拉对话会")
    names: Any = None
    #: meeting triggers that mean being present ("attend", "出席"): a forum named in their clause is
    #: what is attended
    attending: tuple[str, ...] = ()
    #: automaton: retaliation promised under a condition ("反制措施", "対抗措置", "retaliate")
    threats: Any = None
    #: ISO code of the state whose press writes in this language ("ja" -> JP); None when several do
    home_country: str | None = None
    #: automaton: phrases holding a trigger word that withhold comment ("declined to say", "拒绝置评")
    withheld: Any = None
    #: compound state abbreviations ("한일", "Việt-Trung"): a pattern over lowered text, and the ISO
    #: codes of each word as written without separators
    state_pairs_re: Any = None
    state_pairs: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: letters before a state's abbreviation that are no state ("대북": toward North Korea, not Taiwan)
    state_prefixes: tuple[str, ...] = ()
    #: letters after a number that are no state ("2일": the 2nd, not Japan)
    counters: tuple[str, ...] = ()
    #: words for the government, unqualified ("정부는", "政府は", "Chính phủ"): the home state's
    government_words: tuple[str, ...] = ()
    #: words before a government word that make it part of another name ("Thủ tướng Chính phủ")
    government_not_after: tuple[str, ...] = ()
    trigger_count: int = 0
    notes: list[str] = field(default_factory=list)

    # -- matching -------------------------------------------------------------------------
    def _bounded(self, low: str, start: int, end: int, prefix: bool) -> int | None:
        """End of a whole-word match at [start, end), or None; `prefix` lets the word run on."""
        if not self.word_boundaries:
            return end
        if start > 0 and (low[start - 1].isalnum()):
            return None
        if prefix:
            while end < len(low) and low[end].isalpha():
                end += 1
            return end
        if end < len(low) and low[end].isalnum():
            return None
        return end

    def find_triggers(self, low: str, start: int = 0, end: int | None = None) -> list[Hit]:
        """Non-overlapping trigger hits in low[start:end], the longest first where two overlap."""
        end = len(low) if end is None else end
        found: list[Hit] = []
        for last, (word_len, spec) in self.triggers.iter(low, start, end):
            s = last - word_len + 1
            e = self._bounded(low, s, last + 1, spec.prefix)
            if e is not None:
                found.append(Hit(s, e, spec))
        found.sort(key=lambda h: (h.start, -(h.end - h.start)))
        out: list[Hit] = []
        for hit in sorted(found, key=lambda h: (-(h.end - h.start), h.start)):
            if all(hit.end <= o.start or hit.start >= o.end for o in out):
                out.append(hit)
        out.sort(key=lambda h: h.start)
        if self.circumstances is not None and len(self.circumstances):
            # "在日本同意下" (with Japan's consent) states a circumstance of another act, not an agreement.
            blocked = [(s, e) for s, e, _ in self._iter_cues(self.circumstances, low, start, end)]
            out = [h for h in out if not any(s < h.end and h.start < e for s, e in blocked)]
        if out and self.names is not None and len(self.names):
            out = self._outside_names(low, out, start, end)
        return out

    def condition_at(self, low: str, start: int, end: int) -> int | None:
        """Offset of the first condition cue ("if", "如果", "れば") in low[start:end], or None."""
        found: list[int] = []
        for c in self.conditions:
            i = low.find(c, start, end)
            while i >= 0:
                bounded = not self.word_boundaries or not c[0].isalpha() or (
                    (i == 0 or not low[i - 1].isalnum()) and not low[i + len(c):i + len(c) + 1].isalnum())
                if bounded:
                    found.append(i)
                    break
                i = low.find(c, i + 1, end)
        return min(found) if found else None

    def conditional_threats(self, low: str, start: int, end: int, text: str, hits: list[Hit]) -> list[Hit]:
        """`hits` with each retaliation promised under a condition read as a THREATEN.

        "如果日方一意孤行，中方将采取反制措施", "it would retaliate if Japan…", "…すれば対抗措置を
        取る": PLOVER codes a conditional threat as THREATEN. A sentence that already holds a
        threat verb ("warned that … would take countermeasures") keeps that verb's event; the
        retaliation phrase itself (a SANCTION trigger in some languages) is what is threatened.
        """
        if self.threats is None or not len(self.threats) or not self.conditions:
            return hits
        found = list(self._iter_cues(self.threats, low, start, end))
        if not found:
            return hits
        sentences = self.spans(self.sentence_re, text, start, end)
        out = list(hits)
        for s, e, _ in found:
            sentence = next(((a, b) for a, b in sentences if a <= s < b), (start, end))
            if self.condition_at(low, *sentence) is None:
                continue
            if any(h.spec.type == "THREATEN" and sentence[0] <= h.start < sentence[1] for h in out):
                continue
            out = [h for h in out if h.end <= s or h.start >= e]
            out.append(Hit(s, e, TriggerSpec("THREATEN", None, conditional=True)))
        out.sort(key=lambda h: h.start)
        return out

    def _outside_names(self, low: str, hits: list[Hit], start: int, end: int) -> list[Hit]:
        """Hits that are neither inside a forum's name nor the attending of it.

        "Shangri-La Dialogue", "香格里拉对话会" name a forum, not a dialogue held; "attended the
        Shangri-La Dialogue", "シャングリラ・ダイアローグに出席", "出席香格里拉对话会" report being
        there, not a meeting with anyone (a meeting held on its sidelines has its own trigger).
        The attending verb is the meeting trigger standing right after the name (head-final) or
        right before it, a particle or an article apart.
        """
        spans = [(s, e) for s, e, _ in self._iter_cues(self.names, low, start, end)]
        if not spans:
            return hits
        out = []
        for h in hits:
            if any(s < h.end and h.start < e for s, e in spans):
                continue
            if h.spec.type == "CONSULT" and h.spec.mode is None:
                reach = 30 if low[h.start:h.end].startswith(self.attending) else 2
                if any((h.start >= e if self.head_final else h.end <= s) and _within(
                        low[e:h.start] if self.head_final else low[h.end:s], reach) for s, e in spans):
                    continue
            out.append(h)
        return out

    def _iter_cues(self, automaton: Any, low: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
        if len(automaton) == 0 or end <= start:
            return
        for last, (word_len, value) in automaton.iter(low, start, end):
            s = last - word_len + 1
            if s < start:
                continue
            e = self._bounded(low, s, last + 1, False)
            if e is not None:
                yield s, e, value

    def withheld_spans(self, low: str, start: int, end: int) -> list[tuple[int, int]]:
        """Spans of phrases that withhold comment ("declined to say", "拒绝置评", "답변을 거부")."""
        if self.withheld is None:
            return []
        return [(s, e) for s, e, _ in self._iter_cues(self.withheld, low, start, end)]

    def status_cues(self, low: str, start: int, end: int) -> list[tuple[int, int, str]]:
        """(start, end, category) of every status cue in low[start:end]."""
        return list(self._iter_cues(self.cues, low, start, end))

    def event_keys(self, low: str, start: int, end: int) -> set[str]:
        """Distinguishing labels (e.g. "2+2") named in low[start:end]."""
        return {value for _, _, value in self._iter_cues(self.keys, low, start, end)}

    def key_spans(self, low: str, start: int, end: int) -> list[tuple[int, int, str]]:
        """(start, end, key) of every label cue in low[start:end]."""
        return list(self._iter_cues(self.keys, low, start, end))

    def refers_back(self, low: str, start: int, end: int) -> bool:
        """Whether low[start:end] names "the parties just mentioned" ("the ministers", "双方")."""
        return any(True for _ in self._iter_cues(self.collective, low, start, end))

    def pronoun_at(self, low: str, start: int, end: int) -> list[tuple[int, int]]:
        """Spans of third-person pronouns in low[start:end]."""
        return [(s, e) for s, e, _ in self._iter_cues(self.pronouns, low, start, end)]

    def in_modifier(self, low: str, start: int, end: int) -> bool:
        """Whether a name at low[start:end] sits in a modifier of the event ("特朗普重新上台后的")."""
        after = low[end:end + 12]
        before = low[max(0, start - 16):start].rstrip()
        # str.startswith/endswith with a tuple: the same answer as any() over its items, in C
        return after.startswith(self.modifier_after) or before.endswith(self.modifier_before)

    def is_source(self, low: str, start: int, end: int) -> bool:
        """Whether the place at low[start:end] is where someone comes from ("from Singapore", "シンガポールから")."""
        before = low[max(0, start - 8):start].rstrip()
        if self.source_before and before.endswith(self.source_before):
            word = next(w for w in self.source_before if before.endswith(w))
            lead = before[:-len(word)]
            if not (self.word_boundaries and lead and lead[-1].isalnum()):
                return True
        return bool(self.source_after) and low.startswith(self.source_after, end)

    def joined(self, gap: str) -> bool:
        """Whether the text between two mentions only coordinates them ("A and B", "AとB")."""
        g = gap.strip().lower()
        if not g or g in _PAIR_MARKS:
            return True  # "Việt-Nhật", "US-Japan", "한·미": a compound of two states
        return any(g == c.strip().lower() for c in self.conjunctions if c.strip())

    def spans(self, pattern: Any, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """Split text[start:end] at the matches of `pattern`; empty pieces are dropped."""
        out: list[tuple[int, int]] = []
        prev = start
        for m in pattern.finditer(text, start, end):
            if m.start() > prev:
                out.append((prev, m.start()))
            prev = max(prev, m.end())
        if prev < end:
            out.append((prev, end))
        return [(s, e) for s, e in out if text[s:e].strip()]


_ARTICLES = frozenset({"the", "a", "an", "this", "this year's", "last", "the annual"})


_PAIR_MARKS = frozenset({"-", "–", "·", "・", "/"})
_SENTENCE_END = frozenset("。.!?！？;；\n")


def _within(gap: str, reach: int) -> bool:
    """Whether a trigger and a name a `gap` apart belong together: no sentence break, short enough."""
    return len(_gap_word(gap)) <= reach and not any(ch in _SENTENCE_END for ch in gap)


def _gap_word(gap: str) -> str:
    """The text between a trigger and a name without spaces or a leading article ("the")."""
    words = gap.split()
    if words and words[0] in _ARTICLES:
        words = words[1:]
    return "".join(words)


def _as_list(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise LanguageDataError(f"{where} must be a list of strings; wrap single words in [ ]")
    return [str(v) for v in value]


#: How the parts of a compound state name may be joined: "한일", "한·미", "Việt - Trung", "米・比".
PAIR_SEPARATOR = r"(?:\s*[-–·・/]\s*)?"
_PAIR_SPLIT = regex.compile(r"\s*[-–·・/]\s*")


def pair_parts(word: str, count: int) -> list[str]:
    """The parts of a compound, one per state: split at its separators, else one letter each ("한일")."""
    parts = [p for p in _PAIR_SPLIT.split(word) if p]
    if len(parts) != count and len(parts) == 1 and len(word) == count:
        parts = list(word)
    return parts


def pair_key(written: str) -> str:
    """A compound as found in a text, without separators ("한·미" -> "한미")."""
    return "".join(_PAIR_SPLIT.split(written))


def _state_pairs(value: Any, where: str, word_boundaries: bool) -> tuple[dict[str, tuple[str, ...]], Any]:
    """`state_pairs` ({"한일": [KR, JP]}) keyed by the lowered word without separators, and a
    pattern finding them in lowered text (not inside a longer word: "대한일보" is no 한일)."""
    if not value:
        return {}, None
    if not isinstance(value, dict):
        raise LanguageDataError(f"{where}: state_pairs must map a word to a list of ISO country codes")
    out: dict[str, tuple[str, ...]] = {}
    patterns: list[str] = []
    for word, codes in value.items():
        codes = _as_list(codes, f"{where}: state_pairs.{word}")
        if len(codes) < 2 or not all(len(c) == 2 and c.isupper() for c in codes):
            raise LanguageDataError(f"{where}: state_pairs.{word} must list two or more ISO codes such as [KR, JP]")
        low = str(word).lower()
        out[pair_key(low)] = tuple(codes)
        patterns.append(PAIR_SEPARATOR.join(regex.escape(p) for p in pair_parts(low, len(codes))))
    patterns.sort(key=len, reverse=True)
    pattern = r"(?<!\w)(?:" + "|".join(patterns) + ")" + (r"(?!\w)" if word_boundaries else "")
    return out, regex.compile(pattern)


def _automaton(words: dict[str, Any]) -> Any:
    auto = ahocorasick.Automaton()
    for word, value in words.items():
        auto.add_word(word, (len(word), value))
    if len(auto):
        auto.make_automaton()
    return auto


def _parse_trigger(raw: str, type_: str, mode: str | None) -> tuple[str, TriggerSpec]:
    destination = None
    if "=" in raw and raw.rsplit("=", 1)[1].isupper():
        raw, destination = raw.rsplit("=", 1)
    prefix = raw.endswith("*")
    word = raw.rstrip("*").lower()
    return word, TriggerSpec(type_, mode, destination, prefix)


def compile_lexicon(lang: str, data: dict[str, Any]) -> Lexicon:
    """Compile one language's events.yaml; errors name the file and the field to fix."""
    where = f"lang/data/{lang}/events.yaml"
    triggers: dict[str, TriggerSpec] = {}
    notes: list[str] = []
    for type_, modes in (data.get("types") or {}).items():
        if type_ not in PLOVER_TYPES:
            raise LanguageDataError(f"{where}: unknown PLOVER type {type_!r}; use one of {', '.join(PLOVER_TYPES)}")
        for mode, words in (modes or {}).items():
            mode_name = None if mode in ("-", None) else str(mode)
            for raw in _as_list(words, f"{where}: types.{type_}.{mode}"):
                word, spec = _parse_trigger(raw, type_, mode_name)
                if word in triggers and triggers[word] != spec:
                    notes.append(f"{word!r} listed twice; kept {triggers[word].type}")
                    continue
                triggers[word] = spec
    keys = {w.lower(): key for key, words in (data.get("event_keys") or {}).items()
            for w in _as_list(words, f"{where}: event_keys.{key}")}
    pairs, pairs_re = _state_pairs(data.get("state_pairs"), where, bool(data.get("word_boundaries", True)))
    status = data.get("status") or {}
    cues: dict[str, str] = {}
    for category in STATUS_CUES:
        for w in _as_list(status.get(category), f"{where}: status.{category}"):
            cues.setdefault(w.lower(), category)
    try:
        sentence_re = regex.compile(data.get("sentence_split") or r"\n+")
        clause_re = regex.compile(data.get("clause_split") or r"(?!x)x")
    except regex.error as exc:
        raise LanguageDataError(f"{where}: sentence_split or clause_split is not a valid pattern: {exc}") from exc
    return Lexicon(
        lang=lang,
        word_boundaries=bool(data.get("word_boundaries", True)),
        head_final=bool(data.get("head_final", False)),
        sentence_re=sentence_re,
        clause_re=clause_re,
        triggers=_automaton(triggers),
        keys=_automaton(keys),
        cues=_automaton(cues),
        pronouns=_automaton({w.lower(): "pronoun" for w in _as_list(data.get("pronouns"), f"{where}: pronouns")}),
        collective=_automaton({w.lower(): "collective" for w in _as_list(data.get("collective"), f"{where}: collective")}),
        past=tuple(_as_list(status.get("past"), f"{where}: status.past")),
        planned_endings=tuple(_as_list(status.get("planned_endings"), f"{where}: status.planned_endings")),
        conditions=tuple(w.lower() for w in _as_list(status.get("conditions"), f"{where}: status.conditions")),
        negation_window=int(data.get("negation_window", 20)),
        subject_markers=tuple(_as_list(data.get("subject_markers"), f"{where}: subject_markers")),
        object_markers=tuple(_as_list(data.get("object_markers"), f"{where}: object_markers")),
        topic_markers=tuple(_as_list(data.get("topic_markers"), f"{where}: topic_markers")),
        target_before=tuple(w.lower() for w in _as_list(data.get("target_markers"), f"{where}: target_markers")),
        source_before=tuple(w.lower() for w in _as_list((data.get("source_markers") or {}).get("before"),
                                                           f"{where}: source_markers.before")),
        source_after=tuple(w.lower() for w in _as_list((data.get("source_markers") or {}).get("after"),
                                                          f"{where}: source_markers.after")),
        location_markers=tuple(_as_list(data.get("location_markers"), f"{where}: location_markers")),
        conjunctions=tuple(_as_list(data.get("conjunctions"), f"{where}: conjunctions")),
        modifier_before=tuple(w.lower() for w in _as_list((data.get("non_participant") or {}).get("before"),
                                                             f"{where}: non_participant.before")),
        modifier_after=tuple(w.lower() for w in _as_list((data.get("non_participant") or {}).get("after"),
                                                            f"{where}: non_participant.after")),
        circumstances=_automaton({w.lower(): "circumstance" for w in
                                  _as_list(data.get("circumstances"), f"{where}: circumstances")}),
        names=_automaton({w.lower(): "name" for w in _as_list(data.get("names"), f"{where}: names")}),
        attending=tuple(w.lower().rstrip("*") for w in _as_list(data.get("attending"), f"{where}: attending")),
        threats=_automaton({w.lower(): "threat" for w in
                            _as_list(data.get("conditional_threats"), f"{where}: conditional_threats")}),
        home_country=(str(data["home_country"]).upper() if data.get("home_country") else None),
        withheld=_automaton({w.lower(): "withheld" for w in _as_list(data.get("withheld"), f"{where}: withheld")}),
        state_pairs=pairs,
        state_prefixes=tuple(w.lower() for w in _as_list(data.get("state_prefixes"), f"{where}: state_prefixes")),
        counters=tuple(w.lower() for w in _as_list(data.get("counters"), f"{where}: counters")),
        state_pairs_re=pairs_re,
        government_words=tuple(w.lower() for w in _as_list((data.get("government") or {}).get("words"),
                                                           f"{where}: government.words")),
        government_not_after=tuple(w.lower() for w in _as_list((data.get("government") or {}).get("not_after"),
                                                               f"{where}: government.not_after")),
        trigger_count=len(triggers),
        notes=notes,
    )


@lru_cache(maxsize=None)
def lexicon(lang: str | None) -> Lexicon | None:
    """The compiled lexicon for a language code ("zh-Hans" uses zh), or None when there is no data."""
    if not lang:
        return None
    code = lang.split("-")[0].split("_")[0].lower()
    data = load(code, "events")
    if not data:
        return None
    return compile_lexicon(code, data)


def lowered(text: str) -> str:
    """Lower-cased text with the same length, so offsets stay valid (a few letters lower to two)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
