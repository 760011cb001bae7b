"""One document, pure: from an extracted `Document` to what it says, as a chain of named steps.

    simplified → document_lines → raw_rows → read_metadata → choose_format (align) → doubt_blank_totals
    → by_position → by_width → by_identities → transposed, two_bodies (review) → doubt_bare_blanks
    → place → read_facts (→ ocr.reject_failing) → evaluate (checks) → narrative (sections)
    → determine_status

Each step is a plain function of the previous ones' outputs, in the module named
for it (`script`, `lines`, `metadata`, `format`, `align`, `placement`, `review`, `facts`, `checks`,
`sections`, `status`); thresholds are in `settings`. Nothing here reads files,
knows file formats or writes outputs.

Example:
    >>> r = recover(extractors.extract(Path("seed.txt")))          # doctest: +SKIP
    >>> r.report_format, r.status.status, len(r.facts)
    ('2021', 'ok', 200)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extractors import Document

from ..templates import squash
from .cells import place
from .checks import evaluate
from .columns import in_printed_order
from .facts import Fact, read_facts, sink_sums
from .format import by_year_alone, choose_format
from .kind import classify
from .lines import document_lines, raw_rows
from .metadata import Metadata, read_metadata
from .ocr import read_by_ocr, reject_failing
from .order import out_of_order
from .placement import Match, doubt_bare_blanks, doubt_blank_totals
from .positions import by_position, by_width
from .review import transposed, two_bodies
from .script import simplified
from .sections import narrative
from .solve import by_identities
from .status import Status, determine_status, missing_rows, not_national, stray_rows, unread_review

__all__ = ["Check", "Fact", "Match", "Metadata", "Recovered", "Status", "recover"]

Check = tuple[str, float, float, bool]  # (check id, expected, actual, ok)


@dataclass(frozen=True)
class Recovered:
    """What one document says: metadata, national format, facts, checks, narrative, status."""

    metadata: Metadata
    report_format: str | None
    status: Status
    facts: tuple[Fact, ...] = field(default=())
    checks: tuple[Check, ...] = field(default=())
    sections: tuple[tuple[str | None, str], ...] = field(default=())
    # how it was read, for `python -m pipeline inspect`: each raw row placed on a template
    # row (after every placement rule), and the rows holding numbers that fit none
    matches: tuple[Match, ...] = field(default=())
    stray: tuple[str, ...] = field(default=())


def recover(doc: Document, year: int | None = None) -> Recovered:
    """Map a Document onto the national formats; `year` (a manifest's) overrides the text's."""
    ocr = read_by_ocr(doc)
    doc = simplified(doc)
    lines = document_lines(doc)
    rows = raw_rows(lines)
    prose = [" ".join(c for c in ln.cells if c) for ln in lines if not ln.in_table]
    full_text = "\n".join(" ".join(ln.cells) for ln in lines)
    meta = read_metadata(prose, doc.title, "\n".join((*doc.page_info, full_text)))
    choice = choose_format(rows, squash(full_text), year or meta.year)
    if choice.template is None:
        kind = classify(doc.title, prose, full_text)
        alone = by_year_alone(choice, year or meta.year) if kind.is_report and not kind.old_statistics else None
        if alone is None:
            status = not_national(choice, kind)
            return Recovered(meta, None, status, sections=tuple(narrative(lines, rows, [])))
        choice = alone
    template = choice.template
    assert template is not None
    matches, reordered = in_printed_order(out_of_order(list(choice.matches), rows, template), rows, lines)
    if reordered:  # a header printing the columns in another order: the rules by sums read the national one
        matches = doubt_blank_totals(matches, template)
    else:
        matches = by_identities(by_width(by_position(doubt_blank_totals(matches, template))), template)
    matches = doubt_bare_blanks(two_bodies(transposed(matches, rows, template), rows, template))
    placed = place(matches)
    facts, not_numbers = read_facts(template, placed)
    if ocr:
        facts, rejected = reject_failing(template, facts, placed, sink_sums(template, placed))
        placed.unplaced.extend(rejected)
    values = {f.key: f.value for f in facts}
    checks = evaluate(template, values, sink_sums(template, placed), placed.covered_rows)
    stray = stray_rows(rows, matches)
    missing = missing_rows(template, placed)
    unplaced = placed.unplaced + stray + unread_review(template, rows, missing)
    status = determine_status(template, missing, unplaced, not_numbers)
    return Recovered(meta, template.format, status, tuple(facts), tuple(checks),
                     tuple(narrative(lines, rows, placed.matched_lines)), tuple(matches), tuple(stray))
