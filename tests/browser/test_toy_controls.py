"""Toys with controls in Debian's Chromium (the specimen page's ```toy fences).

Every control, moved by pointer, keyboard or touch, shows the grid's point
for the chosen values: the readouts at once, and the chart redrawn from the
toy's data file (the same data a fresh run() gives, see
tests/build/test_toy_fence.py). Predict-first keeps the result hidden until
the reader commits. The toys fit a phone, follow the dark palette, and read
without JavaScript.
"""
from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from conftest import horizontal_overflow, open_context, switch_to_dark
from place_for_research import fences, toy_grid, toys
from place_for_research.toys.controls import defaults, grid


class Toy:
    """One figure.toy of the page, with its toy's served data."""

    def __init__(self, page, built_site, ident: str):
        self.page = page
        self.figure = page.locator(f"figure#{ident}")
        data = self.figure.get_attribute("data-toy-data")
        self.payload = json.loads((built_site / data).read_text(encoding="utf-8"))
        self.module = toys.load(self.payload["toy"])
        self.name = self.figure.get_attribute("data-figure-name")

    def ready(self) -> None:
        self.figure.scroll_into_view_if_needed()
        expect(self.figure).to_have_attribute("data-toy-state", "ready")

    def index_of(self, **values) -> int:
        chosen = {**defaults(self.module.CONTROLS), **values}
        return grid(self.module.CONTROLS).index(chosen)

    def expect_point(self, **values) -> None:
        """The chart and the readouts show the grid's point for these control values (others at default)."""
        index = self.index_of(**values)
        expect(self.figure).to_have_attribute("data-toy-point", str(index))
        readouts = self.payload["points"][index]["readouts"]
        for readout in self.module.READOUTS:
            cell = self.figure.locator(f'[data-readout="{readout.name}"]')
            if cell.count():
                expect(cell).to_have_text(fences.format_readout(readouts[readout.name], readout.digits, readout.unit))
        drawn = self.page.evaluate("(figure) => figure.querySelector('.toy__plot').data.map((trace) => ({x: trace.x, y: trace.y}))",
                                   self.figure.element_handle())
        expected = toy_grid.decode_figure(self.payload, index, self.name)["data"]
        assert drawn == [{"x": trace.get("x"), "y": trace.get("y")} for trace in expected], f"point {index}"
        # The axes follow the new data (Plotly re-ranges an axis the figure does not fix).
        top = self.page.evaluate("(figure) => figure.querySelector('.toy__plot')._fullLayout.yaxis.range[1]",
                                 self.figure.element_handle())
        layout = toy_grid.decode_figure(self.payload, index, self.name)["layout"]
        if "range" not in layout.get("yaxis", {}) and layout.get("yaxis", {}).get("type") != "log":
            highest = max(v for trace in expected for v in trace.get("y", []) if isinstance(v, (int, float)))
            assert top >= highest, (top, highest)


@pytest.fixture
def toy_page(watched, site_url, built_site):
    page, watch = watched
    page.goto(site_url)
    return page, built_site


def test_controls_by_keyboard_and_pointer_show_the_grids_points(toy_page):
    page, built_site = toy_page
    toy = Toy(page, built_site, "toy-2")
    controls = {c.name: c for c in toy.module.CONTROLS}
    toy.ready()
    # Until a control moves, the build's SVG stays (no chart library work for nothing).
    expect(toy.figure.locator("svg.toy-svg")).to_be_visible()
    expect(toy.figure.locator(".toy__plot")).to_have_count(0)

    # Keyboard: the steps slider, one value up, then to the end.
    steps = toy.figure.get_by_label("Steps", exact=True)
    steps.focus()
    page.keyboard.press("ArrowRight")
    after = controls["steps"].values[controls["steps"].values.index(controls["steps"].default) + 1]
    toy.expect_point(steps=after)
    expect(steps).to_have_attribute("aria-valuetext", f"{after} {controls['steps'].unit}")
    expect(toy.figure.locator('output[data-value-of="steps"]')).to_have_text(f"{after} {controls['steps'].unit}")
    expect(toy.figure.locator("svg.toy-svg")).to_have_count(0)
    page.keyboard.press("End")
    toy.expect_point(steps=controls["steps"].values[-1])
    # The focus ring shows on the slider.
    assert page.evaluate("(el) => getComputedStyle(el).outlineStyle", steps.element_handle()) != "none"

    # Keyboard on the radio group: arrows move the choice.
    sampler = controls["sampler"]
    first = toy.figure.get_by_label(sampler.label_of(sampler.values[0]), exact=True)
    first.focus()
    page.keyboard.press("Space")
    toy.expect_point(steps=controls["steps"].values[-1], sampler=sampler.values[0])
    page.keyboard.press("ArrowRight")
    toy.expect_point(steps=controls["steps"].values[-1], sampler=sampler.values[1])

    # Pointer: a click on a choice's label, and on the slider's left end.
    toy.figure.get_by_text(sampler.label_of(sampler.values[2]), exact=True).click()
    toy.expect_point(steps=controls["steps"].values[-1], sampler=sampler.values[2])
    box = steps.bounding_box()
    page.mouse.click(box["x"] + 2, box["y"] + box["height"] / 2)
    toy.expect_point(steps=controls["steps"].values[0], sampler=sampler.values[2])


# In the page: count the chart's draws (toy-drawn, and Plotly's own events: afterplot for a
# whole redraw, animated for a data-only update) and the animation frame each came in, while the slider takes each burst of values in `moves`
# (a burst a frame); then two idle frames for late draws.
COUNT_DRAWS = """async ([figure, moves, ownTasks]) => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  let frames = 0;
  let counting = true;
  const tick = () => { if (counting) { frames += 1; requestAnimationFrame(tick); } };
  requestAnimationFrame(tick);
  const drawnIn = [];
  const plotted = [];   // whole redraws (Plotly.react)
  const animated = [];  // data-only updates (Plotly.animate without redraw)
  const plot = figure.querySelector(".toy__plot");
  const onDrawn = (event) => drawnIn.push([frames, event.detail.index]);
  figure.addEventListener("toy-drawn", onDrawn);
  plot.on("plotly_afterplot", () => plotted.push(frames));
  plot.on("plotly_animated", () => animated.push(frames));
  const slider = figure.querySelector('input[type=range][data-control="steps"]');
  const set = (value) => { slider.value = String(value); slider.dispatchEvent(new Event("input", { bubbles: true })); };
  // ownTasks: each event in a task of its own, as the browser delivers a drag's events.
  const nextTask = () => new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });
  for (const burst of moves) {
    for (const value of burst) {
      set(value);
      if (ownTasks) await nextTask();
    }
    await frame();
  }
  await frame();
  await frame();
  counting = false;
  figure.removeEventListener("toy-drawn", onDrawn);
  plot.removeAllListeners("plotly_afterplot");
  plot.removeAllListeners("plotly_animated");
  return { drawnIn, plotted, animated };
}"""


def test_a_burst_of_changes_draws_once_per_frame_and_the_last_value_wins(toy_page):
    """A drag sends input events faster than a chart draws: the chart draws at most once a
    frame, skips the values between, and ends on the last one (counted, never timed)."""
    page, built_site = toy_page
    toy = Toy(page, built_site, "toy-2")
    steps = next(c for c in toy.module.CONTROLS if c.name == "steps")
    toy.ready()
    slider = toy.figure.get_by_label("Steps", exact=True)
    slider.focus()
    page.keyboard.press("Home")  # the first change swaps the build's SVG for the chart
    toy.expect_point(steps=steps.values[0])

    # Every value in one task: one draw, of the last value.
    last = len(steps.values) - 1
    counts = page.evaluate(COUNT_DRAWS, [toy.figure.element_handle(), [list(range(1, last + 1))], False])
    assert [index for _, index in counts["drawnIn"]] == [toy.index_of(steps=steps.values[-1])], counts
    assert len(counts["plotted"]) + len(counts["animated"]) == 1, counts
    toy.expect_point(steps=steps.values[-1])

    # Three values a frame for five frames, each in a task of its own: never two draws in one
    # frame (however long a draw takes), no other chart work, and the last value wins.
    bursts = [[(frame + k) % (last + 1) for k in range(3)] for frame in range(5)]
    counts = page.evaluate(COUNT_DRAWS, [toy.figure.element_handle(), bursts, True])
    frames = [frame for frame, _ in counts["drawnIn"]]
    assert frames and len(frames) == len(set(frames)), counts
    assert sorted(counts["plotted"] + counts["animated"]) == frames, counts
    assert counts["drawnIn"][-1][1] == toy.index_of(steps=steps.values[bursts[-1][-1]]), counts
    toy.expect_point(steps=steps.values[bursts[-1][-1]])


# In the page: the chart's frame (tick labels, axis and chart titles, legend entries), to
# tell whether a change redrew it (new nodes) or moved the data alone (the same nodes).
MARK_FRAME = """(figure) => {
  const nodes = [...figure.querySelectorAll(".toy__plot :is(.xtick, .ytick, .g-xtitle, .g-ytitle, .g-gtitle, .legend .traces) text")];
  figure.framesNodes = nodes;
  return nodes.map((node) => node.textContent);
}"""
SAME_FRAME = """(figure) => figure.framesNodes.length > 0 && figure.framesNodes.every((node) => node.isConnected)"""


@pytest.mark.parametrize(("ident", "control"), [("toy-1", "noise"), ("toy-2", "steps")])
def test_a_change_moves_the_data_without_redrawing_the_axes(toy_page, ident, control):
    """The toys' figures keep one structure over their grid (tests/toys/test_toy_grids.py), so
    after the first change (which swaps the build's SVG for a chart) a change updates the
    traces only: Plotly animates them without a redraw, and the axes, titles and legend are
    the same nodes as before."""
    page, built_site = toy_page
    toy = Toy(page, built_site, ident)
    spec = next(c for c in toy.module.CONTROLS if c.name == control)
    toy.ready()
    slider = toy.figure.get_by_label(spec.label, exact=True)
    slider.focus()
    page.keyboard.press("Home")
    toy.expect_point(**{control: spec.values[0]})
    before = page.evaluate(MARK_FRAME, toy.figure.element_handle())
    assert before, "the chart has tick labels and titles"

    counts = page.evaluate(COUNT_DRAWS.replace('data-control="steps"', f'data-control="{control}"'),
                           [toy.figure.element_handle(), [[2]], False])
    assert [index for _, index in counts["drawnIn"]] == [toy.index_of(**{control: spec.values[2]})], counts
    assert counts["plotted"] == [] and len(counts["animated"]) == 1, counts
    toy.expect_point(**{control: spec.values[2]})
    assert page.evaluate(SAME_FRAME, toy.figure.element_handle())
    assert page.evaluate(MARK_FRAME, toy.figure.element_handle()) == before
    # The legend shows under the plot area, inside the chart (not cut off below it).
    legend, area, chart = page.evaluate(
        "(figure) => ['.legend', '.nsewdrag', '.toy__plot'].map((s) => figure.querySelector(s).getBoundingClientRect())"
        ".map((r) => [r.top, r.bottom])", toy.figure.element_handle())
    assert area[1] <= legend[0] < legend[1] <= chart[1], (legend, area, chart)


def test_controls_by_touch_on_a_phone_fit_and_show_the_grids_points(browser, site_url, built_site):
    context, watch = open_context(browser, site_url, viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_url)
    toy = Toy(page, built_site, "toy-2")
    toy.ready()
    sampler = next(c for c in toy.module.CONTROLS if c.name == "sampler")
    steps = next(c for c in toy.module.CONTROLS if c.name == "steps")
    toy.figure.get_by_label(sampler.label_of(sampler.values[0]), exact=True).tap()
    toy.expect_point(sampler=sampler.values[0])
    slider = toy.figure.get_by_label("Steps", exact=True)
    box = slider.bounding_box()
    page.touchscreen.tap(box["x"] + box["width"] - 2, box["y"] + box["height"] / 2)
    toy.expect_point(sampler=sampler.values[0], steps=steps.values[-1])
    # Everything inside the phone's width, the chart included.
    for locator in (slider, toy.figure.locator(".toy__plot"), toy.figure.locator(".toy__readouts")):
        box = locator.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375, box
    overflow = horizontal_overflow(page)
    context.close()
    assert overflow <= 0, f"the page is {overflow}px wider than the phone"
    assert not watch.console_errors and not watch.foreign_requests, (watch.console_errors, watch.foreign_requests)


def test_predict_first_hides_the_result_until_the_reader_commits_a_number(toy_page):
    page, built_site = toy_page
    figure = page.locator("figure.toy").filter(has=page.locator("form[data-predict-readout]")).first
    figure.scroll_into_view_if_needed()
    result = figure.locator("details.toy__result")
    guess = figure.get_by_label("Your guess")
    expect(guess).to_be_visible()
    expect(figure.locator(".toy__question")).to_be_visible()
    expect(figure.locator("svg.toy-svg")).to_be_hidden()
    expect(figure.locator(".toy__readouts")).to_be_hidden()
    expect(result.locator("summary")).to_be_hidden()  # no way round the question with JavaScript on
    commit = figure.get_by_role("button", name=re.compile("^Commit"))
    commit.click()  # nothing guessed yet: the browser asks, the result stays hidden
    expect(figure.locator("svg.toy-svg")).to_be_hidden()
    guess.fill("0.25")
    guess.press("Enter")
    expect(figure.locator("svg.toy-svg")).to_be_visible()
    readout = figure.locator("form").get_attribute("data-predict-readout")
    expect(figure.locator(f'[data-readout="{readout}"]')).to_be_visible()
    expect(figure.locator(".toy__your-guess")).to_have_text("your guess: 0.25")
    expect(figure.locator(".toy__guess")).to_have_text("Your guess: 0.25")
    expect(guess).to_be_disabled()
    # And the controls then work as anywhere.
    ident = figure.get_attribute("id")
    toy = Toy(page, built_site, ident)
    toy.ready()
    figure.get_by_label("Steps", exact=True).focus()
    page.keyboard.press("Home")
    toy.expect_point(steps=next(c for c in toy.module.CONTROLS if c.name == "steps").values[0])


def test_predict_first_with_choices(toy_page):
    page, _ = toy_page
    figure = page.locator("figure.toy").filter(has=page.locator("form.toy__predict fieldset")).first
    figure.scroll_into_view_if_needed()
    expect(figure.locator("svg.toy-svg")).to_be_hidden()
    answers = figure.get_by_role("group", name="Your answer")
    choice = answers.get_by_role("radio").nth(1)
    label = choice.evaluate("(input) => input.value")
    choice.check()
    figure.get_by_role("button", name=re.compile("^Commit")).click()
    expect(figure.locator("svg.toy-svg")).to_be_visible()
    expect(figure.locator(".toy__guess")).to_have_text(f"Your answer: {label}")


def test_the_toy_follows_the_dark_palette(toy_page):
    page, built_site = toy_page
    switch_to_dark(page)
    toy = Toy(page, built_site, "toy-2")
    toy.ready()
    foreground = page.evaluate("getComputedStyle(document.body).getPropertyValue('--md-default-fg-color').trim()")
    svg_colour = page.evaluate("(svg) => getComputedStyle(svg).color", toy.figure.locator("svg.toy-svg").element_handle())
    assert svg_colour == page.evaluate("""(c) => { const d = document.createElement('div'); d.style.color = c;
        document.body.append(d); const v = getComputedStyle(d).color; d.remove(); return v; }""", foreground)
    toy.figure.get_by_label("Steps", exact=True).focus()
    page.keyboard.press("Home")
    toy.expect_point(steps=next(c for c in toy.module.CONTROLS if c.name == "steps").values[0])
    chart = page.evaluate("(figure) => figure.querySelector('.toy__plot')._fullLayout.font.color", toy.figure.element_handle())
    assert chart.replace(" ", "") == foreground.replace(" ", ""), (chart, foreground)


def test_the_toys_read_without_javascript(browser, site_url, built_site):
    context, watch = open_context(browser, site_url, java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url)
    figure = page.locator("figure#toy-2")
    expect(figure.locator(".deferred-svg img")).to_be_visible()  # the static figure's file (svg_figure.deferred)
    expect(figure.get_by_role("img", name=re.compile("^Chart: "))).to_be_visible()
    toy = toys.load(json.loads((built_site / figure.get_attribute("data-toy-data")).read_text())["toy"])
    for readout in toy.READOUTS:
        expect(figure.locator(f'[data-readout="{readout.name}"]')).to_have_text(re.compile(r"\d"))
    expect(figure.get_by_role("link", name="Open as a live notebook")).to_be_visible()
    # The predict-first result is one click away.
    predicting = page.locator("figure.toy").filter(has=page.locator("details.toy__result")).first
    expect(predicting.locator(".deferred-svg img")).to_be_hidden()
    predicting.locator("summary").click()
    expect(predicting.locator(".deferred-svg img")).to_be_visible()
    context.close()
    assert not watch.foreign_requests


def test_instant_navigation_tears_down_and_mounts_again(toy_page, site_url):
    page, built_site = toy_page
    page.evaluate("window.__sameDocument = true")
    toy = Toy(page, built_site, "toy-2")
    toy.ready()
    target = f"{site_url}notebooks/specimen-scaling/"
    page.locator(f'.md-nav--primary a.md-nav__link[href="{target}"]').first.click()
    expect(page).to_have_url(re.compile(f"^{re.escape(target)}(#.*)?$"))  # (Material tracks the section read)
    expect(page.locator("figure.toy")).to_have_count(0)
    page.go_back()
    toy = Toy(page, built_site, "toy-2")
    toy.ready()
    toy.figure.get_by_label("Steps", exact=True).focus()
    page.keyboard.press("Home")
    toy.expect_point(steps=next(c for c in toy.module.CONTROLS if c.name == "steps").values[0])
    assert page.evaluate("window.__sameDocument === true"), "navigation reloaded the page"
