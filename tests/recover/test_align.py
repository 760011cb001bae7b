"""align: literal raw rows against the real 2021 template → the expected Match rows and values."""

from __future__ import annotations

import pytest

from pipeline.recover.align import align, score_matrix
from pipeline.recover.lines import Line, raw_rows
from pipeline.recover.settings import SETTINGS
from pipeline.templates import Template, load_templates

ZEROS = ("0",) * 7
# 复议: 1 upheld of 1; 直接起诉: 1 corrected of 1; 复议后起诉: 2 pending of 2
REVIEW = ("1", "0", "0", "0", "1", "0", "1", "0", "0", "1", "0", "0", "0", "2", "2")


@pytest.fixture(scope="module")
def t2021() -> Template:
    return load_templates()["2021"]


def line(*cells: str, table: bool = True, grid: bool = False) -> Line:
    return Line(tuple(cells), 0, None, table, (), grid)


def aligned(template: Template, lines: list[Line]) -> list[tuple[int, str, str, tuple[str, ...] | None]]:
    """(raw row index, table, row key, values) of every match."""
    matches, _ = align(raw_rows(lines), template)
    return [(m.raw.index, m.row.table, m.row.key, m.values) for m in matches]


def test_a_small_report_aligns_row_by_row(t2021: Template) -> None:
    lines = [
        line("二、主动公开政府信息情况", table=False),
        line("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
        line("规章", "0", "1", "2"),
        line("行政规范性文件", "3", "", "5"),
        line("行政许可", "12"),
        line("三、收到和处理政府信息公开申请情况", table=False),
        line("一、本年新收政府信息公开申请数量", "1", "0", "0", "0", "0", "0", "1"),
        line("（三）不予公开"),
        line("1.属于国家秘密", *ZEROS),
    ]
    matches, total = align(raw_rows(lines), t2021)
    assert [(m.raw.index, m.row.table, m.row.key, m.values) for m in matches] == [
        (2, "proactive_rules", "rules", ("0", "1", "2")),
        (3, "proactive_rules", "normative_docs", ("3", "", "5")),
        (4, "proactive_licensing", "licensing", ("12",)),
        (6, "applications", "new", ("1", "0", "0", "0", "0", "0", "1")),
        (8, "applications", "denied_state_secret", ZEROS),
    ]
    assert [m.score for m in matches] == [100.0] * 5
    assert total == pytest.approx(5 * 1.5)  # each a full-score match with its values placed


def test_reworded_labels_still_match(t2021: Template) -> None:
    lines = [
        line("一、本年新收到的政府信息公开申请数量", *ZEROS),  # not a declared variant: fuzzy
        line("其它法律行政法规禁止公开", *ZEROS),  # 其它 read as 其他
        line("3.危及国家安全、公共安全、经济安全和社会稳定", *ZEROS),  # variants.csv
    ]
    matches, _ = align(raw_rows(lines), t2021)
    assert [(m.row.key, m.score) for m in matches] == [
        ("new", 93.0), ("denied_law_prohibited", 100.0), ("denied_security_stability", 100.0)]


def test_clipped_label_matches_the_start_of_a_long_label_below_an_uncut_one(t2021: Template) -> None:
    matches, _ = align(raw_rows([line("1.申请人无正当理由逾期", *ZEROS)]), t2021)
    assert [(m.row.key, m.values) for m in matches] == [("other_no_correction", ZEROS)]
    assert SETTINGS.min_score <= matches[0].score <= 100.0 - SETTINGS.prefix_penalty
    # clipped harder than any variant's ratio allows, the prefix rule still finds it, with its penalty
    matches, _ = align(raw_rows([line("（五）不予处理 3.要求提供公开出", *ZEROS)]), t2021)
    assert [(m.row.key, m.values) for m in matches] == [("rejected_publication", ZEROS)]


def test_rows_out_of_order_are_not_all_matched_to_their_rows(t2021: Template) -> None:
    got = aligned(t2021, [line("二、上年结转政府信息公开申请数量", *ZEROS),
                          line("一、本年新收政府信息公开申请数量", *ZEROS)])
    assert got[0] == (0, "applications", "carried_over", ZEROS)
    assert (1, "applications", "new", ZEROS) not in got


def test_a_narrative_sentence_longer_than_max_label_never_matches(t2021: Template) -> None:
    label = "其他处理申请人逾期未按收费通知要求缴纳费用行政机关不再处理其政府信息公开申请"  # 38 characters
    pad = "本年度未发生此类情形全年共计零件各项工作均依法依规按时完成并及时向社会公开相关信息确保群众知情权得到充分保障"
    at_limit = label + pad[:SETTINGS.max_label - len(label)]
    too_long = label + pad[:SETTINGS.max_label + 1 - len(label)]
    # At the limit the sentence still scores 64 against the label (a match): one more character and it is prose.
    assert aligned(t2021, [line(at_limit, *ZEROS)]) == [(0, "applications", "other_unpaid_fee", ZEROS)]
    assert aligned(t2021, [line(too_long, *ZEROS)]) == []
    assert score_matrix(raw_rows([line(too_long, *ZEROS)]), t2021).max() == 0.0


def test_row_with_too_many_values_is_matched_without_values(t2021: Template) -> None:
    got = aligned(t2021, [line("规章", "1", "2", "3", "4")])
    assert got == [(0, "proactive_rules", "rules", None)]


# -- blank rows ----------------------------------------------------------------------------

def test_blank_row_of_a_real_grid_matches_even_with_a_loose_label(t2021: Template) -> None:
    assert aligned(t2021, [line("规章", "", "", "", grid=True)]) == [(0, "proactive_rules", "rules", ("", "", ""))]
    # 规章制度 scores 67 against 规章: enough in a grid, where every printed cell is a cell
    assert aligned(t2021, [line("规章制度", "", "", "", grid=True)]) == [
        (0, "proactive_rules", "rules", ("", "", ""))]


def test_blank_row_of_flattened_text_with_visible_cells_matches_by_label(t2021: Template) -> None:
    """Tabs or pipes show the empty cells: a reworded label is a blank row, as in a grid."""
    assert aligned(t2021, [line("规章", "", "", "")]) == [(0, "proactive_rules", "rules", ("", "", ""))]
    assert aligned(t2021, [line("规章制度", "", "", "")]) == [(0, "proactive_rules", "rules", ("", "", ""))]
    assert aligned(t2021, [line("规章制度", "", "")]) == []  # two cells shown for three columns


def test_a_review_body_in_flattened_text_needs_a_near_exact_label_to_be_blank(t2021: Template) -> None:
    """A flattened two-level header (`行政复议行政诉讼 | | …`) shows empty cells too."""
    assert aligned(t2021, [line("行政复议", "", "", "", "", "")]) == [
        (0, "review_litigation", "review", ("",) * 5)]
    assert aligned(t2021, [line("行政复议行政诉讼", "", "", "", "", "")]) == []


def test_a_label_alone_on_a_line_is_not_a_blank_row(t2021: Template) -> None:
    assert aligned(t2021, [line("行政许可"), line("规章", grid=True)]) == []


def test_labelled_review_row_of_blanks_matches_in_a_grid_whatever_the_wording(t2021: Template) -> None:
    assert aligned(t2021, [line("行政复议", "", "", "", "", "", grid=True)]) == [
        (0, "review_litigation", "review", ("",) * 5)]


# -- the review / litigation table ---------------------------------------------------------

REVIEW_HEADER = [
    line("四、政府信息公开行政复议、行政诉讼情况", table=False),
    line("行政复议", "行政诉讼"),
    line("结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"),
]


def test_wide_row_of_fifteen_values_under_its_header(t2021: Template) -> None:
    assert aligned(t2021, [*REVIEW_HEADER, line(*REVIEW)]) == [(2, "review_litigation", "wide", REVIEW)]


def test_wide_row_is_placed_even_if_a_total_is_wrong(t2021: Template) -> None:
    # the self-check only chooses between readings: a single reading is placed, `checks` reports it
    wrong = (*REVIEW[:-1], "3")
    assert aligned(t2021, [line("行政复议", "行政诉讼"), line(*wrong)]) == [(0, "review_litigation", "wide", wrong)]


def test_fifteen_values_without_a_review_header_are_not_the_wide_row(t2021: Template) -> None:
    got = aligned(t2021, [line("说明"), line(*REVIEW)])
    assert all(key != "wide" for _, _, key, _ in got)


def test_wide_row_of_blanks_only_in_a_real_grid(t2021: Template) -> None:
    blanks = ("",) * 15
    assert aligned(t2021, [line("行政复议", "行政诉讼", grid=True), line(*blanks, grid=True)]) == [
        (0, "review_litigation", "wide", blanks)]
    assert aligned(t2021, [line("行政复议", "行政诉讼"), line(*blanks)]) == []


def test_review_table_as_three_labelled_rows(t2021: Template) -> None:
    got = aligned(t2021, [line("行政复议", "1", "0", "0", "0", "1"),
                          line("行政诉讼 未经复议直接起诉", "0", "1", "0", "0", "1"),
                          line("复议后起诉", "0", "0", "0", "2", "2")])
    assert got == [(0, "review_litigation", "review", ("1", "0", "0", "0", "1")),
                   (1, "review_litigation", "litigation_direct", ("0", "1", "0", "0", "1")),
                   (2, "review_litigation", "litigation_after_review", ("0", "0", "0", "2", "2"))]


# -- the undivided （六）其他处理 row --------------------------------------------------------

def test_undivided_other_row_in_a_2021_report_is_the_sink_row(t2021: Template) -> None:
    assert aligned(t2021, [line("（六）其他处理", *ZEROS)]) == [(0, "applications", "other_undivided", None)]


def test_undivided_other_row_worded_longer_is_still_the_sink_row(t2021: Template) -> None:
    """`（六）其他处理情况` scores 80 against the sink and 67 against the leaf 3.其他: never the leaf."""
    rows = [line("5.要求行政机关确认或重新出具已获取信息", *ZEROS),
            line("（六）其他处理情况", "1", "0", "0", "0", "0", "0", "1"),
            line("（七）总计", "1", "0", "0", "0", "0", "0", "1")]
    got = aligned(t2021, rows)
    assert (1, "applications", "other_undivided", None) in got
    assert not any(key == "other_other" for _, _, key, _ in got)


def test_undivided_other_row_printed_blank_is_still_the_undivided_row(t2021: Template) -> None:
    """Its visible blanks are reported with it, never poured into the leaf 3.其他 (sweep docx-500000)."""
    assert aligned(t2021, [line("（六）其他处理", "", "", "", "", "", "", "")]) == [
        (0, "applications", "other_undivided", ("",) * 7)]
    assert aligned(t2021, [line("（六）其它处理", "", "", "", "", "", "", "", grid=True)]) == [
        (0, "applications", "other_undivided", ("",) * 7)]


def test_undivided_other_row_without_visible_cells_matches_nothing(t2021: Template) -> None:
    assert aligned(t2021, [line("（六）其他处理", table=False)]) == []


def test_an_undivided_row_printed_blank_one_cell_per_line_is_the_undivided_row(t2021: Template) -> None:
    """`（六）其他处理 |` over seven lone `|`: the undivided row's seven blanks, not a blank 3.其他
    (whose cells the report does not print)."""
    lines = [line("5.要求行政机关确认或重新出具已获取信息"), *[line("0") for _ in range(7)],
             line("（六）其他处理"), *[line("") for _ in range(7)],
             line("（七）总计"), *[line("0") for _ in range(7)]]
    keys = [key for _, _, key, _ in aligned(t2021, lines)]
    assert keys == ["rejected_confirmation", "other_undivided", "results_total"]


def test_a_grouped_number_wrapped_in_its_grid_cell_is_one_value(t2021: Template) -> None:
    """`１，４３` over `２` (1,432 in a narrow PDF cell whose wrap fell on a row of its own):
    the piece is no label, so the row keeps its seven cells and the digits join (the sweep's
    pdf-990300007 had placed the wrap's 2 and 3 as the row)."""
    top = ("一、本年新收政府信息公开申请数量", "１，４３", "215", "２４", "２９", "22", "21", "１，７４")
    got = aligned(t2021, [line(*top, grid=True), line("", "２", "", "", "", "", "", "３", grid=True)])
    assert got == [(0, "applications", "new", ("１，４３２", "215", "２４", "２９", "22", "21", "１，７４３"))]


def test_total_printed_first_is_told_by_the_rows_sums_where_the_header_cannot_be_read() -> None:
    """A header whose words wrapped in narrow cells (Chromium's print of an HTML table) names no
    column; every row's first cell is the sum of the other six: 总计 is printed first."""
    from pipeline.recover.columns import in_printed_order

    t2021 = load_templates()["2021"]
    printed = [("一、本年新收政府信息公开申请数量", "16", "14", "0", "2", "0", "0", "0"),
               ("二、上年结转政府信息公开申请数量", "3", "3", "0", "0", "0", "0", "0"),
               ("三、本年度办理结果（一）予以公开", "5", "4", "1", "0", "0", "0", "0"),
               ("（二）部分公开", "0", "0", "0", "0", "0", "0", "0")]
    rows = raw_rows([line(*cells, grid=True) for cells in printed])
    matches, _ = align(rows, t2021)
    moved, reordered = in_printed_order(matches, rows, [line(*cells, grid=True) for cells in printed])
    assert reordered
    assert moved[0].values == ("14", "0", "2", "0", "0", "0", "16")
    assert moved[2].values == ("4", "1", "0", "0", "0", "0", "5")
    # printed in the national order, the same sums say nothing is to move
    national = [(c[0], *c[2:], c[1]) for c in printed]
    rows = raw_rows([line(*cells, grid=True) for cells in national])
    assert in_printed_order(align(rows, t2021)[0], rows, [line(*c, grid=True) for c in national])[1] is False
