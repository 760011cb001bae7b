"""sections: the narrative, one section per top-level heading in sequence, table lines left out."""

from __future__ import annotations

import pytest

from pipeline.recover.lines import Line, raw_rows
from pipeline.recover.sections import is_heading, narrative, split_sections, table_line_ranges


def para(text: str) -> Line:
    return Line((text,), 0, None, False)


def row(*cells: str) -> Line:
    return Line(tuple(cells), 0, None, True)


@pytest.mark.parametrize(("text", "heading"), [
    ("一、总体情况", True),
    ("一.总体情况", True),
    ("一 、 总体情况", True),
    ("  四、结转下年度继续办理", True),  # shaped like one: only the table ranges tell
    ("十二、其他", True),
    ("一、" + "字" * 39, True),
    ("一、" + "字" * 40, False),  # too long for a heading
    ("一、总体情况。", False),  # a sentence
    ("一、总体情况；", False),
    ("一、", False),
    ("1.总体情况", False),
    ("（一）予以公开", False),
])
def test_is_heading(text: str, heading: bool) -> None:
    assert is_heading(text) is heading


def test_headings_must_continue_the_sequence() -> None:
    assert split_sections(["前言", "一、总体情况", "正文1", "正文2", "三、跳过", "二、主动公开政府信息情况",
                           "x", "二、重复", "三、收到和处理政府信息公开申请情况", "十、十"]) == [
        (None, "前言"),
        ("一、总体情况", "正文1\n正文2\n三、跳过"),
        ("二、主动公开政府信息情况", "x\n二、重复"),
        ("三、收到和处理政府信息公开申请情况", "十、十"),
    ]


def test_sections_up_to_twelve_and_nothing_before_the_first_heading() -> None:
    numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
    got = split_sections([f"{n}、第{i}节" for i, n in enumerate(numerals, 1)])
    assert [h for h, _ in got] == [f"{n}、第{i}节" for i, n in enumerate(numerals, 1)]
    assert all(body == "" for _, body in got)


def test_no_paragraphs_no_sections() -> None:
    assert split_sections([]) == []


# -- narrative -----------------------------------------------------------------------------

LINES = [
    para("某某区人民政府2021年政府信息公开工作年度报告"),  # 0
    para("一、总体情况"),  # 1
    para("本年度共主动公开信息26条。"),  # 2
    para("二、主动公开政府信息情况"),  # 3
    para("信息内容"),  # 4: a header line of the table, as a paragraph
    para("规章"),  # 5: a table row printed one cell per line
    para("0"),
    para("1"),
    para("2"),  # 8
    para("三、收到和处理政府信息公开申请情况"),  # 9
    para("四、结转下年度继续办理"),  # 10: a row of the request table, not a heading
    para("0"),  # 11
    para("四、政府信息公开行政复议、行政诉讼情况"),  # 12
    row("行政复议", "1"),  # 13: a table row
    para("五、存在的主要问题及改进情况"),  # 14
    para("无。"),  # 15
]
MATCHED = [5, 10]  # stream lines of the rows matched to the template: 规章, 结转下年度继续办理


def test_table_ranges_take_header_lines_but_never_a_section_heading() -> None:
    rows = raw_rows(LINES)
    assert table_line_ranges(rows, MATCHED) == [(4, 8), (10, 11)]
    assert table_line_ranges(rows, [7]) == []  # not the start of a raw row


def test_narrative_leaves_the_tables_out() -> None:
    assert narrative(LINES, raw_rows(LINES), MATCHED) == [
        (None, "某某区人民政府2021年政府信息公开工作年度报告"),
        ("一、总体情况", "本年度共主动公开信息26条。"),
        ("二、主动公开政府信息情况", ""),
        ("三、收到和处理政府信息公开申请情况", ""),
        ("四、政府信息公开行政复议、行政诉讼情况", ""),  # the table row (in_table) is left out
        ("五、存在的主要问题及改进情况", "无。"),
    ]


def test_without_matched_tables_a_row_shaped_like_a_heading_takes_its_number() -> None:
    sections = narrative(LINES, raw_rows(LINES), [])
    assert [h for h, _ in sections] == [None, "一、总体情况", "二、主动公开政府信息情况",
                                        "三、收到和处理政府信息公开申请情况", "四、结转下年度继续办理",
                                        "五、存在的主要问题及改进情况"]
    assert dict(sections)["四、结转下年度继续办理"] == "0\n四、政府信息公开行政复议、行政诉讼情况"
    assert dict(sections)["二、主动公开政府信息情况"] == "信息内容\n规章\n0\n1\n2"
