"""The spectrum on a 375 px phone with touch, in Debian's Chromium with real
touch sequences (the DevTools protocol's Input.dispatchTouchEvent, so the browser itself decides
what scrolls): a visible hint says how to place a paper; a long press on a palette card, then a
move up to the chart, places it there; a vertical swipe that starts on a placed paper scrolls the
page and leaves the paper where it was; a long press, then a move off the chart, returns it."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import open_context
from test_spectrum import GAN, PLANE, align, centre, mark, open_essay, own, palette_item, point

PHONE = {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True}
GAN_ID = "1406.2661"


@pytest.fixture
def phone(browser, site_url):
    """(page, cdp): a phone page, and a DevTools session to send it touches."""
    context, watch = open_context(browser, site_url, **PHONE)
    page = context.new_page()
    yield page, context.new_cdp_session(page)
    context.close()
    assert not watch.console_errors, watch.console_errors
    assert not watch.foreign_requests, watch.foreign_requests


class Finger:
    """One finger on the screen, moved in small steps as a hand does."""

    def __init__(self, cdp, at: tuple[float, float]):
        self.cdp, self.at = cdp, at
        self.send("touchStart", at)

    def send(self, kind: str, at: tuple[float, float] | None = None) -> None:
        points = [] if at is None else [{"x": at[0], "y": at[1]}]
        self.cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    def move(self, to: tuple[float, float], steps: int = 10) -> "Finger":
        (x0, y0), (x1, y1) = self.at, to
        for i in range(1, steps + 1):
            self.send("touchMove", (x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps))
        self.at = to
        return self

    def lift(self) -> None:
        self.send("touchEnd")


def test_a_phone_shows_how_to_place_a_paper_and_a_desktop_does_not(phone, browser, site_url):
    page, _ = phone
    fig = open_essay(page, site_url, PLANE)
    hint = fig.locator(".spectrum-palette").get_by_text("Tap a paper to place it")
    expect(hint).to_be_visible()
    assert hint.bounding_box()["width"] <= 375
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    desktop = context.new_page()
    expect(open_essay(desktop, site_url, PLANE).locator(".spectrum-touch-hint")).to_be_hidden()
    context.close()


def test_a_long_press_on_a_card_then_a_move_up_places_the_paper_where_it_is_dropped(phone, site_url):
    page, cdp = phone
    fig = open_essay(page, site_url, PLANE)
    card = palette_item(fig, GAN)
    align(fig)  # the chart just below the header, the palette's first cards below it
    target = point(fig, 0.75, 0.3)
    assert centre(card)[1] < 740 and target[1] > 80, "the card and the drop point are on screen"
    finger = Finger(cdp, centre(card))
    expect(card).to_have_class(re.compile(r"\bheld\b"))  # the long press picked it up
    scrolled = page.evaluate("window.scrollY")
    finger.move(target, steps=16)
    finger.lift()
    expect(mark(fig, GAN)).to_be_visible()
    spot = own(page, site_url)[GAN_ID]
    assert spot["x"] == pytest.approx(0.5, abs=0.05) and spot["y"] == pytest.approx(0.3, abs=0.05), spot
    assert page.evaluate("window.scrollY") == scrolled, "the page stayed still under the held paper"
    expect(palette_item(fig, GAN)).to_have_count(0)


def tapped_onto_the_plane(page, site_url):
    """The GAN paper placed on the plane chart by a tap: (the figure, its mark)."""
    fig = open_essay(page, site_url, PLANE)
    palette_item(fig, GAN).tap()
    gan = mark(fig, GAN)
    expect(gan).to_be_visible()
    return fig, gan


def test_a_vertical_swipe_on_a_placed_paper_scrolls_the_page_and_leaves_the_paper(phone, site_url):
    page, cdp = phone
    _, gan = tapped_onto_the_plane(page, site_url)
    spot = own(page, site_url)[GAN_ID]
    gan.scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, 150)")
    before = page.evaluate("window.scrollY")
    start = centre(gan)
    Finger(cdp, start).move((start[0] + 6, start[1] - 300), steps=12).lift()
    page.wait_for_function("(y) => window.scrollY > y + 100", arg=before)
    expect(gan).to_be_visible()
    assert own(page, site_url)[GAN_ID] == spot, "a swipe neither moves nor removes the paper"


def test_a_long_press_on_a_placed_paper_then_a_move_off_the_chart_returns_it(phone, site_url):
    page, cdp = phone
    fig, gan = tapped_onto_the_plane(page, site_url)
    gan.scroll_into_view_if_needed()
    chart = fig.get_by_role("region", name="Research spectrum").bounding_box()
    finger = Finger(cdp, centre(gan))
    expect(gan).to_have_class(re.compile(r"\bheld\b"))
    finger.move((centre(gan)[0], chart["y"] + chart["height"] + 40), steps=12)
    finger.lift()
    expect(gan).to_have_count(0)
    assert GAN_ID not in own(page, site_url)
    expect(palette_item(fig, GAN)).to_be_visible()
