"""Which national format a document follows, decided by its labels.

Every format's template is aligned with the document's raw rows; the best total
reward wins. Header words only one format prints (本年制发件数 vs 本年新制作数量)
add to it, and decide alone when one format has several and the other none. Totals
that tie are settled by the year the report covers (`formats.csv`).
"""

from __future__ import annotations

from ..templates import Template, format_for_year, load_templates
from .align import align
from .lines import RawRow
from .placement import Match
from .settings import SETTINGS


def marker_count(template: Template, squashed_text: str) -> int:
    """How many header words found only in this format the document prints."""
    return sum(1 for m in template.markers if m in squashed_text)


def choose_format(rows: list[RawRow], squashed_text: str, year: int | None
                  ) -> tuple[Template | None, list[Match]]:
    """The best-fitting national format and its alignment, or (None, []) if none fits."""
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
    if best[1] < SETTINGS.min_rows_for_format:
        return None, []
    return best[2], best[3]
