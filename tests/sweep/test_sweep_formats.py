"""The randomised sweep per file format: real reports' phenomena combined, and never a wrong cell.

A fixed-seed sample per format (`synthetic.sweep`, scored by `bench.sweep_score`) held
to issue 10's target: no wrong value (a value placed that differs from what the report
prints, or a cell read that it does not print), at least 99% of printed cells read,
agency, year and national format right for at least 95% of reports, and a reason
(`error`) on every document that is not `ok`. Targets the pipeline does not reach yet
are marked xfail (not strict), so they turn into passes as it improves. Bigger samples
are `slow` and run only with OGI_SWEEP_SLOW=1 (`python -m bench.sweep` is the full sweep).
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pytest

import pipeline
from bench.sweep_score import Score, score, table_lines, tallies
from synthetic.sweep import make_cases

SAMPLE = {"html": 60, "text": 60, "docx": 30, "pdf": 14, "doc": 10}
SLOW_SAMPLE = 150
_OUT: list[Path] = []


def _soffice() -> bool:
    from extractors.office import soffice

    try:
        soffice()
    except Exception:
        return False
    return True


@cache
def _scores(fmt: str, n: int, base: int = 0) -> tuple[Score, ...]:
    """The scored sample of `n` cases of `fmt` (made once per session)."""
    if fmt in ("pdf", "doc") and not _soffice():
        pytest.skip("LibreOffice (soffice) is not installed")
    cases = make_cases(list(range(base, base + n)), fmt, _OUT[0] / f"{fmt}-{base}-{n}")
    out = []
    for case in cases:
        result = pipeline.extract_file(case.path)
        out.append(score(case, result.document, list(result.fact_rows)))
    return tuple(out)


@pytest.fixture(scope="module", autouse=True)
def _out_dir(tmp_path_factory: pytest.TempPathFactory) -> None:
    _OUT[:] = [tmp_path_factory.mktemp("sweep")]


def _param(fmt: str, failing: str | None = None, reason: str = "") -> object:
    """A format as a test parameter, xfail (not strict) when it is the `failing` one today."""
    if fmt == failing:
        return pytest.param(fmt, marks=pytest.mark.xfail(strict=False, reason=reason))
    return fmt


def _wrong(scores: tuple[Score, ...]) -> list[str]:
    return [f"{s.case.path.name} {s.case.phenomena}: {'.'.join(k)} want {w} got {g}"
            for s in scores for k, w, g in s.wrong]


# Wrong cells in the sample today (found by this sweep, for the pipeline to fix): none. The
# last ones (flat_pipe_lines dumps putting a value one column off) were fixed in extractors/text.py.
WRONG_TODAY: dict[str, str] = {}
COVERAGE_TODAY = {f: "fewer than 99% of cells read today (issue 10's target)" for f in ("html", "text")}
METADATA_TODAY: dict[str, str] = {}


def _params(today: dict[str, str]) -> list[object]:
    return [_param(f, f if f in today else None, today.get(f, "")) for f in SAMPLE]


@pytest.mark.parametrize("fmt", _params(WRONG_TODAY))
def test_no_wrong_cell(fmt: str) -> None:
    scores = _scores(fmt, SAMPLE[fmt])
    assert _wrong(scores) == []


@pytest.mark.parametrize("fmt", _params(COVERAGE_TODAY))
def test_cells_read(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    t = tallies(list(_scores(fmt, SAMPLE[fmt])))[fmt]["ALL"]
    with capsys.disabled():
        print("\n" + "\n".join(table_lines({"ALL": t}, f"sweep sample, {fmt}")))
    assert t.read_share >= 0.99, f"{fmt}: {t.right}/{t.cells} cells read, {t.missing} missing"


@pytest.mark.parametrize("fmt", list(SAMPLE))
def test_decidable_cells_read(fmt: str) -> None:
    """Of the cells a reader can place (rows whose empty cells left no trace aside: `4 2 6`
    for seven columns in a dump that drops them), at least 99% are read in every format."""
    t = tallies(list(_scores(fmt, SAMPLE[fmt])))[fmt]["ALL"]
    assert t.decidable_share >= 0.99, (f"{fmt}: {t.right - t.right_undecidable}/"
                                       f"{t.cells - t.undecidable} decidable cells read")


@pytest.mark.parametrize("fmt", _params(METADATA_TODAY))
def test_metadata(fmt: str) -> None:
    reports = [s for s in _scores(fmt, SAMPLE[fmt]) if s.case.is_report]
    for name in ("agency_ok", "year_ok", "format_ok"):
        bad = [f"{s.case.path.name}: {s.agency}/{s.year}/{s.report_format} want "
               f"{s.case.agency}/{s.case.year}/{s.case.report_format}"
               for s in reports if not getattr(s, name)]
        assert len(bad) <= 0.05 * len(reports), f"{name}: {bad}"


@pytest.mark.parametrize("fmt", list(SAMPLE))
def test_reason_when_not_ok(fmt: str) -> None:
    silent = [f"{s.case.path.name}: {s.status}" for s in _scores(fmt, SAMPLE[fmt])
              if s.status != "ok" and not s.error]
    assert silent == []


@pytest.mark.parametrize("fmt", list(SAMPLE))
def test_no_cell_missing_without_a_reason(fmt: str) -> None:
    """A report read `ok` has every cell it prints: what is missing is always said."""
    silent = [f"{s.case.path.name}: {s.missing_silent} cells" for s in _scores(fmt, SAMPLE[fmt])
              if s.missing_silent]
    assert silent == []


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("OGI_SWEEP_SLOW"), reason="set OGI_SWEEP_SLOW=1 to run")
@pytest.mark.parametrize("fmt", list(SAMPLE))
def test_no_wrong_cell_big_sample(fmt: str) -> None:
    scores = _scores(fmt, SLOW_SAMPLE, base=10_000)
    assert _wrong(scores) == []
