"""Corpus runs: incremental, removal, --full, manifest, limits on hostile documents, crashes."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from corpus_support import BROKEN_PNG, SEED, documents_by_path, make_raw, part_files, read_outputs, write_hostile

from pipeline.derived import derive
from pipeline.run import RunOptions, run
from pipeline.run.sandbox import CRASH_ENV, Limits


def _run(raw: Path, out: Path, **kw: Any) -> dict[str, Any]:
    return run(RunOptions(raw, out, workers=2, derive=derive, **kw))


def test_first_run_extracts_everything_and_writes_the_record(tmp_path: Path) -> None:
    raw = make_raw(tmp_path / "raw", n=6)
    rec = _run(raw, tmp_path / "out")
    assert rec["status"] == "completed"
    assert rec["files"] == {"seen": 9, "new": 9, "changed": 0, "unchanged": 0, "hashed": 9,
                            "removed": 0}
    assert rec["extracted"]["documents"] == 9
    assert rec["documents"]["by_status"]["failed"] == 1
    assert rec["failures"] == [{"path": "misc/broken.bin", "format": "image",
                                "error": BROKEN_PNG}]
    on_disk = json.loads((tmp_path / "out" / "run.json").read_text())
    assert on_disk["documents"] == rec["documents"]
    docs = pd.read_parquet(tmp_path / "out" / "documents")
    assert sorted(docs["path"])[:2] == ["misc/broken.bin", "misc/news.txt"]
    assert docs.set_index("path").loc["seed.txt", "status"] == "ok"
    assert docs["seconds"].notna().all()  # failed documents took time too


def test_unchanged_rerun_does_no_work_and_rewrites_nothing(tmp_path: Path) -> None:
    raw, out = make_raw(tmp_path / "raw", n=6), tmp_path / "out"
    _run(raw, out)
    before, outputs = part_files(out), read_outputs(out)
    rec = _run(raw, out)
    assert rec["files"]["hashed"] == 0
    assert rec["extracted"]["documents"] == 0
    assert rec["outputs"]["changed"] is False
    assert part_files(out) == before  # same inodes, same mtimes
    after = read_outputs(out)
    for name, frame in outputs.items():
        pd.testing.assert_frame_equal(frame, after[name])


def test_touched_but_identical_file_is_hashed_not_extracted(tmp_path: Path) -> None:
    raw, out = make_raw(tmp_path / "raw", n=3), tmp_path / "out"
    _run(raw, out)
    os.utime(raw / "seed.txt", ns=(1, 1))
    rec = _run(raw, out)
    assert (rec["files"]["hashed"], rec["files"]["unchanged"]) == (1, 6)
    assert rec["extracted"]["documents"] == 0
    assert rec["outputs"]["shards_written"] == 0  # only `files` is new: its mtime
    files = pd.read_parquet(out / "files").set_index("path")
    assert files.loc["seed.txt", "mtime"] == pd.Timestamp(0, tz="UTC")
    assert _run(raw, out)["outputs"]["changed"] is False  # untouched: nothing rewritten


def test_changed_file_is_reextracted_and_its_new_values_published(tmp_path: Path) -> None:
    raw, out = make_raw(tmp_path / "raw", n=3), tmp_path / "out"
    _run(raw, out)
    text = SEED.read_text(encoding="utf-8")
    assert "规章\t0\t0\t0" in text
    (raw / "seed.txt").write_text(text.replace("规章\t0\t0\t0", "规章\t7\t0\t7", 1),
                                  encoding="utf-8")
    rec = _run(raw, out)
    assert rec["files"]["changed"] == 1
    assert rec["extracted"]["documents"] == 1
    facts = pd.read_parquet(out / "facts")
    seed_id = pd.read_parquet(out / "documents").set_index("path").loc["seed.txt", "doc_id"]
    mine = facts[facts["doc_id"] == seed_id].set_index(["table", "row", "column"])["value"]
    assert mine.loc[("proactive_rules", "rules", "issued")] == 7.0
    assert len(mine) == 200


def test_removed_file_drops_out_of_every_output(tmp_path: Path) -> None:
    raw, out = make_raw(tmp_path / "raw", n=3), tmp_path / "out"
    _run(raw, out)
    seed_id = pd.read_parquet(out / "documents").set_index("path").loc["seed.txt", "doc_id"]
    (raw / "seed.txt").unlink()
    rec = _run(raw, out)
    assert rec["files"]["removed"] == 1 and rec["extracted"]["documents"] == 0
    for name, frame in read_outputs(out).items():
        assert seed_id not in set(frame["doc_id"]), name
    assert rec["cache"]["pruned"] == 1


def test_full_reextracts_every_document(tmp_path: Path) -> None:
    raw, out = make_raw(tmp_path / "raw", n=3), tmp_path / "out"
    _run(raw, out)
    rec = _run(raw, out, full=True)
    assert rec["extracted"]["documents"] == 6


def test_identical_files_are_one_document_two_files_one_set_of_facts(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    (raw / "a").mkdir(parents=True)
    (raw / "b").mkdir()
    for d in ("a", "b"):
        (raw / d / "report.txt").write_bytes(SEED.read_bytes())
    rec = _run(raw, tmp_path / "out")
    assert rec["extracted"]["documents"] == 1  # one extraction per content
    docs = pd.read_parquet(tmp_path / "out" / "documents")
    assert list(docs["path"]) == ["a/report.txt"] and list(docs["n_files"]) == [2]
    files = pd.read_parquet(tmp_path / "out" / "files")
    assert sorted(files["path"]) == ["a/report.txt", "b/report.txt"]
    assert set(files["doc_id"]) == set(docs["doc_id"])
    assert len(pd.read_parquet(tmp_path / "out" / "facts")) == 200
    assert rec["facts"] == 200


def test_manifest_overrides_and_sidecars_are_not_inputs(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "seed.txt").write_bytes(SEED.read_bytes())
    (raw / "seed.json").write_text('{"url": "http://x"}')
    (raw / "seed.txt.json").write_text("{}")
    (raw / "lone.json").write_text('{"not": "a sidecar"}')
    (raw / ".hidden.txt").write_bytes(SEED.read_bytes())
    (raw / "manifest.csv").write_text(
        "path,url,agency,year,title\n./seed.txt,http://gov.cn/r.html,某某县人民政府,2020,\n",
        encoding="utf-8")
    rec = _run(raw, out)
    docs = pd.read_parquet(out / "documents").set_index("path")
    assert sorted(docs.index) == ["lone.json", "seed.txt"]
    seed = docs.loc["seed.txt"]
    assert (seed["agency"], seed["year"], seed["url"]) == ("某某县人民政府", 2020,
                                                           "http://gov.cn/r.html")
    assert set(pd.read_parquet(out / "facts")["agency"]) == {"某某县人民政府"}
    assert rec["extracted"]["documents"] == 2
    # Changing an override re-extracts that document only.
    (raw / "manifest.csv").write_text("path,agency\nseed.txt,另一个人民政府\n", encoding="utf-8")
    rec = _run(raw, out)
    assert rec["extracted"]["documents"] == 1
    assert pd.read_parquet(out / "documents").set_index("path").loc["seed.txt", "agency"] == \
        "另一个人民政府"


def test_document_that_runs_too_long_fails_alone(tmp_path: Path) -> None:
    raw = make_raw(tmp_path / "raw", n=4)
    write_hostile(raw / "endless.txt")
    rec = _run(raw, tmp_path / "out", limits=Limits(timeout=1.0, memory_mb=8192))
    assert rec["status"] == "completed"
    docs = pd.read_parquet(tmp_path / "out" / "documents").set_index("path")
    assert docs.loc["endless.txt", "status"] == "failed"
    assert docs.loc["endless.txt", "error"] == "timeout: exceeded 1 s"
    assert docs.loc["endless.txt", "format"] == "text"
    assert (docs.drop(index=["endless.txt", "misc/broken.bin"])["status"] != "failed").all()
    assert rec["extracted"]["limit_failures"] == {"timeout": 1}


def test_document_that_exhausts_memory_fails_alone(tmp_path: Path) -> None:
    raw = make_raw(tmp_path / "raw", n=4)
    write_hostile(raw / "bloated.txt")
    rec = _run(raw, tmp_path / "out", limits=Limits(timeout=60.0, memory_mb=300))
    docs = pd.read_parquet(tmp_path / "out" / "documents").set_index("path")
    assert docs.loc["bloated.txt", "error"] == "memory: exceeded 300 MB"
    assert (docs.drop(index=["bloated.txt", "misc/broken.bin"])["status"] != "failed").all()
    assert rec["extracted"]["limit_failures"] == {"memory": 1}
    assert rec["durations"]["extract"] < 30


def test_crashing_worker_fails_its_document_only_and_retry_failed_retries_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw, out = make_raw(tmp_path / "raw", n=4), tmp_path / "out"
    (raw / "crash-me.txt").write_bytes(SEED.read_bytes() + b"\n")
    monkeypatch.setenv(CRASH_ENV, "crash-me")
    rec = _run(raw, out)
    docs = pd.read_parquet(out / "documents").set_index("path")
    assert docs.loc["crash-me.txt", "error"] == "crashed: worker died (signal 9)"
    assert docs.loc["seed.txt", "status"] == "ok"
    assert rec["extracted"]["documents"] == 8
    assert _run(raw, out)["extracted"]["documents"] == 0  # failures are cached results
    monkeypatch.delenv(CRASH_ENV)
    rec = _run(raw, out, retry_failed=True)
    assert rec["extracted"]["documents"] == 1
    assert pd.read_parquet(out / "documents").set_index("path").loc["crash-me.txt",
                                                                        "status"] == "ok"


def test_derived_datasets_are_published_with_the_five(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "a.txt").write_bytes(SEED.read_bytes())
    (raw / "b.txt").write_bytes(SEED.read_bytes() + b"\n")
    (raw / "manifest.csv").write_text("path,agency,year\na.txt,某局,2021\nb.txt,某局,2022\n",
                                      encoding="utf-8")
    _run(raw, out)
    docs = pd.read_parquet(out / "documents").set_index("path")["doc_id"]
    cross = pd.read_parquet(out / "cross_year")
    assert len(cross) == 7  # the six applicant columns and the total
    assert set(cross["doc_id"]) == {docs["a.txt"]} and set(cross["next_doc_id"]) == {docs["b.txt"]}
    facts = pd.read_parquet(out / "facts")
    seed = facts[(facts["doc_id"] == docs["a.txt"]) & (facts["table"] == "applications")]
    by_row = seed.pivot_table(index="column", columns="row", values="value")
    want = (by_row["carried_forward"].fillna(0) == by_row["carried_over"].fillna(0)).to_dict()
    assert cross.set_index("column")["ok"].to_dict() == want
    assert len(pd.read_parquet(out / "dictionary")) > 300
    reports = pd.read_parquet(out / "reports")
    assert reports[["agency", "year", "doc_id", "chosen_because"]].values.tolist() == [
        ["某局", 2021, docs["a.txt"], "only document"], ["某局", 2022, docs["b.txt"], "only document"]]


def test_gbk_file_names_reach_the_outputs_as_text(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    (raw / os.fsdecode("河南".encode("gbk"))).mkdir(parents=True)
    (raw / os.fsdecode("河南/岳村镇.txt".encode("gbk"))).write_bytes(SEED.read_bytes())
    rec = _run(raw, out)
    docs = pd.read_parquet(out / "documents")
    assert list(docs["path"]) == ["河南/岳村镇.txt"] and list(docs["status"]) == ["ok"]
    assert rec["documents"]["by_status"] == {"ok": 1}


def test_empty_raw_root_gives_empty_outputs_with_their_columns(tmp_path: Path) -> None:
    (tmp_path / "raw").mkdir()
    rec = _run(tmp_path / "raw", tmp_path / "out")
    assert rec["documents"]["total"] == 0 and rec["status"] == "completed"
    for name in ("documents", "facts", "checks", "tables", "sections", "reports", "series", "cross_year"):
        assert len(pd.read_parquet(tmp_path / "out" / name)) == 0


def test_links_out_of_the_root_loops_and_fifos_leave_the_run_whole(tmp_path: Path) -> None:
    """`ln -s /etc/passwd raw/p.txt`, a two-link loop, a FIFO: skipped and listed; the run
    completes with the other documents, and /etc/passwd is never read."""
    raw = make_raw(tmp_path / "raw", n=2)
    (raw / "p.txt").symlink_to("/etc/passwd")
    (raw / "a.pdf").symlink_to(raw / "b.pdf")
    (raw / "b.pdf").symlink_to(raw / "a.pdf")
    os.mkfifo(raw / "pipe.txt")
    rec = _run(raw, tmp_path / "out")
    assert rec["status"] == "completed"
    assert rec["skipped"] == {"count": 4, "first": [
        "a.pdf: symlink loop or dangling symlink", "b.pdf: symlink loop or dangling symlink",
        "p.txt: symlink leaving the raw root", "pipe.txt: not a regular file (FIFO, socket or device)"]}
    docs = pd.read_parquet(tmp_path / "out" / "documents")
    assert not {"p.txt", "a.pdf", "b.pdf", "pipe.txt"} & set(docs["path"])
    assert rec["documents"]["total"] == len(docs) > 0


def test_a_fifo_in_a_files_place_is_refused_at_once(tmp_path: Path) -> None:
    """Swapped in after the walk, a FIFO must not block the hashing (opening it for reading
    would wait for a writer forever)."""
    import extractors

    os.mkfifo(tmp_path / "report.pdf")
    with pytest.raises(OSError, match="not a regular file"):
        extractors.identify(tmp_path / "report.pdf")


def test_a_file_rewritten_while_read_never_stands_for_its_old_content(tmp_path: Path) -> None:
    """The worker read bytes other than the planned ones: the document fails for this run, its
    result is not stored under the old content's key, and on the next run its untouched copy
    is read from its own bytes (it used to show the new content's result durably)."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a-rewritten.txt").write_bytes(SEED.read_bytes())
    (raw / "b-copy.txt").write_bytes(SEED.read_bytes())
    rec = run(RunOptions(raw, tmp_path / "out", workers=1, derive=derive,
                         job="tests.corpus_support:extract_then_rewrite"))
    assert rec["status"] == "completed"
    docs = documents_by_path(tmp_path / "out")
    assert docs.loc["a-rewritten.txt", "status"] == "failed"
    assert "changed while the run was reading it" in docs.loc["a-rewritten.txt", "error"]
    assert docs.loc["b-copy.txt", "status"] == "failed"  # one extraction for both: this run only
    _run(raw, tmp_path / "out")  # the next run, with the plain job
    docs = documents_by_path(tmp_path / "out")
    assert list(docs.loc[["a-rewritten.txt", "b-copy.txt"], "status"]) == ["ok", "ok"]
    assert docs.loc["b-copy.txt", "doc_id"] != docs.loc["a-rewritten.txt", "doc_id"]
    facts = pd.read_parquet(tmp_path / "out" / "facts")
    copy = facts[facts["doc_id"] == docs.loc["b-copy.txt", "doc_id"]]
    assert 9.0 not in set(copy[copy["row"] == "rules"]["value"])  # the rewrite's 规章 9 9 9 is not its


def test_a_corrupt_cache_is_moved_aside_and_rebuilt(tmp_path: Path) -> None:
    """A damaged cache.sqlite (a full disk, a copy cut short) used to fail every later run."""
    raw = make_raw(tmp_path / "raw", n=2)
    out = tmp_path / "out"
    assert _run(raw, out)["status"] == "completed"
    db = out / ".cache" / "cache.sqlite"
    db.write_bytes(b"this is not a database" * 100)
    rec = _run(raw, out)
    assert rec["status"] == "completed"
    assert rec["extracted"]["documents"] == rec["documents"]["total"]  # everything again
    assert [p.name.split("-")[0] for p in (out / ".cache").glob("cache.sqlite.corrupt-*")] == ["cache.sqlite.corrupt"]


def test_an_unchanged_rerun_sweeps_what_a_killed_publish_left(tmp_path: Path) -> None:
    """A run killed while publishing leaves `.snap/<run>.tmp`; the next run, even one with
    nothing to publish, removes it (it holds the lock: no other run is writing it)."""
    raw = make_raw(tmp_path / "raw", n=2)
    out = tmp_path / "out"
    _run(raw, out)
    left = out / ".snap" / "20261201T000000-dead.tmp" / "facts"
    left.mkdir(parents=True)
    (left / "part-00000-x.parquet").write_bytes(b"half")
    rec = _run(raw, out)
    assert rec["outputs"]["changed"] is False
    assert not list((out / ".snap").glob("*.tmp"))


def test_a_run_that_cannot_write_leaves_no_completed_record_behind(tmp_path: Path) -> None:
    """A full disk (here a file-size limit, as `ulimit -f`): the run fails, and run.json no
    longer says the last run completed."""
    import subprocess
    import sys

    raw = make_raw(tmp_path / "raw", n=4)
    out = tmp_path / "out"
    _run(raw, out)
    (raw / "new.txt").write_bytes(SEED.read_bytes() + b"\n")  # something to write this time
    code = ("import resource, signal, sys; from pathlib import Path; "
            "signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
            "resource.setrlimit(resource.RLIMIT_FSIZE, (600, 600)); "
            "from pipeline.run import RunOptions, run; "
            f"run(RunOptions(Path({str(raw)!r}), Path({str(out)!r}), workers=1))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=Path(__file__).parents[2], timeout=300)
    assert proc.returncode != 0
    rec = json.loads((out / "run.json").read_text())  # the brief record: the whole one is too big
    assert rec["status"] == "failed" and "run record not written" in rec["error"]
