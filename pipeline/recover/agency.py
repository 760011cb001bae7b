"""The issuing body of a report: from its title, first sentence, signature or the page's info table.

Real reports name their body in one of four places (PHENOMENA.md, Metadata): the title
(`平潭综合实验区2019年度…`, whatever the body's name ends with), only the first sentence
(`特编制湛江市人民政府地方志办公室2023年…`, `现公布XX局2023年度…`), only the signature
(`××区统计局` over `2024年1月`), or only a CMS info table (`发布机构：XX区人民政府办公室`).
Every function matches on `wording.key` and returns the document's own spelling.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .wording import REPORT_TOPIC, flat, simple

# what an agency's name ends with (signature and info table only; a title's agency is
# whatever precedes its year): bodies, development zones (`平潭综合实验区`), places
_SUFFIX = re.compile(
    r"(?:政府|办公室|办公厅|委员会|管委会|局|厅|委|办|院|署|中心|站|所|队|处|部|会|办事处|街道|镇|乡|"
    r"集团|公司|学校|学院|大学|医院|馆|社|区|县|市|州|旗|盟|省|村|社区|监狱|法院|检察院|银行|党校|台|场|厂|"
    r"关|港|校|库|园|组|室|团|师|所)$")
_GENERIC = re.compile(r"^(?:本|我|该|贵|全)(?:单位|机关|部门|局|委|办|院|中心|区|县|市|省|镇|乡|街道|公司|站|所)?$")
# the report words name no body, unless a body's office follows (`晋安区人民政府信息公开办公室`)
_NOT_AGENCY = re.compile(r"报告|年报|(?:信息公开|政务公开)(?!.*(?:办公室|办|小组|中心|科)$)|网站|首页|当前位置|来源|"
                         r"发布|时间|日期|附件|索引号|\d{4}|[。，；！？：:|;,!?\"'“”《》<>=/\\]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_YEAR = re.compile(r"(?:19|20)\d{2}年度?")
_TOPIC_CUT = re.compile(r"(?:的)?(?:政府信息公开|政府资讯公开|信息公开|政务公开|资讯公开|年度报告|年报|工作报告)")
_LEAD_TAG = re.compile(r"^(?:附件\d*[:：]?|\d{1,2}[.、]|[【\[〔][^】\]〕]{0,20}[】\]〕]|[(（][^)）]{0,12}[)）])")
_TRAIL_TAG = re.compile(r"(?:[(（【\[][^)）】\]]{0,20}[)）】\]]|\.(?:pdf|docx?|wps|html?))$", re.I)
_NOTICE = re.compile(r"^(?P<pre>.*?)关于(?:印发|公布|发布|公开|转发|报送|上报)(?P<inner>.+?)"
                     r"(?:的(?:通知|公告|通告|函))?$")
_NOTICE_TAIL = re.compile(r"的(?:通知|公告|通告|函)$")
_QUOTES = re.compile(r"[《》〈〉“”\"'‘’「」『』]")


def plausible(cand: str, max_len: int = 40) -> bool:
    """True when `cand` can be a body's name: 2-40 characters, Chinese, no sentence or report words."""
    k = simple(cand)
    return (2 <= len(cand) <= max_len and len(_CJK.findall(cand)) >= 2
            and not _GENERIC.match(k) and not _NOT_AGENCY.search(k))


def agency_like(cand: str, max_len: int = 30) -> bool:
    """True when a free-standing line reads as a body's name (a signature, a table cell)."""
    return plausible(cand, max_len) and bool(_SUFFIX.search(simple(cand)))


def _trim(cand: str) -> str:
    """A candidate without its linking words and brackets: `南山区教育局关于` -> `南山区教育局`."""
    cand = re.sub(r"[(（][^)）]{0,20}[)）]", "", cand.strip("：:，,、 -—_"))  # `XX局（XX办）` -> `XX局`
    k = simple(cand)
    start = m.end() if (m := re.match(r"^(?:关于|对|由)", k)) else 0
    end = m.start() if (m := re.search(r"(?:关于印发|关于|的)$", k)) else len(cand)
    return cand[start:end].strip("：:，,、 -—_")


def _before_topic(rest: str) -> str:
    """The text before the report words; `泰和县政府政府信息公开…` keeps `泰和县政府`."""
    m = _TOPIC_CUT.search(simple(rest))
    return rest[:m.start()] if m else rest


def _unwrap(f: str) -> str:
    """A flat title without tags, quotes and the file suffix: `【转载】《XX局…》（全文）` -> `XX局…`."""
    f = _QUOTES.sub("", f)
    for _ in range(3):
        f2 = _TRAIL_TAG.sub("", _LEAD_TAG.sub("", f))
        if f2 == f or not f2:
            break
        f = f2
    return f


def agency_from_title(title: str) -> str | None:
    """The body a title names, whatever its suffix: before the year, else between year and report words."""
    f = _unwrap(flat(title[:200]))
    m = _NOTICE.match(simple(f))
    if m:  # `XX办公室关于印发XX局2022年…报告的通知`: the report's body, else the notice's
        inner = agency_from_title(f[m.start("inner"):m.end("inner")])
        pre = _trim(f[:m.end("pre")])
        return inner or (pre if plausible(pre) else None)
    f = _NOTICE_TAIL.sub("", f)
    k = simple(f)
    topic = REPORT_TOPIC.search(k)
    year = _YEAR.search(k)
    candidates = []
    if year and (topic is None or year.start() < topic.start()):
        candidates.append(f[:year.start()])
        candidates.append(_before_topic(f[year.end():]))
    else:
        candidates.append(_before_topic(f))
    for cand in candidates:
        cand = _trim(cand)
        if plausible(cand):
            return cand
    return None


# `特编制湛江市人民政府地方志办公室2023年…`, `根据…要求，现公布XX局2023年度…`, `现将XX局2023年…`
_SENTENCE = re.compile(
    r"(?:编制|编写|形成|公布|发布|印发|现将|制作)(?:了|出)?《?(?P<a>[^，。；、：:“”《》]{2,40}?)(?:关于)?"
    r"(?:19|20)\d{2}年度?(?:的)?(?:政府|本单位|本机关)?(?:信息公开|政务公开|资讯公开)")


# `本报告根据《条例》…要求，由XX县统计局编制。`: the report says who made it
# `本报告由XX街道办事处根据《条例》要求编制。`
_MADE_BY = re.compile(r"由(?P<a>[^，。；、：:“”《》]{2,40}?)(?:(?:负责|组织|牵头|会同[^，。]{0,20})?"
                      r"(?:编制|编写|起草|汇总)|(?:根据|依据|按照|依照)《)")


def agency_from_sentence(paragraphs: list[str]) -> str | None:
    """The body named in the opening sentences (`特编制湛江市…办公室2023年…`, `本报告…由XX局编制`);
    never `本机关`."""
    for p in paragraphs[:30]:
        f = flat(p[:400])
        found = list(_SENTENCE.finditer(simple(f)))
        if "报告" in f:
            found += _MADE_BY.finditer(simple(f))
        for m in found:
            cand = _trim(f[m.start("a"):m.end("a")])
            if plausible(cand, 30):
                return cand
    return None


_NUM = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_DATE = rf"(?:(?:19|20)\d{{2}}年{_NUM}月(?:{_NUM}[日号])?|(?:19|20)\d{{2}}[-./]\d{{1,2}}(?:[-./]\d{{1,2}})?)"
_DATE_LINE = re.compile(rf"^{_DATE}$")
_URL = re.compile(r"(?:ﬁ|fi)le:/{2,3}|https?://")
_SIGNED_LINE = re.compile(rf"^(?P<a>.{{2,30}}?){_DATE}$")


def agency_from_signature(paragraphs: list[str]) -> str | None:
    """The body signing the report: a name over the closing date (`××区统计局` / `2024年1月15日`)."""
    # (a browser's print footer run on into the date line: `…2022年2月22日file:///…/a.html 3/3`)
    tail = [_URL.split(flat(p[:160]))[0].strip() for p in paragraphs[-12:]]
    tail = [t for t in tail if t]
    for i in range(len(tail) - 1, -1, -1):
        k = simple(tail[i])
        if _DATE_LINE.match(k):
            if i > 0 and agency_like(tail[i - 1]) and not re.match(r"^[一二三四五六七八九十]+、", tail[i - 1]):
                return tail[i - 1]
            continue
        m = _SIGNED_LINE.match(k)
        if m and agency_like(tail[i][:m.end("a")]):  # `××区统计局 2024年1月` on one line
            return tail[i][:m.end("a")]
    return None


# CMS info tables reach recovery as rows (`发布机构： XX局 发文日期： …`) or paragraphs
_INFO_LABEL = re.compile(r"(发布机构|發布機構|发文机关|發文機關|发布单位|發布單位|发文单位|發文單位|公开主体|"
                         r"信息来源|信息來源|ContentSource|来源|來源)[ \t\u3000\xa0]*[:：]?[ \t\u3000\xa0]*")
_INFO_NEXT = re.compile(r"发文日期|发布日期|成文日期|发布时间|生成日期|公开日期|索引号|文号|分类|主题|时间|日期|"
                        r"浏览|点击|作者|字号|责任|[:：|]")
_INFO_HEAD, _INFO_TAIL, _INFO_HITS = 30_000, 10_000, 40  # info tables stand above or below the article
_INFO_RANK = {"发布机构": 0, "发文机关": 0, "发布单位": 1, "发文单位": 1, "公开主体": 1, "信息来源": 2,
              "ContentSource": 2, "来源": 3}  # ContentSource: a CMS page's <meta> (extractors.html.page_info)


def _info_values(text: str) -> Iterator[tuple[int, str]]:
    """(rank, value) of the first info-table labels in the text, the value cut at the next label."""
    for n, m in enumerate(_INFO_LABEL.finditer(text)):
        if n >= _INFO_HITS:
            return
        raw = text[m.end():m.end() + 60].split("\n", 1)[0].split(maxsplit=1)
        if not raw:
            continue
        value = flat(raw[0])
        cut = _INFO_NEXT.search(simple(value))
        value = value[:cut.start()] if cut else value
        yield _INFO_RANK.get(simple(m.group(1)), 3), value.strip("，,、。 ")


def agency_from_info(text: str) -> str | None:
    """The body of a CMS info table (`发布机构：XX局`), else a `来源：` naming a body (not `本网`)."""
    best: tuple[int, str] | None = None
    where = text if len(text) <= _INFO_HEAD + _INFO_TAIL else text[:_INFO_HEAD] + "\n" + text[-_INFO_TAIL:]
    for rank, value in _info_values(where):
        ok = plausible(value, 30) if rank < 3 else agency_like(value)
        if ok and (best is None or rank < best[0]):
            best = (rank, value)
            if rank == 0:
                break
    return best[1] if best else None
