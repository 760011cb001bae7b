"""Rich Text Format reports, often served as `.doc`: read through LibreOffice as .doc files are.

Word saves RTF under a `.doc` name and crawlers keep it; LibreOffice converts it to DOCX,
which the DOCX extractor reads (see `doc`). Only the size is checked before conversion:
RTF is text, with no container to inspect.
"""

from __future__ import annotations

from pathlib import Path

from . import doc
from .document import Document
from .errors import ExtractionError

format = "rtf"
# A report's RTF is a few MB (pictures inline as hex); beyond this it is not a report.
MAX_BYTES = 64 * 1024 * 1024


def sniff(head: bytes, path: Path) -> bool:
    """True for a file that starts as RTF does (`{\\rtf`, after a BOM or blanks)."""
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf")


def check(path: Path) -> None:
    """Raise for a file too large to be a report."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ExtractionError(f"RTF file too large: {size} bytes (limit {MAX_BYTES})")


def extract(path: Path) -> Document:
    """Convert one RTF file with LibreOffice and read it as a DOCX."""
    result = doc.extract_batch([path], check, format)[path]
    if isinstance(result, ExtractionError):
        raise result
    return result
