"""OCR downloads nothing and writes no cache: its models ship inside the installed wheel.

A scanned report made at test time is read in a child process that has no network at all
(a new network namespace: `unshare -n`, as root in CI) and a fresh, empty HOME and
XDG cache; the report must still be read, and nothing may appear under that HOME.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES
from synthetic.scan import Damage, scan_pdf

pytest.importorskip("rapidocr_onnxruntime")
ROOT = Path(__file__).resolve().parents[2]
CHILD = """
import json, sys
import pipeline
result = pipeline.extract_file(sys.argv[1])
print(json.dumps({"status": result.document["status"], "n_facts": result.document["n_facts"]}))
"""


def _offline() -> list[str] | None:
    """A command prefix that runs a child without network, or None where none works here."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return None
    probe = subprocess.run([unshare, "-n", "true"], capture_output=True)
    return [unshare, "-n"] if probe.returncode == 0 else None


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_ocr_reads_a_scan_without_network_and_writes_no_cache(tmp_path: Path) -> None:
    prefix = _offline()
    if prefix is None:
        pytest.skip("cannot make a network namespace here (unshare -n needs root)")
    scan = scan_pdf(FIXTURES / "pdf" / "ruled-2019-sans-repeat-header.pdf", tmp_path / "scan.pdf",
                    Damage(dpi=200, angle=0.7, jpeg=85))
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "HF_", "MODELSCOPE"))}
    env.update(HOME=str(home), XDG_CACHE_HOME=str(home / ".cache"), PYTHONPATH=str(ROOT))
    done = subprocess.run([*prefix, sys.executable, "-c", CHILD, str(scan)], capture_output=True,
                          text=True, env=env, cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["status"] in ("ok", "partial") and out["n_facts"] > 150, out
    assert sorted(p.relative_to(home).as_posix() for p in home.rglob("*")) == []
