"""Reading a dataset directory back: some columns, filtered, one Parquet row group at a time.

Derived datasets need only a few columns and rows (the carry-over rows of `facts`).
A `pyarrow.dataset` scan holds on to memory per file read (1 MB per part file here),
so plain row-group reads it is.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq


def read_rows(dataset: Path, columns: list[str],
              keep: Callable[[pa.Table], pa.ChunkedArray] | None = None) -> pd.DataFrame:
    """Some columns of a dataset directory, optionally filtered, read row group by row group."""
    parts: list[pa.Table] = []
    schema: pa.Schema | None = None
    for path in sorted(dataset.glob("*.parquet")):
        pf = pq.ParquetFile(path)
        schema = pf.schema_arrow
        for i in range(pf.num_row_groups):
            table = pf.read_row_group(i, columns=columns, use_threads=False)
            parts.append(table.filter(keep(table)) if keep is not None else table)
    if not parts:
        if schema is None:
            raise FileNotFoundError(f"no Parquet files in {dataset}")
        parts.append(schema.empty_table().select(columns))
    frame: pd.DataFrame = pa.concat_tables(parts).to_pandas()
    return frame
