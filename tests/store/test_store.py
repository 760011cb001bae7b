"""The five Parquet datasets: exact types, three readers, atomic snapshots, shard reuse."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from corpus_support import make_raw

from pipeline.result import DocumentResult
from pipeline.run import RunOptions, run
from pipeline.store import CURRENT, ROW_GROUP_ROWS, SNAP_DIR, Entry, Loader, publish, shard_count
from pipeline.store.schema import DATASET_COLUMNS, DATASETS, schema

# OUTPUT.md, column by column (string unless listed).
CONTRACT = {
    "documents": {"year": pa.int16(), "n_facts": pa.int32(), "n_check_failures": pa.int32()},
    "facts": {"year": pa.int16(), "value": pa.float64()},
    "checks": {"expected": pa.float64(), "actual": pa.float64(), "ok": pa.bool_()},
    "tables": {"table_index": pa.int32(), "row_index": pa.int32(), "col_index": pa.int32(),
               "row_span": pa.int32(), "col_span": pa.int32(), "page": pa.int32()},
    "sections": {"section_index": pa.int32()},
    "files": {"size": pa.int64(), "mtime": pa.timestamp("us", tz="UTC")},  # issue 13: path -> doc_id
}
STRINGS = {"doc_id", "path", "format", "status", "error", "title", "agency", "report_format",
           "table", "row", "column", "raw", "check", "text", "heading"}


def _result(i: int, n_facts: int = 3) -> DocumentResult:
    doc_id = hashlib.sha256(str(i).encode()).hexdigest()
    doc = {"doc_id": doc_id, "path": f"d{i}.txt", "format": "text", "status": "ok", "error": None,
           "title": f"t{i}", "agency": "某局", "year": 2021, "report_format": "2021",
           "n_facts": n_facts, "n_check_failures": 0, "size": 10, "n_pages": None,
           "n_tables": 1, "url": None, "pipeline_version": "test", "seconds": 0.01}
    facts = tuple({"doc_id": doc_id, "year": 2021, "agency": "某局", "table": "t", "row": f"r{k}",
                   "column": "c", "value": float(k), "raw": str(k)} for k in range(n_facts))
    checks = ({"doc_id": doc_id, "check": "x", "expected": 1.0, "actual": 1.0, "ok": True},)
    return DocumentResult(doc, facts, checks)


def _corpus(n: int, n_facts: int = 3) -> tuple[list[Entry], dict[str, DocumentResult]]:
    results = {f"k{i}": _result(i, n_facts) for i in range(n)}
    entries = [Entry(f"d{i}.txt", f"k{i}", str(results[f"k{i}"].document["doc_id"]), "s")
               for i in range(n)]
    return entries, results


def _loader(results: dict[str, DocumentResult]) -> Loader:
    def load(keys: list[str]) -> Iterator[tuple[str, DocumentResult]]:
        return ((k, results[k]) for k in keys)
    return load


def _sql(query: str) -> list[tuple[Any, ...]]:
    relation = duckdb.sql(query)
    assert relation is not None
    return relation.fetchall()


def _inodes(out: Path) -> dict[str, int]:
    return {f"{d}/{f.name}": f.stat().st_ino for d in DATASETS for f in (out / d).iterdir()}


def test_every_contract_column_has_a_parquet_type() -> None:
    for name in DATASETS:
        assert schema(name).names == list(DATASET_COLUMNS[name])


def test_types_are_exactly_the_contract_for_all_three_readers(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(RunOptions(make_raw(tmp_path / "raw", n=2), out, workers=1))
    for name in DATASETS:
        arrow = ds.dataset(out / name).schema
        for col in DATASET_COLUMNS[name]:
            want = CONTRACT[name].get(col, pa.string() if col in STRINGS else None)
            if want is not None:
                assert arrow.field(col).type == want, (name, col)
        frame = pd.read_parquet(out / name)
        assert list(frame.columns) == list(DATASET_COLUMNS[name])
        rows = _sql(f"SELECT count(*) FROM '{out}/{name}/**/*.parquet'")
        assert rows[0][0] == len(frame) > 0
    docs = pd.read_parquet(out / "documents")
    assert str(docs["year"].dtype) == "Int16" and str(docs["n_facts"].dtype) == "Int32"
    assert docs["year"].isna().any()  # null years stay integers, not float64
    described = _sql(f"DESCRIBE SELECT year, value FROM '{out}/facts/**/*.parquet'")
    assert [(r[0], r[1]) for r in described] == [("year", "SMALLINT"), ("value", "DOUBLE")]
    checks = pd.read_parquet(out / "checks")
    assert checks["ok"].dtype == bool


def test_empty_corpus_gives_empty_datasets_with_their_columns(tmp_path: Path) -> None:
    publish(tmp_path, [], _loader({}))
    for name in DATASETS:
        frame = pd.read_parquet(tmp_path / name)
        assert len(frame) == 0 and list(frame.columns) == list(DATASET_COLUMNS[name])
        assert _sql(f"SELECT count(*) FROM '{tmp_path}/{name}/**/*.parquet'") == [(0,)]


def test_small_change_rewrites_one_shard_and_links_the_rest(tmp_path: Path) -> None:
    entries, results = _corpus(600)
    assert shard_count(600) == 4
    first = publish(tmp_path, entries, _loader(results))
    assert (first.written, first.reused) == (4, 0)
    before = _inodes(tmp_path)
    changed = entries[17]
    results[changed.key] = _result(9999)
    entries[17] = Entry(changed.rel, changed.key, changed.doc_id, "new stamp")
    second = publish(tmp_path, entries, _loader(results))
    assert (second.changed, second.written, second.reused) == (True, 1, 3)
    after = _inodes(tmp_path)
    kept = {f for f in set(before) & set(after) if not f.startswith("files/")}  # files: one per snapshot
    assert len(kept) == 3 * (len(DATASETS) - 1) and all(before[f] == after[f] for f in kept)  # hard links
    assert publish(tmp_path, entries, _loader(results)).changed is False
    titles = set(pd.read_parquet(tmp_path / "documents")["title"])
    assert "t9999" in titles and "t17" not in titles and len(titles) == 600


def test_swap_is_one_link_and_old_snapshots_are_collected(tmp_path: Path) -> None:
    entries, results = _corpus(5)
    ids = []
    for n in (5, 4, 3):
        ids.append(publish(tmp_path, entries[:n], _loader(results)).snapshot)
    assert os.readlink(tmp_path / CURRENT) == f"{SNAP_DIR}/{ids[-1]}"
    assert sorted(p.name for p in (tmp_path / SNAP_DIR).iterdir()) == sorted(ids[1:])
    assert all(os.readlink(tmp_path / d) == f"{CURRENT}/{d}" for d in DATASETS)
    assert len(pd.read_parquet(tmp_path / "documents")) == 3


def test_outputs_of_an_older_layout_are_replaced(tmp_path: Path) -> None:
    (tmp_path / "facts").mkdir(parents=True)
    pd.DataFrame({"x": [1]}).to_parquet(tmp_path / "facts" / "old.parquet")
    entries, results = _corpus(2)
    publish(tmp_path, entries, _loader(results))
    assert (tmp_path / "facts").is_symlink()
    assert len(pd.read_parquet(tmp_path / "facts")) == 6


def test_rows_are_streamed_in_row_groups(tmp_path: Path) -> None:
    entries, results = _corpus(100, n_facts=300)
    publish(tmp_path, entries, _loader(results))
    (part,) = (tmp_path / "facts").iterdir()
    meta = pq.ParquetFile(part).metadata
    assert meta.num_rows == 30_000 and meta.num_row_groups == 2
    assert meta.row_group(0).num_rows <= ROW_GROUP_ROWS + 300


@pytest.mark.parametrize("n,shards", [(0, 1), (256, 1), (257, 2), (10_000, 64)])
def test_shard_count(n: int, shards: int) -> None:
    assert shard_count(n) == shards
