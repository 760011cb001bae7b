"""The sweep's flattened text: a laid-out document as text files and markup-less pages print it.

Every separator real dumps use (tabs, runs of spaces, U+3000, U+2003 and kin, `&nbsp;`,
`|` between cells or alone on a line, one cell per line, `pdftotext -layout` columns)
and the layout quirks of `synthetic.text` (rows shifted under a rowspan, group labels
on lines of their own, wrapped labels, the header on one line, bare page numbers).
"""

from __future__ import annotations

import random

from extractors.document import Block, Cell, Paragraph, Table

from .markdown import MD_FLAGS, draw_md_flags, render_tables
from .text import EXTRA_STYLES, STYLES, render_table

TEXT_QUIRKS = ("shift", "group_lines", "wrap", "merged_header", "page_numbers")
FLAT_FLAGS = (tuple(f"flat_{s}" for s in STYLES + EXTRA_STYLES) + tuple(f"flat_{q}" for q in TEXT_QUIRKS)
              + ("flat_markdown",) + MD_FLAGS)
# A page that lost its markup keeps what HTML can carry: no monospaced columns, no lone pipes.
_HTML_STYLES = ("tabs", "spaces", "pipes", "cells", "pipe_cells", "ideographic", "unicode_spaces")


def draw_flat_flags(rng: random.Random, html: bool) -> set[str]:
    """One flattening style and some layout quirks (markdown: the converters' quirks)."""
    if not html and rng.random() < 0.12:
        return {"flat_markdown"} | draw_md_flags(rng)
    style = rng.choice(_HTML_STYLES if html else STYLES + EXTRA_STYLES)
    quirks = {q for q in TEXT_QUIRKS if rng.random() < 0.25}
    if style in ("cells", "empty_lines"):  # a bare page number among one-per-line cells is a cell
        quirks.discard("page_numbers")
    return {f"flat_{style}"} | {f"flat_{q}" for q in quirks}


def unwrap(table: Table) -> Table:
    """The table with labels wrapped inside a cell joined again (a dump wraps them its own way)."""
    return Table(tuple(Cell(c.row, c.col, c.text.replace("\n", ""), c.row_span, c.col_span)
                       for c in table.cells))


def flat_lines(blocks: list[Block], rng: random.Random, flags: set[str], html: bool = False) -> list[str]:
    """The document's lines with its tables flattened as the `flat_*` flags say."""
    style = next((f[5:] for f in flags if f[5:] in STYLES + EXTRA_STYLES and f.startswith("flat_")),
                 "tabs")
    quirks = {f[5:] for f in flags if f.startswith("flat_") and f[5:] in TEXT_QUIRKS}
    if "wrapped_labels" in flags:
        quirks.add("wrap")
    lines: list[str] = []
    previous: Block | None = None
    if "flat_markdown" in flags:
        return _markdown_lines(blocks, rng, flags)
    for block in blocks:
        if isinstance(block, Paragraph):
            lines.extend([block.text, ""] if not html else [block.text])
        else:
            if isinstance(previous, Table) and rng.random() < 0.5:  # a split table's page break
                lines.extend(["", f"- {rng.randint(2, 6)} -", ""])
            table = unwrap(block)
            is_apps = any(c.text == "申请人情况" for c in table.cells)
            lines.extend(render_table(table, style, quirks, rng, [], is_apps))
            if not html:
                lines.append("")
        previous = block
    return lines


def _markdown_lines(blocks: list[Block], rng: random.Random, flags: set[str]) -> list[str]:
    """Paragraphs as lines, each run of tables as a converter's markdown."""
    lines: list[str] = []
    run: list[Table] = []
    for block in blocks + [Paragraph("")]:
        if isinstance(block, Table):
            run.append(block)
            continue
        if run:
            lines.extend(render_tables(run, rng, flags))
            run = []
        if block.text:
            lines.extend([block.text, ""])
    return lines


def render_text_file(blocks: list[Block], rng: random.Random, flags: set[str]) -> bytes:
    """A text file's bytes (UTF-8, or GB18030 with `text_gb18030`)."""
    text = "\n".join(flat_lines(blocks, rng, flags)) + "\n"
    return text.encode("gb18030" if "text_gb18030" in flags else "utf-8")
