"""Dumps that keep every cell, empty or not (tabs, pipes, one cell per line with empty cells
shown): a row the count alone leaves ambiguous is read from how its table prints the others."""

from __future__ import annotations

import re
from pathlib import Path

import pipeline
from conftest import FIXTURES
from synthetic.report import APPLICANT_COLS, Report, make_report
from synthetic.text import render_text

T = "applications"
COLS = APPLICANT_COLS + ("total",)


def _row(result: pipeline.Result, row: str) -> dict[str, str]:
    return {f["column"]: f["raw"] for f in result.fact_rows if f["table"] == T and f["row"] == row}


def _blank_totals(report: Report, rows: tuple[str, ...]) -> Report:
    for row in rows:
        report.values[(T, row, "total")] = ""
    return report


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_tab_rows_with_a_merged_label_and_a_blank_total_are_read_from_the_lines_width(tmp_path: Path) -> None:
    # `一、本年新收…<tab><tab><tab>215<tab>…<tab>32<tab>`: trimmed from either end it reads as a
    # blank first value (total 32) or a blank total; the table's other lines, as wide, hold
    # their values in their last seven cells
    report = _blank_totals(make_report(7, "2021"), ("new", "partially_granted", "results_total"))
    zero = next(k for k, v in sorted(report.values.items()) if k[0] == T and k[2] == "research" and v == "0")
    report.values[zero] = ""  # an empty cell between values: the table's sums are not tried
    want = {row: {c: report.values[(T, row, c)] for c in COLS} for row in ("new", "partially_granted", "results_total")}
    result = pipeline.extract_file(_write(tmp_path, render_text(report, "tabs")))
    assert result.document["status"] == "ok", result.document["error"]
    for row, cells in want.items():
        assert _row(result, row) == cells, row


def test_lines_of_other_widths_give_no_evidence(tmp_path: Path) -> None:
    # Rows shifted left under an ended rowspan are narrower than the table's other lines: the
    # last-cells reading needs lines as wide as the rows placed by count
    report = _blank_totals(make_report(7, "2021"), ("new",))
    text = render_text(report, "tabs", {"shift"})
    lines = [ln.replace("\t", "", 1) if "\t" in ln and not ln.startswith("一、") else ln for ln in text.splitlines()]
    result = pipeline.extract_file(_write(tmp_path, "\n".join(lines) + "\n"))
    got = _row(result, "new")
    assert got in ({}, {c: report.values[(T, "new", c)] for c in COLS})  # never another reading


def _whole_row_off(report: Report) -> Report:
    """A row whose own total is off (printed as 2 where its cells add to 0)."""
    for c in COLS:
        report.values[(T, "carried_over", c)] = "0"
    report.values[(T, "carried_over", "total")] = "2"
    report.values[(T, "granted", "business")] = ""  # one empty cell shown elsewhere
    report.values[(T, "denied_state_secret", "research")] = ""
    return report


def test_one_cell_per_line_with_empty_cells_shown_keeps_a_row_that_does_not_add_up(tmp_path: Path) -> None:
    # In a dump whose rows show their empty cells (a lone `|`), no cell vanishes: seven cells
    # for seven columns are the row, whether or not its total adds up (the checks say so)
    report = _whole_row_off(make_report(7, "2021"))
    result = pipeline.extract_file(_write(tmp_path, render_text(report, "pipe_cells")))
    assert _row(result, "carried_over") == {c: report.values[(T, "carried_over", c)] for c in COLS}
    failed = [c["check"] for c in result.check_rows if not c["ok"]]
    assert failed, "the row's own sum fails, and the checks say so"


def test_without_a_shown_empty_cell_such_a_row_is_reported(tmp_path: Path) -> None:
    # One cell per line, no empty cell shown anywhere: a vanished blank and a page number
    # could make up the seven cells, so a row that does not add up is not placed
    report = _whole_row_off(make_report(7, "2021"))
    report.values[(T, "granted", "business")] = "0"
    report.values[(T, "denied_state_secret", "research")] = "0"
    result = pipeline.extract_file(_write(tmp_path, render_text(report, "cells")))
    assert _row(result, "carried_over") == {}
    assert "applications.carried_over" in result.document["error"]


def test_a_page_number_after_an_empty_last_cell_is_not_a_cell(tmp_path: Path) -> None:
    # `…`, `|`, `—`, `|`, (empty: the blank total), then `7` alone: no pipe before it, so it
    # belongs to no row; it is a page number
    report = _blank_totals(make_report(7, "2021"), ("rejected_duplicate",))
    text = render_text(report, "pipe_lines")
    lines = text.splitlines()
    at = next(i for i, ln in enumerate(lines) if ln.endswith("重复申请"))
    end = next(i for i in range(at + 1, len(lines)) if lines[i] == "" and lines[i - 1] == "|")
    lines.insert(end + 1, "7")
    result = pipeline.extract_file(_write(tmp_path, "\n".join(lines) + "\n"))
    assert _row(result, "rejected_duplicate") == {c: report.values[(T, "rejected_duplicate", c)] for c in COLS}


def test_a_row_short_of_a_cell_in_a_table_broken_by_a_stray_line_is_not_placed() -> None:
    # Found by the property test: a lone `12` line parts the table's last rows into a block too
    # short to show its width; the total row, one cell lost (`305 | 19 | …` for `305 | 421 |
    # 19 | …`), had been placed by count, 305 under 商业企业. It is narrower than the table.
    result = pipeline.extract_file(FIXTURES / "text_dumps" / "short_total_row_after_stray_line.txt")
    assert _row(result, "results_total") == {}
    assert "applications.results_total" in result.document["error"]


def test_one_cell_per_line_with_an_empty_line_for_each_blank_cell_is_read_whole(tmp_path: Path) -> None:
    # Crawlers dump HTML tables one cell per line, an empty line for an empty cell: the
    # empty lines are cells, though empty lines also part the paragraphs around the tables
    report = make_report(23, "2021")
    blanked = [k for k, v in sorted(report.values.items()) if v == "0"][::2]
    for key in blanked:
        report.values[key] = ""
    text = render_text(report, "empty_lines")
    assert "\n\n\n" in text  # two blank cells together
    result = pipeline.extract_file(_write(tmp_path, text))
    assert result.document["status"] == "ok", result.document["error"]
    got = {(f["table"], f["row"], f["column"]): f["raw"] for f in result.fact_rows}
    assert got == report.values


def test_a_sparse_table_one_cell_per_line_with_empty_lines_is_read_whole(tmp_path: Path) -> None:
    # Most cells blank: no row prints two values together, but two empty lines between two
    # values show cells (one empty line after every value would be line spacing)
    report = make_report(23, "2021")
    kept = {"natural_person", "total", "issued", "in_force", "corrected", "decisions", "amount_10k_yuan"}
    for key in report.values:
        if key[2] not in kept:
            report.values[key] = ""
    for row in {k[1] for k in report.values if k[0] == T}:
        report.values[(T, row, "total")] = report.values[(T, row, "natural_person")]
    text = render_text(report, "empty_lines")
    assert not re.search(r"^\d[\d.]*\n\d[\d.]*$", text, re.M)  # never two values together
    result = pipeline.extract_file(_write(tmp_path, text))
    got = {(f["table"], f["row"], f["column"]): f["raw"] for f in result.fact_rows}
    assert got == report.values, result.document["error"]
