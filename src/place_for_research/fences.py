"""Custom Markdown fences (pymdownx.superfences) that place the interactive parts.

An author writes, anywhere in the essay:

    ```spectrum
    view: line        # line | plane | map
    papers: cited     # cited | all | a list of paper ids
    reveal: true      # may the reader reveal the author's map?
    ```

    ```toy
    notebook: diffusion-sde
    ```

Each fence renders a complete static figure at build time; the front end
upgrades it in the browser.
"""
from __future__ import annotations

import functools
import hashlib
import html
import json
import os
from pathlib import Path

import pygments
import yaml
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer
from pymdownx.superfences import SuperFencesException

from place_for_research import build_context, spectrum_figure, toys

VIEWS = ("line", "plane", "map")


class FenceError(ValueError):
    pass


def parse_options(source: str) -> dict:
    try:
        options = yaml.safe_load(source) or {}
    except yaml.YAMLError as error:
        raise FenceError(f"fence options are not valid YAML: {error}") from None
    if not isinstance(options, dict):
        raise FenceError("fence options must be `key: value` lines")
    return options


def validate_options(language, inputs, options, attrs, md):
    """superfences validator: accept the fence; options are read from its body."""
    return True


class SpectrumFenceError(FenceError, SuperFencesException):
    """A broken ```spectrum fence. Stops the build: superfences shows any other
    exception as a plain code block, which would hide the mistake."""


SPECTRUM_OPTIONS = ("view", "papers", "reveal", "summary", "caption")


def spectrum_fence(source, language, css_class, options, md, **kwargs):
    """A research spectrum view: its static fallback (axes and papers, never the author's
    spots) and its settings for the widget, which fetches the site's catalogue.

    Options (YAML in the fence body): ``view`` line | plane | map (default line),
    ``papers`` cited | all | [ids] (default cited: the papers the page cites; the
    palette offers exactly these), ``reveal`` true | false (default false: may the
    reader show the author's map?), ``summary`` true | false (default: true on the
    ``map`` view: the line under the chart, ``p.spectrum-grounding-summary``, that
    counts the reader's structural papers by the grounding they marked),
    ``caption`` (optional text). Anything else is a build error that names it.

    All views on a page share the reader's map. A paper placed or moved on the
    ``line`` view (one axis) keeps the y it had from a plane view, or else sits
    at the bottom of the y axis until the reader moves it on a plane.
    """
    def fail(message: str):
        first = source.strip().splitlines()[0] if source.strip() else "(empty)"
        raise SpectrumFenceError(f"```spectrum fence starting with {first!r}: {message}")

    try:
        settings = parse_options(source)
    except FenceError as error:
        fail(str(error))
    unknown = sorted(str(key) for key in settings if key not in SPECTRUM_OPTIONS)
    if unknown:
        fail(f"unknown option(s) {', '.join(map(repr, unknown))} (known: {', '.join(SPECTRUM_OPTIONS)})")
    view = settings.get("view", "line")
    if view not in VIEWS:
        fail(f"view must be one of {', '.join(VIEWS)}, not {view!r}")
    reveal = settings.get("reveal", False)
    if not isinstance(reveal, bool):
        fail(f"reveal must be true or false, not {reveal!r}")
    summary = settings.get("summary", view == "map")
    if not isinstance(summary, bool):
        fail(f"summary must be true or false, not {summary!r}")
    caption = settings.get("caption")
    if caption is not None and not isinstance(caption, str):
        fail(f"caption must be text, not {caption!r}")
    data = build_context.site_data()
    try:
        papers = spectrum_figure.offered_papers(data, settings.get("papers", "cited"), build_context.page_citations())
    except ValueError as error:
        fail(f"papers: {error}")

    number = getattr(md, "_research_spectrum_count", 0) + 1
    md._research_spectrum_count = number
    figure_id = f"spectrum-{number}"
    taxonomy = data.taxonomy
    if caption is None:
        caption = {"line": f"{taxonomy.title}: {taxonomy.x.name}",
                   "plane": f"{taxonomy.title}: {taxonomy.x.name} and {taxonomy.y.name}",
                   "map": f"{taxonomy.title}: your whole map"}[view]
    # The figure's settings as JSON in an attribute (Material's instant navigation would
    # re-run a <script type="application/json"> as JavaScript); the catalogue is fetched.
    data_attrs = spectrum_figure.json_attribute(
        "data-spectrum-options", spectrum_figure.figure_options(view, papers, reveal, summary))
    return (
        f'<figure class="{html.escape(css_class)}" id="{figure_id}" data-view="{view}" '
        f'data-reveal="{str(reveal).lower()}"{data_attrs}>'
        f"<figcaption>{html.escape(caption)}</figcaption>"
        f"{spectrum_figure.static_figure(data, view, papers, figure_id, reveal)}</figure>"
    )


class ToyFenceError(FenceError, SuperFencesException):
    """A broken ```toy fence: stops the build instead of showing as a code block."""


@functools.cache
def _toy_figures(module: str, digest: str) -> dict:
    """A toy's figures, run once per version of the toys' source (``digest``):
    kept in memory across `mkdocs serve`'s rebuilds, and on disk across builds."""
    folder = build_context.cache_dir()
    path = folder / "toy-previews" / digest / f"{module}.json" if folder else None
    if path and path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))
    figures = toys.load(module).run(seed=0)["figures"]
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}")  # another build may write it too
        partial.write_text(json.dumps(figures, allow_nan=False), encoding="utf-8")
        partial.replace(path)
    return figures


def toy_code(module: str, figure: str) -> str:
    """The one cell behind a toy's preview: run live, it shows the very figure the build drew."""
    return (f"from place_for_research.toys import {module} as toy\n"
            "from place_for_research.toys.display import show\n"
            f"show(toy.run(seed=0)[\"figures\"][{json.dumps(figure)}])")


def highlighted_python(code: str) -> str:
    """Python as Pygments HTML (the class names notebook.css colours, as on notebook pages)."""
    return pygments.highlight(code, PythonLexer(), HtmlFormatter(nowrap=True))


def toy_fence(source, language, css_class, options, md, **kwargs):
    """A toy's preview in the essay: its first figure (or ``figure: name``),
    run at build time, the code that draws it, and a link to the toy's page.

    The code and figure are a one-cell notebook in mkdocs-jupyter's markup
    (``.jupyter-wrapper`` > ``.jp-CodeCell``), so the live notebooks
    (assets/js/live/) offer "Run in browser" on it as on a notebook page.

    Options: ``notebook`` (the notebook's name in notebooks/, required),
    ``title`` (link text), ``figure`` (which of the toy's figures).
    """
    try:
        settings = parse_options(source)
    except FenceError as error:
        raise ToyFenceError(str(error)) from None
    notebook = str(settings.get("notebook", ""))
    module = notebook.replace("-", "_")
    if module not in toys.TOYS:
        raise ToyFenceError(f"```toy fence: unknown notebook {notebook!r} (known: "
                            f"{', '.join(name.replace('_', '-') for name in toys.TOYS)})")
    figures = _toy_figures(module, toys_digest())
    name = settings.get("figure", next(iter(figures)))
    if name not in figures:
        raise ToyFenceError(f"```toy fence {notebook!r}: no figure {name!r} (known: {', '.join(figures)})")
    title = html.escape(str(settings.get("title", notebook.replace("-", " ").capitalize())))
    # Written as show() writes it in the browser (json.dumps' default separators):
    # a live run of the unchanged code then reuses this chart instead of drawing it again.
    figure = html.escape(json.dumps(figures[name], allow_nan=False), quote=True)
    cell = (
        '<div class="jp-Cell jp-CodeCell">'
        '<div class="jp-Cell-inputWrapper"><div class="jp-InputArea jp-Cell-inputArea">'
        '<div class="jp-InputArea-editor">'
        f'<div class="highlight-ipynb hl-python"><pre><span></span>{highlighted_python(toy_code(module, name))}</pre></div>'
        '</div></div></div>'
        '<div class="jp-Cell-outputWrapper"><div class="jp-OutputArea jp-Cell-outputArea">'
        '<div class="jp-OutputArea-child">'
        '<div class="jp-RenderedHTMLCommon jp-RenderedHTML jp-OutputArea-output" data-mime-type="text/html">'
        f'<div class="plotly-figure" data-figure="{figure}"></div>'
        '</div></div></div></div></div>'
    )
    # "@site/" links are made relative to the page by the hooks (on_page_content).
    return (
        f'<figure class="{css_class}" data-notebook="{html.escape(notebook)}">'
        f'<div class="jupyter-wrapper toy-preview__notebook" data-live-title="{title}">{cell}</div>'
        f'<figcaption><strong>Toy demo:</strong> <a href="@site/notebooks/{html.escape(notebook)}/">{title}</a>. '
        f'Run it here, or open it to read the whole notebook.</figcaption></figure>'
    )


def toys_digest() -> str:
    """A hash of the toys' source: previews are recomputed when a toy changes."""
    digest = hashlib.sha256()
    for path in sorted(Path(toys.__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]
