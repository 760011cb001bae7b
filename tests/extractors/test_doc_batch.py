"""Corpus runs convert their legacy .doc files in one LibreOffice batch, ahead of the workers,
and read the same facts as extracting each file alone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from corpus_support import SEED, read_outputs

import extractors
import pipeline
from conftest import FIXTURES
from extractors import identify, office
from extractors.errors import ExtractionError
from pipeline.run import RunOptions, run

NAMES = ("merged-2021", "merged-2019", "numbering-2021")
FACT_COLUMNS = ["table", "row", "column", "value", "raw"]

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None,
                                reason="LibreOffice not installed (.ci/run installs it)")


@pytest.fixture(scope="module")
def raw(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three DOCX fixtures as .doc (one LibreOffice process), a damaged OLE2 file, a text report."""
    root = tmp_path_factory.mktemp("raw")
    docx = [FIXTURES / "docx" / f"{n}.docx" for n in NAMES]
    converted = office.convert_batch(docx, tmp_path_factory.mktemp("conv"), target="doc")
    for name, src in zip(NAMES, docx):
        result = converted[src]
        assert isinstance(result, Path), result
        result.replace(root / f"{name}.doc")
    head = (root / f"{NAMES[0]}.doc").read_bytes()[:512]
    (root / "broken.doc").write_bytes(head + b"\xff" * 600)
    shutil.copy(SEED, root / "seed.txt")
    return root


def _facts(df: pd.DataFrame) -> pd.DataFrame:
    return df[FACT_COLUMNS].astype(str).sort_values(FACT_COLUMNS).reset_index(drop=True)


def test_run_converts_legacy_files_in_one_batch_with_the_same_facts(raw: Path,
                                                                   tmp_path: Path) -> None:
    out = tmp_path / "out"
    rec = run(RunOptions(raw, out, workers=2))
    assert rec["status"] == "completed"
    prepared = rec["prepared"]
    assert {k: prepared[k] for k in ("doc", "failed", "batches")} == {"doc": 4, "failed": 1,
                                                                     "batches": 1}
    assert not list((out / ".cache").glob("prepared-*"))  # the work dir is removed
    # Workers read the batch's DOCX: none started LibreOffice itself (about 1 s a file).
    timed = pd.read_parquet(out / "documents").set_index("path")["seconds"]
    assert all(timed[f"{name}.doc"] < 0.5 for name in NAMES), timed
    outputs = read_outputs(out)
    docs = outputs["documents"].set_index("path")
    assert docs.loc["seed.txt", "status"] == "ok"
    broken = docs.loc["broken.doc"]
    assert (broken["status"], broken["format"]) == ("failed", "doc")
    assert broken["error"].startswith("corrupt legacy Office file (OLE2): ")
    alone_broken = pipeline.extract_file(raw / "broken.doc").document
    assert broken["error"] == alone_broken["error"]
    assert broken["doc_id"] == alone_broken["doc_id"]
    for name in NAMES:
        row = docs.loc[f"{name}.doc"]
        alone = pipeline.extract_file(raw / f"{name}.doc", raw)
        assert (row["status"], row["format"]) == ("ok", "doc")
        assert row["doc_id"] == alone.document["doc_id"]
        assert row["n_facts"] == alone.document["n_facts"] > 0
        got = outputs["facts"][outputs["facts"]["doc_id"] == row["doc_id"]]
        pd.testing.assert_frame_equal(_facts(got), _facts(alone.facts))


def test_prepared_docx_and_prepared_error_reach_extract_file(raw: Path, tmp_path: Path) -> None:
    paths = [raw / f"{n}.doc" for n in NAMES[:2]] + [raw / "broken.doc"]
    assert "doc" in extractors.batch_formats() and "pdf" not in extractors.batch_formats()
    made = extractors.prepare({"doc": paths}, tmp_path / "work")
    assert [type(made[p]).__name__ for p in paths] == ["PosixPath", "PosixPath", "ExtractionError"]
    docx = made[paths[0]]
    assert isinstance(docx, Path) and docx.is_relative_to(tmp_path / "work")
    result = pipeline.extract_file(paths[0], raw, prepared=docx)
    assert result.document["format"] == "doc" and result.document["status"] == "ok"
    assert result.document["doc_id"] == identify(paths[0]).sha256  # the original's, not the DOCX's
    failed = pipeline.extract_file(paths[1], raw, prepared=ExtractionError("LibreOffice died"))
    doc = failed.document
    assert (doc["status"], doc["format"], doc["error"]) == ("failed", "doc", "LibreOffice died")
    assert doc["doc_id"] == identify(paths[1]).sha256
