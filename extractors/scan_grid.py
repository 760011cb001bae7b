"""Ruled tables in a page image: the grid of cells, with spans, from the ruling lines.

OpenCV keeps the long horizontal and vertical strokes of a binary page (morphological
opening); their positions give the grid lines, and a boundary missing between two grid
cells merges them (`grid_cells.merged_boxes`): the row and column spans. The OCR
(`scan`) reads each cell's ink; nothing here reads text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .grid_cells import merged_boxes
from .scan_cv import cv


def _runs(profile: Any, threshold: float) -> list[int]:
    """Centres of the runs of `profile` above `threshold` (a ruling line's few pixels)."""
    import numpy as np

    idx = np.nonzero(profile > threshold)[0]
    out: list[list[int]] = []
    for i in idx:
        if out and i - out[-1][-1] <= 3:
            out[-1].append(int(i))
        else:
            out.append([int(i)])
    return [int(round(sum(g) / len(g))) for g in out]


@dataclass(frozen=True)
class Grid:
    """One ruled table: its ruling lines' positions and its cells as boxes of grid cells."""

    ys: list[int]
    xs: list[int]
    cells: list[tuple[int, int, int, int]]  # (row, col, row_span, col_span)


def ruling(bw: Any) -> tuple[Any, Any]:
    """The horizontal and vertical ruling strokes of a binary page."""
    cv2 = cv()
    h, w = bw.shape
    hor = cv2.morphologyEx(bw, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(15, w // 30), 1)))
    ver = cv2.morphologyEx(bw, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(15, h // 70))))
    k = cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3))
    return cv2.dilate(hor, k), cv2.dilate(ver, k)


def grids(hor: Any, ver: Any) -> list[tuple[tuple[int, int, int, int], Grid]]:
    """The ruled tables of a page, top to bottom: (x0, y0, x1, y1) and their grid."""
    cv2 = cv()
    h, w = hor.shape
    both = cv2.bitwise_or(hor, ver)
    contours, _ = cv2.findContours(both, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    out = []
    for c in contours:
        x, y, cw, ch = cv2.boundingRect(c)
        if cw < 0.25 * w or ch < 0.02 * h:
            continue
        grid = _grid(hor[y:y + ch, x:x + cw], ver[y:y + ch, x:x + cw])
        if grid is not None:
            out.append(((x, y, x + cw, y + ch), grid))
    return sorted(out, key=lambda t: t[0][1])


def _grid(hor: Any, ver: Any) -> Grid | None:
    h, w = hor.shape
    ys = _runs((hor > 0).sum(axis=1), 0.08 * w)
    if len(ys) < 2:
        return None
    gaps = [b - a for a, b in zip(ys, ys[1:])]
    xs = _runs((ver > 0).sum(axis=0), 0.6 * min(gaps))
    if len(xs) < 2:
        return None
    nr, nc = len(ys) - 1, len(xs) - 1

    def open_right(r: int, c: int) -> bool:  # no vertical rule along most of the boundary
        y0, y1, x = ys[r] + 3, ys[r + 1] - 3, xs[c + 1]
        return y1 > y0 and ver[y0:y1, max(0, x - 4):x + 5].any(axis=1).mean() < 0.5

    def open_below(r: int, c: int) -> bool:  # no horizontal rule along most of the boundary
        x0, x1, y = xs[c] + 3, xs[c + 1] - 3, ys[r + 1]
        return x1 > x0 and hor[max(0, y - 4):y + 5, x0:x1].any(axis=0).mean() < 0.5

    cells = sorted((r0, c0, r1 - r0, c1 - c0) for r0, c0, r1, c1 in merged_boxes(nr, nc, open_right, open_below))
    return Grid(ys, xs, cells)
