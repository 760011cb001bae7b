"""Corpus runs convert each legacy .doc file in the worker that extracts it (under that
document's limits), and read the same facts as extracting each file alone; one
LibreOffice process over many files (`extract_batch`) reads them alike."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from corpus_support import SEED, read_outputs

import extractors
import pipeline
from conftest import FIXTURES
from extractors import office
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


def test_run_converts_legacy_files_in_its_workers_with_the_same_facts(raw: Path,
                                                                     tmp_path: Path) -> None:
    out = tmp_path / "out"
    rec = run(RunOptions(raw, out, workers=2))
    assert rec["status"] == "completed"
    assert "prepared" not in rec  # nothing converted in the parent
    # each .doc's time is its conversion's, counted against the document (its --timeout)
    timed = pd.read_parquet(out / "documents").set_index("path")["seconds"]
    assert all(timed[f"{name}.doc"] > 0.3 for name in NAMES), timed
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


def test_one_libreoffice_process_over_many_files_reads_them_as_alone(raw: Path) -> None:
    paths = [raw / f"{n}.doc" for n in NAMES] + [raw / "broken.doc"]
    batch = extractors.doc.extract_batch(paths)
    assert [type(batch[p]).__name__ for p in paths] == ["Document"] * 3 + ["ExtractionError"]
    for path in paths[:3]:
        alone = extractors.extract(path)
        assert batch[path].blocks == alone.blocks  # type: ignore[union-attr]
    assert str(batch[paths[3]]).startswith("corrupt legacy Office file (OLE2): ")
