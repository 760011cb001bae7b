"""A randomised sweep: real reports' phenomena combined at random, in every file format.

`make_case(seed, fmt, out_dir)` draws one document (mostly a national-format report of
either format, years 2019-2025, sometimes transitional; sometimes a non-report) and a
random set of phenomena (named flags, see `PHENOMENA`), writes the file for `fmt`
(`html`, `docx`, `pdf`, `doc`, `text`) and returns its `Case`: the path, the flags and
the truth (the cells the document prints, the status, agency, year and format an ideal
reader reports). `make_cases` does the same for many seeds with one LibreOffice run
per batch of PDF/.doc files. `write_truth` stores a case's truth beside its file.
"""

from __future__ import annotations

import json
import random
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import pdf as pdf_maker
from .sweep_doc import DOC_FLAGS, Key, Laid, lay_out_report
from .sweep_files import FILE_FLAGS, draw_file_flags, write_file
from .sweep_html import HTML_FLAGS
from .sweep_labels import LABEL_FLAGS
from .sweep_meta import META_FLAGS
from .sweep_other import HTML_ONLY, KINDS, other_document
from .sweep_tables import LAYOUT_FLAGS
from .sweep_text import FLAT_FLAGS
from .sweep_values import VALUE_FLAGS

FORMATS = ("html", "docx", "pdf", "doc", "text")
SUFFIX = {"html": ".html", "docx": ".docx", "pdf": ".pdf", "doc": ".doc", "text": ".txt"}
PHENOMENA = (DOC_FLAGS + VALUE_FLAGS + LABEL_FLAGS + LAYOUT_FLAGS + META_FLAGS + HTML_FLAGS
             + FLAT_FLAGS + FILE_FLAGS + tuple(f"non_report_{k}" for k in KINDS))
NON_REPORT_SHARE = 0.1
BATCH = 50  # files per LibreOffice run


@dataclass
class Case:
    """One generated file and what an ideal reader gets from it."""

    seed: int
    fmt: str
    path: Path
    phenomena: tuple[str, ...]
    status: str  # ok | partial | not_report | other_format
    agency: str | None
    year: int | None
    report_format: str | None
    cells: dict[Key, float | None] = field(default_factory=dict)
    agency_where: str = "title"
    agency_plain: str | None = None  # also right: a Traditional mirror's agency in simplified form
    printed: dict[Key, str] = field(default_factory=dict)  # each expected cell's text as printed

    @property
    def is_report(self) -> bool:
        """True for a national-format report (the documents whose cells are scored)."""
        return self.report_format is not None


def _lay_out(seed: int, fmt: str, rng: random.Random) -> Laid:
    """The document of a case: a report, or now and then a non-report."""
    if rng.random() >= NON_REPORT_SHARE:
        return lay_out_report(seed, rng, fmt)
    kinds = [k for k in KINDS if fmt == "html" or k not in HTML_ONLY]
    kind = rng.choice(kinds)
    blocks, status, year, agency = other_document(kind, rng)
    title = blocks[0].text if hasattr(blocks[0], "text") else ""
    return Laid(blocks, title, agency, year, None, status, {}, {f"non_report_{kind}"}, agency)


def plan_case(seed: int, fmt: str, out_dir: Path, work: Path) -> tuple[Case, Path | None]:
    """A case whose file is written, or (for PDF/.doc) whose DOCX source waits in `work`."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    rng = random.Random(f"sweep/{fmt}/{seed}")
    laid = _lay_out(seed, fmt, rng)
    laid.flags |= draw_file_flags(rng, fmt, laid)
    path = out_dir / f"{fmt}-{seed:05d}{SUFFIX[fmt]}"
    source = write_file(laid, fmt, rng, path, work)
    case = Case(seed, fmt, path, tuple(sorted(laid.flags)), laid.status, laid.agency, laid.year,
                laid.report_format, laid.cells, laid.where, laid.agency_plain, laid.printed or {})
    return case, source


def _convert(sources: list[tuple[Case, Path]], fmt: str, work: Path) -> None:
    """Turn waiting DOCX sources into the cases' PDF or .doc files, one soffice run per batch."""
    from extractors.office import convert_batch

    for k in range(0, len(sources), BATCH):
        batch = sources[k:k + BATCH]
        if fmt == "pdf":
            pdf_maker.to_pdf([s for _, s in batch], work / "pdf")
            for case, src in batch:
                shutil.move(work / "pdf" / (src.stem + ".pdf"), case.path)
            continue
        converted = convert_batch([s for _, s in batch], work / "doc", target="doc")
        for case, src in batch:
            result = converted[src]
            if isinstance(result, Exception):
                raise result
            shutil.move(result, case.path)


def make_cases(seeds: list[int], fmt: str, out_dir: Path) -> list[Case]:
    """The cases of `seeds` for one format, files written under `out_dir` with their truths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []
    with tempfile.TemporaryDirectory(prefix="sweep-") as tmp:
        work = Path(tmp)
        waiting: list[tuple[Case, Path]] = []
        for seed in seeds:
            case, source = plan_case(seed, fmt, out_dir, work)
            cases.append(case)
            if source is not None:
                waiting.append((case, source))
        _convert(waiting, fmt, work)
    for case in cases:
        write_truth(case)
    return cases


def make_case(seed: int, fmt: str, out_dir: Path | None = None) -> Case:
    """One case: the file for `fmt` written (under `out_dir`, else a temporary folder) with its truth."""
    out = out_dir or Path(tempfile.mkdtemp(prefix="sweep-case-"))
    return make_cases([seed], fmt, out)[0]


def write_truth(case: Case) -> Path:
    """Write the case's truth as JSON beside its file (`<name>.truth.json`); its path."""
    path = case.path.with_name(case.path.name + ".truth.json")
    data = {"seed": case.seed, "format": case.fmt, "phenomena": list(case.phenomena),
            "status": case.status, "agency": case.agency, "year": case.year,
            "report_format": case.report_format, "agency_where": case.agency_where,
            "agency_plain": case.agency_plain,
            "cells": [{"table": t, "row": r, "column": c, "value": v,
                       "printed": case.printed.get((t, r, c))}
                      for (t, r, c), v in sorted(case.cells.items())]}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path
