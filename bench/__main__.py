"""`make bench` (`python -m bench --n N`): throughput and memory, per format and for a whole corpus.

1. Builds a mixed corpus of N documents under `bench/out/corpus-N/`, an equal share per
   format from every corpus maker present (`synthetic/<format>.py` with `make_corpus`).
   Makers that are slow (PDF goes through LibreOffice) make at most a few hundred
   originals; the rest of their share are byte-distinct copies (a PDF comment after
   `%%EOF`, a zip comment), which the pipeline must still hash and extract in full.
   Originals are cached under `bench/out/makers/`, so a second bench starts at once.
2. Per format, in a fresh subprocess: docs/s of `pipeline.extract_file` on one core, peak
   memory, and the ratio to the format's yardstick (the reference tool on the same files).
3. The whole corpus through `python -m pipeline extract`: docs/s with 1 worker and with
   every core, peak memory of the parent and of the largest worker, and the time of a
   re-run over the unchanged corpus.

Results print as a table and go to `bench/out/bench.json`.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import os
import pkgutil
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from types import ModuleType
from typing import Any

import synthetic

from .yardsticks import YARDSTICKS

BENCH = Path(__file__).resolve().parent
OUT = BENCH / "out"
NOT_MAKERS = {"report", "html_pages", "html_word"}
# Originals per format at most; the rest of a format's share are distinct copies.
UNIQUE_CAP = {"pdf": 120, "docx": 400}
SAMPLE = 200  # documents per format for the one-core measurement


def makers(only: list[str] | None) -> dict[str, ModuleType]:
    """Corpus makers present in `synthetic/`: module name -> module."""
    found = {}
    for info in pkgutil.iter_modules(synthetic.__path__):
        if info.name in NOT_MAKERS or (only and info.name not in only):
            continue
        module = importlib.import_module(f"synthetic.{info.name}")
        if hasattr(module, "make_corpus"):
            found[info.name] = module
    return found


def originals(name: str, module: ModuleType, n: int) -> list[Path]:
    """`n` files from one maker, cached under bench/out/makers/<name>-<n>/."""
    folder = OUT / "makers" / f"{name}-{n}"
    listing = folder / "files.txt"
    if listing.exists():
        return [Path(p) for p in listing.read_text().splitlines()]
    shutil.rmtree(folder, ignore_errors=True)
    paths = [Path(p).resolve() for p in module.make_corpus(folder / "files", n)]
    listing.write_text("\n".join(map(str, paths)))
    return paths


def distinct_copy(src: Path, dst: Path, k: int) -> None:
    """A copy of `src` whose bytes differ but whose content reads the same."""
    data = src.read_bytes()
    if data.startswith(b"%PDF"):
        dst.write_bytes(data + f"\n%bench copy {k}\n".encode())
    elif data.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
            for item in zin.infolist():
                zout.writestr(item, zin.read(item.filename))
            zout.comment = f"bench copy {k}".encode()
    else:
        raise ValueError(f"no distinct copy for {src}")


def build_corpus(n: int, found: dict[str, ModuleType]) -> tuple[Path, dict[str, Any]]:
    """The mixed corpus of `n` documents and, per format, (originals, copies, sample paths)."""
    root = OUT / f"corpus-{n}-{'-'.join(sorted(found))}"
    shares = {name: n // len(found) + (i < n % len(found)) for i, name in enumerate(sorted(found))}
    info: dict[str, Any] = {}
    fresh = not (root / ".complete").exists()
    if fresh:
        shutil.rmtree(root, ignore_errors=True)
    for name, share in list(shares.items()):
        unique = min(share, UNIQUE_CAP.get(name, share))
        try:
            paths = originals(name, found[name], unique) if share else []
        except Exception as exc:  # e.g. LibreOffice missing for PDF: bench the other formats
            print(f"skipping {name}: its corpus maker failed: {type(exc).__name__}: {exc}",
                  file=sys.stderr)
            continue
        info[name] = {"share": share, "originals": len(paths), "copies": share - len(paths),
                      "sample": paths[:SAMPLE]}
        if fresh:
            folder = root / name
            folder.mkdir(parents=True)
            for i in range(share):
                src = paths[i % len(paths)]
                dst = folder / f"{i:05d}{src.suffix}"
                if i < len(paths):
                    os.link(src, dst)
                else:
                    distinct_copy(src, dst, i)
    (root / ".complete").touch()
    return root, info


def measure(*args: str) -> dict[str, Any]:
    """Run `python -m bench.measure ARGS` and parse its JSON line."""
    proc = subprocess.run([sys.executable, "-m", "bench.measure", *args], cwd=BENCH.parent,
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"bench.measure {args[0]} failed:\n{proc.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def per_format(info: dict[str, Any], found: dict[str, ModuleType]) -> dict[str, Any]:
    """One-core docs/s, peak memory and yardstick ratio of each format."""
    rows = {}
    for name, item in info.items():
        sample: list[Path] = item["sample"]
        if not sample:
            continue
        listing = OUT / f"sample-{name}.txt"
        listing.write_text("\n".join(map(str, sample)))
        m = measure("format", str(listing))
        row = {"documents": m["documents"], "docs_per_s": round(m["documents"] / m["seconds"], 1),
               "ms_per_doc": round(1000 * m["seconds"] / m["documents"], 2),
               "peak_mb": m["peak_mb"], "statuses": m["statuses"], "cells": m["cells"]}
        if name in YARDSTICKS:
            tool, seconds = YARDSTICKS[name](sample)
            row.update(yardstick=tool, yardstick_s=round(seconds, 3),
                       ratio=round(m["seconds"] / seconds, 2) if seconds else None)
        rows[name] = row
    return rows


def corpus_runs(corpus: Path, n: int, workers: list[int]) -> dict[str, Any]:
    """The whole corpus through the CLI with each worker count, then an unchanged re-run."""
    runs: dict[str, Any] = {}
    last_out = None
    for w in workers:
        out = OUT / f"clean-{n}-w{w}"
        shutil.rmtree(out, ignore_errors=True)
        m = measure("run", "extract", str(corpus), str(out), "--workers", str(w),
                    "--progress", "none")
        rec = json.loads((out / "run.json").read_text())
        extract_s = rec["durations"]["extract"]
        runs[f"workers_{w}"] = {
            "workers": w, "exit": m["exit"], "seconds": m["seconds"],
            "extract_seconds": extract_s, "extracted": rec["extracted"]["documents"],
            "docs_per_s": round(rec["extracted"]["documents"] / extract_s, 1),
            "parent_peak_mb": m["parent_peak_mb"], "worker_peak_mb": m["worker_peak_mb"],
            "by_status": rec["documents"]["by_status"]}
        last_out = out
    assert last_out is not None
    start = time.perf_counter()
    m = measure("run", "extract", str(corpus), str(last_out), "--progress", "none")
    rec = json.loads((last_out / "run.json").read_text())
    runs["unchanged_rerun"] = {"command_seconds": round(time.perf_counter() - start, 3),
                               "run_seconds": rec["durations"]["total"],
                               "extracted": rec["extracted"]["documents"],
                               "outputs_changed": rec["outputs"]["changed"],
                               "parent_peak_mb": m["parent_peak_mb"]}
    return runs


DOC_FILES = 20


def doc_conversion() -> dict[str, Any]:
    """Legacy .doc through LibreOffice: s/file converted one at a time, and in a corpus run.

    Kept apart from the mixed corpus: a conversion costs a LibreOffice start, and a
    share of N=10000 would take the bench an hour.
    """
    from synthetic.docx import make_doc_corpus

    folder = OUT / "makers" / f"doc-{DOC_FILES}"
    listing = folder / "files.txt"
    if not listing.exists():
        shutil.rmtree(folder, ignore_errors=True)
        paths = make_doc_corpus(folder / "files", DOC_FILES)
        listing.write_text("\n".join(str(p.resolve()) for p in paths))
    paths = [Path(p) for p in listing.read_text().splitlines()]
    sample = OUT / "sample-doc.txt"
    sample.write_text("\n".join(map(str, paths)))
    single = measure("format", str(sample))
    raw = OUT / "doc-raw"
    shutil.rmtree(raw, ignore_errors=True)
    raw.mkdir()
    for p in paths:
        os.link(p, raw / p.name)
    out = OUT / "doc-clean"
    shutil.rmtree(out, ignore_errors=True)
    run = measure("run", "extract", str(raw), str(out), "--progress", "none")
    return {"files": len(paths), "single_s_per_file": round(single["seconds"] / len(paths), 3),
            "run_s_per_file": round(run["seconds"] / len(paths), 3), "cells": single["cells"],
            "statuses": single["statuses"]}


SCANS = (("300 dpi, leaning 1.5°, specks, blur, JPEG 70, a red seal",
          {"dpi": 300, "angle": 1.5, "specks": 300, "blur": 0.6, "jpeg": 70, "seal": True}),
         ("150 dpi, leaning -2°, specks, JPEG 80, a red seal",
          {"dpi": 150, "angle": -2.0, "specks": 200, "blur": 0.4, "jpeg": 80, "seal": True}))
SCAN_FILES = 4


def scans(pdfs: list[Path]) -> list[dict[str, Any]]:
    """Scanned reports made from born-digital PDFs of the corpus (`synthetic.scan`), read on
    one core: seconds per page read by OCR, peak memory, the share of pages OCR read, cells."""
    from synthetic.scan import Damage, scan_pdf

    out = []
    for k, (name, how) in enumerate(SCANS):
        folder = OUT / "makers" / f"scan-{k}-{SCAN_FILES}"
        listing = folder / "files.txt"
        if not listing.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            made = []
            for i, src in enumerate(pdfs[:SCAN_FILES]):
                dst = scan_pdf(src, folder / f"scan-{i}.pdf", Damage(**how), seed=i)
                truth = src.with_name(src.stem + ".truth.csv")
                if truth.exists():
                    shutil.copy(truth, folder / f"scan-{i}.truth.csv")
                made.append(str(dst))
            listing.write_text("\n".join(made))
        m = measure("format", str(listing))
        out.append({"scan": name, "files": m["documents"], "pages": m["pages"],
                    "pages_ocr": m["pages_ocr"],
                    "s_per_page": round(m["seconds"] / max(1, m["pages_ocr"]), 2),
                    "peak_mb": m["peak_mb"], "cells": m["cells"], "statuses": m["statuses"]})
    return out


def report(n: int, info: dict[str, Any], formats: dict[str, Any], runs: dict[str, Any]) -> str:
    """The tables `make bench` prints."""
    lines = [f"corpus: {n} documents  ("
             + ", ".join(f"{k} {v['share']} = {v['originals']} originals + {v['copies']} copies"
                         for k, v in info.items()) + ")", "",
             f"{'format':<8}{'docs':>6}{'docs/s':>9}{'ms/doc':>9}{'peak MB':>9}"
             f"{'cells right':>13}{'wrong':>7}  yardstick"]
    for name, r in formats.items():
        yard = (f"{r['ratio']:.2f}x the time of {r['yardstick']} ({r['yardstick_s']:.2f} s)"
                if r.get("yardstick") else "-")
        c = r["cells"]
        total = c["right"] + c["wrong"] + c["missing"]
        right = f"{100 * c['right'] / total:.2f}%" if total else "-"
        lines.append(f"{name:<8}{r['documents']:>6}{r['docs_per_s']:>9.1f}{r['ms_per_doc']:>9.2f}"
                     f"{r['peak_mb']:>9.0f}{right:>13}{c['wrong']:>7}  {yard}")
    lines += ["", f"{'run':<18}{'docs/s':>9}{'seconds':>9}{'parent MB':>11}{'worker MB':>11}"]
    for key, r in runs.items():
        if key.startswith("workers_"):
            lines.append(f"{r['workers']:>2} worker(s)       {r['docs_per_s']:>9.1f}"
                         f"{r['seconds']:>9.1f}{r['parent_peak_mb']:>11.0f}"
                         f"{r['worker_peak_mb']:>11.0f}")
    keys = [k for k in runs if k.startswith("workers_")]
    if len(keys) > 1:
        first, last = runs[keys[0]], runs[keys[-1]]
        lines.append(f"speed-up {last['workers']} vs {first['workers']} workers: "
                     f"{last['docs_per_s'] / first['docs_per_s']:.2f}x")
    u = runs["unchanged_rerun"]
    lines.append(f"unchanged re-run: {u['command_seconds']:.2f} s for the command "
                 f"({u['run_seconds']:.2f} s in the run), {u['extracted']} extracted, "
                 f"outputs {'rewritten' if u['outputs_changed'] else 'untouched'}, "
                 f"parent peak {u['parent_peak_mb']:.0f} MB")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Build, measure, print, save."""
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--n", type=int, default=300, help="documents in the corpus")
    parser.add_argument("--formats", help="comma-separated makers to use (default: all)")
    parser.add_argument("--workers", default=f"1,{os.cpu_count() or 1}",
                        help="worker counts for the corpus runs (default: 1 and every core)")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    found = makers(args.formats.split(",") if args.formats else None)
    if not found:
        print("no corpus makers found in synthetic/", file=sys.stderr)
        return 1
    t0 = time.perf_counter()
    corpus, info = build_corpus(args.n, found)
    print(f"corpus built in {time.perf_counter() - t0:.1f} s: {corpus}", file=sys.stderr)
    formats = per_format(info, found)
    workers = sorted({int(w) for w in args.workers.split(",")})
    runs = corpus_runs(corpus, args.n, workers)
    print(report(args.n, info, formats, runs))
    doc: dict[str, Any] = {}
    if shutil.which(os.environ.get("OGI_SOFFICE", "soffice")) and not args.formats:
        doc = doc_conversion()
        c = doc["cells"]
        print(f"legacy .doc ({doc['files']} files): {doc['single_s_per_file']:.2f} s/file converted one "
              f"at a time, {doc['run_s_per_file']:.2f} s/file in a corpus run (whole command); "
              f"cells right {c['right']}, wrong {c['wrong']}, missing {c['missing']}")
    scanned: list[dict[str, Any]] = []
    if "pdf" in info and shutil.which("pdftoppm") and importlib.util.find_spec("rapidocr_onnxruntime"):
        scanned = scans(info["pdf"]["sample"])
        for s in scanned:
            c = s["cells"]
            total = c["right"] + c["wrong"] + c["missing"]
            print(f"scanned ({s['scan']}): {s['s_per_page']:.2f} s/page on one core, peak "
                  f"{s['peak_mb']:.0f} MB, {s['pages_ocr']} of {s['pages']} pages read by OCR; cells right "
                  f"{100 * c['right'] / max(1, total):.1f}%, wrong {c['wrong']}, missing {c['missing']}")
    for item in info.values():
        item["sample"] = len(item["sample"])
    (OUT / "bench.json").write_text(json.dumps(
        {"n": args.n, "cpus": os.cpu_count(), "corpus": info, "formats": formats, "runs": runs,
         "doc": doc, "scans": scanned},
        indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
