"""Synthetic reports as government sites publish them in HTML, with the Document they should give.

`render(report, style)` returns the page's bytes and `expected`: the blocks an ideal
reader recovers (the national layout for table styles; for flattened styles what
the plain-text recovery makes of the flattened lines). Styles: `cms` (a CMS article
page in UTF-8; its 2019 version uses table layout and a BOM), `word` (Word "save as
web page" in GBK), `flat-p`, `flat-br`, `cells`, `pre` (tables flattened), `split`
(the applications table in two `<table>`s), `undeclared-gbk`, `lying-charset`.
"""

from __future__ import annotations

import codecs
import html
import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from extractors.document import Block, Cell, Paragraph, Table
from extractors.text import lines_to_blocks
from synthetic.report import Report, layout, split_table

_CJK = re.compile("[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


@dataclass(frozen=True)
class Page:
    """A rendered page and the blocks an ideal reader recovers from it."""

    data: bytes
    expected: tuple[Block, ...]


def esc(text: str) -> str:
    """Text escaped for HTML content."""
    return html.escape(text, quote=False)


def cjk_cut(text: str, rng: random.Random) -> int | None:
    """A position inside `text` with CJK on both sides (a break there joins back seamlessly)."""
    cuts = [i for i in range(1, len(text)) if _CJK.match(text[i - 1]) and _CJK.match(text[i])]
    return rng.choice(cuts) if cuts else None


def decorate(text: str, rng: random.Random) -> str:
    """Cell content as CMS editors leave it: `<p>`, `<span>`, `<font>`, `<br>`, `&nbsp;`, U+3000."""
    body = esc(text)
    cut = cjk_cut(text, rng) if len(text) > 12 else None
    if cut is not None and rng.random() < 0.5:
        body = f"{esc(text[:cut])}<br/>{esc(text[cut:])}"
    style = rng.randrange(6)
    if style == 0:
        return f"<p>{body}</p>"
    if style == 1:
        return f'<span style="font-size:14px;">{body}</span>'
    if style == 2:
        return f'<font face="宋体" size="2">{body}</font>'
    if style == 3:
        return f"&nbsp;{body}&nbsp;"
    if style == 4:
        return f"\u3000{body}\n    "
    return body


def table_html(t: Table, cell: Callable[[str], str], attrs: str = 'border="1"',
               head_rows: int = 0, tbody: bool = True) -> str:
    """A table in HTML: cells in row order with their spans, the first `head_rows` as `<th>`."""
    out = [f"<table {attrs}>", "<thead>" if head_rows else "<tbody>" if tbody else ""]
    for r, row in enumerate(t.rows()):
        if head_rows and r == head_rows:
            out.append("</thead>" + ("<tbody>" if tbody else ""))
        tag = "th" if r < head_rows else "td"
        tds = "".join(f"<{tag}{spans(c)}>{cell(c.text)}</{tag}>" for c in row)
        out.append(f"<tr>{tds}</tr>")
    out.append("</tbody></table>" if tbody else "</table>")
    return "\n".join(x for x in out if x)


def spans(c: Cell) -> str:
    """The rowspan/colspan attributes of a cell (none when 1)."""
    return ((f' rowspan="{c.row_span}"' if c.row_span > 1 else "")
            + (f' colspan="{c.col_span}"' if c.col_span > 1 else ""))


def flatten(t: Table, sep: str, fill: bool) -> list[str]:
    """Each row as one line of cells joined by `sep`; `fill` writes covered positions as ''."""
    lines = []
    for row in t.rows():
        if fill:
            texts = [""] * t.n_cols
            for c in row:
                texts[c.col] = c.text
            while texts and not texts[-1]:
                texts.pop()
        else:
            texts = [c.text for c in row]
        lines.append(sep.join(texts))
    return lines


def encode(text: str, encoding: str) -> bytes:
    """Page bytes; characters the legacy encoding lacks become character references."""
    if encoding == "utf-8-sig":
        return codecs.BOM_UTF8 + text.encode("utf-8")
    return text.encode(encoding, errors="xmlcharrefreplace")


def expected_lines(lines: list[str]) -> tuple[Block, ...]:
    """What the plain-text recovery makes of a page's lines: the golden for flattened styles."""
    return tuple(lines_to_blocks(lines))


def expected_layout(r: Report, split_at: int | None = None) -> tuple[Block, ...]:
    """The national layout, with the applications table cut in two if `split_at` is given."""
    blocks: list[Block] = []
    for b in layout(r):
        if isinstance(b, Table) and split_at is not None and b.n_cols == 10:
            blocks.extend(split_table(b, split_at))
        else:
            blocks.append(b)
    return tuple(blocks)


def paragraph_texts(blocks: tuple[Block, ...] | list[Block]) -> list[str]:
    """Texts of the paragraphs, for renderers that print them one by one."""
    return [b.text for b in blocks if isinstance(b, Paragraph)]


_HEADING = re.compile(r"^[一二三四五六七八九十]+、")
SITE = "某某市人民政府门户网站"


def chrome(r: Report, rng: random.Random, heavy: bool) -> tuple[str, str, str]:
    """(head extras, page top, page bottom) of a CMS: styles, scripts, nav, breadcrumb, footer."""
    n_links = rng.randint(120, 200) if heavy else 12
    css = "\n".join(f".m{i} li a{{color:#{rng.randrange(16**6):06x};padding:{i % 9}px}}"
                    for i in range(600 if heavy else 5))
    js = "\n".join(f'var s{i} = "<table><tr><td>{i}</td></tr></table>"; if (s{i}.length > {i}) '
                   f'{{ document.write("<div class=\\"ad\\">广告{i}</div>"); }}'
                   for i in range(200 if heavy else 2))
    head = f"<style>{css}</style>\n<script type=\"text/javascript\">{js}</script>"
    nav = "".join(f'<li><a href="/col/{i}/index.html">栏目{i}的名称</a></li>' for i in range(n_links))
    top = (f'<div class="header"><h1 class="logo"><a href="/">{SITE}</a></h1>'
           '<form action="/search"><input name="q"/><button>搜索</button></form>'
           f'<ul class="nav">{nav}</ul></div>\n'
           '<div style="display:none" class="m-menu">手机版导航（隐藏）首页政务公开互动交流</div>\n'
           '<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a>'
           ' &gt; <a href="/ndbg/">政府信息公开年度报告</a></div>\n')
    related = "".join(f'<li><a href="/art/{i}.html">{r.agency}关于第{i}批政务信息的公告</a>'
                      f"<span>{r.year}-0{1 + i % 9}-1{i % 10}</span></li>"
                      for i in range(30 if heavy else 4))
    bottom = ('<div class="bdsharebuttonbox">分享到：<a href="#">微信</a><a href="#">微博</a></div>\n'
              '<div class="print">【<a href="#">打印本页</a>】【<a href="#">关闭窗口</a>】</div>\n'
              f'<div class="prevnext"><p>上一篇：<a href="#">{r.agency}{r.year - 1}年政府信息公开工作'
              '年度报告</a></p></div>\n'
              f'<div class="related"><h3>相关链接</h3><ul>{related}</ul></div>\n')
    footer = (f'<div class="footer"><p>主办：{SITE}办公室　承办：大数据中心　版权所有：{SITE}</p>'
              '<p>网站标识码：3200000000　<a href="#">苏ICP备05000000号</a>　公安机关备案号：320000000000'
              '</p><p>联系电话：025-00000000　建议使用1366×768分辨率浏览本站</p></div>')
    return head, top, bottom + footer


def content_html(blocks: tuple[Block, ...], rng: random.Random, wrap_tables: bool) -> str:
    """The report body: headings, narrative (source-wrapped), tables with decorated cells."""
    out = []
    for b in blocks:
        if isinstance(b, Table):
            head_rows = 3 if b.n_cols == 10 and b.cells[0].row_span == 3 else 0
            t = table_html(b, lambda text: decorate(text, rng), 'border="1" cellspacing="0"',
                           head_rows=head_rows, tbody=b.n_cols != 15)
            out.append(f'<table width="100%"><tr><td>{t}</td></tr></table>' if wrap_tables else t)
        elif _HEADING.match(b.text):
            out.append(f"<p><strong>{esc(b.text)}</strong></p>" if rng.random() < 0.5
                       else f"<h3>{esc(b.text)}</h3>")
        else:
            cut = cjk_cut(b.text, rng)
            text = b.text if cut is None else f"{b.text[:cut]}\n        {b.text[cut:]}"
            out.append(f'<p style="text-indent:2em;">\u3000\u3000{esc(text)}</p>')
    return "\n".join(out)


def cms_page(r: Report, rng: random.Random, heavy: bool = False, charset: str | None = "utf-8",
             split_at: int | None = None) -> tuple[str, tuple[Block, ...]]:
    """A CMS article page; the 2019 one is an old table-layout site with the title in the body."""
    expected = expected_layout(r, split_at)
    head, top, bottom = chrome(r, rng, heavy)
    meta = f'<meta charset="{charset}">' if charset else ""
    title = f"<title>{esc(r.title)}_{SITE}</title>"
    info = (f'<div class="info">发布时间：{r.year + 1}-01-20　来源：{r.agency}　'
            '浏览次数：<span id="hits">1234</span>　字号：[<a>大</a> <a>中</a> <a>小</a>]</div>')
    if r.fmt == "2021":
        body = content_html(expected[1:], rng, wrap_tables=False)
        main = (f'<div class="main"><div class="article"><h1 class="title">{esc(r.title)}</h1>'
                f'{info}<div id="zoom" class="TRS_Editor">{body}</div>{bottom}</div></div>')
        page = f"{top}{main}"
    else:
        body = content_html(expected, rng, wrap_tables=True)
        side = "".join(f'<p><a href="/l/{i}">左侧栏目{i}</a></p>' for i in range(8))
        page = (f'<table width="1000" align="center"><tr><td colspan="2">{top}</td></tr>'
                f'<tr><td width="200" valign="top">{side}</td><td valign="top">'
                f'<table width="100%"><tr><td>{info}</td></tr><tr><td id="zoom">{body}</td></tr>'
                f"</table>{bottom}</td></tr></table>")
    doc = (f"<!DOCTYPE html>\n<html><head>{meta}{title}\n{head}</head>\n"
           f"<body>\n{page}\n</body></html>\n")
    return doc, expected


def simple_page(r: Report, inner: str) -> str:
    """A bare article page around flattened content (as many county sites publish)."""
    return (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
            f"<title>{esc(r.title)}</title></head><body>\n"
            f'<div class="con"><h2>{esc(r.title)}</h2>\n{inner}\n</div>\n'
            '<div class="footer">版权所有 © 某某县人民政府</div></body></html>\n')


def flat_page(r: Report, style: str) -> tuple[str, tuple[Block, ...]]:
    """A report whose tables are flattened into text lines, in one of four ways."""
    seps = {  # per table (proactive, applications, review): separator and covered-cell filling
        "flat-p": (("\xa0" * 4, False), ("| ", True), ("\u3000\u3000", False)),
        "flat-br": (("\t", True), ("\t", True), ("| ", True)),
        "pre": (("\t", True), ("\t", True), ("\t", True)) if r.fmt == "2021"
        else (("    ", False), ("    ", False), ("    ", False)),
    }.get(style)
    lines: list[str] = []
    n_table = 0
    for b in layout(r)[1:]:
        if isinstance(b, Paragraph):
            lines.append(b.text)
        elif seps is None:  # one cell per paragraph
            lines.extend(c.text for row in b.rows() for c in row)
        else:
            sep, fill = seps[n_table]
            rows = flatten(b, " | " if sep == "| " else sep, fill)
            lines.extend(f"| {x} |" if sep == "| " else x for x in rows)
        n_table += isinstance(b, Table)
    expected = (Paragraph(r.title),) + expected_lines(lines)
    if style == "pre":
        return simple_page(r, "<pre>" + esc("\n".join(lines)) + "</pre>"), expected
    escaped = [esc(x).replace("\xa0", "&nbsp;") for x in lines]
    if style == "flat-br":
        return simple_page(r, "<p>" + "<br>".join(escaped) + "</p>"), expected
    return simple_page(r, "\n".join(f"<p>{x}</p>" for x in escaped)), expected


STYLES = ("cms", "word", "flat-p", "flat-br", "cells", "pre", "split", "undeclared-gbk",
          "lying-charset")


def render(r: Report, style: str, heavy: bool = False) -> Page:
    """The report as a page of the given style, with the blocks an ideal reader recovers."""
    from synthetic.html_word import word_page  # the Word renderer is long; keep it apart

    rng = random.Random(f"{r.title}/{style}")
    if style == "cms":
        doc, expected = cms_page(r, rng, heavy)
        return Page(encode(doc, "utf-8-sig" if r.fmt == "2019" else "utf-8"), expected)
    if style == "word":
        doc, expected = word_page(r, rng)
        return Page(encode(doc, "gbk"), expected)
    if style == "split":
        doc, expected = cms_page(r, rng, heavy, split_at=3 if r.fmt == "2021" else 12)
        return Page(encode(doc, "utf-8"), expected)
    if style == "undeclared-gbk":
        doc, expected = cms_page(r, rng, heavy, charset=None)
        return Page(encode(doc, "gbk"), expected)
    if style == "lying-charset":
        declared, actual = ("utf-8", "gbk") if r.fmt == "2021" else ("gb2312", "utf-8")
        doc, expected = cms_page(r, rng, heavy, charset=declared)
        return Page(encode(doc, actual), expected)
    if style in ("flat-p", "flat-br", "cells", "pre"):
        doc, expected = flat_page(r, style)
        return Page(encode(doc, "utf-8"), expected)
    raise ValueError(f"unknown style {style!r}")
