"""Number parsing: what reports print, round-tripped with hypothesis."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.numbers import NotANumber, parse_number

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
