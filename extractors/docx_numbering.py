"""Word list numbering (自动编号): the label Word draws before a numbered paragraph.

Reports often type `（一）` or `1.` by hand, but many let Word generate them from
`numbering.xml`; the label is then absent from the text runs. `Numbering.label`
replays Word's counters in document order and renders the level's `lvlText`
(`（%1）`, `%1.`, `%1、`) with its number format (decimal, chineseCounting, ...).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_VAL = W + "val"
_PLACEHOLDER = re.compile(r"%([1-9])")
_DIGITS = "〇一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_SUFFIX = {"tab": " ", "space": " ", "nothing": ""}

StyleNumbering = dict[str, tuple[str | None, int | None]]


@dataclass(frozen=True)
class Level:
    """One level of an abstract list: number format, label template, start value."""

    fmt: str = "decimal"
    text: str = ""
    start: int = 1
    suffix: str = " "
    legal: bool = False
    restart: int | None = None  # w:lvlRestart; 0 = never restart after higher levels


def _chinese(n: int, digits: str = _DIGITS, units: str = "十百千万") -> str:
    """Chinese counting: 10 -> 十, 21 -> 二十一, 105 -> 一百零五 (as Word's chineseCounting)."""
    if n <= 0 or n >= 100_000:
        return str(n)
    out: list[str] = []
    parts = [int(d) for d in str(n)]
    zero = False
    for i, d in enumerate(parts):
        pos = len(parts) - 1 - i
        if d == 0:
            zero = True
            continue
        if zero and out:
            out.append("零" if digits is _DIGITS else digits[0])
        zero = False
        if not (d == 1 and pos == 1 and i == 0 and digits is _DIGITS):
            out.append(digits[d])
        if pos:
            out.append(units[pos - 1])
    return "".join(out)


def _letters(n: int) -> str:
    """Word's letter numbering repeats the letter: 1 -> A, 27 -> AA."""
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    """Upper-case roman numerals (1..3999)."""
    if not 0 < n < 4000:
        return str(n)
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out += sym * count
    return out


def _enclosed(n: int, first: int, last: int = 20) -> str:
    """Circled/parenthesised/full-stop digits exist for 1..20 only; decimal beyond."""
    return chr(first + n - 1) if 1 <= n <= last else str(n)


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: "".join(chr(0xFF10 + int(d)) for d in str(n)),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperLetter": _letters,
    "lowerLetter": lambda n: _letters(n).lower(),
    "chineseCounting": _chinese,
    "chineseCountingThousand": _chinese,
    "japaneseCounting": _chinese,
    "taiwanCounting": _chinese,
    "taiwanCountingThousand": _chinese,
    "chineseLegalSimplified": lambda n: _chinese(n, _LEGAL, "拾佰仟万"),
    "ideographLegalTraditional": lambda n: _chinese(n, "零壹貳參肆伍陸柒捌玖", "拾佰仟萬"),
    "ideographTraditional": lambda n: _STEMS[(n - 1) % 10],
    "ideographZodiac": lambda n: _BRANCHES[(n - 1) % 12],
    "ideographDigital": lambda n: "".join(_DIGITS[int(d)] for d in str(n)),
    "decimalEnclosedCircle": lambda n: _enclosed(n, 0x2460),
    "decimalEnclosedCircleChinese": lambda n: _enclosed(n, 0x2460),
    "ideographEnclosedCircle": lambda n: _enclosed(n, 0x3280, 10),
    "decimalEnclosedParen": lambda n: _enclosed(n, 0x2474),
    "decimalEnclosedFullstop": lambda n: _enclosed(n, 0x2488),
}
# Spellings met in the wild: LibreOffice writes `taiwaneseCounting*` (ECMA says taiwan-).
_ALIASES = {"decimalFullWidth2": "decimalFullWidth", "taiwaneseCounting": "taiwanCounting",
            "taiwaneseCountingThousand": "taiwanCountingThousand",
            "chineseCountingTenThousand": "chineseCountingThousand"}
# Word 2010 custom formats (w:numFmt w:val="custom" w:format="一, 二, 三, ...") by first token.
_CUSTOM = {"一": "chineseCounting", "壹": "chineseLegalSimplified", "甲": "ideographTraditional",
           "子": "ideographZodiac", "①": "decimalEnclosedCircle", "⑴": "decimalEnclosedParen",
           "１": "decimalFullWidth", "01": "decimalZero"}


def format_number(n: int, fmt: str) -> str:
    """`n` in Word number format `fmt`; unknown formats fall back to decimal."""
    if fmt == "none":
        return ""
    fmt = _ALIASES.get(fmt, fmt)
    if fmt not in _FORMATS and "Counting" in fmt:
        fmt = "chineseCounting"
    return _FORMATS.get(fmt, str)(n)


def _int(el: etree._Element | None, default: int | None) -> int | None:
    """The integer w:val of `el`, or `default` when absent or malformed."""
    if el is None:
        return default
    try:
        return int(str(el.get(_VAL)))
    except ValueError:
        return default


def _level(lvl: etree._Element) -> Level:
    """A `Level` from a w:lvl element."""
    text = lvl.find(W + "lvlText")
    suff = lvl.find(W + "suff")
    legal = lvl.find(W + "isLgl")
    return Level(
        fmt=_num_fmt(lvl),
        text=str(text.get(_VAL, "")) if text is not None else "",
        start=_int(lvl.find(W + "start"), 1) or 0,
        suffix=_SUFFIX.get(str(suff.get(_VAL)) if suff is not None else "tab", " "),
        legal=legal is not None and legal.get(_VAL) not in ("0", "false"),
        restart=_int(lvl.find(W + "lvlRestart"), None),
    )


def _num_fmt(lvl: etree._Element) -> str:
    """The level's number format, reading Word 2010 custom formats (mc:AlternateContent)."""
    fmt = lvl.find(W + "numFmt")
    if fmt is None:
        fmt = lvl.find(f"{MC}AlternateContent/{MC}Choice/{W}numFmt")
    if fmt is None:
        return "decimal"
    val = str(fmt.get(_VAL, "decimal"))
    if val == "custom":
        first = str(fmt.get(W + "format", "")).split(",")[0].strip()
        return _CUSTOM.get(first, _CUSTOM.get(first[-2:], "decimal"))
    return val


def _levels(parent: etree._Element) -> dict[int, Level]:
    """The w:lvl children of an abstractNum (or a lvlOverride), by level index."""
    out: dict[int, Level] = {}
    for lvl in parent.iter(W + "lvl"):
        ilvl = _int_attr(lvl, W + "ilvl")
        if ilvl is not None and 0 <= ilvl < 9:
            out[ilvl] = _level(lvl)
    return out


def _int_attr(el: etree._Element, name: str) -> int | None:
    """An integer attribute, None when absent or malformed."""
    try:
        return int(str(el.get(name)))
    except ValueError:
        return None


class Numbering:
    """Word's list counters, replayed paragraph by paragraph in document order.

    Lists sharing an abstract definition share counters, as in Word, unless a
    `w:num` overrides a level (then it counts on its own, from its start override).
    `style_numbering` is called at most once, when a paragraph has a style but no
    direct numbering, so documents without style-based lists never parse styles.xml.
    """

    def __init__(self, root: etree._Element,
                 style_numbering: Callable[[], StyleNumbering] | None = None) -> None:
        abstract: dict[str, dict[int, Level]] = {}
        links: dict[str, str] = {}
        for an in root.iter(W + "abstractNum"):
            aid = str(an.get(W + "abstractNumId"))
            abstract[aid] = _levels(an)
            link = an.find(W + "numStyleLink")
            if link is not None:
                links[aid] = str(link.get(_VAL))
        # numId -> (counter key, levels with overrides applied, start overrides)
        self._nums: dict[str, tuple[str, dict[int, Level], dict[int, int]]] = {}
        self._pending_links: dict[str, str] = {}
        for num in root.iter(W + "num"):
            nid = str(num.get(W + "numId"))
            ref = num.find(W + "abstractNumId")
            aid = str(ref.get(_VAL)) if ref is not None else ""
            levels = dict(abstract.get(aid, {}))
            starts: dict[int, int] = {}
            for ov in num.iter(W + "lvlOverride"):
                ilvl = _int_attr(ov, W + "ilvl")
                if ilvl is None:
                    continue
                start = _int(ov.find(W + "startOverride"), None)
                if start is not None:
                    starts[ilvl] = start
                levels.update({k: v for k, v in _levels(ov).items() if k == ilvl})
            self._nums[nid] = (f"num:{nid}" if starts else f"abs:{aid}", levels, starts)
            if aid in links and not levels:
                self._pending_links[nid] = links[aid]
        self._counters: dict[str, list[int | None]] = {}
        self._style_loader = style_numbering
        self._styles: StyleNumbering | None = None

    def __bool__(self) -> bool:
        return bool(self._nums)

    def _style(self, style_id: str) -> tuple[str | None, int | None]:
        """The (numId, ilvl) a paragraph style gives its paragraphs, following basedOn."""
        if self._styles is None:
            self._styles = self._style_loader() if self._style_loader else {}
        return self._styles.get(style_id, (None, None))

    def paragraph_label(self, ppr: etree._Element | None) -> str:
        """The label Word draws before the paragraph with properties `ppr` (or '')."""
        if ppr is None:
            return ""
        num_id: str | None = None
        ilvl: int | None = None
        numpr = ppr.find(W + "numPr")
        if numpr is not None:
            nid = numpr.find(W + "numId")
            num_id = str(nid.get(_VAL)) if nid is not None else None
            ilvl = _int(numpr.find(W + "ilvl"), None)
        if num_id is None:
            pstyle = ppr.find(W + "pStyle")
            if pstyle is None:
                return ""
            style_num, style_lvl = self._style(str(pstyle.get(_VAL)))
            num_id = style_num
            ilvl = ilvl if ilvl is not None else style_lvl
        if num_id is None or num_id == "0":
            return ""
        return self.label(num_id, ilvl or 0)

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance list `num_id` at level `ilvl` and return its rendered label with suffix."""
        if num_id in self._pending_links:
            linked, _ = self._style(self._pending_links.pop(num_id))
            if linked and linked in self._nums:
                self._nums[num_id] = self._nums[linked]
        entry = self._nums.get(num_id)
        if entry is None or not 0 <= ilvl < 9:
            return ""
        key, levels, starts = entry
        level = levels.get(ilvl)
        if level is None or level.fmt == "bullet":
            return ""
        counts = self._counters.setdefault(key, [None] * 9)
        current = counts[ilvl]
        counts[ilvl] = starts.get(ilvl, level.start) if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            lower = levels.get(deeper)
            # lvlRestart=0 keeps counting across higher levels; the default restarts.
            if lower is None or lower.restart is None or 0 < lower.restart <= ilvl + 1:
                counts[deeper] = None

        def render(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            lv = levels.get(k, Level())
            n = counts[k] if counts[k] is not None else starts.get(k, lv.start)
            fmt = "decimal" if level.legal and k < ilvl else lv.fmt
            return format_number(int(n or 0), fmt)

        text = _PLACEHOLDER.sub(render, level.text)
        return text + level.suffix if text else ""


def style_numbering(styles: etree._Element) -> StyleNumbering:
    """Map each paragraph style to the (numId, ilvl) it carries, inherited through basedOn."""
    own: dict[str, tuple[str | None, int | None]] = {}
    parent: dict[str, str] = {}
    for st in styles.iter(W + "style"):
        sid = str(st.get(W + "styleId"))
        based = st.find(W + "basedOn")
        if based is not None:
            parent[sid] = str(based.get(_VAL))
        numpr = st.find(f"{W}pPr/{W}numPr")
        if numpr is not None:
            nid = numpr.find(W + "numId")
            own[sid] = (str(nid.get(_VAL)) if nid is not None else None,
                        _int(numpr.find(W + "ilvl"), None))
    out: StyleNumbering = {}
    for sid in set(own) | set(parent):
        num_id: str | None = None
        ilvl: int | None = None
        seen: set[str] = set()
        cur: str | None = sid
        while cur is not None and cur not in seen:  # basedOn cycles exist in the wild
            seen.add(cur)
            nid, lv = own.get(cur, (None, None))
            num_id = num_id if num_id is not None else nid
            ilvl = ilvl if ilvl is not None else lv
            cur = parent.get(cur)
        if num_id is not None:
            out[sid] = (num_id, ilvl)
    return out
