"""The reports' own accounting identities, evaluated on the values as printed.

A failed check is a finding about the report, never a reason to change a value.
Blank cells count as 0 in sums (reports leave zeros blank); a check with any cell
not recovered is not evaluated (a missing row says nothing about the report). An
undivided row standing for several rows (`covers`) counts in their place. IDs (stable, listed in the README):

- `applications.balance.<column>`: new + carried_over = results_total + carried_forward
  (the identity printed in the table's own header);
- `applications.outcomes.<column>`: results_total = sum of the outcome rows;
- `applications.applicants.<row>`: total = sum of the six applicant columns;
- `review_litigation.outcomes.<row>`: total = upheld + corrected + other + pending.

`identities` lists them as equations (left side = right side, cells by key), which is
what placement by identities (`placement.by_identities`) solves for.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..templates import Template

Key = tuple[str, str, str]
Values = dict[Key, float | None]
REVIEW_BODIES = ("review", "litigation_direct", "litigation_after_review")
TOLERANCE = 1e-6


@dataclass(frozen=True)
class Identity:
    """One check: the sum of `left`'s cells equals the sum of `right`'s (`sink`: a column
    whose undivided row's values count on the right)."""

    name: str
    left: tuple[Key, ...]
    right: tuple[Key, ...]
    sink: str | None = None


def identities(template: Template, covered: list[str] | tuple[str, ...] = ()) -> list[Identity]:
    """Every identity of the template, in check order; `covered` rows are left out of sums."""
    out: list[Identity] = []
    t = "applications"
    rows = [r.key for r in template.rows if r.table == t and r.kind == "row"]
    outcome_rows = [r for r in rows[rows.index("granted"):rows.index("results_total")]
                    if r not in covered]
    applicants = template.row_sums[t].parts
    for col in applicants + (template.row_sums[t].total,):
        out.append(Identity(f"{t}.balance.{col}", ((t, "new", col), (t, "carried_over", col)),
                            ((t, "results_total", col), (t, "carried_forward", col))))
        out.append(Identity(f"{t}.outcomes.{col}", ((t, "results_total", col),),
                            tuple((t, r, col) for r in outcome_rows), col if covered else None))
    total = template.row_sums[t].total
    for row in [r for r in rows if r not in covered]:
        out.append(Identity(f"{t}.applicants.{row}", ((t, row, total),),
                            tuple((t, row, c) for c in applicants)))
    rl = "review_litigation"
    review = template.row_sums[rl]
    for row in REVIEW_BODIES:
        out.append(Identity(f"{rl}.outcomes.{row}", ((rl, row, review.total),),
                            tuple((rl, row, c) for c in review.parts)))
    return out


def _sum(values: Values, keys: tuple[Key, ...]) -> float | None:
    """Sum with blanks as 0; None when any of the cells was not recovered."""
    if any(k not in values for k in keys):
        return None
    return float(sum(values[k] or 0.0 for k in keys))


def evaluate(template: Template, values: Values, sink_sums: dict[str, float] | None = None,
             covered: list[str] | tuple[str, ...] = ()) -> list[tuple[str, float, float, bool]]:
    """Every identity as (check, expected, actual, ok); `covered` rows are summed in `sink_sums`."""
    out: list[tuple[str, float, float, bool]] = []
    for rule in identities(template, covered):
        expected, actual = _sum(values, rule.left), _sum(values, rule.right)
        if actual is not None and rule.sink is not None:
            actual = actual + sink_sums[rule.sink] if sink_sums and rule.sink in sink_sums else None
        if expected is not None and actual is not None:
            out.append((rule.name, expected, actual, abs(expected - actual) <= TOLERANCE))
    return out
