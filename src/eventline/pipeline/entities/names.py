"""Finding names of people who are not in the knowledge base, next to a title or honorific.

Each detector looks only at the few characters beside a cue (a role title, 氏, ông/bà, Mr.) that
matched no known name, so the costly taggers (fugashi for Japanese, jieba for Chinese) run on a
handful of short snippets per page, not on whole documents. They return (start, end) offsets
into the document text, or None.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

#: how far from a cue a name may reach (characters)
WINDOW = 24
_KATAKANA_NAME = re.compile(r"[\u30a0-\u30ff][\u30a0-\u30ff・·=＝]*[\u30a0-\u30ff]")
#: capitalised words on one line (a name never spans a line break), in Latin or Cyrillic script
_LATIN_NAME = re.compile(
    r"(?:[A-ZÀ-ÝĐА-ЯЁ][\w'’.-]*\.?[ \t\u00a0]+){0,3}[A-ZÀ-ÝĐА-ЯЁ][\w'’-]+", re.UNICODE
)
#: endings of Korean words that are verbs, adverbial forms or nouns with a particle, never a name
#: right before a title: 방문해, 만나고, 밝히며, 도착해서, 했다, 방위상은, 워싱턴을, 일본의 ...
_KO_NOT_NAME_ENDINGS = (
    "하고", "하며", "하면", "하여", "해서", "했고", "했으며", "했다", "한다", "된다", "이다", "였다", "에서", "에게",
    "으로", "부터", "까지", "께서", "해", "고", "며", "서", "면", "은", "는", "을", "를", "의", "에", "도", "만",
)
#: endings that are particles after a noun but also end foreign names (나카가와, 사쿠라이, 왕이,
#: 테오도로): rejected only when the rest is itself a known word in the snippet's context
_KO_AMBIGUOUS_ENDINGS = ("와", "과", "이", "가", "로")
_HANGUL_WORDS = re.compile(r"[가-힣]{1,6}(?: [가-힣]{1,6}){0,2}")
_KO_PARTICLES = ("에게서", "에게", "께서", "은", "는", "이", "가", "을", "를", "의", "과", "와", "도", "에")
_ZH_TRANSLIT = re.compile(r"[\u4e00-\u9fff]{1,6}(?:·[\u4e00-\u9fff]{1,6})+")
#: words that follow a name in Chinese and are never part of a transliteration (阿内尔·卡布雷拉表示)
_ZH_TAILS = ("表示", "指出", "强调", "声称", "宣布", "透露", "会见", "会晤", "访问", "先生", "女士", "说", "称",
             "在", "与", "和", "对", "向", "将", "也", "还", "则")
#: weekdays and months (en, de, fr, es, vi capitalised forms): never part of a name they precede
#: ("Monday Cabrera" is a day and a surname); a month after a given name stays (Theresa May)
_WEEKDAYS = frozenset({
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag",
    "Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche",
    "Lunes", "Martes", "Miércoles", "Jueves", "Viernes", "Sábado", "Domingo",
})
_MONTHS = frozenset({
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
    "Dec", "Januar", "Februar", "März", "Mai", "Juni", "Juli", "Oktober", "Dezember", "Janvier",
    "Février", "Mars", "Avril", "Juin", "Juillet", "Août", "Septembre", "Octobre", "Novembre", "Décembre",
    "Enero", "Febrero", "Marzo", "Abril", "Mayo", "Junio", "Julio", "Agosto", "Septiembre", "Octubre",
    "Noviembre", "Diciembre",
})
#: abbreviations that end in a full stop inside a name or before it (not a sentence end)
_ABBREVIATIONS = frozenset({"Mr", "Mrs", "Ms", "Dr", "Gen", "Adm", "Sen", "Rep", "Lt", "Col", "Maj", "Capt",
                            "St", "Jr", "Sr", "Prof", "Gov", "Pres", "Sgt", "Cpl", "Mt", "M"})


def latin_segments(words: list[str]) -> list[list[str]]:
    """A capitalised run cut where one name cannot go on: after a sentence end ("Monday. Cabrera"),
    around a weekday, and before a month that would start a name ("May Cabrera"; Theresa May stays)."""
    out: list[list[str]] = [[]]
    for w in words:
        bare = w.rstrip(".,")
        if bare in _WEEKDAYS:
            out.append([])
            continue
        if bare in _MONTHS and not out[-1]:
            continue
        out[-1].append(w)
        if w.endswith(".") and len(bare) > 1 and bare not in _ABBREVIATIONS and not bare.isupper():
            out.append([])  # a full stop after a word: the sentence ends here
    return out


#: Latin words that start sentences or titles but are not names
_NOT_NAMES = frozenset({
    "The", "A", "An", "In", "On", "At", "He", "She", "They", "It", "This", "That", "But", "And",
    "Mr", "Mrs", "Ms", "Dr", "Said", "Says", "Ông", "Bà", "Theo", "Tại", "Trong", "Khi",
})


@lru_cache(maxsize=1)
def _fugashi():  # type: ignore[no-untyped-def]
    import fugashi

    return fugashi.Tagger()


@lru_cache(maxsize=1)
def _jieba_posseg():  # type: ignore[no-untyped-def]
    """jieba's POS tagger with its HMM step (`hmm_tags`) made faster and cached; same words and tags."""
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)

    class Tagger(jieba.posseg.POSTokenizer):  # type: ignore[misc]
        def _POSTokenizer__cut(self, sentence: str):  # type: ignore[no-untyped-def]
            pair = jieba.posseg.pair
            return (pair(w, f) for w, f in hmm_tags(sentence))

    tagger = Tagger.__new__(Tagger)
    tagger.__dict__.update(jieba.posseg.dt.__dict__)  # share the loaded dictionary and word tags
    return tagger


@lru_cache(maxsize=65536)
def _zh_words(snippet: str) -> list:  # type: ignore[type-arg]
    """jieba's POS-tagged words of a short snippet; cached, since news repeats the same names."""
    return list(_jieba_posseg().cut(snippet))


@lru_cache(maxsize=1)
def _hmm_model():  # type: ignore[no-untyped-def]
    from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P

    return char_state_tab_P, start_P, trans_P, emit_P


_MIN_FLOAT = -3.14e100
_NEG_INF = float("-inf")


@lru_cache(maxsize=1)
def _hmm_arrays():  # type: ignore[no-untyped-def]
    """The HMM's states in sorted order (so index order is jieba's tie-break order), their index,
    the transition matrix (-inf where jieba's table has no entry) and which transitions exist."""
    import numpy as np

    states, start_p, trans_p, emit_p = _hmm_model()
    order = sorted(set(trans_p) | set(start_p) | set(emit_p) | {y for ys in states.values() for y in ys})
    index = {y: i for i, y in enumerate(order)}
    trans = np.full((len(order), len(order)), _NEG_INF)
    exists = np.zeros((len(order), len(order)), dtype=bool)
    for y0, row in trans_p.items():
        for y, p in row.items():
            trans[index[y0], index[y]] = p
            exists[index[y0], index[y]] = True
    return order, index, trans, exists, exists.any(axis=1)


def hmm_viterbi(obs: str) -> list[tuple[str, str]]:
    """The state path of jieba's POS HMM for a run of unknown Han characters: the same result as
    `jieba.posseg.viterbi`, which compares every previous state with every next one in Python
    (256 x 256 per character outside its table: traditional characters). Here one character is
    a few array operations; sums are taken in jieba's order and ties go, as in its `max` over
    (probability, state) tuples, to the largest state, so the path is the same to the bit."""
    import numpy as np

    states, start_p, trans_p, emit_p = _hmm_model()
    order, index, trans, exists, has_next = _hmm_arrays()
    first = list(dict.fromkeys(states.get(obs[0], trans_p.keys())))
    first.sort(key=index.__getitem__)
    cur = np.array([index[y] for y in first], dtype=np.intp)
    values = np.array([start_p[y] + emit_p[y].get(obs[0], _MIN_FLOAT) for y in first])
    back: list[dict[int, int]] = []
    for ch in obs[1:]:
        keep = has_next[cur]
        prev, prev_values = cur[keep], values[keep]  # jieba's prev_states, ascending
        if not len(prev):
            raise ValueError("max() arg is an empty sequence")  # as jieba's viterbi fails here
        expected = exists[prev].any(axis=0)
        allowed = np.zeros(len(order), dtype=bool)
        allowed[[index[y] for y in states.get(ch, trans_p.keys())]] = True
        mask = expected & allowed
        nxt = np.flatnonzero(mask if mask.any() else expected)
        emit = np.array([emit_p[order[y]].get(ch, _MIN_FLOAT) for y in nxt])
        scores = (prev_values[:, None] + trans[np.ix_(prev, nxt)]) + emit[None, :]
        rows = len(prev) - 1 - np.argmax(scores[::-1], axis=0)  # the last maximum: the largest state
        values = scores[rows, np.arange(len(nxt))]
        back.append(dict(zip(nxt.tolist(), prev[rows].tolist())))
        cur = nxt
    best = len(cur) - 1 - int(np.argmax(values[::-1]))
    state = int(cur[best])
    route = [state]
    for step in reversed(back):
        state = step[state]
        route.append(state)
    return [order[i] for i in reversed(route)]


@lru_cache(maxsize=65536)
def hmm_tags(sentence: str) -> tuple[tuple[str, str], ...]:
    """(word, flag) for a run of Han characters jieba's dictionary lacks (its `POSTokenizer.__cut`)."""
    pos_list = hmm_viterbi(sentence)
    out = []
    begin, nexti = 0, 0
    for i, char in enumerate(sentence):
        pos = pos_list[i][0]
        if pos == "B":
            begin = i
        elif pos == "E":
            out.append((sentence[begin:i + 1], pos_list[i][1]))
            nexti = i + 1
        elif pos == "S":
            out.append((char, pos_list[i][1]))
            nexti = i + 1
    if nexti < len(sentence):
        out.append((sentence[nexti:], pos_list[nexti][1]))
    return tuple(out)


@lru_cache(maxsize=16384)
def _ja_person_tokens(snippet: str) -> tuple[tuple[int, int, bool], ...]:
    """(start, end, is_person_name) for each fugashi token of a Japanese snippet; cached."""
    out, pos = [], 0
    for tok in _fugashi()(snippet):
        start = snippet.find(tok.surface, pos)
        if start < 0:
            continue
        end = start + len(tok.surface)
        pos = end
        # pos2 and pos3 of the feature, read from the raw CSV: parsing every field costs twice the tagging
        f = tok.feature_raw.split(",", 3)
        out.append((start, end, len(f) > 2 and f[1] == "固有名詞" and f[2] == "人名"))
    return tuple(out)


def ja_before(text: str, pos: int) -> tuple[int, int] | None:
    """A Japanese name ending at `pos`: a katakana run, or kanji tokens tagged 人名 by fugashi."""
    lo = max(0, pos - WINDOW)
    snippet = text[lo:pos]
    m = None
    for m in _KATAKANA_NAME.finditer(snippet):
        pass
    if m and m.end() == len(snippet) and len(m.group()) >= 2:
        return lo + m.start(), pos
    toks = _ja_person_tokens(snippet)
    start = None
    for s, e, is_name in reversed(toks):
        if not is_name or (start is None and e != len(snippet)):
            break
        start = s
    return (lo + start, pos) if start is not None else None


def ja_after(text: str, pos: int) -> tuple[int, int] | None:
    """A Japanese name starting at `pos` (katakana run or 人名 tokens)."""
    snippet = text[pos:pos + WINDOW]
    m = _KATAKANA_NAME.match(snippet)
    if m and len(m.group()) >= 2:
        return pos, pos + m.end()
    end = None
    for s, e, is_name in _ja_person_tokens(snippet):
        if not is_name or (end is None and s != 0) or (end is not None and s != end):
            break
        end = e
    return (pos, pos + end) if end else None


def _zh_trim(name: str) -> str:
    """A transliterated name without the verb or particle jammed onto its last part."""
    head, _, last = name.rpartition("·")
    changed = True
    while changed and len(last) > 1:
        changed = False
        for t in _ZH_TAILS:
            if last.endswith(t) and len(last) > len(t):
                last, changed = last[: -len(t)], True
                break
    return f"{head}·{last}" if head else last


#: two characters jieba can join into one word (its `re_han_internal`): a word of two or more
#: characters lies inside such a run, so a snippet not starting (ending) with two of them has no
#: name of two or more characters at its start (end), and jieba need not run
_JIEBA_PAIR = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._]{2}")


def zh_after(text: str, pos: int) -> tuple[int, int] | None:
    """A Chinese name starting at `pos`: a transliteration with ·, or a jieba 'nr' word."""
    snippet = text[pos:pos + WINDOW]
    m = _ZH_TRANSLIT.match(snippet)
    if m:
        name = _zh_trim(m.group())
        return (pos, pos + len(name)) if "·" in name else None
    if not _JIEBA_PAIR.match(snippet, 0, 2):
        return None
    words = _zh_words(snippet[:12])
    if words and words[0].flag in ("nr", "nrfg", "nrt") and len(words[0].word) >= 2:
        return pos, pos + len(words[0].word)
    return None


def zh_translit_before(text: str, pos: int) -> tuple[int, int] | None:
    """A transliterated name with · ending at `pos` (阿内尔·卡布雷拉)."""
    lo = max(0, pos - 12)
    m = None
    for m in _ZH_TRANSLIT.finditer(text, lo, pos):
        pass
    return (m.start(), pos) if m and m.end() == pos else None


def zh_word_before(text: str, pos: int) -> tuple[int, int] | None:
    """A jieba 'nr' word of two or more characters ending at `pos`."""
    lo = max(0, pos - 12)
    snippet = text[lo:pos]
    if not _JIEBA_PAIR.match(snippet, len(snippet) - 2):
        return None
    words = _zh_words(snippet)
    if words and words[-1].flag in ("nr", "nrfg", "nrt") and len(words[-1].word) >= 2:
        return pos - len(words[-1].word), pos
    return None


def zh_before(text: str, pos: int) -> tuple[int, int] | None:
    """A Chinese name ending at `pos` (before 先生, 表示...): a transliteration, else the last jieba 'nr' word."""
    return zh_translit_before(text, pos) or zh_word_before(text, pos)


def ko_before(text: str, pos: int) -> tuple[int, int] | None:
    """Hangul words ending at `pos` (a name before a title: 로이드 오스틴 국방장관)."""
    lo = max(0, pos - WINDOW)
    snippet = text[lo:pos]
    m = None
    for m in _HANGUL_WORDS.finditer(snippet):
        pass
    if not m or m.end() != len(snippet):
        return None
    words = m.group().split(" ")[-2:]  # a given name and a family name at most
    if ko_not_name(words[-1]):
        return None  # 방문해 미국 국방장관: a verb, not a name
    if len(words) == 2 and (ko_not_name(words[0]) or words[0].endswith(_KO_AMBIGUOUS_ENDINGS)):
        words = words[1:]  # 워싱턴을 오스틴: a word followed by a particle belongs to the clause before
    start = pos - len(" ".join(words))
    return (start, pos) if len("".join(words)) >= 2 else None


def ko_not_name(word: str) -> bool:
    """True for a Hangul word ending like a verb form or a noun plus particle (see _KO_NOT_NAME_ENDINGS)."""
    return len(word) >= 2 and word.endswith(_KO_NOT_NAME_ENDINGS)


def ko_after(text: str, pos: int) -> tuple[int, int] | None:
    """Hangul words starting at `pos`, without the particle ending the last word."""
    snippet = text[pos:pos + WINDOW]
    m = _HANGUL_WORDS.match(snippet)
    if not m:
        return None
    words = m.group().split(" ")[:2]
    last = words[-1]
    for p in _KO_PARTICLES:
        if last.endswith(p) and len(last) > len(p) + 1:
            words[-1] = last[: -len(p)]
            break
    name = " ".join(words)
    return (pos, pos + len(name)) if len(name.replace(" ", "")) >= 2 else None


def latin_after(text: str, pos: int) -> tuple[int, int] | None:
    """Capitalised words starting at `pos` (Defense Secretary Lloyd Austin; ông Minoru Kihara)."""
    m = _LATIN_NAME.match(text, pos, min(len(text), pos + 60))
    if not m:
        return None
    words = m.group().split()
    if words and words[0].rstrip(".") in _NOT_NAMES:
        return None
    kept = latin_segments(words)[0]  # only what starts at `pos`: "Cabrera Monday" -> "Cabrera"
    if not kept:
        return None
    return pos, pos + len(" ".join(kept).rstrip(".,"))


def latin_before(text: str, pos: int) -> tuple[int, int] | None:
    """Capitalised words ending at `pos` (Lloyd Austin, the U.S. defense secretary)."""
    lo = max(0, pos - 60)
    m = None
    for m in _LATIN_NAME.finditer(text, lo, pos):
        pass
    if not m or m.end() != pos:
        return None
    words = m.group().split()
    while words and words[0].rstrip(".") in _NOT_NAMES:
        words = words[1:]
    words = latin_segments(words)[-1]  # only what ends at `pos`: "Monday. Cabrera" -> "Cabrera"
    if not words:
        return None
    return pos - len(" ".join(words)), pos


Detector = Callable[[str, int], "tuple[int, int] | None"]
BEFORE: dict[str, Detector] = {"ja": ja_before, "zh": zh_before, "ko": ko_before}
AFTER: dict[str, Detector] = {"ja": ja_after, "zh": zh_after, "ko": ko_after}


def name_before(lang: str, text: str, pos: int) -> tuple[int, int] | None:
    """An unknown name ending at `pos` in a document of language `lang`."""
    return BEFORE.get(lang, latin_before)(text, pos)


def name_after(lang: str, text: str, pos: int) -> tuple[int, int] | None:
    """An unknown name starting at `pos` in a document of language `lang`."""
    return AFTER.get(lang, latin_after)(text, pos)
