"""Small inline-SVG charts for the quality page: stacked columns, stacked bars, lines.

Each function takes plain lists and returns one `<svg class="chart">` string, every text
escaped, sized by its viewBox so CSS can scale it. Every drawn mark has `class="mark"`
and a `<title>` (the browser's tooltip); the `<svg>` says how many in `data-marks`, so a
test (or the page's own script) can tell a chart that drew from one that did not.
No script, no fonts, no network (inline SVG in HTML needs no namespace address): the
page's CSS gives the text its font and the lines their strokes.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence

PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
           "#ff9da7", "#9c755f", "#bab0ac")
FONT = 11  # px, the tick and legend text
Stack = tuple[str, Sequence[float]]  # a series name and one value per category
Line = tuple[str, Sequence[float | None]]  # a line name and one value (or a gap) per x
CSS = """
figure{margin:0;background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:.6em .8em}
figcaption{font-weight:600;margin-bottom:.3em}svg.chart{display:block;width:100%;height:auto;max-width:44em}
svg.chart text{font-size:11px;fill:#333}svg.chart .axis-label{font-size:12px;fill:#555}
svg.chart .grid{stroke:#e3e6ea}svg.chart .axis{stroke:#888}svg.chart .line{fill:none;stroke-width:2.2}
"""


def esc(text: object) -> str:
    """`text` escaped for HTML and SVG, quotes included."""
    return html.escape(str(text), quote=True)


def number(value: float, percent: bool = False) -> str:
    """A value as printed on the page: 1,234 or 12.5, or 12.5% for a share."""
    if percent:
        return f"{value:.1%}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _tick(value: float, percent: bool) -> str:
    """An axis tick: 20% rather than 20.0%."""
    return f"{value:.0%}" if percent and abs(value * 100 - round(value * 100)) < 1e-9 else number(value, percent)


def text_width(text: str, size: float = FONT) -> float:
    """Roughly how wide `text` sets: a CJK character is an em, anything else about 0.6."""
    return sum(size if ord(ch) > 0x2E7F else 0.6 * size for ch in text)


def ticks(top: float, count: int = 5, integer: bool = True) -> list[float]:
    """Round axis ticks from 0 to at least `top` (steps of 1, 2, 2.5 or 5 times a power of 10)."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw * (1 - 1e-9))
    if integer:
        step = max(step, 1.0)
    return [i * step for i in range(math.ceil(top / step - 1e-9) + 1)]


def colour(names: Sequence[str], given: Mapping[str, str] | None = None) -> dict[str, str]:
    """A colour for each name: the one given for it, else the next of the palette."""
    given = given or {}
    free = iter(c for c in PALETTE * 3 if c not in given.values())
    return {n: given.get(n) or next(free) for n in names}


def _legend(names: Sequence[str], colours: Mapping[str, str], x: float, y: float, width: float) -> tuple[str, float]:
    """A legend row (wrapping) starting at (x, y); the markup and the height it takes."""
    out, cx, cy = [], x, y
    for name in names:
        w = 14 + text_width(name) + 14
        if cx + w > x + width and cx > x:
            cx, cy = x, cy + FONT + 6
        out.append(f'<rect x="{cx:.1f}" y="{cy:.1f}" width="10" height="10" fill="{colours[name]}"/>'
                   f'<text x="{cx + 14:.1f}" y="{cy + 9:.1f}">{esc(name)}</text>')
        cx += w
    return "".join(out), cy - y + FONT + 10


def _svg(kind: str, width: float, height: float, marks: int, label: str, body: str) -> str:
    return (f'<svg class="chart" data-chart="{kind}" data-marks="{marks}" viewBox="0 0 {width:.0f} {height:.0f}" '
            f'width="{width:.0f}" height="{height:.0f}" role="img" aria-label="{esc(label)}">'
            f'{body}</svg>')


def _y_axis(scale: list[float], left: float, top: float, plot_w: float, plot_h: float,
            label: str, percent: bool) -> str:
    """Horizontal grid lines with tick labels on the left, and the axis label turned upright."""
    top_value = scale[-1]
    out = []
    for t in scale:
        y = top + plot_h - plot_h * t / top_value
        out.append(f'<line class="grid" x1="{left:.1f}" x2="{left + plot_w:.1f}" y1="{y:.1f}" y2="{y:.1f}"/>'
                   f'<text x="{left - 5:.1f}" y="{y + 4:.1f}" text-anchor="end">{esc(_tick(t, percent))}</text>')
    mid = top + plot_h / 2
    out.append(f'<text class="axis-label" transform="translate(12 {mid:.1f}) rotate(-90)" '
               f'text-anchor="middle">{esc(label)}</text>')
    return "".join(out)


def _x_label(label: str, left: float, plot_w: float, y: float) -> str:
    return f'<text class="axis-label" x="{left + plot_w / 2:.1f}" y="{y:.1f}" text-anchor="middle">{esc(label)}</text>'


def column_chart(categories: Sequence[str], stacks: Sequence[Stack], *, x_label: str, y_label: str,
                 colours: Mapping[str, str] | None = None, width: float = 560, height: float = 300,
                 percent: bool = False) -> str:
    """Vertical columns, one per category, each a stack of the series' values (zeros not drawn)."""
    names = [name for name, values in stacks if any(values)]
    cols = colour(names, colours)
    legend, legend_h = _legend(names, cols, 48, 6, width - 56) if len(stacks) > 1 else ("", 4.0)
    left, top, right, bottom = 54.0, 6 + legend_h, 10.0, 44.0
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [sum(values[i] for _, values in stacks) for i in range(len(categories))]
    scale = ticks(max(totals, default=0.0), integer=not percent)
    band = plot_w / max(len(categories), 1)
    bar_w = min(band * 0.7, 48.0)
    out, marks = [_y_axis(scale, left, top, plot_w, plot_h, y_label, percent)], 0
    for i, category in enumerate(categories):
        x = left + band * i + (band - bar_w) / 2
        base = top + plot_h
        for name, values in stacks:
            if not values[i]:
                continue
            h = plot_h * values[i] / scale[-1]
            base -= h
            out.append(f'<rect class="mark" x="{x:.1f}" y="{base:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                       f'fill="{cols[name]}"><title>{esc(category)} · {esc(name)}: '
                       f'{esc(number(values[i], percent))}</title></rect>')
            marks += 1
        out.append(f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h + 15:.1f}" text-anchor="middle">'
                   f'{esc(category)}</text>')
    out.append(f'<line class="axis" x1="{left:.1f}" x2="{left + plot_w:.1f}" y1="{top + plot_h:.1f}" '
               f'y2="{top + plot_h:.1f}"/>')
    out.append(_x_label(x_label, left, plot_w, height - 8))
    return _svg("column", width, height, marks, y_label, legend + "".join(out))


def bar_chart(labels: Sequence[str], stacks: Sequence[Stack], *, x_label: str,
              colours: Mapping[str, str] | None = None, width: float = 600, percent: bool = False,
              notes: Sequence[str] | None = None) -> str:
    """Horizontal bars, one per label (on the left), each a stack of the series' values.

    `notes` prints a text after each bar (e.g. "3 of 40"); labels too long are cut with "…".
    """
    names = [name for name, values in stacks if any(values)]
    cols = colour(names, colours)
    room = width * 0.5 - 12
    shown = [lab if text_width(lab) <= room else lab[: max(1, int(len(lab) * room / text_width(lab)) - 1)] + "…"
             for lab in labels]
    left = max((text_width(s) for s in shown), default=20) + 12
    legend, legend_h = _legend(names, cols, left, 6, width - left - 8) if len(stacks) > 1 else ("", 4.0)
    row, top, right = 24.0, 6 + legend_h, 70.0 if notes else 16.0
    plot_w, plot_h = width - left - right, row * len(labels)
    height = top + plot_h + 44
    totals = [sum(values[i] for _, values in stacks) for i in range(len(labels))]
    scale = ticks(max(totals, default=0.0), count=4, integer=not percent)
    out, marks = [], 0
    for t in scale:
        x = left + plot_w * t / scale[-1]
        out.append(f'<line class="grid" x1="{x:.1f}" x2="{x:.1f}" y1="{top:.1f}" y2="{top + plot_h:.1f}"/>'
                   f'<text x="{x:.1f}" y="{top + plot_h + 14:.1f}" text-anchor="middle">'
                   f'{esc(_tick(t, percent))}</text>')
    for i, label in enumerate(labels):
        y, x = top + row * i + 3, left
        for name, values in stacks:
            if not values[i]:
                continue
            w = plot_w * values[i] / scale[-1]
            out.append(f'<rect class="mark" x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{row - 6:.1f}" '
                       f'fill="{cols[name]}"><title>{esc(label)} · {esc(name)}: '
                       f'{esc(number(values[i], percent))}</title></rect>')
            x += w
            marks += 1
        out.append(f'<text x="{left - 6:.1f}" y="{y + row / 2 + 1:.1f}" text-anchor="end">'
                   f'<title>{esc(label)}</title>{esc(shown[i])}</text>')
        if notes:
            out.append(f'<text x="{x + 4:.1f}" y="{y + row / 2 + 1:.1f}">{esc(notes[i])}</text>')
    out.append(f'<line class="axis" x1="{left:.1f}" x2="{left:.1f}" y1="{top:.1f}" y2="{top + plot_h:.1f}"/>')
    out.append(_x_label(x_label, left, plot_w, height - 8))
    return _svg("bar", width, height, marks, x_label, legend + "".join(out))


def line_chart(xs: Sequence[str], lines: Sequence[Line], *, x_label: str, y_label: str,
               colours: Mapping[str, str] | None = None, width: float = 560, height: float = 300,
               percent: bool = False) -> str:
    """One line per series over the categories `xs`, a dot at every value; a None breaks the line."""
    names = [name for name, values in lines if any(v is not None for v in values)]
    cols = colour(names, colours)
    legend, legend_h = _legend(names, cols, 48, 6, width - 56) if len(lines) > 1 else ("", 4.0)
    left, top, right, bottom = 54.0, 6 + legend_h + 4, 14.0, 44.0
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = max((v for _, values in lines for v in values if v is not None), default=0.0)
    scale = ticks(top_value, integer=not percent)
    band = plot_w / max(len(xs), 1)
    out, marks = [_y_axis(scale, left, top, plot_w, plot_h, y_label, percent)], 0

    def point(i: int, v: float) -> tuple[float, float]:
        return left + band * (i + 0.5), top + plot_h - plot_h * v / scale[-1]

    for name, values in lines:
        if name not in cols:
            continue
        runs: list[list[tuple[float, float]]] = [[]]
        for i, v in enumerate(values):
            if v is None:
                runs.append([])
            else:
                runs[-1].append(point(i, v))
        for run in (r for r in runs if len(r) > 1):
            d = " ".join(f"{'M' if j == 0 else 'L'}{x:.1f} {y:.1f}" for j, (x, y) in enumerate(run))
            out.append(f'<path class="mark line" d="{d}" stroke="{cols[name]}"><title>{esc(name)}</title></path>')
            marks += 1
        for i, v in enumerate(values):
            if v is not None:
                x, y = point(i, v)
                out.append(f'<circle class="mark" cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{cols[name]}">'
                           f'<title>{esc(xs[i])} · {esc(name)}: {esc(number(v, percent))}</title></circle>')
                marks += 1
    for i, x_value in enumerate(xs):
        out.append(f'<text x="{left + band * (i + 0.5):.1f}" y="{top + plot_h + 15:.1f}" '
                   f'text-anchor="middle">{esc(x_value)}</text>')
    out.append(f'<line class="axis" x1="{left:.1f}" x2="{left + plot_w:.1f}" y1="{top + plot_h:.1f}" '
               f'y2="{top + plot_h:.1f}"/>')
    out.append(_x_label(x_label, left, plot_w, height - 8))
    return _svg("line", width, height, marks, y_label, legend + "".join(out))


def figure(svg: str, caption: str, note: str = "") -> str:
    """A chart with its caption above it and an optional note below."""
    small = f'<p class="note">{esc(note)}</p>' if note else ""
    return f"<figure><figcaption>{esc(caption)}</figcaption>{svg}{small}</figure>"
