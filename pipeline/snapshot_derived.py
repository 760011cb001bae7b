"""The derived datasets (`dictionary`, `cross_year`) computed from a new snapshot before it goes live.

Reads only what the joins need, one Parquet row group at a time: the carry-over rows
of `facts` (14 small rows per document) and four columns of `documents`. (A
`pyarrow.dataset` scan holds on to memory per file read, 1 MB per part file here, so
plain row-group reads it is.)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from . import derived

CARRY_ROWS = pa.array(["carried_forward", "carried_over"])


def derive(snapshot: Path) -> dict[str, pd.DataFrame]:
    """The analysts' derived datasets from a snapshot directory's five."""
    documents = read_rows(snapshot / "documents", ["doc_id", "agency", "year", "status"])
    facts = read_rows(snapshot / "facts", ["doc_id", "table", "row", "column", "value"],
                      lambda t: pc.and_(pc.equal(t["table"], "applications"),
                                        pc.is_in(t["row"], value_set=CARRY_ROWS)))
    return {"dictionary": derived.dictionary(), "cross_year": derived.cross_year(documents, facts)}


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
