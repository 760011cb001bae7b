"""Word 2007+ reports (.docx, .docm, WPS's docx): a zip holding `word/document.xml`.

The package is opened with `zipfile` and lxml directly rather than through
python-docx's `docx.opc` (`OpcPackage.open`): that reads every part the
relationships reach and parses every XML part up front (9.4 ms a file against
1.1 ms here; a 440 kB styles.xml alone costs 5 ms), fails the whole document on a
dangling image relationship, and reads entries unbounded; a report needs the
body, the numbering and, only for style-based lists, the styles
(docs/dependencies.md has the numbers). A DOCX comes from the internet, so its zip
directory is checked before any part is decompressed (entry count and declared
sizes), parts are inflated a chunk at a time and never past their declared size,
and XML is parsed without entities or network access.
"""

from __future__ import annotations

import logging
import posixpath
import struct
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from .document import Document
from .docx_body import Walker, blank_placeholders
from .docx_numbering import Numbering, StyleNumbering, style_numbering
from .errors import EmptyFile, ExtractionError, ScannedDocument, UnsafeFile

format = "docx"
log = logging.getLogger(__name__)

MAX_ENTRIES = 10_000
# The central directory as declared by the end record: about 100 bytes an entry. Past this,
# zipfile would build millions of entries in memory (1.7 GB for 3 M) before any check.
MAX_DIRECTORY = 4 * 1024 * 1024
MAX_UNCOMPRESSED = 512 * 1024 * 1024
# zipfile's read() inflates a whole entry in one call, up to 2 GiB, before it cuts the
# output at the declared size: reading a chunk at a time bounds what a lying entry costs.
CHUNK = 1024 * 1024
# The methods OPC allows. zipfile inflates bzip2 and LZMA input without an output
# limit, so one small chunk of either can expand to gigabytes.
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_STRICT_W = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
_TRANSITIONAL_W = W[1:-1].encode()
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True,
                          remove_pis=True)


def sniff(head: bytes, path: Path) -> bool:
    """True for a zip holding word/document.xml (or a broken zip that names word/ parts)."""
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        entries, directory = _declared_directory(path)
        if entries > MAX_ENTRIES or directory > MAX_DIRECTORY:
            return b"word/" in head
        with zipfile.ZipFile(path) as zf:
            return "word/document.xml" in zf.NameToInfo
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        # A damaged Word file still says so in its first local headers; claim it so
        # the error reads "corrupt DOCX" rather than "unsupported format".
        return b"word/" in head or b"[Content_Types].xml" in head


def extract(path: Path) -> Document:
    """Read a DOCX into paragraphs and tables in document order."""
    return read(path, format)


def read(path: Path, fmt: str = format) -> Document:
    """Read a DOCX package, reporting it as format `fmt` (.doc files arrive converted)."""
    with open_package(path) as zf:
        main = _main_part(zf)
        rels = _relationships(zf, main)
        body_root = _parse(zf, main)
        body = body_root.find(W + "body")
        if body is None:
            raise ExtractionError("corrupt DOCX: word/document.xml has no w:body")
        numbering = _numbering(zf, rels)
        blank_placeholders(body)
        walker = Walker(numbering=numbering)
        walker.body(body)
        title = _title(zf)
        if not walker.blocks:
            name = "DOCX" if fmt == format else f"{fmt} file (converted by LibreOffice)"
            if any(n.startswith("word/media/") for n in zf.NameToInfo):
                raise ScannedDocument(f"{name} holds only images, no text (needs OCR)")
            raise EmptyFile(f"{name} has no text")
    return Document(format=fmt, blocks=tuple(walker.blocks), title=title,
                    warnings=tuple(walker.warnings))


def open_package(path: Path) -> zipfile.ZipFile:
    """The zip, once its directory declares sane sizes; UnsafeFile or a corrupt-DOCX error."""
    entries, directory = _declared_directory(path)
    if entries > MAX_ENTRIES:
        raise UnsafeFile(f"DOCX refused: {entries} zip entries (limit {MAX_ENTRIES})")
    if directory > MAX_DIRECTORY:
        raise UnsafeFile(f"DOCX refused: a zip directory of {directory} bytes (limit {MAX_DIRECTORY})")
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise ExtractionError(f"corrupt DOCX: not a readable zip ({exc})") from exc
    infos = zf.infolist()
    total = sum(i.file_size for i in infos)
    if len(infos) > MAX_ENTRIES or total > MAX_UNCOMPRESSED:
        zf.close()
        raise UnsafeFile(f"DOCX refused: zip declares {total} bytes uncompressed in "
                         f"{len(infos)} entries (limit {MAX_UNCOMPRESSED} bytes): a zip bomb?")
    return zf


def _declared_directory(path: Path) -> tuple[int, int]:
    """Entry count and central-directory size from the end-of-central-directory record,
    read before the directory (ZIP64 records too, whose end record says 0xFFFF)."""
    with open(path, "rb") as fh:
        fh.seek(0, 2)
        size = fh.tell()
        fh.seek(max(0, size - 65_557))
        tail = fh.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(tail):
        return 0, 0  # zipfile will report the damage
    entries, directory = struct.unpack_from("<HI", tail, at + 10)
    z64 = tail.rfind(b"PK\x06\x06", 0, at)  # the ZIP64 end record, just before the locator
    if z64 >= 0 and z64 + 56 <= len(tail):
        entries64, directory64 = struct.unpack_from("<QQ", tail, z64 + 32)
        entries, directory = max(entries, entries64), max(directory, directory64)
    return int(entries), int(directory)


def _read(zf: zipfile.ZipFile, name: str) -> bytes:
    """One part's bytes, inflated at most CHUNK at a time and never past its declared size;
    damaged entries become a corrupt-DOCX error."""
    info = zf.NameToInfo.get(name)
    if info is None:
        raise ExtractionError(f"corrupt DOCX: part {name} is missing")
    if info.compress_type not in _METHODS:
        raise ExtractionError(f"corrupt DOCX: {name} uses zip compression method {info.compress_type} "
                              "(OPC allows only stored and deflate)")
    chunks: list[bytes] = []
    size = 0
    try:
        with zf.open(info) as fh:
            while chunk := fh.read(CHUNK):
                size += len(chunk)
                if size > info.file_size:  # zipfile stops at the declared size; do not depend on it
                    raise UnsafeFile(f"DOCX refused: {name} inflates past its declared "
                                     f"{info.file_size} bytes: a zip bomb?")
                chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError,
            RuntimeError) as exc:  # RuntimeError: a password-protected zip entry
        raise ExtractionError(f"corrupt DOCX: cannot read {name} ({exc})") from exc
    return b"".join(chunks)


def _parse(zf: zipfile.ZipFile, name: str) -> etree._Element:
    """Parse one XML part safely; Strict OOXML namespaces are mapped to transitional ones."""
    data = _read(zf, name)
    if _STRICT_W in data:
        data = data.replace(_STRICT_W, _TRANSITIONAL_W)
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise ExtractionError(f"corrupt DOCX: {name} is not well-formed XML ({exc})") from exc


def _relationships(zf: zipfile.ZipFile, part: str) -> dict[str, str]:
    """Relationship type suffix (`styles`, `numbering`, ...) -> target part name."""
    folder, base = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    if rels_name not in zf.NameToInfo:
        return {}
    out: dict[str, str] = {}
    try:
        root = etree.fromstring(_read(zf, rels_name), _PARSER)
    except etree.XMLSyntaxError:
        return {}
    for rel in root.iter(_REL):
        if rel.get("TargetMode") == "External":
            continue
        kind = str(rel.get("Type", "")).rsplit("/", 1)[-1]
        target = str(rel.get("Target", ""))
        # Resolved as a URI against the part's folder: `..` stops at the package root.
        name = posixpath.normpath(posixpath.join("/", folder, target)).lstrip("/")
        out.setdefault(kind, name)
    return out


def _main_part(zf: zipfile.ZipFile) -> str:
    """The main document part named by the package relationships, else word/document.xml."""
    target = _relationships(zf, "").get("officeDocument")
    return target if target and target in zf.NameToInfo else "word/document.xml"


def _numbering(zf: zipfile.ZipFile, rels: dict[str, str]) -> Numbering | None:
    """List numbering definitions, or None when the document has none."""
    name = rels.get("numbering", "word/numbering.xml")
    if name not in zf.NameToInfo:
        return None
    styles_name = rels.get("styles", "word/styles.xml")

    def load_styles() -> StyleNumbering:
        if styles_name not in zf.NameToInfo:
            return {}
        data = _read(zf, styles_name)
        if b"numPr" not in data:
            return {}
        try:
            return style_numbering(etree.fromstring(data, _PARSER))
        except etree.XMLSyntaxError:
            return {}

    numbering = Numbering(_parse(zf, name), load_styles)
    return numbering if numbering else None


def _title(zf: zipfile.ZipFile) -> str | None:
    """dc:title from the core properties, when set."""
    name = _relationships(zf, "").get("core-properties", "docProps/core.xml")
    if name not in zf.NameToInfo:
        return None
    try:
        el = etree.fromstring(_read(zf, name), _PARSER).find(_DC_TITLE)
    except (etree.XMLSyntaxError, ExtractionError):
        return None
    text = (el.text or "").strip() if el is not None else ""
    return text or None
