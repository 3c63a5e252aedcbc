"""Small helpers shared by the toys: progress, seeded randomness, figures, fits.

Everything here is standard-library Python so that it runs unchanged on
CPython and inside Pyodide in the reader's browser.
"""

import math
import random


def no_progress(fraction, message):
    """The default progress callback: ignore the report."""


def progress_or_noop(progress):
    """Return ``progress`` if given, else a callback that does nothing."""
    return progress if progress is not None else no_progress


def make_rng(seed):
    """A private random generator: the toys never touch the global RNG."""
    return random.Random(seed)


# Mid-tone colours: each has at least 3:1 contrast on Material's white page and
# on its dark "slate" page, so one figure reads in both themes.
COLORS = {
    "blue": "#3b7ddd", "orange": "#e8590c", "green": "#2f9e44", "purple": "#ae3ec9",
    "grey": "#868e96", "pink": "#d6336c", "teal": "#0c8599", "violet": "#9775fa",
}
PALETTE = tuple(COLORS.values())
FONT_SIZE = 13  # every text in a figure is at least 12 px, also on a 375 px phone


def legend_entries(traces):
    """How many entries the legend shows (traces sharing a ``legendgroup`` count once)."""
    return len({t.get("legendgroup", k) for k, t in enumerate(traces) if t.get("showlegend", True)})


def figure(traces, title="", xaxis=None, yaxis=None, **layout):
    """A Plotly figure as a plain, JSON-serialisable dict, made to be read.

    Transparent background and no font colour, so the site's light or dark
    theme shows through and sets the text colour; mid-tone trace colours
    (``PALETTE``); text at least 12 px; the legend under the plot, at the
    bottom of the figure, never over the data (the bottom margin makes room
    for it, two entries a line); annotations get 12 px text unless they set more.
    """
    def axis(spec):
        return {"automargin": True, "tickfont": {"size": 12}, "title": {"font": {"size": 13}},
                **dict(spec or {})}

    traces = list(traces)
    annotations = [{"showarrow": False, **a, "font": {"size": 12, **a.get("font", {})}}
                   for a in layout.pop("annotations", [])]
    lines = 0 if layout.get("showlegend") is False else -(-legend_entries(traces) // 2)
    layout = {
        "title": {"text": title, "font": {"size": 15}, "x": 0, "xref": "paper", "xanchor": "left"},
        "font": {"size": FONT_SIZE},
        "colorway": list(PALETTE),
        "xaxis": axis(xaxis),
        "yaxis": axis(yaxis),
        "legend": {"orientation": "h", "x": 0, "xanchor": "left", "yref": "container", "y": 0,
                   "yanchor": "bottom", "font": {"size": 12}},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "margin": {"l": 60, "r": 20, "t": 50, "b": 60 + 22 * lines},
        **layout,
    }
    for name in ("xaxis", "yaxis"):  # an axis title given as {"text": ...} keeps the 13 px font
        title_spec = layout[name].get("title")
        if isinstance(title_spec, dict) and "font" not in title_spec:
            layout[name]["title"] = {"font": {"size": 13}, **title_spec}
    if annotations:
        layout["annotations"] = annotations
    return {"data": traces, "layout": layout}


def decade_ticks(lo, hi):
    """Tick values at 1, 2 and 5 per decade from ``lo`` to ``hi`` (for log axes)."""
    ticks, decade = [], 10.0 ** math.floor(math.log10(lo))
    while decade <= hi:
        ticks += [m * decade for m in (1, 2, 5) if lo <= m * decade <= hi]
        decade *= 10
    return [float(f"{t:.6g}") for t in ticks]


def tick_label(value):
    """``0.002``, ``0.05``, ``1``, ``200``, ``5k``, ``20k``: short labels for log ticks."""
    if value >= 1000:
        return f"{value / 1000:g}k"
    return f"{value:g}"


def log_axis(lo, hi, title, **extra):
    """A log axis labelled at 1, 2, 5 per decade only, with the range [lo, hi] padded a little."""
    ticks = decade_ticks(lo, hi)
    pad = 0.04 * (math.log10(hi) - math.log10(lo))
    return {"type": "log", "title": {"text": title},
            "range": [math.log10(lo) - pad, math.log10(hi) + pad],
            "tickvals": ticks, "ticktext": [tick_label(t) for t in ticks], **extra}


def linspace(lo, hi, count):
    """``count`` evenly spaced numbers from ``lo`` to ``hi`` inclusive."""
    if count == 1:
        return [lo]
    step = (hi - lo) / (count - 1)
    return [lo + i * step for i in range(count)]


def logspace_ints(lo, hi, count):
    """About ``count`` distinct integers spaced evenly on a log scale."""
    ratio = (hi / lo) ** (1 / (count - 1))
    return sorted({round(lo * ratio**i) for i in range(count)})


def histogram(values, lo, hi, bins):
    """Density histogram: returns (bin centres, densities) on [lo, hi).

    Values outside the range are counted in the total but in no bin, so the
    densities integrate to the fraction of values inside the range.
    """
    width = (hi - lo) / bins
    counts = [0] * bins
    for v in values:
        k = math.floor((v - lo) / width)
        if 0 <= k < bins:
            counts[k] += 1
    total = len(values) * width
    centres = [lo + (k + 0.5) * width for k in range(bins)]
    return centres, [c / total for c in counts]


def fit_power_law(xs, ys):
    """Least-squares line through (log x, log y): y ≈ c · x^slope.

    Returns (slope, c). A power law y ∝ x^(−β) has slope −β.
    """
    lx = [math.log(x) for x in xs]
    ly = [math.log(y) for y in ys]
    mx = sum(lx) / len(lx)
    my = sum(ly) / len(ly)
    sxx = sum((a - mx) ** 2 for a in lx)
    sxy = sum((a - mx) * (b - my) for a, b in zip(lx, ly))
    slope = sxy / sxx
    return slope, math.exp(my - slope * mx)


def rounded(values, digits=4):
    """Round numbers for compact figure JSON (keeps notebooks small)."""
    return [round(v, digits) for v in values]


def significant(values, digits=3):
    """Round to ``digits`` significant figures: compact JSON for numbers spanning decades."""
    return [float(f"{v:.{digits}g}") for v in values]


def thin(values, most=51):
    """At most ``most`` evenly spaced items of ``values``, keeping the first and the last."""
    if len(values) <= most:
        return list(values)
    return [values[round(i * (len(values) - 1) / (most - 1))] for i in range(most)]
