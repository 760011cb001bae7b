"""PDF reports for tests and `make bench`: synthetic reports -> DOCX (python-docx) -> PDF (LibreOffice).

`render_docx(report, path, style)` writes the national layout as Word would: real
merged cells, a narrow first column so 三、本年度办理结果 stacks one character per
line, a footer `- N -` page number, optionally a running header, a landscape section,
repeated header rows, no borders, distributed (spaced-out) label cells. `to_pdf`
converts with LibreOffice in a throw-away profile. `make_corpus` is what
`make bench` uses (its yardstick, pdftotext -layout, is in `bench/yardsticks.py`).
"""

from __future__ import annotations

import random
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from extractors.document import Block, Paragraph, Table

from .report import Report, layout, make_report, write_truth

FONTS = ("Noto Serif CJK SC", "Noto Sans CJK SC", "WenQuanYi Zen Hei")


@dataclass(frozen=True)
class Style:
    """How one report is typeset."""

    font: str = FONTS[0]
    borders: bool = True
    repeat_header: bool = False
    landscape: bool = False  # the applications table on a landscape page
    running_header: bool = False
    distribute: bool = False  # first-column labels spread over the cell width
    filler: int = 0  # extra narrative paragraphs, to move page breaks into tables


def _set_font(run_or_style: object, font: str) -> None:
    """Set Latin and East-Asian font names (python-docx only sets the Latin one)."""
    el = run_or_style.element  # type: ignore[attr-defined]
    rpr = el.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), font)


def _page_number_footer(section: object) -> None:
    """A centred `- N -` footer using a PAGE field."""
    p = section.footer.paragraphs[0]  # type: ignore[attr-defined]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run("- ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    field.append(r)
    p._p.append(field)
    p._p.append(p.add_run(" -")._r)


def _widths(table: Table, text_width: float) -> list[float]:
    """Column widths in cm: a narrow stacked-label column for the applications table."""
    n = table.n_cols
    if n == 10:  # applications: group label, subgroup, leaf, 7 numbers
        rest = text_width - 0.8 - 2.4 - 4.0
        return [0.8, 2.4, 4.0] + [rest / 7] * 7
    if n == 4:
        return [text_width * 0.4] + [text_width * 0.2] * 3
    return [text_width / n] * n


def _add_table(doc: docx.document.Document, table: Table, style: Style, text_width: float) -> None:
    """A python-docx table with the layout's merged cells and widths."""
    t = doc.add_table(rows=table.n_rows, cols=table.n_cols)
    if style.borders:
        t.style = "Table Grid"
    t.autofit = False
    for i, w in enumerate(_widths(table, text_width)):
        t.columns[i].width = Cm(w)
        for cell in t.columns[i].cells:
            cell.width = Cm(w)
    if style.repeat_header and table.n_cols == 10:
        for row in t.rows[:3]:
            el = OxmlElement("w:tblHeader")
            el.set(qn("w:val"), "true")
            row._tr.get_or_add_trPr().append(el)
    for c in table.cells:
        target = t.cell(c.row, c.col)
        if c.row_span > 1 or c.col_span > 1:
            target = target.merge(t.cell(c.row + c.row_span - 1, c.col + c.col_span - 1))
        p = target.paragraphs[0]
        run = p.add_run(c.text)
        run.font.size = Pt(9)
        if style.distribute and c.col == 0 and c.col_span == 1 and table.n_cols == 4:
            p.alignment = WD_ALIGN_PARAGRAPH.DISTRIBUTE
        elif any(ch.isdigit() for ch in c.text) and len(c.text) < 12:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _new_document(style: Style, running_title: str) -> docx.document.Document:
    """An A4 document in the style's font, with a page-number footer and the running header."""
    doc = docx.Document()
    normal = doc.styles["Normal"]
    normal.font.size = Pt(12)
    _set_font(normal, style.font)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    _page_number_footer(section)
    if style.running_header:
        section.header.paragraphs[0].text = running_title
    return doc


def render_docx(report: Report, path: Path, style: Style) -> None:
    """Write the report as a DOCX with real merged cells, typeset as `style` says."""
    doc = _new_document(style, report.title)
    blocks = layout(report)
    for k, block in enumerate(blocks):
        if isinstance(block, Paragraph):
            p = doc.add_paragraph(block.text)
            if k == 0:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if block.text.startswith("一、总体情况"):
                for i in range(style.filler):
                    doc.add_paragraph(f"（{i + 1}）" + report.sections[0][1][0] * 2)
            continue
        wide = style.landscape and block.n_cols == 10
        if wide:
            _section(doc, landscape=True)
        _add_table(doc, block, style, 24.7 if wide else 16.0)
        if wide:
            _section(doc, landscape=False)
    doc.save(str(path))


def render_blocks_docx(blocks: list[Block], path: Path, style: Style, title: str,
                       breaks: frozenset[int] = frozenset()) -> None:
    """Write laid-out `blocks` as a DOCX typeset as `style`, a page break before each index in
    `breaks` (a table's second half then continues at the top of the next page)."""
    doc = _new_document(style, title)
    previous: Block | None = None
    for k, block in enumerate(blocks):
        if k in breaks:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif isinstance(block, Table) and isinstance(previous, Table):
            doc.add_paragraph()
        previous = block
        if isinstance(block, Paragraph):
            p = doc.add_paragraph(block.text)
            if k == 0:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if k == 1:
                for i in range(style.filler):
                    doc.add_paragraph(f"（{i + 1}）" + "全年通过政府网站主动公开政府信息，及时回应社会关切。" * 3)
            continue
        wide = style.landscape and block.n_cols == 10
        if wide:
            _section(doc, landscape=True)
        _add_table(doc, block, style, 24.7 if wide else 16.0)
        if wide:
            _section(doc, landscape=False)
    doc.save(str(path))


def _section(doc: docx.document.Document, landscape: bool) -> None:
    """Start a new page section, landscape or portrait A4."""
    s = doc.add_section(WD_SECTION.NEW_PAGE)
    s.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    s.page_width, s.page_height = (Cm(29.7), Cm(21)) if landscape else (Cm(21), Cm(29.7))


def to_pdf(docx_paths: list[Path], out_dir: Path, export_filter: str = "pdf") -> list[Path]:
    """Convert DOCX files to PDF with LibreOffice (one run, a throw-away user profile)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
             "--convert-to", export_filter, "--outdir", str(out_dir), *map(str, docx_paths)],
            check=True, capture_output=True, timeout=600)
    return [out_dir / (p.stem + ".pdf") for p in docx_paths]


def make_corpus(out_dir: Path, n: int) -> list[Path]:
    """`n` synthetic PDF reports (both formats, the three fonts, borders on or off, 4-8 pages)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(n)
    wanted = [out_dir / f"pdf_{i:04d}.pdf" for i in range(n)]
    missing = [p for p in wanted if not p.exists()]
    with tempfile.TemporaryDirectory(prefix="pdf-corpus-") as tmp:
        sources = []
        for p in missing:
            i = int(p.stem.split("_")[1])
            report = make_report(i, "2021" if i % 3 else "2019")
            style = Style(font=FONTS[i % 3], borders=i % 7 != 0, repeat_header=i % 2 == 0,
                          landscape=i % 11 == 5, running_header=i % 4 == 1,
                          filler=rng.randint(0, 30))
            src = Path(tmp) / f"{p.stem}.docx"
            render_docx(report, src, style)
            write_truth(report, p.with_suffix(".truth.csv"))
            sources.append(src)
        for k in range(0, len(sources), 50):
            to_pdf(sources[k:k + 50], out_dir)
    return wanted
