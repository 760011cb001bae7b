"""Traditional-Chinese mirrors read as the simplified template: the first step of recovery.

Some sites serve a traditional-character mirror of their pages (`政府資訊公開`, `申請`),
converted from the mainland text with Taiwan phrasing (信息 → 資訊). Such a document is
converted back with OpenCC's `tw2sp` (phrases too: 資訊 → 信息), so labels, metadata and
narrative match the template's simplified wording. A document is a mirror when many of
its characters exist only in traditional form; the `tables` dataset keeps the text
as printed (it is written from the extracted Document, not this one).
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import opencc

from extractors import Document, Paragraph, Table

SAMPLE = 20000  # characters looked at to decide
MIN_TRADITIONAL = 20  # a few traditional-only characters occur in simplified text (names, 乾隆)
MIN_SHARE = 0.05  # of the CJK characters sampled


# Taiwan phrases `tw2sp` rewrites into mainland words the national formats do not use:
# 規範性文件 is 规范性文件 (not 文档), 查詢事項 is 查询事项 (not 查找). A test round-trips
# every template label through traditional, with and without Taiwan phrasing.
_OVERCONVERTED = (("文档", "文件"), ("查找事项", "查询事项"))


@cache
def _opencc() -> opencc.OpenCC:
    return opencc.OpenCC("tw2sp")


def to_simplified(text: str) -> str:
    """Traditional text (Taiwan phrasing too) in the simplified wording of the national formats."""
    out = str(_opencc().convert(text))
    for wrong, right in _OVERCONVERTED:
        out = out.replace(wrong, right)
    return out


@cache
def traditional_only() -> frozenset[str]:
    """CJK characters that simplified text writes otherwise (OpenCC's t2s changes them)."""
    chars = "".join(chr(i) for i in range(0x4E00, 0xA000))
    simple = opencc.OpenCC("t2s").convert(chars)
    return frozenset(a for a, b in zip(chars, simple) if a != b)


def is_traditional(text: str) -> bool:
    """True when the text is written in traditional characters."""
    sample = text[:SAMPLE]
    trad = traditional_only()
    n = sum(1 for ch in sample if ch in trad)
    if n < MIN_TRADITIONAL:
        return False
    cjk = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    return n >= MIN_SHARE * cjk


def simplified(doc: Document) -> Document:
    """The document in simplified characters when it is a traditional mirror, else itself."""
    sample = []
    size = 0
    for block in doc.blocks:
        text = block.text if isinstance(block, Paragraph) else "".join(c.text for c in block.cells)
        sample.append(text)
        size += len(text)
        if size >= SAMPLE:
            break
    if not is_traditional((doc.title or "") + "".join(sample)):
        return doc
    convert = to_simplified
    blocks = tuple(replace(b, text=convert(b.text)) if isinstance(b, Paragraph)
                   else replace(b, cells=tuple(replace(c, text=convert(c.text)) for c in b.cells))
                   for b in doc.blocks if isinstance(b, (Paragraph, Table)))
    return replace(doc, blocks=blocks, title=convert(doc.title) if doc.title else doc.title)
