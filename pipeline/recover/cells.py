"""Placed values into canonical cells (`place`), and what could not be placed, reported."""

from __future__ import annotations

from dataclasses import dataclass, field

from extractors import UNSURE

from .lines import RawRow
from .placement import Match, label_of


@dataclass
class Placed:
    """Canonical cells as printed, and what could not be placed."""

    cells: dict[tuple[str, str, str], str] = field(default_factory=dict)
    unplaced: list[str] = field(default_factory=list)  # human-readable descriptions
    placed_rows: set[str] = field(default_factory=set)  # "table.row" placed or reported
    sink_values: dict[str, tuple[str, ...]] = field(default_factory=dict)  # sink row -> values
    covered_rows: list[str] = field(default_factory=list)  # row keys a sink row stands for
    matched_lines: list[int] = field(default_factory=list)  # stream lines used by tables
    confidence: dict[tuple[str, str, str], float] = field(default_factory=dict)  # OCR's, per cell read so


def place(matches: list[Match]) -> Placed:
    """Each match's values into its canonical cells; sink rows and unplaceable rows reported."""
    out = Placed()
    rows = {m.row.key for m in matches if m.row.kind != "sink"}
    groups = [m for m in matches if _group_label(m, rows)]
    for m in matches:
        out.matched_lines.append(m.raw.line)
        if any(m is g for g in groups):
            continue
        if m.row.kind == "sink":
            out.sink_values[m.row.key] = tuple(v or "" for v in m.values) if m.values is not None else tuple(
                v for v in m.raw.own + m.raw.extra if v)
            out.unplaced.append(f"{m.row.table} row '{label_of(m.raw)}' ({m.raw.n_values} values): "
                                f"{m.row.note.split(':')[0]}")
            continue
        if m.values is None:
            out.unplaced.append(f"{m.row.table}.{m.row.key} ({m.raw.n_values} values for "
                                f"{m.row.n_values} columns)")
            out.placed_rows.add(f"{m.row.table}.{m.row.key}")  # reported above, not missing
            continue
        unsure = 0
        confidences = _confidences(m.raw, m.values)
        for key, value, conf in zip(m.row.cells, m.values, confidences):
            if value == UNSURE:
                unsure += 1  # OCR saw ink it could not read surely: never guessed
            elif value is not None and key not in out.cells:
                out.cells[key] = value
                if conf is not None:
                    out.confidence[key] = conf
        if unsure:
            out.unplaced.append(f"{m.row.table}.{m.row.key} ({unsure} of {m.row.n_values} cells: "
                                "OCR could not read them surely)")
        if None in m.values:
            out.unplaced.append(f"{m.row.table}.{m.row.key} ({m.values.count(None)} of "
                                f"{m.row.n_values} cells: 0 or blank, the text does not say which)")
        out.placed_rows.update(f"{t}.{r}" for t, r, _ in m.row.cells)
    out.covered_rows = sorted({key for m in matches if not any(m is g for g in groups) for key in m.row.covers})
    return out


def _group_label(m: Match, rows: set[str]) -> bool:
    """An undivided row printed blank over the rows it stands for, each of them found: the
    group's label on a row of its own (`（六）其他处理` over 1. 2. 3.), no undivided row."""
    return (m.row.kind == "sink" and m.raw.n_values == 0 and not any(m.values or ())
            and bool(m.row.covers) and set(m.row.covers) <= rows)


def _confidences(raw: RawRow, values: tuple[str | None, ...]) -> list[float | None]:
    """OCR's confidence in each placed value: placement keeps the printed values' order, so
    the row's printed cells, in order, give them (blanks have none)."""
    printed = [(v, c) for v, c in zip(raw.own + raw.extra, raw.own_conf + raw.extra_conf) if v]
    out: list[float | None] = []
    at = 0
    for value in values:
        if not value:
            out.append(None)
            continue
        while at < len(printed) and printed[at][0] != value:
            at += 1
        out.append(printed[at][1] if at < len(printed) else None)
        at += 1
    return out
