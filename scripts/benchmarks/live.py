"""Live notebooks in Chromium: how soon "Run in browser" shows output, and what Python costs.

- time from clicking "Run in browser" (then "Run all") to the first live
  output: cold (fresh context, empty cache, no Python yet), warm on the same
  page (Run all again), and on a second toy page reached by instant
  navigation (the worker survives it: no second download);
- the floor: a bare ``loadPyodide()`` in the same browser (main thread,
  fresh context), plus running ``print()``;
- the longest main-thread task from the click until every cell has run
  (PerformanceObserver "longtask"), after the page has settled;
- each toy's ``run(seed=0)`` inside Pyodide (median of 5 in the worker),
  against the same on CPython (scripts/bench_toys.py), and the ratio.
"""
from __future__ import annotations

import statistics
from pathlib import Path

REPEATS = 3
TOY_REPEATS = 5

# Timestamps from inside the page: the click (capture phase) and the first live output.
PROBE = """
window.__live = { click: null, first: null, longTasks: [] };
document.addEventListener("click", (event) => {
  if (event.target.closest?.(".live-bar__start, .live-bar__controls .md-button--primary") && window.__live.click === null) {
    window.__live.click = performance.now();
  }
}, true);
new MutationObserver(() => {
  if (window.__live.first === null && document.querySelector(".live-output:not([data-before]) .jp-OutputArea-child")) window.__live.first = performance.now();
}).observe(document, { subtree: true, childList: true });
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__live.longTasks.push({ start: entry.startTime, duration: entry.duration });
}).observe({ type: "longtask", buffered: true });
"""
ALL_DONE = """() => document.querySelectorAll('.live-cell').length
  && [...document.querySelectorAll('.live-cell')].every((c) => c.dataset.liveState === 'done')"""
RESET_PROBE = """() => {
  window.__live.click = null;
  window.__live.first = null;
  for (const output of document.querySelectorAll(".live-output")) output.dataset.before = "";  // outputs of earlier runs
}"""


def toy_pages(site_dir: Path) -> list[str]:
    return sorted(path.parent.name for path in (site_dir / "notebooks").glob("*/index.html")
                  if "jp-CodeCell" in path.read_text(encoding="utf-8"))


def settle(page, site_url):
    page.evaluate(f"() => import('{site_url}assets/js/debug-hooks.js').then((m) => m.warmPlotly())")
    page.wait_for_timeout(300)


def run_all_from(page, button: str) -> dict:
    """Click the bar's button (then Run all if it was Run in browser); wait for every cell."""
    page.evaluate(RESET_PROBE)
    page.locator(".live-bar button", has_text=button).click()
    if button == "Run in browser":
        page.locator(".live-bar button", has_text="Run all").click()
    page.wait_for_function(ALL_DONE, polling=250, timeout=120_000)
    page.wait_for_function("() => window.__live.first !== null", polling=100, timeout=10_000)
    probe = page.evaluate("window.__live")
    longest = max([t["duration"] for t in probe["longTasks"] if t["start"] >= probe["click"]], default=0.0)
    return {"first": probe["first"] - probe["click"], "longest": longest}


def cold_then_warm(browser, site_url, first_toy, second_toy):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(PROBE)
    wasm = []
    context.on("request", lambda r: wasm.append(r.url) if r.url.endswith("/pyodide.asm.wasm") else None)
    page = context.new_page()
    page.goto(f"{site_url}notebooks/{first_toy}/")
    settle(page, site_url)
    cold = run_all_from(page, "Run in browser")
    warm = run_all_from(page, "Run all")
    # Instant navigation (a click on the sidebar link): same document, same worker.
    page.evaluate("document.querySelector('.live-bar').dataset.old = ''")
    page.locator(f'.md-nav--primary a.md-nav__link[href="{site_url}notebooks/{second_toy}/"]').first.click()
    page.wait_for_url(f"{site_url}notebooks/{second_toy}/")
    page.locator(".live-bar:not([data-old])").wait_for()
    settle(page, site_url)  # (the probes live on: instant navigation keeps the document)
    navigated = run_all_from(page, "Run in browser")
    context.close()
    return cold, warm, navigated, len(wasm)


def bare_load_pyodide(browser, site_url) -> dict:
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url)
    result = page.evaluate(f"""async () => {{
      const start = performance.now();
      const {{ loadPyodide }} = await import("{site_url}assets/vendor/pyodide/pyodide.mjs");
      let printed = null;
      const pyodide = await loadPyodide({{ indexURL: "{site_url}assets/vendor/pyodide/", stdout: () => {{ printed ??= performance.now(); }} }});
      const loaded = performance.now();
      pyodide.runPython("print('hello')");
      return {{ load: loaded - start, print: printed - start }};
    }}""")
    context.close()
    return result


TOY_TIMING = """async ([site, toy, repeats]) => {
  const { runtime } = await import(site + "assets/js/live/runtime.js");
  const code = `import time, statistics
from place_for_research import toys
run = toys.load(${JSON.stringify(toy)}).run
times = []
for _ in range(${repeats}):
    start = time.perf_counter()
    run(seed=0)
    times.append((time.perf_counter() - start) * 1000)
print(statistics.median(times))`;
  let text = "";
  const outcome = await runtime.run({ namespace: "benchmark", cell: "benchmark", code, onStream: (name, chunk) => { text += chunk; } });
  if (outcome.status !== "ok") throw new Error(outcome.error || outcome.status);
  return Number(text.trim());
}"""


def toys_in_pyodide(browser, site_url, first_toy) -> dict[str, float]:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site_url}notebooks/{first_toy}/")
    from place_for_research import toys
    times = {name: page.evaluate(TOY_TIMING, [site_url, name, TOY_REPEATS]) for name in toys.names()}
    context.close()
    return times


def run(site_url, site_dir, browser, report):
    pages = toy_pages(Path(site_dir))
    assert len(pages) >= 2, f"the live benchmarks need two notebook pages with code cells, found {pages}"
    first, second = pages[0], pages[1]
    samples = [cold_then_warm(browser, site_url, first, second) for _ in range(REPEATS)]
    def median(values):
        return statistics.median(values)
    # (The first output comes after the first cell's own work: the toy's run, for most notebooks.)
    report(f"Run in browser -> first output, cold ({first}, median of {REPEATS})", median(s[0]["first"] for s in samples), "ms")
    report("Run all -> first output, warm, same page", median(s[1]["first"] for s in samples), "ms")
    report(f"Run in browser -> first output, after instant nav ({second})", median(s[2]["first"] for s in samples), "ms")
    report("pyodide.asm.wasm downloads per visit (cold page + navigation)", max(s[3] for s in samples), "")
    floors = [bare_load_pyodide(browser, site_url) for _ in range(REPEATS)]
    report("floor: bare loadPyodide() in the page, cold", median(f["load"] for f in floors), "ms")
    report("floor: bare loadPyodide() + print(), cold", median(f["print"] for f in floors), "ms")
    for index, what in enumerate(("cold load + run (settled page)", "warm run", "after instant nav")):
        longest = [s[index]["longest"] for s in samples]
        report(f"longest main-thread task, {what}: median", median(longest), "ms")
        report(f"longest main-thread task, {what}: worst of {REPEATS}", max(longest), "ms")

    from bench_toys import bench  # CPython timings, same protocol (scripts/ is on bench.py's path)
    cpython = bench(report=lambda *args: None, repeats=TOY_REPEATS)
    pyodide = toys_in_pyodide(browser, site_url, first)
    for name, ms in pyodide.items():
        report(f"{name}.run() default, Pyodide median of {TOY_REPEATS}", ms, "ms")
        report(f"{name}.run() default, CPython median of {TOY_REPEATS}", cpython[name], "ms")
        report(f"{name}: Pyodide / CPython", ms / cpython[name], "x")
