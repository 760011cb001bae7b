"""facts: canonical cells as printed → values, with the column's unit; what is not a number."""

from __future__ import annotations

import pytest

from pipeline.recover.cells import Placed
from pipeline.recover.facts import Fact, read_facts, sink_sums
from pipeline.templates import Template, load_templates

FEES = ("proactive_fees", "fees", "amount_10k_yuan")


@pytest.fixture(scope="module")
def t2021() -> Template:
    return load_templates()["2021"]


def values(template: Template, cells: dict[tuple[str, str, str], str]) -> dict[tuple[str, str, str], float | None]:
    facts, _ = read_facts(template, Placed(cells=cells))
    return {f.key: f.value for f in facts}


@pytest.mark.parametrize(("printed", "value"), [
    ("251000元", 25.1), ("12.5万元", 12.5), ("0.5亿元", 5000.0), ("3", 3.0), ("1,234.5", 1234.5), ("—", None)])
def test_fees_are_read_in_10k_yuan(t2021: Template, printed: str, value: float | None) -> None:
    assert values(t2021, {FEES: printed}) == {FEES: value}


def test_counts_keep_the_number_as_printed_whatever_its_unit(t2021: Template) -> None:
    key = ("proactive_rules", "rules", "issued")
    assert values(t2021, {key: "3件"}) == {key: 3.0}
    assert values(t2021, {key: "251000元"}) == {key: 251000.0}  # only the fees column converts
    assert values(t2021, {key: "１２"}) == {key: 12.0}


def test_blank_markers_and_empty_cells_are_blank(t2021: Template) -> None:
    cells = {("proactive_rules", "rules", "issued"): "", ("proactive_rules", "rules", "repealed"): "—",
             ("proactive_rules", "rules", "in_force"): "/"}
    assert values(t2021, cells) == dict.fromkeys(cells)


def test_facts_in_keys_order_with_raw_text_and_not_numbers_reported(t2021: Template) -> None:
    placed = Placed(cells={
        ("applications", "new", "total"): "不详",
        FEES: "251000元",
        ("proactive_rules", "rules", "repealed"): "—",
        ("proactive_rules", "rules", "issued"): "3件",
    })
    facts, bad = read_facts(t2021, placed)
    assert facts == [
        Fact(("proactive_rules", "rules", "issued"), 3.0, "3件"),
        Fact(("proactive_rules", "rules", "repealed"), None, "—"),
        Fact(FEES, 25.1, "251000元"),
        Fact(("applications", "new", "total"), None, "不详"),  # kept, with its text
    ]
    assert bad == ["applications.new.total='不详'"]


def test_no_cells_no_facts(t2021: Template) -> None:
    assert read_facts(t2021, Placed()) == ([], [])


def test_cells_outside_the_template_are_not_facts(t2021: Template) -> None:
    placed = Placed(cells={("proactive_procurement", "procurement", "amount"): "3"})  # a 2019 table
    assert read_facts(t2021, placed) == ([], [])


# -- sink_sums -----------------------------------------------------------------------------

def test_sink_sums_add_undivided_rows_per_applications_column(t2021: Template) -> None:
    placed = Placed(sink_values={
        "a": ("1", "2", "", "0", "0", "x", "3"),  # natural_person … other_org, total; x is skipped
        "b": ("1",) * 7,
        "c": ("1", "2"),  # not one value per column: says nothing
    })
    assert sink_sums(t2021, placed) == {"natural_person": 2.0, "business": 3.0, "research": 1.0,
                                        "social_org": 1.0, "legal_service": 1.0, "other_org": 1.0,
                                        "total": 4.0}


def test_sink_sums_without_sink_rows_are_empty(t2021: Template) -> None:
    assert sink_sums(t2021, Placed()) == {}
