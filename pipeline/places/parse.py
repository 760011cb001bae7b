"""Reading one normalised name: the divisions it begins with, then the body it names.

`read_place` walks the name left to right. At each position it takes the longest
division name (official, or an accepted short form) that lies inside what was read
so far (`淮安市` then `洪泽区`: a 洪泽区 of 淮安市); the candidates left after the last step
are the place. A short form followed by 街道/镇/乡 is part of a township's name (中山街道).
Where nothing matches, a county's stem is taken before a zone word (洪泽经济开发区), and a
county's stem with another suffix is read as that county renamed (洪泽县 → 洪泽区, 撤县设区).
`parse` then reads a zone, a township and the body key off the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .bodies import body_key, kind_of, township_at, unknown_division_at, zone_at
from .divisions import Division, table, within
from .vocabulary import NOT_AFTER_SHORT_FORM, SPECIAL_ZONES, ZONE_WORDS

_PARTY = ("中国共产党", "中共")
_RENAMABLE = ("区", "县", "市", "旗")


@dataclass(frozen=True)
class Place:
    """The divisions a text begins with: where they end and the candidates left."""

    end: int
    codes: tuple[str, ...]  # the deepest divisions consistent with every step; () for none
    said: str  # the words that named the deepest step (朝阳区), for notes
    remark: str | None  # how it was read when not by a plain name (renamed, zone stem)


@dataclass(frozen=True)
class Parsed:
    """A normalised agency name read into place candidates and a body."""

    text: str
    place: Place
    body: str  # the text after the divisions (教育局, 岳村镇人民政府)
    zone: str | None
    township: str | None
    key: str
    kind: str
    unknown: str | None  # a county-level name the table does not know (江北区 under 重庆市)


def _consistent(codes: tuple[str, ...], current: tuple[str, ...]) -> tuple[str, ...]:
    if not current:
        return codes
    by_code = table().by_code
    parents: list[Division] = [by_code[p] for p in current]
    return tuple(c for c in codes if any(within(by_code[c], p) for p in parents))


def _step(text: str, pos: int, current: tuple[str, ...]) -> tuple[int, tuple[str, ...], str | None] | None:
    t = table()
    if text.startswith(tuple(SPECIAL_ZONES), pos):
        return None  # 平潭综合实验区 is no zone of 平潭县: see SPECIAL_ZONES
    top = min(t.longest, len(text) - pos)
    for n in range(top, 1, -1):
        piece = text[pos:pos + n]
        codes = t.names.get(piece)
        if not codes or (piece in t.short and text.startswith(NOT_AFTER_SHORT_FORM, pos + n)):
            continue
        if found := _consistent(codes, current):
            return n, found, None
    for n in range(min(6, len(text) - pos), 1, -1):  # a county's stem before a zone word
        piece = text[pos:pos + n]
        if piece in t.stems and text.startswith(ZONE_WORDS, pos + n):
            if found := _consistent(t.stems[piece], current):
                return n, found, None
    for n in range(min(7, len(text) - pos), 2, -1):  # a county under a former suffix
        piece = text[pos:pos + n]
        if piece[-1] in _RENAMABLE and piece[:-1] in t.stems:
            if found := _consistent(t.stems[piece[:-1]], current):
                names = "、".join(sorted({t.by_code[c].name for c in found}))
                return n, found, f"{piece}: no current division of that name; read as {names} (same stem, renamed)"
    return None


def read_place(text: str, start: int = 0) -> Place:
    """The divisions `text` names from `start` on, most specific last."""
    pos, said, remark = start, "", None
    current: tuple[str, ...] = ()
    while pos < len(text):
        step = _step(text, pos, current)
        if step is None:
            break
        n, current, why = step
        said, remark = text[pos:pos + n], why or remark
        pos += n
    return Place(pos, current, said, remark)


def _special_zone(rest: str, place: Place) -> tuple[str, str] | None:
    for name, province in SPECIAL_ZONES.items():
        if rest.startswith(name) and place.codes in ((), (province,)):
            return name, province
    return None


@lru_cache(maxsize=65536)
def parse(text: str) -> Parsed:
    """Place candidates, zone, township, body key and kind of a normalised agency name."""
    party = text.startswith(_PARTY)
    start = next((len(p) for p in _PARTY if text.startswith(p)), 0)
    place = read_place(text, start)
    rest = text[place.end:]
    body = rest
    zone = township = unknown = None
    if special := _special_zone(rest, place):
        zone = special[0]
        place = Place(place.end, (special[1],), place.said or zone,
                      f"{zone}: a zone under the province itself, not a division")
    else:
        zone = zone_at(rest)
    if zone is not None:
        rest = rest[len(zone):]
    elif (unknown := unknown_division_at(rest)) is not None:
        rest = rest[len(unknown):]
    if (township := township_at(rest)) is not None:
        rest = rest[len(township):]
    key = body_key(rest, township, zone)
    if party:
        key = "中共" + key
    return Parsed(text, place, body, zone, township, key, kind_of(key, township, zone, party), unknown)
