"""The entity stage's faster code paths give exactly what the plain versions give: jieba's POS HMM
(traditional characters outside its table), folding through a lookup array, pair encoding through
numpy, and the skipped jieba calls where no name of two or more characters can end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventline.kb.normalize import fold, fold_table
from eventline.pipeline.entities.lexicon import _pair_table, pair_encode
from eventline.pipeline.entities.names import _zh_words, hmm_viterbi, zh_after, zh_before

DATA = Path(__file__).parent / "data" / "entities"

#: runs of Han characters jieba's dictionary lacks, in both scripts (the HMM's input)
HAN_RUNS = [
    "訪韓", "時隔約", "南韓國", "這是", "日", "赫格塞斯", "黃循財", "國防部長顧立雄", "賴清德總統",
    "赫格塞思", "董军", "中谷元", "馬可仕", "小馬可仕與", "卡布雷拉表示", "阿爾巴尼斯", "國務卿魯比歐",
    "黎智英", "尹錫悅", "韓悳洙", "崔相穆", "潘基文", "鄭義溶", "鄭東泳", "沒有", "總統府發言人", "龘靐齉",
]


def _eval_texts(lang: str) -> list[str]:
    rows = [json.loads(line) for line in (DATA / "eval.jsonl").read_text(encoding="utf-8").splitlines()]
    return [r["text"] for r in rows if r["lang"] == lang]


def test_hmm_viterbi_matches_jieba() -> None:
    from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P, viterbi

    runs = list(HAN_RUNS)
    for text in _eval_texts("zh"):
        runs.extend(part for part in "".join(c if "\u4e00" <= c <= "\u9fd5" else " " for c in text).split())
    assert len(runs) > 60
    for run in runs:
        assert hmm_viterbi(run) == viterbi(run, char_state_tab_P, start_P, trans_P, emit_P)[1], run


def test_jieba_words_unchanged() -> None:
    """Our tagger (shared dictionary, faster HMM) segments and tags like jieba.posseg.cut."""
    import jieba.posseg

    snippets = ["国防部长董军表示", "據報導，國防部長顧立雄表示", "美國國務卿魯比歐與南韓國", "時隔約三年訪韓的"]
    for text in _eval_texts("zh")[:30]:
        snippets.extend(text[i:i + 12] for i in range(0, max(1, len(text) - 12), 7))
    for s in snippets:
        assert [(w.word, w.flag) for w in _zh_words(s)] == [(w.word, w.flag) for w in jieba.posseg.cut(s)], s


@pytest.mark.parametrize("text, pos, expected", [
    ("今天，董军表示", 5, (3, 5)),  # a name before 表示
    ("他说 表示", 3, None),  # no two jieba word characters before the cue: jieba never runs
    ("阿内尔·卡布雷拉表示", 8, (0, 8)),  # a transliteration
])
def test_zh_before(text: str, pos: int, expected: tuple[int, int] | None) -> None:
    assert zh_before(text, pos) == expected


def test_zh_after_needs_two_word_characters() -> None:
    assert zh_after("部长董军表示", 2) == (2, 4)
    assert zh_after("部长，董军", 2) is None


def test_fold_array_path_equals_translate() -> None:
    texts = ["".join(_eval_texts(lang)) for lang in ("zh", "ja", "ko", "vi", "en")]
    texts += ["ＡＢＣ　國防部長・ヘグセス—Mỹ " * 20, "\ud800 lone surrogate " * 30, "emoji \U0001f600 國 " * 40]
    for text in texts:
        assert len(text) >= 256
        assert fold(text) == text.translate(fold_table())


def test_pair_encode_equals_table() -> None:
    for text in ["", "a", "國防部長 Hegseth 헤그세스", "\ud800x" * 5]:
        assert pair_encode(text) == text.translate(_pair_table())
    assert pair_encode("a\U0001f600b") == "a\ufffdb".translate(_pair_table())
