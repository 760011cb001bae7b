"""Merged cells of a ruled grid: the grid cells a missing boundary joins, as boxes.

Shared by the PDF rules (`pdf_grid`) and the ruling lines of scans (`scan_grid`): each
asks its own question of a boundary; the merging is the same.
"""

from __future__ import annotations

from collections.abc import Callable

Box = tuple[int, int, int, int]  # (row0, col0, row1, col1), end-exclusive


def merged_boxes(nr: int, nc: int, open_right: Callable[[int, int], bool],
                 open_below: Callable[[int, int], bool]) -> list[Box]:
    """The boxes of an nr x nc grid whose cells join where `open_right(r, c)` (no boundary
    between (r, c) and (r, c + 1)) or `open_below(r, c)` says so (a union-find)."""
    parent = list(range(nr * nc))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(nr):
        for c in range(nc):
            if c + 1 < nc and open_right(r, c):
                parent[find(r * nc + c + 1)] = find(r * nc + c)
            if r + 1 < nr and open_below(r, c):
                parent[find((r + 1) * nc + c)] = find(r * nc + c)
    spans: dict[int, list[int]] = {}
    for i in range(nr * nc):
        r, c = divmod(i, nc)
        b = spans.setdefault(find(i), [r, c, r + 1, c + 1])
        b[0], b[1], b[2], b[3] = min(b[0], r), min(b[1], c), max(b[2], r + 1), max(b[3], c + 1)
    return [(b[0], b[1], b[2], b[3]) for b in spans.values()]
