"""The report's title among the first lines of a document, or in its container's title.

A title names an OGI report (`…政府信息公开工作年度报告`, `…年报`, Traditional `…資訊公開…報告`);
it is neither a sentence (`根据…，现将…年度报告公布如下。`), a breadcrumb (`首页 > …`) nor an
info line (`发布时间：…`). Real titles are split over two lines (`洪泽区人民政府` /
`2023 年政府信息公开工作年度报告`; `…2019年度政府信息公开` / `工作年度报告`); container
titles carry the site's name (`…年度报告_某某市人民政府门户网站`).
"""

from __future__ import annotations

import re

from .agency import agency_like, plausible
from .wording import flat, key, names_report

_NOT_TITLE = ("首页", "当前位置", "您的位置", "您现在的位置", ">", "›", "»", "来源:", "来源：", "发布时间",
              "索引号", "发布机构", "上一篇", "下一篇", "相关链接", "|")
_NOT_TITLE_START = re.compile(r"^(?:根据|按照|依据|依照|现将|现公布|现予|特编制|特制定|特此|为|本报告|各)")
_HINT_SPLIT = re.compile(r"\s*(?:[_｜|]|\s[-—–]\s)\s*")


def _title_line(k: str) -> bool:
    """True when a matching key is a title naming the report (not a sentence, breadcrumb or info line)."""
    return (len(k) <= 90 and names_report(k) and not any(m in k for m in _NOT_TITLE)
            and "。" not in k and "；" not in k and not _NOT_TITLE_START.match(k))


def _starts_without_agency(k: str) -> bool:
    """True when a title line begins with its year or the report words (agency on the line above)."""
    return bool(re.match(r"^(?:关于)?(?:(?:19|20)\d{2}年|(?:政府)?信息公开|政务公开|资讯公开)", k))


def _agency_above(line: str) -> bool:
    """True when a line holds only a body's name, perhaps with the year (`平潭综合实验区2019年度`)."""
    f = flat(line)
    bare = re.sub(r"(?:19|20)\d{2}年度?$", "", f)
    return not any(m in f for m in _NOT_TITLE) and (plausible(bare, 30) if bare != f else agency_like(f))


def find_title(paragraphs: list[str], hint: str | None = None, above: bool = True) -> str | None:
    """The report's title: the first early line naming an OGI report, joined with a line it was
    split from; with `above`, also with a body's name on the line above a title naming none
    (Word: `XX县人民政府办公室` over `2023年政府信息公开工作年度报告`; on a web page that line
    may be the site's name)."""
    head = [p.strip() for p in paragraphs[:25] if p.strip()]
    keys = [key(p[:200]) for p in head]
    for i, k in enumerate(keys):
        if _title_line(k):
            if above and i > 0 and _starts_without_agency(k) and _agency_above(head[i - 1]):
                return f"{head[i - 1]}{head[i]}"
            return head[i]
        nxt = keys[i + 1] if i + 1 < len(keys) else ""
        if len(k) <= 40 and len(nxt) <= 30 and _title_line(k + nxt) and not _title_line(nxt):
            # `…2019年度政府信息公开` / `工作年度报告`, the body's name maybe on the line above
            above = above and i > 0 and _starts_without_agency(k + nxt) and _agency_above(head[i - 1])
            return f"{head[i - 1] if above else ''}{head[i]}{head[i + 1]}"
    return hint_title(hint)


def hint_title(hint: str | None) -> str | None:
    """A container title that names the report, without the site's name (`…年度报告_某某市人民政府门户网站`)."""
    if not hint:
        return None
    for part in _HINT_SPLIT.split(hint.strip()):
        if _title_line(key(part)):
            return part.strip()
    return None
