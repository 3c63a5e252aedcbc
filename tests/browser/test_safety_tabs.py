"""Two tabs on one reader's map, in Debian's Chromium on the specimen page: undo in one tab
takes back only that tab's own change, and two tabs acting in the same moment lose nothing."""
from __future__ import annotations

from playwright.sync_api import Page, expect
from test_spectrum import ATTENTION, CONSISTENCY, GAN, PLANE, HOOKS, figure, mark, open_essay, own, palette_item, status, wait_for_own

IDS = {GAN: "1406.2661", CONSISTENCY: "2303.01469", ATTENTION: "1706.03762"}
STORED = "() => Object.keys(JSON.parse(localStorage.getItem('research-spectrum:/') || '{\"placements\":{}}').placements).sort()"


def wait_for_ids(page: Page, site_url: str, ids: list[str]) -> None:
    """Wait until this tab's map holds exactly these papers (at any spot)."""
    page.evaluate("async (url) => { window.__debugHooks = await import(url); }", site_url + HOOKS)
    page.wait_for_function("(ids) => JSON.stringify(Object.keys(window.__debugHooks.debugState().own).sort())"
                           " === JSON.stringify(ids)", arg=sorted(ids))


def test_undo_in_one_tab_takes_back_only_its_own_change(watched, site_url):
    page, _ = watched
    other = page.context.new_page()
    fig, other_fig = open_essay(page, site_url, PLANE), open_essay(other, site_url, PLANE)
    palette_item(fig, GAN).click()
    wait_for_ids(other, site_url, [IDS[GAN]])
    palette_item(other_fig, CONSISTENCY).click()
    palette_item(other_fig, ATTENTION).click()
    theirs = sorted([IDS[CONSISTENCY], IDS[ATTENTION]])
    wait_for_ids(page, site_url, [IDS[GAN], *theirs])
    fig.get_by_role("button", name="Undo").click()
    wait_for_ids(page, site_url, theirs)
    assert page.evaluate(STORED) == theirs
    wait_for_ids(other, site_url, theirs)
    fig.get_by_role("button", name="Redo").click()
    wait_for_ids(other, site_url, [IDS[GAN], *theirs])


def test_undo_leaves_a_paper_another_tab_moved_since_and_says_so(watched, site_url):
    page, _ = watched
    other = page.context.new_page()
    fig, other_fig = open_essay(page, site_url, PLANE), open_essay(other, site_url, PLANE)
    palette_item(fig, GAN).focus()
    page.keyboard.press("Enter")
    wait_for_ids(other, site_url, [IDS[GAN]])
    mark(other_fig, GAN).focus()
    other.keyboard.press("ArrowRight")
    moved = own(other, site_url)
    assert moved[IDS[GAN]]["x"] > 0
    wait_for_own(page, site_url, moved)
    fig.get_by_role("button", name="Undo").click()
    expect(status(fig)).to_contain_text("One paper changed in another tab since then was left as that tab put it.")
    assert own(page, site_url) == moved


def test_two_tabs_placing_in_the_same_moment_keep_both_placements(watched, site_url):
    page, _ = watched
    other = page.context.new_page()
    fig, other_fig = open_essay(page, site_url, PLANE), open_essay(other, site_url, PLANE)
    # Both cards are pressed at one agreed instant, each tab spinning on the clock until then.
    at = page.evaluate("() => Date.now() + 400")
    press = "(card, at) => setTimeout(() => { while (Date.now() < at); card.click(); }, at - Date.now() - 50)"
    palette_item(fig, GAN).evaluate(press, at)
    palette_item(other_fig, CONSISTENCY).evaluate(press, at)
    both = [IDS[GAN], IDS[CONSISTENCY]]
    wait_for_ids(page, site_url, both)
    wait_for_ids(other, site_url, both)
    page.wait_for_function(f"(ids) => JSON.stringify(({STORED})()) === JSON.stringify(ids)", arg=sorted(both))
    assert own(page, site_url).keys() == own(other, site_url).keys()
    assert figure(page, PLANE).is_visible()
