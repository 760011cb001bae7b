"""Labels clipped by a fixed row height (Word table -> PDF) still find their rows."""

from __future__ import annotations

from pathlib import Path

import pipeline
from conftest import cell_differences, facts_by_key
from synthetic.report import make_report
from synthetic.text import render_text


def test_clipped_long_labels_are_read_as_prefixes(tmp_path: Path) -> None:
    report = make_report(14, "2021")
    report.label_overrides.update({
        ("applications", "other_no_correction"): "（六）其他处 1.申请人无正当理由逾期",
        ("applications", "other_unpaid_fee"): "（六）其他处 2.申请人逾期未按收费通",
    })
    path = tmp_path / "clipped.txt"
    path.write_text(render_text(report, "tabs"), encoding="utf-8")
    result = pipeline.extract_file(path)
    assert result.document["status"] == "ok", result.document["error"]
    assert cell_differences(report.truth, facts_by_key(result)) == []


def test_a_short_fragment_is_not_taken_for_a_prefix(tmp_path: Path) -> None:
    """Below six characters a prefix says too little: the row is reported, not guessed."""
    report = make_report(15, "2021")
    report.label_overrides[("applications", "other_no_correction")] = "1.申请"
    path = tmp_path / "short.txt"
    path.write_text(render_text(report, "tabs"), encoding="utf-8")
    doc = pipeline.extract_file(path).document
    assert doc["status"] == "partial" and "applications.other_no_correction" in doc["error"]
