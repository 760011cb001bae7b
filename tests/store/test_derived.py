"""Derived outputs: the dictionary of keys, the cross-year join, the quality page."""

from __future__ import annotations

import re
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
    assert "http" not in page and "src=" not in page  # no asset of any kind (tests/store/test_quality_page.py)
    assert "applications.outcomes.total" in page and "empty file" in page
    assert "<b>3</b>documents" in page and "<b>400</b>facts" in page


def test_reports_has_one_row_per_body_and_year_and_says_which_document_stands_for_it() -> None:
    from pipeline.derived import reports

    def doc(doc_id: str, path: str, agency: str, year: int, status: str = "ok", n_facts: int = 200,
            failures: int = 0) -> dict[str, object]:
        return {"doc_id": doc_id, "path": path, "agency": agency, "year": year, "status": status,
                "report_format": "2021", "n_facts": n_facts, "n_check_failures": failures}

    docs = pd.DataFrame([
        {**doc("a", "x/a.pdf", "某局", 2021), "n_files": 2},  # two copies
        doc("b", "b.html", "某县人民政府", 2022, "partial", 180), doc("c", "c.pdf", "某县人民政府", 2022),
        doc("d", "d1.txt", "某镇", 2023, n_facts=150), doc("e", "d2.txt", "某 镇", 2023, n_facts=200),
        doc("f", "f.txt", "某委", 2023, failures=2), doc("g", "g.txt", "某委", 2023),
        {**doc("h", "h.txt", "新闻", 2023, "not_report"), "report_format": None},
    ])
    out = reports(docs).set_index(["agency", "year"])
    assert len(out) == 4  # the not_report page is no report
    assert out.loc[("某局", 2021), ["doc_id", "path", "n_documents", "n_files", "chosen_because"]].tolist() == [
        "a", "x/a.pdf", 1, 2, "copies of one document"]
    assert out.loc[("某县人民政府", 2022), ["doc_id", "chosen_because"]].tolist() == ["c", "ok over partial"]
    assert out.loc[("某 镇", 2023), ["doc_id", "n_documents", "chosen_because"]].tolist() == [
        "e", 2, "most facts read"]  # one body however its name is spaced
    assert out.loc[("某委", 2023), ["doc_id", "chosen_because"]].tolist() == ["g", "fewest failed checks"]


def test_quality_page_names_the_run_flags_documents_and_shows_coverage(tmp_path: Path) -> None:
    from pipeline.derived import reports

    docs, facts, checks = _frames([Path(__file__).parents[1] / "fixtures" / "seed" / "000_02079d63849b484b.txt"])
    odd = docs.iloc[0].to_dict() | {"path": "odd.txt", "doc_id": "x", "status": "partial", "year": 2022,
                                    "error": "unplaced: applications: unrecognised row '其他情形' (7 values)"}
    docs = pd.concat([docs, pd.DataFrame([odd])], ignore_index=True)
    run = {"run_id": "20261201T000000-abc", "status": "completed", "started": "2026-12-01T00:00:00+0000",
           "finished": "2026-12-01T00:01:00+0000", "pipeline_version": "0.4.0", "raw": "data/raw"}
    page = render(docs, facts, checks, reports(docs), run)
    assert "<dt>run</dt><dd>20261201T000000-abc</dd>" in page and "<dt>pipeline</dt><dd>0.4.0</dd>" in page
    assert "<td class='k'>odd.txt</td><td class='k'>华龙区岳村镇人民政府</td>" in page  # flagged, with its agency
    assert "<td class='k'>其他情形</td><td class='n'>1</td>" in page  # a label that matched nothing, counted
    # coverage: the body has an ok report for 2021 and a partial one for 2022
    row = re.search(r"<tr[^>]*><td[^>]*>华龙区岳村镇人民政府</td>(.*?)</tr>", page)
    assert row is not None
    assert re.findall(r"data-year='(\d+)' data-status='(\w+)'", row.group(1)) == [("2021", "ok"), ("2022", "partial")]


def test_series_gives_the_same_measures_from_both_formats(tmp_path: Path) -> None:
    from pipeline.derived import reports, series

    old, new = make_report(3, "2019"), make_report(4, "2021")
    paths = []
    for r in (old, new):
        r.title = f"{r.agency}{r.year}年政府信息公开工作年度报告"
        p = tmp_path / f"{r.fmt}.txt"
        p.write_text(render_text(r, "tabs"), encoding="utf-8")
        paths.append(p)
    docs, facts, _ = _frames(paths)
    out = series(reports(docs), facts).set_index(["report_format", "measure", "column"])["value"]

    def printed(r: object, rows: list[str], col: str, table: str = "applications") -> float:
        return float(sum(int(r.values[(table, row, col)] or 0) for row in rows))  # type: ignore[attr-defined]

    for r, other in ((old, ["other"]), (new, ["other_no_correction", "other_unpaid_fee", "other_other"])):
        for col in ("natural_person", "business", "total"):
            assert out[(r.fmt, "other_handling", col)] == printed(r, other, col)
            assert out[(r.fmt, "requests_new", col)] == printed(r, ["new"], col)
            assert out[(r.fmt, "unavailable", col)] == printed(
                r, ["unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear"], col)
        assert out[(r.fmt, "review", "total")] == printed(r, ["review"], "total", "review_litigation")
    measures = {m for _, m, _ in out.index}
    assert measures == {m for f, m, _ in out.index if f == "2019"} == {m for f, m, _ in out.index if f == "2021"}
    assert not any(m.startswith("proactive") for m in measures)  # not the same measure in both formats


def test_cross_year_pairs_two_spellings_of_one_body(tmp_path: Path) -> None:
    first, second = make_report(1, "2021"), make_report(2, "2021")
    (first.agency, first.year), (second.agency, second.year) = ("淮安市洪泽区人民政府", 2021), ("洪泽区人民政府", 2022)
    for r in (first, second):
        r.title = f"{r.agency}{r.year}年政府信息公开工作年度报告"
    first.values[("applications", "carried_forward", "business")] = "2"
    second.values[("applications", "carried_over", "business")] = "1"
    paths = []
    for r in (first, second):
        p = tmp_path / f"{r.year}.txt"
        p.write_text(render_text(r, "tabs"), encoding="utf-8")
        paths.append(p)
    docs, facts, _ = _frames(paths)
    out = cross_year(docs, facts).set_index("column")
    assert set(out["agency_id"]) == {"320813/人民政府"}
    assert out.loc["business", ["carried_forward", "carried_over", "ok"]].tolist() == [2.0, 1.0, False]
