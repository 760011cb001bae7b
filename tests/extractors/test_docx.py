"""DOCX: the fixtures (tests/fixtures/docx, made by make_fixtures.py) block by block and
cell by cell through the pipeline, then the XML quirks and hostile packages one by one."""

from __future__ import annotations

import csv
import io
import struct
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

import docx as pydocx
import pytest
from lxml import etree

import extractors
import pipeline
from conftest import FIXTURES, cell_differences, facts_by_key, read_truth
from extractors import docx as docx_extractor
from extractors.document import Cell, Paragraph, Table
from extractors.docx_body import Walker
from extractors.docx_numbering import Numbering, format_number
from extractors.errors import EmptyFile, ExtractionError, ScannedDocument, UnsafeFile

DOCX = FIXTURES / "docx"
sys.path.insert(0, str(DOCX))
from make_fixtures import FIXTURES as SPECS  # noqa: E402
from make_fixtures import block_rows  # noqa: E402

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def golden_blocks(name: str) -> list[dict[str, str]]:
    with open(DOCX / f"{name}.blocks.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def as_strings(rows: list[dict[str, object]]) -> list[dict[str, str]]:
    return [{k: str(v) for k, v in r.items()} for r in rows]


def test_fixture_set_is_complete() -> None:
    assert {fmt for _, fmt, _ in SPECS.values()} == {"2019", "2021"}
    for name in SPECS:
        for suffix in (".docx", ".truth.csv", ".blocks.csv"):
            assert (DOCX / f"{name}{suffix}").exists(), f"{name}{suffix} missing: run make_fixtures"


@pytest.mark.parametrize("name", sorted(SPECS))
def test_blocks_match_golden(name: str) -> None:
    """Every paragraph and every cell (position, spans, text), in reading order."""
    doc = extractors.extract(DOCX / f"{name}.docx")
    assert doc.format == "docx"
    assert as_strings(block_rows(list(doc.blocks))) == golden_blocks(name)
    assert doc.title and doc.title.endswith("政府信息公开工作年度报告")


@pytest.mark.parametrize("name", sorted(SPECS))
def test_every_cell_end_to_end(name: str) -> None:
    result = pipeline.extract_file(DOCX / f"{name}.docx")
    truth = read_truth(DOCX / f"{name}.truth.csv")
    assert cell_differences(truth, facts_by_key(result)) == []
    doc = result.document
    assert (doc["status"], doc["format"], doc["error"]) == ("ok", "docx", None)
    assert doc["report_format"] == SPECS[name][1]
    assert doc["n_check_failures"] == 0


def applications(doc: extractors.Document) -> list[Table]:
    return [t for t in doc.tables if any(c.text == "申请人情况" for c in t.cells)
            or any(c.text.startswith("（五）不予处理") for c in t.cells)]


def test_merged_cells_appear_once_with_their_spans() -> None:
    doc = extractors.extract(DOCX / "merged-2021.docx")
    (app,) = applications(doc)
    by_text = {c.text: c for c in app.cells}
    assert by_text["申请人情况"] == Cell(0, 3, "申请人情况", 1, 7)
    assert by_text["三、本年度办理结果"] == Cell(5, 0, "三、本年度办理结果", 22, 1)
    assert by_text["（三）不予公开"].row_span == 8
    assert sum(c.text == "法人或其他组织" for c in app.cells) == 1
    assert (app.n_rows, app.n_cols) == (28, 10)
    review = doc.tables[-1]
    assert [c.text for c in review.cells[:2]] == ["行政复议", "行政诉讼"]
    assert (review.cells[1].col, review.cells[1].col_span) == (5, 10)


def test_split_applications_table_keeps_both_halves() -> None:
    doc = extractors.extract(DOCX / "split-applications-2021.docx")
    top, bottom = applications(doc)
    assert top.n_rows == 10 and bottom.n_rows == 18
    # the cut runs through 三、本年度办理结果 and （三）不予公开: their lower parts are empty cells
    assert bottom.cells[0] == Cell(0, 0, "", 17, 1)
    assert bottom.cells[1] == Cell(0, 1, "", 5, 1)
    assert bottom.row_texts()[0][:3] == ["", "", "4.保护第三方合法权益"]


def test_repeated_header_rows_stay_and_no_data_row_is_lost() -> None:
    doc = extractors.extract(DOCX / "repeated-header-2019.docx")
    (app,) = applications(doc)
    texts = [t for row in app.row_texts() for t in row]
    assert texts.count("申请人情况") == 2
    assert app.n_rows == 26 + 3  # the 2019 table's 26 rows + the 3 re-typed header rows
    assert b"tblHeader" in zipfile.ZipFile(DOCX / "repeated-header-2019.docx").read("word/document.xml")


def test_text_box_read_once_and_content_control_looked_through() -> None:
    xml = zipfile.ZipFile(DOCX / "textbox-sdt-2021.docx").read("word/document.xml")
    assert xml.count(b"<w:txbxContent") == 2 and b"<w:sdtContent" in xml
    doc = extractors.extract(DOCX / "textbox-sdt-2021.docx")
    assert len(doc.tables) == 3
    assert sum(any(c.text == "行政复议" for c in t.cells) for t in doc.tables) == 1
    headings = [b.text[:2] for b in doc.blocks if isinstance(b, Paragraph) and b.text[1:2] == "、"]
    kinds = ["T" if isinstance(b, Table) else "p" for b in doc.blocks]
    assert headings == ["一、", "二、", "三、", "四、", "五、", "六、"]
    assert kinds.count("T") == 3 and kinds[-3:] == ["p", "p", "p"]


def test_word_numbering_renders_labels() -> None:
    path = DOCX / "numbering-2019.docx"
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    assert "（一）予以公开" not in xml and "三、本年度办理结果" not in xml and "<w:numPr>" in xml
    doc = extractors.extract(path)
    paras = [b.text for b in doc.paragraphs]
    assert "一、 总体情况" in paras and "六、 其他需要报告的事项" in paras
    assert any(p.startswith("（一）主动公开情况") for p in paras)
    cells = {c.text for t in doc.tables for c in t.cells}
    assert {"一、本年新收政府信息公开申请数量", "三、本年度办理结果", "四、结转下年度继续办理",
            "（三）不予公开", "8.属于行政查询事项", "1.本机关不掌握相关政府信息", "（七）总计"} <= cells


@pytest.mark.parametrize(("n", "fmt", "text"), [
    (1, "decimal", "1"), (12, "decimalZero", "12"), (3, "decimalZero", "03"),
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
    (20, "chineseCounting", "二十"), (105, "chineseCountingThousand", "一百零五"),
    (7, "taiwaneseCountingThousand", "七"), (3, "ideographTraditional", "丙"),
    (11, "ideographTraditional", "甲"), (2, "ideographZodiac", "丑"), (12, "ideographDigital", "一二"),
    (11, "chineseLegalSimplified", "壹拾壹"), (4, "upperRoman", "IV"), (14, "lowerRoman", "xiv"),
    (28, "upperLetter", "BB"), (3, "decimalEnclosedCircle", "③"), (2, "decimalEnclosedParen", "⑵"),
    (21, "decimalEnclosedCircle", "21"), (5, "decimalFullWidth", "５"), (5, "none", ""),
    (5, "someFutureFormat", "5"),
])
def test_number_formats(n: int, fmt: str, text: str) -> None:
    assert format_number(n, fmt) == text


def numbering_xml(body: str) -> etree._Element:
    return etree.fromstring(f'<w:numbering xmlns:w="{W_NS}">{body}</w:numbering>')


def test_numbering_levels_restart_and_overrides() -> None:
    root = numbering_xml("""
      <w:abstractNum w:abstractNumId="1">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
          <w:lvlText w:val="（%1）"/><w:suff w:val="nothing"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
          <w:lvlText w:val="%1.%2"/><w:suff w:val="space"/></w:lvl></w:abstractNum>
      <w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/>
          <w:lvlText w:val="•"/></w:lvl></w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="1"/>
        <w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
      <w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>""")
    n = Numbering(root)
    got = [n.label("1", 0), n.label("1", 1), n.label("1", 1), n.label("2", 0), n.label("2", 1),
           n.label("3", 0), n.label("3", 0), n.label("1", 0), n.label("4", 0), n.label("9", 0)]
    # lists 1 and 2 share abstract 1's counters (as in Word); list 3 starts over at 五
    # a level's %1 is drawn in level 0's format (一.1) unless the level is isLgl
    assert got == ["（一）", "一.1 ", "一.2 ", "（二）", "二.1 ", "（五）", "（六）", "（三）", "", ""]


def test_style_based_numbering_from_python_docx_list_style(tmp_path: Path) -> None:
    d = pydocx.Document()
    for text in ("甲项", "乙项", "丙项"):
        d.add_paragraph(text, style="List Number")
    d.save(str(tmp_path / "list.docx"))
    doc = docx_extractor.extract(tmp_path / "list.docx")
    assert [b.text for b in doc.paragraphs] == ["1. 甲项", "2. 乙项", "3. 丙项"]


def walk(body_xml: str) -> Walker:
    w = Walker()
    w.body(etree.fromstring(f'<w:body xmlns:w="{W_NS}">{body_xml}</w:body>'))
    return w


def tc(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def test_vmerge_continue_text_is_kept_and_hmerge_and_grid_before() -> None:
    w = walk(f"""<w:tbl>
      <w:tr>{tc("A", '<w:vMerge w:val="restart"/>')}{tc("B", '<w:hMerge w:val="restart"/>')}{tc("")}</w:tr>
      <w:tr>{tc("a2", "<w:vMerge/>")}{tc("C")}{tc("D")}</w:tr>
      <w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>{tc("E", '<w:gridSpan w:val="2"/>')}</w:tr>
    </w:tbl>""")
    # the covered cell "" of row 0 continues B's horizontal merge
    w2 = walk(f"""<w:tbl><w:tr>{tc("B", '<w:hMerge w:val="restart"/>')}{tc("x", "<w:hMerge/>")}</w:tr>
      <w:tr>{tc("1")}{tc("2")}</w:tr></w:tbl>""")
    assert w.blocks == [Table((Cell(0, 0, "A\na2", 2, 1), Cell(0, 1, "B"), Cell(0, 2, ""),
                               Cell(1, 1, "C"), Cell(1, 2, "D"), Cell(2, 1, "E", 1, 2)))]
    assert w2.blocks[0].cells[0] == Cell(0, 0, "B\nx", 1, 2)  # type: ignore[union-attr]


def test_sliver_grid_column_from_misaligned_borders_is_dropped() -> None:
    grid = '<w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="1"/><w:gridCol w:w="2000"/></w:tblGrid>'
    w = walk(f"""<w:tbl>{grid}<w:tr>{tc("L")}{tc("R", '<w:gridSpan w:val="2"/>')}</w:tr>
      <w:tr>{tc("l", '<w:gridSpan w:val="2"/>')}{tc("r")}</w:tr></w:tbl>""")
    assert w.blocks == [Table((Cell(0, 0, "L"), Cell(0, 1, "R"), Cell(1, 0, "l"), Cell(1, 1, "r")))]


def test_nested_tables_follow_and_one_cell_frames_are_unwrapped() -> None:
    inner = f"<w:tbl><w:tr>{tc('x')}{tc('y')}</w:tr></w:tbl>"
    w = walk(f"""<w:tbl><w:tr><w:tc><w:p><w:r><w:t>框</w:t></w:r></w:p>{inner}<w:p/></w:tc></w:tr></w:tbl>
      <w:tbl><w:tr>{tc("a")}<w:tc>{inner}<w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc></w:tr></w:tbl>""")
    xy = Table((Cell(0, 0, "x"), Cell(0, 1, "y")))
    assert w.blocks == [Paragraph("框"), xy, Table((Cell(0, 0, "a"), Cell(0, 1, "b"))), xy]
    assert w.warnings == ["nested tables given after the table holding them"]


def test_paragraph_text_tabs_breaks_and_tracked_deletions() -> None:
    w = walk("""<w:p><w:r><w:t>行政</w:t><w:tab/><w:t>许可</w:t><w:br/><w:t>0</w:t></w:r>
      <w:del><w:r><w:delText>删</w:delText><w:tab/></w:r></w:del>
      <w:ins><w:r><w:t>件</w:t></w:r></w:ins><w:r><w:instrText>PAGE</w:instrText></w:r></w:p>
      <w:p><w:r><w:t xml:space="preserve">   </w:t></w:r></w:p>""")
    assert w.blocks == [Paragraph("行政\t许可\n0件")]


def docx_with(tmp_path: Path, name: str, document_xml: bytes | None = None,
              extra: dict[str, bytes] | None = None) -> Path:
    """merged-2021.docx with its document part (and extra parts) replaced."""
    out = tmp_path / name
    with zipfile.ZipFile(DOCX / "merged-2021.docx") as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml" and document_xml is not None:
                data = document_xml
            zout.writestr(info, data)
        for part, data in (extra or {}).items():
            zout.writestr(part, data)
    return out


def test_sniffed_by_content_whatever_the_name(tmp_path: Path) -> None:
    for name in ("report.pdf", "report", "报告.DOC", "x.txt"):
        (tmp_path / name).write_bytes((DOCX / "merged-2019.docx").read_bytes())
        assert extractors.sniff(tmp_path / name) == "docx"
    xlsx = tmp_path / "book.docx"
    with zipfile.ZipFile(xlsx, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ExtractionError, match="^unsupported format: zip archive$"):
        extractors.sniff(xlsx)


def test_truncated_docx_is_a_clear_error(tmp_path: Path) -> None:
    data = (DOCX / "merged-2021.docx").read_bytes()
    bad = tmp_path / "cut.docx"
    bad.write_bytes(data[: len(data) // 2])
    assert extractors.sniff(bad) == "docx"
    with pytest.raises(ExtractionError, match=r"^corrupt DOCX: not a readable zip \("):
        extractors.extract(bad)
    result = pipeline.extract_file(bad)
    assert result.document["status"] == "failed"
    assert "corrupt DOCX: not a readable zip" in result.document["error"]


def test_declared_zip_bomb_refused_before_reading(tmp_path: Path) -> None:
    path = docx_with(tmp_path, "bomb.docx")
    data = bytearray(path.read_bytes())
    at = data.find(b"word/document.xml", data.find(b"PK\x01\x02")) - 46  # its central header
    assert data[at:at + 4] == b"PK\x01\x02"
    struct.pack_into("<I", data, at + 24, 0x7FFF_FFFF)  # uncompressed size: 2 GiB
    path.write_bytes(bytes(data))
    started = time.monotonic()
    with pytest.raises(UnsafeFile, match=r"^DOCX refused: zip declares \d+ bytes uncompressed in "
                                         r"\d+ entries \(limit 536870912 bytes\): a zip bomb\?$"):
        extractors.extract(path)
    assert time.monotonic() - started < 1


def test_too_many_entries_refused(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", f'<w:document xmlns:w="{W_NS}"><w:body/></w:document>')
        for i in range(docx_extractor.MAX_ENTRIES):
            z.writestr(f"word/media/{i}.bin", b"")
    (tmp_path / "many.docx").write_bytes(buf.getvalue())
    assert extractors.sniff(tmp_path / "many.docx") == "docx"
    with pytest.raises(UnsafeFile, match="^DOCX refused: 10001 zip entries \\(limit 10000\\)$"):
        extractors.extract(tmp_path / "many.docx")


def test_entity_expansion_and_broken_xml(tmp_path: Path) -> None:
    ents = "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 10))
    laughs = (f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e0 "lol">{ents}]>'
              f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&e9;</w:t></w:r></w:p>'
              "</w:body></w:document>")
    for name, xml in (("laughs.docx", laughs), ("broken.docx", "<w:document><w:body>")):
        path = docx_with(tmp_path, name, xml.encode())
        with pytest.raises(ExtractionError,
                           match="^corrupt DOCX: word/document.xml is not well-formed XML"):
            extractors.extract(path)


def test_empty_and_image_only_documents(tmp_path: Path) -> None:
    empty = f'<w:document xmlns:w="{W_NS}"><w:body><w:p/><w:sectPr/></w:body></w:document>'
    with pytest.raises(EmptyFile, match="^DOCX has no text$"):
        extractors.extract(docx_with(tmp_path, "empty.docx", empty.encode()))
    scan = docx_with(tmp_path, "scan.docx", empty.encode(), {"word/media/image1.png": b"\x89PNG"})
    with pytest.raises(ScannedDocument, match=r"^DOCX holds only images, no text \(needs OCR\)$"):
        extractors.extract(scan)


def test_strict_ooxml_namespace_is_read(tmp_path: Path) -> None:
    xml = zipfile.ZipFile(DOCX / "merged-2019.docx").read("word/document.xml")
    strict = xml.replace(W_NS.encode(), b"http://purl.oclc.org/ooxml/wordprocessingml/main")
    doc = extractors.extract(docx_with(tmp_path, "strict.docx", strict))
    assert as_strings(block_rows(list(doc.blocks))) == golden_blocks("merged-2019")


def _declare_size(path: Path, part: str, size: int) -> None:
    """Overwrite the uncompressed size the central directory declares for `part`."""
    data = bytearray(path.read_bytes())
    at = data.find(part.encode(), data.find(b"PK\x01\x02")) - 46
    assert data[at:at + 4] == b"PK\x01\x02"
    struct.pack_into("<I", data, at + 24, size)
    path.write_bytes(bytes(data))


def test_entry_inflating_past_its_declared_size_is_cut_short(tmp_path: Path) -> None:
    """A part declaring 1000 bytes that inflates to 64 MB costs about a chunk, not 64 MB."""
    path = docx_with(tmp_path, "lying.docx")
    with zipfile.ZipFile(path, "a") as z:
        info = zipfile.ZipInfo("word/lying.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, b" " * (64 << 20))
    _declare_size(path, "word/lying.xml", 1000)
    with zipfile.ZipFile(path) as zf:
        tracemalloc.start()
        started = time.monotonic()
        with pytest.raises(ExtractionError, match=r"^corrupt DOCX: cannot read word/lying.xml \(Bad CRC"):
            docx_extractor._read(zf, "word/lying.xml")
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert peak < 4 * docx_extractor.CHUNK and time.monotonic() - started < 1


@pytest.mark.parametrize("method", [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
def test_compression_methods_opc_does_not_allow_are_refused(tmp_path: Path, method: int) -> None:
    """bzip2 and LZMA inflate without an output limit: their parts are not read at all."""
    path = tmp_path / "bz.docx"
    with zipfile.ZipFile(DOCX / "merged-2021.docx") as zin, zipfile.ZipFile(path, "w") as zout:
        for info in zin.infolist():
            kind = method if info.filename == "word/document.xml" else zipfile.ZIP_DEFLATED
            zout.writestr(info.filename, zin.read(info.filename), compress_type=kind)
    with pytest.raises(ExtractionError, match=rf"^corrupt DOCX: word/document.xml uses zip compression "
                                              rf"method {method} \(OPC allows only stored and deflate\)$"):
        extractors.extract(path)


def test_relationship_targets_resolve_as_uris(tmp_path: Path) -> None:
    """`..` above the package root stays at the root, and absolute targets name the part."""
    body = (f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>{{}}</w:t></w:r></w:p>'
            "</w:body></w:document>")
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="{}"/></Relationships>')
    for target in ("../word/report.xml", "/word/report.xml", "word/./x/../report.xml"):
        path = docx_with(tmp_path, "main.docx", body.format("document part").encode(),
                         {"word/report.xml": body.format("main part").encode()})
        with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp_path / "out.docx", "w") as zout:
            for info in zin.infolist():
                data = zin.read(info.filename)
                zout.writestr(info, rels.format(target).encode() if info.filename == "_rels/.rels" else data)
        assert docx_extractor.extract(tmp_path / "out.docx").blocks == (Paragraph("main part"),), target
