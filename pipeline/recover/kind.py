"""What kind of document a text is: an OGI annual report, or which kind of non-report and why.

A crawler of annual reports brings home pages that are not reports (PHENOMENA.md, Not
reports): news about disclosure work (often about the report itself), list pages of
reports, 政府信息公开指南, budget or final-account tables, 404 pages. They mention the
report words, so the words alone prove nothing. A report is recognised by its body:
the report's sections (`一、总体情况` … `六、其他需要报告的事项`, or the pre-2019
`一、概述` …) or its statistics (national or pre-2019 labels). Only a document without
a body is a non-report, and a title naming an annual report keeps it a report
(conservative: a flattened or damaged report must never be `not_report`).

Reasons are part of the interface (`status.error`); tests/recover/test_kind.py pins them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .title import find_title, hint_title
from .wording import key, names_report

MAX_CHARS = 300_000  # a report's sections and statistics come well before this
_CN_NUM = "[一二三四五六七八九十]{1,3}"
_ENUM = re.compile(rf"^(?:{_CN_NUM}[、.]|\({_CN_NUM}\)|第{_CN_NUM}部分|\d{{1,2}}[、.])")
# the report's top-level sections, 2019 and pre-2019 wording (one pattern per section)
_SECTIONS = (
    ("总体情况", re.compile(r"总体情况|概述|基本情况|总体概况|工作概况")),
    ("主动公开", re.compile(r"主动公开.{0,8}情况")),
    ("依申请公开", re.compile(r"收到和处理政府信息公开申请|依申请公开.{0,16}情况|信息公开申请.{0,6}情况")),
    ("复议诉讼", re.compile(r"行政复议.{0,14}情况|行政诉讼.{0,6}情况|复议.{0,3}诉讼")),
    ("问题改进", re.compile(r"存在的?(?:主要)?问题|问题及改进|改进(?:情况|措施)")),
    ("其他事项", re.compile(r"其他需要报告|其他需要说明")),
    ("收费减免", re.compile(r"收费及减免|收取费用.{0,4}情况|收费.{0,4}情况")),
)
# labels only the national tables print (2019 and 2021 formats)
_NATIONAL = ("第二十条第(一)项", "本年新制作数量", "本年新公开数量", "对外公开总数量", "本年制发件数", "本年废止件数",
             "现行有效件数", "上一年项目数量", "处理决定数量", "本年新收政府信息公开申请数量",
             "上年结转政府信息公开申请数量", "本年度办理结果", "未经复议直接起诉", "复议后起诉", "法律服务机构",
             "科研机构", "商业企业", "结转下年度继续办理", "三安全一稳定")
# labels of the statistics tables before the 2019 regulations (2008-2018 reports)
_OLD = ("主动公开政府信息数", "主动公开规范性文件数", "收到申请数", "当面申请数", "传真申请数", "网络申请数",
        "信函申请数", "申请办结数", "按时办结数", "延期办结数", "申请答复数", "属于已主动公开范围数",
        "同意公开答复数", "同意部分公开答复数", "不同意公开答复数", "告知作出更改补充", "告知通过其他途径办理",
        "行政复议数量", "行政诉讼数量", "举报投诉数量", "依申请公开信息收取的费用", "统计指标")
_NOT_FOUND = re.compile(r"(?<![\d.])404(?![\d.])|页面不存在|页面未找到|找不到(?:该|您要访问的|您访问的)?(?:页面|网页)|"
                        r"已被删除|已删除|不存在或|notfound|页面已过期|无法访问|无法找到|页面走丢|出错了|"
                        r"访问的页面", re.I)
_NEWS = re.compile(r"召开|举办|举行|部署|推进会|培训|座谈|会议|调研|督查|督导|检查|考核|通报|解读|图解|一图|读懂|"
                   r"答记者问|新闻|简讯|要闻|动态|获评|荣获|表彰|走进|出席|圆满|顺利|启动|亮点|成效|发布会")
_NEWS_OF_REPORT = re.compile(r"解读|图解|一图|读懂|答记者问|发布会")
_NEWS_BODY = re.compile(r"(?:^|[。，；！])(?:近日|日前)|记者|会议(?:指出|强调|要求|认为)|\d{1,2}月\d{1,2}日[上下]午")
_BUDGET = re.compile(r"预算|决算")
_BUDGET_ROWS = ("收入合计", "支出合计", "预算数", "决算数", "一般公共预算", "三公", "财政拨款", "基本支出", "项目支出")
_GUIDE = re.compile(r"公开指南|信息公开指引")
_GUIDE_BODY = re.compile(r"本指南")  # `…，编制本指南。` (a report speaks of `政府信息公开指南`)
_YEAR = re.compile(r"(?:19|20)\d{2}")
# notices about the reports, not reports: `…关于印发《…年度报告格式》的通知` (it prints the template's
# sections and labels), `关于做好2023年…年度报告有关事项的通知`, as the document's first line; a
# report's own wrapper ends with the report words (`关于印发XX局2023年…年度报告的通知`), and a
# report citing the format notice does so inside a sentence
_ABOUT_REPORTS = re.compile(r"^(?!和|及|与|依据|根据|按照|本报告)[^，,。]*关于[^，,。]*(?:报告|年报)"
                            r"(?:格式|有关事项|有关工作|编制|发布|报送|工作|统一)[^，,。]*(?:通知|函)$")


# a page's info table (索引号 / 发布机构 / 发文日期 / 发布时间): no headline, and no news verb
_INFO = re.compile(r"索引号|发布机构|发布时间|发布日期|发文机关|发文日期")


@dataclass(frozen=True)
class Kind:
    """Whether a document is an annual report, and the readable evidence or reason."""

    is_report: bool
    reason: str
    old_statistics: bool = field(default=False, compare=False)  # prints pre-2019 statistics (the reason says so)


def _sections(keys: list[str]) -> list[str]:
    """The report sections a document's headings name (`一、总体情况`, `（四）…`, a bare `总体情况`)."""
    found = []
    for k in keys:
        m = _ENUM.match(k)
        if not m and len(k) > 24:  # a heading is numbered (`一、`, `（四）`, `第三部分`) or a short line
            continue
        head = k[m.end():m.end() + 30] if m else k
        found += [name for name, pattern in _SECTIONS if name not in found and pattern.search(head)]
    return found


def _labels(text: str, labels: tuple[str, ...]) -> list[str]:
    """The labels printed in a document (its matching key without line breaks)."""
    return [label for label in labels if label in text]


def _headline(title: str | None, keys: list[str], lines: list[str]) -> str:
    """The document's heading for a reason: its title, else its first short line, at most 40 characters."""
    for k, line in zip(keys[:10], lines[:10]):
        if 4 <= len(k) <= 60 and "首页" not in k and ">" not in k and not _INFO.search(k):
            return line.strip()[:40]
    return (title or "").strip()[:40]


def _report_titles(keys: list[str]) -> set[str]:
    """The distinct report titles printed as lines (list pages: one title and date per line)."""
    return {re.sub(r"\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}|[\[\]()]", "", k) for k in keys
            if len(k) <= 70 and names_report(k) and _YEAR.search(k) and "。" not in k}


def classify(title: str | None, paragraphs: list[str], full_text: str) -> Kind:
    """An annual report (with its evidence) or a non-report (with why): body first, then the kinds."""
    text = full_text[:MAX_CHARS]
    lines = [ln for ln in text.splitlines() if ln.strip()]
    keys = [key(ln[:300]) for ln in lines]
    joined = key(text)
    report_title = find_title(paragraphs, title) or hint_title(title)
    opening = next((k for k in (key(p[:200]) for p in paragraphs[:8]) if k and "首页" not in k and ">" not in k), "")
    if report_title and key(report_title) in (opening, key(title or "")) and _ABOUT_REPORTS.search(key(report_title)):
        return Kind(False, f"notice about annual reports: {report_title.strip()[:40]}")
    sections = _sections(keys)
    national, old = _labels(joined, _NATIONAL), _labels(joined, _OLD)
    has_title = report_title is not None and _YEAR.search(key(report_title)) is not None
    evidence = (["title"] if has_title else []) + ([f"{len(sections)} report sections"] if sections else [])
    if len(national) >= 3:
        evidence.append("national-format statistics")
    if len(old) >= 3:
        evidence.append("pre-2019 statistics (" + ", ".join(old[:3]) + ")")
    stats = len(national) >= 3 or len(old) >= 3
    if stats or len(sections) >= 3 or (has_title and (len(sections) >= 2 or len(national) + len(old) >= 2)):
        return Kind(True, "annual report: " + ", ".join(evidence), len(old) >= 3)
    return _without_body(title, keys, lines, joined, has_title)


def _news_heading(hk: str) -> bool:
    """A heading telling news: a report's own title counts only for what is done to the
    report (`XX区发布2023年…年度报告`, `一图读懂…`); `XX市新闻出版局2023年…` stays a title."""
    verbs = _NEWS_OF_REPORT if names_report(hk) else _NEWS
    notice = bool(re.search(r"^关于|(?:通知|公告|通告|意见|办法|方案|规定|制度)$", hk))
    return not notice and (bool(verbs.search(hk)) or "发布" in _INFO.sub("", hk))


def _without_body(title: str | None, keys: list[str], lines: list[str], joined: str, has_title: bool) -> Kind:
    """The kind of a document without a report body: not found, list, guide, budget, news, else its title."""
    headline = _headline(title, keys, lines)
    # what the document calls itself: its heading and container title (not its opening lines,
    # where a report's `主动公开部门预算、决算` or `修订了政府信息公开指南` would stand)
    head_keys = " ".join((key(headline), key(title or "")))
    if len(joined) < 10 and not has_title:
        return Kind(False, "no text")
    if len(joined) < 600 and _NOT_FOUND.search(joined):
        return Kind(False, "page not found")
    titles = _report_titles(keys)
    listed = sum(len(t) for t in titles)
    # a list page's container title is its column (`政府信息公开年报`); an article page whose
    # container names one dated report is that report (in an attachment) with related links
    hinted = hint_title(title)
    one_report = hinted is not None and _YEAR.search(key(hinted)) is not None
    if len(titles) >= 3 and not one_report and (len(joined) < 3000 or listed * 4 >= len(joined)):
        return Kind(False, f"a list of {len(titles)} report titles, no report body")
    if _GUIDE.search(head_keys) or _GUIDE_BODY.search(joined):
        return Kind(False, "政府信息公开指南")
    if _BUDGET.search(head_keys) or (not has_title and len(_labels(joined, _BUDGET_ROWS)) >= 3):
        return Kind(False, f"budget or final account: {headline}")
    hk = key(headline)
    # the headline, or a container title naming the report (the headline may be the site's
    # banner): news when it tells what is done to the report
    news_title = _news_heading(hk)
    if not news_title and title and names_report(key(title)) and _news_heading(key(title)):
        news_title, headline = True, title.strip()[:40]
    if news_title or (not has_title and _NEWS_BODY.search(joined)):
        return Kind(False, f"news article: {headline}")
    if has_title:
        return Kind(True, "annual report: title only, no report sections or statistics read")
    return Kind(False, f"no annual report title, sections or statistics: {headline}")
