"""HTML corpus: CMS article pages of 50-100 KB, as government sites serve them.

Each page carries what makes real pages heavy: a big navigation menu, inline CSS and
JavaScript, a hidden mobile menu, breadcrumbs, share and print bars, related links
and a footer around the report (`synthetic.html_pages.render(..., heavy=True)`). Both
national formats; one page in five is the application table split in two, one in
five is GBK without a declaration. `make bench` times `pandas.read_html` on the same
files as the yardstick (tables only: it neither decodes undeclared GBK nor finds the
report body).
"""

from __future__ import annotations

from pathlib import Path

from synthetic.html_pages import render
from synthetic.report import make_report, write_truth

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
