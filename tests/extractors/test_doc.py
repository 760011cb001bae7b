"""Legacy .doc/.wps: DOCX fixtures converted to .doc by LibreOffice inside the test run,
read back through LibreOffice; encrypted, foreign and damaged OLE2 files; no soffice."""

from __future__ import annotations

import csv
import shutil
import struct
import sys
import tempfile
import time
from pathlib import Path

import psutil
import pytest

import extractors
import pipeline
from conftest import FIXTURES, cell_differences, facts_by_key, read_truth
from extractors import doc as doc_extractor
from extractors import office
from extractors.errors import ExtractionError, MissingDependency, UnsafeFile, UnsupportedFormat
from extractors.ole2 import inspect

DOCX = FIXTURES / "docx"
sys.path.insert(0, str(DOCX))
import make_fixtures  # noqa: E402

NAMES = ("merged-2021", "merged-2019")
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="LibreOffice not installed (.ci/run installs it)")


@pytest.fixture(scope="module")
def legacy(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The merged fixtures as .doc, converted by one LibreOffice process."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice not installed")
    out = tmp_path_factory.mktemp("doc")
    converted = office.convert_batch([DOCX / f"{n}.docx" for n in NAMES], out, target="doc")
    paths = {}
    for name in NAMES:
        result = converted[DOCX / f"{name}.docx"]
        assert isinstance(result, Path), result
        paths[name] = result.replace(out / f"{name}.doc")
    return paths


def golden_blocks(name: str) -> list[dict[str, str]]:
    with open(DOCX / f"{name}.blocks.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def block_strings(doc: extractors.Document) -> list[dict[str, str]]:
    return [{k: str(v) for k, v in r.items()} for r in make_fixtures.block_rows(list(doc.blocks))]


@needs_soffice
@pytest.mark.slow
def test_doc_reads_back_every_block_and_cell(legacy: dict[str, Path]) -> None:
    """Batch extraction of both .doc files: the same blocks as the DOCX they came from."""
    for path in legacy.values():
        assert path.read_bytes().startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
        assert extractors.sniff(path) == "doc"
        assert inspect(path).kind == "word"
    results = doc_extractor.extract_batch(list(legacy.values()))
    for name, path in legacy.items():
        doc = results[path]
        assert isinstance(doc, extractors.Document), doc
        assert doc.format == "doc"
        assert block_strings(doc) == golden_blocks(name)


@needs_soffice
@pytest.mark.slow
def test_doc_every_cell_end_to_end(legacy: dict[str, Path]) -> None:
    name = "merged-2019"
    result = pipeline.extract_file(legacy[name])
    assert cell_differences(read_truth(DOCX / f"{name}.truth.csv"), facts_by_key(result)) == []
    doc = result.document
    assert (doc["status"], doc["format"], doc["report_format"], doc["error"]) == (
        "ok", "doc", "2019", None)


@needs_soffice
@pytest.mark.slow
def test_wps_or_any_name_is_read_by_content(legacy: dict[str, Path], tmp_path: Path) -> None:
    data = legacy["merged-2021"].read_bytes()
    names = ("report.wps", "report", "年度报告.pdf")
    for n in names:
        (tmp_path / n).write_bytes(data)
        assert extractors.sniff(tmp_path / n) == "doc"
    results = doc_extractor.extract_batch([tmp_path / n for n in names])
    for n in names:
        assert block_strings(results[tmp_path / n]) == golden_blocks("merged-2021")  # type: ignore[arg-type]


@needs_soffice
def test_timeout_kills_libreoffice_and_cleans_up(legacy: dict[str, Path], tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    private = tmp_path / "tmp"  # other processes on this machine may convert at the same time
    private.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    started = time.monotonic()
    with pytest.raises(office.ConversionError,
                       match=r"^LibreOffice conversion to docx timed out after 0.2 s$"):
        office.convert(legacy["merged-2021"], tmp_path / "out", timeout=0.2)
    assert time.monotonic() - started < 5
    assert [p for p in psutil.Process().children(recursive=True) if "soffice" in p.name()] == []
    assert _orphans() == []
    assert list(private.iterdir()) == []
    assert list((tmp_path / "out").iterdir()) == []
    # a batch that times out retries each file alone (each may fail alone), then cleans up
    batch = office.convert_batch(list(legacy.values()), tmp_path / "batch", timeout=0.2)
    assert [str(e) for e in batch.values()] == ["LibreOffice conversion to docx timed out after 0.2 s"] * 2
    assert list((tmp_path / "batch").iterdir()) == [] and list(private.iterdir()) == []


def _orphans() -> list[int]:
    """soffice processes still running on one of our (already removed) temporary profiles."""
    prefix = "-env:UserInstallation=" + Path(tempfile.gettempdir()).as_uri() + "/ogi-soffice-"
    out = []
    for proc in psutil.process_iter(["pid", "cmdline"]):
        for arg in proc.info["cmdline"] or []:
            if arg.startswith(prefix) and not Path(arg.split("file://", 1)[1]).exists():
                out.append(proc.info["pid"])
    return out


@needs_soffice
def test_damaged_word_stream_fails_alone_in_a_batch(legacy: dict[str, Path], tmp_path: Path) -> None:
    data = bytearray(legacy["merged-2021"].read_bytes())
    start = _entry(data, "WordDocument")[0]
    offset = (start + 1) * 512 + 0x20
    data[offset:offset + 4000] = bytes((i * 37 + 11) % 256 for i in range(4000))
    bad = tmp_path / "damaged.doc"
    bad.write_bytes(bytes(data))
    results = doc_extractor.extract_batch([bad, legacy["merged-2019"]])
    assert isinstance(results[legacy["merged-2019"]], extractors.Document)
    err = results[bad]
    assert isinstance(err, ExtractionError)
    assert str(err) == "doc file (converted by LibreOffice) has no text"


def _entry(data: bytes | bytearray, name: str) -> tuple[int, int]:
    """(start sector, offset of the directory entry) of stream `name` in a compound file."""
    at = bytes(data).rfind(name.encode("utf-16-le") + b"\0\0")
    assert at > 0
    return struct.unpack_from("<I", data, at + 116)[0], at


def _rename(data: bytearray, old: str, new: str) -> None:
    """Rename a directory entry in place (name field and its length)."""
    _, at = _entry(data, old)
    raw = new.encode("utf-16-le") + b"\0\0"
    data[at:at + 64] = raw.ljust(64, b"\0")
    struct.pack_into("<H", data, at + 64, len(raw))


@needs_soffice
def test_encrypted_files_refused_without_running_libreoffice(legacy: dict[str, Path],
                                                            tmp_path: Path) -> None:
    original = legacy["merged-2019"].read_bytes()
    flagged = bytearray(original)  # an encrypted .doc: fEncrypted set in the FIB
    start, _ = _entry(flagged, "WordDocument")
    fib = (start + 1) * 512
    assert struct.unpack_from("<H", flagged, fib)[0] == 0xA5EC
    struct.pack_into("<H", flagged, fib + 0x0A, struct.unpack_from("<H", flagged, fib + 0x0A)[0] | 0x0100)
    package = bytearray(original)  # a password-protected .docx: EncryptionInfo + EncryptedPackage
    _rename(package, "WordDocument", "EncryptedPackage")
    _rename(package, "1Table", "EncryptionInfo")
    for name, data in (("secret.doc", flagged), ("secret.docx", package)):
        path = tmp_path / name
        path.write_bytes(bytes(data))
        assert extractors.sniff(path) == "doc"
        started = time.monotonic()
        with pytest.raises(UnsafeFile,
                           match=r"^encrypted \(password-protected\) Office document: cannot be read$"):
            extractors.extract(path)
        assert time.monotonic() - started < 0.2
        assert "encrypted" in pipeline.extract_file(path).document["error"]


@needs_soffice
def test_foreign_and_corrupt_ole2(legacy: dict[str, Path], tmp_path: Path) -> None:
    sheet = bytearray(legacy["merged-2019"].read_bytes())
    _rename(sheet, "WordDocument", "Workbook")
    (tmp_path / "book.xls").write_bytes(bytes(sheet))
    with pytest.raises(UnsupportedFormat, match=r"^unsupported format: OLE2 \(legacy Office\)$"):
        extractors.sniff(tmp_path / "book.xls")
    broken = tmp_path / "broken.doc"
    broken.write_bytes(bytes(sheet[:512]) + b"\xff" * 600)
    assert extractors.sniff(broken) == "doc"
    with pytest.raises(ExtractionError, match=r"^corrupt legacy Office file \(OLE2\): "):
        extractors.extract(broken)


def test_missing_libreoffice_says_what_to_install(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    doc = tmp_path / "report.doc"
    doc.write_bytes(_minimal_word_ole())
    monkeypatch.setenv("PATH", str(tmp_path))  # a system without soffice
    monkeypatch.delenv(office.SOFFICE_ENV, raising=False)
    message = ("LibreOffice is needed to read legacy Word files (.doc/.wps): install it "
               "(e.g. `apt-get install libreoffice-writer-nogui`) or set OGI_SOFFICE")
    with pytest.raises(MissingDependency) as err:
        extractors.extract(doc)
    assert str(err.value) == message
    result = pipeline.extract_file(doc)
    assert (result.document["status"], result.document["format"]) == ("failed", "doc")
    assert "apt-get install libreoffice-writer-nogui" in result.document["error"]


NOSTREAM = 0xFFFFFFFF


def _minimal_word_ole() -> bytes:
    """A tiny valid compound file whose root holds one (empty) WordDocument stream (no LibreOffice)."""
    return _compound([("Root Entry", 5, 1, NOSTREAM), ("WordDocument", 2, NOSTREAM, NOSTREAM)])


def _compound(entries: list[tuple[str, int, int, int]]) -> bytes:
    """A compound file of empty streams: directory entries (name, type, child, right sibling), root first."""
    n_dir = -(-len(entries) * 128 // 512)
    n_fat = 1
    while n_fat * 128 < n_fat + n_dir:
        n_fat += 1
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIII", header, 0x2C, n_fat, n_fat, 0, 4096, 0xFFFFFFFE)
    struct.pack_into("<II", header, 0x44, 0xFFFFFFFE, 0)
    struct.pack_into("<109I", header, 0x4C, *range(n_fat), *([NOSTREAM] * (109 - n_fat)))
    fat = [0xFFFFFFFD] * n_fat + [n_fat + i + 1 for i in range(n_dir - 1)] + [0xFFFFFFFE]
    fat += [NOSTREAM] * (n_fat * 128 - len(fat))
    directory = bytearray(n_dir * 512)
    for i, (name, kind, child, right) in enumerate(entries):
        raw = name.encode("utf-16-le") + b"\0\0"
        directory[i * 128:i * 128 + len(raw)] = raw
        struct.pack_into("<HBBIII", directory, i * 128 + 64, len(raw), kind, 1, NOSTREAM, right, child)
        struct.pack_into("<IQ", directory, i * 128 + 116, 0xFFFFFFFE, 0)
    return bytes(header) + struct.pack(f"<{len(fat)}I", *fat) + bytes(directory)


def test_only_top_level_streams_make_a_word_file(tmp_path: Path) -> None:
    """A workbook embedding a Word document (ObjectPool/…/WordDocument) is not a Word file."""
    book = tmp_path / "book.xls"
    book.write_bytes(_compound([("Root Entry", 5, 1, NOSTREAM), ("Workbook", 2, NOSTREAM, 2),
                                ("ObjectPool", 1, 3, NOSTREAM), ("WordDocument", 2, NOSTREAM, NOSTREAM)]))
    assert inspect(book).streams == {"Workbook", "ObjectPool"}
    with pytest.raises(UnsupportedFormat, match=r"^unsupported format: OLE2 \(legacy Office\)$"):
        extractors.sniff(book)
    word = tmp_path / "report.doc"
    word.write_bytes(_minimal_word_ole())
    assert inspect(word).kind == "word"


def test_hostile_directory_trees_fail_clearly(tmp_path: Path) -> None:
    """A storage that holds itself, or a sibling chain thousands deep: an answer or a corrupt-OLE2 error."""
    cycle = tmp_path / "cycle.doc"
    cycle.write_bytes(_compound([("Root Entry", 5, 1, NOSTREAM), ("Pool", 1, 2, NOSTREAM),
                                 ("Sub", 1, 1, NOSTREAM)]))
    assert inspect(cycle).kind == "other"
    chain = tmp_path / "chain.doc"
    n = 3000
    chain.write_bytes(_compound([("Root Entry", 5, 1, NOSTREAM)]
                                + [(f"s{i}", 2, NOSTREAM, i + 1 if i < n else NOSTREAM) for i in range(1, n + 1)]))
    assert extractors.sniff(chain) == "doc"
    with pytest.raises(ExtractionError, match=r"^corrupt legacy Office file \(OLE2\): directory tree "):
        extractors.extract(chain)
    for shift_at, value in ((0x1E, 0xFFFF), (0x20, 0x7FFF)):  # sector sizes 2^65535, 2^32767
        bad = bytearray(_minimal_word_ole())
        struct.pack_into("<H", bad, shift_at, value)
        path = tmp_path / f"shift-{shift_at}.doc"
        path.write_bytes(bytes(bad))
        with pytest.raises(ExtractionError, match=r"^corrupt legacy Office file \(OLE2\): bad (mini )?sector size"):
            extractors.extract(path)


@needs_soffice
def test_rtf_saved_as_doc_is_read_end_to_end(tmp_path: Path) -> None:
    """Word's RTF under a `.doc` name: sniffed as RTF by its content, every cell read."""
    name = "merged-2021"
    converted = office.convert_batch([DOCX / f"{name}.docx"], tmp_path / "out", target="rtf")
    rtf = converted[DOCX / f"{name}.docx"]
    assert isinstance(rtf, Path), rtf
    path = rtf.replace(tmp_path / "年度报告.doc")
    assert path.read_bytes().startswith(b"{\\rtf")
    assert extractors.sniff(path) == "rtf"
    result = pipeline.extract_file(path)
    assert cell_differences(read_truth(DOCX / f"{name}.truth.csv"), facts_by_key(result)) == []
    assert (result.document["status"], result.document["format"]) == ("ok", "rtf")
