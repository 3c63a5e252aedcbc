"""Toys with controls in Debian's Chromium (the specimen page's ```toy fences).

Every control, moved by pointer, keyboard or touch, shows the grid's point
for the chosen values: the readouts at once, and the figure drawn again by
the site's own assets/js/draw-svg.js from the toy's data file (the same data
a fresh run() gives, see tests/site_build/test_toy_fence.py), with no chart
library loaded. Predict-first keeps the result hidden until the reader
commits, then shows the answer figure (the question's quantity over the
whole grid) with the guess drawn on it. The toys fit a phone (text at 12 px or more), follow the dark
palette, and read without JavaScript.
"""
from __future__ import annotations

import html
import json
import re

import pytest
from playwright.sync_api import expect

from conftest import figures_at, horizontal_overflow, open_context, switch_to_dark
from place_for_research import toys
from place_for_research.builder import draw_svg
from place_for_research.toys.controls import defaults, grid

NUMBERS = re.compile(r"-?\d+(?:\.\d+)?")
# In the page: what the live figure draws (its box, the traces' geometry, the tick labels).
DRAWN = """(figure) => {
  const svg = figure.querySelector("svg.toy__plot");
  const attributes = (selector, names) => [...svg.querySelectorAll(selector)].map((node) => names.map((n) => node.getAttribute(n)).join(" "));
  return {
    viewBox: svg.getAttribute("viewBox"),
    shapes: [...attributes("g[clip-path] path", ["d"]), ...attributes("g[clip-path] circle", ["cx", "cy", "r"]),
             ...attributes("g[clip-path] rect", ["x", "y", "width", "height"])],
    ticks: [...svg.querySelectorAll(".toy-svg__tick")].map((node) => node.textContent),
  };
}"""


def shapes_of(svg: str) -> list[str]:
    """The traces' geometry in an SVG's markup (the clipped group), as DRAWN reads it from the page."""
    start = svg.index("<g clip-path")
    inside = svg[start:svg.index("</g>", start)]
    return (re.findall(r'<path d="([^"]*)"', inside)
            + [" ".join(m) for m in re.findall(r'<circle cx="([^"]*)" cy="([^"]*)" r="([^"]*)"', inside)]
            + [" ".join(m) for m in re.findall(r'<rect x="([^"]*)" y="([^"]*)" width="([^"]*)" height="([^"]*)"', inside)])


def same_numbers(drawn: list[str], expected: list[str]) -> bool:
    """The same shapes, their numbers within 0.1 px (each side rounds to 0.1)."""
    return len(drawn) == len(expected) and all(
        NUMBERS.sub("#", a) == NUMBERS.sub("#", b)
        and all(abs(float(x) - float(y)) <= 0.1 + 1e-9 for x, y in zip(NUMBERS.findall(a), NUMBERS.findall(b)))
        for a, b in zip(drawn, expected))


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
                expect(cell).to_have_text(readouts[readout.name])  # as the build wrote it (toy_grid.format_readout)
        # The figure draws that point's data (and its axes' ticks) as the build draws it at this width.
        drawn = self.drawn()
        width, height = (float(v) for v in drawn["viewBox"].split()[2:])
        legend = re.findall(r'class="toy-svg__legend"', self.page.evaluate("(svg) => svg.outerHTML",
                                                                     self.figure.locator("svg.toy__plot").element_handle()))
        rows = -(-len(legend) // (2 if width >= 480 else 1))
        box = height - (20 * rows + 8 if rows else 0)  # the plot's box, before the legend rows
        expected = draw_svg.render(figures_at(self.payload, [(index, self.name)])[0], "", self.figure.get_attribute("id"),
                                   width, box)
        assert same_numbers(drawn["shapes"], shapes_of(expected)), f"point {index}: {drawn['shapes'][:3]}"
        assert drawn["ticks"] == [html.unescape(t) for t in re.findall(r'class="toy-svg__tick"[^>]*>([^<]*)<', expected)]

    def drawn(self) -> dict:
        return self.page.evaluate(DRAWN, self.figure.element_handle())


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
    # Once the data is there, the figure is drawn at the container's width, named like the build's.
    toy.expect_point()
    live = toy.figure.get_by_role("img", name=re.compile("^Chart: "))
    expect(live).to_have_count(1)
    expect(live).to_have_class(re.compile(r"\btoy__plot\b"))
    before = toy.drawn()["shapes"]

    # Keyboard: the steps slider, one value up, then to the end.
    steps = toy.figure.get_by_label("Steps", exact=True)
    steps.focus()
    page.keyboard.press("ArrowRight")
    after = controls["steps"].values[controls["steps"].values.index(controls["steps"].default) + 1]
    toy.expect_point(steps=after)
    expect(steps).to_have_attribute("aria-valuetext", f"{after} {controls['steps'].unit}")
    expect(toy.figure.locator('output[data-value-of="steps"]')).to_have_text(f"{after} {controls['steps'].unit}")
    assert toy.drawn()["shapes"] != before, "the data did not move"
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
    toy.figure.locator(".toy__controls").get_by_text(sampler.label_of(sampler.values[2]), exact=True).click()
    toy.expect_point(steps=controls["steps"].values[-1], sampler=sampler.values[2])
    box = steps.bounding_box()
    page.mouse.click(box["x"] + 2, box["y"] + box["height"] / 2)
    toy.expect_point(steps=controls["steps"].values[0], sampler=sampler.values[2])


def test_the_toys_load_no_chart_library(watched, site_url, built_site):
    """Toys draw with the site's draw-svg.js: a page of toys requests and evaluates no Plotly,
    however the reader plays (a structural check, not a timing). The specimen page's research
    spectrum stays in: it draws its own SVG too, so nothing on the page asks for Plotly."""
    page, watch = watched
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url)
    for figure in page.locator("figure.toy[data-toy-data]").all():
        toy = Toy(page, built_site, figure.get_attribute("id"))
        if toy.figure.locator("form.toy__predict").count():
            continue  # (its controls are behind the question)
        toy.ready()
        toy.expect_point()
        slider = toy.figure.locator('input[type="range"][data-control]').first
        slider.focus()
        page.keyboard.press("Home" if slider.evaluate("(input) => input.value === input.max") else "End")
        expect(toy.figure).not_to_have_attribute("data-toy-point", str(toy.index_of()))
    assert page.locator("figure.research-spectrum").count() >= 1
    assert not [url for url in requests if re.search(r"vendor/plotly|plotly[^/]*\.min\.js", url)], requests
    assert page.evaluate("typeof window.Plotly") == "undefined"


# In the page: count the figure's draws (toy-drawn, and the figure's box getting a new SVG)
# and the animation frame each came in, while the slider takes each burst of values in
# `moves` (a burst a frame); then two idle frames for late draws.
COUNT_DRAWS = """async ([figure, moves, ownTasks]) => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  let frames = 0;
  let counting = true;
  const tick = () => { if (counting) { frames += 1; requestAnimationFrame(tick); } };
  requestAnimationFrame(tick);
  const drawnIn = [];
  const replaced = [];  // the SVG swapped for a new one
  const onDrawn = (event) => drawnIn.push([frames, event.detail.index]);
  figure.addEventListener("toy-drawn", onDrawn);
  const watcher = new MutationObserver((records) => {
    if (records.some((record) => [...record.addedNodes].some((node) => node.nodeName === "svg"))) replaced.push(frames);
  });
  watcher.observe(figure.querySelector(".toy__figure"), { childList: true });
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
  watcher.takeRecords().forEach(() => replaced.push(frames));
  watcher.disconnect();
  return { drawnIn, replaced };
}"""


def test_a_burst_of_changes_draws_once_per_frame_and_the_last_value_wins(toy_page):
    """A drag sends input events faster than a frame shows them: the figure draws at most
    once a frame, skips the values between, and ends on the last one (counted, never timed)."""
    page, built_site = toy_page
    toy = Toy(page, built_site, "toy-2")
    steps = next(c for c in toy.module.CONTROLS if c.name == "steps")
    toy.ready()
    slider = toy.figure.get_by_label("Steps", exact=True)
    slider.focus()
    page.keyboard.press("Home")
    toy.expect_point(steps=steps.values[0])

    # Every value in one task: one draw, of the last value.
    last = len(steps.values) - 1
    counts = page.evaluate(COUNT_DRAWS, [toy.figure.element_handle(), [list(range(1, last + 1))], False])
    assert [index for _, index in counts["drawnIn"]] == [toy.index_of(steps=steps.values[-1])], counts
    assert len(counts["replaced"]) == 1, counts
    toy.expect_point(steps=steps.values[-1])

    # Three values a frame for five frames, each in a task of its own: never two draws in one
    # frame, no other drawing, and the last value wins.
    bursts = [[(frame + k) % (last + 1) for k in range(3)] for frame in range(5)]
    counts = page.evaluate(COUNT_DRAWS, [toy.figure.element_handle(), bursts, True])
    frames = [frame for frame, _ in counts["drawnIn"]]
    assert frames and len(frames) == len(set(frames)), counts
    assert sorted(counts["replaced"]) == frames, counts
    assert counts["drawnIn"][-1][1] == toy.index_of(steps=steps.values[bursts[-1][-1]]), counts
    toy.expect_point(steps=steps.values[bursts[-1][-1]])


@pytest.mark.parametrize(("ident", "control"), [("toy-1", "noise"), ("toy-2", "steps")])
def test_a_change_moves_the_data_and_the_legend_stays_under_the_plot(toy_page, ident, control):
    """A change draws the new point's traces (their paths move) in one draw; the legend
    is under the plotting area, inside the figure, never over the data."""
    page, built_site = toy_page
    toy = Toy(page, built_site, ident)
    spec = next(c for c in toy.module.CONTROLS if c.name == control)
    toy.ready()
    slider = toy.figure.get_by_label(spec.label, exact=True)
    slider.focus()
    page.keyboard.press("Home")
    toy.expect_point(**{control: spec.values[0]})
    before = toy.drawn()

    counts = page.evaluate(COUNT_DRAWS.replace('data-control="steps"', f'data-control="{control}"'),
                           [toy.figure.element_handle(), [[2]], False])
    assert [index for _, index in counts["drawnIn"]] == [toy.index_of(**{control: spec.values[2]})], counts
    assert len(counts["replaced"]) == 1, counts
    toy.expect_point(**{control: spec.values[2]})
    after = toy.drawn()
    assert after["shapes"] != before["shapes"], "the data did not move"
    legend, area, chart = page.evaluate(
        "(figure) => ['.toy-svg__legend', '.toy-svg__axis', 'svg.toy__plot'].map((s) => figure.querySelector(s).getBoundingClientRect())"
        ".map((r) => [r.top, r.bottom])", toy.figure.element_handle())
    assert area[1] <= legend[0] < legend[1] <= chart[1], (legend, area, chart)


# In the page: the smallest text of the live figure, in CSS pixels on the screen.
SMALLEST_TEXT = """(figure) => {
  const svg = figure.querySelector("svg.toy__plot");
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return Math.min(...[...svg.querySelectorAll("text")].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale));
}"""


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
    slider.scroll_into_view_if_needed()  # a tap lands where the finger is: on the screen
    box = slider.bounding_box()
    page.touchscreen.tap(box["x"] + box["width"] - 2, box["y"] + box["height"] / 2)
    toy.expect_point(sampler=sampler.values[0], steps=steps.values[-1])
    # Everything inside the phone's width, the chart included.
    for locator in (slider, toy.figure.locator(".toy__plot"), toy.figure.locator(".toy__readouts")):
        box = locator.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375, box
    # Drawn at the phone's width, not scaled down: every text at 12 px or more on the screen.
    smallest = page.evaluate(SMALLEST_TEXT, toy.figure.element_handle())
    assert smallest >= 11.95, f"a text of the figure is {smallest:.1f} px on a 375 px phone"
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
    toy.figure.get_by_label("Steps", exact=True).focus()
    page.keyboard.press("Home")
    toy.expect_point(steps=next(c for c in toy.module.CONTROLS if c.name == "steps").values[0])
    resolved = """(name) => { const d = document.createElement('div'); d.style.color = `var(${name})`;
        document.body.append(d); const v = getComputedStyle(d).color; d.remove(); return v; }"""
    foreground, muted = (page.evaluate(resolved, name) for name in ("--md-default-fg-color", "--md-default-fg-color--light"))
    drawn = page.evaluate("""(svg) => ({ text: getComputedStyle(svg.querySelector('.toy-svg__title, .toy-svg__label')).fill,
        tick: getComputedStyle(svg.querySelector('.toy-svg__tick')).fill, axis: getComputedStyle(svg.querySelector('.toy-svg__axis')).stroke })""",
        toy.figure.locator("svg.toy__plot").element_handle())
    assert drawn == {"text": foreground, "tick": muted, "axis": muted}, (drawn, foreground, muted)
    assert foreground != "rgba(0, 0, 0, 0.87)", "the page is not in the dark palette"


def test_the_toys_read_without_javascript(browser, site_url, built_site):
    context, watch = open_context(browser, site_url, java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url)
    figure = page.locator("figure#toy-2")
    expect(figure.locator(".toy__figure .deferred-svg img")).to_be_visible()  # the static figure's file (figure_files.deferred)
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


# -- the answer figure: the question's quantity over the whole grid, with the reader's guess on it --

def answer_of(figure):
    """The answer's SVG as drawn in the page (its legend texts, its name, its box)."""
    return figure.locator(".toy__answer").evaluate("""(holder) => {
      const svg = holder.querySelector("svg.toy__answer-plot");
      return svg && { legend: [...svg.querySelectorAll(".toy-svg__legend")].map((n) => n.textContent),
                      notes: [...svg.querySelectorAll(".toy-svg__note")].map((n) => n.textContent),
                      label: svg.getAttribute("aria-label"), width: Number(svg.getAttribute("viewBox").split(" ")[2]),
                      dashed: [...svg.querySelectorAll("g[clip-path] path[stroke-dasharray]")].map((p) => p.getAttribute("stroke")),
                      state: holder.dataset.answerState };
    }""")


def test_committing_a_choice_by_keyboard_draws_the_answer_with_the_guess_on_it(toy_page):
    page, _ = toy_page
    figure = page.locator("figure#toy-5")
    figure.scroll_into_view_if_needed()
    answer = figure.locator(".toy__answer")
    expect(answer).to_be_hidden()  # the answer waits for the guess
    choices = figure.get_by_role("group", name="Your answer").get_by_role("radio")
    expect(choices.first).to_be_enabled()  # the inputs are in the page at once, enabled once the script runs
    choices.first.focus()
    page.keyboard.press("ArrowDown")  # the second answer: "It falls then stops"
    expect(choices.nth(1)).to_be_checked()
    page.keyboard.press("Tab")
    expect(figure.get_by_role("button", name=re.compile("^Commit"))).to_be_focused()
    page.keyboard.press("Enter")
    expect(answer).to_be_visible()
    expect(answer).to_have_attribute("data-answer-state", "marked")
    drawn = answer_of(figure)
    assert drawn["label"] == "Answer: Distance to the data against steps, with your guess marked", drawn
    assert "your guess: falls, then flat" in drawn["legend"], drawn
    assert {"probability-flow ODE", "reverse SDE", "annealed Langevin", "exact draws, 9 sets in 10"} <= set(drawn["legend"])
    assert drawn["dashed"] == ["currentColor"], drawn  # the guess, in the text's colour (light and dark)
    expect(figure.get_by_role("img", name=re.compile(r"^Answer: .*with your guess marked$"))).to_be_visible()
    # The one-setting view follows it, as before.
    expect(figure.locator(".toy__one-setting")).to_be_visible()
    expect(figure.locator(".toy__figure")).to_be_visible()


def test_committing_a_number_draws_the_guess_and_a_new_width_redraws_it(toy_page):
    page, _ = toy_page
    figure = page.locator("figure#toy-6")
    figure.scroll_into_view_if_needed()
    guess = figure.get_by_label("Your guess")
    guess.fill("0.45")
    guess.press("Enter")
    answer = figure.locator(".toy__answer")
    expect(answer).to_have_attribute("data-answer-state", "marked")
    drawn = answer_of(figure)
    assert "your guess: 0.45" in drawn["legend"] and any(name.startswith("derived") for name in drawn["legend"]), drawn
    expect(figure.locator(".toy__your-guess")).to_have_text("your guess: 0.45")  # and still beside the readout
    wide = drawn["width"]
    page.set_viewport_size({"width": 375, "height": 800})
    page.wait_for_function("(holder) => Number(holder.querySelector('svg').getAttribute('viewBox').split(' ')[2]) < 400",
                           arg=answer.element_handle())
    narrow = answer_of(figure)
    assert narrow["width"] < wide and "your guess: 0.45" in narrow["legend"], narrow


def test_the_answer_reads_without_javascript(browser, site_url):
    context, watch = open_context(browser, site_url, java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url)
    figure = page.locator("figure#toy-5")
    answer = figure.get_by_role("img", name="Answer: Distance to the data against steps")
    expect(answer).to_be_hidden()  # in the closed result, one click away
    figure.locator("summary").click()
    expect(answer).to_be_visible()
    expect(page.locator("figure#toy-2 .toy__answer")).to_have_count(0)  # no question asked there, no answer
    context.close()
    assert not watch.foreign_requests
