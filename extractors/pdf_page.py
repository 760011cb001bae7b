"""One page parsed once with pdfplumber: its tables and paragraphs in reading order.

Tables come first (ruled grids, then text-aligned ones among what is left); the
remaining lines become paragraphs, minus page furniture (page numbers like `- 3 -`,
`第3页`, a bare number in the top or bottom margin), which never become rows either:
glyphs in the margins are dropped before tables are looked for in the text.
"""

from __future__ import annotations

import re
from statistics import median
from typing import Any, NamedTuple

from .document import Paragraph
from .pdf_geometry import Glyph, Seg, page_geometry
from .pdf_grid import GridTable, ruled_tables
from .pdf_lineless import Carry, TextLine, aligned_tables, text_line
from .pdf_text import join_wrapped, line_text, lines_of, tidy
from .text_styles import is_furniture
from .values import is_value_token

MARGIN = 0.09  # top and bottom share of the page where running furniture lives
TITLE_SIZE = 1.2  # a line this much larger than the body text is a title, never a running header
_BARE = re.compile(r"^[-—–－\s]*[0-9０-９]{1,4}[-—–－\s]*$")
_DIGITS = re.compile(r"[0-9０-９]+")

PageBlock = GridTable | Paragraph


class PageText(NamedTuple):
    """What pdfplumber gave for one page: ruled tables, the other lines, the rules."""

    number: int
    tables: list[GridTable]
    lines: list[TextLine]  # text lines outside the ruled tables, furniture dropped
    segs: list[Seg]
    n_glyphs: int
    n_cid: int


class ParsedPage(NamedTuple):
    """A page's blocks top to bottom, and counts for the document's warnings."""

    blocks: list[PageBlock]
    n_glyphs: int
    n_cid: int
    source: PageText
    carry: Carry | None = None  # what the page was built with (see `page_blocks`)
    tail: Carry | None = None  # the page ends with this borderless table
    head: list[TextLine] = []  # lines of its first table, going on from the page before
    tail_lines: list[TextLine] = []  # lines of its last table, which may go on

    @property
    def through(self) -> bool:
        """True when one borderless table fills the page, going on from and to its neighbours."""
        return bool(self.head) and bool(self.tail_lines) and self.blocks[0] is self.blocks[-1]

    @property
    def open_top(self) -> bool:
        """True when the page starts with a table (it may continue one from the page before)."""
        return bool(self.blocks) and isinstance(self.blocks[0], GridTable)

    @property
    def open_bottom(self) -> bool:
        """True when the page ends with a table (it may continue on the next page)."""
        return bool(self.blocks) and isinstance(self.blocks[-1], GridTable)


def running_key(text: str) -> str:
    """A line as compared across pages: spacing dropped, digits masked (page numbers differ)."""
    return _DIGITS.sub("#", "".join(text.split()))


def furniture(text: str, top: float, bottom: float, height: float,
              running: frozenset[str] = frozenset()) -> bool:
    """True for a page number or counter, or a running header/footer line, in the margins."""
    in_margin = bottom <= MARGIN * height or top >= (1 - MARGIN) * height
    text = text.strip()
    return is_furniture(text) or (in_margin and not _values(text) and (
        bool(_BARE.match(text)) or running_key(text) in running))


def _values(text: str) -> bool:
    """A line of two numbers or more and nothing else: a table row's values centred between its
    label's lines (`0 0 0 0 0 0 0` at the top of a page), however like a page number it keys."""
    tokens = text.split()
    return sum(1 for t in tokens if _DIGITS.search(t)) >= 2 and all(is_value_token(t) for t in tokens)


def read_page(page: Any, number: int, running: frozenset[str] = frozenset()) -> PageText:
    """The pdfplumber part of a page, done once: geometry, ruled tables, lines of text."""
    geom = page_geometry(page)
    tables, used = ruled_tables(geom.glyphs, geom.segs, number)
    rest = [g for g, u in zip(geom.glyphs, used) if not u]
    body = median(g.size for g in rest) if rest else 0.0
    lines = []
    seen: set[str] = set()
    for ln in lines_of(rest):
        text = line_text(ln)
        if furniture(text, min(g.top for g in ln), max(g.bottom for g in ln), geom.height, running):
            key = running_key(text)
            # On the first page, the running header's words printed as the title (larger
            # than the body text, or a second time under the header) are the title.
            if (number != 1 or key not in running or is_furniture(text.strip()) or _BARE.match(text.strip())
                    or (key not in seen and max(g.size for g in ln) <= TITLE_SIZE * body)):
                seen.add(key)
                continue
        lines.append(ln)
    return PageText(number, tables, [text_line(ln) for ln in lines], geom.segs, len(geom.glyphs),
                    geom.n_cid)


def page_blocks(src: PageText, carry: Carry | None = None, head_grid: list[TextLine] | None = None,
                tail_grid: list[TextLine] | None = None) -> ParsedPage:
    """Tables and paragraphs of a read page; `carry` continues the borderless table ending the
    page before, the grids are the lines of whole tables going on over the breaks."""
    number = src.number
    found = aligned_tables(src.lines, src.segs, number, carry, head_grid, tail_grid)
    more, lines, tail = found.tables, found.rest, found.tail
    tables = src.tables + more
    right = max((ln[-1].x1 for ln in lines), default=0.0)
    items: list[tuple[float, PageBlock | list[Glyph]]] = [(t.top, t) for t in tables]
    items += [(min(g.top for g in ln), ln) for ln in lines]
    items.sort(key=lambda it: it[0])
    blocks: list[PageBlock] = []
    run: list[str] = []
    full: list[bool] = []
    for _, item in items:
        if isinstance(item, GridTable):
            blocks += [Paragraph(t, number) for t in join_wrapped(run, full)]
            run, full = [], []
            blocks.append(item)
        elif isinstance(item, list):
            text = tidy(line_text(item))
            if text:
                run.append(text)
                full.append(item[-1].x1 >= right - 2 * item[-1].size)
    blocks += [Paragraph(t, number) for t in join_wrapped(run, full)]
    if found.pending:  # its lines are paragraphs yet: nothing but them may follow
        first = found.tail_lines[0].top
        ends = all(t.bottom <= first for t in src.tables)
    else:
        ends = tail is not None and bool(more) and blocks[-1] is more[-1]
    starts = bool(found.head) and bool(more) and blocks[0] is more[0]
    return ParsedPage(blocks, src.n_glyphs, src.n_cid, src, carry, tail if ends else None,
                      found.head if starts else [], found.tail_lines if ends else [])


def parse_page(page: Any, number: int, running: frozenset[str] = frozenset()) -> ParsedPage:
    """Tables and paragraphs of one pdfplumber page, each page parsed exactly once."""
    return page_blocks(read_page(page, number, running))
