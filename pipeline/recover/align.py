"""Align raw rows to a template's row sequence (an edit-distance alignment over label scores).

A report prints the national rows in a fixed order, so rows are placed as a whole
sequence rather than one label at a time: a monotone alignment maximises the sum
of match rewards, where a reward combines the fuzzy label score with whether the
row's values fit the template row. Unmatched raw rows are skipped (and reported
by `status` if they hold numbers inside the tables); unmatched template rows are
missing. Where the values of a matched row go is `placement`'s business.
"""

from __future__ import annotations

import numpy as np
from rapidfuzz import fuzz, process

from ..templates import Template, TemplateRow, squash
from .lines import RawRow
from .placement import OUTCOMES, REVIEW_WORDS, Match, applicant_name, blank_values, place_values, self_check
from .settings import SETTINGS


def score_matrix(rows: list[RawRow], template: Template) -> np.ndarray:
    """Best fuzzy score (0-100) of every raw row against every template row."""
    forms: list[str] = []
    owner: list[int] = []
    for i, row in enumerate(rows):
        for f in row.forms:
            if len(f) <= SETTINGS.max_label:
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
    for i, row in enumerate(rows):
        if _review_header(row) or _applicant_header(row):
            # 结果维持 结果纠正 … 总计, or 商业企业 科研机构 … 其它 (a header repeated after a page
            # break): never a request row, however `总计` or `其它` (3.其他) scores
            out[i, [j for j, t in enumerate(template.rows) if t.table == "applications"]] = 0.0
    for j, trow in enumerate(template.rows):
        if trow.kind == "wide":
            run = self_check(template, trow)
            out[:, j] = [_wide_score(r, trow.n_values, run)
                         if r.n_values >= trow.n_values // 2 or r.n_values == 0
                         or _shows_k_cells(r, trow.n_values)
                         else 0.0 for r in rows]
    return out


def _score_clipped_labels(rows: list[RawRow], template: Template, out: np.ndarray) -> None:
    """Score rows holding values but no matching label against the start of each label.

    Word tables with a fixed row height clip a long label in the PDF they export
    (`1.申请人无正当理由逾期` for `1.申请人无正当理由逾期不补正、…`): a clipped label is
    a prefix. Only rows that match nothing otherwise are rescored, so this costs
    nothing on clean reports.
    """
    for i, row in enumerate(rows):
        if row.n_values == 0 or out[i].max() >= SETTINGS.min_score:
            continue
        for j, trow in enumerate(template.rows):
            best = 0.0
            for form in row.forms:
                if len(form) < SETTINGS.min_prefix:
                    continue
                for label in trow.labels:
                    if len(label) > len(form):
                        best = max(best, fuzz.ratio(form, label[:len(form)]) - SETTINGS.prefix_penalty)
            out[i, j] = max(out[i, j], best)


def _wide_score(row: RawRow, k: int, run: int) -> float:
    """The review table's data row: k value cells under a header naming 复议 / 诉讼.

    In a real grid the row may print no value at all (a body with no review and no
    suit): its k visible blank cells are the row.
    """
    if row.n_values == 0 and (not row.grid or row.closing):
        # Flattened, a wholly blank data row prints nothing, or a line of empty cells: the
        # header line of outcomes for two or three bodies above it stands for the row. So
        # in a borderless print, the header the table's last row before the next part.
        return 100.0 if _blank_wide_header(row, k) else 0.0
    if row.grid and row.n_values == 0:
        if blank_values(row, k) is None:
            return 0.0
    elif _shows_k_cells(row, k):
        pass  # k cells, mostly blank, their blanks seen: none is lost
    elif row.n_values < k // 2 or place_values(row, k, run) is None:
        return 0.0
    around = squash("".join(row.context) + "".join(row.labels))
    return 100.0 if ("复议" in around or "诉讼" in around or "结果维持" in around) else 0.0


def _shows_k_cells(row: RawRow, k: int) -> bool:
    """The row prints exactly k cells with its blanks seen (a grid row; tabs or pipes
    keeping empty cells), so a row of few values has lost none."""
    cells = row.own or (row.extra if len(row.extra_lines) <= 1 else [])
    return len(cells) == k and (row.grid or "" in cells)


_BODY_NAMES = ("未经复议直接起诉", "复议后起诉", "行政复议", "行政诉讼")
_OUTCOMES = (*OUTCOMES, "其它结果", "合计", "维持")  # (维持 alone after 结果维持 is counted)


def _review_header(row: RawRow) -> bool:
    """A label naming two review outcomes or more (a review table's header line)."""
    text = squash("".join(row.labels))
    return sum(word in text for word in REVIEW_WORDS) >= 2


_HEADER_WORDS = ("申请人情况", "法人或其他组织")


def _applicant_header(row: RawRow) -> bool:
    """The request table's header: labels that are all applicant columns' names, three or
    more (商业企业 科研机构 … 其它), or one such name with no value between two header words
    (`总计` one word per line, after 法人或其他组织 and before 商业企业)."""
    names = [squash(label) for label in row.labels]
    if len(names) >= 3 and all(applicant_name(n) for n in names):
        return True
    return (len(names) == 1 and row.n_values == 0 and bool(applicant_name(names[0]))
            and bool(row.context) and _header_word(row.context[-1]) and _header_word(row.follow))


def _header_word(text: str) -> bool:
    return bool(applicant_name(squash(text))) or squash(text) in _HEADER_WORDS


def _blank_wide_header(row: RawRow, k: int = 15) -> bool:
    """True for a line of review outcomes (结果维持 … 总计) for two bodies or three, followed by
    nothing (in a document printing values inline) or by its k empty cells: a review table
    whose one data row is blank."""
    shown = blank_values(row, k) is not None
    if not (row.bare or row.closing or shown):
        return False
    rest = squash("".join(row.labels))
    found = 0
    for word in _OUTCOMES:
        found += rest.count(word)
        rest = rest.replace(word, "")
    if shown and not rest and found == 1:  # one header word per line: the header is the context
        context = squash("".join(row.context))
        for word in (*_OUTCOMES, *_BODY_NAMES):
            found += context.count(word) if word in _OUTCOMES else 0
            context = context.replace(word, "")
        return found >= 10 and not context
    return found >= 10 and not rest  # nothing but outcomes, however the line was parted


def _reward(raw: RawRow, trow: TemplateRow, score: float, group: int
            ) -> tuple[float, tuple[str, ...] | None]:
    """Reward of placing `raw` on `trow` (-inf when not allowed) and the values it fills."""
    if score < SETTINGS.min_score or raw.glued:
        return float("-inf"), None  # (values glued into the label cell: where they stood is lost)
    k = trow.n_values
    if trow.kind == "sink":
        # An undivided row is reported, not placed; printed blank (its blank cells visible) it
        # is still that row, or its blanks would fill the leaf it resembles (3.其他).
        if score < SETTINGS.sink_score:
            return float("-inf"), None
        if raw.n_values == 0:
            blanks = blank_values(raw, raw_width(raw))
            if blanks is None or not (raw.grid or score >= SETTINGS.blank_row_score):
                return float("-inf"), None
            return 0.4 * score / 100, blanks
        return score / 100 + 0.5, None
    if raw.n_values == 0:
        # An all-blank row only where empty cells are visible: a label alone on a line may
        # have lost its values elsewhere (column-wise text dumps). In a real grid, or in
        # flattened text whose delimiters (tabs, pipes) show the empty cells, a label the
        # template knows with its empty cells is a blank row. A review/litigation body in
        # flattened text must be near-exact: a flattened two-level header (行政复议 | | …)
        # shows empty cells too.
        blanks = blank_values(raw, k)
        if trow.kind == "wide" and (not raw.grid or raw.closing) and _blank_wide_header(raw, k):
            return 0.4 * score / 100, ("",) * k
        if blanks is None and (raw.bare and trow.table != "review_litigation"
                               or raw.closing and trow.table == "review_litigation" and trow.kind == "row"
                               ) and score >= SETTINGS.blank_row_score:
            # Where every other row prints its values on its label's line, a label line
            # with none, followed by the next row's label, prints a row of blanks
            # (layout dumps of a blank table leave the cells as spaces). The review table's
            # last row alone before `五、存在的主要问题…`, after rows with values, is one too.
            blanks = ("",) * k
        if raw.grid or trow.table != "review_litigation":
            allowed = blanks is not None
        else:
            allowed = blanks is not None and score >= SETTINGS.blank_row_score
        if not allowed:
            return float("-inf"), None
        return 0.4 * score / 100, blanks
    values = place_values(raw, k, group)
    if values is None:
        return score / 100 - 0.3, None
    return score / 100 + 0.5, values


def raw_width(raw: RawRow) -> int:
    """How many value cells a row prints, empty ones included: on its own line, or one per
    line under it (`（六）其他处理 |` over seven lone `|`)."""
    if not raw.own and raw.extra_lines and all(len(line) == 1 for line in raw.extra_lines):
        return len(raw.extra_lines)
    return max(len(raw.own), 1)


def align(rows: list[RawRow], template: Template) -> tuple[list[Match], float]:
    """The best monotone placement of raw rows on template rows, and its total reward.

    Row by row, the dynamic programme is vectorised: a match extends the previous
    row's best diagonally, and a running maximum carries skipped template rows.
    """
    rows = [r for r in rows if r.labels or r.n_values > 0]
    scores = score_matrix(rows, template)
    keep = [i for i in range(len(rows)) if scores[i].max() >= SETTINGS.min_score]
    rows = [rows[i] for i in keep]
    scores = scores[keep]
    n, m = len(rows), len(template.rows)
    best = np.zeros((n + 1, m + 1), dtype=np.float64)
    placed: dict[tuple[int, int], tuple[str, ...] | None] = {}
    groups = [self_check(template, trow) for trow in template.rows]
    for i in range(1, n + 1):
        step = best[i - 1].copy()
        for j0 in np.nonzero(scores[i - 1] >= SETTINGS.min_score)[0]:
            reward, values = _reward(rows[i - 1], template.rows[j0], float(scores[i - 1, j0]),
                                     groups[j0])
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
