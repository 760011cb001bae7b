"""Traditional-Chinese mirrors of mainland reports read as the simplified template."""

from __future__ import annotations

from pathlib import Path

import pytest

import pipeline
from pipeline.recover.script import is_traditional
from synthetic.html_pages import render
from synthetic.report import make_report
from synthetic.text import render_text
from synthetic.traditional import to_traditional


@pytest.mark.parametrize("kind", ["html", "text"])
@pytest.mark.parametrize("fmt", ["2021", "2019"])
def test_a_traditional_mirror_reads_as_its_original(tmp_path: Path, kind: str, fmt: str) -> None:
    report = make_report(31, fmt)
    if kind == "html":
        page = render(report, "cms").data.decode("utf-8")
        path = tmp_path / "mirror.html"
    else:
        page = render_text(report, "tabs")
        path = tmp_path / "mirror.txt"
    mirrored = to_traditional(page, phrases=True)
    assert "資訊公開" in mirrored and is_traditional(mirrored)
    path.write_text(mirrored, encoding="utf-8")
    result = pipeline.extract_file(path)
    assert result.document["status"] == "ok", result.document["error"]
    assert result.document["report_format"] == fmt
    assert result.document["year"] == report.year
    assert result.document["agency"] == report.agency
    got = {(f["table"], f["row"], f["column"]): f["value"] for f in result.fact_rows}
    assert got == report.truth


def test_simplified_text_is_not_taken_for_a_mirror() -> None:
    text = render_text(make_report(3, "2021"), "tabs")
    assert not is_traditional(text)


def test_every_template_label_comes_back_from_traditional_as_printed() -> None:
    """OpenCC's tw2sp turns Taiwan 文件 into 文档 and 查詢 into 查找: the labels must survive
    a mirror written with Taiwan phrasing (s2twp) or without (s2t)."""
    import opencc

    from pipeline.recover.script import to_simplified
    from pipeline.templates import read_csv

    labels = {w for k in read_csv("keys.csv") for f in ("table_zh", "row_zh", "column_zh") for w in k[f].split()}
    for config in ("s2twp", "s2t"):
        mirror = opencc.OpenCC(config).convert
        assert [w for w in sorted(labels) if to_simplified(mirror(w)) != w] == [], config
