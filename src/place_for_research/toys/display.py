"""Show a toy's Plotly figure (a plain dict) wherever the notebook runs.

- CPython / Jupyter (also when mkdocs-jupyter executes notebooks at build
  time): returns an object whose MIME bundle is
  ``{"application/vnd.plotly.v1+json": fig}``, so the figure is stored as
  Plotly JSON in the notebook output and drawn by the site's own Plotly.
- Pyodide in the reader's browser (``sys.platform == "emscripten"``): hands
  the figure's JSON to ``js.postFigure``, a hook the site's live runtime
  defines in the worker's global scope; it forwards the figure to the page.
"""

import html
import json
import sys

PLOTLY_MIME = "application/vnd.plotly.v1+json"


class PlotlyFigure:
    """A minimal rich-display object: Jupyter calls ``_repr_mimebundle_``."""

    def __init__(self, fig):
        self.fig = fig

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {PLOTLY_MIME: self.fig, "text/html": figure_html(self.fig), "text/plain": f"<Plotly figure: {title_of(self.fig)}>"}


def title_of(fig: dict) -> str:
    title = (fig.get("layout") or {}).get("title") or {}
    return (title.get("text") if isinstance(title, dict) else str(title)) or "figure"


def figure_html(fig: dict) -> str:
    """The figure for a page: nbconvert cannot render the Plotly MIME type, so the HTML
    carries the same JSON as data (never a script) for the site's renderer to draw."""
    figure = html.escape(json.dumps(fig), quote=True)
    return (f'<div class="json-figure" data-figure="{figure}">'
            f'<p class="json-figure__fallback">Figure: {html.escape(title_of(fig))}</p></div>')


def show(fig):
    """Display ``fig``; returns the display object on CPython (None in the browser)."""
    if sys.platform == "emscripten":
        import js  # Pyodide's bridge to the JavaScript global scope

        js.postFigure(json.dumps(fig))
        return None
    obj = PlotlyFigure(fig)
    try:
        from IPython.display import display
    except ImportError:  # plain Python: nothing to draw on
        return obj
    display(obj)
    return None
