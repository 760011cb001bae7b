"""Which national format a document follows, decided by its labels.

Every format's template is aligned with the document's raw rows; the best total
reward wins. Header words only one format prints (本年制发件数 vs 本年新制作数量)
add to it, and decide alone when one format has several and the other none. Totals
that tie are settled by the year the report covers (`formats.csv`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..templates import Template, format_for_year, load_templates, national_markers
from .align import align
from .lines import RawRow
from .placement import Match
from .settings import SETTINGS


def marker_count(template: Template, squashed_text: str) -> int:
    """How many header words found only in this format the document prints."""
    return sum(1 for m in template.markers if m in squashed_text)


@dataclass(frozen=True)
class FormatChoice:
    """The national format chosen (None: none fits) and the alignment of the best candidate."""

    template: Template | None
    matches: list[Match] = field(default_factory=list)
    candidate: Template | None = None  # the best fit, chosen or not (for the reason why not)
    markers: int = 0  # header words only the candidate's format prints


def found_rows(template: Template, matches: list[Match]) -> dict[str, tuple[int, int]]:
    """Per table of the template: (rows found, rows printed in the national layout)."""
    out: dict[str, tuple[int, int]] = {}
    for table in template.tables:
        rows = [r for r in template.rows if r.table == table and r.kind == "row"]
        keys = {r.key for r in rows}
        got = {m.row.key for m in matches if m.row.table == table and m.row.key in keys}
        if table == "review_litigation" and any(m.row.kind == "wide" for m in matches):
            got = keys
        out[table] = (len(got), len(rows))
    return out


def choose_format(rows: list[RawRow], squashed_text: str, year: int | None) -> FormatChoice:
    """The best-fitting national format and its alignment (template None if none fits).

    Recognised by labels: enough template rows found (`min_rows_for_format`), or a
    few (`min_rows_with_markers`) where the document prints header words only this
    format has (a crawl cut off after the first tables) or the request table's applicant
    columns only the national formats have (one page of a paginated report).
    """
    scored = []
    templates = list(load_templates().values())
    markers = {t.format: marker_count(t, squashed_text) for t in templates}
    decisive = [t for t in templates if markers[t.format] >= SETTINGS.decisive_markers
                and all(markers[o.format] == 0 for o in templates if o is not t)]
    for template in decisive or templates:
        matches, total = align(rows, template)
        # Recognised by labels, not values: a blank row only matches where its blank cells
        # are visible, so every match is a row of the template found in the document.
        found = len(matches)
        total += SETTINGS.marker_weight * markers[template.format]
        scored.append((total, found, template, matches))
    scored.sort(key=lambda s: -s[0])
    best = scored[0]
    if len(scored) > 1 and abs(scored[0][0] - scored[1][0]) < SETTINGS.tie_margin and year is not None:
        by_year = format_for_year(year) or "2019"
        best = next((s for s in scored if s[2].format == by_year), best)
    _, found, template, matches = best
    national = sum(1 for m in national_markers() if m in squashed_text) >= SETTINGS.decisive_markers
    decided = template in decisive or national
    if found < SETTINGS.min_rows_for_format and not (decided and found >= SETTINGS.min_rows_with_markers):
        return FormatChoice(None, matches, template, markers[template.format])
    return FormatChoice(template, matches, template, markers[template.format])


def by_year_alone(choice: FormatChoice, year: int | None) -> FormatChoice | None:
    """The national format of a report's year where its tables are not printed (or not read):
    a report on 2019 or later follows a national format, so a page of a paginated report
    holding only its first sections, or a crawl cut off before the tables, is that format
    with every table missing (`partial`), not `other_format`. The rows found are kept only
    when the best fit was that same format."""
    fmt = format_for_year(year) if year is not None else None
    if fmt is None:
        return None
    template = load_templates()[fmt]
    same = choice.candidate is not None and choice.candidate.format == fmt
    return FormatChoice(template, list(choice.matches) if same else [], template, choice.markers)
