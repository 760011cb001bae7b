"""Walk a page's body in reading order into `Block`s: lines of text and data tables.

Block elements and `<br>` end lines; inline elements (`<span>`, `<font>`, Word's `<o:p>`)
join, so a character split across spans stays whole. Lines go through the plain-text
recovery (`text.lines_to_blocks`): a table flattened into `<p>`s or `<br>` lines with
tabs, runs of spaces or `|` between cells comes out exactly as it would from a text
dump. Layout tables are walked into like `<div>`s; data tables become `Table`s.
The walk is iterative (`etree.iterwalk`), so deep markup cannot exhaust the stack.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree

from .document import Block, Table
from .html_table import is_layout_table, table_cells
from .text import lines_to_blocks

TextLen = Callable[[etree._Element], int]

BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "caption", "center", "dd", "details", "dir",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "menu", "nav", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    "listing", "xmp", "plaintext", "body", "html",
})
PRE_TAGS = frozenset({"pre", "listing", "xmp", "plaintext"})
_CJK = "\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
# A source line break between two CJK characters renders as nothing (CSS Text 3
# segment-break rule); Word's HTML export wraps long Chinese runs this way.
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t]*[\r\n]+[ \t]*(?=[{_CJK}])")
_BREAK = re.compile(r"[ \t]*[\r\n]+[ \t]*")
# Two or more spaces (`&nbsp;&nbsp;`, `&nbsp; &nbsp;`) are kept as a cell separator.
_SPACE_RUN = re.compile(r"[ \u00a0]{2,}")
_ANY_SPACE = re.compile(r"\s+")


def clean_line(text: str) -> str:
    """One rendered line: source line breaks folded, space runs as two spaces, tabs kept."""
    if "\n" in text or "\r" in text:
        text = _BREAK.sub(" ", _CJK_BREAK.sub("", text))
    text = _SPACE_RUN.sub("  ", text)
    return text.replace("\u00a0", " ")


def join_lines(lines: list[str]) -> str:
    """Lines of one cell as one string: CJK lines join directly, others with a space."""
    out = ""
    for line in lines:
        line = _ANY_SPACE.sub(" ", line).strip()
        if not line:
            continue
        cjk_seam = out and re.match(f"[{_CJK}]", out[-1]) and re.match(f"[{_CJK}]", line[0])
        out = out + line if not out or cjk_seam else f"{out} {line}"
    return out


class Sink:
    """Collects a walk's output: finished lines and tables in reading order."""

    def __init__(self) -> None:
        self.items: list[str | Table] = []
        self._parts: list[str] = []

    def text(self, text: str) -> None:
        """Add inline text to the current line."""
        self._parts.append(text)

    def end_line(self) -> None:
        """Close the current line, dropping it if blank."""
        if self._parts:
            line = clean_line("".join(self._parts))
            self._parts.clear()
            if line.strip():
                self.items.append(line)

    def raw_lines(self, lines: list[str]) -> None:
        """Add preformatted lines as they are (a `<pre>` block keeps its tabs and spaces)."""
        self.end_line()
        self.items.extend(line.replace("\u00a0", " ") for line in lines if line.strip())

    def table(self, table: Table) -> None:
        """Add a data table after the current line."""
        self.end_line()
        self.items.append(table)

    def blocks(self) -> list[Block]:
        """Lines through the plain-text recovery, tables as they are, in order."""
        self.end_line()
        blocks: list[Block] = []
        run: list[str] = []
        for item in self.items:
            if isinstance(item, str):
                run.append(item)
                continue
            blocks.extend(lines_to_blocks(run))
            run = []
            blocks.append(item)
        blocks.extend(lines_to_blocks(run))
        return blocks


def walk(container: etree._Element, sink: Sink, text_len: TextLen) -> None:
    """Feed `container`'s text and tables to `sink` in document order."""
    walker = etree.iterwalk(container, events=("start", "end"))
    for event, el in walker:
        tag = el.tag
        if event == "start" and isinstance(tag, str):
            if tag in BLOCK_TAGS or tag == "br":
                sink.end_line()
            if tag == "table" and not is_layout_table(el, text_len):
                _data_table(el, sink, text_len)
                walker.skip_subtree()
                continue
            if tag in PRE_TAGS:
                sink.raw_lines("".join(el.itertext()).splitlines())
                walker.skip_subtree()
                continue
            if tag == "span" and "mso-" in (el.get("style") or ""):
                style = el.get("style") or ""
                if "mso-tab-count" in style:  # Word writes a tab as a span of &nbsp;s
                    sink.text("\t")
                    walker.skip_subtree()
                    continue
                if "mso-list:" in style and "ignore" in style.lower():
                    # a list marker: `1.` then &nbsp;s that only render Word's indent
                    sink.text("".join(el.itertext()).strip())
                    walker.skip_subtree()
                    continue
            if el.text:
                sink.text(el.text)
        elif event == "end":
            if tag in BLOCK_TAGS:
                sink.end_line()
            if el is not container and el.tail:
                sink.text(el.tail)


def _data_table(el: etree._Element, sink: Sink, text_len: TextLen) -> None:
    """Emit a data table (its caption first, as a line); skip it if it has no cells."""
    caption = el.find("caption")
    if caption is not None:
        sink.text(join_lines(["".join(caption.itertext())]))
        sink.end_line()
    cells = table_cells(el, lambda td: cell_text(td, text_len))
    if cells:
        sink.table(Table(cells=cells))


def cell_text(td: etree._Element, text_len: TextLen) -> str:
    """A cell's text on one line: its `<p>`s and `<br>` lines joined, spaces collapsed."""
    blocks = 0
    for el in td.iterdescendants():
        tag = el.tag
        if tag == "br" or tag in PRE_TAGS or (tag == "span" and "mso-tab" in (el.get("style") or "")):
            blocks = 2
            break
        blocks += tag in BLOCK_TAGS
    if blocks <= 1:  # one line (a lone <p> wrapper is the common case): no walk needed
        return join_lines([clean_line("".join(td.itertext()))])
    inner = Sink()
    walk(td, inner, text_len)
    inner.end_line()
    return join_lines([x for x in inner.items if isinstance(x, str)])
