"""The README's analyst questions, each run as printed on a real run's outputs.

A small corpus of flattened-text reports of known bodies and years (made with the
synthetic report maker, values known): one body under two spellings, a body missing a
year, a township whose report fails its own arithmetic. Every answer is checked against
the numbers the reports print, never against what the pipeline said before.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from pathlib import Path

import duckdb
import pytest
from corpus_support import ROOT, run_cli

from synthetic.report import APPLICANT_COLS, Report, make_report
from synthetic.text import render_text

# (file, agency as printed, year, consistent, level of its place)
CORPUS = [
    ("hongze-2021.txt", "淮安市洪泽区人民政府", 2021, True, "county"),
    ("hongze-2022.txt", "洪泽区人民政府", 2022, True, "county"),  # the same body, spelt short
    ("jiaoyu-2021.txt", "洪泽区教育局", 2021, True, "county"),  # no report for 2022
    ("yuecun-2021.txt", "华龙区岳村镇人民政府", 2021, False, "township"),  # fails its arithmetic
    ("yuecun-2022.txt", "华龙区岳村镇人民政府", 2022, True, "township"),
    ("huaian-2022.txt", "淮安市人民政府", 2022, True, "city"),  # no report for 2021
]
DENIED = ("denied_state_secret", "denied_law_prohibited", "denied_security_stability", "denied_third_party",
          "denied_internal_affairs", "denied_process_info", "denied_enforcement_file", "denied_admin_query")


def _report(seed: int, agency: str, year: int, consistent: bool) -> Report:
    report = make_report(seed, "2021", consistent=consistent)
    report.agency, report.year = agency, year
    report.title = f"{agency}{year}年政府信息公开工作年度报告"
    return report


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[tuple[Report, str]]]:
    root = tmp_path_factory.mktemp("analyst")
    raw = root / "data" / "raw"
    raw.mkdir(parents=True)
    made = []
    for seed, (name, agency, year, consistent, level) in enumerate(CORPUS, start=11):
        report = _report(seed, agency, year, consistent)
        (raw / name).write_text(render_text(report, "tabs"), encoding="utf-8")
        made.append((report, level))
    assert run_cli("extract", "--progress", "none", cwd=root).returncode == 0
    return root, made


def _query(name: str) -> str:
    """The README's SQL block that starts `-- question: <name>`."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for block in re.findall(r"```sql\n(.*?)```", readme, re.S):
        if block.startswith(f"-- question: {name}\n"):
            return str(block)
    raise AssertionError(f"no README query {name!r}")


def _run(root: Path, name: str) -> list[tuple[object, ...]]:
    here = os.getcwd()
    os.chdir(root)  # the queries read data/clean/... as a user's working directory holds it
    try:
        return duckdb.sql(_query(name)).fetchall()
    finally:
        os.chdir(here)


def _cell(report: Report, row: str, column: str = "total") -> float:
    value = report.truth[("applications", row, column)]
    assert value is not None
    return value


def test_refusal_rate_by_year_and_level(outputs: tuple[Path, list[tuple[Report, str]]]) -> None:
    root, made = outputs
    denied: dict[tuple[int, str], float] = defaultdict(float)
    decided: dict[tuple[int, str], float] = defaultdict(float)
    for report, level in made:
        denied[(report.year, level)] += sum(_cell(report, r) for r in DENIED)
        decided[(report.year, level)] += _cell(report, "results_total")
    want = [(year, level, round(denied[(year, level)] / decided[(year, level)], 4))
            for year, level in sorted(denied)]
    got = [(year, level, round(float(rate), 4)) for year, level, rate in _run(root, "refusal rate")]  # type: ignore[arg-type]
    assert got == want


def test_requests_per_applicant_type(outputs: tuple[Path, list[tuple[Report, str]]]) -> None:
    root, made = outputs
    want: dict[tuple[int, str], float] = defaultdict(float)
    for report, _ in made:
        for column in APPLICANT_COLS:
            want[(report.year, column)] += _cell(report, "new", column)
    assert _run(root, "requests per applicant type") == [(y, c, v) for (y, c), v in sorted(want.items())]


def test_bodies_whose_reports_fail_their_own_identities(outputs: tuple[Path, list[tuple[Report, str]]]) -> None:
    rows = _run(outputs[0], "failing reports")
    assert [(agency, year) for agency, year, *_ in rows] == [("华龙区岳村镇人民政府", 2021)]
    assert "applications" in str(rows[0][3])  # names the identities that fail


def test_bodies_with_no_report_for_a_year(outputs: tuple[Path, list[tuple[Report, str]]]) -> None:
    # 洪泽区 has both years under two spellings: one body, nothing missing
    assert _run(outputs[0], "missing reports") == [("洪泽区教育局", 2022), ("淮安市人民政府", 2021)]
