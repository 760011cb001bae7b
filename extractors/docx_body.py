"""WordprocessingML body to blocks: paragraphs and tables in document order.

Walks `word/document.xml` with lxml, each real `w:tc` once (python-docx's
`row.cells` repeats a merged cell in every grid position it covers, and is 4x
slower). `w:gridSpan` and `w:vMerge` become one `Cell` with its spans. Content
controls (`w:sdt`) and custom XML wrappers are looked through; text boxes
(`w:txbxContent`) are read after the paragraph anchoring them, once (Word stores
each box twice: DrawingML in `mc:Choice`, VML in `mc:Fallback`). Nested tables
follow the table holding them; a one-cell table is a frame, so its content is
unwrapped into the body.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .document import Block, Cell, Paragraph, Table
from .docx_numbering import Numbering

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
TCPR = W + "tcPr"
P, TBL, TR, TC, SDT, SDT_CONTENT, CUSTOM_XML = (
    W + "p", W + "tbl", W + "tr", W + "tc", W + "sdt", W + "sdtContent", W + "customXml")
T, TAB, BR, CR, NB_HYPHEN = W + "t", W + "tab", W + "br", W + "cr", W + "noBreakHyphen"
TXBX, FALLBACK, DEL, MOVE_FROM = W + "txbxContent", MC + "Fallback", W + "del", W + "moveFrom"
ALT_CONTENT, ALT_CHUNK = MC + "AlternateContent", W + "altChunk"
_VAL = W + "val"
_WRAPPERS = (SDT, CUSTOM_XML)
_TEXT_TAGS = (T, TAB, BR, CR, NB_HYPHEN)
_SLOW_TAGS = (TXBX, FALLBACK, DEL, MOVE_FROM)
_ANY_TAGS = _TEXT_TAGS + _SLOW_TAGS
GRID_SPAN, V_MERGE, H_MERGE = W + "gridSpan", W + "vMerge", W + "hMerge"
SLIVER = 30  # twips (0.5 mm): no column of text is this narrow
MAX_SPAN = 1000  # a gridSpan beyond any real table: clamp rather than build a huge grid


@dataclass
class _Pending:
    """A cell being built: mutable while vMerge continuations extend it."""

    row: int
    col: int
    text: str
    row_span: int = 1
    col_span: int = 1


@dataclass
class Walker:
    """Collects blocks from a body-like element (w:body, w:tc, w:txbxContent)."""

    numbering: Numbering | None = None
    blocks: list[Block] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def body(self, parent: etree._Element) -> None:
        """Append the blocks of the block-level children of `parent`, in order."""
        for el in parent:
            tag = el.tag
            if tag == P:
                self.paragraph(el)
            elif tag == TBL:
                self.table(el)
            elif tag in _WRAPPERS:
                content = el.find(SDT_CONTENT) if tag == SDT else el
                if content is not None:
                    self.body(content)
            elif tag == ALT_CONTENT:
                if len(el):
                    self.body(el[0])  # mc:Choice first; its Fallback repeats it
            elif tag == ALT_CHUNK:
                self._warn("embedded document part (w:altChunk) not read")

    def _warn(self, message: str) -> None:
        """Record a recoverable oddity once."""
        if message not in self.warnings:
            self.warnings.append(message)

    def paragraph(self, p: etree._Element) -> None:
        """Append the paragraph's text (with its list label), then its text boxes' content."""
        boxes: list[etree._Element] = []
        parts: list[str] = []
        for el in p.iter(*_ANY_TAGS):
            if el.tag in _SLOW_TAGS:  # a text box or tracked deletion: take the careful path
                parts.clear()
                _collect(p, parts, boxes)
                break
            parts.append(_run_text(el))
        text = "".join(parts)
        if self.numbering:
            text = self.numbering.paragraph_label(p.find(W + "pPr")) + text
        text = text.strip()
        if text:
            self.blocks.append(Paragraph(text))
        for box in boxes:
            self.body(box)

    def table(self, tbl: etree._Element) -> None:
        """Append the table (merged cells once, with spans), then any tables nested in it."""
        pending: list[_Pending] = []
        nested: list[Block] = []
        contents: list[list[Block]] = []
        above: dict[int, int] = {}  # grid column -> index of the cell whose bottom is that row
        for r, tr in enumerate(_children(tbl, TR)):
            col = _grid_value(tr, "gridBefore")
            row_start = len(pending)
            for tc in _children(tr, TC):
                span, vmerge, hmerge = _cell_props(tc)
                inner = self._cell_blocks(tc)
                text = "\n".join(b.text for b in inner if isinstance(b, Paragraph))
                nested.extend(b for b in inner if isinstance(b, Table))
                origin = pending[above[col]] if col in above else None
                if vmerge == "continue" and origin and origin.row + origin.row_span == r:
                    origin.row_span += 1
                    origin.text = _join(origin.text, text)
                elif hmerge == "continue" and len(pending) > row_start:
                    pending[-1].col_span += span
                    pending[-1].text = _join(pending[-1].text, text)
                else:
                    above[col] = len(pending)
                    pending.append(_Pending(r, col, text, 1, span))
                    contents.append(inner)
                col += span
        if len(pending) == 1 and pending[0].row_span == 1 and pending[0].col_span == 1:
            self.blocks.extend(contents[0])  # a one-cell table frames its content
            return
        drop_sliver_columns(pending, _grid_widths(tbl))
        if pending:
            cells = tuple(Cell(c.row, c.col, c.text, c.row_span, c.col_span) for c in pending)
            self.blocks.append(Table(cells=cells))
        if nested:
            self._warn("nested tables given after the table holding them")
        self.blocks.extend(nested)

    def _cell_blocks(self, tc: etree._Element) -> list[Block]:
        """The blocks inside one cell: its paragraphs, and tables nested in it."""
        saved, self.blocks = self.blocks, []
        try:
            self.body(tc)
            return self.blocks
        finally:
            self.blocks = saved


def _grid_widths(tbl: etree._Element) -> list[int]:
    """Widths (twips) of the table's grid columns; 0 where unknown."""
    grid = tbl.find(W + "tblGrid")
    if grid is None:
        return []
    return [_clamped(col.get(W + "w"), 0) if col.get(W + "w") else 0
            for col in grid.iter(W + "gridCol")]


def drop_sliver_columns(cells: list[_Pending], widths: list[int]) -> None:
    """Remove hair-thin grid columns that only borders out of line created.

    Round trips through LibreOffice leave a 1-twip column where two rows' borders
    differ by a rounding error (the review table's 行政复议|行政诉讼 boundary), which
    shifts every later column of one row. A column narrower than SLIVER that no cell
    occupies alone is merged into its right-hand neighbour.
    """
    for s in range(len(widths) - 1, -1, -1):
        if not 0 < widths[s] <= SLIVER or any(c.col == s and c.col_span == 1 for c in cells):
            continue
        for c in cells:
            if c.col > s:
                c.col -= 1
            elif c.col + c.col_span > s:
                c.col_span -= 1


def _join(first: str, more: str) -> str:
    """Text of a merged cell plus text found in a cell it covers (rare, but never dropped)."""
    return f"{first}\n{more}" if first and more else first or more


def _run_text(el: etree._Element) -> str:
    """The text one run-level element contributes."""
    tag = el.tag
    if tag == T:
        return el.text or ""
    if tag == TAB:
        return "\t"
    if tag == NB_HYPHEN:
        return "-"
    if tag == BR and el.get(W + "type") in ("page", "column"):
        return ""
    return "\n"


def _collect(el: etree._Element, parts: list[str], boxes: list[etree._Element]) -> None:
    """Slow path for paragraphs with text boxes or tracked deletions: walk, skipping them."""
    for child in el:
        tag = child.tag
        if tag == TXBX:
            boxes.append(child)
        elif tag in (FALLBACK, DEL, MOVE_FROM):
            continue
        elif tag in _TEXT_TAGS:
            parts.append(_run_text(child))
        elif len(child):
            _collect(child, parts, boxes)


def blank_placeholders(body: etree._Element) -> None:
    """Empty the text of content controls that show their placeholder (`w:showingPlcHdr`):
    `单击或点击此处输入文字。` in a cell nobody filled is a blank cell, not a label."""
    for sdt in body.iter(SDT):
        props = sdt.find(W + "sdtPr")
        content = sdt.find(SDT_CONTENT)
        if props is not None and content is not None and props.find(W + "showingPlcHdr") is not None:
            for t in content.iter(T):
                t.text = ""


def _children(parent: etree._Element, tag: str) -> list[etree._Element]:
    """Children with `tag`, looking through w:sdt / w:customXml wrappers (rows, cells)."""
    out: list[etree._Element] = []
    for el in parent:
        if el.tag == tag:
            out.append(el)
        elif el.tag in _WRAPPERS:
            content = el.find(SDT_CONTENT) if el.tag == SDT else el
            if content is not None:
                out.extend(_children(content, tag))
    return out


def _grid_value(tr: etree._Element, name: str) -> int:
    """w:trPr/w:gridBefore (grid columns skipped at the row start), 0 when absent."""
    el = tr.find(f"{W}trPr/{W}{name}")
    return _clamped(el.get(_VAL) if el is not None else None, 0)


def _clamped(value: str | None, default: int) -> int:
    """An integer attribute clamped to 0..MAX_SPAN; `default` when absent or malformed."""
    try:
        return max(0, min(MAX_SPAN, int(str(value))))
    except ValueError:
        return default


def _cell_props(tc: etree._Element) -> tuple[int, str | None, str | None]:
    """(gridSpan, vMerge, hMerge) of a cell; a bare vMerge/hMerge means 'continue'."""
    span, vmerge, hmerge = 1, None, None
    tcpr = tc[0] if len(tc) and tc[0].tag == TCPR else tc.find(TCPR)  # tcPr comes first
    if tcpr is None:
        return span, vmerge, hmerge
    for el in tcpr:
        tag = el.tag
        if tag == GRID_SPAN:
            span = max(1, _clamped(el.get(_VAL), 1))
        elif tag == V_MERGE:
            vmerge = el.get(_VAL) or "continue"
        elif tag == H_MERGE:
            hmerge = el.get(_VAL) or "continue"
    return span, vmerge, hmerge
