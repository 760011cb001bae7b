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
