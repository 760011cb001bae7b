"""One PDF page's geometry from pdfplumber: glyphs and ruling segments, in reading frame.

pdfplumber gives characters and drawn lines/rectangles in display coordinates. This
module turns them into two plain lists the table builder needs:

- `Glyph`s: visible characters (whitespace dropped: spacing is re-derived from gaps),
  de-duplicated (WPS "fake bold" draws every glyph twice, a fraction of a point apart);
- `Seg`ments: horizontal and vertical rules. White fills are not rules: WPS paints a
  white rectangle behind every text line and table cell (Hongze sample, every page).

Before any of that, `drawn_rules` and `text_columns` tell from pypdfium2 alone (well
under a millisecond a page) whether a page without numbers is worth parsing: a table
whose every cell is blank still draws its rules, or stands in columns.

Pages whose text runs sideways (a landscape table rotated onto a portrait page, or a
page with /Rotate) are turned so the text reads left to right before anything else.
"""

from __future__ import annotations

import ctypes
import re
import unicodedata
from collections.abc import Iterator
from typing import Any, NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.layout import LTChar, LTContainer, LTLine, LTRect

_CID = re.compile(r"^\(cid:\d+\)$")
THIN = 2.5  # a filled rectangle thinner than this (pt) is a drawn rule, not a background
RULE_MIN = 8.0  # a painted bar thinner than THIN and at least this long (pt) is a rule
WHITE = 242  # all channels at least this: white paint (WPS's background behind every line)


# Radical code points some PDF makers (Chromium's printing) map ordinary characters to:
# ⼈ (Kangxi Radicals, which NFKC unifies) and ⺠ ⻰ ⻥ (CJK Radicals Supplement, which it
# mostly does not). Report text never means the radical: each becomes its character.
_SUPPLEMENT = dict(zip("⺟⺠⺩⻄⻅⻆⻉⻋⻓⻔⻘⻙⻚⻛⻜⻝⻢⻣⻤⻥⻦⻧⻨⻩⻪⻬⻮⻰⻳",
                       "母民王西见角贝车长门青韦页风飞食马骨鬼鱼鸟卤麦黄黾齐齿龙龟"))
RADICALS = str.maketrans({**{chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0x2F00, 0x2FD6)},
                          **_SUPPLEMENT})


def unified(text: str) -> str:
    """Text with radical code points as the characters they stand for (`⼈⺠` -> 人民)."""
    return text.translate(RADICALS)


class Glyph(NamedTuple):
    """One visible character with its box (top-left origin, y downwards)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


class Seg(NamedTuple):
    """A horizontal (top == bottom) or vertical (x0 == x1) ruling segment."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        """True for a horizontal rule."""
        return (self.x1 - self.x0) >= (self.bottom - self.top)


class PageGeometry(NamedTuple):
    """What the table builder reads from one page."""

    glyphs: list[Glyph]
    segs: list[Seg]
    width: float
    height: float
    n_cid: int


def _is_white(color: Any) -> bool:
    """True for white or near-white paint (gray, RGB or CMYK), which draws nothing visible."""
    if isinstance(color, (int, float)):
        return float(color) >= 0.95
    if isinstance(color, (tuple, list)) and color and all(isinstance(v, (int, float)) for v in color):
        if len(color) == 4:  # CMYK: white is no ink
            return all(float(v) <= 0.05 for v in color)
        return all(float(v) >= 0.95 for v in color)
    return False


Box = tuple[float, float, float, float]


def _rect_segs(box: Box, obj: Any) -> list[Seg]:
    """Rules drawn by one rectangle: a thin filled bar, or the four edges of a stroked box."""
    x0, top, x1, bottom = box
    w, h = x1 - x0, bottom - top
    filled = obj.fill and not _is_white(obj.non_stroking_color)
    if filled and (h <= THIN or w <= THIN):
        if h <= THIN:
            mid = (top + bottom) / 2
            return [Seg(x0, mid, x1, mid)]
        mid = (x0 + x1) / 2
        return [Seg(mid, top, mid, bottom)]
    if obj.stroke and not _is_white(obj.stroking_color):
        return [Seg(x0, top, x1, top), Seg(x0, bottom, x1, bottom),
                Seg(x0, top, x0, bottom), Seg(x1, top, x1, bottom)]
    return []


def _line_segs(box: Box, obj: Any) -> list[Seg]:
    """A stroked line as a rule when it is axis-aligned and not white."""
    if _is_white(obj.stroking_color):
        return []
    x0, top, x1, bottom = box
    if bottom - top <= 1.0:
        mid = (top + bottom) / 2
        return [Seg(x0, mid, x1, mid)]
    if x1 - x0 <= 1.0:
        mid = (x0 + x1) / 2
        return [Seg(mid, top, mid, bottom)]
    return []  # diagonal: a slash in a header cell, not a boundary


def _leaves(objs: Any) -> Iterator[Any]:
    """pdfminer layout objects with figures (form XObjects) opened up."""
    for obj in objs:
        if isinstance(obj, LTContainer):
            yield from _leaves(obj)
        else:
            yield obj


def _direction(chars: list[LTChar]) -> int:
    """The page's text rotation in degrees (0, 90, 180, 270) by majority of glyph matrices."""
    votes = [0, 0, 0, 0]
    for ch in chars[:400]:
        a, b = ch.matrix[0], ch.matrix[1]
        if abs(a) >= abs(b):
            votes[0 if a > 0 else 2] += 1
        else:
            votes[1 if b > 0 else 3] += 1
    best = max(range(4), key=lambda i: votes[i])
    return 90 * best if votes[best] > 0.6 * sum(votes) else 0


def _turn(box: Box, deg: int, w: float, h: float) -> Box:
    """Box (x0, top, x1, bottom) in a frame turned so text at `deg` reads left to right."""
    x0, top, x1, bottom = box
    if deg == 90:  # text runs bottom-to-top on the page
        return (h - bottom, x0, h - top, x1)
    if deg == 270:  # text runs top-to-bottom
        return (top, w - x1, bottom, w - x0)
    if deg == 180:
        return (w - x1, h - bottom, w - x0, h - top)
    return box


def page_geometry(page: Any) -> PageGeometry:
    """Glyphs and rules of a pdfplumber page, turned upright, duplicates and white paint dropped.

    Reads pdfplumber's pdfminer layout directly: building pdfplumber's per-object
    dictionaries costs a quarter of the parse and we need five fields of each.
    """
    w, h = float(page.width), float(page.height)
    mb_x0, mb_top = float(page.mediabox[0]), float(page.mediabox[1])

    def box(o: Any) -> Box:  # pdfminer's bottom-up y to top-down, as pdfplumber does
        return (o.x0 + mb_x0, h - o.y1 + mb_top, o.x1 + mb_x0, h - o.y0 + mb_top)

    chars: list[LTChar] = []
    segs: list[Seg] = []
    for obj in _leaves(page.layout):
        if isinstance(obj, LTChar):
            chars.append(obj)
        elif isinstance(obj, LTRect):
            segs.extend(_rect_segs(box(obj), obj))
        elif isinstance(obj, LTLine):
            segs.extend(_line_segs(box(obj), obj))
    # Glyph matrices already include the page's /Rotate.
    deg = _direction(chars)
    glyphs: list[Glyph] = []
    seen: set[tuple[str, int, int]] = set()
    n_cid = 0
    for ch in chars:
        text = unified(ch.get_text())
        if not text.strip():
            continue
        b = box(ch)
        key = (text, round(b[0]), round(b[1]))
        if key in seen:  # fake bold: the same glyph drawn again a hair away
            continue
        seen.add(key)
        if _CID.match(text):
            n_cid += 1
        b = _turn(b, deg, w, h)
        glyphs.append(Glyph(text, b[0], b[2], b[1], b[3], float(ch.size or (b[3] - b[1]))))
    if deg:
        segs = [Seg(*_turn(s, deg, w, h)) for s in segs]
        if deg in (90, 270):
            w, h = h, w
    return PageGeometry(glyphs, segs, w, h, n_cid)


# -- cheap signals from pypdfium2, before pdfplumber ----------------------------------------



def _painted(obj: Any, stroke: bool) -> bool:
    """True when a path object's stroke (or fill) colour is visible, not white."""
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    get = pdfium_c.FPDFPageObj_GetStrokeColor if stroke else pdfium_c.FPDFPageObj_GetFillColor
    if not get(obj, r, g, b, a):
        return True
    return a.value > 0 and min(r.value, g.value, b.value) < WHITE


def _path_rules(obj: Any, counts: list[int]) -> None:
    """Add one path object's horizontal and vertical rules to `counts` ([h, v])."""
    x0, y0, x1, y1 = (ctypes.c_float() for _ in range(4))
    if not pdfium_c.FPDFPageObj_GetBounds(obj, x0, y0, x1, y1):
        return
    w, h = x1.value - x0.value, y1.value - y0.value
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(obj, fill, stroke)
    if min(w, h) <= THIN and max(w, h) >= RULE_MIN:  # a line or a thin filled bar
        if (stroke.value and _painted(obj, True)) or (fill.value and _painted(obj, False)):
            counts[0 if w > h else 1] += 1
        return
    if not stroke.value or not _painted(obj, True):
        return
    # A stroked outline (a cell box, or a whole grid in one path): its straight pieces.
    m = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(obj, m)
    n = pdfium_c.FPDFPath_CountSegments(obj)
    prev: tuple[float, float] | None = None
    px, py = ctypes.c_float(), ctypes.c_float()
    for k in range(min(n, 400)):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, k)
        pdfium_c.FPDFPathSegment_GetPoint(seg, px, py)
        pt = (m.a * px.value + m.c * py.value + m.e, m.b * px.value + m.d * py.value + m.f)
        if prev is not None and pdfium_c.FPDFPathSegment_GetType(seg) == pdfium_c.FPDF_SEGMENT_LINETO:
            dx, dy = abs(pt[0] - prev[0]), abs(pt[1] - prev[1])
            if min(dx, dy) <= THIN and max(dx, dy) >= RULE_MIN:
                counts[0 if dx > dy else 1] += 1
        prev = pt


def drawn_rules(page: pdfium.PdfPage) -> bool:
    """True when the page draws ruling lines, both ways, enough for a grid (a frame is four).

    A table whose every value is blank prints no number (a small body's request table):
    its rules still show. White paint is not a rule (Hongze: white boxes behind every line).
    """
    counts = [0, 0]
    stack = [(page.raw, pdfium_c.FPDFPage_CountObjects(page.raw), pdfium_c.FPDFPage_GetObject)]
    while stack:
        owner, n, get = stack.pop()
        for k in range(n):
            obj = get(owner, k)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                _path_rules(obj, counts)
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and len(stack) < 4:
                stack.append((obj, pdfium_c.FPDFFormObj_CountObjects(obj),
                              pdfium_c.FPDFFormObj_GetObject))
        if counts[0] >= 2 and counts[1] >= 2 and sum(counts) >= 6:
            return True
    return False


def text_columns(tp: pdfium.PdfTextPage) -> bool:
    """True when three or more text lines split into pieces at wide gaps: a table in columns.

    A borderless table with blank cells prints no number; its header rows still stand in
    columns (信息内容 | 本年新制作数量 | …, blank-2019-lineless).
    """
    rects = sorted((tp.get_rect(k) for k in range(tp.count_rects())), key=lambda r: (-r[3], r[0]))
    lines = 0
    row: list[tuple[float, float, float, float]] = []
    for rect in rects + [(0.0, -1e9, 0.0, -1e9)]:
        if row and rect[3] >= row[0][1] and rect[1] <= row[0][3]:  # overlaps the line
            row.append(rect)
            continue
        row.sort()
        size = max((r[3] - r[1] for r in row), default=0.0)
        lines += any(b[0] - a[2] > 2.0 * size for a, b in zip(row, row[1:]))
        if lines >= 3:
            return True
        row = [rect]
    return False
