"""Markdown from PDF-to-markdown converters: fragments, loose label tails, values in a row of
their own, short tables glued together. Every printed cell is read, none wrongly."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import pipeline
from synthetic.markdown import MD_FLAGS
from synthetic.sweep_doc import lay_out_report
from synthetic.sweep_files import write_file


@pytest.mark.parametrize("seed", range(8))
def test_a_converters_markdown_is_read_cell_for_cell(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    laid = lay_out_report(700 + seed, rng, "text")
    laid.flags = {f for f in laid.flags if not f.startswith(("flat_", "text_"))} | {"flat_markdown", *MD_FLAGS}
    path = tmp_path / "report.md"
    write_file(laid, "text", rng, path, tmp_path)
    assert "|---|" in path.read_text("utf-8")
    result = pipeline.extract_file(path)
    got = {(f["table"], f["row"], f["column"]): f["value"] for f in result.fact_rows}
    wrong = {k: (v, got[k]) for k, v in laid.cells.items() if k in got and got[k] != v}
    assert wrong == {}
    assert not set(got) - set(laid.cells)  # no cell the report does not print
    read = sum(1 for k in laid.cells if k in got)
    assert read >= 0.97 * len(laid.cells), result.document["error"]
