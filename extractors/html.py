"""HTML reports as crawlers save them: CMS article pages, Word/WPS "save as web page", fragments.

The chain: bytes -> `html_encoding.decode_html` (the bytes decide, not `<meta>`) ->
lxml's HTML parser -> `html_body` (drop the invisible, prune site chrome, descend to
the report) -> `html_blocks.walk` (lines and tables in reading order) -> `Document`.
lxml is the hot path throughout (a 100 KB page takes milliseconds); BeautifulSoup is
not used because lxml's parser already repairs the broken markup these pages carry.

Example:
    >>> doc = extract(Path("tests/fixtures/html/2021-cms.html"))  # doctest: +SKIP
    >>> [t.n_rows for t in doc.tables]
    [14, 28, 4]
"""

from __future__ import annotations

import email
import email.policy
import logging
import re
from email.message import Message
from pathlib import Path

from lxml import etree

from .document import Document, Paragraph
from .errors import EmptyFile, ExtractionError, UnsafeFile
from .html_blocks import Sink, walk
from .html_body import (
    css_tables,
    find_body,
    own_text_len,
    prune_chrome,
    prune_link_lists,
    strip_invisible,
    text_len,
    title_heading,
)
from .html_encoding import BOMS, decode_html, utf16_without_bom

format = "html"

log = logging.getLogger(__name__)

MAX_BYTES = 32 * 1024 * 1024  # report pages are < 2 MB; Word pages with inline images < 20 MB
MAX_DEPTH = 2048  # libxml2's limit with huge_tree; deeper markup stops the parse
MAX_CELLS = 200_000  # a report has about a thousand; a million take 13 s and 600 MB to grid
_CELL_COUNT = etree.XPath("count(//td|//th)")
_LEADING_JUNK = re.compile(rb"(?:\s+|<!--.*?-->|<\?xml[^>]*>)*", re.DOTALL)
_MARKUP = re.compile(rb"<(?:!doctype|html|head|body|meta|table|title)[\s>/]", re.IGNORECASE)
_HEADER_END = re.compile(rb"\r?\n\r?\n")
_TITLE_SEPARATOR = re.compile(r"\s*(?:_|\||｜|—{1,2}|::)\s*|\s+-+\s+")


def sniff(head: bytes, path: Path) -> bool:
    """True when, after BOM, whitespace and comments, the first KB shows HTML markup."""
    encoding = next((enc for bom, enc in BOMS if head.startswith(bom)), None)
    if encoding:
        head = head.decode(encoding, errors="ignore").lstrip("\ufeff").encode("utf-8")
    elif utf16_without_bom(head):
        head = head.decode(str(utf16_without_bom(head)), errors="ignore").encode("utf-8")
    if b"\x00" in head:
        return False
    if is_mht(head):
        return True
    start = _LEADING_JUNK.match(head)
    offset = start.end() if start else 0
    return _MARKUP.search(head, offset, offset + 1024) is not None


def extract(path: Path) -> Document:
    """Read an HTML page into the report's paragraphs and tables, in reading order."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise UnsafeFile(f"HTML file too large: {size} bytes (limit {MAX_BYTES})")
    data = path.read_bytes()
    if not data.strip():
        raise EmptyFile("empty file")
    if is_mht(data[:8192]):
        data = mht_page(data)
    decoded = decode_html(data)
    root = parse(decoded.text)
    n_cells = int(_CELL_COUNT(root))
    if n_cells > MAX_CELLS:
        raise UnsafeFile(f"HTML has {n_cells} table cells (limit {MAX_CELLS})")
    page_title = title_of(root)
    info = page_info(root)
    strip_invisible(root)
    css_tables(root)
    prune_chrome(root)
    body = find_body(root)
    prune_link_lists(body)
    sink = Sink()
    walk(body, sink, text_len)
    blocks = sink.blocks()
    heading = title_heading(root, body)
    if heading and not any(isinstance(b, Paragraph) and b.text == heading for b in blocks[:3]):
        blocks.insert(0, Paragraph(heading))  # the CMS prints the title above the body
    if not blocks:
        raise ExtractionError("HTML page has no visible text (script, frameset or redirect page)")
    log.debug("%s: %s, body <%s> with %d own characters, %d blocks", path, decoded.encoding,
              body.tag, own_text_len(body), len(blocks))
    return Document(format=format, blocks=tuple(blocks), title=heading or page_title,
                    warnings=decoded.warnings, page_info=info)


_INFO_LINE = re.compile(r"^[^\s:：]{2,8}\s*[:：]\s*\S")  # 发布机构：XX局
_INFO_LABELS = re.compile(r"[^\s:：\d]{2,8}\s*[:：]")
_INFO_TAGS = ("li", "dd", "dt", "td", "th", "p", "span", "div", "em", "font")
MAX_INFO = 40  # info lines kept, in page order
MAX_INFO_CHARS = 60
_COLON_NODES = etree.XPath(  # the short text nodes holding a colon
    f"//text()[string-length(.) <= {MAX_INFO_CHARS} and (contains(., '：') or contains(., ':'))]")


def page_info(root: etree._Element) -> tuple[str, ...]:
    """Short `label：value` lines anywhere in the page, and its <meta name="ContentSource">
    (TRS and similar CMSs): an info box outside the article may be the only place naming the
    body that published it (`<li><span>发布机构：</span>XX局</li>`)."""
    out = [f"ContentSource：{m.get('content', '').strip()}" for m in root.iter("meta")
           if (m.get("name") or "").lower() == "contentsource" and (m.get("content") or "").strip()]
    # only short elements holding a colon can be such lines: found from the text nodes, so the
    # page's other elements are never joined (that had cost most of the extraction's time)
    seen: set[etree._Element] = set()
    for node in _COLON_NODES(root):
        if len(out) >= MAX_INFO:
            break
        chain = []
        el = node.getparent()
        while el is not None and el not in seen:
            text = _short_text(el, 2 * MAX_INFO_CHARS)
            if text is None or len(text) > MAX_INFO_CHARS:
                break
            seen.add(el)
            chain.append((el, text))
            el = el.getparent()
        for el, text in reversed(chain):  # the outer first, as the page reads
            # one label a line: the box around several is left for its items
            if (el.tag in _INFO_TAGS and len(el) <= 3 and _INFO_LINE.match(text)
                    and len(_INFO_LABELS.findall(text)) == 1 and text not in out):
                out.append(text)
    return tuple(out)


def _short_text(el: etree._Element, limit: int) -> str | None:
    """The element's text, spaces collapsed, or None as soon as it passes `limit` characters
    (its text is never joined whole: a page's body would be, once per colon in it)."""
    parts: list[str] = []
    size = 0
    for piece in el.itertext():
        size += len(piece)
        if size > limit:
            return None
        parts.append(piece)
    return " ".join("".join(parts).split())


def is_mht(head: bytes) -> bool:
    """True for a "single file web page" (.mht from Word, IE, Chrome): MIME multipart/related."""
    headers = _HEADER_END.split(head, 1)[0].lower()
    return b"mime-version:" in headers and b"multipart/related" in headers


def mht_page(data: bytes) -> bytes:
    """The bytes of the first text/html part of a MIME web archive, transfer encoding undone."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if isinstance(part, Message) and part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload.strip():
                return payload
    raise ExtractionError("MHT web archive without an HTML part")


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_INLINE_TAG = re.compile(r"</?(?:font|span|b|i|u|s|em|strong|small|big|sub|sup|o:p|st1:[a-z]+)\b[^>]*>",
                         re.IGNORECASE)


def _parser() -> etree.HTMLParser:
    """A fresh parser (its error log is the parse's): comments and PIs dropped, no network."""
    return etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True,
                            huge_tree=True, no_network=True)


def _too_deep(parser: etree.HTMLParser) -> bool:
    """True when libxml2 stopped the parse at its depth limit."""
    return any("ERR_RESOURCE_LIMIT" in str(e) or "Excessive depth" in e.message for e in parser.error_log)


def parse(text: str) -> etree._Element:
    """The lxml tree of the page; comments (Word's conditional ones too) and PIs dropped."""
    parser = _parser()
    # Control characters are not XML: lxml refuses them in text later (fuzzed pages).
    text = _CONTROL.sub("", text)
    root = etree.fromstring(text.encode("utf-8"), parser)
    if _too_deep(parser):
        # Old Word and CMS pages leave thousands of <font>/<span> unclosed: they only style
        # text, so the page is parsed again without them (its words, rows and cells kept).
        parser = _parser()
        root = etree.fromstring(_INLINE_TAG.sub("", text).encode("utf-8"), parser)
        if _too_deep(parser):
            raise UnsafeFile(f"HTML nested deeper than {MAX_DEPTH} levels")
    if root is None:
        raise ExtractionError("HTML page has no visible text (script, frameset or redirect page)")
    return root


def title_of(root: etree._Element) -> str | None:
    """The `<title>` without the site name CMSs append (`报告_某某区人民政府` -> `报告`)."""
    el = root.find(".//title")
    if el is None:
        return None
    text = " ".join("".join(el.itertext()).split())
    parts = [p for p in _TITLE_SEPARATOR.split(text) if p]
    return max(parts, key=len) if parts else None
