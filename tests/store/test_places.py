"""Places and levels of the issuing bodies: `pipeline.places.identify` on the real division data."""

from __future__ import annotations

import time

import pandas as pd
import pytest

from pipeline.places import COLUMNS, identify
from pipeline.places.divisions import table
from pipeline.places.parse import parse
from pipeline.places.resolve import identify_one
from pipeline.places.spelling import normalise

PLACE = ("province", "province_code", "city", "city_code", "county", "county_code", "township", "level")


def _one(agency: str, url: str | None = None, title: str | None = None) -> dict[str, object]:
    out = identify(pd.DataFrame({"agency": [agency], "url": [url], "title": [title]}))
    assert len(out) == 1
    row = {str(k): v for k, v in out.iloc[0].items()}
    return row


def _place(row: dict[str, object]) -> tuple[object, ...]:
    return tuple(row[c] for c in PLACE)


HONGZE = ("江苏省", "320000", "淮安市", "320800", "洪泽区", "320813", None, "county")


@pytest.mark.parametrize("agency", [
    "洪泽区人民政府", "淮安市洪泽区人民政府", "江苏省淮安市洪泽区人民政府", "洪泽区政府",
    "洪 泽 区 人 民 政 府", "洪澤區人民政府", "江苏淮安洪泽区人民政府", "洪泽区人民政府（本级）",
])
def test_spellings_of_one_government_get_one_id(agency: str) -> None:
    row = _one(agency)
    assert row["agency_id"] == "320813/人民政府"
    assert row["name"] == "江苏省淮安市洪泽区人民政府"
    assert _place(row) == HONGZE
    assert (row["kind"], row["matched_by"], row["note"]) == ("government", "name", None)


def test_a_county_renamed_from_xian_to_qu_keeps_its_id() -> None:
    row = _one("洪泽县人民政府")  # 洪泽县 became 洪泽区 in 2016
    assert row["agency_id"] == "320813/人民政府"
    assert row["note"] == "洪泽县: no current division of that name; read as 洪泽区 (same stem, renamed)"


def test_a_department() -> None:
    row = _one("洪泽区教育局")
    assert (row["agency_id"], row["kind"], row["level"]) == ("320813/教育局", "department", "county")
    assert _place(row) == HONGZE


def test_a_government_office_spelt_short_and_long() -> None:
    ids = {_one(a)["agency_id"] for a in ("洪泽区政府办", "淮安市洪泽区人民政府办公室", "洪泽区政府办公室")}
    assert ids == {"320813/人民政府办公室"}
    assert _one("洪泽区政府办")["kind"] == "government_office"


def test_a_department_named_with_its_government_in_front() -> None:
    row = _one("北京市人民政府国有资产监督管理委员会")
    assert (row["agency_id"], row["kind"]) == ("110000/国有资产监督管理委员会", "department")
    assert _one("北京市国资委")["agency_id"] == "110000/国有资产监督管理委员会"


def test_a_township_government() -> None:
    row = _one("华龙区岳村镇人民政府")
    assert row["agency_id"] == "410902/岳村镇/人民政府"
    assert _place(row) == ("河南省", "410000", "濮阳市", "410900", "华龙区", "410902", "岳村镇", "township")
    assert (row["kind"], row["name"]) == ("government", "河南省濮阳市华龙区岳村镇人民政府")
    assert _one("濮阳市华龙区岳村镇政府")["agency_id"] == "410902/岳村镇/人民政府"


def test_a_street_office() -> None:
    row = _one("深圳市南山区粤海街道办事处")
    assert row["agency_id"] == "440305/粤海街道/办事处"
    assert _place(row) == ("广东省", "440000", "深圳市", "440300", "南山区", "440305", "粤海街道", "township")
    assert row["kind"] == "street_office"
    assert _one("深圳市南山区粤海街道办")["agency_id"] == "440305/粤海街道/办事处"


def test_a_department_is_no_township() -> None:
    row = _one("淮安市住房和城乡建设局")  # 住房和城乡 is no township
    assert (row["agency_id"], row["township"], row["level"]) == ("320800/住房和城乡建设局", None, "city")


def test_a_province_level_office_of_a_municipality() -> None:
    row = _one("北京市人民政府办公厅")
    assert row["agency_id"] == "110000/人民政府办公厅"
    # a municipality is province and city at once: city repeats the province
    assert _place(row) == ("北京市", "110000", "北京市", "110000", None, None, None, "province")
    assert row["kind"] == "government_office"


def test_a_district_of_a_municipality() -> None:
    row = _one("北京市朝阳区人民政府")
    assert _place(row) == ("北京市", "110000", "北京市", "110000", "朝阳区", "110105", None, "county")


def test_a_county_under_the_province_itself_has_no_city() -> None:
    row = _one("仙桃市人民政府")
    assert _place(row) == ("湖北省", "420000", None, None, "仙桃市", "429004", None, "county")


def test_a_city() -> None:
    row = _one("淮安市人民政府")
    assert row["agency_id"] == "320800/人民政府"
    assert _place(row) == ("江苏省", "320000", "淮安市", "320800", None, None, None, "city")


def test_a_zone_under_a_province() -> None:
    row = _one("平潭综合实验区管委会")
    assert row["agency_id"] == "350000/平潭综合实验区/管理委员会"
    assert _place(row) == ("福建省", "350000", None, None, None, None, None, "province")
    assert row["kind"] == "development_zone"
    assert row["note"] == "平潭综合实验区: a zone under the province itself, not a division"


def test_a_zone_of_a_city_and_of_a_county() -> None:
    city = _one("淮安经济技术开发区管委会")
    assert (city["agency_id"], city["level"], city["kind"]) == (
        "320800/经济技术开发区/管理委员会", "city", "development_zone")
    assert _one("洪泽经济开发区管理委员会")["agency_id"] == "320813/经济开发区/管理委员会"


def test_an_ambiguous_name_stays_empty_and_says_why() -> None:
    row = _one("朝阳区人民政府")
    assert row["agency_id"] is None and row["province"] is None and row["county_code"] is None
    assert row["note"] == "朝阳区: 2 counties of that name (北京市, 长春市); the name alone cannot tell"
    assert row["kind"] == "government"


def test_the_url_host_tells_an_ambiguous_name() -> None:
    beijing = _one("朝阳区人民政府", url="http://www.bjchy.gov.cn/dynamic/report.html")
    assert (beijing["agency_id"], beijing["matched_by"]) == ("110105/人民政府", "name+url")
    assert beijing["city"] == "北京市"
    changchun = _one("朝阳区人民政府", url="http://zwgk.changchun.gov.cn/report.html")
    assert (changchun["agency_id"], changchun["city"]) == ("220104/人民政府", "长春市")
    assert _one("鼓楼区人民政府", url="http://www.njgl.gov.cn/x")["county_code"] == "320106"


def test_a_host_that_names_neither_keeps_the_ambiguity() -> None:
    row = _one("朝阳区人民政府", url="http://www.chaoyang.gov.cn/report.html")
    assert row["agency_id"] is None
    assert row["note"] == ("朝阳区: 2 counties of that name (北京市, 长春市); the name alone cannot tell; "
                           "the url host www.chaoyang.gov.cn does not tell")


def test_the_title_tells_an_ambiguous_name() -> None:
    row = _one("朝阳区人民政府", title="北京市朝阳区2021年政府信息公开工作年度报告")
    assert (row["agency_id"], row["matched_by"]) == ("110105/人民政府", "name+title")


def test_a_name_without_a_place_takes_the_titles_when_it_names_that_body() -> None:
    row = _one("教育局", title="淮安市洪泽区教育局2021年政府信息公开工作年度报告")
    assert (row["agency_id"], row["matched_by"]) == ("320813/教育局", "title")
    other = _one("教育局", title="淮安市洪泽区人民政府2021年政府信息公开工作年度报告")
    assert other["agency_id"] is None


def test_a_name_with_no_place() -> None:
    row = _one("某局")
    assert row["agency_id"] is None and row["level"] is None and row["matched_by"] is None
    assert row["note"] == "某局: no division name found; the place cannot be told"
    assert row["kind"] == "department"


def test_a_township_without_its_county() -> None:
    row = _one("岳村镇人民政府")
    assert (row["agency_id"], row["township"]) == (None, "岳村镇")
    assert row["note"] == "岳村镇: a township named without its county; the place cannot be told"


def test_a_former_district_keeps_its_last_code_and_makes_its_name_ambiguous() -> None:
    row = _one("重庆市江北区人民政府")  # gone from the table in 重庆's 2025 changes
    assert (row["agency_id"], row["city"]) == ("500105/人民政府", "重庆市")
    assert _one("江北区人民政府")["note"] == (
        "江北区: 2 counties of that name (宁波市, 重庆市); the name alone cannot tell")


def test_names_that_traditional_conversion_would_spoil_are_kept() -> None:
    assert _one("乾安县人民政府")["county_code"] == "220723"  # t2s would write 干安县


def test_short_forms_of_autonomous_divisions() -> None:
    assert _one("恩施州人民政府")["agency_id"] == "422800/人民政府"
    assert _one("长阳县人民政府")["agency_id"] == "420528/人民政府"


def test_one_row_per_distinct_agency_and_url() -> None:
    frame = pd.DataFrame({
        "agency": ["洪泽区人民政府", "洪泽区人民政府", "洪泽区人民政府", "某局", None],
        "url": [None, None, "http://www.hongze.gov.cn/a.pdf", None, None],
        "title": [None, "洪泽区2021年报告", None, None, None],
    })
    out = identify(frame)
    assert list(out.columns) == list(COLUMNS)
    assert len(out) == 4
    assert out.agency_id.tolist() == ["320813/人民政府", "320813/人民政府", None, None]
    assert out.note.iloc[3] == "no agency name"


def test_every_division_with_its_parents_in_front_is_found() -> None:
    t = table()
    names, codes = [], []
    for d in t.by_code.values():
        if d.level == "county" and not d.former:
            city = t.by_code[d.city].name if d.city else ""
            names.append(t.by_code[d.province].name + city + d.name + "人民政府")
            codes.append(d.code + "/人民政府")
    out = identify(pd.DataFrame({"agency": names}))
    assert out.agency_id.tolist() == codes


def test_ten_thousand_agencies_take_seconds_at_most() -> None:
    t = table()
    counties = [d for d in t.by_code.values() if d.level == "county"]
    bodies = ("人民政府", "教育局", "财政局", "人民政府办公室", "城关镇人民政府", "经济开发区管委会", "卫生健康委员会",
              "公安局")
    names = list(dict.fromkeys(c.name + b for c in counties for b in bodies))[:10000]
    assert len(names) == 10000
    for cached in (identify_one, parse, normalise):
        cached.cache_clear()  # time the reading, not the caches of the tests before
    start = time.perf_counter()
    out = identify(pd.DataFrame({"agency": names, "url": "http://www.example.gov.cn/"}))
    assert len(out) == 10000
    assert time.perf_counter() - start < 10


def test_a_government_office_named_by_its_level_alone_keeps_its_kind() -> None:
    row = _one("区政府办公室")  # the place left out: no id, but still a government's office
    assert (row["agency_id"], row["kind"]) == (None, "government_office")
    assert "no division name found" in str(row["note"])
