"""Canonical cells as printed into values: numbers read with the value grammar and the column's unit.

A cell whose text is neither a number nor a blank marker keeps its raw text, gets no
value and is reported (`not numbers`); it still counts as recovered.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractors import NotANumber, parse_number

from ..templates import Template
from .cells import Placed

Key = tuple[str, str, str]


@dataclass(frozen=True)
class Fact:
    """One canonical cell: its key, its value (None: blank) and its text as printed."""

    key: Key
    value: float | None
    raw: str
    confidence: float | None = None  # OCR's confidence in the cell; None for born-digital text


def read_facts(template: Template, placed: Placed) -> tuple[list[Fact], list[str]]:
    """Facts in keys.csv order, and `key='text'` for cells that are not numbers."""
    facts: list[Fact] = []
    bad: list[str] = []
    for key in template.keys:
        if key not in placed.cells:
            continue
        raw = placed.cells[key]
        try:
            value = parse_number(raw, template.unit(key[0], key[2]))
        except NotANumber:
            value = None
            bad.append(f"{'.'.join(key)}={raw!r}")
        facts.append(Fact(key, value, raw, placed.confidence.get(key)))
    return facts, bad


def sink_sums(template: Template, placed: Placed) -> dict[str, float]:
    """Per-column values of an undivided row, so outcome sums still add up."""
    out: dict[str, float] = {}
    rule = template.row_sums["applications"]
    cols = rule.parts + (rule.total,)
    for vals in placed.sink_values.values():
        if len(vals) == len(cols):
            for col, raw in zip(cols, vals):
                try:
                    out[col] = out.get(col, 0.0) + (parse_number(raw) or 0.0)
                except NotANumber:
                    pass
    return out
