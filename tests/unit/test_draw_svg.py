"""The build draws its figures with the browser's renderer (draw-svg.js) through one node process."""
from __future__ import annotations

import pytest

from place_for_research.builder import draw_svg, toy_fence
FIGURE = {"data": [{"type": "scatter", "mode": "lines", "x": [1, 2, 3], "y": [1, 4, 9], "name": "squares"}],
          "layout": {"title": "Squares"}}


def test_one_node_process_draws_every_figure_of_a_build():
    draw_svg.close()
    first = draw_svg.render(FIGURE, "Chart: squares", "a")
    node = draw_svg._node
    second = draw_svg.render(FIGURE, "Chart: squares", "b", 375, 360)
    assert draw_svg._node is node and node.poll() is None
    assert first.startswith('<svg class="toy-svg" viewBox="0 0 640 ') and 'aria-label="Chart: squares"' in first
    assert 'viewBox="0 0 375 ' in second
    draw_svg.close()
    assert node.poll() is not None and draw_svg._node is None


def test_a_missing_point_drawn_from_a_nan_is_a_gap_not_an_error():
    figure = {"data": [{"type": "scatter", "mode": "lines", "x": [1, 2, 3], "y": [1, float("nan"), 9]}], "layout": {}}
    assert draw_svg.render(figure).startswith("<svg")


def test_without_node_the_build_says_so(monkeypatch):
    draw_svg.close()
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(draw_svg.DrawError, match="install Node.js"):
        draw_svg.render(FIGURE)


def test_a_figure_node_cannot_draw_is_named_by_the_fence():
    with pytest.raises(toy_fence.ToyFenceError, match="demo's figure 'main' cannot be drawn"):
        toy_fence._figure_file({"data": [{"x": [object()]}]}, "Chart", "k", "demo's figure 'main'")
