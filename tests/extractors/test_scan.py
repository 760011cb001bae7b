"""Scanned reports read by OCR: image-only PDFs and page images made at test time from the
born-digital fixtures of both national formats (poppler rasterises, Pillow turns, specks,
blurs, JPEG-compresses and stamps a red seal), read against the fixtures' truth.

No value may be wrong; a cell OCR is unsure of is left out and reported. The default suite
reads a few scans; OGI_SCAN_SLOW=1 reads the whole matrix (both formats, 150 and 300 dpi,
leaning either way, every damage).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import extractors
import pipeline
from conftest import FIXTURES, cell_differences, facts_by_key, read_truth
from extractors import UNSURE, scan
from synthetic.scan import Damage, scan_images, scan_pdf

pytest.importorskip("rapidocr_onnxruntime")
pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")

PDF = FIXTURES / "pdf"
F2021 = "ruled-2021-serif-split-header"
F2019 = "ruled-2019-sans-repeat-header"
HARD = Damage(dpi=300, angle=1.5, specks=300, blur=0.6, jpeg=70, seal=True)


def _score(path: Path, fixture: str) -> tuple[pipeline.Result, int, list[str], list[str]]:
    """The result, the truth's cell count, cells missing and cells wrong."""
    result = pipeline.extract_file(path)
    truth = read_truth(PDF / f"{fixture}.truth.csv")
    diffs = cell_differences(truth, facts_by_key(result))
    return result, len(truth), [d for d in diffs if "missing" in d], [d for d in diffs if "missing" not in d]


def test_a_scan_leaning_specked_jpeg_compressed_and_sealed_reads_every_cell(tmp_path: Path) -> None:
    path = scan_pdf(PDF / f"{F2021}.pdf", tmp_path / "scan.pdf", HARD, seed=1)
    result, n, missing, wrong = _score(path, F2021)
    assert wrong == []
    assert len(missing) <= 0.01 * n, missing
    assert result.document["agency"] == "江北新区管理委员会"
    assert result.document["year"] == 2024
    assert result.document["report_format"] == "2021"
    assert result.document["format"] == "pdf"
    assert result.document["n_pages_ocr"] == 3
    read = [f for f in result.fact_rows if f["raw"]]
    assert read and all(0.5 <= f["confidence"] <= 1 for f in read)  # OCR's confidence on every value
    # where no sum can confirm a reading (第二十条 tables), only a sure one stands
    assert all(f["confidence"] >= 0.8 for f in read if f["table"].startswith("proactive"))


def test_inspect_says_what_ocr_read(tmp_path: Path) -> None:
    from pipeline.inspect import inspect

    path = scan_pdf(PDF / f"{F2019}.pdf", tmp_path / "scan.pdf", Damage(dpi=200))
    line = next(ln for ln in inspect(path).splitlines() if ln.startswith("ocr "))
    assert line.startswith("ocr      3 of 3 pages read by OCR, ") and "confidence" in line


def test_born_digital_facts_carry_no_confidence() -> None:
    result = pipeline.extract_file(PDF / f"{F2021}.pdf")
    assert result.document["n_pages_ocr"] == 0 and result.document["n_cells_unsure"] == 0
    assert {f["confidence"] for f in result.fact_rows} == {None}


def test_a_150_dpi_scan_of_the_2019_format_leaning_the_other_way(tmp_path: Path) -> None:
    how = Damage(dpi=150, angle=-2.0, specks=200, blur=0.4, jpeg=80, seal=True)
    path = scan_pdf(PDF / f"{F2019}.pdf", tmp_path / "scan.pdf", how, seed=2)
    result, n, missing, wrong = _score(path, F2019)
    assert wrong == []
    assert len(missing) <= 0.03 * n, missing
    assert result.document["report_format"] == "2019"
    if missing:  # what is left out is said
        assert result.document["status"] == "partial" and "OCR" in result.document["error"]


def test_page_images_are_read_one_page_each(tmp_path: Path) -> None:
    pages = scan_images(PDF / f"{F2021}.pdf", tmp_path / "pages", Damage(dpi=200, angle=-1.0, jpeg=85))
    assert extractors.sniff(pages[1]) == "image"
    doc = extractors.extract(pages[1])
    assert doc.format == "image" and doc.n_pages == 1
    rows = [r for t in doc.tables for r in t.row_texts()]
    assert ["（七）总计", "9", "662", "14", "12", "16", "41", "754"] in [
        [c.replace("(", "（").replace(")", "）") for c in r] for r in rows]
    confidences = [c.confidence for t in doc.tables for c in t.cells if c.text]
    assert confidences and all(c is not None and 0 <= c <= 1 for c in confidences)


def test_an_unsure_digit_is_never_guessed() -> None:
    # a reading made of digits and letters OCR takes for digits, or unsure, keeps its place only
    assert scan.cell_text([("1O", 0.95)]) == (UNSURE, 0.95)
    assert scan.cell_text([("36", 0.4)]) == (UNSURE, 0.4)
    assert scan.cell_text([("36", 0.97)]) == ("36", 0.97)
    assert scan.cell_text([("2L7", 0.9)]) == (UNSURE, 0.9)  # no word of a label, no value
    assert scan.cell_text([("本年新收", 0.6), ("政府信息", 0.9)]) == ("本年新收政府信息", 0.6)
    assert scan.cell_text([]) == ("", None)


def test_unsure_cells_are_reported_not_placed(tmp_path: Path) -> None:
    # a seal stamped dark enough to hide digits: whatever OCR cannot read surely is reported
    path = scan_pdf(PDF / f"{F2021}.pdf", tmp_path / "scan.pdf", Damage(dpi=150, blur=1.3, jpeg=30), seed=3)
    result, n, missing, wrong = _score(path, F2021)
    assert wrong == []
    if missing:
        assert result.document["status"] == "partial"


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("OGI_SCAN_SLOW"), reason="set OGI_SCAN_SLOW=1 to run")
@pytest.mark.parametrize("fixture", [F2021, F2019])
@pytest.mark.parametrize("dpi", [150, 300])
@pytest.mark.parametrize("angle", [-2.0, 0.0, 1.2])
def test_scan_matrix(tmp_path: Path, fixture: str, dpi: int, angle: float) -> None:
    how = Damage(dpi=dpi, angle=angle, specks=250, blur=0.5, jpeg=75, seal=True)
    _, n, missing, wrong = _score(scan_pdf(PDF / f"{fixture}.pdf", tmp_path / "s.pdf", how, seed=dpi), fixture)
    assert wrong == []
    assert len(missing) <= (0.01 if dpi == 300 else 0.03) * n, missing
