"""One spelling for many: agency names compared in a normal form.

NFKC (full-width letters and brackets become plain), no whitespace or punctuation, no
bracketed remark (`洪泽区人民政府（本级）`), traditional characters read as simplified. OpenCC's
`t2s` is applied character by character, and never to a character that occurs in a
division's name: it would turn 乾安县 into 干安县.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

import opencc

from .divisions import table

_REMARK = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】|〔[^〔〕]*〕")
_DROP = re.compile(r"[^\w\u4e00-\u9fff]|_")


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=8192)
def _simplified(ch: str) -> str:
    out = str(_t2s().convert(ch))
    return out if len(out) == 1 else ch


def simplify(text: str) -> str:
    """Traditional characters as simplified ones, division names' characters left alone."""
    keep = table().chars
    return "".join(ch if ch.isascii() or ch in keep else _simplified(ch) for ch in text)


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Comparable form of an agency name or title: NFKC, no remarks, spaces or punctuation."""
    out = unicodedata.normalize("NFKC", text)
    out = _REMARK.sub("", out)
    return simplify(_DROP.sub("", out)).lower()
