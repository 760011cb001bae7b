"""The narrative: one section per top-level heading (一、总体情况 …).

Headings are numbered with Chinese numerals in sequence; lines inside the
statistical tables (`四、结转下年度继续办理` is a row, not a heading) are excluded
(`narrative` leaves the lines the matched tables take out), and a heading must
continue the sequence (一, 二, 三, …).
"""

from __future__ import annotations

import re

from .lines import Line, RawRow

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


def table_line_ranges(rows: list[RawRow], matched_lines: list[int]) -> list[tuple[int, int]]:
    """Stream line ranges the statistical tables occupy (headers and context included)."""
    by_line = {r.line: r for r in rows}
    spans: list[tuple[int, int]] = []
    for line in matched_lines:
        raw = by_line.get(line)
        if raw is None:
            continue
        first = raw.line
        for back in range(1, len(raw.context) + 1):  # header lines, but never a section heading
            prev = rows[raw.index - back]
            if is_heading(" ".join(prev.labels)):
                break
            first = prev.line
        spans.append((first, raw.end))
    return spans


def narrative(lines: list[Line], rows: list[RawRow], matched_lines: list[int]
              ) -> list[tuple[str | None, str]]:
    """(heading, text) per top-level section, the statistical tables' lines left out."""
    spans = table_line_ranges(rows, matched_lines)
    prose = [" ".join(c for c in ln.cells if c) for n, ln in enumerate(lines)
             if not ln.in_table and not any(a <= n <= b for a, b in spans)]
    return split_sections(prose)
