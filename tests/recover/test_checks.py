"""checks: the reports' own identities on literal values dicts, every check id."""

from __future__ import annotations

import pytest

from pipeline.recover.checks import evaluate
from pipeline.templates import Template, load_templates

A = "applications"
RL = "review_litigation"
APPLICANTS = ("natural_person", "business", "research", "social_org", "legal_service", "other_org")
COLUMNS = (*APPLICANTS, "total")
ROWS_2021 = ("new", "carried_over", "granted", "partially_granted", "denied_state_secret",
             "denied_law_prohibited", "denied_security_stability", "denied_third_party",
             "denied_internal_affairs", "denied_process_info", "denied_enforcement_file",
             "denied_admin_query", "unavailable_not_held", "unavailable_needs_creation",
             "unavailable_unclear", "rejected_petition", "rejected_duplicate", "rejected_publication",
             "rejected_mass_repeat", "rejected_confirmation", "other_no_correction", "other_unpaid_fee",
             "other_other", "results_total", "carried_forward")
OTHER_2021 = ("other_no_correction", "other_unpaid_fee", "other_other")
BODIES = ("review", "litigation_direct", "litigation_after_review")
REVIEW_COLUMNS = ("upheld", "corrected", "other", "pending", "total")

Values = dict[tuple[str, str, str], float | None]


@pytest.fixture(scope="module")
def t2021() -> Template:
    return load_templates()["2021"]


def consistent(rows: tuple[str, ...] = ROWS_2021) -> Values:
    """Every cell recovered (blank unless set), every identity holding.

    Four new requests (3 natural persons, 1 business) and one carried over; two granted, one
    denied as a state secret: three results; two carried forward. One review, upheld.
    """
    values: Values = {(A, r, c): None for r in rows for c in COLUMNS}
    values |= {(RL, b, c): None for b in BODIES for c in REVIEW_COLUMNS}
    for (row, col), v in {("new", "natural_person"): 3, ("new", "business"): 1, ("new", "total"): 4,
                          ("carried_over", "natural_person"): 1, ("carried_over", "total"): 1,
                          ("granted", "natural_person"): 2, ("granted", "total"): 2,
                          ("denied_state_secret", "business"): 1, ("denied_state_secret", "total"): 1,
                          ("results_total", "natural_person"): 2, ("results_total", "business"): 1,
                          ("results_total", "total"): 3,
                          ("carried_forward", "natural_person"): 2, ("carried_forward", "total"): 2}.items():
        values[(A, row, col)] = float(v)
    values[(RL, "review", "upheld")] = values[(RL, "review", "total")] = 1.0
    return values


ALL_IDS = ([x for c in COLUMNS for x in (f"applications.balance.{c}", f"applications.outcomes.{c}")]
           + [f"applications.applicants.{r}" for r in ROWS_2021]
           + [f"review_litigation.outcomes.{b}" for b in BODIES])


def failed(checks: list[tuple[str, float, float, bool]]) -> list[tuple[str, float, float]]:
    return [(name, e, a) for name, e, a, ok in checks if not ok]


def test_every_check_id_in_order_all_holding(t2021: Template) -> None:
    checks = evaluate(t2021, consistent())
    assert [c[0] for c in checks] == ALL_IDS
    assert len(checks) == 7 + 7 + 25 + 3
    assert failed(checks) == []


def test_expected_and_actual_are_the_two_sides(t2021: Template) -> None:
    checks = {c[0]: c for c in evaluate(t2021, consistent())}
    assert checks["applications.balance.natural_person"] == ("applications.balance.natural_person", 4.0, 4.0, True)
    assert checks["applications.outcomes.total"] == ("applications.outcomes.total", 3.0, 3.0, True)
    assert checks["applications.applicants.new"] == ("applications.applicants.new", 4.0, 4.0, True)
    assert checks["review_litigation.outcomes.review"] == ("review_litigation.outcomes.review", 1.0, 1.0, True)
    assert checks["review_litigation.outcomes.litigation_direct"][1:] == (0.0, 0.0, True)  # blanks are 0


def test_a_wrong_total_fails_the_balance_and_the_applicants_check(t2021: Template) -> None:
    values = consistent()
    values[(A, "new", "total")] = 5.0
    assert failed(evaluate(t2021, values)) == [
        ("applications.balance.total", 6.0, 5.0),  # new + carried_over vs results_total + carried_forward
        ("applications.applicants.new", 5.0, 4.0),  # total vs the six applicant columns
    ]


def test_an_outcome_that_does_not_add_up(t2021: Template) -> None:
    values = consistent()
    values[(A, "rejected_duplicate", "research")] = 1.0
    assert failed(evaluate(t2021, values)) == [
        ("applications.outcomes.research", 0.0, 1.0),
        ("applications.applicants.rejected_duplicate", 0.0, 1.0),
    ]


def test_a_review_body_whose_outcomes_do_not_add_up(t2021: Template) -> None:
    values = consistent()
    values[(RL, "litigation_after_review", "pending")] = 2.0
    values[(RL, "litigation_after_review", "total")] = 3.0
    assert failed(evaluate(t2021, values)) == [("review_litigation.outcomes.litigation_after_review", 3.0, 2.0)]


def test_a_check_with_a_cell_not_recovered_is_not_evaluated(t2021: Template) -> None:
    values = consistent()
    del values[(A, "granted", "business")]
    del values[(RL, "review", "pending")]
    names = [c[0] for c in evaluate(t2021, values)]
    gone = {"applications.outcomes.business", "applications.applicants.granted", "review_litigation.outcomes.review"}
    assert names == [n for n in ALL_IDS if n not in gone]


def test_no_values_no_checks(t2021: Template) -> None:
    assert evaluate(t2021, {}) == []


def test_undivided_row_counts_in_place_of_the_rows_it_covers(t2021: Template) -> None:
    # An undivided （六）其他处理 row of one natural person: results and carried forward say so.
    values = consistent(tuple(r for r in ROWS_2021 if r not in OTHER_2021))
    values[(A, "results_total", "natural_person")] = 3.0
    values[(A, "results_total", "total")] = 4.0
    values[(A, "carried_forward", "natural_person")] = 1.0
    values[(A, "carried_forward", "total")] = 1.0
    sink = dict.fromkeys(COLUMNS, 0.0) | {"natural_person": 1.0, "total": 1.0}
    checks = evaluate(t2021, values, sink, OTHER_2021)
    names = [c[0] for c in checks]
    assert names == [n for n in ALL_IDS if n.rpartition(".")[2] not in OTHER_2021]
    assert failed(checks) == []
    assert next(c for c in checks if c[0] == "applications.outcomes.natural_person")[1:] == (3.0, 3.0, True)


def test_covered_rows_without_their_sums_leave_outcomes_unchecked(t2021: Template) -> None:
    values = consistent(tuple(r for r in ROWS_2021 if r not in OTHER_2021))
    names = [c[0] for c in evaluate(t2021, values, {}, OTHER_2021)]
    assert not [n for n in names if n.startswith("applications.outcomes.")]
    assert "applications.balance.total" in names


def test_2019_template_has_its_own_other_row() -> None:
    t2019 = load_templates()["2019"]
    rows = tuple(r for r in ROWS_2021 if r not in OTHER_2021)
    rows = rows[:rows.index("results_total")] + ("other",) + rows[rows.index("results_total"):]
    values = consistent(rows)
    values[(A, "other", "legal_service")] = 1.0
    assert failed(evaluate(t2019, values)) == [
        ("applications.outcomes.legal_service", 0.0, 1.0),
        ("applications.applicants.other", 0.0, 1.0),
    ]
