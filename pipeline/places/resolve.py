"""One body's place settled: the name first, then the title, then the URL's host; never a guess.

The name gives candidates. Several left (朝阳区: Beijing's and Changchun's) are narrowed by
the places the title begins with (北京市朝阳区2021年…), then by the URL's host
(www.bjchy.gov.cn); if more than one is still left, the place stays empty and `note` says
why. A name with no place in it at all (教育局) takes the title's place, when the title
names that same body right after it (洪泽区教育局2021年…).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import hosts
from .divisions import Division, table, within
from .parse import Parsed, Place, parse, read_place
from .spelling import normalise

_TITLE_LEAD = re.compile(r"^(?:关于)?(?:\d{4}|[〇零一二三四五六七八九]{4})?(?:年度|年)?")
_PLURAL = {"province": "provinces", "city": "cities", "county": "counties"}


@dataclass(frozen=True)
class Body:
    """One agency's identity: the place columns, the key, and how they were found."""

    agency_id: str | None
    name: str | None
    province: Division | None
    city: Division | None
    county: Division | None
    township: str | None
    level: str | None
    kind: str | None
    matched_by: str | None
    note: str | None


def _title_place(title: str | None) -> tuple[str, Place] | None:
    if not title:
        return None
    text = normalise(title)
    start = _TITLE_LEAD.match(text)
    place = read_place(text, start.end() if start else 0)
    return (text, place) if place.codes else None


def _related(a: str, b: str) -> bool:
    by_code = table().by_code
    return a == b or within(by_code[a], by_code[b]) or within(by_code[b], by_code[a])


def _parent_name(d: Division, full: bool) -> str:
    by_code = table().by_code
    above = [by_code[c].name for c in (d.province, d.city) if c and c != d.code]
    if full:
        return "".join(above) + d.name
    return above[-1] if above else d.name


def _ambiguity(said: str, codes: tuple[str, ...]) -> str:
    ds = [table().by_code[c] for c in codes]
    levels = {d.level for d in ds}
    what = _PLURAL[ds[0].level] if len(levels) == 1 else "divisions"
    where = ", ".join(_parent_name(d, full=len(levels) > 1) for d in ds)
    return f"{said}: {len(ds)} {what} of that name ({where}); the name alone cannot tell"


def _candidates(p: Parsed, title: str | None, url: str | None) -> tuple[tuple[str, ...], str | None, list[str]]:
    """The place's code (one, or none) with how it was found and the notes on the way."""
    notes = [p.place.remark] if p.place.remark else []
    codes, how = p.place.codes, "name"
    if p.unknown is not None:
        inside = f" in {_parent_name(table().by_code[codes[0]], full=True)}" if len(codes) == 1 else ""
        notes.append(f"{p.unknown}: no current division of that name{inside}; the place cannot be told")
        return (), None, notes
    if not codes:
        found = _title_place(title)
        if found and p.body and found[0].startswith(p.body, found[1].end):
            codes, how = found[1].codes, "title"
        else:
            if p.township is not None:
                notes.append(f"{p.township}: a township named without its county; the place cannot be told")
            else:
                notes.append(f"{p.text}: no division name found; the place cannot be told")
            return (), None, notes
    if len(codes) == 1:
        return codes, how, notes
    said = p.place.said if how == "name" else "the title's place"
    tried = []
    if how == "name" and title:
        found = _title_place(title)
        narrowed = tuple(c for c in codes if found and any(_related(c, t) for t in found[1].codes))
        if len(narrowed) == 1:
            return narrowed, "name+title", notes
        tried.append("the title")
    if url:
        narrowed = hosts.narrow(codes, url)
        if len(narrowed) == 1:
            return narrowed, f"{how}+url", notes
        tried.append(f"the url host {hosts.host(url) or url}")
    tail = ""
    if tried:
        tail = f"; {tried[0]} does not tell" if len(tried) == 1 else f"; neither {' nor '.join(tried)} tells"
    notes.append(_ambiguity(said, codes) + tail)
    return (), None, notes


def _body(p: Parsed, code: str, how: str | None, notes: list[str]) -> Body:
    t = table()
    d = t.by_code[code]
    province = t.by_code[d.province]
    city = t.by_code[d.city] if d.city else (province if d.province in t.municipalities else None)
    if d.level == "city":
        city = d
    county = d if d.level == "county" else None
    segments = [s for s in (p.zone, p.township) if s]
    parts = [province.name] + [x.name for x in (city, county) if x and x.code != province.code]
    return Body(
        agency_id="/".join([code, *segments, p.key]),
        name="".join(parts + segments + [p.key]),
        province=province, city=city, county=county, township=p.township,
        level="township" if p.township else d.level, kind=p.kind, matched_by=how,
        note="; ".join(notes) or None,
    )


@lru_cache(maxsize=65536)
def identify_one(agency: str | None, url: str | None, title: str | None) -> Body:
    """The identity of one agency name, with the URL and title it came with."""
    text = normalise(agency) if agency else ""
    if not text:
        return Body(None, None, None, None, None, None, None, None, None, "no agency name")
    p = parse(text)
    codes, how, notes = _candidates(p, title, url)
    if not codes:
        return Body(None, None, None, None, None, p.township, None, p.kind, None, "; ".join(notes))
    place = table().by_code[codes[0]]
    if not p.body:
        notes.insert(0, "a place named alone: read as its 人民政府")
    if place.former:
        notes.insert(0, f"{place.name}: a former division, not in the current table; kept under its last code")
    return _body(p, codes[0], how, notes)
