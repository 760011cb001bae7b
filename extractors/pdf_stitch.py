"""Tables crossing page breaks: page parts joined into one `Table` with `row_pages`.

A part continues the table before it when the earlier part ends its page and this one
starts the next (only furniture between) and both have the same outer left and right
edges. Columns are the union of both parts' boundaries (the Hongze 第二十条 table has
four columns on page 2 and two on page 3), a repeated header row is dropped, and an
empty cell at the top of the new page under a merged cell that reached the bottom of
the old page extends that cell's row span (the rowspan of 三、本年度办理结果 goes on), as
does a group label printed again there. With blank values, a row of the new page is the
rest of a row split by the break only when nothing says otherwise (a new item, a label
that visibly ended).

A borderless table is settled once whole (`settle`): only then does its header show
which columns each row has, so only then are its merged cells and blanks known.
"""

from __future__ import annotations

from bisect import bisect_left

from .document import Cell, Table
from .pdf_grid import GridTable, _cluster
from .pdf_text import join_lines, only_marker, starts_item, wrapped_value
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
    （三）不予公开, 1.本机关不掌握… under 8.属于行政查询事项), is a new row (blank-requests-2021-ruled).
    """
    reach = {id(c): _reaching(cells, bottom, c) for c in first if c.text}
    label_on = any(a is not None and a.text and not _is_number(a.text) and not _is_number(c.text)
                   for c in first if c.text for a in [reach[id(c)]])
    # Under a label going on, the few values printed are the rest of wrapped ones (６２ | ４);
    # a new row prints most of its values (Hongze, under 三、本年度办理结果).
    numbers = sum(1 for c in cells if c.row + c.row_span == bottom and _is_number(c.text))
    printed = sum(1 for c in first if _is_number(c.text))
    # A first row printing no label at all is no row of its own either: a few numbers under
    # numbers are the rest of numbers wrapped over the break (１ | ２: 12, LibreOffice).
    bare = not any(c.text and not _is_number(c.text) for c in first)
    mode = ("any" if 2 * printed < numbers else "grouped") if label_on or bare else "no"
    rests = {id(c) for c in first if c.text and (a := reach[id(c)]) is not None  # (１， | ２００)
             and _is_number(a.text.rstrip(",，.．")) and wrapped_value([a.text], c.text, mode)}
    # a label flowing on from one that ran to its cell's edge (理 under （五）不予处) shows
    # the break inside a row: beside it a label that ended short (1.信, a hard line break)
    # goes on too
    flowing = any(c.text and not _is_number(c.text) and (a := reach[id(c)]) is not None and a.text
                  and not _is_number(a.text) and (a.row, a.col) not in ended and c.text != a.text
                  and not starts_item(c.text) for c in first)
    for c in first:
        if not c.text or id(c) in rests:  # (a value wrapped over the break: 件, 0.000 | 0)
            continue
        above = reach[id(c)]
        if above is None or not above.text or _is_number(c.text) or _is_number(above.text):
            return False  # (text under a finished, empty cell starts a row of its own)
        # a label that ended short starts no row where a value runs on (a hard line break
        # in the label: 一、本年新收政 | 府信息公開申請數量 beside ６２ | ４, sweep-200085)
        # a label that ended short ends its row, unless it is a marker alone (`四、` at the
        # foot, 结转下年度继续办理 on the next page, the values beside the marker)
        if starts_item(c.text) or ((above.row, above.col) in ended and not rests and not flowing
                                   and not only_marker(above.text)):
            return False
    return any(c.text for c in first)


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
            above = _reaching(cells, bottom, c) if c.row == skip else None
            if above is not None and (shared or _goes_on(above, c, first, (above.row, above.col) in ended)):
                i = cells.index(above)
                extra = bottom - above.row - above.row_span + c.row_span - (1 if shared else 0)
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
    if all(p.lineless for p in parts):  # its header knows its columns only now
        cells = settle(cells, len(xs) - 1)
    return Table(tuple(cells), page=parts[0].page, row_pages=tuple(row_pages))


def _goes_on(above: Cell, cell: Cell, first: list[Cell], ended: bool = False) -> bool:
    """True when a cell at the top of the new page continues the label cell above the break.

    The group label's cell left blank under it (a blank left of the row's own label), or
    printed again (（三）不予公开 repeated for its remaining rows), or its text flowing on. A
    value cell never goes on: a blank under a blank or a number, or right of the row's
    label, is a cell of its own (blank-requests-2021-ruled: the row under the break keeps
    its seven blanks; blanks under a header ending the page stay blanks).
    """
    if _is_number(above.text) or not (above.text or above.row_span > 1):
        return False
    if not cell.text:
        return any(c.col > cell.col and c.text and not _is_number(c.text) for c in first)
    # (a label that visibly ended flows on into nothing: `其他處理` under `不予處理`, its marker
    # left off, is the next group)
    return cell.text == above.text or (not ended and _flows_on(above, cell))


def _flows_on(above: Cell, cell: Cell) -> bool:
    """True when a merged label's text flows on into its part on the next page.

    LibreOffice splits a tall merged cell's text at the break (三、本 | 年度办理结果);
    a new group starts with its own marker (（五）不予处理) and stays a new cell.
    """
    return (max(above.row_span, cell.row_span) > 1 and bool(above.text)
            and not _is_number(above.text) and not _is_number(cell.text)
            and not starts_item(cell.text))


def _reaching(cells: list[Cell], bottom: int, cell: Cell) -> Cell | None:
    """The cell above the break that `cell` may go on from: the one with its columns, or for
    a label wider on the new page (`公开（区分处理的，只计…` over two columns under `部分` in
    one, borderless), the one starting at its column."""
    above = _cell_reaching(cells, bottom, cell.col, cell.col_span)
    if above is None and cell.text and not _is_number(cell.text):
        above = next((a for span in range(cell.col_span - 1, 0, -1)
                      if (a := _cell_reaching(cells, bottom, cell.col, span)) is not None
                      and a.text and not _is_number(a.text)), None)
    return above


def _cell_reaching(cells: list[Cell], bottom: int, col: int, span: int) -> Cell | None:
    """The cell with exactly these columns that reaches grid row `bottom`: its row span
    ends there, or no cell at all lies under it (a borderless part knows no row spans:
    mixed-2019-lineless: the 勾稽 note over two header rows, its second line on the next page)."""
    best = None
    for c in cells:
        if c.col == col and c.col_span == span and c.row + c.row_span <= bottom and (
                best is None or c.row > best.row):
            best = c
    if best is None or best.row + best.row_span == bottom:
        return best
    under = range(best.row + best.row_span, bottom)
    if any(c.row + c.row_span > under.start and c.row < bottom and c.col < col + span
           and col < c.col + c.col_span for c in cells):
        return None
    return best


# -- borderless tables, once joined ------------------------------------------------------

def _label_end(cells: list[Cell]) -> int:
    """Last column of the labels: of the rows printing values, else of the one-cell rows."""
    rows: dict[int, list[Cell]] = {}
    for c in cells:
        rows.setdefault(c.row, []).append(c)
    valued = [r for r in rows.values() if any(is_value_token(c.text) for c in r)]
    chosen = valued or [r for r in rows.values() if len(r) == 1]
    return max((c.col + c.col_span - 1 for r in chosen for c in r
                if c.text and not is_value_token(c.text)), default=-1)


def settle(cells: list[Cell], n_cols: int) -> list[Cell]:
    """Cells spread over the empty space their merged cells cover, and a blank wherever a row
    prints nothing in a column its header knows.

    As a borderless table prints them (borderless-2021-sans, 2019 fees): a header cell goes
    on right to the next cell of its row and down to the next cell under it (申请人情况 over
    seven columns, 自然人 over two rows); a column no header covers belongs to the header on
    its left (本年处理决定数量 over three). A label goes on right over empty label columns and,
    where the rows under it print their labels further right, down (三、本年度办理结果,
    （三）不予公开). A label-only row right above a header is a title over the whole table.
    """
    labels = _label_end(cells)
    grid: dict[tuple[int, int], int] = {}
    box = [[c.row, c.col, c.row + c.row_span, c.col + c.col_span] for c in cells]
    for i, (r0, c0, r1, c1) in enumerate(box):
        grid.update(((r, k), i) for r in range(r0, r1) for k in range(c0, c1))
    n_rows = max((b[2] for b in box), default=0)
    firsts = {r: min((b[1] for b in box if b[0] == r), default=n_cols) for r in range(n_rows)}
    header = {b[0] for b, c in zip(box, cells)
              if b[1] > labels and c.text and not is_value_token(c.text)}

    def free(r0: int, r1: int, c0: int, c1: int) -> bool:
        return all((r, k) not in grid for r in range(r0, r1) for k in range(c0, c1))

    def grow(i: int, r1: int, c1: int) -> None:
        grid.update(((r, k), i) for r in range(box[i][0], r1) for k in range(box[i][1], c1))
        box[i][2], box[i][3] = r1, c1

    blocks: list[list[list[int]]] = []  # each row's value columns, from its header block
    for r in range(n_rows):
        if r in header and r - 1 not in header:
            blocks.append(_groups(box, header, r, labels, n_cols))
        else:
            blocks.append(blocks[-1] if blocks else [[k, k + 1] for k in range(labels + 1, n_cols)])
    for i in sorted(range(len(box)), key=lambda i: (box[i][0], box[i][1])):
        r0, c0, r1, c1 = box[i]
        groups = blocks[r0]
        if r0 not in header and r0 + 1 in header and c0 <= labels and free(r0, r1, c1, n_cols):
            grow(i, r1, n_cols)  # a title row
        elif r0 in header and c0 > labels:
            while c1 < n_cols and free(r0, r1, c1, c1 + 1) and (
                    r1 in header or not any(g[0] == c1 for g in groups)):
                c1 += 1
            while r1 in header and free(r1, r1 + 1, c0, c1):
                r1 += 1
            grow(i, r1, c1)
        elif c0 <= labels:
            while c1 <= labels and free(r0, r1, c1, c1 + 1):
                c1 += 1
            while r1 < n_rows and ((r1 in header) == (r0 in header)) and (
                    r0 in header or firsts[r1] >= c1) and free(r1, r1 + 1, c0, c1):
                r1 += 1  # a corner cell over its header rows, a group label over its items
            grow(i, r1, c1)
        elif cells[i].text:
            group = next((g for g in groups if g[0] <= c0 < g[1]), [c0, c1])
            if free(r0, r1, group[0], c0) and free(r0, r1, c1, group[1]):
                box[i][1] = group[0]
                grow(i, r1, max(c1, group[1]))
    out = [Cell(b[0], b[1], c.text, b[2] - b[0], b[3] - b[1]) for b, c in zip(box, cells)]
    for r in range(n_rows):
        if r in header or not any(b[0] == r for b in box):
            continue
        out += [Cell(r, a, "", 1, b - a) for a, b in blocks[r] if a > labels and free(r, r + 1, a, b)]
    return sorted(out, key=lambda c: (c.row, c.col))


def _groups(box: list[list[int]], header: set[int], top: int, labels: int, n_cols: int
            ) -> list[list[int]]:
    """The value columns under a block of header rows: each the columns of one lowest header
    cell, a column no header covers joined to the one on its left."""
    rows = [r for r in range(top, top + len(header) + 1) if r in header]
    rows = rows[:next((k for k, r in enumerate(rows) if r != top + k), len(rows))]
    leaf: dict[int, int] = {}
    for i, b in enumerate(box):
        if b[0] in rows:
            for k in range(b[1], b[3]):
                if k not in leaf or box[leaf[k]][0] < b[0]:
                    leaf[k] = i
    groups: list[list[int]] = []
    for k in range(labels + 1, n_cols):
        if groups and (k not in leaf or leaf.get(k) == leaf.get(k - 1)):
            groups[-1][1] = k + 1
        else:
            groups.append([k, k + 1])
    return groups
