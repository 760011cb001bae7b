"""Tables without rules: text lines whose pieces stand in columns.

A borderless table shows as lines split by wide gaps into pieces. Its anchor lines
have two or more pieces (a header, a row of values); a run of anchors close together,
with the lines between them, is a table. Label-only lines just above or below a run
join it where that is unambiguous: in the table's type size, within its columns, and
with a line of another size (or nothing) beyond them.

Columns: the bands where pieces overlap, split again wherever one line prints two
pieces inside one band (三 | （一）予以公开: the stacked group column beside the items).
A piece over several columns gets a col_span.

Rows: a piece opens a new cell unless it sits tight under the piece above it (a wrapped
or stacked label goes on); a line that opens a cell opens a row, and a label going on
over several rows gets a row_span. Values printed beside a label still on its row are
that row's (cells centred vertically). Where a table has horizontal rules only, the rules
group its lines into rows, if they part every two lines of values.

A table running to the foot of a page goes on at the top of the next with the lines
that fit its columns (`Carry`), all its parts built on the columns of all their lines.
Once joined, `pdf_stitch.settle` spreads merged cells over the space they leave and puts
an empty cell wherever a row prints nothing in a column its header knows.
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from .pdf_geometry import Glyph, Seg
from .pdf_grid import GridTable, disjoint_cells, merge_rules
from .pdf_text import (
    Grid,
    column_grid,
    join_spread,
    line_text,
    piece_columns,
    segments,
    split_at_columns,
    starts_item,
    value_apart,
    words_apart,
    wrapped_value,
)
from .values import is_value_token

GAP = 0.9  # a gap wider than this many font sizes separates two cells
SPREAD = 1.5  # single characters at most this many font sizes apart are one spread-out label
# (wider: single characters in columns of their own, 结 | 结 | 其 | 尚 stacked down a header)
TIGHT = 0.9  # lines of one cell are at most this many font sizes apart (rows a type size apart are rows)
NEAR = 3.0  # a label-only row is at most this many font sizes from the table's next line
RUN_GAP = 6.0  # anchor lines of one table are at most this many font sizes apart
SIZE_TOL = 0.6  # type sizes within this (pt) are the same size
_PROSE = ("。", "；", ";")
Line = list[Glyph]


class TextLine(NamedTuple):
    """A text line with its pieces (cells), their texts, extent and type size."""

    glyphs: Line
    pieces: list[Line]
    texts: list[str]
    top: float
    bottom: float
    size: float


class Carry(NamedTuple):
    """A borderless table that ran to the bottom of its page: what its continuation needs."""

    grid: Grid
    size: float
    label_x: float  # where its value columns start
    lines: list[TextLine]  # its lines, over all pages so far: the columns are the whole table's


def text_line(glyphs: Line) -> TextLine:
    """A line with its pieces split at wide gaps (made once a page: pieces cost text)."""
    pieces = words_apart(value_apart(join_spread(segments(glyphs, GAP), SPREAD)))
    sizes = sorted(g.size for g in glyphs)
    return TextLine(glyphs, pieces, [line_text(p) for p in pieces], min(g.top for g in glyphs),
                    max(g.bottom for g in glyphs), sizes[len(sizes) // 2])


def _repieced(ln: TextLine, pieces: list[Line]) -> TextLine:
    """The line with its pieces split further."""
    return ln if len(pieces) == len(ln.pieces) else ln._replace(pieces=pieces, texts=[line_text(p) for p in pieces])


def _prose(ln: TextLine) -> bool:
    """True for a line of running text (a sentence mark in it)."""
    return any(mark in t for t in ln.texts for mark in _PROSE)


def _anchor(ln: TextLine) -> bool:
    """True for a line in columns: two or more pieces, a value among them or no sentence."""
    return len(ln.pieces) >= 2 and (any(is_value_token(t) for t in ln.texts) or not _prose(ln))


def _has_value(ln: TextLine) -> bool:
    """True for a row of values: two or more pieces, one of them a value."""
    return len(ln.pieces) >= 2 and any(is_value_token(t) for t in ln.texts)


def _same_size(a: float, b: float) -> bool:
    """True when two type sizes are the same."""
    return abs(a - b) <= SIZE_TOL


def _runs(lns: list[TextLine]) -> list[list[int]]:
    """[start, end) index ranges of anchors close together, no foreign line between."""
    runs: list[list[int]] = []
    for i, ln in enumerate(lns):
        if not _anchor(ln):
            continue
        if runs and _joins(lns, runs[-1], i):
            runs[-1][1] = i + 1
        else:
            runs.append([i, i + 1])
    return runs


def _joins(lns: list[TextLine], run: list[int], i: int) -> bool:
    """True when anchor i continues the run: close below it, or below rows that fit its columns.

    Label-only rows between two anchors are the table's (blank-2019-lineless: 规章,
    规范性文件 and 第二十条第（五）项 between two headers of the 第二十条 table).
    """
    last = run[1] - 1
    size = max(lns[last].size, 1.0)
    between = lns[last + 1:i]
    if not all(_same_size(ln.size, size) and not _prose(ln) for ln in between + [lns[i]]):
        return False
    if lns[i].top - lns[last].bottom <= RUN_GAP * size:
        return True
    grid, label_x = column_grid([ln.pieces for ln in lns[run[0]:run[1]]]), _label_x(lns[run[0]:run[1]])
    return all(_fits(ln, grid, size, label_x) for ln in between) and all(
        b.top - a.bottom <= NEAR * size for a, b in zip(lns[last:i], lns[last + 1:i + 1]))


def _valid(lns: list[TextLine]) -> bool:
    """True when a run is a table: a row of values, or two anchors, or three columns."""
    anchors = [ln for ln in lns if _anchor(ln)]
    return (any(_has_value(ln) for ln in anchors) or len(anchors) >= 2
            or any(len(ln.pieces) >= 3 for ln in anchors))


def _label_x(lns: list[TextLine]) -> float:
    """Where a table's value columns start: its leftmost value, else the leftmost piece of
    its headers not at the table's left edge (a blank table: 自然人 of the request table);
    headers of three or more columns first (a blank row's `（三）不予公 | 1.属于…` is no header)."""
    values = [p[0].x0 for ln in lns for p, t in zip(ln.pieces, ln.texts) if is_value_token(t)]
    if values:
        return min(values)
    left = min(ln.pieces[0][0].x0 for ln in lns)
    for least in (3, 2):
        inner = [p[0].x0 for ln in lns if _anchor(ln) and len(ln.pieces) >= least
                 for p in ln.pieces if p[0].x0 > left + ln.size]
        if inner:
            return min(inner)
    return left


def _one_column(grid: Grid, piece: Line) -> bool:
    """True when a piece stands inside one column."""
    c0, c1 = piece_columns(grid, piece)
    return c0 == c1


def _fits(ln: TextLine, grid: Grid, size: float, label_x: float) -> bool:
    """True for a label-only line that could be a row: table type size, inside the table,
    each piece left of the values or inside one column (四、结转下年度继续办理 is a row,
    四、政府信息公开行政复议、行政诉讼情况 running into the value columns is not)."""
    if _anchor(ln) or _prose(ln) or not _same_size(ln.size, size):
        return False
    xs = grid.xs
    return all(xs[0] - size <= p[0].x0 and p[-1].x1 <= xs[-1] + size
               and (p[-1].x1 <= label_x + 0.5 * size or _one_column(grid, p))
               for p in ln.pieces)


def _adjacent(lns: list[TextLine], run: list[int], lo: int, hi: int) -> tuple[int, int]:
    """The run grown by label-only rows just above and below it, where unambiguous.

    Unambiguous: each in the table's type size and inside its columns, tight enough to
    be rows, and beyond them a line of another size or nothing at all (blank-2019-lineless:
    9 pt table rows, 12 pt headings).
    """
    a, b = run
    grid, size, label_x = column_grid([ln.pieces for ln in lns[a:b]]), lns[a].size, _label_x(lns[a:b])
    while b < hi and _fits(lns[b], grid, size, label_x) and lns[b].top - lns[b - 1].bottom <= NEAR * size:
        b += 1
    if b < hi and b > run[1] and _same_size(lns[b].size, size):
        b = run[1]  # the next line could be a row too: the block may be text after the table
    while a > lo and _fits(lns[a - 1], grid, size, label_x) and lns[a].top - lns[a - 1].bottom <= NEAR * size:
        a -= 1
    if a > lo and a < run[0] and _same_size(lns[a - 1].size, size):
        a = run[0]
    return a, b


class _Open(NamedTuple):
    """Where a cell's text last ended: a piece tight under it goes on in that cell."""

    cell: int
    x0: float
    x1: float
    bottom: float


def _parts_rows(rules: list[float], lns: list[TextLine]) -> bool:
    """True when no two lines of values (two value pieces or more) share the space between two
    rules: rules only under the header and at the foot (三线表) would make the body one row."""
    slots = Counter(sum(1 for r in rules if r < ln.top) for ln in lns if sum(map(is_value_token, ln.texts)) >= 2)
    return all(n <= 1 for n in slots.values())


def _table(lns: list[TextLine], segs: list[Seg], page: int, grid: Grid) -> GridTable:
    """One borderless table from its lines on `grid`: the cells it prints, with their spans."""
    xs = grid.xs
    size = max(lns[0].size, 1.0)
    # rules drawn cell by cell (reportlab, WPS) are joined first
    rules = sorted(s.top for s in merge_rules(segs)[0] if s.x0 <= xs[1] and s.x1 >= xs[-2]
                   and lns[0].top < s.top < lns[-1].bottom)
    rules = rules if _parts_rows(rules, lns) else []
    spans: list[list[int]] = []  # per cell: row0, row1, col0, col1
    texts: list[list[str]] = []
    widths: list[float] = []  # of each cell's last piece
    opened: list[_Open] = []
    tops: list[float] = []
    bottom = 0.0  # of the current row's last line
    for ln in lns:
        opened = [o for o in opened if ln.top - o.bottom <= TIGHT * size  # none go on from there,
                  and not any(o.bottom < r < ln.top for r in rules)]  # nor across a rule
        plan: list[tuple[Line, str, int, int, int | None]] = []
        under: list[int | None] = []  # the cell each piece sits tight under
        for p, text in zip(ln.pieces, ln.texts):
            c0, c1 = piece_columns(grid, p)
            above = max((o for o in opened if o.x0 < p[-1].x1 and p[0].x0 < o.x1),
                        key=lambda o: o.bottom, default=None)
            k = above.cell if above is not None and ln.top - above.bottom <= TIGHT * size else None
            under.append(k)
            goes_on = (k is not None and not is_value_token(text) and not starts_item(text)
                       and not is_value_token(texts[k][-1]))
            plan.append((p, text, c0, c1, k if goes_on else None))
        # Nothing but the rest of the cells above, a value among them (`件` under 22, `６`
        # under １，２０ in a narrow column; digits under a number beside a label going on,
        # or on a line of nothing but values, ３２ | ２): a line of wrapped cells, no row.
        # Units among them (`１ | 件 | ２２` under `３５ | 896 | １３`) finish the values
        # above: no row prints a unit alone, so the digits beside them go on too.
        on = "any" if any(k is not None for *_, k in plan) or all(
            is_value_token(t) or (u is not None and is_value_token(texts[u][-1] + t))
            for t, u in zip(ln.texts, under)) else "no"
        if not all(k is not None for *_, k in plan) and all(
                g is not None or (u is not None and wrapped_value(texts[u], t, on))
                for (_, t, _, _, g), u in zip(plan, under)):
            plan = [(p, t, c0, c1, u) for (p, t, c0, c1, _), u in zip(plan, under)]
        row = len(tops) - 1
        if rules and tops:
            new_row = any(tops[-1] < r < ln.top for r in rules)
        else:
            # A value beside the current row's label, tight under it, in a column the
            # row has not filled, is that row's (a label wrapped over two lines, values
            # centred between them).
            new_row = not tops or any(
                k is None and not (is_value_token(t) and ln.top - bottom <= TIGHT * size
                                   and _in_row(spans, row, c0, c1) is None)
                for _, t, c0, c1, k in plan)
        if new_row:
            tops.append(ln.top)
            row += 1
            bottom = ln.bottom
        bottom = max(bottom, ln.bottom)
        for p, text, c0, c1, k in plan:
            if k is None and rules:
                k = _in_row(spans, row, c0, c1)
            if k is None:
                k = len(spans)
                spans.append([row, row, c0, c1])
                texts.append([text])
                widths.append(0.0)
            else:
                spans[k][1] = row
                spans[k][2], spans[k][3] = min(spans[k][2], c0), max(spans[k][3], c1)
                texts[k].append(text)
            widths[k] = p[-1].x1 - p[0].x0
            opened = [o for o in opened if o.cell != k] + [_Open(k, p[0].x0, p[-1].x1, ln.bottom)]
    # A label ends short when its last line is well short of the widest text in its
    # columns (where a wrapped label would run to): 行政许可 at the foot of a page is no
    # row cut by the break (borderless-2021-landscape).
    widest: dict[tuple[int, int], float] = {}
    for sp, w in zip(spans, widths):
        widest[(sp[2], sp[3])] = max(widest.get((sp[2], sp[3]), 0.0), w)
    closed = frozenset((sp[0], sp[2]) for sp, w in zip(spans, widths)
                       if w + 2.5 * size < widest[(sp[2], sp[3])])
    return GridTable(xs, tops + [lns[-1].bottom], disjoint_cells(spans, texts), page, closed,
                     lineless=True)


def _in_row(spans: list[list[int]], row: int, c0: int, c1: int) -> int | None:
    """The cell of `row` overlapping columns c0..c1 (ruled rows: one cell per column range)."""
    for k, s in enumerate(spans):
        if s[0] <= row <= s[1] and s[2] <= c1 and c0 <= s[3]:
            return k
    return None


def _carried(lns: list[TextLine], carry: Carry, runs: list[list[int]]) -> int:
    """How many lines at the top of the page go on with the table ending the page before:
    those that fit its columns or stand in columns, and the runs they lead into."""
    end = 0
    while True:
        while end < len(lns) and (_fits(lns[end], carry.grid, carry.size, carry.label_x) or (
                _anchor(lns[end]) and _same_size(lns[end].size, carry.size))):
            end += 1
        if not (end and runs and runs[0][0] <= end):
            return end
        run = runs.pop(0)  # with its label-only rows below (四、 | 结转下年度继续办理)
        end = max(end, _adjacent(lns, run, run[0], runs[0][0] if runs else len(lns))[1])


class Aligned(NamedTuple):
    """A page's borderless tables, the lines left over, and how its tables cross the breaks."""

    tables: list[GridTable]
    rest: list[Line]
    tail: Carry | None  # the last table, when no line follows it (it may go on)
    head: list[TextLine]  # lines of the first table, when it goes on from the page before
    tail_lines: list[TextLine]  # lines of the last table, when it may go on
    pending: bool  # the tail's lines are too few for a table unless the next page goes on


def aligned_tables(lns: list[TextLine], segs: list[Seg], page: int, carry: Carry | None = None,
                   head_grid: list[TextLine] | None = None,
                   tail_grid: list[TextLine] | None = None) -> Aligned:
    """Borderless tables found among a page's text lines (see `Aligned`).

    With `carry`, the lines at the top of the page that fit the columns of the table
    ending the page before continue it. `head_grid` and `tail_grid` are all the lines of
    the tables going on over the top and bottom break: their columns come from those.
    """
    spans: list[tuple[int, int]] = []
    found = _runs(lns)
    runs = [r for r in found if _valid(lns[r[0]:r[1]])]
    head_end = _carried(lns, carry, runs) if carry is not None else 0
    lo = head_end
    if head_end:
        spans.append((0, head_end))
    for k, run in enumerate(runs):
        hi = runs[k + 1][0] if k + 1 < len(runs) else len(lns)
        spans.append(_adjacent(lns, run, lo, hi))
        lo = spans[-1][1]
    # Anchors too few for a table, ending the page: a table's first rows if the next page
    # goes on with them (blank-2019-lineless: the 勾稽 note and 申请人情况 end page 1).
    pending = None
    if found and found[-1][0] >= lo and not _valid(lns[found[-1][0]:found[-1][1]]):
        a, b = _adjacent(lns, found[-1], lo, len(lns))
        if b == len(lns):
            pending = (a, b)
            if tail_grid:
                spans.append(pending)
                pending = None
    lns = list(lns)
    for a, b in spans + ([pending] if pending else []):  # cells a space apart, parted
        lns[a:b] = [_repieced(ln, ps) for ln, ps in zip(lns[a:b], split_at_columns([ln.pieces for ln in lns[a:b]]))]
    carried = carry.lines if carry is not None and head_end else []
    tables: list[GridTable] = []
    for k, (a, b) in enumerate(spans):
        grid_lns = lns[a:b]
        if k == len(spans) - 1 and b == len(lns) and tail_grid:
            grid_lns = tail_grid
        elif k == 0 and carried:
            grid_lns = head_grid or carried + lns[a:b]
        tables.append(_table(lns[a:b], segs, page, column_grid([ln.pieces for ln in grid_lns])))
    taken = {i for a, b in spans for i in range(a, b)}
    rest = [ln.glyphs for i, ln in enumerate(lns) if i not in taken]
    head = lns[:head_end] if carried else []
    last = pending or (spans[-1] if spans and spans[-1][1] == len(lns) else None)
    if last is None:
        return Aligned(tables, rest, None, head, [], False)
    a, b = last
    chain = (carried if a == 0 and carried else []) + lns[a:b]
    tail = Carry(column_grid([ln.pieces for ln in chain]), lns[a].size, _label_x(chain), chain)
    return Aligned(tables, rest, tail, head, lns[a:b], pending is not None)
