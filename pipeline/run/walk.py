"""The raw root as a list of input files: a recursive walk that leaves the crawler's litter out.

Skipped, never extracted: `manifest.csv`; crawler sidecars `X.json` or `X.pdf.json`
beside a file `X.pdf`; hidden files and directories (`.git`, `.DS_Store`); partial
downloads (`*.part`, `*.crdownload`, `*.tmp`) and Office lock files (`~$x.docx`);
anything that is not a regular file (sockets, FIFOs, devices); file symlinks whose target
leaves the raw root, dangles or loops; unreadable directories; and the output root when it
lies inside the raw root. Directory symlinks are not followed (no cycles); file symlinks
to regular files inside the root are. The format of what remains is decided later, from
content.
"""

from __future__ import annotations

import os
import stat
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


def walk(raw_root: Path, exclude: tuple[Path, ...] = (), skips: list[str] | None = None
         ) -> list[SourceFile]:
    """Every input file under `raw_root`, sorted by relative path.

    Only regular files inside the raw root are inputs. A file symlink is followed when its
    target is a regular file inside the root; a link leaving the root, a dangling link or a
    loop, an unreadable directory, a FIFO, socket or device is left out, and `skips` (when
    given) gets a line saying which and why. Nothing here opens a file.
    """
    root = raw_root.resolve()
    excluded = {p.resolve() for p in exclude}
    out: list[SourceFile] = []
    notes: list[str] = []
    stack = [(root, "")]
    while stack:
        directory, prefix = stack.pop()
        try:
            with os.scandir(directory) as it:
                entries = [e for e in it if not e.name.startswith(".")]
        except OSError as exc:
            notes.append(f"{prefix or './'}: directory not read ({exc.strerror or exc})")
            continue
        names = {e.name for e in entries}
        stems = {n.rsplit(".", 1)[0] for n in names if not n.lower().endswith(".json")}
        for entry in entries:
            rel = prefix + readable(entry.name)
            try:
                if entry.is_dir(follow_symlinks=False):
                    if Path(entry.path).resolve() not in excluded:
                        stack.append((Path(entry.path), f"{rel}/"))
                    continue
                why = _not_an_input(entry, root)
                if why:
                    notes.append(f"{rel}: {why}")
                    continue
                if skipped(entry.name, names, stems):
                    continue
                st = entry.stat()
            except (OSError, RuntimeError) as exc:  # ELOOP, EACCES, vanished meanwhile
                notes.append(f"{rel}: not read ({getattr(exc, 'strerror', None) or exc})")
                continue
            out.append(SourceFile(rel, Path(entry.path), st.st_size, st.st_mtime_ns))
    out.sort(key=lambda f: f.rel)
    if skips is not None:
        skips.extend(sorted(notes))
    return out


def _not_an_input(entry: os.DirEntry[str], root: Path) -> str | None:
    """Why a directory entry is no input file (None when it is a regular file to read)."""
    if entry.is_symlink():
        try:
            target = Path(entry.path).resolve(strict=True)
        except (OSError, RuntimeError):
            return "symlink loop or dangling symlink"
        if not target.is_relative_to(root):
            return "symlink leaving the raw root"
        if not stat.S_ISREG(target.stat().st_mode):
            return "symlink to something not a regular file"
        return None
    mode = entry.stat(follow_symlinks=False).st_mode
    if not stat.S_ISREG(mode):
        return "not a regular file (FIFO, socket or device)"
    return None


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
    """A file name as text: names that are not UTF-8 (GBK from Chinese zip archives) as GB18030,
    bytes that are neither as `\\xNN` escapes, so two names never read alike."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:  # undecodable bytes arrive as surrogates
        return os.fsencode(name).decode("gb18030", errors="backslashreplace")
