"""The sweep's HTML pages: a laid-out document as a CMS article, a Word page or flattened text.

CMS chrome (navigation, breadcrumbs, an info table 索引号/发布机构/发文日期, footer), `<th>`
or not, `<tbody>` or not, `&nbsp;` cells, `<p>/<span>/<font>` in cells, `<br>` in labels;
pages whose tables lost their markup (one `<p>` or `<br>` per line, or `<pre>`); and the
encodings real sites serve (UTF-8, GBK declared as gb2312, undeclared, lying, BOM).
"""

from __future__ import annotations

import random

from extractors.cells import is_value_token
from extractors.document import Block, Paragraph, Table

from . import html_word
from .html_pages import chrome, decorate, encode, esc, table_html
from .report import Report
from .sweep_text import flat_lines, unwrap

HTML_FLAGS = ("html_chrome", "html_info_table", "html_th", "html_no_tbody", "html_nbsp",
              "html_cell_markup", "html_word", "html_flat_p", "html_flat_br", "html_flat_pre",
              "enc_gb2312", "enc_undeclared", "enc_lying", "enc_bom")


def draw_html_flags(rng: random.Random) -> set[str]:
    """The page's shape (CMS, Word, flattened), its cell markup and its encoding."""
    shape = rng.choices(("cms", "bare", "html_word", "flat"), weights=(0.5, 0.15, 0.15, 0.2))[0]
    flags: set[str] = set()
    if shape == "flat":
        flags.add(rng.choice(("html_flat_p", "html_flat_br", "html_flat_pre")))
    elif shape == "html_word":
        flags.add("html_word")
    else:
        flags |= {f for f, p in (("html_th", 0.4), ("html_no_tbody", 0.3), ("html_nbsp", 0.5),
                                 ("html_cell_markup", 0.5)) if rng.random() < p}
    if shape in ("cms", "flat") and rng.random() < 0.8:
        flags.add("html_chrome")
        if rng.random() < 0.6:
            flags.add("html_info_table")
    if shape != "html_word":
        enc = rng.choices(("", "enc_gb2312", "enc_undeclared", "enc_lying", "enc_bom"),
                          weights=(0.45, 0.2, 0.15, 0.1, 0.1))[0]
        if enc:
            flags.add(enc)
    return flags


def header_rows(t: Table) -> int:
    """Leading rows that hold only labels (a header), to print as `<th>`."""
    n = 0
    for row in t.rows():
        if any(c.col >= 1 and (not c.text or is_value_token(c.text)) for c in row):
            break
        n += 1
    return n


def _cell(text: str, rng: random.Random, flags: set[str]) -> str:
    """A cell's HTML: `&nbsp;` when empty, `<br>` where a label wraps, editors' tags around."""
    if not text:
        return "&nbsp;" if "html_nbsp" in flags else ""
    if "\n" in text:
        body = "<br/>".join(esc(p) for p in text.split("\n"))
        return f"<p>{body}</p>" if "html_cell_markup" in flags and rng.random() < 0.5 else body
    if "html_cell_markup" in flags:
        return decorate(text, rng)
    return esc(text)


def info_table(agency: str | None, year: int, title: str, rng: random.Random) -> str:
    """The CMS info table above an article (a layout table, not statistics)."""
    code = f"{rng.randint(10**10, 10**11 - 1)}/{year + 1}-{rng.randint(1, 999):05d}"
    rows = [("索引号：", code, "分类：", "政府信息公开年报"),
            ("发布机构：", agency or "", "发文日期：", f"{year + 1}-01-{rng.randint(10, 31)}"),
            ("名称：", title, "文号：", "")]
    trs = "".join("<tr>" + "".join(f"<td>{esc(x)}</td>" for x in r) + "</tr>" for r in rows)
    return f'<table class="xxgk_info" width="100%">{trs}</table>'


def _body(blocks: list[Block], rng: random.Random, flags: set[str]) -> str:
    """The article body: paragraphs, and tables in the page's markup (or flattened)."""
    flat = next((f for f in flags if f.startswith("html_flat_")), None)
    if flat:
        lines = flat_lines(blocks, rng, flags, html=True)
        if flat == "html_flat_pre":
            return "<pre>" + esc("\n".join(lines)) + "</pre>"
        escaped = [esc(x).replace("\xa0", "&nbsp;") for x in lines]
        if flat == "html_flat_br":
            return "<p>" + "<br>".join(escaped) + "</p>"
        return "\n".join(f"<p>{x}</p>" for x in escaped)
    out = []
    for b in blocks:
        if isinstance(b, Table):
            head = header_rows(b) if "html_th" in flags else 0
            out.append(table_html(b, lambda text: _cell(text, rng, flags), 'border="1" cellspacing="0"',
                                  head_rows=head, tbody="html_no_tbody" not in flags))
        elif isinstance(b, Paragraph):
            out.append(f'<p style="text-indent:2em;">{esc(b.text)}</p>')
    return "\n".join(out)


def _charset(flags: set[str]) -> tuple[str | None, str]:
    """(declared charset or None, actual encoding) of the page."""
    if "enc_gb2312" in flags:
        return "gb2312", "gbk"
    if "enc_undeclared" in flags:
        return None, "gbk"
    if "enc_lying" in flags:
        return ("utf-8", "gbk") if "html_chrome" in flags else ("gb2312", "utf-8")
    if "enc_bom" in flags:
        return None, "utf-8-sig"
    return "utf-8", "utf-8"


def render_html(blocks: list[Block], title: str, agency: str | None, info_agency: str | None,
                year: int, rng: random.Random, flags: set[str]) -> bytes:
    """The page's bytes for a laid-out document (`blocks` starts with its heading lines)."""
    if "html_word" in flags:
        parts = [html_word.table(unwrap(b), rng) if isinstance(b, Table) else html_word.paragraph(b.text, rng)
                 for b in blocks]
        body = "<body lang=ZH-CN><div class=WordSection1>" + "\n".join(parts) + "</div></body></html>"
        page = html_word.HEAD.format(title=esc(title), n=len(body)) + html_word.wrap(body)
        return encode(page, "gbk")
    declared, actual = _charset(flags)
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={declared}">' if declared else ""
    body = _body(blocks, rng, flags)
    if "html_chrome" in flags:
        dummy = Report("2021", year, agency or "", {})
        head, top, bottom = chrome(dummy, rng, heavy=False)
        info = info_table(info_agency, year, title, rng) if "html_info_table" in flags else ""
        page = (f"{top}<div class=\"main\">{info}<div class=\"article\">"
                f"<div id=\"zoom\">{body}</div></div>{bottom}</div>")
    else:
        head, page = "", f'<div class="con">{body}</div>'
    doc = (f"<!DOCTYPE html>\n<html><head>{meta}<title>{esc(title)}</title>\n{head}</head>\n"
           f"<body>\n{page}\n</body></html>\n")
    return encode(doc, actual)
