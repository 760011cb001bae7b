"""Rows printed out of the template's order, taken back on their own labels.

The alignment (`align`) is monotone: it follows the template's row order, so of two rows
printed in each other's place (`3.要求提供公开出版物` before `2.重复申请`) it places one and
leaves the other among the rows that fit nothing. That one goes to its template row only
where its label is (nearly) the template's own, the row is placed nowhere else, and it
stands between placed rows of the same table.
"""

from __future__ import annotations

from ..templates import Template
from .align import score_matrix
from .lines import RawRow
from .placement import Match, place_values, self_check

OUT_OF_ORDER_SCORE = 95.0  # a row printed out of the template's order is taken back only on its own label


def out_of_order(matches: list[Match], rows: list[RawRow], template: Template) -> list[Match]:
    """Rows printed out of the template's order (`3.要求提供公开出版物` before `2.重复申请`): the
    monotone alignment places one of them; the other, unplaced between placed rows of its
    table, goes to its template row where that row is matched nowhere and its label scores
    `OUT_OF_ORDER_SCORE` or more there."""
    used = {id(m.raw) for m in matches}
    taken = {(m.row.table, m.row.key) for m in matches}
    spare = [r for r in rows if id(r) not in used and r.n_values > 0 and r.labels]
    if not spare:
        return matches
    scores = score_matrix(spare, template)
    groups = [self_check(template, trow) for trow in template.rows]
    placed_at = sorted((m.raw.index, m.row.table) for m in matches)
    added = []
    for i, raw in enumerate(spare):
        j = int(scores[i].argmax())
        trow = template.rows[j]
        before = [t for at, t in placed_at if at < raw.index][-1:]
        after = [t for at, t in placed_at if at > raw.index][:1]
        if (scores[i, j] < OUT_OF_ORDER_SCORE or (trow.table, trow.key) in taken or trow.kind != "row"
                or before + after != [trow.table, trow.table]):
            continue
        taken.add((trow.table, trow.key))
        added.append(Match(raw, trow, float(scores[i, j]), place_values(raw, trow.n_values, groups[j])))
    return sorted(matches + added, key=lambda m: m.raw.index) if added else matches
