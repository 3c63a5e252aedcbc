"""The browser draws the toys' figures as the build does: assets/js/svg-plot.js
(in Node) and place_for_research.svg_figure (in Python) give the same SVG for
every toy's figures at several grid points and widths (numbers within 0.1 px,
everything else equal), and svg-plot's canDraw accepts every toy figure."""
from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from place_for_research import svg_figure, toy_grid, toys
from place_for_research.toys.controls import defaults

ROOT = Path(__file__).resolve().parents[2]
CLI = ROOT / "tests" / "js" / "svg-plot-cli.mjs"
WIDTHS = [(640, 400), (343, 360), (900, 440)]  # the build's box, a phone's, a wide column's
NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?")
TAG = re.compile(r"(<[^>]*>)")


def drawn_in_node(jobs: list[dict]) -> list[dict]:
    done = subprocess.run(["node", str(CLI)], input=json.dumps(jobs), capture_output=True, text=True,
                          check=False, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def sample_points(name: str) -> list[dict]:
    """The first, default, middle and last points of a toy's grid."""
    module = toys.load(name)
    points = toy_grid.plan(name, module).points
    chosen = [points[0], defaults(tuple(getattr(module, "CONTROLS", ()))), points[len(points) // 2], points[-1]]
    return [dict(p) for i, p in enumerate(chosen) if p not in chosen[:i]]


def assert_same_svg(python: str, javascript: str, where: str) -> None:
    """Tags equal with their numbers within 0.1 (both round to 0.1 px, Python half to even); text equal."""
    ours, theirs = TAG.split(python), TAG.split(javascript)
    assert len(ours) == len(theirs), f"{where}: {len(ours)} vs {len(theirs)} parts"
    for a, b in zip(ours, theirs):
        if a.startswith("<"):
            assert NUMBER.sub("#", a) == NUMBER.sub("#", b), f"{where}:\n{a}\n{b}"
            for m, n in zip(NUMBER.findall(a), NUMBER.findall(b)):
                assert abs(float(m) - float(n)) <= 0.1 + 1e-9, f"{where}: {m} vs {n} in\n{a}\n{b}"
        else:
            assert a == b, f"{where}: text {a!r} vs {b!r}"


@pytest.mark.parametrize("name", toys.names())
def test_every_toy_figure_is_drawn_alike_by_python_and_javascript(name):
    module = toys.load(name)
    jobs, expected = [], []
    for point in sample_points(name):
        figures = module.run(seed=0, **point)["figures"]
        for figure_name, figure in figures.items():
            for width, height in WIDTHS:
                label, key = f"Chart: {figure_name}", f"{name}-{figure_name}"
                jobs.append({"figure": figure, "label": label, "key": key, "width": width, "height": height})
                expected.append((f"{name} {point} {figure_name} at {width}×{height}",
                                 svg_figure.render(figure, label, key, width, height)))
    assert len(jobs) >= 3
    for (where, python), drawn in zip(expected, drawn_in_node(jobs), strict=True):
        assert drawn["canDraw"], f"{where}: svg-plot's canDraw refuses a toy figure"
        assert_same_svg(python, drawn["svg"], where)


def test_every_answer_figure_with_a_guess_on_it_is_drawn_alike():
    """The answer figures (over each toy's grid, from the build's cache) with a guess's marks
    added as the page adds them (toys/answer.js withGuess: traces last, notes after)."""
    answered = {name: toys.load(name) for name in toys.names() if getattr(toys.load(name), "ANSWER", None)}
    grids = toy_grid.compute(answered, ROOT / ".cache")
    jobs, expected = [], []
    for name, module in answered.items():
        figure = module.ANSWER.figure(grids[name].points, grids[name].results)
        mark = module.ANSWER.guess(1 if module.ANSWER.choices else 0.5, figure)
        notes = figure["layout"].get("annotations", []) + mark.get("annotations", [])
        marked = {"data": figure["data"] + mark.get("data", []),
                  "layout": {**figure["layout"], **({"annotations": notes} if notes else {})}}
        for width, height in WIDTHS:
            jobs.append({"figure": marked, "label": "Answer", "key": name, "width": width, "height": height})
            expected.append((f"{name} answer at {width}", svg_figure.render(marked, "Answer", name, width, height)))
    assert len(answered) == 4
    for (where, python), drawn in zip(expected, drawn_in_node(jobs), strict=True):
        assert drawn["canDraw"], f"{where}: svg-plot's canDraw refuses an answer figure"
        assert_same_svg(python, drawn["svg"], where)


def test_the_hard_corners_are_drawn_alike():
    """What the toys use rarely: bars grouped and overlaid, category axes, stepped and dashed
    lines, gaps on a log axis, reversed axes, dtick, tickvals, annotations in paper and data
    coordinates, per-point marker sizes, text above and below, filled areas (a band), no title."""
    figures = [
        {"data": [{"type": "bar", "x": ["a", "b", "c"], "y": [3, -1, 2], "name": "one"},
                  {"type": "bar", "x": ["a", "b", "c"], "y": [1, 2, 0.5], "name": "two", "opacity": 0.5}],
         "layout": {"title": {"text": "Grouped <br>bars & 'quotes'"}, "xaxis": {"title": "kind"}}},
        {"data": [{"type": "bar", "x": [1, 2, 4], "y": [3, 1, 2]}, {"type": "bar", "x": [1, 2, 4], "y": [1, 2, 3]}],
         "layout": {"barmode": "overlay", "yaxis": {"rangemode": "tozero", "dtick": 0.5}}},
        {"data": [{"x": [1, 10, 100, 1000], "y": [5, 0, 0.02, 0.003], "mode": "lines+markers+text",
                   "text": ["a", "", "c", "d"], "textposition": "bottom center", "line": {"shape": "hv", "dash": "dot"},
                   "marker": {"size": [4, 8, 12, 16]}, "name": "stepped", "legendgroup": "g"},
                  {"x": [1, 1000], "y": [1e-3, 20000], "mode": "lines", "line": {"shape": "hvh", "width": 3},
                   "name": "twin", "legendgroup": "g", "showlegend": False}],
         "layout": {"xaxis": {"type": "log"}, "yaxis": {"type": "log", "autorange": "reversed"},
                    "annotations": [{"x": 0.5, "y": 1, "xref": "paper", "yref": "paper", "text": "top<br>two lines",
                                     "showarrow": False, "yanchor": "bottom"},
                                    {"x": 10, "y": 1, "text": "data", "xanchor": "left", "yanchor": "top", "showarrow": False}]}},
        {"data": [{"x": [0, 1, 2, 3], "y": [0.1, 0.4, 0.2, 0.3], "line": {"shape": "vh"}, "name": f"n{i}"}
                  for i in range(5)],
         "layout": {"xaxis": {"tickvals": [0, 1.5, 3], "ticktext": ["zero", "middle", "three"]},
                    "yaxis": {"range": [0, 0.5], "scaleanchor": "x"}}},
        {"data": [{"x": [5, 200, 200, 5], "y": [0.02, 0.02, 0.1, 0.1], "mode": "none", "fill": "toself",
                   "fillcolor": "rgba(134,142,150,0.3)", "name": "band"},
                  {"x": [0, 1, 2, 1], "y": [1, 0, 1, 2], "mode": "lines", "fill": "toself", "name": "shape", "opacity": 0.8},
                  {"x": [1, 2], "y": [1, 1], "mode": "none", "fill": "toself"}],
         "layout": {"xaxis": {"type": "log", "range": [0.5, 2.5]}, "yaxis": {"type": "log"}}},
        {"data": [], "layout": {}},
    ]
    jobs = [{"figure": f, "label": "", "key": str(i), "width": w, "height": h}
            for i, f in enumerate(figures) for w, h in WIDTHS]
    for job, drawn in zip(jobs, drawn_in_node(jobs), strict=True):
        python = svg_figure.render(job["figure"], "", job["key"], job["width"], job["height"])
        assert_same_svg(python, drawn["svg"], f"figure {job['key']} at {job['width']}")
