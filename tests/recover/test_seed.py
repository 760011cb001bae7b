"""The report this project started from: every cell, metadata, status and checks."""

from __future__ import annotations

import pipeline
from conftest import FIXTURES, cell_differences, facts_by_key, read_truth

SEED = FIXTURES / "seed" / "000_02079d63849b484b.txt"


def test_seed_every_cell_exact() -> None:
    result = pipeline.extract_file(SEED)
    truth = read_truth(SEED.with_name("000_02079d63849b484b.truth.csv"))
    assert len(truth) == 200
    assert cell_differences(truth, facts_by_key(result)) == []


def test_seed_metadata_status_and_checks() -> None:
    result = pipeline.extract_file(SEED, raw_root=SEED.parent)
    doc = result.document
    assert (doc["format"], doc["status"], doc["error"]) == ("text", "ok", None)
    assert (doc["agency"], doc["year"], doc["report_format"]) == ("华龙区岳村镇人民政府", 2021, "2021")
    assert doc["title"] == "华龙区岳村镇人民政府2021年政府信息公开工作年度报告"
    assert doc["path"] == "000_02079d63849b484b.txt"
    assert doc["n_facts"] == 200 and doc["n_check_failures"] == 0
    checks = {c["check"]: c for c in result.check_rows}
    assert all(c["ok"] for c in checks.values())
    assert {"applications.balance.total", "applications.outcomes.natural_person",
            "applications.applicants.new", "review_litigation.outcomes.review"} <= checks.keys()


def test_seed_shifted_row_is_placed() -> None:
    """`4.保护第三方合法权益` lost its leading cells in the seed; it still maps to its row."""
    result = pipeline.extract_file(SEED)
    raws = [f["raw"] for f in result.fact_rows if f["row"] == "denied_third_party"]
    assert raws == ["0"] * 7


def test_seed_sections_in_order() -> None:
    result = pipeline.extract_file(SEED)
    headings = [s["heading"] for s in result.section_rows if s["heading"]]
    assert headings == ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                        "六、其他需要报告的事项"]
    last = result.section_rows[-1]
    assert last["text"] == "无"


def test_manifest_overrides_what_the_text_says() -> None:
    meta = {"agency": "华龙区岳村镇", "year": "2021年", "title": "", "url": "http://example.gov.cn/r.html"}
    doc = pipeline.extract_file(SEED, meta=meta).document
    assert (doc["agency"], doc["year"], doc["url"]) == ("华龙区岳村镇", 2021, "http://example.gov.cn/r.html")
    assert doc["title"] == "华龙区岳村镇人民政府2021年政府信息公开工作年度报告"  # empty cell overrides nothing
    facts = pipeline.extract_file(SEED, meta=meta).fact_rows
    assert {f["agency"] for f in facts} == {"华龙区岳村镇"}
