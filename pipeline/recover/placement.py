"""Where a value goes: every rule that puts a printed value into a canonical cell.

A raw row matched to a template row holds some value cells; which column each fills
is decided here (and, for rule 4, in `solve`) by one of four rules, tried in this order:

1. by count (`place_values`): the row prints as many values as the template row has
   columns, once empty cells left by merged label cells are trimmed;
2. by self-check (`place_values` with `group`): where trimming from either end gives
   a different row, the row's own identity (its total is the sum of its parts, from
   the template's `row_sums`) picks one, or nothing is placed;
3. by column position (`place_in_runs`): in space-aligned text a blank cell leaves
   only spaces; the complete rows of the same table next to a short row (a run of them
   that stand in line; a page break may start another) show where each column stands,
   and each value of the short row goes under the column it stands under;
4. by the table's identities (`solve.by_identities`, after these): a request-table row
   whose blanks left no trace is placed where the table's own sums leave it one reading.

`cells.place` then writes the values into canonical cells and lists what could not be
placed. Nothing is guessed: a row no rule can place is reported, never filled in.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from extractors import NotANumber, is_value_token, parse_number

from ..templates import Template, TemplateRow, squash
from .lines import RawRow


@dataclass(frozen=True)
class Match:
    """A raw row placed on a template row, with the values it fills (None: cannot place)."""

    raw: RawRow
    row: TemplateRow
    score: float
    values: tuple[str | None, ...] | None  # None inside: a cell left open (see `solve`)


# -- 1 and 2: by count, by self-check ------------------------------------------------------

def place_values(raw: RawRow, k: int, group: int = 0) -> tuple[str, ...] | None:
    """The k value cells of a row by count (`by_count`), else under the outcome columns its
    table's header names where the text keeps columns in place (`under_outcomes`)."""
    values = by_count(raw, k, group)
    if values is None and raw.heads:
        values = under_outcomes(raw, k)
    return values


def by_count(raw: RawRow, k: int, group: int = 0) -> tuple[str, ...] | None:
    """The k value cells of a row, or None when its values cannot be placed without guessing.

    Merged label cells leave empty cells between label and values and after them
    (seed: `4.保护第三方合法权益\\t\\t0…\\t`): surplus empties are trimmed from the end,
    then from the start. Values from following value-only lines are used only when
    the row's own line has too few: one of those lines holding exactly the row's values
    (a header row, then the data line), or all of them together (one cell per line).
    A stray number among them (a bare page number) makes the row ambiguous: None.
    When trimming from either end gives different rows (a blank first or last cell
    beside delimiters left by merged cells), the row's own identity (in each run of
    `group` cells the last is the sum of the others) must pick one, or the row is not placed.
    """
    if raw.n_values == 0:
        return blank_values(raw, k)
    if raw.fragments:
        return None  # its values go on in pieces on the next line: joined, they would be others
    if raw.grid and group and len(raw.own) == k and len(raw.extra_lines) == 1:
        wrapped = _wrapped_digits(raw, k, group)
        if wrapped is not None:
            return wrapped or None
    if raw.grid and len(raw.own) > k and len(raw.head_spans) == k:
        under = _under_headers(raw)
        if under is not None:
            return under
    cells = own_cells(raw, k)
    padded = _trim([*cells, ""], k, start_first=True)
    if (group == k and raw.narrow and cells and cells[-1] and sum(1 for v in cells if v) == k - 1
            and ("" in cells or raw.own_at > len(raw.labels)) and len(padded) == k and adds_up(padded, group)
            and not (len(cells) == k and adds_up(cells, group))):
        # Delimiters show the blanks (empty cells before the values), and the line ends short
        # on a value: an editor stripped the trailing blank, the 总计 left blank
        # (`\t（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0`). Only where the row adds up so,
        # and not as printed too (`\t2.重复申请\t\t0\t0\t0\t0\t0\t0`: a blank first cell, or a
        # blank total: all zeros, either reading adds up).
        return tuple(padded)
    printed = [v for v in cells if v]
    if (raw.grid and not raw.extra and len(cells) == k + 1 and len(printed) == k and cells[0] and cells[-1]
            and all(is_value_token(v) for v in printed)):
        # a grid row printing all k values, an empty cell among them: no column of its own (a
        # borderless print's header words made one: `商业 科研 … 它 计 其`), the values in order
        return tuple(printed)
    own = _trim(cells, k)
    if len(own) == k and any(own):  # not the empty cells of a label whose values sit below
        other = _trim(cells, k, start_first=True)
        if raw.narrow and "" in own:
            # A line shorter than its table's others lost a cell: an empty cell beside its values
            # may be a surplus delimiter and the values one cell off (`行政事业性收费 | -2 |` in
            # a table of three value columns had lost its 3). The table's sums may still place
            # its values (`solve`); by count, nothing is.
            return None
        if other == own:
            return tuple(own)
        fits = [o for o in (own, other) if group and adds_up(o, group)]
        return tuple(fits[0]) if len(fits) == 1 else None
    if raw.extra and not any(raw.own):
        lone = [v for v in raw.extra if v]
        grid_row = raw.grid and len(raw.extra_lines) == 1 and len(raw.extra_lines[0]) == k
        if raw.inline and len(lone) == 1 and re.fullmatch(r"\d{1,3}", lone[0]) and not grid_row:
            # Where rows print their values on their own line, a bare number alone on the
            # next is a page number as likely as a value (sweep text-7100090: 行政许可, 6);
            # not in a grid row of k cells (the review row's one case among 14 blanks).
            return None
        whole = [_trim(line, k) for line in raw.extra_lines if sum(1 for v in line if v) > 1]
        if len(whole) == 1 and len(whole[0]) == k:  # lone numbers beside it: page numbers
            # (a grid line as wide as two rows or more holds another body's cells: the
            # litigation header's ten outcomes over `'' '' '' '' '' 2 '' '' 1 3` give 复议后起诉's
            # values, never 未经复议直接起诉's)
            if raw.grid and any(len(line) >= 2 * k for line in raw.extra_lines):
                return None
            return tuple(whole[0])
        # One cell per line; the values alone only where no blank cell is shown (a shown
        # blank cannot have vanished: sweep text-7100037 read a page number in its place).
        shown = any(not v for v in raw.extra)
        if raw.blanks_shown and len(raw.extra) == k:
            return tuple(raw.extra)  # every cell printed, the empty ones too: the row is whole
        for candidate in ((raw.extra,) if shown else (raw.extra, [v for v in raw.extra if v])):
            trimmed = _trim(candidate, k)
            if len(trimmed) == k:
                if shown and len(candidate) == k:
                    return tuple(trimmed)  # k cells, every blank shown: nothing to doubt
                # a vanished blank and a page number can add up to k: where the row
                # carries its own total, it must add up
                if group:
                    return tuple(trimmed) if adds_up(trimmed, group) else None
                # Without a total, a shown blank trimmed away while the last value could be
                # a page number (`| (empty) | 3 | 0 | 8`) reads two ways: neither is placed.
                if _page_number_reading(candidate, k):
                    return None
                return tuple(trimmed)
    return None


# The review table's outcome columns, as its header names them for each body.
OUTCOMES = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
# the outcome words no other table prints: two of them name a review table's header
REVIEW_WORDS = ("结果维持", "结果纠正", "尚未审结")
_OUTCOME_SPELLINGS = {"其它结果": "其他结果", "合计": "总计"}
# the request table's columns as its header names them, left to right
APPLICANTS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
_APPLICANT_SPELLINGS = {"社会组织": "社会公益组织", "其它": "其他", "合计": "总计", "其他组织": "其他"}


def applicant_name(name: str) -> str | None:
    """The request table's column a header word names (`社会组织` → 社会公益组织), None if none."""
    return name if name in APPLICANTS else _APPLICANT_SPELLINGS.get(name)


def under_outcomes(raw: RawRow, k: int) -> tuple[str, ...] | None:
    """A row's values under the columns named above it, in a layout dump.

    `pdftotext -layout` prints a blank cell as spaces: `0.0000 1 0 / 1 1 0 0 1` leaves
    six of fifteen cells unsaid. Where the header prints the review outcomes (结果维持 …
    总计) once per body, k of them in order, or the request table's seven applicant
    columns (自然人 … 总计), each with its centre, every value must stand within the columns
    of one header word (the header keeping its words two spaces apart or more), in order;
    the columns no value stands under are blank. Anything else (a value between columns, two under one, a value
    without a centre) places nothing.
    """
    if k == len(APPLICANTS):
        wanted, spellings = list(APPLICANTS), _APPLICANT_SPELLINGS
    elif k % len(OUTCOMES) == 0:
        wanted, spellings = list(OUTCOMES) * (k // len(OUTCOMES)), _OUTCOME_SPELLINGS
    elif k <= 3:
        # a 第二十条 table: its header line names the label column, then its k value columns
        header = sorted((x, squash(text)) for text, x in raw.heads[:len(raw.heads) - len(raw.labels)])
        wanted, spellings = [name for _, name in header[-k:]], {}
        if len(header) != k + 1:
            return None
    else:
        return None
    heads = sorted((x, spellings.get(name, name), _width(text)) for text, x in raw.heads
                   if (name := squash(text)) in wanted or name in spellings)
    if [name for _, name, _ in heads] != wanted:
        return None
    cells = raw.own + raw.extra
    xs = raw.own_x + raw.extra_x
    values = [(v, x) for v, x in zip(cells, xs) if v]
    if not values or len(values) > k or any(x is None for _, x in values):
        return None
    spans = [(x - w / 2, x + w / 2) for x, _, w in heads]
    if any(b[0] - a[1] < 2 for a, b in zip(spans, spans[1:])):
        return None  # header words a space apart: text that keeps no columns
    out = [""] * k
    last = -1
    for value, x in values:
        at = float(x)  # type: ignore[arg-type]
        under = [c for c, (a, b) in enumerate(spans) if a - 1 <= at <= b + 1]
        if len(under) != 1 or under[0] <= last:
            return None  # between columns, or out of order
        out[under[0]] = value
        last = under[0]
    return tuple(out)


def _width(text: str) -> int:
    """Columns a text takes in a monospaced dump (wide characters two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _wrapped_digits(raw: RawRow, k: int, group: int) -> tuple[str, ...] | None:
    """A grid row whose numbers wrapped inside their cells (`１２` over `６` in a narrow PDF
    column): the line under it holds only digits, each under one of the row's numbers.
    Joined where that makes the row add up, and the row does not as printed; () where it
    does not add up either way (reported); None where the line is not such pieces."""
    line = raw.extra_lines[0]  # the whole grid row: aligned on the table's last column
    pieces = {i - (len(line) - k): v for i, v in enumerate(line) if v}
    if not pieces or any(not 0 <= i < k or not re.fullmatch(r"[0-9０-９]{1,3}", v) or not raw.own[i]
                         for i, v in pieces.items()):
        return None
    if adds_up(raw.own, group):
        return None  # the row adds up as printed: the line is something else
    joined = tuple(v + pieces.get(i, "") for i, v in enumerate(raw.own))
    return joined if adds_up(joined, group) else ()


def own_cells(raw: RawRow, k: int) -> list[str]:
    """The row's cells on its label's line, or, where the next line is as wide and holds
    values only under that line's empty cells (a converter's markdown that wrapped a row:
    `| 规章 | 6条 |  |  |` over `|  |  | 无 | 0 |`), the two lines cell by cell: each value
    stands under its cell."""
    if len(raw.own) >= k and len(raw.extra_lines) == 1 and len(raw.extra_lines[0]) == raw.own_at + len(raw.own):
        below = raw.extra_lines[0][raw.own_at:]
        if any(below) and not any(a and b for a, b in zip(raw.own, below)):
            return [a or b for a, b in zip(raw.own, below)]
    return raw.own


def _page_number_reading(cells: list[str], k: int) -> bool:
    """True when dropping a last bare number instead of empty cells also leaves k cells."""
    if len(cells) <= k or not re.fullmatch(r"\d{1,3}", cells[-1]):
        return False
    other = _trim(cells[:-1], k)
    return len(other) == k and other != _trim(cells, k)


def blank_values(raw: RawRow, k: int) -> tuple[str, ...] | None:
    """The k cells of a row that prints no value, where its blank cells are visible; else None.

    Visible: the row's own line has k empty cells (a grid row, tabs, pipes), or the
    lines under it show exactly k empty cells: one row of k (the review table's data
    row of 15 blanks under its header), or k lines of one (`|` alone on a line, one
    cell per line). A label alone on a line of flattened text may have lost its values
    elsewhere: not a blank row.
    """
    if len(raw.own) >= k:
        return ("",) * k
    if not raw.own and len(raw.extra) == k and (
            len(raw.extra_lines) == 1 or all(len(line) == 1 for line in raw.extra_lines)):
        return ("",) * k
    return None


def _under_headers(raw: RawRow) -> tuple[str, ...] | None:
    """A grid row with more cells than its header has value columns (`'' | -3 | ''` under
    `上一年项目数量 | 本年增/减` spanning two): each header's columns hold at most one value,
    its cell; None where a value stands under no header or two under one."""
    out = []
    taken = 0
    for first, span in raw.head_spans:
        under = [v for v, (col, _) in zip(raw.own, raw.own_spans) if first <= col < first + span and v]
        if len(under) > 1:
            return None
        out.append(under[0] if under else "")
        taken += len(under)
    return tuple(out) if taken == sum(1 for v in raw.own if v) else None


def _trim(values: list[str], k: int, start_first: bool = False) -> list[str]:
    """Drop surplus empty cells, trailing ones first (leading ones first with `start_first`)."""
    v = list(values)
    ends = (0, -1) if start_first else (-1, 0)
    for end in ends:
        while len(v) > k and v and not v[end]:
            v.pop(end)
    return v


def adds_up(values: list[str] | tuple[str, ...], group: int) -> bool:
    """True when in each run of `group` values the last is the sum of the others (blank = 0)."""
    try:
        numbers = [parse_number(v) or 0.0 for v in values]
    except NotANumber:
        return False
    runs = [numbers[i:i + group] for i in range(0, len(numbers), group)]
    return all(len(r) == group and abs(sum(r[:-1]) - r[-1]) < 1e-6 for r in runs)


def _blank_total(values: list[str], group: int) -> bool:
    """True when some run of `group` values leaves its total (last) cell blank."""
    return any(not values[i + group - 1] for i in range(0, len(values) - group + 1, group))


def self_check(template: Template, trow: TemplateRow) -> int:
    """Size of the runs of a row's cells whose last is the sum of the others (0: none).

    From the template's `row_sums`: an applications or review row ends in its total;
    the review table's wide row is three runs (复议, 直接起诉, 复议后起诉), each ending
    in its total.
    """
    rule = template.row_sums.get(trow.table)
    if rule is None or not trow.cells or trow.cells[-1][2] != rule.total:
        return 0
    return len(rule.parts) + 1 if trow.kind == "wide" else trow.n_values


def doubt_blank_totals(matches: list[Match], template: Template) -> list[Match]:
    """Rows placed by self-check, unplaced again where the table leaves totals blank elsewhere.

    The self-check picks between two trims of a row (a blank first cell, or a blank
    total) by whether the total adds up. In a table whose other rows leave 总计 blank,
    the blank-total reading cannot be refuted, and a shifted reading may add up by
    chance (sweep text-6100044: 8 = 2 + 6): then neither is placed.
    """
    blank_tables = {m.row.table for m in matches if m.values is not None and m.row.kind == "row"
                    and (g := self_check(template, m.row)) and _blank_total([v or "" for v in m.values], g)
                    and any(m.values[:-1])}
    out = []
    for m in matches:
        group = self_check(template, m.row)
        if (m.values is not None and group and m.row.table in blank_tables
                and len(m.raw.own) > m.row.n_values
                and _trim(m.raw.own, m.row.n_values) != _trim(m.raw.own, m.row.n_values, True)):
            m = replace(m, values=None)
        out.append(m)
    return out


def doubt_bare_blanks(matches: list[Match]) -> list[Match]:
    """A label line read as a row of blanks (`bare`: nothing on its line, the next label
    below) unplaced again where that next row holds more values than its cells: the values
    below are both labels' (a column-wise dump: `规章 / 规范性文件 / 无 / — / — / — / 2 / 无`), so
    the first row's cells are among them, not blank."""
    nxt = {m.raw.index: m for m in matches}
    out = []
    for m in matches:
        below = nxt.get(m.raw.index + 1)
        if (m.raw.bare and m.raw.n_values == 0 and m.values is not None and below is not None
                and below.values is None and below.row.table == m.row.table
                and below.raw.n_values > below.row.n_values):
            m = replace(m, values=None)
        out.append(m)
    return out


def label_of(raw: RawRow) -> str:
    """A row's label as printed, shortened for messages."""
    text = " ".join(raw.labels)
    return text if len(text) <= 40 else text[:39] + "…"
