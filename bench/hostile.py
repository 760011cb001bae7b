"""Hostile and careless input, one corpus run per case: outcome, time and peak memory.

`python -m bench.hostile [--out DIR] [--only NAME,...]` builds each case at run time (no
bomb is stored), puts it beside the seed report in a raw root of its own and runs
`python -m pipeline extract` on it, sampling the resident memory of the run's parent
and of its largest worker (with the worker's children: LibreOffice) every 20 ms. The
table says what became of the hostile file, whether the seed still came out `ok`, the
run's wall time and both peaks. The tests (tests/hostile, tests/run, tests/extractors)
assert each case; this measures them together.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import psutil

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "fixtures" / "seed" / "000_02079d63849b484b.txt"
DOCX = ROOT / "tests" / "fixtures" / "docx" / "merged-2021.docx"
PDF = ROOT / "tests" / "fixtures" / "pdf" / "real-pdf-hongze-2023" / "report.pdf"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(path: Path, document: bytes, extra: dict[str, bytes] | None = None) -> None:
    with zipfile.ZipFile(DOCX) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            if item.filename != "word/document.xml":
                out.writestr(item, src.read(item))
        out.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            out.writestr(name, data)


def symlinks_out(raw: Path) -> str:
    os.symlink("/etc/passwd", raw / "passwd.txt")
    os.symlink("/proc/self/status", raw / "status.txt")
    return "passwd.txt"


def symlink_loop(raw: Path) -> str:
    os.symlink("b.pdf", raw / "a.pdf")
    os.symlink("a.pdf", raw / "b.pdf")
    return "a.pdf"


def fifo(raw: Path) -> str:
    os.mkfifo(raw / "pipe.txt")
    return "pipe.txt"


def undecodable_names(raw: Path) -> str:
    folder = os.path.join(os.fsencode(raw), b"a")
    os.mkdir(folder)
    for byte in (b"\xff", b"\xfe"):  # two reports, different bytes
        with open(os.path.join(folder, byte + b".txt"), "wb") as fh:
            fh.write(SEED.read_bytes() + b"\n" + byte.hex().encode() + b"\n")
    return "a/"


def zip_directory_wraps(raw: Path) -> str:
    path = raw / "wrapped.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("word/document.xml", f"<w:document xmlns:w='{W}'><w:body/></w:document>")
        for i in range(131_076):  # 131,077 entries: the 16-bit count reads 5
            zf.writestr(f"x/{i:07d}", "")
    data = bytearray(path.read_bytes())
    end = data.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", data, end + 8, 131_077 & 0xFFFF, 131_077 & 0xFFFF)
    path.write_bytes(bytes(data))
    return "wrapped.docx"


def _zip(entries: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A zip written by hand: (name, data as stored, method, crc, declared size) per entry."""
    out, central = bytearray(), bytearray()
    for name, data, method, crc, size in entries:
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc, len(data), size,
                           len(name.encode()), 0) + name.encode() + data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x21, crc,
                               len(data), size, len(name.encode()), 0, 0, 0, 0, 0, offset) + name.encode()
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), len(out), 0)
    return bytes(out + central + end)


def zip_entry_lies(raw: Path) -> str:
    """word/document.xml declares 20 kB and inflates to 1 GB (zipfile does not stop at the
    declared size on Python 3.11)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = f"<w:document xmlns:w='{W}'><w:body><w:p><w:r><w:t>".encode()
    block, crc = b"0" * 2**24, zlib.crc32(body)
    stream = packer.compress(body)
    for _ in range(64):
        stream += packer.compress(block)
        crc = zlib.crc32(block, crc)
    stream += packer.flush()
    with zipfile.ZipFile(DOCX) as src:
        entries = [(i.filename, src.read(i), 0, zlib.crc32(src.read(i)), i.file_size)
                   for i in src.infolist() if i.filename != "word/document.xml"]
    entries.append(("word/document.xml", stream, 8, crc, 20_000))
    (raw / "lying.docx").write_bytes(_zip(entries))
    return "lying.docx"


def billion_laughs(raw: Path) -> str:
    ents = "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 10))
    xml = (f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e0 "lol">{ents}]>'
           f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&e9;</w:t></w:r></w:p></w:body></w:document>')
    _docx(raw / "laughs.docx", xml.encode())
    return "laughs.docx"


def huge_html(raw: Path) -> str:
    row = "<tr><td>行政许可</td><td>1</td><td>2</td></tr>" * 1000
    with open(raw / "huge.html", "w", encoding="utf-8") as fh:
        fh.write("<html><body><table>")
        while fh.tell() < 70 * 2**20:
            fh.write(row)
    return "huge.html"


def unclosed_tags(raw: Path) -> str:
    page = "<html><body>" + "<font><b><span>" * 1200 + SEED.read_text("utf-8").replace("\n", "<br>")
    (raw / "word-page.html").write_text(page, "utf-8")
    return "word-page.html"


def pdf_page_loop(raw: Path) -> str:
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    (raw / "loop.pdf").write_bytes(bytes(out))
    return "loop.pdf"


def pdf_without_trailer(raw: Path) -> str:
    data = PDF.read_bytes()
    (raw / "cut.pdf").write_bytes(data[:data.rfind(b"trailer")])
    return "cut.pdf"


def endless_table(raw: Path) -> str:
    line = "行政许可\t12\t34\t56\t78\n".encode()
    (raw / "endless.txt").write_bytes(line * (7 * 2**20 // len(line)))
    return "endless.txt"


def hanging_doc(raw: Path) -> str:
    from extractors import office

    made = office.convert_batch([DOCX], raw.parent / "conv", target="doc")[DOCX]
    assert isinstance(made, Path), made
    made.replace(raw / "hangs.doc")
    return "hangs.doc"


# name -> (builder, extra CLI arguments, extra environment)
CASES: dict[str, tuple[Callable[[Path], str], tuple[str, ...], dict[str, str]]] = {
    "symlinks out of the root": (symlinks_out, (), {}),
    "symlink loop": (symlink_loop, (), {}),
    "FIFO": (fifo, (), {}),
    "names that decode alike": (undecodable_names, (), {}),
    "zip directory larger than declared": (zip_directory_wraps, (), {}),
    "zip entry inflating past its size": (zip_entry_lies, (), {}),
    "billion laughs (DOCX)": (billion_laughs, (), {}),
    "70 MB HTML": (huge_html, (), {}),
    "3,600 unclosed inline tags": (unclosed_tags, (), {}),
    "PDF page tree loop": (pdf_page_loop, (), {}),
    "PDF without trailer": (pdf_without_trailer, (), {}),
    "7 MB endless table": (endless_table, ("--timeout", "120"), {}),
    "7 MB endless table, 400 MB limit": (endless_table, ("--memory-limit", "400"), {}),
    ".doc that hangs LibreOffice": (hanging_doc, ("--timeout", "10"), {"OGI_SOFFICE": "{hang}"}),
}


def _sample(proc: subprocess.Popen[bytes]) -> tuple[float, float]:
    """Peak resident MB of the process and of its largest child tree, until it exits."""
    parent, worker = psutil.Process(proc.pid), 0
    peak_parent = peak_worker = 0
    while proc.poll() is None:
        try:
            peak_parent = max(peak_parent, parent.memory_info().rss)
            for child in parent.children():
                tree = [child, *child.children(recursive=True)]
                worker = sum(p.memory_info().rss for p in tree if p.is_running())
                peak_worker = max(peak_worker, worker)
        except psutil.Error:
            pass
        time.sleep(0.02)
    return peak_parent / 2**20, peak_worker / 2**20


def run_case(name: str, work: Path) -> dict[str, object]:
    build, args, env = CASES[name]
    raw = work / "raw"
    raw.mkdir(parents=True)
    shutil.copy(SEED, raw / "seed.txt")
    target = build(raw)
    hang = work / "soffice"
    hang.write_text("#!/bin/sh\nexec sleep 600\n")
    hang.chmod(0o755)
    environ = dict(os.environ, PYTHONPATH=str(ROOT), **{k: v.format(hang=hang) for k, v in env.items()})
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "extract", str(raw), str(work / "out"),
                             "--workers", "1", "--progress", "none", *args],
                            cwd=ROOT, env=environ, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    parent_mb, worker_mb = _sample(proc)
    seconds = time.monotonic() - started
    stderr = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    row: dict[str, object] = {"case": name, "exit": proc.returncode, "seconds": round(seconds, 1),
                              "parent_mb": round(parent_mb), "worker_mb": round(worker_mb)}
    try:
        docs = pd.read_parquet(work / "out" / "documents").set_index("path")
        record = json.loads((work / "out" / "run.json").read_text())
    except (OSError, ValueError) as exc:
        row["outcome"] = f"no outputs: {exc} {stderr[-200:]}"
        return row
    row["seed"] = docs.loc["seed.txt", "status"] if "seed.txt" in docs.index else "missing"
    skipped = record.get("skipped", {}).get("count", 0)
    if target.endswith("/"):
        paths = [p for p in docs.index if str(p).startswith(target)]
        row["outcome"] = (f"{len(paths)} paths, {docs.loc[paths, 'doc_id'].nunique()} doc_ids: "
                          + ", ".join(f"{ascii(p)} {docs.loc[p, 'status']}" for p in paths))
    elif target in docs.index:
        hit = docs.loc[target]
        error = "" if pd.isna(hit["error"]) else f": {str(hit['error'])[:90]}"
        row["outcome"] = f"{hit['status']}{error}"
        row["doc_seconds"] = hit["seconds"]
    elif skipped:
        row["outcome"] = f"skipped ({skipped}): {record['skipped']['first'][0][:90]}"
    else:
        row["outcome"] = f"{len(docs)} documents: {', '.join(sorted(map(str, docs.index)))[:90]}"
    return row


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated case names (default: all)")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    args = parser.parse_args(argv)
    names = [n for n in CASES if not args.only or n in args.only.split(",")]
    rows = []
    with tempfile.TemporaryDirectory(prefix="ogi-hostile-") as tmp:
        for i, name in enumerate(names):
            rows.append(run_case(name, Path(tmp) / f"case-{i:02d}"))
            print(f"{name}: {rows[-1]}", file=sys.stderr)
    print("| case | outcome | seed | run s | parent MB | worker MB |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['case']} | {str(r.get('outcome', '')).replace('|', '/')} | {r.get('seed', '')} | "
              f"{r['seconds']} | {r['parent_mb']} | {r['worker_mb']} |")
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1, default=str))


if __name__ == "__main__":
    main()
