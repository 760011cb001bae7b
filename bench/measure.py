"""Measurements `make bench` runs in a fresh subprocess each, so peak memory is theirs alone.

    python -m bench.measure format PATHS_FILE   # extract_file over the listed files, one core
    python -m bench.measure run ARGS...          # python -m pipeline ARGS, with peak memory

Each prints one JSON line on stdout: seconds and peak RSS (VmHWM) of this process and,
for `run`, the largest peak of its workers (sampled every 50 ms while they live) and the
parent's own CPU seconds.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import resource
import sys
import threading
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path


def _hwm_mb(pid: int | str = "self") -> float:
    """Peak resident memory (VmHWM) of a live process in MB; 0 if unknown.

    Not ru_maxrss: Linux carries a parent's high-water mark into a child across
    fork and exec, so a small worker of a big parent would report the parent's peak.
    """
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return 0.0


class WorkerPeaks(threading.Thread):
    """Samples the VmHWM of this process's children (the pipeline's workers) until stopped."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = 0.0
        self.stop = threading.Event()

    def run(self) -> None:
        me = os.getpid()
        while not self.stop.wait(0.05):
            for pid, parent in _children():
                if parent == me:
                    self.peak = max(self.peak, _hwm_mb(pid))


def _children() -> list[tuple[int, int]]:
    """(pid, parent pid) of every process."""
    out = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                data = Path(f"/proc/{name}/stat").read_bytes()
            except OSError:
                continue
            out.append((int(name), int(data[data.rfind(b")") + 2:].split()[1])))
    return out


def measure_format(paths_file: Path) -> dict[str, object]:
    """Time `pipeline.extract_file` over the files listed in `paths_file`, one after another."""
    import pipeline  # imported before the clock starts: workers pay it once

    paths = [Path(p) for p in paths_file.read_text().splitlines() if p]
    statuses: Counter[str] = Counter()
    results = []
    pages = pages_ocr = 0
    start = time.perf_counter()
    for p in paths:
        result = pipeline.extract_file(p)
        statuses[result.status] += 1
        pages += result.document["n_pages"] or 0
        pages_ocr += result.document["n_pages_ocr"] or 0
        results.append(result)
    seconds = time.perf_counter() - start
    return {"documents": len(paths), "seconds": round(seconds, 4),
            "peak_mb": _hwm_mb(), "pages": pages, "pages_ocr": pages_ocr,
            "statuses": dict(statuses), "cells": _score(paths, results)}


def _score(paths: list[Path], results: Sequence[object]) -> dict[str, int]:
    """Cells right / wrong / missing against the `<name>.truth.csv` a maker wrote beside a file."""
    import csv

    counts = Counter(right=0, wrong=0, missing=0, documents=0)
    for path, result in zip(paths, results):
        truth_path = path.with_suffix(".truth.csv")
        if not truth_path.exists():
            continue
        counts["documents"] += 1
        got = {(f["table"], f["row"], f["column"]): f["value"]
               for f in result.fact_rows}  # type: ignore[attr-defined]
        with open(truth_path, encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                key = (row["table"], row["row"], row["column"])
                want = float(row["value"]) if row["value"] else None
                if key not in got:
                    counts["missing"] += 1
                elif (got[key] is None) == (want is None) and (want is None or abs(got[key] - want) < 1e-9):
                    counts["right"] += 1
                else:
                    counts["wrong"] += 1
    return dict(counts)


def measure_run(args: list[str]) -> dict[str, object]:
    """Run `python -m pipeline ARGS` in this process; exit status, seconds, peak memory."""
    from pipeline.cli import main

    peaks = WorkerPeaks()
    peaks.start()
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()) as summary:
        code = main(args)
    seconds = time.perf_counter() - start
    peaks.stop.set()
    peaks.join()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {"exit": code, "seconds": round(seconds, 3), "parent_peak_mb": _hwm_mb(),
            "parent_cpu_s": round(usage.ru_utime + usage.ru_stime, 3),
            "worker_peak_mb": peaks.peak, "summary": summary.getvalue()}


if __name__ == "__main__":
    if sys.argv[1] == "format":
        result = measure_format(Path(sys.argv[2]))
    else:
        result = measure_run(sys.argv[2:])
    print(json.dumps(result, ensure_ascii=False))
