"""Yardsticks: the reference tool per format, timed on the same files as the extractor.

`make bench` reports the pipeline's time per format as a multiple of these.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import docx


def html(paths: list[Path]) -> tuple[str, float]:
    """Seconds `pandas.read_html` (lxml flavour) takes to read the tables of the same files."""
    import pandas as pd

    start = time.perf_counter()
    for p in paths:
        pd.read_html(p, flavor="lxml")
    return "pandas.read_html", time.perf_counter() - start


def docx_tables(paths: list[Path]) -> tuple[str, float]:
    """Seconds python-docx takes to open the files and read every table via `row.cells`."""
    started = time.perf_counter()
    for path in paths:
        document = docx.Document(str(path))
        for table in document.tables:
            for row in table.rows:
                for cell in row.cells:
                    _ = cell.text
    return "python-docx row.cells", time.perf_counter() - started


def pdf(paths: list[Path]) -> tuple[str, float]:
    """Seconds `pdftotext -layout` (poppler) takes over the same files: the floor."""
    start = time.perf_counter()
    for p in paths:
        subprocess.run(["pdftotext", "-layout", str(p), "-"], check=True,
                       stdout=subprocess.DEVNULL, timeout=120)
    return "pdftotext -layout", time.perf_counter() - start


YARDSTICKS: dict[str, Callable[[list[Path]], tuple[str, float]]] = {
    "html": html, "docx": docx_tables, "pdf": pdf}
