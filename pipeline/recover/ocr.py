"""Readings by OCR confirmed by the report's own sums, never corrected by them.

A recogniser can be sure and wrong (a blurred `36` read as `16` with confidence 0.98).
In a document read by OCR, a cell of the request or review table is kept only where an
identity it takes part in (its row's total, its column's balance or outcomes, a review
body's total) is evaluated and holds; the cells of failing identities, and those no
identity could test (a cell beside an unsure one), are left out and reported. A printed
slip and a misreading look alike, and a value left out is better than a wrong one. The
identities only confirm or reject; no value is ever derived from them. Tables without
identities (第二十条) keep only what OCR read with confidence `SURE` or more.
"""

from __future__ import annotations

from extractors import Document

from ..templates import Template
from .cells import Placed
from .checks import evaluate, identities
from .facts import Fact

Key = tuple[str, str, str]
SURE = 0.8  # OCR's confidence a value needs where no identity can confirm it (第二十条 tables)


def read_by_ocr(doc: Document) -> bool:
    """True when some table cell of the document was read by OCR."""
    return any(c.confidence is not None for t in doc.tables for c in t.cells)


def reject_failing(template: Template, facts: list[Fact], placed: Placed,
                   sinks: dict[str, float]) -> tuple[list[Fact], list[str]]:
    """The facts without the cells of failing identities, and one message per identity."""
    values: dict[Key, float | None] = {f.key: f.value for f in facts}
    results = {name: ok for name, _, _, ok in evaluate(template, values, sinks, placed.covered_rows)}
    rules = identities(template, placed.covered_rows)
    tested = {key[0] for rule in rules for key in rule.left + rule.right}  # tables with identities
    confirmed: set[Key] = set()
    failing: set[Key] = set()
    for rule in rules:
        if rule.name in results:
            (confirmed if results[rule.name] else failing).update(rule.left + rule.right)
    kept, dropped, unsure = [], [], []
    for f in facts:
        if f.key[0] in tested and (f.key in failing or f.key not in confirmed):
            dropped.append(f.key)
        elif f.key[0] not in tested and f.confidence is not None and f.confidence < SURE:
            unsure.append(f.key)
        else:
            kept.append(f)
    notes = [f"{'.'.join(k)} (OCR's reading {f'{c:.2f}' if c is not None else '-'} sure, "
             f"and no sum to confirm it: left out)"
             for k, c in ((k, next(f.confidence for f in facts if f.key == k)) for k in unsure)]
    if not dropped:
        return kept, notes
    failed = sorted(name for name, ok in results.items() if not ok)
    rows = sorted({f"{t}.{r}" for t, r, _ in dropped})
    message = (f"{len(dropped)} cells read by OCR that the report's own sums do not confirm, left out "
               f"({', '.join(rows[:6])}{f' (+{len(rows) - 6} more)' if len(rows) > 6 else ''}"
               f"{'; failing: ' + ', '.join(failed[:4]) if failed else ''})")
    return kept, [message] + notes
