"""Decode an HTML page as its bytes really are, whatever its `<meta charset>` claims.

Government CMSs and Word export GBK/GB2312 pages that declare UTF-8, UTF-8 pages that
declare gb2312, and pages that declare nothing. A declaration is therefore only a hint:
the bytes decide. Valid UTF-8 is UTF-8 (GBK text almost never is); otherwise valid
GB18030 (a superset of GBK and GB2312) is GB18030; a stray byte in either is replaced,
choosing the reading with fewer replacements so one bad byte never turns a page into
mojibake.

Not bs4's UnicodeDammit nor charset-normalizer: both trust a declaration or a
statistical guess before the bytes, and misread short GBK pages (as cp949, big5),
a GBK page declaring iso-8859-1, or one stray byte (as windows-1252, or nothing), at
8-10x the time (docs/dependencies.md).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
_DECLARED = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
    rb"""|<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
_GB_FAMILY = frozenset({"gb2312", "gbk", "gb18030", "hz"})
# CMS templates default to these whatever the content is; they decode any byte, so a
# declaration of them proves nothing and trusting it would give mojibake.
_UNTRUSTED = frozenset({"ascii", "latin-1", "iso8859-1", "cp1252", "iso8859-15", "utf-8"})


@dataclass(frozen=True)
class Decoded:
    """A page's text, the codec that decoded it, what the page declared, and oddities met."""

    text: str
    encoding: str
    declared: str | None
    warnings: tuple[str, ...] = ()


def declared_charset(data: bytes) -> str | None:
    """The codec name a `<meta>` or XML declaration in the first 4 KB names, if Python knows it."""
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' for a BOM-less UTF-16 page, told by the NUL beside its first '<'."""
    i = data.find(b"<", 0, 64)
    if i < 0:
        return None
    if i % 2 == 0 and data[i + 1:i + 2] == b"\x00":
        return "utf-16-le"
    if i % 2 == 1 and data[i - 1:i] == b"\x00":
        return "utf-16-be"
    return None


def decode_html(data: bytes) -> Decoded:
    """Decode page bytes: BOM, else strict UTF-8, else a trusted declaration, else GB18030."""
    declared = declared_charset(data)
    for bom, enc in BOMS:
        if data.startswith(bom):
            return _lenient(data[len(bom):], (enc,), declared)
    utf16 = utf16_without_bom(data)
    if utf16:
        return _lenient(data, (utf16,), declared)
    candidates = ["utf-8"]
    if declared and declared not in _UNTRUSTED and declared not in _GB_FAMILY:
        candidates.append(declared)  # e.g. big5: honoured when the bytes agree
    candidates.append("gb18030")
    for enc in candidates:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        return Decoded(text, enc, declared, _lie_warning(declared, enc))
    return _lenient(data, tuple(candidates), declared)


def _lenient(data: bytes, encodings: tuple[str, ...], declared: str | None) -> Decoded:
    """The reading with the fewest replaced bytes among `encodings`, with a warning if any."""
    best_text, best_enc, best_bad = "", encodings[0], -1
    for enc in encodings:
        text = data.decode(enc, errors="replace")
        bad = text.count("\ufffd")
        if best_bad < 0 or bad < best_bad:
            best_text, best_enc, best_bad = text, enc, bad
    warnings = _lie_warning(declared, best_enc)
    if best_bad:
        warnings += (f"{best_bad} undecodable byte sequence(s) replaced (read as {best_enc})",)
    return Decoded(best_text, best_enc, declared, warnings)


def _lie_warning(declared: str | None, used: str) -> tuple[str, ...]:
    """A warning when the page declared a charset its bytes contradict."""
    if declared is None or declared == used or declared == "ascii":
        return ()
    if declared in _GB_FAMILY and used == "gb18030":
        return ()
    if declared.startswith("utf-16") and used.startswith("utf-16"):
        return ()
    return (f"page declares charset {declared} but is {used}",)
