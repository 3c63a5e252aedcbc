"""The research spectrum at build time: its static fallback and the data the widget reads.

No answer before the reveal: a fence's HTML never holds the author's spots.
Every ```spectrum fence renders, without any JavaScript, the empty axes (an
inline SVG: a line for the ``line`` view, a plane for ``plane`` and ``map``)
and the list of papers it offers; a fence that lets the reader reveal the
author's map links to a static page of it (``assets/spectrum/author.html``).

The widget's data are files written at build (:func:`write_site_files`) and
fetched by the browser: ``catalogue.json`` (taxonomy and papers, no author
data) when a figure nears the viewport, ``author.json`` (spots, groundings,
reasons, spreads) only when the author's map may be shown. A figure carries its
own settings as JSON in a ``data-`` attribute (not a ``<script>``: Material's
instant navigation re-runs those as JavaScript). Every colour, label and pole
name comes from the taxonomy, so a fork that renames them changes the figure
with no code change.
"""
from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any, Iterable

from place_for_research.data.catalogue import Axis, Paper, SiteData, Taxonomy

VIEWS = ("line", "plane", "map", "readers")  # the spectrum fence's `view:` choices (readers: drawn by readers_view)
PAPER_SETS = ("cited", "all")
CATALOGUE_VERSION = 2
SITE_FOLDER = "assets/spectrum"  # where write_site_files puts the widget's data, in the built site

# SVG geometry, in viewBox units (the SVG scales to the column width).
WIDTH = 640
RADIUS = 10
LANE = 2 * RADIUS + 4


# -- choosing the papers ------------------------------------------------------

def offered_papers(data: SiteData, choice: Any, cited: tuple[str, ...] = ()) -> tuple[Paper, ...]:
    """The papers a fence offers: ``cited`` (the ids in ``cited``: the papers its
    page cites, in order of first mention), ``all`` (in the papers file's order)
    or a list of ids (in its order). Unknown ids raise ValueError naming them.
    """
    if choice == "all":
        return data.papers
    if choice == "cited":
        papers = tuple(paper for paper in map(data.paper, cited) if paper is not None)
        if not papers:
            raise ValueError("'cited' offers the papers this page cites, and it cites none from the papers "
                             "file: link one (https://arxiv.org/abs/…), or write papers: all or a list of ids")
        return papers
    if isinstance(choice, (list, tuple)) and choice:
        unquoted = [item for item in choice if not isinstance(item, str)]
        if unquoted:
            raise ValueError(f"paper ids must be quoted text: YAML reads {unquoted[0]!r} as a number "
                             f"(write \"2309.08600\", not 2309.08600)")
        wanted = list(choice)
        unknown = [item for item in wanted if data.paper(item) is None]
        if unknown:
            raise ValueError(f"unknown paper id(s) {', '.join(map(repr, unknown))}: not in the papers file")
        duplicates = sorted({item for item in wanted if wanted.count(item) > 1})
        if duplicates:
            raise ValueError(f"paper id(s) listed twice: {', '.join(map(repr, duplicates))}")
        return tuple(data.paper(item) for item in wanted)
    raise ValueError(f"papers must be 'cited', 'all' or a non-empty list of paper ids, not {choice!r}")


# -- the data the widget reads ----------------------------------------------

def embed_json(value: Any) -> str:
    """Compact JSON with ``<``, ``>`` and ``&`` as ``\\u`` escapes (no markup survives even unescaped);
    html.escape it once more for an attribute."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def json_attribute(name: str, value: Any) -> str:
    """`` name='…'``: JSON in a single-quoted attribute. embed_json leaves no ``<``, ``>`` or ``&``,
    so only ``'`` needs escaping (cheaper than ``&quot;`` for every ``"``)."""
    return f" {name}='{embed_json(value).replace(chr(39), '&#39;')}'"


def catalogue(data: SiteData) -> dict[str, Any]:
    """Every paper of the site (metadata only: no author spot, grounding or reason) and the taxonomy.

    The widget validates stored maps, imports and share links against this, so it
    lists all papers even where a fence offers only some.
    """
    def axis(a: Axis) -> dict[str, Any]:
        return {"name": a.name, "min": a.min, "max": a.max, "low": a.low, "high": a.high,
                "definition": a.definition}

    papers = []
    for paper in data.papers:
        entry: dict[str, Any] = {"id": paper.id, "title": paper.title, "authors": list(paper.authors),
                                 "year": paper.year, "url": paper.url}
        if paper.venue:
            entry["venue"] = paper.venue
        if paper.note:
            entry["note"] = paper.note
        papers.append(entry)
    taxonomy = data.taxonomy
    return {
        "version": CATALOGUE_VERSION,
        "taxonomy": {
            "title": taxonomy.title,
            "x": axis(taxonomy.x),
            "y": axis(taxonomy.y),
            "categories": [{"id": c.id, "name": c.name, "colour": c.colour, "definition": c.definition}
                           for c in taxonomy.categories],
        },
        "papers": papers,
    }


def author_map(data: SiteData) -> dict[str, Any]:
    """The author's placements, as ``author.json`` gives them to the widget on reveal:
    ``{"version": 1, "placements": {id: {x, y, grounding?, reason?, spread?}}}`` (y null when unset)."""
    placements: dict[str, Any] = {}
    for paper in data.papers:
        placement = paper.placement
        if placement is None:
            continue
        entry: dict[str, Any] = {"x": placement.x, "y": placement.y}
        if placement.grounding:
            entry["grounding"] = placement.grounding
        if placement.reason:
            entry["reason"] = placement.reason
        if placement.spread:
            entry["spread"] = dict(placement.spread)
        placements[paper.id] = entry
    return {"version": 1, "placements": placements}


def figure_options(view: str, papers: Iterable[Paper], reveal: bool, summary: bool = False,
                   marks: bool | None = None) -> dict[str, Any]:
    """One figure's settings (never the author's spots: the widget fetches them on reveal).
    ``marks``: does the reader mark groundings here (default: where the summary counts them)."""
    return {"view": view, "reveal": reveal, "summary": summary, "marks": summary if marks is None else marks,
            "papers": [p.id for p in papers]}


def write_site_files(site_dir: Path, data: SiteData, send: dict[str, Any] | None = None) -> None:
    """Write the widget's data into the built site: catalogue.json, author.json and author.html.
    ``send``: where a reader's map goes (send_map.target), kept in the catalogue beside the papers."""
    folder = Path(site_dir) / SITE_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    dump = lambda value: json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)  # noqa: E731
    site = catalogue(data)
    if send is not None:
        site["send"] = send
    (folder / "catalogue.json").write_text(dump(site), encoding="utf-8")
    (folder / "author.json").write_text(dump(author_map(data)), encoding="utf-8")
    (folder / "author.html").write_text(author_page(data), encoding="utf-8")


# -- the static figure -------------------------------------------------------

def _fmt(value: float) -> str:
    """A coordinate as the table shows it: sign, two decimals, a real minus sign."""
    text = f"{value:+.2f}"
    return text.replace("-", "\u2212")


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _tick(value: float) -> str:
    text = f"{value:g}"
    return text.replace("-", "\u2212")


def _scale(value: float, axis: Axis, low_px: float, high_px: float) -> float:
    return low_px + (value - axis.min) / (axis.max - axis.min) * (high_px - low_px)


def _svg_line(taxonomy: Taxonomy, title_id: str) -> str:
    """The empty line: axis, ticks and poles (the reader's papers are drawn by the widget)."""
    left, right = 48, WIDTH - 48
    axis_y = 16 + LANE + 8
    height = axis_y + 52
    mid = (taxonomy.x.min + taxonomy.x.max) / 2
    ticks = "".join(
        f'<line class="spectrum-tick" x1="{px:.1f}" x2="{px:.1f}" y1="{axis_y - 5}" y2="{axis_y + 5}"/>'
        f'<text class="spectrum-tick-label" x="{px:.1f}" y="{axis_y + 20}" text-anchor="middle">{_tick(v)}</text>'
        for v in (taxonomy.x.min, mid, taxonomy.x.max)
        for px in [_scale(v, taxonomy.x, left, right)]
    )
    poles = (f'<text class="spectrum-pole" x="{left}" y="{axis_y + 40}" text-anchor="start">'
             f'{html.escape(taxonomy.x.low)}</text>'
             f'<text class="spectrum-pole" x="{right}" y="{axis_y + 40}" text-anchor="end">'
             f'{html.escape(taxonomy.x.high)}</text>')
    return (f'<svg class="spectrum-svg" viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="{title_id}" '
            f'xmlns="http://www.w3.org/2000/svg">'
            f'<line class="spectrum-axis" x1="{left}" x2="{right}" y1="{axis_y}" y2="{axis_y}"/>{ticks}{poles}</svg>')


def _svg_plane(taxonomy: Taxonomy, title_id: str) -> str:
    """The empty plane: grid, ticks and poles."""
    left, right, top, bottom = 64, WIDTH - 20, 20, 380
    height = bottom + 56
    grid = []
    for fraction in (0, 0.25, 0.5, 0.75, 1):
        x = taxonomy.x.min + fraction * (taxonomy.x.max - taxonomy.x.min)
        y = taxonomy.y.min + fraction * (taxonomy.y.max - taxonomy.y.min)
        px = _scale(x, taxonomy.x, left, right)
        py = _scale(y, taxonomy.y, bottom, top)
        css = "spectrum-axis" if fraction in (0,) else "spectrum-grid"
        grid.append(f'<line class="{css}" x1="{px:.1f}" x2="{px:.1f}" y1="{top}" y2="{bottom}"/>'
                    f'<line class="{css}" x1="{left}" x2="{right}" y1="{py:.1f}" y2="{py:.1f}"/>')
        if fraction in (0, 0.5, 1):
            grid.append(f'<text class="spectrum-tick-label" x="{px:.1f}" y="{bottom + 18}" '
                        f'text-anchor="middle">{_tick(x)}</text>'
                        f'<text class="spectrum-tick-label" x="{left - 8}" y="{py + 4:.1f}" '
                        f'text-anchor="end">{_tick(y)}</text>')
    poles = (f'<text class="spectrum-pole" x="{left}" y="{bottom + 40}" text-anchor="start">'
             f'{html.escape(taxonomy.x.low)}</text>'
             f'<text class="spectrum-pole" x="{right}" y="{bottom + 40}" text-anchor="end">'
             f'{html.escape(taxonomy.x.high)}</text>'
             f'<text class="spectrum-pole" transform="translate(18 {bottom}) rotate(-90)" text-anchor="start">'
             f'{html.escape(taxonomy.y.low)}</text>'
             f'<text class="spectrum-pole" transform="translate(18 {top}) rotate(-90)" text-anchor="end">'
             f'{html.escape(taxonomy.y.high)}</text>')
    return (f'<svg class="spectrum-svg" viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="{title_id}" '
            f'xmlns="http://www.w3.org/2000/svg">{"".join(grid)}{poles}</svg>')


def _table(numbered: list[tuple[int, Paper]], taxonomy: Taxonomy, plane: bool, caption: str) -> str:
    x, y = taxonomy.x, taxonomy.y
    head = (f'<th scope="col">#</th><th scope="col">Paper</th><th scope="col">Year</th>'
            f'<th scope="col">{html.escape(x.name)} <span class="spectrum-range">'
            f'({html.escape(x.low)} {_tick(x.min)} to {html.escape(x.high)} {_tick(x.max)})</span></th>')
    if plane:
        head += (f'<th scope="col">{html.escape(y.name)} <span class="spectrum-range">'
                 f'({html.escape(y.low)} {_tick(y.min)} to {html.escape(y.high)} {_tick(y.max)})</span></th>')
    head += '<th scope="col">Grounding</th>'
    rows = []
    for number, paper in numbered:
        placement = paper.placement
        category = taxonomy.category(placement.grounding) if placement.grounding else None
        cells = (f'<td>{number}</td><td><a href="{html.escape(paper.url)}">{html.escape(paper.title)}</a>'
                 f'<br><span class="spectrum-authors">{html.escape(paper.short_authors)}</span></td>'
                 f'<td>{paper.year}</td><td>{_fmt(placement.x)}</td>')
        if plane:
            cells += f'<td>{"—" if placement.y is None else _num(placement.y)}</td>'
        cells += f'<td>{html.escape(category.name) if category else "—"}</td>'
        rows.append(f"<tr>{cells}</tr>")
    return (f'<div class="spectrum-table-wrap"><table class="spectrum-table"><caption>{html.escape(caption)}'
            f'</caption><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')


def _paper_list(papers: Iterable[Paper]) -> str:
    items = "".join(f'<li><a href="{html.escape(p.url)}">{html.escape(p.title)}</a> '
                    f'<span class="spectrum-authors">{html.escape(p.short_authors)}, {p.year}</span></li>'
                    for p in papers)
    return f'<ol class="spectrum-paper-list">{items}</ol>'


def static_figure(data: SiteData, view: str, papers: Iterable[Paper], figure_id: str, reveal: bool = False) -> str:
    """The build-time fallback: the empty axes and the papers on offer (no author spot), and, where
    the reader may reveal the author's map, a link to it as a page of its own (HTML string)."""
    if view not in VIEWS:
        raise ValueError(f"view must be one of {', '.join(VIEWS)}, not {view!r}")
    taxonomy = data.taxonomy
    papers = tuple(papers)
    plane = view != "line"
    title_id = f"{figure_id}-svg-title"
    axes = taxonomy.x.name + (f" and {taxonomy.y.name}" if plane else "")
    svg = _svg_plane(taxonomy, title_id) if plane else _svg_line(taxonomy, title_id)
    svg = svg.replace(">", f'><title id="{title_id}">{html.escape(f"The axes: {axes}.")}</title>', 1)
    note = ('<p class="spectrum-fallback-note">Where would you put these papers? With JavaScript on, '
            'drag them onto the axes.</p>')
    link = ('<p class="spectrum-fallback-note spectrum-fallback-link"><a href="@site/assets/spectrum/author.html">'
            "The author's placements</a>, on a page of their own: look after you have decided.</p>"
            if reveal and any(p.placement for p in papers) else "")
    return (f'<div class="spectrum-fallback">{svg}{note}{_paper_list(papers)}{link}</div>')


# The author's page is text and one stylesheet: its policy allows nothing else.
AUTHOR_PAGE_POLICY = ("default-src 'none'; style-src 'self'; img-src 'self' data:; "
                      "base-uri 'none'; form-action 'none'")


def author_page(data: SiteData) -> str:
    """A small standalone page of the author's map (for readers without JavaScript): table and reasons."""
    taxonomy = data.taxonomy
    placed = [p for p in data.papers if p.placement is not None]
    numbered = list(enumerate(placed, start=1))
    table = _table(numbered, taxonomy, True, "The author's placements") if placed else "<p>The author has placed no paper.</p>"
    reasons = "".join(f"<li><strong>{html.escape(p.title)}</strong>: {html.escape(p.placement.reason)}</li>"
                      for p in placed if p.placement.reason)
    title = html.escape(f"{taxonomy.title}: the author's placements")
    return ('<!doctype html><html lang="en"><head>'
            f'<meta http-equiv="Content-Security-Policy" content="{AUTHOR_PAGE_POLICY}"><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{title}</title><link rel="stylesheet" href="../css/spectrum.css"></head>'
            f'<body class="spectrum-author-page"><main><h1>{title}</h1>{table}'
            + (f"<h2>Why there</h2><ul>{reasons}</ul>" if reasons else "")
            + '<p><a href="../../">Back to the essay</a></p></main></body></html>\n')
