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
                "requests": ("applications", "review_litigation")}


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
