"""Synthetic annual reports: realistic content with known truth, as an ideal `Document`.

`make_report(seed, fmt)` draws a report (agency, year, every canonical value, the
narrative) and `layout(report)` lays it out as the national format prints it: the
tables with their real merged cells (the applications table's 3-row header, the
rowspans of 三、本年度办理结果 and its groups, the review table's 2-level header).
Renderers for each file format (text, HTML, DOCX, ...) turn that layout into files;
`truth_rows(report)` is what the pipeline must read back from any of them.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field
from pathlib import Path

from extractors.document import Block, Cell, Paragraph, Table
from pipeline.templates import load_templates

AGENCIES = (
    "华龙区岳村镇人民政府", "洪泽区人民政府", "余杭区市场监督管理局", "盐城市生态环境局",
    "南山区教育局", "武侯区人力资源和社会保障局", "莲湖区卫生健康委员会", "鼓楼区民政局",
    "江北新区管理委员会", "滨海县住房和城乡建设局", "长乐区自然资源局", "城关街道办事处",
)
APPLICANT_COLS = ("natural_person", "business", "research", "social_org", "legal_service", "other_org")


@dataclass
class Report:
    """One synthetic report: metadata, canonical values as printed, and narrative."""

    fmt: str
    year: int
    agency: str
    values: dict[tuple[str, str, str], str]  # (table, row, column) -> text as printed
    truth: dict[tuple[str, str, str], float | None] = field(default_factory=dict)  # as read
    title: str = ""
    sections: list[tuple[str, list[str]]] = field(default_factory=list)
    label_overrides: dict[tuple[str, str], str] = field(default_factory=dict)
    undivided_other: bool = False  # a 2021 report printing （六）其他处理 as one row


def _count(rng: random.Random, big: bool) -> int:
    """A plausible count: mostly zeros, sometimes a few, rarely many."""
    r = rng.random()
    if r < 0.55:
        return 0
    if r < 0.9 or not big:
        return rng.randint(1, 9)
    return rng.randint(10, 400)


def make_report(seed: int, fmt: str = "2021", consistent: bool = True, big: bool = False) -> Report:
    """A report whose printed totals satisfy the format's identities (unless not `consistent`).

    `big` makes natural persons' counts run into the thousands (printed with commas by
    the `commas` quirk).
    """
    rng = random.Random(seed)
    tpl = load_templates()[fmt]
    year = rng.choice((2021, 2022, 2023, 2024) if fmt == "2021" else (2019, 2020))
    agency = rng.choice(AGENCIES)
    values: dict[tuple[str, str, str], str] = {}
    app_rows = [r.key for r in tpl.rows if r.table == "applications" and r.kind == "row"]
    outcomes = app_rows[app_rows.index("granted"):app_rows.index("results_total")]
    grid: dict[tuple[str, str], int] = {}
    for col in APPLICANT_COLS:
        large = col in ("natural_person", "business")
        for row in outcomes:
            grid[(row, col)] = _count(rng, large) if rng.random() < 0.5 else 0
        carried_over = _count(rng, False) if rng.random() < 0.3 else 0
        forward = _count(rng, False) if rng.random() < 0.3 else 0
        done = sum(grid[(r, col)] for r in outcomes)
        grid[("results_total", col)] = done
        grid[("carried_forward", col)] = forward
        grid[("carried_over", col)] = min(carried_over, done + forward)
        grid[("new", col)] = done + forward - grid[("carried_over", col)]
    for row in app_rows:
        grid[(row, "total")] = sum(grid[(row, c)] for c in APPLICANT_COLS)
    if big:
        for row in ("granted", "results_total", "new"):
            grid[(row, "natural_person")] += 1200
            grid[(row, "total")] += 1200
    if not consistent:
        grid[("results_total", "total")] += 1
    for (row, col), v in grid.items():
        values[("applications", row, col)] = str(v)
    for table, row, col in tpl.keys:
        if table == "applications":
            continue
        if table == "review_litigation":
            continue
        if col in ("amount_10k_yuan", "amount"):
            values[(table, row, col)] = f"{rng.choice([0, 0, 1.5, 12.3456, 251.08]):g}"
        elif col == "change":
            values[(table, row, col)] = str(rng.choice([0, 0, 1, -2, 3]))
        else:
            values[(table, row, col)] = str(_count(rng, True))
    for row in ("review", "litigation_direct", "litigation_after_review"):
        parts = [rng.choice([0, 0, 0, 1, 2]) for _ in range(4)]
        for col, v in zip(("upheld", "corrected", "other", "pending"), parts):
            values[("review_litigation", row, col)] = str(v)
        values[("review_litigation", row, "total")] = str(sum(parts))
    report = Report(fmt, year, agency, values, {k: float(v) for k, v in values.items()})
    report.title = f"{agency}{year}年政府信息公开工作年度报告"
    report.sections = _narrative(rng, report)
    return report


def _narrative(rng: random.Random, r: Report) -> list[tuple[str, list[str]]]:
    """The six top-level sections; 二/三/四 hold the tables (marked by None paragraphs)."""
    n = rng.randint(10, 300)
    return [
        ("一、总体情况", [f"{r.year}年，{r.agency}认真贯彻落实《中华人民共和国政府信息公开条例》，"
                    f"全年主动公开政府信息{n}条，依申请公开工作依法规范开展。",
                    "（一）主动公开情况。通过政府网站、政务新媒体等渠道及时公开各类政府信息。"]),
        ("二、主动公开政府信息情况", []),
        ("三、收到和处理政府信息公开申请情况", []),
        ("四、政府信息公开行政复议、行政诉讼情况", []),
        ("五、存在的主要问题及改进情况", ["一是公开内容的深度和广度还有待提升；二是工作人员业务能力有待加强。"
                               f"{r.year + 1}年，我们将进一步规范政府信息公开工作。"]),
        ("六、其他需要报告的事项", [f"本年度未收取信息处理费。{r.agency}"]),
    ]


def _label(r: Report, table: str, row: str, default: str) -> str:
    return r.label_overrides.get((table, row), default)


def proactive_table(r: Report) -> Table:
    """The 第二十条 tables as one 4-column grid with section title rows, as printed."""
    tpl = load_templates()[r.fmt]
    cells: list[Cell] = []
    row = 0
    for table in [t for t in tpl.tables if t.startswith("proactive_")]:
        keys = [k for k in tpl.keys if k[0] == table]
        cols = list(dict.fromkeys(k[2] for k in keys))
        title = next(v for (t, _), v in _table_titles(r.fmt).items() if t == table)
        cells.append(Cell(row, 0, title, 1, 4))
        row += 1
        cells.append(Cell(row, 0, "信息内容"))
        widths = _spread(len(cols), 3)
        c = 1
        for col, w in zip(cols, widths):
            cells.append(Cell(row, c, tpl.column_labels[(table, col)], 1, w))
            c += w
        row += 1
        for rk in dict.fromkeys(k[1] for k in keys):
            cells.append(Cell(row, 0, _label(r, table, rk, tpl.row_labels[(table, rk)])))
            c = 1
            for col, w in zip(cols, widths):
                cells.append(Cell(row, c, r.values[(table, rk, col)], 1, w))
                c += w
            row += 1
    return Table(tuple(cells))


def _spread(n: int, width: int) -> list[int]:
    """Column spans that fit n value columns into `width` grid columns."""
    return [1] * (n - 1) + [width - (n - 1)]


def _table_titles(fmt: str) -> dict[tuple[str, str], str]:
    items = {"proactive_rules": "（一）", "proactive_licensing": "（五）", "proactive_enforcement": "（六）",
             "proactive_fees": "（八）", "proactive_procurement": "（九）"}
    return {(t, fmt): f"第二十条第{n}项" for t, n in items.items()}


def applications_table(r: Report) -> Table:
    """The big table with its 3-row header and nested row groups, merged cells as printed."""
    tpl = load_templates()[r.fmt]
    t = "applications"
    cols = ("natural_person",) + APPLICANT_COLS[1:] + ("total",)
    cells = [
        Cell(0, 0, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3),
        Cell(0, 3, "申请人情况", 1, 7),
        Cell(1, 3, "自然人", 2, 1), Cell(1, 4, "法人或其他组织", 1, 5), Cell(1, 9, "总计", 2, 1),
    ]
    for i, col in enumerate(APPLICANT_COLS[1:]):
        cells.append(Cell(2, 4 + i, tpl.column_labels[(t, col)]))
    rows = [x for x in tpl.rows if x.table == t and x.kind == "row"]
    row = 3
    groups: dict[str, list[tuple[str, str]]] = {}
    plan: list[tuple[str, str, str]] = []  # (key, group, leaf)
    for x in rows:
        zh = _label(r, t, x.key, tpl.row_labels[(t, x.key)])
        group, _, leaf = zh.rpartition(" ")
        plan.append((x.key, group, leaf))
        groups.setdefault(group, []).append((x.key, leaf))
    if r.undivided_other and r.fmt == "2021":
        subs = [p for p in plan if p[0].startswith("other_")]
        at = plan.index(subs[0])
        plan = [p for p in plan if not p[0].startswith("other_")]
        plan.insert(at, ("other_undivided", "", "（六）其他处理"))
        for col in cols:
            total = sum(r.truth.pop((t, p[0], col)) or 0 for p in subs)
            r.values[(t, "other_undivided", col)] = str(int(total))
            for p in subs:
                r.values.pop((t, p[0], col), None)
    outcome_start = next(i for i, p in enumerate(plan) if p[0] == "granted")
    outcome_end = next(i for i, p in enumerate(plan) if p[0] == "results_total")
    seen_groups: set[str] = set()
    for i, (key, group, leaf) in enumerate(plan):
        if i == outcome_start:
            cells.append(Cell(row, 0, "三、本年度办理结果", outcome_end - outcome_start + 1, 1))
        in_outcomes = outcome_start <= i <= outcome_end
        if not in_outcomes:
            cells.append(Cell(row, 0, leaf, 1, 3))
        elif group:
            if group not in seen_groups:
                seen_groups.add(group)
                cells.append(Cell(row, 1, group, len(groups[group]), 1))
            cells.append(Cell(row, 2, leaf))
        else:
            cells.append(Cell(row, 1, leaf, 1, 2))
        for j, col in enumerate(cols):
            cells.append(Cell(row, 3 + j, r.values[(t, key, col)]))
        row += 1
    return Table(tuple(cells))


def review_table(r: Report) -> Table:
    """The review / litigation table: 2-level header over one row of 15 numbers."""
    outs = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    cells = [Cell(0, 0, "行政复议", 1, 5), Cell(0, 5, "行政诉讼", 1, 10)]
    cells += [Cell(1, i, o, 2, 1) for i, o in enumerate(outs)]
    cells += [Cell(1, 5, "未经复议直接起诉", 1, 5), Cell(1, 10, "复议后起诉", 1, 5)]
    cells += [Cell(2, 5 + i, o) for i, o in enumerate(outs * 2)]
    c = 0
    for row in ("review", "litigation_direct", "litigation_after_review"):
        for col in ("upheld", "corrected", "other", "pending", "total"):
            cells.append(Cell(3, c, r.values[("review_litigation", row, col)]))
            c += 1
    return Table(tuple(cells))


def split_table(table: Table, at: int) -> tuple[Table, Table]:
    """The table cut before grid row `at`, as Word and CMS editors split it: a merged cell
    crossing the cut is truncated above and continues below as an empty cell."""
    top: list[Cell] = []
    bottom: list[Cell] = []
    for c in table.cells:
        if c.row >= at:
            bottom.append(Cell(c.row - at, c.col, c.text, c.row_span, c.col_span))
        elif c.row + c.row_span > at:
            top.append(Cell(c.row, c.col, c.text, at - c.row, c.col_span))
            bottom.append(Cell(0, c.col, "", c.row + c.row_span - at, c.col_span))
        else:
            top.append(c)
    return Table(tuple(top)), Table(tuple(sorted(bottom, key=lambda c: (c.row, c.col))))


def layout(r: Report) -> list[Block]:
    """The report as the national format prints it: title, sections, tables in place."""
    blocks: list[Block] = [Paragraph(r.title)]
    tables = {"二": proactive_table(r), "三": applications_table(r), "四": review_table(r)}
    for heading, paras in r.sections:
        blocks.append(Paragraph(heading))
        blocks.extend(Paragraph(p) for p in paras)
        if heading[0] in tables:
            blocks.append(tables[heading[0]])
    blocks.append(Paragraph(f"{r.agency}"))
    blocks.append(Paragraph(f"{r.year + 1}年1月20日"))
    return blocks


FULLWIDTH = str.maketrans("0123456789.,-", "０１２３４５６７８９．，－")
BLANK_MARKERS = ("", "/", "—", "-", "无", "／")


def apply_quirks(r: Report, seed: int, quirks: set[str]) -> Report:
    """Print values the ways real reports do; `truth` keeps what they must read as.

    quirks: `fullwidth` digits, `commas` in thousands, `units` on amounts (元, 万元),
    `blanks` (zeros printed as empty, /, —, -, 无).
    """
    rng = random.Random(seed)
    for key, text in list(r.values.items()):
        value = r.truth[key]
        if "commas" in quirks and value is not None and abs(value) >= 1000 and value == int(value):
            text = f"{int(value):,}"
        if "units" in quirks and key[2] == "amount_10k_yuan" and value is not None:
            text = f"{int(round(value * 10000))}元" if rng.random() < 0.5 else f"{value:g}万元"
        if "blanks" in quirks and value == 0 and rng.random() < 0.35:
            text = rng.choice(BLANK_MARKERS)
            r.truth[key] = None
        if "fullwidth" in quirks and rng.random() < 0.5:
            text = text.translate(FULLWIDTH)
        r.values[key] = text
    return r


def format_truth(value: float | None) -> str:
    """A golden value: integers without a decimal point, blanks empty."""
    if value is None:
        return ""
    return str(int(value)) if value == int(value) else f"{value:.6g}"


def truth_rows(r: Report) -> list[dict[str, str]]:
    """Every canonical cell with the value it must read as, in keys.csv order (the golden)."""
    tpl = load_templates()[r.fmt]
    return [{"table": t, "row": k, "column": c, "value": format_truth(r.truth[(t, k, c)])}
            for t, k, c in tpl.keys if (t, k, c) in r.truth]


def write_truth(r: Report, path: Path) -> None:
    """Write the golden CSV (table,row,column,value) beside a fixture."""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["table", "row", "column", "value"])
        w.writeheader()
        w.writerows(truth_rows(r))
