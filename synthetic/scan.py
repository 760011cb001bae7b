"""Scans made from born-digital PDFs, as a photocopier or phone would: pages rasterised by
poppler (`pdftoppm`), turned a little, specked, blurred, JPEG-compressed, a red seal
stamped over part of a table (Pillow), and bound again as an image-only PDF or left as
page images."""

from __future__ import annotations

import math
import random
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter


@dataclass(frozen=True)
class Damage:
    """How a scan departs from the page: resolution, lean, specks, blur, JPEG, a seal."""

    dpi: int = 300
    angle: float = 0.0  # degrees, counter-clockwise
    specks: int = 0  # dark specks a page
    blur: float = 0.0  # Gaussian radius in pixels
    jpeg: int | None = None  # JPEG quality, None for lossless
    seal: bool = False  # a red seal stamped over the first table's right half


def rasterise(pdf: Path, dpi: int, out_dir: Path) -> list[Path]:
    """The PDF's pages as PNG files at `dpi` (poppler)."""
    if shutil.which("pdftoppm") is None:
        raise RuntimeError("pdftoppm (poppler-utils) is not installed")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(out_dir / "page")],
                   check=True, capture_output=True, timeout=120)
    return sorted(out_dir.glob("page-*.png"))


def _seal(page: Image.Image, rng: random.Random) -> None:
    """A red round seal (ring, star, text-like strokes) over the page's middle right."""
    w, h = page.size
    r = int(w * 0.09)
    cx, cy = int(w * rng.uniform(0.6, 0.72)), int(h * rng.uniform(0.35, 0.55))
    layer = Image.new("RGB", page.size, (255, 255, 255))
    d = ImageDraw.Draw(layer)
    red = (225, 45, 50)
    d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=red, width=max(3, r // 12))
    star = [(cx + r * 0.35 * math.cos(math.pi / 2 + k * 4 * math.pi / 5),
             cy - r * 0.35 * math.sin(math.pi / 2 + k * 4 * math.pi / 5)) for k in range(5)]
    d.polygon(star, fill=red)
    for k in range(14):  # the ring of characters, as short strokes
        a = math.pi * (0.9 + 1.2 * k / 13)
        x, y = cx + r * 0.72 * math.cos(a), cy - r * 0.72 * math.sin(a)
        d.rectangle((x - r * 0.06, y - r * 0.06, x + r * 0.06, y + r * 0.06), fill=red)
    # ink on ink multiplies: the seal reddens the paper, the black digits under it stay black
    page.paste(ImageChops.multiply(page.convert("RGB"), layer))


def damage(png: Path, how: Damage, rng: random.Random) -> Image.Image:
    """One page image with the damage applied (RGB)."""
    page = Image.open(png).convert("RGB")
    if how.seal:
        _seal(page, rng)
    page = page.convert("RGB")
    if how.angle:
        page = page.rotate(how.angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=(255, 255, 255))
    if how.specks:
        d = ImageDraw.Draw(page)
        w, h = page.size
        for _ in range(how.specks):
            x, y, s = rng.randrange(w), rng.randrange(h), rng.choice((1, 1, 2, 2, 3))
            d.ellipse((x, y, x + s, y + s), fill=(60, 60, 60))
    if how.blur:
        page = page.filter(ImageFilter.GaussianBlur(how.blur))
    return page


def scan_pdf(pdf: Path, out: Path, how: Damage, seed: int = 0) -> Path:
    """An image-only PDF of `pdf`'s pages, damaged as `how` says."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="ogi-scan-") as tmp:
        pages = [damage(p, how, rng) for p in rasterise(pdf, how.dpi, Path(tmp))]
        if how.jpeg:
            again = []
            for i, page in enumerate(pages):
                jpg = Path(tmp) / f"page-{i}.jpg"
                page.save(jpg, quality=how.jpeg)
                again.append(Image.open(jpg).convert("RGB"))
            pages = again
        pages[0].save(out, save_all=True, append_images=pages[1:], resolution=how.dpi)
    return out


def scan_images(pdf: Path, out_dir: Path, how: Damage, seed: int = 0) -> list[Path]:
    """The pages of `pdf` as damaged JPEG (or PNG) files, one a page."""
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    with tempfile.TemporaryDirectory(prefix="ogi-scan-") as tmp:
        for i, png in enumerate(rasterise(pdf, how.dpi, Path(tmp))):
            page = damage(png, how, rng)
            path = out_dir / f"page-{i + 1}.{'jpg' if how.jpeg else 'png'}"
            if how.jpeg:
                page.save(path, quality=how.jpeg, dpi=(how.dpi, how.dpi))
            else:
                page.save(path, dpi=(how.dpi, how.dpi))
            paths.append(path)
    return paths
