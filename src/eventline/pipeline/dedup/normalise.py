"""The form of a text that two copies of one article share, whatever light edits separate them."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_NOT_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def normalise(text: str) -> str:
    """NFKC, traditional→simplified Chinese (which also folds Japanese old-form kanji such as
    國/國→国), casefold, and no whitespace or punctuation: a repost converted between scripts,
    re-spaced or re-punctuated has the same normal form."""
    text = unicodedata.normalize("NFKC", text)
    if _HAN.search(text):
        text = _t2s().convert(text)
    return _NOT_WORD.sub("", text.casefold())
