"""The reports' own accounting identities, evaluated on the values as printed.

A failed check is a finding about the report, never a reason to change a value.
Blank cells count as 0 in sums (reports leave zeros blank); a check whose cells
were not recovered at all is not evaluated. IDs (stable, listed in the README):

- `applications.balance.<column>`: new + carried_over = results_total + carried_forward
  (the identity printed in the table's own header);
- `applications.outcomes.<column>`: results_total = sum of the outcome rows;
- `applications.applicants.<row>`: total = sum of the six applicant columns;
- `review_litigation.outcomes.<row>`: total = upheld + corrected + other + pending.
"""

from __future__ import annotations

from .templates import Template

Values = dict[tuple[str, str, str], float | None]
APPLICANTS = ("natural_person", "business", "research", "social_org", "legal_service", "other_org")
REVIEW_PARTS = ("upheld", "corrected", "other", "pending")
TOLERANCE = 1e-6


def _sum(values: Values, keys: list[tuple[str, str, str]]) -> float | None:
    """Sum with blanks as 0; None when none of the cells was recovered."""
    present = [k for k in keys if k in values]
    if not present:
        return None
    return float(sum(values[k] or 0.0 for k in present))


def _check(out: list[tuple[str, float, float]], name: str, expected: float | None,
           actual: float | None) -> None:
    if expected is not None and actual is not None:
        out.append((name, expected, actual))


def evaluate(template: Template, values: Values,
             sink_sums: dict[str, float] | None = None) -> list[tuple[str, float, float, bool]]:
    """Every identity as (check, expected, actual, ok)."""
    out: list[tuple[str, float, float]] = []
    t = "applications"
    rows = [r.key for r in template.rows if r.table == t and r.kind == "row"]
    outcome_rows = rows[rows.index("granted"):rows.index("results_total")]
    columns = APPLICANTS + ("total",)
    for col in columns:
        _check(out, f"{t}.balance.{col}",
               _sum(values, [(t, "new", col), (t, "carried_over", col)]),
               _sum(values, [(t, "results_total", col), (t, "carried_forward", col)]))
        parts = _sum(values, [(t, r, col) for r in outcome_rows])
        if parts is not None and sink_sums and col in sink_sums:
            parts += sink_sums[col]
        _check(out, f"{t}.outcomes.{col}", _sum(values, [(t, "results_total", col)]), parts)
    for row in rows:
        _check(out, f"{t}.applicants.{row}", _sum(values, [(t, row, "total")]),
               _sum(values, [(t, row, c) for c in APPLICANTS]))
    for row in ("review", "litigation_direct", "litigation_after_review"):
        rl = "review_litigation"
        _check(out, f"{rl}.outcomes.{row}", _sum(values, [(rl, row, "total")]),
               _sum(values, [(rl, row, c) for c in REVIEW_PARTS]))
    return [(name, e, a, abs(e - a) <= TOLERANCE) for name, e, a in out]
