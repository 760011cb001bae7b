"""Split one line of flattened table text into cells.

Crawlers and copy-paste flatten tables in several ways; this module turns any of
them into a list of cell texts without knowing what the table means:

- tabs between cells (empty cells kept: their position is information);
- `|` between or after cells (markdown-ish dumps; `a |` lines, one cell per line);
- runs of two or more spaces or `&nbsp;`, or of the wide Unicode spaces (U+2003, U+3000 …);
- a label followed by numbers separated by single spaces (`行政许可 0 0`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .values import is_value_token

# Between cells: two or more spaces or no-break spaces (`&nbsp;` in crawled text), or any
# run of the wide Unicode spaces (U+2002-U+200A, U+202F, U+205F, U+3000) editors align with.
_SPACE_RUN = re.compile(r"(?:[ \u00a0]{2,}|[\u2002-\u200a\u202f\u205f\u3000]+)")
_SPACE_RUN_KEPT = re.compile(f"({_SPACE_RUN.pattern})")  # split, keeping the separators
_WHITESPACE = re.compile(r"\s")
_LONE_PAIR = re.compile(r"(?:^|\s)[\u2e80-\uffff]\s+[\u2e80-\uffff](?=\s|$)")
_ENTITIES = re.compile(r"&(?:nbsp|#160|#xa0|ensp|emsp|#12288);", re.IGNORECASE)
_MD_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")


def is_rule_line(line: str) -> bool:
    """True for a markdown table rule like `|---|---|` that carries no cells."""
    return bool(_MD_RULE.match(line.strip())) and "-" in line


def split_cells(line: str) -> list[str]:
    """Cells of one flattened line, stripped; empty cells kept where delimiters show them."""
    line = line.rstrip("\r\n")
    if "&" in line:  # HTML saved as text keeps its entities: `规章&nbsp;&nbsp;0`
        line = _ENTITIES.sub("\u00a0", line)
    if "\t" in line:
        cells = [c.strip() for c in line.split("\t")]
    elif "|" in line:
        # `| a | b |` (markdown), `a | b |` and `a |` (a pipe ends each cell, one cell per line
        # in some crawlers' dumps, where a lone `|` is an empty cell and `||` ends a row).
        stripped = line.strip()
        if len(stripped) > 1 and not stripped.strip("|"):
            return []
        if stripped.startswith("|") and len(stripped) > 1:
            stripped = stripped[1:]
        if stripped.endswith("|"):
            stripped = stripped[:-1]
        cells = [c.strip() for c in stripped.split("|")]
    else:
        if _LONE_PAIR.search(line):  # two lone wide characters side by side: a spaced-out word?
            cells = _join_spaced_words(_SPACE_RUN_KEPT.split(line.strip()))
        else:
            cells = [c.strip() for c in _SPACE_RUN.split(line.strip())]
    out: list[str] = []
    for cell in cells:  # (a number and its unit a space apart only beside other cells)
        out.extend(_split_trailing_values(cell, units=len(cells) > 1))
    return out


_SPACED_OUT = 4  # widest gap inside a spaced-out word: `规　　章` (two U+3000)


def _join_spaced_words(parts: list[str]) -> list[str]:
    """`_SPACE_RUN_KEPT.split` output (cells and separators alternating) with spaced-out words
    put back together: `规  范  性  文  件` is one cell, not five.

    Labels are spaced out with the same separators that part cells (`行　政　处　罚`). A run
    of single wide characters (not value tokens such as `无`) is one word where the
    characters are parted by the narrowest separator between them; a wider one between
    two such characters (`商　业　企　业   科　研　机　构`) still parts two cells.
    """
    cells = [c.strip() for c in parts[0::2]]
    single = [len(c) == 1 and bool(_WIDE.match(c)) and not is_value_token(c) for c in cells]
    if sum(single) < 2:
        return cells
    seps = [display_width(s) for s in parts[1::2]]
    joins = [i for i in range(len(seps)) if single[i] and single[i + 1]]
    if not joins:
        return cells
    narrowest = min(seps[i] for i in joins)
    if narrowest > _SPACED_OUT:
        return cells  # two lone characters far apart are two cells (`无 … 无` in a layout dump)
    out = [cells[0]]
    for i, cell in enumerate(cells[1:]):
        if i in joins and seps[i] == narrowest:
            out[-1] += cell
        else:
            out.append(cell)
    return out


def _split_trailing_values(cell: str, units: bool = False) -> list[str]:
    """`行政许可 0 0` -> [`行政许可`, `0`, `0`]; `0 0 0` -> three cells; with `units`, the line's
    first cell of several, `其他对外管理服务 43 件` -> [`其他对外管理服务`, `43 件`]; else unchanged
    (`本年收取 1,234 件` alone on its line is a sentence)."""
    if not _WHITESPACE.search(cell):
        return [cell]
    tokens = cell.split()
    cut = len(tokens)
    values: list[str] = []
    while cut > 0:
        if is_value_token(tokens[cut - 1]):
            values.insert(0, tokens[cut - 1])
            cut -= 1
        elif units and cut > 1 and is_value_token(joined := f"{tokens[cut - 2]} {tokens[cut - 1]}"):
            values.insert(0, joined)  # (`43 件`: a number and its unit, a space apart)
            cut -= 2
        else:
            break
    if not values:
        return [cell]
    head = " ".join(tokens[:cut])
    return ([head] if head else []) + values


# East Asian Wide and Fullwidth ranges (CJK, Hangul, full-width forms, CJK punctuation).
_WIDE = re.compile("[\u1100-\u115f\u2e80-\u303e\u3040-\ua4cf\uac00-\ud7a3\uf900-\ufaff"
                   "\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]")


def display_width(text: str) -> int:
    """Columns a string takes in a monospaced dump: CJK and full-width characters take two."""
    return len(text) if text.isascii() else len(text) + len(_WIDE.findall(text))


def is_space_aligned(line: str) -> bool:
    """True when `split_cells` splits this line on runs of spaces (no tab, no `|`)."""
    return "\t" not in line and "|" not in line


def centres_both(line: str, cells: list[str]) -> tuple[list[float | None], list[float | None]]:
    """Each cell's centre on a space-aligned line, in display columns and in characters (None
    where not found), in one pass.

    `pdftotext -layout` and monospaced dumps keep each column at its place, so a blank
    cell leaves spaces, not a delimiter: the centres tell which column a value is under.
    Monospaced editors give CJK characters two columns (display width); `pdftotext -layout`
    gives every character one.
    """
    display: list[float | None] = []
    chars: list[float | None] = []
    start = 0
    width = 0  # display width of line[:start]
    for cell in cells:
        at = line.find(cell, start) if cell else -1
        if at < 0:
            display.append(None)
            chars.append(None)
            continue
        width += display_width(line[start:at])
        cell_width = display_width(cell)
        display.append(width + cell_width / 2)
        chars.append(at + len(cell) / 2)
        width += cell_width
        start = at + len(cell)
    return display, chars


LABEL_SPREAD = 3  # columns by which labels must end apart for aligned values to prove a layout


def laid_out(rows: list[list[str]], display: list[list[float | None]], chars: list[list[float | None]]
             ) -> list[list[float | None]] | None:
    """The centres under which space-aligned rows are a layout (columns kept in place):
    `display` (monospaced editors) or `chars` (`pdftotext -layout`); None when they are cells
    parted by a fixed separator.

    Rows printing as many values whose labels end at clearly different places (`规章`
    and `行政规范性文件`) but whose values stand in line are a layout: a fixed separator
    would have moved the values with their labels. Where labels end about alike
    nothing is proven, and the centres say nothing of blank cells.
    """
    lasts: list[int | None] = []
    for row in rows:
        labels = [i for i, c in enumerate(row) if c and not is_value_token(c)]
        lasts.append(labels[-1] if labels and len(row) - labels[-1] > 2 else None)
    if sum(1 for last in lasts if last is not None) < 2:
        return None
    for xs, width_of in ((display, display_width), (chars, len)):
        if _stands_in_line(rows, xs, lasts, width_of):
            return xs
    return None


def _stands_in_line(rows: list[list[str]], xs: list[list[float | None]], lasts: list[int | None],
                    width_of: Callable[[str], int]) -> bool:
    """True when some rows with as many values show labels ending apart, values in line."""
    groups: dict[int, list[tuple[float, list[float]]]] = {}
    for row, x, last in zip(rows, xs, lasts):
        if last is None or any(v is None for v in x):
            continue
        values = [float(v) for v in x[last + 1:] if v is not None]
        end = float(x[last]) + width_of(row[last]) / 2  # type: ignore[arg-type]
        groups.setdefault(len(values), []).append((end, values))
    for items in groups.values():
        ends = [end for end, _ in items]
        if len(items) < 2 or max(ends) - min(ends) < LABEL_SPREAD:
            continue
        columns = list(zip(*(values for _, values in items)))
        mids = [sorted(col)[len(col) // 2] for col in columns]
        gaps = [b - a for a, b in zip(mids, mids[1:])]
        spread = max(max(col) - min(col) for col in columns)
        # values that moved with their labels (a third of the labels' spread) are no layout
        if min(gaps) > 0 and spread <= 0.5 * min(gaps) and spread <= (max(ends) - min(ends)) / 3:
            return True
    return False
