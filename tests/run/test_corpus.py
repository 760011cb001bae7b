"""The walk over the raw root and the crawler's manifest.csv."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from pipeline.run.manifest import ManifestError, normalise_path, read_manifest
from pipeline.run.walk import walk


def _touch(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")


def test_walk_keeps_inputs_and_leaves_the_crawlers_litter(tmp_path: Path) -> None:
    _touch(tmp_path, "manifest.csv", "a/report.pdf", "a/report.pdf.json", "a/report.json",
           "a/lone.json", "a/page.html", "a/~$draft.docx", "a/big.pdf.part", "a/x.crdownload",
           "a/y.tmp", ".git/HEAD", "a/.DS_Store", "b/c/deep.txt", "b/MANIFEST.CSV",
           "out/facts/part.parquet")
    os.mkfifo(tmp_path / "a" / "pipe.txt")  # reading it would block forever: not a regular file
    files = walk(tmp_path, exclude=(tmp_path / "out",))
    assert [f.rel for f in files] == ["a/lone.json", "a/page.html", "a/report.pdf", "b/c/deep.txt"]
    assert files[0].size == 1 and files[0].path == (tmp_path / "a" / "lone.json").resolve()


def test_walk_does_not_follow_directory_links(tmp_path: Path) -> None:
    _touch(tmp_path, "a/r.txt")
    (tmp_path / "a" / "loop").symlink_to(tmp_path)
    (tmp_path / "alias.txt").symlink_to(tmp_path / "a" / "r.txt")
    assert [f.rel for f in walk(tmp_path)] == ["a/r.txt", "alias.txt"]


def test_walk_reads_only_regular_files_inside_the_raw_root(tmp_path: Path) -> None:
    """Links leaving the root, loops, dangling links, FIFOs, unreadable directories: left out,
    each with a line saying why; never a failed run."""
    raw, outside = tmp_path / "raw", tmp_path / "outside"
    _touch(raw, "a/r.txt")
    _touch(outside, "secret.txt")
    (raw / "p.txt").symlink_to("/etc/passwd")
    (raw / "s.txt").symlink_to(outside / "secret.txt")
    (raw / "a.pdf").symlink_to(raw / "b.pdf")
    (raw / "b.pdf").symlink_to(raw / "a.pdf")
    (raw / "gone.txt").symlink_to(raw / "nothing.txt")
    (raw / "in.txt").symlink_to(raw / "a" / "r.txt")
    os.mkfifo(raw / "pipe.txt")
    skips: list[str] = []
    assert [f.rel for f in walk(raw, skips=skips)] == ["a/r.txt", "in.txt"]
    assert sorted(skips) == ["a.pdf: symlink loop or dangling symlink",
                             "b.pdf: symlink loop or dangling symlink",
                             "gone.txt: symlink loop or dangling symlink",
                             "p.txt: symlink leaving the raw root",
                             "pipe.txt: not a regular file (FIFO, socket or device)",
                             "s.txt: symlink leaving the raw root"]


def test_an_unreadable_directory_is_left_out_with_a_line() -> None:
    """A `chmod 000` directory, walked by a user who cannot read it (root reads everything, so
    as root a forked child drops to `nobody` first: it needs nothing from disk, wherever the
    project lies)."""
    root = Path(tempfile.mkdtemp(prefix="walk-"))
    try:
        root.chmod(0o755)
        _touch(root, "a/r.txt", "locked/x.txt")
        (root / "a").chmod(0o755)
        (root / "locked").chmod(0)
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: no pytest machinery, only the walk
            try:
                if os.geteuid() == 0:
                    os.setgroups([])
                    os.setgid(65534)
                    os.setuid(65534)
                skips: list[str] = []
                rels = [f.rel for f in walk(root, skips=skips)]
                os.write(write_end, json.dumps([rels, skips]).encode())
            finally:
                os._exit(0)
        os.close(write_end)
        with os.fdopen(read_end, "rb") as fh:
            out = fh.read()
        os.waitpid(pid, 0)
        assert json.loads(out) == [["a/r.txt"], ["locked/: directory not read (Permission denied)"]]
    finally:
        (root / "locked").chmod(0o755)
        shutil.rmtree(root)


def test_names_that_are_not_text_never_read_alike(tmp_path: Path) -> None:
    for name in (b"\xff.txt", b"\xfe.txt", "报告.txt".encode("gbk")):
        (tmp_path / os.fsdecode(name)).write_bytes(b"x")
    assert sorted(f.rel for f in walk(tmp_path)) == ["\\xfe.txt", "\\xff.txt", "报告.txt"]


def test_manifest_overrides_by_relative_path(tmp_path: Path) -> None:
    (tmp_path / "manifest.csv").write_text(
        "Path,URL,agency,year,title,crawled_at\n"
        "./henan/a.txt,http://a,某镇人民政府,2021年,标题,2022-01-01\n"
        "henan\\b.txt,,,,,\n"
        "c.txt,,,not a year,,\n", encoding="utf-8-sig")
    assert read_manifest(tmp_path) == {
        "henan/a.txt": {"url": "http://a", "agency": "某镇人民政府", "year": 2021, "title": "标题"}}


def test_manifest_in_gb18030(tmp_path: Path) -> None:
    (tmp_path / "manifest.csv").write_bytes("path,agency\na.txt,洪泽区人民政府\n".encode("gb18030"))
    assert read_manifest(tmp_path) == {"a.txt": {"agency": "洪泽区人民政府"}}


def test_no_manifest_means_no_overrides(tmp_path: Path) -> None:
    assert read_manifest(tmp_path) == {}


def test_manifest_without_a_path_column_is_refused(tmp_path: Path) -> None:
    (tmp_path / "manifest.csv").write_text("url,agency\nhttp://x,某局\n")
    with pytest.raises(ManifestError, match=r"manifest.csv: no 'path' column \(columns: url, agency\)$"):
        read_manifest(tmp_path)


@pytest.mark.parametrize("value,want", [
    ("a/b.pdf", "a/b.pdf"), ("./a/b.pdf", "a/b.pdf"), ("a\\b.pdf", "a/b.pdf"),
    ("data/raw/a/b.pdf", "a/b.pdf"), ("/elsewhere/b.pdf", ""), ("", ""),
])
def test_manifest_paths(value: str, want: str) -> None:
    assert normalise_path(value, Path("data/raw")) == want


def test_file_names_that_are_not_utf8_are_read_as_gb18030(tmp_path: Path) -> None:
    name = "岳村镇2021年度报告.txt"
    (tmp_path / os.fsdecode(name.encode("gbk"))).write_bytes(b"x")
    (file,) = walk(tmp_path)
    assert file.rel == name and file.path.exists()
