"""format: which national format literal rows follow (marker header words, content, year, too few rows)."""

from __future__ import annotations

import pytest

from pipeline.recover.format import FormatChoice, choose_format, found_rows, marker_count
from pipeline.recover.lines import Line, RawRow, raw_rows
from pipeline.recover.settings import SETTINGS
from pipeline.templates import load_templates, squash

ZEROS = ("0",) * 7
# Request-table rows printed alike in both formats.
COMMON = ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（一）予以公开", "（二）部分公开",
          "1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
          "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项"]
HEADER_2021 = "信息内容 本年制发件数 本年废止件数 现行有效件数"
HEADER_2019 = "信息内容 本年新制作数量 本年新公开数量 对外公开总数量"


def line(*cells: str) -> Line:
    return Line(tuple(cells), 0, None, True)


def rows(n: int = len(COMMON)) -> list[RawRow]:
    return raw_rows([line(label, *ZEROS) for label in COMMON[:n]])


def chosen(rows: list[RawRow], text: str = "", year: int | None = None) -> str | None:
    choice = choose_format(rows, squash(text), year)
    return choice.template.format if choice.template else None


def test_marker_count_counts_header_words_only_one_format_prints() -> None:
    t = load_templates()
    assert marker_count(t["2021"], squash(HEADER_2021)) == 3
    assert marker_count(t["2019"], squash(HEADER_2021)) == 0
    assert marker_count(t["2019"], squash(HEADER_2019)) == 3
    assert marker_count(t["2021"], squash("本年收费金额（单位：万元）")) == 1


@pytest.mark.parametrize("year", [None, 2020, 2022])
def test_marker_header_words_decide_whatever_the_year(year: int | None) -> None:
    assert chosen(rows(), HEADER_2021, year) == "2021"
    assert chosen(rows(), HEADER_2019, year) == "2019"


def test_one_marker_outweighs_the_year() -> None:
    assert SETTINGS.marker_weight > SETTINGS.tie_margin
    assert chosen(rows(), "本年制发件数", 2020) == "2021"
    assert chosen(rows(), "本年新制作数量", 2022) == "2019"


@pytest.mark.parametrize(("year", "fmt"), [(2019, "2019"), (2020, "2019"), (2021, "2021"), (2023, "2021"),
                                           (2018, "2019"), (None, "2021")])
def test_ties_are_settled_by_the_year(year: int | None, fmt: str) -> None:
    assert chosen(rows(), "", year) == fmt
    assert chosen(rows(), "本年制发件数 本年新制作数量", year) == fmt  # one marker each: still a tie


def test_rows_only_one_format_prints_decide_without_markers() -> None:
    # 2019 prints 行政许可 / 行政处罚 with three values, 2021 with one
    lines = [line("行政许可", "1", "2", "3"), line("行政处罚", "1", "2", "3")] + [line(x, *ZEROS) for x in COMMON[:10]]
    choice = choose_format(raw_rows(lines), "", 2022)
    assert choice.template is not None and choice.template.format == "2019"
    assert [m.row.key for m in choice.matches[:2]] == ["licensing", "penalty"]
    assert choice.matches[0].values == ("1", "2", "3")


def test_the_choice_carries_its_alignment_and_markers() -> None:
    choice = choose_format(rows(), squash(HEADER_2021), None)
    assert choice.template is load_templates()["2021"]
    assert choice.candidate is choice.template
    assert choice.markers == 3
    assert [m.row.key for m in choice.matches] == [
        "new", "carried_over", "granted", "partially_granted", "denied_state_secret", "denied_law_prohibited",
        "denied_security_stability", "denied_third_party", "denied_internal_affairs", "denied_process_info",
        "denied_enforcement_file", "denied_admin_query"]


def test_too_few_rows_is_no_national_format() -> None:
    n = SETTINGS.min_rows_for_format
    assert chosen(rows(n), "", 2021) == "2021"
    choice = choose_format(rows(n - 1), "", 2021)
    assert choice.template is None
    assert choice.candidate is load_templates()["2021"]  # the closest, for the reason why not
    assert len(choice.matches) == n - 1


def test_a_few_rows_suffice_where_the_format_prints_its_own_header_words() -> None:
    n = SETTINGS.min_rows_with_markers
    assert chosen(rows(n), "本年制发件数 本年废止件数") == "2021"  # two markers, none of 2019: decisive
    assert chosen(rows(n - 1), "本年制发件数 本年废止件数") is None
    assert chosen(rows(n), "本年制发件数") is None  # one marker does not decide


def test_found_rows_per_table() -> None:
    t = load_templates()["2021"]
    lines = [line(x, *ZEROS) for x in COMMON[:4]] + [line("行政复议", "行政诉讼"), line(*("0",) * 15)]
    choice = choose_format(raw_rows(lines), "", None)
    assert choice == FormatChoice(None, choice.matches, t, 0)
    assert found_rows(t, choice.matches) == {
        "proactive_rules": (0, 2), "proactive_licensing": (0, 1), "proactive_enforcement": (0, 2),
        "proactive_fees": (0, 1), "applications": (4, 25),
        "review_litigation": (3, 3),  # the wide row stands for the table's three rows
    }
