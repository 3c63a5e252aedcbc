"""Notebook outputs are data, not markup the site vouches for: sanitised at build.

A cell's output can carry HTML (a library's rich repr, or a crafted one), JavaScript,
SVG and Markdown. After the notebook is executed and before it becomes HTML, an
nbconvert preprocessor (SanitiseOutputs, switched on by the config file in
``jupyter_config_outputs/``) cleans every HTML and Markdown output with nh3, a
maintained HTML sanitiser (Rust's ammonia): no script, no event handler, no <meta>,
no <iframe>, no style element; what is left is text and harmless markup (tables,
lists, emphasis, images from the page's own data). JavaScript outputs are dropped
and say so in their place. A figure (Plotly JSON) larger than figure_size allows stops the
build, naming the notebook and cell. SVG outputs are drawn from a data: URL in an <img> (the
config keeps nbconvert's default), where their scripts never run. The site's Content-Security-Policy would block scripts
anyway; a sanitised page also does not carry a <meta http-equiv=refresh> or
markup that breaks the page around it.
"""
from __future__ import annotations

import os
from pathlib import Path

import nh3
from mkdocs.exceptions import PluginError
from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

from place_for_research.builder.figure_size import too_large
from place_for_research.toys import display

CONFIG_DIR = Path(__file__).parent / "jupyter_config_outputs"  # holds jupyter_nbconvert_config.py
# Part of the notebook cache's key: a change to the rules re-renders every notebook.
RULES_VERSION = "nh3-2"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
DROPPED_SCRIPT = "(A JavaScript output is not shown: the site runs no script from a notebook.)"
# Attributes an output may keep: classes (a library's table styling), and the toys'
# figures' data (toys/display.py: a figure's JSON in data-figure, drawn by the site's
# renderer, which checks every value it writes).
ATTRIBUTES = {"*": {"class", "title", "lang", "dir"}, "div": {"data-figure"}, "img": {"src", "alt", "width", "height"},
              "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan", "scope"}, "a": {"href"}}


def clean_html(markup: str) -> str:
    """Markup an output may show: nh3's safe defaults (no script, style, meta, handlers)."""
    return nh3.clean(markup, attributes=ATTRIBUTES, url_schemes={"http", "https", "data"},
                     link_rel="noopener noreferrer nofollow")


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def sanitise_output(output: dict) -> None:
    data = output.get("data")
    if not isinstance(data, dict):
        return
    if "application/javascript" in data:
        del data["application/javascript"]
        data.setdefault("text/plain", DROPPED_SCRIPT)
    if isinstance(data.get(PLOTLY_MIME), dict):
        # A Plotly figure (a toy's, or the plotly package's): the page shows it as data for the
        # site's own renderer, never the library's HTML (its script, or a CDN's).
        data["text/html"] = display.figure_html(data[PLOTLY_MIME])
    for mime in ("text/html", "text/markdown"):
        if mime in data:
            data[mime] = clean_html(_text(data[mime]))


class SanitiseOutputs(Preprocessor):
    """Clean every output of every cell (see the module's docstring)."""

    enabled = Bool(True).tag(config=True)  # on wherever it is listed (nbconvert's own default off)

    def preprocess_cell(self, cell, resources, index):
        for output in cell.get("outputs", []):
            sanitise_output(output)
            problem = too_large((output.get("data") or {}).get(PLOTLY_MIME))
            if problem:
                name = (resources.get("metadata") or {}).get("name", "a notebook")
                raise PluginError(f"{name}.ipynb: cell {index + 1}: {problem}")
        return cell, resources


def switch_on() -> None:
    """Put the config folder that adds SanitiseOutputs on JUPYTER_CONFIG_PATH (once)."""
    paths = [p for p in os.environ.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep) if p]
    if str(CONFIG_DIR) not in paths:
        os.environ["JUPYTER_CONFIG_PATH"] = os.pathsep.join([*paths, str(CONFIG_DIR)])
