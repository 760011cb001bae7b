"""Render synthetic reports as flattened plain text, the ways crawlers and copy-paste do.

Styles: `tabs` (a row per line, a tab per grid slot, merged slots left empty, as in
the seed), `spaces` (runs of spaces; empty cells vanish), `pipes` (`| a | b |`),
`single` (single spaces, as PDF text dumps), `cells` (one cell per line),
`ideographic` / `unicode_spaces` / `nbsp` (U+3000, U+2003 and kin, `&nbsp;` between
cells), `pipe_lines` (one cell per line, a lone `|` line between cells, an empty cell an empty line),
`empty_lines` (one cell per line, an empty cell an empty line, as crawlers dump HTML tables),
`pipe_cells` (one cell per line ended by ` |`, an empty cell a lone `|`, rows
ended by `||`, as some crawlers dump HTML tables), `layout` (columns kept in
place with spaces, numbers centred, blank cells left as spaces: `pdftotext -layout`).
Layout quirks: `shift` (rows under a rowspan lose their leading empty slots),
`group_lines` (group labels on a line of their own), `wrap` (long labels over two
lines), `no_header` / `merged_header` (applications header dropped / on one line),
`split` (the applications table broken by a page footer, page header and a repeated
header), `page_numbers` (bare page numbers between rows).
"""

from __future__ import annotations

import random
from pathlib import Path

from extractors.cells import display_width, is_value_token
from extractors.document import Paragraph, Table

from .report import Report, apply_quirks, layout, make_report, write_truth

STYLES = ("tabs", "spaces", "pipes", "single", "cells", "pipe_cells", "layout")
# More separators of flattened tables (not in STYLES, whose draws fixtures depend on):
# ideographic spaces, other Unicode spaces, `&nbsp;` left as an entity, `|` alone on a line.
EXTRA_STYLES = ("ideographic", "unicode_spaces", "nbsp", "pipe_lines", "empty_lines")
_EXTRA_SEPARATORS = {"ideographic": ("\u3000", "\u3000\u3000"),
                     "unicode_spaces": ("\u2003", "\u2003\u2003", "\u2002\u2002", "\xa0\xa0", "\u2009\u2009"),
                     "nbsp": ("&nbsp;", "&nbsp;&nbsp;")}
_COVERED = "\x00"


def _slots(table: Table) -> list[list[str | None]]:
    """Grid rows as slots: text where a cell starts, _COVERED under a row span, None under a col span."""
    grid: list[list[str | None]] = [[""] * table.n_cols for _ in range(table.n_rows)]
    for c in table.cells:
        for dr in range(c.row_span):
            for dc in range(c.col_span):
                grid[c.row + dr][c.col + dc] = _COVERED if dr else None
        grid[c.row][c.col] = c.text
    return grid


def _is_value(text: str) -> bool:
    return text == "" or is_value_token(text)


def _row_cells(slots: list[str | None], style: str, shift: bool) -> list[str]:
    """The cells one grid row flattens to in a style."""
    if style == "tabs":
        cells = ["" if s in (None, _COVERED) else s for s in slots]
        if shift and slots and slots[0] == _COVERED:
            while cells and cells[0] == "":
                cells.pop(0)
        return cells
    if style == "pipes":
        return ["" if s in (None, _COVERED) else s for s in slots]
    if style in ("pipe_cells", "pipe_lines", "empty_lines"):
        return [s for s in slots if s not in (None, _COVERED)]
    return [s for s in slots if s not in (None, _COVERED, "")]


def _join(cells: list[str], style: str, rng: random.Random) -> list[str]:
    if style == "tabs":
        return ["\t".join(cells)]
    if style == "pipes":
        return ["| " + " | ".join(cells) + " |"]
    if style == "spaces":
        return [(" " * rng.randint(2, 4)).join(cells)]
    if style == "single":
        return [" ".join(cells)]
    if style == "pipe_cells":
        return [f"{c} |" if c else "|" for c in cells] + ["||"]
    if style in _EXTRA_SEPARATORS:
        return [rng.choice(_EXTRA_SEPARATORS[style]).join(cells)]
    if style == "pipe_lines":
        return [x for c in cells for x in (c, "|")][:-1]
    return list(cells)  # one cell per line


def _layout_lines(table: Table) -> list[str]:
    """The table as a monospaced page shows it: every column at its own place."""
    widths = [6] * table.n_cols
    for c in table.cells:
        if c.col_span == 1:
            widths[c.col] = max(widths[c.col], display_width(c.text) + 3)
    for c in table.cells:  # a spanning label must fit under its columns
        span = sum(widths[c.col:c.col + c.col_span])
        if span < display_width(c.text) + 3:
            widths[c.col + c.col_span - 1] += display_width(c.text) + 3 - span
    starts = [sum(widths[:i]) for i in range(table.n_cols)]
    lines = []
    for row in table.rows():
        line = ""
        for c in row:
            if not c.text:
                continue
            span = sum(widths[c.col:c.col + c.col_span])
            pad = (span - display_width(c.text)) // 2 if is_value_token(c.text) else 0
            at = starts[c.col] + pad
            line += " " * max(2 if line else 0, at - display_width(line)) + c.text
        lines.append(line)
    return lines


def render_table(table: Table, style: str, quirks: frozenset[str] | set[str], rng: random.Random,
                 furniture: list[str], is_applications: bool) -> list[str]:
    """Lines for one table."""
    if style == "layout":
        return _layout_lines(table)
    out: list[str] = []
    slots = _slots(table)
    header_rows = 3 if is_applications else 0
    split_at = len(slots) // 2 + 1 if "split" in quirks and is_applications else -1
    for r, row in enumerate(slots):
        if r == split_at:
            out.extend(furniture)
            if "no_header" not in quirks:
                for h in slots[:header_rows]:
                    out.extend(_join(_row_cells(h, style, False), style, rng))
        if r < header_rows and is_applications:
            if "no_header" in quirks:
                continue
            if "merged_header" in quirks:
                if r == 0:
                    words = [s for h in slots[:3] for s in h if s not in (None, _COVERED, "")]
                    out.extend(_join(words, style, rng))
                continue
        cells = _row_cells(row, style, "shift" in quirks)
        if "group_lines" in quirks and is_applications and r >= header_rows:
            labels = [c for c in cells if c and not _is_value(c)]
            if len(labels) > 1:
                for g in labels[:-1]:
                    out.append(g)
                    cells.remove(g)
                if style == "tabs":
                    while cells and cells[0] == "":
                        cells.pop(0)
        if "wrap" in quirks and cells:
            label_i = max((i for i, c in enumerate(cells) if c and not _is_value(c)), default=-1)
            if label_i >= 0 and len(cells[label_i]) > 14 and r >= header_rows:
                label = cells[label_i]
                cut = len(label) // 2
                if rng.random() < 0.5:
                    out.append(label[:cut])
                    cells[label_i] = label[cut:]
                else:
                    cells[label_i] = label[:cut]
                    out.extend(_join(cells, style, rng))
                    out.append(label[cut:])
                    continue
        out.extend(_join(cells, style, rng))
        if "page_numbers" in quirks and rng.random() < 0.08:
            out.append(str(rng.randint(2, 9)))
    return out


def render_text(report: Report, style: str, quirks: frozenset[str] | set[str] = frozenset(),
                seed: int = 0) -> str:
    """The whole report as flattened text."""
    rng = random.Random(seed)
    lines: list[str] = []
    furniture = ["", f"- {rng.randint(2, 5)} -", "", report.title, ""]
    for block in layout(report):
        if isinstance(block, Paragraph):
            lines.append(block.text)
            lines.append("")
            continue
        is_apps = any("申请人情况" in c.text for c in block.cells)
        if "note_line" in quirks and is_apps:
            lines.append("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
        lines.extend(render_table(block, style, quirks, rng, furniture, is_apps))
        lines.append("")
    return "\n".join(lines) + "\n"


def make_corpus(out_dir: Path, n: int) -> list[Path]:
    """n synthetic text reports in every style, both formats (UTF-8; some GB18030)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        rng = random.Random(i)
        fmt = "2021" if i % 3 else "2019"
        style = STYLES[i % len(STYLES)]
        report = apply_quirks(make_report(i, fmt), i, {"fullwidth", "commas"})
        quirks = {q for q in ("shift", "group_lines", "wrap", "split") if rng.random() < 0.4}
        text = render_text(report, style, quirks, seed=i)
        path = out_dir / f"text_{i:05d}.txt"
        path.write_bytes(text.encode("gb18030" if i % 4 == 0 else "utf-8"))
        write_truth(report, path.with_suffix(".truth.csv"))
        paths.append(path)
    return paths
