"""Recover canonical cells: pick the national format, align, and say what is missing.

`recover(rows, text)` runs the alignment against every national format, keeps the
best (header words only one format prints break ties, then the year), and returns
the raw text of every canonical cell it could place, plus what it could not:
template rows not found (missing) and rows holding numbers inside the tables that
fit no template row (unplaced). Nothing is guessed: an unplaceable row is reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import columns
from .align import MIN_SCORE, Match, align
from .labels import squash
from .rows import RawRow
from .templates import Template, load_templates

MIN_ROWS_FOR_FORMAT = 10  # matched rows with values needed to call a report national-format
MARKER_WEIGHT = 0.75


@dataclass
class Recovery:
    """The outcome of mapping one document onto a national format."""

    report_format: str | None
    cells: dict[tuple[str, str, str], str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)  # "table.row" not found
    unplaced: list[str] = field(default_factory=list)  # human-readable descriptions
    sink_values: dict[str, tuple[str, ...]] = field(default_factory=dict)  # sink row -> values
    covered_rows: list[str] = field(default_factory=list)  # row keys a sink row stands for
    matched_lines: list[int] = field(default_factory=list)  # stream lines used by tables


def _marker_count(template: Template, text: str) -> int:
    """How many header words found only in this format the document prints."""
    return sum(1 for m in template.markers if m in text)


def choose_format(rows: list[RawRow], squashed_text: str, year: int | None
                  ) -> tuple[Template | None, list[Match]]:
    """The best-fitting national format and its alignment, or (None, []) if none fits."""
    scored = []
    templates = list(load_templates().values())
    markers = {t.format: _marker_count(t, squashed_text) for t in templates}
    decisive = [t for t in templates if markers[t.format] >= 2
                and all(markers[o.format] == 0 for o in templates if o is not t)]
    for template in decisive or templates:
        matches, total = align(rows, template)
        with_values = sum(1 for m in matches if m.raw.n_values > 0)
        total += MARKER_WEIGHT * markers[template.format]
        scored.append((total, with_values, template, matches))
    scored.sort(key=lambda s: -s[0])
    best = scored[0]
    if len(scored) > 1 and abs(scored[0][0] - scored[1][0]) < 0.5 and year is not None:
        by_year = "2021" if year >= 2021 else "2019"
        best = next(s for s in scored if s[2].format == by_year)
    if best[1] < MIN_ROWS_FOR_FORMAT:
        return None, []
    return best[2], best[3]


def recover(rows: list[RawRow], squashed_text: str, year: int | None) -> Recovery:
    """Canonical cells of the document, with what is missing and what could not be placed."""
    template, matches = choose_format(rows, squashed_text, year)
    if template is None:
        return Recovery(None)
    matches = columns.repair(matches)
    rec = Recovery(template.format)
    placed_rows: set[str] = set()
    for m in matches:
        rec.matched_lines.append(m.raw.line)
        if m.row.kind == "sink":
            rec.sink_values[m.row.key] = tuple(v for v in m.raw.own + m.raw.extra if v)
            rec.unplaced.append(f"{m.row.table} row '{_label(m.raw)}' ({m.raw.n_values} values): "
                                f"{m.row.note.split(':')[0]}")
            continue
        if m.values is None:
            rec.unplaced.append(f"{m.row.table}.{m.row.key} ({m.raw.n_values} values for "
                                f"{m.row.n_values} columns)")
            placed_rows.add(f"{m.row.table}.{m.row.key}")  # reported above, not missing
            continue
        for key, value in zip(m.row.cells, m.values):
            rec.cells.setdefault(key, value)
        placed_rows.update(f"{t}.{r}" for t, r, _ in m.row.cells)
    covered = {key for m in matches for key in m.row.covers}
    rec.covered_rows = sorted(covered)
    for trow in template.rows:
        if trow.kind != "row":
            continue
        name = f"{trow.table}.{trow.key}"
        if name in placed_rows or trow.key in covered:
            continue
        rec.missing.append(name)
    rec.unplaced.extend(_stray_rows(rows, matches))
    return rec


def _stray_rows(rows: list[RawRow], matches: list[Match]) -> list[str]:
    """Rows holding numbers between placed rows of the same table that fit no template row."""
    used = {id(m.raw) for m in matches}
    out = []
    for a, b in zip(matches, matches[1:]):
        if a.row.table != b.row.table:
            continue
        for raw in rows[a.raw.index + 1:b.raw.index]:
            if id(raw) not in used and raw.n_values > 0 and raw.labels:
                out.append(f"{a.row.table}: unrecognised row '{_label(raw)}' "
                           f"({raw.n_values} values)")
    return out


def _label(raw: RawRow) -> str:
    """A row's label as printed, shortened for messages."""
    text = " ".join(raw.labels)
    return text if len(text) <= 40 else text[:39] + "…"


__all__ = ["MIN_SCORE", "Recovery", "recover", "squash"]
