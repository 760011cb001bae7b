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
"""

from __future__ import annotations

from ..templates import Template

Values = dict[tuple[str, str, str], float | None]
REVIEW_BODIES = ("review", "litigation_direct", "litigation_after_review")
TOLERANCE = 1e-6


def _sum(values: Values, keys: list[tuple[str, str, str]]) -> float | None:
    """Sum with blanks as 0; None when any of the cells was not recovered."""
    if any(k not in values for k in keys):
        return None
    return float(sum(values[k] or 0.0 for k in keys))


def _check(out: list[tuple[str, float, float]], name: str, expected: float | None,
           actual: float | None) -> None:
    if expected is not None and actual is not None:
        out.append((name, expected, actual))


def evaluate(template: Template, values: Values, sink_sums: dict[str, float] | None = None,
             covered: list[str] | tuple[str, ...] = ()) -> list[tuple[str, float, float, bool]]:
    """Every identity as (check, expected, actual, ok); `covered` rows are summed in `sink_sums`."""
    out: list[tuple[str, float, float]] = []
    t = "applications"
    rows = [r.key for r in template.rows if r.table == t and r.kind == "row"]
    outcome_rows = [r for r in rows[rows.index("granted"):rows.index("results_total")]
                    if r not in covered]
    applicants = template.row_sums[t].parts
    columns = applicants + (template.row_sums[t].total,)
    for col in columns:
        _check(out, f"{t}.balance.{col}",
               _sum(values, [(t, "new", col), (t, "carried_over", col)]),
               _sum(values, [(t, "results_total", col), (t, "carried_forward", col)]))
        parts = _sum(values, [(t, r, col) for r in outcome_rows])
        if parts is not None and covered:
            parts = parts + sink_sums[col] if sink_sums and col in sink_sums else None
        _check(out, f"{t}.outcomes.{col}", _sum(values, [(t, "results_total", col)]), parts)
    for row in [r for r in rows if r not in covered]:
        _check(out, f"{t}.applicants.{row}", _sum(values, [(t, row, "total")]),
               _sum(values, [(t, row, c) for c in applicants]))
    rl = "review_litigation"
    review = template.row_sums[rl]
    for row in REVIEW_BODIES:
        _check(out, f"{rl}.outcomes.{row}", _sum(values, [(rl, row, review.total)]),
               _sum(values, [(rl, row, c) for c in review.parts]))
    return [(name, e, a, abs(e - a) <= TOLERANCE) for name, e, a in out]
