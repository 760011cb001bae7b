"""A document's status and the reason for it, from what recovery found (docling's `_determine_status`).

- `ok`: a national format found and every cell of it read;
- `partial`: a national format, with rows missing, rows not placeable, or cells that
  are not numbers; `error` lists them;
- `other_format`: an annual report whose statistics follow no national format;
- `not_report`: not an annual report at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..templates import Template
from .lines import RawRow
from .placement import Match, Placed, label_of
from .settings import SETTINGS


@dataclass(frozen=True)
class Status:
    """The status of one document and its readable reason (None when `ok`)."""

    status: str
    error: str | None = None


def missing_rows(template: Template, placed: Placed) -> list[str]:
    """Template rows (`table.row`) neither placed, reported, nor covered by an undivided row."""
    return [f"{trow.table}.{trow.key}" for trow in template.rows
            if trow.kind == "row" and f"{trow.table}.{trow.key}" not in placed.placed_rows
            and trow.key not in placed.covered_rows]


def stray_rows(rows: list[RawRow], matches: list[Match]) -> list[str]:
    """Rows holding numbers between placed rows of the same table that fit no template row."""
    used = {id(m.raw) for m in matches}
    out = []
    for a, b in zip(matches, matches[1:]):
        if a.row.table != b.row.table:
            continue
        for raw in rows[a.raw.index + 1:b.raw.index]:
            if id(raw) not in used and raw.n_values > 0 and raw.labels:
                out.append(f"{a.row.table}: unrecognised row '{label_of(raw)}' "
                           f"({raw.n_values} values)")
    return out


def determine_status(template: Template | None, is_report: bool, missing: list[str],
                     unplaced: list[str], not_numbers: list[str]) -> Status:
    """The status of a document and why, from its format and what could not be read."""
    if template is None:
        return Status("other_format" if is_report else "not_report")
    problems = []
    if missing:
        problems.append("missing rows: " + some(missing))
    if unplaced:
        problems.append("unplaced: " + some(unplaced))
    if not_numbers:
        problems.append("not numbers: " + some(not_numbers))
    return Status("partial", "; ".join(problems)) if problems else Status("ok")


def some(items: list[str]) -> str:
    """The first few items of a list, then how many more."""
    limit = SETTINGS.max_error_items
    shown = ", ".join(items[:limit])
    more = len(items) - limit
    return shown + (f" (+{more} more)" if more > 0 else "")
