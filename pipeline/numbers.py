"""Numbers as reports print them: full-width digits, thousands separators, units, blanks.

`parse_number("２５1,000元", unit="10k_yuan")` -> 25.1. Blank markers (`/`, `—`, `-`,
`无`, empty) read as None: a blank is not a zero, and facts keep the difference.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

BLANKS = frozenset({"", "/", "／", "-", "－", "—", "——", "–", "─", "无", "空", "null", "none",
                    "n/a", "na", "—/—", "\\"})
_NUMBER = re.compile(
    r"^(?P<sign>[+\-])?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"(?P<unit>亿元|万元|元|件|条|个|次|人次|项|宗|份|家|%)?$"
)
_SCALE_TO_10K_YUAN = {"亿元": 10000.0, "万元": 1.0, "元": 0.0001}


class NotANumber(ValueError):
    """A statistical cell whose text is neither a number nor a blank marker."""


def clean(raw: str) -> str:
    """NFKC, no spaces, Chinese decimal point and comma unified."""
    text = unicodedata.normalize("NFKC", raw)
    text = text.replace("，", ",").replace("。", ".").replace("．", ".")
    return re.sub(r"\s+", "", text)


@lru_cache(maxsize=4096)
def parse_number(raw: str, unit: str | None = None) -> float | None:
    """The value of a printed cell, None for a blank; raises NotANumber for anything else.

    `unit="10k_yuan"` converts amounts written in 元 or 亿元 into 万元, the unit of
    the column (`251000元` in 本年收费金额（单位：万元） is 25.1).
    """
    text = clean(raw)
    if text.lower() in BLANKS or re.fullmatch(r"[-—/\\]+", text):
        return None
    m = _NUMBER.match(text)
    if m is None:
        raise NotANumber(raw)
    value = float(m.group("num").replace(",", ""))
    if m.group("sign") == "-":
        value = -value
    if unit == "10k_yuan" and m.group("unit") in _SCALE_TO_10K_YUAN:
        value = round(value * _SCALE_TO_10K_YUAN[m.group("unit")], 6)
    return value
