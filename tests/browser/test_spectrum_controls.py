"""The spectrum's controls, in Debian's Chromium on the specimen page: the Map menu (share, export,
import, PNG, reset behind one menu button, the WAI-ARIA menu button pattern) by mouse, keyboard and
touch, and the comparison table, whose author's reasons wrap at every width.

Figures: 0 line (cited), 1 plane (all), 2 map (all, reveal, summary), 3 line (three ids, summary)."""
from __future__ import annotations

import json

import pytest
from conftest import horizontal_overflow, open_context, switch_to_dark
from playwright.sync_api import Page, expect
from test_spectrum import GAN, MAP, PLANE, open_essay, own, palette_item, put_own_map, share_link, status

ITEMS = ["Copy share link", "Export JSON", "Export YAML", "Add my map to the readers' map", "Import map…", "Download PNG", "Reset map"]


def menu_button(fig):
    return fig.get_by_role("button", name="Map", exact=True)


def menu(fig):
    return fig.get_by_role("menu", name="Map")


def focused_text(page: Page) -> str:
    return page.evaluate("document.activeElement.textContent")


# -- the Map menu ------------------------------------------------------------------------------------

def test_the_toolbar_keeps_undo_redo_and_the_reveal_and_puts_the_rest_in_the_map_menu(watched, site_url):
    page, _ = watched
    fig = open_essay(page, site_url, MAP)
    toolbar = fig.get_by_role("toolbar", name="Map tools")
    names = toolbar.locator("button:visible").evaluate_all("(bs) => bs.map((b) => b.getAttribute('aria-label') || b.textContent)")
    assert names == ["Undo", "Redo", "Show the author's map", "Map"], names
    button = menu_button(fig)
    expect(button).to_have_attribute("aria-haspopup", "menu")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(menu(fig)).to_be_hidden()


def test_the_map_menu_by_mouse_opens_runs_an_item_and_closes_on_a_click_outside(watched, site_url, tmp_path):
    page, _ = watched
    fig = open_essay(page, site_url, PLANE)
    palette_item(fig, GAN).click()
    button = menu_button(fig)
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(menu(fig)).to_be_visible()
    expect(menu(fig).get_by_role("menuitem")).to_have_text(ITEMS)
    expect(menu(fig).get_by_role("menuitem").first).to_be_focused()

    # A click outside closes it and leaves the focus where the click put it.
    page.locator("h1").click()
    expect(menu(fig)).to_be_hidden()
    expect(button).to_have_attribute("aria-expanded", "false")

    # An item runs once, closes the menu and gives the focus back to the button.
    button.click()
    with page.expect_download() as download:
        menu(fig).get_by_role("menuitem", name="Export JSON").click()
    assert json.loads(download.value.path().read_text())["placements"][0]["id"] == "1406.2661"
    expect(menu(fig)).to_be_hidden()
    expect(button).to_be_focused()
    expect(status(fig)).to_contain_text("Exported your map (1 placement) as JSON.")

    # "Import map…" opens the file chooser; the chosen file is imported.
    path = tmp_path / "map.json"
    path.write_text(json.dumps({"version": 2, "placements": [{"id": "1406.2661", "x": -0.4, "y": 0.2}]}))
    button.click()
    with page.expect_file_chooser() as chooser:
        menu(fig).get_by_role("menuitem", name="Import map…").click()
    chooser.value.set_files(str(path))
    expect(status(fig)).to_contain_text("Imported a map with 1 placement.")
    assert own(page, site_url) == {"1406.2661": {"x": -0.4, "y": 0.2}}

    # Reset clears the map (undo brings it back).
    button.click()
    menu(fig).get_by_role("menuitem", name="Reset map").click()
    expect(status(fig)).to_contain_text("Map cleared")
    assert own(page, site_url) == {}


def test_the_map_menu_by_keyboard_arrows_home_end_escape_and_tab(watched, site_url):
    page, _ = watched
    fig = open_essay(page, site_url, PLANE)
    button = menu_button(fig)
    button.focus()
    page.keyboard.press("Enter")
    expect(menu(fig)).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "true")
    assert focused_text(page) == "Copy share link"
    walk = {"ArrowDown": "Export JSON", "End": "Reset map", "Home": "Copy share link"}
    for key, expected in walk.items():
        page.keyboard.press(key)
        assert focused_text(page) == expected, key
    page.keyboard.press("ArrowUp")          # from the first, round to the last
    assert focused_text(page) == "Reset map"
    page.keyboard.press("ArrowDown")        # and from the last, round to the first
    assert focused_text(page) == "Copy share link"

    # Escape closes it and gives the focus back to the button.
    page.keyboard.press("Escape")
    expect(menu(fig)).to_be_hidden()
    expect(button).to_be_focused()
    expect(button).to_have_attribute("aria-expanded", "false")

    # Up on the button opens it on its last item; Tab leaves and closes it.
    page.keyboard.press("ArrowUp")
    expect(menu(fig)).to_be_visible()
    assert focused_text(page) == "Reset map"
    page.keyboard.press("Tab")
    expect(menu(fig)).to_be_hidden()

    # Space on the button opens it too; Enter on an item runs it.
    palette_item(fig, GAN).click()
    button.focus()
    page.keyboard.press(" ")
    expect(menu(fig)).to_be_visible()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    expect(status(fig)).to_contain_text("Map cleared")
    expect(button).to_be_focused()
    assert own(page, site_url) == {}


def test_the_map_menu_while_a_shared_map_waits_disables_import_and_reset(watched, site_url):
    page, _ = watched
    put_own_map(page, site_url, {"1406.2661": {"x": 0.1, "y": 0.2}})
    fig = open_essay(page, site_url, MAP, share_link("2211.17192:0.5:0.5"))
    expect(fig.get_by_role("group", name="Shared map")).to_be_visible()
    menu_button(fig).click()
    for name in ITEMS:
        expected = "true" if name in ("Import map…", "Reset map") else "false"
        expect(menu(fig).get_by_role("menuitem", name=name)).to_have_attribute("aria-disabled", expected)
    page.keyboard.press("End")             # the keys skip the disabled items
    assert focused_text(page) == "Download PNG"
    menu(fig).get_by_role("menuitem", name="Reset map").click(force=True)
    expect(menu(fig)).to_be_visible()      # a disabled item does nothing and leaves the menu open
    assert own(page, site_url) == {"1406.2661": {"x": 0.1, "y": 0.2}}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_map_menu_by_touch_on_a_phone(browser, site_url, scheme):
    context, watch = open_context(browser, site_url, viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    fig = open_essay(page, site_url, PLANE)
    if scheme == "dark":
        switch_to_dark(page)
    palette_item(fig, GAN).tap()
    toolbar = fig.get_by_role("toolbar", name="Map tools")
    rows = toolbar.evaluate("(bar) => new Set([...bar.querySelectorAll('button')].filter((b) => b.offsetParent)"
                            ".map((b) => Math.round(b.getBoundingClientRect().top))).size")
    assert rows == 1, f"the toolbar takes {rows} rows"
    button = menu_button(fig)
    button.tap()
    expect(menu(fig)).to_be_visible()
    box = menu(fig).bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375, box
    for item in menu(fig).get_by_role("menuitem").all():
        assert item.bounding_box()["height"] >= 44
    assert button.bounding_box()["height"] >= 44
    # The menu is drawn in the page's own colours: opaque, its text readable on it.
    colours = menu(fig).evaluate("""(m) => {
        const s = getComputedStyle(m), i = getComputedStyle(m.querySelector('[role=menuitem]:not(:focus)'));
        return [s.backgroundColor, i.color, getComputedStyle(document.body).backgroundColor];
    }""")
    assert colours[0] == colours[2] and colours[1] != colours[0], colours
    assert horizontal_overflow(page) <= 0
    # A tap outside closes it; a tap on an item runs it.
    page.locator("h1").tap()
    expect(menu(fig)).to_be_hidden()
    button.tap()
    menu(fig).get_by_role("menuitem", name="Reset map").tap()
    expect(status(fig)).to_contain_text("Map cleared")
    assert own(page, site_url) == {}
    context.close()
    assert not watch.console_errors and not watch.foreign_requests


# -- the comparison table: the author's reasons wrap ---------------------------------------------------

@pytest.mark.parametrize("width", [1280, 768, 375])
def test_the_authors_reasons_wrap_at_every_width(browser, site_url, width):
    context, watch = open_context(browser, site_url, viewport={"width": width, "height": 900})
    page = context.new_page()
    put_own_map(page, site_url, {"1406.2661": {"x": -0.5, "y": 0.5}, "2303.01469": {"x": -0.7, "y": 0.3},
                                 "2011.13456": {"x": -0.9, "y": 0.2}, "2211.17192": {"x": 0.6, "y": 0.4}})
    fig = open_essay(page, site_url, MAP)
    fig.get_by_role("button", name="Show the author's map").click()
    table = fig.locator(".spectrum-summary table")
    expect(table).to_be_visible()
    reason = table.locator("td", has_text="It posed generation as a game between two networks")
    expect(reason).to_be_visible()
    cut = table.evaluate("""(t) => [t.parentElement, t, ...t.querySelectorAll('td, th')]
        .filter((e) => e.offsetParent && e.scrollWidth > e.clientWidth)
        .map((e) => `${e.tagName} ${e.textContent.slice(0, 30)}: ${e.scrollWidth} > ${e.clientWidth}`)""")
    assert cut == [], cut
    # The table fits its column; a reason wraps rather than running sideways.
    wrap = fig.locator(".spectrum-summary").bounding_box()
    box = table.bounding_box()
    assert box["x"] >= wrap["x"] - 0.5 and box["x"] + box["width"] <= wrap["x"] + wrap["width"] + 0.5, (box, wrap)
    assert reason.evaluate("(td) => getComputedStyle(td).whiteSpace") == "normal"
    assert horizontal_overflow(page) <= 0
    context.close()
    assert not watch.console_errors and not watch.foreign_requests
