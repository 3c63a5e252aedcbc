"""How large a figure the site draws: at most MAX_FIGURE_POINTS points per figure.

The site draws every point of a figure as SVG in the reader's browser (draw-svg.js); a
400,000-point trace froze a page for 7 s, while 20,000 draw in well under a second on a
phone. The build refuses a larger figure, from a notebook's output (notebook_outputs) or
from a toy's grid (toy_grid), naming where it came from.
"""
from __future__ import annotations

MAX_FIGURE_POINTS = 20_000


def figure_points(figure) -> int:
    """How many points a Plotly figure's traces hold (each trace's longest x, y, z or values)."""
    traces = figure.get("data") if isinstance(figure, dict) else None
    if not isinstance(traces, list):
        return 0
    total = 0
    for trace in traces:
        if isinstance(trace, dict):
            total += max((len(values) for key in ("x", "y", "z", "values")
                          if isinstance(values := trace.get(key), list)), default=0)
    return total


def too_large(figure) -> str | None:
    """Why the figure is too large to draw, or None."""
    points = figure_points(figure)
    if points <= MAX_FIGURE_POINTS:
        return None
    return (f"a figure of {points:,} points; the site draws at most {MAX_FIGURE_POINTS:,} per figure "
            "(every point is SVG in the reader's browser): plot fewer points, e.g. a sample or a binned summary")
