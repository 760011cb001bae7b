"""Scanned PDF pages: rendered by pypdfium2 and read by OCR (`scan`).

Cost is bounded: every page is first rendered at `LOOK_DPI`, where ruling lines and
columns of text still show, to find those that hold a table; only those, the first page
(title, first sentence) and the last (the signature block) are rendered at `READ_DPI`
and read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdfium2 as pdfium

from . import scan
from .document import Block
from .errors import ExtractionError

LOOK_DPI = 100
READ_DPI = 300
MAX_OCR_PAGES = 30  # pages read closely at most; a longer scan is read up to here, with a warning


def _render(pdf: pdfium.PdfDocument, i: int, dpi: int) -> Any:
    import numpy as np

    try:
        page = pdf[i]
        image = page.render(scale=dpi / 72, grayscale=False).to_pil().convert("RGB")
        page.close()
    except pdfium.PdfiumError:
        raise ExtractionError(f"corrupt PDF: page {i + 1} cannot be rendered") from None
    return np.asarray(image)[:, :, ::-1]  # BGR, as OpenCV reads


def ocr_pages(path: Path, pages: list[int]) -> tuple[list[Block], list[str], dict[str, int]]:
    """Blocks of the given 0-based pages of a PDF read by OCR, warnings, and counts
    (`pages_ocr`, `cells_ocr`, `cells_unsure`)."""
    pdf = pdfium.PdfDocument(str(path))
    warnings: list[str] = []
    try:
        chosen = [i for i in pages if i in (pages[0], pages[-1])
                  or scan.looks_tabular(_render(pdf, i, LOOK_DPI))]
        if len(chosen) > MAX_OCR_PAGES:
            warnings.append(f"only {MAX_OCR_PAGES} of {len(chosen)} scanned pages read by OCR")
            chosen = chosen[:MAX_OCR_PAGES]
        blocks: list[Block] = []
        counts = {"pages_ocr": 0, "cells_ocr": 0, "cells_unsure": 0}
        for i in chosen:
            page = scan.read_page(_render(pdf, i, READ_DPI), i + 1, dpi=READ_DPI)
            blocks.extend(page.blocks)
            counts["pages_ocr"] += 1
            counts["cells_ocr"] += page.n_cells
            counts["cells_unsure"] += page.n_unsure
    finally:
        pdf.close()
    skipped = len(pages) - len(chosen)
    if skipped:
        warnings.append(f"{skipped} of {len(pages)} scanned pages not read by OCR (no table on them)")
    return blocks, warnings, counts
