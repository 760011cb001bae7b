"""How the sweep's reports word, number, space and wrap their table labels.

One `Labeler` per document: its choices (which variant wording, which numbering style
per level) hold for the whole document, as a real report is consistent with itself;
spacing and wrapping are drawn per label.
"""

from __future__ import annotations

import random
import re

from .html_pages import cjk_cut

LABEL_FLAGS = ("label_variants", "numbering_variants", "spaced_labels", "wrapped_labels")

_LEVELS = (  # (pattern, renderer per style): 一、 / （一） / 1.
    (re.compile(r"^([一二三四五六七八九十]+)、"), ("{}、", "{}．", "")),
    (re.compile(r"^（([一二三四五六七八九十]+)）"), ("（{}）", "({})", "")),
    (re.compile(r"^(\d+)\."), ("{}.", "{}．", "{}、", "（{}）", "({})", "")),
)
_QUOTES = ("“三安全一稳定”", '"三安全一稳定"', "‘三安全一稳定’", "「三安全一稳定」", "三安全一稳定",
           "＂三安全一稳定＂")
# (wording in the template, the wordings reports print instead)
_VARIANTS = (
    ("社会公益组织", ("社会组织", "公益组织")),
    ("其他法律行政法规禁止公开", ("其他法律法规禁止公开",)),
    ("其他对外管理服务事项", ("其它对外管理服务事项",)),
    ("其他处理", ("其它处理",)),
    ("其他结果", ("其它结果",)),
    ("政府集中采购", ("政府集中采购项目",)),
)
_ONLY_CJK = re.compile(r"^[\u4e00-\u9fff]{2,6}$")


def draw_label_flags(rng: random.Random) -> set[str]:
    """A random set of label phenomena."""
    odds = {"label_variants": 0.45, "numbering_variants": 0.35, "spaced_labels": 0.2,
            "wrapped_labels": 0.25}
    return {f for f, p in odds.items() if rng.random() < p}


class Labeler:
    """Prints template labels the way one document does."""

    def __init__(self, rng: random.Random, flags: set[str], fmt: str) -> None:
        self.rng = rng
        self.flags = flags
        self.styles = [rng.randrange(len(renders)) for _, renders in _LEVELS]
        if rng.random() < 0.6:  # most reports keep the official numbering of the two outer levels
            self.styles[0] = self.styles[1] = 0
        self.words = {old: rng.choice(new) for old, new in _VARIANTS if rng.random() < 0.6}
        self.quotes = rng.choice(_QUOTES)
        self.total = "合计" if rng.random() < 0.5 else "总计"
        self.other_col = rng.choice(("其他", "其它", "其他组织"))
        self.normative = "规范性文件" if fmt == "2019" else "行政规范性文件"
        if rng.random() < 0.5:
            self.normative = "行政规范性文件" if fmt == "2019" else "规范性文件"

    def _variant(self, text: str) -> str:
        """The document's wording of a label."""
        if "label_variants" not in self.flags:
            return text
        text = text.replace("“三安全一稳定”", self.quotes)
        for old, new in self.words.items():
            text = text.replace(old, new)
        if text in ("规范性文件", "行政规范性文件"):
            return self.normative
        if text in ("总计", "（七）总计"):
            return text.replace("总计", self.total)
        if text == "其他":
            return self.other_col
        return text

    def _number(self, text: str) -> str:
        """The label with its numbering in the document's style for that level."""
        if "numbering_variants" not in self.flags:
            return text
        for (pattern, renders), style in zip(_LEVELS, self.styles):
            m = pattern.match(text)
            if m:
                return renders[style].format(m.group(1)) + text[m.end():]
        return text

    def label(self, text: str, long_ok: bool = True) -> str:
        """A label as printed: worded, numbered, maybe spaced out or wrapped over two lines."""
        text = self._number(self._variant(text))
        if "spaced_labels" in self.flags and _ONLY_CJK.match(text) and self.rng.random() < 0.5:
            sep = self.rng.choice((" ", "\u3000", "  "))
            return sep.join(text)
        if "wrapped_labels" in self.flags and long_ok and len(text) > 8 and self.rng.random() < 0.6:
            cut = cjk_cut(text, self.rng)
            if cut is not None:
                return f"{text[:cut]}\n{text[cut:]}"
        return text

    def plain(self, text: str) -> str:
        """A label worded and numbered, never spaced or wrapped (titles, group labels in text)."""
        return self._number(self._variant(text))
