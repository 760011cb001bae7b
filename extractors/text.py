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
from .text_styles import empty_lines_as_cells, is_furniture, pipes_between_cells, wide_spaces_as_cells
from .values import is_value_token

format = "text"

# A report's text is tens of KB; 8 MB is a hundred reports. Beyond that the file is not a
# report (a database dump, a log) and reading it would cost minutes and gigabytes.
MAX_BYTES = 8 * 1024 * 1024
# Page furniture printed between rows when a paged report is dumped as text.
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


_SENTENCE = re.compile(r"[。《》]")  # marks no table label prints


def _one_cell(cells: list[str]) -> bool:
    """One cell, or a sentence whose last word is a number (`…特编制章贡区人民政府 2023`)."""
    return len(cells) == 1 or (len(cells) == 2 and is_value_token(cells[1]) and bool(_SENTENCE.search(cells[0])))


def join_prose(lines: list[str]) -> list[str]:
    """Prose lines wrapped at a right margin (`pdftotext` dumps) joined into paragraphs, so a
    sentence split over lines reads whole (`特编制青` / `秀区卫生健康委员会 2021 年…`): a line
    of one cell, of prose, reaching the margin of the text's widest such lines, runs on into a
    next line of one cell that is no value and opens no item. Lines of cells never join."""
    single = [_one_cell(split_cells(ln)) for ln in lines]
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
    lines = empty_lines_as_cells(wide_spaces_as_cells(pipes_between_cells(lines)))
    blocks: list[Block | _Run] = []
    run = _Run()
    for line in lines:
        # (a line of tabs alone under a tab row is a row of empty cells: a blank review row)
        blank_row = run.rows and line.count("\t") >= 2 and not line.strip(" \t\r\n")
        if (not line.strip() and not blank_row) or is_furniture(line) or is_rule_line(line):
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
