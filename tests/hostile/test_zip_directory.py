"""A DOCX whose zip directory holds far more entries than it declares: bounded in the parent.

Issue 12, item 8: the entry count of a zip's end record is 16 bits, so 131,077 entries can
declare 5; zipfile then builds every entry in memory (1.7 GB for 3 M) while the parent only
sniffs the format. The end record's directory size cannot lie that way: it is checked first.
The file is made at test time (about 7 MB).
"""

from __future__ import annotations

import struct
import tracemalloc
import zipfile
from pathlib import Path

import pytest

import extractors
from extractors.errors import UnsafeFile

N = 131_077  # 2 × 65,536 + 5: the 16-bit count reads 5


def _wrapped_count_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("word/document.xml", "<w:document xmlns:w='http://schemas.openxmlformats.org/"
                                         "wordprocessingml/2006/main'><w:body/></w:document>")
        for i in range(N - 1):
            zf.writestr(f"x/{i:07d}", "")
    data = path.read_bytes()
    z64 = data.rfind(b"PK\x06\x06")
    eocd = data.rfind(b"PK\x05\x06")
    directory, offset = struct.unpack_from("<QQ", data, z64 + 40)
    # The end records as an old writer leaves them: no ZIP64 record, a count that wrapped.
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, N & 0xFFFF, N & 0xFFFF, directory, offset, 0)
    path.write_bytes(data[:z64] + end)
    assert eocd > z64
    return path


def test_a_directory_larger_than_declared_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    path = _wrapped_count_zip(tmp_path / "many.docx")
    tracemalloc.start()
    try:
        fmt = extractors.sniff(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert fmt == "docx" and peak < 5 * 1024 * 1024  # zipfile's parse of the directory: ~60 MB
    with pytest.raises(UnsafeFile, match=r"^DOCX refused: a zip directory of \d+ bytes \(limit 4194304\)$"):
        extractors.extract(path)
