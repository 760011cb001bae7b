"""Placement rule 4, by the table's identities: rows whose blank cells left no trace.

Flattened text that drops empty cells (a PDF copied as text, a page read cell by cell)
prints `3 3` for a request-table row of seven columns: the 3 stands under one of six
applicant columns, the other under 总计, and nothing on the line says which. The table's
own identities often do: each column's outcome rows add up to its 办理结果总计, and its
new and carried-over requests equal its results and carry-forward
(`checks.identities`). A reading of a row keeps its values in the order printed, puts
blanks in the other cells and must add up along the row; a reading of the table picks one
reading for every such row.

The rule is for text whose blanks leave no trace: a table printing an empty cell between
two values elsewhere shows its blanks, and there a row short of values lost one (a
damaged copy), so nothing is placed. It places a row only where every reading of the whole table that satisfies every
identity (blank = 0) gives that row the same cells. Where the identities leave a row
open, contradict each other (the report's arithmetic is wrong), or need cells the
document does not give, the row stays unplaced and is reported, as before. Nothing is
guessed: a value is placed where the printed values and the report's own sums leave
it one column.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations

from extractors import NotANumber, parse_number

from ..templates import Template
from .checks import Identity, identities
from .placement import Match, adds_up, own_cells, self_check

TABLE = "applications"
MAX_SUMS = 20_000  # reachable sums kept per equation side before giving up on pruning by it
MAX_NODES = 200_000  # search steps before the table is left as it was
MAX_SOLUTIONS = 64

Reading = tuple[str, ...]  # a row's cells as printed, '' where a blank left no trace
Numbers = tuple[int | None, ...]  # their numbers in sums (blank: 0; None: a total left blank)
Placing = tuple[str | None, ...]  # the cells placed (None: a cell the readings disagree on)


def _number(text: str) -> int | None:
    """A cell's value as an integer (blank: 0); None when it is not a whole number."""
    try:
        value = parse_number(text) or 0.0
    except NotANumber:
        return None
    return int(value) if value == int(value) and value >= 0 else None


def _cell(text: str) -> float | None:
    try:
        return parse_number(text)
    except NotANumber:
        return None  # not reached: readings hold numbers and blanks only


def _shows_blanks(m: Match) -> bool:
    """True for a row printing an empty cell between two values (`3 | | 5`)."""
    cells = m.raw.own
    filled = [i for i, v in enumerate(cells) if v]
    return len(filled) >= 2 and any(not v for v in cells[filled[0]:filled[-1]])


def readings(m: Match, group: int) -> list[Reading] | None:
    """Every way to put the row's printed values, in order, into its cells (blanks between),
    that adds up along the row; None where the row is not one whose blanks left no trace."""
    raw, k = m.raw, m.row.n_values
    if raw.grid or raw.fragments or raw.n_values == 0:
        return None
    own = [v for v in own_cells(raw, k) if v]
    below = [v for v in raw.extra if v]
    if own and below:
        return None
    values = own or below
    if not values or len(values) >= k or any(_number(v) is None for v in values):
        return None
    out = []
    for at in combinations(range(k), len(values)):
        cells = [""] * k
        for i, v in zip(at, values):
            cells[i] = v
        if not group or adds_up(cells, group) or (group == k and _cell(cells[-1]) is None):
            out.append(tuple(cells))  # a total left blank says nothing: it is not summed
    return out


def by_identities(matches: list[Match], template: Template) -> list[Match]:
    """Request-table rows left unplaced, placed where the table's identities leave one reading."""
    rows = [m for m in matches if m.row.table == TABLE]
    if all(m.values is not None for m in rows):
        return matches  # every row placed already (nearly every document)
    if any(m.row.kind != "row" or m.row.covers for m in rows):
        return matches  # an undivided row stands for several: its sums are not the rows'
    if any(_shows_blanks(m) for m in rows):
        return matches  # its blanks are empty cells: a row short of values lost one, they did not vanish
    first: dict[str, int] = {}
    for i, m in enumerate(matches):
        if m.row.table == TABLE:
            first.setdefault(m.row.key, i)
    known: dict[tuple[str, str, str], int] = {}
    open_rows: dict[str, list[Reading]] = {}
    for key, i in first.items():
        m = matches[i]
        if m.values is not None:
            numbers = [None if v is None else _number(v) for v in m.values]
            if any(n is None for n in numbers):
                return matches
            known.update({cell: n for cell, n in zip(m.row.cells, numbers)})  # type: ignore[misc]
            continue
        found = readings(m, self_check(template, m.row))
        if found:
            open_rows[key] = found
    if not open_rows:
        return matches
    cols = {key: [c for _, _, c in matches[first[key]].row.cells] for key in open_rows}
    rules = [r for r in identities(template) if r.name.startswith(TABLE + ".")
             and not r.name.startswith(TABLE + ".applicants")]
    equations = _equations(rules, known, open_rows, cols)
    if equations is None:
        return matches
    chosen = _solve(open_rows, equations)
    if not chosen:
        return matches
    out = list(matches)
    for key, reading in chosen.items():
        out[first[key]] = replace(matches[first[key]], values=reading)
    return out


# An equation: terms (sign, row key, column index) over open rows, and a constant, summing to 0.
Equation = tuple[list[tuple[int, str, int]], int]


def _equations(rules: list[Identity], known: dict[tuple[str, str, str], int],
               open_rows: dict[str, list[Reading]], cols: dict[str, list[str]]) -> list[Equation] | None:
    """The identities over the open rows' cells; those with a cell the document lacks left out."""
    out: list[Equation] = []
    for rule in rules:
        terms: list[tuple[int, str, int]] = []
        constant = 0
        complete = True
        for sign, cells in ((1, rule.left), (-1, rule.right)):
            for cell in cells:
                _, row, col = cell
                if cell in known:
                    constant += sign * known[cell]
                elif row in open_rows and col in cols[row]:
                    terms.append((sign, row, cols[row].index(col)))
                else:
                    complete = False
        if complete and terms:
            out.append((terms, constant))
    return out


def _numbers(reading: Reading) -> Numbers:
    """A reading's cells as numbers in sums (blank: 0); None for a total left blank beside
    values, which no identity can use (the table leaves its totals blank)."""
    values = [_number(v) or 0 for v in reading]
    if _cell(reading[-1]) is None and any(values[:-1]):
        return (*values[:-1], None)
    return tuple(values)


def _holds(terms: list[tuple[int, str, int]], constant: int, chosen: dict[str, Numbers]) -> bool:
    total = constant
    for sign, row, at in terms:
        value = chosen[row][at]
        if value is None:
            return True  # a blank total in it: the equation says nothing
        total += sign * value
    return total == 0


def _prune(domains: dict[str, list[Numbers]], equations: list[Equation]) -> bool:
    """Drop readings no choice of the other rows can complete; False when a row has none left."""
    changed = True
    while changed:
        changed = False
        for terms, constant in equations:
            cells = [[r[at] for r in domains[row]] for _, row, at in terms]
            if any(v is None for vs in cells for v in vs):
                continue  # a total that may be blank: the equation cannot prune
            options = [{sign * v for v in vs} for (sign, _, _), vs in zip(terms, cells)]  # type: ignore[operator]
            for n, (sign, row, at) in enumerate(terms):
                reach = {constant}
                for m, opts in enumerate(options):
                    if m != n:
                        reach = {s + o for s in reach for o in opts}
                        if len(reach) > MAX_SUMS:
                            break
                else:
                    kept = [r for r in domains[row] if -sign * r[at] in reach]  # type: ignore[operator]
                    if not kept:
                        return False
                    if len(kept) < len(domains[row]):
                        domains[row] = kept
                        options[n] = {sign * r[at] for r in kept}  # type: ignore[operator]
                        changed = True
    return True


def _search(domains: dict[str, list[Numbers]], equations: list[Equation]) -> list[dict[str, Numbers]] | None:
    """Every solution (None when there are more than MAX_SOLUTIONS or the search runs long)."""
    order = sorted(domains, key=lambda k: len(domains[k]))
    by_row: dict[str, list[Equation]] = {k: [] for k in order}
    for eq in equations:
        last = max(order.index(row) for _, row, _ in eq[0])
        by_row[order[last]].append(eq)  # checked once its last row is chosen
    solutions: list[dict[str, Numbers]] = []
    nodes = 0
    chosen: dict[str, Numbers] = {}

    def search(i: int) -> bool:
        nonlocal nodes
        if i == len(order):
            solutions.append(dict(chosen))
            return len(solutions) <= MAX_SOLUTIONS
        row = order[i]
        for cells in domains[row]:
            nodes += 1
            if nodes > MAX_NODES:
                return False
            chosen[row] = cells
            if all(_holds(terms, constant, chosen) for terms, constant in by_row[row]):
                if not search(i + 1):
                    return False
        chosen.pop(row, None)
        return True

    return solutions if search(0) else None


def _solve(open_rows: dict[str, list[Reading]], equations: list[Equation]) -> dict[str, Placing]:
    """Rows whose numbers are the same in every solution of the equations (none if any doubt).

    Readings with the same numbers differ only in which cells are `0` and which blank
    (`—`, or a blank that vanished): a cell they disagree on is not placed (None); the
    others take the text the readings agree on, or, for a blank, ''.
    """
    alike: dict[str, dict[Numbers, list[Reading]]] = {}
    for row, found in open_rows.items():
        for reading in found:
            alike.setdefault(row, {}).setdefault(_numbers(reading), []).append(reading)
    domains = {row: list(by_numbers) for row, by_numbers in alike.items()}
    if not _prune(domains, equations):
        return {}
    solutions = _search(domains, equations)
    if not solutions:
        return {}  # the search was cut short, or the report's sums admit no reading
    out: dict[str, Placing] = {}
    for row in domains:
        numbers = solutions[0][row]
        placing = tuple(_agreed(texts) for texts in zip(*alike[row][numbers]))
        if (all(s[row] == numbers for s in solutions) and any(v is not None for v in placing)
                and all(_tested(row, at, s, equations)
                        for s in solutions for at, n in enumerate(numbers) if n is not None)):
            out[row] = placing
    return out


def _tested(row: str, at: int, solution: dict[str, Numbers], equations: list[Equation]) -> bool:
    """True when some identity sums this cell with every other cell it needs known: a row
    whose readings only its own sum tells apart (a report cut off above its totals) is not
    placed by this rule, since a slip in its arithmetic would read as a blank total."""
    return any(any(r == row and a == at for _, r, a in terms)
               and all(solution[r][a] is not None for _, r, a in terms)
               for terms, _ in equations)


def _agreed(texts: tuple[str, ...]) -> str | None:
    """One cell's text across readings: theirs where they agree in value, else None."""
    values = {_cell(t) for t in texts}
    if len(values) > 1:
        return None
    if len(set(texts)) == 1:
        return texts[0]
    return "" if values == {None} else min(texts, key=len)
