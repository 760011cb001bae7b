"""The worker sandbox on its own: synchronous use (as on Dask workers) and process trees."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import time
from pathlib import Path

from corpus_support import SEED, write_hostile

from pipeline.run import procfs
from pipeline.run.cache import unpack
from pipeline.run.sandbox import Limits, Task, close_local, run_in_sandbox


def _task(path: Path) -> Task:
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    return Task(key=sha[:40], path=str(path), raw_root=str(path.parent), sha256=sha)


def test_sandbox_runs_tasks_in_turn_and_survives_a_timeout(tmp_path: Path) -> None:
    seed = tmp_path / "seed.txt"
    seed.write_bytes(SEED.read_bytes())
    hostile = write_hostile(tmp_path / "endless.txt")
    limits = Limits(timeout=1.0, memory_mb=8192)
    try:
        first = run_in_sandbox(_task(seed), limits)
        assert first.failure is None and first.document is not None and first.blob is not None
        assert first.document["status"] == "ok" and unpack(first.blob).arrow("facts").num_rows == 200
        slow = run_in_sandbox(_task(hostile), limits)
        assert slow.failure == "timeout: exceeded 1 s" and slow.blob is None
        assert 1.0 <= slow.seconds < 5.0
        again = run_in_sandbox(_task(seed), limits)  # a fresh worker took over
        assert again.document is not None and again.document["status"] == "ok"
    finally:
        close_local()


def test_descendants_and_their_memory_are_found(tmp_path: Path) -> None:
    script = ("import subprocess, time\n"
              "child = subprocess.Popen(['python3', '-c', 'x = bytearray(80 << 20); "
              "import time; time.sleep(30)'])\n"
              "time.sleep(30)\n")
    parent = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 10
        while procfs.tree_rss_mb([parent.pid])[parent.pid] < 80:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        (child,) = procfs.descendants(parent.pid)
        assert procfs.tree_rss_mb([parent.pid])[parent.pid] > procfs.tree_rss_mb([child])[child]
    finally:
        for pid in procfs.descendants(parent.pid):
            subprocess.run(["kill", "-9", str(pid)], check=False)
        parent.kill()
        parent.wait()
