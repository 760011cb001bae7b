"""Arrow schemas of the six outputs, with the types of OUTPUT.md (year int16, n_facts int32...).

The schemas carry pandas metadata naming nullable pandas dtypes (`Int16`, `Int32`),
so `pandas.read_parquet` gives `year` as Int16 even where it is null, instead of
silently turning it into float64. DuckDB and pyarrow ignore that metadata.
Columns and their types are declared once, in `pipeline.result.COLUMNS`.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from ..result import COLUMNS, DATASETS

__all__ = ["DATASETS", "DATASET_COLUMNS", "SCHEMAS", "fingerprint", "schema"]

DATASET_COLUMNS: dict[str, tuple[str, ...]] = {d: tuple(c for c, _ in cols) for d, cols in COLUMNS.items()}
STRING = pa.string()
UTC_TIME = pa.timestamp("us", tz="UTC")


def _arrow_type(alias: str) -> pa.DataType:
    """An Arrow type from its name in `COLUMNS` (times are UTC instants)."""
    return UTC_TIME if alias == "timestamp[us]" else pa.type_for_alias(alias)


TYPES: dict[str, dict[str, pa.DataType]] = {
    d: {c: _arrow_type(t) for c, t in cols} for d, cols in COLUMNS.items()}
_PANDAS_DTYPES = {pa.int16(): "Int16", pa.int32(): "Int32", pa.int64(): "Int64",
                  pa.float64(): "float64", pa.bool_(): "bool", STRING: "object",
                  UTC_TIME: "datetime64[us, UTC]"}


def schema(dataset: str) -> pa.Schema:
    """The Arrow schema of one output, with pandas metadata for nullable integers."""
    types = TYPES[dataset]
    empty = pd.DataFrame({c: pd.Series([], dtype=_PANDAS_DTYPES[t]) for c, t in types.items()})
    metadata = pa.Schema.from_pandas(empty, preserve_index=False).metadata
    return pa.schema([pa.field(c, t) for c, t in types.items()], metadata=metadata)


SCHEMAS: dict[str, pa.Schema] = {name: schema(name) for name in DATASETS}


def fingerprint() -> str:
    """A text that changes whenever any output schema changes (part of the shard digests)."""
    return "|".join(f"{n}:{SCHEMAS[n].remove_metadata().to_string()}" for n in DATASETS)
