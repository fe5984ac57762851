"""Which language a text is in: script rules first, then cld2, then lingua on a few candidates.

Scripts are the strongest and cheapest evidence: kana means Japanese, hangul Korean, Vietnamese
letters (ơ ư ă đ, stacked tone marks) Vietnamese. Han-only text is Japanese or Chinese, decided by
forms and words listed in lang/data/{ja,zh}/lang.yaml, because cld2 is unreliable on kanji
headlines. For the rest cld2 decides; lingua breaks ties, built only for the handful of languages
cld2 proposed, since a detector for every language costs over a gigabyte.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from eventline import lang as lang_data

#: Characters examined per text: enough for a stable answer, bounded cost on long pages.
SAMPLE_CHARS = 3000

_KANA = re.compile("[\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fd\u30fe\u31f0-\u31ff\uff66-\uff6f\uff71-\uff9d]")
_HANGUL = re.compile("[\uac00-\ud7a3\u1100-\u11ff\u3131-\u318e]")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_LETTER = re.compile(r"[^\W\d_]")
#: Combining tone marks, for Vietnamese written in decomposed form.
_VI_COMBINING = "\u0300\u0301\u0303\u0309\u0323"
#: cld2 codes that differ from the ISO 639-1 code we report.
_CLD2_CODES = {"zh-Hant": "zh", "iw": "he", "jw": "jv", "un": None, "xx-Qaai": None}

#: Samples at least this long are counted with a table of code points (numpy), shorter ones with
#: the patterns themselves, which is cheaper for a line.
TABLE_MIN_CHARS = 200
#: The table covers code points below this (every script counted here; higher ones count as none).
_TABLE_SIZE = 0x30000

#: A Latin text with fewer letters than this gives cld2 too little to go on.
MIN_LATIN_LETTERS = 40
#: A Han-only text needs at least this score margin between ja and zh to stand on its own.
HAN_MARGIN = 2.0


@dataclass(frozen=True, slots=True)
class Guess:
    """A language and whether the text alone carries enough signal to trust it."""

    language: str | None
    confident: bool


def detect(text: str) -> str | None:
    """The ISO 639-1 code of the language `text` is written in ("zh" for both Chinese scripts),
    or None when it has no letters to go on."""
    return guess(text).language


def guess(text: str, tie_break: bool = True) -> Guess:
    """The language of `text` and whether the evidence is strong enough to stand alone.

    With `tie_break=False` a text too short to judge gets no cld2 or lingua call at all: callers
    that have a fallback (a paragraph has its document's language) save that cost.
    """
    sample = text[:SAMPLE_CHARS]
    if not sample:
        return Guess(None, False)
    kana, hangul, han, latin, vi = _script_counts(sample)
    cjk = kana + hangul + han
    if cjk == 0 and latin == 0:
        if not tie_break and len(_LETTER.findall(sample)) < MIN_LATIN_LETTERS:
            return Guess(None, False)
        return _by_cld2(sample, None)
    # A CJK character carries about what a short Latin word does.
    if cjk * 4 >= latin:
        if kana and kana >= hangul and (kana >= 0.03 * (kana + han) or kana + han < 40):
            return Guess("ja", True)
        if hangul and hangul >= 0.3 * cjk:
            return Guess("ko", True)
        if han:
            return _han_only(sample, han)
    return _latin(sample, latin, vi, tie_break)


def warm_up() -> None:
    """Build the detector's lookup tables now rather than on the first long text."""
    _script_table()


def _han_only(sample: str, han: int) -> Guess:
    """Japanese or Chinese for text in Han characters without kana, by listed forms and words."""
    ja_score = _cue_score(sample, "ja")
    zh_score = _cue_score(sample, "zh")
    if ja_score != zh_score:
        strong = abs(ja_score - zh_score) >= HAN_MARGIN or han >= 20
        return Guess("ja" if ja_score > zh_score else "zh", strong)
    # No cue either way: cld2's view, else Chinese (Japanese prose of any length has kana).
    ranked = _cld2(sample)
    lang = ranked[0][0] if ranked and ranked[0][0] in ("ja", "zh") else "zh"
    return Guess(lang, han >= 20)


def _latin(sample: str, latin: int, vi: int, tie_break: bool) -> Guess:
    vi_data = lang_data.load("vi", "lang")
    if latin and vi >= float(vi_data.get("min_share", 0.05)) * latin and vi >= min(2, latin):
        return Guess("vi", True)
    if not tie_break and latin < MIN_LATIN_LETTERS:
        return Guess(None, False)
    return _by_cld2(sample, latin, tie_break)


def _script_counts(sample: str) -> tuple[int, int, int, int, int]:
    """How many characters of `sample` are kana, hangul, Han, Latin and Vietnamese letters (the
    last only counted when there are Latin letters)."""
    if len(sample) >= TABLE_MIN_CHARS:
        codes = np.frombuffer(sample.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        flags = _script_table()[np.minimum(codes, _TABLE_SIZE - 1)]
        counts = np.bincount(flags, minlength=32) @ _FLAG_BITS
        kana, hangul, han, latin, vi = (int(c) for c in counts)
        return kana, hangul, han, latin, vi if latin else 0
    if max(sample) < "\u0370":
        # Latin or ASCII only (the common case for a line of a Latin-script text): no CJK counts.
        kana = hangul = han = 0
    else:
        kana = len(_KANA.findall(sample))
        hangul = len(_HANGUL.findall(sample))
        han = len(_HAN.findall(sample))
    latin = len(_LATIN.findall(sample))
    vi = len(_vi_letters().findall(sample)) if latin else 0
    return kana, hangul, han, latin, vi


#: Row k: the bits of flag value k (kana 1, hangul 2, Han 4, Latin 8, Vietnamese 16).
_FLAG_BITS = (np.arange(32)[:, None] >> np.arange(5)) & 1


@lru_cache(maxsize=1)
def _script_table() -> np.ndarray:
    """Flags per code point, read off the very patterns the short path uses, so both agree."""
    every = "".join(map(chr, range(1, _TABLE_SIZE)))
    table = np.zeros(_TABLE_SIZE, dtype=np.uint8)
    for bit, pattern in enumerate((_KANA, _HANGUL, _HAN, _LATIN, _vi_letters())):
        marked = pattern.sub("\0", every)  # each pattern matches single characters
        hits = np.frombuffer(marked.encode("utf-32-le", "surrogatepass"), dtype=np.uint32) == 0
        table[1:][hits] |= np.uint8(1 << bit)
    return table


@lru_cache(maxsize=1)
def _vi_letters() -> re.Pattern[str]:
    letters = str(lang_data.load("vi", "lang").get("distinctive_letters", "")).replace(" ", "")
    return re.compile("[" + re.escape(letters + _VI_COMBINING) + "]")


def _by_cld2(sample: str, latin: int | None, tie_break: bool = True) -> Guess:
    """cld2's answer, with lingua deciding among cld2's candidates when cld2 is unsure."""
    ranked = _cld2(sample)
    if not ranked:
        return Guess(None, False)
    best, percent = ranked[0]
    letters = latin if latin is not None else len(_LETTER.findall(sample))
    short = letters < MIN_LATIN_LETTERS
    if not short and percent >= 70:
        return Guess(best, True)
    if not tie_break:
        return Guess(best, False)
    candidates = {code for code, _ in ranked}
    if latin is not None:
        candidates |= _latin_candidates()
    tie_break = _lingua_pick(sample, frozenset(candidates))
    return Guess(tie_break or best, not short)


def _cld2(sample: str) -> list[tuple[str, int]]:
    """cld2's languages for `sample` as (ISO code, percent), best first; [] if it has no idea."""
    import pycld2

    try:
        _, _, details = pycld2.detect(sample, bestEffort=True)
    except pycld2.error:
        # cld2 rejects some code points (surrogates, certain controls); drop them and retry.
        cleaned = "".join(c for c in sample if c.isprintable() or c in "\n\t")
        try:
            _, _, details = pycld2.detect(cleaned.encode("utf-8", "ignore").decode("utf-8"),
                                          bestEffort=True)
        except pycld2.error:
            return []
    out = []
    for _, code, percent, _ in details:
        iso = _CLD2_CODES.get(code, code)
        if iso and percent > 0 and all(iso != seen for seen, _ in out):
            out.append((iso, percent))
    return out


@lru_cache(maxsize=1)
def _latin_candidates() -> frozenset[str]:
    """Languages whose data marks them as usual suspects for short Latin-script text."""
    return frozenset(code for code in lang_data.languages("lang")
                     if lang_data.load(code, "lang").get("latin_candidate"))


@lru_cache(maxsize=1)
def _han_cues() -> dict[str, dict[str, Any]]:
    """Per language: the set of distinctive characters, word weights and mixed-form rule."""
    cues: dict[str, dict[str, Any]] = {}
    for code in ("ja", "zh"):
        data = lang_data.load(code, "lang").get("han_cues", {})
        words = {str(w): float(v) for w, v in (data.get("words") or {}).items()}
        mixed = data.get("mixed_forms") or {}
        cues[code] = {
            "chars": re.compile("[" + re.escape(str(data.get("chars", "")).replace(" ", "")) + "]")
            if data.get("chars") else None,
            "char_weight": float(data.get("char_weight", 1)),
            "words": words,
            "words_re": re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))
            if words else None,
            "mixed": (set(str(mixed.get("simplified_like", ""))),
                      set(str(mixed.get("traditional_like", ""))),
                      float(mixed.get("weight", 0))) if mixed else None,
        }
    return cues


def _cue_score(sample: str, code: str) -> float:
    cue = _han_cues()[code]
    score = 0.0
    if cue["chars"] is not None:
        score += cue["char_weight"] * len(cue["chars"].findall(sample))
    if cue["words_re"] is not None:
        score += sum(cue["words"][w] for w in cue["words_re"].findall(sample))
    if cue["mixed"] is not None:
        simplified, traditional, weight = cue["mixed"]
        present = set(sample)
        if present & simplified and present & traditional:
            score += weight
    return score


def _lingua_pick(sample: str, candidates: frozenset[str]) -> str | None:
    detector = _lingua(candidates)
    if detector is None:
        return None
    found = detector.detect_language_of(sample)
    return found.iso_code_639_1.name.lower() if found is not None else None


@lru_cache(maxsize=64)
def _lingua(candidates: frozenset[str]) -> Any:
    """A lingua detector for just these languages (cached): never one for all of them."""
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = []
    for code in sorted(candidates):
        try:
            languages.append(Language.from_iso_code_639_1(IsoCode639_1.from_str(code)))
        except (ValueError, AttributeError):
            continue  # a language cld2 knows and lingua does not
    if len(languages) < 2:
        return None
    return LanguageDetectorBuilder.from_languages(*languages).build()
