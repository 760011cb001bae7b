"""Format-specific extractors: bytes in, `Document` out; nothing here knows the templates.

Every extractor is a module with `format` (a name), `sniff(head, path) -> bool` and
`extract(path) -> Document`. `EXTRACTORS` is the ordered registry: the first module
whose `sniff` accepts a file's content reads it. The order settles disagreements
(a DOCX is also a zip, an HTML page is also text), and a test pins it.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from . import doc, docx, html, image, pdf, rtf, text
from .document import Block, Cell, Document, Paragraph, Table
from .errors import EmptyFile, ExtractionError, UnsupportedFormat
from .office import sweep_scratch
from .text import decode_text
from .values import UNSURE, NotANumber, is_blank, is_unit, is_value_token, parse_number

EXTRACTORS: tuple[ModuleType, ...] = (
    pdf,
    docx,
    doc,
    rtf,
    image,
    html,
    text,
)

SNIFF_BYTES = 8192

__all__ = [
    "EXTRACTORS", "Block", "Cell", "Document", "ExtractionError", "Identity", "NotANumber", "Paragraph",
    "Table", "UNSURE", "decode_text", "extract", "is_blank", "is_unit", "is_value_token",
    "parse_number", "sniff", "sweep_scratch",
]


@dataclass(frozen=True)
class Identity:
    """What one read of a file tells: its sha256, size and format (or why it has none)."""

    sha256: str
    size: int
    format: str | None
    error: str | None = None  # why sniffing found no format (`empty file`, `unsupported …`)


def identify(path: Path) -> Identity:
    """Hash a file and sniff its format in one read of its bytes; OSError if it cannot be read."""
    h = hashlib.sha256()
    size = 0
    head = b""
    # Non-blocking open, then a regular file only: a FIFO put in a file's place must not
    # hang the run (opening one for reading waits for a writer).
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(errno.EINVAL, "not a regular file", str(path))
    os.set_blocking(fd, True)
    with open(fd, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            if size == 0:
                head = chunk[:SNIFF_BYTES]
            h.update(chunk)
            size += len(chunk)
    try:
        return Identity(h.hexdigest(), size, sniff_head(head, path))
    except ExtractionError as exc:
        return Identity(h.hexdigest(), size, None, str(exc))


def sniff(path: Path) -> str:
    """The format name of the first extractor that recognises the file's content."""
    with open(path, "rb") as fh:
        head = fh.read(SNIFF_BYTES)
    return sniff_head(head, path)


def sniff_head(head: bytes, path: Path) -> str:
    """The format of a file from its first bytes (sniffers of containers may open `path`)."""
    if not head.strip():
        raise EmptyFile("empty file")
    for module in EXTRACTORS:
        if module.sniff(head, path):
            return str(module.format)
    raise UnsupportedFormat(f"unsupported format: {_describe(head)}")


def sniff_or_none(path: Path) -> str | None:
    """The file's format, or None when even sniffing fails (unreadable, empty, unknown)."""
    try:
        return sniff(path)
    except (ExtractionError, OSError):
        return None


def extract(path: Path, format: str | None = None) -> Document:
    """Extract `path` with the extractor for its sniffed (or given) format."""
    fmt = format or sniff(path)
    for module in EXTRACTORS:
        if module.format == fmt:
            doc: Document = module.extract(path)
            return doc
    raise UnsupportedFormat(f"no extractor for format {fmt!r}")


_MAGIC = (
    (b"%PDF", "PDF"), (b"PK\x03\x04", "zip archive"), (b"\xd0\xcf\x11\xe0", "OLE2 (legacy Office)"),
    (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"),
    (b"II*\x00", "TIFF image"), (b"MM\x00*", "TIFF image"), (b"Rar!", "RAR archive"),
    (b"\x1f\x8b", "gzip data"), (b"7z\xbc\xaf", "7z archive"),
)


def _describe(head: bytes) -> str:
    """A short human name for unrecognised bytes, for the error message."""
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    return "binary data" if b"\x00" in head else "unrecognised content"
