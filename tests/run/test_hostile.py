"""Damaged files from the internet: every mutation of a real fixture ends with a clear status.

Truncations and flipped bytes (a fixed seed, so the test is the same every run) must
come out as a document with a status, and a failure must carry the extractor's own
message, never a bare `extract: SomeError` from deep inside a parser.
"""

from __future__ import annotations

import random
from pathlib import Path

import pipeline
from conftest import FIXTURES

SOURCES = sorted(p for p in FIXTURES.rglob("*") if p.suffix in (".pdf", ".docx", ".html", ".txt")
                 and 0 < p.stat().st_size < 400_000)


def test_mutated_files_fail_clearly(tmp_path: Path) -> None:
    rng = random.Random(20261125)
    unclear = []
    for i in range(240):
        src = rng.choice(SOURCES)
        data = bytearray(src.read_bytes())
        if rng.random() < 0.5:
            data = data[:rng.randint(1, len(data))]
        for _ in range(rng.randint(0, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        path = tmp_path / f"m{i}{src.suffix}"
        path.write_bytes(bytes(data))
        doc = pipeline.extract_file(path).document
        assert doc["status"] in ("ok", "partial", "other_format", "not_report", "failed")
        if str(doc["error"] or "").startswith(("extract:", "recover:")):
            unclear.append(f"{src.name}: {doc['error'][:120]}")
    assert unclear == []
