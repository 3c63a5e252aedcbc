"""The build's SVG (draw-svg.js, run by node) writes only numbers into a trace's opacity and line width."""
from __future__ import annotations

import pytest

from place_for_research.builder import draw_svg

HOSTILE = ['1"/><image href="x" onerror="window.__pwned=1"/><path d="', "0.5; fill: red", float("inf"), True, None, {"a": 1}]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_non_number_is_never_written_into_an_attribute(value):
    figure = {"data": [{"type": "scatter", "mode": "lines+markers", "x": [1, 2, 3], "y": [1, 4, 9],
                        "opacity": value, "line": {"width": value}}], "layout": {}}
    svg = draw_svg.render(figure, "Chart", "t")
    assert "<image" not in svg and "onerror" not in svg and "fill: red" not in svg and "inf" not in svg
    assert 'stroke-width="2"' in svg


def test_numbers_are_written_as_numbers():
    figure = {"data": [{"type": "scatter", "mode": "lines", "x": [1, 2], "y": [1, 2], "opacity": 0.5,
                        "line": {"width": 3.5}}], "layout": {}}
    svg = draw_svg.render(figure, "Chart", "t")
    assert 'stroke-width="3.5"' in svg and 'opacity="0.5"' in svg
