"""A toy's Plotly figure (a dict) drawn as a static SVG at build time.

Enough of Plotly for the toys: scatter traces (lines, markers, both; dashes,
per-point marker sizes), bars (grouped or overlaid, numeric or category x),
linear and log axes with ticks (log axes at 1, 2, 5 per decade), reversed
axes, fixed ranges, stepped lines, filled areas (``fill: "toself"``, e.g. a band),
text annotations, the title, axis titles and a legend under the plot. Text
and axes use ``currentColor`` and CSS classes (assets/css/svg-figure.css), so the
figure follows the light and dark palettes. The page then reads without
JavaScript. assets/js/svg-plot.js is this module's twin in the browser: it
draws the same SVG (tests/unit/test_svg_parity.py) at the container's width,
for the toys' controls and the notebooks' figures, so those pages need no
chart library.
"""
from __future__ import annotations

import hashlib
import html
import math
import re
from pathlib import Path

WIDTH, HEIGHT = 640, 400
PLOT = {"l": 64, "r": 16, "t": 44, "b": 52}  # margins around the plotting area
COLOURS = ("#636efa", "#ef553b", "#00cc96", "#ab63fa", "#ffa15a", "#19d3f3", "#ff6692", "#b6e880")
DASHES = {"dash": "8 4", "dot": "2 3", "dashdot": "8 3 2 3", "longdash": "12 4"}


def _text(value) -> str:
    if isinstance(value, dict):
        value = value.get("text", "")
    return html.escape(str(value or "").replace("<br>", " "))


def _finite(value, default: float) -> float:
    """A figure's number as an SVG attribute value: a finite number, or the default (text from a
    data file written into an attribute could add markup)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return value
    return default


def _number(value: float) -> str:
    """A tick label: short, without float noise."""
    if value == 0:
        return "0"
    if abs(value) >= 1e4 or abs(value) < 1e-3:
        mantissa, exponent = f"{value:.0e}".split("e")
        return f"{mantissa}e{int(exponent)}"
    return f"{value:.6g}"


def _nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    span = high - low
    if span <= 0:
        return [low]
    raw = span / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.ceil(low / step - 1e-9) * step
    ticks, value = [], first
    while value <= high + step * 1e-9:
        ticks.append(round(value, 12))
        value += step
    return ticks


def _log_ticks(low: float, high: float, pixels: float = 560) -> list[float]:
    """Ticks at 1, 2 and 5 per decade (only 1 per decade when the axis spans many, or
    when a decade is under 120 px long, as on a phone: the labels would touch)."""
    multipliers = (1, 2, 5) if high - low <= 4 and pixels / max(high - low, 1e-9) >= 120 else (1,)
    ticks = []
    for decade in range(math.floor(low), math.ceil(high) + 1):
        for m in multipliers:
            value = m * 10 ** decade
            if low - 1e-9 <= math.log10(value) <= high + 1e-9:
                ticks.append(value)
    return ticks


class Axis:
    """One axis: data value → pixel, and its ticks."""

    def __init__(self, spec: dict, values: list, start: float, end: float, bars: bool):
        self.log = spec.get("type") == "log"
        self.categories = [v for v in dict.fromkeys(values) if isinstance(v, str)]
        numbers = [self._scaled(v) for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
        numbers = [v for v in numbers if v is not None and math.isfinite(v)]
        if self.categories:
            low, high = -0.5, len(self.categories) - 0.5
        elif "range" in spec and spec["range"]:
            low, high = spec["range"]
        else:
            low, high = (min(numbers), max(numbers)) if numbers else (0.0, 1.0)
            if (spec.get("rangemode") == "tozero" or bars) and not self.log:
                low, high = min(low, 0.0), max(high, 0.0)
            pad = (high - low) * 0.05 or 0.5
            low, high = low - (0 if low == 0 and not self.log else pad), high + pad
        if spec.get("autorange") == "reversed":
            start, end = end, start
        self.low, self.high, self.start, self.end = low, high, start, end
        self.spec = spec

    def _scaled(self, value):
        if isinstance(value, str):
            return None
        if self.log:
            return math.log10(value) if value > 0 else None
        return float(value)

    def pixel(self, value) -> float | None:
        if isinstance(value, str):
            scaled = self.categories.index(value) if value in self.categories else None
        else:
            scaled = self._scaled(value)
        if scaled is None or not math.isfinite(scaled):
            return None
        return self.start + (scaled - self.low) / (self.high - self.low) * (self.end - self.start)

    def ticks(self) -> list[tuple[float, str]]:
        if self.spec.get("tickvals"):
            labels = self.spec.get("ticktext") or [_number(v) for v in self.spec["tickvals"]]
            return [(self.pixel(v), str(t)) for v, t in zip(self.spec["tickvals"], labels)]
        if self.categories:
            return [(self.pixel(c), c) for c in self.categories]
        if self.log:
            return [(self.pixel(v), _number(v)) for v in _log_ticks(self.low, self.high, abs(self.end - self.start))]
        step = self.spec.get("dtick")
        if isinstance(step, (int, float)) and step > 0 and (self.high - self.low) / step <= 20:
            values = [v * step for v in range(math.ceil(self.low / step), math.floor(self.high / step) + 1)]
        else:
            values = _nice_ticks(self.low, self.high)
        return [(self.pixel(v), _number(v)) for v in values]


def _size_at(marker: dict, index: int) -> float:
    size = marker.get("size", 6)
    return float(size[index]) if isinstance(size, list) else float(size)


def render(figure: dict, label: str = "", key: str = "0", width: float = WIDTH, height: float = HEIGHT) -> str:
    """The figure as an ``<svg>`` element (``role="img"``, named by ``label`` or its title);
    ``key`` makes its ids unique on the page. ``width`` × ``height`` is the chart's box
    before the legend rows (in the page, one unit is one CSS pixel when the box is the
    container's width: assets/js/svg-plot.js, this module's twin, draws live figures so)."""
    layout = figure.get("layout", {})
    traces = [t for t in figure.get("data", []) if t.get("type", "scatter") in ("scatter", "bar")]
    legend = [t for t in traces if t.get("name") and t.get("showlegend", True) is not False]
    columns = 2 if width >= 480 else 1  # a phone's column is too narrow for two legend entries side by side
    legend_rows = math.ceil(len(legend) / columns)
    total = height + 20 * legend_rows + (8 if legend_rows else 0)
    left, right, top, bottom = PLOT["l"], width - PLOT["r"], PLOT["t"], height - PLOT["b"]
    bars = any(t.get("type") == "bar" for t in traces)
    xs = [v for t in traces for v in t.get("x", [])]
    ys = [v for t in traces for v in t.get("y", [])]
    x = Axis(layout.get("xaxis", {}), xs, left, right, False)
    y = Axis(layout.get("yaxis", {}), ys, bottom, top, bars)
    if layout.get("yaxis", {}).get("scaleanchor") == "x" and not (x.log or y.log or x.categories):
        # One unit is as long on both axes (a circle stays round): narrow the plot, centred.
        narrow = (bottom - top) * (x.high - x.low) / (y.high - y.low)
        if narrow < right - left:
            left, right = (left + right - narrow) / 2, (left + right + narrow) / 2
            x = Axis(layout.get("xaxis", {}), xs, left, right, False)
    title = _text(layout.get("title"))
    parts = [f'<svg class="toy-svg" viewBox="0 0 {width:g} {total:g}" role="img" '
             f'aria-label="{html.escape(label or title or "Chart")}" xmlns="http://www.w3.org/2000/svg">']
    if title:
        parts.append(f'<text class="toy-svg__title" x="{width / 2:g}" y="24" text-anchor="middle">{title}</text>')
    # Grid and ticks.
    for px, text in x.ticks():
        if px is not None and left - 0.5 <= px <= right + 0.5:
            parts.append(f'<line class="toy-svg__grid" x1="{px:.1f}" x2="{px:.1f}" y1="{top}" y2="{bottom}"/>'
                         f'<text class="toy-svg__tick" x="{px:.1f}" y="{bottom + 16}" text-anchor="middle">{html.escape(text)}</text>')
    for py, text in y.ticks():
        if py is not None and top - 0.5 <= py <= bottom + 0.5:
            parts.append(f'<line class="toy-svg__grid" x1="{left}" x2="{right}" y1="{py:.1f}" y2="{py:.1f}"/>'
                         f'<text class="toy-svg__tick" x="{left - 6}" y="{py + 4:.1f}" text-anchor="end">{html.escape(text)}</text>')
    parts.append(f'<path class="toy-svg__axis" d="M{left},{top}V{bottom}H{right}"/>')
    x_title = _text(layout.get("xaxis", {}).get("title"))
    y_title = _text(layout.get("yaxis", {}).get("title"))
    if x_title:
        parts.append(f'<text class="toy-svg__label" x="{(left + right) / 2}" y="{bottom + 40}" text-anchor="middle">{x_title}</text>')
    if y_title:
        parts.append(f'<text class="toy-svg__label" transform="translate(16 {(top + bottom) / 2}) rotate(-90)" '
                     f'text-anchor="middle">{y_title}</text>')
    # Traces, clipped to the plotting area.
    parts.append(f'<clipPath id="toy-svg-clip-{key}"><rect x="{left}" y="{top}" width="{right - left}" '
                 f'height="{bottom - top}"/></clipPath><g clip-path="url(#toy-svg-clip-{key})">')
    bar_traces = [t for t in traces if t.get("type") == "bar"]
    grouped = layout.get("barmode", "group") == "group" and len(bar_traces) > 1
    colours = {}
    for index, trace in enumerate(traces):
        key = trace.get("legendgroup") or trace.get("name") or index
        colour = (trace.get("marker", {}).get("color") if isinstance(trace.get("marker", {}).get("color"), str) else None) \
            or trace.get("line", {}).get("color") or (trace.get("fillcolor") if trace.get("fill") == "toself" else None) \
            or colours.get(key) or COLOURS[len(colours) % len(COLOURS)]
        colours.setdefault(key, colour)
        opacity = _finite(trace.get("opacity"), 1)
        points = [(x.pixel(a), y.pixel(b)) for a, b in zip(trace.get("x", []), trace.get("y", []))]
        if trace.get("type") == "bar":
            parts.append(_bars(trace, points, x, y, colour, opacity, bar_traces.index(trace), len(bar_traces), grouped))
            continue
        mode = trace.get("mode", "lines+markers")
        if trace.get("fill") == "toself":
            parts.append(_area(trace, points, colour, opacity))
        if "lines" in mode:
            line = trace.get("line", {})
            dash = DASHES.get(line.get("dash", ""), "")
            for run in _runs(points):
                d = "M" + "L".join(f"{a:.1f},{b:.1f}" for a, b in _stepped(run, line.get("shape", "linear")))
                parts.append(f'<path d="{d}" fill="none" stroke="{html.escape(colour)}" stroke-width="{_finite(line.get("width"), 2)}"'
                             + (f' stroke-dasharray="{dash}"' if dash else "")
                             + (f' opacity="{opacity}"' if opacity != 1 else "") + "/>")
        if "text" in mode and isinstance(trace.get("text"), list):
            below = "bottom" in str(trace.get("textposition", "top"))
            for (a, b), label in zip(points, trace["text"]):
                if a is not None and b is not None and label:
                    parts.append(f'<text class="toy-svg__note" x="{a:.1f}" y="{b + (16 if below else -8):.1f}" '
                                 f'text-anchor="middle">{_text(label)}</text>')
        if "markers" in mode:
            marker = trace.get("marker", {})
            for i, (a, b) in enumerate(points):
                radius = _size_at(marker, i) / 2
                if a is not None and b is not None and radius > 0:
                    parts.append(f'<circle cx="{a:.1f}" cy="{b:.1f}" r="{radius:g}" fill="{html.escape(colour)}"'
                                 + (f' opacity="{opacity}"' if opacity != 1 else "") + "/>")
    parts.append("</g>")
    parts += [_annotation(note, x, y, left, right, top, bottom) for note in layout.get("annotations", [])]
    # Legend: two columns (one on a phone) under the plot, never over the data.
    for i, trace in enumerate(legend):
        key = trace.get("legendgroup") or trace.get("name")
        lx, ly = left + (i % columns) * (right - left) / 2, height + 14 + 20 * (i // columns)
        parts.append(f'<rect x="{lx}" y="{ly - 9}" width="14" height="10" fill="{html.escape(colours.get(key, COLOURS[0]))}"/>'
                     f'<text class="toy-svg__legend" x="{lx + 20}" y="{ly}">{_text(trace["name"])}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _area(trace, points, colour, opacity) -> str:
    """A closed, filled polygon through the drawable points (Plotly's fill "toself"): without
    a fillcolor, the trace's colour at half strength, as Plotly fills."""
    corners = [(a, b) for a, b in points if a is not None and b is not None]
    if len(corners) < 3:
        return ""
    fill = trace.get("fillcolor")
    d = "M" + "L".join(f"{a:.1f},{b:.1f}" for a, b in corners) + "Z"
    return (f'<path d="{d}" fill="{html.escape(fill or colour)}" stroke="none"'
            + ("" if fill else ' fill-opacity="0.5"') + (f' opacity="{opacity}"' if opacity != 1 else "") + "/>")


def _stepped(run, shape: str):
    """The corners of a stepped line (Plotly's line.shape hv, vh, hvh); a linear line as it is."""
    if shape not in ("hv", "vh", "hvh") or len(run) < 2:
        return run
    corners = [run[0]]
    for (a0, b0), (a1, b1) in zip(run, run[1:]):
        if shape == "hv":
            corners += [(a1, b0), (a1, b1)]
        elif shape == "vh":
            corners += [(a0, b1), (a1, b1)]
        else:
            middle = (a0 + a1) / 2
            corners += [(middle, b0), (middle, b1), (a1, b1)]
    return corners


def _annotation(note: dict, x: Axis, y: Axis, left, right, top, bottom) -> str:
    """A text annotation (no arrow), placed in paper or data coordinates."""
    def place(value, ref, axis, low, high):
        if str(ref).endswith("paper"):
            return low + float(value) * (high - low)
        return axis.pixel(value)
    px = place(note.get("x", 0.5), note.get("xref", "x"), x, left, right)
    py = place(note.get("y", 0.5), note.get("yref", "y"), y, bottom, top)
    if px is None or py is None:
        return ""
    anchor = {"left": "start", "right": "end"}.get(note.get("xanchor"), "middle")
    lines = str(note.get("text", "")).split("<br>")
    first = py + (12 if note.get("yanchor") == "top" else -4 - 16 * (len(lines) - 1) if note.get("yanchor") == "bottom" else 4)
    spans = "".join(f'<tspan x="{px:.1f}" y="{first + 16 * i:.1f}">{html.escape(line)}</tspan>' for i, line in enumerate(lines))
    return f'<text class="toy-svg__note" text-anchor="{anchor}">{spans}</text>'


def _runs(points):
    """Consecutive drawable points (a gap where a value cannot be drawn, e.g. ≤ 0 on a log axis)."""
    run = []
    for a, b in points:
        if a is None or b is None:
            if len(run) > 1:
                yield run
            run = []
        else:
            run.append((a, b))
    if len(run) > 1:
        yield run


def _bars(trace, points, x, y, colour, opacity, slot, slots, grouped) -> str:
    xs = [p for p, _ in points if p is not None]
    gaps = [abs(b - a) for a, b in zip(sorted(xs), sorted(xs)[1:]) if b != a]
    full = (min(gaps) if gaps else abs(x.end - x.start) / 4) * 0.8
    width = full / slots if grouped else full
    base = y.pixel(0) if not y.log else y.start
    base = min(max(base, min(y.start, y.end)), max(y.start, y.end))
    shapes = []
    for a, b in points:
        if a is None or b is None:
            continue
        left = a - full / 2 + (slot * width if grouped else 0)
        shapes.append(f'<rect x="{left:.1f}" y="{min(b, base):.1f}" width="{width:.1f}" height="{abs(base - b):.1f}" '
                      f'fill="{html.escape(colour)}"' + (f' opacity="{opacity}"' if opacity != 1 else "") + "/>")
    return "".join(shapes)


# -- Figures below the fold, fetched when they near the viewport ----------------------
#
# A static figure is kilobytes of the page's HTML that no reader sees before they
# scroll to it. ``deferred(svg)`` writes it as a file of the site instead and leaves a
# placeholder of the same size (an aspect-ratio box, named like the figure):
# assets/js/svg-figures.js fetches the file when the placeholder nears the viewport and
# puts the SVG inline, where the page's palette (light or dark) colours it. Without
# JavaScript, a <noscript> <img> shows the same file, coloured by its own <style>.

FOLDER = "assets/figures"
_deferred: dict[str, str] = {}   # file name -> SVG text, for this build (written by the hooks)

# For the file seen on its own (an <img> cannot read the page's CSS): Material's
# default and slate text colours, by the reader's system preference. Inline, the
# page's stylesheets apply and this <style> is dropped.
STANDALONE_STYLE = (
    "<style>"
    "svg{color:rgba(0,0,0,.87);font-family:system-ui,sans-serif}text{fill:currentColor;font-size:13px}"
    ".toy-svg__title{font-size:15px;font-weight:700}.spectrum-pole{font-weight:700}"
    ".toy-svg__tick,.spectrum-tick-label{fill:rgba(0,0,0,.54);font-size:12px}"
    ".toy-svg__grid,.spectrum-grid{stroke:rgba(0,0,0,.07)}"
    ".toy-svg__axis,.spectrum-axis,.spectrum-tick{stroke:rgba(0,0,0,.54);fill:none}"
    "@media (prefers-color-scheme:dark){svg{color:rgba(226,228,233,.82)}"
    ".toy-svg__tick,.spectrum-tick-label{fill:rgba(226,228,233,.56)}"
    ".toy-svg__grid,.spectrum-grid{stroke:rgba(226,228,233,.07)}"
    ".toy-svg__axis,.spectrum-axis,.spectrum-tick{stroke:rgba(226,228,233,.56)}}"
    "</style>"
)


def deferred(svg: str) -> str:
    """A placeholder for ``svg`` (its box reserved), the SVG itself kept as a site file."""
    width, height = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups()
    label = re.search(r'aria-label="([^"]*)"', svg) or re.search(r"<title[^>]*>([^<]*)</title>", svg)
    label = label.group(1) if label else "Chart"
    standalone = svg.replace(">", ">" + STANDALONE_STYLE, 1)
    name = hashlib.sha256(standalone.encode()).hexdigest()[:12] + ".svg"
    _deferred[name] = standalone
    src = f"@site/{FOLDER}/{name}"  # made relative to the page by the hooks
    # Named for assistive technology by svg-figures.js while it waits (with JavaScript
    # off, the <img> is the figure and its alt its name: one name, never two).
    return (f'<div class="deferred-svg" data-svg-src="{src}" data-svg-label="{label}" '
            f'style="aspect-ratio: {width} / {height}"><noscript><img src="{src}" alt="{label}" '
            f'width="{width}" height="{height}"></noscript></div>')


def write_deferred(site_dir) -> None:
    """Write this build's deferred figures into the site (assets/figures/)."""
    folder = Path(site_dir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for name, svg in _deferred.items():
        (folder / name).write_text(svg, encoding="utf-8")


def is_deferred(url: str) -> bool:
    """Whether this build writes the figure at url (relative to the site's root)."""
    folder, _, name = url.rpartition("/")
    return folder == FOLDER and name in _deferred


def forget_deferred() -> None:
    """A new build starts with none."""
    _deferred.clear()
