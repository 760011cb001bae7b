"""Scanned report pages as images (JPEG, PNG, TIFF, BMP): one page each, read by OCR (`scan`).

The page's resolution is taken from the file (its dpi), else from its width as an A4
page (8.27 in): the glyph sizes OCR expects scale with it.
"""

from __future__ import annotations

from pathlib import Path

from . import scan
from .document import Document
from .errors import ExtractionError, UnsafeFile

format = "image"
MAX_BYTES = 64 * 1024 * 1024
MAX_PIXELS = 80_000_000  # a 300 dpi A3 page is 17 Mpx; beyond this, a decompression bomb
_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"BM")
A4_WIDTH_IN = 8.27


def sniff(head: bytes, path: Path) -> bool:
    """True for a file that starts as a PNG, JPEG, TIFF or BMP image does."""
    return head.startswith(_MAGIC)


def extract(path: Path) -> Document:
    """Read one page image by OCR."""
    import numpy as np
    from PIL import Image, UnidentifiedImageError

    size = path.stat().st_size
    if size > MAX_BYTES:
        raise UnsafeFile(f"image too large: {size} bytes (limit {MAX_BYTES})")
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(path) as im:
            w, h = im.size
            if w * h > MAX_PIXELS:
                raise UnsafeFile(f"image too large: {w} x {h} pixels (limit {MAX_PIXELS:,})")
            dpi = im.info.get("dpi", (0, 0))[0]
            rgb = im.convert("RGB")
    except UnidentifiedImageError:
        raise ExtractionError("corrupt image: not a readable PNG, JPEG, TIFF or BMP image") from None
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise ExtractionError(f"corrupt image: {str(exc).replace(str(path), path.name)}") from None
    if h > w:
        dpi = float(dpi) if dpi and 100 <= float(dpi) <= 1200 else w / A4_WIDTH_IN
    else:  # a landscape page: its height is the A4 width
        dpi = float(dpi) if dpi and 100 <= float(dpi) <= 1200 else h / A4_WIDTH_IN
    page = scan.read_page(np.asarray(rgb)[:, :, ::-1], 1, paragraphs=True, dpi=int(dpi))
    if not page.blocks:
        raise ExtractionError("image: OCR read no text")
    warning = f"scanned: read by OCR, {page.n_unsure} of {page.n_cells} cells unsure"
    return Document(format=format, blocks=tuple(page.blocks), n_pages=1, warnings=(warning,),
                    pages_ocr=1, cells_unsure=page.n_unsure)
