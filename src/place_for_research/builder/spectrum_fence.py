"""The ```spectrum fence (pymdownx.superfences): a view of the research spectrum.

An author writes, anywhere in the essay:

    ```spectrum
    view: line        # line | plane | map | readers (the readers' map: readers_view)
    papers: cited     # cited | all | a list of paper ids
    reveal: true      # may the reader reveal the author's map?
    marks: true       # does the reader mark what each paper rests on here?
    ```

The fence renders a complete static figure at build time (spectrum_figure);
the widget upgrades it in the browser.
"""
from __future__ import annotations

import html

from pymdownx.superfences import SuperFencesException

from place_for_research.builder import build_context, readers_view, spectrum_figure
from place_for_research.builder.fence_options import FenceError, parse_options


class SpectrumFenceError(FenceError, SuperFencesException):
    """A broken ```spectrum fence. Stops the build: superfences shows any other
    exception as a plain code block, which would hide the mistake."""


SPECTRUM_OPTIONS = ("view", "papers", "reveal", "summary", "marks", "caption")


def spectrum_fence(source, language, css_class, options, md, **kwargs):
    """A research spectrum view: its static fallback (axes and papers, never the author's
    spots) and its settings for the widget, which fetches the site's catalogue.

    Options (YAML in the fence body): ``view`` line | plane | map (default line),
    ``papers`` cited | all | [ids] (default cited: the papers the page cites; the
    palette offers exactly these), ``reveal`` true | false (default false: may the
    reader show the author's map?), ``summary`` true | false (default: true on the
    ``map`` view: the line under the chart, ``p.spectrum-grounding-summary``, that
    counts the reader's structural papers by the grounding they marked),
    ``marks`` true | false (default: as ``summary``: under the chart, a row per
    structural paper the reader placed, to mark what it rests on in one click;
    the legend of the marks shows only where marks can be seen),
    ``caption`` (optional text). Anything else is a build error that names it.

    All views on a page share the reader's map. A paper placed or moved on the
    ``line`` view (one axis) keeps the y it had from a plane view, or else sits
    at the bottom of the y axis until the reader moves it on a plane.
    """
    def fail(message: str):
        first = source.strip().splitlines()[0] if source.strip() else "(empty)"
        raise SpectrumFenceError(f"```spectrum fence starting with {first!r}: {message}")

    try:
        settings = parse_options(source, SPECTRUM_OPTIONS)
    except FenceError as error:
        fail(str(error))
    view = settings.get("view", "line")
    if view not in spectrum_figure.VIEWS:
        fail(f"view must be one of {', '.join(spectrum_figure.VIEWS)}, not {view!r}")
    reveal = settings.get("reveal", False)
    if not isinstance(reveal, bool):
        fail(f"reveal must be true or false, not {reveal!r}")
    summary = settings.get("summary", view == "map")
    if not isinstance(summary, bool):
        fail(f"summary must be true or false, not {summary!r}")
    marks = settings.get("marks", summary)
    if not isinstance(marks, bool):
        fail(f"marks must be true or false, not {marks!r}")
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
                   "map": f"{taxonomy.title}: your whole map",
                   "readers": f"{taxonomy.title}: the readers' map"}[view]
    if view == "readers":
        return readers_view.figure(build_context.readers(), data, papers, figure_id, caption, reveal,
                                   build_context.readers_folder())
    # The figure's settings as JSON in an attribute (Material's instant navigation would
    # re-run a <script type="application/json"> as JavaScript); the catalogue is fetched.
    data_attrs = spectrum_figure.json_attribute(
        "data-spectrum-options", spectrum_figure.figure_options(view, papers, reveal, summary, marks))
    return (
        f'<figure class="{html.escape(css_class)}" id="{figure_id}" data-view="{view}" '
        f'data-reveal="{str(reveal).lower()}" data-summary="{str(summary).lower()}" '
        f'data-marks="{str(marks).lower()}"{data_attrs}>'
        f"<figcaption>{html.escape(caption)}</figcaption>"
        f"{spectrum_figure.static_figure(data, view, papers, figure_id, reveal)}</figure>"
    )
