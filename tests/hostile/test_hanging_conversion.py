"""A .doc that hangs LibreOffice fails alone, within the run's --timeout (issue 12, item 7).

Conversion runs in the worker that extracts the file, so the document's time and memory
limits are the conversion's too: when the watchdog kills the worker, LibreOffice dies
with it (`setpriv --pdeathsig`, its own PID namespace), its scratch folders are swept,
and the other documents never wait for it. No real file hangs LibreOffice on demand:
a stand-in `soffice` (OGI_SOFFICE) that never returns plays the hanging conversion.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import psutil
import pytest
from corpus_support import make_raw, read_outputs, run_cli

from conftest import FIXTURES
from extractors import office

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None,
                                reason="LibreOffice not installed (.ci/run installs it)")


def _hanging(tmp_path: Path) -> Path:
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    fake.write_text(f"#!/bin/sh\nexec sleep 300 # {tmp_path.name}\n")
    fake.chmod(0o755)
    return fake


def test_a_conversion_that_hangs_fails_alone_within_the_documents_limit(tmp_path: Path) -> None:
    raw = make_raw(tmp_path / "raw", n=8)
    src = FIXTURES / "docx" / "merged-2021.docx"
    made = office.convert_batch([src], tmp_path / "conv", target="doc")[src]
    assert isinstance(made, Path), made
    made.replace(raw / "hangs.doc")
    baseline = run_cli("extract", raw, tmp_path / "ref", "--workers", "2", "--timeout", "4",
                       env={"OGI_SOFFICE": "/nonexistent"})
    assert baseline.returncode == 0, baseline.stderr
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    started = time.monotonic()
    proc = run_cli("extract", raw, tmp_path / "out", "--workers", "2", "--timeout", "4",
                   env={"OGI_SOFFICE": str(_hanging(tmp_path)), "TMPDIR": str(scratch)})
    elapsed = time.monotonic() - started
    assert proc.returncode == 0, proc.stderr
    docs = read_outputs(tmp_path / "out")["documents"].set_index("path")
    hung = docs.loc["hangs.doc"]
    assert (hung["status"], hung["format"], hung["error"]) == ("failed", "doc", "timeout: exceeded 4 s")
    # every other document came out as in a run where the .doc failed at once
    ref = read_outputs(tmp_path / "ref")["documents"].set_index("path")
    others = [p for p in ref.index if p != "hangs.doc"]
    assert len(others) >= 10
    assert docs.loc[others, ["doc_id", "status", "n_facts"]].equals(ref.loc[others, ["doc_id", "status", "n_facts"]])
    assert elapsed < 45, f"the run took {elapsed:.0f} s"
    stand_ins = [p for p in psutil.process_iter(["cmdline"])
                 if tmp_path.name in " ".join(p.info["cmdline"] or [])]
    assert stand_ins == []  # the hanging conversion died with its worker
    assert sorted(p.name for p in scratch.iterdir()) == []  # and its scratch folders are gone
