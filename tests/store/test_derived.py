"""Derived outputs: the dictionary of keys, the cross-year join, the quality page."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import pipeline
from pipeline.derived import cross_year, dictionary
from pipeline.store.quality import render
from synthetic.report import make_report
from synthetic.text import render_text


def _frames(paths: list[Path]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    results = [pipeline.extract_file(p) for p in paths]
    docs = pd.DataFrame([r.document for r in results])
    facts = pd.concat([r.facts for r in results], ignore_index=True)
    checks = pd.concat([r.checks for r in results], ignore_index=True)
    return docs, facts, checks


def test_dictionary_lists_every_key_with_labels_and_variants() -> None:
    d = dictionary()
    assert len(d) == 398
    row = d[(d.report_format == "2021") & (d.row == "denied_law_prohibited") & (d.column == "total")].iloc[0]
    assert row.row_zh == "（三）不予公开 2.其他法律行政法规禁止公开"
    assert "其他法律法规禁止公开" in row.row_variants
    social = d[(d.table == "applications") & (d.column == "social_org")].iloc[0]
    assert "社会组织" in social.column_variants


def test_cross_year_pairs_consecutive_reports_of_one_agency(tmp_path: Path) -> None:
    first, second = make_report(1, "2021"), make_report(2, "2021")
    second.agency, first.year, second.year = first.agency, 2021, 2022
    for r in (first, second):
        r.title = f"{r.agency}{r.year}年政府信息公开工作年度报告"
    first.values[("applications", "carried_forward", "natural_person")] = "4"
    second.values[("applications", "carried_over", "natural_person")] = "4"
    first.values[("applications", "carried_forward", "business")] = "2"
    second.values[("applications", "carried_over", "business")] = "1"
    paths = []
    for r in (first, second):
        p = tmp_path / f"{r.year}.txt"
        p.write_text(render_text(r, "tabs"), encoding="utf-8")
        paths.append(p)
    docs, facts, checks = _frames(paths)
    out = cross_year(docs, facts).set_index("column")
    assert len(out) == 7 and set(out["year"]) == {2021} and set(out["next_year"]) == {2022}
    assert out.loc["natural_person", ["carried_forward", "carried_over", "ok"]].tolist() == [4.0, 4.0, True]
    assert out.loc["business", ["carried_forward", "carried_over", "ok"]].tolist() == [2.0, 1.0, False]
    assert out.loc["business", "doc_id"] == docs.doc_id[0] and out.loc["business", "next_doc_id"] == docs.doc_id[1]


def test_quality_page_is_self_contained(fixtures_dir: Path) -> None:
    docs, facts, checks = _frames([fixtures_dir / "seed" / "000_02079d63849b484b.txt",
                                   fixtures_dir / "other" / "empty.txt",
                                   fixtures_dir / "text" / "tabs_inconsistent_totals_2021.txt"])
    page = render(docs, facts, checks)
    assert "http" not in page and "<script" not in page
    assert "applications.outcomes.total" in page and "empty file" in page
    assert "3 documents, 400 facts" in page
