"""Place a row's values under their columns by position, where blanks left no delimiter.

In space-aligned text (`pdftotext -layout`, monospaced dumps) a blank cell is just
spaces: a row prints fewer values than the table has columns, and their order alone
cannot say which are blank. Their positions can: complete rows of the same table
show where each column's values sit, and each value of the short row goes to the
column it stands under. Nothing is placed unless every value falls clearly under a
distinct column, in order.
"""

from __future__ import annotations

from dataclasses import replace
from statistics import median

from .align import Match

MAX_OFFSET = 0.45  # a value must sit within this share of the column gap from its column
MAX_SPREAD = 0.5  # complete rows' values of one column may wander this share of the gap
MIN_ROWS = 2  # complete rows needed to learn where a table's columns stand


def column_centres(matches: list[Match], table: str, k: int) -> list[float] | None:
    """Median centre of each of a table's k value columns, from its complete rows."""
    seen: list[list[float]] = [[] for _ in range(k)]
    for m in matches:
        if m.row.table != table or m.values is None or m.row.n_values != k:
            continue
        xs = [x for v, x in zip(m.raw.own, m.raw.own_x) if v]
        if len(xs) == k and all(x is not None for x in xs):
            for col, x in enumerate(xs):
                seen[col].append(float(x))  # type: ignore[arg-type]
    if any(len(s) < MIN_ROWS for s in seen):  # one row cannot show that columns stand in line
        return None
    centres = [median(s) for s in seen]
    gaps = [b - a for a, b in zip(centres, centres[1:])]
    if not gaps or min(gaps) <= 0:
        return None
    # Only a table whose columns really stand in line (every complete row's values near
    # their column's centre) says anything by position; runs of random spaces do not.
    if any(max(s) - min(s) > MAX_SPREAD * min(gaps) for s in seen):
        return None
    return centres


def place_by_position(m: Match, centres: list[float]) -> tuple[str, ...] | None:
    """The row's values under the nearest columns, blanks elsewhere; None if ambiguous."""
    values = [(v, x) for v, x in zip(m.raw.own, m.raw.own_x) if v]
    if not values or len(values) > len(centres) or len(centres) < 2 or any(x is None for _, x in values):
        return None
    gaps = [b - a for a, b in zip(centres, centres[1:])]
    tolerance = MAX_OFFSET * min(gaps)
    out = [""] * len(centres)
    last = -1
    for value, x in values:
        col = min(range(len(centres)), key=lambda c: abs(centres[c] - float(x)))  # type: ignore[arg-type]
        if col <= last or abs(centres[col] - float(x)) > tolerance:  # type: ignore[arg-type]
            return None
        out[col] = value
        last = col
    return tuple(out)


def repair(matches: list[Match]) -> list[Match]:
    """Matches whose values could not be placed by count, placed by position where possible."""
    out = []
    for m in matches:
        if m.values is None and m.row.kind == "row" and m.raw.n_values > 0:
            centres = column_centres(matches, m.row.table, m.row.n_values)
            placed = place_by_position(m, centres) if centres else None
            if placed is not None:
                m = replace(m, values=placed)
        out.append(m)
    return out
