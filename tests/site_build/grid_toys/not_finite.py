"""A toy whose run() returns NaN for a readout at one point (rate=0) and an infinity in a figure at another (rate=2)."""
from place_for_research.toys.controls import Control

CONTROLS = (Control("rate", "Rate", (0, 1, 2), default=1),)


def run(seed=0, progress=None, rate=1):
    y = float("inf") if rate == 2 else 1.0
    return {"figures": {"main": {"data": [{"type": "scatter", "x": [0, 1], "y": [0, y]}], "layout": {}}},
            "readouts": {"ratio": float("nan") if rate == 0 else 1.0 / rate}}
