"""Shared test helpers: fixture locations and the every-cell comparison against goldens."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
sys.path.insert(0, str(ROOT))

Key = tuple[str, str, str]


def read_truth(path: Path) -> dict[Key, float | None]:
    """A golden CSV (table,row,column,value; empty value = blank cell) as a dict."""
    with open(path, encoding="utf-8") as fh:
        return {(r["table"], r["row"], r["column"]): (float(r["value"]) if r["value"] != "" else None)
                for r in csv.DictReader(fh)}


def facts_by_key(result: object) -> dict[Key, float | None]:
    """The facts of a DocumentResult keyed by (table, row, column)."""
    return {(f["table"], f["row"], f["column"]): f["value"]
            for f in result.fact_rows}  # type: ignore[attr-defined]


def cell_differences(truth: dict[Key, float | None], got: dict[Key, float | None]) -> list[str]:
    """Every cell where the result differs from the golden (missing, extra or wrong)."""
    out = []
    for key, want in truth.items():
        if key not in got:
            out.append(f"{key}: missing (want {want})")
        elif (want is None) != (got[key] is None) or (
                want is not None and abs(want - float(got[key])) > 1e-9):  # type: ignore[arg-type]
            out.append(f"{key}: got {got[key]!r}, want {want!r}")
    out.extend(f"{key}: extra {got[key]!r}" for key in got.keys() - truth.keys())
    return out


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES
