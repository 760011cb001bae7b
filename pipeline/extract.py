"""One file to one `DocumentResult`: sniff, extract, recover, normalise, check.

This is the only place that joins the two halves: `extractors` gives a Document,
the rest of `pipeline` maps it onto the national formats. Each stage catches its
own failures once and records `stage: ExceptionType: message`; a bad document is
data (status `failed`), never an exception for the caller.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from pathlib import Path
from typing import Any

import extractors
from extractors.document import Document
from extractors.errors import ExtractionError

from . import checks, metadata, sections
from .labels import squash
from .numbers import NotANumber, parse_number
from .recover import Recovery, recover
from .result import DocumentResult, Record
from .rows import Line, RawRow, document_lines, raw_rows
from .templates import load_templates

log = logging.getLogger(__name__)

PIPELINE_VERSION = "0.1.0"  # bump whenever outputs for the same input can change
MAX_ERROR_ITEMS = 12


def file_sha256(path: Path) -> str:
    """sha256 hex of a file's bytes, read in chunks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _rel(path: Path, raw_root: Path | None) -> str:
    """Path relative to the raw root with `/` separators (the path as given otherwise)."""
    if raw_root is not None:
        try:
            return path.resolve().relative_to(raw_root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def _document_row(doc_id: str, rel: str, fmt: str | None, status: str, error: str | None,
                  size: int | None, meta: dict[str, Any] | None, **extra: Any) -> Record:
    """A `documents` row with every contract column present."""
    row: Record = {"doc_id": doc_id, "path": rel, "format": fmt, "status": status, "error": error,
                   "title": None, "agency": None, "year": None, "report_format": None,
                   "n_facts": 0, "n_check_failures": 0, "size": size, "n_pages": None,
                   "n_tables": 0, "url": None, "pipeline_version": PIPELINE_VERSION,
                   "seconds": None}
    row.update(extra)
    for key in ("title", "agency", "url"):
        if meta and meta.get(key) not in (None, ""):
            row[key] = str(meta[key]).strip()
    year = _manifest_year(meta)
    if year is not None:
        row["year"] = year
    return row


def _manifest_year(meta: dict[str, Any] | None) -> int | None:
    """The year a manifest gives (`2021`, `2021年`, 2021.0), None when absent or unreadable."""
    if not meta or meta.get("year") in (None, ""):
        return None
    found = re.search(r"(19|20)\d{2}", str(meta["year"]))
    return int(found.group(0)) if found else None


def failed_result(path: Path | str, raw_root: Path | None, error: str, format: str | None = None,
                  doc_id: str | None = None, meta: dict[str, Any] | None = None) -> DocumentResult:
    """The result of a document that could not be read (or whose worker died): status failed."""
    path = Path(path)
    size: int | None = None
    try:
        size = path.stat().st_size
        doc_id = doc_id or file_sha256(path)
    except OSError:
        doc_id = doc_id or hashlib.sha256(path.as_posix().encode()).hexdigest()
    return DocumentResult(_document_row(doc_id, _rel(path, raw_root), format, "failed", error,
                                        size, meta))


def extract_file(path: Path | str, raw_root: Path | None = None,
                 meta: dict[str, Any] | None = None,
                 prepared: Path | ExtractionError | None = None) -> DocumentResult:
    """Read one file into its rows of the five outputs; never raises for a bad document.

    `meta` (from a crawler's manifest.csv) overrides the title, agency, year and url
    inferred from the text. `prepared` is what `extractors.prepare` made of the file in
    a batch (or why it could not); the doc_id stays that of `path`.
    """
    path = Path(path)
    start = time.perf_counter()
    try:
        doc_id = file_sha256(path)
        size = path.stat().st_size
    except OSError as exc:
        return failed_result(path, raw_root, f"read: {type(exc).__name__}: {exc.strerror or exc}",
                             meta=meta)
    fmt: str | None = None
    try:
        fmt = extractors.sniff(path)
        if isinstance(prepared, ExtractionError):
            raise prepared
        doc = extractors.extract(path, fmt, prepared)
    except ExtractionError as exc:
        return failed_result(path, raw_root, str(exc), fmt, doc_id, meta)
    except Exception as exc:  # an extractor bug must fail one document, not the run
        log.exception("extractor crashed on %s", path)
        return failed_result(path, raw_root, f"extract: {type(exc).__name__}: {exc}", fmt,
                             doc_id, meta)
    try:
        result = build_result(doc, doc_id, _rel(path, raw_root), size, meta)
    except Exception as exc:
        log.exception("recovery crashed on %s", path)
        return failed_result(path, raw_root, f"recover: {type(exc).__name__}: {exc}", fmt,
                             doc_id, meta)
    result.document["seconds"] = round(time.perf_counter() - start, 4)
    return result


def build_result(doc: Document, doc_id: str, rel: str, size: int | None,
                 meta: dict[str, Any] | None = None) -> DocumentResult:
    """Map an extracted Document onto the national formats and build all output rows."""
    lines = document_lines(doc)
    rows = raw_rows(lines)
    prose = [" ".join(c for c in ln.cells if c) for ln in lines if not ln.in_table]
    md = metadata.read_metadata(prose, doc.title)
    year = _manifest_year(meta) or md.year
    full_text = "\n".join(" ".join(ln.cells) for ln in lines)
    rec = recover(rows, squash(full_text), year)

    # what the text says, then the manifest's overrides on top (applied by _document_row)
    doc_row = _document_row(doc_id, rel, doc.format, "ok", None, size, meta,
                            title=md.title, agency=md.agency, year=md.year,
                            n_pages=doc.n_pages, n_tables=len(doc.tables))
    facts: list[Record] = []
    check_rows: list[Record] = []
    problems: list[str] = []
    if rec.report_format is None:
        doc_row["status"] = "other_format" if metadata.is_report_text(full_text) else "not_report"
    else:
        doc_row["report_format"] = rec.report_format
        facts, values, unparseable = _facts(rec, doc_row)
        sink = _sink_sums(rec)
        for name, expected, actual, ok in checks.evaluate(load_templates()[rec.report_format],
                                                          values, sink, rec.covered_rows):
            check_rows.append({"doc_id": doc_id, "check": name, "expected": expected,
                               "actual": actual, "ok": ok})
        problems = _problems(rec, unparseable)
        if problems:
            doc_row["status"] = "partial"
            doc_row["error"] = "; ".join(problems)
    doc_row["n_facts"] = len(facts)
    doc_row["n_check_failures"] = sum(1 for c in check_rows if not c["ok"])
    return DocumentResult(doc_row, tuple(facts), tuple(check_rows), tuple(_table_rows(doc, doc_id)),
                          tuple(_section_rows(lines, rows, rec, doc_id)))


def _facts(rec: Recovery, doc_row: Record
           ) -> tuple[list[Record], dict[tuple[str, str, str], float | None], list[str]]:
    """Fact rows in keys.csv order, the parsed values, and cells that are not numbers."""
    assert rec.report_format is not None
    facts: list[Record] = []
    values: dict[tuple[str, str, str], float | None] = {}
    bad: list[str] = []
    for key in load_templates()[rec.report_format].keys:
        if key not in rec.cells:
            continue
        raw = rec.cells[key]
        try:
            value = parse_number(raw, "10k_yuan" if key[2] == "amount_10k_yuan" else None)
        except NotANumber:
            value = None
            bad.append(f"{'.'.join(key)}={raw!r}")
        values[key] = value
        facts.append({"doc_id": doc_row["doc_id"], "year": doc_row["year"],
                      "agency": doc_row["agency"], "table": key[0], "row": key[1],
                      "column": key[2], "value": value, "raw": raw})
    return facts, values, bad


def _sink_sums(rec: Recovery) -> dict[str, float]:
    """Per-column values of an undivided row, so outcome sums still add up."""
    out: dict[str, float] = {}
    cols = ("natural_person", "business", "research", "social_org", "legal_service", "other_org",
            "total")
    for vals in rec.sink_values.values():
        if len(vals) == len(cols):
            for col, raw in zip(cols, vals):
                try:
                    out[col] = out.get(col, 0.0) + (parse_number(raw) or 0.0)
                except NotANumber:
                    pass
    return out


def _problems(rec: Recovery, unparseable: list[str]) -> list[str]:
    """Readable reasons why a national-format report is only partially read."""
    out = []
    if rec.missing:
        out.append("missing rows: " + _some(rec.missing))
    if rec.unplaced:
        out.append("unplaced: " + _some(rec.unplaced))
    if unparseable:
        out.append("not numbers: " + _some(unparseable))
    return out


def _some(items: list[str]) -> str:
    """The first few items of a list, then how many more."""
    shown = ", ".join(items[:MAX_ERROR_ITEMS])
    more = len(items) - MAX_ERROR_ITEMS
    return shown + (f" (+{more} more)" if more > 0 else "")


def _table_rows(doc: Document, doc_id: str) -> list[Record]:
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


def _table_line_ranges(rows: list[RawRow], rec: Recovery) -> list[tuple[int, int]]:
    """Stream line ranges the statistical tables occupy (headers and context included)."""
    by_line = {r.line: r for r in rows}
    spans: list[tuple[int, int]] = []
    for line in rec.matched_lines:
        raw = by_line.get(line)
        if raw is None:
            continue
        first = raw.line
        for back in range(1, len(raw.context) + 1):  # header lines, but never a section heading
            prev = rows[raw.index - back]
            if sections.is_heading(" ".join(prev.labels)):
                break
            first = prev.line
        spans.append((first, raw.end))
    return spans


def _section_rows(lines: list[Line], rows: list[RawRow], rec: Recovery,
                  doc_id: str) -> list[Record]:
    """One row per top-level section, table lines left out."""
    spans = _table_line_ranges(rows, rec)
    prose = [" ".join(c for c in ln.cells if c) for n, ln in enumerate(lines)
             if not ln.in_table and not any(a <= n <= b for a, b in spans)]
    return [{"doc_id": doc_id, "section_index": i, "heading": h, "text": t}
            for i, (h, t) in enumerate(sections.split_sections(prose))]
