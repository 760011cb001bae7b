"""Writing a laid-out sweep document as a file of each format, with that format's phenomena.

Text and HTML are written at once; DOCX through python-docx with real merged cells; PDF
and .doc leave a DOCX source for one batched LibreOffice run (`synthetic.sweep`).
"""

from __future__ import annotations

import random
from pathlib import Path

from extractors.document import Paragraph, Table

from . import docx as docx_maker
from . import pdf as pdf_maker
from .sweep_doc import Laid
from .sweep_html import draw_html_flags, render_html
from .sweep_text import draw_flat_flags, render_text_file

DOCX_FLAGS = ("docx_numbering", "docx_boxed", "docx_tblheader")
PDF_FLAGS = ("pdf_borderless", "pdf_repeat_header", "pdf_landscape", "pdf_running_header",
             "pdf_distribute", "pdf_page_break", "pdf_filler", "pdf_font_sans", "pdf_font_wqy")
FILE_FLAGS = DOCX_FLAGS + PDF_FLAGS + ("text_gb18030",)


def _official_header_kept(flags: set[str]) -> bool:
    """True when every 10-column table starts with the official three header rows."""
    if flags & {"header_one_row", "header_missing"}:
        return False
    return not any(f.startswith("split_") for f in flags) or "header_repeated" in flags


def _split_at(laid: Laid) -> int | None:
    """Index of the second of two tables in a row (a split table's continuation), if any."""
    for i in range(1, len(laid.blocks)):
        if isinstance(laid.blocks[i], Table) and isinstance(laid.blocks[i - 1], Table):
            return i
    return None


def draw_file_flags(rng: random.Random, fmt: str, laid: Laid) -> set[str]:
    """The phenomena of the file format itself."""
    flags: set[str] = set()
    if fmt == "text":
        flags |= draw_flat_flags(rng, html=False)
        if rng.random() < 0.25:
            flags.add("text_gb18030")
    elif fmt == "html":
        flags |= draw_html_flags(rng)
        if laid.where == "info_table":  # the agency is printed there only: keep that table
            flags -= {"html_word"}
            flags |= {"html_chrome", "html_info_table"}
        if any(f.startswith("html_flat_") for f in flags):
            flags |= draw_flat_flags(rng, html=True)
    elif fmt in ("docx", "doc"):
        odds = {"docx_numbering": 0.3, "docx_boxed": 0.2 if fmt == "docx" else 0.0,
                "docx_tblheader": 0.3 if _official_header_kept(laid.flags) else 0.0}
        flags |= {f for f, p in odds.items() if rng.random() < p}
    elif fmt == "pdf":
        odds = {"pdf_borderless": 0.15, "pdf_landscape": 0.1, "pdf_running_header": 0.25,
                "pdf_distribute": 0.2, "pdf_filler": 0.5,
                "pdf_repeat_header": 0.4 if _official_header_kept(laid.flags) else 0.0,
                "pdf_page_break": 0.7 if _split_at(laid) else 0.0}
        flags |= {f for f, p in odds.items() if rng.random() < p}
        font = rng.choice(("", "pdf_font_sans", "pdf_font_wqy"))
        if font:
            flags.add(font)
    return flags


def _pdf_style(flags: set[str], rng: random.Random) -> pdf_maker.Style:
    """The typesetting the PDF flags stand for."""
    font = pdf_maker.FONTS[1] if "pdf_font_sans" in flags else \
        pdf_maker.FONTS[2] if "pdf_font_wqy" in flags else pdf_maker.FONTS[0]
    return pdf_maker.Style(font=font, borders="pdf_borderless" not in flags,
                           repeat_header="pdf_repeat_header" in flags,
                           landscape="pdf_landscape" in flags,
                           running_header="pdf_running_header" in flags,
                           distribute="pdf_distribute" in flags,
                           filler=rng.randint(5, 30) if "pdf_filler" in flags else 0)


def write_file(laid: Laid, fmt: str, rng: random.Random, path: Path, work: Path) -> Path | None:
    """Write the file for `fmt` at `path`; for PDF/.doc the DOCX source to convert instead."""
    flags = laid.flags
    if fmt == "text":
        path.write_bytes(render_text_file(laid.blocks, rng, flags))
        return None
    if fmt == "html":
        agency = laid.agency if laid.where == "title" else None
        path.write_bytes(render_html(laid.blocks, laid.title, agency, laid.info_agency, laid.year,
                                     rng, flags))
        return None
    variant = docx_maker.Variant(repeat_header="docx_tblheader" in flags, boxed="docx_boxed" in flags,
                                 numbering="docx_numbering" in flags)
    if fmt == "docx":
        docx_maker.render_blocks(laid.blocks, path, laid.title, variant)
        return None
    source = work / f"{path.stem}.docx"
    if fmt == "pdf":
        at = _split_at(laid)
        breaks = frozenset({at}) if at is not None and "pdf_page_break" in flags else frozenset()
        pdf_maker.render_blocks_docx(laid.blocks, source, _pdf_style(flags, rng), laid.title, breaks)
    else:
        # Word ends every document with a paragraph mark; LibreOffice's .doc export of a
        # DOCX that ends on a table (a cut-off case) drops that table.
        ends_on_table = bool(laid.blocks) and isinstance(laid.blocks[-1], Table)
        blocks = laid.blocks + [Paragraph("")] if ends_on_table else laid.blocks
        docx_maker.render_blocks(blocks, source, laid.title, variant)
    return source
