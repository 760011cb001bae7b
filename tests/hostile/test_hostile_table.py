"""Every hostile case of `bench.hostile`, one corpus run each: the outcome, the seed beside it
untouched, and bounded time and memory of the run's parent and worker (issue 12).

Each case is built at test time (no bomb is committed) next to the seed report; the run must
end normally, the hostile file get its status and reason (or its line in the run record's
`skipped`), and the seed come out `ok` as it does alone. The bounds are generous for CI's
slower machines; `python -m bench.hostile` prints the figures themselves.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.hostile import run_case

# case -> (outcome it starts with, wall-time bound in s, worker peak bound in MB)
EXPECTED = {
    "symlinks out of the root": ("skipped (2): passwd.txt: symlink leaving the raw root", 30, 400),
    "symlink loop": ("skipped (2): a.pdf: symlink loop or dangling symlink", 30, 400),
    "FIFO": ("skipped (1): pipe.txt: not a regular file (FIFO, socket or device)", 30, 400),
    "names that decode alike": ("2 paths, 2 doc_ids: 'a/\\\\xfe.txt' ok, 'a/\\\\xff.txt' ok", 30, 400),
    "zip directory larger than declared": ("failed: DOCX refused: 131077 zip entries (limit 10000)", 30, 400),
    "zip entry inflating past its size": ("failed: corrupt DOCX: cannot read word/document.xml", 30, 400),
    "billion laughs (DOCX)": ("failed: corrupt DOCX: word/document.xml is not well-formed XML", 30, 400),
    "70 MB HTML": ("failed: HTML file too large: 73", 30, 400),
    "3,600 unclosed inline tags": ("ok", 30, 400),
    "PDF page tree loop": ("failed: corrupt PDF: page 2 cannot be loaded", 30, 400),
    "PDF without trailer": ("partial: unplaced: applications row '（六）其他处理'", 60, 500),
    "7 MB endless table, 400 MB limit": ("failed: memory: exceeded 400 MB", 60, 600),
}
PARENT_MB = 300


@pytest.mark.parametrize("case", list(EXPECTED))
def test_a_hostile_file_fails_alone_within_bounds(case: str, tmp_path: Path) -> None:
    outcome, seconds, worker_mb = EXPECTED[case]
    row = run_case(case, tmp_path)
    assert row["exit"] == 0, row
    assert str(row["outcome"]).startswith(outcome), row
    assert row["seed"] == "ok", row  # the document beside it came out as it does alone
    assert float(row["seconds"]) < seconds, row  # type: ignore[arg-type]
    assert float(row["parent_mb"]) < PARENT_MB, row  # type: ignore[arg-type]
    assert float(row["worker_mb"]) < worker_mb, row  # type: ignore[arg-type]
