"""HTML bench corpus: CMS article pages of 50-100 KB, as government sites serve them.

Each page carries what makes real pages heavy: a big navigation menu, inline CSS and
JavaScript, a hidden mobile menu, breadcrumbs, share and print bars, related links
and a footer around the report (`bench.html_pages.render(..., heavy=True)`). Both
national formats; one page in five is the application table split in two, one in
five is GBK without a declaration. The yardstick is `pandas.read_html` on the same
files (tables only: it neither decodes undeclared GBK nor finds the report body).

    python -m bench.html OUT N   # write a corpus; print extractor and yardstick timings
"""

from __future__ import annotations

import resource
import sys
import time
import tracemalloc
from pathlib import Path

from bench.html_pages import render
from bench.synth import make_report, write_truth

STYLE_CYCLE = ("cms", "cms", "split", "cms", "undeclared-gbk")


def make_corpus(out_dir: Path, n: int) -> list[Path]:
    """`n` heavy CMS pages (both formats, some split tables, some undeclared GBK) with truths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        report = make_report(10_000 + i, "2021" if i % 3 else "2019")
        path = out_dir / f"html_{i:05d}.html"
        path.write_bytes(render(report, STYLE_CYCLE[i % len(STYLE_CYCLE)], heavy=True).data)
        write_truth(report, path.with_suffix(".truth.csv"))
        paths.append(path)
    return paths


def yardstick(paths: list[Path]) -> tuple[str, float]:
    """Seconds `pandas.read_html` (lxml flavour) takes to read the tables of the same files."""
    import pandas as pd

    start = time.perf_counter()
    for p in paths:
        pd.read_html(p, flavor="lxml")
    return "pandas.read_html", time.perf_counter() - start


def extractor_seconds(paths: list[Path]) -> float:
    """Seconds the HTML extractor alone takes over the files (no template recovery)."""
    from extractors import html

    start = time.perf_counter()
    for p in paths:
        html.extract(p)
    return time.perf_counter() - start


def main(argv: list[str]) -> None:
    """Write a corpus and report per-document timings and peak Python memory of the extractor."""
    out, n = Path(argv[0]), int(argv[1])
    paths = make_corpus(out, n)
    kb = sum(p.stat().st_size for p in paths) / len(paths) / 1024
    extractor_seconds(paths[:5])  # warm imports and caches
    seconds = extractor_seconds(paths)
    tracemalloc.start()
    extractor_seconds(paths[:20])
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    name, ref = yardstick(paths)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    sys.stdout.write(f"{n} pages, mean {kb:.0f} KB: extractor {1000 * seconds / n:.2f} ms/doc "
                     f"({n / seconds:.0f} docs/s), Python heap peak {peak:.1f} MiB, "
                     f"process max RSS {rss:.0f} MiB; {name} {1000 * ref / n:.2f} ms/doc\n")


if __name__ == "__main__":
    main(sys.argv[1:])
