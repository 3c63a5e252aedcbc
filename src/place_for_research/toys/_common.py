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


def figure(traces, title="", xaxis=None, yaxis=None, **layout):
    """A Plotly figure as a plain, JSON-serialisable dict.

    The background is transparent so the site's light or dark theme shows
    through; colours are left to Plotly's defaults (mid-tone on both themes).
    """
    layout = {
        "title": {"text": title},
        "xaxis": dict(xaxis or {}),
        "yaxis": dict(yaxis or {}),
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "margin": {"l": 60, "r": 20, "t": 50, "b": 50},
        **layout,
    }
    return {"data": list(traces), "layout": layout}


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
