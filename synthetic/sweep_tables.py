"""The sweep's statistical tables, in the layouts real reports print them.

Applications: the official three-row header, one header row, or none; re-typed in the
middle; the table split in two with the continuing group label repeated, left blank or
dropped. Review/litigation: three header rows, two, or one labelled row per body.
Proactive disclosure: one table with section rows, or one small table per item with
its title inside or above. Every label goes through the document's `Labeler`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from extractors.document import Block, Cell, Paragraph, Table
from pipeline.templates import load_templates

from .docx import stack
from .report import APPLICANT_COLS, Report, split_table
from .sweep_labels import Labeler

LAYOUT_FLAGS = ("proactive_items_inside", "proactive_items_above", "header_one_row",
                "header_missing", "header_repeated", "split_blank", "split_repeat", "split_drop",
                "review_2h", "review_rows", "note_absent", "note_line")
NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
OUTCOMES = "三、本年度办理结果"
REVIEW_OUTS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
COLS = APPLICANT_COLS + ("total",)
_ITEMS = {"proactive_rules": "一", "proactive_licensing": "五", "proactive_enforcement": "六",
          "proactive_fees": "八", "proactive_procurement": "九"}


@dataclass(frozen=True)
class TableOpts:
    """Which layout each statistical table takes in one document."""

    proactive: str = "one"  # one | inside | above
    header: str = "official"  # official | one_row | missing
    header_repeat: bool = False
    split: str = ""  # "" | blank | repeat | drop
    split_at: int = 10  # plan row before which the applications table is split
    note: str = "corner"  # corner | none | line
    review: str = "3h"  # 3h | 2h | 2h_litigation | rows | rows_group


def draw_layout_flags(rng: random.Random) -> set[str]:
    """A random, compatible set of table-layout phenomena."""
    flags: set[str] = set()
    for group, p in ((("proactive_items_inside", "proactive_items_above"), 0.35),
                     (("header_one_row", "header_missing"), 0.3),
                     (("split_blank", "split_repeat", "split_drop"), 0.35),
                     (("review_2h", "review_rows"), 0.45), (("note_absent", "note_line"), 0.3)):
        if rng.random() < p:
            flags.add(rng.choice(group))
    if rng.random() < 0.2 and "header_missing" not in flags:
        flags.add("header_repeated")
    return flags


def table_opts(flags: set[str], rng: random.Random) -> TableOpts:
    """The layout options the flags stand for (split point and sub-variants drawn here)."""
    split = next((f[6:] for f in flags if f.startswith("split_")), "")
    header = "one_row" if "header_one_row" in flags else "missing" if "header_missing" in flags \
        else "official"
    review = "3h"
    if "review_2h" in flags:
        review = rng.choice(("2h", "2h_litigation"))
    elif "review_rows" in flags:
        review = rng.choice(("rows", "rows_group"))
    proactive = "inside" if "proactive_items_inside" in flags else \
        "above" if "proactive_items_above" in flags else "one"
    note = "none" if "note_absent" in flags else "line" if "note_line" in flags else "corner"
    return TableOpts(proactive, header, "header_repeated" in flags, split, rng.randint(3, 20),
                     note, review)


def undivide(r: Report) -> None:
    """A 2021 report printing （六）其他处理 as one row: its three rows' cells are not printed."""
    for col in COLS:
        parts = [r.truth.pop(("applications", k, col)) for k in
                 ("other_no_correction", "other_unpaid_fee", "other_other")]
        for k in ("other_no_correction", "other_unpaid_fee", "other_other"):
            r.values.pop(("applications", k, col))
        known = [p for p in parts if p is not None]
        r.values[("applications", "other_undivided", col)] = str(int(sum(known))) if known else ""
    r.undivided_other = True


def plan(r: Report) -> list[tuple[str, str, str]]:
    """The printed rows of the applications table: (row key, group label, leaf label)."""
    tpl = load_templates()[r.fmt]
    out: list[tuple[str, str, str]] = []
    for x in tpl.rows:
        if x.table != "applications" or x.kind != "row":
            continue
        if x.key.startswith("other_") and r.undivided_other:
            if x.key == "other_no_correction":
                out.append(("other_undivided", "", "（六）其他处理"))
            continue
        group, _, leaf = tpl.row_labels[("applications", x.key)].rpartition(" ")
        out.append((x.key, group, leaf))
    return out


def _apps_header(lab: Labeler, opts: TableOpts) -> list[Cell]:
    """The header rows of the applications table in the document's header layout."""
    tpl = load_templates()["2021"]
    names = [lab.label(tpl.column_labels[("applications", c)]) for c in COLS]
    if opts.header == "missing":
        return []
    if opts.header == "one_row":
        return [Cell(0, 0, "" if opts.note != "corner" else NOTE, 1, 3)] + \
            [Cell(0, 3 + i, n) for i, n in enumerate(names)]
    cells = [Cell(0, 0, NOTE if opts.note == "corner" else "", 3, 3), Cell(0, 3, "申请人情况", 1, 7),
             Cell(1, 3, names[0], 2, 1), Cell(1, 4, lab.label("法人或其他组织"), 1, 5),
             Cell(1, 9, names[6], 2, 1)]
    return cells + [Cell(2, 4 + i, n) for i, n in enumerate(names[1:6])]


def _apps_body(r: Report, lab: Labeler, rows: list[tuple[str, str, str]], top: int) -> list[Cell]:
    """The labelled value rows, from grid row `top`, with the merged group labels."""
    keys = [k for k, _, _ in rows]
    first = next((i for i, k in enumerate(keys) if k == "granted"), None)
    last = max((i for i, k in enumerate(keys) if k == "results_total"), default=len(keys) - 1)
    cells: list[Cell] = []
    for i, (key, group, leaf) in enumerate(rows):
        row = top + i
        in_outcomes = first is not None and first <= i <= last
        if i == first:
            cells.append(Cell(row, 0, lab.label(OUTCOMES), last - first + 1, 1))
        if not in_outcomes:
            cells.append(Cell(row, 0, lab.label(leaf), 1, 3))
        elif group:
            if i == 0 or rows[i - 1][1] != group:
                span = sum(1 for _ in _run(rows, i, group))
                cells.append(Cell(row, 1, lab.label(group), span, 1))
            cells.append(Cell(row, 2, lab.label(leaf)))
        else:
            cells.append(Cell(row, 1, lab.label(leaf), 1, 2))
        cells.extend(Cell(row, 3 + j, r.values[("applications", key, c)]) for j, c in enumerate(COLS))
    return cells


def _run(rows: list[tuple[str, str, str]], i: int, group: str) -> list[int]:
    """Indices of the consecutive rows from `i` in the same group."""
    out = []
    while i < len(rows) and rows[i][1] == group:
        out.append(i)
        i += 1
    return out


def cut_table(table: Table, at: int, mode: str) -> tuple[Table, Table]:
    """The table split before grid row `at`; a merged label crossing the cut continues below
    blank (`blank`), with its text again (`repeat`), or not at all (`drop`: the cells to its
    right widen over its columns)."""
    if mode == "blank":
        return split_table(table, at)
    top, bottom = split_table(table, at)
    crossing = {(c.col, c.col_span): c.text for c in table.cells
                if c.row < at < c.row + c.row_span}
    cells = []
    for c in bottom.cells:
        if c.row == 0 and (c.col, c.col_span) in crossing and c.text == "":
            if mode == "repeat":
                cells.append(Cell(0, c.col, crossing[(c.col, c.col_span)], c.row_span, c.col_span))
            continue
        cells.append(c)
    if mode == "drop":
        covered = {(c.row + dr, c.col + dc) for c in cells for dr in range(c.row_span)
                   for dc in range(c.col_span)}
        widened = []
        for c in cells:
            start = c.col
            while start > 0 and (c.row, start - 1) not in covered:
                start -= 1
            widened.append(Cell(c.row, start, c.text, c.row_span, c.col_span + c.col - start))
            covered.update((c.row + dr, col) for dr in range(c.row_span) for col in range(start, c.col))
        cells = widened
    return top, Table(tuple(sorted(cells, key=lambda c: (c.row, c.col))))


def applications(r: Report, lab: Labeler, opts: TableOpts, upto: int | None = None) -> list[Block]:
    """The applications table (or its two halves), up to plan row `upto` when cut off."""
    rows = plan(r)[:upto]
    head = _apps_header(lab, opts)
    n_head = max((c.row + c.row_span for c in head), default=0)
    table = Table(tuple(head + _apps_body(r, lab, rows, n_head)))
    out: list[Block] = [Paragraph(NOTE)] if opts.note == "line" else []
    at = n_head + opts.split_at
    if opts.split and opts.split_at < len(rows):
        top, bottom = cut_table(table, at, opts.split)
        if opts.header_repeat and head:
            bottom = stack(Table(tuple(head)), bottom)
        return out + [top, bottom]
    if opts.header_repeat and head and opts.split_at < len(rows):
        top, bottom = split_table(table, at)
        table = stack(top, Table(tuple(head)), bottom)
    return out + [table]


def review(r: Report, lab: Labeler, opts: TableOpts) -> Table:
    """The review / litigation table in the document's layout."""
    outs = [lab.label(o) for o in REVIEW_OUTS]
    bodies = ("review", "litigation_direct", "litigation_after_review")
    vals = [[r.values[("review_litigation", b, c)] for c in ("upheld", "corrected", "other",
                                                                "pending", "total")] for b in bodies]
    if opts.review in ("rows", "rows_group"):
        cells = [Cell(0, 0, "", 1, 2)] + [Cell(0, 2 + i, o) for i, o in enumerate(outs)]
        cells.append(Cell(1, 0, lab.label("行政复议"), 1, 2))
        if opts.review == "rows_group":
            cells += [Cell(2, 0, lab.label("行政诉讼"), 2, 1), Cell(2, 1, lab.label("未经复议直接起诉")),
                      Cell(3, 1, lab.label("复议后起诉"))]
        else:
            cells += [Cell(2, 0, lab.label("未经复议直接起诉"), 1, 2),
                      Cell(3, 0, lab.label("复议后起诉"), 1, 2)]
        for i, row in enumerate(vals):
            cells += [Cell(1 + i, 2 + j, v) for j, v in enumerate(row)]
        return Table(tuple(cells))
    if opts.review == "3h":
        cells = [Cell(0, 0, lab.label("行政复议"), 1, 5), Cell(0, 5, lab.label("行政诉讼"), 1, 10)]
        cells += [Cell(1, i, o, 2, 1) for i, o in enumerate(outs)]
        cells += [Cell(1, 5, lab.label("未经复议直接起诉"), 1, 5), Cell(1, 10, lab.label("复议后起诉"), 1, 5)]
        cells += [Cell(2, 5 + i, o) for i, o in enumerate(outs * 2)]
    elif opts.review == "2h":
        cells = [Cell(0, 5 * i, lab.label(b), 1, 5)
                 for i, b in enumerate(("行政复议", "未经复议直接起诉", "复议后起诉"))]
        cells += [Cell(1, i, o) for i, o in enumerate(outs * 3)]
    else:  # 2h_litigation: 行政复议 | 行政诉讼, then the 15 outcomes
        cells = [Cell(0, 0, lab.label("行政复议"), 1, 5), Cell(0, 5, lab.label("行政诉讼"), 1, 10)]
        cells += [Cell(1, i, o) for i, o in enumerate(outs * 3)]
    n = max(c.row + c.row_span for c in cells)
    return Table(tuple(cells + [Cell(n, i, v) for i, v in enumerate(x for row in vals for x in row)]))


def proactive(r: Report, lab: Labeler, opts: TableOpts, rng: random.Random) -> list[Block]:
    """The 第二十条 tables: one grid with section rows, or one small table per item."""
    tpl = load_templates()[r.fmt]
    form = rng.choice(("第二十条第（{}）项", "第二十条第({})项", "第二十条 第（{}）项")) \
        if "label_variants" in lab.flags else "第二十条第（{}）项"
    blocks: list[Block] = []
    grid: list[Cell] = []
    for table in [t for t in tpl.tables if t.startswith("proactive_")]:
        keys = [k for k in tpl.keys if k[0] == table]
        cols = list(dict.fromkeys(k[2] for k in keys))
        widths = [1] * (len(cols) - 1) + [4 - len(cols)]
        title = form.format(_ITEMS[table])
        cells: list[Cell] = [] if opts.proactive == "above" else [Cell(0, 0, title, 1, 4)]
        row = len(cells)
        cells.append(Cell(row, 0, lab.label("信息内容")))
        c = 1
        for col, w in zip(cols, widths):
            cells.append(Cell(row, c, lab.label(tpl.column_labels[(table, col)]), 1, w))
            c += w
        for rk in dict.fromkeys(k[1] for k in keys):
            row += 1
            cells.append(Cell(row, 0, lab.label(tpl.row_labels[(table, rk)])))
            c = 1
            for col, w in zip(cols, widths):
                cells.append(Cell(row, c, r.values[(table, rk, col)], 1, w))
                c += w
        if opts.proactive == "one":
            offset = max((x.row + x.row_span for x in grid), default=0)
            grid += [Cell(x.row + offset, x.col, x.text, x.row_span, x.col_span) for x in cells]
            continue
        if opts.proactive == "above":
            blocks.append(Paragraph(title))
        blocks.append(Table(tuple(cells)))
    return [Table(tuple(grid))] if grid else blocks
