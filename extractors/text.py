"""Plain-text reports: decode, drop page furniture, give lines as paragraphs and tables.

Text reports come from crawlers' text dumps and copy-paste. Tables arrive flattened
(see `cells.split_cells`); runs of lines with two or more cells become a `Table`,
every other line a `Paragraph`. Lines with one cell each (text dumps of HTML tables)
stay paragraphs: only the pipeline, which knows the templates, can regroup them.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from .cells import centres_both, display_width, is_rule_line, is_space_aligned, laid_out, split_cells
from .document import Block, Cell, Document, Paragraph, Table
from .errors import EmptyFile, ExtractionError
from .pdf_text import join_wrapped
from .values import is_value_token

format = "text"

# A report's text is tens of KB; 8 MB is a hundred reports. Beyond that the file is not a
# report (a database dump, a log) and reading it would cost minutes and gigabytes.
MAX_BYTES = 8 * 1024 * 1024
# Page furniture printed between rows when a paged report is dumped as text.
_FURNITURE = re.compile(
    r"^(?:[-—–－]+\s*\d{1,4}\s*[-—–－]+"  # - 3 -, —3— (a bare -2 is a value)
    r"|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?"  # 第3页 共5页
    r"|\d{1,4}\s*/\s*\d{1,4}"  # 3 / 5
    r"|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(r"^\d{1,4}$")
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")  # not tab, newline, form feed, return


def sniff(head: bytes, path: Path) -> bool:
    """True when the first bytes decode as text in one of the encodings reports use.

    A few stray bytes (a truncated GBK character, a crawler's splice) do not make
    a text file binary: up to 1% of undecodable characters are tolerated.
    """
    if _decode(head, strict=True, partial=True) is not None:
        return True
    if b"\x00" in head:
        return False
    text = head.decode("gb18030", errors="replace")
    return text.count("\ufffd") <= max(2, 0.01 * len(text)) and _looks_like_text(text)


def extract(path: Path) -> Document:
    """Read a text report (UTF-8, UTF-16 or GB18030) into paragraphs and tables."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ExtractionError(f"text file too large: {size} bytes (limit {MAX_BYTES})")
    data = path.read_bytes()
    text = _decode(data, strict=True)
    warnings: tuple[str, ...] = ()
    if text is None:
        text = data.decode("gb18030", errors="replace")
        warnings = ("undecodable bytes replaced (read as GB18030)",)
    if not text.strip():
        raise EmptyFile("empty file")
    return Document(format=format, blocks=tuple(lines_to_blocks(join_prose(text.splitlines()))),
                    warnings=warnings)


MIN_PROSE_WIDTH = 60  # display columns: prose wrapped at 30 ideographs or more
_PROSE = re.compile(r"[，。；《》]")


def join_prose(lines: list[str]) -> list[str]:
    """Prose lines wrapped at a right margin (`pdftotext` dumps) joined into paragraphs, so a
    sentence split over lines reads whole (`特编制青` / `秀区卫生健康委员会 2021 年…`): a line
    of one cell, of prose, reaching the margin of the text's widest such lines, runs on into a
    next line of one cell that is no value and opens no item. Lines of cells never join."""
    single = [len(split_cells(ln)) == 1 for ln in lines]
    widths = [display_width(ln.strip()) if one else 0 for ln, one in zip(lines, single)]
    top = max(widths, default=0)
    if top < MIN_PROSE_WIDTH:
        return lines
    full = [one and w >= 0.85 * top and bool(_PROSE.search(ln)) and i + 1 < len(lines) and single[i + 1]
            and not is_value_token(lines[i + 1].strip())
            for i, (ln, one, w) in enumerate(zip(lines, single, widths))]
    return join_wrapped(lines, full)


def decode_text(data: bytes) -> str:
    """Decode report bytes (BOM, UTF-8, UTF-16, GB18030), replacing stray bytes if needed."""
    text = _decode(data, strict=True)
    return text if text is not None else data.decode("gb18030", errors="replace")


def _decode(data: bytes, strict: bool, partial: bool = False) -> str | None:
    """Text of `data` or None; `partial` tolerates a multi-byte character cut at the end."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                     (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            text = _try(data[len(bom):], enc, partial)
            return text if text is not None and _looks_like_text(text) else None
    utf16 = _utf16_without_bom(data)
    if utf16:
        text = _try(data, utf16, partial)
        return text if text is not None and _looks_like_text(text) else None
    if b"\x00" in data:
        return None
    for enc in ("utf-8", "gb18030"):
        text = _try(data, enc, partial)
        if text is not None and _looks_like_text(text):
            return text
    return None


def _try(data: bytes, enc: str, partial: bool) -> str | None:
    """Decode strictly; with `partial`, ignore a truncated character at the very end."""
    decoder = codecs.getincrementaldecoder(enc)(errors="strict")
    try:
        return decoder.decode(data, final=not partial)
    except UnicodeDecodeError:
        return None


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when every other byte is NUL, as UTF-16 ASCII-heavy text is."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.3 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    # CJK-heavy UTF-16 has few NULs; accept it when it decodes to mostly CJK.
    for enc in ("utf-16-le", "utf-16-be"):
        if len(data) % 2 == 0 and b"\x00" in sample:
            text = _try(data, enc, partial=True)
            if text and sum("\u4e00" <= ch <= "\u9fff" for ch in text[:2000]) > 0.3 * len(text[:2000]):
                return enc
    return None


def _looks_like_text(text: str) -> bool:
    """False when control characters betray a binary file that happened to decode."""
    sample = text[:4096]
    return len(_CONTROL.findall(sample)) <= 0.01 * len(sample)


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
            if after_pipe:
                out.append("|")  # two pipes with nothing between: an empty cell
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


def _pipe_grid(lines: list[str], rows: list[list[str]]) -> bool:
    """True for a markdown table: every line `| … |`, every row as many cells as the others.

    There each cell stands at its place (converters print every slot, empty or not), so a
    cell's index is its column's position, as a column of spaces is in a layout dump.
    """
    return (len(rows) >= 3 and len({len(r) for r in rows}) == 1 and len(rows[0]) >= 3
            and all(ln.strip().startswith("|") and ln.strip().endswith("|") for ln in lines))


def lines_to_blocks(lines: list[str], page: int | None = None) -> list[Block]:
    """Paragraphs for one-cell lines, a `Table` for each run of multi-cell lines.

    A layout (columns kept in place by spaces) is proven on a table whose labels end at
    different places while its values stand in line; one text comes from one tool, so a
    layout proven on one of its tables holds for the others that are spaced alike (a
    review table of headers and one row of values cannot prove it by itself).
    """
    lines = empty_lines_as_cells(pipes_between_cells(lines))
    blocks: list[Block | _Run] = []
    run = _Run()
    for line in lines:
        if not line.strip() or is_furniture(line) or is_rule_line(line):
            continue
        cells = split_cells(line)
        if len(cells) >= 2 or "|" in line:  # `a |` and a lone `|` are one-cell table rows
            run.add(line, cells)
        else:
            if run.rows:
                blocks.append(run)
                run = _Run()
            blocks.append(Paragraph(text=cells[0] if cells else line.strip(), page=page))
    if run.rows:
        blocks.append(run)
    laid = {id(b): b.laid_out() for b in blocks if isinstance(b, _Run)}
    proven = {kind for kind, _ in filter(None, laid.values())}
    return [b.table(laid[id(b)], proven, page) if isinstance(b, _Run) else b for b in blocks]


class _Run:
    """A run of multi-cell lines: one table of flattened text."""

    def __init__(self) -> None:
        self.rows: list[list[str]] = []
        self.lines: list[str] = []
        self.display: list[list[float | None]] = []  # centres in display columns (monospaced editors)
        self.chars: list[list[float | None] | None] = []  # centres in characters (pdftotext)

    def add(self, line: str, cells: list[str]) -> None:
        """One more line of the run."""
        if is_space_aligned(line):
            xs, chars = centres_both(line, cells)
        else:
            xs, chars = [None] * len(cells), None
        self.rows.append(cells)
        self.lines.append(line)
        self.display.append(xs)
        self.chars.append(chars)

    def _by_chars(self) -> list[list[float | None]]:
        return [c if c is not None else xs for c, xs in zip(self.chars, self.display)]

    def laid_out(self) -> tuple[str, list[list[float | None]]] | None:
        """('display' or 'chars', centres) when this run proves itself a layout."""
        if len(self.rows) < 2 or _pipe_grid(self.lines, self.rows):
            return None
        if not any(x is not None for xs in self.display for x in xs):
            return None
        xs = laid_out(self.rows, self.display, self._by_chars())
        if xs is None:
            return None
        return ("display" if xs is self.display else "chars"), xs

    def table(self, laid: tuple[str, list[list[float | None]]] | None, proven: set[str],
              page: int | None) -> Table:
        """The run as a table: cells with their centres where the text is a layout."""
        if len(self.rows) < 2:
            # a row alone proves nothing; the rows around it, in other runs, may
            centres = self.display
        elif _pipe_grid(self.lines, self.rows):
            centres = [[float(i) for i in range(len(row))] for row in self.rows]
        elif laid is not None:
            centres = laid[1]
        elif proven and all(x is not None for xs in self.display for x in xs):
            # another table of this text proved the layout (display columns first, as laid_out)
            centres = self.display if "display" in proven else self._by_chars()
        else:
            centres = [[None] * len(row) for row in self.rows]
        cells = tuple(Cell(r, c, text, x=centres[r][c]) for r, row in enumerate(self.rows)
                      for c, text in enumerate(row))
        return Table(cells=cells, page=page, flattened=True)
