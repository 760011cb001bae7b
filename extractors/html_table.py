"""An HTML `<table>` as a grid of `Cell`s: rows in visual order, spans resolved to positions.

Each `<td>`/`<th>` is placed at the first free column of its row, skipping positions
covered by a `rowspan` from above, and recorded once with its spans (never copied
into the positions it covers). Spans are clamped as browsers clamp them: `colspan` to
1000, `rowspan` to the end of its row group (`rowspan=0` means exactly that), so a
hostile `rowspan=65534` costs nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from lxml import etree

from .document import Cell

MAX_COLSPAN = 1000
CELL_TAGS = frozenset({"td", "th"})
_LEADING_INT = re.compile(r"\s*\+?(\d+)")

CellText = Callable[[etree._Element], str]


def row_groups(table: etree._Element) -> list[list[etree._Element]]:
    """The table's own `<tr>`s grouped as rendered: `<thead>`, bodies in order, `<tfoot>` last."""
    head: list[list[etree._Element]] = []
    bodies: list[list[etree._Element]] = []
    foot: list[list[etree._Element]] = []
    loose: list[etree._Element] = []  # <tr> directly under <table> form an implicit body
    for child in table:
        tag = child.tag
        if tag == "tr":
            loose.append(child)
            continue
        if loose:
            bodies.append(loose)
            loose = []
        if tag in ("thead", "tbody", "tfoot"):
            rows = [tr for tr in child if tr.tag == "tr"]
            {"thead": head, "tbody": bodies, "tfoot": foot}[str(tag)].append(rows)
    if loose:
        bodies.append(loose)
    return [g for g in head + bodies + foot if g]


def own_cells(table: etree._Element) -> Iterator[etree._Element]:
    """The `<td>`/`<th>` elements of this table, not of tables nested inside it."""
    for group in row_groups(table):
        for tr in group:
            for cell in tr:
                if cell.tag in CELL_TAGS:
                    yield cell


def _span(cell: etree._Element, name: str) -> int:
    """The integer value of a span attribute as browsers read it (`2px` is 2, junk is 1)."""
    match = _LEADING_INT.match(cell.get(name) or "")
    return int(match.group(1)) if match else 1


def table_cells(table: etree._Element, cell_text: CellText) -> tuple[Cell, ...]:
    """Every cell of the table once, at its top-left grid position, with clamped spans."""
    cells: list[Cell] = []
    taken: dict[int, set[int]] = {}
    hidden: set[int] = set()
    base = 0
    for group in row_groups(table):
        for i, tr in enumerate(group):
            row, left = base + i, len(group) - i
            if _is_hidden(tr):
                hidden.add(row)
            used = taken.setdefault(row, set())
            col = 0
            for td in tr:
                if td.tag not in CELL_TAGS:
                    continue
                while col in used:
                    col += 1
                col_span = min(max(_span(td, "colspan"), 1), MAX_COLSPAN)
                row_span = _span(td, "rowspan")
                row_span = left if row_span == 0 else min(row_span, left)
                cells.append(Cell(row, col, cell_text(td), row_span, col_span))
                for r in range(row, row + row_span):
                    taken.setdefault(r, set()).update(range(col, col + col_span))
                col += col_span
        base += len(group)
    return _drop_trailing_hidden_rows(cells, hidden)


def _is_hidden(tr: etree._Element) -> bool:
    """True for a row no browser shows: Word's `supportMisalignedColumns` row (`height=0`)."""
    style = (tr.get("style") or "").replace(" ", "").lower()
    return tr.get("height") == "0" or "display:none" in style or "height:0" in style


def _drop_trailing_hidden_rows(cells: list[Cell], hidden: set[int]) -> tuple[Cell, ...]:
    """Cells without the blank hidden rows at the bottom; a visible row of blanks stays.

    A table's last row printing only blank cells is data (a body with no review or
    suit); the blank row Word adds for column widths is hidden.
    """
    last = max((c.row + c.row_span - 1 for c in cells
                if c.text or c.row_span > 1 or c.row not in hidden), default=-1)
    return tuple(c for c in cells if c.row <= last)


def is_layout_table(table: etree._Element, text_len: Callable[[etree._Element], int]) -> bool:
    """True for a table that lays out a page rather than holding data: walk into it instead.

    A table around other tables, a one-cell box, a cell of over 500 characters, or a
    one-column table of long text (a page column) is layout; the rest is a grid.
    """
    if table.find(".//table") is not None:
        return True
    cells = list(own_cells(table))
    if len(cells) <= 1:
        return True
    total = text_len(table)
    if total <= 200 or total < 40 * len(cells):
        return False  # data cells are short: a grid averages a few characters per cell
    longest = max(text_len(c) for c in cells)
    if longest > 500:
        return True  # a page column: no data cell holds hundreds of characters
    one_column = all(sum(1 for c in tr if c.tag in CELL_TAGS) <= 1
                     for group in row_groups(table) for tr in group)
    return one_column and longest > 200
