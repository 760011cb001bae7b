"""Documents a crawler of annual reports brings home that are not national-format reports.

News about disclosure work (often about the report itself), a list page of reports, a
政府信息公开指南, a budget table, a 404 page (all `not_report`), and a pre-2019 report
with the old statistics (`other_format`).
"""

from __future__ import annotations

import random

from extractors.document import Block, Cell, Paragraph, Table

from .sweep_meta import AGENCIES

KINDS = ("news", "list_page", "guide", "budget", "page_404", "pre2019")
HTML_ONLY = ("list_page", "page_404")


def _table(rows: list[list[str]]) -> Table:
    """A plain grid of strings."""
    return Table(tuple(Cell(r, c, t) for r, row in enumerate(rows) for c, t in enumerate(row)))


def news(agency: str, year: int, rng: random.Random) -> list[Block]:
    """A news item on the site about the body's disclosure work (and its published report)."""
    return [Paragraph(f"{agency}召开{year}年政务公开工作推进会"),
            Paragraph(f"发布时间：{year}-0{rng.randint(3, 9)}-1{rng.randint(0, 9)}　来源：{agency}办公室"),
            Paragraph(f"近日，{agency}召开政务公开工作推进会，总结{year - 1}年政府信息公开工作，部署"
                      f"{year}年重点任务。会议通报了{year - 1}年度政府信息公开工作年度报告编制发布情况，"
                      f"全年主动公开政府信息{rng.randint(100, 900)}条，办理依申请公开{rng.randint(3, 60)}件。"),
            Paragraph("会议要求，各单位要进一步提高认识，压实责任，推动政务公开工作提质增效。")]


def list_page(agency: str, year: int, rng: random.Random) -> list[Block]:
    """A column page listing the body's annual reports, one link per year."""
    rows = [[f"{agency}{y}年政府信息公开工作年度报告", f"{y + 1}-01-{rng.randint(10, 31)}"]
            for y in range(year, year - 8, -1)]
    return [Paragraph("政府信息公开年报"), _table(rows), Paragraph("共8条　首页　上一页　下一页　尾页")]


def guide(agency: str, year: int, rng: random.Random) -> list[Block]:
    """A 政府信息公开指南: how to ask for information, with the report deadline in passing."""
    return [Paragraph(f"{agency}政府信息公开指南"),
            Paragraph("为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》，编制本指南。"),
            Paragraph("一、主动公开"),
            Paragraph("（一）公开范围。本机关主动公开机构职能、规范性文件、规划计划等政府信息。"),
            Paragraph("（二）公开方式。通过政府网站、政务新媒体、公告栏等方式公开。"),
            Paragraph("二、依申请公开"),
            Paragraph("（一）受理机构。名称：办公室；办公地址：人民路1号；邮政编码：000000。"),
            Paragraph("（二）申请方式。申请人可通过当面、邮寄、网络等方式提出申请，申请表可在网站下载。"),
            _table([["受理机构", "办公室"], ["办公时间", "工作日上午9:00-12:00"], ["联系电话", "0000-0000000"]]),
            Paragraph("三、监督和救济"),
            Paragraph("本机关每年1月31日前公布上一年度政府信息公开工作年度报告。申请人认为本机关侵犯其合法"
                      "权益的，可以依法申请行政复议或者提起行政诉讼。")]


def budget(agency: str, year: int, rng: random.Random) -> list[Block]:
    """A departmental budget: an income and expenditure table, no disclosure statistics."""
    items = ("一般公共预算拨款收入", "政府性基金预算拨款收入", "事业收入", "其他收入", "上年结转")
    rows = [["项目", "本年预算数（万元）", "上年预算数（万元）", "增减（%）"]]
    rows += [[name, f"{rng.uniform(0, 5000):.2f}", f"{rng.uniform(0, 5000):.2f}",
              f"{rng.uniform(-20, 20):.1f}"] for name in items]
    rows.append(["收入合计", f"{rng.uniform(5000, 9000):.2f}", f"{rng.uniform(5000, 9000):.2f}", "3.2"])
    return [Paragraph(f"{agency}{year}年部门预算公开说明"),
            Paragraph(f"一、收支预算总体情况。{year}年收入预算与支出预算保持平衡。"),
            _table(rows), Paragraph("二、“三公”经费预算情况说明。")]


def page_404(agency: str, year: int, rng: random.Random) -> list[Block]:
    """The site's not-found page."""
    return [Paragraph("404"), Paragraph("抱歉，您访问的页面不存在或已被删除！"),
            Paragraph("请检查您输入的网址是否正确，或返回首页。"), Paragraph("返回首页　政府信息公开")]


def pre2019(agency: str, year: int, rng: random.Random) -> list[Block]:
    """A report under the 2008 regulations: the old statistics, in a table of 指标 | 单位 | 数量."""
    def n() -> str:
        return str(rng.randint(0, 300))

    rows = [["统计指标", "单位", "统计数"], ["一、主动公开情况", "", ""], ["（一）主动公开政府信息数", "条", n()],
            ["其中：主动公开规范性文件数", "条", n()], ["（二）通过不同渠道和方式公开政府信息的情况", "", ""],
            ["1.政府公报公开政府信息数", "条", n()], ["2.政府网站公开政府信息数", "条", n()],
            ["二、回应解读情况", "", ""], ["（一）回应公众关注热点或重大舆情数", "次", n()],
            ["三、依申请公开情况", "", ""], ["（一）收到申请数", "件", n()], ["1.当面申请数", "件", n()],
            ["2.传真申请数", "件", n()], ["3.网络申请数", "件", n()], ["4.信函申请数", "件", n()],
            ["（二）申请办结数", "件", n()], ["1.按时办结数", "件", n()], ["2.延期办结数", "件", n()],
            ["（三）申请答复数", "件", n()], ["1.属于已主动公开范围数", "件", n()], ["2.同意公开答复数", "件", n()],
            ["3.同意部分公开答复数", "件", n()], ["4.不同意公开答复数", "件", n()],
            ["四、行政复议数量", "件", n()], ["五、行政诉讼数量", "件", n()], ["六、举报投诉数量", "件", n()],
            ["七、依申请公开信息收取的费用", "万元", "0"]]
    return [Paragraph(f"{agency}{year}年政府信息公开工作年度报告"),
            Paragraph(f"本报告根据《中华人民共和国政府信息公开条例》要求编制。本报告中所列数据的统计期限自{year}"
                      f"年1月1日起至{year}年12月31日止。"),
            Paragraph("一、概述"), Paragraph("本年度政府信息公开工作平稳有序。"),
            Paragraph("二、政府信息公开工作情况统计表"), _table(rows),
            Paragraph("三、存在的问题及改进措施"), Paragraph("公开的及时性有待提高。"),
            Paragraph(agency), Paragraph(f"{year + 1}年3月")]


def other_document(kind: str, rng: random.Random) -> tuple[list[Block], str, int, str]:
    """(blocks, expected status, year, agency) of a non-report of `kind`."""
    agency = rng.choice(AGENCIES)
    year = rng.randint(2009, 2018) if kind == "pre2019" else rng.randint(2019, 2025)
    blocks = {"news": news, "list_page": list_page, "guide": guide, "budget": budget,
              "page_404": page_404, "pre2019": pre2019}[kind](agency, year, rng)
    return blocks, "other_format" if kind == "pre2019" else "not_report", year, agency
