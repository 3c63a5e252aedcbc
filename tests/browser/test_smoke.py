"""A reader's first visit, in Debian's Chromium: read, switch to dark, navigate
instantly (on the specimen page, tests/specimen); and every page of the
author's own site loads cleanly and fits a phone. The `watched` fixture fails
a test on any console error or any request off the local server."""
import pytest
from conftest import color_scheme, horizontal_overflow, open_context, switch_to_dark
from playwright.sync_api import expect

PHONE = {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True}


def test_read_switch_to_dark_and_navigate_instantly(watched, site_url):
    page, watch = watched
    page.goto(site_url)
    expect(page.get_by_role("heading", level=1, name="Specimen essay")).to_be_visible()
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
    page.get_by_role("link", name="the specimen toy").click()
    expect(page.get_by_role("heading", level=1, name="Specimen: a scaling law")).to_be_visible()
    assert "/notebooks/specimen-scaling/" in page.url
    assert page.evaluate("window.__sameDocument === true"), "navigation reloaded the page"
    assert color_scheme(page) == "slate", "the palette choice survives navigation"

    page.go_back()
    expect(page.get_by_role("heading", level=1, name="Specimen essay")).to_be_visible()
    assert not watch.foreign_requests


@pytest.mark.parametrize("layout", ["desktop", "phone"])
def test_every_page_of_the_essay_loads_cleanly_and_fits(browser, essay_site, essay_url, layout):
    """Whatever the author wrote: each page shows a heading, logs no error, asks no other
    origin for anything, and is no wider than a phone."""
    options = PHONE if layout == "phone" else {"viewport": {"width": 1280, "height": 900}}
    context, watch = open_context(browser, essay_url, **options)
    page = context.new_page()
    pages = [str(path.parent.relative_to(essay_site)) for path in essay_site.rglob("index.html")]
    pages = sorted("" if path == "." else f"{path}/" for path in pages if not path.startswith("assets"))
    assert "" in pages and len(pages) >= 2, pages
    for path in pages:
        page.goto(essay_url + path)
        expect(page.locator("article h1").first).to_be_visible()
        overflow = horizontal_overflow(page)
        assert overflow <= 0, f"/{path} is {overflow}px wider than the window"
    context.close()
    assert not watch.console_errors, watch.console_errors
    assert not watch.foreign_requests, watch.foreign_requests
