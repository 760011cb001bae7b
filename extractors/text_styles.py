"""Dump styles of flattened text whose cells only the whole text shows (`extractors.text`).

- `|` alone on the lines between cells (`0` / `|` / `5`), where a lone `|` is an empty cell;
- one cell per line with an empty line for each blank cell, proven by rows that show it;
- page numbers and counters left between rows (`is_furniture`).
"""

from __future__ import annotations

import re

from .cells import split_cells
from .values import is_value_token

_FURNITURE = re.compile(
    r"^(?:[-—–－]+\s*\d{1,4}\s*[-—–－]+"  # - 3 -, —3— (a bare -2 is a value)
    r"|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?"  # 第3页 共5页
    r"|\d{1,4}\s*/\s*\d{1,4}"  # 3 / 5
    r"|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(r"^\d{1,4}$")


def is_furniture(line: str) -> bool:
    """True for page numbers and page counters that a paged report leaves between rows."""
    s = line.strip()
    return bool(s) and not _BARE_NUMBER.match(s) and bool(_FURNITURE.match(s))


def pipes_between_cells(lines: list[str]) -> list[str]:
    """Lines with `|` alone on the lines BETWEEN cells rewritten so a lone `|` is an empty cell.

    Two dump styles print one cell per line with pipes: `0 |` … `|` (a pipe ends each
    cell; a lone pipe is an empty cell) and `0` / `|` / `5` (a pipe on its own line
    between cells; an empty cell is an empty line between two pipes, or right after
    one). In the second style no content line ends with a pipe: there the empty cells
    are made lone pipes and the separating pipes dropped, so both read alike.
    """
    lone = sum(1 for ln in lines if ln.strip() == "|")
    if lone < 3 or any(ln.rstrip().endswith("|") and ln.strip() != "|" for ln in lines):
        return lines
    out: list[str] = []
    after_pipe = False
    ended = False  # the last cell was an empty line after a pipe: the row's last cell, empty
    following = _next_content(lines)
    for i, line in enumerate(lines):
        text = line.strip()
        if text == "|":
            if after_pipe or (i >= 2 and not lines[i - 1].strip() and not lines[i - 2].strip()
                              and _all_blank_row(lines, i)):
                # two pipes with nothing between: an empty cell; so is the empty line after
                # the one ending a row, before the first pipe of a row of blanks (a review
                # row of 15); a row whose label follows may lead with it or not
                out.append("|")
            after_pipe, ended = True, False
            continue
        if not text:
            if after_pipe:
                out.append("|")  # the empty line after a pipe is the empty cell
                after_pipe, ended = False, True
            else:
                out.append(line)
            continue
        if (not after_pipe and _BARE_NUMBER.match(text) and out and (out[-1].strip() not in ("", "|") or ended)
                and following[i] != "|"):
            continue  # a number between two rows, parted from both by no pipe: a page number
        after_pipe, ended = False, False
        out.append(line)
    return out


def _all_blank_row(lines: list[str], i: int) -> bool:
    """True when from line i nothing but pipes and empty lines follows up to a row break (two
    empty lines) or the end: a row of empty cells."""
    j = i
    while j < len(lines) and lines[j].strip() in ("", "|"):
        j += 1
    return j == len(lines) or (j - i >= 2 and not lines[j - 1].strip() and not lines[j - 2].strip())


MIN_GAPPED_RUNS = 3  # rows whose values have an empty line between them: the style is proven
MAX_ROW_CELLS = 16  # the widest row: 15 review values, and the empty line parting the next table


def empty_lines_as_cells(lines: list[str]) -> list[str]:
    """One cell per line with an empty line for each blank cell: each label and the value or
    empty lines after it (up to the next label) rewritten as one tab-parted row.

    Empty lines also part paragraphs, so the style must prove itself: in three rows or more
    of at most `MAX_ROW_CELLS` lines an empty line stands between two values of one row, and
    two values stand together (`规章` / `0` / `0.0000` / `` / `137`). Then in the stretch of
    short lines around those rows (up to a paragraph or the title) a label followed by values
    or empty lines is a row of cells (`行政强制` / `` a row of one blank). Elsewhere, and where
    a line holds cells of its own, nothing changes.
    """
    given, lines = lines, _without_page_breaks(lines)
    kinds = ["empty" if not ln.strip() else "value" if _single_value(ln) else "label" for ln in lines]
    starts = [i for i, kind in enumerate(kinds) if kind == "label"]
    runs = list(zip(starts, [*starts[1:], len(lines)]))  # (label, end of the lines after it)

    def row_like(i: int, end: int) -> bool:
        return len(split_cells(lines[i])) == 1 and end - i - 1 <= MAX_ROW_CELLS

    gapped = [k for k, (i, end) in enumerate(runs) if row_like(i, end) and _gapped(kinds[i + 1:end])]
    if len(gapped) < MIN_GAPPED_RUNS:
        return given
    first, last = gapped[0], gapped[-1]
    while first > 0 and _in_table(lines[runs[first - 1][0]]):
        first -= 1
    while last + 1 < len(runs) and _in_table(lines[runs[last + 1][0]]):
        last += 1
    out = lines[:runs[first][0]]
    width = 0  # cells of the row before: empty lines past it end the table, no cells
    for i, end in runs[first:last + 1]:
        cells = [ln.strip() for ln in lines[i + 1:end]]
        if not (row_like(i, end) and cells):
            out.extend(lines[i:end])
            width = 0
            continue
        kept = len(cells)
        if width and kept > width and not any(cells[width:]):
            kept = width
        elif kept == MAX_ROW_CELLS and not cells[-1]:
            kept -= 1  # (no row is that wide: the last is the empty line parting the next table)
        out.append("\t".join([lines[i].strip(), *cells[:kept]]))
        out.extend(cells[kept:])
        width = kept
    out.extend(lines[runs[last][1]:])
    return out


MAX_CELL_LABEL = 40  # a longer line is a paragraph: a table's stretch ends there


def _in_table(line: str) -> bool:
    """A line that may be a table's label: short, and not the title (`…年度报告`)."""
    text = line.strip()
    return len(text) <= MAX_CELL_LABEL and not text.endswith("报告")


def _without_page_breaks(lines: list[str]) -> list[str]:
    """The lines with each page number or counter (`—6—`, `第3页`) dropped with the empty line on
    either side of it: the page break, no cells."""
    out: list[str] = []
    skip_empty = False
    for line in lines:
        if is_furniture(line):
            if out and not out[-1].strip():
                out.pop()
            skip_empty = True
            continue
        if skip_empty and not line.strip():
            skip_empty = False
            continue
        skip_empty = False
        out.append(line)
    return out


def _single_value(line: str) -> bool:
    cells = split_cells(line)
    return len(cells) == 1 and is_value_token(cells[0])


def _gapped(kinds: list[str]) -> bool:
    """True when an empty line stands between two values, and two values stand together or
    two empty lines between two values: one empty line after every value (plain `pdftotext`
    spacing its lines) parts lines, no cells."""
    text = "".join("v" if k == "value" else "e" if k == "empty" else "l" for k in kinds)
    return re.search(r"ve+v", text) is not None and ("vv" in text or re.search(r"vee+v", text) is not None)


def _next_content(lines: list[str]) -> list[str]:
    """For each line, the next non-empty line after it, stripped ('' at the end)."""
    out = [""] * len(lines)
    nxt = ""
    for i in range(len(lines) - 1, -1, -1):
        out[i] = nxt
        if lines[i].strip():
            nxt = lines[i].strip()
    return out


WIDE = "\u3000"
MIN_TRAILING = 3  # lines ending in a separator after their cells: every cell has its separator
MAX_WIDE_LABEL = 40  # a longer lone text is prose (its indent is no empty cell)


def wide_spaces_as_cells(lines: list[str]) -> list[str]:
    """Ideographic spaces that part cells one by one, an empty cell between two of them
    (`行政规范性文件　　　2`: two blank cells, then 2), rewritten as tabs.

    Runs of U+3000 also part cells whose blanks vanish (`规章　　0　　3`), so the style must
    prove itself: three lines or more end in the separator after a label (`规章　　　`, a row
    of blanks keeping its cells), and every run between two cells is a whole number of the
    shortest one (the separator). Lines of prose (one long text, indented) stay as they are.
    """
    candidates = [ln for ln in lines if WIDE in ln and "\t" not in ln and "|" not in ln]
    trailing = [ln for ln in candidates if ln.strip(" ").endswith(WIDE) and ln.strip()]
    if len(trailing) < MIN_TRAILING:
        return lines
    cells = [ln for ln in candidates if all(len(w) <= MAX_WIDE_LABEL for w in ln.split(WIDE))]  # no prose
    # the separator from rows holding values (a page's info line `来源：…　发布时间：…` parts its
    # items otherwise)
    runs = [len(m.group()) for ln in cells if any(is_value_token(w) for w in ln.split(WIDE) if w)
            for m in re.finditer(f"(?<=[^{WIDE}]){WIDE}+(?=[^{WIDE}])", ln.strip(" "))]
    unit = min(runs, default=1)
    if any(n % unit for n in runs):
        return lines
    out = []
    for line in lines:
        text = line.strip(" ")
        words = [w for w in text.split(WIDE) if w]
        if line not in cells or not words or (len(words) == 1 and (
                len(words[0]) > MAX_WIDE_LABEL or not text.endswith(WIDE))):  # (an indent)
            out.append(line)
            continue
        out.append("\t".join(re.sub(f"{WIDE}{{{unit}}}", "\u0000", text).split("\u0000")).strip(" "))
    return out
