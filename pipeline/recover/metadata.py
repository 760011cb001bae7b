"""Report metadata from the text: title, issuing agency, year covered.

Titles come as `{agency}{year}年政府信息公开工作年度报告`, `{year}年{agency}政府信息…`,
`{agency}关于{year}年度政府信息公开工作的年度报告`, `关于印发…的通知`, with Chinese-numeral
years (`二〇一九年度`), spaces (`2024 年`), sometimes split over two lines (agency, then
year and the rest). The agency comes from the title, else the first sentence, the
signature or the page's info table (`agency`). The year is the year covered, never the
publication date printed at the end (`2022年1月20日`): the 2023 report appears in 2024.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .agency import agency_from_info, agency_from_sentence, agency_from_signature, agency_from_title
from .kind import classify
from .title import find_title, hint_title
from .wording import flat, key, simple


@dataclass(frozen=True)
class Metadata:
    """What the text says about the report itself."""

    title: str | None
    agency: str | None
    year: int | None


_YEAR_WORD = re.compile(r"((?:19|20)\d{2})年(?!\d{1,2}月\d|[一二三四五六七八九十]{1,3}月[一二三四五六七八九十\d])")
_PERIOD = re.compile(
    r"((?:19|20)\d{2})年(?:0?1|一)(?:月(?:0?1|一)?日?)?(?:起)?(?:至|到|—|-|~|－|–|―|～)+(?:(?:19|20)\d{2}年)?"
    r"(?:12|十二)月(?:31|三十一)?日?")
_MENTION = re.compile(r"((?:19|20)\d{2})年度?(?:的)?(?:政府|本单位|本机关)?(?:信息公开|政务公开|资讯公开)(?:工作)?"
                      r"(?:的)?(?:年度)?(?:报告|年报)")
_DATE = re.compile(r"(?:19|20)\d{2}年(?:\d{1,2}|[一二三四五六七八九十]{1,3})月")


def _in_range(y: str) -> int | None:
    """The year as a number when it can be a report's (2000-2099), else None (`1949年`)."""
    return int(y) if 2000 <= int(y) <= 2099 else None


def title_year(title: str) -> int | None:
    """The year a title names (`二〇一九年度…`, `…（2021年度）`), never a date (`2022年1月20日`)."""
    m = _YEAR_WORD.search(key(title[:200]))
    return _in_range(m.group(1)) if m else None


def find_year(title: str | None, paragraphs: list[str], hint: str | None = None) -> int | None:
    """The year covered: the title's, the statistics period's, the report named, the hint's, else the most cited.

    Dates (`2024年1月15日`, the publication) never count: the 2023 report appears in 2024.
    """
    if title and (y := title_year(title)):
        return y
    body = simple("".join(flat(p[:300]) for p in paragraphs[:60])[:8000])
    for pattern in (_PERIOD, _MENTION):  # `2023年1月1日至12月31日`; `编制…2023年政府信息公开工作年度报告`
        m = pattern.search(body)
        if m and (y := _in_range(m.group(1))):
            return y
    if hint and (y := title_year(hint)):
        return y
    years = Counter(y for y in (_in_range(s) for s in _YEAR_WORD.findall(_DATE.sub("", body))) if y)
    return years.most_common(1)[0][0] if years else None


def read_metadata(paragraphs: list[str], hint: str | None = None, full_text: str | None = None) -> Metadata:
    """Title, agency and year of a report from its prose, a container title hint and the whole text.

    `full_text` (table rows included) is where a CMS info table's `发布机构` stands; without
    it only the paragraphs are searched for one.
    """
    body_title, hinted = find_title(paragraphs), hint_title(hint)
    own = find_title(paragraphs, above=False)
    # A container's title can be stale (a DOCX made from last year's report): the body first.
    # A body's name on the line above a title naming none (a title set on two lines) holds
    # where the rest agrees or says nothing: on a web page that line may be the site's name
    # (`宜宾市人民政府` over an office's report, which the first sentence names).
    above = agency_from_title(body_title) if body_title and body_title != own else None
    other = ((agency_from_title(own) if own else None)
             or agency_from_sentence(paragraphs) or agency_from_signature(paragraphs)
             or (agency_from_title(hinted) if hinted else None)
             or agency_from_info(full_text if full_text is not None else "\n".join(paragraphs)))
    agency = above if above and (other is None or above in other or other in above) else other
    title = body_title if above is not None and agency == above else own
    return Metadata(title or hinted, agency, find_year(title, paragraphs, hinted))


def is_report_text(text: str) -> bool:
    """True when the text is an OGI annual report (`kind.classify` on the text alone)."""
    return classify(None, text.splitlines(), text).is_report
