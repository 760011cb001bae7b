"""Align raw rows to a template's row sequence (an edit-distance alignment over label scores).

A report prints the national rows in a fixed order, so rows are placed as a whole
sequence rather than one label at a time: a monotone alignment maximises the sum
of match rewards, where a reward combines the fuzzy label score with whether the
row's values fit the template row. Unmatched raw rows are skipped (and reported
by `recover` if they hold numbers inside the tables); unmatched template rows are
missing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from .labels import squash
from .numbers import NotANumber, parse_number
from .rows import RawRow
from .templates import Template, TemplateRow

MIN_SCORE = 62.0  # below this a label is not the template's (ratio of normalised forms)
BLANK_ROW_SCORE = 92.0  # a label-only row is read as an all-blank row only above this
MAX_LABEL = 80  # longer "labels" are narrative sentences
MIN_PREFIX = 6  # a clipped label must keep this many characters to be read as a prefix
PREFIX_PENALTY = 8.0
REVIEW_RUN = 5  # upheld, corrected, other, pending, total


@dataclass(frozen=True)
class Match:
    """A raw row placed on a template row, with the values it fills (None: cannot place)."""

    raw: RawRow
    row: TemplateRow
    score: float
    values: tuple[str, ...] | None


def place_values(raw: RawRow, k: int, group: int = 0) -> tuple[str, ...] | None:
    """The k value cells of a row, or None when its values cannot be placed without guessing.

    Merged label cells leave empty cells between label and values and after them
    (seed: `4.保护第三方合法权益\\t\\t0…\\t`): surplus empties are trimmed from the end,
    then from the start. Values from following value-only lines are used only when
    the row's own line has too few: one of those lines holding exactly the row's values
    (a header row, then the data line), or all of them together (one cell per line).
    A stray number among them (a bare page number) makes the row ambiguous: None.
    When trimming from either end gives different rows (a blank first or last cell
    beside delimiters left by merged cells), the row's own identity (in each run of
    `group` cells the last is the sum of the others) must pick one, or the row is not placed.
    """
    if raw.n_values == 0:
        return ("",) * k if len(raw.own) >= k else None
    own = _trim(raw.own, k)
    if len(own) == k:
        other = _trim(raw.own, k, start_first=True)
        if other == own:
            return tuple(own)
        fits = [o for o in (own, other) if group and _adds_up(o, group)]
        return tuple(fits[0]) if len(fits) == 1 else None
    if raw.extra and not any(raw.own):
        whole = [_trim(line, k) for line in raw.extra_lines if sum(1 for v in line if v) > 1]
        if len(whole) == 1 and len(whole[0]) == k:  # lone numbers beside it: page numbers
            return tuple(whole[0])
        for candidate in (raw.extra, [v for v in raw.extra if v]):  # one cell per line
            trimmed = _trim(candidate, k)
            if len(trimmed) == k:
                # a vanished blank and a page number can add up to k: where the row
                # carries its own total, it must add up
                return tuple(trimmed) if not group or _adds_up(trimmed, group) else None
    return None


def _trim(values: list[str], k: int, start_first: bool = False) -> list[str]:
    """Drop surplus empty cells, trailing ones first (leading ones first with `start_first`)."""
    v = list(values)
    ends = (0, -1) if start_first else (-1, 0)
    for end in ends:
        while len(v) > k and v and not v[end]:
            v.pop(end)
    return v


def _adds_up(values: list[str], group: int) -> bool:
    """True when in each run of `group` values the last is the sum of the others (blank = 0)."""
    try:
        numbers = [parse_number(v) or 0.0 for v in values]
    except NotANumber:
        return False
    runs = [numbers[i:i + group] for i in range(0, len(numbers), group)]
    return all(len(r) == group and abs(sum(r[:-1]) - r[-1]) < 1e-6 for r in runs)


def score_matrix(rows: list[RawRow], template: Template) -> np.ndarray:
    """Best fuzzy score (0-100) of every raw row against every template row."""
    forms: list[str] = []
    owner: list[int] = []
    for i, row in enumerate(rows):
        for f in row.forms:
            if len(f) <= MAX_LABEL:
                forms.append(f)
                owner.append(i)
    tforms: list[str] = []
    towner: list[int] = []
    for j, trow in enumerate(template.rows):
        for f in trow.labels:
            tforms.append(f)
            towner.append(j)
    out = np.zeros((len(rows), len(template.rows)), dtype=np.float32)
    if forms and tforms:
        m = process.cdist(forms, tforms, scorer=fuzz.ratio, dtype=np.uint8, workers=1)
        by_row = np.zeros((len(rows), len(tforms)), dtype=np.uint8)
        np.maximum.at(by_row, np.asarray(owner), m)
        np.maximum.at(out.T, np.asarray(towner), by_row.T.astype(np.float32))
    _score_clipped_labels(rows, template, out)
    for j, trow in enumerate(template.rows):
        if trow.kind == "wide":
            out[:, j] = [_wide_score(r, trow.n_values) if r.n_values >= trow.n_values // 2 else 0.0
                         for r in rows]
    return out


def _score_clipped_labels(rows: list[RawRow], template: Template, out: np.ndarray) -> None:
    """Score rows holding values but no matching label against the start of each label.

    Word tables with a fixed row height clip a long label in the PDF they export
    (`1.申请人无正当理由逾期` for `1.申请人无正当理由逾期不补正、…`): a clipped label is
    a prefix. Only rows that match nothing otherwise are rescored, so this costs
    nothing on clean reports.
    """
    for i, row in enumerate(rows):
        if row.n_values == 0 or out[i].max() >= MIN_SCORE:
            continue
        for j, trow in enumerate(template.rows):
            best = 0.0
            for form in row.forms:
                if len(form) < MIN_PREFIX:
                    continue
                for label in trow.labels:
                    if len(label) > len(form):
                        best = max(best, fuzz.ratio(form, label[:len(form)]) - PREFIX_PENALTY)
            out[i, j] = max(out[i, j], best)


def self_check(trow: TemplateRow) -> int:
    """Size of the runs of a row's cells whose last is the sum of the others (0: none).

    An applications or review row ends in its total; the review table's wide row is
    three runs of five (复议, 直接起诉, 复议后起诉), each ending in its total.
    """
    if not trow.cells or trow.cells[-1][2] != "total":
        return 0
    return REVIEW_RUN if trow.kind == "wide" else trow.n_values


def _wide_score(row: RawRow, k: int) -> float:
    """The review table's data row: k value cells under a header naming 复议 / 诉讼."""
    if row.n_values < k // 2 or place_values(row, k, REVIEW_RUN) is None:
        return 0.0
    around = squash("".join(row.context) + "".join(row.labels))
    return 100.0 if ("复议" in around or "诉讼" in around or "结果维持" in around) else 0.0


def _reward(raw: RawRow, trow: TemplateRow, score: float) -> tuple[float, tuple[str, ...] | None]:
    """Reward of placing `raw` on `trow` (-inf when not allowed) and the values it fills."""
    if score < MIN_SCORE:
        return float("-inf"), None
    k = trow.n_values
    if trow.kind == "sink":
        if score < BLANK_ROW_SCORE or raw.n_values == 0:
            return float("-inf"), None
        return score / 100 + 0.5, None
    if raw.n_values == 0:
        # An all-blank row only where empty cells are visible (a grid, tabs, pipes): a label
        # alone on a line may have lost its values elsewhere (column-wise text dumps).
        if score < BLANK_ROW_SCORE or trow.table == "review_litigation" or len(raw.own) < k:
            return float("-inf"), None
        return 0.4 * score / 100, ("",) * k
    values = place_values(raw, k, self_check(trow))
    if values is None:
        return score / 100 - 0.3, None
    return score / 100 + 0.5, values


def align(rows: list[RawRow], template: Template) -> tuple[list[Match], float]:
    """The best monotone placement of raw rows on template rows, and its total reward.

    Row by row, the dynamic programme is vectorised: a match extends the previous
    row's best diagonally, and a running maximum carries skipped template rows.
    """
    rows = [r for r in rows if r.labels or r.n_values > 0]
    scores = score_matrix(rows, template)
    keep = [i for i in range(len(rows)) if scores[i].max() >= MIN_SCORE]
    rows = [rows[i] for i in keep]
    scores = scores[keep]
    n, m = len(rows), len(template.rows)
    best = np.zeros((n + 1, m + 1), dtype=np.float64)
    placed: dict[tuple[int, int], tuple[str, ...] | None] = {}
    for i in range(1, n + 1):
        step = best[i - 1].copy()
        for j0 in np.nonzero(scores[i - 1] >= MIN_SCORE)[0]:
            reward, values = _reward(rows[i - 1], template.rows[j0], float(scores[i - 1, j0]))
            if reward > float("-inf") and best[i - 1, j0] + reward > step[j0 + 1]:
                step[j0 + 1] = best[i - 1, j0] + reward
                placed[(i, int(j0) + 1)] = values
        best[i] = np.maximum.accumulate(step)
    matches: list[Match] = []
    i, j = n, m
    while i > 0 and j > 0:
        if best[i, j] == best[i - 1, j]:
            i -= 1
        elif best[i, j] == best[i, j - 1]:
            j -= 1
        else:
            matches.append(Match(rows[i - 1], template.rows[j - 1], float(scores[i - 1, j - 1]),
                                 placed[(i, j)]))
            i, j = i - 1, j - 1
    matches.reverse()
    return matches, float(best[n, m])
