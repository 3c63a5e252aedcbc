"""The readers' view, ```` ```spectrum view: readers ```` ````: the readers' map at build.

The page holds the whole view as text, so it reads without JavaScript and is
the screen reader's path: a table of the papers the fence offers that readers
placed, most contested first, with the number of readers, the median and the
interquartile range of x (and y) and the marks. With no readers' maps it says so
and how to add one; it never draws an empty chart. As everywhere, the page holds
none of the author's spots: where the fence lets the reader reveal them
(``reveal: true``), the chart has a button that fetches them, and readers
without JavaScript get the link to the author's map on a page of its own.
The browser draws the chart above the table (assets/js/spectrum/readers-chart.js)
from the same numbers, embedded in the figure's ``data-readers`` attribute (a few
hundred bytes a paper: no request, and only the papers the fence shows).
"""
from __future__ import annotations

import html
from typing import Any, Iterable

from place_for_research.data import readers
from place_for_research.data.catalogue import Paper, SiteData
from place_for_research.builder.spectrum_figure import json_attribute

SMALL_SAMPLE = 10  # under this many readers, the view and the sentences say the sample is small
# The chart's height in CSS pixels, as readers-chart.js draws it (edges + a row per paper): its
# placeholder holds the place, so the page does not move when the chart is drawn.
CHART_EDGES, CHART_ROW, CHART_WIDTH = 36, 40, 640


def _number(value: float) -> str:
    text = f"{value:+.2f}" if value else "0.00"
    return text.replace("-", "\u2212")


def _plain(value: float) -> str:
    return f"{value:.2f}"


def how_to_add(folder: str) -> str:
    """How a reader adds their map (the view's and the sentences' words)."""
    return (f"place the papers on a spectrum and choose \u201cAdd my map to the readers\u2019 map\u201d in its Map "
            f"menu, which makes your map a file for {folder}/ in the site\u2019s repository (sent by pull request); "
            "the next build counts it")


def sample_note(count: int) -> str:
    return f" That is a small sample (under {SMALL_SAMPLE} readers)." if 0 < count < SMALL_SAMPLE else ""


def _marks(marks: dict[str, int], data: SiteData) -> str:
    if not marks:
        return "—"
    names = []
    for mark, count in sorted(marks.items(), key=lambda item: (-item[1], item[0])):
        category = data.taxonomy.category(mark)
        names.append(f"{category.name if category else 'Unsure'} {count}")
    return ", ".join(names)


def _why(entry: dict[str, Any]) -> str:
    return {"spread": "Yes: spread", "marks": "Yes: marks split"}.get(entry["why"] or "", "No")


def chart_data(aggregate: dict[str, Any], data: SiteData, shown: list[Paper]) -> dict[str, Any]:
    """What the chart draws, in the order it draws it (most contested first)."""
    x = data.taxonomy.x
    papers = []
    for paper in shown:
        entry = aggregate["papers"][paper.id]
        item: dict[str, Any] = {"id": paper.id, "title": paper.title, "n": entry["n"], "x": entry["x"],
                                "contested": entry["contested"]}
        papers.append(item)
    return {"axis": {"min": x.min, "max": x.max, "low": x.low, "high": x.high, "name": x.name},
            "readers": aggregate["readers"], "papers": papers}


def figure(aggregate: dict[str, Any], data: SiteData, offered: Iterable[Paper], figure_id: str, caption: str,
           reveal: bool, folder: str) -> str:
    """The readers' view as HTML (see the module's docstring)."""
    offered = tuple(offered)
    entries = aggregate["papers"]
    order = {pid: index for index, pid in enumerate(readers.most_contested_first(entries))}
    shown = sorted((p for p in offered if p.id in entries), key=lambda p: order[p.id])
    count = aggregate["readers"]
    head = f'<figure class="readers-map" id="{figure_id}" data-view="readers"'
    if not shown:
        said = ("No reader has sent a map yet" if count == 0
                else f"No reader has placed these papers yet ({readers.readers_phrase(count)} sent maps)")
        return (f'{head}><figcaption>{html.escape(caption)}</figcaption>'
                f'<p class="readers-empty">{html.escape(said)}. To add yours: {html.escape(how_to_add(folder))}.'
                "</p></figure>")
    x, y = data.taxonomy.x, data.taxonomy.y
    contested = sum(1 for p in shown if entries[p.id]["contested"])
    summary = (f"{readers.readers_phrase(count)} sent their maps; {contested} of the {len(shown)} papers they "
               f"placed here {'is' if contested == 1 else 'are'} contested.{sample_note(count)} "
               f"{aggregate['rule']}")
    columns = ["Paper", "Readers", f"{x.name}: median (middle half)", f"{y.name}: median (readers who set it)", "Marks", "Contested"]
    rows = []
    for paper in shown:
        entry = entries[paper.id]
        q1, median, q3 = entry["x"]
        y_text = "—" if entry["y"] is None else f"{_plain(entry['y'][1])} ({entry['ny']})"
        cells = [f'<th scope="row"><a href="{html.escape(paper.url)}">{html.escape(paper.title)}</a></th>',
                 f"<td>{entry['n']}</td>",
                 f"<td>{_number(median)} ({_number(q1)} to {_number(q3)})</td>",
                 f"<td>{y_text}</td>", f"<td>{html.escape(_marks(entry['marks'], data))}</td>",
                 f"<td>{_why(entry)}</td>"]
        css = ' class="readers-contested"' if entry["contested"] else ""
        rows.append(f"<tr{css} data-paper=\"{html.escape(paper.id)}\">{''.join(cells)}</tr>")
    head_cells = "".join(f'<th scope="col">{html.escape(name)}</th>' for name in columns)
    table = (f'<div class="readers-table-wrap" tabindex="0" role="region" aria-labelledby="{figure_id}-table-caption">'
             f'<table class="readers-table"><caption id="{figure_id}-table-caption">The readers\' map, most '
             f"contested first ({html.escape(x.low)} {_number(x.min)} to {html.escape(x.high)} {_number(x.max)})"
             f"</caption><thead><tr>{head_cells}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")
    reveal = reveal and any(p.placement for p in shown)
    link = ('<p class="readers-author-link"><a href="@site/assets/spectrum/author.html">The author\'s '
            "placements</a>, on a page of their own: look after you have placed yours.</p>" if reveal else "")
    return (f'{head} data-reveal="{str(reveal).lower()}"'
            f"{json_attribute('data-readers', chart_data(aggregate, data, shown))}>"
            f"<figcaption>{html.escape(caption)}</figcaption>{_chart_places(len(shown), reveal)}"
            f'<p class="readers-summary">{html.escape(summary)}</p>{table}{link}</figure>')


def _chart_places(rows: int, reveal: bool) -> str:
    """What the script fills or wires, shown only where it runs (Material marks the page ``js``):
    the chart's placeholder at its final size, its legend and, with reveal, the button and its status
    (the button disabled until the script has wired it: a press before then would do nothing)."""
    height = CHART_EDGES + CHART_ROW * rows
    author = "; diamond: the author's spot, once shown" if reveal else ""
    button = ('<button type="button" class="readers-reveal" aria-pressed="false" disabled>Show the author\'s spots</button>'
              '<p class="readers-status" role="status"></p>' if reveal else "")
    return (f'<div class="readers-chart"><svg class="readers-svg" viewBox="0 0 {CHART_WIDTH} {height}" '
            f'width="{CHART_WIDTH}" height="{height}" aria-hidden="true" focusable="false"></svg></div>'
            f"<p class=\"readers-legend\">Bar: the middle half of the readers' spots; tick: their median; "
            f"dot: your own spot{author}; n: readers. The table below has every number.</p>{button}")
