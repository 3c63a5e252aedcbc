"""A quick toy with two controls and a readout: y = slope · x (+ an offset curve)."""
from place_for_research.toys.controls import Control, Readout

CONTROLS = (
    Control("slope", "Slope", (0.5, 1, 2), default=1, unit="per step"),
    Control("shape", "Shape", ("line", "bars"), default="line"),
    Control("offset", "Offset", (False, True), default=False),
)
READOUTS = (Readout("end", "Value at the end", digits=3),)


def run(seed=0, progress=None, slope=1, shape="line", offset=False):
    xs = list(range(1, 6))
    ys = [slope * x + (1 if offset else 0) for x in xs]
    trace = ({"type": "scatter", "mode": "lines+markers", "x": xs, "y": ys, "name": "y", "line": {"color": "#1f77b4"}}
             if shape == "line" else {"type": "bar", "x": xs, "y": ys, "name": "y"})
    return {"figures": {"main": {"data": [trace], "layout": {"title": {"text": "y against x"},
                                                            "xaxis": {"title": {"text": "x"}}}}},
            "readouts": {"end": ys[-1] / 3}}
