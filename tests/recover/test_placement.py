"""placement: where each value goes (by count, by self-check, by column position, into cells)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from pipeline.recover.cells import place
from pipeline.recover.lines import RawRow
from pipeline.recover.placement import (
    Match,
    adds_up,
    blank_values,
    label_of,
    place_values,
    self_check,
)
from pipeline.recover.positions import by_position, layout_runs, place_by_position
from pipeline.templates import Template, TemplateRow, load_templates


@pytest.fixture(scope="module")
def t2021() -> Template:
    return load_templates()["2021"]


def trow(template: Template, table: str, key: str) -> TemplateRow:
    return next(r for r in template.rows if r.table == table and r.key == key)


def raw(own: Sequence[str] = (), extra_lines: Sequence[Sequence[str]] = (), *, grid: bool = False,
        labels: Sequence[str] = ("标签",), xs: Sequence[float | None] = (), line: int = 0) -> RawRow:
    """A raw row as `raw_rows` makes it: extra is extra_lines joined, n_values counted."""
    extra = [v for ln in extra_lines for v in ln]
    r = RawRow(0, list(labels), list(own), list(xs), extra, [list(ln) for ln in extra_lines],
               line=line, end=line + len(extra_lines), grid=grid)
    r.n_values = sum(1 for v in r.own if v) + sum(1 for v in r.extra if v)
    return r


# -- place_values: by count ----------------------------------------------------------------

def test_exact_count_is_placed_as_printed() -> None:
    assert place_values(raw(["1", "", "3"]), 3) == ("1", "", "3")


def test_seed_shifted_row_surplus_empties_trimmed_from_both_ends() -> None:
    # seed: `4.保护第三方合法权益\t\t0\t0\t0\t0\t0\t0\t0\t`
    assert place_values(raw(["", "0", "0", "0", "0", "0", "0", "0", ""]), 7) == ("0",) * 7


def test_surplus_empties_on_both_sides_trimmed_to_the_same_row_either_way() -> None:
    assert place_values(raw(["", "", "5", "6", "7", "", ""]), 3) == ("5", "6", "7")
    assert place_values(raw(["", "5", "", "7", ""]), 3) == ("5", "", "7")  # inner blank kept


def test_a_blank_at_either_end_is_ambiguous_without_a_self_check() -> None:
    # trailing first: ('', 5, 6); leading first: (5, 6, '')
    assert place_values(raw(["", "", "5", "6", "", ""]), 3) is None


def test_too_many_values_or_too_few_are_not_placed() -> None:
    assert place_values(raw(["1", "2", "3", "4"]), 3) is None
    assert place_values(raw(["1", "2"]), 3) is None
    assert place_values(raw(["1"], [["2", "3"]]), 3) is None  # own values are never completed


# -- place_values: by self-check -----------------------------------------------------------

AMBIGUOUS = ["", "1", "2", "0", "0", "0", "3", ""]  # 6 values in 8 cells for 7 columns


def test_ambiguous_trim_without_self_check_is_not_placed() -> None:
    assert place_values(raw(AMBIGUOUS), 7) is None


def test_self_check_picks_the_reading_whose_total_adds_up() -> None:
    # trailing first: ('', 1, 2, 0, 0, 0, 3) adds up; leading first: (1, 2, 0, 0, 0, 3, '') does not
    assert place_values(raw(AMBIGUOUS), 7, group=7) == ("", "1", "2", "0", "0", "0", "3")
    assert place_values(raw(["", "1", "2", "0", "0", "0", "6", ""]), 7, group=7) is None  # neither
    assert place_values(raw(["", "1", "2", "0", "0", "0", "3", "6"]), 7, group=7) == (
        "1", "2", "0", "0", "0", "3", "6")  # no surplus at the end: only one reading


def test_self_check_where_both_readings_add_up_places_nothing() -> None:
    assert place_values(raw(["", "0", "0", "0", "0", "0", "0", ""]), 7, group=7) is None


# -- place_values: values from following value-only lines ----------------------------------

def test_one_cell_per_line_values_are_the_row() -> None:
    assert place_values(raw([], [["1"], ["2"], ["3"]]), 3) == ("1", "2", "3")
    assert place_values(raw([], [["1"], [""], ["3"]]), 3) == ("1", "", "3")  # `|` kept its place
    assert place_values(raw(["", ""], [["1"], ["2"], ["3"]]), 3) == ("1", "2", "3")  # own empties only


def test_a_page_number_among_one_cell_lines_makes_the_row_ambiguous() -> None:
    assert place_values(raw([], [["1"], ["2"], ["3"], ["12"]]), 3) is None


def test_one_line_holding_exactly_the_values_wins_over_lone_numbers() -> None:
    assert place_values(raw([], [["12"], ["1", "2", "3"]]), 3) == ("1", "2", "3")
    assert place_values(raw([], [["1", "2", "3"], ["4", "5", "6"]]), 3) is None  # two such lines


def test_one_cell_per_line_with_a_total_must_add_up() -> None:
    ones = [["1"], ["2"], ["3"], ["4"], ["5"], ["21"], ["9"]]  # a vanished blank and a page number
    assert place_values(raw([], ones), 7) == ("1", "2", "3", "4", "5", "21", "9")  # nothing to check
    assert place_values(raw([], ones), 7, group=7) is None
    good = [["1"], ["2"], ["3"], ["4"], ["5"], ["6"], ["21"]]
    assert place_values(raw([], good), 7, group=7) == ("1", "2", "3", "4", "5", "6", "21")


def test_one_cell_per_line_with_every_blank_shown_needs_no_check() -> None:
    """`1,205 |` … `0 |`, `|` (a blank 总计), `||`: seven cells, the blank where it was printed."""
    shown = [["1,205"], ["0"], ["0"], ["0"], ["0"], ["0"], [""]]
    assert place_values(raw([], shown), 7, group=7) == ("1,205", "0", "0", "0", "0", "0", "")
    assert place_values(raw([], shown + [[""]]), 7, group=7) is None  # a cell trimmed: then it must add up


# -- blank_values --------------------------------------------------------------------------

def test_row_without_values_is_blank_where_its_empty_cells_are_visible() -> None:
    assert place_values(raw(["", "", ""]), 3) == ("", "", "")
    assert blank_values(raw(["", "", "", ""]), 3) == ("", "", "")
    assert blank_values(raw(["", ""]), 3) is None


def test_label_alone_on_a_line_is_not_a_blank_row() -> None:
    assert blank_values(raw([]), 3) is None
    assert blank_values(raw([], grid=True), 3) is None


def test_blank_cells_shown_under_a_label_make_a_blank_row() -> None:
    """One row of k empty cells under the header (grid or tabs), or k lone `|` lines."""
    under = [[""] * 15]
    assert blank_values(raw([], under, grid=True), 15) == ("",) * 15
    assert blank_values(raw([], under, grid=False), 15) == ("",) * 15
    assert blank_values(raw([], [[""]] * 7), 7) == ("",) * 7  # one empty cell per line
    assert blank_values(raw([], [[""] * 14], grid=True), 15) is None
    assert blank_values(raw([], [[""] * 15, [""] * 15], grid=True), 15) is None
    assert blank_values(raw([], [[""]] * 6), 7) is None


# -- adds_up, self_check -------------------------------------------------------------------

def test_adds_up_reads_blanks_as_zero_and_needs_whole_runs() -> None:
    assert adds_up(["1", "2", "3"], 3)
    assert adds_up(["", "—", "0"], 3)
    assert adds_up(["1", "2", "3", "1", "1", "2"], 3)
    assert not adds_up(["1", "2", "4"], 3)
    assert not adds_up(["1", "2", "3", "1"], 3)  # a short last run
    assert not adds_up(["1", "x", "3"], 3)  # not a number


def test_self_check_runs_from_row_sums(t2021: Template) -> None:
    assert self_check(t2021, trow(t2021, "applications", "new")) == 7
    assert self_check(t2021, trow(t2021, "review_litigation", "review")) == 5
    assert self_check(t2021, trow(t2021, "review_litigation", "wide")) == 5  # three runs of five
    assert self_check(t2021, trow(t2021, "proactive_rules", "rules")) == 0  # no identity
    assert self_check(t2021, trow(t2021, "applications", "other_undivided")) == 0  # a sink, no cells


# -- by column position --------------------------------------------------------------------

def rules_matches(t: Template, short: RawRow) -> list[Match]:
    rules, docs = trow(t, "proactive_rules", "rules"), trow(t, "proactive_rules", "normative_docs")
    return [Match(raw(["0", "1", "2"], xs=[30.0, 50.0, 70.0], line=1), rules, 100.0, ("0", "1", "2")),
            Match(raw(["3", "4", "5"], xs=[31.0, 49.0, 71.0], line=2), docs, 100.0, ("3", "4", "5")),
            Match(short, docs, 100.0, None)]


def test_layout_runs_hold_the_complete_rows_that_stand_in_line(t2021: Template) -> None:
    matches = rules_matches(t2021, raw(["3", "5"], xs=[30.5, 70.2], line=3))
    assert layout_runs(matches, "proactive_rules", 3) == [[(1, [30.0, 50.0, 70.0]), (2, [31.0, 49.0, 71.0])]]
    assert layout_runs(matches, "applications", 7) == []  # no complete row of that table


def test_a_page_break_that_moves_the_columns_starts_a_new_run(t2021: Template) -> None:
    rules = trow(t2021, "proactive_rules", "rules")
    moved = [Match(raw(["1", "1", "1"], xs=[x + 12 * (n >= 2) for x in (30.0, 50.0, 70.0)], line=n), rules,
                   100.0, ("1", "1", "1")) for n in range(4)]
    assert [len(run) for run in layout_runs(moved, "proactive_rules", 3)] == [2, 2]


def test_one_complete_row_places_nothing(t2021: Template) -> None:
    matches = rules_matches(t2021, raw(["3", "5"], xs=[30.5, 70.2], line=3))
    assert by_position([matches[0], matches[2]])[1].values is None


def test_columns_that_wander_place_nothing(t2021: Template) -> None:
    matches = rules_matches(t2021, raw(["3", "5"], xs=[30.5, 70.2], line=3))
    matches[1] = Match(raw(["3", "4", "5"], xs=[31.0, 60.0, 71.0], line=2), matches[1].row, 100.0,
                       ("3", "4", "5"))
    assert by_position(matches)[2].values is None


def test_complete_rows_without_positions_place_nothing(t2021: Template) -> None:
    matches = rules_matches(t2021, raw(["3", "5"], xs=[30.5, 70.2], line=3))
    matches[1] = Match(raw(["3", "4", "5"], line=2), matches[1].row, 100.0, ("3", "4", "5"))
    assert by_position(matches)[2].values is None


def test_a_row_between_two_layouts_needs_both_to_agree(t2021: Template) -> None:
    """Before the row the columns stand at 30/50/70, after it at 42/62/82: a value at 50 is
    in the middle column by the first, and nowhere by the second."""
    rules = trow(t2021, "proactive_rules", "rules")
    rows = [Match(raw(["1", "1", "1"], xs=[x + 12 * (n >= 3) for x in (30.0, 50.0, 70.0)], line=n), rules,
                  100.0, ("1", "1", "1")) for n in (0, 1, 3, 4)]
    short = Match(raw(["5"], xs=[50.0], line=2), rules, 100.0, None)
    assert by_position(rows[:2] + [short] + rows[2:])[2].values is None
    first_only = Match(raw(["5"], xs=[31.0], line=2), rules, 100.0, None)  # no column of the second
    assert by_position(rows[:2] + [first_only] + rows[2:])[2].values is None
    inside = Match(raw(["5"], xs=[62.5], line=4), rules, 100.0, None)  # among the second layout's rows
    assert by_position(rows + [inside])[4].values == ("", "5", "")


def test_tables_whose_complete_rows_mostly_stand_in_no_line_place_nothing(t2021: Template) -> None:
    rules = trow(t2021, "proactive_rules", "rules")
    scattered = [Match(raw(["1", "1", "1"], xs=[30.0 + 7 * (n % 3), 50.0 + 9 * (n % 2), 70.0 + 11 * (n % 3)],
                           line=n), rules, 100.0, ("1", "1", "1")) for n in range(6)]
    pair = [Match(raw(["1", "1", "1"], xs=[30.0, 50.0, 70.0], line=n), rules, 100.0, ("1", "1", "1"))
            for n in (6, 7)]
    short = Match(raw(["5"], xs=[50.0], line=8), rules, 100.0, None)
    assert by_position(scattered + pair + [short])[-1].values is None
    assert by_position(pair + [short])[-1].values == ("", "5", "")


def test_place_by_position_puts_values_under_the_nearest_column(t2021: Template) -> None:
    centres = [30.5, 50.0, 70.5]
    docs = trow(t2021, "proactive_rules", "normative_docs")

    def at(values: list[str], xs: list[float | None]) -> tuple[str, ...] | None:
        return place_by_position(Match(raw(values, xs=xs), docs, 100.0, None), centres)

    assert at(["3", "5"], [30.0, 70.2]) == ("3", "", "5")
    assert at(["", "5"], [None, 52.0]) == ("", "5", "")  # empty cells are not values
    assert at(["3", "5"], [40.0, 70.2]) is None  # between two columns (tolerance 0.45 × 19.5)
    assert at(["3", "5"], [30.0, None]) is None  # a position unknown
    assert at(["5", "3"], [70.0, 30.0]) is None  # out of order
    assert at(["5", "3"], [49.0, 51.0]) is None  # two values under one column
    assert at(["1", "2", "3", "4"], [30.0, 50.0, 70.0, 71.0]) is None  # more values than columns
    assert place_by_position(Match(raw(["3"], xs=[30.0]), docs, 100.0, None), [30.0]) is None


def test_by_position_fills_only_unplaced_rows_with_values(t2021: Template) -> None:
    matches = rules_matches(t2021, raw(["3", "5"], xs=[30.0, 70.2], line=3))
    out = by_position(matches)
    assert [m.values for m in out] == [("0", "1", "2"), ("3", "4", "5"), ("3", "", "5")]
    assert out[:2] == matches[:2]
    assert matches[2].values is None  # the input match is not changed


def test_by_position_leaves_an_unplaceable_row_unplaced(t2021: Template) -> None:
    matches = rules_matches(t2021, raw(["3", "5"], xs=[40.0, 70.2], line=3))
    assert by_position(matches)[2].values is None


# -- place: into canonical cells -----------------------------------------------------------

def test_place_writes_cells_and_reports_sink_and_unplaceable_rows(t2021: Template) -> None:
    rules, docs = trow(t2021, "proactive_rules", "rules"), trow(t2021, "proactive_rules", "normative_docs")
    sink = trow(t2021, "applications", "other_undivided")
    placed = place([
        Match(raw(["0", "1", "2"], labels=["规章"], line=3), rules, 100.0, ("0", "1", "2")),
        Match(raw(["3", "5"], labels=["行政规范性文件"], line=4), docs, 90.0, None),
        Match(raw(["1", "", "2"], [["3"]], labels=["（六）其他处理"], line=9), sink, 100.0, None),
        Match(raw(["7", "8", "9"], labels=["规章"], line=11), rules, 100.0, ("7", "8", "9")),
    ])
    assert placed.cells == {("proactive_rules", "rules", "issued"): "0",
                            ("proactive_rules", "rules", "repealed"): "1",
                            ("proactive_rules", "rules", "in_force"): "2"}  # the first match wins
    assert placed.unplaced == [
        "proactive_rules.normative_docs (2 values for 3 columns)",
        "applications row '（六）其他处理' (3 values): printed as one undivided row (as in 2019) "
        "in a 2021-format report",
    ]
    assert placed.placed_rows == {"proactive_rules.rules", "proactive_rules.normative_docs"}
    assert placed.sink_values == {"other_undivided": ("1", "2", "3")}
    assert placed.covered_rows == ["other_no_correction", "other_other", "other_unpaid_fee"]
    assert placed.matched_lines == [3, 4, 9, 11]


def test_place_keeps_blank_cells_as_empty_text(t2021: Template) -> None:
    placed = place([Match(raw(["", "", ""]), trow(t2021, "proactive_rules", "rules"), 100.0, ("", "", ""))])
    assert list(placed.cells.values()) == ["", "", ""]
    assert placed.unplaced == [] and placed.covered_rows == []


def test_label_of_joins_labels_and_shortens_long_ones() -> None:
    assert label_of(raw(labels=["（三）不予公开", "1.属于国家秘密"])) == "（三）不予公开 1.属于国家秘密"
    assert label_of(raw(labels=["长" * 41])) == "长" * 39 + "…"
    assert label_of(raw(labels=["长" * 40])) == "长" * 40


def test_a_shown_blank_and_a_possible_page_number_make_a_row_without_total_ambiguous() -> None:
    """`行政处罚 | (empty) | 3 | 0.0000` then a page number `8` (sweep text-5100035): two readings."""
    assert place_values(raw([], [[""], ["3"], ["0.0000"], ["8"]]), 3) is None
    assert place_values(raw([], [[""], ["3"], ["0.0000"]]), 3) == ("", "3", "0.0000")


def test_a_self_check_pick_is_doubted_where_the_table_leaves_totals_blank() -> None:
    """`| | 2 0 0 6 0 8 |` adds up by chance (8 = 2 + 6) when read shifted (sweep text-6100044)."""
    from pipeline.recover.placement import doubt_blank_totals
    from pipeline.templates import load_templates

    t = load_templates()["2019"]
    row = {r.key: r for r in t.rows if r.table == "applications"}
    blank_total = Match(raw(["1", "0", "0", "0", "0", "2", ""]), row["granted"], 100.0,
                        ("1", "0", "0", "0", "0", "2", ""))
    shifted = Match(raw(["", "2", "0", "0", "6", "0", "8", ""]), row["partially_granted"], 100.0,
                    ("", "2", "0", "0", "6", "0", "8"))
    assert [m.values for m in doubt_blank_totals([blank_total, shifted], t)] == [blank_total.values, None]
    # a table printing every total: the self-check's pick stands
    full = Match(raw(["1", "0", "0", "0", "0", "2", "3"]), row["granted"], 100.0, ("1", "0", "0", "0", "0", "2", "3"))
    assert [m.values for m in doubt_blank_totals([full, shifted], t)] == [full.values, shifted.values]


def test_a_row_whose_values_go_on_in_pieces_is_not_placed(t2021: Template) -> None:
    """`（七）总计 | ３５ | 896 | … | １３` over `１ | 件 | 件 | | ２２`: the digits on the row's line are
    not its values (351, 1322); placed, they would be wrong."""
    from pipeline.recover.lines import Line, raw_rows

    lines = [Line(("（七）总计", "３５", "896", "32", "０件", "１３", "３０", "１３"), 0, 1, True),
             Line(("１", "件", "件", "", "２２"), 0, 1, True),
             Line(("四、结转下年度继续办理", "0", "0", "0", "0", "0", "0", "0"), 0, 1, True)]
    rows = raw_rows(lines)
    assert [r.labels for r in rows] == [["（七）总计"], ["四、结转下年度继续办理"]]
    total = trow(t2021, "applications", "results_total")
    assert rows[0].fragments and place_values(rows[0], 7, 7) is None
    assert by_position([Match(rows[0], total, 100.0, None)])[0].values is None
    assert place_values(rows[1], 7, 7) == ("0",) * 7


def test_values_on_the_line_under_a_label_of_empty_cells_stand_under_those_cells() -> None:
    """Converters' markdown: `| | 5.要求… | | | | | | | |` then `| | | / | 0 | 0 | — | - | 0 | |`:
    the label's empty cells are not the row (they would read all blank), the values are, each
    under its cell (a trim would shift the blank total to the front)."""
    from pipeline.recover.lines import Line, raw_rows

    label = Line(("", "", "", "5.要求行政机关确认或重新出具已获取信息") + ("",) * 7, 0, 1, True)
    values = Line(("", "", "", "", "/", "0", "0", "—", "-", "0", ""), 0, 1, True)
    (row,) = raw_rows([label, values])
    assert place_values(row, 7, 7) == ("/", "0", "0", "—", "-", "0", "")


def test_digits_wrapped_inside_grid_cells_are_joined_where_the_row_then_adds_up() -> None:
    """A narrow PDF column wraps `126` as `１２` over `６` (sweep pdf-991100178): the line under
    the row holds only that digit, under the row's first number (the lines align on the
    table's last column; the label line lacks the cells its group label spans)."""
    from pipeline.recover.lines import Line, raw_rows
    from pipeline.recover.placement import place_values

    def rows(first: str) -> list:
        return raw_rows([Line(("(3)其他", first, "２７", "9", "－", "－", "0", "162"), 0, 1, True, (), True),
                         Line(("", "", "", "６", "", "", "", "", "", ""), 0, 1, True, (), True)])

    assert place_values(rows("１２")[0], 7, 7) == ("１２６", "２７", "9", "－", "－", "0", "162")
    assert place_values(rows("１３")[0], 7, 7) is None  # adds up neither way: reported
    assert place_values(rows("１２６")[0], 7, 7) == ("１２６", "２７", "9", "－", "－", "0", "162")
