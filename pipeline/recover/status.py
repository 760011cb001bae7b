"""A document's status and the reason for it, from what recovery found (docling's `_determine_status`).

- `ok`: a national format found and every cell of it read;
- `partial`: a national format, with rows missing, rows not placeable, or cells that
  are not numbers; `error` lists them;
- `other_format`: an annual report whose statistics follow no national format; `error`
  says what was found of the closest one;
- `not_report`: not an annual report at all; `error` says why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..templates import Template
from .cells import Placed
from .format import FormatChoice, found_rows
from .kind import Kind
from .lines import RawRow
from .placement import REVIEW_WORDS, Match, label_of
from .settings import SETTINGS

# What each table is called in messages: the names a reader of the report knows.
TABLE_NAMES = {"proactive_rules": "第二十条 rules table", "proactive_licensing": "licensing table",
               "proactive_enforcement": "enforcement table", "proactive_fees": "fees table",
               "proactive_procurement": "procurement table", "applications": "request table",
               "review_litigation": "review/litigation table"}


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
            if id(raw) not in used and raw.n_values > 0 and raw.labels and not _page_number(raw):
                out.append(f"{a.row.table}: unrecognised row '{label_of(raw)}' "
                           f"({raw.n_values} values)")
    return out


def unread_review(template: Template, rows: list[RawRow], missing: list[str]) -> list[str]:
    """The review/litigation table printed (its header of outcomes, on one line or one word
    per line) but no row of it read: its values too few to place (`10 values for 15 cells`:
    blanks printed as nothing)."""
    if "review_litigation" not in _absent_tables(template, missing):
        return []
    at = [i for i in range(len(rows)) if sum(w in "".join(x for r in rows[i:i + 6] for x in r.labels)
                                             for w in REVIEW_WORDS) >= 2]
    if not at:
        return []
    start = at[-1]
    end = next((i for i in range(start, len(rows))
                if rows[i].labels and not any(w in "".join(rows[i].labels) for w in (*REVIEW_WORDS, "结果",
                                                                                   "合计", "总计", "复议", "诉讼"))),
               len(rows))
    values = sum(r.n_values for r in rows[start:end])
    cells = sum(r.n_values for r in template.rows if r.table == "review_litigation" and r.kind == "wide")
    return [f"review_litigation: header printed, its values not placed ({values} values for {cells} cells)"]


def _page_number(raw: RawRow) -> bool:
    """A wrapped label's tail with nothing on its line but a bare number on a line of its own
    (`4.保护第三方合法` / `权益` / `3` at a page break): the page's number, no row."""
    return (not any(raw.own) and len(raw.extra_lines) == 1 and len(raw.extra) == 1
            and re.fullmatch(r"\d{1,3}", raw.extra[0]) is not None)


def determine_status(template: Template, missing: list[str], unplaced: list[str],
                     not_numbers: list[str]) -> Status:
    """The status of a national-format document and why: `ok`, or `partial` listing what is missing."""
    problems = []
    headed = {u.split(":")[0] for u in unplaced if ": header printed" in u}  # said there
    absent = [t for t in _absent_tables(template, missing) if t not in headed]
    if absent:
        problems.append("no " + ", no ".join(TABLE_NAMES.get(t, t) for t in absent))
    rest = [m for m in missing if m.split(".")[0] not in absent and m.split(".")[0] not in headed]
    if rest:
        problems.append("missing rows: " + some(rest))
    if unplaced:
        problems.append("unplaced: " + some(unplaced))
    if not_numbers:
        problems.append("not numbers: " + some(not_numbers))
    return Status("partial", "; ".join(problems)) if problems else Status("ok")


def _absent_tables(template: Template, missing: list[str]) -> list[str]:
    """Tables every row of which is missing (a page cut off before them)."""
    gone = set(missing)
    return [t for t in template.tables
            if all(f"{r.table}.{r.key}" in gone for r in template.rows if r.table == t and r.kind == "row")]


def not_national(choice: FormatChoice, kind: Kind) -> Status:
    """`other_format` (an annual report in no national format) or `not_report`, saying why.

    `other_format` says what the report is and what was found of the closest national
    format (`annual report: title, 6 report sections, pre-2019 statistics (…); closest
    national format 2021; request table: 3 of 25 rows; no fees table`).
    """
    if not kind.is_report:
        return Status("not_report", kind.reason)
    if choice.candidate is None:
        return Status("other_format", f"{kind.reason}; no table row of a national format found")
    counts = found_rows(choice.candidate, choice.matches)
    found = [f"{TABLE_NAMES.get(t, t)}: {n} of {k} rows" for t, (n, k) in counts.items() if n]
    none = [TABLE_NAMES.get(t, t) for t, (n, _) in counts.items() if not n]
    parts = [kind.reason, f"closest national format {choice.candidate.format}"] + found
    if none:
        parts.append("no " + ", no ".join(none))
    return Status("other_format", "; ".join(parts))


def some(items: list[str]) -> str:
    """The first few items of a list, then how many more."""
    limit = SETTINGS.max_error_items
    shown = ", ".join(items[:limit])
    more = len(items) - limit
    return shown + (f" (+{more} more)" if more > 0 else "")
