"""Label normalisation: how printed labels are compared with the templates' labels.

Reports reword labels, space characters apart (`行 政 许 可`), mix full- and
half-width punctuation and renumber items. Comparison happens on a normal form:
NFKC, no whitespace, no leading enumerator (`（三）`, `1.`, `一、`), no punctuation,
`其它` read as `其他`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_ENUMERATOR = re.compile(
    r"^(?:[(（]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]"  # （一） (1)
    r"|[一二三四五六七八九十]{1,3}\s*[、.．,，:：]"  # 一、
    r"|\d{1,2}\s*[、.．,，:：)）](?!\d)"  # 1. 1、 1)
    r")\s*"
)
_DROP = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+|[^\w\u4e00-\u9fff]|_")


@lru_cache(maxsize=8192)
def normalise(label: str) -> str:
    """Comparable form of a label: NFKC, enumerator stripped, no spaces or punctuation."""
    text = unicodedata.normalize("NFKC", label).strip()
    text = _ENUMERATOR.sub("", text, count=1)
    return _DROP.sub("", text).replace("其它", "其他")  # 它 and 他 are both printed here


def squash(text: str) -> str:
    """NFKC text without whitespace, for substring searches over a whole document."""
    return _DROP.sub("", unicodedata.normalize("NFKC", text))
