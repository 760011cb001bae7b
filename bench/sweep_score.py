"""Scoring the sweep: each case's result against its truth, and the tables per format and phenomenon.

A cell is right when the value read equals the truth (a blank reads as None); wrong when
a value is placed that differs, or a cell is present that the document does not print;
missing when the document prints it and nothing was read. Wrong cells are the worst
outcome; next come dropped documents (a national-format report read as `other_format`,
`not_report` or `failed`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from synthetic.sweep import Case

Key = tuple[str, str, str]
DROPPED = ("other_format", "not_report", "failed")
# Flattening styles that print an empty cell as nothing at all (no delimiter, no place kept).
NO_TRACE = frozenset({"flat_spaces", "flat_single", "flat_cells", "flat_ideographic",
                      "flat_unicode_spaces", "flat_nbsp"})


def undecidable(case: Case) -> set[Key]:
    """Cells no reader can place: rows printing some values and some empty cells, in a
    style where an empty cell leaves no trace (`1 0 3` for four columns could be any three)."""
    if not NO_TRACE & set(case.phenomena):
        return set()
    rows: dict[tuple[str, str], list[Key]] = defaultdict(list)
    one_line = "review_rows" not in case.phenomena  # the review table's 15 values on one line
    for key in case.cells:
        rows[(key[0], "*") if one_line and key[0] == "review_litigation" else key[:2]].append(key)
    out: set[Key] = set()
    for keys in rows.values():
        texts = [case.printed.get(k, "") for k in keys]
        if "" in texts and any(texts):
            out.update(keys)
    return out


@dataclass
class Score:
    """How one case was read."""

    case: Case
    status: str
    error: str | None
    agency: str | None
    year: int | None
    report_format: str | None
    right: int = 0
    missing: int = 0
    missing_empty: int = 0  # of which printed as an empty cell (lost where a dump drops empty cells)
    missing_silent: int = 0  # of which in a document whose status is ok (no reason given)
    undecidable: int = 0  # cells in rows whose empty cells left no trace (see `undecidable`)
    right_undecidable: int = 0  # of which read right all the same
    wrong: list[tuple[Key, float | None, Any]] = field(default_factory=list)

    @property
    def status_ok(self) -> bool:
        """True when the status is the expected one."""
        return self.status == self.case.status

    @property
    def dropped(self) -> bool:
        """True for a national-format report read as no report of a national format."""
        return self.case.is_report and self.status in DROPPED

    @property
    def agency_ok(self) -> bool:
        """True when the agency read is the one printed (spacing and width aside; a Traditional
        mirror's agency may be read in simplified characters)."""
        return _norm(self.agency) in (_norm(self.case.agency), _norm(self.case.agency_plain or self.case.agency))

    @property
    def year_ok(self) -> bool:
        """True when the year read is the year covered."""
        return self.year == self.case.year

    @property
    def format_ok(self) -> bool:
        """True when the national format read is the one printed."""
        return self.report_format == self.case.report_format


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def _same(want: float | None, got: Any) -> bool:
    if want is None or got is None:
        return want is None and got is None
    return abs(float(got) - want) <= 1e-6 * max(1.0, abs(want))


def score(case: Case, document: dict[str, Any], facts: list[dict[str, Any]]) -> Score:
    """Compare one result (its documents row and fact rows) with the case's truth."""
    s = Score(case, document["status"], document.get("error"), document.get("agency"),
              document.get("year"), document.get("report_format"))
    got = {(f["table"], f["row"], f["column"]): f["value"] for f in facts}
    lost = undecidable(case)
    s.undecidable = len(lost)
    s.right_undecidable = sum(1 for k in lost if k in got and _same(case.cells[k], got[k]))
    for key, want in case.cells.items():
        if key not in got:
            s.missing += 1
            s.missing_empty += case.printed.get(key) == ""
            s.missing_silent += s.status == "ok"  # missing, and the document says nothing of it
        elif _same(want, got[key]):
            s.right += 1
        else:
            s.wrong.append((key, want, got[key]))
    s.wrong.extend((key, None, got[key]) for key in sorted(got.keys() - case.cells.keys()))
    return s


@dataclass
class Tally:
    """Totals over a group of cases."""

    docs: int = 0
    reports: int = 0
    cells: int = 0
    right: int = 0
    wrong: int = 0
    missing: int = 0
    missing_empty: int = 0
    missing_silent: int = 0
    undecidable: int = 0
    right_undecidable: int = 0
    status_ok: int = 0
    agency_ok: int = 0
    year_ok: int = 0
    format_ok: int = 0
    dropped: int = 0
    docs_with_wrong: int = 0

    def add(self, s: Score) -> None:
        """Count one scored case."""
        self.docs += 1
        self.cells += len(s.case.cells)
        self.right += s.right
        self.wrong += len(s.wrong)
        self.missing += s.missing
        self.missing_empty += s.missing_empty
        self.missing_silent += s.missing_silent
        self.undecidable += s.undecidable
        self.right_undecidable += s.right_undecidable
        self.status_ok += s.status_ok
        self.docs_with_wrong += bool(s.wrong)
        if s.case.is_report:
            self.reports += 1
            self.agency_ok += s.agency_ok
            self.year_ok += s.year_ok
            self.format_ok += s.format_ok
            self.dropped += s.dropped

    @property
    def read_share(self) -> float:
        """Share of expected cells read right."""
        return self.right / self.cells if self.cells else 1.0

    @property
    def decidable_share(self) -> float:
        """Share read right of the cells a reader can place (undecidable rows left out)."""
        n = self.cells - self.undecidable
        return (self.right - self.right_undecidable) / n if n else 1.0


def tallies(scores: list[Score]) -> dict[str, dict[str, Tally]]:
    """format -> group -> Tally; groups are `ALL` and every phenomenon present."""
    out: dict[str, dict[str, Tally]] = defaultdict(lambda: defaultdict(Tally))
    for s in scores:
        for fmt in (s.case.fmt, "ALL"):
            out[fmt]["ALL"].add(s)
            for p in s.case.phenomena:
                out[fmt][p].add(s)
    return out


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:5.1f}%" if d else "    -"


HEADER = (f"{'group':<28}{'docs':>5}{'cells':>7}{'read':>8}{'decid.':>8}{'wrong':>6}{'miss':>6}{'(empty)':>8}"
          f"{'silent':>7}"
          f"{'status':>8}"
          f"{'agency':>8}{'year':>8}{'format':>8}{'drop':>5}")


def table_lines(groups: dict[str, Tally], title: str) -> list[str]:
    """One printed table: ALL first, then each phenomenon by name."""
    lines = [f"== {title}", HEADER]
    for name in ["ALL"] + sorted(g for g in groups if g != "ALL"):
        t = groups[name]
        decid = _pct(t.right - t.right_undecidable, t.cells - t.undecidable)
        lines.append(f"{name[:27]:<28}{t.docs:>5}{t.cells:>7}{_pct(t.right, t.cells):>8}{decid:>8}{t.wrong:>6}"
                     f"{t.missing:>6}{t.missing_empty:>8}{t.missing_silent:>7}{_pct(t.status_ok, t.docs):>8}"
                     f"{_pct(t.agency_ok, t.reports):>8}"
                     f"{_pct(t.year_ok, t.reports):>8}{_pct(t.format_ok, t.reports):>8}{t.dropped:>5}")
    return lines


def as_dict(t: Tally) -> dict[str, Any]:
    """A tally as plain JSON data, with its read share."""
    return {**t.__dict__, "read_share": round(t.read_share, 5),
            "decidable_share": round(t.decidable_share, 5)}


def case_record(s: Score) -> dict[str, Any]:
    """One scored case as plain JSON data."""
    c = s.case
    return {"path": str(c.path), "format": c.fmt, "seed": c.seed, "phenomena": list(c.phenomena),
            "expected": {"status": c.status, "agency": c.agency, "year": c.year,
                         "report_format": c.report_format, "cells": len(c.cells)},
            "got": {"status": s.status, "error": s.error, "agency": s.agency, "year": s.year,
                    "report_format": s.report_format},
            "right": s.right, "missing": s.missing, "missing_empty": s.missing_empty,
            "missing_silent": s.missing_silent, "undecidable": s.undecidable,
            "wrong": [{"cell": ".".join(k), "want": w, "got": g} for k, w, g in s.wrong]}
