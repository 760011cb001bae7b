"""`python -m pipeline extract`: defaults, summary, progress, logs, exit codes, run record."""

from __future__ import annotations

import argparse
import json
import re
import signal
import time
from pathlib import Path

import pytest
from corpus_support import BROKEN_PNG, ROOT, SEED, make_raw, run_cli, start_cli, write_hostile

from pipeline.cli import build_parser
from pipeline.run.sandbox import CRASH_ENV


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A working directory with a small corpus in data/raw."""
    make_raw(tmp_path / "data" / "raw", n=3)
    return tmp_path


def test_defaults_read_data_raw_and_write_data_clean_with_a_summary(project: Path) -> None:
    proc = run_cli("extract", cwd=project)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert re.fullmatch(r"data/raw -> data/clean: completed in \d+\.\d s", lines[0])
    assert lines[1] == "files      6 seen: 6 new, 0 changed, 0 unchanged, 0 removed"
    assert lines[2].startswith("extracted  6 documents (ok 4, not_report 1, failed 1) in ")
    assert lines[3] == "documents  6: ok 4, not_report 1, failed 1"
    assert lines[4:6] == ["  image       1: failed 1",
                          "  text        5: ok 4, not_report 1"]
    assert lines[6] == "facts      798; failed checks 0 in 0 documents"
    assert lines[7] == "outputs    updated: 1 shards written, 0 unchanged"
    assert lines[8] == ('failed     1 document: reasons under "failures" in '
                        'data/clean/run.json and in documents.error')
    for name in ("documents", "facts", "checks", "tables", "sections", "run.json"):
        assert (project / "data" / "clean" / name).exists()
    again = run_cli("extract", cwd=project)
    assert "extracted  0 documents (none) in 0.0 s" in again.stdout
    assert "outputs    unchanged (nothing to rewrite)" in again.stdout


def test_plain_progress_lines_when_not_a_terminal(project: Path) -> None:
    proc = run_cli("extract", cwd=project)
    stamped = [ln for ln in proc.stderr.splitlines() if re.match(r"\d\d:\d\d:\d\d extract: ", ln)]
    assert stamped[0].endswith("extract: 6 documents to extract")
    assert re.search(r"extract: 6/6 100%  [\d.]+ docs/s  ETA 0:00:00  failed 1$", stamped[-1])
    assert "\r" not in proc.stderr


def test_bar_on_request_and_no_progress_on_request(project: Path) -> None:
    bar = run_cli("extract", "--progress", "bar", cwd=project)
    # (text mode reads the bar's carriage returns as newlines)
    assert "\nextract [############################] 6/6 100%" in bar.stderr
    assert "\x1b[K" in bar.stderr
    quiet = run_cli("extract", "--progress", "none", "--full", cwd=project)
    assert quiet.stderr == ""


def test_verbose_flags_turn_on_logs(project: Path) -> None:
    assert "INFO pipeline.run.runner: 6 files, 6 to extract" in run_cli("extract", "-v",
                                                                    cwd=project).stderr
    assert "INFO" not in run_cli("extract", "--full", cwd=project).stderr


def test_run_record_says_what_happened(project: Path) -> None:
    run_cli("extract", cwd=project)
    rec = json.loads((project / "data" / "clean" / "run.json").read_text())
    assert rec["status"] == "completed" and rec["error"] is None
    assert rec["documents"]["by_format_status"] == {"text": {"ok": 4, "not_report": 1},
                                                    "image": {"failed": 1}}
    assert rec["failures"] == [{"path": "misc/broken.bin", "format": "image",
                                "error": BROKEN_PNG}]
    assert set(rec["durations"]) == {"walk", "hash", "extract", "publish", "total"}
    assert rec["facts"] == 798 and rec["extracted"]["documents"] == 6
    assert len(list((project / "data" / "clean" / ".runs").glob("*.json"))) == 1


def test_limit_failures_come_with_a_rerun_command(project: Path) -> None:
    (project / "data" / "raw" / "crash-me.txt").write_bytes(SEED.read_bytes() + b"\n")
    proc = run_cli("extract", "--timeout", "30", "--memory-limit", "1000", cwd=project,
                   env={CRASH_ENV: "crash-me"})
    assert proc.returncode == 0
    assert proc.stdout.splitlines()[-1] == (
        "rerun      1 failed on a worker limit (crashed 1): python -m pipeline extract "
        "data/raw data/clean --retry-failed --timeout 60 --memory-limit 2000")


def test_missing_raw_root_is_a_failed_run(tmp_path: Path) -> None:
    proc = run_cli("extract", tmp_path / "nope", tmp_path / "out")
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"error: run failed: raw root {tmp_path / 'nope'} is not a directory"


def test_bad_manifest_is_a_failed_run_and_leaves_outputs(project: Path) -> None:
    assert run_cli("extract", cwd=project).returncode == 0
    (project / "data" / "raw" / "manifest.csv").write_text("url,agency\nhttp://x,某局\n")
    proc = run_cli("extract", cwd=project)
    assert proc.returncode == 1
    assert proc.stderr.strip() == (f"error: run failed: {project}/data/raw/manifest.csv: "
                                   "no 'path' column (columns: url, agency)")
    rec = json.loads((project / "data" / "clean" / "run.json").read_text())
    assert rec["status"] == "failed" and "no 'path' column" in rec["error"]
    assert (project / "data" / "clean" / "facts").is_dir()


@pytest.mark.parametrize("args", [["--executor", "dask"], ["--workers", "0"], ["--bogus"],
                                  ["--timeout", "-5"], ["--timeout", "0"], ["--timeout", "nan"],
                                  ["--memory-limit", "1"]])
def test_bad_arguments_exit_2(args: list[str], tmp_path: Path) -> None:
    """Limits no document could meet (every failure would be cached) are refused up front."""
    proc = run_cli("extract", tmp_path, tmp_path / "out", *args)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and not (tmp_path / "out").exists()


def test_limits_refuse_values_no_document_could_meet() -> None:
    from pipeline.run import Limits

    for bad in ({"timeout": 0.0}, {"timeout": -5.0}, {"memory_mb": 1}):
        with pytest.raises(ValueError, match="must be at least"):
            Limits(**bad)  # type: ignore[arg-type]


def test_sigterm_stops_the_run_cleanly(tmp_path: Path) -> None:
    raw = make_raw(tmp_path / "raw", n=2)
    write_hostile(raw / "endless.txt")
    proc = start_cli("extract", raw, tmp_path / "out", "--workers", "1", "--memory-limit", "16000")
    deadline = time.monotonic() + 30
    while not (tmp_path / "out" / ".cache" / "cache.sqlite").exists():
        assert time.monotonic() < deadline
        time.sleep(0.05)
    time.sleep(1.0)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 143
    assert "terminated: previous outputs kept; rerun to finish" in err
    rec = json.loads((tmp_path / "out" / "run.json").read_text())
    assert rec["status"] == "interrupted"


def test_every_option_is_documented() -> None:
    doc = (ROOT / "docs" / "running.md").read_text(encoding="utf-8")
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    extract = sub.choices["extract"]
    for action in extract._actions:
        for flag in action.option_strings:
            if flag.startswith("--") and flag != "--help":
                assert f"`{flag}" in doc, flag
    for code in ("0", "1", "2", "75", "130", "143"):
        assert f"| {code} |" in doc


def test_version_names_the_pipeline_and_the_output_contract() -> None:
    from pipeline.result import CONTRACT_VERSION, PIPELINE_VERSION

    proc = run_cli("--version")
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"python -m pipeline {PIPELINE_VERSION} (output contract {CONTRACT_VERSION})"


def test_report_on_a_folder_without_outputs_is_one_error_line(tmp_path: Path) -> None:
    proc = run_cli("report", tmp_path / "nope")
    assert proc.returncode == 1
    out = tmp_path / "nope"
    assert proc.stderr.strip() == (f"error: {out} holds no outputs (no {out / 'documents'}): "
                                   f"run `python -m pipeline extract RAW {out}` first")


def test_every_parquet_file_says_which_pipeline_wrote_it(project: Path) -> None:
    import pyarrow.parquet as pq

    from pipeline.result import CONTRACT_VERSION, PIPELINE_VERSION

    assert run_cli("extract", "--progress", "none", cwd=project).returncode == 0
    files = sorted((project / "data" / "clean").glob("*/*.parquet"))
    assert {f.parent.name for f in files} >= {"documents", "facts", "checks", "tables", "sections"}
    for f in files:
        meta = pq.read_schema(f).metadata
        assert meta[b"ogi.pipeline_version"] == PIPELINE_VERSION.encode(), f
        assert meta[b"ogi.contract_version"] == CONTRACT_VERSION.encode(), f


def test_library_chatter_stays_out_of_the_log_unless_debugging(tmp_path: Path) -> None:
    # a Chromium-printed PDF: pdfminer warns once per glyph about its fonts' missing FontBBox
    raw = tmp_path / "raw"
    raw.mkdir()
    pdf = ROOT / "tests" / "fixtures" / "pdf_others" / "chromium_radicals.pdf"
    (raw / pdf.name).write_bytes(pdf.read_bytes())
    quiet = run_cli("extract", raw, tmp_path / "clean", "--progress", "none")
    assert quiet.returncode == 0, quiet.stderr
    assert "FontBBox" not in quiet.stderr
    assert quiet.stderr.strip() == ""
    debug = run_cli("inspect", "-vv", pdf)
    assert "pdfminer" in debug.stderr
