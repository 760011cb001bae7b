"""What body a name speaks of, once its place is read off: the body key and the kind.

The body key is the body's name below its place, spelt the long way (`政府` → `人民政府`,
`政府办` → `人民政府办公室`, `管委会` → `管理委员会`), so that the spellings of one body meet. A
department named with its government in front (`北京市人民政府国有资产监督管理委员会`) drops that
prefix; a place named alone (`洪泽区`) is its government.
"""

from __future__ import annotations

import re

from .vocabulary import (
    BODY_SUFFIX_SYNONYMS,
    BODY_SYNONYMS,
    DEPARTMENT_ENDINGS,
    GOVERNMENT_OFFICES,
    GOVERNMENT_PREFIXES,
    GOVERNMENTS,
    NOT_IN_TOWNSHIP,
    OTHER_WORDS,
    TOWNSHIP_SUFFIXES,
    ZONE_WORDS,
)

KINDS = ("government", "government_office", "department", "development_zone", "street_office", "other")

_ZONE = re.compile("^(.{0,10}?)(" + "|".join(ZONE_WORDS) + ")")
_TOWNSHIP = re.compile("^(.{1,8}?(?:" + "|".join(TOWNSHIP_SUFFIXES) + "))")
# An unknown county-level name (a district since merged away, a typo): 江北区人民政府 after 重庆市.
_UNKNOWN_DIVISION = re.compile(r"^([^局委厅办室所和与及城乡管理]{2,5}?(?:区|县|旗|市))")


def zone_at(rest: str) -> str | None:
    """The development zone's name that `rest` begins with (经济技术开发区, 两江新区), if any."""
    m = _ZONE.match(rest)
    if not m or any(w in m.group(1) for w in ("局", "委", "厅", "办", "政府")):
        return None
    return m.group(0)


def township_at(rest: str) -> str | None:
    """The township or street's name that `rest` begins with (岳村镇, 粤海街道), if any."""
    m = _TOWNSHIP.match(rest)
    if not m:
        return None
    name = m.group(1)
    return None if any(w in name for w in NOT_IN_TOWNSHIP) else name


def unknown_division_at(rest: str) -> str | None:
    """A county-level name the table does not know, beginning `rest` (江北区 under 重庆市)."""
    m = _UNKNOWN_DIVISION.match(rest)
    return m.group(1) if m else None


def body_key(rest: str, township: str | None, zone: str | None) -> str:
    """The body's key: `rest` spelt the long way; empty `rest` is the place's own head body."""
    street = township is not None and township.endswith("街道")
    if not rest:
        if street:
            return "办事处"
        return "人民政府" if township is not None or zone is None else "管理委员会"
    if street and rest in ("办", "办事处", "街道办事处", "人民政府", "政府"):
        return "办事处"
    key = BODY_SYNONYMS.get(rest, rest)
    if key not in GOVERNMENT_OFFICES and key != "人民政府":
        for prefix in GOVERNMENT_PREFIXES:
            if key.startswith(prefix) and len(key) > len(prefix):
                key = BODY_SYNONYMS.get(key[len(prefix):], key[len(prefix):])
                break
    for short, full in BODY_SUFFIX_SYNONYMS:
        if key.endswith(short) and not key.endswith(full):
            key = key[: -len(short)] + full
            break
    return key


_ZONE_HEADS = ("管理委员会", "工作委员会", "管理局", "管理处", "管理办公室")


def kind_of(key: str, township: str | None, zone: str | None, party: bool) -> str:
    """One of KINDS for a body key (see docs/places.md for the rules)."""
    if party or any(w in key for w in OTHER_WORDS):
        return "other"
    if key[:1] in "省市区县旗镇乡" and key[1:3] in ("政府", "人民"):  # 区政府办公室: a place's word, no name
        key = body_key(key[1:], township, zone)
    if township is not None and township.endswith("街道") and key == "办事处":
        return "street_office"
    if key in GOVERNMENTS:
        return "government"
    if key in GOVERNMENT_OFFICES:
        return "government_office"
    if key in _ZONE_HEADS[:2] or (zone is not None and key in _ZONE_HEADS):
        return "development_zone"  # a 管委会 governs a zone (重庆两江新区管委会: the zone is a district now)
    if zone_at(key) is not None and key.endswith(_ZONE_HEADS):
        return "development_zone"
    if key.endswith(DEPARTMENT_ENDINGS):
        return "department"
    return "other"
