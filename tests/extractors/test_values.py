"""The value grammar: what reports print, round-tripped with hypothesis; both halves agree."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors import NotANumber, is_blank, is_value_token, parse_number

FULLWIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")


@given(st.integers(min_value=0, max_value=10**9))
def test_integers_round_trip_in_every_printing(n: int) -> None:
    for text in (str(n), f"{n:,}", str(n).translate(FULLWIDTH), f"{n}件", f" {n} "):
        assert parse_number(text) == n


@given(st.decimals(min_value=0, max_value=10**6, places=4, allow_nan=False))
def test_decimals_round_trip(d: object) -> None:
    assert parse_number(str(d)) == pytest.approx(float(str(d)))


@given(st.integers(min_value=0, max_value=10**8))
def test_yuan_amounts_become_10k_yuan(n: int) -> None:
    assert parse_number(f"{n}元", "10k_yuan") == pytest.approx(n / 10000)
    assert parse_number(f"{n}万元", "10k_yuan") == n
    assert parse_number(f"{n}元") == n  # outside a 万元 column the number stays as printed


@pytest.mark.parametrize("blank", ["", " ", "/", "／", "-", "－", "—", "——", "无", "\\"])
def test_blank_markers_are_none(blank: str) -> None:
    assert parse_number(blank) is None


@pytest.mark.parametrize("text,value", [("-2", -2.0), ("+3", 3.0), ("－1", -1.0), ("0.0000", 0.0),
                                         ("12.5万元", 12.5), ("１，２３４", 1234.0)])
def test_signed_and_formatted(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["abc", "12abc", "1.2.3", "三"])
def test_not_a_number(text: str) -> None:
    with pytest.raises(NotANumber):
        parse_number(text)


@given(st.text(alphabet="0123456789０１２３４５６７８９,.，．+-－/—无空元万件宗条%＊*① \\abc", max_size=8))
def test_a_value_token_is_exactly_what_parses(text: str) -> None:
    """One grammar: the splitter's value tokens are the parser's numbers and blanks."""
    if not text.strip():
        assert not is_value_token(text) and is_blank(text)
        return
    try:
        parse_number(text)
        parses = True
    except NotANumber:
        parses = False
    assert is_value_token(text) == parses


@pytest.mark.parametrize("text, value", [("3宗", 3.0), ("空", None), ("12*", 12.0), ("12①", 12.0),
                                          ("－2", -2.0), ("+3", 3.0), ("0.0000", 0.0)])
def test_tokens_the_two_halves_used_to_disagree_on(text: str, value: float | None) -> None:
    assert is_value_token(text)
    assert parse_number(text) == value


def test_a_traditional_mirrors_units_are_units() -> None:
    """`6條`, `0萬元` in a Traditional mirror (the extractor splits cells before recovery turns
    the text simplified): values, so `行政許可 6條` is a label and a value. A cut-off mirror
    had been dropped as other_format (sweep text-990500068)."""
    from extractors import is_value_token, parse_number

    assert is_value_token("6條") and is_value_token("377條") and is_value_token("3個")
    assert parse_number("12.5萬元", unit="10k_yuan") == 12.5
    assert parse_number("251000元", unit="10k_yuan") == 25.1
