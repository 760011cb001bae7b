"""Real text dumps of a real PDF report: exact where rows survive, never wrong where they do not."""

from __future__ import annotations

import pipeline
from conftest import FIXTURES, cell_differences, facts_by_key, read_truth

DUMPS = FIXTURES / "text_dumps"
TRUTH = read_truth(FIXTURES / "pdf" / "real-pdf-hongze-2023" / "truth.csv")


def test_layout_dump_reads_every_cell() -> None:
    result = pipeline.extract_file(DUMPS / "hongze_2023_pdftotext_layout.txt")
    doc = result.document
    assert cell_differences(TRUTH, facts_by_key(result)) == []
    assert (doc["agency"], doc["year"], doc["report_format"]) == ("洪泽区人民政府", 2023, "2021")
    # its undivided （六）其他处理 row is reported, not forced into a 2021 key
    assert doc["status"] == "partial" and "（六）其他处理" in doc["error"]
    failed = {c["check"] for c in result.check_rows if not c["ok"]}
    assert failed == {"review_litigation.outcomes.review", "review_litigation.outcomes.litigation_after_review"}


def test_column_wise_dump_yields_no_wrong_value() -> None:
    """Plain pdftotext prints values apart from their labels: what cannot be paired is not guessed."""
    result = pipeline.extract_file(DUMPS / "hongze_2023_pdftotext_raw.txt")
    got = facts_by_key(result)
    wrong = [d for d in cell_differences({k: TRUTH[k] for k in got if k in TRUTH}, got)]
    assert wrong == []
    assert result.document["status"] == "partial"
    assert len(got) < len(TRUTH)
