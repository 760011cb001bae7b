"""OLE2 compound files (legacy Office): which streams a file holds, without trusting it.

A .doc or Kingsoft .wps holds a `WordDocument` stream, a Works .wps a `CONTENTS`
stream, an .xls a `Workbook`; a password-protected .docx/.xlsx is an OLE2 file with
`EncryptionInfo` + `EncryptedPackage`, and an encrypted .doc sets `fEncrypted` in
the FIB at the start of its WordDocument stream. `inspect` reads only the header,
the FAT, the directory and that one sector, with every chain bounded by the file size.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END = 0xFFFFFFFE
_FREE = 0xFFFFFFFF
_MAX_SECTOR = 0xFFFFFFFA
_FIB_MAGIC = 0xA5EC
_F_ENCRYPTED = 0x0100
_F_OBFUSCATED = 0x8000


class CorruptOLE(ValueError):
    """The compound file's structures are inconsistent."""


@dataclass(frozen=True)
class OleInfo:
    """Stream names of a compound file and whether its Word stream is encrypted."""

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
    """Stream names (and Word encryption) of the compound file at `path`; CorruptOLE if broken."""
    with open(path, "rb") as fh:
        header = fh.read(512)
        fh.seek(0, 2)
        size = fh.tell()
        if len(header) < 512 or not header.startswith(MAGIC):
            raise CorruptOLE("not an OLE2 compound file")
        shift = struct.unpack_from("<H", header, 0x1E)[0]
        if shift not in (9, 12):
            raise CorruptOLE(f"bad sector size 2^{shift}")
        ssize = 1 << shift
        n_sectors = max(0, size - ssize) // ssize + 1

        def sector(n: int) -> bytes:
            if n > _MAX_SECTOR or n >= n_sectors:
                raise CorruptOLE(f"sector {n} beyond the end of the file")
            fh.seek((n + 1) * ssize)
            return fh.read(ssize)

        fat = _fat(header, sector, ssize, n_sectors)
        directory = b"".join(sector(n) for n in _chain(fat, struct.unpack_from("<I", header, 0x30)[0],
                                                       n_sectors))
        cutoff = struct.unpack_from("<I", header, 0x38)[0]
        streams: set[str] = set()
        word_start: tuple[int, int] | None = None
        for off in range(0, len(directory) - 127, 128):
            entry = directory[off:off + 128]
            name_len, kind = struct.unpack_from("<HB", entry, 64)
            if kind not in (1, 2, 5) or not 2 <= name_len <= 64:
                continue
            name = entry[:name_len - 2].decode("utf-16-le", "replace")
            streams.add(name)
            if name == "WordDocument" and kind == 2:
                start, length = struct.unpack_from("<IQ", entry, 116)
                word_start = (start, length & 0xFFFFFFFF)
        encrypted = False
        if word_start and word_start[1] >= max(cutoff, 12):
            fib = sector(word_start[0])
            ident, flags = struct.unpack_from("<H", fib, 0)[0], struct.unpack_from("<H", fib, 0x0A)[0]
            encrypted = ident == _FIB_MAGIC and bool(flags & (_F_ENCRYPTED | _F_OBFUSCATED))
    return OleInfo(frozenset(streams), encrypted)


def _fat(header: bytes, read: Callable[[int], bytes], ssize: int, n_sectors: int) -> list[int]:
    """The file allocation table, gathered through the header's and chained DIFAT entries."""
    n_fat, first_difat, n_difat = (struct.unpack_from("<I", header, 0x2C)[0],
                                    *struct.unpack_from("<II", header, 0x44))
    if n_fat > n_sectors:
        raise CorruptOLE("FAT larger than the file")
    ids = [x for x in struct.unpack_from("<109I", header, 0x4C) if x <= _MAX_SECTOR]
    per = ssize // 4
    nxt = first_difat
    for _ in range(min(n_difat, n_sectors)):
        if nxt > _MAX_SECTOR:
            break
        block = struct.unpack(f"<{per}I", read(nxt))
        ids.extend(x for x in block[:-1] if x <= _MAX_SECTOR)
        nxt = block[-1]
    fat: list[int] = []
    for n in ids[:n_fat]:
        fat.extend(struct.unpack(f"<{per}I", read(n)))
    return fat


def _chain(fat: list[int], start: int, limit: int) -> list[int]:
    """Sector numbers of the chain from `start`, refusing cycles and runaway chains."""
    out: list[int] = []
    n = start
    while n not in (_END, _FREE) and n <= _MAX_SECTOR:
        if n >= len(fat) or len(out) >= limit:
            raise CorruptOLE("broken sector chain")
        out.append(n)
        n = fat[n]
    return out
