"""Tables crossing page breaks: page parts joined into one `Table` with `row_pages`.

A part continues the table before it when the earlier part ends its page and this one
starts the next (only furniture between) and both have the same outer left and right
edges. Columns are the union of both parts' boundaries (the Hongze 第二十条 table has
four columns on page 2 and two on page 3), a repeated header row is dropped, and an
empty cell at the top of the new page under a merged cell that reached the bottom of
the old page extends that cell's row span (the rowspan of 三、本年度办理结果 goes on).
"""

from __future__ import annotations

from bisect import bisect_left

from .document import Cell, Table
from .pdf_grid import GridTable, _cluster
from .pdf_text import join_lines, starts_item
from .values import is_value_token

EDGE = 4.0  # outer edges within this (pt) are the same table width


def continues(prev: GridTable, part: GridTable) -> bool:
    """True when `part` (top of its page) has the outer edges of `prev` (bottom of the last)."""
    return (abs(prev.xs[0] - part.xs[0]) <= EDGE and abs(prev.xs[-1] - part.xs[-1]) <= EDGE
            and part.page == prev.page + 1)


def _remap(part: GridTable, xs: list[float]) -> list[Cell]:
    """The part's cells with columns renumbered onto the shared boundaries `xs`."""
    def index(x: float) -> int:
        i = bisect_left(xs, x - EDGE)
        return min(i, len(xs) - 1)
    out = []
    for c in part.cells:
        c0, c1 = index(part.xs[c.col]), index(part.xs[c.col + c.col_span])
        out.append(Cell(c.row, c0, c.text, c.row_span, max(1, c1 - c0)))
    return out


def _row_key(cells: list[Cell], row: int) -> tuple[tuple[int, int, str], ...]:
    """A row's starting cells as comparable (col, span, text) tuples."""
    return tuple(sorted((c.col, c.col_span, c.text) for c in cells if c.row == row))


def _repeated_header(done: list[Cell], new: list[Cell]) -> int:
    """How many leading rows of `new` repeat the leading rows of the table so far."""
    n = 0
    while _row_key(new, n) and _row_key(new, n) == _row_key(done, n):
        if any(_is_number(c.text) for c in new if c.row == n):
            break  # a data row that happens to match is data
        n += 1
    return n


def _is_number(text: str) -> bool:
    """True for a statistical value cell (a number or a blank marker), not a numbered label."""
    return bool(text) and is_value_token(text)


def _split_row(cells: list[Cell], bottom: int, first: list[Cell], ended: set[tuple[int, int]]
               ) -> bool:
    """True when the new page's first row is the rest of the old page's last row.

    Word and LibreOffice let a row break across pages: the label's overflow lands under
    the label, finished cells come out empty. Numbers under text, or under numbers, mean
    a new row (a data row under the header; Hongze's next row under 三、本年度办理结果).
    Where the values are blank only the labels tell: text under a label whose last line
    ended short of the cell's edge (`ended`), or text opening a new item (（四）无法提供 under
    （三）不予公开, 1.本机关不掌握… under 8.属于行政查询事项), is a new row (/tmp probe 2021-requests-ruled).
    """
    grew = False
    for c in first:
        if not c.text:
            continue
        above = _cell_reaching(cells, bottom, c.col, c.col_span)
        if above is None or (above.text and (_is_number(c.text) or _is_number(above.text))):
            return False
        if above.text and (starts_item(c.text) or (above.row, above.col) in ended):
            return False
        grew = grew or bool(above.text)
    return grew


def join_parts(parts: list[GridTable]) -> Table:
    """One `Table` from a chain of page parts, merged cells continued across the breaks."""
    xs = _cluster([x for p in parts for x in p.xs], EDGE)
    cells: list[Cell] = []
    ended: set[tuple[int, int]] = set()  # (row, col) of joined cells whose text visibly ends
    row_pages: list[int] = []
    for part in parts:
        new = _remap(part, xs)
        closed = {(n.row, n.col) for n, c in zip(new, part.cells) if (c.row, c.col) in part.closed}
        skip = _repeated_header(cells, new) if cells else 0
        bottom = len(row_pages)
        first = [c for c in new if c.row == skip]
        shared = bool(cells) and _split_row(cells, bottom, first, ended)
        # With a split row, the new page's first row IS the old page's last grid row.
        offset = bottom - skip - (1 if shared else 0)
        for c in new:
            if c.row < skip:
                continue
            above = _cell_reaching(cells, bottom, c.col, c.col_span) if c.row == skip else None
            if above is not None and (shared or _goes_on(above, c)):
                i = cells.index(above)
                extra = c.row_span - (1 if shared else 0)
                text = above.text if c.text == above.text else join_lines([above.text, c.text])
                cells[i] = Cell(above.row, above.col, text, above.row_span + extra, above.col_span)
                if c.text:
                    ended.discard((above.row, above.col))
                    if (c.row, c.col) in closed:
                        ended.add((above.row, above.col))
                continue
            cells.append(Cell(c.row + offset, c.col, c.text, c.row_span, c.col_span))
            if (c.row, c.col) in closed:
                ended.add((c.row + offset, c.col))
        n_rows = len(part.ys) - 1 - skip - (1 if shared else 0)
        row_pages += [part.page] * n_rows
    return Table(tuple(cells), page=parts[0].page, row_pages=tuple(row_pages))


def _goes_on(above: Cell, cell: Cell) -> bool:
    """True when a cell at the top of the new page continues the label cell above the break.

    The group label's cell left blank under it, or printed again (（三）不予公开 repeated for its
    remaining rows), or its text flowing on. A value cell never goes on: a blank under a
    blank or a number is a cell of its own (2021-requests-ruled: the row under the break
    kept its seven blanks).
    """
    if _is_number(above.text) or not (above.text or above.row_span > 1):
        return False
    return not cell.text or cell.text == above.text or _flows_on(above, cell)


def _flows_on(above: Cell, cell: Cell) -> bool:
    """True when a merged label's text flows on into its part on the next page.

    LibreOffice splits a tall merged cell's text at the break (三、本 | 年度办理结果);
    a new group starts with its own marker (（五）不予处理) and stays a new cell.
    """
    return (max(above.row_span, cell.row_span) > 1 and bool(above.text)
            and not _is_number(above.text) and not _is_number(cell.text)
            and not starts_item(cell.text))


def _cell_reaching(cells: list[Cell], bottom: int, col: int, span: int) -> Cell | None:
    """The cell with exactly these columns whose row span ends at grid row `bottom`."""
    for c in cells:
        if c.col == col and c.col_span == span and c.row + c.row_span == bottom:
            return c
    return None
