"""'Add my map to the readers' map' and the map's optional name, in Debian's Chromium on the
specimen page: GitHub's new-file page gets the file's name and the exported YAML in its address
(nothing leaves the page before the click), and with no GitHub repository, or a map too long
for an address, the file is downloaded with words saying where to send it.

The specimen's mkdocs.yml names no repo_url (Material would then fetch the repository's facts
from GitHub): the build's real catalogue is checked for the no-repository case, and a test that
needs a repository serves the page a catalogue with one, as a build with repo_url writes it."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from conftest import horizontal_overflow, open_context, switch_to_dark
from playwright.sync_api import Route, expect
from test_spectrum import GAN, PLANE, open_essay, palette_item, status

SEND = "Add my map to the readers' map"
FILE_NAME = r"\d{4}-\d\d-\d\d-[0-9a-f]{8}\.yml"


def serve_catalogue_with(context, send: dict) -> None:
    """Answer catalogue.json with the built one plus these send settings."""
    def answer(route: Route):
        built = route.fetch().json()
        route.fulfill(json=built | {"send": send})
    context.route(re.compile(r".*/catalogue\.json$"), answer)


def send_by_download(page, site_url):
    """Place a paper and choose the send item, which downloads the map: (the figure, the download)."""
    fig = open_essay(page, site_url, PLANE)
    palette_item(fig, GAN).click()
    fig.get_by_role("button", name="Map", exact=True).click()
    with page.expect_download() as info:
        fig.get_by_role("menu", name="Map").get_by_role("menuitem", name=SEND).click()
    assert re.fullmatch(FILE_NAME, info.value.suggested_filename)
    return fig, info.value


def test_the_map_goes_to_githubs_new_file_page_by_keyboard_with_its_name_and_text(browser, site_url):
    context, watch = open_context(browser, site_url, viewport={"width": 1280, "height": 900})
    serve_catalogue_with(context, {"folder": "docs/data/readers", "max_url": 8000, "repo": "owner/repo",
                                   "branch": "trunk"})
    opened: list[str] = []
    context.route("https://github.com/**", lambda route: (opened.append(route.request.url),
                                                          route.fulfill(body="<p>new file</p>", content_type="text/html")))
    page = context.new_page()
    fig = open_essay(page, site_url, PLANE)
    palette_item(fig, GAN).click()

    name = fig.get_by_role("textbox", name="Your name (optional)")
    expect(name).to_have_value("")
    name.focus()
    page.keyboard.type("Ada")
    page.keyboard.press("Shift+Tab")  # the field sits under the toolbar: back to the Map button
    expect(fig.get_by_role("button", name="Map", exact=True)).to_be_focused()
    assert not opened and not watch.foreign_requests  # nothing has left the page yet

    page.keyboard.press("Enter")
    while page.evaluate("document.activeElement.textContent") != SEND:
        page.keyboard.press("ArrowDown")
    with context.expect_page() as popup:
        page.keyboard.press("Enter")
    popup.value.wait_for_load_state()
    expect(status(fig)).to_contain_text("Opened GitHub's new-file page with your map (1 placement)")

    address = urlsplit(opened[0])
    assert address.path == "/owner/repo/new/trunk"
    query = parse_qs(address.query)
    assert re.fullmatch(rf"docs/data/readers/{FILE_NAME}", query["filename"][0]), query["filename"]
    text = query["value"][0]
    lines = text.splitlines()
    assert lines[0].startswith("# Research map exported from Specimen site on 20")
    assert lines[1:5] == ["version: 2", 'by: "Ada"', "placements:", '  - id: "1406.2661"']
    assert lines[-1] == "# end of map: 1 placement"
    assert " " not in opened[0] and "\n" not in opened[0]  # encoded, not raw
    assert not watch.console_errors, watch.console_errors
    context.close()


def test_with_no_repository_the_map_downloads_and_the_reader_is_told_where_to_send_it(watched, site_url):
    page, _ = watched
    catalogue = page.request.get(site_url + "assets/spectrum/catalogue.json")
    assert catalogue.ok  # the build writes the folder (extra.research.readers) and the limit, and no repository
    assert catalogue.json()["send"] == {"folder": "docs/data/readers", "max_url": 8000}
    fig, download = send_by_download(page, site_url)
    text = download.path().read_text()
    assert "by:" not in text and text.endswith("# end of map: 1 placement\n")  # no name unless typed
    expect(status(fig)).to_contain_text(f"Downloaded your map as {download.suggested_filename}")
    expect(status(fig)).to_contain_text("the folder docs/data/readers of the site's repository")


def test_a_map_too_long_for_an_address_downloads_and_names_the_repository(browser, site_url):
    context, watch = open_context(browser, site_url, viewport={"width": 375, "height": 740})
    serve_catalogue_with(context, {"folder": "docs/data/readers", "max_url": 300, "repo": "owner/repo", "branch": "main"})
    page = context.new_page()
    fig, _ = send_by_download(page, site_url)
    expect(status(fig)).to_contain_text("too long to open on GitHub directly")
    expect(status(fig)).to_contain_text("docs/data/readers of github.com/owner/repo")
    # On a phone, in the dark: the name field fits the screen and its text is the page's own colour.
    switch_to_dark(page)
    name = fig.get_by_role("textbox", name="Your name (optional)")
    expect(name).to_be_visible()
    assert horizontal_overflow(page) <= 0
    colours = name.evaluate("(el) => [getComputedStyle(el).color, getComputedStyle(document.body).color]")
    assert colours[0] == colours[1], colours
    assert not watch.foreign_requests and not watch.console_errors
    context.close()


def test_a_name_that_is_not_plain_text_is_refused_with_a_message(watched, site_url):
    page, _ = watched
    fig = open_essay(page, site_url, PLANE)
    palette_item(fig, GAN).click()
    fig.get_by_role("textbox", name="Your name (optional)").fill("<b>Ada</b>")
    fig.get_by_role("button", name="Map", exact=True).click()
    fig.get_by_role("menu", name="Map").get_by_role("menuitem", name="Export YAML").click()
    expect(status(fig)).to_contain_text("Not exported: Your name can be up to 60 characters of plain text")
    expect(status(fig)).to_have_class(re.compile(r"\berror\b"))
    expect(fig.locator(".research-spectrum b, b:has-text('Ada')")).to_have_count(0)  # never markup
