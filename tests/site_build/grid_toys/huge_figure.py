"""A toy whose figure holds 400,000 points: more than the site draws (figure_size)."""
from place_for_research.toys.controls import Control

CONTROLS = (Control("n", "Points", (400_000,), default=400_000),)


def run(seed=0, progress=None, n=400_000):
    return {"figures": {"main": {"data": [{"type": "scatter", "x": list(range(n)), "y": [0] * n}], "layout": {}}},
            "readouts": {}}
