"""`python -m pipeline inspect FILE`: how one document was read, row by row, and why not."""

from __future__ import annotations

from pathlib import Path

from corpus_support import SEED, run_cli

from conftest import FIXTURES
from pipeline.inspect import inspect


def test_the_seed_shows_every_row_with_its_label_score_and_values() -> None:
    text = inspect(SEED)
    assert "status   ok" in text and "format   2021" in text
    assert "agency   华龙区岳村镇人民政府" in text
    assert "#1: 28 rows x 10 columns (flattened text)" in text
    row = next(line for line in text.splitlines() if line.startswith("applications.denied_third_party "))
    assert row.split()[1:] == ["100", "4.保护第三方合法权益", "->", *" | ".join(["0"] * 7).split()]


def test_a_partial_report_says_which_rows_were_not_placed_and_which_cells_stay_open() -> None:
    text = inspect(FIXTURES / "text" / "spaces_invisible_blanks_2021.txt")
    assert text.splitlines()[1].startswith("status   partial: unplaced: ")
    lines = {line.split()[0]: line for line in text.splitlines() if line.startswith("applications.")}
    assert lines["applications.unavailable_needs_creation"].endswith("not placed: 6 values for 7 columns")
    assert " ? " in lines["applications.partially_granted"]  # a cell left open: 0 or blank


def test_not_a_report_and_not_a_file(tmp_path: Path) -> None:
    page = tmp_path / "news.txt"
    page.write_text("本站讯：今天召开了工作会议，会议强调要做好各项工作。\n" * 5, encoding="utf-8")
    text = inspect(page)
    assert "status   not_report: " in text and "format   none national" in text
    broken = tmp_path / "b.bin"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    assert inspect(broken).splitlines()[1].startswith("status   failed: ")
    proc = run_cli("inspect", tmp_path / "missing.pdf")
    assert (proc.returncode, proc.stderr.strip()) == (1, f"error: {tmp_path / 'missing.pdf'} is not a file")


def test_a_wide_review_row_is_shown_kept_and_its_bodies_read_from_it() -> None:
    """The review table's one row of 15 values fills the three bodies: inspect had called it
    `not kept: an earlier row` and the bodies `not printed` (found by others' reports)."""
    text = inspect(FIXTURES / "others" / "review_wide_blank_zeros.html")
    lines = {line.split()[0]: line for line in text.splitlines() if line.startswith("review_litigation.")}
    assert "not kept" not in lines["review_litigation.wide"]
    assert all(lines[f"review_litigation.{r}"].endswith("(read from the wide row above)")
               for r in ("review", "litigation_direct", "litigation_after_review"))
