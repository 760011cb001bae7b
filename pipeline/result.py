"""What one document becomes: plain records for the five outputs, picklable for pools and Dask.

The column lists here are the output contract of ../spec/OUTPUT.md (copied into
README): analysts' code reads exactly these names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

STATUSES = ("ok", "partial", "other_format", "not_report", "failed")

DOCUMENT_COLUMNS = ("doc_id", "path", "format", "status", "error", "title", "agency", "year",
                    "report_format", "n_facts", "n_check_failures", "size", "n_pages",
                    "n_tables", "url", "pipeline_version", "seconds")
FACT_COLUMNS = ("doc_id", "year", "agency", "table", "row", "column", "value", "raw")
CHECK_COLUMNS = ("doc_id", "check", "expected", "actual", "ok")
TABLE_COLUMNS = ("doc_id", "table_index", "row_index", "col_index", "text", "row_span",
                 "col_span", "page")
SECTION_COLUMNS = ("doc_id", "section_index", "heading", "text")

Record = dict[str, Any]


@dataclass(frozen=True)
class DocumentResult:
    """Everything extracted from one file: its `documents` row and its rows of the other outputs.

    Example:
        >>> r = pipeline.extract_file("data/raw/seed.txt")   # doctest: +SKIP
        >>> r.document["status"], len(r.facts)
        ('ok', 200)
    """

    document: Record
    fact_rows: tuple[Record, ...] = field(default=())
    check_rows: tuple[Record, ...] = field(default=())
    table_rows: tuple[Record, ...] = field(default=())
    section_rows: tuple[Record, ...] = field(default=())

    @property
    def status(self) -> str:
        """The document's status (`ok`, `partial`, `other_format`, `not_report`, `failed`)."""
        return str(self.document["status"])

    @property
    def facts(self) -> pd.DataFrame:
        """The `facts` rows as a frame."""
        return pd.DataFrame(list(self.fact_rows), columns=list(FACT_COLUMNS))

    @property
    def checks(self) -> pd.DataFrame:
        """The `checks` rows as a frame."""
        return pd.DataFrame(list(self.check_rows), columns=list(CHECK_COLUMNS))

    @property
    def tables(self) -> pd.DataFrame:
        """The `tables` rows as a frame."""
        return pd.DataFrame(list(self.table_rows), columns=list(TABLE_COLUMNS))

    @property
    def sections(self) -> pd.DataFrame:
        """The `sections` rows as a frame."""
        return pd.DataFrame(list(self.section_rows), columns=list(SECTION_COLUMNS))

    def value(self, table: str, row: str, column: str) -> float | None:
        """The value of one canonical cell (None when blank or absent)."""
        for f in self.fact_rows:
            if f["table"] == table and f["row"] == row and f["column"] == column:
                v = f["value"]
                return None if v is None else float(v)
        return None
