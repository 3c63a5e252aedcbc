"""The chart's texts on a phone and a desktop, in Debian's Chromium: with several
papers placed close together, one under the pole's name at the top left and two at the right edge,
and the author's map shown (its distances close together too), no two texts of the rendered chart
overlap (the chart's SVG texts and the papers' labels, measured where they are drawn) and every one
lies within the chart."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import open_context
from test_spectrum import MAP, put_own_map, ready

CROWD = {
    "1406.2661": {"x": -0.95, "y": 0.97},   # under the pole's name ("↑ ..." at the top left)
    "2011.13456": {"x": -0.92, "y": 0.93},
    "2303.01469": {"x": -0.6, "y": 0.2},
    "2203.02155": {"x": -0.57, "y": 0.22},
    "2404.16767": {"x": 0.97, "y": 0.5},    # at the right edge
    "2211.17192": {"x": 0.95, "y": 0.45},
    "2305.13673": {"x": -0.28, "y": 0.78},
    "2001.08361": {"x": -0.31, "y": 0.74},
}

# Every text drawn on the chart, as boxes on the screen: what the chart drew in its SVG and the
# labels of the reader's papers (HTML over it), leaving out what is hidden or empty.
TEXT_BOXES = """(chart) => {
  const shown = (element) => {
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    return style.visibility !== 'hidden' && style.display !== 'none' && box.width > 0 && element.textContent.trim() !== '';
  };
  const texts = [...chart.querySelectorAll('.spectrum-plot svg text, .spectrum-mark-label')].filter(shown);
  const area = chart.getBoundingClientRect();
  return {
    area: { left: area.left, top: area.top, right: area.right, bottom: area.bottom },
    texts: texts.map((element) => {
      const box = element.getBoundingClientRect();
      return { text: element.textContent, left: box.left, top: box.top, right: box.right, bottom: box.bottom };
    }),
  };
}"""


def overlap(a: dict, b: dict, tolerance: float = 0.5) -> bool:
    return (a["left"] < b["right"] - tolerance and b["left"] < a["right"] - tolerance
            and a["top"] < b["bottom"] - tolerance and b["top"] < a["bottom"] - tolerance)


def assert_texts_clear(chart, where: str) -> int:
    measured = chart.evaluate(TEXT_BOXES)
    area, texts = measured["area"], measured["texts"]
    outside = [t["text"] for t in texts if t["left"] < area["left"] - 0.5 or t["right"] > area["right"] + 0.5
               or t["top"] < area["top"] - 0.5 or t["bottom"] > area["bottom"] + 0.5]
    assert not outside, f"{where}: texts past the chart's edge: {outside}"
    collisions = [(a["text"], b["text"]) for i, a in enumerate(texts) for b in texts[i + 1:] if overlap(a, b)]
    assert not collisions, f"{where}: texts that overlap: {collisions}"
    return len(texts)


@pytest.mark.parametrize("width", [375, 1280])
def test_no_two_chart_texts_overlap_and_none_leaves_the_chart(browser, site_url, width):
    phone = width < 500
    context, watch = open_context(browser, site_url, viewport={"width": width, "height": 740 if phone else 900},
                                  is_mobile=phone, has_touch=phone)
    page = context.new_page()
    put_own_map(page, site_url, CROWD)
    page.goto(site_url)
    fig = ready(page, MAP)
    chart = fig.get_by_role("region", name="Research spectrum")
    expect(chart.locator(".spectrum-mark")).to_have_count(len(CROWD))
    page.wait_for_function("(c) => c.querySelector('.spectrum-plot .spectrum-x-tick') !== null", arg=chart.element_handle())
    labels = chart.locator(".spectrum-mark-label:visible")
    assert labels.count() >= len(CROWD) // 2, "most papers keep a visible label"
    assert_texts_clear(chart, f"{width}px, your map")

    reveal = fig.get_by_role("button", name="Show the author's map")
    reveal.click()
    expect(reveal).to_have_attribute("aria-pressed", "true")
    page.wait_for_function("(c) => c.querySelectorAll('.spectrum-plot .spectrum-distance').length > 0", arg=chart.element_handle())
    page.evaluate("() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))")
    count = assert_texts_clear(chart, f"{width}px, the author's map shown")
    assert count > len(CROWD), "ticks, poles, labels and distances were measured"
    # A paper whose label had no room still says what it is: its name, and the tooltip on focus.
    for index in range(chart.locator(".spectrum-mark").count()):
        name = chart.locator(".spectrum-mark").nth(index).get_attribute("aria-label")
        assert ", placed at " in name, name
    context.close()
    assert not watch.console_errors and not watch.foreign_requests, (watch.console_errors, watch.foreign_requests)
