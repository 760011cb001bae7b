"""Values placed under their columns by position (space-aligned text), and only when clear."""

from __future__ import annotations

from pathlib import Path

import pipeline

HEADER = "信息内容            本年制发件数    本年废止件数    现行有效件数"


def _read(tmp_path: Path, rows: list[str]) -> pipeline.DocumentResult:
    from conftest import FIXTURES

    seed = (FIXTURES / "seed" / "000_02079d63849b484b.txt").read_text(encoding="utf-8")
    start = seed.index("第二十条第(一)项")
    end = seed.index("第二十条第(五)项")
    table = "第二十条第(一)项\n" + HEADER + "\n" + "\n".join(rows) + "\n"
    path = tmp_path / "r.txt"
    path.write_text(seed[:start] + table + seed[end:], encoding="utf-8")
    return pipeline.extract_file(path)


def test_blank_cell_in_aligned_columns_is_placed_by_position(tmp_path: Path) -> None:
    result = _read(tmp_path, ["规章                    0               1               2",
                              "行政规范性文件          3                               5"])
    assert result.document["status"] == "ok", result.document["error"]
    assert [result.value("proactive_rules", "normative_docs", c) for c in ("issued", "repealed", "in_force")] == [
        3.0, None, 5.0]


def test_a_value_between_two_columns_is_not_placed(tmp_path: Path) -> None:
    result = _read(tmp_path, ["规章                    0               1               2",
                              "行政规范性文件          3       5"])
    doc = result.document
    assert doc["status"] == "partial"
    assert "proactive_rules.normative_docs (2 values for 3 columns)" in doc["error"]
    assert result.value("proactive_rules", "normative_docs", "issued") is None
