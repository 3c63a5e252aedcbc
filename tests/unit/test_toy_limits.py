"""A toy's limits live in the build (toy_grid): a control with too many values
or a grid with too many points stops the build, naming the toy and the control."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from place_for_research.builder import toy_grid
from place_for_research.toys.controls import Control


def toy(*value_counts: int) -> SimpleNamespace:
    return SimpleNamespace(CONTROLS=tuple(
        Control(f"c{index}", f"Control {index}", tuple(range(count)), 0) for index, count in enumerate(value_counts)))


def test_a_control_with_too_many_values_is_named():
    with pytest.raises(toy_grid.GridError) as caught:
        toy_grid.plan("my-toy", toy(2, toy_grid.MAX_VALUES + 37))
    assert str(caught.value) == (f"toy 'my-toy': control 'c1' offers {toy_grid.MAX_VALUES + 37} values, over the "
                                 f"limit of {toy_grid.MAX_VALUES}; offer fewer in CONTROLS")


def test_a_grid_with_too_many_points_names_each_controls_count():
    with pytest.raises(toy_grid.GridError) as caught:
        toy_grid.plan("my-toy", toy(20, 10))
    assert "toy 'my-toy': its grid has 200 points (c0 (20) × c1 (10)), over the limit of 120" in str(caught.value)


def test_a_toy_within_the_limits_is_planned():
    assert len(toy_grid.plan("my-toy", toy(toy_grid.MAX_VALUES)).points) == toy_grid.MAX_VALUES
    assert len(toy_grid.plan("my-toy", toy(12, 10)).points) == toy_grid.MAX_POINTS
