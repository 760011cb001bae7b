"""One sweep report laid out as blocks, with exactly the cells it prints.

`lay_out_report(seed, rng, fmt)` draws the national format and year (sometimes a
transitional report), the value, label, layout and metadata phenomena, and composes
heading, opening, sections with their tables and signature; a cut-off document ends
inside the request table or after the first tables, and its truth keeps only the cells
printed before the cut. A Traditional-Chinese mirror converts every text at the end.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from extractors.document import Block, Cell, Paragraph, Table

from .report import Report, make_report
from .sweep_labels import Labeler, draw_label_flags
from .sweep_meta import Meta, draw_meta, draw_meta_flags, narrative
from .sweep_tables import applications, draw_layout_flags, plan, proactive, review, table_opts, undivide
from .sweep_values import apply_values, draw_value_flags
from .traditional import to_traditional

Key = tuple[str, str, str]
DOC_FLAGS = ("format_2019", "format_2021", "transitional_undivided", "transitional_2019_in_2021",
             "cut_mid_requests", "cut_after_tables", "traditional")


@dataclass
class Laid:
    """A document laid out as blocks, with what an ideal reader gets from it."""

    blocks: list[Block]
    title: str
    agency: str
    year: int
    report_format: str | None
    status: str
    cells: dict[Key, float | None]
    flags: set[str]
    info_agency: str | None = None
    where: str = "title"  # where the agency is printed
    agency_plain: str | None = None  # the agency in simplified characters (a mirror's original)
    printed: dict[Key, str] | None = None  # each expected cell's text as printed


def _draw_format(rng: random.Random) -> tuple[str, int, set[str]]:
    """(national format, year covered, flags): both formats, transitional reports sometimes."""
    r = rng.random()
    if r < 0.06:
        return "2021", rng.choice((2021, 2022)), {"format_2021", "transitional_undivided"}
    if r < 0.11:
        return "2019", 2021, {"format_2019", "transitional_2019_in_2021"}
    if r < 0.45:
        return "2019", rng.choice((2019, 2020)), {"format_2019"}
    return "2021", rng.randint(2021, 2025), {"format_2021"}


def _convert(block: Block, phrases: bool) -> Block:
    """A block with every text in Traditional characters."""
    if isinstance(block, Paragraph):
        return Paragraph(to_traditional(block.text, phrases))
    assert isinstance(block, Table)
    return Table(tuple(Cell(c.row, c.col, to_traditional(c.text, phrases), c.row_span, c.col_span)
                       for c in block.cells))


def _sections(r: Report, meta: Meta, lab: Labeler, rng: random.Random, flags: set[str],
              cut: tuple[str, int] | None) -> tuple[list[Block], set[str]]:
    """Heading, opening, sections and signature; the table rows printed ('table.row' names)."""
    opts = table_opts(flags, rng)
    blocks: list[Block] = [Paragraph(t) for t in (*meta.heading, meta.opening)]
    printed: set[str] = set()
    rows = plan(r)
    texts = narrative(r.year, rng, "blank_requests" in flags)
    for n, (heading, paras) in enumerate(texts.items()):
        blocks.append(Paragraph(heading))
        blocks.extend(Paragraph(p) for p in paras)
        if heading.startswith("二"):
            blocks.extend(proactive(r, lab, opts, rng))
            printed |= {f"{t}.{k}" for t, k, _ in r.truth if t.startswith("proactive_")}
        elif heading.startswith("三"):
            upto = cut[1] if cut and cut[0] == "mid" else None
            blocks.extend(applications(r, lab, opts, upto))
            printed |= {f"applications.{k}" for k, _, _ in rows[:upto]}
            if upto is not None:
                return blocks, printed
        elif heading.startswith("四"):
            blocks.append(review(r, lab, opts))
            printed.add("review_litigation.*")
        if cut and cut[0] == "after" and cut[1] == n:
            return blocks, printed
    return blocks + [Paragraph(t) for t in meta.signature], printed


def lay_out_report(seed: int, rng: random.Random, fmt: str) -> Laid:
    """A random national-format report for a file of format `fmt`, laid out, with its truth."""
    national, year, flags = _draw_format(rng)
    flags |= draw_value_flags(rng, national) | draw_label_flags(rng) | draw_layout_flags(rng)
    flags |= draw_meta_flags(rng, fmt)
    r = make_report(seed, national, big="commas" in flags)
    r.year = year
    apply_values(r, rng, flags)
    if "transitional_undivided" in flags:
        undivide(r)
    cut: tuple[str, int] | None = None
    if rng.random() < 0.08:
        flags.add("cut_mid_requests")
        cut = ("mid", rng.randint(2, len(plan(r)) - 2))
    elif rng.random() < 0.06:
        flags.add("cut_after_tables")
        cut = ("after", rng.choice((1, 2, 2)))
    if cut:  # the signature is not printed: the agency must stand elsewhere
        flags.discard("agency_signature")
    if rng.random() < 0.07:
        flags.add("traditional")
    meta = draw_meta(rng, year, flags)
    lab = Labeler(rng, flags, national)
    blocks, printed = _sections(r, meta, lab, rng, flags, cut)
    cells = {k: v for k, v in r.truth.items()
             if f"{k[0]}.{k[1]}" in printed or (k[0] == "review_litigation" and "review_litigation.*" in printed)}
    status = "partial" if cut or r.undivided_other else "ok"
    title, agency = meta.title, meta.agency
    if "traditional" in flags:
        phrases = rng.random() < 0.5
        blocks = [_convert(b, phrases) for b in blocks]
        title, agency = to_traditional(title, phrases), to_traditional(agency, phrases)
    info = agency if meta.info_agency else None
    return Laid(blocks, title, agency, year, national, status, cells, flags, info, meta.where,
                meta.agency, {k: r.values[k] for k in cells})
