"""Layout shift, as Chromium reports it, for the test and for `make bench`.

`shifts(page)` lists them; `total` sums them two ways:

- `with_input=False`: the shifts the reader did not cause (the standard
  Cumulative Layout Shift: entries with `hadRecentInput` left out);
- `with_input=True`: every shift, including those within 500 ms of the
  reader's input. Placing a paper is input, so its shifts show only here: a
  page that jumps when the reader drops a paper is still a page that jumps.

Each shift is kept with the elements that moved, so a failure names them, and
the lowest viewport y they occupied before or after (`below` drops the shifts
that happened wholly behind the sticky header).
"""
from __future__ import annotations

# Buffered: the entries since navigation are delivered too, so this can be
# called at any point; the entries stay in the timeline's buffer (150 of them).
READ_SHIFTS = """() => new Promise((resolve) => {
  const entries = [];
  const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
  observer.observe({ type: "layout-shift", buffered: true });
  requestAnimationFrame(() => setTimeout(() => {
    entries.push(...observer.takeRecords());
    observer.disconnect();
    const name = (node) => !node || node.nodeType !== 1 ? String(node?.nodeName ?? "?")
      : node.tagName.toLowerCase() + (node.id ? "#" + node.id : "")
        + (node.classList.length ? "." + [...node.classList].slice(0, 2).join(".") : "");
    resolve(entries.map((e) => ({
      value: e.value, input: e.hadRecentInput, at: Math.round(e.startTime),
      moved: (e.sources || []).map((s) => name(s.node)),
      lowest: Math.max(0, ...(e.sources || []).map((s) => Math.max(s.previousRect.bottom, s.currentRect.bottom))),
    })));
  }, 0));
})"""

# A paper placed the way most readers will: the palette's first card dragged
# onto the middle of the first chart.
PLACE_FIRST_PAPER = """async () => {
  const figure = document.querySelector("figure.research-spectrum");
  figure.scrollIntoView({ block: "start" });
  window.scrollBy(0, -90);
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const button = figure.querySelector(".spectrum-palette .spectrum-paper");
  const card = button.getBoundingClientRect();
  const area = figure.querySelector(".spectrum-plotarea").getBoundingClientRect();
  return { title: button.querySelector(".spectrum-paper-title").textContent,
           from: [card.x + card.width / 2, card.y + card.height / 2],
           to: [area.x + area.width / 2, area.y + area.height / 2] };
}"""


# An init script (add_init_script): every height each spectrum figure takes, from its first
# layout on (a ResizeObserver reports the first one before the first paint).
WATCH_FIGURE_HEIGHTS = """
window.__figureHeights = {};
addEventListener("DOMContentLoaded", () => {
  const observer = new ResizeObserver((entries) => {
    for (const entry of entries) {
      const heights = (window.__figureHeights[entry.target.id] ??= []);
      heights.push(entry.borderBoxSize[0].blockSize);
    }
  });
  for (const figure of document.querySelectorAll("figure.research-spectrum")) observer.observe(figure);
});
"""


def figure_heights(page, figure_id: str) -> list[float]:
    """The heights the figure has taken since its first layout (needs WATCH_FIGURE_HEIGHTS)."""
    return page.evaluate("(id) => window.__figureHeights[id] ?? []", figure_id)


def shifts(page) -> list[dict]:
    """Every layout shift on the page since navigation."""
    return page.evaluate(READ_SHIFTS)


def below(entries: list[dict], top: float) -> list[dict]:
    """The shifts of which some part was on screen below `top` (the sticky header's bottom):
    what moved entirely behind the header, the reader did not see move."""
    return [e for e in entries if e["lowest"] > top]


def total(entries: list[dict], *, with_input: bool) -> float:
    return sum(e["value"] for e in entries if with_input or not e["input"])


def place_a_paper(page) -> None:
    """Drag the first chart's first palette card onto it with the mouse; wait until it is placed."""
    figure = page.locator("figure.research-spectrum").first
    figure.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('figure.research-spectrum').dataset.ready === 'true'")
    ends = page.evaluate(PLACE_FIRST_PAPER)
    page.mouse.move(*ends["from"])
    page.mouse.down()
    page.mouse.move(*ends["to"], steps=8)
    page.mouse.up()
    figure.locator(".spectrum-status").filter(has_text=f"Placed “{ends['title']}”").wait_for()
