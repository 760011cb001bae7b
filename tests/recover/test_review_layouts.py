"""The review / litigation table as some reports print it: a labelled row per body, not one wide row."""

from __future__ import annotations

from pathlib import Path

import pipeline
from conftest import FIXTURES
from synthetic.report import Report, make_report
from synthetic.text import render_text

ROWS = """四、政府信息公开行政复议、行政诉讼情况

项目 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
行政复议 | 2 | 1 | 0 | 0 | 3 |
行政诉讼（未经复议直接起诉） | 0 | 1 | 0 | 0 | 1 |
行政诉讼（复议后起诉） | 1 | 0 | 0 | 1 | 2 |

"""


def test_review_table_with_a_row_per_body(tmp_path: Path) -> None:
    seed = (FIXTURES / "seed" / "000_02079d63849b484b.txt").read_text(encoding="utf-8")
    start, end = seed.index("四、政府信息公开行政复议、行政诉讼情况\n"), seed.index("五、存在的主要问题")
    path = tmp_path / "rows.txt"
    path.write_text(seed[:start] + ROWS + seed[end:], encoding="utf-8")
    result = pipeline.extract_file(path)
    assert result.document["status"] == "ok", result.document["error"]
    got = {(f["row"], f["column"]): f["value"] for f in result.fact_rows if f["table"] == "review_litigation"}
    assert got == {
        ("review", "upheld"): 2, ("review", "corrected"): 1, ("review", "other"): 0,
        ("review", "pending"): 0, ("review", "total"): 3,
        ("litigation_direct", "upheld"): 0, ("litigation_direct", "corrected"): 1,
        ("litigation_direct", "other"): 0, ("litigation_direct", "pending"): 0,
        ("litigation_direct", "total"): 1,
        ("litigation_after_review", "upheld"): 1, ("litigation_after_review", "corrected"): 0,
        ("litigation_after_review", "other"): 0, ("litigation_after_review", "pending"): 1,
        ("litigation_after_review", "total"): 2,
    }
    assert all(c["ok"] for c in result.check_rows if c["check"].startswith("review_litigation"))


def _review_with_blanks() -> Report:
    """A report whose review row prints blanks: 复议's 其他结果 and all of 复议后起诉."""
    report = make_report(5, "2021")
    values = {"review": ("2", "0", "", "1", "3"), "litigation_direct": ("0", "1", "0", "0", "1"),
              "litigation_after_review": ("", "", "", "", "")}
    for body, cells in values.items():
        for col, v in zip(("upheld", "corrected", "other", "pending", "total"), cells):
            report.values[("review_litigation", body, col)] = v
    return report


def _review(result: pipeline.Result) -> dict[tuple[str, str], float | None]:
    return {(f["row"], f["column"]): f["value"] for f in result.fact_rows if f["table"] == "review_litigation"}


def test_layout_dump_places_a_review_row_with_blanks_under_its_outcome_headers(tmp_path: Path) -> None:
    # `pdftotext -layout`: the blank cells are spaces, the values stand under 结果维持 … 总计
    path = tmp_path / "layout.txt"
    path.write_text(render_text(_review_with_blanks(), "layout"), encoding="utf-8")
    result = pipeline.extract_file(path)
    assert result.document["status"] == "ok", result.document["error"]
    assert _review(result) == {
        ("review", "upheld"): 2, ("review", "corrected"): 0, ("review", "other"): None,
        ("review", "pending"): 1, ("review", "total"): 3,
        ("litigation_direct", "upheld"): 0, ("litigation_direct", "corrected"): 1,
        ("litigation_direct", "other"): 0, ("litigation_direct", "pending"): 0,
        ("litigation_direct", "total"): 1,
        ("litigation_after_review", "upheld"): None, ("litigation_after_review", "corrected"): None,
        ("litigation_after_review", "other"): None, ("litigation_after_review", "pending"): None,
        ("litigation_after_review", "total"): None,
    }


def test_the_same_row_parted_by_spaces_alone_is_reported_not_placed(tmp_path: Path) -> None:
    # runs of 2-4 spaces between cells: no columns kept, nine values for fifteen cells
    path = tmp_path / "spaces.txt"
    path.write_text(render_text(_review_with_blanks(), "spaces"), encoding="utf-8")
    result = pipeline.extract_file(path)
    assert _review(result) == {}
    assert result.document["status"] == "partial"
    assert "review" in result.document["error"]
