"""Property: perturbed tables give the right values or report the row, never a wrong value.

Hypothesis draws a report (either national format), prints it as flattened text with
visible cells (tabs or pipes), prints some zeros blank (empty, `—`, `/`), then damages the text the ways copies
of real reports are damaged: a value cell dropped, a row shifted by an empty cell, a
label reworded (a space inside, a character changed), noise lines between rows (page
numbers, stray numbers, furniture), one damage per row. Whatever recovery makes of it, every value it places
must be what the report prints in that cell; a dropped cell may be read as blank or
left out, never as another cell's value. OGI_PROPERTY_EXAMPLES sets how many reports
are drawn (150 by default: the suite's time; the note reports a run of 2,000).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pipeline
from synthetic.report import make_report
from synthetic.text import render_text

EXAMPLES = int(os.environ.get("OGI_PROPERTY_EXAMPLES", "150"))
# The default run draws the same 150 reports every time (CI stays reproducible); a run with
# OGI_PROPERTY_EXAMPLES set explores new ones, and what it finds becomes a fixed test.
EXPLORE = "OGI_PROPERTY_EXAMPLES" in os.environ
NOISE = ("- 3 -", "12", "7", "第 2 页 共 5 页", "本页无正文", "（续表）", "单位：件")
RAN: list[int] = []


def _cells(line: str, style: str) -> list[str]:
    return line.split("\t") if style == "tabs" else line.split("|")


def _join(cells: list[str], style: str) -> str:
    return ("\t" if style == "tabs" else "|").join(cells)


def _is_value(cell: str) -> bool:
    return cell.strip().replace(".", "", 1).isdigit()


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          derandomize=not EXPLORE, database=None if not EXPLORE else settings.default.database)
@given(seed=st.integers(0, 10**6), fmt=st.sampled_from(["2019", "2021"]),
       style=st.sampled_from(["tabs", "pipes"]), data=st.data())
def test_perturbed_tables_give_right_values_or_report_the_row(seed: int, fmt: str, style: str,
                                                              data: st.DataObject) -> None:
    report = make_report(seed, fmt)
    truth = dict(report.truth)
    zeros = sorted(k for k, v in truth.items() if v == 0)  # reports leave zeros blank
    for key in data.draw(st.lists(st.sampled_from(zeros), max_size=12), label="blanked"):
        report.values[key], truth[key] = data.draw(st.sampled_from(["", "—", "/"])), None
    lines = render_text(report, style).split("\n")
    rows = [i for i, ln in enumerate(lines) if any(_is_value(c) for c in _cells(ln, style))]
    dropped: set[str] = set()  # the printed texts of dropped cells
    damaged: set[int] = set()
    for _ in range(data.draw(st.integers(0, 6), label="damages")):
        i = data.draw(st.sampled_from(rows), label="row")
        if i in damaged:
            continue  # one damage per row: a row both cut and shifted is another row's cells
        damaged.add(i)
        cells = _cells(lines[i], style)
        kind = data.draw(st.sampled_from(["drop", "shift", "reword", "noise"]), label="kind")
        values = [j for j, c in enumerate(cells) if _is_value(c)]
        if kind == "drop" and values:
            j = data.draw(st.sampled_from(values), label="cell")
            dropped.add(cells.pop(j).strip())
        elif kind == "shift":
            if data.draw(st.booleans(), label="right"):
                cells = [""] + cells
            elif len(cells) > 1:
                if _is_value(cells[0]):
                    dropped.add(cells[0].strip())  # shifting out a value drops it
                cells = cells[1:]
        elif kind == "reword" and any(len(c) > 2 and not _is_value(c) for c in cells):
            label = max(range(len(cells)), key=lambda j: len(cells[j]))  # a label, not a value
            text = cells[label]
            at = data.draw(st.integers(1, max(1, len(text) - 1)), label="at")
            cells[label] = (text[:at] + " " + text[at:] if data.draw(st.booleans(), label="space")
                            else text[:at - 1] + "之" + text[at:])
        elif kind == "noise":
            lines.insert(i, data.draw(st.sampled_from(NOISE), label="noise"))
            rows = [r + (r >= i) for r in rows]
            damaged = {r + (r >= i) for r in damaged}
            continue
        lines[i] = _join(cells, style)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        result = pipeline.extract_file(path)
    wrong = []
    for f in result.fact_rows:
        key = (f["table"], f["row"], f["column"])
        want = truth.get(key, "not printed")
        if f["value"] == want or (f["value"] is None and dropped):
            continue  # right, or a dropped cell read as the blank it now looks like
        wrong.append(f"{'.'.join(key)}: placed {f['value']!r} ({f['raw']!r}), prints {want!r}")
    assert wrong == [], "\n".join(lines)
    RAN.append(1)


def test_the_property_ran_on_every_example() -> None:
    """Hypothesis ran the property above on as many reports as asked (a guard on the count)."""
    assert len(RAN) >= EXAMPLES * 0.9 or not RAN, len(RAN)


def test_a_row_that_reads_two_ways_by_its_sums_is_not_placed() -> None:
    """Hypothesis found it: `\\t2.重复申请\\t\\t0\\t0\\t0\\t0\\t0\\t0`, one tab fewer than its table's
    lines, natural_person blank and six zeros. Read as printed, or as a line whose trailing blank
    total an editor stripped, both add up (all zeros): the row is reported, never shifted."""
    report = make_report(9, "2019")
    truth = dict(report.truth)
    for key in [("applications", "carried_forward", "business"),
                ("applications", "rejected_duplicate", "natural_person")]:
        report.values[key], truth[key] = "", None
    lines = render_text(report, "tabs").split("\n")
    assert lines[50] == "\t\t2.重复申请\t\t0\t0\t0\t0\t0\t0"
    lines[50] = lines[50][1:]  # the merged group cell's tab lost
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        result = pipeline.extract_file(path)
    got = {(f["table"], f["row"], f["column"]): f["value"] for f in result.fact_rows}
    assert [k for k, v in got.items() if v != truth.get(k, "not printed")] == []
    assert "applications.rejected_duplicate" in result.document["error"]
