"""A notebook's outputs at build: a figure past the documented size stops the build with the
notebook and cell; HTML outputs are cleaned by nh3 (the build test opens such a page)."""
from __future__ import annotations

import importlib
from pathlib import Path

import nbformat
import pytest
from mkdocs.exceptions import PluginError

from place_for_research.builder import notebook_outputs, toy_grid

PLOTLY = notebook_outputs.PLOTLY_MIME


def notebook_with(figure: dict):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# A toy"), nbformat.v4.new_code_cell("show(fig)")]
    nb.cells[1].outputs = [nbformat.v4.new_output("display_data", data={PLOTLY: figure, "text/plain": "<figure>"})]
    return nb


def test_a_figure_past_the_documented_size_stops_the_build_with_notebook_and_cell():
    big = {"data": [{"type": "scatter", "x": list(range(400_000)), "y": [0] * 400_000}], "layout": {}}
    with pytest.raises(PluginError, match=r"toy\.ipynb: cell 2: a figure of 400,000 points; the site draws at most 20,000"):
        notebook_outputs.SanitiseOutputs().preprocess(notebook_with(big), {"metadata": {"name": "toy"}})


def test_a_figure_within_the_size_passes_unchanged():
    small = {"data": [{"type": "scatter", "x": list(range(5_000)), "y": [0] * 5_000}] * 4, "layout": {}}
    nb, _ = notebook_outputs.SanitiseOutputs().preprocess(notebook_with(small), {"metadata": {"name": "toy"}})
    assert nb.cells[1].outputs[0].data[PLOTLY] == small


def test_html_is_cleaned_and_javascript_dropped():
    output = {"output_type": "display_data", "data": {
        "text/html": "<b onclick='x()'>bold</b><script>x()</script><meta http-equiv='refresh' content='0'>",
        "application/javascript": "x()"}}
    notebook_outputs.sanitise_output(output)
    assert output["data"]["text/html"] == "<b>bold</b>"
    assert "application/javascript" not in output["data"] and "JavaScript" in output["data"]["text/plain"]


def test_a_toys_figure_past_the_size_stops_the_build_naming_toy_and_figure(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[1] / "site_build"))
    module = importlib.import_module("grid_toys.huge_figure")
    with pytest.raises(toy_grid.GridError, match=r"toy 'huge_figure' failed at n=400000: figure 'main': a figure of "
                                                 r"400,000 points; the site draws at most 20,000"):
        toy_grid.compute({"huge_figure": module}, tmp_path, "v1", workers=1)
