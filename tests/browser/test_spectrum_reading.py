"""The spectrum's part of the reader's experience in Debian's Chromium:
one Tab stop for the palette, the focus kept after undo and redo, names that say what is shown,
a status message that never moves the chart, a tooltip that follows the keys, and the theme's
"Back to top" button kept off the widget."""
from __future__ import annotations

from conftest import open_context
from playwright.sync_api import expect
from test_spectrum import GAN, PLANE, align, mark, open_essay, palette_item

IN_PALETTE = "document.activeElement.closest('.spectrum-palette-list') !== null"


def test_the_palette_is_one_tab_stop_and_arrow_keys_move_inside_it(watched, site_url):
    page, _ = watched
    fig = open_essay(page, site_url, PLANE)
    cards = fig.locator(".spectrum-palette-list .spectrum-paper")
    assert cards.count() == 38
    expect(fig.locator(".spectrum-palette-list [tabindex='0']")).to_have_count(1)
    fig.get_by_label("Filter papers").focus()
    page.keyboard.press("Tab")
    expect(cards.nth(0)).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(cards.nth(1)).to_be_focused()
    page.keyboard.press("End")
    expect(cards.nth(37)).to_be_focused()
    page.keyboard.press("Home")
    expect(cards.nth(0)).to_be_focused()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Tab")
    assert not page.evaluate(IN_PALETTE), "one Tab leaves the 38 papers"
    page.keyboard.press("Shift+Tab")
    expect(cards.nth(1)).to_be_focused()   # back to the card last used


def test_a_cards_name_includes_its_visible_byline(watched, site_url):
    page, _ = watched
    fig = open_essay(page, site_url, PLANE)
    card = fig.locator(".spectrum-paper").first
    expect(card).to_have_accessible_name("Generative Adversarial Networks, Goodfellow et al., 2014")
    expect(card).to_have_text("Generative Adversarial Networks Goodfellow et al., 2014")


def test_undo_and_redo_keep_the_focus(watched, site_url):
    page, _ = watched
    fig = open_essay(page, site_url, PLANE)
    palette_item(fig, GAN).focus()
    page.keyboard.press("Enter")
    expect(mark(fig, GAN)).to_be_focused()
    page.keyboard.press("Control+z")   # the placement is undone: the paper is back in the palette
    expect(palette_item(fig, GAN)).to_be_focused()
    page.keyboard.press("Control+Shift+z")
    expect(mark(fig, GAN)).to_be_focused()
    assert page.evaluate("document.activeElement !== document.body")


def test_a_status_message_never_moves_the_chart_on_a_phone(browser, site_url):
    context, watch = open_context(browser, site_url, viewport={"width": 375, "height": 740}, has_touch=True)
    page = context.new_page()
    fig = open_essay(page, site_url, PLANE)
    chart = fig.get_by_role("region", name="Research spectrum")
    align(fig)
    below_title = "(r) => r.getBoundingClientRect().top - r.closest('figure').getBoundingClientRect().top"
    before = chart.evaluate(below_title)
    palette_item(fig, GAN).tap()
    expect(fig.locator(".spectrum-status")).to_contain_text("Placed")
    status = fig.locator(".spectrum-status").evaluate("s => [s.scrollHeight, s.clientHeight]")
    assert chart.evaluate(below_title) == before, status
    context.close()
    assert not watch.console_errors and not watch.foreign_requests


def test_the_tooltip_follows_a_keyboard_move(watched, site_url):
    page, _ = watched
    fig = open_essay(page, site_url, PLANE)
    palette_item(fig, GAN).focus()
    page.keyboard.press("Enter")
    tooltip = fig.locator(".spectrum-tooltip")
    gan = mark(fig, GAN)
    for _ in range(3):
        page.keyboard.press("Shift+ArrowRight")
    expect(tooltip).to_be_visible()
    # The paper glides to its new spot (a 120 ms transition); the tooltip is already there.
    gan.evaluate("(mark) => Promise.all(mark.getAnimations().map((glide) => glide.finished))")
    dot = gan.locator(".spectrum-mark-dot").bounding_box()
    tip = tooltip.bounding_box()
    assert tip["x"] <= dot["x"] + dot["width"] / 2 <= tip["x"] + tip["width"], (dot, tip)


def test_back_to_top_stays_off_the_widget(watched, site_url):
    page, _ = watched
    fig = open_essay(page, site_url, PLANE)
    align(fig)
    down_to = page.evaluate("scrollY") + 600
    page.mouse.wheel(0, 600)
    page.wait_for_function("(y) => scrollY >= y", arg=down_to)  # the way down has happened before the way up
    page.mouse.wheel(0, -150)   # scrolling up is what shows Material's "Back to top"
    top = page.locator(".md-top")
    # Material has shown its button (no longer hidden by the theme) ...
    expect(top).not_to_have_attribute("hidden", "")
    # ... but while the figure is at the top of the screen, it steps aside.
    expect(page.locator("body")).to_have_class("spectrum-at-top")
    expect(top).to_be_hidden()
    expect(fig.get_by_role("toolbar", name="Map tools")).to_be_visible()


def test_chart_text_is_at_least_12_pixels(watched, site_url):
    """Sizes: ticks, poles, dot labels and distances read at 12 px or more."""
    page, _ = watched
    fig = open_essay(page, site_url, PLANE)
    palette_item(fig, GAN).click()
    sizes = fig.evaluate("""f => [...f.querySelectorAll('.spectrum-plot text, .spectrum-mark-label')]
        .filter((t) => t.textContent.trim())
        .map((t) => [t.textContent.trim(), parseFloat(getComputedStyle(t).fontSize)])""")
    assert sizes and any(text == "Goodfellow 2014" for text, _ in sizes)
    small = [(text, size) for text, size in sizes if size < 12]
    assert not small, small
