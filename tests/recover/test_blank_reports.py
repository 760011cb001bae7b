"""A report is recognised by its labels, not its values: tables printed blank are tables fully read.

Small bodies received no request and print their tables with empty cells (or `/`,
`—`, `无` mixed). Real grids (Word tables, HTML tables, PDFs of them) show every blank
cell, so every canonical cell is present, as null, and the report is `ok`.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import pipeline
from synthetic import docx as synthetic_docx
from synthetic.html_pages import render
from synthetic.report import make_report

BLANK_TABLES = {"all": ("applications", "review_litigation", "proactive_rules", "proactive_licensing",
                        "proactive_enforcement", "proactive_fees", "proactive_procurement"),
                "requests": ("applications", "review_litigation"), "applications": ("applications",)}


def _blank(fmt: str, which: str, markers: tuple[str, ...], seed: int = 7) -> object:
    report = make_report(seed, fmt)
    rng = random.Random(seed)
    for key in report.values:
        if key[0] in BLANK_TABLES[which] or which == "all":
            report.values[key] = rng.choice(markers)
            report.truth[key] = None
    return report


def _write(report: object, kind: str, path: Path) -> Path:
    if kind == "docx":
        synthetic_docx.render(report, path)  # type: ignore[arg-type]
    else:
        path.write_bytes(render(report, "cms").data)  # type: ignore[arg-type]
    return path


@pytest.mark.parametrize("kind", ["docx", "html"])
@pytest.mark.parametrize("fmt", ["2021", "2019"])
@pytest.mark.parametrize("which, markers", [("all", ("",)), ("requests", ("",)),
                                            ("requests", ("", "/", "—", "无", "-"))])
def test_a_blank_report_is_read_whole(tmp_path: Path, kind: str, fmt: str, which: str,
                                      markers: tuple[str, ...]) -> None:
    report = _blank(fmt, which, markers)
    result = pipeline.extract_file(_write(report, kind, tmp_path / f"blank.{kind}"))
    assert result.document["status"] == "ok", result.document["error"]
    assert result.document["report_format"] == fmt
    got = {(f["table"], f["row"], f["column"]): f["value"] for f in result.fact_rows}
    assert got == report.truth  # type: ignore[attr-defined]
    assert all(got[k] is None for k in got if k[0] in BLANK_TABLES[which])


@pytest.mark.parametrize("fmt", ["2021", "2019"])
@pytest.mark.parametrize("style", ["layout", "spaces", "single", "nbsp", "tabs", "pipes"])
def test_blank_request_and_review_tables_in_flattened_text_are_read_whole(tmp_path: Path, fmt: str,
                                                                         style: str) -> None:
    """Where the other tables print values on their labels' lines, a request table of labels
    alone is a table of blanks; a review table printing its outcome header and no data row
    (or a row of empty cells) is its one row of 15 blanks."""
    from synthetic.text import render_text

    report = _blank(fmt, "requests", ("",))
    path = tmp_path / "blank.txt"
    path.write_text(render_text(report, style, seed=3), "utf-8")  # type: ignore[arg-type]
    result = pipeline.extract_file(path)
    assert result.document["status"] == "ok", result.document["error"]
    got = {(f["table"], f["row"], f["column"]): f["value"] for f in result.fact_rows}
    assert got == report.truth  # type: ignore[attr-defined]


def test_a_label_alone_where_values_follow_elsewhere_is_not_read_blank(tmp_path: Path) -> None:
    """Column-wise dumps print labels, then values: there a label alone is not a blank row."""
    lines = ["规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "一、本年新收政府信息公开申请数量",
             "二、上年结转政府信息公开申请数量", "（一）予以公开", "（七）总计", "四、结转下年度继续办理"]
    path = tmp_path / "columnwise.txt"
    path.write_text("\n".join(lines + ["3", "4", "5", "6"]) + "\n", "utf-8")
    result = pipeline.extract_file(path)
    assert not [f for f in result.fact_rows if f["table"] == "applications"]


def test_bare_page_numbers_between_the_labels_of_a_blank_table_leave_the_others_blank() -> None:
    """`一、本年新收…` / `二、上年结转…` / `（二）部分公开…` / `8` / …: the lone 8 is no evidence
    that values are printed on lines of their own; the labels with nothing after them are
    rows of blanks, the one before the 8 is reported."""
    from pipeline.recover.lines import Line, raw_rows

    texts = ["规章 1 2 3", "行政规范性文件 1 2 3", "行政许可 4", "行政处罚 5", "行政强制 6",
             "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（一）予以公开", "8",
             "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（七）总计"]
    lines = [Line(tuple(t.split(" ")), 0, None, False) for t in texts]
    rows = raw_rows(lines)
    assert all(r.inline for r in rows)
    assert [r.bare for r in rows if r.labels[0].startswith(("一、", "二、", "（一）", "（二）"))] == [
        True, True, False, True]


@pytest.mark.parametrize("fmt", ["2021", "2019"])
@pytest.mark.parametrize("style", ["cells", "single", "spaces"])
def test_a_blank_request_table_whose_labels_run_into_the_next_part_is_read_whole(
        tmp_path: Path, fmt: str, style: str) -> None:
    """One cell per line, a blank cell leaves nothing: the request table is its labels alone,
    running into `四、…行政复议、行政诉讼情况` with no value between. Every cell is a blank;
    the review table after it keeps its values."""
    from synthetic.text import render_text

    report = _blank(fmt, "applications", ("",))
    text = render_text(report, style, seed=5)  # type: ignore[arg-type]
    assert "行政复议、行政诉讼情况" in text
    path = tmp_path / "blank.txt"
    path.write_text(text, "utf-8")
    result = pipeline.extract_file(path)
    assert result.document["status"] == "ok", result.document["error"]
    got = {(f["table"], f["row"], f["column"]): f["value"] for f in result.fact_rows}
    assert got == report.truth  # type: ignore[attr-defined]


def test_the_review_tables_last_row_printed_blank_before_the_next_part_is_read(tmp_path: Path) -> None:
    """One cell per line, the review table in three rows: `复议后起诉` printed blank leaves its
    label alone, then `五、存在的主要问题及改进情况` (sweep text-8888003). Nothing can hold its
    values: it is a row of blanks. The same line at the end of a cut-off text is not."""
    from synthetic.sweep import make_case

    case = make_case(8888003, "text", tmp_path)
    text = case.path.read_text("utf-8")
    assert "复　议　后　起　诉\n\n五、存在的主要问题" in text
    result = pipeline.extract_file(case.path)
    assert result.document["status"] == "ok", result.document["error"]
    got = {(f["table"], f["row"], f["column"]): f["value"] for f in result.fact_rows}
    assert {k: got.get(k, "missing") for k in case.cells if k[0] == "review_litigation"} == {
        k: v for k, v in case.cells.items() if k[0] == "review_litigation"}
    cut = tmp_path / "cut.txt"
    cut.write_text(text[:text.index("五、存在的主要问题")], "utf-8")
    doc = pipeline.extract_file(cut).document
    assert doc["status"] == "partial" and "review_litigation.litigation_after_review" in doc["error"]



@pytest.mark.parametrize("seed", [3100075, 3100141])
def test_a_blank_request_tables_header_repeated_after_a_page_break_is_no_row(tmp_path: Path, seed: int) -> None:
    """Blank request tables broken over a page, their header printed again: `商业企业 科研机构
    … 其它` on one tab line (seed 3100075), `总计` one word per line between 法人或其他组织 and
    商业企业 (3100141). The header is no request row, though `其它` reads as 3.其他 and `总计`
    as （七）总计 (each had given 7 cells the report does not print)."""
    from bench.sweep_score import score
    from synthetic.sweep import make_case

    case = make_case(seed, "text", tmp_path)
    assert {"blank_requests", "header_repeated"} <= set(case.phenomena)
    result = pipeline.extract_file(case.path)
    got = score(case, result.document, list(result.fact_rows))
    assert not got.wrong  # a cell read that the report does not print is wrong too


def test_values_glued_into_a_label_cell_make_no_row_of_blanks(tmp_path: Path) -> None:
    """A tight print joins a row's values to its label cell (`行政事业性收费 251.08`, or `— 1件`
    in the label's second cell): the grid cells beside them are empty, but that says nothing
    of where the values stood. The row is reported missing, never read blank (round 3,
    Chromium prints: 3 wrong cells)."""
    import docx

    report = make_report(5, "2021")
    path = tmp_path / "glued.docx"
    synthetic_docx.render(report, path)
    document = docx.Document(str(path))
    for table in document.tables:
        for row in table.rows:
            cells = list(dict.fromkeys(row.cells))  # merged cells appear once
            if cells[0].text == "行政事业性收费":
                cells[0].text = "行政事业性收费 " + cells[1].text
                cells[1].text = ""
    document.save(str(path))
    result = pipeline.extract_file(path)
    got = {(f["table"], f["row"]) for f in result.fact_rows}
    assert ("proactive_fees", "fees") not in got
    assert "fees" in result.document["error"]
