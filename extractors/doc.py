"""Legacy Word reports (.doc, Kingsoft/Works .wps): OLE2 files read through LibreOffice.

`extract` converts one file to .docx with LibreOffice headless and reads it with the
DOCX extractor; `extract_batch` converts many with one soffice process (about 0.4 s
a file instead of 1.5 s) for callers that hold many files in one process. A corpus run
extracts each file in its worker, so the conversion runs under that document's time and
memory limits and dies with it. Encrypted files are
refused before LibreOffice sees them: headless, it can only fail on them.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from struct import error as struct_error

from . import docx, office
from .document import Document
from .errors import ExtractionError, UnsafeFile
from .ole2 import MAGIC, CorruptOLE, inspect

log = logging.getLogger(__name__)

format = "doc"
_CLAIMED = ("word", "works", "encrypted")
CHUNK = 20  # files per soffice process in prepare_batch: a bad file delays only its chunk


def sniff(head: bytes, path: Path) -> bool:
    """True for an OLE2 file holding a Word or Works document, an encrypted Office
    package, or a damaged compound file (claimed so that its error is specific)."""
    if not head.startswith(MAGIC):
        return False
    try:
        return inspect(path).kind in _CLAIMED
    except (CorruptOLE, OSError, struct_error):
        return True


def check(path: Path) -> None:
    """Raise the error a file LibreOffice should not be given deserves, if any."""
    try:
        kind = inspect(path).kind
    except (CorruptOLE, struct_error) as exc:
        raise ExtractionError(f"corrupt legacy Office file (OLE2): {exc}") from exc
    if kind == "encrypted":
        raise UnsafeFile("encrypted (password-protected) Office document: cannot be read")
    if kind not in _CLAIMED:
        raise ExtractionError("OLE2 file holds no Word document")


def extract(path: Path) -> Document:
    """Convert a .doc/.wps with LibreOffice and read the result as a DOCX."""
    result = extract_batch([path])[path]
    if isinstance(result, ExtractionError):
        raise result
    return result


def prepare_batch(paths: Sequence[Path], work_dir: Path, refuse: Callable[[Path], None] | None = None,
                  timeout: float | None = None) -> dict[Path, Path | ExtractionError]:
    """Convert many .doc/.wps files to DOCX in `work_dir` (the caller removes it), one
    soffice process per chunk of CHUNK files: path -> DOCX or error. `refuse` raises for
    a file LibreOffice must not be given (`check` by default); `timeout` bounds each file."""
    results: dict[Path, Path | ExtractionError] = {}
    todo: list[Path] = []
    for path in paths:
        try:
            (refuse or check)(path)
            todo.append(path)
        except ExtractionError as exc:
            results[path] = exc
    log.info("converting %d legacy Office files", len(todo))
    for start in range(0, len(todo), CHUNK):
        chunk = todo[start:start + CHUNK]
        try:
            results.update(office.convert_batch(chunk, work_dir / f"batch-{start // CHUNK:05d}",
                                                per_file=timeout))
        except ExtractionError as exc:  # LibreOffice missing: every file fails alike
            results.update({path: exc for path in chunk})
        log.info("converted %d/%d legacy Office files", min(start + CHUNK, len(todo)), len(todo))
    return {path: results[path] for path in paths}


def extract_batch(paths: Sequence[Path], refuse: Callable[[Path], None] | None = None,
                  name: str = format) -> dict[Path, Document | ExtractionError]:
    """Read many .doc/.wps files with one LibreOffice process per chunk: path -> Document or
    error (`refuse` and `name`: another format LibreOffice reads, as `rtf` does)."""
    out_dir = office.scratch("doc")
    try:
        results: dict[Path, Document | ExtractionError] = {}
        for path, converted in prepare_batch(paths, out_dir, refuse).items():
            try:
                results[path] = converted if isinstance(converted, ExtractionError) else docx.read(converted, name)
            except ExtractionError as exc:
                results[path] = exc
        return results
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)
