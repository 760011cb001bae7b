"""Helpers for the corpus-run tests: build raw corpora, run the CLI, read outputs back."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd

from pipeline.store.schema import DATASETS
from synthetic import text as text_corpus

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "fixtures" / "seed" / "000_02079d63849b484b.txt"
# Timing is the one column that legitimately differs between two runs.
VOLATILE = ("seconds", "mtime")
# misc/broken.bin: a PNG signature over junk, read as a page image that is not one
BROKEN_PNG = "corrupt image: not a readable PNG, JPEG, TIFF or BMP image"


def make_raw(root: Path, n: int = 12) -> Path:
    """A raw root: the seed, `n` synthetic text reports in a subfolder, a news page, a binary."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEED, root / "seed.txt")
    text_corpus.make_corpus(root / "synthetic", n)
    for truth in (root / "synthetic").glob("*.truth.csv"):  # goldens are not inputs here
        truth.unlink()
    (root / "misc").mkdir(exist_ok=True)
    (root / "misc" / "news.txt").write_text("本站讯：今天召开了工作会议，会议强调要做好各项工作。\n" * 5,
                                            encoding="utf-8")
    (root / "misc" / "broken.bin").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    return root


def write_hostile(path: Path, mb: int = 7) -> Path:
    """A 'text report' that is one endless table, just under the text extractor's 8 MB cap:
    about 15 s of work and over 1 GB of memory in extract_file."""
    line = "行政许可\t12\t34\t56\t78\n".encode()
    path.write_bytes(line * (mb * 2**20 // len(line)))
    return path


def run_cli(*args: str | Path, env: dict[str, str] | None = None, cwd: Path | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`python -m pipeline ARGS` in a subprocess."""
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], cwd=cwd or ROOT,
                          env=cli_env(env), capture_output=True, text=True, timeout=timeout)


def start_cli(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """`python -m pipeline ARGS` started in the background."""
    return subprocess.Popen([sys.executable, "-m", "pipeline", *map(str, args)], cwd=ROOT,
                            env=cli_env(env), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def cli_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for a CLI subprocess (the project importable)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    env.update(extra or {})
    return env


def documents_by_path(out: Path) -> pd.DataFrame:
    """Every input path with its document's row (`files` joined to `documents` on doc_id)."""
    files = pd.read_parquet(out / "files", columns=["path", "doc_id"])
    docs = pd.read_parquet(out / "documents").drop(columns=["path"])
    return files.merge(docs, on="doc_id", how="left").set_index("path")


def read_outputs(out: Path) -> dict[str, pd.DataFrame]:
    """The six datasets, timing dropped, rows in a canonical order (for equality checks)."""
    frames = {}
    for name in DATASETS:
        df = pd.read_parquet(out / name)
        df = df.drop(columns=[c for c in VOLATILE if c in df.columns])
        frames[name] = df.sort_values(list(df.columns)).reset_index(drop=True)
    return frames


def assert_same_outputs(a: Path, b: Path) -> None:
    """The six datasets under `a` and `b` hold the same rows with the same types."""
    left, right = read_outputs(a), read_outputs(b)
    for name in DATASETS:
        pd.testing.assert_frame_equal(left[name], right[name], obj=name)


def part_files(out: Path) -> dict[str, tuple[int, int]]:
    """Every Parquet file the datasets expose: name -> (inode, mtime_ns)."""
    files = {}
    for name in DATASETS:
        for f in sorted((out / name).glob("*.parquet")):
            st = f.stat()
            files[f"{name}/{f.name}"] = (st.st_ino, st.st_mtime_ns)
    return files


def extract_then_rewrite(path: Path, *args: object) -> object:
    """A per-document job (RunOptions.job) that extracts a file, then rewrites it, as a crawler
    re-downloading during the nightly run does: files whose name holds `rewritten` only."""
    from pipeline.extract import extract_file

    result = extract_file(path, *args)  # type: ignore[arg-type]
    if "rewritten" in Path(path).name:
        with open(path, "ab") as fh:
            fh.write("\n规章\t9\t9\t9\n".encode())
    return result
