"""A toy whose grid (15 × 15 = 225 points) is over toy_grid.MAX_POINTS."""
from place_for_research.toys.controls import Control

CONTROLS = (Control("a", "A", tuple(range(15)), default=0), Control("b", "B", tuple(range(15)), default=0))


def run(seed=0, progress=None, a=0, b=0):
    return {"figures": {"main": {"data": [], "layout": {}}}, "readouts": {}}
