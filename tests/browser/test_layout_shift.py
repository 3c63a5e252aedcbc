"""The page holds still: nothing jumps while the essay loads or when the reader
places the first paper. The figures themselves are `make bench`'s
(goal: 0.02); the bounds here are generous, and the structural checks (the
essay below the palette stays where it was) are exact.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import open_context
from layout_shift import WATCH_FIGURE_HEIGHTS, below, figure_heights, place_a_paper, shifts, total

TOP_OF_NEXT = """() => {
  const next = document.querySelector("figure.research-spectrum").nextElementSibling;
  return next.getBoundingClientRect().top + window.scrollY;
}"""


def test_the_essay_does_not_jump_while_it_loads(watched, site_url):
    page, _ = watched
    page.goto(site_url, wait_until="load")
    expect(page.locator("img.header-art")).to_have_attribute("height", "220")  # its box is kept before it loads
    figure = page.locator("figure.research-spectrum").first
    figure.scroll_into_view_if_needed()
    expect(figure).to_have_attribute("data-ready", "true", timeout=30_000)  # a busy machine is slow, not wrong
    entries = shifts(page)
    assert total(entries, with_input=False) <= 0.1, entries


def test_placing_papers_moves_nothing_below_the_palette(watched, site_url):
    page, _ = watched
    page.set_viewport_size({"width": 1000, "height": 900})  # the specimen's 8 cards in 4 rows: 2 placed empty a row
    page.goto(site_url, wait_until="load")
    figure = page.locator("figure.research-spectrum").first
    figure.scroll_into_view_if_needed()
    expect(figure).to_have_attribute("data-ready", "true", timeout=30_000)  # a busy machine is slow, not wrong
    before, seen = page.evaluate(TOP_OF_NEXT), len(shifts(page))
    place_a_paper(page)
    place_a_paper(page)
    assert abs(page.evaluate(TOP_OF_NEXT) - before) < 1  # not a pixel
    # The palette's own cards close the gap a placed paper leaves (a shift the drop caused);
    # anything that moves later, on its own, counts.
    after = shifts(page)[seen:]
    assert total(after, with_input=False) <= 0.1, after


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("figure_id", ["spectrum-1", "spectrum-3", "spectrum-4"])  # line; map; line with its grounding line
def test_opening_the_essay_at_a_chart_moves_nothing(browser, site_url, figure_id, width):
    """A link to a chart (#spectrum-1, or one further down): the static figure holds the
    widget's room from the first paint, and the widget takes exactly that room when it mounts,
    so the figure keeps its height and nothing the reader sees moves."""
    context, watch = open_context(browser, site_url, viewport={"width": width, "height": 800})
    context.add_init_script(WATCH_FIGURE_HEIGHTS)
    page = context.new_page()
    page.goto(f"{site_url}#{figure_id}", wait_until="load")
    figure = page.locator(f"#{figure_id}")
    expect(figure).to_have_attribute("data-ready", "true", timeout=30_000)  # a busy machine is slow, not wrong
    expect(figure.locator(".spectrum-fallback")).to_be_hidden()
    heights = figure_heights(page, figure_id)
    assert heights and all(abs(height - heights[0]) < 1 for height in heights), heights
    # Not a pixel moves on screen. Only what moved wholly behind the sticky header is left out:
    # a toy above the chart that takes its final size there (its shift is the toys' to remove).
    header = page.evaluate("() => document.querySelector('.md-header').getBoundingClientRect().bottom")
    entries = shifts(page)
    assert total(below(entries, header), with_input=False) == 0, entries
    context.close()
    assert not watch.console_errors and not watch.foreign_requests


def test_without_javascript_the_static_figure_reads_whole(browser, site_url):
    """The widget's room is held only with JavaScript on: without it, every paper on offer is
    in the list (no box to scroll) and the link to the author's map is there."""
    context, watch = open_context(browser, site_url, java_script_enabled=False, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(site_url)
    the_map = page.locator("figure.research-spectrum").nth(2)
    papers = the_map.locator(".spectrum-paper-list")
    expect(papers.locator("li").last).to_be_visible()
    assert papers.evaluate("(list) => list.scrollHeight <= list.clientHeight")
    expect(the_map.get_by_role("link", name="The author's placements")).to_be_visible()
    context.close()
    assert not watch.console_errors and not watch.foreign_requests
