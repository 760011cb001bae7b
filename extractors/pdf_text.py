"""Glyphs to text: lines in reading order, spacing from gaps, CJK as producers space it.

Producers justify CJK text by spacing characters apart (`行 政 许 可`), wrap a cell's
label over two or three lines, or stack a narrow merged cell's label one character per
line (三、本年度办理结果 in the Hongze sample). Text is rebuilt from glyph positions:
lines by vertical overlap, a space where the gap is wide, then spaces between two CJK
characters removed and a cell's lines joined without a separator between CJK ends.

For borderless tables, lines split into pieces at wide gaps (`segments`, a spread-out
label joined again by `join_spread`), the columns those pieces stand in (`column_grid`),
and whether a piece is the rest of a value wrapped in a narrow cell (`wrapped_value`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from typing import NamedTuple

from .pdf_geometry import Glyph
from .values import is_value_token

_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

SPACE_GAP = 0.3  # a gap wider than this many font sizes is a space
NO_GAP = 0.6  # value bands this many type sizes apart or less, never on one line: one column
_CJK = "\u2e80-\u2fff\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
# (not before a 无 ending the text: `行政许可 无` is a label and its blank, 行政许可无 would be one word)
_CJK_SPACE = re.compile(rf"(?<=[{_CJK}])[ \u00a0\u3000]+(?=[{_CJK}])(?![无無]$)")
_SPACES = re.compile(r"[ \u00a0]{2,}")
_IS_CJK = re.compile(rf"[{_CJK}]")
_IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")  # no punctuation, no digits


def tidy(text: str) -> str:
    """Collapse space runs and drop spacing between two CJK characters (`行 政 许 可` -> 行政许可)."""
    return _CJK_SPACE.sub("", _SPACES.sub(" ", text)).strip()


def lines_of(glyphs: Iterable[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped into text lines (top to bottom), each line ordered left to right."""
    lines: list[list[Glyph]] = []
    top = bottom = -1.0
    for g in sorted(glyphs, key=lambda g: (g.top, g.x0)):
        mid = (g.top + g.bottom) / 2
        if lines and top <= mid <= bottom:
            lines[-1].append(g)
            top, bottom = min(top, g.top), max(bottom, g.bottom)
        else:
            lines.append([g])
            top, bottom = g.top, g.bottom
    for line in lines:
        line.sort(key=lambda g: g.x0)
    return lines


def segments(line: list[Glyph], gap: float) -> list[list[Glyph]]:
    """A line split where the gap between glyphs exceeds `gap` font sizes (table columns), or a
    space's width where an item opens after text (`(三)不予 4.保护第三方…`: a group label and
    an item label set close in a tight print are two cells)."""
    out: list[list[Glyph]] = []
    for i, g in enumerate(line):
        space = g.x0 - out[-1][-1].x1 if out else 0.0
        if out and space <= gap * max(g.size, 1.0) and not (
                space > SPACE_GAP * max(g.size, 1.0) and _IS_CJK.match(out[-1][-1].text)
                and _STARTS_ITEM.match("".join(x.text for x in line[i:i + 4]))):
            out[-1].append(g)
        else:
            out.append([g])
    return out


class Grid(NamedTuple):
    """A borderless table's column boundaries, and the ink-free gaps between its columns."""

    xs: list[float]
    free: list[tuple[float, float]]


def column_grid(lines: list[list[list[Glyph]]]) -> Grid:
    """Columns of lines split into pieces: overlapping pieces merged into bands, split again
    where one line prints two pieces inside one band (三 | （一）予以公开, a stacked group
    column beside the items).

    A band of values only that never stands beside the band to its left (or else its
    right) is that band's column: values centred under a header printed at the left of its
    cell (landscape request table: 其他 at 629-647, its values at 657-662), or centred over
    two merged columns (2019 fees: `-2` under 本年增/减). Two bands of one lone character
    each on the same one line are one label spread over its cell (总 | 计).
    """
    merged = _merged((p[0].x0, p[-1].x1) for ln in lines for p in ln)
    starts = [m[0] for m in merged]
    on: list[set[int]] = [set() for _ in merged]  # lines with a piece in each band
    text = [False] * len(merged)  # bands holding something other than values
    lone = [True] * len(merged)  # bands whose text is single ideographs only
    size = [0.0] * len(merged)  # the type size printed in each band
    worded: list[set[int]] = [set() for _ in merged]  # lines with text in each band
    for i, ln in enumerate(lines):
        for p in ln:
            k = bisect_right(starts, p[0].x0) - 1
            on[k].add(i)
            size[k] = max(size[k], p[0].size)
            if not is_value_token(line_text(p)):
                text[k] = True
                worded[k].add(i)
                lone[k] = lone[k] and len(p) == 1 and bool(_IDEOGRAPH.match(p[0].text))
    into = list(range(len(merged)))
    texts = [k for k in range(len(merged)) if text[k]]
    for j, k in zip(texts, texts[1:]):  # 总 | 计 spread over one cell, on one line
        if lone[j] and lone[k] and len(worded[k]) == 1 and worded[j] == worded[k]:
            into[k] = into[j]
            into[j + 1:k] = [into[j]] * (k - j - 1)
    for k in range(len(merged)):
        if not text[k] and into[k] == k:
            for j in (k - 1, k + 1):
                if 0 <= j < len(merged) and text[j] and not on[k] & on[j]:
                    into[k] = into[j]
                    break
    for k in range(len(merged) - 1):  # values only, side by side, never on one line, no gap
        j = k + 1
        gap = merged[j][0] - merged[k][1]
        if (not text[k] and not text[j] and into[k] == k and into[j] == j and not on[k] & on[j]
                and gap < NO_GAP * size[k]):
            into[j] = into[k]
    groups = [(min(merged[k][0] for k in range(len(merged)) if into[k] == j),
               max(merged[k][1] for k in range(len(merged)) if into[k] == j)) for j in set(into)]
    bands = _merged(groups)  # (a group spread over a band of values takes it in)
    xs = [bands[0][0]] + [(m[1] + n[0]) / 2 for m, n in zip(bands, bands[1:])] + [bands[-1][1]]
    free = [(m[1], n[0]) for m, n in zip(bands, bands[1:])]
    gaps: list[list[float]] = []
    for ln in lines:
        for p, q in zip(ln, ln[1:]):
            a, b = p[-1].x1, q[0].x0
            if column_of(xs, a) != column_of(xs, b) or (len(p) == len(q) == 1 and all(
                    _IDEOGRAPH.match(g.text) for g in (p[0], q[0]))):
                continue  # (two lone characters: a label spread over its cell, 件 数)
            for gap in gaps:
                if a < gap[1] and b > gap[0]:
                    gap[0], gap[1] = max(gap[0], a), min(gap[1], b)
                    break
            else:
                gaps.append([a, b])
    inner = [(g[0] + g[1]) / 2 for g in gaps]
    keep = [k for k, x in enumerate(inner) if all(abs(x - y) > 4.0 for y in xs)]
    free += [(gaps[k][0], gaps[k][1]) for k in keep]
    return Grid(sorted(xs + [inner[k] for k in keep]), free)


def _merged(spans: Iterable[tuple[float, float]]) -> list[list[float]]:
    """Overlapping x ranges joined into bands, left to right."""
    bands: list[list[float]] = []
    for a, b in sorted(spans):
        if bands and a <= bands[-1][1]:
            bands[-1][1] = max(bands[-1][1], b)
        else:
            bands.append([a, b])
    return bands


def _words(piece: list[Glyph]) -> list[list[Glyph]]:
    """A piece split where the gap between two glyphs is a space (as `line_text` sets one)."""
    words = [[piece[0]]]
    for g in piece[1:]:
        if g.x0 - words[-1][-1].x1 > SPACE_GAP * max(min(g.size, words[-1][-1].size), 1.0):
            words.append([g])
        else:
            words[-1].append(g)
    return words


def column_of(xs: list[float], x: float) -> int:
    """The column holding x."""
    return min(max(bisect_right(xs, x) - 1, 0), len(xs) - 2)


def piece_columns(grid: Grid, piece: list[Glyph]) -> tuple[int, int]:
    """First and last column a piece covers: a sliver past a boundary does not count, a
    piece standing in the gap between two columns covers both (centred over a merge)."""
    x0, x1 = piece[0].x0, piece[-1].x1
    for a, b in grid.free:
        if a <= x0 and x1 <= b:
            return column_of(grid.xs, a), column_of(grid.xs, b)
    slack = 0.3 * max(piece[0].size, 1.0)
    c0 = column_of(grid.xs, x0 + slack)
    return c0, max(c0, column_of(grid.xs, x1 - slack))


def join_spread(pieces: list[list[Glyph]], spread: float) -> list[list[Glyph]]:
    """Pieces with a label spread over its cell joined again: three or more single CJK
    characters at even gaps, each under `spread` font sizes (本 年 制 发 of a distributed header)."""
    out: list[list[Glyph]] = []
    k = 0
    while k < len(pieces):
        end = k
        while (end + 1 < len(pieces) and _single(pieces[end]) and _single(pieces[end + 1])
               and _even(pieces[k:end + 2], spread)):
            end += 1
        if end - k >= 2:
            out.append([g for p in pieces[k:end + 1] for g in p])
            k = end + 1
        else:
            out.append(pieces[k])
            k += 1
    return out


def _single(piece: list[Glyph]) -> bool:
    """True for a piece of one CJK character."""
    return len(piece) == 1 and bool(_IDEOGRAPH.match(piece[0].text))


def _even(run: list[list[Glyph]], spread: float) -> bool:
    """True when the gaps between single characters are small and even (within a third)."""
    gaps = [b[0].x0 - a[-1].x1 for a, b in zip(run, run[1:])]
    return max(gaps) <= spread * max(run[0][0].size, 1.0) and max(gaps) <= 1.35 * min(gaps)


def wrapped_value(cell: list[str], text: str, digits_go_on: str = "no") -> bool:
    """True when `text` reads as the rest of a value the cell's text began (wrapped in a
    narrow cell): the cell so far ends unfinished (１，), or the two together are a value
    and one of them is none alone (22 | 件), or both are numbers and `digits_go_on` says
    digits may go on: `any` number (３２ | ２, nothing but values on the line), or only
    a `grouped` or decimal one (0.000 | 0 over a page break; 12 | 5 is two rows)."""
    so_far = "".join(cell)
    digits = text.translate(_DIGITS).isdigit()
    if so_far[-1:] in (",", "，", ".", "．") and digits:
        return True  # １， | ２０ | ０
    if not is_value_token(so_far + text):
        return False
    if not is_value_token(so_far) or not is_value_token(text):
        return True
    if digits_go_on == "grouped":
        return digits and any(ch in so_far for ch in ",，.．")
    return digits_go_on == "any"  # (４４ | ６件: the value and its unit)


def line_text(line: list[Glyph]) -> str:
    """The text of one line of glyphs, with a space wherever the gap is wider than a space."""
    parts: list[str] = []
    prev: Glyph | None = None
    for g in line:
        if prev is not None and g.x0 - prev.x1 > SPACE_GAP * max(min(g.size, prev.size), 1.0):
            parts.append(" ")
        parts.append(g.text)
        prev = g
    return "".join(parts)


def join_lines(texts: list[str]) -> str:
    """One cell's lines as one text: no separator next to CJK or between digits, else a space."""
    out = ""
    for text in (t.strip() for t in texts):
        if not text:
            continue
        if out and not (_IS_CJK.match(out[-1]) or _IS_CJK.match(text[0])
                        or (out[-1].isdigit() and text[0].isdigit())):
            out += " "
        out += text
    return tidy(out)


def cell_text(glyphs: list[Glyph]) -> str:
    """The text of a table cell: its lines in reading order, joined (wrapped or stacked labels)."""
    return join_lines([line_text(line) for line in lines_of(glyphs)])


def _width(text: str) -> int:
    """Display width in half-width units: CJK characters count two."""
    return sum(2 if _IS_CJK.match(ch) else 1 for ch in text)


_ENDS_SENTENCE = re.compile(r"[。！？：；!?:;]$")
_ENDS_TITLE = re.compile(r"(?:报告|報告|年报|年報)\s*$")
# `三、`, `（五）`, `2.`, and a caption citing an article (`第二十条第（八）项`)
_STARTS_ITEM = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]"
                          r"|第[一二三四五六七八九十百\d]+条)")


def starts_item(text: str) -> bool:
    """True when text opens with an enumeration marker (`三、`, `（五）`, `2.`): a new item."""
    return bool(_STARTS_ITEM.match(text))


def only_marker(text: str) -> bool:
    """True when text is an enumeration marker and nothing else (`四、`): a label not ended."""
    m = _STARTS_ITEM.match(text.strip())
    return m is not None and m.end() == len(text.strip())


def full_lines(lines: list[str]) -> list[bool]:
    """Which lines run to the right margin, judged by display width (for text without geometry)."""
    widths = [_width(t) for t in lines]
    top = max(widths, default=0)
    return [top >= 40 and w >= 0.85 * top for w in widths]


def join_wrapped(lines: list[str], full: list[bool]) -> list[str]:
    """Paragraphs from wrapped lines: a line reaching the right margin runs on into the next."""
    out: list[str] = []
    run_on = False
    for text, is_full in zip(lines, full):
        if run_on and out and not _STARTS_ITEM.match(text):
            out[-1] = join_lines([out[-1], text])
        else:
            out.append(text)
        # A line ending as a report's name (…年度报告) is a title reaching the margin, not a
        # wrapped line: the paragraph under it starts afresh (the agency is read from it).
        run_on = is_full and not _ENDS_SENTENCE.search(text) and not _ENDS_TITLE.search(text)
    return out


def split_at_columns(lines: list[list[list[Glyph]]]) -> list[list[list[Glyph]]]:
    """Pieces split at a space's gap where that gap parts two value columns (a tight print,
    cells a space apart: `商业企 科研机 社会公益` over three columns of values, a label and
    its value `行政规范性文件 1` under 规章's values, `— 1件` under 其他 and 总计).

    Value columns are the bands of the lines' value pieces. A gap parts two cells when the
    words on either side line up with a band: the right one starting where a band starts
    (left-aligned cells), or the left one ending where a band ends (right-aligned). A lone
    character beside the gap is a label spread over its cell (`本 年 制 发`), never parted.
    """
    bands = _merged((p[0].x0, p[-1].x1) for ln in lines for p in ln if len(ln) >= 2 and is_value_token(line_text(p)))
    if len(bands) < 2:
        return lines

    def parts(left: list[Glyph], right: list[Glyph]) -> bool:
        if any(_single(w) and not is_value_token(w[0].text) for w in (left, right)):
            return False
        tol = 0.5 * max(right[0].size, 1.0)
        a, b = left[-1].x1, right[0].x0
        return any((a < x0 and abs(b - x0) <= tol) or (x1 < b and abs(a - x1) <= tol) for x0, x1 in bands)

    out: list[list[list[Glyph]]] = []
    for ln in lines:
        pieces: list[list[Glyph]] = []
        for p in ln:
            words = _words(p)
            cur = words[0]
            for left, right in zip(words, words[1:]):
                if parts(left, right):
                    pieces.append(cur)
                    cur = list(right)
                else:
                    cur += right
            pieces.append(cur)
        out.append(pieces)
    return out


_CLAUSE = re.compile(r"[，。；：！？,;:!?]")


_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,8}")


def words_apart(pieces: list[list[Glyph]]) -> list[list[Glyph]]:
    """A line of three or more short words a space apart, ideographs only (`维持 结果纠正 其他结果
    尚未审结 总计`, a tight print's header cells), as one piece a word: running text sets no
    space between words, a label spread over its cell sets one between characters."""
    if len(pieces) != 1:
        return pieces
    words = _words(pieces[0])
    if len(words) >= 3 and all(_WORD.fullmatch("".join(g.text for g in w)) for w in words):
        return words
    return pieces


def value_apart(pieces: list[list[Glyph]]) -> list[list[Glyph]]:
    """A line of one short label and a value a space after it (`行政许可 无`, a tight print's
    two cells) as two pieces; a sentence's wrapped end (`其中政策文件，共 24`) stays one."""
    if len(pieces) != 1 or len(pieces[0]) < 3:
        return pieces
    words = _words(pieces[0])
    if len(words) < 2:
        return pieces
    head = [g for w in words[:-1] for g in w]
    label, value = line_text(head), line_text(words[-1])
    if (is_value_token(value) and _IDEOGRAPH.search(label[-1:]) and len(label) <= 30
            and not _CLAUSE.search(label) and not is_value_token(label.split()[-1])):
        return [head, words[-1]]
    return pieces
