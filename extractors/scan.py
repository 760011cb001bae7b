"""Scanned pages read by OCR: a page image in, paragraphs and ruled tables out.

Recognition is RapidOCR's (the PP-OCR models ship inside its wheel and run on ONNX
Runtime: nothing is downloaded). The table structure comes from the image, not from the
OCR: the ruling lines give the grid and its spans (`scan_grid`). Each cell's ink is cut
into its text lines, and each line is recognised alone, tightly cropped: single digits
read far better so than on a whole page.

Before that the page is turned grey by its red channel, in which a red seal is nearly
white and the black digits under it stay black, and straightened by the angle of its
ruling lines (scans lean a degree or two).

A cell whose reading looks like a number but whose recognition is unsure (a confidence
below `MIN_CONFIDENCE`, or letters the recogniser confuses with digits) is printed as
`UNSURE`, a value token that is no number: its place in the row is kept, its value is
never guessed, and the pipeline reports it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .document import Block, Cell, Paragraph, Table
from .scan_cv import cv
from .scan_grid import grids, ruling
from .scan_ocr import cell_text, recognise
from .values import UNSURE

INK_LEVEL = 180  # grey levels (red channel) above this are paper or seal, never ink


@dataclass(frozen=True)
class Page:
    """What OCR read on one page, and how long the ruling lines said it leant."""

    blocks: list[Block]
    angle: float
    n_cells: int
    n_unsure: int


def grey(image: Any) -> Any:
    """The page in grey from its red channel (BGR or grey input): a red seal fades to white."""
    import numpy as np

    if image.ndim == 2:
        return image
    return np.ascontiguousarray(image[:, :, 2])


def binary(gray: Any, ink_level: int | None = None, smooth: bool = True) -> Any:
    """Ink as 255 on 0, thresholded locally (uneven scans), specks of noise smoothed away
    (not for ruling lines: a median filter erases a rule one pixel thin)."""
    cv2 = cv()
    blurred = cv2.medianBlur(gray, 3) if smooth else gray
    local = cv2.adaptiveThreshold(blurred, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY_INV, 41, 15)
    # what is light in the red channel is no ink: paper, a seal's red, a pale speck
    _, dark = cv2.threshold(blurred, INK_LEVEL if ink_level is None else ink_level, 255, cv2.THRESH_BINARY_INV)
    return cv2.bitwise_and(local, dark)


def lean(bw: Any) -> float:
    """The page's lean in degrees, from its long near-horizontal strokes (0 when none).

    At low resolution a short horizontal opening keeps ruling lines leaning a few degrees;
    a line fitted through each long one gives its slope, and their median the page's."""
    import numpy as np

    cv2 = cv()
    h, w = bw.shape
    scale = min(1.0, 1000 / w)
    small = cv2.resize(bw, (int(w * scale), int(h * scale)), interpolation=cv2.INTER_AREA) if scale < 1 else bw
    small = (small > 64).astype(np.uint8) * 255
    sw = small.shape[1]
    hor = cv2.morphologyEx(small, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(10, sw // 40), 1)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(hor, connectivity=8)
    angles = []
    for i in range(1, n):
        if stats[i, cv2.CC_STAT_WIDTH] < 0.3 * sw or stats[i, cv2.CC_STAT_HEIGHT] > 0.12 * sw:
            continue
        x, y, cw, ch = (int(v) for v in stats[i, :4])
        ys, xs = np.nonzero(labels[y:y + ch, x:x + cw] == i)
        slope = np.polyfit(xs.astype(float), ys.astype(float), 1)[0]
        angles.append(float(np.degrees(np.arctan(slope))))
    return float(np.median(angles)) if len(angles) >= 2 else 0.0


def straighten(gray: Any, angle: float) -> Any:
    """The page turned back by `angle` degrees, white where the turn uncovers nothing."""
    cv2 = cv()
    if abs(angle) < 0.05:
        return gray
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def text_lines(ink: Any, min_area: int, glyph: int) -> list[tuple[int, int, int, int]]:
    """The boxes (x0, y0, x1, y1) of the text lines in a patch of ink, top to bottom.

    Specks (components smaller than `min_area`) are not ink. Lines are parted by rows
    with no ink; a band thinner than a glyph (a stroke of 三, printed one character per
    line down a merged cell) joins its nearer neighbour where both fit in one `glyph`."""
    import numpy as np

    clean = clean_ink(ink, min_area, glyph)
    rows = np.nonzero(clean.any(axis=1))[0]
    bands: list[list[int]] = []
    for y in rows:
        if bands and y - bands[-1][1] <= 2:
            bands[-1][1] = int(y) + 1
        else:
            bands.append([int(y), int(y) + 1])
    bands = _whole_glyphs(bands, glyph)
    out = []
    for y0, y1 in bands:
        cols = np.nonzero(clean[y0:y1].any(axis=0))[0]
        if y1 - y0 < 4 and len(cols) < 4:
            continue  # a scratch, not a glyph
        out.append((int(cols[0]), y0, int(cols[-1]) + 1, y1))
    return out


def clean_ink(ink: Any, min_area: int, glyph: int) -> Any:
    """The ink as a boolean mask without specks: components smaller than `min_area`, and
    dots that stand beside no glyph (`_drop_specks`)."""
    import numpy as np

    cv2 = cv()
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    keep = np.zeros(n, dtype=bool)
    keep[1:] = stats[1:, cv2.CC_STAT_AREA] >= min_area
    _drop_specks(stats, keep, glyph)
    return keep[labels]


def _drop_specks(stats: Any, keep: Any, glyph: int) -> None:
    """Unkeep the dots that stand beside no glyph: a point or comma stands between two
    glyphs on their line (`251.08`, `1,234`); a speck of dust before or after a number,
    or alone in an empty cell, would read as one (`.3`)."""
    import numpy as np

    x, y, w, h = (stats[:, i].astype(float) for i in range(4))
    small = np.maximum(w, h) < 0.22 * glyph
    big = [i for i in np.nonzero(keep & ~small)[0]]
    near = 0.8 * glyph
    for i in np.nonzero(keep & small)[0]:
        cy = y[i] + h[i] / 2
        line = [j for j in big if y[j] - 0.2 * glyph <= cy <= y[j] + h[j] + 0.2 * glyph]
        left = any(0 <= x[i] - (x[j] + w[j]) <= near for j in line)
        right = any(0 <= x[j] - (x[i] + w[i]) <= near for j in line)
        if not (left and right):
            keep[i] = False


def _whole_glyphs(bands: list[list[int]], glyph: int) -> list[list[int]]:
    thin = glyph // 3
    merged = True
    while merged:
        merged = False
        for i, (y0, y1) in enumerate(bands):
            if y1 - y0 >= thin:
                continue
            options = []
            if i > 0 and y1 - bands[i - 1][0] <= glyph:
                options.append((y0 - bands[i - 1][1], i - 1))
            if i + 1 < len(bands) and bands[i + 1][1] - y0 <= glyph:
                options.append((bands[i + 1][0] - y1, i + 1))
            if options:
                _, j = min(options)
                a, b = sorted((i, j))
                bands[a:b + 1] = [[bands[a][0], bands[b][1]]]
                merged = True
                break
    return bands


def _crop(gray: Any, box: tuple[int, int, int, int], pad: int = 6) -> Any:
    cv2 = cv()
    x0, y0, x1, y1 = box
    patch = gray[y0:y1, x0:x1]
    patch = cv2.copyMakeBorder(patch, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)
    return cv2.cvtColor(patch, cv2.COLOR_GRAY2BGR)


def read_page(image: Any, page: int, paragraphs: bool = True, dpi: int = 300) -> Page:
    """One page image (BGR or grey array) read into blocks in reading order."""
    gray = grey(image)
    bw = binary(gray)
    angle = lean(bw)
    if angle:
        gray = straighten(gray, angle)
        bw = binary(gray)
    hor, ver = ruling(binary(gray, ink_level=250, smooth=False))  # thin rules may be pale
    ink = bw.copy()
    ink[(hor > 0) | (ver > 0)] = 0
    min_area = max(4, int(12 * (dpi / 300) ** 2))
    glyph = int(0.17 * dpi)  # the tallest a table's character stands (about 12 pt)
    tables = grids(hor, ver)
    crops: list[Any] = []
    owners: list[tuple[str, int, int]] = []  # ("cell", table, cell) or ("para", line, 0)
    for t, ((x0, y0, _x1, _y1), grid) in enumerate(tables):
        for i, (r, c, rs, cs) in enumerate(grid.cells):
            top, bottom = y0 + grid.ys[r] + 5, y0 + grid.ys[r + rs] - 5
            left, right = x0 + grid.xs[c] + 5, x0 + grid.xs[c + cs] - 5
            if bottom <= top or right <= left:
                continue
            for bx0, by0, bx1, by1 in text_lines(ink[top:bottom, left:right], min_area, glyph):
                crops.append(_crop(gray, (left + bx0, top + by0, left + bx1, top + by1)))
                owners.append(("cell", t, i))
    bands: list[list[tuple[int, int, int, int]]] = []  # text lines outside the grids, as pieces
    if paragraphs:
        rest = ink.copy()
        for (x0, y0, x1, y1), _ in tables:
            rest[y0:y1, x0:x1] = 0
        rest = clean_ink(rest, min_area * 2, glyph).astype("uint8") * 255
        for n, box in enumerate(text_lines(rest, min_area * 2, glyph)):
            bands.append(pieces(rest, box))
            for k, piece in enumerate(bands[-1]):
                crops.append(_crop(gray, piece))
                owners.append(("para", n, k))
    readings = recognise(crops)
    per_cell: dict[tuple[int, int], list[tuple[str, float]]] = {}
    per_piece: dict[tuple[int, int], tuple[str, float]] = {}
    for (kind, a, b), reading in zip(owners, readings):
        if kind == "cell":
            per_cell.setdefault((a, b), []).append(reading)
        else:
            per_piece[(a, b)] = reading
    placed: list[tuple[int, Block]] = []
    n_cells = n_unsure = 0
    for t, ((_x0, y0, _x1, _y1), grid) in enumerate(tables):
        cells = []
        for i, (r, c, rs, cs) in enumerate(grid.cells):
            text, conf = cell_text(per_cell.get((t, i), []))
            n_cells += bool(text)
            n_unsure += text == UNSURE
            cells.append(Cell(r, c, text, rs, cs, confidence=conf))
        placed.append((y0, Table(cells=tuple(cells), page=page)))
    for top, block in _unruled(bands, per_piece, page):
        if isinstance(block, Table):
            n_cells += sum(1 for c in block.cells if c.text)
            n_unsure += sum(1 for c in block.cells if c.text == UNSURE)
        placed.append((top, block))
    placed.sort(key=lambda item: item[0])
    return Page([b for _, b in placed], angle, n_cells, n_unsure)


def pieces(ink: Any, box: tuple[int, int, int, int]) -> list[tuple[int, int, int, int]]:
    """A text line's pieces: its ink parted where a gap is wider than the line is tall (a
    borderless table's cells; prose runs on in one piece)."""
    import numpy as np

    x0, y0, x1, y1 = box
    cols = np.nonzero(ink[y0:y1, x0:x1].any(axis=0))[0]
    gap = max(8, int(0.9 * (y1 - y0)))
    out: list[tuple[int, int, int, int]] = []
    start = prev = int(cols[0])
    for c in cols[1:]:
        c = int(c)
        if c - prev > gap:
            out.append((x0 + start, y0, x0 + prev + 1, y1))
            start = c
        prev = c
    out.append((x0 + start, y0, x0 + prev + 1, y1))
    return out


def _unruled(bands: list[list[tuple[int, int, int, int]]], readings: dict[tuple[int, int], tuple[str, float]],
             page: int) -> list[tuple[int, Block]]:
    """The text outside the ruled grids: lines of one piece as paragraphs, runs of lines of
    several pieces as a flattened table whose cells keep their centres (`Cell.x`, pixels):
    a borderless table, whose blank cells leave only space, placed by where values stand."""
    out: list[tuple[int, Block]] = []
    run: list[tuple[int, list[tuple[str, float | None, float]]]] = []

    def flush() -> None:
        if run:
            cells = tuple(Cell(r, c, text, x=x, confidence=conf) for r, (_, row) in enumerate(run)
                          for c, (text, conf, x) in enumerate(row))
            out.append((run[0][0], Table(cells=cells, page=page, flattened=True)))
            run.clear()

    for n, boxes in enumerate(bands):
        texts = [readings.get((n, k), ("", 0.0)) for k in range(len(boxes))]
        if len(boxes) >= 2:
            row = []
            for box, (t, conf) in zip(boxes, texts):
                text, sure = cell_text([(t, conf)])
                row.append((text, sure, (box[0] + box[2]) / 2))
            run.append((boxes[0][1], row))
            continue
        flush()
        text = texts[0][0] if texts else ""
        if text:
            out.append((boxes[0][1], Paragraph(text=text, page=page)))
    flush()
    return out


def looks_tabular(image: Any) -> bool:
    """True when a (low-resolution) page image shows a table: ruled, or text standing in
    columns (lines of three pieces or more)."""
    if has_ruling(image):
        return True
    gray = grey(image)
    bw = binary(gray)
    glyph = max(6, int(0.17 * 100))
    many = sum(1 for box in text_lines(bw, 4, glyph) if len(pieces(bw, box)) >= 3)
    return many >= 4


def has_ruling(image: Any) -> bool:
    """True when a (low-resolution) page image shows a ruled table: worth reading closely."""
    gray = grey(image)
    bw = binary(gray, ink_level=250, smooth=False)  # thin rules are pale at low resolution
    angle = lean(bw)
    if angle:
        bw = binary(straighten(gray, angle), ink_level=250, smooth=False)
    hor, ver = ruling(bw)
    return bool(grids(hor, ver))
