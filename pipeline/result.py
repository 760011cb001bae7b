"""The contract: what one document becomes, and every output dataset's columns with their types.

`COLUMNS` is the output contract of ../spec/OUTPUT.md (copied into the README):
analysts' code reads exactly these names, with these types (`store.schema` turns them
into Arrow schemas). A `DocumentResult` holds plain records for the per-document datasets,
picklable for process pools and Dask.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

PIPELINE_VERSION = "0.7.0"  # bump whenever outputs for the same input can change
CONTRACT_VERSION = "2"  # the OUTPUT.md contract written; bump with a migration note in the README
STATUSES = ("ok", "partial", "other_format", "not_report", "failed")

# dataset -> (column, type) in order; types are Arrow type names (string, int16, ...).
COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "documents": (
        ("doc_id", "string"), ("path", "string"), ("format", "string"), ("status", "string"),
        ("error", "string"), ("title", "string"), ("agency", "string"), ("year", "int16"),
        ("report_format", "string"), ("n_facts", "int32"), ("n_check_failures", "int32"),
        ("size", "int64"), ("n_pages", "int32"), ("n_tables", "int32"), ("url", "string"),
        ("pipeline_version", "string"), ("seconds", "float64"), ("n_pages_ocr", "int32"),
        ("n_cells_unsure", "int32"), ("n_files", "int32")),
    "files": (
        ("path", "string"), ("doc_id", "string"), ("size", "int64"), ("mtime", "timestamp[us]")),
    "facts": (
        ("doc_id", "string"), ("year", "int16"), ("agency", "string"), ("table", "string"),
        ("row", "string"), ("column", "string"), ("value", "float64"), ("raw", "string"),
        ("confidence", "float64")),
    "checks": (
        ("doc_id", "string"), ("check", "string"), ("expected", "float64"),
        ("actual", "float64"), ("ok", "bool")),
    "tables": (
        ("doc_id", "string"), ("table_index", "int32"), ("row_index", "int32"),
        ("col_index", "int32"), ("text", "string"), ("row_span", "int32"),
        ("col_span", "int32"), ("page", "int32")),
    "sections": (
        ("doc_id", "string"), ("section_index", "int32"), ("heading", "string"),
        ("text", "string")),
}
DATASETS = tuple(COLUMNS)
DOCUMENT_COLUMNS, FACT_COLUMNS, CHECK_COLUMNS, TABLE_COLUMNS, SECTION_COLUMNS = (
    tuple(name for name, _ in COLUMNS[d]) for d in ("documents", "facts", "checks", "tables", "sections"))

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


def document_row(doc_id: str, rel: str, fmt: str | None, status: str, error: str | None,
                 size: int | None, meta: dict[str, Any] | None, **extra: Any) -> Record:
    """A `documents` row with every contract column present, a manifest's overrides applied."""
    row: Record = {"doc_id": doc_id, "path": rel, "format": fmt, "status": status, "error": error,
                   "title": None, "agency": None, "year": None, "report_format": None,
                   "n_facts": 0, "n_check_failures": 0, "size": size, "n_pages": None,
                   "n_tables": 0, "url": None, "pipeline_version": PIPELINE_VERSION,
                   "seconds": None, "n_pages_ocr": 0, "n_cells_unsure": 0, "n_files": 1}
    row.update(extra)
    for key in ("title", "agency", "url"):
        if meta and meta.get(key) not in (None, ""):
            row[key] = str(meta[key]).strip()
    year = manifest_year(meta)
    if year is not None:
        row["year"] = year
    return row


def manifest_year(meta: dict[str, Any] | None) -> int | None:
    """The year a manifest gives (`2021`, `2021年`, 2021.0), None when absent or unreadable."""
    if not meta or meta.get("year") in (None, ""):
        return None
    found = re.search(r"(19|20)\d{2}", str(meta["year"]))
    return int(found.group(0)) if found else None


def failed(doc_id: str, rel: str, error: str, fmt: str | None = None, size: int | None = None,
           meta: dict[str, Any] | None = None) -> DocumentResult:
    """The result of a document that could not be read (or whose worker died): status failed."""
    return DocumentResult(document_row(doc_id, rel, fmt, "failed", error, size, meta))
