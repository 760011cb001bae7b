"""Values placed under their columns by position (space-aligned text), and only when clear."""

from __future__ import annotations

from pathlib import Path

import pipeline
from synthetic.report import make_report
from synthetic.text import render_text

KEY = ("applications", "denied_third_party", "business")


def _layout_report(tmp_path: Path) -> tuple[Path, str]:
    """A report in monospaced layout with one blank cell; the printed line of its row."""
    report = make_report(31, "2021")
    report.values[KEY] = ""
    report.values[("applications", "denied_third_party", "total")] = str(
        sum(int(report.values[("applications", "denied_third_party", c)] or 0)
            for c in ("natural_person", "research", "social_org", "legal_service", "other_org")))
    path = tmp_path / "layout.txt"
    text = render_text(report, "layout")
    path.write_text(text, encoding="utf-8")
    line = next(x for x in text.splitlines() if "保护第三方合法权益" in x)
    return path, line


def test_blank_cell_in_aligned_columns_is_placed_by_position(tmp_path: Path) -> None:
    path, _ = _layout_report(tmp_path)
    result = pipeline.extract_file(path)
    assert result.document["status"] == "ok", result.document["error"]
    assert result.value(*KEY) is None
    assert result.value("applications", "denied_third_party", "natural_person") is not None


def test_a_value_between_two_columns_is_not_placed(tmp_path: Path) -> None:
    path, line = _layout_report(tmp_path)
    label_end = line.index("保护第三方合法权益") + len("保护第三方合法权益")
    values = line[label_end:].split()
    moved = line[:label_end] + " " * 40 + "   ".join(values)  # values slid half a column
    path.write_text(path.read_text(encoding="utf-8").replace(line, moved), encoding="utf-8")
    result = pipeline.extract_file(path)
    assert result.document["status"] == "partial"
    # Not by position; the table's sums then place what they can, and no cell wrongly:
    # of the zeros around the vanished blank, the text cannot say which is the blank.
    assert ("applications.denied_third_party (2 of 7 cells: 0 or blank, the text does not say which)"
            in result.document["error"])
    row = {f["column"]: f["raw"] for f in result.fact_rows if f["row"] == "denied_third_party"}
    report = make_report(31, "2021")
    assert len(row) == 5
    assert all(raw == report.values[("applications", "denied_third_party", col)] or
               (col == "business" and raw == "") for col, raw in row.items())


def test_one_complete_row_does_not_show_where_columns_stand(tmp_path: Path) -> None:
    from conftest import FIXTURES

    seed = (FIXTURES / "seed" / "000_02079d63849b484b.txt").read_text(encoding="utf-8")
    start, end = seed.index("第二十条第(一)项"), seed.index("第二十条第(五)项")
    table = ("第二十条第(一)项\n信息内容            本年制发件数    本年废止件数    现行有效件数\n"
             "规章                    0               1               2\n"
             "行政规范性文件          3                               5\n")
    path = tmp_path / "r.txt"
    path.write_text(seed[:start] + table + seed[end:], encoding="utf-8")
    doc = pipeline.extract_file(path).document
    assert doc["status"] == "partial"
    assert "proactive_rules.normative_docs (2 values for 3 columns)" in doc["error"]


def test_a_pipe_tables_header_merged_onto_one_line_keeps_the_national_order(tmp_path: Path) -> None:
    """`| 申请人情况 | 自然人 | 法人或其他组织 | 总计 | 商业企业 | … |`: the header's three rows
    merged onto one line put 总计 before 商业企业 at consecutive cells, but the group word beside
    its own columns shows that no word stands over its column (sweep text-3200182: 72 cells had
    gone one column off)."""
    report = make_report(41, "2021")
    path = tmp_path / "merged.txt"
    text = render_text(report, "pipes", {"merged_header"})
    assert "| 自然人 | 法人或其他组织 | 总计 | 商业企业 |" in text
    path.write_text(text, encoding="utf-8")
    result = pipeline.extract_file(path)
    got = {(f["table"], f["row"], f["column"]): f["raw"] for f in result.fact_rows if f["table"] == "applications"}
    want = {k: v for k, v in report.values.items() if k[0] == "applications"}
    assert got == want
