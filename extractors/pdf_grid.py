"""Ruled tables: ruling segments -> rule groups -> row/column boundaries -> cells with spans.

The chain, each step a small function:
`merge_rules` (collinear pieces joined) -> `rule_groups` (rules that touch form one
table) -> `boundaries` (distinct x and y of the rules) -> `cell_boxes` (atomic grid
cells united wherever no rule separates them: a merged cell is ONE box with spans) ->
`fill` (each glyph goes to the box holding its centre; the box's text is read in
reading order).

Outer borders are not required: a table drawn with only inner rules, or with
horizontal rules running past the last vertical one, still gets its outer boundaries
from the ends of its rules.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import NamedTuple

from .document import Cell
from .grid_cells import Box, merged_boxes
from .pdf_geometry import Glyph, Seg
from .pdf_text import join_lines, line_text, lines_of

SNAP = 2.0  # rules closer than this (pt) are the same boundary
JOIN = 3.0  # collinear pieces with a gap up to this (pt) are one rule


class GridTable(NamedTuple):
    """One table found on one page: its boundaries and cells (rows/cols in its own grid)."""

    xs: list[float]
    ys: list[float]
    cells: list[Cell]
    page: int
    # (row, col) of cells whose text visibly ends: the last line stops short of the right
    # edge. A cell not in here may run on into a row split over a page break.
    closed: frozenset[tuple[int, int]] = frozenset()
    lineless: bool = False  # borderless: only printed cells, blanks settled once joined

    @property
    def top(self) -> float:
        """Top edge of the table on its page."""
        return self.ys[0]

    @property
    def bottom(self) -> float:
        """Bottom edge of the table on its page."""
        return self.ys[-1]


def _cluster(values: list[float], tol: float) -> list[float]:
    """Sorted distinct values, those within `tol` of their neighbour averaged into one."""
    groups: list[list[float]] = []
    for v in sorted(values):
        if groups and v - groups[-1][-1] <= tol:
            groups[-1].append(v)
        else:
            groups.append([v])
    return [sum(g) / len(g) for g in groups]


def merge_rules(segs: list[Seg]) -> tuple[list[Seg], list[Seg]]:
    """Horizontal and vertical rules with collinear, touching pieces joined."""
    out: tuple[list[Seg], list[Seg]] = ([], [])
    for horizontal, dest in ((True, out[0]), (False, out[1])):
        # (position, start, end) in the rule's own axis
        items = sorted(((s.top, s.x0, s.x1) if horizontal else (s.x0, s.top, s.bottom))
                       for s in segs if s.horizontal == horizontal)
        runs: list[list[float]] = []
        for pos, a, b in items:
            for run in reversed(runs[-8:]):
                # (pieces a fraction of a point apart come sorted by position, not by start:
                # a piece may lie before the run it joins, or clear of it)
                if abs(run[0] - pos) <= SNAP / 2 and a <= run[2] + JOIN and b >= run[1] - JOIN:
                    run[1], run[2] = min(run[1], a), max(run[2], b)
                    break
            else:
                runs.append([pos, a, b])
        for pos, a, b in runs:
            if b - a >= 4.0:  # shorter marks are glyph decorations, not boundaries
                dest.append(Seg(a, pos, b, pos) if horizontal else Seg(pos, a, pos, b))
    return out


def _touch(h: Seg, v: Seg) -> bool:
    """True when a horizontal and a vertical rule meet or cross (within JOIN)."""
    return (h.x0 - JOIN <= v.x0 <= h.x1 + JOIN) and (v.top - JOIN <= h.top <= v.bottom + JOIN)


def rule_groups(hs: list[Seg], vs: list[Seg]) -> list[tuple[list[Seg], list[Seg]]]:
    """Rules that touch each other, grouped: one group per drawn table."""
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if _touch(h, v):
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list[Seg], list[Seg]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    return [g for g in groups.values() if len(g[0]) >= 2 and len(g[1]) >= 2]


def boundaries(hs: list[Seg], vs: list[Seg]) -> tuple[list[float], list[float]]:
    """Column boundaries (xs) and row boundaries (ys), outer edges from the rules' ends."""
    xs = _cluster([v.x0 for v in vs] + [min(h.x0 for h in hs), max(h.x1 for h in hs)], SNAP)
    ys = _cluster([h.top for h in hs] + [min(v.top for v in vs), max(v.bottom for v in vs)], SNAP)
    return xs, ys


def _covered(rules: list[Seg], horizontal: bool, pos: float, lo: float, hi: float) -> bool:
    """True when rules at `pos` cover most of the span lo..hi (a drawn cell border)."""
    need = 0.5 * (hi - lo)
    got = 0.0
    for r in rules:
        at, a, b = (r.top, r.x0, r.x1) if horizontal else (r.x0, r.top, r.bottom)
        if abs(at - pos) <= SNAP:
            got += max(0.0, min(b, hi) - max(a, lo))
    return got >= need




def cell_boxes(xs: list[float], ys: list[float], hs: list[Seg], vs: list[Seg]
               ) -> tuple[list[Box], list[float], list[float]]:
    """Merged cells as (row0, col0, row1, col1) boxes, end-exclusive, unused boundaries dropped."""
    nr, nc = len(ys) - 1, len(xs) - 1
    boxes = merged_boxes(nr, nc, lambda r, c: not _covered(vs, False, xs[c + 1], ys[r], ys[r + 1]),
                         lambda r, c: not _covered(hs, True, ys[r + 1], xs[c], xs[c + 1]))
    return _compact(boxes, xs, ys)


def _compact(boxes: list[Box], xs: list[float], ys: list[float]
             ) -> tuple[list[Box], list[float], list[float]]:
    """Boxes and boundaries renumbered so every boundary starts some cell (no empty slivers)."""
    rows = sorted({b[0] for b in boxes})
    cols = sorted({b[1] for b in boxes})
    out = []
    for r0, c0, r1, c1 in boxes:
        out.append((rows.index(r0), cols.index(c0),
                    bisect_right(rows, r1 - 1), bisect_right(cols, c1 - 1)))
    # Boxes of a non-rectangular union overlap others: keep the first box at each origin.
    seen: set[tuple[int, int]] = set()
    kept = []
    for box in sorted(out):
        if (box[0], box[1]) not in seen:
            seen.add((box[0], box[1]))
            kept.append(box)
    return kept, [xs[c] for c in cols] + [xs[-1]], [ys[r] for r in rows] + [ys[-1]]


def _ends_short(lines: list[list[Glyph]], width: float) -> bool:
    """True when a cell's last line stops well short of the cell's width (its text ended).

    A wrapped line fills the cell but for its padding and less than one character; a
    label cut by a page break (商业 | 企业) ends on a full line.
    """
    last = lines[-1]
    return last[-1].x1 - last[0].x0 + 2.5 * max(g.size for g in last) < width


def fill(boxes: list[Box], xs: list[float], ys: list[float], glyphs: list[Glyph]
         ) -> tuple[list[Cell], list[bool], frozenset[tuple[int, int]]]:
    """Cells with the text of the glyphs whose centres they hold, which glyphs were used,
    and which cells' text visibly ends (see `GridTable.closed`)."""
    owner: dict[tuple[int, int], int] = {}
    for i, (r0, c0, r1, c1) in enumerate(boxes):
        for r in range(r0, r1):
            for c in range(c0, c1):
                owner[(r, c)] = i
    texts: list[list[Glyph]] = [[] for _ in boxes]
    used = [False] * len(glyphs)
    for k, g in enumerate(glyphs):
        cx, cy = (g.x0 + g.x1) / 2, (g.top + g.bottom) / 2
        if not (xs[0] <= cx <= xs[-1] and ys[0] <= cy <= ys[-1]):
            continue
        r = min(max(bisect_right(ys, cy) - 1, 0), len(ys) - 2)
        c = min(max(bisect_right(xs, cx) - 1, 0), len(xs) - 2)
        box = owner.get((r, c))
        if box is not None:
            texts[box].append(g)
            used[k] = True
    cells: list[Cell] = []
    closed: set[tuple[int, int]] = set()
    for i, (r0, c0, r1, c1) in enumerate(boxes):
        lines = lines_of(texts[i])
        cells.append(Cell(r0, c0, join_lines([line_text(ln) for ln in lines]), r1 - r0, c1 - c0))
        if lines and _ends_short(lines, xs[c1] - xs[c0]):
            closed.add((r0, c0))
    return cells, used, frozenset(closed)


def ruled_tables(glyphs: list[Glyph], segs: list[Seg], page: int
                 ) -> tuple[list[GridTable], list[bool]]:
    """The ruled tables of one page (two or more cells each) and which glyphs they took."""
    hs, vs = merge_rules(segs)
    tables: list[GridTable] = []
    used = [False] * len(glyphs)
    for ghs, gvs in rule_groups(hs, vs):
        xs, ys = boundaries(ghs, gvs)
        if len(xs) < 2 or len(ys) < 2:
            continue
        boxes, xs, ys = cell_boxes(xs, ys, ghs, gvs)
        if len(boxes) < 2:  # a frame around a note or the page is not a table
            continue
        cells, took, closed = fill(boxes, xs, ys, glyphs)
        used = [a or b for a, b in zip(used, took)]
        tables.append(GridTable(xs, ys, cells, page, closed))
    tables.sort(key=lambda t: t.top)
    return tables, used


def disjoint_cells(spans: list[list[int]], texts: list[list[str]]) -> list[Cell]:
    """Cells from spans (row0, row1, col0, col1) and their lines of text, those that overlap
    joined so each grid position has one cell (a borderless table's pieces)."""
    order = sorted(range(len(spans)), key=lambda k: (spans[k][0], spans[k][2]))
    out: list[list[int]] = []
    words: list[list[str]] = []
    at: dict[tuple[int, int], int] = {}  # grid position -> cell of `out`
    for k in order:
        r0, r1, c0, c1 = spans[k]
        j = next((at[(r, c)] for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)
                  if (r, c) in at), None)
        if j is None:
            j = len(out)
            out.append([r0, r1, c0, c1])
            words.append(list(texts[k]))
        else:
            o = out[j]
            o[1], o[2], o[3] = max(o[1], r1), min(o[2], c0), max(o[3], c1)
            words[j] += texts[k]
        o = out[j]
        at.update(((r, c), j) for r in range(o[0], o[1] + 1) for c in range(o[2], o[3] + 1))
    return [Cell(o[0], o[2], join_lines(w), o[1] - o[0] + 1, o[3] - o[2] + 1)
            for o, w in zip(out, words)]
