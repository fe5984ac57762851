"""Cross-document duplicates: copies, near-copies and reposts point to the earliest original."""

from __future__ import annotations

import subprocess
import sys

import opencc
import pytest

from eventline.document import Document
from eventline.pipeline.clean import clean_text
from eventline.pipeline.dedup import (
    Deduplicator, FingerprintStage, estimated_jaccard, fingerprint, normalise,
)
from eventline.settings import Settings

ARTICLE = (
    "据美国海军协会网站报道,3月30日,美国国防部长与日本防卫相在东京举行了会谈。在联合新闻发布会上,"
    "美方宣布已启动将驻日美军司令部改编为联合部队司令部计划的第一阶段。双方同意继续加强延伸威慑,"
    "稳步实施驻日美军重组,并强化志同道合国家网络。29日,两国防长还一同出席了在硫磺岛举行的美日联合悼念仪式。"
)


def doc(doc_id: str, text: str) -> Document:
    d = Document(id=doc_id, path=doc_id, raw=text, text=text)
    return FingerprintStage()(d)


def test_normalise_folds_script_case_space_and_punctuation():
    assert normalise("美國國防部長,Hegseth 說:") == normalise("美国国防部长 hegseth说")
    assert normalise("ＡＢＣ　１２３") == "abc123"


def test_fingerprint_is_deterministic_across_processes():
    here = fingerprint(ARTICLE)
    code = (
        "from eventline.pipeline.dedup import fingerprint;"
        f"print(fingerprint({ARTICLE!r})[:8])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        env={"PYTHONHASHSEED": "12345", "PATH": ""},
    ).stdout
    assert out.strip() == str(here[:8])
    assert len(here) == Settings().minhash_permutations


def test_repost_in_traditional_chinese_and_light_edits_are_duplicates():
    dedup = Deduplicator()
    original = doc("orig", ARTICLE)
    dedup.add(original.id, original.fingerprint)
    traditional = doc("trad", opencc.OpenCC("s2t").convert(ARTICLE))
    assert dedup.check(traditional) == "orig"
    edited = doc("edit", "(来源:环球网)" + ARTICLE.replace("会谈", "会晤").replace(",", ", ") + "责任编辑:王伟")
    assert estimated_jaccard(original.fingerprint, edited.fingerprint) >= 0.7
    assert dedup.check(edited) == "orig"


def test_unrelated_articles_are_not_duplicates(seed_texts):
    dedup = Deduplicator()
    docs = [doc(name, clean_text(text).text) for name, text in sorted(seed_texts.items())]
    for d in docs:
        assert dedup.check(d) is None, d.id
        dedup.add(d.id, d.fingerprint)


def test_half_of_the_page_printed_twice_is_a_near_copy(seed_texts):
    raw = seed_texts["003_02232067b5b04c88.txt"]
    full = doc("full", clean_text(raw).text)
    copied = doc("copy", raw)  # the uncleaned page: the same article printed twice, plus links
    dedup = Deduplicator()
    dedup.add(full.id, full.fingerprint)
    assert dedup.check(copied) == "full"


def test_check_returns_the_earliest_original_and_survives_a_restart():
    first, second = doc("a", ARTICLE), doc("b", ARTICLE + "另据报道。")
    stored = [(first.id, first.fingerprint), (second.id, second.fingerprint)]
    for _run in range(2):  # a new Deduplicator re-fed from the store behaves the same
        dedup = Deduplicator()
        for doc_id, fp in stored:
            dedup.add(doc_id, fp)
        dedup.add("a", first.fingerprint)  # adding twice is harmless
        assert len(dedup) == 2
        assert dedup.check(doc("c", ARTICLE + "完。")) == "a"
        assert dedup.check(first) == "b"  # a document is never its own original


def test_threshold_setting_is_respected():
    strict = Deduplicator(Settings().with_(duplicate_threshold=1.0))
    strict.add("a", fingerprint(ARTICLE))
    assert strict.check(doc("b", ARTICLE[: len(ARTICLE) // 2])) is None


def test_empty_text_has_no_fingerprint_and_no_original():
    empty = doc("e", "")
    assert empty.fingerprint is None
    dedup = Deduplicator()
    dedup.add("e", empty.fingerprint)
    assert len(dedup) == 0
    assert dedup.check(doc("f", "")) is None
    assert fingerprint("!!! ...") == []


@pytest.mark.parametrize("text", ["a", "日本", "ab" * 3])
def test_short_texts_have_a_fingerprint(text):
    assert len(fingerprint(text)) == Settings().minhash_permutations


@pytest.mark.parametrize("threshold", [0.5, 0.6, 0.7, 0.8, 0.9])
@pytest.mark.parametrize("num_perm", [32, 64, 128, 256])
def test_lsh_bands_are_the_classic_optimum(threshold, num_perm):
    """The bands and rows are those of datasketch's MinHashLSH for the same threshold (when it is
    installed), so the candidates, and so the duplicates found, are the same."""
    lsh = pytest.importorskip("datasketch.lsh")
    from eventline.pipeline.dedup.dedup import optimal_bands

    assert optimal_bands(threshold, num_perm) == lsh._optimal_param(threshold, num_perm, 0.5, 0.5)


def test_candidates_are_documents_sharing_a_band():
    import numpy as np

    from eventline.pipeline.dedup.dedup import BandIndex

    index = BandIndex(0.7, 128)
    assert (index.b, index.r) == (14, 9)
    base = np.arange(128, dtype=np.uint64)
    one_band = base.copy()
    one_band[index.r:] += np.uint64(1000)  # only the first band equal
    none = base + np.uint64(1000)
    index.insert("one", one_band)
    index.insert("none", none)
    assert index.query(base) == {"one"}  # one equal band is enough
    assert index.query(none) == {"none", "one"}  # `one` equals `none` beyond the first band
    assert index.query(base + np.uint64(5000)) == set()


def test_signatures_of_an_earlier_scheme_are_refused_not_misread():
    """A store written before scheme 2 holds plain 32-bit MinHash values: the index skips them
    (they cannot be compared), so they neither crash a run nor make a false duplicate."""
    from eventline.pipeline.dedup.minhash import SCHEME, current_scheme

    new = fingerprint(ARTICLE)
    assert all(v >> 32 == SCHEME for v in new) and current_scheme(new)
    old = [v & 0xFFFFFFFF for v in new]  # same length, no scheme tag: what scheme 1 stored
    dedup = Deduplicator()
    dedup.add("old", old)
    assert len(dedup) == 0
    assert dedup.check(doc("new", ARTICLE)) is None


def test_empty_slots_of_a_short_text_borrow_filled_ones():
    signature = fingerprint("日本")  # one shingle: one slot filled, the rest borrowed from it
    assert len(set(signature)) == 1
    assert fingerprint("ab" * 3) == fingerprint("ab" * 3)
