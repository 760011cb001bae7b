"""A self-contained quality page over an output root: `python -m pipeline report [OUT]`.

No network assets: inline CSS, plain tables. It answers what an analyst asks first:
how many documents became what, which formats fail, which checks fail most, and
which documents need a look.
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd


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


def render(documents: pd.DataFrame, facts: pd.DataFrame, checks: pd.DataFrame) -> str:
    """The quality page as one HTML string."""
    by_status = (documents.groupby(["format", "status"], dropna=False).size()
                 .unstack(fill_value=0).reset_index())
    by_year = (documents.dropna(subset=["year"]).groupby(["year", "report_format"], dropna=False)
               .size().rename("documents").reset_index())
    checks = checks.assign(failed=~checks["ok"].astype(bool))
    failing = (checks.groupby("check")["failed"].agg(evaluated="size", failed="sum")
               .reset_index().query("failed > 0").sort_values("failed", ascending=False))
    attention = documents[documents["status"].isin(["failed", "partial"])][
        ["path", "format", "status", "error"]].sort_values(["status", "path"])
    blank_share = float(facts["value"].isna().mean()) if len(facts) else 0.0
    css = ("body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse;"
           "margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left;"
           "vertical-align:top}th{background:#f3f3f3}")
    return (f"<!doctype html><html lang='zh'><head><meta charset='utf-8'>"
            f"<title>Extraction quality</title><style>{css}</style></head><body>"
            f"<h1>Extraction quality</h1>"
            f"<p>{len(documents)} documents, {len(facts)} facts ({blank_share:.1%} blank), "
            f"{int(checks['failed'].sum())} failed checks of {len(checks)}.</p>"
            f"<h2>Documents by format and status</h2>{_table(by_status)}"
            f"<h2>Reports by year and national format</h2>{_table(by_year)}"
            f"<h2>Checks that fail</h2>{_table(failing)}"
            f"<h2>Documents to look at</h2>{_table(attention, 200)}"
            f"</body></html>")


def write_report(out_root: Path) -> Path:
    """Read the datasets under `out_root` and write `out_root/report.html`."""
    frames = {name: pd.read_parquet(out_root / name) for name in ("documents", "facts", "checks")}
    target = out_root / "report.html"
    tmp = target.with_suffix(".html.tmp")
    tmp.write_text(render(frames["documents"], frames["facts"], frames["checks"]), encoding="utf-8")
    tmp.replace(target)
    return target
