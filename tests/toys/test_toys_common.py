"""Checks of the toys' shared helpers and registry (plain asserts: these also run in Pyodide)."""

import json
import math

from place_for_research import toys
from place_for_research.toys import _common as c


def test_power_law_fit_recovers_slope_and_prefactor():
    xs = [1, 10, 100, 1000]
    slope, pre = c.fit_power_law(xs, [3.0 * x**-0.4 for x in xs])
    assert abs(slope + 0.4) < 1e-12 and abs(pre - 3.0) < 1e-12


def test_histogram_is_a_density():
    rng = c.make_rng(0)
    xs = [rng.random() for _ in range(1000)]
    centres, heights = c.histogram(xs, 0.0, 1.0, 10)
    assert len(centres) == 10 and abs(centres[0] - 0.05) < 1e-12
    assert abs(sum(heights) * 0.1 - 1.0) < 1e-12


def test_rng_is_private_and_seeded():
    import random
    random.seed(123)
    before = random.random()
    random.seed(123)
    a = c.make_rng(7).random()
    assert random.random() == before  # the global RNG was not touched
    assert a == c.make_rng(7).random()


def test_spacing_helpers():
    assert c.linspace(0, 1, 5) == [0, 0.25, 0.5, 0.75, 1.0]
    ints = c.logspace_ints(10, 1000, 3)
    assert ints == [10, 100, 1000]
    assert math.isclose(c.linspace(2, 3, 1)[0], 2)


def test_figure_is_transparent_json():
    fig = c.figure([{"type": "scatter", "x": [1], "y": [2]}], "t", {"type": "log"})
    assert fig["layout"]["paper_bgcolor"] == fig["layout"]["plot_bgcolor"] == "rgba(0,0,0,0)"
    assert json.loads(json.dumps(fig)) == fig


def test_every_listed_toy_has_a_run_function():
    for name in toys.names():
        assert callable(toys.load(name).run)


def test_display_object_carries_the_plotly_mime_bundle():
    from place_for_research.toys.display import PLOTLY_MIME, PlotlyFigure

    fig = c.figure([], "demo")
    bundle = PlotlyFigure(fig)._repr_mimebundle_()
    assert bundle[PLOTLY_MIME] is fig and "demo" in bundle["text/plain"]
