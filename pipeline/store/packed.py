"""A document's result as bytes: its `documents` row, and its rows of the other four outputs
as Arrow tables (IPC streams, zstd-compressed).

What a worker sends back, what the cache keeps and what `publish` writes from. Rows
travel in columns, so a document with a million-cell table costs the parent tens of
megabytes, not a million Python dicts (828 MB for one 7.9 MB text table when results
were pickled row by row), and `publish` writes them to Parquet without making dicts.

Example:
    >>> blob = pack(pipeline.extract_file("data/raw/seed.txt"))   # doctest: +SKIP
    >>> unpack(blob).arrow("facts").num_rows                       # doctest: +SKIP
    200
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from ..result import DocumentResult, Record
from .schema import SCHEMAS

ROWS = {"facts": "fact_rows", "checks": "check_rows", "tables": "table_rows", "sections": "section_rows"}
_OPTIONS = pa.ipc.IpcWriteOptions(compression="zstd")
_TAG = "ogi-packed-1"


@dataclass(frozen=True)
class Packed:
    """An unpacked result: the `documents` row, and the other outputs' rows when asked for."""

    document: Record
    columns: dict[str, bytes]  # dataset -> Arrow IPC stream

    def arrow(self, dataset: str) -> pa.Table:
        """The document's rows of one output."""
        with pa.ipc.open_stream(self.columns[dataset]) as reader:
            return reader.read_all()

    def result(self) -> DocumentResult:
        """As a `DocumentResult` (rows as dicts, as `extract_file` returns them)."""
        rows = {ROWS[d]: tuple(self.arrow(d).to_pylist()) for d in ROWS}
        return DocumentResult(dict(self.document), **rows)


def as_arrow(result: DocumentResult | Packed, dataset: str) -> pa.Table:
    """One output's rows of a result, packed or not, as an Arrow table of its schema."""
    if isinstance(result, Packed):
        return result.arrow(dataset)
    return pa.Table.from_pylist(list(getattr(result, ROWS[dataset])), schema=SCHEMAS[dataset])


def pack(result: DocumentResult) -> bytes:
    """A result as compact bytes."""
    columns = {}
    for dataset in ROWS:
        sink = pa.BufferOutputStream()
        table = as_arrow(result, dataset)
        with pa.ipc.new_stream(sink, table.schema, options=_OPTIONS) as writer:
            writer.write_table(table)
        columns[dataset] = sink.getvalue().to_pybytes()
    return pickle.dumps((_TAG, result.document, columns), protocol=pickle.HIGHEST_PROTOCOL)


def unpack(blob: bytes) -> Packed:
    """The result packed by `pack`."""
    loaded: Any = pickle.loads(blob)
    if not (isinstance(loaded, tuple) and len(loaded) == 3 and loaded[0] == _TAG):
        raise ValueError("not a packed result (a cache written by another version)")
    return Packed(loaded[1], loaded[2])
