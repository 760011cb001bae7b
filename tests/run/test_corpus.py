"""The walk over the raw root and the crawler's manifest.csv."""

from __future__ import annotations

import os
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
