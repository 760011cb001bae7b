"""PDF reports: cheap text for every page, pdfplumber geometry only where the tables are.

pdfplumber is pure Python (~40-80 ms a page), pypdfium2's text is ~1 ms a page. So:
1. pypdfium2 opens the file (encryption, corruption and scans are decided here) and
   reads every page's text;
2. pages that look like they hold a table are parsed once each with pdfplumber
   (`pdf_page`), plus their neighbours when a table runs over the page edge: lines
   ending in numbers, or (a table whose every cell is blank) drawn ruling lines or
   text standing in columns (`pdf_geometry.drawn_rules`, `text_columns`);
3. the other pages give paragraphs from their pypdfium2 text;
4. a borderless table running over a page break goes on on the next page on the
   columns of all its parts (`_carry_over`); table parts crossing page breaks are
   joined (`pdf_stitch`).
"""

from __future__ import annotations

import logging
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

import pdfplumber
import pypdfium2 as pdfium
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from .document import Block, Document, Paragraph
from .errors import ExtractionError, ScannedDocument, UnsafeFile
from .pdf_geometry import drawn_rules, text_columns, unified
from .pdf_grid import GridTable
from .pdf_lineless import TextLine
from .pdf_page import ParsedPage, furniture, page_blocks, parse_page, running_key
from .pdf_scan import ocr_pages
from .pdf_stitch import continues, join_parts
from .pdf_text import full_lines, join_wrapped, tidy
from .text import lines_to_blocks
from .values import is_value_token

format = "pdf"
log = logging.getLogger(__name__)

MAX_PAGES = 300  # pages read at all; a longer file is read up to here, with a warning
MAX_TABLE_PAGES = 40  # pages parsed with pdfplumber
MAX_BYTES = 200 * 1024 * 1024
CID_SHARE = 0.3  # above this share of glyphs without Unicode, numbers cannot be trusted
# What pdfminer raises on broken or hostile content (its own errors, and plain Python
# errors from half-parsed objects); anything else is a bug and propagates.
# pdfplumber wraps pdfminer's errors in its own two (fuzzed files in tests/test_pdf.py).
PARSER_ERRORS = (PSException, PdfminerException, MalformedPDFException, ValueError, KeyError,
                 TypeError, IndexError, AttributeError, AssertionError, OverflowError,
                 ZeroDivisionError, RecursionError, EOFError)


class UnreadableText(ExtractionError):
    """The text layer's glyphs have no Unicode mapping: the numbers cannot be read."""


def sniff(head: bytes, path: Path) -> bool:
    """True when the PDF header appears in the first KiB (some producers prepend junk)."""
    return b"%PDF-" in head[:1024]


def _open_pdfium(path: Path) -> pdfium.PdfDocument:
    """The document opened by pypdfium2, or a clear error for passwords and broken files."""
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == 4:  # FPDF_ERR_PASSWORD
            raise UnsafeFile("encrypted PDF: a password is needed to open it") from None
        if code == 5:  # FPDF_ERR_SECURITY
            raise UnsafeFile("encrypted PDF: unsupported security handler") from None
        if code == 3:  # FPDF_ERR_FORMAT
            raise ExtractionError("corrupt PDF: damaged or truncated file structure") from None
        raise ExtractionError(f"corrupt PDF: cannot be opened ({exc})") from None


_CATALOG = re.compile(rb"(\d+)\s+0\s+obj\s*<<(?:(?!endobj).){0,400}?/Type\s*/Catalog", re.DOTALL)
_OBJECT = re.compile(rb"(\d+)\s+0\s+obj\b")


def _with_trailer(path: Path, tmp: Path) -> Path | None:
    """A copy of a PDF whose trailer is missing, with one naming its catalog (as viewers
    rebuild it); None when no catalog object is found or the file already has a trailer."""
    data = path.read_bytes()
    if re.search(rb"trailer\s*<<", data[-4096:]):
        return None
    catalog = _CATALOG.search(data)
    if catalog is None:
        return None
    size = max(int(m.group(1)) for m in _OBJECT.finditer(data)) + 1
    fixed = tmp / "trailer.pdf"
    # No startxref: pdfium rebuilds the cross-reference table by scanning the objects.
    fixed.write_bytes(data + b"\ntrailer\n<< /Root " + catalog.group(1) + b" 0 R /Size "
                      + str(size).encode() + b" >>\n%%EOF\n")
    try:
        _open_pdfium(fixed).close()
    except ExtractionError:
        return None
    return fixed


class PageScan(NamedTuple):
    """What the cheap pypdfium2 pass learns of every page."""

    texts: list[str]
    tabular: list[bool]  # worth parsing with pdfplumber: numbers, drawn rules or columns
    n_images: int  # how many of the first pages hold images (scans)


def _page_texts(pdf: pdfium.PdfDocument, n: int) -> PageScan:
    """Each page's text by pypdfium2, which pages look tabular, and images among the first."""
    texts: list[str] = []
    tabular: list[bool] = []
    n_images = 0
    for i in range(n):
        try:
            page = pdf[i]
        except pdfium.PdfiumError:
            raise ExtractionError(f"corrupt PDF: page {i + 1} cannot be loaded") from None
        tp = page.get_textpage()
        texts.append(unified(tp.get_text_range()))
        tabular.append(_tabular(texts[-1]) or drawn_rules(page) or text_columns(tp))
        if i < 5 and not texts[-1].strip():
            n_images += any(True for _ in page.get_objects(filter=[3], max_depth=2))  # IMAGE
        tp.close()
        page.close()
    return PageScan(texts, tabular, n_images)


def _unmapped(text: str) -> int:
    """Characters pdfium could not map to Unicode: control codes, U+FFFD, private use."""
    return sum(1 for ch in text if (ord(ch) < 32 and ch not in "\r\n\t") or ch == "\ufffd"
               or "\ue000" <= ch <= "\uf8ff")


def _tabular(text: str) -> bool:
    """True when a page's text looks like it holds a statistical table (lines of numbers)."""
    ended = 0
    for line in text.splitlines():
        if furniture(line, 0.0, 0.0, 1.0):  # `- 5 -` is three value tokens
            continue
        tokens = line.split()
        trailing = 0
        while trailing < len(tokens) and is_value_token(tokens[-1 - trailing]):
            trailing += 1
        if not any(ch.isdigit() for t in tokens[len(tokens) - trailing:] for ch in t):
            continue
        if trailing >= 3:
            return True
        ended += trailing > 0 and trailing < len(tokens)
    return ended >= 3


def running_lines(texts: list[str]) -> frozenset[str]:
    """Lines at the edge of at least half the pages (two or more): running headers and footers."""
    counts: dict[str, int] = {}
    for text in texts:
        lines = [ln for ln in text.splitlines() if ln.strip()]
        for key in {running_key(ln) for ln in lines[:2] + lines[-2:]}:
            counts[key] = counts.get(key, 0) + 1
    need = max(2, (len(texts) + 1) // 2)
    return frozenset(k for k, n in counts.items() if n >= need and k)


def _text_blocks(text: str, number: int, running: frozenset[str]) -> list[Block]:
    """Paragraphs (and flattened table lines) of a page read only by pypdfium2."""
    lines = [tidy(ln) for ln in text.splitlines()]
    lines = [ln for ln in lines if ln]
    # pdfium gives content-stream order: furniture may come first or last, never mid-page.
    seen: set[str] = set()
    while lines and furniture(lines[0], 0.0, 0.0, 1.0, running) and running_key(lines[0]) not in seen:
        seen.add(running_key(lines[0]))  # the same words again under a running header: the title
        lines = lines[1:]
    while lines and furniture(lines[-1], 1.0, 1.0, 1.0, running):
        lines = lines[:-1]
    lines = [ln for ln in lines if not furniture(ln, 0.5, 0.5, 1.0)]
    return lines_to_blocks(join_wrapped(lines, full_lines(lines)), page=number)


@contextmanager
def _plumber(path: Path, warnings: list[str] | None = None) -> Iterator[Any]:
    """The file opened by pdfplumber (empty password: owner-only encryption opens).

    A file whose structure pdfminer cannot follow but pdfium can (a missing trailer or
    cross-reference, as viewers recover) is re-saved by pdfium into a temporary file,
    which pdfplumber then reads.
    """
    with tempfile.TemporaryDirectory(prefix="ogi-pdf-") as tmp:
        try:
            pdf = pdfplumber.open(path, password="")
            pdf.pages  # noqa: B018 - the page tree: where a broken trailer shows
        except PARSER_ERRORS as exc:
            repaired = Path(tmp) / "repaired.pdf"
            try:
                doc = _open_pdfium(path)
                try:
                    doc.save(str(repaired))
                finally:
                    doc.close()
                pdf = pdfplumber.open(repaired, password="")
                pdf.pages  # noqa: B018
            except (ExtractionError, pdfium.PdfiumError, *PARSER_ERRORS):
                raise ExtractionError(f"corrupt PDF: {type(exc).__name__}: {exc}") from None
            log.warning("%s: structure repaired by pdfium (%s: %s)", path, type(exc).__name__, exc)
            if warnings is not None:
                warnings.append(f"damaged PDF structure repaired ({type(exc).__name__})")
        try:
            yield pdf
        finally:
            try:
                pdf.close()
            except PARSER_ERRORS as exc:  # closing flushes half-parsed pages of a broken file
                log.warning("closing %s: %s: %s", path, type(exc).__name__, exc)


def _parse_pages(path: Path, texts: list[str], tabular: list[bool], running: frozenset[str],
                 warnings: list[str]) -> dict[int, ParsedPage]:
    """Parse the table pages (1-based) with pdfplumber, each once, following tables over edges."""
    todo = [i + 1 for i, t in enumerate(tabular) if t]
    parsed: dict[int, ParsedPage] = {}
    if not todo:
        return parsed
    with _plumber(path, warnings) as pdf:
        try:
            pages = pdf.pages
        except PARSER_ERRORS as exc:  # the page tree itself is broken
            raise ExtractionError(f"corrupt PDF: {type(exc).__name__}: {exc}") from None
        while todo:
            if len(parsed) >= MAX_TABLE_PAGES:
                warnings.append(f"table pages beyond {MAX_TABLE_PAGES} read as plain text")
                break
            n = todo.pop(0)
            if n in parsed or not 1 <= n <= min(len(texts), len(pages)):
                continue  # (a broken page tree can hold fewer pages than pdfium saw)
            page = pages[n - 1]
            try:
                parsed[n] = parse_page(page, n, running)
            except PARSER_ERRORS as exc:  # one bad content stream: that page's pdfium text
                log.warning("page %d of %s: %s: %s", n, path, type(exc).__name__, exc)
                warnings.append(f"page {n} read as plain text ({type(exc).__name__})")
                continue
            finally:
                page.close()
            if parsed[n].open_bottom and n + 1 not in parsed:
                todo.insert(0, n + 1)
            if parsed[n].open_top and n - 1 not in parsed:
                todo.insert(0, n - 1)
    _carry_over(parsed)
    return parsed


def _carry_over(parsed: dict[int, ParsedPage]) -> None:
    """Borderless tables going on over page breaks: the next page's top rows on their columns,
    then every part rebuilt on the columns of all its parts' lines (the header on one page
    knows the columns, the blank rows on the next do not: blank-requests-2021-lineless)."""
    for n in sorted(parsed):
        before = parsed.get(n - 1)
        if before is not None and before.tail is not None:
            parsed[n] = page_blocks(parsed[n].source, before.tail)
    chains: list[list[int]] = []
    for n in sorted(parsed):
        if not parsed[n].head:
            continue
        if chains and chains[-1][-1] == n - 1 and parsed[n - 1].through:
            chains[-1].append(n)
        else:
            chains.append([n - 1, n])
    heads: dict[int, list[TextLine]] = {}
    tails: dict[int, list[TextLine]] = {}
    for chain in chains:
        lines = parsed[chain[0]].tail_lines + [ln for n in chain[1:] for ln in parsed[n].head]
        tails.update((n, lines) for n in chain[:-1])
        heads.update((n, lines) for n in chain[1:])
    for n in sorted(set(heads) | set(tails)):
        parsed[n] = page_blocks(parsed[n].source, parsed[n].carry, heads.get(n), tails.get(n))


def _assemble(texts: list[str], parsed: dict[int, ParsedPage], running: frozenset[str]
              ) -> list[Block]:
    """Blocks in reading order, table parts that cross page breaks joined into one table."""
    blocks: list[Block] = []
    chain: list[GridTable] = []
    for n in range(1, len(texts) + 1):
        page_blocks = parsed[n].blocks if n in parsed else _text_blocks(texts[n - 1], n, running)
        for k, block in enumerate(page_blocks):
            if isinstance(block, GridTable):
                if chain and k == 0 and continues(chain[-1], block) and _ended_page(parsed, chain):
                    chain.append(block)
                    continue
                if chain:
                    blocks.append(join_parts(chain))
                chain = [block]
                continue
            if chain:
                blocks.append(join_parts(chain))
                chain = []
            blocks.append(block)
    if chain:
        blocks.append(join_parts(chain))
    return blocks


def _ended_page(parsed: dict[int, ParsedPage], chain: list[GridTable]) -> bool:
    """True when the chain's last part was the last block of its page."""
    last = chain[-1]
    return parsed[last.page].blocks[-1] is last


def _title(pdf: pdfium.PdfDocument) -> str | None:
    """The metadata title when it reads like a report title (not `Microsoft Word - x.doc`)."""
    try:
        title = str(pdf.get_metadata_dict().get("Title", "")).strip()
    except (pdfium.PdfiumError, UnicodeDecodeError, ValueError):  # broken info dict: no title
        return None
    if not any("\u4e00" <= ch <= "\u9fff" for ch in title) or "." in title[-5:]:
        return None
    return title


def extract(path: Path) -> Document:
    """Read a PDF report into paragraphs and tables (merged cells with spans, pages joined)."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise UnsafeFile(f"PDF too large: {size} bytes (limit {MAX_BYTES})")
    try:
        pdf = _open_pdfium(path)
    except UnsafeFile:
        raise
    except ExtractionError as exc:
        with tempfile.TemporaryDirectory(prefix="ogi-pdf-") as tmp:
            fixed = _with_trailer(path, Path(tmp))
            if fixed is None:
                raise exc from None
            doc = extract(fixed)
            return replace(doc, warnings=doc.warnings + ("damaged PDF: its trailer was rebuilt",))
    warnings: list[str] = []
    try:
        n_pages = len(pdf)
        if n_pages == 0:
            raise ExtractionError("corrupt PDF: no pages")
        if n_pages > MAX_PAGES:
            warnings.append(f"only the first {MAX_PAGES} of {n_pages} pages read")
        texts, tabular, n_images = _page_texts(pdf, min(n_pages, MAX_PAGES))
        title = _title(pdf)
    finally:
        pdf.close()
    visible = sum(len("".join(t.split())) for t in texts)
    if visible < 10 * len(texts):
        if not n_images:
            raise ExtractionError("PDF has no text")
        blocks, more, counts = ocr_pages(path, list(range(len(texts))))
        if not blocks:
            raise ScannedDocument("scanned: no text layer, and OCR read nothing")
        warnings += more
        warnings.append(f"scanned: {counts['pages_ocr']} of {n_pages} pages read by OCR, "
                        f"{counts['cells_unsure']} of {counts['cells_ocr']} cells unsure")
        return Document(format=format, blocks=tuple(blocks), title=title, n_pages=n_pages,
                        warnings=tuple(warnings), pages_ocr=counts["pages_ocr"],
                        cells_unsure=counts["cells_unsure"])
    running = running_lines(texts)
    unmapped = sum(_unmapped(t) for t in texts)
    if unmapped > CID_SHARE * visible:
        raise UnreadableText(f"unreadable text: {unmapped} of {visible} glyphs have no "
                             "Unicode mapping (cid:NN)")
    parsed = _parse_pages(path, texts, tabular, running, warnings)
    n_glyphs = sum(p.n_glyphs for p in parsed.values())
    n_cid = sum(p.n_cid for p in parsed.values())
    if n_cid:
        warnings.append(f"{n_cid} of {n_glyphs} glyphs have no Unicode mapping (cid:NN)")
        if n_cid > CID_SHARE * n_glyphs:
            raise UnreadableText(f"unreadable text: {n_cid} of {n_glyphs} glyphs have no "
                                 "Unicode mapping (cid:NN)")
    blocks = _assemble(texts, parsed, running)
    return Document(format=format, blocks=tuple(blocks), title=title, n_pages=n_pages,
                    warnings=tuple(warnings))


__all__ = ["Paragraph", "extract", "format", "sniff"]
