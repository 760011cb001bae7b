"""Rows whose blanks left no trace, placed by the request table's own sums, and only when they leave one reading."""

from __future__ import annotations

from pathlib import Path

import pipeline
from synthetic.report import APPLICANT_COLS, Report, make_report
from synthetic.text import render_text

T = "applications"
COLS = APPLICANT_COLS + ("total",)
OUTCOMES = ("granted", "partially_granted", "denied_state_secret", "denied_law_prohibited",
            "denied_security_stability", "denied_third_party", "denied_internal_affairs",
            "denied_process_info", "denied_enforcement_file", "denied_admin_query",
            "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear",
            "rejected_petition", "rejected_duplicate", "rejected_publication",
            "rejected_mass_repeat", "rejected_confirmation", "other_no_correction",
            "other_unpaid_fee", "other_other")


def _set_row(report: Report, row: str, values: dict[str, int]) -> None:
    """Give a request row these counts, every other cell printed blank, and keep the sums."""
    for col in COLS:
        report.values[(T, row, col)] = ""
    for col, v in values.items():
        report.values[(T, row, col)] = str(v)
    report.values[(T, row, "total")] = str(sum(values.values()))
    for col in COLS:
        done = sum(int(report.values[(T, r, col)] or 0) for r in OUTCOMES)
        report.values[(T, "results_total", col)] = str(done)
        report.values[(T, "carried_over", col)] = "0"
        report.values[(T, "carried_forward", col)] = "0"
        report.values[(T, "new", col)] = str(done)


def _write(tmp_path: Path, report: Report) -> Path:
    path = tmp_path / "report.txt"
    path.write_text(render_text(report, "spaces"), encoding="utf-8")  # blanks vanish
    return path


def _row(result: pipeline.Result, row: str) -> dict[str, str]:
    return {f["column"]: f["raw"] for f in result.fact_rows if f["table"] == T and f["row"] == row}


def test_a_row_printing_only_its_counts_is_placed_by_the_column_sums(tmp_path: Path) -> None:
    report = make_report(41, "2021")
    _set_row(report, "denied_third_party", {"business": 4, "legal_service": 2})  # prints `4 2 6`
    result = pipeline.extract_file(_write(tmp_path, report))
    assert result.document["status"] == "ok", result.document["error"]
    assert _row(result, "denied_third_party") == {
        "natural_person": "", "business": "4", "research": "", "social_org": "",
        "legal_service": "2", "other_org": "", "total": "6"}
    assert all(c["ok"] for c in result.check_rows)


def test_sums_that_do_not_add_up_place_nothing(tmp_path: Path) -> None:
    report = make_report(41, "2021")
    _set_row(report, "denied_third_party", {"business": 4, "legal_service": 2})
    report.values[(T, "results_total", "legal_service")] = str(
        int(report.values[(T, "results_total", "legal_service")]) + 1)  # the report's own slip
    result = pipeline.extract_file(_write(tmp_path, report))
    assert result.document["status"] == "partial"
    assert "applications.denied_third_party (3 values for 7 columns)" in result.document["error"]
    assert _row(result, "denied_third_party") == {}


def test_two_rows_the_sums_cannot_tell_apart_stay_unplaced(tmp_path: Path) -> None:
    report = make_report(41, "2021")
    _set_row(report, "denied_third_party", {"natural_person": 3})  # prints `3 3`
    _set_row(report, "denied_internal_affairs", {"business": 3})  # prints `3 3` too
    result = pipeline.extract_file(_write(tmp_path, report))
    # either row's 3 may stand under 自然人 and the other's under 商业企业: both readings add up
    assert result.document["status"] == "partial"
    for row in ("denied_third_party", "denied_internal_affairs"):
        assert f"applications.{row} (2 values for 7 columns)" in result.document["error"]
        assert _row(result, row) == {}


def test_zeros_beside_a_vanished_blank_are_left_open(tmp_path: Path) -> None:
    report = make_report(41, "2021")
    _set_row(report, "denied_third_party", {"business": 4, "legal_service": 2})
    report.values[(T, "denied_third_party", "natural_person")] = "0"  # prints `0 4 0 2 6`
    report.values[(T, "denied_third_party", "research")] = "0"
    result = pipeline.extract_file(_write(tmp_path, report))
    # 4 and 2 stand where the sums say; the 0 between them is 科研机构's or 社会公益组织's,
    # the other printed nothing: those two cells are reported, the rest placed
    assert _row(result, "denied_third_party") == {
        "natural_person": "0", "business": "4", "legal_service": "2", "other_org": "", "total": "6"}
    assert result.document["status"] == "partial"
    assert ("applications.denied_third_party (2 of 7 cells: 0 or blank, the text does not say which)"
            in result.document["error"])
