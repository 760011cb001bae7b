"""lines: Document → Line stream → RawRow, on literal documents and lines."""

from __future__ import annotations

from extractors import Cell, Document, Paragraph, Table
from pipeline.recover.lines import Line, RawRow, document_lines, label_forms, raw_rows
from pipeline.recover.settings import SETTINGS


def line(*cells: str, table: bool = True, grid: bool = False, page: int | None = None,
         xs: tuple[float | None, ...] = ()) -> Line:
    return Line(tuple(cells), 0, page, table, xs, grid)


# -- document_lines ------------------------------------------------------------------------

def test_paragraphs_and_table_rows_become_lines_in_reading_order() -> None:
    doc = Document(format="text", blocks=(
        Paragraph(" 一、总体情况 ", page=1),
        Paragraph("   "),  # blank paragraph: no line
        Table(cells=(Cell(0, 0, "规章"), Cell(0, 1, " 0 ", x=10.0), Cell(0, 2, "1", x=20.0),
                     Cell(1, 0, ""), Cell(1, 1, "")), page=2, flattened=True),
        Table(cells=(Cell(0, 0, "行 政\n许可"), Cell(0, 1, "5")), page=3),
    ))
    assert document_lines(doc) == [
        Line(("一、总体情况",), 0, 1, False),
        Line(("规章", "0", "1"), 2, 2, True, (None, 10.0, 20.0), False),
        Line(("", ""), 2, 2, True, (None, None), False),  # an all-empty row is kept (blank cells)
        Line(("行 政 许可", "5"), 3, 3, True, (None, None), True),  # whitespace runs → one space
    ]


def test_flattened_table_is_not_a_grid_and_a_real_one_is() -> None:
    flat = Table(cells=(Cell(0, 0, "规章"), Cell(0, 1, "0")), flattened=True)
    real = Table(cells=(Cell(0, 0, "规章"), Cell(0, 1, "0")))
    lines = document_lines(Document(format="x", blocks=(flat, real)))
    assert [(ln.in_table, ln.grid) for ln in lines] == [(True, False), (True, True)]


def test_row_pages_give_each_row_its_page_and_the_table_page_is_the_fallback() -> None:
    table = Table(cells=(Cell(0, 0, "a"), Cell(1, 0, "b"), Cell(2, 0, "c")), page=3, row_pages=(3, 4))
    lines = document_lines(Document(format="pdf", blocks=(table,)))
    assert [ln.page for ln in lines] == [3, 4, 3]


def test_merged_cell_appears_only_in_the_row_it_starts_in() -> None:
    table = Table(cells=(Cell(0, 0, "（三）不予公开", row_span=2), Cell(0, 1, "1.属于国家秘密"),
                         Cell(0, 2, "0"), Cell(1, 1, "2.其他法律行政法规禁止公开"), Cell(1, 2, "1")))
    lines = document_lines(Document(format="html", blocks=(table,)))
    assert [ln.cells for ln in lines] == [("（三）不予公开", "1.属于国家秘密", "0"),
                                          ("2.其他法律行政法规禁止公开", "1")]


# -- raw_rows ------------------------------------------------------------------------------

def test_label_row_keeps_its_own_values_with_empties_and_their_positions() -> None:
    rows = raw_rows([line("4.保护第三方合法权益", "", "0", "1", "", xs=(5.0, None, 30.0, 40.0, None),
                          page=7, grid=True)])
    assert len(rows) == 1
    r = rows[0]
    assert (r.labels, r.own, r.own_x) == (["4.保护第三方合法权益"], ["", "0", "1", ""], [None, 30.0, 40.0, None])
    assert (r.line, r.end, r.page, r.grid, r.n_values) == (0, 0, 7, True, 2)


def test_values_between_two_label_cells_are_dropped_own_values_follow_the_last_label() -> None:
    (r,) = raw_rows([line("（三）不予公开", "1.属于国家秘密", "2", "3")])
    assert r.labels == ["（三）不予公开", "1.属于国家秘密"]
    assert r.own == ["2", "3"]


def test_value_only_lines_after_a_label_row_are_its_extra_line_by_line() -> None:
    rows = raw_rows([
        line("一、本年新收政府信息公开申请数量"),
        line("", "4"),
        line("5"),
        line("6", "7"),
        line("二、上年结转政府信息公开申请数量", "0"),
    ])
    assert [r.labels for r in rows] == [["一、本年新收政府信息公开申请数量"], ["二、上年结转政府信息公开申请数量"]]
    first = rows[0]
    assert first.own == []
    assert first.extra == ["", "4", "5", "6", "7"]  # the empty cell keeps its position
    assert first.extra_lines == [["", "4"], ["5"], ["6", "7"]]
    assert (first.line, first.end, first.n_values) == (0, 3, 4)
    assert (rows[1].line, rows[1].end) == (4, 4)


def test_bare_number_paragraph_between_table_rows_is_not_a_cell() -> None:
    rows = raw_rows([
        line("规章", "0", "1", "2"),
        line("12", table=False),  # a page number printed between the table's rows
        line("行政规范性文件", "3", "4", "5"),
    ])
    assert [(r.own, r.extra, r.end) for r in rows] == [(["0", "1", "2"], [], 0), (["3", "4", "5"], [], 2)]


def test_number_paragraphs_after_a_label_paragraph_are_its_values() -> None:
    rows = raw_rows([line("行政许可", table=False), line("12", table=False), line("3", table=False)])
    assert len(rows) == 1
    assert (rows[0].extra, rows[0].extra_lines, rows[0].n_values) == (["12", "3"], [["12"], ["3"]], 2)


def test_values_before_any_label_open_a_row_without_labels() -> None:
    rows = raw_rows([line("", ""), line("1", "2", xs=(1.0, 2.0)), line("规章", "0")])
    assert [(r.labels, r.own, r.own_x, r.line) for r in rows] == [
        ([], ["1", "2"], [1.0, 2.0], 1), (["规章"], ["0"], [], 2)]


def test_label_only_rows_become_context_of_the_next_row() -> None:
    rows = raw_rows([
        line("三、收到和处理政府信息公开申请情况", table=False),
        line("申请人情况"),
        line("自然人", "法人或其他组织"),
        line("一、本年新收政府信息公开申请数量", "1", "2"),
        line("二、上年结转政府信息公开申请数量", "3"),
    ])
    assert rows[3].context == ["三、收到和处理政府信息公开申请情况", "申请人情况", "自然人法人或其他组织"]
    assert rows[4].context == []  # the row before it holds values
    assert rows[2].context == ["三、收到和处理政府信息公开申请情况", "申请人情况"]


def test_context_keeps_at_most_context_rows_labels_the_nearest_ones() -> None:
    n = SETTINGS.context_rows + 3
    rows = raw_rows([line(f"表头{i}") for i in range(n)] + [line("规章", "0")])
    assert rows[-1].context == [f"表头{i}" for i in range(3, n)]


def test_follow_is_a_single_label_only_row_right_after() -> None:
    rows = raw_rows([
        line("2.其他法律行政法规禁止", "0"),
        line("公开"),  # a wrapped label's tail
        line("3.危及“三安全一稳定”", "0"),
        line("a", "b"),  # two labels: not a tail
    ])
    assert rows[0].follow == "公开"
    assert rows[2].follow == ""
    assert "其他法律行政法规禁止公开" in rows[0].forms


def test_forms_are_set_once_the_stream_is_read() -> None:
    rows = raw_rows([line("（三）不予公开"), line("1.属于国家秘密", "0")])
    assert rows[1].forms == ("属于国家秘密", "不予公开属于国家秘密")
    assert rows[0].forms == ("不予公开",)


# -- label_forms ---------------------------------------------------------------------------

def test_label_forms_split_a_group_label_and_item_printed_in_one_cell() -> None:
    assert label_forms(RawRow(0, ["三、本年度办理结果 （一）予以公开"], [])) == ["予以公开", "本年度办理结果予以公开"]
    assert label_forms(RawRow(0, ["（三）不予公开 1.属于国家秘密"], [])) == ["属于国家秘密", "不予公开属于国家秘密"]


def test_label_forms_do_not_split_inside_a_decimal() -> None:
    assert label_forms(RawRow(0, ["收费 3.5万元"], [])) == ["收费35万元"]


def test_label_forms_of_several_parts_with_context_and_tail() -> None:
    row = RawRow(0, ["a", "b", "c"], [], context=["x", "y", "z"], follow="w")
    assert label_forms(row) == ["c", "abc", "bc", "zc", "zabc", "yzabc", "abcw"]


def test_label_forms_with_group_context() -> None:
    row = RawRow(0, ["4.保护第三方合法权益"], [], context=["三、本年度办理结果", "（三）不予公开"])
    assert label_forms(row) == ["保护第三方合法权益", "不予公开保护第三方合法权益",
                                "本年度办理结果不予公开保护第三方合法权益"]


def test_label_forms_drop_parts_that_are_only_an_enumerator() -> None:
    assert label_forms(RawRow(0, ["（一）", "予以", "公开"], [])) == ["公开", "予以公开"]
    assert label_forms(RawRow(0, [], ["1"])) == []


def test_an_item_title_is_never_split_at_its_enumerator() -> None:
    """`第二十条第（六）项` stays whole: its tail `项` with a blank row above passed for 行政许可 (sweep)."""
    from pipeline.recover.lines import _parts

    assert _parts(["第二十条第（六）项"]) == ["第二十条第六项"]
    assert _parts(["三、本年度办理结果 （一）予以公开"]) == ["本年度办理结果", "予以公开"]
