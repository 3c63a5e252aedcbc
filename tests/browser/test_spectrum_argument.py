"""The spectrum carries the essay's argument, in Debian's Chromium on the specimen page:
the reader marks grounding, the line under the map counts it, a fence's id list limits its palette,
the line view sets no height, the author's reasons and regions show on reveal (and only then), an
empty chart says what to do, and maps made by the version 1 widget load unchanged.

Figures: 0 line (cited), 1 plane (all), 2 map (all, reveal, summary), 3 line (three ids, summary)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import open_context
from playwright.sync_api import Page, expect
from test_spectrum import (CONSISTENCY, GAN, LINE, MAP, PLANE, figure, map_menu, mark, open_essay, own, palette_item,
                           point, ready, status)

THREE = 3
V1 = Path(__file__).resolve().parents[1] / "fixtures" / "maps" / "v1"
V1_MAP = {"1406.2661": {"x": -0.75, "y": 0.4}, "2211.17192": {"x": 0.8, "y": 0.425},
          "2303.01469": {"x": -0.25, "y": 0.55}}
REASON = "A new frame, or a way to make diffusion cheap?"


def place_with_keys(page: Page, fig, title: str, keys: list[str]):
    palette_item(fig, title).focus()
    page.keyboard.press("Enter")
    for key in keys:
        page.keyboard.press(key)


def details(fig):
    return fig.get_by_role("region", name="Paper details")


def stored(page: Page) -> dict:
    return json.loads(page.evaluate("localStorage.getItem('research-spectrum:/')"))


# -- grounding, marked by the reader -------------------------------------------------------------

def marks_of(fig, title: str):
    """The one-click marks of a paper, under a chart that takes them: a radio group named by the question."""
    return fig.get_by_role("radiogroup", name=f"What does {title} rest on?")


def test_grounding_is_marked_in_one_click_or_by_keyboard_counted_under_the_map_and_stored(watched, site_url):
    page, _ = watched
    fig = open_essay(page, site_url, MAP)
    line = fig.locator("p.spectrum-grounding-summary")
    expect(line).to_contain_text("You have placed no paper on the structural half yet")
    expect(fig.get_by_role("radiogroup")).to_have_count(0)

    # One click: place GAN on the structural half; its row offers the marks; click "Laws of math".
    place_with_keys(page, fig, GAN, ["Shift+ArrowLeft"] * 2)   # x = -0.5 (a Shift step is 0.25)
    marks_of(fig, GAN).get_by_role("radio", name="Laws of math").click()
    expect(marks_of(fig, GAN).get_by_role("radio", name="Laws of math")).to_be_checked()
    expect(status(fig)).to_contain_text(f"Marked “{GAN}”: Laws of math.")
    expect(mark(fig, GAN)).to_have_attribute("data-shape", "circle")
    expect(mark(fig, GAN)).to_have_attribute("aria-label", f"Goodfellow 2014: {GAN}, placed at Structural ↔ developmental −0.50, "
                                                           "How exploratory 0.50; Laws of math")
    expect(line).to_have_text("Of your 1 structural paper, 1 on laws of math, 0 on laws of code "
                              "(100% of those you marked rest on laws of math).")

    # Keyboard only: place Consistency Models, Tab from its spot to its marks, Enter and the arrows choose.
    place_with_keys(page, fig, CONSISTENCY, ["Shift+ArrowLeft"] * 3)   # x = -0.75, clear of GAN
    group = marks_of(fig, CONSISTENCY)
    for _ in range(12):
        page.keyboard.press("Tab")
        if group.evaluate("(g) => g.contains(document.activeElement)"):
            break
    math = group.get_by_role("radio", name="Laws of math")
    expect(math).to_be_focused()
    expect(math).not_to_be_checked()       # reaching it marks nothing
    page.keyboard.press("Enter")
    expect(math).to_be_checked()
    expect(mark(fig, CONSISTENCY)).to_have_attribute("data-shape", "circle")
    page.keyboard.press("ArrowRight")
    code = group.get_by_role("radio", name="Laws of code")
    expect(code).to_be_checked()
    expect(code).to_be_focused()   # the rows stay as they are; the focus stays on the choice
    expect(mark(fig, CONSISTENCY)).to_have_attribute("data-shape", "square")
    page.keyboard.press("ArrowRight")
    unsure = group.get_by_role("radio", name="Neither or unsure")
    expect(unsure).to_be_checked()
    expect(mark(fig, CONSISTENCY)).to_have_attribute("data-shape", "unsure")
    expect(line).to_have_text("Of your 2 structural papers, 1 on laws of math, 0 on laws of code "
                              "(100% of those you marked rest on laws of math); 1 neither or unsure.")
    # Rows run left to right, as the papers sit on the chart.
    names = fig.get_by_role("radiogroup").evaluate_all("(groups) => groups.map((g) => g.getAttribute('aria-label'))")
    assert names == [f"What does {CONSISTENCY} rest on?", f"What does {GAN} rest on?"]

    # The stored record keeps the marks (version 2), and a reload shows them.
    record = stored(page)
    assert record["version"] == 2
    assert record["placements"]["1406.2661"] == {"x": -0.5, "y": 0.5, "grounding": "laws-of-math"}
    assert record["placements"]["2303.01469"]["grounding"] == "unsure"
    page.reload()
    fig = ready(page, MAP)
    expect(fig.locator("p.spectrum-grounding-summary")).to_contain_text("Of your 2 structural papers, 1 on laws of math")
    expect(marks_of(fig, GAN).get_by_role("radio", name="Laws of math")).to_be_checked()
    mark(fig, GAN).click()
    expect(details(fig)).to_contain_text("Your mark: Laws of math.")

    # A paper moved to the developmental half leaves the rows (the question is about the structural half).
    mark(fig, GAN).focus()
    for _ in range(3):
        page.keyboard.press("Shift+ArrowRight")   # x = 0.25
    expect(marks_of(fig, GAN)).to_have_count(0)
    expect(fig.get_by_role("radiogroup")).to_have_count(1)


def test_a_mark_takes_one_tap_on_a_phone_with_a_finger_sized_target(browser, site_url):
    context, watch = open_context(browser, site_url, viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    fig = open_essay(page, site_url, MAP)
    place_with_keys(page, fig, GAN, ["Shift+ArrowLeft"] * 2)
    code = marks_of(fig, GAN).get_by_role("radio", name="Laws of code")
    face = code.locator("xpath=..")   # the segment the finger sees: the label around the radio
    face.scroll_into_view_if_needed()
    box = face.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44, box
    face.tap()
    expect(code).to_be_checked()
    assert own(page, site_url)["1406.2661"]["grounding"] == "laws-of-code"
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    context.close()
    assert not watch.console_errors and not watch.foreign_requests


def test_the_summary_shows_only_where_the_fence_asks_for_it(watched, site_url):
    page, _ = watched
    open_essay(page, site_url, LINE)
    expect(figure(page, LINE).locator(".spectrum-grounding-summary")).to_have_count(0)
    expect(ready(page, PLANE).locator(".spectrum-grounding-summary")).to_have_count(0)
    expect(ready(page, MAP).locator(".spectrum-grounding-summary")).to_have_count(1)
    expect(ready(page, THREE).locator(".spectrum-grounding-summary")).to_have_count(1)


def legend(fig):
    return fig.get_by_role("list", name="Legend: what each paper rests on, as you marked it")


def test_marks_and_their_legend_show_only_where_marks_can_be_seen(watched, site_url):
    """The first line (no marks asked for, none made) shows no legend of marks; a figure that takes
    marks shows its rows and the legend; a paper marked there carries its legend to the other figures."""
    page, _ = watched
    line = open_essay(page, site_url, LINE)
    expect(legend(line)).to_be_hidden()
    expect(line.locator(".spectrum-marking")).to_have_count(0)
    plane = ready(page, PLANE)
    expect(legend(plane)).to_be_hidden()
    expect(plane.locator(".spectrum-marking")).to_have_count(0)
    three = ready(page, THREE)   # summary: true, so it takes marks
    expect(legend(three)).to_be_visible()
    expect(three.get_by_role("region", name="What does each structural paper rest on? One click marks it.")).to_be_visible()
    the_map = ready(page, MAP)
    expect(legend(the_map)).to_be_visible()
    expect(legend(the_map).get_by_role("listitem")).to_have_text(
        ["Laws of math", "Laws of code", "Neither or unsure", "Not marked yet", "The author's spot (and region)"])

    # A paper placed on the line but not marked: still no legend there.
    place_with_keys(page, the_map, GAN, ["Shift+ArrowLeft"] * 2)
    expect(legend(line)).to_be_hidden()
    # Marked: the line (which offers it) shows what its shape and colour mean.
    marks_of(the_map, GAN).get_by_role("radio", name="Laws of code").click()
    expect(legend(line)).to_be_visible()
    expect(legend(line).get_by_role("listitem")).to_have_count(4)   # no author's spot: this figure cannot reveal it
    expect(legend(plane)).to_be_visible()


# -- only what the section asks ----------------------------------------------------------------

def test_a_fences_id_list_is_exactly_what_its_palette_offers(watched, site_url):
    page, _ = watched
    fig = open_essay(page, site_url, THREE)
    names = fig.locator(".spectrum-palette .spectrum-paper-title").all_text_contents()
    assert names == ["Score-Based Generative Modeling through Stochastic Differential Equations",
                     "Fast Inference from Transformers via Speculative Decoding", "Toy Models of Superposition"]
    expect(fig.locator(".spectrum-palette-title")).to_have_text("Papers to place (3)")


# -- the line is one axis ----------------------------------------------------------------------

def test_a_paper_placed_on_the_line_has_no_height_until_a_plane_gives_it_one(watched, site_url):
    page, _ = watched
    fig = open_essay(page, site_url, LINE)
    place_with_keys(page, fig, GAN, ["Shift+ArrowLeft"] * 2)
    assert own(page, site_url)["1406.2661"] == {"x": -0.5, "y": None}

    plane = ready(page, PLANE)
    gan = mark(plane, GAN)
    expect(gan).to_have_attribute("aria-label", f"Goodfellow 2014: {GAN}, placed at Structural ↔ developmental −0.50, "
                                                "How exploratory not set; grounding not marked")
    expect(gan).to_have_class("spectrum-mark unset-y")

    # Compared with the author's on the map: x only, because the reader set no height.
    the_map = ready(page, MAP)
    the_map.get_by_role("button", name="Show the author's map").click()
    summary = the_map.locator(".spectrum-summary")
    expect(summary).to_contain_text("on average 0.35 from the author's (measured along Structural ↔ developmental "
                                    "only: no How exploratory value is set on both sides")
    expect(summary.get_by_role("row").nth(1)).to_contain_text("−0.50, not set")

    # Set on the plane, the height counts.
    gan.focus()
    page.keyboard.press("ArrowUp")
    assert own(page, site_url)["1406.2661"] == {"x": -0.5, "y": 0.025}
    expect(summary).to_contain_text("measured across both axes")


# -- the author's reasons and regions, and no answer before the reveal --------------------------

def test_reveal_shows_the_authors_reasons_and_regions_and_zero_distance_inside_a_region(watched, site_url):
    page, _ = watched
    fig = open_essay(page, site_url, MAP)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    # Consistency Models: the author's region is x -0.9..-0.3, y 0..0.2. Put it inside: (-0.5, 0.125).
    place_with_keys(page, fig, CONSISTENCY, ["Shift+ArrowLeft"] * 2 + ["Shift+ArrowDown"] * 3)
    assert own(page, site_url)["2303.01469"] == {"x": -0.5, "y": 0.125}
    expect(fig).not_to_contain_text(REASON)

    fig.get_by_role("button", name="Show the author's map").click()
    summary = fig.locator(".spectrum-summary")
    expect(summary).to_contain_text("your spots are on average 0.00 from the author's")
    row = summary.get_by_role("row").nth(1)
    expect(row).to_contain_text("0.00 (inside the author's region)")
    expect(row).to_contain_text(REASON)
    # The one region drawn covers x -0.9..-0.3, y 0..0.2 on the chart's own scale.
    region = fig.locator(".spectrum-plot svg .spectrum-author-region")
    expect(region).to_have_count(1)
    expect(region).to_have_attribute("data-id", "2303.01469")
    box = region.bounding_box()
    left, top = point(fig, (-0.9 + 1) / 2, 0.2)
    right, bottom = point(fig, (-0.3 + 1) / 2, 0.0)
    assert [box["x"], box["y"], box["x"] + box["width"], box["y"] + box["height"]] == \
        pytest.approx([left, top, right, bottom], abs=1.5)

    mark(fig, CONSISTENCY).click()
    expect(details(fig)).to_contain_text("unsure: anywhere from −0.90 to −0.30, How exploratory 0.00 to 0.20")
    expect(details(fig)).to_contain_text(f"Why: {REASON}")

    # Just outside the region, the distance is to its edge, not to its centre.
    mark(fig, CONSISTENCY).focus()
    for _ in range(4):
        page.keyboard.press("Shift+ArrowRight")   # x = 0.5: 0.8 beyond the region's right edge (-0.3)
    expect(summary).to_contain_text("on average 0.80")


def test_the_html_without_javascript_holds_no_author_coordinates(browser, site_url, built_site):
    context, watch = open_context(browser, site_url, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url)
    text = page.content()
    for shown in ("\u22120.85", "-0.85", "\u22120.90", "[-0.9,", '"author":', REASON):
        assert shown not in text, shown
    line = page.locator("figure.research-spectrum").nth(LINE)
    expect(line.locator("svg text.spectrum-pole")).to_have_text(["Structural", "Developmental"])
    expect(line.locator(".spectrum-paper-list li")).to_have_count(8)
    expect(line.get_by_role("link", name="The author's placements")).to_have_count(0)
    the_map = page.locator("figure.research-spectrum").nth(MAP)
    the_map.get_by_role("link", name="The author's placements").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("the author's placements")
    expect(page.get_by_role("row", name="Consistency Models")).to_contain_text("\u22120.60")
    expect(page.get_by_text(REASON)).to_be_visible()
    context.close()
    assert not watch.foreign_requests and not watch.console_errors
    header = (built_site / "assets" / "images" / "spectrum-header.svg").read_text()
    assert 'fill="#' not in header.split("</defs>")[1].split("<g font-family")[0], "the header art places no paper"


def test_the_authors_map_is_fetched_only_by_a_figure_that_may_reveal_it(watched, site_url):
    page, _ = watched
    fetched = []
    page.on("request", lambda request: fetched.append(request.url.rsplit("/", 1)[-1]))
    open_essay(page, site_url, LINE)
    ready(page, PLANE)
    assert "catalogue.json" in fetched and "author.json" not in fetched
    ready(page, MAP)
    page.wait_for_function("() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/author.json'))")


# -- an empty chart says what to do ---------------------------------------------------------------

def test_an_empty_chart_says_what_to_do_and_an_empty_map_can_still_show_the_authors(watched, site_url):
    page, _ = watched
    fig = open_essay(page, site_url, MAP)
    chart = fig.get_by_role("region", name="Research spectrum")
    hint = chart.get_by_text("Drag a paper here, or tap it, or focus it and press Enter.")
    expect(hint).to_be_visible()
    box, inside = chart.bounding_box(), hint.bounding_box()
    assert box["x"] <= inside["x"] and inside["x"] + inside["width"] <= box["x"] + box["width"]
    assert box["y"] <= inside["y"] and inside["y"] + inside["height"] <= box["y"] + box["height"]

    reveal = fig.get_by_role("button", name="Show the author's map")
    expect(reveal).to_be_enabled()
    reveal.click()
    expect(status(fig)).to_contain_text("You have placed no paper here, so there is nothing to compare yet.")
    expect(fig.locator(".spectrum-summary")).to_contain_text(
        "You have placed no paper here yet, so this is the author's map alone (8 papers).")
    expect(fig.locator(".spectrum-plot svg .spectrum-author-spot")).to_have_count(8)   # the author's 8 spots
    expect(fig.locator(".spectrum-plot svg .spectrum-author-link")).to_have_count(0)   # nothing to compare

    palette_item(fig, GAN).click()
    expect(hint).to_be_hidden()


# -- records move forward --------------------------------------------------------------------------

def test_a_v1_stored_record_loads_unchanged(watched, site_url):
    page, _ = watched
    record = (V1 / "stored-record.json").read_text().strip()
    page.add_init_script(f"localStorage.setItem('research-spectrum:/', {json.dumps(record)})")
    fig = open_essay(page, site_url, PLANE)
    assert own(page, site_url) == V1_MAP
    expect(mark(fig, GAN)).to_be_visible()
    expect(fig.locator(".spectrum-status")).not_to_have_class("spectrum-status error")


def test_a_v1_share_link_opens_unchanged(watched, site_url):
    page, _ = watched
    fragment = (V1 / "share-link.txt").read_text().strip()
    fig = open_essay(page, site_url, MAP, fragment)
    expect(status(fig)).to_contain_text("Opened the shared map with 3 papers.")
    assert own(page, site_url) == V1_MAP


def test_v1_exports_import_unchanged(watched, site_url):
    page, _ = watched
    fig = open_essay(page, site_url, PLANE)
    for name in ("export.json", "export.yaml"):
        map_menu(fig, "Reset map")
        fig.get_by_label("Import map").set_input_files(str(V1 / name))
        if name.endswith(".yaml"):   # no "# end of map" line: the reader confirms what cannot be checked
            expect(fig.get_by_role("group", name="Imported map")).to_contain_text("it holds 3 placements")
            fig.get_by_role("button", name="Replace my map").click()
        expect(status(fig)).to_contain_text("Imported a map with 3 placements")
        assert own(page, site_url) == V1_MAP, name


def test_hostile_new_fields_are_refused_and_the_map_kept(watched, site_url, tmp_path):
    page, _ = watched
    fig = open_essay(page, site_url, PLANE)
    palette_item(fig, GAN).click()
    before = own(page, site_url)
    cases = {
        "vibes.json": {"version": 2, "placements": [{"id": "1406.2661", "x": 0, "grounding": "vibes"}]},
        "script.json": {"version": 2, "placements": [{"id": "1406.2661", "x": 0, "grounding": "<img src=x onerror=alert(1)>"}]},
        "v1-mark.json": {"version": 1, "placements": [{"id": "1406.2661", "x": 0, "y": 0, "grounding": "laws-of-math"}]},
        "type.json": {"version": 2, "placements": [{"id": "1406.2661", "x": 0, "grounding": 7}]},
    }
    for name, value in cases.items():
        path = tmp_path / name
        path.write_text(json.dumps(value))
        fig.get_by_label("Import map").set_input_files(str(path))
        expect(status(fig)).to_contain_text("Import refused")
        expect(status(fig)).to_contain_text("Your map is unchanged.")
        assert own(page, site_url) == before, name
    assert page.evaluate("window.__pwned") is None
