"""OLE2 compound files (legacy Office): which streams a file holds, read with olefile.

A .doc or Kingsoft .wps holds a `WordDocument` stream, a Works .wps a `CONTENTS`
stream, an .xls a `Workbook`; a password-protected .docx/.xlsx is an OLE2 file with
`EncryptionInfo` + `EncryptedPackage`, and an encrypted .doc sets `fEncrypted` in
the FIB at the start of its WordDocument stream. Only top-level streams count: an
.xls or .ppt embedding a Word document holds `WordDocument` inside a storage.

olefile walks the directory tree (as LibreOffice will) and reads streams through
the FAT or the mini FAT. It is lenient by default, which suits damaged files that
LibreOffice still opens, but it trusts the header's sector sizes: `2**shift` with a
flipped shift byte is a number too large to format, or a read of terabytes, so the
header is checked here first.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import olefile

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FIB_MAGIC = 0xA5EC
_F_ENCRYPTED = 0x0100
_F_OBFUSCATED = 0x8000


class CorruptOLE(ValueError):
    """The compound file's structures are inconsistent."""


@dataclass(frozen=True)
class OleInfo:
    """Top-level stream and storage names of a compound file, and whether its Word stream is encrypted."""

    streams: frozenset[str]
    word_encrypted: bool = False

    @property
    def kind(self) -> str:
        """'encrypted', 'word', 'works' or 'other'."""
        if {"EncryptionInfo", "EncryptedPackage"} <= self.streams or self.word_encrypted:
            return "encrypted"
        if "WordDocument" in self.streams:
            return "word"
        if "CONTENTS" in self.streams and "Quill" not in self.streams:  # Works, not Publisher
            return "works"
        return "other"


def inspect(path: Path) -> OleInfo:
    """Top-level stream names (and Word encryption) of the compound file at `path`; CorruptOLE if broken."""
    _check_header(path)
    try:
        with olefile.OleFileIO(str(path)) as ole:
            # root.kids, not listdir(): a damaged tree can hold a cycle that listdir recurses into.
            top = {str(kid.name): kid for kid in ole.root.kids if kid is not ole.root}
            word = top.get("WordDocument")
            fib = b""
            if word is not None and word.entry_type == olefile.STGTY_STREAM:
                with ole.openstream("WordDocument") as stream:
                    fib = bytes(stream.read(12))
    except RecursionError as exc:  # olefile walks the tree recursively; a real one is shallow
        raise CorruptOLE("directory tree thousands of entries deep") from exc
    except (OSError, ValueError, IndexError, KeyError, struct.error) as exc:
        # olefile's OleFileError is an OSError; broken structures can surface as the others.
        raise CorruptOLE(str(exc) or type(exc).__name__) from exc
    encrypted = False
    if len(fib) == 12:
        ident, flags = struct.unpack_from("<H", fib, 0)[0], struct.unpack_from("<H", fib, 0x0A)[0]
        encrypted = ident == _FIB_MAGIC and bool(flags & (_F_ENCRYPTED | _F_OBFUSCATED))
    return OleInfo(frozenset(top), encrypted)


def _check_header(path: Path) -> None:
    """Refuse a header whose sector sizes olefile would use before checking them."""
    with open(path, "rb") as fh:
        header = fh.read(512)
    if len(header) < 512 or not header.startswith(MAGIC):
        raise CorruptOLE("not an OLE2 compound file")
    shift, mini_shift = struct.unpack_from("<HH", header, 0x1E)
    if shift not in (9, 12):
        raise CorruptOLE(f"bad sector size 2^{shift}")
    if mini_shift != 6:
        raise CorruptOLE(f"bad mini sector size 2^{mini_shift}")
