"""Derived datasets for analysts: the key dictionary and the cross-year carry-over join.

Both are plain functions of the templates and of the `documents` / `facts` frames,
so they can run after any store write (and in a notebook). `derive(snapshot)` is the
step the CLI hands to the runner: it computes both from a new snapshot before it goes
live, reading only the carry-over rows of `facts` and four columns of `documents`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .store.read import read_rows
from .templates import load_templates, normalise, read_csv

CARRY_ROWS = pa.array(["carried_forward", "carried_over"])

DICTIONARY_COLUMNS = ["report_format", "table", "table_zh", "row", "row_zh", "column", "column_zh",
                      "row_variants", "column_variants"]
CROSS_YEAR_COLUMNS = ["agency", "year", "next_year", "column", "carried_forward", "carried_over",
                      "doc_id", "next_doc_id", "ok"]


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


def cross_year(documents: pd.DataFrame, facts: pd.DataFrame) -> pd.DataFrame:
    """For an agency's reports of years N and N+1: carried_forward(N) against carried_over(N+1).

    Agencies are matched on their normalised name; an agency with two reports for the
    same year is left out (which one is right cannot be told here).
    """
    docs = documents.dropna(subset=["agency", "year"])
    docs = docs[docs["status"].isin(["ok", "partial"])][["doc_id", "agency", "year"]].copy()
    docs["agency_key"] = docs["agency"].map(normalise)
    docs = docs.drop_duplicates(subset=["agency_key", "year"], keep=False)
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
    return out[CROSS_YEAR_COLUMNS].sort_values(["agency", "year", "column"]).reset_index(drop=True)


def derive(snapshot: Path) -> dict[str, pd.DataFrame]:
    """The analysts' derived datasets from a snapshot directory's five."""
    documents = read_rows(snapshot / "documents", ["doc_id", "agency", "year", "status"])
    facts = read_rows(snapshot / "facts", ["doc_id", "table", "row", "column", "value"],
                      lambda t: pc.and_(pc.equal(t["table"], "applications"),
                                        pc.is_in(t["row"], value_set=CARRY_ROWS)))
    return {"dictionary": dictionary(), "cross_year": cross_year(documents, facts)}
