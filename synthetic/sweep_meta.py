"""Who issued a sweep report and for which year, and where the report says so.

The agency stands in the title (with any of the suffixes real bodies carry), only in the
first sentence (`特编制湛江市人民政府地方志办公室2023年…`), only in the signature
(`××区统计局 2024年1月`) or only in an HTML page's info table (发布机构). Titles come in
the shapes real reports use, with Chinese-numeral years or as a `关于印发…的通知`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

META_FLAGS = ("agency_first_sentence", "agency_signature", "agency_info_table", "cn_year",
              "notice_title")
AGENCIES = (
    "平潭综合实验区", "苏州工业园区管委会", "湛江市人民政府地方志办公室", "淮安市洪泽区人民政府",
    "城关街道办事处", "余杭区市场监督管理局", "莲湖区卫生健康委员会", "徐州市公共资源交易中心",
    "南京市医疗保障局", "广州开发区管委会", "沙河街道办事处", "龙岗区统计局", "华龙区岳村镇人民政府",
    "盐城市生态环境局", "江北新区管理委员会", "武侯区人力资源和社会保障局", "滨海县住房和城乡建设局",
    "贵安新区管理委员会", "舟山市自然资源和规划局", "昆山市发展和改革委员会", "泉州市政务服务中心",
)
_CN = "〇一二三四五六七八九"


@dataclass(frozen=True)
class Meta:
    """The report's metadata as printed: title lines, opening sentence, signature lines."""

    agency: str
    year: int
    title: str  # the report's own title (inside a notice when `notice` is set)
    heading: tuple[str, ...]  # the lines printed first (title, or a notice's title and opening)
    opening: str
    signature: tuple[str, ...]
    info_agency: str | None  # 发布机构 of the page's info table (HTML)
    where: str  # title | first_sentence | signature | info_table


def draw_meta_flags(rng: random.Random, fmt: str) -> set[str]:
    """Where the agency stands and how the title is written (info table only on HTML pages)."""
    flags: set[str] = set()
    where = rng.choices(("title", "agency_first_sentence", "agency_signature", "agency_info_table"),
                        weights=(0.6, 0.14, 0.14, 0.12 if fmt == "html" else 0.0))[0]
    if where != "title":
        flags.add(where)
    if rng.random() < 0.15:
        flags.add("cn_year")
    if rng.random() < 0.12 and where == "title":
        flags.add("notice_title")
    return flags


def cn_year(year: int, rng: random.Random) -> str:
    """`2019` -> `二〇一九` (sometimes with `○` for zero)."""
    digits = "".join(_CN[int(d)] for d in str(year))
    return digits.replace("〇", "○") if rng.random() < 0.3 else digits


def draw_meta(rng: random.Random, year: int, flags: set[str]) -> Meta:
    """The metadata of one report for `year` as the flags place it."""
    agency = rng.choice(AGENCIES)
    y = cn_year(year, rng) if "cn_year" in flags else str(year)
    where = next((f[7:] for f in flags if f.startswith("agency_")), "title")
    if where == "title":
        title = rng.choice((f"{agency}{y}年政府信息公开工作年度报告", f"{agency}{y}年度政府信息公开工作年度报告",
                            f"{y}年{agency}政府信息公开工作年度报告",
                            f"{agency}关于{y}年度政府信息公开工作的年度报告",
                            f"{agency}{y} 年政府信息公开工作年度报告"))
    else:
        title = rng.choice((f"{y}年政府信息公开工作年度报告", f"{y}年度政府信息公开工作年度报告"))
    heading: tuple[str, ...] = (title,)
    if "notice_title" in flags:
        heading = (f"关于印发{title}的通知", "各科室、各直属单位：",
                   f"现将《{title}》印发给你们，请结合实际认真贯彻落实。")
        if rng.random() < 0.5:
            heading += (title,)
    subject = agency if where == "first_sentence" or (where == "title" and rng.random() < 0.3) else "本"
    opening = (f"根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和上级有关要求，特编制{subject}"
               f"{y}年政府信息公开工作年度报告。本报告中所列数据的统计期限自{year}年1月1日起至"
               f"{year}年12月31日止。")
    date = rng.choice((f"{year + 1}年1月", f"{year + 1}年1月20日", f"{year + 1}年1月{rng.randint(5, 30)}日"))
    if where == "signature" or (where == "title" and rng.random() < 0.6):
        signature: tuple[str, ...] = (agency, date)
    else:
        signature = (date,)
    info = agency if where == "info_table" or rng.random() < 0.5 else None
    return Meta(agency, year, title, heading, opening, signature, info, where)


def narrative(year: int, rng: random.Random, no_requests: bool) -> dict[str, list[str]]:
    """Paragraphs of each top-level section (no agency named: the metadata places it)."""
    n = rng.randint(10, 900)
    requests = ("本年度未收到政府信息公开申请。" if no_requests else
                f"{year}年共受理政府信息公开申请，均在法定期限内答复。")
    return {
        "一、总体情况": [f"{year}年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，全年主动公开"
                    f"政府信息{n}条，依申请公开工作依法规范开展。",
                    "（一）主动公开。通过政府网站、政务新媒体等渠道及时公开各类政府信息。",
                    "（二）依申请公开。" + requests],
        "二、主动公开政府信息情况": [],
        "三、收到和处理政府信息公开申请情况": [],
        "四、政府信息公开行政复议、行政诉讼情况": [],
        "五、存在的主要问题及改进情况": ["一是公开内容的深度和广度还有待提升；二是工作人员业务能力有待加强。"
                               "下一步，我们将进一步规范政府信息公开工作。"],
        "六、其他需要报告的事项": ["本年度未收取信息处理费。无其他需要报告的事项。"],
    }
