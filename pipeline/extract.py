"""One file to one `DocumentResult`: identify, extract, recover, into output rows.

This is the only place that joins the two halves: `extractors` gives a Document,
`recover` says what it means, and this module writes it as rows of the five
outputs. Each stage catches its own failures once and records
`stage: ExceptionType: message`; a bad document is data (status `failed`), never
an exception for the caller.
"""

from __future__ import annotations

import hashlib
import logging
import time
from pathlib import Path
from typing import Any

import extractors
from extractors import Document, ExtractionError

from .recover import Recovered, recover
from .result import DocumentResult, Record, document_row, failed, manifest_year

log = logging.getLogger(__name__)


def _rel(path: Path, raw_root: Path | None) -> str:
    """Path relative to the raw root with `/` separators (the path as given otherwise)."""
    if raw_root is not None:
        try:
            return path.resolve().relative_to(raw_root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def failed_result(path: Path | str, raw_root: Path | None, error: str, format: str | None = None,
                  doc_id: str | None = None, meta: dict[str, Any] | None = None) -> DocumentResult:
    """The failed result of a file (its doc_id from its bytes when they can be read)."""
    path = Path(path)
    size: int | None = None
    try:
        size = path.stat().st_size
        doc_id = doc_id or extractors.identify(path).sha256
    except OSError:
        doc_id = doc_id or hashlib.sha256(path.as_posix().encode()).hexdigest()
    return failed(doc_id, _rel(path, raw_root), error, format, size, meta)


def extract_file(path: Path | str, raw_root: Path | None = None,
                 meta: dict[str, Any] | None = None,
                 identity: extractors.Identity | None = None) -> DocumentResult:
    """Read one file into its rows of the five outputs; never raises for a bad document.

    `meta` (from a crawler's manifest.csv) overrides the title, agency, year and url
    inferred from the text. `identity` is what
    a corpus run already learnt of the file (sha256, size, format) in its one read.
    """
    start = time.perf_counter()
    result = _extract(Path(path), raw_root, meta, identity)
    result.document["seconds"] = round(time.perf_counter() - start, 4)  # failed ones too
    return result


def _extract(path: Path, raw_root: Path | None, meta: dict[str, Any] | None,
             identity: extractors.Identity | None) -> DocumentResult:
    """`extract_file` without the clock."""
    try:
        identity = identity or extractors.identify(path)
    except OSError as exc:
        return failed_result(path, raw_root, f"read: {type(exc).__name__}: {exc.strerror or exc}",
                             meta=meta)
    doc_id, size, fmt = identity.sha256, identity.size, identity.format
    rel = _rel(path, raw_root)
    try:
        if fmt is None:
            raise ExtractionError(identity.error or "unsupported format")
        doc = extractors.extract(path, fmt)
    except ExtractionError as exc:
        return failed(doc_id, rel, str(exc), fmt, size, meta)
    except Exception as exc:  # an extractor bug must fail one document, not the run
        log.exception("extractor crashed on %s", path)
        return failed(doc_id, rel, f"extract: {type(exc).__name__}: {exc}", fmt, size, meta)
    try:
        return build_result(doc, doc_id, rel, size, meta)
    except Exception as exc:
        log.exception("recovery crashed on %s", path)
        return failed(doc_id, rel, f"recover: {type(exc).__name__}: {exc}", fmt, size, meta)


def build_result(doc: Document, doc_id: str, rel: str, size: int | None,
                 meta: dict[str, Any] | None = None) -> DocumentResult:
    """Recover an extracted Document and write what it says as rows of the five outputs."""
    rec = recover(doc, manifest_year(meta))
    md = rec.metadata
    # what the text says, then the manifest's overrides on top (applied by document_row)
    row = document_row(doc_id, rel, doc.format, rec.status.status, rec.status.error, size, meta,
                       title=md.title, agency=md.agency, year=md.year,
                       report_format=rec.report_format, n_pages=doc.n_pages,
                       n_tables=len(doc.tables), n_pages_ocr=doc.pages_ocr,
                       n_cells_unsure=doc.cells_unsure)
    facts = [{"doc_id": doc_id, "year": row["year"], "agency": row["agency"], "table": f.key[0],
              "row": f.key[1], "column": f.key[2], "value": f.value, "raw": f.raw,
              "confidence": f.confidence}
             for f in rec.facts]
    checks = [{"doc_id": doc_id, "check": name, "expected": expected, "actual": actual, "ok": ok}
              for name, expected, actual, ok in rec.checks]
    row["n_facts"] = len(facts)
    row["n_check_failures"] = sum(1 for c in checks if not c["ok"])
    return DocumentResult(row, tuple(facts), tuple(checks), tuple(table_rows(doc, doc_id)),
                          tuple(section_rows(rec, doc_id)))


def table_rows(doc: Document, doc_id: str) -> list[Record]:
    """Every cell of every table the extractor found, before template mapping."""
    out: list[Record] = []
    for t_index, table in enumerate(doc.tables):
        for cell in table.cells:
            page = (table.row_pages[cell.row] if cell.row < len(table.row_pages)
                    else table.page)
            out.append({"doc_id": doc_id, "table_index": t_index, "row_index": cell.row,
                        "col_index": cell.col, "text": cell.text, "row_span": cell.row_span,
                        "col_span": cell.col_span, "page": page})
    return out


def section_rows(rec: Recovered, doc_id: str) -> list[Record]:
    """One row per top-level section of the narrative."""
    return [{"doc_id": doc_id, "section_index": i, "heading": h, "text": t}
            for i, (h, t) in enumerate(rec.sections)]
