"""From a `Document` to raw rows: labels with the values printed after them.

Whatever the file format, a statistical table reads as a stream of lines of cells:
a table row, or a paragraph (one cell). Flattening loses structure in known ways
(merged cells dropped, rows shifted left, one cell per line, labels wrapped,
group labels on their own line, page numbers between rows). This module only
regroups the stream: every line that carries a label opens a raw row; value-only
lines that follow add to it; label-only rows become context for the next row.
It does not decide what a row means: `align` does.

Steps: `document_lines` (Document -> lines) -> `raw_rows` (lines -> raw rows).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import takewhile

from extractors import Document, Paragraph, is_unit, is_value_token

from ..templates import normalise
from .settings import SETTINGS

# digits and separators that make no number (`１，４３`: 1,432 wrapped in a narrow cell): a value's
# first piece, never a label
_DIGITS = re.compile(r"[0-9０-９]+(?:[,，.．][0-9０-９]*)+")


@dataclass(frozen=True)
class Line:
    """One line of the stream: its cells, where it came from (block, row) and its page."""

    cells: tuple[str, ...]
    block: int
    page: int | None
    in_table: bool
    xs: tuple[float | None, ...] = ()  # cell centres where the extractor knows them
    grid: bool = False  # a row of a real grid: every printed cell is a cell, blanks included
    conf: tuple[float | None, ...] = ()  # OCR's confidence in each cell (None: born-digital)
    spans: tuple[tuple[int, int], ...] = field(default=(), compare=False)  # a grid row's (column, span) per cell


@dataclass
class RawRow:
    """Labels and the values printed after them, before any template is applied."""

    index: int
    labels: list[str]
    own: list[str]  # value cells on the label's own line, empties kept
    own_x: list[float | None] = field(default_factory=list)  # their centres, where known
    extra: list[str] = field(default_factory=list)  # values from value-only lines after it
    extra_lines: list[list[str]] = field(default_factory=list)  # the same, line by line
    extra_x: list[float | None] = field(default_factory=list)  # centres of `extra`, where known
    heads: list[tuple[str, float]] = field(default_factory=list)  # header labels above it in its table, with centres
    own_conf: list[float | None] = field(default_factory=list)  # OCR confidences of `own`, where read so
    extra_conf: list[float | None] = field(default_factory=list)  # the same for `extra`
    line: int = 0
    end: int = 0  # last stream line the row takes (its value-only lines included)
    page: int | None = None
    grid: bool = False  # its line is a row of a real grid (a blank cell is a known blank)
    context: list[str] = field(default_factory=list)  # labels of label-only rows just before
    follow: str = ""  # label of a label-only row right after (a wrapped label's tail)
    wrapped: list[str] = field(default_factory=list)  # the labels with the rest of each from the tails below
    glued: bool = False  # a label cell ends in values (`行政事业性收费 0`): where its cells stood is unknown
    tail: bool = False  # a label alone under a row with values, opening no item: maybe that label's rest
    n_values: int = 0  # non-empty value cells, own and extra (set once the stream is read)
    forms: tuple[str, ...] = ()  # normalised label readings (set once the stream is read)
    inline: bool = False  # the document prints values on their label's line (not one per line)
    fragments: bool = False  # a line of value pieces follows (`１ | 件 | ２２`): values wrapped
    own_at: int = 0  # index of the first of `own` on the label's line
    bare: bool = False  # a label line of such a document, with no value, and another label line next
    closing: bool = False  # a label line with no value, after a row with values, right before the next part
    narrow: bool = False  # its line of flattened text has fewer cells than its table's lines: one was lost
    full: bool = False  # its line of flattened text has as many cells as most of its table's lines
    blanks_shown: bool = False  # the document prints its values one cell per line with empty cells shown
    own_spans: list[tuple[int, int]] = field(default_factory=list)  # grid columns of `own`
    head_spans: list[tuple[int, int]] = field(default_factory=list)  # grid columns of the value headers above


def document_lines(doc: Document) -> list[Line]:
    """Every paragraph and table row of the document, in reading order."""
    lines: list[Line] = []
    for b, block in enumerate(doc.blocks):
        if isinstance(block, Paragraph):
            if block.text.strip():
                lines.append(Line((block.text.strip(),), b, block.page, False))
            continue
        pages = block.row_pages
        for r, row in enumerate(block.rows()):  # the cells as row_texts / row_positions give them
            cells = tuple(" ".join(c.text.split()) for c in row)
            if cells:  # all-empty rows too: in one-cell-per-line dumps they are blank cells
                page = pages[r] if r < len(pages) else block.page
                conf = (tuple(c.confidence for c in row)
                        if any(c.confidence is not None for c in row) else ())  # () unless OCR read it
                spans = () if block.flattened else tuple((c.col, c.col_span) for c in row)
                lines.append(Line(cells, b, page, True, tuple(c.x for c in row), not block.flattened, conf,
                                  spans))
    return lines


def raw_rows(lines: list[Line]) -> list[RawRow]:
    """Regroup the line stream into raw rows (see the module docstring)."""
    rows: list[RawRow] = []
    current: RawRow | None = None
    widths = _widths(lines)
    near = _near_widths(lines, widths)
    headers: dict[int, list[tuple[int, int]]] = {}  # a grid's last header line: its value columns
    for n, line in enumerate(lines):
        label_at = [i for i, c in enumerate(line.cells) if c and not is_value_token(c) and not _DIGITS.fullmatch(c)]
        if (label_at and current is not None and len(line.cells[label_at[0]]) <= 2
                and all(is_unit(line.cells[i]) for i in label_at)
                and (len(label_at) > 1 or len(label_at) < sum(1 for c in line.cells if c))):
            # Units alone, beside digits: the rest of the row's values, wrapped in narrow
            # cells where the extractor could not join them. The row cannot be read whole.
            # (One unit alone on its line is a wrapped label's tail: `8.属于行政查询事` / `项`.)
            current.fragments = True
            current.extra_lines.append(list(line.cells))
            current.end = n
            continue
        if line.spans and len(label_at) == len(line.cells) >= 2:
            headers[line.block] = list(line.spans[1:])  # 信息内容 | 上一年项目数量 | 本年增/减
        if label_at:
            last = label_at[-1]
            current = RawRow(len(rows), [line.cells[i] for i in label_at],
                             list(line.cells[last + 1:]), list(line.xs[last + 1:]), line=n, end=n,
                             page=line.page, grid=line.grid, own_at=last + 1,
                             narrow=len(line.cells) < near.get(line.block, 0),
                             full=len(line.cells) == near.get(line.block, -1),
                             own_conf=_confidences(line)[last + 1:],
                             own_spans=list(line.spans[last + 1:]), head_spans=headers.get(line.block, []))
            current.glued = any(_glued(line.cells[i]) for i in label_at)
            rows.append(current)
        elif current is not None and (line.in_table or not lines[current.line].in_table):
            # value-only lines, empty cells included: in one-cell-per-line dumps an empty
            # cell (`|`) keeps its position among the values. A bare number in a paragraph
            # between table rows is a page number, not a cell of the row above.
            current.extra.extend(line.cells)
            current.extra_x.extend(_centres(line))
            current.extra_conf.extend(_confidences(line))
            current.extra_lines.append(list(line.cells))
            current.end = n
        elif any(line.cells) and current is None:  # values before any label
            current = RawRow(len(rows), [], list(line.cells), list(line.xs), line=n, end=n,
                             page=line.page)
            rows.append(current)
    _link_context(rows)
    _link_heads(rows, lines)
    return rows


def _glued(label: str) -> bool:
    """A label cell ending in values parted by spaces (`行政事业性收费 0`), or made of them (`— 1件`):
    a tight print joined values into one cell, so where each stood, and the row's empty cells,
    say nothing."""
    words = label.split()
    return len(words) >= 2 and is_value_token(words[-1])


def _confidences(line: Line) -> list[float | None]:
    """The line's cell confidences, None where OCR did not read it."""
    if not line.conf:
        return [None] * len(line.cells)
    return [line.conf[i] if i < len(line.conf) else None for i in range(len(line.cells))]


def _centres(line: Line) -> list[float | None]:
    """The line's cell centres, None where the extractor gave none."""
    if len(line.xs) == len(line.cells):
        return list(line.xs)
    return [line.xs[i] if i < len(line.xs) else None for i in range(len(line.cells))]


def _link_heads(rows: list[RawRow], lines: list[Line]) -> None:
    """Give each row of flattened text laid out in columns the labels, with their centres,
    of the last run of label-only lines above it in its table (its header, which may span
    several lines) and of its own line: where a row's blanks left only spaces, the columns
    its values stand under are named there."""
    header: dict[int, list[tuple[str, float]]] = {}
    first_value: float | None = None  # where the values of the last row with values begin
    last_header = -1  # the block of the last header read
    previous_quiet: int | None = None  # block of the row before, if it was label-only
    for row in rows:
        line = lines[row.line]
        if line.grid or not line.in_table:
            previous_quiet = None
            continue
        xs = _centres(line)
        own = [(c, x) for c, x in zip(line.cells, xs) if c and x is not None and not is_value_token(c)]
        if row.n_values == 0 and row.labels:
            if first_value is not None and len(own) <= 2 and all(x < first_value for _, x in own):
                # a label or two, left of where values begin: a row printed blank (`（三）不予公开
                # 1.属于国家秘密`), not a header; the header above still names the columns
                previous_quiet = None
                continue
            if previous_quiet == line.block:
                header[line.block] = header[line.block] + own
            else:
                header[line.block] = own
            previous_quiet = last_header = line.block
            continue
        previous_quiet = None
        # a block without a header of its own goes on the last table's columns: flattened text
        # breaks a table into blocks at lines without values (wrapped labels, blank rows)
        row.heads = header.get(line.block, header.get(last_header, [])) + own
        seen = [x for v, x in zip(row.own + row.extra, row.own_x + row.extra_x) if v and x is not None]
        first_value = min(seen) if seen else first_value


def _widths(lines: list[Line]) -> dict[int, int]:
    """Per block of flattened text, the number of cells most of its lines have (where at
    least three lines agree): the width its extractor gave every row it read whole."""
    counts: dict[int, Counter[int]] = {}
    for line in lines:
        if line.in_table and not line.grid and any(line.cells):
            counts.setdefault(line.block, Counter())[len(line.cells)] += 1
    out = {}
    for block, widths in counts.items():
        width, n = widths.most_common(1)[0]
        if n >= 3:
            out[block] = width
    return out


def _near_widths(lines: list[Line], widths: dict[int, int]) -> dict[int, int]:
    """`_widths`, and for a block of flattened text too short to have one (a table broken into
    pieces by wrapped labels, page furniture), the width of the nearest block that has one,
    where the short block's widest lines are that wide (its narrower ones lost a cell)."""
    out = dict(widths)
    sizes: dict[int, set[int]] = {}
    for line in lines:
        if line.in_table and not line.grid:
            sizes.setdefault(line.block, set()).add(len(line.cells))
    known = sorted(widths)
    for block, seen in sizes.items():
        if block in out or not known:
            continue
        nearest = min(known, key=lambda b: (abs(b - block), b))
        if max(seen) == widths[nearest]:
            out[block] = widths[nearest]
    return out


_OPENS_ITEM = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+\s*[.、．])")
MAX_TAILS = 4  # lines a label wraps over below its values' line, at most


def _link_context(rows: list[RawRow]) -> None:
    """Give each row its value count, the label-only rows before it and the one after it."""
    for row in rows:
        row.n_values = sum(1 for v in row.own if v) + sum(1 for v in row.extra if v)
    # A lone bare number on the line after a label says nothing of where values go: it is
    # as likely a page number between rows.
    valued = [r for r in rows if r.n_values and r.labels and not _lone_number(r)]
    inline = len(valued) >= 5 and sum(1 for r in valued if any(r.own)) >= 0.8 * len(valued)
    # One cell per line, rows showing an empty cell among their values: in such a dump an
    # empty cell never vanishes, so a row of exactly as many cells as columns is whole.
    shown = sum(1 for r in rows if not any(r.own) and r.n_values and "" in r.extra) >= 2
    for row in rows:
        row.inline = inline
        row.blanks_shown = shown
    for i, row in enumerate(rows):
        j = i - 1
        while j >= 0 and rows[j].n_values == 0 and len(row.context) < SETTINGS.context_rows:
            row.context.insert(0, "".join(rows[j].labels))
            j -= 1
        previous = rows[i - 1] if i else None
        # `3.危 0 0 0 …` / `及“三` / `安全一` / `稳定”`: a label wrapped in a narrow column of a
        # layout dump; its lines below are its rest, no rows of blanks
        # (`(三)不 1.属于 0 0 …` / `予公开 国家秘` / `密`: each piece the rest of the label it
        # stands under, the last ones where fewer)
        h = i - 1
        while h >= 0 and rows[h].tail:
            h -= 1
        head = rows[h] if h >= 0 else None
        row.tail = (inline and previous is not None and (previous.n_values > 0 or previous.tail)
                    and head is not None and row.n_values == 0 and not row.own and not row.extra
                    and 1 <= len(row.labels) <= len(head.labels)
                    and not any(_OPENS_ITEM.match(x) for x in row.labels))
    for i, row in enumerate(rows):
        tails = list(takewhile(lambda r: r.tail, rows[i + 1:i + 1 + MAX_TAILS])) if row.n_values else []
        if tails and (len(tails) > 1 or len(tails[0].labels) > 1):
            rest = [""] * len(row.labels)
            for t in tails:
                for k, piece in enumerate(t.labels, start=len(row.labels) - len(t.labels)):
                    rest[k] += piece
            row.wrapped = [a + b for a, b in zip(row.labels, rest)]
        elif i + 1 < len(rows) and rows[i + 1].n_values == 0 and len(rows[i + 1].labels) == 1:
            row.follow = rows[i + 1].labels[0]
        row.bare = (inline and row.n_values == 0 and not row.extra_lines
                    and i + 1 < len(rows) and bool(rows[i + 1].labels))
        row.forms = tuple(label_forms(row))
    _blank_sections(rows)


# The report's next part begins: `四、政府信息公开行政复议、行政诉讼情况`, `五、存在的主要问题…`.
_NEXT_PART = re.compile(r"^[一二三四五六七八]、.{0,8}(?:行政复议|行政诉讼|存在的?(?:主要)?问题|"
                        r"其他需要报告|主动公开政府信息情况|收到和处理)")


# The part after the last table (the review table): `五、存在的主要问题及改进情况`.
_AFTER_TABLES = re.compile(r"存在的?(?:主要)?问题")


def _blank_sections(rows: list[RawRow]) -> None:
    """Label lines with no value, `min_blank_run` or more in a row, that run into the heading of
    the report's next part with no value anywhere between: a table printed blank, whatever
    the document's style (one cell per line leaves nothing of a blank cell). Where values
    follow the labels instead (a column-wise dump), the labels are not blank rows. One such
    line alone, after a row with values, is the table's last row printed blank (`closing`)."""
    start = 0
    for i, row in enumerate(rows + [RawRow(len(rows), ["五、存在的主要问题"], [])]):
        quiet = row.n_values == 0 and not row.extra_lines and bool(row.labels)
        if quiet and _NEXT_PART.match(row.labels[0]):
            if i - start >= SETTINGS.min_blank_run:
                for r in rows[start:i]:
                    r.bare = True
            # A heading printed (not the end of a cut-off text) after a few quiet lines that
            # follow values or the review table's own heading: the last one is the last
            # table's last row, printed blank (`复议后起诉`, then `五、…`; or the review
            # header's outcomes, its data row printing nothing in a borderless print).
            after = rows[start - 1] if start >= 1 else None
            if (after is not None and 1 <= i - start <= 4 and i < len(rows) and _AFTER_TABLES.search(row.labels[0])
                    and (after.n_values or i - start > 1 and "行政复议" in "".join(after.labels[:1]))):
                rows[i - 1].closing = True
            start = i + 1
        elif not quiet:
            start = i + 1


def _lone_number(row: RawRow) -> bool:
    """True for a row whose only value is one bare number on a line of its own after it."""
    values = [v for v in row.extra if v]
    return not any(row.own) and len(values) == 1 and bool(re.fullmatch(r"\d{1,3}", values[0]))


# Where one printed cell holds a group label and an item (`三、本年度办理结果 （一）予以公开`,
# single-space dumps), the item starts at an enumerator inside the text; never inside an
# item title `第二十条第（六）项`, whose tail `项` would pass for a label (sweep text-100036).
_INNER_ENUMERATOR = re.compile(
    r"(?<!第)\s*(?=[(（][一二三四五六七八九十]{1,3}[)）])|\s+(?=\d{1,2}[.、．](?!\d))|\s+(?=[一二三四五六七八九十]{1,2}、)")


def _parts(labels: list[str]) -> list[str]:
    """Label cells split at inner enumerators, normalised, empties dropped."""
    out = []
    for label in labels:
        for piece in _INNER_ENUMERATOR.split(label):
            norm = normalise(piece)
            if norm:
                out.append(norm)
    return out


def label_forms(row: RawRow) -> list[str]:
    """Normalised readings of a row's label: own parts, with context or wrapped tail (the
    labels as printed on the row's line, and with the rest of each from the lines below)."""
    # a wrapped label's rest reads alone: the lines above it are the rest of the same label
    ctx = [] if row.tail else [p for p in (normalise(x) for x in row.context[-2:]) if p]
    forms: list[str] = []
    for own in (_parts(row.labels), _parts(row.wrapped)):
        if not own:
            continue
        forms.append(own[-1])
        forms.append("".join(own))
        if len(own) > 2:
            forms.append("".join(own[-2:]))
        if ctx:
            forms.append(ctx[-1] + own[-1])
            forms.append(ctx[-1] + "".join(own))
            if len(ctx) > 1:
                forms.append("".join(ctx) + "".join(own))
        if row.follow:
            forms.append("".join(own) + normalise(row.follow))
    return list(dict.fromkeys(f for f in forms if f))
