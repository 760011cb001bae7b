"""Tables as PDF-to-markdown converters print them: broken into fragments, labels astray.

A converter reads the PDF page by page and guesses each table anew, so a report's
tables come out as `| a | b |` rows under `|---|` rules, and:

- `md_fragments`: a long table broken into fragments (at a page break), each with its
  own rule line, sometimes a stray page number between them;
- `md_loose_labels`: the tail of a long label pulled out of its row into a loose text
  line between two fragments;
- `md_values_row`: a row's values left in a row of their own, without a label, under
  the label's row of empty cells;
- `md_glued`: two short tables glued into one (no break, no second rule line).

Every value is printed once, in its row, so the truth of the laid-out document holds.
"""

from __future__ import annotations

import random

from extractors.document import Table
from extractors.values import is_value_token

MD_FLAGS = ("md_fragments", "md_loose_labels", "md_values_row", "md_glued")


def draw_md_flags(rng: random.Random) -> set[str]:
    """Some of the converters' quirks (at least one)."""
    flags = {f for f in MD_FLAGS if rng.random() < 0.5}
    return flags or {rng.choice(MD_FLAGS)}


def _grid(table: Table) -> list[list[str]]:
    """The table's rows as slots: a cell's text where it starts, empty under its spans."""
    grid = [[""] * table.n_cols for _ in range(table.n_rows)]
    for c in table.cells:
        grid[c.row][c.col] = c.text.replace("\n", "")
    return grid


def _line(cells: list[str], width: int) -> str:
    cells = cells + [""] * (width - len(cells))
    return "| " + " | ".join(cells) + " |"


def _rule(width: int) -> str:
    return "|" + "---|" * width


def _label_at(row: list[str]) -> int | None:
    """The slot of the row's last label (None for a row without one)."""
    labels = [i for i, s in enumerate(row) if s and not is_value_token(s)]
    return labels[-1] if labels else None


def render_tables(tables: list[Table], rng: random.Random, flags: set[str]) -> list[str]:
    """Markdown lines for consecutive tables (glued where `md_glued` says)."""
    lines: list[str] = []
    pending: list[list[str]] = []  # rows of a glued table waiting for the next one
    for n, table in enumerate(tables):
        rows = _grid(table)
        short = len(rows) <= 4
        if "md_glued" in flags and short and n + 1 < len(tables) and rng.random() < 0.6:
            pending.extend(rows)
            continue
        lines.extend(_table_lines(pending + rows, rng, flags))
        pending = []
        lines.append("")
    if pending:
        lines.extend(_table_lines(pending, rng, flags))
        lines.append("")
    return lines


def _table_lines(rows: list[list[str]], rng: random.Random, flags: set[str]) -> list[str]:
    width = max(len(r) for r in rows)
    breaks = set()
    if "md_fragments" in flags and len(rows) > 6:
        breaks = set(rng.sample(range(3, len(rows) - 1), k=min(2, len(rows) - 4)))
    out = [_line(rows[0], width), _rule(width)]
    taken: set[int] = set()  # rows printed ahead, as a fragment's first row
    for i in range(1, len(rows)):
        row = rows[i]
        if i in taken:
            continue
        if i in breaks:
            out.append("")
            if rng.random() < 0.6:
                out.extend([str(rng.randint(2, 9)), ""])
            out.extend([_line(row, width), _rule(width)])
            continue
        at = _label_at(row)
        values = [s for s in row[(at or 0) + 1:] if s]
        if at is not None and values and "md_values_row" in flags and rng.random() < 0.15:
            out.append(_line(row[:at + 1], width))
            out.append(_line([""] * (at + 1) + row[at + 1:], width))
            continue
        label = row[at] if at is not None else ""
        if at is not None and len(label) >= 14 and "md_loose_labels" in flags and rng.random() < 0.4:
            cut = rng.randint(6, len(label) - 4)
            out.append(_line(row[:at] + [label[:cut]] + row[at + 1:], width))
            out.extend(["", label[cut:], ""])
            if i + 1 < len(rows):
                out.extend([_line(rows[i + 1], width), _rule(width)])
                taken.add(i + 1)
            continue
        out.append(_line(row, width))
    return out
