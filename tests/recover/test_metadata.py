"""Titles as agencies write them: the agency and the year covered (not the publication date)."""

from __future__ import annotations

import pytest

from pipeline.recover.metadata import read_metadata


@pytest.mark.parametrize("lines,agency,year", [
    (["华龙区岳村镇人民政府2021年政府信息公开工作年度报告"], "华龙区岳村镇人民政府", 2021),
    (["2021年华龙区岳村镇人民政府政府信息公开工作年度报告"], "华龙区岳村镇人民政府", 2021),
    (["南山区教育局关于2022年度政府信息公开工作的年度报告"], "南山区教育局", 2022),
    (["盐城市生态环境局政府信息公开工作2020年度报告"], "盐城市生态环境局", 2020),
    (["二〇二一年度余杭区市场监督管理局政府信息公开工作年度报告"], "余杭区市场监督管理局", 2021),
    (["洪泽区人民政府", "2023 年政府信息公开工作年度报告", "本报告由…"], "洪泽区人民政府", 2023),
    (["泰和县政府2021年政府信息公开工作年度报告"], "泰和县政府", 2021),
    (["滨海县民政局政府信息公开工作年度报告（2021年度）"], "滨海县民政局", 2021),
    (["鼓楼区人民政府办公室关于印发2022年政府信息公开工作年度报告的通知"], "鼓楼区人民政府办公室", 2022),
    (["首页 > 政府信息公开 > 政府信息公开年度报告", "发布时间：2022-01-20 来源：城关街道办事处",
      "城关街道办事处2021年度政府信息公开工作年度报告"], "城关街道办事处", 2021),
    (["政府信息公开工作年度报告", "本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止。",
      "城关街道办事处", "2021年1月20日"], "城关街道办事处", 2020),
])
def test_title_agency_year(lines: list[str], agency: str, year: int) -> None:
    md = read_metadata(lines)
    assert (md.agency, md.year) == (agency, year)
    assert md.title is not None
