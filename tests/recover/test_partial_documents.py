"""Partial documents: a crawl cut off, one page of a paginated report. Every printed cell, nothing invented."""

from __future__ import annotations

from pathlib import Path

import pipeline
from synthetic.report import make_report
from synthetic.text import render_text


def _cut(text: str, marker: str, keep_lines_after: int) -> str:
    lines = text.splitlines()
    at = next(i for i, ln in enumerate(lines) if marker in ln)
    return "\n".join(lines[:at + keep_lines_after]) + "\n"


def test_a_crawl_cut_off_after_the_first_tables_is_partial_with_what_it_prints(tmp_path: Path) -> None:
    report = make_report(41, "2021")
    text = _cut(render_text(report, "tabs"), "三、收到和处理政府信息公开申请情况", 0)
    path = tmp_path / "cut.txt"
    path.write_text(text, encoding="utf-8")
    result = pipeline.extract_file(path)
    doc = result.document
    assert (doc["status"], doc["report_format"]) == ("partial", "2021")
    assert doc["error"] == "no request table, no review/litigation table"
    got = {(f["table"], f["row"], f["column"]): f["value"] for f in result.fact_rows}
    assert got == {k: v for k, v in report.truth.items() if k[0].startswith("proactive")}


def test_one_page_holding_only_the_start_of_the_request_table(tmp_path: Path) -> None:
    """No 第二十条 header words: the applicant columns only national reports print decide."""
    report = make_report(42, "2021")
    full = render_text(report, "tabs")
    start = full.index("三、收到和处理政府信息公开申请情况")
    text = _cut(full[start:], "（二）部分公开", 1)
    path = tmp_path / "page2.txt"
    path.write_text(text, encoding="utf-8")
    result = pipeline.extract_file(path)
    doc = result.document
    assert doc["status"] == "partial" and doc["report_format"] == "2021"
    assert doc["error"].startswith("no 第二十条 rules table")
    got = {(f["table"], f["row"], f["column"]): f["value"] for f in result.fact_rows}
    rows = {"new", "carried_over", "granted", "partially_granted"}
    assert got == {k: v for k, v in report.truth.items() if k[0] == "applications" and k[1] in rows}
