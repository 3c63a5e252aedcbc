"""The research spectrum in Chromium: page weight, time to the first chart, drag cost.

- bytes of the essay before first paint, and once every chart is drawn (cold cache);
- time from navigation to the first chart ready (`figure[data-ready]`), opening
  the essay at the first chart (#spectrum-1) so it is in view at load, and how
  many Plotly files that load requested (the spectrum asks for none; a toy near it may);
- the longest main-thread task while the essay, its toys taken out, loads and
  is scrolled through (every chart drawn): the spectrum's share of the 50 ms goal;
- per pointer move while dragging a paper with 30, 300 and 3,000 papers on
  the plane chart (synthetic papers, injected through the widget's benchmark
  hook): the handler's own time including the style and layout it causes
  (forced in the benchmark), and the interval between frames during the
  drag. Goal: median under 16 ms at 300 papers. Also what a drop costs (the
  store's commit and the redraw it causes) and the first draw of N papers.
"""
from __future__ import annotations

import statistics

REPEATS = 5
SIZES = (30, 300, 3000)
MOVES = 120
HOOKS = "assets/js/debug-hooks.js"  # the tests' and benchmarks' hooks (no page loads it)

MEASURE_BYTES = """() => {
  const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN;
  const nav = performance.getEntriesByType("navigation")[0];
  const resources = performance.getEntriesByType("resource");
  const bytes = (list) => list.reduce((sum, r) => sum + (r.transferSize || r.encodedBodySize || 0), 0);
  const own = nav.transferSize || nav.encodedBodySize;
  return {before_paint: own + bytes(resources.filter((r) => r.responseEnd <= fcp)), total: own + bytes(resources)};
}"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def page_weight(site_url, browser, report):
    samples = []
    for _ in range(REPEATS):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(site_url, wait_until="load")
        page.wait_for_timeout(200)
        first = page.evaluate(MEASURE_BYTES)
        for figure_id in page.eval_on_selector_all("figure.research-spectrum", "els => els.map((e) => e.id)"):
            page.locator(f"#{figure_id}").scroll_into_view_if_needed()
            page.wait_for_selector(f"#{figure_id}[data-ready=true]", timeout=20_000)
        page.wait_for_timeout(200)
        samples.append({"before_paint": first["before_paint"], "charts": page.evaluate(MEASURE_BYTES)["total"]})
        context.close()
    report("essay: bytes before first paint (uncompressed)",
           statistics.median(s["before_paint"] for s in samples) / 1024, "KiB")
    report("essay: bytes with all three charts drawn (uncompressed)",
           statistics.median(s["charts"] for s in samples) / 1024, "KiB")


def first_chart(site_url, browser, report):
    times, drawing, plotly = [], [], []
    for _ in range(REPEATS):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(site_url + "#spectrum-1", wait_until="commit")
        page.wait_for_selector("#spectrum-1[data-ready=true]", timeout=20_000)
        times.append(float(page.get_attribute("#spectrum-1", "data-ready-at")))
        fetched = page.evaluate("""() => {
          const resources = performance.getEntriesByType("resource");
          const svg = resources.find((e) => e.name.includes("spectrum/chart-svg.js"));
          return [svg ? svg.startTime : NaN, resources.filter((e) => e.name.toLowerCase().includes("plotly")).length];
        }""")
        drawing.append(fetched[0])
        plotly.append(fetched[1])
        context.close()
    report(f"navigation to first chart ready, chart in view (median of {REPEATS})", statistics.median(times), "ms")
    report("  the chart's own drawing code (chart-svg.js) requested at (median)", statistics.median(drawing), "ms")
    report("  Plotly files requested in that load (any figure; most of 5)", max(plotly), "", digits=0)


def drag_cost(site_url, browser, report):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.goto(site_url + "#spectrum-2")
    page.wait_for_selector("#spectrum-2[data-ready=true]", timeout=20_000)
    module = site_url + HOOKS
    for size in SIZES:
        redraw = page.evaluate("""async ([url, n]) => {
          const m = await import(url);
          const started = performance.now();
          await m.benchSynthetic(1, n);
          return performance.now() - started;
        }""", [module, size])
        region = page.locator("#spectrum-2 .spectrum-chart")
        region.evaluate("r => window.scrollBy(0, r.getBoundingClientRect().top - 80)")
        box = page.locator("#spectrum-2 .spectrum-plotarea").bounding_box()
        handler, frames, drops = [], [], []
        for run in range(3):
            mark = page.locator("#spectrum-2 .spectrum-mark").nth(run)
            start = mark.locator(".spectrum-mark-dot").bounding_box()
            x0, y0 = start["x"] + start["width"] / 2, start["y"] + start["height"] / 2
            page.evaluate("async (url) => (await import(url)).benchTiming(true)", module)
            page.evaluate("""() => {
              window.__frames = [];
              let last = performance.now();
              const tick = (now) => { window.__frames.push(now - last); last = now;
                                      if (window.__frames.length < 100000) window.__raf = requestAnimationFrame(tick); };
              window.__raf = requestAnimationFrame(tick);
            }""")
            page.mouse.move(x0, y0)
            page.mouse.down()
            page.mouse.move(box["x"] + box["width"] * 0.9, box["y"] + box["height"] * 0.1, steps=MOVES // 2)
            page.mouse.move(box["x"] + box["width"] * 0.15, box["y"] + box["height"] * 0.85, steps=MOVES // 2)
            frames += page.evaluate("() => { cancelAnimationFrame(window.__raf); return window.__frames.slice(2); }")
            page.mouse.up()
            timings = page.evaluate("async (url) => (await import(url)).benchTiming(false)", module)
            handler += timings["moves"]
            drops += timings["drops"]
        report(f"drag, {size:,} papers: per pointer move, median", statistics.median(handler), "ms")
        report(f"drag, {size:,} papers: per pointer move, 95th percentile", percentile(handler, 0.95), "ms")
        report(f"drag, {size:,} papers: frame interval while dragging, median", statistics.median(frames), "ms")
        report(f"drag, {size:,} papers: drop (store, redraw), median of 3", statistics.median(drops), "ms")
        report(f"{size:,} papers: putting them on the chart (one button each)", redraw, "ms")
    context.close()


# The essay's toys taken out as the page is parsed: what is left is the spectrum's own work.
WITHOUT_TOYS = """
new MutationObserver(() => document.querySelectorAll('figure.toy').forEach((toy) => toy.remove()))
  .observe(document, { childList: true, subtree: true });
"""


def spectrum_tasks(site_url, browser, report):
    """The longest main-thread task while the essay loads and is scrolled through, every chart
    drawn, with the toys taken out (the spectrum's share of the 50 ms goal), and the Plotly files
    that load requested."""
    from benchmarks.speed import GOALS, LONG_TASKS, SCROLL_THROUGH, settle

    longest, plotly = [], []
    for _ in range(REPEATS):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_init_script(WITHOUT_TOYS)
        context.add_init_script(LONG_TASKS)
        page = context.new_page()
        page.goto(site_url, wait_until="load")
        page.evaluate(SCROLL_THROUGH)
        settle(page)
        for figure_id in page.eval_on_selector_all("figure.research-spectrum", "els => els.map((e) => e.id)"):
            page.wait_for_selector(f"#{figure_id}[data-ready=true]", timeout=20_000)
        longest.append(max(page.evaluate("window.__longTasks"), default=0.0))
        plotly.append(page.evaluate("() => performance.getEntriesByType('resource').filter((e) => /plotly/i.test(e.name)).length"))
        context.close()
    report(f"essay without its toys, scrolled through: longest task (median of {REPEATS})", statistics.median(longest),
           f"ms   goal {GOALS['task']:.0f} ms")
    report("  Plotly files requested (most in one load)", max(plotly), "", digits=0)


def run(site_url, site_dir, browser, report):
    page_weight(site_url, browser, report)
    first_chart(site_url, browser, report)
    spectrum_tasks(site_url, browser, report)
    drag_cost(site_url, browser, report)
