"""Every toy over its whole grid of control values, as the build computes it.

CPython only (the Pyodide runner skips this module: it runs every toy's
grid, a minute of work). The build serves exactly these results, so each
point must give every declared readout as a finite number and figures that
are JSON, compact and deterministic.
"""

import gzip
import json
import math

import pytest

from place_for_research import toy_grid as toy_grid_module
from place_for_research import toys
from place_for_research.toys.controls import Control, Readout, defaults, grid

MAX_POINTS = 120
MAX_GZIP_BYTES = 50_000
MAX_TRACE_POINTS = 64


@pytest.fixture(scope="module", params=sorted(toys.TOYS))
def toy_grid(request):
    """(name, module, [(point, result)]) for one toy, computed once for this module."""
    module = toys.load(request.param)
    return request.param, module, [(point, module.run(seed=0, **point)) for point in grid(module.CONTROLS)]


def test_controls_and_readouts_are_well_formed(toy_grid):
    name, module, _ = toy_grid
    assert module.CONTROLS and all(isinstance(c, Control) for c in module.CONTROLS), name
    assert module.READOUTS and all(isinstance(r, Readout) for r in module.READOUTS), name
    for items in (module.CONTROLS, module.READOUTS):
        names = [item.name for item in items]
        assert len(set(names)) == len(names), name
        assert all(item.label and item.name.isidentifier() for item in items), name
    assert 2 <= len(grid(module.CONTROLS)) <= MAX_POINTS, name
    assert defaults(module.CONTROLS) in grid(module.CONTROLS)


def test_every_point_gives_every_readout_and_json_figures(toy_grid):
    name, module, results = toy_grid
    figure_names = set(results[0][1]["figures"])
    for point, result in results:
        readouts = result["readouts"]
        assert set(readouts) == {r.name for r in module.READOUTS}, (name, point)
        for key, value in readouts.items():
            assert isinstance(value, (int, float)) and math.isfinite(value), (name, point, key, value)
        assert set(result["figures"]) == figure_names, (name, point)
        for fig in result["figures"].values():
            assert json.loads(json.dumps(fig, allow_nan=False)) == fig
            for trace in fig["data"]:
                assert len(trace.get("x", ())) <= MAX_TRACE_POINTS, (name, point, trace.get("name"))


def fonts(node):
    """Every font dict in a figure (layout fonts, tick fonts, annotations, text on traces)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("font", "tickfont", "textfont") and isinstance(value, dict):
                yield value
            yield from fonts(value)
    elif isinstance(node, list):
        for item in node:
            yield from fonts(item)


def test_figures_are_made_to_be_read(toy_grid):
    # 12 px text or more; the theme sets text colour (light and dark); the
    # background shows through; the legend sits below the plot; log axes
    # are labelled at 1, 2 and 5 per decade only.
    name, _, results = toy_grid
    for point, result in results:
        for figure_name, fig in result["figures"].items():
            where = (name, point, figure_name)
            layout = fig["layout"]
            assert layout["paper_bgcolor"] == layout["plot_bgcolor"] == "rgba(0,0,0,0)", where
            assert layout["font"]["size"] >= 12, where
            assert len(layout["title"]["text"]) <= 36, where  # one line on a 375 px phone
            for font in fonts(fig):
                assert "color" not in font, where
                assert font.get("size", 12) >= 12, (where, font)
            if layout.get("showlegend", True):
                legend = layout["legend"]
                assert legend["orientation"] == "h", where
                assert legend["yref"] == "container" and legend["y"] == 0, where  # the figure's foot
            for axis in ("xaxis", "yaxis"):
                if layout[axis].get("type") == "log":
                    ticks = layout[axis]["tickvals"]
                    assert len(ticks) == len(layout[axis]["ticktext"]) >= 2, where
                    assert {f"{t:.0e}"[0] for t in ticks} <= set("125"), (where, ticks)


def test_the_default_run_is_the_default_point(toy_grid):
    name, module, results = toy_grid
    by_point = {json.dumps(point, sort_keys=True): result for point, result in results}
    default = by_point[json.dumps(defaults(module.CONTROLS), sort_keys=True)]
    assert module.run(seed=0)["readouts"] == default["readouts"], name


def test_results_are_deterministic_for_a_seed(toy_grid):
    name, module, results = toy_grid
    for point, result in (results[0], results[-1]):
        again = module.run(seed=0, **point)
        assert again["readouts"] == result["readouts"], (name, point)
        assert json.dumps(again["figures"]) == json.dumps(result["figures"]), (name, point)


def test_the_whole_grid_is_small_to_serve(toy_grid):
    name, _, results = toy_grid
    served = [{"figures": r["figures"], "readouts": r["readouts"]} for _, r in results]
    size = len(gzip.compress(json.dumps(served, separators=(",", ":")).encode()))
    assert size <= MAX_GZIP_BYTES, (name, size)


def within(values, axis):
    """The numbers of ``values`` outside the axis's fixed range (a log axis's range is in decades)."""
    lo, hi = axis["range"]
    scale = (lambda v: math.log10(v)) if axis.get("type") == "log" else (lambda v: v)
    return [v for v in values if isinstance(v, (int, float)) and not lo <= scale(v) <= hi]


def test_the_shown_figure_has_one_structure_over_the_grid(toy_grid):
    # A control change then moves only the data: the page updates the traces
    # without redrawing axes, legend or title (widget.js, the fast path). So at
    # every point: the same traces with the same names, the same layout (titles,
    # annotations, legend), and fixed axis ranges that hold all the data.
    name, module, results = toy_grid
    shown = next(iter(results[0][1]["figures"]))  # the figure a toy fence draws unless told otherwise
    first = results[0][1]["figures"][shown]
    for axis in ("xaxis", "yaxis"):
        assert "range" in first["layout"][axis] and "autorange" not in first["layout"][axis], (name, axis)
    for point, result in results:
        fig = result["figures"][shown]
        where = (name, point, shown)
        assert fig["layout"] == first["layout"], where
        assert [t.get("name") for t in fig["data"]] == [t.get("name") for t in first["data"]], where
        assert [sorted(t) for t in fig["data"]] == [sorted(t) for t in first["data"]], where
        for trace in fig["data"]:
            assert not within(trace.get("x", ()), fig["layout"]["xaxis"]), (where, trace["name"], "x")
            assert not within(trace.get("y", ()), fig["layout"]["yaxis"]), (where, trace["name"], "y")
    # ...and the data file says so: one shared layout and trace list, per point only data.
    served = toy_grid_module.ToyGrid(name, module.CONTROLS, module.READOUTS, [p for p, _ in results],
                                     [r for _, r in results]).payload()
    assert served["figures"][shown] is not None, name
    assert all(isinstance(p["figures"][shown], list) for p in served["points"]), name
