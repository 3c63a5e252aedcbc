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

import html

import yaml

from place_for_research import build_context

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


def spectrum_fence(source, language, css_class, options, md, **kwargs):
    settings = parse_options(source)
    view = settings.get("view", "line")
    if view not in VIEWS:
        raise FenceError(f"spectrum view must be one of {', '.join(VIEWS)}, not {view!r}")
    data = build_context.site_data()
    placed = [p for p in data.papers if p.placement is not None]
    rows = "\n".join(
        f"<tr><td>{html.escape(p.title)}</td><td>{p.year}</td><td>{p.placement.x:+.2f}</td>"
        f"<td>{'' if p.placement.y is None else f'{p.placement.y:.2f}'}</td></tr>"
        for p in placed
    )
    x, y = data.taxonomy.x, data.taxonomy.y
    return (
        f'<figure class="{css_class}" data-view="{html.escape(view)}">'
        f'<figcaption>{html.escape(data.taxonomy.title)}: the author\'s placements '
        f'(the interactive chart will go here)</figcaption>'
        f'<table><thead><tr><th>Paper</th><th>Year</th><th>{html.escape(x.name)} '
        f'({html.escape(x.low)} {x.min:g} to {html.escape(x.high)} {x.max:+g})</th>'
        f'<th>{html.escape(y.name)}</th></tr></thead><tbody>{rows}</tbody></table></figure>'
    )


def toy_fence(source, language, css_class, options, md, **kwargs):
    settings = parse_options(source)
    notebook = str(settings.get("notebook", ""))
    title = html.escape(str(settings.get("title", notebook.replace("-", " ").capitalize())))
    return (
        f'<div class="{css_class}" data-notebook="{html.escape(notebook)}">'
        f'<p><strong>Toy demo:</strong> <a href="notebooks/{html.escape(notebook)}/">{title}</a> '
        f'(the preview figure will go here)</p></div>'
    )
