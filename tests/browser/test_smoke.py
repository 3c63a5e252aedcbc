"""A reader's first visit, in Debian's Chromium: read, switch to dark, navigate instantly.
The `watched` fixture fails the test on any console error or any request off the local server."""
from conftest import color_scheme, switch_to_dark
from playwright.sync_api import expect


def test_read_the_essay_switch_to_dark_and_navigate_instantly(watched, site_url):
    page, watch = watched
    page.goto(site_url)
    expect(page.get_by_role("heading", level=1, name="A place for research")).to_be_visible()
    for part in ("1. Two ends of one continuum", "4. The third side: exploratory research", "References"):
        expect(page.get_by_role("heading", level=2, name=part)).to_be_attached()
    expect(page.locator("ol.references li")).to_have_count(8)
    expect(page.get_by_role("img", name="A horizontal spectrum running from structural").first).to_be_visible()

    # Footnotes preview on hover.
    page.locator("sup[id^='fnref'] a").first.hover()
    expect(page.locator(".md-tooltip2").filter(has_text="Simulated annealing")).to_be_visible()

    # Search runs locally (a worker and an index served by the site).
    search = page.get_by_role("textbox", name="Search")
    search.click()
    expect(page.locator(".md-search-result__meta")).not_to_have_text("Initializing search", timeout=20_000)
    search.press_sequentially("speculative")  # Material searches on key events, not on fill()
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=20_000)
    page.keyboard.press("Escape")

    switch_to_dark(page)
    dark_bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert dark_bg not in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")

    # Instant navigation: the document is not reloaded, so a marker on window survives.
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("link", name="make this site your own").click()
    expect(page.get_by_role("heading", level=1, name="About this site")).to_be_visible()
    assert "/about/" in page.url
    assert page.evaluate("window.__sameDocument === true"), "navigation reloaded the page"
    assert color_scheme(page) == "slate", "the palette choice survives navigation"

    page.go_back()
    expect(page.get_by_role("heading", level=1, name="A place for research")).to_be_visible()
    assert not watch.foreign_requests


def test_the_essay_reads_on_a_phone_without_horizontal_scroll(browser, site_url):
    from conftest import open_context
    context, watch = open_context(browser, site_url, viewport={"width": 375, "height": 740},
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_url)
    expect(page.get_by_role("heading", level=1, name="A place for research")).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the phone"
    context.close()
    assert not watch.console_errors and not watch.foreign_requests
