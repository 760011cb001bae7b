"""`--executor dask` on a local cluster started here gives the local pool's outputs exactly."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from corpus_support import assert_same_outputs, make_raw, run_cli, write_hostile

distributed = pytest.importorskip("distributed")


def test_dask_cluster_gives_identical_outputs_limits_included(tmp_path: Path) -> None:
    raw = make_raw(tmp_path / "raw", n=16)
    write_hostile(raw / "endless.txt")
    limits = ("--timeout", "1", "--memory-limit", "4096")
    local = run_cli("extract", raw, tmp_path / "local", "--workers", "2", *limits)
    assert local.returncode == 0, local.stderr
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        dask = run_cli("extract", raw, tmp_path / "dask", "--executor", "dask",
                       "--scheduler", cluster.scheduler_address, *limits)
    assert dask.returncode == 0, dask.stderr
    assert "extracted  20 documents" in dask.stdout
    assert_same_outputs(tmp_path / "local", tmp_path / "dask")
    docs = pd.read_parquet(tmp_path / "dask" / "documents").set_index("path")
    assert docs.loc["endless.txt", "error"] == "timeout: exceeded 1 s"
    assert (docs["status"] == "ok").sum() == 17


def test_unreachable_scheduler_is_a_failed_run(tmp_path: Path) -> None:
    raw = make_raw(tmp_path / "raw", n=1)
    proc = run_cli("extract", raw, tmp_path / "out", "--executor", "dask",
                   "--scheduler", "tcp://127.0.0.1:9",
                   env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"})
    assert proc.returncode == 1
    assert "error: run failed: cannot reach the Dask scheduler at tcp://127.0.0.1:9" in proc.stderr
    assert not (tmp_path / "out" / "documents").exists()
