"""A sweep of messy text reports: every style and quirk at random, and never a wrong cell.

Missing cells are allowed (where a dump lost what tells blanks apart, the row is
reported); a value read into the wrong cell is not. One combination is left out
because no reader can resolve it: one cell per line with blanks printed as nothing
AND bare page numbers between rows (a vanished blank plus a page number gives the
right count; the row's own total catches most such rows, not all).
"""

from __future__ import annotations

import random
from pathlib import Path

import pipeline
from synthetic.report import apply_quirks, make_report
from synthetic.text import STYLES, render_text

LAYOUT = ["shift", "group_lines", "wrap", "no_header", "merged_header", "split", "page_numbers",
          "note_line"]
VALUES = ["fullwidth", "commas", "units", "blanks"]


def test_no_wrong_cell_in_200_messy_reports(tmp_path: Path) -> None:
    wrong, ok, cells, read = [], 0, 0, 0
    for i in range(200):
        rng = random.Random(5000 + i)
        fmt = rng.choice(["2021", "2019"])
        style = rng.choice(STYLES)
        layout = {q for q in LAYOUT if rng.random() < 0.3}
        values = {q for q in VALUES if rng.random() < 0.4}
        if style == "cells" and "blanks" in values:
            layout.discard("page_numbers")
        report = apply_quirks(make_report(5000 + i, fmt, big=rng.random() < 0.3), i, values)
        path = tmp_path / f"r{i}.txt"
        path.write_text(render_text(report, style, layout, seed=i), encoding="utf-8")
        result = pipeline.extract_file(path)
        assert result.document["report_format"] == fmt
        ok += result.status == "ok"
        cells += len(report.truth)
        for f in result.fact_rows:
            key = (f["table"], f["row"], f["column"])
            want, got = report.truth[key], f["value"]
            read += 1
            if (want is None) != (got is None) or (want is not None and abs(want - got) > 1e-9):
                wrong.append((i, style, sorted(layout), key, want, got))
    assert wrong == []
    assert ok >= 140 and read >= 0.9 * cells
