"""The plain-text extractor: encodings, flattened-table cells, page furniture."""

from __future__ import annotations

from pathlib import Path

import pytest

import extractors
from extractors.cells import split_cells
from extractors.document import Paragraph, Table
from extractors.errors import EmptyFile
from extractors.text import is_furniture

TEXT = "华龙区岳村镇人民政府2021年政府信息公开工作年度报告\n规章\t0\t1\t2\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be",
                                      "gb18030", "gbk"])
def test_every_encoding_reads_without_mojibake(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "report.bin"
    path.write_bytes(TEXT.encode(encoding))
    doc = extractors.extract(path)
    assert doc.format == "text" and not doc.warnings
    assert doc.blocks[0] == Paragraph("华龙区岳村镇人民政府2021年政府信息公开工作年度报告")
    assert isinstance(doc.blocks[1], Table)
    assert doc.blocks[1].row_texts() == [["规章", "0", "1", "2"]]


def test_stray_byte_is_replaced_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes("政府信息公开工作年度报告\n".encode("gb18030") + b"\x81\x20" + "规章\n".encode("gb18030"))
    doc = extractors.extract(path)
    assert doc.warnings == ("undecodable bytes replaced (read as GB18030)",)
    assert doc.blocks[0] == Paragraph("政府信息公开工作年度报告")


def test_whitespace_only_file_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(b"  \n\n \t\n")
    with pytest.raises(EmptyFile, match="^empty file$"):
        extractors.sniff(path)


@pytest.mark.parametrize("line,cells", [
    ("规章\t0\t\t3\t", ["规章", "0", "", "3", ""]),
    ("| 规章 | 0 | 1 | 2 |", ["规章", "0", "1", "2"]),
    ("行政规范性文件    0   5    5", ["行政规范性文件", "0", "5", "5"]),
    ("行政许可　550", ["行政许可", "550"]),
    ("（一）予以公开 0 0 0 0 0 0 0", ["（一）予以公开"] + ["0"] * 7),
    ("1. 属于国家秘密 1 0 / — 无 0 1", ["1. 属于国家秘密", "1", "0", "/", "—", "无", "0", "1"]),
    ("10 1 0 0 0", ["10", "1", "0", "0", "0"]),
    ("(二) 部分公开", ["(二) 部分公开"]),
    ("行政事业性收费 12.5万元", ["行政事业性收费", "12.5万元"]),
    ("本年收取 1,234 件", ["本年收取 1,234 件"]),
    # a layout dump's label one space from its first value and unit (round 3: 43 read blank)
    ("其他对外管理服务 43 件             0             452 件", ["其他对外管理服务", "43 件", "0", "452 件"]),
    ("规章 |", ["规章"]),
    ("|", [""]),
    ("一、本年新收政府信息公开申请数量 | 0 | | | | | | 0 |",
     ["一、本年新收政府信息公开申请数量", "0"] + [""] * 5 + ["0"]),
    # spaced-out labels are one cell; a wider separator still parts two of them
    ("规  范  性  文  件", ["规范性文件"]),
    ("行　政　处　罚　　0", ["行政处罚", "0"]),
    ("商　业　企　业   科　研　机　构", ["商业企业", "科研机构"]),
    ("社  会  公  益  组  织   法律服务机构", ["社会公益组织", "法律服务机构"]),
    ("无  无  0", ["无", "无", "0"]),
    ("规　　章　　0", ["规章", "0"]),
    ("2.没有现成信息需要另行制作     ５      ０     6     無       無        0    11",  # 無: Traditional 无
     ["2.没有现成信息需要另行制作", "５", "０", "6", "無", "無", "0", "11"]),
    ("信息内容     本     年", ["信息内容", "本", "年"]),  # lone characters far apart: cells
])
def test_split_cells(line: str, cells: list[str]) -> None:
    assert split_cells(line) == cells


@pytest.mark.parametrize("line,furniture", [
    ("- 3 -", True), ("— 12 —", True), ("第 3 页", True), ("第3页 共5页", True), ("3 / 5", True),
    ("Page 2 of 9", True), ("3", False), ("-2", False), ("规章 0", False), ("2021年", False),
])
def test_page_furniture(line: str, furniture: bool) -> None:
    assert is_furniture(line) is furniture


def test_furniture_and_markdown_rules_never_become_rows(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("| 信息内容 | 本年制发件数 |\n|---|---|\n- 2 -\n| 规章 | 4 |\n第 3 页 共 5 页\n", "utf-8")
    (table,) = extractors.extract(path).blocks
    assert isinstance(table, Table)
    assert table.row_texts() == [["信息内容", "本年制发件数"], ["规章", "4"]]


def test_registry_order_is_pinned() -> None:
    """Binary formats first, text last: an HTML page or a DOCX must never be read as text."""
    names = [m.format for m in extractors.EXTRACTORS]
    assert names[-1] == "text"
    order = ["pdf", "docx", "doc", "rtf", "image", "html", "text"]
    present = [n for n in order if n in names]
    assert names == present


def test_binary_that_decodes_as_utf16_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(b"\x00\x01\x02\x03" * 64)
    with pytest.raises(extractors.errors.UnsupportedFormat, match="^unsupported format: binary data$"):
        extractors.sniff(path)


def test_huge_text_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    with open(path, "wb") as fh:
        fh.write("规章\t0\t0\t0\n".encode() * 700_000)
    with pytest.raises(extractors.errors.ExtractionError, match=r"^text file too large: \d+ bytes \(limit 8388608\)$"):
        extractors.extract(path)


@pytest.mark.parametrize("sep", ["\u2003", "\u2002\u2002", "\u3000", "\u202f", "\u2009\u2009", "\u00a0\u00a0",
                                 "&nbsp;&nbsp;", "&emsp;", "  ", "\t"])
def test_every_separator_real_dumps_use_splits_cells(sep: str) -> None:
    assert split_cells(sep.join(["（一）予以公开", "3", "0", "1"])) == ["（一）予以公开", "3", "0", "1"]


def test_a_single_no_break_space_still_parts_a_label_from_its_values() -> None:
    assert split_cells("行政许可&nbsp;12&nbsp;0") == ["行政许可", "12", "0"]


def test_pipes_alone_between_cells_keep_empty_cells_where_they_were() -> None:
    """`行政处罚 / | / (empty) / | / 0 / | / 5`: the empty line after a pipe is the blank cell."""
    from extractors.text import lines_to_blocks

    lines = ["行政许可", "|", "38", "|", "0", "|", "3", "行政处罚", "|", "", "|", "0", "|", "5"]
    texts = [b.text if isinstance(b, Paragraph) else b.row_texts() for b in lines_to_blocks(lines)]
    assert texts == ["行政许可", "38", "0", "3", "行政处罚", [[""]], "0", "5"]


def test_a_page_number_between_rows_of_pipe_lines_is_no_cell() -> None:
    """`… / | / 5 / 8 / 8.属于行政查询事项`: the 8 is parted from both rows by no pipe."""
    from extractors.text import lines_to_blocks

    lines = ["7.属于行政执法案卷", "|", "5", "|", "0", "|", "5", "8", "8.属于行政查询事项", "|", "2",
             "|", "0", "|", "2"]
    texts = [b.text if isinstance(b, Paragraph) else b.row_texts() for b in lines_to_blocks(lines)]
    assert "8" not in texts
    assert texts == ["7.属于行政执法案卷", "5", "0", "5", "8.属于行政查询事项", "2", "0", "2"]


def test_pipes_ending_cells_are_left_as_they_are() -> None:
    from extractors.text import pipes_between_cells

    lines = ["行政许可 |", "38 |", "|", "3 |", "|", "|"]
    assert pipes_between_cells(lines) == lines


def test_pdftotext_layout_columns_are_measured_in_characters() -> None:
    """`pdftotext -layout` gives a CJK character one column, a monospaced editor two: each
    block's centres are measured the way its columns stand in line."""
    from extractors.text import lines_to_blocks

    def at(label: str, values: list[str], starts: list[int]) -> str:
        line = label
        for value, start in zip(values, starts):
            line += " " * (start - len(line)) + value
        return line

    by_chars = [at("一、本年新收政府信息公开申请数量", ["21", "0", "21"], [40, 46, 52]),
                at("        （一）予以公开", ["0", "0", "0"], [40, 46, 52]),
                at("     1.属于国家秘密", ["1", "0", "1"], [40, 46, 52])]
    (table,) = lines_to_blocks(by_chars)
    assert isinstance(table, Table)
    assert [xs[-2:] for xs in table.row_positions()] == [[46.5, 53.0], [46.5, 52.5], [46.5, 52.5]]

    by_display = ["规章" + " " * 12 + "3   4   5", "行政规范性文件" + " " * 2 + "6   7   8"]
    (table,) = lines_to_blocks(by_display)
    assert [xs[-3:] for xs in table.row_positions()] == [[16.5, 20.5, 24.5]] * 2


def test_cells_parted_by_a_fixed_separator_have_no_positions() -> None:
    """`行政复议&nbsp;&nbsp;2…`: the values move with their labels, so their places say nothing
    of blank cells (a blank 尚未审结 read as a blank 总计 in a sweep)."""
    from extractors.text import lines_to_blocks

    lines = ["结果维持&nbsp;结果纠正&nbsp;其他结果&nbsp;尚未审结&nbsp;合计",
             "行政复议&nbsp;&nbsp;2&nbsp;&nbsp;无&nbsp;&nbsp;-&nbsp;&nbsp;2&nbsp;&nbsp;4件",
             "未经复议直接起诉&nbsp;&nbsp;0&nbsp;&nbsp;0&nbsp;&nbsp;－&nbsp;&nbsp;0",
             "复议后起诉&nbsp;&nbsp;—&nbsp;&nbsp;无&nbsp;&nbsp;-&nbsp;&nbsp;2件&nbsp;&nbsp;2"]
    (table,) = [b for b in lines_to_blocks(lines) if isinstance(b, Table)]
    assert len(table.row_texts()) == 3
    assert all(x is None for xs in table.row_positions() for x in xs)


def test_markdown_table_cells_stand_at_their_index() -> None:
    from extractors.text import lines_to_blocks

    lines = ["| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |", "|---|---|---|---|",
             "| 规章 | 0 | 1 | 2 |", "| 行政规范性文件 | 3 |  | 5 |"]
    (table,) = lines_to_blocks(lines)
    assert table.row_positions() == [[0.0, 1.0, 2.0, 3.0]] * 3


def test_prose_wrapped_at_the_margin_reads_as_paragraphs(tmp_path: Path) -> None:
    """`pdftotext` wraps prose at the page's margin: a sentence over lines is one paragraph
    (the agency in `特编制青` / `秀区卫生健康委员会 2021 年…` had been lost, round 3), while the
    table lines after it, however wide, stay rows of cells."""
    text = ("           2021 年政府信息公开工作年度报告\n"
            "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定，特编制青\n"
            "秀区卫生健康委员会 2021 年政府信息公开工作年度报告。报告中所列数据的统计\n"
            "期限自 2021 年 1 月 1 日起至 2021 年 12 月 31 日止。\n\n"
            "一、总体情况\n\n"
            "规章                                         0            0           0\n"
            "行政规范性文件                               1            0           4\n")
    path = tmp_path / "dump.txt"
    path.write_text(text, encoding="utf-8")
    doc = extractors.extract(path)
    paragraphs = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert paragraphs[1] == ("根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定，特编制"
                             "青秀区卫生健康委员会 2021 年政府信息公开工作年度报告。报告中所列数据的统计"
                             "期限自 2021 年 1 月 1 日起至 2021 年 12 月 31 日止。")
    rows = [r for b in doc.blocks if isinstance(b, Table) for r in b.row_texts()]
    assert rows == [["规章", "0", "0", "0"], ["行政规范性文件", "1", "0", "4"]]


def test_a_sentence_wrapped_after_a_number_reads_as_one_paragraph(tmp_path: Path) -> None:
    """`…特编制赣州市章贡区人民政府 2023` / `年政府信息公开工作年度报告。…`: the number ending the
    line split it into two cells; a sentence (《…》) ending in a number still runs on (round 3)."""
    text = ("           2023 年政府信息公开工作年度报告\n"
            "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定，特编制赣州市章贡区人民政府 2023\n"
            "年政府信息公开工作年度报告。报告中所列数据的统计期限自 2023 年 1 月 1 日起至 2023 年 12 月 31 日止。\n")
    path = tmp_path / "dump.txt"
    path.write_text(text, encoding="utf-8")
    paragraphs = [b.text for b in extractors.extract(path).blocks if isinstance(b, Paragraph)]
    assert "特编制赣州市章贡区人民政府 2023年政府信息公开工作年度报告。" in paragraphs[1]


def test_wide_spaces_one_per_cell_become_tabs_with_the_separator_rows_show() -> None:
    """Two U+3000 a separator (round 3, h165): a blank cell is an empty one between two, rows
    of blanks end in their separators; the page's info line, its items one U+3000 apart, says
    nothing of the table's separator and stays as it is."""
    from extractors.text_styles import wide_spaces_as_cells

    w = "\u3000"
    info = f"来源：瑞安市人民政府门户网站{w}发布时间：2024-01-21{w}浏览次数：38"
    lines = [info, f"信息内容{w * 2}本年制发件数{w * 2}本年废止件数{w * 2}现行有效件数",
             f"规章{w * 6}", f"行政规范性文件{w * 2}1{w * 2}1{w * 2}", f"行政许可{w * 2}", f"行政处罚{w * 2}3"]
    assert wide_spaces_as_cells(lines) == [
        info, "信息内容\t本年制发件数\t本年废止件数\t现行有效件数", "规章\t\t\t", "行政规范性文件\t1\t1\t",
        "行政许可\t", "行政处罚\t3"]
    spaced = [f"规章{w * 2}0{w}3", f"行政许可{w}5"]  # blanks vanished: nothing proves cells
    assert wide_spaces_as_cells(spaced) == spaced
