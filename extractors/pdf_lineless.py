"""Tables without rules: text lines whose pieces line up in columns.

A borderless table still shows as lines split by wide gaps into pieces, most rows
ending in numbers. A run of such lines (allowing a wrapped label line or two between
them, and header lines just above) becomes a table; its columns are the bands where
the row lines' pieces overlap, so a header piece spanning two bands gets a col_span.
Horizontal rules, where a table has only those, group its lines into rows.
"""

from __future__ import annotations

from .document import Cell
from .pdf_geometry import Glyph, Seg
from .pdf_grid import GridTable
from .pdf_text import cell_text, join_lines, line_text, segments
from .values import is_value_token

GAP = 0.9  # a gap wider than this many font sizes separates two cells
Line = list[Glyph]


def _pieces(line: Line) -> list[Line]:
    """The cells of one text line: glyph runs separated by wide gaps."""
    return segments(line, GAP)


def _is_row(line: Line) -> bool:
    """True for a line that reads as a table row: two or more pieces, one of them a number."""
    pieces = _pieces(line)
    return len(pieces) >= 2 and any(is_value_token(line_text(p)) for p in pieces)


def _runs(lines: list[Line]) -> list[tuple[int, int]]:
    """(start, end) index ranges of table runs: row lines close enough to each other.

    Lines between two row lines (a wrapped label, a label stacked one character per
    line) belong to the run when the row lines are at most a few lines apart.
    """
    runs: list[list[int]] = []
    for i, line in enumerate(lines):
        if not _is_row(line):
            continue
        top = min(g.top for g in line)
        if runs:
            prev = lines[runs[-1][1]]
            if top - max(g.bottom for g in prev) <= 6 * max(prev[0].size, 1.0):
                runs[-1][1] = i
                continue
        runs.append([i, i])
    out: list[tuple[int, int]] = []
    for a, last in runs:
        while a > 0 and len(_pieces(lines[a - 1])) >= 2 and a > (out[-1][1] if out else 0):
            a -= 1  # header lines just above the numbers
        out.append((a, last + 1))
    return out


def _bands(lines: list[Line]) -> list[tuple[float, float]]:
    """Column bands: the x-extents where the pieces of the row lines overlap."""
    spans = sorted((p[0].x0, p[-1].x1) for ln in lines if _is_row(ln) for p in _pieces(ln))
    bands: list[list[float]] = []
    for a, b in spans:
        if bands and a <= bands[-1][1]:
            bands[-1][1] = max(bands[-1][1], b)
        else:
            bands.append([a, b])
    return [(a, b) for a, b in bands]


def _table(lines: list[Line], segs: list[Seg], page: int) -> GridTable:
    """One borderless table from its lines: a row per line (or per ruled band), cells per band."""
    bands = _bands(lines)
    xs = [bands[0][0]] + [(bands[i][1] + bands[i + 1][0]) / 2 for i in range(len(bands) - 1)]
    xs.append(bands[-1][1])
    tops = [min(g.top for g in ln) for ln in lines]
    bottom = max(g.bottom for g in lines[-1])
    rules = sorted(s.top for s in segs if s.horizontal and s.x0 <= xs[1] and s.x1 >= xs[-2]
                   and tops[0] < s.top < bottom)
    rows: list[list[Line]] = []
    seen_row = False
    for ln, top in zip(lines, tops):
        is_row = _is_row(ln)
        if rows and rules:
            same = not any(rows[-1][0][0].top < r < top for r in rules)  # no rule between
        else:  # a line without numbers after the first row: the rest of a wrapped label
            same = bool(rows) and seen_row and not is_row
        seen_row = seen_row or is_row
        if same:
            rows[-1].append(ln)
        else:
            rows.append([ln])
    cells: list[Cell] = []
    for r, row in enumerate(rows):
        pieces: dict[tuple[int, int], list[Glyph]] = {}
        for ln in row:
            for p in _pieces(ln):
                c0 = next((i for i, b in enumerate(bands) if b[1] > p[0].x0), len(bands) - 1)
                c1 = max(i for i, b in enumerate(bands) if b[0] < p[-1].x1 or i == c0)
                pieces.setdefault((c0, c1), []).extend(p)
        for (c0, c1), glyphs in sorted(pieces.items()):
            cells.append(Cell(r, c0, cell_text(glyphs), 1, c1 - c0 + 1))
    ys = [min(g.top for g in row[0]) for row in rows] + [bottom]
    return GridTable(xs, ys, _disjoint(cells), page)


def _disjoint(cells: list[Cell]) -> list[Cell]:
    """Cells with overlapping column ranges in one row joined, so each position has one cell."""
    out: list[Cell] = []
    for cell in sorted(cells, key=lambda c: (c.row, c.col)):
        prev = out[-1] if out else None
        if prev and prev.row == cell.row and cell.col < prev.col + prev.col_span:
            end = max(prev.col + prev.col_span, cell.col + cell.col_span)
            out[-1] = Cell(prev.row, prev.col, join_lines([prev.text, cell.text]), 1,
                           end - prev.col)
        else:
            out.append(cell)
    return out


def aligned_tables(lines: list[Line], segs: list[Seg], page: int
                   ) -> tuple[list[GridTable], list[Line]]:
    """Borderless tables found among a page's text lines, and the lines left over."""
    tables: list[GridTable] = []
    taken: set[int] = set()
    for a, b in _runs(lines):
        tables.append(_table(lines[a:b], segs, page))
        taken.update(range(a, b))
    return tables, [ln for i, ln in enumerate(lines) if i not in taken]
