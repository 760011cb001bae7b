"""Derived datasets for analysts: the key dictionary, the bodies with their places and levels
(`agencies`), one row per body and year (`reports`), the measures comparable across the two
national formats (`series`) and the cross-year carry-over join.

All are plain functions of the templates and of the `documents` / `facts` frames,
so they can run after any store write (and in a notebook). `derive(snapshot)` is the
step the CLI hands to the runner: it computes them from a new snapshot before it goes
live, reading only the carry-over rows of `facts` and some columns of `documents`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .places import COLUMNS as PLACE_COLUMNS
from .places import identify
from .store.read import read_rows
from .templates import load_templates, normalise, read_csv

CARRY_ROWS = pa.array(["carried_forward", "carried_over"])
SERIES_TABLES = pa.array(["applications", "review_litigation"])

DICTIONARY_COLUMNS = ["report_format", "table", "table_zh", "row", "row_zh", "column", "column_zh",
                      "row_variants", "column_variants"]
CROSS_YEAR_COLUMNS = ["agency", "year", "next_year", "column", "carried_forward", "carried_over",
                      "doc_id", "next_doc_id", "ok", "agency_id"]


def dictionary() -> pd.DataFrame:
    """One row per canonical (report_format, table, row, column) with its labels and variants."""
    keys = read_csv("keys.csv")
    variants = read_csv("variants.csv")

    def accepted(fmt: str, table: str, kind: str, key: str) -> str:
        found = [v["variant"] for v in variants
                 if v["format"] in ("*", fmt) and v["table"] == table and v["kind"] == kind
                 and v["key"] == key]
        return " | ".join(found)

    rows = [{"report_format": k["format"], "table": k["table"], "table_zh": k["table_zh"],
             "row": k["row"], "row_zh": k["row_zh"], "column": k["column"],
             "column_zh": k["column_zh"],
             "row_variants": accepted(k["format"], k["table"], "row", k["row"]),
             "column_variants": accepted(k["format"], k["table"], "column", k["column"])}
            for k in keys]
    assert {r["report_format"] for r in rows} <= set(load_templates())
    return pd.DataFrame(rows, columns=DICTIONARY_COLUMNS)


PLACE = ["agency_id", "province", "province_code", "city", "city_code", "county", "county_code",
         "township", "level", "kind"]
REPORTS_COLUMNS = ["agency", "year", "doc_id", "path", "status", "report_format", "n_facts",
                   "n_documents", "n_files", "chosen_because", *PLACE]
_STATUS_RANK = {"ok": 0, "partial": 1}


def agencies(documents: pd.DataFrame) -> pd.DataFrame:
    """One row per distinct (agency, url) of the documents: the body's id, place, level and kind
    (`pipeline.places.identify`; docs/places.md has the rules)."""
    named = documents[documents["agency"].notna()]
    columns = [c for c in ("agency", "url", "title") if c in named]
    return identify(named[columns]) if len(named) else pd.DataFrame(columns=list(PLACE_COLUMNS))


def placed(documents: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """The documents with their body's place columns (null where the name tells none)."""
    def key(frame: pd.DataFrame) -> pd.Series:
        url = frame["url"] if "url" in frame else pd.Series("", index=frame.index)
        return frame["agency"].fillna("") + "\t" + url.fillna("")

    documents = documents.drop(columns=[c for c in PLACE if c in documents])
    if places.empty:
        return documents.assign(**{c: None for c in PLACE})
    found = places.assign(_key=key(places)).drop_duplicates("_key").set_index("_key")[PLACE]
    return documents.assign(_key=key(documents)).merge(found, left_on="_key", right_index=True,
                                                       how="left").drop(columns="_key")


def _keyed(docs: pd.DataFrame, places: pd.DataFrame | None) -> pd.DataFrame:
    """The documents placed, with `agency_key`: the body's `agency_id`, else `name:` and its
    normalised name (a body whose place its name does not tell)."""
    docs = placed(docs, places if places is not None else agencies(docs))
    docs["agency_key"] = docs["agency_id"].where(docs["agency_id"].notna(), "name:" + docs["agency"].map(normalise))
    return docs


def reports(documents: pd.DataFrame, places: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per body and year covered: the national-format document that stands for it.

    A body is its `agency_id` (`places`: the `agencies` frame), so two spellings of one body
    are one; where the name tells no place, its normalised name. Where several documents (distinct bytes)
    report the same body and year, the one chosen is, in this order: `ok` over `partial`,
    the most facts read, the fewest failed checks, the first path; `chosen_because` says
    which of these decided (or `only document`, `copies of one document`), `n_documents`
    and `n_files` how many there were. Counts per body and year are this dataset's rows.
    """
    docs = documents[documents["report_format"].notna() & documents["agency"].notna()
                     & documents["year"].notna() & documents["status"].isin(list(_STATUS_RANK))].copy()
    if docs.empty:
        return pd.DataFrame(columns=REPORTS_COLUMNS)
    docs = _keyed(docs, places)
    docs["n_files"] = docs["n_files"] if "n_files" in docs else 1
    docs["rank"] = docs["status"].map(_STATUS_RANK)
    docs["failures"] = docs["n_check_failures"].fillna(0)
    docs = docs.sort_values(["agency_key", "year", "rank", "n_facts", "failures", "path"],
                            ascending=[True, True, True, False, True, True])
    rows = []
    for _, group in docs.groupby(["agency_key", "year"], sort=True):
        distinct = group.drop_duplicates("doc_id")
        files = int(distinct["n_files"].fillna(1).sum())
        best = distinct.iloc[0]
        rows.append({**{c: best[c] for c in ("agency", "year", "doc_id", "path", "status", "report_format",
                                             "n_facts", *PLACE)},
                     "n_documents": len(distinct), "n_files": files,
                     "chosen_because": _because(distinct, files)})
    out = pd.DataFrame(rows, columns=REPORTS_COLUMNS)
    out["year"] = out["year"].astype("Int16")
    out["n_facts"] = out["n_facts"].astype("Int32")
    return out.reset_index(drop=True)


def _because(distinct: pd.DataFrame, files: int) -> str:
    """Which rule told the chosen document from the next one."""
    if len(distinct) == 1:
        return "only document" if files == 1 else "copies of one document"
    best, second = distinct.iloc[0], distinct.iloc[1]
    if best["rank"] != second["rank"]:
        return "ok over partial"
    if best["n_facts"] != second["n_facts"]:
        return "most facts read"
    if best["failures"] != second["failures"]:
        return "fewest failed checks"
    return "first path"


SERIES_COLUMNS = ["agency", "year", "doc_id", "report_format", "measure", "column", "value", "derived_from",
                  "agency_id"]


def series(reports_frame: pd.DataFrame, facts: pd.DataFrame) -> pd.DataFrame:
    """The measures that mean the same in the 2019 and 2021 formats, per body and year.

    One row per (report standing for a body-year, measure, column): requests by applicant
    type, each outcome and its reasons, carry-over, reviews and suits by outcome, as
    `templates/series.csv` defines them. A measure is a cell, or a sum of cells
    (`derived_from` names them: `（六）其他处理` is one row in 2019, three in 2021) with
    blanks as 0; null where a cell it needs was not read. The proactive tables are left
    out: their columns differ between the formats (本年新制作 / 本年制发 …) and are
    not the same measure.
    """
    if reports_frame.empty:
        return pd.DataFrame(columns=SERIES_COLUMNS)
    wanted = facts[facts["doc_id"].isin(set(reports_frame["doc_id"]))]
    cells = {(d, t, r, c): v for d, t, r, c, v in
             wanted[["doc_id", "table", "row", "column", "value"]].itertuples(index=False)}
    columns = {t: list(dict.fromkeys(k["column"] for k in read_csv("keys.csv") if k["table"] == t))
               for t in ("applications", "review_litigation")}
    rules = read_csv("series.csv")
    out = []
    for rep in reports_frame.itertuples(index=False):
        for rule in rules:
            if rule["format"] not in ("*", rep.report_format):
                continue
            parts = rule["rows"].split()
            for col in columns[rule["table"]]:
                keys = [(rep.doc_id, rule["table"], r, col) for r in parts]
                value = (None if any(k not in cells for k in keys)
                         else float(sum(0.0 if pd.isna(cells[k]) else cells[k] for k in keys)))
                out.append({"agency": rep.agency, "year": rep.year, "doc_id": rep.doc_id,
                            "report_format": rep.report_format, "measure": rule["measure"],
                            "column": col, "value": value,
                            "derived_from": " + ".join(f"{rule['table']}.{r}" for r in parts),
                            "agency_id": getattr(rep, "agency_id", None)})
    frame = pd.DataFrame(out, columns=SERIES_COLUMNS)
    frame["year"] = frame["year"].astype("Int16")
    return frame


def cross_year(documents: pd.DataFrame, facts: pd.DataFrame, places: pd.DataFrame | None = None) -> pd.DataFrame:
    """For an agency's reports of years N and N+1: carried_forward(N) against carried_over(N+1).

    Agencies are matched as in `reports` (one `agency_id` however spelt, else the normalised
    name); an agency with two reports for the same year is left out (which one is right
    cannot be told here).
    """
    docs = documents.dropna(subset=["agency", "year"])
    docs = docs[docs["status"].isin(["ok", "partial"])].copy()
    docs = _keyed(docs, places)
    docs = docs[["doc_id", "agency", "year", "agency_key"]].drop_duplicates(subset=["agency_key", "year"],
                                                                           keep=False)
    apps = facts[(facts["table"] == "applications")
                 & facts["row"].isin(["carried_forward", "carried_over"])]
    apps = apps.pivot_table(index=["doc_id", "column"], columns="row", values="value",
                            aggfunc="first", dropna=False).reset_index()
    for col in ("carried_forward", "carried_over"):
        if col not in apps:
            apps[col] = float("nan")
    this = docs.merge(apps[["doc_id", "column", "carried_forward"]], on="doc_id")
    nxt = docs.merge(apps[["doc_id", "column", "carried_over"]], on="doc_id")
    nxt = nxt.assign(year=nxt["year"] - 1).rename(columns={"doc_id": "next_doc_id"})
    out = this.merge(nxt[["agency_key", "year", "column", "carried_over", "next_doc_id"]],
                     on=["agency_key", "year", "column"])
    out["next_year"] = out["year"] + 1
    out["ok"] = out["carried_forward"].fillna(0.0) == out["carried_over"].fillna(0.0)
    out["agency_id"] = out["agency_key"].where(~out["agency_key"].str.startswith("name:"), None)
    return out[CROSS_YEAR_COLUMNS].sort_values(["agency", "year", "column"]).reset_index(drop=True)


def derive(snapshot: Path) -> dict[str, pd.DataFrame]:
    """The analysts' derived datasets from a snapshot directory's six."""
    documents = read_rows(snapshot / "documents", ["doc_id", "path", "agency", "year", "status",
                                                   "report_format", "n_facts", "n_check_failures",
                                                   "n_files", "url", "title"])
    facts = read_rows(snapshot / "facts", ["doc_id", "table", "row", "column", "value"],
                      lambda t: pc.is_in(t["table"], value_set=SERIES_TABLES))
    carry = facts[(facts["table"] == "applications") & facts["row"].isin(CARRY_ROWS.to_pylist())]
    places = agencies(documents)
    chosen = reports(documents, places)
    return {"dictionary": dictionary(), "agencies": places, "reports": chosen,
            "series": series(chosen, facts), "cross_year": cross_year(documents, carry, places)}
