"""Layout shift on the essay (goal: 0.02 or less).

- while the essay loads, at desktop and phone widths: Cumulative Layout Shift
  (the standard figure: shifts the reader did not cause), until the first
  chart is drawn;
- the essay opened at a chart (a link to #spectrum-1, and to a later one), at
  both widths: CLS until that chart is drawn, and how much the chart's figure
  changed height from its first layout (the static figure holds the widget's
  room, so the goal is 0 for both);
- while the reader places the first paper (dragged from the palette onto the
  first chart): the standard figure, every shift including those the drop
  caused (the palette's cards closing the gap), and how far the essay below
  the chart moved.
"""
from __future__ import annotations

import statistics

from layout_shift import WATCH_FIGURE_HEIGHTS, figure_heights, place_a_paper, shifts, total

REPEATS = 3
GOAL = 0.02
VIEWPORTS = {"desktop 1280 px": {"width": 1280, "height": 900}, "phone 375 px": {"width": 375, "height": 740}}
ANCHORS = ("spectrum-1", "spectrum-3")  # the first chart, and one further down the essay
BELOW = """() => {
  const next = document.querySelector("figure.research-spectrum").nextElementSibling;
  return next.getBoundingClientRect().top + window.scrollY;
}"""


def loaded(browser, site_url, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(site_url, wait_until="load")
    figure = page.locator("figure.research-spectrum").first
    figure.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('figure.research-spectrum').dataset.ready === 'true'")
    return context, page


def run(site_url, site_dir, browser, report):
    for name, viewport in VIEWPORTS.items():
        values = []
        for _ in range(REPEATS):
            context, page = loaded(browser, site_url, viewport)
            page.wait_for_timeout(500)
            values.append(total(shifts(page), with_input=False))
            context.close()
        report(f"essay loads, {name}: CLS (median of {REPEATS}, goal {GOAL})", statistics.median(values), digits=3)

    for name, viewport in VIEWPORTS.items():
        for anchor in ANCHORS:
            values, changes = [], []
            for _ in range(REPEATS):
                context = browser.new_context(viewport=viewport)
                context.add_init_script(WATCH_FIGURE_HEIGHTS)
                page = context.new_page()
                page.goto(f"{site_url}#{anchor}", wait_until="load")
                page.wait_for_function("(id) => document.getElementById(id).dataset.ready === 'true'", arg=anchor,
                                       timeout=120_000)
                page.wait_for_timeout(500)
                values.append(total(shifts(page), with_input=False))
                heights = figure_heights(page, anchor)
                changes.append(max(heights) - min(heights) if heights else 0)
                context.close()
            report(f"opened at #{anchor}, {name}: CLS (median, goal 0)", statistics.median(values), digits=3)
            report("  its figure's height changed by (median, goal 0)", statistics.median(changes), "px")

    standard, every, moved = [], [], []
    for _ in range(REPEATS):
        context, page = loaded(browser, site_url, VIEWPORTS["desktop 1280 px"])
        before, seen = page.evaluate(BELOW), len(shifts(page))
        place_a_paper(page)
        page.wait_for_timeout(700)  # past the 500 ms in which shifts count as the reader's
        caused = shifts(page)[seen:]
        standard.append(total(caused, with_input=False))
        every.append(total(caused, with_input=True))
        moved.append(abs(page.evaluate(BELOW) - before))
        context.close()
    report(f"first paper placed: CLS (median, goal {GOAL})", statistics.median(standard), digits=3)
    report("  every shift, the drop's own in the palette too", statistics.median(every), digits=3)
    report("  the essay below the chart moved by", statistics.median(moved), "px")
