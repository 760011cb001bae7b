"""The README's DuckDB query runs on a real run's outputs; byte-identical copies give one
`documents` row and a `files` row each, and joins on doc_id do not multiply."""

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
        documents = duckdb.sql("SELECT doc_id, path, n_files FROM 'data/clean/documents/**/*.parquet'").fetchall()
        files = duckdb.sql("SELECT path, doc_id, size, mtime IS NOT NULL "
                           "FROM 'data/clean/files/**/*.parquet' ORDER BY path").fetchall()
        facts, joined = duckdb.sql(
            "SELECT (SELECT count(*) FROM 'data/clean/facts/**/*.parquet'), (SELECT count(*) FROM "
            "'data/clean/facts/**/*.parquet' JOIN 'data/clean/documents/**/*.parquet' USING (doc_id))").fetchall()[0]
    finally:
        os.chdir(here)
    doc_id = documents[0][0]
    assert documents == [(doc_id, "mirror/seed-copy.txt", 2)]  # one row per doc_id, under its first path
    size = SEED.stat().st_size
    assert files == [("mirror/seed-copy.txt", doc_id, size, True), ("seed.txt", doc_id, size, True)]
    assert facts == joined == 200  # a join on doc_id does not multiply
    assert rows == [("华龙区岳村镇人民政府", 2021, 0.0)]  # one report, once
