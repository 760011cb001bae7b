"""The national formats as data: the CSVs beside this module read into template declarations.

`keys.csv` (the output contract) fixes every canonical table, row and column and the
order they are printed in; `variants.csv` adds label wordings real reports use;
`special_rows.csv` adds layouts that are not one labelled row per key (the review /
litigation table's single 15-number row; an undivided （六）其他处理 row);
`formats.csv` says which years use which format, `units.csv` the unit of a column
(the fees in 万元) and `row_sums.csv` which columns of a row add up to its total.
To accept a new wording, add a line to `variants.csv`: no code changes.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

from .labels import normalise, squash

__all__ = ["FORMATS", "RowSum", "Template", "TemplateRow", "format_for_year", "load_templates",
           "national_markers", "normalise", "read_csv", "squash"]


@dataclass(frozen=True)
class TemplateRow:
    """One printed row of a national table, and the canonical cells its values fill.

    `cells` lists the (table, row, column) keys its values fill left to right; a
    `sink` row fills none (its values are reported as unplaced); a `wide` row is the
    review/litigation table's single row of 15 numbers.
    """

    format: str
    table: str
    key: str
    kind: str  # "row", "sink" or "wide"
    labels: tuple[str, ...]  # normalised label forms that identify the row
    cells: tuple[tuple[str, str, str], ...]
    note: str = ""
    covers: tuple[str, ...] = ()  # a sink row: the row keys it stands for, undivided

    @property
    def n_values(self) -> int:
        """How many values the row holds when printed complete."""
        return len(self.cells)


@dataclass(frozen=True)
class Template:
    """One national format: its rows in printed order and its distinctive header words."""

    format: str
    rows: tuple[TemplateRow, ...]
    tables: tuple[str, ...]
    markers: tuple[str, ...]  # normalised column labels found in this format only
    keys: tuple[tuple[str, str, str], ...]  # every canonical (table, row, column)
    row_labels: dict[tuple[str, str], str]
    column_labels: dict[tuple[str, str], str]
    units: dict[tuple[str, str], str]  # (table, column) -> unit its values are read in
    row_sums: dict[str, RowSum]  # table -> the identity each of its rows carries

    def unit(self, table: str, column: str) -> str | None:
        """The unit a column's values are read in (`10k_yuan` for the fees), None for counts."""
        return self.units.get((table, column))


@dataclass(frozen=True)
class RowSum:
    """A row's own identity: its `total` column is the sum of its `parts` columns."""

    total: str
    parts: tuple[str, ...]


def read_csv(name: str) -> list[dict[str, str]]:
    """Rows of a CSV shipped beside this module."""
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def _years() -> dict[str, tuple[int, int | None]]:
    """Each format's first and last report year (None: still in use)."""
    return {r["format"]: (int(r["first_year"]), int(r["last_year"]) if r["last_year"] else None)
            for r in read_csv("formats.csv")}


FORMATS: tuple[str, ...] = tuple(_years())


@cache
def national_markers() -> tuple[str, ...]:
    """Applicant column labels every national format prints and no earlier report did.

    `商业企业`, `科研机构`, `社会公益组织`, `法律服务机构`: the request table's columns since 2019.
    """
    shared: set[str] | None = None
    for fmt in FORMATS:
        labels = {normalise(k["column_zh"]) for k in read_csv("keys.csv")
                  if k["format"] == fmt and k["table"] == "applications"}
        shared = labels if shared is None else shared & labels
    return tuple(sorted(m for m in shared or () if len(m) >= 4))


def format_for_year(year: int) -> str | None:
    """The national format prescribed for reports on `year` (None before 2019)."""
    for fmt, (first, last) in _years().items():
        if year >= first and (last is None or year <= last):
            return fmt
    return None


def _leaf_and_group(row_zh: str) -> tuple[str, str]:
    """`（三）不予公开 1.属于国家秘密` -> (`1.属于国家秘密`, `（三）不予公开`)."""
    group, _, leaf = row_zh.rpartition(" ")
    return leaf, group


@cache
def load_templates() -> dict[str, Template]:
    """Every national format, keyed by its name (`2021`, `2019`)."""
    keys = read_csv("keys.csv")
    variants = read_csv("variants.csv")
    specials = read_csv("special_rows.csv")
    units = read_csv("units.csv")
    sums = read_csv("row_sums.csv")
    templates: dict[str, Template] = {}
    for fmt in FORMATS:
        template = _build(fmt, [k for k in keys if k["format"] == fmt],
                          [v for v in variants if v["format"] in ("*", fmt)],
                          [s for s in specials if s["format"] in ("*", fmt)],
                          [k for k in keys if k["format"] != fmt])
        mine = [u for u in units if u["format"] in ("*", fmt)]
        row_sums = {r["table"]: RowSum(r["total"], tuple(r["parts"].split()))
                    for r in sums if r["format"] in ("*", fmt)}
        templates[fmt] = replace(template, units={(u["table"], u["column"]): u["unit"] for u in mine},
                                 row_sums=row_sums)
    return templates


def _build(fmt: str, keys: list[dict[str, str]], variants: list[dict[str, str]],
           specials: list[dict[str, str]], other_keys: list[dict[str, str]]) -> Template:
    """Assemble one format's template from its CSV rows."""
    row_order: list[tuple[str, str]] = []
    cells: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    row_zh: dict[tuple[str, str], str] = {}
    col_zh: dict[tuple[str, str], str] = {}
    for k in keys:
        rk = (k["table"], k["row"])
        if rk not in cells:
            row_order.append(rk)
            cells[rk] = []
            row_zh[rk] = k["row_zh"]
        cells[rk].append((k["table"], k["row"], k["column"]))
        col_zh[(k["table"], k["column"])] = k["column_zh"]
    row_variants: dict[tuple[str, str], list[str]] = {}
    for v in variants:
        if v["kind"] == "row":
            row_variants.setdefault((v["table"], v["key"]), []).append(v["variant"])

    rows: list[TemplateRow] = []
    for rk in row_order:
        table, key = rk
        if table == "review_litigation":
            continue  # declared below: its layout is one wide row, or three labelled rows
        rows.append(_labelled_row(fmt, rk, row_zh[rk], row_variants.get(rk, []), cells[rk]))
    for s in specials:
        if s["kind"] == "sink":
            at = next(i for i, r in enumerate(rows) if r.table == s["table"] and r.key == s["after"])
            rows.insert(at + 1, TemplateRow(fmt, s["table"], s["row"], "sink",
                                            (normalise(s["label"]),), (), s["note"],
                                            tuple(s["covers"].split())))
    review = [rk for rk in row_order if rk[0] == "review_litigation"]
    wide_cells = tuple(c for rk in review for c in cells[rk])
    rows.append(TemplateRow(fmt, "review_litigation", "wide", "wide", (), wide_cells,
                            next((s["note"] for s in specials if s["kind"] == "wide"), "")))
    for rk in review:
        rows.append(_labelled_row(fmt, rk, row_zh[rk], row_variants.get(rk, []), cells[rk]))

    own_cols = {normalise(k["column_zh"]) for k in keys}
    other_cols = {normalise(k["column_zh"]) for k in other_keys}
    markers = tuple(sorted(c for c in own_cols - other_cols
                           if not any(c in o for o in other_cols)))
    tables = tuple(dict.fromkeys(t for t, _ in row_order))
    return Template(fmt, tuple(rows), tables, markers,
                    tuple(c for rk in row_order for c in cells[rk]), row_zh, col_zh, {}, {})


def _labelled_row(fmt: str, rk: tuple[str, str], zh: str, variants: list[str],
                  cells: list[tuple[str, str, str]]) -> TemplateRow:
    """A row identified by its label: leaf, group + leaf, and declared variants."""
    leaf, group = _leaf_and_group(zh)
    forms = [normalise(leaf)]
    if group:
        forms.append(normalise(group) + normalise(leaf))
    forms.extend(normalise(v) for v in variants)
    return TemplateRow(fmt, rk[0], rk[1], "row", tuple(dict.fromkeys(forms)), tuple(cells))
