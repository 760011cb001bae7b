"""HTML extractor: every fixture block for block and cell for cell, encodings, grids, body, hostile input."""

from __future__ import annotations

import codecs
import csv
import importlib.util
import time
from pathlib import Path
from types import ModuleType

import pytest

import extractors
import pipeline
from conftest import FIXTURES, cell_differences, facts_by_key, read_truth
from extractors import html
from extractors.document import Cell, Document, Paragraph, Table
from extractors.errors import EmptyFile, ExtractionError, UnsafeFile
from extractors.html_encoding import decode_html

HTML = FIXTURES / "html"
NAMES = sorted(p.name.removesuffix(".html") for p in HTML.glob("*.html"))
STYLES = ("cms", "word", "flat-p", "flat-br", "cells", "pre", "split", "undeclared-gbk",
          "lying-charset")


def golden_rows(name: str) -> list[dict[str, str]]:
    """The blocks golden of a fixture, as written by make_fixtures.py."""
    with open(HTML / f"{name}.blocks.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _load_generator() -> ModuleType:
    """tests/fixtures/html/make_fixtures.py as a module (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location("html_make_fixtures", HTML / "make_fixtures.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GENERATOR = _load_generator()


def doc_rows(doc: Document) -> list[dict[str, str]]:
    """An extracted Document in the golden's row form (the generator's own serialisation)."""
    rows: list[dict[str, str]] = GENERATOR.block_rows(doc.blocks)
    return rows


def page(tmp_path: Path, body: str, name: str = "page.html", encoding: str = "utf-8") -> Path:
    """Write a small HTML page around `body` and return its path."""
    path = tmp_path / name
    path.write_bytes(f"<html><head><title>t</title></head><body>{body}</body></html>".encode(encoding))
    return path


def only_table(doc: Document) -> Table:
    """The single table of a document."""
    assert len(doc.tables) == 1, doc.blocks
    return doc.tables[0]


# --- fixtures: the Document, then the pipeline, cell by cell -------------------------------


def test_fixture_set_is_complete() -> None:
    assert NAMES == sorted(f"{fmt}-{style}" for fmt in ("2019", "2021") for style in STYLES)
    for name in NAMES:
        assert (HTML / f"{name}.truth.csv").exists() and (HTML / f"{name}.blocks.csv").exists()


@pytest.mark.parametrize("name", NAMES)
def test_fixture_document_matches_golden(name: str) -> None:
    path = HTML / f"{name}.html"
    assert extractors.sniff(path) == "html"
    doc = html.extract(path)
    assert doc.format == "html"
    assert doc_rows(doc) == golden_rows(name)
    first = golden_rows(name)[0]
    assert first["kind"] == "p" and doc.title == first["text"]  # the report title, no site name
    lying = name.endswith("lying-charset")
    assert [w for w in doc.warnings if "declares charset" in w] == (
        [{"2021": "page declares charset utf-8 but is gb18030",
          "2019": "page declares charset gb2312 but is utf-8"}[name[:4]]] if lying else [])


@pytest.mark.parametrize("name", NAMES)
def test_fixture_every_cell_through_pipeline(name: str) -> None:
    result = pipeline.extract_file(HTML / f"{name}.html")
    doc = result.document
    assert cell_differences(read_truth(HTML / f"{name}.truth.csv"), facts_by_key(result)) == []
    assert (doc["status"], doc["error"], doc["format"]) == ("ok", None, "html")
    assert doc["report_format"] == name[:4]
    title = golden_rows(name)[0]["text"]
    assert doc["title"] == title and title.startswith(doc["agency"])
    assert f"{doc['year']}年" in title
    assert doc["n_check_failures"] == 0


def test_sections_of_a_cms_page_are_the_report_headings() -> None:
    result = pipeline.extract_file(HTML / "2021-cms.html")
    headings = [h for h in result.sections["heading"] if isinstance(h, str)]
    assert headings == ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                        "六、其他需要报告的事项"]


def test_cms_chrome_is_left_out() -> None:
    text = "\n".join(b.text for b in html.extract(HTML / "2021-cms.html").paragraphs)
    for junk in ("当前位置", "首页", "发布时间", "分享到", "打印本页", "上一篇", "相关链接", "版权所有",
                 "栏目", "手机版导航", "广告", "搜索"):
        assert junk not in text


def test_split_application_table_comes_as_two_tables() -> None:
    tables = html.extract(HTML / "2021-split.html").tables
    assert [(t.n_rows, t.n_cols) for t in tables] == [(14, 4), (3, 10), (25, 10), (4, 15)]
    assert tables[1].row_texts()[0][1] == "申请人情况"
    assert tables[2].row_texts()[0][0] == "一、本年新收政府信息公开申请数量"
    # 2019: cut inside 三、本年度办理结果, whose merged cell continues empty below the cut
    top, bottom = html.extract(HTML / "2019-split.html").tables[1:3]
    assert top.n_rows + bottom.n_rows == 26
    group = next(c for c in top.cells if c.text == "三、本年度办理结果")
    assert group.row + group.row_span == top.n_rows == 12
    assert min(bottom.cells, key=lambda c: (c.row, c.col)) == Cell(0, 0, "", 13, 1)


def test_layout_tables_are_walked_into_not_read_as_data() -> None:
    doc = html.extract(HTML / "2019-cms.html")  # 1000px layout table > content table > report
    assert [(t.n_rows, t.n_cols) for t in doc.tables] == [(18, 4), (26, 10), (4, 15)]


# --- sniffing ----------------------------------------------------------------------------


@pytest.mark.parametrize("head", [
    b"<!DOCTYPE html><html>", b"\xef\xbb\xbf  \n<html lang=zh>", b"<!-- saved from url=(0040)http://x -->\n<HTML>",
    b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN">',
    b"<table border=1><tr><td>x</td></tr></table>", b"<meta charset=gbk><p>\xd5\xfe</p>",
    codecs.BOM_UTF16_LE + "<html><body>政府</body></html>".encode("utf-16-le"),
    "<html><body>政府</body></html>".encode("utf-16-le"),
])
def test_sniff_accepts_html(head: bytes) -> None:
    assert html.sniff(head, Path("x.txt"))


@pytest.mark.parametrize("head", [
    "华龙区2021年政府信息公开工作年度报告\n一、总体情况\n".encode("gb18030"),
    ("x" * 2000 + "<table>").encode(), b"<div>no document markup</div>",
    b"PK\x03\x04<html>\x00",
])
def test_sniff_rejects_other_content(head: bytes) -> None:
    assert not html.sniff(head, Path("x.html"))


def test_registry_sends_text_fixtures_to_text_and_html_to_html() -> None:
    for path in sorted((FIXTURES / "text").glob("*.txt")):
        assert extractors.sniff(path) == "text", path


# --- encodings ---------------------------------------------------------------------------


REPORT = "<p>华龙区岳村镇人民政府2021年政府信息公开工作年度报告</p><table><tr><td>规章</td><td>0</td></tr></table>"


@pytest.mark.parametrize("encoding,meta,used,warning", [
    ("utf-8", "", "utf-8", None),
    ("utf-8-sig", '<meta charset="gbk">', "utf-8", "page declares charset gbk but is utf-8"),
    ("gbk", "", "gb18030", None),
    ("gb2312", '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "gb18030", None),
    ("gbk", '<meta charset="utf-8">', "gb18030", "page declares charset utf-8 but is gb18030"),
    ("gbk", '<meta charset="iso-8859-1">', "gb18030", "page declares charset iso8859-1 but is gb18030"),
    ("utf-8", '<meta charset="gb2312">', "utf-8", "page declares charset gb2312 but is utf-8"),
    ("utf-16", "", "utf-16-le", None),
])
def test_encodings_never_give_mojibake(tmp_path: Path, encoding: str, meta: str, used: str,
                                       warning: str | None) -> None:
    data = f"<html><head>{meta}</head><body>{REPORT}</body></html>".encode(encoding)
    assert decode_html(data).encoding == used
    path = tmp_path / "p.html"
    path.write_bytes(data)
    doc = html.extract(path)
    assert doc.blocks[0] == Paragraph("华龙区岳村镇人民政府2021年政府信息公开工作年度报告")
    assert only_table(doc).row_texts() == [["规章", "0"]]
    assert list(doc.warnings) == ([warning] if warning else [])


@pytest.mark.parametrize("encoding,used", [("utf-8", "utf-8"), ("gbk", "gb18030")])
def test_a_stray_byte_is_replaced_not_turned_into_mojibake(tmp_path: Path, encoding: str,
                                                           used: str) -> None:
    data = (HTML / "2021-cms.html").read_bytes().decode("utf-8").encode(encoding, "xmlcharrefreplace")
    cut = data.index("一、总体情况".encode(encoding))
    path = tmp_path / "stray.html"
    path.write_bytes(data[:cut] + b"\xff" + data[cut:])
    doc = html.extract(path)
    assert doc.warnings[-1] == f"1 undecodable byte sequence(s) replaced (read as {used})"
    assert Paragraph("\ufffd一、总体情况") in doc.blocks
    assert doc.tables == html.extract(HTML / "2021-cms.html").tables


@pytest.mark.parametrize("text", ["<p>政府信息公开</p>", "<html><body><p>无</p></body></html>"])
def test_short_undeclared_gbk_page_is_gbk(text: str) -> None:
    """Too short for a statistical guess: bs4's UnicodeDammit and charset-normalizer read these as cp949 or big5."""
    decoded = decode_html(text.encode("gbk"))
    assert (decoded.text, decoded.encoding) == (text, "gb18030")


def test_declared_big5_is_honoured_when_the_bytes_agree() -> None:
    data = '<meta charset="big5"><p>政府資訊公開</p>'.encode("big5")
    assert decode_html(data).text.endswith("政府資訊公開</p>")


# --- table grids -------------------------------------------------------------------------


def test_spans_give_positions_each_merged_cell_once(tmp_path: Path) -> None:
    table = only_table(html.extract(page(tmp_path, """<table>
      <tr><th rowspan="2" colspan="2">项目</th><th colspan=3>申请人情况</th></tr>
      <tr><th>自然人</th><th colspan="2px">法人</th></tr>
      <tr><td rowspan=2>三、</td><td>予以公开</td><td>1</td><td>2</td><td>3</td></tr>
      <tr><td>部分公开</td><td>4</td><td>5</td><td>6</td></tr></table>""")))
    assert set(table.cells) == {
        Cell(0, 0, "项目", 2, 2), Cell(0, 2, "申请人情况", 1, 3), Cell(1, 2, "自然人"),
        Cell(1, 3, "法人", 1, 2), Cell(2, 0, "三、", 2, 1), Cell(2, 1, "予以公开"), Cell(2, 2, "1"),
        Cell(2, 3, "2"), Cell(2, 4, "3"), Cell(3, 1, "部分公开"), Cell(3, 2, "4"), Cell(3, 3, "5"),
        Cell(3, 4, "6")}
    assert table.row_texts()[3] == ["部分公开", "4", "5", "6"]


def test_row_groups_render_head_body_foot_in_that_order(tmp_path: Path) -> None:
    table = only_table(html.extract(page(tmp_path, """<table>
      <tfoot><tr><td>合计</td><td>9</td></tr></tfoot>
      <tbody><tr><td rowspan=0>甲</td><td>1</td></tr><tr><td>2</td></tr></tbody>
      <thead><tr><th>类别</th><th>数量</th></tr></thead>
      <tr><td>乙</td><td>3</td></tr></table>""")))
    assert table.row_texts() == [["类别", "数量"], ["甲", "1"], ["2"], ["乙", "3"], ["合计", "9"]]
    assert Cell(1, 0, "甲", 2, 1) in table.cells  # rowspan=0: to the end of its row group


def test_cell_content_markup_and_spaces(tmp_path: Path) -> None:
    table = only_table(html.extract(page(tmp_path, """<table><tr>
      <td><p>（本列数据的勾稽关系为：第一项加第二项之和，</p><p>等于第三项加第四项之和）</p></td>
      <td><font face="宋体"><span>规</span><span>章</span></font></td>
      <td>&nbsp;12&nbsp;</td><td>\u3000\u30003\u3000</td><td><p><o:p>&nbsp;</o:p></p></td>
      <td>1.属于<br>国家秘密</td><td>Line one<br/>line two</td><td></td></tr></table>""")))
    assert table.row_texts() == [[
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "规章", "12", "3", "",
        "1.属于国家秘密", "Line one line two", ""]]


def test_hostile_spans_are_clamped(tmp_path: Path) -> None:
    start = time.perf_counter()
    table = only_table(html.extract(page(tmp_path, """<table>
      <tr><td rowspan="65534" colspan="100000">x</td><td>a</td></tr><tr><td>b</td></tr></table>""")))
    assert time.perf_counter() - start < 2
    assert set(table.cells) == {Cell(0, 0, "x", 2, 1000), Cell(0, 1000, "a"), Cell(1, 1000, "b")}


def test_word_trailing_blank_row_is_dropped_but_inner_blank_cells_kept(tmp_path: Path) -> None:
    table = only_table(html.extract(page(tmp_path, """<table>
      <tr><td>规章</td><td></td><td>0</td></tr><tr><td></td><td>&nbsp;</td><td></td></tr>
      <tr><td>1</td><td>2</td><td>3</td></tr>
      <![if !supportMisalignedColumns]><tr height=0><td width=59></td><td></td><td></td></tr>
      <![endif]></table>""")))
    assert table.row_texts() == [["规章", "", "0"], ["", "", ""], ["1", "2", "3"]]


def test_nested_layout_tables_are_recursed(tmp_path: Path) -> None:
    doc = html.extract(page(tmp_path, """<table width=1000><tr><td>
      <p>一、总体情况</p><table><tr><td><table border=1><tr><td>规章</td><td>0</td></tr>
      <tr><td>规范性文件</td><td>2</td></tr></table></td></tr></table>
      <table><tr><td><p>五、存在的主要问题及改进情况</p></td></tr></table></td></tr></table>"""))
    assert doc.blocks == (Paragraph("一、总体情况"),
                          Table((Cell(0, 0, "规章"), Cell(0, 1, "0"), Cell(1, 0, "规范性文件"),
                                 Cell(1, 1, "2"))),
                          Paragraph("五、存在的主要问题及改进情况"))


# --- Word and WPS markup, flattened tables -----------------------------------------------


def test_word_markup(tmp_path: Path) -> None:
    doc = html.extract(page(tmp_path, """<div class=WordSection1>
      <!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>秘书</o:Author></o:DocumentProperties>
      </xml><![endif]-->
      <p class=MsoNormal><![if !supportLists]><span style='mso-list:Ignore'>1.<span
      style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]><span>主动公开政府信
      息</span><span lang=EN-US>26</span>条<o:p></o:p></p>
      <p class=MsoNormal>规章<span style='mso-tab-count:2'>&nbsp;&nbsp;&nbsp; </span>0<span
      style='mso-tab-count:1'> </span>3<o:p></o:p></p>
      <p class=MsoNormal style='display:none;mso-hide:all'>隐藏文字</p></div>""", encoding="gbk"))
    assert doc.blocks == (Paragraph("1.主动公开政府信息26条"),
                          Table((Cell(0, 0, "规章"), Cell(0, 1, "0"), Cell(0, 2, "3")), flattened=True))


@pytest.mark.parametrize("body,rows", [
    ("<p>规章&nbsp;&nbsp;&nbsp;0&nbsp; &nbsp;1</p><p>行政许可　5</p>", [["规章", "0", "1"], ["行政许可", "5"]]),
    ("<p>| 规章 | 0 | 1 |<br>| 行政许可 | 5 | |</p>", [["规章", "0", "1"], ["行政许可", "5", ""]]),
    ("<div>规章\t0\t1<br>\t行政许可\t5</div>", [["规章", "0", "1"], ["", "行政许可", "5"]]),
    ("<pre>规章    0    1\n行政许可    5</pre>", [["规章", "0", "1"], ["行政许可", "5"]]),
])
def test_flattened_rows_become_lines_of_cells(tmp_path: Path, body: str, rows: list[list[str]]) -> None:
    doc = html.extract(page(tmp_path, f"<p>一、总体情况</p>{body}"))
    assert doc.blocks[0] == Paragraph("一、总体情况")
    assert only_table(doc).row_texts() == rows


def test_source_line_breaks_inside_chinese_text_vanish(tmp_path: Path) -> None:
    doc = html.extract(page(tmp_path, "<p>\n  依申请公开工作依法\r\n规范开展。2021\nyear</p>"))
    assert doc.blocks == (Paragraph("依申请公开工作依法规范开展。2021 year"),)


# --- bad and hostile input ---------------------------------------------------------------


def test_too_large_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    with open(path, "wb") as fh:
        fh.write(b"<html><body>")
        fh.truncate(html.MAX_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(UnsafeFile, match=r"^HTML file too large: 33554433 bytes \(limit 33554432\)$"):
        html.extract(path)


def test_deep_nesting_is_refused_not_a_crash(tmp_path: Path) -> None:
    path = page(tmp_path, "<div>" * 5000 + "x" + "</div>" * 5000)
    with pytest.raises(UnsafeFile, match=r"^HTML nested deeper than 2048 levels$"):
        html.extract(path)


def test_thousands_of_unclosed_inline_tags_leave_the_page_readable(tmp_path: Path) -> None:
    """Old Word pages leave <font> open by the thousand (past libxml2's 2048 levels): what
    they style is read, the table after them too."""
    doc = html.extract(page(tmp_path, "<p>前言</p>" + "<font size=2><span>" * 1500
                            + "<table><tr><td>规章</td><td>1</td><td>2</td><td>3</td></tr></table><p>后</p>"))
    texts = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert texts[0] == "前言" and texts[-1] == "后"
    assert [t.row_texts() for t in doc.tables] == [[["规章", "1", "2", "3"]]]


def test_deep_but_legal_markup_is_read(tmp_path: Path) -> None:
    doc = html.extract(page(tmp_path, "<p>前</p>" + "<font>字" * 1500 + "<p>后</p>"))
    assert doc.blocks[0] == Paragraph("前") and doc.blocks[-1] == Paragraph("后")
    assert doc.blocks[1] == Paragraph("字" * 1500)


@pytest.mark.parametrize("data,error,message", [
    (b"", EmptyFile, "empty file"),
    (b"  \r\n\t ", EmptyFile, "empty file"),
    (b"<html><head><script>location.href='/a.html'</script></head><body></body></html>",
     ExtractionError, "HTML page has no visible text (script, frameset or redirect page)"),
    (b'<html><frameset><frame src="a.html"></frameset></html>',
     ExtractionError, "HTML page has no visible text (script, frameset or redirect page)"),
])
def test_bad_pages_raise_clear_errors(tmp_path: Path, data: bytes, error: type[Exception],
                                      message: str) -> None:
    path = tmp_path / "bad.html"
    path.write_bytes(data)
    with pytest.raises(error) as info:
        html.extract(path)
    assert str(info.value) == message


def test_binary_garbage_inside_markup_does_not_crash(tmp_path: Path) -> None:
    path = tmp_path / "garbage.html"
    path.write_bytes(b"<html><body><p>\xe6\x94\xbf\xe5\xba\x9c</p>" + bytes(range(256)) * 40 + b"</body>")
    doc = html.extract(path)
    assert len(doc.blocks) >= 1
    assert doc.warnings and "undecodable byte sequence(s) replaced" in doc.warnings[-1]


@pytest.mark.parametrize("transfer", ["quoted-printable", "base64"])
def test_single_file_web_page_mht(tmp_path: Path, transfer: str) -> None:
    """Word's and browsers' .mht: the HTML part of a multipart/related message is the page."""
    from email import charset as email_charset
    from email.mime.image import MIMEImage
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    page_bytes = (HTML / "2021-word.html").read_bytes()
    archive = MIMEMultipart("related", type="text/html")
    archive.preamble = "This document is a Single File Web Page, also known as a Web Archive file."
    cs = email_charset.Charset("gb2312")
    cs.body_encoding = email_charset.QP if transfer == "quoted-printable" else email_charset.BASE64
    archive.attach(MIMEText(page_bytes.decode("gbk"), "html", cs))  # type: ignore[arg-type]
    archive.attach(MIMEImage(b"\x89PNG\r\n\x1a\n" + bytes(64), "png"))
    path = tmp_path / "report.mht"
    path.write_bytes(archive.as_bytes())
    assert f"Content-Transfer-Encoding: {transfer}".encode() in path.read_bytes()
    assert "政府信息公开".encode("gbk") not in path.read_bytes()  # really transfer-encoded
    assert extractors.sniff(path) == "html"
    assert doc_rows(html.extract(path)) == golden_rows("2021-word")


def test_absurd_number_of_cells_is_refused_quickly(tmp_path: Path) -> None:
    path = page(tmp_path, "<table>" + ("<tr>" + "<td>1</td>" * 1000 + "</tr>") * 201 + "</table>")
    start = time.perf_counter()
    with pytest.raises(UnsafeFile, match=r"^HTML has 201000 table cells \(limit 200000\)$"):
        html.extract(path)
    assert time.perf_counter() - start < 5


def test_page_info_keeps_the_info_box_outside_the_article(tmp_path: Path) -> None:
    page = ("<html><head><meta name='ContentSource' content='示例县统计局'></head><body>"
            "<div class='info-box'><ul><li><span>索引号：</span>1234/2024-01</li>"
            "<li><span>发布机构：</span>示例县统计局</li></ul></div>"
            "<article><h2>2023年政府信息公开工作年度报告</h2>" + "<p>一、总体情况。本年度……</p>" * 20
            + "</article><div class='footer'>地址：示例路1号，联系电话：0000</div></body></html>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    doc = html.extract(path)
    assert doc.page_info[:3] == ("ContentSource：示例县统计局", "索引号：1234/2024-01", "发布机构：示例县统计局")
    assert not any("发布机构" in b.text for b in doc.paragraphs)  # the article alone is the body
