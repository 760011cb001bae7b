"""Every text fixture (tests/fixtures/text, made by make_fixtures.py): every cell, status, checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import pipeline
from conftest import FIXTURES, cell_differences, facts_by_key, read_truth

TEXT = FIXTURES / "text"
NAMES = sorted(p.name.removesuffix(".expected.json") for p in TEXT.glob("*.expected.json"))


def test_fixture_set_is_complete() -> None:
    assert len(NAMES) >= 12
    for name in NAMES:
        assert (TEXT / f"{name}.txt").exists() and (TEXT / f"{name}.truth.csv").exists()
    formats = {json.loads((TEXT / f"{n}.expected.json").read_text())["report_format"] for n in NAMES}
    assert formats == {"2019", "2021"}


@pytest.mark.parametrize("name", NAMES)
def test_text_fixture(name: str) -> None:
    expected = json.loads((TEXT / f"{name}.expected.json").read_text(encoding="utf-8"))
    truth = read_truth(TEXT / f"{name}.truth.csv")
    result = pipeline.extract_file(TEXT / f"{name}.txt")
    doc = result.document
    absent = set(expected["absent_rows"])  # rows no rule can place whole: reported, not filled
    got = facts_by_key(result)
    # their cells that the table's sums do place must be right
    want = {k: v for k, v in truth.items() if f"{k[0]}.{k[1]}" not in absent or k in got}
    assert cell_differences(want, got) == []
    assert doc["status"] == expected["status"], doc["error"]
    assert doc["format"] == "text"
    assert doc["report_format"] == expected["report_format"]
    assert (doc["agency"], doc["year"], doc["title"]) == (
        expected["agency"], expected["year"], expected["title"])
    failed = sorted(c["check"] for c in result.check_rows if not c["ok"])
    assert failed == sorted(expected["failed_checks"])
    assert doc["n_check_failures"] == len(failed)
    for fragment in expected["error_contains"]:
        assert fragment in doc["error"]
    for row in absent:
        assert row in doc["error"], f"{row} not reported in {doc['error']!r}"
    if expected["status"] == "ok":
        assert doc["error"] is None


def test_inconsistent_totals_kept_as_printed() -> None:
    """A wrong printed total is data: it stays as printed and its checks fail."""
    result = pipeline.extract_file(TEXT / "tabs_inconsistent_totals_2021.txt")
    truth = read_truth(TEXT / "tabs_inconsistent_totals_2021.truth.csv")
    key = ("applications", "results_total", "total")
    assert result.value(*key) == truth[key]
    check = next(c for c in result.check_rows if c["check"] == "applications.outcomes.total")
    assert check["ok"] is False and check["expected"] == check["actual"] + 1


def test_units_are_converted_to_the_columns_unit() -> None:
    """`251000元` in 本年收费金额（单位：万元） reads as 25.1; `raw` keeps what was printed."""
    result = pipeline.extract_file(TEXT / "pipes_units_commas_2021.txt")
    fee = next(f for f in result.fact_rows if f["column"] == "amount_10k_yuan")
    assert fee["raw"].endswith("元")
    truth = read_truth(TEXT / "pipes_units_commas_2021.truth.csv")
    assert fee["value"] == truth[("proactive_fees", "fees", "amount_10k_yuan")]


def test_undivided_other_row_is_not_forced_into_a_2021_key() -> None:
    result = pipeline.extract_file(TEXT / "undivided_other_row_2021.txt")
    rows = {f["row"] for f in result.fact_rows}
    assert not rows & {"other_no_correction", "other_unpaid_fee", "other_other", "other"}
    assert all(c["ok"] for c in result.check_rows)  # its values still count in the outcome sums
    assert any(c["check"] == "applications.outcomes.total" for c in result.check_rows)


@pytest.mark.parametrize("path", sorted(TEXT.glob("*.txt")))
def test_pipeline_is_deterministic(path: Path) -> None:
    a, b = pipeline.extract_file(path), pipeline.extract_file(path)
    assert a.fact_rows == b.fact_rows and a.check_rows == b.check_rows
