"""The narrative: one section per top-level heading (一、总体情况 …).

Headings are numbered with Chinese numerals in sequence; lines inside the
statistical tables (`四、结转下年度继续办理` is a row, not a heading) are excluded
by the caller, and a heading must continue the sequence (一, 二, 三, …).
"""

from __future__ import annotations

import re

_HEADING = re.compile(r"^\s*([一二三四五六七八九十]{1,3})\s*[、.．]\s*(\S.{0,38})$")
_NUMERALS = "一二三四五六七八九十"


def _numeral(text: str) -> int:
    """`三` -> 3, `十二` -> 12."""
    if len(text) == 1:
        return _NUMERALS.index(text) + 1
    if text.startswith("十"):
        return 10 + (_numeral(text[1:]) if len(text) > 1 else 0)
    return _numeral(text[0]) * 10 + (_numeral(text[2:]) if len(text) > 2 else 0)


def is_heading(text: str) -> bool:
    """True for a line shaped like a top-level heading (`三、收到和处理…`)."""
    return bool(_HEADING.match(text)) and not re.search(r"[。；;]$", text)


def split_sections(paragraphs: list[str]) -> list[tuple[str | None, str]]:
    """(heading, text) per top-level section; text before the first heading gets None."""
    sections: list[tuple[str | None, list[str]]] = [(None, [])]
    expected = 1
    for para in paragraphs:
        m = _HEADING.match(para)
        if m and is_heading(para):
            n = _numeral(m.group(1))
            if n == expected:
                sections.append((para.strip(), []))
                expected += 1
                continue
        sections[-1][1].append(para.strip())
    return [(h, "\n".join(body)) for h, body in sections if h is not None or any(body)]
