"""The research spectrum in Debian's Chromium: real mouse, keyboard and touch input,
on the specimen page (tests/specimen: fixed papers and placements).

Each test starts from a fresh browser context (empty localStorage). The
`watched` fixture fails a test on any console error or request to another
origin. Figures on the page: 0 = line view (cited papers), 1 = plane view
(all papers), 2 = map view (all papers, the author's map can be revealed).
"""
from __future__ import annotations

import base64
import json
import re

import pytest
from conftest import SPECIMEN, horizontal_overflow, open_context, switch_to_dark
from playwright.sync_api import Page, expect

LINE, PLANE, MAP = 0, 1, 2
GAN = "Generative Adversarial Networks"
CONSISTENCY = "Consistency Models"
ATTENTION = "Attention Is All You Need"
HOOKS = "assets/js/debug-hooks.js"  # the tests' and benchmarks' hooks (no page loads it)
OTHER_PAGE = "notebooks/specimen-scaling/"  # another page of the specimen site


# -- helpers ---------------------------------------------------------------------

def figure(page: Page, index: int):
    return page.locator("figure.research-spectrum").nth(index)


def ready(page: Page, index: int):
    """Scroll a figure into view and wait until its chart is drawn."""
    fig = figure(page, index)
    fig.scroll_into_view_if_needed()
    expect(fig).to_have_attribute("data-ready", "true", timeout=15_000)
    return fig


def open_essay(page: Page, site_url: str, index: int = LINE, suffix: str = ""):
    page.goto(site_url + suffix)
    return ready(page, index)


def state(page: Page, site_url: str) -> dict:
    return page.evaluate("async (url) => (await import(url)).debugState()", site_url + HOOKS)


def own(page: Page, site_url: str) -> dict:
    return state(page, site_url)["own"]


def wait_for_own(page: Page, site_url: str, expected: dict) -> None:
    """Wait until this tab's map is expected. (wait_for_function does not await a predicate that
    returns a Promise, which is truthy: the module is imported first, the check itself is sync.)"""
    page.evaluate("async (url) => { window.__debugHooks = await import(url); }", site_url + HOOKS)
    page.wait_for_function("(expected) => JSON.stringify(window.__debugHooks.debugState().own)"
                           " === JSON.stringify(expected)", arg=expected)


def palette_item(fig, title: str):
    """A palette card, by its accessible name: the title, then the byline it shows."""
    return fig.locator(".spectrum-palette").get_by_role("button", name=re.compile(rf"^{re.escape(title)}, "))


def mark(fig, title: str):
    return fig.get_by_role("region", name="Research spectrum").get_by_role("button", name=f"{title}, placed at")


def point(fig, fx: float, fy: float = 0.5) -> tuple[float, float]:
    """Screen point at a fraction of the valid area: fx 0 = x min .. 1 = x max; fy 0 = y min .. 1 = y max."""
    box = fig.locator(".spectrum-plotarea").bounding_box()
    return box["x"] + fx * box["width"], box["y"] + (1 - fy) * box["height"]


def centre(locator) -> tuple[float, float]:
    box = locator.bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def align(fig):
    """Scroll so the chart sits just below Material's sticky header (the palette below it stays in view)."""
    fig.get_by_role("region", name="Research spectrum").evaluate(
        "r => window.scrollBy(0, r.getBoundingClientRect().top - 90)")


def drag(page: Page, fig, source, fx: float | None = None, fy: float = 0.5,
         end: tuple[float, float] | None = None, steps: int = 10):
    """Drag with the mouse from a paper (palette button or point) to a spot on the chart (or `end`)."""
    align(fig)
    start = centre(source)
    end = end or point(fig, fx, fy)
    height = page.viewport_size["height"]
    assert 0 < start[1] < height and 0 < end[1] < height, f"drag from {start} to {end} leaves the viewport"
    page.mouse.move(*start)
    page.mouse.down()
    page.mouse.move(*end, steps=steps)
    page.mouse.up()


def map_menu(fig, item: str):
    """Choose an item of the figure's Map menu (share, export, import, PNG, reset) with the mouse."""
    fig.get_by_role("button", name="Map", exact=True).click()
    fig.get_by_role("menu", name="Map").get_by_role("menuitem", name=item).click()


def status(fig):
    return fig.locator(".spectrum-status")


def put_own_map(page: Page, site_url: str, placements: dict):
    """Start a page with a stored map (as an earlier visit would have left it)."""
    record = json.dumps({"version": 1, "placements": placements})
    page.add_init_script(f"localStorage.setItem('research-spectrum:/', {json.dumps(record)})")


def share_link(text: str) -> str:
    return "#map=1." + base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


# -- placing, moving, returning ---------------------------------------------------------

def test_drag_a_paper_onto_the_line_move_it_open_it_and_drag_it_off(watched, site_url):
    page, _ = watched
    fig = open_essay(page, site_url)
    expect(fig.get_by_role("region", name="Research spectrum")).to_be_visible()
    expect(fig.locator(".spectrum-fallback")).to_be_hidden()
    chip = palette_item(fig, GAN)
    expect(chip).to_contain_text("Goodfellow et al., 2014")

    drag(page, fig, chip, 0.25)
    spot = own(page, site_url)["1406.2661"]
    assert spot["x"] == pytest.approx(-0.5, abs=0.02)
    assert spot["y"] is None, "the line view sets no height: y stays unset until a plane view sets it"
    expect(palette_item(fig, GAN)).to_have_count(0)
    gan = mark(fig, GAN)
    expect(gan).to_be_visible()

    gan.hover()
    expect(fig.locator(".spectrum-tooltip")).to_contain_text(GAN)

    drag(page, fig, gan, 0.8)
    assert own(page, site_url)["1406.2661"]["x"] == pytest.approx(0.6, abs=0.02)

    gan.click()
    details = fig.get_by_role("region", name="Paper details")
    expect(details).to_be_visible()
    expect(details.get_by_role("link", name=GAN)).to_have_attribute("href", "https://arxiv.org/abs/1406.2661")
    expect(details).to_contain_text("Ian J. Goodfellow, Jean Pouget-Abadie")
    expect(details).to_contain_text("2014")
    expect(details).to_contain_text("Two networks in a game")

    align(fig)
    region_box = fig.get_by_role("region", name="Research spectrum").bounding_box()
    above_the_chart = (region_box["x"] + 100, region_box["y"] - 40)
    drag(page, fig, gan, end=above_the_chart)
    assert "1406.2661" not in own(page, site_url)
    expect(palette_item(fig, GAN)).to_be_visible()
    expect(mark(fig, GAN)).to_have_count(0)
    expect(details).to_be_hidden()

    # The remove control in the details returns a paper too.
    drag(page, fig, palette_item(fig, CONSISTENCY), 0.5)
    mark(fig, CONSISTENCY).click()
    details.get_by_role("button", name="Return to palette").click()
    assert own(page, site_url) == {}

    # Dropping outside the chart places nothing.
    drag(page, fig, palette_item(fig, GAN), end=above_the_chart)
    assert own(page, site_url) == {}


def test_the_keyboard_places_moves_returns_and_undoes(watched, site_url):
    page, _ = watched
    fig = open_essay(page, site_url, PLANE)
    palette_item(fig, ATTENTION).focus()
    page.keyboard.press("Enter")
    assert own(page, site_url)["1706.03762"] == {"x": 0, "y": 0.5}
    attention = mark(fig, ATTENTION)
    expect(attention).to_be_focused()
    expect(status(fig)).to_contain_text(f"Placed “{ATTENTION}”")

    page.keyboard.press("ArrowRight")
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Shift+ArrowDown")
    assert own(page, site_url)["1706.03762"] == {"x": 0.3, "y": 0.4}
    expect(attention).to_be_focused()
    expect(attention).to_have_attribute(
        "aria-label", f"Vaswani 2017: {ATTENTION}, placed at Structural ↔ developmental 0.30, How exploratory 0.40; grounding not marked")

    page.keyboard.press("Enter")
    expect(fig.get_by_role("region", name="Paper details")).to_be_focused()
    page.keyboard.press("Escape")
    expect(attention).to_be_focused()

    page.keyboard.press("Delete")
    assert own(page, site_url) == {}
    expect(palette_item(fig, ATTENTION)).to_be_focused()

    page.keyboard.press("Control+z")
    assert own(page, site_url) == {"1706.03762": {"x": 0.3, "y": 0.4}}
    page.keyboard.press("Control+z")
    assert own(page, site_url)["1706.03762"] == {"x": 0.3, "y": 0.525}
    page.keyboard.press("Control+Shift+z")
    page.keyboard.press("Control+Shift+Z")
    assert own(page, site_url) == {}
    expect(status(fig)).to_have_text("Redone.")


def test_undo_and_redo_buttons_walk_back_through_every_change(watched, site_url):
    page, _ = watched
    fig = open_essay(page, site_url)
    undo = fig.get_by_role("button", name="Undo", exact=True)
    redo = fig.get_by_role("button", name="Redo", exact=True)
    expect(undo).to_be_disabled()
    palette_item(fig, GAN).click()                                        # 1 place
    drag(page, fig, mark(fig, GAN), 0.1)             # 2 move
    drag(page, fig, palette_item(fig, CONSISTENCY), 0.9)  # 3 place
    map_menu(fig, "Reset map")                       # 4 reset
    history = []
    while undo.is_enabled():
        undo.click()
        history.append(own(page, site_url))
    assert [sorted(h) for h in history] == [["1406.2661", "2303.01469"], ["1406.2661"], ["1406.2661"], []]
    assert history[1]["1406.2661"]["x"] == pytest.approx(-0.8, abs=0.02)
    assert history[2]["1406.2661"]["x"] == 0
    for _ in range(4):
        redo.click()
    assert own(page, site_url) == {}
    expect(redo).to_be_disabled()


# -- one map, every view, every visit ---------------------------------------------------------

def test_the_same_map_shows_in_every_view_and_survives_reload_and_instant_navigation(watched, site_url):
    page, _ = watched
    fig = open_essay(page, site_url)
    drag(page, fig, palette_item(fig, GAN), 0.1)
    x = own(page, site_url)["1406.2661"]["x"]

    plane = ready(page, PLANE)
    expect(mark(plane, GAN)).to_be_visible()
    expect(palette_item(plane, GAN)).to_have_count(0)
    drag(page, plane, mark(plane, GAN), 0.2, 0.75)
    spot = own(page, site_url)["1406.2661"]
    assert spot["x"] == pytest.approx(-0.6, abs=0.02) and spot["y"] == pytest.approx(0.75, abs=0.02)
    assert spot["x"] != x

    the_map = ready(page, MAP)
    expect(mark(the_map, GAN)).to_have_attribute("aria-label", f"Goodfellow 2014: {GAN}, placed at Structural ↔ developmental {spot['x']:.2f}"
                                                 f", How exploratory {spot['y']:.2f}; grounding not marked".replace("-", "−"))
    line_label = mark(figure(page, LINE), GAN).get_attribute("aria-label")
    assert line_label == f"Goodfellow 2014: {GAN}, placed at Structural ↔ developmental {spot['x']:.2f}; grounding not marked".replace("-", "−"), \
        "the line view follows a move made in the plane view"

    page.reload()
    fig = ready(page, LINE)
    expect(mark(fig, GAN)).to_be_visible()
    assert own(page, site_url) == {"1406.2661": spot}

    page.evaluate("window.__sameDocument = true")
    page.get_by_role("link", name="the specimen toy").click()
    expect(page.get_by_role("heading", level=1, name="Specimen: a scaling law")).to_be_visible()
    page.go_back()
    fig = ready(page, LINE)
    assert page.evaluate("window.__sameDocument === true"), "instant navigation, not a reload"
    expect(mark(fig, GAN)).to_be_visible()
    expect(page.locator(".spectrum-widget")).to_have_count(len(page.locator("figure.research-spectrum[data-enhanced]").all()))
    assert own(page, site_url) == {"1406.2661": spot}


def test_a_map_changed_in_one_tab_shows_in_another(watched, site_url):
    page, _ = watched
    other = page.context.new_page()
    fig = open_essay(page, site_url, PLANE)
    other_fig = open_essay(other, site_url, PLANE)
    palette_item(fig, GAN).click()
    expect(mark(other_fig, GAN)).to_be_visible()  # the storage event, no reload
    mark(other_fig, GAN).focus()
    other.keyboard.press("Delete")
    expect(mark(fig, GAN)).to_have_count(0)
    assert own(page, site_url) == {} == own(other, site_url)


def test_a_corrupt_saved_map_is_reset_with_a_message(watched, site_url):
    page, _ = watched
    page.add_init_script("localStorage.setItem('research-spectrum:/', '{\"version\":1,\"placements\":{\"1406.2661\":{\"x\":\"left\"}}}')")
    fig = open_essay(page, site_url)
    expect(status(fig)).to_contain_text("could not be read")
    expect(status(fig)).to_contain_text("so it was reset")
    assert own(page, site_url) == {}
    palette_item(fig, GAN).click()
    assert "1406.2661" in own(page, site_url)


# -- the author's map --------------------------------------------------------------------------

def test_reveal_the_authors_map_after_placing_and_read_the_distances(watched, site_url):
    page, _ = watched
    fig = open_essay(page, site_url, MAP)
    expect(figure(page, LINE).get_by_role("button", name="Show the author's map")).to_have_count(0)
    reveal = fig.get_by_role("button", name="Show the author's map")
    expect(reveal).to_be_enabled()   # the final map: even a reader with no placements may look
    palette_item(fig, ATTENTION).click()   # the author did not place this one
    def drawn(name):
        return fig.locator(f".spectrum-plot svg .spectrum-{name}")
    for name in ("author-spot", "author-region", "author-link", "distance"):
        expect(drawn(name)).to_have_count(0)   # before reveal the author's map stays hidden

    palette_item(fig, GAN).click()   # just above the centre, which is taken: (0, 0.58); the author's: (-0.85, 0.1)
    assert own(page, site_url)["1406.2661"] == {"x": 0, "y": 0.58}
    reveal.click()
    expect(reveal).to_have_attribute("aria-pressed", "true")
    summary = fig.locator(".spectrum-summary")
    expect(summary).to_contain_text("Over the 1 paper you both placed, your spots are on average 0.98 from the author's")
    expect(summary).to_contain_text("measured across both axes")
    expect(summary.get_by_role("row")).to_have_count(2)
    expect(drawn("author-spot")).to_have_count(8)
    expect(drawn("author-region")).to_have_count(1)   # the one spot the author gave a spread
    expect(drawn("author-link")).to_have_count(1)     # from the reader's spot to the author's, dotted
    expect(drawn("distance")).to_have_count(1)
    expect(drawn("distance")).to_have_text("0.98")
    # The author's spot lies where the reader's paper would sit at the author's values (the same frame).
    spot = fig.locator(".spectrum-plot svg .spectrum-author-spot[data-id='1406.2661']").bounding_box()
    gx, gy = point(fig, (-0.85 + 1) / 2, 0.1)
    assert abs(spot["x"] + spot["width"] / 2 - gx) < 2 and abs(spot["y"] + spot["height"] / 2 - gy) < 2

    drag(page, fig, mark(fig, GAN), 0.075, 0.1)   # right onto the author's spot
    expect(summary).to_contain_text("on average 0.00")
    palette_item(fig, CONSISTENCY).click()   # (0, 0.58) vs the author's region x -0.9..-0.3, y 0..0.2: hypot(0.3, 0.38) = 0.48
    expect(summary).to_contain_text("Over the 2 papers you both placed, your spots are on average 0.24")
    gan_details = mark(fig, GAN)
    gan_details.click()
    expect(fig.get_by_role("region", name="Paper details")).to_contain_text("The author's spot: Structural ↔ developmental −0.85")

    reveal.click()
    expect(reveal).to_have_attribute("aria-pressed", "false")
    expect(summary).to_be_hidden()
    for name in ("author-spot", "author-region", "author-link", "distance"):
        expect(drawn(name)).to_have_count(0)


# -- sharing ----------------------------------------------------------------------------------------

def test_a_share_link_round_trips_and_asks_before_replacing_a_map(browser, site_url):
    context, watch = open_context(browser, site_url, viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = context.new_page()
    fig = open_essay(page, site_url, PLANE)
    drag(page, fig, palette_item(fig, GAN), 0.25, 0.8)
    palette_item(fig, ATTENTION).click()
    shared = own(page, site_url)
    map_menu(fig, "Copy share link")
    expect(status(fig)).to_contain_text("Share link copied")
    link = page.url
    assert "#map=2." in link
    assert page.evaluate("navigator.clipboard.readText()") == link
    context.close()
    assert not watch.console_errors and not watch.foreign_requests

    # A reader with no map of their own: the shared map simply opens.
    context, watch = open_context(browser, site_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(link)
    fig = ready(page, MAP)
    expect(status(fig)).to_contain_text("Opened the shared map with 2 papers")
    assert own(page, site_url) == shared
    assert "#map" not in page.url
    context.close()

    # A reader with a map: shown, then asked (in the page), and undoable.
    context, watch = open_context(browser, site_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    mine = {"2303.01469": {"x": 0.5, "y": 0.5}}
    put_own_map(page, site_url, mine)
    page.on("dialog", lambda dialog: pytest.fail(f"a browser dialog opened: {dialog.message}"))
    page.goto(link)
    fig = ready(page, MAP)
    bar = fig.get_by_role("group", name="Shared map")
    expect(bar).to_be_visible()
    expect(bar).to_contain_text("shared map with 2 papers. Replace your own map (1 paper)")
    expect(mark(fig, GAN)).to_be_visible()
    expect(mark(fig, CONSISTENCY)).to_have_count(0)
    assert own(page, site_url) == mine, "nothing is replaced before the reader says so"
    bar.get_by_role("button", name="Keep my map").click()
    expect(bar).to_be_hidden()
    expect(mark(fig, CONSISTENCY)).to_be_visible()
    assert own(page, site_url) == mine

    page.goto(site_url + OTHER_PAGE)
    page.goto(link)
    fig = ready(page, MAP)
    fig.get_by_role("group", name="Shared map").get_by_role("button", name="Replace my map").click()
    assert own(page, site_url) == shared
    fig.get_by_role("button", name="Undo", exact=True).click()
    assert own(page, site_url) == mine
    context.close()
    assert not watch.console_errors and not watch.foreign_requests


def test_a_hostile_share_link_runs_nothing_and_leaves_the_map_intact(watched, site_url):
    page, _ = watched
    mine = {"2303.01469": {"x": 0.5, "y": 0.5}}
    put_own_map(page, site_url, mine)
    for payload in ('<img src=x onerror="window.__pwned=1">:0:0', "<script>window.__pwned=1</script>:0:0",
                    "1406.2661:NaN:0", "9999.99999:0:0", "__proto__:0:0"):
        page.goto(site_url + OTHER_PAGE)
        page.goto(site_url + share_link(payload))
        fig = ready(page, MAP)
        expect(status(fig)).to_contain_text("This share link could not be opened")
        expect(status(fig)).to_contain_text("Your map is unchanged")
        expect(status(fig)).to_have_class("spectrum-status error")
        assert own(page, site_url) == mine
        assert page.evaluate("window.__pwned") is None
        assert page.evaluate("({}).x") is None
        assert page.locator("figure.research-spectrum img").count() == 0
    expect(mark(fig, CONSISTENCY)).to_be_visible()


# -- export and import ----------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["JSON", "YAML"])
def test_export_then_import_round_trips(watched, site_url, fmt, tmp_path):
    page, _ = watched
    fig = open_essay(page, site_url, PLANE)
    drag(page, fig, palette_item(fig, GAN), 0.1, 0.9)
    palette_item(fig, ATTENTION).click()
    mine = own(page, site_url)
    with page.expect_download() as info:
        map_menu(fig, f"Export {fmt}")
    download = info.value
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    text = path.read_text()
    if fmt == "JSON":
        assert download.suggested_filename == "research-map.json"
        assert json.loads(text) == {"version": 2, "placements": [{"id": k, **v} for k, v in mine.items()]}
    else:
        assert download.suggested_filename == "research-map.yaml"
        lines = text.splitlines()
        assert lines[0].startswith("# Research map exported from Specimen site on 20")
        gan = mine["1406.2661"]
        assert lines[1:6] == ["version: 2", "placements:", '  - id: "1406.2661"', f"    x: {gan['x']:g}", f"    y: {gan['y']:g}"]
        assert lines[-1] == "# end of map: 2 placements"
        from ruamel.yaml import YAML
        assert YAML(typ="safe", pure=True).load(text) == {"version": 2, "placements": [{"id": k, **v} for k, v in mine.items()]}

    map_menu(fig, "Reset map")
    assert own(page, site_url) == {}
    fig.get_by_label("Import map").set_input_files(str(path))
    expect(status(fig)).to_contain_text("Imported a map with 2 placements")
    assert own(page, site_url) == mine
    expect(mark(fig, GAN)).to_be_visible()


def test_hostile_or_broken_imports_are_refused_whole(watched, site_url):
    page, _ = watched
    fig = open_essay(page, site_url, PLANE)
    palette_item(fig, GAN).click()
    mine = own(page, site_url)
    importer = fig.get_by_label("Import map")
    files = {
        "img.json": json.dumps({"version": 1, "placements": [
            {"id": "1706.03762", "x": 0, "y": 0}, {"id": '<img src=x onerror="window.__pwned=1">', "x": 0, "y": 0}]}),
        "script.yaml": 'version: 1\nplacements:\n  - id: "<script>window.__pwned=1</script>"\n    x: 0\n    y: 0\n',
        "unknown.yaml": 'version: 1\nplacements:\n  - id: "1706.03762"\n    x: 0\n    y: 0\n  - id: "9999.99999"\n    x: 0\n    y: 0\n',
        "range.json": json.dumps({"version": 1, "placements": [{"id": "1706.03762", "x": 3, "y": 0}]}),
        "types.json": json.dumps({"version": 1, "placements": [{"id": "1706.03762", "x": "0.5", "y": 0}]}),
        "pollute.json": '{"version":1,"placements":[{"id":"1706.03762","x":0,"y":0}],"__proto__":{"x":1}}',
        "notes.txt": "Just some notes, not a map.",
    }
    for name, text in files.items():
        importer.set_input_files({"name": name, "mimeType": "text/plain", "buffer": text.encode()})
        expect(status(fig)).to_contain_text("Import refused")
        expect(status(fig)).to_contain_text("Your map is unchanged")
        assert own(page, site_url) == mine, name
    importer.set_input_files({"name": "big.json", "mimeType": "application/json",
                              "buffer": b'{"version":1,"placements":[],"pad":"' + b"x" * 64_001 + b'"}'})
    expect(status(fig)).to_contain_text("larger than 64 kB")
    assert own(page, site_url) == mine
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("({}).x") is None
    assert page.locator("figure.research-spectrum img").count() == 0


# A PNG decoded in the page: its size, its background (the corner's colour), how many pixels differ
# from it, and the colour at given points (in the PNG's pixels).
DECODE_PNG = """async ([data, points]) => {
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d');
  context.drawImage(bitmap, 0, 0);
  const { data: pixels } = context.getImageData(0, 0, bitmap.width, bitmap.height);
  const at = (x, y) => [...pixels.slice((y * bitmap.width + x) * 4, (y * bitmap.width + x) * 4 + 3)];
  const [r, g, b] = at(0, 0);
  let drawn = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    if (Math.abs(pixels[i] - r) + Math.abs(pixels[i + 1] - g) + Math.abs(pixels[i + 2] - b) > 60) drawn++;
  }
  return { width: bitmap.width, height: bitmap.height, background: [r, g, b], drawn,
           colours: points.map(([x, y]) => at(Math.round(x), Math.round(y))) };
}"""


def downloaded_png(page, fig, tmp_path) -> bytes:
    with page.expect_download() as info:
        map_menu(fig, "Download PNG")
    assert info.value.suggested_filename == "research-spectrum.png"
    path = tmp_path / "chart.png"
    info.value.save_as(path)
    return path.read_bytes()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_download_png(watched, site_url, tmp_path, scheme):
    """The PNG is drawn without a chart library: a real PNG at twice the chart's size, in the page's
    colours (light or dark), with the axes' texts, the reader's marked paper and the author's map in it."""
    page, _ = watched
    page.add_init_script("localStorage.setItem('research-spectrum:/', "
                         + json.dumps(json.dumps({"version": 2, "placements": {"1406.2661": {"x": 0.2, "y": 0.6, "grounding": "laws-of-code"}}}))
                         + ")")
    fig = open_essay(page, site_url, MAP)
    if scheme == "dark":
        switch_to_dark(page)
    fig.get_by_role("button", name="Show the author's map").click()
    expect(fig.locator(".spectrum-plot svg .spectrum-distance")).to_have_count(1)
    chart = fig.get_by_role("region", name="Research spectrum")
    size = chart.evaluate("(c) => [c.clientWidth, c.clientHeight]")
    # Where the reader's paper and the author's spot for it are, in the PNG's pixels (twice the chart's).
    spots = chart.evaluate("""(c) => {
      const origin = c.getBoundingClientRect();
      const centre = (element) => { const r = element.getBoundingClientRect();
        return [2 * (r.left + r.width / 2 - origin.left), 2 * (r.top + r.height / 2 - origin.top)]; };
      const [x, y] = centre(c.querySelector('.spectrum-author-spot path'));   // a hollow diamond: its top corner's stroke
      return [centre(c.querySelector('.spectrum-mark .spectrum-mark-dot')), [x, y - 14]];
    }""")
    data = downloaded_png(page, fig, tmp_path)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(data[16:20], "big") == 2 * size[0] and int.from_bytes(data[20:24], "big") == 2 * size[1]
    decoded = page.evaluate(DECODE_PNG, [base64.b64encode(data).decode(), spots])
    assert [decoded["width"], decoded["height"]] == [2 * size[0], 2 * size[1]]
    page_background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert page_background == "rgb({}, {}, {})".format(*decoded["background"])
    share = decoded["drawn"] / (decoded["width"] * decoded["height"])
    assert 0.01 < share < 0.5, f"{share:.1%} of the PNG differs from its background"
    reader, author = decoded["colours"]
    assert reader == [0xd9, 0x82, 0x2b], reader   # the reader's "Laws of code" mark, filled in its colour
    assert author != decoded["background"], author  # the author's spot is drawn too
    expect(status(fig)).to_contain_text("Downloaded the chart as research-spectrum.png.")


def test_the_palette_filters_by_text(watched, site_url):
    page, _ = watched
    fig = open_essay(page, site_url, PLANE)
    buttons = fig.locator(".spectrum-palette .spectrum-paper:visible")
    total = buttons.count()
    assert total >= 30
    fig.get_by_label("Filter papers").fill("diffusion")
    expect(buttons).to_have_count(4)
    fig.get_by_label("Filter papers").fill("kingma 2013")
    expect(buttons).to_have_count(1)
    expect(buttons.first).to_have_accessible_name("Auto-Encoding Variational Bayes, Kingma et al., 2013")
    fig.get_by_label("Filter papers").fill("")
    expect(buttons).to_have_count(total)


# -- theme and layout --------------------------------------------------------------------------------

LONGEST_MOTION = """() => Math.max(...[...document.querySelectorAll('*')].flatMap((element) => {
  const style = getComputedStyle(element);
  return [style.transitionDuration, style.animationDuration].flatMap((list) => list.split(','))
    .map((value) => parseFloat(value) * (value.trim().endsWith('ms') ? 1 : 1000));
}))"""


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_reduced_motion_stills_every_transition(browser, site_url, motion):
    """A placed paper glides to its spot (120 ms), unless the reader asked for less motion."""
    context, watch = open_context(browser, site_url, viewport={"width": 1280, "height": 900}, reduced_motion=motion)
    page = context.new_page()
    fig = open_essay(page, site_url, PLANE)
    palette_item(fig, GAN).click()
    expect(mark(fig, GAN)).to_be_visible()
    glide = mark(fig, GAN).evaluate("(element) => getComputedStyle(element).transitionDuration")
    longest = page.evaluate(LONGEST_MOTION)
    context.close()
    if motion == "reduce":
        assert longest <= 0.01, f"a transition or animation of {longest} ms is left"
    else:
        assert glide == "0.12s", glide
    assert not watch.console_errors and not watch.foreign_requests


def test_the_chart_follows_materials_dark_palette(watched, site_url):
    page, _ = watched
    fig = open_essay(page, site_url, PLANE)
    def colours():
        return page.evaluate("""(fig) => ({
            background: getComputedStyle(fig.querySelector('.spectrum-plot svg .spectrum-background')).fill,
            ticks: getComputedStyle(fig.querySelector('.spectrum-plot svg .spectrum-x-tick')).fill,
            page: getComputedStyle(document.body).backgroundColor,
        })""", fig.element_handle())
    light = colours()
    assert light["background"] == light["page"]
    drawing = fig.locator(".spectrum-plot svg").element_handle()
    switch_to_dark(page)
    page.wait_for_function("""([fig, before]) =>
        getComputedStyle(fig.querySelector('.spectrum-plot svg .spectrum-background')).fill !== before""",
                           arg=[fig.element_handle(), light["background"]])
    dark = colours()
    assert dark["background"] != light["background"] and dark["ticks"] != light["ticks"]
    assert dark["background"] == dark["page"] and dark["background"] not in ("rgb(255, 255, 255)", "white")
    # The theme's variables follow the palette: the same drawing, not one redrawn with colours read once.
    assert drawing.evaluate("(svg) => svg.isConnected")


def test_a_chart_first_drawn_inside_a_closed_details_block_fits_when_opened(watched, site_url):
    page, _ = watched
    page.goto(site_url)
    page.evaluate("""() => {
        const fig = document.querySelectorAll('figure.research-spectrum')[2];
        const details = document.createElement('details');
        details.append(document.createElement('summary'));
        details.querySelector('summary').textContent = 'Your map';
        fig.before(details);
        details.append(fig);
    }""")
    page.locator("details > summary", has_text="Your map").scroll_into_view_if_needed()
    # The chart just below the closed block comes near and is drawn: the hidden one had the same chance.
    expect(figure(page, MAP + 1)).to_have_attribute("data-ready", "true")
    assert figure(page, MAP).get_attribute("data-ready") is None, "nothing is drawn while hidden"
    page.locator("details > summary", has_text="Your map").click()
    fig = ready(page, MAP)
    width = fig.locator(".spectrum-plot svg").first.bounding_box()["width"]
    assert width > 500
    palette_item(fig, GAN).click()
    expect(mark(fig, GAN)).to_be_visible()


def test_a_phone_can_place_and_move_by_touch_and_still_scroll(browser, site_url):
    context, watch = open_context(browser, site_url, viewport={"width": 375, "height": 740},
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    fig = open_essay(page, site_url, PLANE)
    overflow = horizontal_overflow(page)
    assert overflow <= 0, f"the page is {overflow}px wider than the phone"
    assert fig.bounding_box()["width"] <= 375
    # The tools fit one row: undo, redo and the Map menu (the menu's own test is test_spectrum_controls.py).
    toolbar = fig.get_by_role("toolbar", name="Map tools")
    rows = toolbar.evaluate("(bar) => new Set([...bar.querySelectorAll('button')].filter((b) => b.offsetParent)"
                            ".map((b) => Math.round(b.getBoundingClientRect().top))).size")
    assert rows == 1, f"the toolbar takes {rows} rows"

    chip = palette_item(fig, GAN)
    chip.scroll_into_view_if_needed()
    chip.tap()
    assert own(page, site_url)["1406.2661"] == {"x": 0, "y": 0.5}

    cdp = context.new_cdp_session(page)

    def touch_drag(start, end, steps=8):
        cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": start[0], "y": start[1]}]})
        for i in range(1, steps + 1):
            x = start[0] + (end[0] - start[0]) * i / steps
            y = start[1] + (end[1] - start[1]) * i / steps
            cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]})
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})

    gan = mark(fig, GAN)
    gan.scroll_into_view_if_needed()
    touch_drag(centre(gan), point(fig, 0.25, 0.75))
    spot = own(page, site_url)["1406.2661"]
    assert spot["x"] == pytest.approx(-0.5, abs=0.03) and spot["y"] == pytest.approx(0.75, abs=0.03)

    # A finger on the chart but not on a paper scrolls the page.
    before = page.evaluate("window.scrollY")
    start = point(fig, 0.8, 0.3)
    touch_drag(start, (start[0], start[1] - 250), steps=10)
    page.wait_for_function("(y) => window.scrollY > y + 100", arg=before)
    assert own(page, site_url)["1406.2661"] == spot

    overflow = horizontal_overflow(page)
    assert overflow <= 0
    context.close()
    assert not watch.console_errors, watch.console_errors
    assert not watch.foreign_requests


# -- no chart library ------------------------------------------------------------------------------

def test_a_page_of_spectra_and_toys_requests_no_chart_library(browser, site_url, tmp_path):
    """Every spectrum on the specimen page drawn, the author's map shown and a PNG made, with its
    toys on the page too: no Plotly file is requested and no Plotly global exists (the charts and
    the toys' figures are the site's own SVG). On the specimen, whose figures are fixed: an essay
    may have any number of spectra."""
    source = (SPECIMEN / "docs" / "index.md").read_text(encoding="utf-8")
    context, watch = open_context(browser, site_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url)
    figures = page.locator("figure.research-spectrum")
    expect(figures).to_have_count(source.count("```spectrum") - source.count("view: readers"))  # readers': no widget
    for index in range(figures.count()):
        ready(page, index)
    final = figures.nth(MAP)  # the one whose fence reveals the author's map
    final.get_by_role("button", name="Show the author's map").click()
    expect(final.locator(".spectrum-plot svg .spectrum-author-spot").first).to_be_attached()
    assert downloaded_png(page, final, tmp_path)[:8] == b"\x89PNG\r\n\x1a\n"
    expect(page.locator("figure.toy")).to_have_count(source.count("```toy"))
    assert page.evaluate("() => typeof window.Plotly") == "undefined"
    context.close()
    plotly = [url for url in requests if "plotly" in url.lower()]
    assert plotly == [], plotly
    assert any("assets/js/spectrum/chart-svg.js" in url for url in requests)
    assert not watch.console_errors and not watch.foreign_requests, (watch.console_errors, watch.foreign_requests)
