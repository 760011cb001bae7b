"""Documents that are not national-format reports: each ends with a status, the run goes on."""

from __future__ import annotations

import pipeline
from conftest import FIXTURES

OTHER = FIXTURES / "other"


def test_news_article_is_not_a_report() -> None:
    doc = pipeline.extract_file(OTHER / "news_article.txt").document
    assert (doc["status"], doc["format"], doc["report_format"], doc["n_facts"]) == (
        "not_report", "text", None, 0)


def test_pre_2019_report_is_other_format_with_its_tables_kept() -> None:
    result = pipeline.extract_file(OTHER / "pre2019_report_2017.txt")
    doc = result.document
    assert (doc["status"], doc["report_format"], doc["n_facts"]) == ("other_format", None, 0)
    assert (doc["agency"], doc["year"]) == ("清河县人民政府", 2017)
    texts = [t["text"] for t in result.table_rows]
    assert "（一）收到申请数" in texts and "1532" in texts


def test_empty_file_fails_clearly() -> None:
    doc = pipeline.extract_file(OTHER / "empty.txt").document
    assert (doc["status"], doc["error"]) == ("failed", "empty file")
    assert doc["doc_id"] == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def test_binary_file_named_txt_fails_by_content() -> None:
    # a PNG is read as a page image whatever its name; this one holds no pixels
    doc = pipeline.extract_file(OTHER / "image_named_report.txt").document
    assert (doc["status"], doc["format"]) == ("failed", "image")
    assert doc["error"].startswith("corrupt image:")
    doc = pipeline.extract_file(OTHER / "random_bytes.txt").document
    assert (doc["status"], doc["error"]) == ("failed", "unsupported format: binary data")


def test_missing_file_fails_without_raising(tmp_path) -> None:  # type: ignore[no-untyped-def]
    doc = pipeline.extract_file(tmp_path / "gone.txt").document
    assert doc["status"] == "failed" and doc["error"].startswith("read: FileNotFoundError")


def test_first_page_of_a_paginated_report_is_partial_in_its_years_format() -> None:
    """Page 1 of a CMS article paginated over two pages (GBK, `1 2 下一页`): the title, 一、总体情况
    and the heading 二、主动公开政府信息情况, the tables on page 2. A report on 2021 follows the
    2021 format: every table missing, not `other_format` (which had dropped the report)."""
    doc = pipeline.extract_file(OTHER / "flipbook_page_1_no_tables.html").document
    assert (doc["status"], doc["report_format"], doc["n_facts"]) == ("partial", "2021", 0)
    assert (doc["agency"], doc["year"]) == ("章贡区人民政府", 2021)
    assert doc["error"] == ("no 第二十条 rules table, no licensing table, no enforcement table, "
                            "no fees table, no request table, no review/litigation table")


def test_a_pages_info_table_is_no_news_headline() -> None:
    """Page 1 of 4 of a paginated report whose first short line is the info table
    (`索引号： … 发布机构： 信息公开办`): 发布 in 发布机构 had made it a news article, not_report."""
    doc = pipeline.extract_file(OTHER / "flipbook_page_1_info_table_first.html").document
    assert (doc["status"], doc["report_format"]) == ("partial", "2019")
    assert (doc["agency"], doc["year"]) == ("天水市自然资源和规划局", 2019)
