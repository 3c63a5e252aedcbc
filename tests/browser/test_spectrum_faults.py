"""The reader's map under faults and a share link that shows the shared map,
in Debian's Chromium on the specimen page. Nothing is lost without a word."""
from __future__ import annotations

import json
from pathlib import Path

from conftest import open_context
from playwright.sync_api import Page, expect
from test_spectrum import ATTENTION, GAN, MAP, OTHER_PAGE, PLANE, figure, map_menu, open_essay, own, palette_item, put_own_map, ready, status, wait_for_own

KEY = "research-spectrum:/"
V1 = Path(__file__).resolve().parents[1] / "fixtures" / "maps" / "v1"
LINK = "#map=1.MTQwNi4yNjYxOi0uMTkyOi4yOzIwMTEuMTM0NTY6LS42NDI6LjI0OA"   # two papers, as a reader's link carried them
MINE = {"1706.03762": {"x": 0.3, "y": 0.4}}


def preview_state(page: Page, site_url: str) -> dict:
    return page.evaluate("async (url) => (await import(url)).debugState()", site_url + "assets/js/debug-hooks.js")


def another_tab(context, site_url: str, mine: dict) -> Page:
    """A second tab on the essay whose spectrum has read the saved map (its module loads once the
    page is shown: a write made before then would meet a tab that is not listening yet)."""
    second = context.new_page()
    second.goto(site_url)
    wait_for_own(second, site_url, mine)
    return second


# Counts Material's section tracking at work: each time it asks history.replaceState to put a
# section's anchor in the address (its calls come from its bundle; the spectrum's do not). It runs
# before any of the page's scripts, so address.js, which holds a share link, wraps this one.
COUNT_TRACKING = """(() => {
  window.__tracking = 0;
  const native = history.replaceState;
  history.replaceState = function (state, unused, url) {
    if (typeof url === "string" && /\\/bundle\\.[0-9a-f]+\\.min\\.js/.test(new Error().stack || "")) window.__tracking += 1;
    return native.call(this, state, unused, url);
  };
})();
"""


def after_section_tracking(page: Page) -> None:
    """Scroll until Material's section tracking has rewritten the address once more (it acts
    250 ms after the page stops moving, and only once it is listening again after a hash change)."""
    calls = page.evaluate("window.__tracking")
    page.wait_for_function("(calls) => { if (window.__tracking > calls) return true; window.scrollBy(0, 40); return false; }",
                           arg=calls, polling=400, timeout=30_000)


def widget_top_below_header(page: Page, fig) -> float:
    """Pixels between the bottom of Material's sticky header and the top of the figure's tools."""
    header = page.locator(".md-header").bounding_box()
    return fig.locator(".spectrum-widget").bounding_box()["y"] - (header["y"] + header["height"])


# -- 1. a share link in a tab that already shows the essay ----------------------------------------

def test_a_share_link_opened_in_an_open_tab_holds_every_time(browser, site_url):
    context, watch = open_context(browser, site_url, viewport={"width": 1280, "height": 900})
    context.add_init_script(COUNT_TRACKING)
    page = context.new_page()
    put_own_map(page, site_url, MINE)
    for attempt in range(8):   # it raced the theme's section tracking: it failed about half the time
        page.goto(site_url)
        ready(page, PLANE)
        page.mouse.wheel(0, -250 - 60 * attempt)
        page.wait_for_timeout(300)  # sets up the race with the tracking's 250 ms debounce; decides nothing
        page.evaluate(f"location.hash = {json.dumps(LINK[1:])}")
        the_map = figure(page, MAP)
        expect(the_map.get_by_role("group", name="Shared map")).to_be_visible(timeout=10_000)
        after_section_tracking(page)
        assert preview_state(page, site_url)["previewing"], attempt
        assert page.evaluate("location.hash") == LINK, attempt
        expect(the_map.get_by_role("group", name="Shared map")).to_be_visible()
        assert own(page, site_url) == MINE
    the_map.get_by_role("button", name="Keep my map").click()
    expect(status(the_map)).to_contain_text("Kept your own map")
    page.mouse.wheel(0, 300)
    page.wait_for_function("() => !location.hash.startsWith('#map=')")
    context.close()
    assert not watch.console_errors and not watch.foreign_requests


def test_a_copied_share_link_stays_in_the_address_bar_until_the_map_changes(browser, site_url):
    context, watch = open_context(browser, site_url, viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    context.add_init_script(COUNT_TRACKING)
    page = context.new_page()
    fig = open_essay(page, site_url, PLANE)
    palette_item(fig, GAN).click()
    map_menu(fig, "Copy share link")
    expect(status(fig)).to_contain_text("Share link copied")
    link = page.evaluate("location.hash")
    assert link.startswith("#map=2.")
    after_section_tracking(page)
    assert page.evaluate("location.hash") == link, "the theme's section tracking must not replace the link"
    palette_item(fig, ATTENTION).click()   # the link no longer holds this map
    expect(page).not_to_have_url(f"{site_url}{link}")
    assert not page.evaluate("location.hash").startswith("#map=")
    context.close()
    assert not watch.console_errors and not watch.foreign_requests


# -- the link lands on the drawn chart, in the buttons' words ----------------------

def test_a_share_link_lands_on_the_drawn_chart_below_the_header(browser, site_url):
    for viewport in ({"width": 1280, "height": 900}, {"width": 375, "height": 740}):
        context, watch = open_context(browser, site_url, viewport=viewport, has_touch=viewport["width"] < 500)
        page = context.new_page()
        put_own_map(page, site_url, MINE)
        page.goto(site_url + LINK)
        the_map = figure(page, MAP)
        expect(the_map).to_have_attribute("data-ready", "true", timeout=15_000)
        expect(the_map.get_by_role("group", name="Shared map")).to_be_visible()
        # Once the page's widgets are set up, the chart comes to rest just below the header.
        expect(page.locator("html")).to_have_attribute("data-page-ready", "true", timeout=15_000)
        page.wait_for_function(
            """(index) => {
              const header = document.querySelector(".md-header").getBoundingClientRect();
              const widget = document.querySelectorAll("figure.research-spectrum")[index].querySelector(".spectrum-widget");
              const gap = widget.getBoundingClientRect().top - header.bottom;
              return gap >= 0 && gap <= 40;
            }""", arg=MAP, timeout=15_000)
        gap = widget_top_below_header(page, the_map)
        assert 0 <= gap <= 40, (viewport, gap)
        expect(the_map.get_by_role("button", name="Replace my map")).to_be_in_viewport()
        expect(status(the_map)).to_have_text(
            "You are looking at a shared map. Choose “Replace my map” or “Keep my map” above the chart.")
        assert page.evaluate("location.hash") == LINK
        context.close()
        assert not watch.console_errors and not watch.foreign_requests


# -- 2. another tab's bad write ------------------------------------------------------------------------

def test_another_tabs_bad_write_is_ignored_and_the_map_saved_again(browser, site_url):
    context, watch = open_context(browser, site_url, viewport={"width": 1280, "height": 900})
    first = context.new_page()
    fig = open_essay(first, site_url, PLANE)
    palette_item(fig, GAN).click()
    mine = own(first, site_url)
    second = another_tab(context, site_url, mine)
    for bad in ("{}", "{oops", json.dumps({"version": 2, "placements": {"1406.2661": {"x": 7}}})):
        second.evaluate("(bad) => localStorage.setItem('research-spectrum:/', bad)", bad)
        expect(status(fig)).to_contain_text("Another tab saved a map this page cannot read")
        expect(status(fig)).to_contain_text("your map here is kept and saved again")
        assert own(first, site_url) == mine
        # Storage reaches the other tab's process a moment later: wait for the good map to come back.
        second.wait_for_function("(mine) => { try { return JSON.stringify(JSON.parse(localStorage.getItem("
                                 "'research-spectrum:/')).placements) === JSON.stringify(mine); } catch { return false; } }",
                                 arg=mine)
        fig.locator(".spectrum-status").evaluate("s => { s.textContent = ''; }")
    context.close()
    assert not watch.console_errors and not watch.foreign_requests


def test_another_tabs_write_naming_an_unknown_paper_says_what_was_dropped(browser, site_url):
    """The write validates once the unknown paper is dropped: the rest is taken, as on load, and the
    reader is told in the load path's words (before, the placement vanished without a word)."""
    context, watch = open_context(browser, site_url, viewport={"width": 1280, "height": 900})
    first = context.new_page()
    fig = open_essay(first, site_url, PLANE)
    palette_item(fig, GAN).click()
    palette_item(fig, ATTENTION).click()
    mine = own(first, site_url)
    gan = next(pid for pid in mine if pid != "1706.03762")
    written = {"9999.99999": mine["1706.03762"], gan: mine[gan]}   # another tab's map with a paper unknown here
    second = another_tab(context, site_url, mine)
    fig.locator(".spectrum-status").evaluate("s => { s.textContent = ''; }")
    second.evaluate("(r) => localStorage.setItem('research-spectrum:/', r)", json.dumps({"version": 2, "placements": written}))
    expect(status(fig)).to_contain_text("Another tab saved your map")
    expect(status(fig)).to_contain_text("1 saved placement(s) of papers this site no longer lists were dropped.")
    assert own(first, site_url) == {gan: mine[gan]}
    second.wait_for_function("(gan) => { try { return Object.keys(JSON.parse(localStorage.getItem("
                             "'research-spectrum:/')).placements).join() === gan; } catch { return false; } }", arg=gan)
    context.close()
    assert not watch.console_errors and not watch.foreign_requests


# -- 3. failed saves ---------------------------------------------------------------------------------------

def test_a_full_storage_says_the_map_is_not_saved_and_offers_export(watched, site_url):
    page, _ = watched
    page.add_init_script("Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); }")
    fig = open_essay(page, site_url, PLANE)
    palette_item(fig, GAN).click()
    expect(status(fig)).to_contain_text(f"Placed “{GAN}”")
    expect(status(fig)).to_contain_text("Your map is not being saved in this browser")
    expect(status(fig)).to_contain_text("export it (JSON or YAML) to keep it")
    expect(status(fig)).to_have_class("spectrum-status error")


def test_blocked_storage_says_so_on_load(browser, site_url):
    context, watch = open_context(browser, site_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.add_init_script("Object.defineProperty(window, 'localStorage', "
                         "{get() { throw new DOMException('denied', 'SecurityError'); }})")
    fig = open_essay(page, site_url, PLANE)
    expect(status(fig)).to_contain_text("This browser blocks saving")
    palette_item(fig, GAN).click()
    expect(status(fig)).to_contain_text("not being saved")
    context.close()
    # Material's own head script reads localStorage unguarded (its palette), so the getter's error
    # surfaces there; nothing else may fail.
    assert all(error == "uncaught: denied" for error in watch.console_errors), watch.console_errors
    assert not watch.foreign_requests


# -- 4. newer records and a BOM --------------------------------------------------------------------------

def test_a_record_from_a_newer_version_is_kept_untouched(watched, site_url):
    page, _ = watched
    newer = json.dumps({"version": 9, "placements": {"1406.2661": {"x": 0, "y": 0, "hue": 3}}})
    page.add_init_script(f"if (!sessionStorage.getItem('seeded')) {{ sessionStorage.setItem('seeded', '1'); "
                         f"localStorage.setItem('{KEY}', {json.dumps(newer)}); }}")
    fig = open_essay(page, site_url, PLANE)
    expect(status(fig)).to_contain_text("made by a newer version of this site")
    palette_item(fig, ATTENTION).click()
    expect(status(fig)).to_contain_text("not being saved")
    page.reload()
    ready(page, PLANE)
    assert page.evaluate(f"localStorage.getItem('{KEY}')") == newer


def test_a_record_with_a_byte_order_mark_loads(watched, site_url):
    page, _ = watched
    record = "\ufeff" + json.dumps({"version": 2, "placements": MINE})
    page.add_init_script(f"localStorage.setItem('{KEY}', {json.dumps(record)})")
    fig = open_essay(page, site_url, PLANE)
    assert own(page, site_url) == MINE
    expect(status(fig)).not_to_contain_text("could not be read")


# -- 5. truncated YAML imports -----------------------------------------------------------------------------

def test_a_truncated_yaml_import_is_refused_and_the_map_kept(watched, site_url, tmp_path):
    page, _ = watched
    fig = open_essay(page, site_url, PLANE)
    palette_item(fig, GAN).click()
    palette_item(fig, ATTENTION).click()
    with page.expect_download() as info:
        map_menu(fig, "Export YAML")
    whole = tmp_path / "whole.yaml"
    info.value.save_as(whole)
    lines = whole.read_text().splitlines(keepends=True)
    map_menu(fig, "Reset map")
    palette_item(fig, ATTENTION).click()
    before = own(page, site_url)
    cuts = {"after-placements.yaml": lines[:3], "between-entries.yaml": lines[:6], "mid-entry.yaml": lines[:5]}
    for name, kept in cuts.items():
        path = tmp_path / name
        path.write_text("".join(kept))
        fig.get_by_label("Import map").set_input_files(str(path))
        expect(status(fig)).to_contain_text("Import refused")
        expect(status(fig)).to_contain_text("Your map is unchanged.")
        assert own(page, site_url) == before, name
    fig.get_by_label("Import map").set_input_files(str(whole))
    expect(status(fig)).to_contain_text("Imported a map with 2 placements")


def test_an_older_yaml_file_is_shown_with_its_count_before_it_replaces_the_map(watched, site_url, tmp_path):
    """A v1 file has no "# end of map" line: cut at a line end it reads as a shorter map, so the reader
    is told it cannot be checked and how many placements it holds, and decides; cut mid-line it is refused."""
    page, _ = watched
    fig = open_essay(page, site_url, PLANE)
    palette_item(fig, GAN).click()
    palette_item(fig, ATTENTION).click()
    before = own(page, site_url)
    v1 = (V1 / "export.yaml").read_text().splitlines(keepends=True)
    cut = tmp_path / "cut-at-a-line-end.yaml"
    cut.write_text("".join(v1[:9]))   # the header, two of its three placements
    confirm = fig.get_by_role("group", name="Imported map")
    for choice in ("Keep my map", "Replace my map"):
        fig.get_by_label("Import map").set_input_files(str(cut))
        expect(status(fig)).to_contain_text("This file cannot be checked for completeness; it holds 2 placements.")
        expect(confirm).to_be_visible()
        expect(confirm).to_contain_text("it holds 2 placements")
        expect(confirm).to_contain_text("cannot be checked for completeness")
        expect(confirm).to_contain_text("older version of this site, or was written by hand")
        assert own(page, site_url) == before, "nothing is taken before the reader accepts"
        confirm.get_by_role("button", name=choice).click()
        expect(confirm).to_be_hidden()
    expect(status(fig)).to_contain_text("Imported a map with 2 placements. Undo brings your previous map back.")
    assert own(page, site_url) == {"1406.2661": {"x": -0.75, "y": 0.4}, "2303.01469": {"x": -0.25, "y": 0.55}}
    fig.get_by_role("button", name="Undo").click()
    assert own(page, site_url) == before
    mid = tmp_path / "cut-mid-line.yaml"
    mid.write_text("".join(v1[:11]) + "    y: ")   # the last y lost: never read as 0
    fig.get_by_label("Import map").set_input_files(str(mid))
    expect(status(fig)).to_contain_text("Import refused")
    expect(status(fig)).to_contain_text("line 12: y: no value")
    expect(status(fig)).to_contain_text("Your map is unchanged.")
    expect(confirm).to_be_hidden()
    assert own(page, site_url) == before


# -- stalled data files: a message in bounded time, and the rest of the page works ----------------------

def open_home_with_timeouts(context, site_url: str, ms: int):
    """Open another page, lower the data files' stall limits (set before any is requested), then reach
    the home page by instant navigation as a reader does: the modules, and their limits, stay."""
    page = context.new_page()
    page.goto(site_url + OTHER_PAGE)
    for module in ("debug-hooks.js", "toys/widget.js"):
        page.evaluate("([url, ms]) => import(url).then((m) => m.setFetchTimeout(ms))", [f"{site_url}assets/js/{module}", ms])
    page.evaluate("() => { window.__sameDocument = true; }")
    page.locator(f'.md-nav--primary a.md-nav__link[href="{site_url}"]').first.click()
    expect(page).to_have_url(site_url)
    assert page.evaluate("() => window.__sameDocument === true"), "instant navigation reloaded the page"
    return page


def test_a_stalled_catalogue_ends_in_a_message_and_the_toys_still_work(browser, site_url):
    context, watch = open_context(browser, site_url, viewport={"width": 1280, "height": 900})
    held = []
    context.route("**/catalogue.json", lambda route: held.append(route))   # never answered
    page = open_home_with_timeouts(context, site_url, 3000)
    fig = figure(page, PLANE)
    fig.scroll_into_view_if_needed()
    message = fig.locator(".spectrum-load-error")
    expect(message).to_be_visible(timeout=30_000)
    expect(message).to_have_text("The interactive chart could not start (catalogue.json did not arrive within 3 s); "
                                 "the papers are listed above.")
    assert held, "the catalogue was never requested"
    toy = page.locator("figure#toy-2")
    toy.scroll_into_view_if_needed()
    expect(toy).to_have_attribute("data-toy-state", "ready")
    point = toy.get_attribute("data-toy-point")
    toy.get_by_label("Steps", exact=True).focus()
    page.keyboard.press("ArrowRight")
    expect(toy).not_to_have_attribute("data-toy-point", point or "")
    context.close()
    assert not watch.console_errors and not watch.foreign_requests, (watch.console_errors, watch.foreign_requests)


def test_a_stalled_toy_data_file_ends_in_a_message_and_the_map_still_works(browser, site_url):
    from place_for_research.builder.toy_grid import DATA_FOLDER

    context, watch = open_context(browser, site_url, viewport={"width": 1280, "height": 900})
    held = []
    context.route(f"**/{DATA_FOLDER}/**", lambda route: held.append(route))   # never answered
    page = open_home_with_timeouts(context, site_url, 3000)
    toy = page.locator("figure#toy-2")
    toy.scroll_into_view_if_needed()
    expect(toy).to_have_attribute("data-toy-state", "failed", timeout=30_000)
    expect(toy.locator("p.toy__status[role=status]")).to_have_text("The controls are unavailable: the data did not arrive within 3 s. "
                                                   "The figure shows the default settings.")
    assert held, "the toy's data file was never requested"
    fig = ready(page, PLANE)
    palette_item(fig, GAN).press("Enter")
    expect(status(fig)).to_contain_text(f"Placed “{GAN}”")
    assert GAN not in json.dumps(own(page, site_url)) and len(own(page, site_url)) == 1
    context.close()
    assert not watch.console_errors and not watch.foreign_requests, (watch.console_errors, watch.foreign_requests)
