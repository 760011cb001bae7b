"""The raw root as a list of input files: a recursive walk that leaves the crawler's litter out.

Skipped, never extracted: `manifest.csv`; crawler sidecars `X.json` or `X.pdf.json`
beside a file `X.pdf`; hidden files and directories (`.git`, `.DS_Store`); partial
downloads (`*.part`, `*.crdownload`, `*.tmp`) and Office lock files (`~$x.docx`);
anything that is not a regular file (sockets, FIFOs); and the output root when it
lies inside the raw root. Directory symlinks are not followed (no cycles); file
symlinks are. The format of what remains is decided later, from content.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .manifest import MANIFEST_NAME

_PARTIAL_SUFFIXES = (".part", ".crdownload", ".tmp")


@dataclass(frozen=True)
class SourceFile:
    """One input file: its path relative to the raw root (POSIX, always valid text), absolute
    path (as the file system spells it), size and mtime."""

    rel: str
    path: Path
    size: int
    mtime_ns: int


def walk(raw_root: Path, exclude: tuple[Path, ...] = ()) -> list[SourceFile]:
    """Every input file under `raw_root`, sorted by relative path."""
    root = raw_root.resolve()
    excluded = {p.resolve() for p in exclude}
    out: list[SourceFile] = []
    stack = [(root, "")]
    while stack:
        directory, prefix = stack.pop()
        with os.scandir(directory) as it:
            entries = [e for e in it if not e.name.startswith(".")]
        names = {e.name for e in entries}
        stems = {n.rsplit(".", 1)[0] for n in names if not n.lower().endswith(".json")}
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if Path(entry.path).resolve() not in excluded:
                    stack.append((Path(entry.path), f"{prefix}{readable(entry.name)}/"))
            elif entry.is_file() and not skipped(entry.name, names, stems):
                st = entry.stat()
                out.append(SourceFile(prefix + readable(entry.name), Path(entry.path),
                                      st.st_size, st.st_mtime_ns))
    out.sort(key=lambda f: f.rel)
    return out


def skipped(name: str, siblings: set[str], stems: set[str]) -> bool:
    """True for the manifest, sidecars, partial downloads and lock files.

    `stems` are the sibling names without their last suffix (json files excluded).
    """
    lower = name.lower()
    if lower == MANIFEST_NAME or lower.endswith(_PARTIAL_SUFFIXES) or name.startswith("~$"):
        return True
    if lower.endswith(".json"):
        # report.pdf.json beside report.pdf, or report.json beside report.pdf
        base = name[:-len(".json")]
        return base in siblings or base in stems
    return False


def readable(name: str) -> str:
    """A file name as text: names that are not UTF-8 (GBK from Chinese zip archives) as GB18030."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:  # undecodable bytes arrive as surrogates
        return os.fsencode(name).decode("gb18030", errors="replace")
