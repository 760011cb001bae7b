"""Find the report in a crawled page: drop what never shows, prune chrome, descend to the body.

A CMS article page wraps the report in navigation, breadcrumbs, share bars, related
links and footers. Those are mostly link text or named so (`class="footer"`); the
report is where the page's own (non-link) text is. So: strip invisible elements,
prune chrome by name (unless it holds a table or a lot of text), then descend from
`<body>` into whichever child holds most of the text while one holds nearly all.
"""

from __future__ import annotations

import re

from lxml import etree

from .html_table import is_layout_table, own_cells

INVISIBLE_TAGS = (
    "script", "style", "noscript", "template", "iframe", "frame", "object", "embed", "applet",
    "svg", "math", "canvas", "select", "textarea", "button", "input", "map", "audio", "video",
    "head", "xml", "title", "meta", "link",
)
# Chrome by class/id: distinctive words anywhere, short generic ones as whole tokens.
_CHROME_WORD = re.compile(
    r"breadcrumb|crumb|bdshare|share|fenxiang|footer|copyright|sidebar|related|xgxx|xglj|"
    r"pagination|prevnext|toolbar|navbar|qrcode|dqwz|weizhi", re.IGNORECASE)
_CHROME_TOKEN = re.compile(
    r"(?:^|[\s_-])(?:nav|menu|foot|bottom|side|pager|print|comments?|position|location|ewm|"
    r"links?|bszn)(?:$|[\s_\d-])", re.IGNORECASE)
_HIDDEN = re.compile(r"display\s*:\s*none|mso-hide\s*:\s*all|visibility\s*:\s*hidden", re.I)
# Elements that wrap a page region; descent to the body goes only through these.
CONTAINER_TAGS = frozenset({
    "body", "div", "section", "article", "main", "form", "center", "td", "th", "table", "tbody",
    "tr", "ul", "ol", "dl", "aside", "header", "footer", "nav", "blockquote", "figure", "html",
})
CHROME_MAX_TEXT = 500  # a "footer" holding more text than this is the page, misnamed
DOMINANT = 0.8  # descend into a child holding this share of its parent's text
LINK_DENSE = 0.5
_LINK_TEXT = etree.XPath(".//a//text()")
_TEXT_LEN = etree.XPath("string-length(normalize-space(.))")


def text_len(el: etree._Element) -> int:
    """Length of the element's text, link text included, whitespace runs counted as one."""
    return int(_TEXT_LEN(el))  # XPath in C: fifteen times faster than joining itertext()


def own_text_len(el: etree._Element) -> int:
    """Non-blank characters of the element's text outside links."""
    total = text_len(el)
    if total and el.find(".//a") is not None:
        total -= len(" ".join("".join(_LINK_TEXT(el)).split()))
    return total


def drop(el: etree._Element) -> None:
    """Remove an element but keep its tail text where it was."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def strip_invisible(root: etree._Element) -> None:
    """Remove scripts, styles, forms' widgets and elements styled hidden (`display:none`)."""
    etree.strip_elements(root, *INVISIBLE_TAGS, with_tail=False)
    for el in root.xpath("//*[@style or @hidden]"):
        if el.get("hidden") is not None or _HIDDEN.search(el.get("style") or ""):
            drop(el)


_CSS_TABLE = re.compile(r"display\s*:\s*(table-row|table-cell|table)\b", re.I)
_CSS_TAGS = {"table": "table", "table-row": "tr", "table-cell": "td"}


def css_tables(root: etree._Element) -> None:
    """Read boxes styled as a table (`display:table`, `table-row`, `table-cell` on divs) as the
    table, rows and cells they are drawn as: their empty cells are known blanks."""
    for el in root.xpath("//*[@style]"):
        found = _CSS_TABLE.search(el.get("style") or "")
        if found and el.tag in ("div", "span", "section", "p"):
            el.tag = _CSS_TAGS[found.group(1).lower()]


def prune_chrome(root: etree._Element) -> None:
    """Remove navigation, share bars, related links and footers recognised by class or id."""
    for el in root.xpath("//*[@class or @id]"):
        name = f"{el.get('class') or ''} {el.get('id') or ''}"
        if name.lstrip().startswith("Mso") or el.tag in ("body", "html"):
            continue  # Word's own paragraph classes (MsoFooter) are content
        if not (_CHROME_WORD.search(name) or _CHROME_TOKEN.search(name)):
            continue
        if el.find(".//table") is None and own_text_len(el) <= CHROME_MAX_TEXT:
            drop(el)


def find_body(root: etree._Element) -> etree._Element:
    """The smallest container that holds nearly all of the page's own text and loses none of it.

    Descent stops at a child that is not a container (a `<p>` holding a `<br>`-lined
    report), at a data table, and wherever text would be left behind beside the child:
    a paragraph, heading (other than the `<h1>`/`<h2>` title) or data table as a sibling.
    """
    body = root.find(".//body")
    cur = body if body is not None else root
    size = own_text_len(cur)
    while size:
        kids = _children(cur)
        sizes = [own_text_len(k) for k in kids]
        best_size = max(sizes, default=0)
        if best_size < DOMINANT * size:
            break
        best = kids[sizes.index(best_size)]
        if best.tag not in CONTAINER_TAGS or _is_data_table(best):
            break
        if _loose_text(cur) or any(n and _holds_content(k)
                                   for k, n in zip(kids, sizes) if k is not best):
            break
        cur, size = best, best_size
    return cur


def _is_data_table(el: etree._Element) -> bool:
    """True for a `<table>` read as a grid."""
    return el.tag == "table" and not is_layout_table(el, text_len)


def _holds_content(el: etree._Element) -> bool:
    """True for a text block the report would lose if the body were a sibling of it."""
    return el.tag not in CONTAINER_TAGS and el.tag not in ("h1", "h2") or _is_data_table(el)


def _loose_text(el: etree._Element) -> bool:
    """True when text sits directly in `el` (not wrapped in a child element)."""
    if el.tag == "table":
        return False
    return bool((el.text or "").strip()) or any((c.tail or "").strip() for c in el)


def _children(el: etree._Element) -> list[etree._Element]:
    """Candidate containers under `el`; a layout table's cells stand in for the table."""
    if el.tag == "table":
        return list(own_cells(el))
    return [c for c in el if isinstance(c.tag, str)]


def prune_link_lists(body: etree._Element) -> None:
    """Remove blocks inside the body that are mostly links (related articles, attachments lists)."""
    dense = []
    for el in body.iter("div", "ul", "ol", "dl", "p", "li", "section", "nav", "aside", "span"):
        if el is body or el.find(".//a") is None or el.find(".//table") is not None:
            continue
        total = text_len(el)
        if total and total - own_text_len(el) >= LINK_DENSE * total:
            dense.append(el)
    for el in dense:
        drop(el)


def title_heading(root: etree._Element, body: etree._Element) -> str | None:
    """The article title a CMS prints: the body's first `<h1>`/`<h2>`, else the last one before it.

    Headings that are all link text (a site logo in `<h1>`) do not count.
    """
    inside = [h for h in body.iter("h1", "h2") if own_text_len(h)]
    if inside:
        return _heading_text(inside[0])
    found: dict[str, str] = {}
    for el in root.iter():
        if el is body:
            break
        if el.tag in ("h1", "h2") and own_text_len(el):
            found[str(el.tag)] = _heading_text(el)
    return found.get("h1") or found.get("h2")


def _heading_text(el: etree._Element) -> str:
    """A heading's text with whitespace collapsed."""
    return " ".join("".join(el.itertext()).split())
