"""How the sweep's reports print their numbers: blanks, units, signs, widths; truth kept beside.

Each flag is one phenomenon of /work/shared/PHENOMENA.md's "Values" list; `apply_values`
rewrites `report.values` (the text printed) and `report.truth` (what it must read as)
together, so every renderer prints the same thing and the truth stays exact.
"""

from __future__ import annotations

import random

from .report import APPLICANT_COLS, FULLWIDTH, Report

# Zero as real tables print it; all but 0.0000 read as a blank (None).
BLANK_MIX = ("", "/", "—", "-", "－", "无", "0.0000")
REVIEW_ROWS = ("review", "litigation_direct", "litigation_after_review")
VALUE_FLAGS = ("blank_markers", "blank_requests", "blank_review_row", "blank_total_col",
               "fullwidth", "commas", "signed_change", "units", "fee_decimals", "arith_slip")


def draw_value_flags(rng: random.Random, fmt: str) -> set[str]:
    """A random set of value phenomena (signed 增/减 only where the 2019 format has the column)."""
    odds = {"blank_markers": 0.45, "blank_requests": 0.12, "blank_review_row": 0.2,
            "blank_total_col": 0.12, "fullwidth": 0.2, "commas": 0.25, "signed_change": 0.5,
            "units": 0.2, "fee_decimals": 0.3, "arith_slip": 0.2}
    flags = {f for f, p in odds.items() if rng.random() < p}
    if fmt != "2019":
        flags.discard("signed_change")
    if "blank_requests" in flags:
        flags.discard("blank_total_col")
    return flags


def _blank_requests(r: Report, rng: random.Random) -> None:
    """A township with no request: every cell of the request table zero and printed blank."""
    marker = "" if rng.random() < 0.7 else rng.choice(("/", "—", "无"))
    for key in [k for k in r.values if k[0] == "applications"]:
        r.values[key] = marker
        r.truth[key] = None


def _blank_review_row(r: Report, rng: random.Random) -> None:
    """One body of the review/litigation table with no case at all, printed blank."""
    row = rng.choice(REVIEW_ROWS)
    marker = rng.choice(("", "", "/", "—"))
    for col in ("upheld", "corrected", "other", "pending", "total"):
        r.values[("review_litigation", row, col)] = marker
        r.truth[("review_litigation", row, col)] = None


def _fee_decimals(r: Report, rng: random.Random) -> None:
    """Fees and purchase amounts in 万元 with four or six decimals."""
    for key in [k for k in r.values if k[2] in ("amount_10k_yuan", "amount")]:
        places = rng.choice((4, 6))
        value = round(rng.uniform(0, 300), places) if rng.random() < 0.7 else 0.0
        r.values[key] = f"{value:.{places}f}"
        r.truth[key] = value


def _signed_change(r: Report, rng: random.Random) -> None:
    """The 2019 format's 本年增/减: a leading `+` on rises, negative falls."""
    for key in [k for k in r.values if k[2] == "change"]:
        value = rng.choice((-3, -1, 0, 1, 2, 5, 12))
        r.values[key] = f"+{value}" if value > 0 and rng.random() < 0.8 else str(value)
        r.truth[key] = float(value)


def _with_unit(key: tuple[str, str, str], value: float, rng: random.Random) -> str | None:
    """A value with the unit a cell prints (`251000元`, `12.5万元`, `3件`), or None for no unit."""
    if key[2] == "amount_10k_yuan":
        if rng.random() < 0.5 and value * 10000 == int(value * 10000):
            return f"{int(value * 10000)}元"
        return f"{value:.10g}万元"
    if key[2] in ("amount", "change") or value != int(value) or rng.random() < 0.5:
        return None
    return f"{int(value)}{'件' if key[0] == 'applications' or key[0] == 'review_litigation' else '条'}"


def _arith_slip(r: Report, rng: random.Random) -> None:
    """One or two request-table counts printed off, as real reports' own arithmetic fails."""
    keys = sorted(k for k in r.values if k[0] == "applications")
    for key in rng.sample(keys, k=rng.choice((1, 1, 2))):
        value = int(r.truth[key] or 0) + rng.choice((1, 1, 2, 3, 10))
        r.values[key], r.truth[key] = str(value), float(value)


def apply_values(r: Report, rng: random.Random, flags: set[str]) -> None:
    """Rewrite the report's printed values (and their truth) as the value `flags` say."""
    if "arith_slip" in flags:
        _arith_slip(r, rng)
    if "blank_requests" in flags:
        _blank_requests(r, rng)
    if "blank_review_row" in flags:
        _blank_review_row(r, rng)
    if "fee_decimals" in flags:
        _fee_decimals(r, rng)
    if "signed_change" in flags:
        _signed_change(r, rng)
    total_blank = set()
    if "blank_total_col" in flags:
        rows = sorted({k[1] for k in r.values if k[0] == "applications"})
        total_blank = set(rng.sample(rows, k=max(1, len(rows) // 3)))
    for key in sorted(r.values):
        value = r.truth[key]
        if value is None:
            continue
        text = r.values[key]
        if key[0] == "applications" and key[2] == "total" and key[1] in total_blank:
            r.values[key], r.truth[key] = "", None
            continue
        if "blank_markers" in flags and value == 0 and rng.random() < 0.45:
            text = rng.choice(BLANK_MIX)
            r.values[key] = text
            r.truth[key] = 0.0 if text == "0.0000" else None
            continue
        if "commas" in flags and abs(value) >= 1000 and value == int(value):
            text = f"{int(value):,}"
        elif "units" in flags and rng.random() < 0.6:
            text = _with_unit(key, value, rng) or text
        if "fullwidth" in flags and rng.random() < 0.5:
            text = text.translate(FULLWIDTH)
        r.values[key] = text


__all__ = ["APPLICANT_COLS", "BLANK_MIX", "VALUE_FLAGS", "apply_values", "draw_value_flags"]
