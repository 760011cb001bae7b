"""Placement rule 3, by column position: where flattened text keeps its columns in place
(`pdftotext -layout`, monospaced dumps), a row whose blanks left only spaces is placed by
where its values stand, under the columns its table's complete rows show (`by_position`);
where it keeps every cell (tabs, pipes: its lines as wide as one another), a row the count
leaves ambiguous is placed at the line's last cells, where its table's rows stand
(`by_width`)."""

from __future__ import annotations

from dataclasses import replace
from statistics import median

from .placement import Match, own_cells
from .settings import SETTINGS


def layout_runs(matches: list[Match], table: str, k: int) -> list[list[tuple[int, list[float]]]]:
    """A table's complete rows (line, value centres) in runs that stand in line.

    A table split at a page break, or printed as two tables, may place its columns
    anew: consecutive complete rows whose columns stand apart by more than
    `max_spread` of the column gap start a new run.
    """
    complete: list[tuple[int, list[float]]] = []
    for m in matches:
        if m.row.table != table or m.values is None or m.row.n_values != k:
            continue
        cells = own_cells(m.raw, k)
        xs = [float(x) for v, x in zip(cells, m.raw.own_x) if v and x is not None]
        if len(xs) == k and len(xs) == sum(1 for v in cells if v):
            complete.append((m.raw.line, xs))
    complete.sort(key=lambda lx: lx[0])
    runs: list[list[tuple[int, list[float]]]] = []
    for line, centres in complete:
        if runs and _in_line([c for _, c in runs[-1]] + [centres]):
            runs[-1].append((line, centres))
        else:
            runs.append([(line, centres)])
    return runs


def _in_line(rows: list[list[float]]) -> bool:
    """True when every column's centres wander less than `max_spread` of the column gap."""
    centres = [median(col) for col in zip(*rows)]
    gaps = [b - a for a, b in zip(centres, centres[1:])]
    if not gaps or min(gaps) <= 0:
        return False
    return all(max(col) - min(col) <= SETTINGS.max_spread * min(gaps) for col in zip(*rows))


def place_by_position(m: Match, centres: list[float]) -> tuple[str, ...] | None:
    """The row's values under the nearest columns, blanks elsewhere; None if ambiguous."""
    values = [(v, x) for v, x in zip(own_cells(m.raw, len(centres)), m.raw.own_x) if v]
    if not values or len(values) > len(centres) or len(centres) < 2 or any(x is None for _, x in values):
        return None
    gaps = [b - a for a, b in zip(centres, centres[1:])]
    tolerance = SETTINGS.max_offset * min(gaps)
    out = [""] * len(centres)
    last = -1
    for value, x in values:
        col = min(range(len(centres)), key=lambda c: abs(centres[c] - float(x)))  # type: ignore[arg-type]
        if col <= last or abs(centres[col] - float(x)) > tolerance:  # type: ignore[arg-type]
            return None
        out[col] = value
        last = col
    return tuple(out)


def place_in_runs(m: Match, runs: list[list[tuple[int, list[float]]]]) -> tuple[str, ...] | None:
    """The row placed by the runs of complete rows next to it, before and after.

    Each neighbouring run must place it alike; a run of fewer than `min_complete_rows`
    rows cannot show that its columns stand in line, so it can only object. Where most of
    the table's complete rows stand in no run, its spaces are not a layout and nothing
    is placed.
    """
    complete = sum(len(r) for r in runs)
    if sum(len(r) for r in runs if len(r) >= SETTINGS.min_complete_rows) < SETTINGS.min_in_line * complete:
        return None  # the table's columns do not stand in line: runs of random spaces
    line = m.raw.line
    before = [r for r in runs if r[0][0] <= line]
    after = [r for r in runs if r[0][0] > line]
    neighbours = before[-1:] + after[:1]
    if before and before[-1][-1][0] >= line:  # the row lies inside a run
        neighbours = before[-1:]
    placed = {place_by_position(m, [median(col) for col in zip(*(xs for _, xs in run))])
              for run in neighbours}
    if len(placed) != 1 or not any(len(run) >= SETTINGS.min_complete_rows for run in neighbours):
        return None
    return placed.pop()


def by_position(matches: list[Match]) -> list[Match]:
    """Matches whose values could not be placed by count, placed by position where possible."""
    out = []
    runs: dict[tuple[str, int], list[list[tuple[int, list[float]]]]] = {}
    for m in matches:
        if m.values is None and m.row.kind == "row" and m.raw.n_values > 0 and not m.raw.fragments:
            key = (m.row.table, m.row.n_values)
            if key not in runs:
                runs[key] = layout_runs(matches, *key)
            placed = place_in_runs(m, runs[key])
            if placed is not None:
                m = replace(m, values=placed)
        out.append(m)
    return out


def by_width(matches: list[Match]) -> list[Match]:
    """Rows of flattened text left unplaced by count, placed as their line's last k cells where
    the line is as wide as most of its table's lines and the table's rows placed by count,
    `min_complete_rows` or more of them as wide, all stand in their lines' last k cells.

    Tabs and pipes keep every cell, empty or not, so a line as wide as the table's others
    holds every column: `一、本年新收… | | | 215 | … | 32 | ` is a label spanning three
    columns and a blank total, not a blank first value. Trimming from either end reads it two
    ways; the lines around it say which columns the values are.
    """
    evidence: dict[tuple[str, int], list[bool]] = {}
    for m in matches:
        k = m.row.n_values
        if (m.values is not None and m.row.kind == "row" and m.raw.full and not m.raw.grid
                and None not in m.values and len(m.raw.own) >= k and any(m.values)):
            evidence.setdefault((m.row.table, k), []).append(tuple(m.values) == tuple(m.raw.own[-k:]))
    out = []
    for m in matches:
        k = m.row.n_values
        agree = evidence.get((m.row.table, k), [])
        if (m.values is None and m.row.kind == "row" and m.raw.full and not m.raw.grid
                and not m.raw.fragments and len(m.raw.own) > k and any(m.raw.own[-k:])
                and not any(m.raw.own[:-k]) and len(agree) >= SETTINGS.min_complete_rows and all(agree)):
            m = replace(m, values=tuple(m.raw.own[-k:]))
        elif (m.values is None and m.row.kind == "row" and not m.raw.grid and not m.raw.fragments
              and not m.raw.extra and len(m.raw.own) == k and m.raw.own[0] and m.raw.own[-1]
              and "" in m.raw.own):
            # exactly k cells after the label, empty ones shown between a first and a last one
            # printed: no slot of a label spanning columns before them (an empty first cell), no
            # trailing cell stripped (`1 | | | | | | 1`)
            m = replace(m, values=tuple(m.raw.own))
        out.append(m)
    return out
