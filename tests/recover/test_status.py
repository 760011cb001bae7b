"""status: statuses and their error texts (part of the interface), missing and stray rows."""

from __future__ import annotations

import pytest

from pipeline.recover.cells import Placed, place
from pipeline.recover.format import FormatChoice
from pipeline.recover.kind import Kind
from pipeline.recover.lines import Line, RawRow, raw_rows
from pipeline.recover.placement import Match
from pipeline.recover.settings import SETTINGS
from pipeline.recover.status import Status, determine_status, missing_rows, not_national, some, stray_rows
from pipeline.templates import Template, TemplateRow, load_templates

ZEROS = ("0",) * 7


@pytest.fixture(scope="module")
def t2021() -> Template:
    return load_templates()["2021"]


def trow(template: Template, table: str, key: str) -> TemplateRow:
    return next(r for r in template.rows if r.table == table and r.key == key)


def all_rows(template: Template, table: str | None = None) -> list[str]:
    return [f"{r.table}.{r.key}" for r in template.rows if r.kind == "row" and table in (None, r.table)]


def line(*cells: str) -> Line:
    return Line(tuple(cells), 0, None, True)


# -- determine_status ----------------------------------------------------------------------

def test_nothing_missing_is_ok(t2021: Template) -> None:
    assert determine_status(t2021, [], [], []) == Status("ok", None)


def test_missing_rows_are_listed(t2021: Template) -> None:
    status = determine_status(t2021, ["applications.granted", "proactive_rules.rules"], [], [])
    assert status == Status("partial", "missing rows: applications.granted, proactive_rules.rules")


def test_a_table_missing_whole_is_named_instead_of_its_rows(t2021: Template) -> None:
    missing = all_rows(t2021, "proactive_fees") + all_rows(t2021, "applications") + ["proactive_rules.rules"]
    assert determine_status(t2021, missing, [], []) == Status(
        "partial", "no fees table, no request table; missing rows: proactive_rules.rules")


def test_every_table_missing(t2021: Template) -> None:
    assert determine_status(t2021, all_rows(t2021), [], []).error == (
        "no 第二十条 rules table, no licensing table, no enforcement table, no fees table, no request table, "
        "no review/litigation table")


def test_problems_in_order_missing_unplaced_not_numbers(t2021: Template) -> None:
    status = determine_status(t2021, ["applications.granted"],
                              ["proactive_rules.normative_docs (2 values for 3 columns)"],
                              ["applications.new.total='不详'"])
    assert status == Status("partial", "missing rows: applications.granted; "
                                       "unplaced: proactive_rules.normative_docs (2 values for 3 columns); "
                                       "not numbers: applications.new.total='不详'")


def test_long_lists_are_cut_with_a_count(t2021: Template) -> None:
    items = [f"applications.x{i}" for i in range(SETTINGS.max_error_items + 3)]
    assert determine_status(t2021, [], [], items).error == (
        "not numbers: " + ", ".join(items[:SETTINGS.max_error_items]) + " (+3 more)")


def test_some() -> None:
    limit = SETTINGS.max_error_items
    assert some([]) == ""
    assert some(["a", "b"]) == "a, b"
    assert some([str(i) for i in range(limit)]) == ", ".join(str(i) for i in range(limit))
    assert some([str(i) for i in range(limit + 1)]) == ", ".join(str(i) for i in range(limit)) + " (+1 more)"


# -- not_national --------------------------------------------------------------------------

REPORT = Kind(True, "annual report: title, 6 report sections, pre-2019 statistics")


def test_not_a_report_says_why(t2021: Template) -> None:
    assert not_national(FormatChoice(None, [], t2021, 0), Kind(False, "page not found")) == Status(
        "not_report", "page not found")


def test_other_format_without_a_candidate(t2021: Template) -> None:
    assert not_national(FormatChoice(None), REPORT) == Status(
        "other_format", "annual report: title, 6 report sections, pre-2019 statistics; "
                        "no table row of a national format found")


def test_other_format_says_what_was_found_of_the_closest_format(t2021: Template) -> None:
    matches = [Match(RawRow(i, [], []), trow(t2021, "applications", key), 100.0, ZEROS)
               for i, key in enumerate(("new", "carried_over", "granted"))]
    matches.append(Match(RawRow(3, [], []), trow(t2021, "proactive_rules", "rules"), 100.0, ("0",) * 3))
    assert not_national(FormatChoice(None, matches, t2021, 1), REPORT) == Status(
        "other_format", "annual report: title, 6 report sections, pre-2019 statistics; "
                        "closest national format 2021; 第二十条 rules table: 1 of 2 rows; request table: 3 of 25 rows; "
                        "no licensing table, no enforcement table, no fees table, no review/litigation table")


# -- missing_rows --------------------------------------------------------------------------

def test_missing_rows_are_rows_neither_placed_reported_nor_covered(t2021: Template) -> None:
    placed = Placed(placed_rows=set(all_rows(t2021)) - {"applications.granted", "applications.other_other",
                                                        "review_litigation.review"},
                    covered_rows=["other_other"])
    assert missing_rows(t2021, placed) == ["applications.granted", "review_litigation.review"]


def test_a_row_reported_unplaceable_is_not_missing(t2021: Template) -> None:
    placed = place([Match(RawRow(0, ["规章"], ["1", "2"]), trow(t2021, "proactive_rules", "rules"), 100.0, None)])
    assert "proactive_rules.rules" not in missing_rows(t2021, placed)
    assert "proactive_rules.normative_docs" in missing_rows(t2021, placed)


def test_the_wide_row_places_the_three_review_rows(t2021: Template) -> None:
    placed = place([Match(RawRow(0, [], []), trow(t2021, "review_litigation", "wide"), 100.0, ("0",) * 15)])
    missing = missing_rows(t2021, placed)
    assert not [m for m in missing if m.startswith("review_litigation.")]
    assert len(missing) == len(all_rows(t2021)) - 3


# -- stray_rows ----------------------------------------------------------------------------

def test_an_unrecognised_row_with_values_between_placed_rows_of_one_table(t2021: Template) -> None:
    rows = raw_rows([line("（一）予以公开", *ZEROS), line("其中：依申请公开", *ZEROS), line("", "1"),
                     line("（二）部分公开", *ZEROS)])
    matches = [Match(rows[0], trow(t2021, "applications", "granted"), 100.0, ZEROS),
               Match(rows[2], trow(t2021, "applications", "partially_granted"), 100.0, ZEROS)]
    assert [r.labels for r in rows] == [["（一）予以公开"], ["其中：依申请公开"], ["（二）部分公开"]]
    assert stray_rows(rows, matches) == ["applications: unrecognised row '其中：依申请公开' (8 values)"]


def test_rows_between_tables_or_without_values_or_labels_are_not_stray(t2021: Template) -> None:
    def raw(i: int, labels: list[str], own: list[str]) -> RawRow:
        return RawRow(i, labels, own, n_values=sum(1 for v in own if v))

    rows = [raw(0, ["规章"], ["0", "0", "0"]), raw(1, ["备注说明"], ["3"]), raw(2, ["行政许可"], ["1"]),
            raw(3, ["说明"], []), raw(4, ["行政处罚"], ["2"]), raw(5, [], ["9"]), raw(6, ["行政强制"], ["4"])]
    matches = [Match(rows[0], trow(t2021, "proactive_rules", "rules"), 100.0, ("0",) * 3),
               Match(rows[2], trow(t2021, "proactive_licensing", "licensing"), 100.0, ("1",)),
               Match(rows[4], trow(t2021, "proactive_enforcement", "penalty"), 100.0, ("2",)),
               Match(rows[6], trow(t2021, "proactive_enforcement", "coercion"), 100.0, ("4",))]
    assert stray_rows(rows, matches) == []  # 备注说明: between two tables; 说明: no values; [9]: no label
    rows[5].labels = ["其他"]
    assert stray_rows(rows, matches) == ["proactive_enforcement: unrecognised row '其他' (1 values)"]


def test_a_review_table_printed_but_not_placeable_says_so(tmp_path: object) -> None:
    """One cell per line, blanks printed as nothing: the review table's header and ten of its
    fifteen values. It is printed, not absent: the error says its values were not placed."""
    from pathlib import Path

    import pipeline
    from synthetic.report import make_report
    from synthetic.text import render_text

    report = make_report(19, "2021")
    review = sorted(k for k in report.values if k[0] == "review_litigation")
    for key in review[:5]:
        report.values[key] = ""
    path = Path(str(tmp_path)) / "review.txt"
    path.write_text(render_text(report, "cells"), encoding="utf-8")
    doc = pipeline.extract_file(path).document
    assert doc["status"] == "partial"
    assert doc["error"] == "unplaced: review_litigation: header printed, its values not placed (10 values for 15 cells)"
