"""The crawler's optional `manifest.csv` in the raw root: per-file metadata that wins over inference.

Crawlers write one row per downloaded file, e.g.::

    path,url,agency,year,title
    2021/yuecun.txt,https://example.gov.cn/a.html,华龙区岳村镇人民政府,2021,某某年度报告

`path` is relative to the raw root (backslashes and a leading `./` are tolerated).
Empty cells override nothing. Other columns are ignored. The file may be UTF-8
(with or without BOM) or GB18030, as Excel saves it on Chinese systems.
"""

from __future__ import annotations

import csv
import io
import logging
from pathlib import Path, PurePosixPath
from typing import Any

from extractors import decode_text

log = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.csv"
META_FIELDS = ("url", "agency", "year", "title")
_PATH_ALIASES = ("path", "file", "filename", "local_path")

Meta = dict[str, Any]


class ManifestError(ValueError):
    """`manifest.csv` exists but cannot be used (no path column, unreadable)."""


def read_manifest(raw_root: Path) -> dict[str, Meta]:
    """Overrides by path relative to the raw root; empty when there is no manifest."""
    path = raw_root / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        text = decode_text(path.read_bytes())
    except OSError as exc:
        raise ManifestError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    reader = csv.DictReader(io.StringIO(text))
    columns = {(c or "").strip().lower(): c for c in reader.fieldnames or ()}
    path_col = next((columns[a] for a in _PATH_ALIASES if a in columns), None)
    if path_col is None:
        raise ManifestError(f"{path}: no 'path' column (columns: {', '.join(columns) or 'none'})")
    out: dict[str, Meta] = {}
    for line_no, row in enumerate(reader, start=2):
        rel = normalise_path(row.get(path_col) or "", raw_root)
        if not rel:
            continue
        meta = _meta(row, columns, f"{path}:{line_no}")
        if meta:
            out[rel] = meta
    log.info("manifest: overrides for %d files from %s", len(out), path)
    return out


def normalise_path(value: str, raw_root: Path) -> str:
    """A manifest path as a raw-root-relative POSIX path ('' when it cannot be one)."""
    value = value.strip().replace("\\", "/")
    if not value:
        return ""
    pure = PurePosixPath(value)
    if pure.is_absolute():
        try:
            pure = pure.relative_to(raw_root.resolve().as_posix())
        except ValueError:
            return ""
    parts = [p for p in pure.parts if p not in (".", "")]
    # Crawlers often write paths from the project root: data/raw/2021/x.pdf.
    root_parts = list(PurePosixPath(raw_root.as_posix()).parts)
    if root_parts and parts[:len(root_parts)] == root_parts and len(parts) > len(root_parts):
        parts = parts[len(root_parts):]
    return "/".join(parts)


def _meta(row: dict[str, str | None], columns: dict[str, str], where: str) -> Meta:
    """The non-empty override fields of one manifest row; a bad year is logged and skipped."""
    meta: Meta = {}
    for name in META_FIELDS:
        col = columns.get(name)
        value = (row.get(col) or "").strip() if col else ""
        if not value:
            continue
        if name == "year":
            year = _year(value)
            if year is None:
                log.warning("%s: year %r is not a year; ignored", where, value)
                continue
            meta[name] = year
        else:
            meta[name] = value
    return meta


def _year(value: str) -> int | None:
    """A four-digit year from '2021', '2021.0' or '2021年'."""
    digits = value.rstrip("年").strip()
    try:
        year = int(float(digits))
    except ValueError:
        return None
    return year if 1900 <= year <= 2200 else None
