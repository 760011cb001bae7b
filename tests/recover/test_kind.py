"""Reports and the pages a crawler brings home with them: each kind, and the reason given (pinned)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import extractors
import pipeline
from conftest import FIXTURES
from pipeline.recover.kind import Kind, classify
from pipeline.recover.lines import document_lines
from pipeline.recover.metadata import is_report_text, read_metadata


def kind_of(text: str, title: str | None = None) -> Kind:
    """The kind of a plain text, its lines as paragraphs."""
    return classify(title, text.splitlines(), text)


NEWS = """我区召开2023年度政务公开工作推进会
来源：区政府办公室　发布时间：2023-03-15 10:21
3月14日下午，区政府召开2023年度政务公开工作推进会，区政府副区长出席会议并讲话。
会议总结了2022年全区政务公开工作情况，通报了2022年度政府信息公开工作年度报告编制发布情况，部署了2023年重点任务。
会上，区政务服务中心、区市场监管局等3家单位作交流发言。"""

NEWS_ABOUT_REPORT = """龙岗区发布2023年政府信息公开工作年度报告
发布时间：2024-01-20 来源：区政府办
近日，龙岗区发布了2023年政府信息公开工作年度报告。报告显示，全区主动公开政府信息3000条，办理依申请公开126件。"""

ONE_PICTURE = """一图读懂莲湖区2023年政府信息公开工作年度报告
（图片）"""

LIST_PAGE = "政府信息公开年报\n" + "\n".join(
    f"南京市医疗保障局{y}年政府信息公开工作年度报告 {y + 1}-01-{10 + y % 20}" for y in range(2012, 2024)) + \
    "\n共12条　首页　上一页　下一页　尾页"

LIST_OF_LINKS = "当前位置：首页 > 政务公开 > 年度报告\n" + "\n".join(
    f"[{a}{y}年度政府信息公开工作年度报告]" for a in ("徐州市民政局", "徐州市教育局") for y in (2021, 2022, 2023))

GUIDE = """龙岗区统计局政府信息公开指南
为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》，编制本指南。
一、主动公开
（一）公开范围。本机关主动公开机构职能、规范性文件、规划计划等政府信息。
（二）公开方式。通过政府网站、政务新媒体、公告栏等方式公开。
二、依申请公开
（一）受理机构。名称：办公室；办公地址：人民路1号。
（二）处理答复。予以公开、部分公开、不予公开、无法提供、不予处理，收取信息处理费的按规定执行。
三、监督和救济
本机关每年1月31日前公布上一年度政府信息公开工作年度报告。"""

BUDGET = """徐州市公共资源交易中心2023年部门预算公开说明
一、收支预算总体情况。2023年收入预算与支出预算保持平衡。
项目 本年预算数（万元） 上年预算数（万元） 增减（%）
一般公共预算拨款收入 1234.00 1100.00 12.2
收入合计 1500.00 1400.00 7.1
二、“三公”经费预算情况说明。"""

FINAL_ACCOUNT = """2022年度部门决算
收入支出决算总表
收入合计 支出合计 基本支出 项目支出 财政拨款"""

NOT_FOUND = """404
抱歉，您访问的页面不存在或已被删除！
请检查您输入的网址是否正确，或返回首页。"""

FORMAT_NOTICE = """国务院办公厅政府信息与政务公开办公室关于印发《中华人民共和国政府信息公开工作年度报告格式》的通知
国办公开办函〔2021〕30号
一、报告内容
（一）总体情况。
（二）主动公开政府信息情况。
（三）收到和处理政府信息公开申请情况。
（四）政府信息公开行政复议、行政诉讼情况。
（五）存在的主要问题及改进情况。
（六）其他需要报告的事项。
本年制发件数 本年废止件数 现行有效件数 本年新收政府信息公开申请数量 未经复议直接起诉"""


@pytest.mark.parametrize("text,title,reason", [
    (NEWS, None, "news article: 我区召开2023年度政务公开工作推进会"),
    (NEWS_ABOUT_REPORT, None, "news article: 龙岗区发布2023年政府信息公开工作年度报告"),
    (ONE_PICTURE, None, "news article: 一图读懂莲湖区2023年政府信息公开工作年度报告"),
    (LIST_PAGE, "政府信息公开年报", "a list of 12 report titles, no report body"),
    (LIST_OF_LINKS, None, "a list of 6 report titles, no report body"),
    (GUIDE, None, "政府信息公开指南"),
    ("\n".join(GUIDE.splitlines()[1:]), None, "政府信息公开指南"),  # its title lost (a PDF running header)
    (BUDGET, None, "budget or final account: 徐州市公共资源交易中心2023年部门预算公开说明"),
    (FINAL_ACCOUNT, None, "budget or final account: 2022年度部门决算"),
    (BUDGET.replace("1234.00", "1404.50"), None,  # a 404 inside a number is no error page
     "budget or final account: 徐州市公共资源交易中心2023年部门预算公开说明"),
    (NOT_FOUND, None, "page not found"),
    ("<h1>Not Found</h1>\nThe requested URL was not found on this server.", None, "page not found"),
    (FORMAT_NOTICE, None,
     "notice about annual reports: 国务院办公厅政府信息与政务公开办公室关于印发《中华人民共和国政府信息公开工作年度"),
    ("关于做好2023年政府信息公开工作年度报告编制发布工作的通知\n各单位：请于1月31日前报送。", None,
     "notice about annual reports: 关于做好2023年政府信息公开工作年度报告编制发布工作的通知"),
    ("", None, "no text"),
    ("关于开展2023年度安全生产检查的通知\n各单位：请按要求开展检查。", None,
     "no annual report title, sections or statistics: 关于开展2023年度安全生产检查的通知"),
])
def test_not_reports_and_why(text: str, title: str | None, reason: str) -> None:
    assert kind_of(text, title) == Kind(False, reason)
    assert is_report_text(text) is False


PRE_2019 = (FIXTURES / "other" / "pre2019_report_2017.txt").read_text(encoding="utf-8")

# a 2017 report as 濱江區 published it (Traditional mirror, sections only, no table)
PRE_2019_TRADITIONAL = """根據《中華人民共和國政府信息公開條例》和區政府有關信息公開工作要求，
我局編制了2017年度政府信息公開工作年度報告。
一、主動公開政府信息的情況
2017年我局積極認真做好政務信息公開工作，依法主動公開各類政務信息。
二、依申請公開政府信息和不予公開政府信息的情況
2017年我局共收到依申請公開政府信息申請1件。
三、政府信息公開的收費及減免情況
2017年沒有政府信息公開收費和減免情況。
四、因政府信息公開申請行政復議、提起行政訴訟的情況
2017年我局有關政府信息公開的行政復議案共1起。
五、政府信息公開工作存在的主要問題及改進措施"""

PRE_2019_TABLE_ONLY = """清河县人民政府2012年政府信息公开工作年度报告
统计指标 单位 统计数
主动公开政府信息数 条 320
收到申请数 件 12
申请办结数 件 12
行政复议数量 件 0"""

SEED = next((FIXTURES / "seed").glob("*.txt")).read_text(encoding="utf-8")
FLATTENED = re.sub(r"\s+", " ", SEED)  # a CMS page that lost every line break


@pytest.mark.parametrize("text,title,reason", [
    (PRE_2019, None, "annual report: title, 4 report sections, pre-2019 statistics (主动公开政府信息数, "
                     "主动公开规范性文件数, 收到申请数)"),
    (PRE_2019_TRADITIONAL, None, "annual report: 5 report sections"),
    (PRE_2019_TABLE_ONLY, None,
     "annual report: title, pre-2019 statistics (主动公开政府信息数, 收到申请数, 申请办结数)"),
    (SEED, None, "annual report: title, 6 report sections, national-format statistics"),
    ("南山区教育局2022年政府信息公开工作年度报告\n总体情况\n本局认真贯彻落实《条例》。\n主动公开政府信息情况\n"
     "收到和处理政府信息公开申请情况\n存在的主要问题及改进情况", None, "annual report: title, 4 report sections"),
    (FLATTENED, None, "annual report: national-format statistics"),
    ("XX局2023年政府信息公开工作年度报告\n（附件下载）", None,
     "annual report: title only, no report sections or statistics read"),
    ("（正文见附件）", "徐州市新闻出版局2023年政府信息公开工作年度报告",
     "annual report: title only, no report sections or statistics read"),
    ("南京市财政局2023年政府信息公开工作年度报告\n本局主动公开部门预算、决算，修订了政府信息公开指南。\n"
     "财政拨款 基本支出 项目支出", None, "annual report: title only, no report sections or statistics read"),
    # an article page holding its report as an attachment, with related links to other years
    ("鼓楼区民政局2023年政府信息公开工作年度报告\n附件：鼓楼区民政局2023年政府信息公开工作年度报告.pdf\n相关链接\n"
     + "\n".join(f"鼓楼区民政局{y}年政府信息公开工作年度报告" for y in range(2018, 2023)),
     "鼓楼区民政局2023年政府信息公开工作年度报告_某某市人民政府门户网站",
     "annual report: title only, no report sections or statistics read"),
])
def test_reports_and_their_evidence(text: str, title: str | None, reason: str) -> None:
    assert kind_of(text, title) == Kind(True, reason)


def test_a_report_citing_the_format_notice_stays_a_report() -> None:
    """A report (its title lost, as a PDF running header takes it) whose opening cites the 年度报告格式 notice."""
    text = ("本报告依据《中华人民共和国政府信息公开条例》和\n"
            "国务院办公厅政府信息与政务公开办公室关于印发《中华人民共和国政府信息公开工作年度报告格式》的通知\n"
            "（国办公开办函〔2021〕30号），由商务局结合有关统计数据编制。\n" + SEED.split("\n", 1)[1])
    assert kind_of(text).is_report


def test_a_report_stays_a_report_whatever_it_mentions() -> None:
    """Body first: a report that mentions guides, budgets, meetings, 404 and lists other reports."""
    sidebar = "\n".join(f"上一篇：鼓楼区民政局{y}年政府信息公开工作年度报告" for y in range(2015, 2023))
    text = (f"{NEWS}\n{SEED}\n本年度修订了政府信息公开指南，公开部门预算、决算。召开培训会议2次。404\n{sidebar}")
    kind = kind_of(text)
    assert kind.is_report and kind.reason.startswith("annual report: title, 6 report sections")


def test_every_fixture_report_is_a_report() -> None:
    """No report among the fixtures (every format, flattened or not) comes out as a non-report."""
    paths = [p for sub in ("html", "docx", "text", "text_dumps", "seed") for p in (FIXTURES / sub).iterdir()
             if p.suffix in (".html", ".docx", ".txt")]
    assert len(paths) > 30
    for path in paths:
        doc = extractors.extract(path)
        lines = document_lines(doc)
        prose = [" ".join(c for c in ln.cells if c) for ln in lines if not ln.in_table]
        kind = classify(doc.title, prose, "\n".join(" ".join(ln.cells) for ln in lines))
        assert kind.is_report, f"{path.name}: {kind.reason}"


def test_long_text_stays_fast() -> None:
    import time

    text = ("发布机构：来源：" * 20 + "年度报告\n") * 20_000 + "报告" * 500_000
    start = time.perf_counter()
    kind_of(text)
    assert time.perf_counter() - start < 2.0


# ---- end to end: real-looking HTML pages through pipeline.extract_file

CHROME_TOP = ('<div class="header"><h1 class="logo"><a href="/">某某市人民政府门户网站</a></h1><ul class="nav">'
              + "".join(f'<li><a href="/col/{i}/">栏目{i}</a></li>' for i in range(12)) + "</ul></div>"
              '<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a></div>')
CHROME_BOTTOM = ('<div class="print">【<a href="#">打印本页</a>】【<a href="#">关闭窗口</a>】</div>'
                 '<div class="footer"><p>主办：某某市人民政府办公室　网站标识码：3200000000</p></div>')


def page(title: str, body: str) -> str:
    """A CMS article page around `body`."""
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}_某某市人民政府门户网站</title></head>'
            f'<body>{CHROME_TOP}<div class="main"><div class="article">{body}</div></div>{CHROME_BOTTOM}</body></html>')


def write(tmp_path: Path, name: str, html: str) -> Path:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return path


def info_table_page() -> str:
    """The 2021 CMS fixture with its agency named only in an info table (发布机构)."""
    html = (FIXTURES / "html" / "2021-cms.html").read_text(encoding="utf-8")
    html = re.sub(r"鼓\s*楼\s*区\s*民\s*政\s*局", "", html)  # the signature is wrapped in the source
    info = ('<table class="xxgk_info" width="100%"><tr><td>索引号：</td><td>11320000/2024-00484</td>'
            '<td>分类：</td><td>政府信息公开年报</td></tr><tr><td>发布机构：</td><td>鼓楼区民政局</td>'
            '<td>发文日期：</td><td>2024-01-20</td></tr><tr><td>名称：</td><td>2023年政府信息公开工作年度报告</td>'
            '<td>文号：</td><td></td></tr></table>')
    return html.replace('<div class="main">', f'<div class="main">{info}', 1)


def test_info_table_reaches_recovery_and_names_the_agency(tmp_path: Path) -> None:
    doc = extractors.extract(write(tmp_path, "info.html", info_table_page()))
    lines = document_lines(doc)
    prose = [" ".join(c for c in ln.cells if c) for ln in lines if not ln.in_table]
    full_text = "\n".join(" ".join(ln.cells) for ln in lines)
    assert read_metadata(prose, doc.title).agency is None  # only the info table names it
    assert read_metadata(prose, doc.title, full_text).agency == "鼓楼区民政局"


def test_cms_page_with_agency_only_in_info_table(tmp_path: Path) -> None:
    row = pipeline.extract_file(write(tmp_path, "info.html", info_table_page())).document
    assert (row["status"], row["agency"], row["year"]) == ("ok", "鼓楼区民政局", 2023)


def test_news_article_page_is_not_a_report(tmp_path: Path) -> None:
    body = "".join(f"<p>{line}</p>" for line in NEWS.splitlines())
    row = pipeline.extract_file(write(tmp_path, "news.html", page("我区召开2023年度政务公开工作推进会", body))).document
    assert (row["status"], row["report_format"], row["n_facts"]) == ("not_report", None, 0)


def test_list_page_is_not_a_report(tmp_path: Path) -> None:
    items = "".join(f'<li><a href="/art/{y}.html">莲湖区卫生健康委员会{y}年政府信息公开工作年度报告</a>'
                    f"<span>{y + 1}-01-20</span></li>" for y in range(2015, 2024))
    body = (f'<h2>政府信息公开年报</h2><ul class="list">{items}</ul>'
            '<div class="page">共9条 首页 上一页 下一页 尾页</div>')
    row = pipeline.extract_file(write(tmp_path, "list.html", page("政府信息公开年报", body))).document
    assert row["status"] == "not_report"


def test_pre_2019_report_page_is_other_format(tmp_path: Path) -> None:
    title = "清河县人民政府2015年政府信息公开工作年度报告"
    rows = [("统计指标", "单位", "统计数"), ("一、主动公开情况", "", ""), ("（一）主动公开政府信息数", "条", "1532"),
            ("其中：主动公开规范性文件数", "条", "12"), ("三、依申请公开情况", "", ""),
            ("（一）收到申请数", "件", "23"),
            ("1.当面申请数", "件", "3"), ("（二）申请办结数", "件", "23"), ("四、行政复议数量", "件", "1"),
            ("五、行政诉讼数量", "件", "0"), ("七、依申请公开信息收取的费用", "万元", "0")]
    table = "<table border='1'>" + "".join(
        "<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows) + "</table>"
    body = (f"<h1>{title}</h1><p>本报告中所列数据的统计期限自2015年1月1日起至2015年12月31日止。</p>"
            "<p>一、概述</p><p>2015年，县政府认真贯彻落实《条例》。</p><p>二、主动公开政府信息情况</p>"
            f"{table}<p>六、存在的主要问题及改进措施</p><p>公开的及时性有待提高。</p>"
            "<p>清河县人民政府办公室</p><p>2016年3月</p>")
    row = pipeline.extract_file(write(tmp_path, "pre2019.html", page(title, body))).document
    assert (row["status"], row["report_format"], row["agency"], row["year"]) == (
        "other_format", None, "清河县人民政府", 2015)


def test_news_about_a_report_under_the_sites_banner_is_news() -> None:
    """The first line is the site's banner; the page's title tells what was done to the report
    (a generator of others' pages found it read `other_format: … title only`)."""
    title = "曲靖市宣威市司法局发布2021年政府信息公开工作年度报告"
    text = (f"宣威市人民政府门户网站\n{title}\n近日，曲靖市宣威市司法局发布《曲靖市宣威市司法局2021年政府信息公开"
            "工作年度报告》。\n报告全文可在政府门户网站政府信息公开专栏查阅。（记者 王明）")
    assert kind_of(text, title) == Kind(False, f"news article: {title}")
