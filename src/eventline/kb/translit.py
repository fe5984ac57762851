"""Transliteration keys: one Latin spelling of a name in any script, for linking names across scripts.

`romanise` writes a name in ASCII Latin letters (pinyin for Han in Chinese text, Hepburn via cutlet
for Japanese, Revised Romanisation for Hangul, unidecode otherwise). `name_key` is the deterministic
id part of a discovered person (tokens sorted, so "Dong Jun" and 董军 agree and family-name order
does not matter). `skeleton` keeps the consonant frame with sounds that scripts render differently
merged (l/r, v/b, th/s...), so ヘグセス, 赫格塞思, 헤그세스 and Hegseth meet as "hgss"; it is
used with fuzzy matching and context, never alone, because short skeletons collide.
"""

from __future__ import annotations

import re
from functools import lru_cache

from eventline.kb.normalize import script_of

_INITIALS = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"]
_VOWELS = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
           "wi", "yu", "eu", "ui", "i"]
_FINALS = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p",
           "t", "t", "ng", "t", "t", "k", "t", "p", "t"]


def hangul_rr(text: str) -> str:
    """Revised Romanisation of Hangul syllables (no sound-change rules; enough for keys)."""
    out = []
    for ch in text:
        cp = ord(ch) - 0xAC00
        if 0 <= cp < 11172:
            out.append(_INITIALS[cp // 588] + _VOWELS[(cp % 588) // 28] + _FINALS[cp % 28])
        else:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=1)
def _cutlet():  # type: ignore[no-untyped-def]
    import cutlet

    return cutlet.Cutlet()


@lru_cache(maxsize=1)
def _kana_cutlet():  # type: ignore[no-untyped-def]
    import cutlet

    c = cutlet.Cutlet()
    c.use_foreign_spelling = False
    return c


def _kana_romaji(name: str) -> str:
    """Hepburn for a name written only in kana, one word per ・-separated part.

    Each part is read mora by mora: word segmentation and cutlet's loanword spellings turn a foreign
    name into English words (アーネル -> "are flannel"), which breaks keys across scripts."""
    out = []
    for part in re.split(r"[·・\s=＝]+", name):
        hira = "".join(chr(ord(ch) - 0x60) if "\u30a1" <= ch <= "\u30f6" else ch for ch in part)
        if hira:
            out.append(_kana_cutlet().map_kana(hira))
    return " ".join(out)


@lru_cache(maxsize=65536)
def romanise(name: str, lang: str | None = None) -> str:
    """ASCII Latin letters for `name`: lowercase words separated by single spaces."""
    from unidecode import unidecode

    scripts = {script_of(c) for c in name}
    if "hangul" in scripts:
        text = hangul_rr(name)
    elif scripts <= {"kana", "other", "space"} and "kana" in scripts:
        try:
            text = _kana_romaji(name)
        except KeyError:  # a kana cutlet has no table entry for: read it the ordinary way
            text = _cutlet().romaji(name.replace("・", " ").replace("·", " "))
    elif "kana" in scripts or ("han" in scripts and (lang or "").startswith("ja")):
        text = _cutlet().romaji(name.replace("・", " ").replace("·", " "))
    elif "han" in scripts:
        from pypinyin import lazy_pinyin

        parts = [p for p in re.split(r"[·・\s]+", name) if p]
        if len(parts) == 1 and 2 <= len(parts[0]) <= 3:
            parts = [parts[0][0], parts[0][1:]]  # a Chinese name: family name, then given name
        text = " ".join("".join(lazy_pinyin(p)) for p in parts)
    else:
        text = name
    text = unidecode(text).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def name_key(name: str, lang: str | None = None) -> str:
    """The deterministic id part of a discovered name: romanised words, sorted, joined by "-"."""
    return "-".join(sorted(romanise(name, lang).split())) or "x"


_SKELETON_RULES = [
    (re.compile(pat), rep) for pat, rep in (
        (r"ph", "f"), (r"th", "s"), (r"sh", "s"), (r"ch", "c"), (r"ts", "s"), (r"ck", "k"), (r"q", "k"),
        (r"x", "s"), (r"z", "s"), (r"c", "k"), (r"l", "r"), (r"v", "b"), (r"w", ""), (r"ng\b", "n"),
        (r"(?<=\w)h", ""), (r"j", "g"), (r"[aeiouy]", ""), (r"(.)\1+", r"\1"),
    )
]


@lru_cache(maxsize=65536)
def _word_skeleton(word: str) -> str:
    for pat, rep in _SKELETON_RULES:
        word = pat.sub(rep, word)
    return word


@lru_cache(maxsize=16384)
def skeleton(name: str, lang: str | None = None) -> str:
    """The consonant frame of each romanised word, sorted and joined by "-" (see module doc)."""
    words = [w for w in map(_word_skeleton, romanise(name, lang).split()) if w]
    return "-".join(sorted(words))


def similarity(a: str, b: str, lang_a: str | None = None, lang_b: str | None = None) -> float:
    """How alike two names sound, 0..1: the best of skeleton and romanised-string similarity."""
    from rapidfuzz import fuzz

    sa, sb = skeleton(a, lang_a), skeleton(b, lang_b)
    ra, rb = romanise(a, lang_a), romanise(b, lang_b)
    s1 = fuzz.ratio(sa.replace("-", ""), sb.replace("-", "")) / 100 if sa and sb else 0.0
    s2 = fuzz.token_sort_ratio(ra, rb) / 100
    return max(s1, s2)


_LOWER = re.compile(r"[a-z]")
_REPEATS = re.compile(r"(.)\1+")
_CLASS_DIGRAPHS = (("ph", "P"), ("th", "T"), ("sh", "T"), ("ch", "T"), ("kh", "K"), ("gh", "K"), ("ng", "N"),
                   ("nh", "N"), ("ts", "T"))
_CLASS_LETTERS = str.maketrans({"p": "P", "b": "P", "f": "P", "v": "P", "t": "T", "d": "T", "s": "T", "z": "T",
                                "j": "T", "x": "T", "c": "K", "k": "K", "g": "K", "q": "K", "l": "R", "r": "R",
                                "m": "M", "n": "N"})


@lru_cache(maxsize=65536)
def sound_classes(name: str, lang: str | None = None, vietnamese_gi: bool = False) -> str:
    """The consonants of a name in its written word order, merged into broad classes (labials,
    dentals and sibilants, velars, liquids, nasals), vowels and h dropped.

    Coarser than `skeleton` on purpose: a Vietnamese name reaches Japanese and Korean through
    sound, not spelling (Phan Văn Giang = ファン・ヴァン・ザン = 판반장: P-N-P-N-T-N), so the
    check needs a pool that context has already narrowed (the holders of one office)."""
    text = romanise(name, lang).replace(" ", "")
    if vietnamese_gi:
        text = re.sub(r"gi(?=[aeou])", "z", text)
    for a, b in _CLASS_DIGRAPHS:
        text = text.replace(a, b)
    text = text.translate(_CLASS_LETTERS)
    text = _LOWER.sub("", text)
    return _REPEATS.sub(r"\1", text)


def sound_similarity(surface: str, name: str, lang_surface: str | None = None, lang_name: str | None = None) -> float:
    """How alike two names sound by `sound_classes` (0..1), trying both word orders of `surface`
    and the Vietnamese reading of "gi" in `name`; 0 for names too short to compare this way."""
    from rapidfuzz import fuzz

    words = romanise(surface, lang_surface).split()
    forms = {sound_classes(" ".join(words), None)}
    if len(words) > 1:
        forms.add(sound_classes(" ".join(reversed(words)), None))
    targets = {sound_classes(name, lang_name), sound_classes(name, lang_name, vietnamese_gi=True)}
    best = 0.0
    for a in forms:
        for b in targets:
            if min(len(a), len(b)) >= 4:
                best = max(best, fuzz.ratio(a, b) / 100)
    return best
