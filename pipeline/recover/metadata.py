"""Report metadata from the text: title, issuing agency, year covered.

Titles come as `{agency}{year}年政府信息公开工作年度报告`, `{year}年{agency}政府信息…`,
`{agency}关于{year}年度政府信息公开工作的年度报告`, sometimes split over two lines
(agency, then year and the rest). The year is the year covered, never the
publication date printed at the end (`2022年1月20日`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

_CN_DIGITS = {"〇": "0", "○": "0", "零": "0", "O": "0", "一": "1", "二": "2", "三": "3", "四": "4",
              "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_CN_YEAR = re.compile(r"([〇○零O一二三四五六七八九]{4})\s*年")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度?(?!\s*\d{1,2}\s*月\s*\d{1,2}\s*日)")
_PERIOD = re.compile(r"((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日\s*(?:起)?\s*至\s*"
                     r"(?:(?:19|20)\d{2}\s*年\s*)?12\s*月\s*31\s*日")
_NOT_TITLE = ("首页", "当前位置", "您的位置", ">", "›", "»", "|", "来源：", "来源:", "发布时间", "索引号")
_REPORT_WORDS = ("政府信息公开", "年度报告", "年报", "信息公开工作")
_TAIL = re.compile(
    r"(?:关于)?(?:(?:19|20)\d{2}\s*年度?)?的?(?:政府)?信息公开(?:工作)?(?:的)?(?:年度)?(?:报告|年报).*$")
_AGENCY_END = re.compile(
    r"(人民政府|政府|办公室|办公厅|委员会|管委会|管理委员会|局|厅|委|办|院|署|中心|站|所|队|处|部|会|"
    r"街道办事处|办事处|街道|镇|乡|集团|公司|学校|大学|医院|馆|社)$")


@dataclass(frozen=True)
class Metadata:
    """What the text says about the report itself."""

    title: str | None
    agency: str | None
    year: int | None


def _cn_year(text: str) -> str:
    """`二〇二一年` -> `2021年`."""
    return _CN_YEAR.sub(lambda m: "".join(_CN_DIGITS[c] for c in m.group(1)) + "年", text)


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", "", _cn_year(text))


def find_title(paragraphs: list[str], hint: str | None = None) -> str | None:
    """The report's title: the first early line naming an OGI annual report."""
    head = [p.strip() for p in paragraphs[:20] if p.strip()]
    for i, line in enumerate(head):
        flat = _clean(line)
        if any(mark in flat for mark in _NOT_TITLE):  # breadcrumbs, CMS metadata lines
            continue
        if len(flat) <= 80 and "报告" in flat and ("信息公开" in flat or "年报" in flat):
            if i > 0 and _starts_without_agency(flat) and _looks_like_agency(_clean(head[i - 1])):
                return f"{head[i - 1]}{line}"
            return line
    if hint and any(w in _clean(hint) for w in _REPORT_WORDS):
        return hint.strip()
    return None


def _starts_without_agency(flat: str) -> bool:
    """True when a title line begins with its year or the report words (agency on the line above)."""
    return bool(re.match(r"^(?:关于)?(?:19|20)\d{2}年|^政府信息公开", flat))


def _looks_like_agency(flat: str) -> bool:
    return 2 <= len(flat) <= 30 and bool(_AGENCY_END.search(flat))


def agency_from_title(title: str) -> str | None:
    """The issuing body named in a title, or None."""
    flat = _clean(title)
    flat = re.sub(r"^[【\[(（].*?[】\])）]", "", flat)
    before = _YEAR.split(flat, maxsplit=1)
    candidates = []
    if len(before) == 3:
        head, _, rest = before
        candidates.append(head)
        candidates.append(_TAIL.sub("", rest))
    candidates.append(_TAIL.sub("", flat))
    for cand in candidates:
        cand = re.sub(r"^(?:关于)", "", re.sub(r"(?:关于(?:印发|公布|发布)?|的)$", "", cand).strip("：:，, "))
        cand = _strip_report_words(cand)
        if _looks_like_agency(cand):
            return cand
    return None


def _strip_report_words(cand: str) -> str:
    """`盐城市生态环境局政府信息公开工作` -> `盐城市生态环境局`; keeps `…人民政府`."""
    cand = re.sub(r"(?:的)?信息公开(?:工作)?$", "", cand)
    if cand.endswith("政府") and not cand.endswith("人民政府"):
        shorter = cand[:-2]
        if _looks_like_agency(shorter):
            return shorter
    if cand.endswith("人民政府政府"):
        return cand[:-2]
    return cand


def find_year(title: str | None, paragraphs: list[str]) -> int | None:
    """The year covered: from the title, the statistics period, else the most cited year."""
    if title:
        m = _YEAR.search(_clean(title))
        if m:
            return int(m.group(1))
    body = _clean("".join(paragraphs[:60]))[:6000]
    m = _PERIOD.search(body)
    if m:
        return int(m.group(1))
    years = Counter(int(y) for y in _YEAR.findall(body) if 2000 <= int(y) <= 2100)
    return years.most_common(1)[0][0] if years else None


def agency_from_signature(paragraphs: list[str]) -> str | None:
    """The body signing the report: a short line ending like an agency before a closing date."""
    tail = [p.strip() for p in paragraphs[-6:] if p.strip()]
    for i in range(len(tail) - 1, 0, -1):
        if re.match(r"^(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?$", _clean(tail[i])):
            cand = _clean(tail[i - 1])
            if _looks_like_agency(cand):
                return cand
    return None


def read_metadata(paragraphs: list[str], hint: str | None = None) -> Metadata:
    """Title, agency and year of a report from its paragraphs (and a container title hint)."""
    title = find_title(paragraphs, hint)
    agency = agency_from_title(title) if title else None
    if agency is None:
        agency = agency_from_signature(paragraphs)
    return Metadata(title, agency, find_year(title, paragraphs))


def is_report_text(text: str) -> bool:
    """True when the text calls itself an OGI annual report."""
    flat = _clean(text[:20000])
    return "信息公开" in flat and ("年度报告" in flat or "年报" in flat or "工作报告" in flat)
