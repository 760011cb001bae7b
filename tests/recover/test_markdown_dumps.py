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


def test_a_row_wrapped_onto_a_second_line_is_read_cell_by_cell(tmp_path: Path) -> None:
    rng = random.Random(6)
    laid = lay_out_report(706, rng, "text")
    laid.flags = {f for f in laid.flags if not f.startswith(("flat_", "text_", "md_"))} | {"flat_markdown"}
    path = tmp_path / "report.md"
    write_file(laid, "text", rng, path, tmp_path)
    text = path.read_text("utf-8")
    line = next(x for x in text.splitlines() if x.startswith("| ") and "规范性文件 |" in x)
    cells = line.strip("|").split("|")
    assert len(cells) == 4 and all(c.strip() for c in cells[1:])
    # the converter wrapped the row: its first value beside the label, the others under it
    wrapped = f"|{cells[0]}|{cells[1]}|  |  |\n|  |  |{cells[2]}|{cells[3]}|"
    path.write_text(text.replace(line, wrapped), "utf-8")
    result = pipeline.extract_file(path)
    got = {f["column"]: f["value"] for f in result.fact_rows if f["row"] == "normative_docs"}
    want = {k[2]: v for k, v in laid.cells.items() if k[1] == "normative_docs"}
    assert got == want, result.document["error"]
