"""Arrow schemas of the five outputs, with the types of OUTPUT.md (year int16, n_facts int32...).

The schemas carry pandas metadata naming nullable pandas dtypes (`Int16`, `Int32`),
so `pandas.read_parquet` gives `year` as Int16 even where it is null, instead of
silently turning it into float64. DuckDB and pyarrow ignore that metadata.
A column added to `result.*_COLUMNS` needs its type here (a test checks).
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from .result import CHECK_COLUMNS, DOCUMENT_COLUMNS, FACT_COLUMNS, SECTION_COLUMNS, TABLE_COLUMNS

DATASET_COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": DOCUMENT_COLUMNS, "facts": FACT_COLUMNS, "checks": CHECK_COLUMNS,
    "tables": TABLE_COLUMNS, "sections": SECTION_COLUMNS,
}
DATASETS = tuple(DATASET_COLUMNS)

STRING = pa.string()
TYPES: dict[str, pa.DataType] = {
    # documents
    "doc_id": STRING, "path": STRING, "format": STRING, "status": STRING, "error": STRING,
    "title": STRING, "agency": STRING, "year": pa.int16(), "report_format": STRING,
    "n_facts": pa.int32(), "n_check_failures": pa.int32(), "size": pa.int64(),
    "n_pages": pa.int32(), "n_tables": pa.int32(), "url": STRING, "pipeline_version": STRING,
    "seconds": pa.float64(),
    # facts
    "table": STRING, "row": STRING, "column": STRING, "value": pa.float64(), "raw": STRING,
    # checks
    "check": STRING, "expected": pa.float64(), "actual": pa.float64(), "ok": pa.bool_(),
    # tables
    "table_index": pa.int32(), "row_index": pa.int32(), "col_index": pa.int32(), "text": STRING,
    "row_span": pa.int32(), "col_span": pa.int32(), "page": pa.int32(),
    # sections
    "section_index": pa.int32(), "heading": STRING,
}
_PANDAS_DTYPES = {pa.int16(): "Int16", pa.int32(): "Int32", pa.int64(): "Int64",
                  pa.float64(): "float64", pa.bool_(): "bool", STRING: "object"}


def schema(dataset: str) -> pa.Schema:
    """The Arrow schema of one output, with pandas metadata for nullable integers."""
    columns = DATASET_COLUMNS[dataset]
    missing = [c for c in columns if c not in TYPES]
    if missing:
        raise KeyError(f"no Parquet type for {dataset} columns {missing}: add them to TYPES")
    empty = pd.DataFrame({c: pd.Series([], dtype=_PANDAS_DTYPES[TYPES[c]]) for c in columns})
    metadata = pa.Schema.from_pandas(empty, preserve_index=False).metadata
    return pa.schema([pa.field(c, TYPES[c]) for c in columns], metadata=metadata)


SCHEMAS: dict[str, pa.Schema] = {name: schema(name) for name in DATASETS}


def fingerprint() -> str:
    """A text that changes whenever any output schema changes (part of the shard digests)."""
    return "|".join(f"{n}:{SCHEMAS[n].remove_metadata().to_string()}" for n in DATASETS)
