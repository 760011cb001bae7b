"""PDFs cut short where viewers still open them: every cell read as from the whole file.

Issue 12, item 10: a PDF missing only its trailer failed (`No /Root object!`) although
viewers recover it. Both cuts are made at test time from fixtures: a classic file without its
`trailer` and `startxref` (the trailer is rebuilt, naming the catalog), and the real Hongze
PDF, whose cross-reference is a stream, without its `startxref` (pdfium re-saves it for
pdfplumber).
"""

from __future__ import annotations

from pathlib import Path

import pipeline
from conftest import FIXTURES, cell_differences, facts_by_key, read_truth

PDF = FIXTURES / "pdf"


def _cut(source: Path, marker: bytes, out: Path) -> Path:
    data = source.read_bytes()
    at = data.rfind(marker)
    assert at > 0
    out.write_bytes(data[:at])
    return out


def test_a_pdf_without_its_trailer_is_read_whole(tmp_path: Path) -> None:
    cut = _cut(PDF / "blank-2021-ruled.pdf", b"trailer", tmp_path / "no-trailer.pdf")
    result = pipeline.extract_file(cut)
    assert result.document["status"] == "ok"
    assert cell_differences(read_truth(PDF / "blank-2021-ruled.truth.csv"), facts_by_key(result)) == []


def test_a_pdf_without_its_startxref_is_read_whole(tmp_path: Path) -> None:
    hongze = PDF / "real-pdf-hongze-2023"
    cut = _cut(hongze / "report.pdf", b"startxref", tmp_path / "no-startxref.pdf")
    result = pipeline.extract_file(cut)
    whole = pipeline.extract_file(hongze / "report.pdf")
    assert (result.document["status"], result.document["error"]) == (whole.document["status"],
                                                                     whole.document["error"])
    assert cell_differences(read_truth(hongze / "truth.csv"), facts_by_key(result)) == []
