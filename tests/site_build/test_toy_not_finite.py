"""A toy's run() that returns NaN or an infinity is named with the toy, the
control values and the readout or figure value at fault, not with a JSON
encoder's complaint."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from place_for_research.builder import toy_grid

GRID_TOYS = Path(__file__).parent / "grid_toys"


def test_a_nan_readout_and_an_infinite_figure_value_are_named(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(GRID_TOYS.parent))
    module = __import__("grid_toys.not_finite", fromlist=["run"])
    sys.modules.pop("grid_toys.not_finite", None)
    with pytest.raises(toy_grid.GridError) as caught:
        toy_grid.compute({"not_finite": module}, tmp_path, "v1")
    message = str(caught.value)
    assert "toy 'not_finite' failed at rate=0: readout 'ratio' is nan; run() must return finite numbers" in message
    assert "JSON" not in message
    assert toy_grid._run_point("grid_toys.not_finite", {"rate": 2}) == (
        "error", "figure 'main' data[0].y[1] is inf; run() must return finite numbers")
