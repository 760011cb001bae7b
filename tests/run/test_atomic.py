"""A run killed at any moment leaves the previous outputs intact; runs never overlap."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import time
from pathlib import Path

import pandas as pd
import pytest
from corpus_support import assert_same_outputs, make_raw, part_files, read_outputs, run_cli, start_cli, write_hostile

from pipeline.run.lock import RunLock
from pipeline.store.schema import DATASETS


def _cached(out: Path) -> int:
    """Results committed to the cache so far (0 before the database exists)."""
    db = out / ".cache" / "cache.sqlite"
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as con:
            return int(con.execute("SELECT count(*) FROM results").fetchone()[0])
    except sqlite3.OperationalError:  # tables not created yet
        return 0


def _wait_for(condition: object, timeout: float = 60.0, step: float = 0.002) -> None:
    """Poll `condition()` until true."""
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(step)


def _orphans(parent: int) -> list[int]:
    """Worker processes started by `parent` that are still alive."""
    alive = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            environ = Path(f"/proc/{pid}/environ").read_bytes()
        except OSError:
            continue
        if f"OGI_WORKER_PARENT={parent}\0".encode() in environ + b"\0":
            alive.append(int(pid))
    return alive


def _assert_same_frames(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> None:
    for name in DATASETS:
        pd.testing.assert_frame_equal(a[name], b[name], obj=name)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """(raw root of 203 files, a raw root of a few of them, outputs of an uninterrupted run)."""
    base = tmp_path_factory.mktemp("atomic")
    raw = make_raw(base / "raw", n=200)
    small = base / "small"
    for f in sorted(raw.rglob("*"))[:25]:
        if f.is_file():
            (small / f.relative_to(raw)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(f, small / f.relative_to(raw))
    ref = base / "ref"
    assert run_cli("extract", raw, ref, "--workers", "2").returncode == 0
    return raw, small, ref


def test_sigkill_during_extraction_keeps_old_outputs_and_resumes(
        corpus: tuple[Path, Path, Path], tmp_path: Path) -> None:
    raw, small, ref = corpus
    out = tmp_path / "out"
    assert run_cli("extract", small, out).returncode == 0
    before = read_outputs(out)
    cached_before = _cached(out)
    proc = start_cli("extract", raw, out, "--workers", "1")
    _wait_for(lambda: _cached(out) >= cached_before + 30)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    _wait_for(lambda: not _orphans(proc.pid), timeout=5)  # workers die with their parent
    _assert_same_frames(before, read_outputs(out))  # the old outputs, complete
    done = _cached(out)
    assert done < 200, "the run finished before it was killed"
    rerun = run_cli("extract", raw, out, "--workers", "2", "-v")
    assert rerun.returncode == 0, rerun.stderr
    extracted = int(rerun.stdout.split("extracted")[1].split()[0])
    assert extracted == 203 - done  # nothing committed before the kill is done twice
    assert_same_outputs(out, ref)


def test_sigkill_while_publishing_keeps_old_outputs(corpus: tuple[Path, Path, Path],
                                                    tmp_path: Path) -> None:
    raw, small, ref = corpus
    out = tmp_path / "out"
    assert run_cli("extract", small, out).returncode == 0
    before = read_outputs(out)
    proc = start_cli("extract", raw, out, "--workers", "2")
    snaps = out / ".snap"
    _wait_for(lambda: any(p.suffix == ".tmp" for p in snaps.iterdir()) or proc.poll() is not None)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    if proc.returncode != -signal.SIGKILL:
        pytest.skip("the run finished before the kill landed")
    _assert_same_frames(before, read_outputs(out))
    rerun = run_cli("extract", raw, out)
    assert rerun.returncode == 0, rerun.stderr
    assert "extracted  0 documents" in rerun.stdout  # all results were already cached
    assert_same_outputs(out, ref)
    assert not [p for p in snaps.iterdir() if p.suffix == ".tmp"]  # leftovers cleaned


@pytest.mark.slow
def test_sigkill_at_many_moments_never_exposes_a_partial_state(
        corpus: tuple[Path, Path, Path], tmp_path: Path) -> None:
    raw, small, ref = corpus
    out = tmp_path / "out"
    assert run_cli("extract", small, out).returncode == 0
    old, new = read_outputs(out), read_outputs(ref)
    for delay in (0.5, 1.0, 1.5, 2.0, 2.5, 3.0):
        proc = start_cli("extract", raw, out, "--workers", "1", "--full")
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = read_outputs(out)
        # Whole old state or whole new state; never a mix, never unreadable.
        same_as = [name for name, ref_frames in (("old", old), ("new", new))
                   if all(now[d].equals(ref_frames[d]) for d in DATASETS)]
        assert same_as, f"outputs after a kill at {delay} s match neither state"
    assert run_cli("extract", raw, out).returncode == 0
    assert_same_outputs(out, ref)


def test_second_run_exits_with_75_while_the_lock_is_held(tmp_path: Path) -> None:
    raw, out = make_raw(tmp_path / "raw", n=2), tmp_path / "out"
    out.mkdir()
    with RunLock(out):
        busy = run_cli("extract", raw, out)
    assert busy.returncode == 75
    assert f"error: another run is writing {out} (pid {os.getpid()} since " in busy.stderr
    assert "not starting (use --wait to wait for it)" in busy.stderr
    assert not (out / "documents").exists() and not (out / "run.json").exists()


def test_two_concurrent_runs(tmp_path: Path) -> None:
    raw, out = make_raw(tmp_path / "raw", n=10), tmp_path / "out"
    write_hostile(raw / "slow.txt")  # holds the first run for its 3 s time limit
    first = start_cli("extract", raw, out, "--workers", "1", "--timeout", "3")
    _wait_for(lambda: (out / ".lock").exists()
              and f"pid {first.pid} " in (out / ".lock").read_text())
    second = run_cli("extract", raw, out)
    assert second.returncode == 75, second.stderr
    assert f"(pid {first.pid} since" in second.stderr
    waiter = start_cli("extract", raw, out, "--wait")
    assert first.wait(timeout=120) == 0
    files, outputs = part_files(out), read_outputs(out)
    assert waiter.wait(timeout=120) == 0
    assert "extracted  0 documents" in waiter.communicate()[0]
    assert part_files(out) == files  # the waiting run found nothing to do and rewrote nothing
    _assert_same_frames(outputs, read_outputs(out))
    docs = pd.read_parquet(out / "documents").set_index("path")
    assert docs.loc["slow.txt", "error"] == "timeout: exceeded 3 s"
