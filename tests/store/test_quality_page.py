"""The quality page as a reader sees it: built by the real CLI from fixtures of several formats
and years, then opened in headless Chromium (Debian's, at /usr/bin/chromium; skipped without it).

The page's own script counts the marks each chart really drew (`data-drawn`, from the
browser's layout) and marks the page ready; a script error would leave both unset and show
up on Chromium's console log, which the tests read.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote

import pandas as pd
import pytest
from corpus_support import SEED, run_cli
from lxml import html as lxml_html

from conftest import FIXTURES
from pipeline.store import quality
from pipeline.store.read import read_rows

CHROMIUM = Path("/usr/bin/chromium")
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(),
                                    reason="needs Debian's Chromium at /usr/bin/chromium (apt-get install chromium)")
# (fixture, where it goes under raw): text, HTML, DOCX, PDF; 2019 to 2025; failed checks, partial, failed
INPUTS = [(SEED, "henan/seed.txt"),
          (FIXTURES / "html" / "2019-cms.html", "html/2019-cms.html"),
          (FIXTURES / "html" / "2021-cms.html", "html/2021-cms.html"),
          (FIXTURES / "docx" / "merged-2019.docx", "docx/merged-2019.docx"),
          (FIXTURES / "docx" / "merged-2021.docx", "docx/merged-2021.docx"),
          (FIXTURES / "pdf" / "sweep-200000.pdf", "pdf/sweep-200000.pdf"),
          (FIXTURES / "pdf" / "sweep-200085.pdf", "pdf/sweep-200085.pdf"),
          (FIXTURES / "text" / "tabs_inconsistent_totals_2021.txt", "text/inconsistent.txt"),
          (FIXTURES / "text_dumps" / "hongze_2023_pdftotext_layout.txt", "text/hongze_layout.txt"),
          (FIXTURES / "other" / "empty.txt", "misc/empty.txt")]
# Places as the derive step will give them (fixed here, so the filter's assertions do not
# depend on how places are resolved); the two Hongze names share one agency_id.
PLACES = {"华龙区岳村镇人民政府": ("410902100", "河南省", "township"),
          "武侯区人力资源和社会保障局": ("510107-rs", "四川省", "county"),
          "鼓楼区民政局": ("320106-mz", "江苏省", "county"),
          "长乐区自然资源局": ("350112-zr", "福建省", "county"),
          "江北新区管理委员会": ("320100-jb", "江苏省", "city"),
          "淮安市洪泽区人民政府": ("320813", "江苏省", "county"),
          "洪泽区人民政府": ("320813", "江苏省", "county"),
          "滨海县住房和城乡建设局": ("320922-zj", "江苏省", "county")}
NETWORK = re.compile(r"""(?:\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?//)"""
                     r"""|@import|url\(\s*["']?\s*(?:https?:)?//""", re.I)


@pytest.fixture(scope="module")
def out_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An output root made by `extract` then `report`, as an analyst runs them."""
    root = tmp_path_factory.mktemp("quality")
    for source, target in INPUTS:
        (root / "raw" / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, root / "raw" / target)
    for args in (("extract", root / "raw", root / "out", "--workers", "1"), ("report", root / "out")):
        done = run_cli(*args)
        assert done.returncode == 0, done.stderr
    return root / "out"


@pytest.fixture(scope="module")
def placed_page(out_root: Path) -> Path:
    """The same outputs' page with agency_id, province and level in `reports` (see PLACES)."""
    reports = pd.read_parquet(out_root / "reports")
    places = reports["agency"].map(PLACES)
    reports = reports.assign(agency_id=places.str[0], province=places.str[1], level=places.str[2])
    page = quality.render(pd.read_parquet(out_root / "documents"), pd.read_parquet(out_root / "facts"),
                          pd.read_parquet(out_root / "checks"), reports,
                          series=read_rows(out_root / "series", ["doc_id", "year", "measure", "column", "value"]))
    path = out_root.parent / "placed.html"
    path.write_text(page, encoding="utf-8")
    return path


def open_page(path: Path, profile: Path, fragment: str = "") -> tuple[lxml_html.HtmlElement, list[str]]:
    """The DOM after the page's script ran, and what the page wrote to the console."""
    done = subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", "--window-size=1280,2000", "--dump-dom",
         path.as_uri() + fragment], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
    return lxml_html.fromstring(done.stdout), console


@pytest.fixture(scope="module")
def opened(out_root: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[lxml_html.HtmlElement, list[str]]:
    """The CLI's report.html as Chromium leaves it."""
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's Chromium at /usr/bin/chromium (apt-get install chromium)")
    return open_page(out_root / "report.html", tmp_path_factory.mktemp("chromium"))


def coverage_rows(dom: lxml_html.HtmlElement) -> dict[str, dict[str, str]]:
    """Each grid row by its body name: its attributes and its cells' statuses by year."""
    rows = {}
    for tr in dom.xpath("//table[@id='grid']/tbody/tr"):
        name = tr.xpath("string(td[1]/text())").strip()
        cells = {td.get("data-year"): td.get("data-status", "") for td in tr.xpath("td[@data-year]")}
        rows[name] = {**tr.attrib, **cells}
    return rows


def test_the_page_references_nothing_on_the_network(out_root: Path, placed_page: Path) -> None:
    for path in (out_root / "report.html", placed_page):
        page = path.read_text(encoding="utf-8")
        assert NETWORK.search(page) is None, NETWORK.search(page)
        assert not re.search(r"https?://", page)
        assert re.findall(r"""\b(?:src|href)\s*=\s*["']?([^"' >]*)""", page) == re.findall(
            r"""\bhref\s*=\s*["']?(#[^"' >]*)""", page)  # only in-page anchors
        assert "<link" not in page and "<iframe" not in page and "<img" not in page


def test_without_place_columns_the_grid_groups_by_name_and_has_no_filter(out_root: Path) -> None:
    reports = pd.read_parquet(out_root / "reports")
    bare = reports[[c for c in reports if c not in ("agency_id", "province", "city", "county", "township",
                                                     "level", "kind") and not c.endswith("_code")]]
    page = quality.render(pd.read_parquet(out_root / "documents"), pd.DataFrame({"value": []}),
                          pd.read_parquet(out_root / "checks"), bare)
    assert "<form id='filters'" not in page and "<th>place</th>" not in page
    assert ">淮安市洪泽区人民政府</td>" in page and ">洪泽区人民政府</td>" in page  # two names, two rows


def test_every_text_is_escaped() -> None:
    docs = pd.DataFrame([{"doc_id": "a", "path": "<x>.txt", "format": "text", "status": "failed",
                          "error": "<img src=x onerror=alert(1)>", "agency": "<b>局</b>", "year": 2021,
                          "report_format": None, "n_check_failures": 0}])
    checks = pd.DataFrame(columns=["doc_id", "check", "expected", "actual", "ok"])
    reports = pd.DataFrame([{"agency": "<b>局</b>", "year": 2021, "doc_id": "a", "path": "<x>.txt", "status": "ok",
                             "agency_id": "'><s>", "province": "<i>省", "level": "'x'"}])
    page = quality.render(docs, pd.DataFrame({"value": []}), checks, reports,
                          run={"run_id": "<r>", "raw": "a&b"})
    for raw in ("<img", "<b>局", "<x>", "<r>", "<s>", "<i>", "'x'"):
        assert raw not in page, raw
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "a&amp;b" in page and "&lt;i&gt;省" in page


@needs_chromium
def test_the_page_runs_and_its_charts_draw(opened: tuple[lxml_html.HtmlElement, list[str]]) -> None:
    dom, console = opened
    assert console == []  # no script error, nothing logged
    assert dom.get("data-ready") == "1"
    charts = dom.xpath("//svg[contains(@class,'chart')]")
    kinds = [svg.get("data-chart") for svg in charts]
    assert kinds.count("line") == 4 and kinds.count("bar") == 2 and kinds.count("column") == 1, kinds
    for svg in charts:  # every mark the markup holds has a size in the browser's layout
        assert int(svg.get("data-marks")) > 0 and svg.get("data-drawn") == svg.get("data-marks")
    heads = dom.xpath("//h2/text()")
    assert any(h.startswith("Trends") for h in heads) and any(h.startswith("Checks") for h in heads)


@needs_chromium
def test_the_coverage_grid_shows_every_body_and_year(out_root: Path,
                                                     opened: tuple[lxml_html.HtmlElement, list[str]]) -> None:
    reports = pd.read_parquet(out_root / "reports")
    dom, console = opened
    assert console == []
    rows = coverage_rows(dom)
    # one row per body: its agency_id where the derive step found one, else its name; the latest name shows
    body = (reports["agency_id"].fillna(reports["agency"]) if "agency_id" in reports else reports["agency"])
    latest = reports.assign(body=body).sort_values("year").groupby("body")["agency"].last()
    assert sorted(rows) == sorted(latest)
    years = [int(y) for y in dom.xpath("//table[@id='grid']/thead//th/text()") if y.isdigit()]
    assert years == list(range(2019, 2026))
    for b, year, status in zip(body, reports["year"], reports["status"]):
        assert rows[str(latest[b])][str(year)] == status
    assert rows["华龙区岳村镇人民政府"]["2020"] == ""  # no report: a gap


@needs_chromium
def test_the_grid_groups_by_agency_id_and_filters_by_province_and_level(placed_page: Path, tmp_path: Path) -> None:
    html_page = placed_page.read_text(encoding="utf-8")
    assert "<form id='filters' class='filters' hidden>" in html_page  # without script: no filter, every row
    assert re.search(r"<tr[^>]* hidden", html_page) is None
    # the script reads a pre-selection from the URL's hash, as a shared link carries it
    dom, console = open_page(placed_page, tmp_path, "#province=" + quote("江苏省") + "&level=county")
    assert console == [] and dom.get("data-ready") == "1"
    assert dom.xpath("//form[@id='filters']/@hidden") == []  # the script shows the filters
    rows = coverage_rows(dom)
    assert "淮安市洪泽区人民政府" not in rows  # one agency_id: one row, under its latest name
    assert rows["洪泽区人民政府"]["2022"] == "ok" and rows["洪泽区人民政府"]["2023"] == "partial"
    assert rows["江北新区管理委员会"]["data-province"] == "江苏省"  # a city: level filtered it out
    shown = {name for name, r in rows.items() if "hidden" not in r}
    assert shown == {"鼓楼区民政局", "洪泽区人民政府", "滨海县住房和城乡建设局"}
    grid = dom.xpath("//table[@id='grid']")[0]
    assert grid.get("data-shown") == "3" and dom.xpath("string(//span[@id='shown'])") == "3"
    # the footer counts the shown bodies only: 2022 Hongze and Binhai, 2023 Gulou and Hongze
    footer = {td.get("data-year"): td.text for td in grid.xpath("tfoot//td[@data-year]")}
    assert footer["2022"] == "2" and footer["2023"] == "2" and footer["2019"] == "0"


def test_write_report_on_a_folder_without_outputs_says_so(tmp_path: Path) -> None:
    # the CLI checks first and prints one line (tests/run/test_cli.py); the library says it too
    with pytest.raises(FileNotFoundError, match=r"nowhere holds no outputs \(no documents dataset\)"):
        quality.write_report(tmp_path / "nowhere")
