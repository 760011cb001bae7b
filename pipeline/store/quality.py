"""A self-contained quality page over an output root: `python -m pipeline report [OUT]`.

No network assets: inline CSS, plain tables. It answers what an analyst asks first:
which run and version made the outputs, how many documents became what, which formats
fail, which checks fail most, which documents need a look (with their agency and the
reason), which printed labels matched no template row, and which bodies have a report for
which year.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pandas as pd

_UNRECOGNISED = re.compile(r"unrecognised row '([^']*)'")


def _table(frame: pd.DataFrame, limit: int = 50) -> str:
    """An HTML table of at most `limit` rows, escaped."""
    if frame.empty:
        return "<p><em>none</em></p>"
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape('' if pd.isna(v) else str(v))}</td>"
                                    for v in row) + "</tr>"
                   for row in frame.head(limit).itertuples(index=False))
    more = f"<p>… and {len(frame) - limit} more</p>" if len(frame) > limit else ""
    return f"<table><tr>{head}</tr>{body}</table>{more}"


def _unmatched(documents: pd.DataFrame) -> pd.DataFrame:
    """Printed labels holding numbers that matched no template row, most frequent first."""
    found = [label for error in documents["error"].dropna() for label in _UNRECOGNISED.findall(str(error))]
    if not found:
        return pd.DataFrame(columns=["label", "documents"])
    counts = pd.Series(found).value_counts()
    return pd.DataFrame({"label": counts.index, "documents": counts.values})


def _coverage(reports: pd.DataFrame | None) -> pd.DataFrame:
    """Body × year: the status of the report that stands for it, blank where there is none."""
    if reports is None or reports.empty:
        return pd.DataFrame()
    grid = reports.pivot_table(index="agency", columns="year", values="status", aggfunc="first")
    return grid.fillna("—").reset_index()


def _run_line(run: dict[str, Any] | None) -> str:
    """Which run, when, which version, on which input."""
    if not run:
        return "<p>No run record (run.json) beside the outputs.</p>"
    fields = {k: html.escape(str(run.get(k, ""))) for k in
              ("run_id", "status", "started", "finished", "pipeline_version", "raw")}
    return (f"<p>Run {fields['run_id']}: {fields['status']}, started {fields['started']}, "
            f"finished {fields['finished']}; pipeline {fields['pipeline_version']}; "
            f"input {fields['raw']}.</p>")


def render(documents: pd.DataFrame, facts: pd.DataFrame, checks: pd.DataFrame,
           reports: pd.DataFrame | None = None, run: dict[str, Any] | None = None) -> str:
    """The quality page as one HTML string (`reports`: the derived dataset; `run`: run.json)."""
    by_status = (documents.groupby(["format", "status"], dropna=False).size()
                 .unstack(fill_value=0).reset_index())
    by_year = (documents.dropna(subset=["year"]).groupby(["year", "report_format"], dropna=False)
               .size().rename("documents").reset_index())
    checks = checks.assign(failed=~checks["ok"].astype(bool))
    failing = (checks.groupby("check")["failed"].agg(evaluated="size", failed="sum")
               .reset_index().query("failed > 0").sort_values("failed", ascending=False))
    flagged = documents["status"].isin(["failed", "partial", "other_format"]) | (
        documents["n_check_failures"].fillna(0) > 0 if "n_check_failures" in documents else False)
    columns = [c for c in ("path", "agency", "year", "format", "status", "n_check_failures", "error")
               if c in documents]
    attention = documents[flagged][columns].sort_values(["status", "path"])
    blank_share = float(facts["value"].isna().mean()) if len(facts) else 0.0
    css = ("body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse;"
           "margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left;"
           "vertical-align:top}th{background:#f3f3f3}")
    return (f"<!doctype html><html lang='zh'><head><meta charset='utf-8'>"
            f"<title>Extraction quality</title><style>{css}</style></head><body>"
            f"<h1>Extraction quality</h1>{_run_line(run)}"
            f"<p>{len(documents)} documents, {len(facts)} facts ({blank_share:.1%} blank), "
            f"{int(checks['failed'].sum())} failed checks of {len(checks)}.</p>"
            f"<h2>Documents by format and status</h2>{_table(by_status)}"
            f"<h2>Reports by year and national format</h2>{_table(by_year)}"
            f"<h2>Checks that fail</h2>{_table(failing)}"
            f"<h2>Documents to look at (not ok, or failing their own checks)</h2>{_table(attention, 200)}"
            f"<h2>Printed labels that matched no template row</h2>{_table(_unmatched(documents))}"
            f"<h2>Reports per body and year</h2>{_table(_coverage(reports), 300)}"
            f"</body></html>")


def write_report(out_root: Path) -> Path:
    """Read the datasets under `out_root` and write `out_root/report.html`."""
    frames = {name: pd.read_parquet(out_root / name) for name in ("documents", "facts", "checks")}
    reports = pd.read_parquet(out_root / "reports") if (out_root / "reports").exists() else None
    try:
        run = json.loads((out_root / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        run = None
    target = out_root / "report.html"
    tmp = target.with_suffix(".html.tmp")
    tmp.write_text(render(frames["documents"], frames["facts"], frames["checks"], reports, run),
                   encoding="utf-8")
    tmp.replace(target)
    return target
