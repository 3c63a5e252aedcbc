"""A toy whose run() divides by zero at one point of its grid (rate=0)."""
from place_for_research.toys.controls import Control

CONTROLS = (Control("rate", "Rate", (0, 1, 2), default=1),)


def run(seed=0, progress=None, rate=1):
    return {"figures": {"main": {"data": [{"type": "scatter", "x": [0, 1], "y": [0, 1 / rate]}], "layout": {}}},
            "readouts": {}}
