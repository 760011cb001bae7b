"""The README's DuckDB query runs on a real run's outputs, and copies do not multiply its rows."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import duckdb
from corpus_support import ROOT, SEED, run_cli


def test_the_readme_query_counts_each_report_once(tmp_path: Path) -> None:
    raw = tmp_path / "data" / "raw"
    (raw / "mirror").mkdir(parents=True)
    shutil.copy(SEED, raw / "seed.txt")
    shutil.copy(SEED, raw / "mirror" / "seed-copy.txt")  # the same bytes under another path
    assert run_cli("extract", "--progress", "none", cwd=tmp_path).returncode == 0
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    query = re.search(r"```sql\n(.*?)```", readme, re.S).group(1)  # type: ignore[union-attr]
    here = os.getcwd()
    os.chdir(tmp_path)  # the query reads data/clean/... as a user's working directory holds it
    try:
        rows = duckdb.sql(query).fetchall()
        files = duckdb.sql("SELECT count(*) FROM 'data/clean/documents/**/*.parquet'").fetchall()[0]
    finally:
        os.chdir(here)
    assert files == (2,)  # one documents row per file
    assert rows == [("华龙区岳村镇人民政府", 2021, 0.0)]  # one report, once
