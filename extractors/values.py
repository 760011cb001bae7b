"""The value grammar: what a printed statistical value looks like, once for both halves.

A cell of a statistics table prints a number (`12`, `１２`, `1,234`, `+3`, `-2`,
`0.0000`, `251000元`, `12.5万元`, `3宗`), a blank marker (empty, `/`, `—`, `-`, `－`,
`无`, `空`, `\\`) or a footnote-marked number (`12*`, `12①`). Extractors use
`is_value_token` to split flattened lines into label and value cells; the pipeline
uses `parse_number` to read them. Both answer from the same grammar, so a token
is a value to one exactly when it is a value to the other.

    >>> parse_number("２５1,000元", unit="10k_yuan")
    25.1
    >>> parse_number("—") is None, is_value_token("3宗"), is_value_token("空")
    (True, True, True)
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Count and money units printed inside cells; longest first so 人次 wins over 次.
UNITS = ("亿元", "万元", "人次", "元", "件", "条", "个", "次", "项", "宗", "份", "家", "%")
_TRADITIONAL_UNITS = str.maketrans("條個項萬億", "条个项万亿")  # a Traditional mirror's units (`6條`, `0萬元`)
# Blank markers after NFKC and whitespace removal (lower case for the Latin ones).
BLANKS = frozenset({"", "/", "-", "—", "——", "–", "─", "无", "無", "空", "\\", "—/—", "null", "none",
                    "n/a", "na"})  # 無: a Traditional mirror's 无
_BLANK_RUN = re.compile(r"[-—–─/\\]+")
# Footnote marks after a number (`12*`, `12①`): stripped before NFKC, which would turn ① into 1.
_FOOTNOTE = re.compile(r"(?<=[0-9０-９])[*＊※\u2460-\u2473\u2776-\u277f]+$")
_NUMBER = re.compile(
    r"^(?P<sign>[+\-])?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"(?P<unit>" + "|".join(UNITS) + r")?$"
)
_SCALE_TO_10K_YUAN = {"亿元": 10000.0, "万元": 1.0, "元": 0.0001}


# A cell OCR saw ink in but could not read surely: a value token that is no number. It keeps
# the cell's place among the row's values; its value is never guessed.
UNSURE = "\ufffd"


class NotANumber(ValueError):
    """A statistical cell whose text is neither a number nor a blank marker."""


@lru_cache(maxsize=16384)
def clean(raw: str) -> str:
    """NFKC, footnote marks and spaces dropped, Chinese decimal point and comma unified."""
    text = _FOOTNOTE.sub("", raw.strip())
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("，", ",").replace("。", ".").replace("．", ".").replace("－", "-")
    return re.sub(r"\s+", "", text.translate(_TRADITIONAL_UNITS))


def _is_blank(text: str) -> bool:
    return text.lower() in BLANKS or bool(_BLANK_RUN.fullmatch(text))


@lru_cache(maxsize=16384)
def is_value_token(text: str) -> bool:
    """True for a number as printed in a statistical cell, or a blank marker (not empty text)."""
    if not text.strip():
        return False
    if text == UNSURE:
        return True
    cleaned = clean(text)
    return _is_blank(cleaned) or _NUMBER.match(cleaned) is not None


def is_unit(text: str) -> bool:
    """True for a unit printed alone (`件`, `万元`): the rest of a value wrapped in a narrow cell."""
    return clean(text) in UNITS


def is_blank(text: str) -> bool:
    """True for an empty cell or a blank marker (`/`, `—`, `无` …): a known blank, not a zero."""
    return _is_blank(clean(text))


@lru_cache(maxsize=16384)
def parse_number(raw: str, unit: str | None = None) -> float | None:
    """The value of a printed cell, None for a blank; raises NotANumber for anything else.

    `unit="10k_yuan"` converts amounts written in 元 or 亿元 into 万元, the unit of
    the column (`251000元` in 本年收费金额（单位：万元） is 25.1).
    """
    text = clean(raw)
    if _is_blank(text):
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
