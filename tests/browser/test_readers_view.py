"""The readers' view (```spectrum view: readers) and the readers' sentences, in Debian's Chromium
on the specimen page, whose five made-up readers' maps (tests/specimen/readers_maps.py) make the
consistency model contested by spread and the scaling laws by marks."""
from __future__ import annotations

import json
import re

from conftest import horizontal_overflow, open_context, switch_to_dark
from playwright.sync_api import Page, expect

from place_for_research.data import readers

MODULE = "assets/js/spectrum/index.js"
CONSISTENCY, SCALING, GAN, SDE, SPECULATIVE = "2303.01469", "2001.08361", "1406.2661", "2011.13456", "2211.17192"
MOST_CONTESTED_FIRST = [CONSISTENCY, SCALING, GAN, SDE, SPECULATIVE]
# The chart's geometry (readers-chart.js): x from LEFT to RIGHT in a 640-wide viewBox.
LEFT, RIGHT = 16, 640 - 56


def px(x: float) -> float:
    return LEFT + (x + 1) / 2 * (RIGHT - LEFT)


def view(page: Page, drawn: str = "with-yours"):
    figure = page.locator("figure.readers-map")
    figure.scroll_into_view_if_needed()
    expect(figure).to_have_attribute("data-readers-drawn", drawn)
    return figure


def place(page: Page, site_url: str, paper_id: str, x: float) -> None:
    page.evaluate("async ([url, id, x]) => { const { store } = await (await import(url)).readerMap(); "
                  "store.place(id, x, null); }", [site_url + MODULE, paper_id, x])


def test_the_view_draws_medians_and_spreads_most_contested_first_with_the_readers_own_dot(page, site_url, built_site):
    html = (built_site / "index.html").read_text()
    readers_figure = html.split('<figure class="readers-map"')[1].split("</figure>")[0]
    assert "author.html" in readers_figure and "\u22120.60" not in readers_figure  # a link, never the spots
    published = json.loads((built_site / readers.SITE_FILE).read_text())
    assert published["readers"] == 5 and "by" not in json.dumps(published)
    assert not (built_site / "data" / "readers").exists()  # the raw maps stay out of the site
    placeholder = re.search(r'<svg class="readers-svg" viewBox="0 0 640 (\d+)"', readers_figure)
    assert placeholder and int(placeholder.group(1)) == 36 + 40 * len(MOST_CONTESTED_FIRST)
    page.goto(site_url)
    figure = view(page, "readers")
    # The chart takes the place its placeholder held: the page does not move when it is drawn.
    assert figure.locator("svg.readers-svg").get_attribute("height") == placeholder.group(1)
    rows = figure.locator("svg.readers-svg g.readers-row")
    assert [row.get_attribute("data-paper") for row in rows.all()] == MOST_CONTESTED_FIRST
    assert figure.locator("g.readers-row--contested").evaluate_all(
        "rows => rows.map(row => row.dataset.paper)") == [CONSISTENCY, SCALING]
    consistency = figure.locator(f'g.readers-row[data-paper="{CONSISTENCY}"]')
    assert abs(float(consistency.locator(".readers-median").get_attribute("x1")) - px(0.2)) < 1e-9
    bar = consistency.locator(".readers-bar")
    assert abs(float(bar.get_attribute("x")) - px(-0.7)) < 1e-9
    assert abs(float(bar.get_attribute("width")) - (px(0.5) - px(-0.7))) < 1e-9
    expect(consistency.locator(".readers-count")).to_have_text("5")
    expect(figure.locator(".readers-author")).to_have_count(0)  # the author's spots: only when asked
    expect(figure.locator(".readers-you")).to_have_count(0)
    # The table (the accessible path) in the same order, with the numbers the chart draws.
    table_rows = figure.locator("table.readers-table tbody tr")
    assert [row.get_attribute("data-paper") for row in table_rows.all()] == MOST_CONTESTED_FIRST
    expect(table_rows.first).to_contain_text("+0.20 (−0.70 to +0.50)")
    expect(table_rows.first).to_contain_text("Yes: spread")
    expect(table_rows.nth(1)).to_contain_text("Yes: marks split")
    expect(figure.locator(".readers-summary")).to_contain_text("5 readers sent their maps; 2 of the 5 papers")

    place(page, site_url, CONSISTENCY, -0.5)
    view(page, "with-yours")
    dot = consistency.locator(".readers-you")
    expect(dot).to_have_count(1)
    assert abs(float(dot.get_attribute("cx")) - px(-0.5)) < 1e-9
    expect(figure.locator(".readers-legend")).to_contain_text("dot: your own spot; diamond: the author's spot")

    reveal = figure.get_by_role("button", name="Show the author's spots")
    expect(reveal).to_have_attribute("aria-pressed", "false")
    reveal.click()
    expect(reveal).to_have_attribute("aria-pressed", "true")
    expect(figure.get_by_role("status")).to_have_text("The author's spots are shown as diamonds.")
    expect(figure.locator(".readers-author")).to_have_count(5)  # each paper here has an author's spot
    diamond = consistency.locator(".readers-author").get_attribute("d")
    assert diamond.startswith(f"M{px(-0.6):g} ") or diamond.startswith(f"M{px(-0.6)} ")
    reveal.click()
    expect(figure.locator(".readers-author")).to_have_count(0)


def test_the_view_reads_by_keyboard_and_hides_the_chart_from_screen_readers(page, site_url):
    page.goto(site_url)
    figure = view(page, "readers")
    expect(figure.locator("svg.readers-svg")).to_have_attribute("aria-hidden", "true")
    region = figure.get_by_role("region", name="The readers' map, most contested first")
    region.focus()
    expect(region).to_be_focused()
    outline = region.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none"
    expect(region.get_by_role("rowheader", name="Consistency Models")).to_be_visible()
    # The author's spots, by keyboard: the button is in the tab order and a key press shows them.
    reveal = figure.get_by_role("button", name="Show the author's spots")
    expect(reveal).to_be_enabled()  # wired by the script
    reveal.focus()
    page.keyboard.press("Enter")
    expect(reveal).to_have_attribute("aria-pressed", "true")
    expect(figure.locator(".readers-author")).to_have_count(5)


def test_the_view_in_dark_mode_at_phone_width(browser, site_url):
    context, watch = open_context(browser, site_url, viewport={"width": 375, "height": 800})
    page = context.new_page()
    try:
        page.goto(site_url)
        figure = view(page, "readers")
        light = figure.locator(".readers-title").first.evaluate("el => getComputedStyle(el).fill")
        switch_to_dark(page)
        expect(figure.locator(".readers-title").first).not_to_have_css("fill", light)
        assert horizontal_overflow(page) <= 0
        box = figure.locator("svg.readers-svg").bounding_box()
        assert box and box["width"] <= 375
    finally:
        context.close()
    assert not watch.console_errors and not watch.foreign_requests


def test_the_sentences_are_written_at_build_from_the_readers_map(page, site_url):
    page.goto(site_url)
    sentences = page.locator("p.reading[data-readers]")
    expect(sentences.nth(0)).to_have_text(
        "On 3 papers that 5 readers place on the structural side, they marked laws of code 3 times out of 9 "
        "marks: Generative Adversarial Networks (once); Scaling Laws for Neural Language Models (twice). "
        "That is a small sample (under 10 readers).")
    expect(sentences.nth(1)).to_contain_text("5 readers sent maps; of 5 papers they placed, 2 are contested: Consistency Models (5 readers, their spots "
                                             "spread wide); Scaling Laws for Neural Language Models (4 readers, "
                                             "their marks split)")
    expect(sentences.nth(2)).to_contain_text("no reader has placed Attention Is All You Need yet")
