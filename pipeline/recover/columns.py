"""The request table's columns in the order its header prints them.

Most reports print the applicant columns in the national order (自然人, the five 法人或其他组织,
总计), but some put 总计 first or otherwise reorder them (PHENOMENA.md: a header "flattened
into one line in another order"). Rows are placed cell by cell in printed order; where
the header says the order differs, each placed row's cells are moved to the columns the
header names. The order is read only where it is certain: from a grid's column indexes or
a layout dump's cell centres. Flattened text without positions tells only 总计 first, from a
header naming 总计 自然人 商业企业 … 其他 in that order without 法人或其他组织: its two-level
header reads `自然人 法人或其他组织 总计 商业企业 …` over columns in the national order. A
header that names some columns twice or misses one changes nothing.
"""

from __future__ import annotations

from dataclasses import replace

from extractors import NotANumber, parse_number

from ..templates import squash
from .lines import Line, RawRow
from .placement import APPLICANTS, Match, applicant_name

TABLE = "applications"
MAX_HEADER_LINES = 4  # label-only lines above the table's first row that may be its header


def printed_order(rows: list[RawRow], lines: list[Line], first: int) -> tuple[int, ...] | None:
    """For each printed value cell of the request table, the national column it stands in;
    None where the header prints the national order or its order cannot be told."""
    header = []
    i = first - 1
    while i >= 0 and first - i <= MAX_HEADER_LINES and rows[i].n_values == 0:
        header.append(lines[rows[i].line])
        i -= 1
    if not any(line.spans or any(x is not None for x in line.xs or ()) for line in header):
        return _flat_total_first(rows, lines, first)
    found: list[tuple[float, int, int]] = []  # (position, line, national column)
    for n, line in enumerate(reversed(header)):
        named = [(j, applicant_name(squash(c))) for j, c in enumerate(line.cells)]
        named = [(j, a) for j, a in named if a is not None]
        for j, name in named:
            if line.spans:
                at: float | None = float(line.spans[j][0])
            elif line.xs and line.xs[j] is not None:
                at = line.xs[j]
            else:  # flattened, a two-level header reads 自然人 法人或其他组织 总计 商业企业 …: no order
                at = None
            if at is None:
                return None
            found.append((at, n, APPLICANTS.index(name)))
    columns = [c for _, _, c in sorted(found)]
    if sorted(columns) != list(range(len(APPLICANTS))):
        return None
    if len({at for at, _, _ in found}) != len(found):
        return None  # two names at one place: rows of cells with no spans (CSS div tables)
    if columns == list(range(len(APPLICANTS))):
        return None
    naming = [line for n, line in enumerate(reversed(header)) if any(m == n for _, m, _ in found)]
    if any(_merged(line) for line in naming):
        return None
    if not all(line.spans or _indexed(line) for line in naming) and not _stand_under(sorted(found), rows[first:]):
        return None  # text whose header words do not stand over the values: no columns kept
    return tuple(columns)


def _indexed(line: Line) -> bool:
    """A pipe table's line: its cells' positions are their indexes (`| a | b |` keeps every
    cell, blank ones too), so a header word stands over its column as in a grid."""
    return bool(line.xs) and all(x == float(j) for j, x in enumerate(line.xs))


def _merged(line: Line) -> bool:
    """The header's rows merged into one line (`自然人 | 法人或其他组织 | 总计 | 商业企业 …`):
    the group word beside its own columns, so no word stands over its column."""
    words = {squash(c) for c in line.cells}
    return not line.spans and "法人或其他组织" in words and any(applicant_name(w) in APPLICANTS[1:5] for w in words)


TOTAL_FIRST = (len(APPLICANTS) - 1, *range(len(APPLICANTS) - 1))  # 总计 自然人 商业企业 … 其他
MAX_FLAT_HEADER_LINES = 10  # one header word per line: seven of them, a note, the 申请人情况 line


def _flat_total_first(rows: list[RawRow], lines: list[Line], first: int) -> tuple[int, ...] | None:
    """Flattened text without positions: 总计 first, where the header lines above the table
    name the seven columns each once in the order 总计 自然人 商业企业 … 其他 (on one line,
    or one word per line) and print no 法人或其他组织. A two-level header flattened prints that
    group word (`自然人 法人或其他组织 总计 商业企业 …` over columns in the national order), and
    any other order is not told apart from one: the national order stays."""
    names: list[int] = []
    i = first - 1
    while i >= 0 and first - i <= MAX_FLAT_HEADER_LINES and rows[i].n_values == 0:
        cells = [squash(c) for c in lines[rows[i].line].cells]
        if any("法人或其他组织" in c for c in cells):
            return None
        found = [applicant_name(c) for c in cells]
        names = [APPLICANTS.index(a) for a in found if a is not None] + names
        i -= 1
    return TOTAL_FIRST if tuple(names) == TOTAL_FIRST else None


def _stand_under(found: list[tuple[float, int, int]], rows: list[RawRow]) -> bool:
    """In flattened text with positions, the first row printing all seven values has each of
    them under one header word, in order (a layout dump, not words joined by spaces)."""
    names = {c: APPLICANTS[c] for _, _, c in found}
    for row in rows[:MAX_HEADER_LINES * 2]:
        xs = [x for v, x in zip(row.own, row.own_x) if v]
        if sum(1 for v in row.own if v) != len(APPLICANTS) or len(xs) != len(APPLICANTS) or None in xs:
            continue
        for (at, _, column), x in zip(found, xs):
            half = len(names[column])  # wide characters: two columns each, half the word's width
            if x is None or abs(float(x) - at) > half + 1:
                return False
        return True
    return False


MIN_TELLING_ROWS = 3  # rows whose sums tell where the total stands, none telling otherwise


def total_first(matches: list[Match]) -> tuple[int, ...] | None:
    """The order `总计` first, where the header could not be read (its words wrapped in narrow
    cells) but the rows' own sums say it: in `MIN_TELLING_ROWS` rows or more the first cell is
    the sum of the other six and the last is not, and in no row the other way round (a row
    adding up both ways, one applicant's cases and their total, tells nothing).
    No value is made: the printed cells are only given the columns their sums show."""
    first = last = 0
    for m in matches:
        if m.row.table != TABLE or m.values is None or len(m.values) != len(APPLICANTS):
            continue
        try:
            v = [parse_number(x or "") or 0.0 for x in m.values]
        except NotANumber:
            continue
        at_first = v[0] > 0 and abs(v[0] - sum(v[1:])) < 1e-6
        at_last = v[-1] > 0 and abs(v[-1] - sum(v[:-1])) < 1e-6
        # `20 0 0 0 0 0 20` adds up both ways: it tells nothing
        first += at_first and not at_last
        last += at_last and not at_first
    if first >= MIN_TELLING_ROWS and last == 0:
        return TOTAL_FIRST
    return None


def in_printed_order(matches: list[Match], rows: list[RawRow], lines: list[Line]) -> tuple[list[Match], bool]:
    """The matches with the request table's cells moved to the columns its header names, and
    whether the header reorders them (then no rule placing cells by the table's sums runs:
    they read the national order)."""
    first = next((m.raw.index for m in matches if m.row.table == TABLE), None)
    if first is None:
        return matches, False
    order = printed_order(rows, lines, first) or total_first(matches)
    if order is None:
        return matches, False
    out = []
    for m in matches:
        if m.row.table == TABLE and m.values is not None and len(m.values) == len(order):
            moved: list[str | None] = [None] * len(order)
            for printed, column in enumerate(order):
                moved[column] = m.values[printed]
            m = replace(m, values=tuple(moved))
        out.append(m)
    return out, True
