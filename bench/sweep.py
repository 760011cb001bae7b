"""`python -m bench.sweep --n 200 --formats html,docx,pdf,doc,text --seed 1 [--out DIR]`.

Makes `n` sweep cases per format (`synthetic.sweep`: real reports' phenomena combined at
random; PDF and .doc converted by LibreOffice in batches of 50), runs
`pipeline.extract_file` on each (in a process pool), and prints per format and per
phenomenon: documents, cells expected, share read right, wrong cells, missing cells,
status / agency / year / national format right, and dropped reports; then every
document whose status is not the expected one, with its `error`, and every document
with a wrong cell. The generated files stay under `--out` (default bench/out/sweep/)
with a `.truth.json` beside each; the numbers go to bench/out/sweep.json (`--json`). Missing
cells printed as an empty cell are counted apart (`(empty)`): a dump that drops empty cells
loses where they stood.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from bench.sweep_score import Score, as_dict, case_record, score, table_lines, tallies
from synthetic.sweep import FORMATS, Case, make_cases

ROOT = Path(__file__).resolve().parent
SEED_STRIDE = 100_000


def _extract(path: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The documents row and fact rows of one file (in a worker process)."""
    import pipeline

    result = pipeline.extract_file(path)
    return result.document, list(result.fact_rows)


def run(cases: list[Case], workers: int) -> list[Score]:
    """Extract every case's file and score it."""
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(_extract, [str(c.path) for c in cases], chunksize=4))
    return [score(c, doc, facts) for c, (doc, facts) in zip(cases, results)]


def report_lines(scores: list[Score]) -> list[str]:
    """The printed report: tables per format, then the unexpected statuses and wrong cells."""
    groups = tallies(scores)
    lines: list[str] = []
    fmts = [f for f in FORMATS if f in groups]
    summary = {f: groups[f]["ALL"] for f in fmts + ["ALL"]}
    lines += table_lines(summary, "per format") + [""]
    for f in fmts:
        lines += table_lines(groups[f], f"{f}: per phenomenon") + [""]
    odd = [s for s in scores if not s.status_ok]
    lines.append(f"== documents whose status is not the expected one ({len(odd)})")
    for s in odd:
        lines.append(f"{s.case.path}: want {s.case.status}, got {s.status}: {s.error}")
    bad = [s for s in scores if s.wrong]
    lines += ["", f"== documents with wrong cells ({len(bad)})"]
    for s in bad:
        shown = "; ".join(f"{'.'.join(k)} want {w} got {g}" for k, w, g in s.wrong[:4])
        lines.append(f"{s.case.path}: {len(s.wrong)} wrong: {shown}")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Make, extract, score and report; exit 0 (the numbers are the output)."""
    ap = argparse.ArgumentParser(prog="python -m bench.sweep", description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=100, help="cases per format")
    ap.add_argument("--formats", default=",".join(FORMATS))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, default=ROOT / "out" / "sweep")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--json", type=Path, default=ROOT / "out" / "sweep.json",
                    help="where the numbers go (default bench/out/sweep.json)")
    args = ap.parse_args(argv)
    fmts = [f.strip() for f in args.formats.split(",") if f.strip()]
    seeds = list(range(args.seed * SEED_STRIDE, args.seed * SEED_STRIDE + args.n))
    scores: list[Score] = []
    timings: dict[str, dict[str, float]] = {}
    for fmt in fmts:
        t0 = time.perf_counter()
        cases = make_cases(seeds, fmt, args.out / fmt)
        t1 = time.perf_counter()
        scores += run(cases, args.workers)
        timings[fmt] = {"make_s": round(t1 - t0, 1), "extract_s": round(time.perf_counter() - t1, 1)}
        print(f"{fmt}: {len(cases)} cases made in {timings[fmt]['make_s']} s, "
              f"read in {timings[fmt]['extract_s']} s", file=sys.stderr)
    lines = report_lines(scores)
    print("\n".join(lines))
    groups = tallies(scores)
    data = {"args": {"n": args.n, "formats": fmts, "seed": args.seed, "out": str(args.out)},
            "timings": timings,
            "tallies": {f: {g: as_dict(t) for g, t in gs.items()} for f, gs in groups.items()},
            "cases": [case_record(s) for s in scores]}
    out = args.json
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nwritten {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
