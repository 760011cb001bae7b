"""A report as Word's "save as web page" writes it: mso markup, runs split into spans, GBK.

What Word (and WPS, which imitates it) puts in such a page and this renderer copies:
the `xmlns:o` html tag, `<meta charset=gb2312>`, document properties in conditional
comments, a style block inside an HTML comment, `MsoNormal` paragraphs whose text is
cut into `<span>`s at every font change (digits get `lang=EN-US`), `<o:p>` ends,
`&nbsp;` in empty cells, the hidden `supportMisalignedColumns` row closing each table,
and source lines wrapped near 76 columns, also between two Chinese characters.
"""

from __future__ import annotations

import random
import re

from extractors.document import Block, Paragraph, Table
from synthetic.html_pages import cjk_cut, esc, expected_layout
from synthetic.report import Report

_RUN = re.compile(r"[0-9A-Za-z.%]+|[^0-9A-Za-z.%]+")
_CJK = re.compile("[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")

HEAD = """<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns:m="http://schemas.microsoft.com/office/2004/12/omml"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset=gb2312">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<link rel=File-List href="report.files/filelist.xml">
<title>{title}</title>
<!--[if gte mso 9]><xml>
 <o:DocumentProperties>
  <o:Author>办公室</o:Author>
  <o:Pages>6</o:Pages>
  <o:Words>{n}</o:Words>
 </o:DocumentProperties>
</xml><![endif]--><!--[if gte mso 9]><xml>
 <w:WordDocument>
  <w:View>Print</w:View>
  <w:SpellingState>Clean</w:SpellingState>
  <w:DrawingGridVerticalSpacing>7.8 磅</w:DrawingGridVerticalSpacing>
 </w:WordDocument>
</xml><![endif]-->
<style>
<!--
 /* Font Definitions */
 @font-face
	{{font-family:宋体;
	panose-1:2 1 6 0 3 1 1 1 1 1;
	mso-font-alt:SimSun;
	mso-font-charset:134;}}
p.MsoNormal, li.MsoNormal, div.MsoNormal
	{{mso-style-unhide:no;
	margin:0cm;
	text-align:justify;
	font-size:10.5pt;
	font-family:"Times New Roman",serif;}}
@page WordSection1
	{{size:595.3pt 841.9pt;
	margin:72.0pt 90.0pt 72.0pt 90.0pt;}}
div.WordSection1
	{{page:WordSection1;}}
-->
</style>
<!--[if gte mso 10]>
<style>
 table.MsoNormalTable
	{{mso-style-name:普通表格;
	mso-tstyle-rowband-size:0;}}
</style>
<![endif]-->
</head>

"""


def runs(text: str, rng: random.Random) -> str:
    """Text as Word's spans: digit runs in `lang=EN-US`, some Chinese runs cut in two."""
    out = []
    for part in _RUN.findall(text):
        if _CJK.match(part) is None and not part.isspace():
            out.append(f"<span lang=EN-US>{esc(part)}</span>")
            continue
        cut = cjk_cut(part, rng) if rng.random() < 0.4 else None
        if cut is None:
            out.append(esc(part))
        else:
            out.append(f"{esc(part[:cut])}<span style='mso-bidi-font-size:10.5pt'>"
                       f"{esc(part[cut:])}</span>")
    return "".join(out)


def paragraph(text: str, rng: random.Random, style: str = "text-indent:32.0pt") -> str:
    """One MsoNormal paragraph with an `<o:p>` end."""
    return (f"<p class=MsoNormal style='{style};line-height:28.0pt;mso-line-height-rule:exactly'>"
            f"<span style='font-size:16.0pt;font-family:仿宋_GB2312'>{runs(text, rng)}"
            "<span lang=EN-US><o:p></o:p></span></span></p>")


def cell_content(text: str, rng: random.Random) -> str:
    """A cell's paragraphs: `&nbsp;` when empty, a long label sometimes in two paragraphs."""
    if not text:
        return "<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>"
    cut = cjk_cut(text, rng) if len(text) > 14 else None
    parts = [text] if cut is None else [text[:cut], text[cut:]]
    return "".join(f"<p class=MsoNormal align=center style='text-align:center'>"
                   f"<span style='font-size:9.0pt;font-family:宋体'>{runs(p, rng)}"
                   "<span lang=EN-US><o:p></o:p></span></span></p>" for p in parts)


def table(t: Table, rng: random.Random) -> str:
    """A Word table: mso row styles, widths on every cell, the misaligned-columns row."""
    out = ["<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 width=593 "
           "style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt'>"]
    for r, row in enumerate(t.rows()):
        out.append(f" <tr style='mso-yfti-irow:{r};height:20.25pt'>")
        for c in row:
            spans = (f" rowspan={c.row_span}" if c.row_span > 1 else "") + \
                    (f" colspan={c.col_span}" if c.col_span > 1 else "")
            out.append(f"  <td width={59 * c.col_span}{spans} style='width:{44.25 * c.col_span}pt;"
                       "border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt'>"
                       f"{cell_content(c.text, rng)}</td>")
        out.append(" </tr>")
    widths = "".join(" <td width=59 style='border:none'></td>" for _ in range(t.n_cols))
    out.append(f" <![if !supportMisalignedColumns]>\n <tr height=0>{widths}</tr>\n <![endif]>")
    out.append("</table>")
    return "\n".join(out)


def wrap(source: str, width: int = 76) -> str:
    """Source lines broken as Word breaks them: at spaces inside tags, between Chinese characters."""
    out: list[str] = []
    col, in_tag = 0, False
    for i, ch in enumerate(source):
        if ch == "<":
            in_tag = True
        elif ch == ">":
            in_tag = False
        if ch == "\n":
            col = 0
        elif col >= width and in_tag and ch == " ":
            out.append("\r\n")
            col = 0
            continue
        elif (col >= width and not in_tag and _CJK.match(ch) and i and _CJK.match(source[i - 1])):
            out.append("\r\n")
            col = 0
        out.append(ch)
        col += 1
    return "".join(out)


def word_page(r: Report, rng: random.Random) -> tuple[str, tuple[Block, ...]]:
    """The whole Word page (as text; the caller encodes it in GBK) and its expected blocks."""
    expected = expected_layout(r)
    body = ["<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>",
            "<div class=WordSection1 style='layout-grid:15.6pt'>"]
    for i, b in enumerate(expected):
        if isinstance(b, Table):
            body.append(table(b, rng))
            body.append("<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>")
        elif isinstance(b, Paragraph):
            style = "text-align:center" if i == 0 else \
                "text-align:right" if i >= len(expected) - 2 else "text-indent:32.0pt"
            body.append(paragraph(b.text, rng, style))
    body.append("</div>\n</body>\n</html>\n")
    n = sum(len(b.text) for b in expected if isinstance(b, Paragraph))
    return HEAD.format(title=esc(r.title), n=n) + wrap("\n\n".join(body)), expected
