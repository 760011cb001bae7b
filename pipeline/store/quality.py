"""A self-contained quality page over an output root: `python -m pipeline report [OUT]`.

One HTML file, nothing fetched: inline CSS, inline SVG charts (`charts.py`), a few lines of
script that filter the coverage grid (without it every row shows). It answers what an analyst
asks first: which run and version made the outputs, what became of the documents per format
and year, which bodies lack a report for which year, how the comparable measures move across
years, which checks fail most, which documents need a look and why, which labels matched nothing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.compute as pc

from .charts import CSS as CHART_CSS
from .charts import bar_chart, column_chart, esc, figure, line_chart, number
from .read import read_rows

_UNRECOGNISED = re.compile(r"unrecognised row '([^']*)'")
STATUSES = ("ok", "partial", "other_format", "not_report", "failed")
STATUS_COLOURS = {"ok": "#59a14f", "partial": "#edc948", "other_format": "#76b7b2",
                  "not_report": "#bab0ac", "failed": "#e15759"}
# reports' columns naming where a body sits and what it is (the grid works without them)
PLACES, KINDS, FILTERS = ("province", "city", "county", "township"), ("level", "kind"), ("province", "level")
GRID_ROWS = 3000  # bodies shown in the coverage grid; the `reports` dataset holds them all
TRENDS = (("Requests received and answered", ("requests_new", "requests_carried_over", "results_total",
                                              "carried_forward")),
          ("How requests ended", ("granted", "partially_granted", "denied", "unavailable", "rejected",
                                  "other_handling")),
          ("Administrative reviews and lawsuits", ("review", "litigation_direct", "litigation_after_review")))
SERIES_COLUMNS = ["doc_id", "year", "measure", "column", "value"]

CSS = """
body{margin:0;color:#222;background:#f6f7f9;line-height:1.45;font-family:"Noto Sans CJK SC","Noto Sans SC",
"Source Han Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Zen Hei",system-ui,sans-serif}
header{background:#1f3a5f;color:#fff;padding:1.1em 2em 1em}header h1{margin:0 0 .2em;font-size:1.6em}nav a{color:#fff;
margin-right:1.2em;font-size:.92em}nav{margin-top:.7em}.run{display:flex;flex-wrap:wrap;gap:.3em 1.8em;margin:.4em 0 0}
.run dt{font-size:.75em;color:#b8c6d8;text-transform:uppercase;letter-spacing:.04em}.run dd{margin:0;font-weight:600}
main{max-width:84em;margin:0 auto;padding:.5em 2em 3em}h3{font-size:1em;margin:1em 0 .3em}
h2{border-bottom:2px solid #1f3a5f;padding-bottom:.15em;margin:1.8em 0 .6em;font-size:1.3em}
.note{color:#555;font-size:.88em;margin:.3em 0}.cards{display:flex;flex-wrap:wrap;gap:.7em;margin:1em 0}
.card{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:.5em 1em;min-width:8.5em}.card b{display:block;
font-size:1.45em}.pair{display:grid;grid-template-columns:repeat(auto-fit,minmax(30em,1fr));gap:1.2em;align-items:start}
table{border-collapse:collapse;margin:.4em 0 1em;background:#fff;font-size:.88em}.tw{overflow-x:auto}
td,th{border:1px solid #dde1e6;padding:.22em .55em;text-align:left;vertical-align:top;overflow-wrap:anywhere}
td.k,th{white-space:nowrap;overflow-wrap:normal}
th{background:#eaeff5;position:sticky;top:0}td.n{text-align:right;font-variant-numeric:tabular-nums}
.scroll{max-height:42em;overflow:auto;border:1px solid #dde1e6;display:inline-block;max-width:100%}
.scroll table{margin:0}#grid td{white-space:nowrap;vertical-align:middle}.st-ok{background:#dcefd8}
#grid td.y{text-align:center;font-size:.85em;min-width:3.2em}.st-partial{background:#fbefc4}
.st-gap{background:#f7dcdc;color:#a33}.filters{margin:.4em 0;display:flex;gap:1.2em;align-items:center}
select{font:inherit;padding:.1em .3em}details summary{cursor:pointer;color:#1f3a5f;margin:.3em 0}
"""

# Filters the coverage grid by its <select>s (and a `#province=…&level=…` hash, kept in step
# with them); counts the marks each chart drew (`data-drawn`), marks the page ready.
SCRIPT = """
(() => {
  for (const svg of document.querySelectorAll("svg.chart")) {
    const drawn = [...svg.querySelectorAll(".mark")].filter((m) => {
      const box = m.getBBox();
      return box.width > 0 || box.height > 0;
    });
    svg.dataset.drawn = drawn.length;
  }
  const grid = document.getElementById("grid"), form = document.getElementById("filters");
  if (grid && form) {
    const selects = [...form.querySelectorAll("select")], rows = [...grid.querySelectorAll("tbody tr")];
    const apply = () => {
      const out = (row) => selects.some((s) => s.value && row.dataset[s.name] !== s.value);
      const kept = rows.filter((row) => !(row.hidden = out(row)));
      for (const td of grid.querySelectorAll("tfoot td[data-year]")) {
        const cell = `td[data-year="${td.dataset.year}"][data-status]`;
        td.textContent = kept.filter((row) => row.querySelector(cell)).length;
      }
      grid.dataset.shown = document.getElementById("shown").textContent = kept.length;
      const hash = new URLSearchParams(selects.filter((s) => s.value).map((s) => [s.name, s.value])).toString();
      history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
    };
    const wanted = new URLSearchParams(location.hash.slice(1));
    for (const s of selects) {
      if (wanted.has(s.name)) s.value = wanted.get(s.name);
      s.addEventListener("change", apply);
    }
    form.hidden = false;
    apply();
  }
  document.documentElement.dataset.ready = "1";
})();
"""


def _cell(value: Any) -> str:
    """One table cell, escaped; numbers right-aligned and printed with separators."""
    if value is None or pd.isna(value):
        return "<td></td>"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"<td class='n'>{esc(number(float(value)))}</td>"
    text = str(value)
    return f"<td class='k'>{esc(text)}</td>" if len(text) <= 24 else f"<td>{esc(text)}</td>"


def _table(frame: pd.DataFrame, limit: int = 50) -> str:
    """An HTML table of at most `limit` rows, escaped."""
    if frame.empty:
        return "<p><em>none</em></p>"
    head = "".join(f"<th>{esc(c)}</th>" for c in frame.columns)
    body = "".join("<tr>" + "".join(_cell(v) for v in row) + "</tr>"
                   for row in frame.head(limit).itertuples(index=False))
    more = f"<p class='note'>… and {len(frame) - limit} more</p>" if len(frame) > limit else ""
    return f"<div class='tw'><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>{more}"


def _unmatched(documents: pd.DataFrame) -> pd.DataFrame:
    """Printed labels holding numbers that matched no template row, most frequent first."""
    found = [label for error in documents["error"].dropna() for label in _UNRECOGNISED.findall(str(error))]
    counts = pd.Series(found, dtype="string").value_counts()
    return pd.DataFrame({"label": counts.index, "documents": counts.values})


def _statuses(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """Documents counted per `by` value (rows) and status (columns, in STATUSES order), with a total."""
    keys = frame[by].astype("string").fillna("none") if by != "year" else \
        frame[by].astype("Int64").astype("string").fillna("no year")
    table = pd.crosstab(keys.rename(by), frame["status"])
    table = table[[s for s in STATUSES if s in table] + [s for s in table if s not in STATUSES]]
    return table.assign(total=table.sum(axis=1)).reset_index()


def _stacks(table: pd.DataFrame) -> list[tuple[str, list[float]]]:
    return [(s, [float(v) for v in table[s]]) for s in table.columns[1:-1]]


def _run_block(run: dict[str, Any] | None, documents: pd.DataFrame) -> str:
    """Which run, when, which version, on which input (run.json); the version from the rows without it."""
    if not run:
        versions = ", ".join(sorted({str(v) for v in documents.get("pipeline_version", pd.Series()).dropna()}))
        return f"<p>No run record (run.json) beside the outputs; pipeline {esc(versions or '?')} wrote the rows.</p>"
    files = run.get("files") or {}
    took = (run.get("durations") or {}).get("total")
    items = [("run", run.get("run_id")), ("status", run.get("status")), ("started", run.get("started")),
             ("finished", f"{run.get('finished')}" + (f" ({took:.1f} s)" if isinstance(took, (int, float)) else "")),
             ("pipeline", run.get("pipeline_version")), ("input", run.get("raw")),
             ("files", ", ".join(f"{files[k]:,} {k}" for k in ("seen", "new", "changed", "removed") if k in files)),
             ("output", run.get("out"))]
    return "<dl class='run'>" + "".join(f"<div><dt>{k}</dt><dd>{esc(v)}</dd></div>" for k, v in items if v) + "</dl>"


def _cards(documents: pd.DataFrame, facts: pd.DataFrame, checks: pd.DataFrame,
           reports: pd.DataFrame | None) -> str:
    """The headline numbers."""
    ok = float((documents["status"] == "ok").mean()) if len(documents) else 0.0
    blank = float(facts["value"].isna().mean()) if len(facts) else 0.0
    failed = int((~checks["ok"].astype(bool)).sum())
    cards = [("documents", f"{len(documents):,}", f"{ok:.0%} ok"),
             ("facts", f"{len(facts):,}", f"{blank:.1%} blank"),
             ("failed checks", f"{failed:,}", f"of {len(checks):,} evaluated")]
    if reports is not None:
        cards.append(("body-years", f"{len(reports):,}", f"{_bodies(reports).nunique():,} bodies"))
    return '<div class="cards">' + "".join(f'<div class="card"><b>{v}</b>{esc(k)}<br><span class="note">'
                                           f'{esc(n)}</span></div>' for k, v, n in cards) + "</div>"


def _documents_section(documents: pd.DataFrame) -> str:
    """Status per format and per year: stacked bars and their tables."""
    by_format, by_year = _statuses(documents, "format"), _statuses(documents, "year")
    national = (documents.dropna(subset=["year"]).assign(report_format=lambda d: d["report_format"].fillna("neither"))
                .pivot_table(index="year", columns="report_format", values="path", aggfunc="size", fill_value=0)
                .add_prefix("format ").reset_index())
    fmt_chart = bar_chart(list(by_format["format"]), _stacks(by_format), x_label="documents",
                          colours=STATUS_COLOURS)
    year_chart = column_chart(list(by_year["year"]), _stacks(by_year), x_label="year covered",
                              y_label="documents", colours=STATUS_COLOURS)
    return ("<h2 id='documents'>Documents by status, format and year</h2><div class='pair'>"
            f"<div>{figure(fmt_chart, 'Status per file format (detected from the bytes)')}"
            f"<h3>Documents by format and status</h3>{_table(by_format)}"
            f"<h3>Documents by year and national format</h3>{_table(national, 100)}</div>"
            f"<div>{figure(year_chart, 'Status per year covered')}"
            f"<h3>Documents by year and status</h3>{_table(by_year, 100)}</div></div>")


def _bodies(reports: pd.DataFrame) -> pd.Series:
    """Each report's body: its agency_id where the dataset has one, else its name (spaces dropped)."""
    name = "name:" + reports["agency"].astype("string").str.replace(r"\s+", "", regex=True)
    return reports["agency_id"].astype("string").fillna(name) if "agency_id" in reports else name


def _coverage(reports: pd.DataFrame | None) -> tuple[pd.DataFrame, list[int]]:
    """One row per body (agency_id, else name): its latest name, all `names`, `place`, level, kind, each
    year's status or null, `title <year>` (the path, how many documents), `missing` (years without)."""
    if reports is None or reports.empty:
        return pd.DataFrame(), []
    reps = reports.dropna(subset=["year"])
    reps = reps.assign(year=reps["year"].astype(int), body=_bodies(reps), not_ok=reps["status"] != "ok",
                       docs=reps["n_documents"] if "n_documents" in reps else 1)
    places = [p for p in (*PLACES, *KINDS) if p in reps and reps[p].notna().any()]
    years = list(range(int(reps["year"].min()), int(reps["year"].max()) + 1))
    cells = (reps.sort_values(["not_ok", "path"]).groupby(["body", "year"])  # an ok report stands first
             .agg(status=("status", "first"), path=("path", "first"), docs=("docs", "sum")).reset_index())
    cells["title"] = (cells["year"].astype(str) + ": " + cells["status"] + ", " + cells["path"]
                      + cells["docs"].map(lambda n: f" ({n} documents)" if n > 1 else ""))
    status = cells.pivot(index="body", columns="year", values="status")
    titles = cells.pivot(index="body", columns="year", values="title").add_prefix("title ")
    latest = reps.sort_values("year").groupby("body")[["agency", *places]].last()  # nulls skipped
    latest["names"] = reps.groupby("body")["agency"].agg(lambda names: " / ".join(names.dropna().unique()))
    where = [p for p in PLACES if p in places]
    if where:
        latest["place"] = latest[where].fillna("").astype(str).agg(" ".join, axis=1).str.split().str.join(" ")
    grid = latest.join(status).join(titles).assign(missing=len(years) - status.notna().sum(axis=1))
    grid = grid.reset_index().sort_values([*where, "agency"], na_position="last", key=lambda c: c.astype("string"))
    return grid.reset_index(drop=True), years


def _coverage_section(reports: pd.DataFrame | None) -> str:
    """The body × year grid, with province and level filters where the dataset has those columns."""
    grid, years = _coverage(reports)
    head = "<h2 id='coverage'>Coverage: which bodies have a report for which year</h2>"
    if grid.empty:
        return f"{head}<p><em>No national-format report (<code>reports</code> is empty or absent).</em></p>"
    places = [p for p in ("place", *KINDS) if p in grid]
    filters = [p for p in FILTERS if p in grid]
    selects = "".join(
        f"<label>{esc(p)} <select name='{p}'><option value=''>all</option>"
        + "".join(f"<option>{esc(v)}</option>" for v in sorted(grid[p].dropna().astype(str).unique()))
        + "</select></label>" for p in filters)
    shown = grid.head(GRID_ROWS)
    form = (f"<form id='filters' class='filters' hidden>{selects}<span class='note'><span id='shown'>"
            f"{len(shown)}</span> of {len(shown)} bodies shown</span></form>" if filters else "")
    body = []
    for row in shown.to_dict("records"):
        attrs = "".join(f" data-{p}='{esc('' if pd.isna(row[p]) else row[p])}'" for p in filters)
        ident = "" if str(row["body"]).startswith("name:") else f"agency_id {row['body']}; "
        cells = "".join(
            f"<td class='y st-{esc(row[y])}' data-year='{y}' data-status='{esc(row[y])}' "
            f"title='{esc(row[f'title {y}'])}'>{esc(row[y])}</td>" if isinstance(row.get(y), str)
            else f"<td class='y st-gap' data-year='{y}' title='{y}: no report'>—</td>" for y in years)
        place = "".join(_cell(row[p]) for p in places)
        body.append(f"<tr{attrs}><td title='{esc(ident + row['names'])}'>{esc(row['agency'])}</td>{place}{cells}"
                    f"{_cell(row['missing'])}</tr>")
    counts = "".join(f"<td class='n' data-year='{y}'>{int(shown[y].notna().sum()) if y in shown else 0}</td>"
                     for y in years)
    heads = "".join(f"<th>{esc(c)}</th>" for c in ("body", *places, *years, "years missing"))
    more = (f"<p class='note'>The first {GRID_ROWS:,} of {len(grid):,} bodies (in this order) are shown and "
            f"filtered; the <code>reports</code> dataset holds them all.</p>" if len(grid) > GRID_ROWS else "")
    gaps = int((grid["missing"] > 0).sum())
    return (f"{head}<p>{len(grid):,} bodies, {years[0]}–{years[-1]}; {gaps:,} have no report for at least one "
            f"year (—). A cell is the status of the national-format report that stands for the body-year "
            f"(hover: its path). Pre-2019 reports (<code>other_format</code>) are not in <code>reports</code>."
            f"</p>{more}{form}<div class='scroll'><table id='grid' data-shown='{len(shown)}'>"
            f"<thead><tr>{heads}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody><tfoot><tr><th>bodies with a report</th>"
            f"{''.join('<td></td>' for _ in places)}{counts}<td></td></tr></tfoot></table></div>")


def _trends(series: pd.DataFrame | None) -> tuple[pd.DataFrame, pd.Series]:
    """Each measure's `total` summed over the bodies per year (nulls, cells not read, left out), and
    the refusal rate per year: denied / results_total over the reports that give both."""
    if series is None or series.empty:
        return pd.DataFrame(), pd.Series(dtype=float)
    total = series[(series["column"] == "total") & series["value"].notna()].dropna(subset=["year"])
    total = total.assign(year=total["year"].astype(int))
    sums = (total.groupby(["measure", "year"])["value"].sum().unstack("year")
            .reindex(list(total["measure"].unique())))  # in series.csv's order
    sums.loc["reports (bodies)"] = total.groupby("year")["doc_id"].nunique()
    both = (total[total["measure"].isin(["denied", "results_total"])]
            .groupby(["year", "doc_id", "measure"])["value"].sum().unstack("measure"))
    rate = pd.Series(dtype=float)
    if {"denied", "results_total"} <= set(both.columns):
        per_year = both.dropna().groupby(level="year").sum()
        per_year = per_year[per_year["results_total"] > 0]
        rate = per_year["denied"] / per_year["results_total"]
    return sums, rate


def _trends_section(series: pd.DataFrame | None) -> str:
    """Line charts of the comparable measures per year, the refusal rate, and their table."""
    head = "<h2 id='trends'>Trends: the measures comparable across the 2019 and 2021 formats</h2>"
    sums, rate = _trends(series)
    if sums.empty:
        return f"{head}<p><em>No comparable measures (<code>series</code> is empty or absent).</em></p>"
    years = [str(y) for y in sums.columns]
    charts, rows = [], dict(zip(sums.index, sums.to_numpy(dtype=float)))
    for caption, measures in TRENDS:
        lines = [(m, [None if v != v else float(v) for v in rows[m]]) for m in measures if m in rows]  # v != v: NaN
        if lines:
            charts.append(figure(line_chart(years, lines, x_label="year covered", y_label="requests, all bodies"
                                            if "review" not in measures else "cases, all bodies"), caption))
    if len(rate):
        values = [float(rate[int(y)]) if int(y) in rate.index else None for y in years]
        charts.append(figure(line_chart(years, [("refusal rate", values)], x_label="year covered",
                                        y_label="denied / results_total", percent=True),
                             "Refusal rate: requests denied (不予公开) per request answered"))
    table = sums.reset_index().rename(columns={"measure": "measure (column total)"})
    table.columns = [str(c) for c in table.columns]
    return (f"{head}<p>Sums of each measure's <code>total</code> column over the bodies whose report stands "
            f"for that year: a rise can be more bodies reporting, not more requests (the last table row "
            f"says how many).</p><div class='pair'>{''.join(charts)}</div>"
            f"<details><summary>The sums per year</summary>{_table(table, 100)}</details>")


def _check_rates(checks: pd.DataFrame) -> pd.DataFrame:
    """Per check: how often evaluated, how often failed, the share; failing ones first."""
    per = (checks.assign(failed=~checks["ok"].astype(bool)).groupby("check")["failed"]
           .agg(evaluated="size", failed="sum").reset_index())
    per["share"] = per["failed"] / per["evaluated"]
    return per.sort_values(["failed", "share", "check"], ascending=[False, False, True]).reset_index(drop=True)


def _checks_section(checks: pd.DataFrame) -> str:
    """Failure shares per check: a bar chart of the failing ones, tables of all."""
    rates = _check_rates(checks)
    failing = rates[rates["failed"] > 0]
    head = "<h2 id='checks'>Checks: how often each accounting identity fails</h2>"
    if failing.empty:
        return head + f"<p>All {len(checks):,} evaluated checks hold.</p>"
    top = failing.head(20)
    chart = bar_chart(list(top["check"]), [("failed", [float(v) for v in top["share"]])], x_label="share failed",
                      percent=True, colours={"failed": STATUS_COLOURS["failed"]},
                      notes=[f"{f} of {e}" for f, e in zip(top["failed"], top["evaluated"])])
    shown = rates.assign(share=rates["share"].map(lambda v: number(v, True)))
    return (f"{head}<p>{len(failing)} of {len(rates)} checks fail at least once. A failed check is a finding "
            f"about the report (its printed numbers do not add up), never a reason to change a value.</p>"
            f"<div class='pair'>{figure(chart, 'Share of evaluations failed, per check')}"
            f"<div>{_table(shown[shown['failed'] > 0], 60)}<details><summary>All {len(rates)} checks"
            f"</summary>{_table(shown, 500)}</details></div></div>")


def _attention(documents: pd.DataFrame, checks: pd.DataFrame) -> pd.DataFrame:
    """Documents not ok, or failing their own checks: the worst first, with the reasons."""
    failed = checks[~checks["ok"].astype(bool)]
    known = failed["expected"].notna() & failed["actual"].notna()
    expected, actual = (failed[c].map(number).astype("string") for c in ("expected", "actual"))
    values = " (expected " + expected + ", actual " + actual + ")"
    reasons = (failed["check"].astype(str) + values.where(known, "")).groupby(failed["doc_id"]).agg("; ".join)
    docs = documents.assign(failed_checks=documents["doc_id"].map(failed.groupby("doc_id").size())
                            .fillna(0).astype(int))
    flagged = docs[docs["status"].isin(["failed", "partial", "other_format"]) | (docs["failed_checks"] > 0)]
    severity = {"failed": 0, "partial": 1, "ok": 2, "other_format": 3}
    flagged = flagged.assign(rank=flagged["status"].map(severity).fillna(4),
                             checks_failed=flagged["doc_id"].map(reasons))
    flagged = flagged.sort_values(["rank", "failed_checks", "path"], ascending=[True, False, True])
    columns = [c for c in ("path", "agency", "year", "format", "status", "failed_checks", "error",
                           "checks_failed") if c in flagged]
    return flagged[columns].rename(columns={"failed_checks": "failed checks", "checks_failed": "which checks"}
                                   ).reset_index(drop=True)


def render(documents: pd.DataFrame, facts: pd.DataFrame, checks: pd.DataFrame,
           reports: pd.DataFrame | None = None, run: dict[str, Any] | None = None, *,
           series: pd.DataFrame | None = None) -> str:
    """The quality page as one HTML string (`reports`, `series`: the derived datasets; `run`: run.json)."""
    attention = _attention(documents, checks)
    unmatched = _unmatched(documents)
    nav = "".join(f"<a href='#{a}'>{t}</a>" for a, t in (
        ("documents", "Documents"), ("coverage", "Coverage"), ("trends", "Trends"), ("checks", "Checks"),
        ("attention", "To look at"), ("labels", "Unmatched labels")))
    return (f"<!doctype html><html lang='zh'><head><meta charset='utf-8'>"
            f"<meta name='viewport' content='width=device-width,initial-scale=1'>"
            f"<title>Extraction quality</title><style>{CSS}{CHART_CSS}</style></head><body>"
            f"<header><h1>Extraction quality</h1>{_run_block(run, documents)}<nav>{nav}</nav></header><main>"
            f"{_cards(documents, facts, checks, reports)}"
            f"{_documents_section(documents)}{_coverage_section(reports)}{_trends_section(series)}"
            f"{_checks_section(checks)}"
            f"<h2 id='attention'>Documents to look at (not ok, or failing their own checks)</h2>"
            f"<p>{len(attention):,} documents: failed first, then partial, then ok with failed checks, "
            f"then other formats; most failed checks first.</p>{_table(attention, 200)}"
            f"<h2 id='labels'>Printed labels that matched no template row</h2>"
            f"<p>Most frequent first; a label here often is a variant to add to "
            f"<code>pipeline/templates/variants.csv</code>.</p>{_table(unmatched)}"
            f"</main><script>{SCRIPT}</script></body></html>")


def write_report(out_root: Path) -> Path:
    """Read the datasets under `out_root` and write `out_root/report.html`; `series` and `reports` if present."""
    if not (out_root / "documents").is_dir():
        raise FileNotFoundError(f"{out_root} holds no outputs (no documents dataset)")
    documents = pd.read_parquet(out_root / "documents")
    facts = read_rows(out_root / "facts", ["value"])  # its other columns are not on the page
    checks = read_rows(out_root / "checks", ["doc_id", "check", "expected", "actual", "ok"])
    reports = pd.read_parquet(out_root / "reports") if (out_root / "reports").exists() else None
    series = (read_rows(out_root / "series", SERIES_COLUMNS, lambda t: pc.equal(t["column"], "total"))
              if (out_root / "series").exists() else None)
    try:
        run = json.loads((out_root / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        run = None
    target = out_root / "report.html"
    tmp = target.with_suffix(".html.tmp")
    tmp.write_text(render(documents, facts, checks, reports, run, series=series), encoding="utf-8")
    tmp.replace(target)
    return target
