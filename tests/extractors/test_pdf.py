"""PDF extractor: real PDFs (LibreOffice from python-docx, and a real WPS report), exact cells.

Fixtures and their generator live in tests/fixtures/pdf/. Three kinds of truth:
- the synthetic layout (`synthetic.report.layout`) the PDFs were typeset from: every cell,
  span and text of every table must come back (Document level);
- `<name>.truth.csv`: every canonical cell through `pipeline.extract_file`;
- `<name>.tables.csv`: the extractor's own tables, a regression golden
  (regenerate with UPDATE_GOLDEN=1; a missing golden fails).
"""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import re
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
import pytest

import extractors
from conftest import cell_differences, facts_by_key, read_truth
from extractors import pdf
from extractors.document import Document, Paragraph, Table
from extractors.errors import ExtractionError, UnsafeFile
from extractors.pdf_geometry import drawn_rules, text_columns
from synthetic.report import layout, make_report

HERE = Path(__file__).parents[1] / "fixtures" / "pdf"
HONGZE = HERE / "real-pdf-hongze-2023"
# Loaded under its own name: other formats' fixture folders have a make_fixtures.py too.
_spec = importlib.util.spec_from_file_location("pdf_make_fixtures", HERE / "make_fixtures.py")
assert _spec is not None and _spec.loader is not None
make_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_fixtures)
SPECS, _quirks = make_fixtures.SPECS, make_fixtures._quirks

RULED = ["ruled-2021-serif-split-header", "ruled-2019-sans-repeat-header", "landscape-2021-wqy",
         "spaced-fullwidth-2019-serif"]
# typeset exactly too: a borderless table's merged cells read from the space they leave;
# blank cells; a table printed as two tables on two pages comes back as one
AS_TYPESET = [*RULED, "borderless-2021-sans", "borderless-2021-landscape", "blank-2021-ruled",
              "blank-requests-2021-ruled", "mixed-2019-lineless", "continued-2021-repeat-label",
              "continued-2021-blank-label-no-top"]
# all blank and borderless: the review table's one data row prints nothing at all
UNPRINTED_REVIEW_ROW = ["blank-2019-lineless", "blank-requests-2021-lineless"]
# derived from the first fixture: same tables, different container
SAME_AS_FIRST = ["rotated-2021", "encrypted-owner-password"]
ALL = [*SPECS, *SAME_AS_FIRST]


def _extract(name: str) -> Document:
    path = HONGZE / "report.pdf" if name == "hongze" else HERE / f"{name}.pdf"
    return pdf.extract(path)


def _cells(table: Table) -> set[tuple[int, int, str, int, int]]:
    return {(c.row, c.col, "".join(c.text.split()), c.row_span, c.col_span) for c in table.cells}


def _expected_tables(name: str) -> list[Table]:
    seed, fmt, _, quirks = SPECS[name]
    return [b for b in layout(_quirks(make_report(seed, fmt), quirks)) if isinstance(b, Table)]


@pytest.mark.parametrize("name", AS_TYPESET + SAME_AS_FIRST)
def test_every_cell_of_every_table_as_typeset(name: str) -> None:
    """Grids, merged cells (spans), texts: identical to the layout the DOCX was built from."""
    source = name if name in SPECS else RULED[0]
    want = _expected_tables(source)
    got = _extract(name).tables
    assert len(got) == len(want)
    for w, g in zip(want, got):
        assert _cells(g) == _cells(w)


@pytest.mark.parametrize("name", UNPRINTED_REVIEW_ROW)
def test_blank_borderless_tables_as_typeset(name: str) -> None:
    """Every cell a blank table prints, at its grid column; the row nothing marks stays unknown."""
    want = _expected_tables(name)
    got = _extract(name).tables
    assert len(got) == len(want) == 3
    assert _cells(got[0]) == _cells(want[0]) and _cells(got[1]) == _cells(want[1])
    assert _cells(got[2]) == {c for c in _cells(want[2]) if c[0] < 3}


def _table_rows(doc: Document) -> list[dict[str, str]]:
    rows = []
    for i, t in enumerate(doc.tables):
        pages = t.row_pages or (t.page,) * t.n_rows
        for c in t.cells:
            rows.append({"table_index": str(i), "row_index": str(c.row), "col_index": str(c.col),
                         "text": c.text, "row_span": str(c.row_span), "col_span": str(c.col_span),
                         "page": str(pages[c.row])})
    return sorted(rows, key=lambda r: (int(r["table_index"]), int(r["row_index"]),
                                       int(r["col_index"])))


@pytest.mark.parametrize("name", [*ALL, "hongze"])
def test_tables_match_golden(name: str) -> None:
    """The extracted tables, cell by cell with pages, against the committed golden."""
    golden = (HONGZE / "tables.csv") if name == "hongze" else HERE / f"{name}.tables.csv"
    rows = _table_rows(_extract(name))
    if os.environ.get("UPDATE_GOLDEN") == "1":
        with open(golden, "w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
    assert golden.exists(), f"missing golden {golden.name}: run with UPDATE_GOLDEN=1"
    with open(golden, newline="", encoding="utf-8") as fh:
        assert list(csv.DictReader(fh)) == rows


def _cell(table: Table, text: str) -> tuple[int, int, int, int]:
    (c,) = [c for c in table.cells if c.text == text]
    return c.row, c.col, c.row_span, c.col_span


def test_hongze_grid() -> None:
    """The WPS report: stacked and wrapped labels joined, tables continued over pages."""
    doc = _extract("hongze")
    assert doc.n_pages == 5 and doc.title == "洪泽区人民政府2023年政府信息公开工作年度报告"
    proactive, apps, review = doc.tables
    # one 第二十条 table over pages 2-3: four columns on page 2, two on page 3, joined
    assert proactive.row_pages == (2,) * 8 + (3,) * 6
    assert _cell(proactive, "第二十条第（八）项") == (11, 0, 1, 4)
    assert _cell(proactive, "7730.28") == (13, 1, 1, 3)
    # applications over pages 3-4; merged cells continued down the break
    assert apps.row_pages == (3,) * 17 + (4,) * 9
    assert _cell(apps, "三、本年度办理结果") == (5, 0, 20, 1)  # one char per line, 20 rows
    assert _cell(apps, "（四）无法提供") == (15, 1, 3, 1)
    assert _cell(apps, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）") == (6, 1, 1, 2)
    assert _cell(apps, "5.要求行政机关确认或重新出具已获取信息") == (22, 2, 1, 1)
    assert apps.row_texts()[23] == ["（六）其他处理"] + ["0"] * 7  # undivided, as printed
    assert _cell(apps, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）") == (0, 0, 3, 3)
    assert review.row_texts()[3] == ["10", "1", "0", "0", "0", "0", "0", "0", "0", "0", "5",
                                     "0", "0", "0", "0"]


@pytest.mark.parametrize("name", [*ALL, "hongze"])
def test_no_page_furniture(name: str) -> None:
    """Page numbers (`- 3 -`) and running headers never become rows or paragraphs."""
    doc = _extract(name)
    texts = [c.text for t in doc.tables for c in t.cells] + [p.text for p in doc.paragraphs]
    assert not [t for t in texts if re.fullmatch(r"[-—－]\s*[0-9０-９]+\s*[-—－]", t)]
    title = doc.paragraphs[0].text
    assert sum(p.text.replace(" ", "") == title.replace(" ", "") for p in doc.paragraphs) == 1


def test_table_pages_only_are_parsed_with_pdfplumber() -> None:
    """Speed: the narrative-only first and last pages of the Hongze report are not parsed."""
    texts, tabular, _ = pdf._page_texts(pdfium.PdfDocument(str(HONGZE / "report.pdf")), 5)
    parsed = pdf._parse_pages(HONGZE / "report.pdf", texts, tabular, pdf.running_lines(texts), [])
    assert sorted(parsed) == [2, 3, 4]


def test_pages_of_blank_tables_are_parsed() -> None:
    """No number on any page: drawn rules, or text in columns, make a page a table page."""
    for name, drawn in (("blank-2021-ruled", True), ("blank-2019-lineless", False)):
        path = HERE / f"{name}.pdf"
        src = pdfium.PdfDocument(str(path))
        texts, tabular, _ = pdf._page_texts(src, len(src))
        assert not any(pdf._tabular(t) for t in texts)
        assert all(tabular)
        assert [drawn_rules(src[i]) for i in range(len(src))] == [drawn] * len(src)
    src = pdfium.PdfDocument(str(HONGZE / "report.pdf"))  # white boxes behind every line
    assert [drawn_rules(src[i]) or text_columns(src[i].get_textpage()) for i in (0, 4)] == [
        False, False]


def test_blank_rows_over_a_page_break() -> None:
    """Blank values: the rows either side of a break stay apart (a new item starts a row),
    each with its seven blanks; the group labels keep their spans over the break."""
    apps = _extract("blank-requests-2021-ruled").tables[1]
    assert apps.row_pages[14:16] == (1, 2)
    rows = apps.row_texts()
    assert rows[14] == ["8.属于行政查询事项"] + [""] * 7
    assert rows[15] == ["（四）无法提供", "1.本机关不掌握相关政府信息"] + [""] * 7
    assert _cell(apps, "（三）不予公开") == (7, 1, 8, 1)
    assert _cell(apps, "三、本年度办理结果") == (5, 0, 22, 1)


def test_borderless_blank_cells_at_their_columns() -> None:
    """A borderless row printing only its label is a row of blanks on the header's columns,
    also on a page with no header; zeros printed as nothing keep their column."""
    doc = _extract("blank-requests-2021-lineless")
    proactive, apps, _ = doc.tables
    assert ["规章", "0", "0", "1"] in proactive.row_texts()
    assert apps.row_pages == (1,) * 4 + (2,) * 20 + (3,) * 4
    assert apps.row_texts()[8] == ["2.其他法律行政法规禁止公开"] + [""] * 7
    assert apps.row_texts()[27] == ["四、结转下年度继续办理"] + [""] * 7
    mixed = _extract("mixed-2019-lineless").tables[1]
    assert mixed.row_texts()[4] == ["二、上年结转政府信息公开申请数量", "—", "/", "无", "", "", "",
                                    "/"]
    fees = _extract("mixed-2019-lineless").tables[0].rows()[14]  # -2 centred over 本年增/减's
    assert [(c.text, c.col, c.col_span) for c in fees] == [("行政事业性收费", 0, 1), ("2", 1, 1),
                                                           ("-2", 2, 2)]  # two columns


def test_continued_tables_joined() -> None:
    """A table printed as two, the second on the next page: one table, whether the second
    repeats the header and the group labels or leaves them blank and has no top rule."""
    for name in ("continued-2021-repeat-label", "continued-2021-blank-label-no-top"):
        apps = _extract(name).tables[1]
        assert apps.row_pages == (1,) * 10 + (2,) * 18
        assert _cell(apps, "（三）不予公开") == (7, 1, 8, 1)
        assert _cell(apps, "三、本年度办理结果") == (5, 0, 22, 1)
        assert sum(c.text == "申请人情况" for c in apps.cells) == 1


SWEEP = sorted(make_fixtures.SWEEP)


@pytest.mark.parametrize("seed", SWEEP)
def test_borderless_sweep_cases_end_to_end(seed: int) -> None:
    """Values and labels wrapped in narrow cells (see make_fixtures.SWEEP): every
    cell the sweep case prints, through `pipeline.extract_file`, and the status it should get."""
    pipeline = pytest.importorskip("pipeline")
    path = HERE / f"sweep-{seed}.pdf"
    truth = json.loads(path.with_name(path.name + ".truth.json").read_text(encoding="utf-8"))
    want = {(c["table"], c["row"], c["column"]): c["value"] for c in truth["cells"]}
    result = pipeline.extract_file(path)
    assert cell_differences(want, facts_by_key(result)) == []
    assert result.status == truth["status"] == "ok"
    assert result.document["agency"] in (truth["agency"], truth["agency_plain"])  # Traditional: either


def test_wrapped_borderless_cells() -> None:
    """A value wrapped in its cell is one value, its unit too, also over a page break; a
    label spread over its cell is one label; a row blank on its left keeps its blanks."""
    def texts(seed: int) -> list[str]:
        return [c.text for t in _extract(f"sweep-{seed}").tables for c in t.cells]
    assert {"１，２００", "１，２１６"} <= set(texts(100009))
    assert "件" not in texts(100038) and "0.0000" in texts(100038)
    assert "本年制发件数" in texts(100060)
    assert "2.其他法律行政法规禁止公开" in texts(100099)
    assert "３２２" in texts(200000) and "总计" in texts(200091)
    assert "一、本年新收政府信息公開申請數量" in texts(200085)  # Traditional, ruled
    review = _extract("sweep-100048").tables[-1]
    assert review.row_texts()[-1] == ["", "", "", "", "", "－", "1", "1", "2", "4", "0", "", "2",
                                      "2", "4"]


def test_page_break_variants() -> None:
    """A row split over two pages is put back together; a repeated header row is dropped."""
    split = _extract("ruled-2021-serif-split-header").tables[1]
    assert split.row_pages[:4] == (1, 1, 1, 2)
    assert _cell(split, "商业企业") == (2, 4, 1, 1)  # 商业 | 企业 printed on two pages
    repeat = _extract("ruled-2019-sans-repeat-header").tables[1]
    assert sorted(set(repeat.row_pages)) == [2, 3]
    assert sum(c.text == "申请人情况" for c in repeat.cells) == 1


def test_spaced_labels_and_full_width_digits() -> None:
    """`行 政 许 可` and `规　　章` read as words; full-width digits are kept as printed."""
    proactive = _extract("spaced-fullwidth-2019-serif").tables[0]
    texts = [r for r in proactive.row_texts() if r and r[0] in ("行政许可", "规章")]
    assert len(texts) == 2
    assert all(unicodedata.normalize("NFKC", v) != v for row in texts for v in row[1:])


def test_borderless_rows() -> None:
    """Without any rule: one table per table over its pages, merged cells from the space
    they leave (a centred value over three columns, a group label down its rows)."""
    doc = _extract("borderless-2021-sans")
    proactive, apps, review = doc.tables
    rows = proactive.row_texts()
    assert ["规章", "3", "8", "7"] in rows
    assert ["行政许可", "6"] in rows and _cell(proactive, "6") == (6, 1, 1, 3)
    assert _cell(proactive, "第二十条第（五）项") == (4, 0, 1, 4)
    assert apps.row_pages == (1,) * 5 + (2,) * 20 + (3,) * 3
    assert apps.row_texts()[26] == ["（七）总计", "370", "126", "21", "19", "36", "24", "596"]
    assert _cell(apps, "三、本年度办理结果") == (5, 0, 22, 1)
    assert _cell(apps, "（三）不予公开") == (7, 1, 8, 1)
    assert _cell(apps, "申请人情况") == (0, 3, 1, 7)
    assert review.row_texts()[3] == ["0", "2", "1", "0", "3", "0", "1", "0", "2", "3", "0", "0",
                                     "0", "2", "2"]


@pytest.mark.parametrize(("name", "error", "message"), [
    ("encrypted-user-password", UnsafeFile, "encrypted PDF: a password is needed to open it"),
    ("truncated", ExtractionError, "corrupt PDF: damaged or truncated file structure"),
    ("not-really", ExtractionError, "corrupt PDF: damaged or truncated file structure"),
    ("cid-no-unicode", pdf.UnreadableText,
     "unreadable text: 636 of 1284 glyphs have no Unicode mapping (cid:NN)"),
])
def test_bad_files_fail_clearly(name: str, error: type[Exception], message: str) -> None:
    """Scans, passwords, broken files and glyphs without Unicode: one clear error each."""
    with pytest.raises(error) as info:
        _extract(name)
    assert str(info.value) == message


def test_sniffed_by_content() -> None:
    """The registry picks the PDF extractor from the bytes, whatever the file is called."""
    assert extractors.sniff(HONGZE / "report.pdf") == "pdf"
    assert pdf.sniff(b"\xef\xbb\xbf  %PDF-1.7\n", Path("x.txt"))
    assert not pdf.sniff(b"PK\x03\x04", Path("x.pdf"))


def test_hundred_pages(tmp_path: Path) -> None:
    """A 100-page file made of 34 reports: all read, table pages capped, one table per report."""
    src = pdfium.PdfDocument(str(HERE / "ruled-2021-serif-split-header.pdf"))
    big = pdfium.PdfDocument.new()
    while len(big) < 100:
        big.import_pages(src, list(range(min(len(src), 100 - len(big)))))
    big.save(str(tmp_path / "big.pdf"))
    doc = pdf.extract(tmp_path / "big.pdf")
    assert doc.n_pages == 100
    assert doc.warnings == (f"table pages beyond {pdf.MAX_TABLE_PAGES} read as plain text",)
    assert all(isinstance(b, (Paragraph, Table)) for b in doc.blocks)


E2E = [(n, HERE / f"{n}.pdf", HERE / f"{n}.truth.csv") for n in SPECS]
E2E += [(n, HERE / f"{n}.pdf", HERE / f"{RULED[0]}.truth.csv") for n in SAME_AS_FIRST]
E2E += [("hongze", HONGZE / "report.pdf", HONGZE / "truth.csv")]


@pytest.mark.parametrize(("name", "path", "truth"), E2E, ids=[e[0] for e in E2E])
def test_every_canonical_cell_end_to_end(name: str, path: Path, truth: Path) -> None:
    """Through `pipeline.extract_file`: every cell of the truth, exactly as printed (where a
    blank borderless review table prints nothing under its header, the header, its last row
    before `五、存在的主要问题…`, stands for the blank row)."""
    pipeline = pytest.importorskip("pipeline")
    result = pipeline.extract_file(path)
    want = read_truth(truth)
    assert cell_differences(want, facts_by_key(result)) == []
    assert result.document["format"] == "pdf"
    if name == "hongze":
        assert result.status == "partial"
        assert "（六）其他处理" in result.document["error"]
        failed = set(result.checks.loc[~result.checks["ok"], "check"])
        assert failed and all(c.startswith("review_litigation") for c in failed)
    else:
        assert result.status == "ok"
        assert not (~result.checks["ok"]).any()


def test_a_title_reaching_the_margin_does_not_run_into_the_paragraph_below() -> None:
    """A long title as wide as the text (read without geometry) used to swallow the first
    sentence, and with it the title and agency (a Traditional sweep PDF)."""
    from extractors.pdf_text import full_lines, join_wrapped

    lines = ["武侯區人力資源和社會保障局關於二〇一九年度政府信息公開工作的年度報告",
             "根據《中華人民共和國政府信息公開條例》（以下簡稱《條例》）和上級有關要求，",
             "特編制本二〇一九年政府信息公開工作年度報告。本報告中所列數據的統計期限自",
             "2019 年 1 月 1 日起至 2019 年 12 月 31 日止。"]
    assert full_lines(lines)[:3] == [True, True, True]
    paragraphs = join_wrapped(lines, full_lines(lines))
    assert paragraphs[0] == lines[0]
    assert len(paragraphs) == 2 and paragraphs[1].startswith("根據") and paragraphs[1].endswith("止。")


def test_radical_code_points_read_as_their_characters() -> None:
    """Chromium's PDFs map some glyphs to radicals: Kangxi (⼈, which NFKC unifies) and the
    CJK Radicals Supplement (⺠, which it does not). A generator of others' reports found the
    agency read as `…⼈⺠政府` in 11 of 50 such PDFs."""
    from extractors.pdf_geometry import unified

    assert unified("中华⼈⺠共和国 ⻰⻥ ⼀、总体情况") == "中华人民共和国 龙鱼 一、总体情况"
    import pipeline

    result = pipeline.extract_file(HERE.parent / "pdf_others" / "chromium_radicals.pdf")
    assert result.document["agency"] == "宁乡市灰汤镇人民政府"
    assert result.document["title"] == "宁乡市灰汤镇人民政府2023年政府信息公开年度报告"


def test_a_table_going_on_over_a_page_keeps_its_label_only_rows_below() -> None:
    """Sweep seed 9906, case 6: the request table goes on over the top of page 4 and ends
    `四、 无 0 0 0 0 —` over `结转下年度继续办理`; that last label line was left out of the
    carried table, so the row's label read `四、` and a stray `结转下年度继续办理` a blank row."""
    tables = _extract("carried-table-label-tail").tables
    rows = [r for t in tables for r in t.row_texts() if r and r[0].startswith("四、")]
    assert rows == [["四、结转下年度继续办理", "无", "0", "0", "0", "0", "", "—"]]


def test_a_label_marker_alone_at_the_foot_goes_on_over_the_page_break() -> None:
    """Sweep seed 3300013 (a Word table in LibreOffice, its header repeated): the row `四、` |
    `－ | / | 6 | 0 | 0 | - | 6` ends page 4 and its label goes on at the top of page 5 as
    `结转下年度继续办理` under the repeated header. `四、` ends short of its cell, but a marker
    alone ends no label: it is one row (the label had read as a blank row, 4 wrong cells)."""
    tables = _extract("marker-label-over-page-break").tables
    rows = [r for t in tables for r in t.row_texts() if any("结转下年度" in c for c in r)]
    assert [[c for c in r if c] for r in rows] == [["四、结转下年度继续办理", "－", "/", "6", "0", "0", "-", "6"]]


def test_borderless_values_off_centre_in_their_column_stay_in_it() -> None:
    """Sweep seed 3300177 (borderless, sans type, no request header): `/` prints 10 pt left
    of the numbers under it (`/` at 346-350, `12` at 354-364), so the column's values made
    two bands, never on one line and no gap between: one column, not two (every request
    row had read eight cells for seven columns and none was placed)."""
    tables = _extract("borderless-markers-off-centre").tables
    rows = [r for t in tables for r in t.row_texts() if r and "申请数量" in r[0]]
    assert [r[1:] for r in rows] == [["402件", "4", "12", "12件", "7", "23", "460"],
                                     ["0", "无", "0", "/", "9", "0", "9"]]


@pytest.mark.parametrize(("name", "label", "values"), [
    # `（二）部分` | `0.000 0 1 6 0 — 7` ends page 2; `公开（区分处理的，…` (wider: two columns)
    # and `0` (the rest of 0.0000) open page 3 under the repeated header (sweep seed 3400104)
    ("borderless-label-wider-after-break", "部分公开（区分处理的，只计这一情形，不计其他情形）",
     ["0.0000", "0", "1", "6", "0", "—", "7"]),
    # `（五）不予处` | `1.信` (a hard line break, short) | 7 values, then `理` | `访举报投诉类申请`
    # (sweep seed 3400189): the group label flowing on shows the break is inside the row
    ("borderless-hard-break-label-over-page", "1.信访举报投诉类申请",
     ["0件", "0", "0", "0件", "0", "7", "7件"]),
])
def test_a_borderless_row_broken_over_the_page_is_one_row(name: str, label: str, values: list[str]) -> None:
    """Each label's rest at the top of the next page, values blank, had read as a row of its
    own: the row above was unrecognised and the rest a row of blanks (5 and 7 wrong cells)."""
    rows = [[c for c in r if c] for t in _extract(name).tables for r in t.row_texts()]
    row = next(r for r in rows if any(c.endswith(label) for c in r))
    assert row[-7:] == values


def test_a_caption_tight_under_a_tables_last_row_starts_a_new_item() -> None:
    """Round 3 (LibreOffice, borderless, spaced labels): `第二十条第（八）项` stands one line under
    `行 政 强 制 | 9 | 5 | 286`, tight as a label's second line; a caption citing an article
    opens an item, so it is no rest of the label (行政强制 had been missing)."""
    rows = [r for t in _extract("borderless-caption-under-last-row").tables for r in t.row_texts()]
    assert ["行政强制", "9", "5", "286"] in rows


def test_a_group_label_set_close_to_an_item_label_is_a_cell_of_its_own() -> None:
    """Round 3, a Chromium print of a borderless table: `(三)不予` stands 0.7 type sizes from
    `4.保护第三方合法权益`, `公开` as close to `5.属于三类内部事务信息` on the next line. Read as one
    piece each, the two rows had become one cell (row 4's values went to row 5: 4 wrong)."""
    rows = [[c for c in r if c] for t in _extract("chromium-group-label-beside-item").tables for r in t.row_texts()]
    assert ["4.保护第三方合法权益", "0", "5", "0", "1", "0", "0", "6"] in [r[-8:] for r in rows]
    assert ["5.属于三类内部事务信息", "0", "0", "0", "0", "0", "1", "1"] in [r[-8:] for r in rows]


def test_a_line_of_values_in_the_page_margin_is_no_page_number() -> None:
    """A Chromium print (6 pt type, outer border only) whose request table goes on over a
    page break: `0 0 0 0 0 0 0` centred between a label's two lines stands in the bottom and
    top margins, and keyed like the running page numbers (`#`) it had been dropped as
    furniture, three rows read blank (made by an independent generator, round 2)."""
    doc = pdf.extract(HERE.parent / "pdf_others" / "values_line_in_page_margin.pdf")
    rows = {r[0]: r[1:] for t in doc.tables for r in t.row_texts() if r and r[0]}
    rows |= {r[1]: r[2:] for t in doc.tables for r in t.row_texts() if len(r) > 1 and r[1]}
    for label in ("2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确", "1.信访举报投诉类申请"):
        assert [v for v in rows[label] if v] == ["0"] * 7, label


def test_rule_pieces_a_fraction_apart_join_from_either_end() -> None:
    """A column rule drawn at 559.1 down the table's first part and 558.4 below (Chromium,
    under a repeated header): sorted by position the lower run comes first, and the upper
    pieces must still extend it upwards, not vanish into it."""
    from extractors.pdf_geometry import Seg
    from extractors.pdf_grid import merge_rules

    pieces = [Seg(559.1, top, 559.1, top + 20.0) for top in range(40, 640, 20)]
    pieces += [Seg(558.4, 640.0, 558.4, 760.0)]
    _, vertical = merge_rules(pieces)
    assert min(v.top for v in vertical) == 40.0 and max(v.bottom for v in vertical) == 760.0
    assert all(v.bottom - v.top > 100 for v in vertical)
