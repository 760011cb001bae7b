"""The review/litigation table's layouts that no one template row reads: each step takes the
matches after placement by count and gives them back with the review rows read.

- `transposed`: the outcomes as rows, the bodies as columns (`结果维持 | 0 | 0 | 0` …
  `总计 | 0 | 0 | 0` under `| 行政复议 | 行政诉讼（未经复议直接起诉） | 行政诉讼（复议后起诉）`):
  each body's five cells are read down its column, in the order its header names them.
- `two_bodies`: 行政诉讼's own table, its header naming 未经复议直接起诉 and 复议后起诉 over
  ten outcomes and one line of ten cells: five for each body, in the header's order.

Cells keep their places only where a line shows every cell (a grid, tabs, pipes): a line of
flattened text printing fewer is not read by either step.
"""

from __future__ import annotations

from ..templates import Template, TemplateRow, squash
from .lines import RawRow
from .placement import Match, place_values

# outcome row labels (squashed) -> the template's column, longest first
_OUTCOME_ROWS = (("结果维持", "upheld"), ("结果纠正", "corrected"), ("其他结果", "other"), ("其它结果", "other"),
                 ("尚未审结", "pending"), ("总计", "total"), ("合计", "total"), ("维持", "upheld"),
                 ("纠正", "corrected"))
_BODIES = ("review", "litigation_direct", "litigation_after_review")


def _body(label: str) -> str | None:
    """The review body a header label names (`行政诉讼（复议后起诉）` -> litigation_after_review)."""
    text = squash(label)
    if "复议后起诉" in text:
        return "litigation_after_review"
    if "直接起诉" in text:
        return "litigation_direct"
    if text.startswith("行政复议") or text == "复议":
        return "review"
    return None


def _outcome(raw: RawRow) -> str | None:
    text = squash("".join(raw.labels))
    return next((col for word, col in _OUTCOME_ROWS if text == word), None)


def _body_order(rows: list[RawRow], top: int) -> list[str]:
    """The bodies the header rows above `top` name, left to right (two header rows: 行政复议 |
    行政诉讼 over 未经复议直接起诉 | 复议后起诉 read in turn)."""
    for start in range(max(0, top - 3), top):
        names = [b for r in rows[start:top] for label in r.labels if (b := _body(label))]
        if sorted(names) == sorted(_BODIES):
            return names
    return []


def _rows_of(template: Template) -> dict[str, TemplateRow]:
    return {r.key: r for r in template.rows if r.table == "review_litigation" and r.kind == "row"}


def _shows_all(raw: RawRow, k: int) -> list[str] | None:
    """The row's k cells where its line shows every one of them (a grid, tabs, pipes)."""
    if len(raw.own) == k and (raw.grid or "" in raw.own or raw.n_values == k):
        return list(raw.own)
    if not raw.own and len(raw.extra_lines) == 1 and len(raw.extra_lines[0]) == k:
        return list(raw.extra_lines[0])
    values = place_values(raw, k)
    return list(values) if values is not None and (raw.grid or raw.n_values == k) else None


def transposed(matches: list[Match], rows: list[RawRow], template: Template) -> list[Match]:
    """The review table printed with outcomes as rows: its three rows of five read by column."""
    targets = _rows_of(template)
    if set(targets) != set(_BODIES):
        return matches
    named = [_outcome(r) for r in rows]
    for i in range(len(rows) - 4):
        if named[i] is None:
            continue
        # the five outcome rows, past a page break's furniture and a header repeated after it
        at = [j for j in range(i, min(i + 9, len(rows))) if j == i or named[j] or rows[j].n_values][:5]
        run = [rows[j] for j in at]
        outcomes = [named[j] for j in at]
        if sorted(o or "" for o in outcomes) != sorted(("upheld", "corrected", "other", "pending", "total")):
            continue
        order = _body_order(rows, i)
        cells = [_shows_all(r, 3) for r in run]
        if not order or any(c is None for c in cells):
            continue
        by_outcome = {o: c for o, c in zip(outcomes, cells)}
        taken = {r.index for r in run}
        kept = [m for m in matches if m.row.table != "review_litigation" and m.raw.index not in taken]
        header = rows[i - 1]
        for j, body in enumerate(order):
            trow = targets[body]
            values = tuple(by_outcome[col][j] for _, _, col in trow.cells)  # type: ignore[index]
            kept.append(Match(header, trow, 100.0, values))
        return kept
    return matches


def two_bodies(matches: list[Match], rows: list[RawRow], template: Template) -> list[Match]:
    """行政诉讼's table of two bodies: its one line of ten cells read as five for each."""
    targets = _rows_of(template)
    out = []
    for m in matches:
        if m.row.table == "review_litigation" and m.row.kind == "row" and m.values is None:
            k = m.row.n_values
            cells = _shows_all(m.raw, 2 * k)
            above = rows[max(0, m.raw.index - 3):m.raw.index + 1]
            named = [b for r in above for label in [*r.context, *r.labels] if (b := _body(label))]
            order = [b for n, b in enumerate(named) if b != "review" and b not in named[:n]]
            if cells is not None and len(order) == 2 and set(order) == set(_BODIES[1:]) and set(order) <= set(targets):
                for j, body in enumerate(order):
                    trow = targets[body]
                    out.append(Match(m.raw, trow, m.score, tuple(cells[j * k:(j + 1) * k])))
                continue
        out.append(m)
    return out
