"""Every toy over its whole grid of control values, as the build computes it.

CPython only (the Pyodide runner skips this module: it runs every toy's
grid, a minute of work). The build serves exactly these results, so each
point must give every declared readout as a finite number and figures that
are JSON, compact and deterministic.
"""

import functools
import gzip
import json
import math

import pytest

from place_for_research.builder import toy_grid as toy_grid_module
from place_for_research import toys
from place_for_research.toys.controls import Control, Readout, defaults, grid

MAX_GZIP_BYTES = 50_000
MAX_TRACE_POINTS = 64


@functools.cache
def grid_results(name):
    """[(point, result)] over one toy's whole grid, computed once for this module."""
    module = toys.load(name)
    return [(point, module.run(seed=0, **point)) for point in grid(module.CONTROLS)]


@pytest.fixture(scope="module", params=toys.names())
def toy_grid(request):
    """(name, module, [(point, result)]) for one toy."""
    return request.param, toys.load(request.param), grid_results(request.param)


def test_controls_and_readouts_are_well_formed(toy_grid):
    name, module, _ = toy_grid
    assert module.CONTROLS and all(isinstance(c, Control) for c in module.CONTROLS), name
    assert module.READOUTS and all(isinstance(r, Readout) for r in module.READOUTS), name
    for items in (module.CONTROLS, module.READOUTS):
        names = [item.name for item in items]
        assert len(set(names)) == len(names), name
        assert all(item.label and item.name.isidentifier() for item in items), name
    assert 2 <= len(toy_grid_module.plan(name, module).points)  # within the build's limits, or plan raises
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
    name, _, results = toy_grid
    for point, result in results:
        for figure_name, fig in result["figures"].items():
            assert_readable(fig, (name, point, figure_name))


def assert_readable(fig, where):
    """12 px text or more; the theme sets text colour (light and dark); the
    background shows through; the legend sits below the plot; log axes
    are labelled at 1, 2 and 5 per decade only."""
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


# -- the answer figure: the question's quantity over the whole grid, and the guesses on it ---------

def answer_of(toy_grid):
    name, module, results = toy_grid
    answer = getattr(module, "ANSWER", None)
    assert answer is not None, f"{name} declares no ANSWER: the essay asks a question about it"
    return answer, answer.figure([p for p, _ in results], [r for _, r in results])


def guesses_of(answer):
    """Every guess a reader can give: each choice, or numbers from 0 to 1 by 0.05 (the essay's question)."""
    return list(range(answer.choices)) if answer.choices else [round(k * 0.05, 2) for k in range(21)]


def test_the_answer_figure_is_made_to_be_read_and_marks_every_guess(toy_grid):
    name = toy_grid[0]
    answer, fig = answer_of(toy_grid)
    assert_readable(fig, (name, "answer"))
    assert json.loads(json.dumps(fig, allow_nan=False)) == fig
    marks = [answer.guess(value, fig) for value in guesses_of(answer)]
    for value, mark in zip(guesses_of(answer), marks):
        assert set(mark) <= {"data", "annotations"} and (mark.get("data") or mark.get("annotations")), (name, value)
        named = [t["name"] for t in mark.get("data", [])] + [n["text"] for n in mark.get("annotations", [])]
        assert all(text.startswith("your ") for text in named), (name, value, named)
        assert json.loads(json.dumps(mark, allow_nan=False)) == mark
    assert len({json.dumps(mark) for mark in marks}) == len(marks), f"{name}: two guesses drawn alike"
    for mark in marks:  # a guess drawn on a fixed axis stays inside it
        for trace in mark.get("data", []):
            for axis, values in (("xaxis", trace["x"]), ("yaxis", trace["y"])):
                if "range" in fig["layout"][axis]:
                    assert not within(values, fig["layout"][axis]), (name, trace["name"], axis)


def lines_by_name(fig):
    return {trace["name"]: trace for trace in fig["data"]}


def test_diffusion_answer_every_sampler_falls_into_the_band_and_the_ode_first():
    module = toys.load("diffusion_sde")
    fig = answer_of(("diffusion_sde", module, grid_results("diffusion_sde")))[1]
    lines = lines_by_name(fig)
    band = next(t for t in fig["data"] if t.get("fill") == "toself")
    low, high = min(band["y"]), max(band["y"])
    ode, sde, langevin = (lines[module.SAMPLERS[key]] for key in ("ode", "sde", "langevin"))
    assert fig["layout"]["xaxis"]["type"] == fig["layout"]["yaxis"]["type"] == "log"

    def first_inside(line):
        return next(s for s, w in zip(line["x"], line["y"]) if low <= w <= high)

    assert ode["y"][0] > high and ode["y"][1] > ode["y"][2]  # the ODE falls ...
    assert all(low <= w <= high for w in ode["y"][1:])     # ... and, from 10 steps on, stays inside the band
    assert first_inside(ode) < first_inside(sde) < first_inside(langevin) == 200
    assert all(low <= w <= high for w in sde["y"][2:])
    assert band["x"][0] <= 5 and band["x"][1] >= 200  # the band spans every step count


def test_superposition_answer_more_features_as_features_get_sparser():
    module = toys.load("superposition")
    fig = answer_of(("superposition", module, grid_results("superposition")))[1]
    lines = list(lines_by_name(fig).values())
    assert len(lines) == len(next(c for c in module.CONTROLS if c.name == "ratio").values)
    for line in lines:
        assert line["y"][0] == 2 and line["y"] == sorted(line["y"]) and line["y"][-1] == 5, line["name"]
    at_question = {line["name"]: line["y"][line["x"].index(module.QUESTION_SPARSITY)] for line in lines}
    assert all(count > 2 for count in at_question.values())  # "more than two" is the answer
    guess = module.ANSWER.guess(1, fig)["data"][0]
    assert guess["x"] == [module.QUESTION_SPARSITY] * 2 and min(guess["y"]) > 2


def test_decoding_answer_only_the_exact_rules_bars_follow_the_large_model():
    module = toys.load("speculative_decoding")
    fig = answer_of(("speculative_decoding", module, grid_results("speculative_decoding")))[1]
    target, *rules = fig["data"]
    assert all(trace["type"] == "bar" and trace["x"] == target["x"] for trace in fig["data"])
    gaps = {trace["name"].split(":")[0]: sum(abs(a - b) for a, b in zip(trace["y"], target["y"])) for trace in rules}
    assert set(gaps) == set(module.RULES)
    assert gaps["exact"] < 0.05 < min(gaps["unchecked"], gaps["greedy"])
    verdicts = {trace["name"].split(":")[0]: trace["name"].split(": ")[1].split(",")[0] for trace in rules}
    assert verdicts == {"exact": "passes", "unchecked": "fails", "greedy": "fails"}


def test_scaling_answer_the_fits_straddle_the_derived_exponent():
    module = toys.load("scaling_law")
    fig = answer_of(("scaling_law", module, grid_results("scaling_law")))[1]
    derived = next(t for t in fig["data"] if t["name"].startswith("derived"))["y"][0]
    band = next(t for t in fig["data"] if t.get("fill") == "toself")
    half = len(band["y"]) // 2
    assert all(lo <= derived <= hi for lo, hi in zip(band["y"][:half], reversed(band["y"][half:])))
    few = next(t for t in fig["data"] if t["name"] == "fitted, 3 sizes measured")
    assert few["y"][-1] < 0.7 * derived  # the unlucky experiment: 3 sizes at 40% noise
    guess = module.ANSWER.guess(0.5, fig)["data"][0]
    assert guess["y"] == [0.5, 0.5] and guess["name"] == "your guess: 0.5"
