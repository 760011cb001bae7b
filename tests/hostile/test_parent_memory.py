"""One document's huge result does not swell the run's parent (issue 12, item 8).

A 2 MB text file that is one endless table (84,000 lines of a label and four values)
yields 420,000 rows of `tables`, one per cell. Results travel from the worker through the cache to Parquet as
compressed Arrow columns (`pipeline.store.packed`), never as one Python dict per row:
the parent peaked at 394 MB on this file when they did, 207 MB now (pandas and pyarrow
alone are about 110 MB).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import psutil
import pyarrow.parquet as pq
from corpus_support import ROOT, SEED, cli_env, write_hostile

PARENT_LIMIT_MB = 290


def test_a_document_with_a_huge_table_leaves_the_parent_small(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    write_hostile(raw / "endless.txt", mb=2)
    (raw / "seed.txt").write_bytes(SEED.read_bytes())
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "extract", str(raw), str(out),
                             "--workers", "1", "--timeout", "120"], cwd=ROOT, env=cli_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    parent, peak = psutil.Process(proc.pid), 0
    while proc.poll() is None:
        try:
            peak = max(peak, parent.memory_info().rss)
        except psutil.NoSuchProcess:
            break
        time.sleep(0.02)
    assert proc.wait() == 0, proc.stderr.read().decode() if proc.stderr else ""
    rows = sum(pq.ParquetFile(p).metadata.num_rows for p in (out / "tables").rglob("*.parquet"))
    lines = (raw / "endless.txt").read_bytes().count(b"\n")
    assert rows > 5 * lines > 400_000  # every cell kept (and the seed's)
    assert peak / 2**20 < PARENT_LIMIT_MB, f"parent peaked at {peak / 2**20:.0f} MB"
