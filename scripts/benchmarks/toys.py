"""Toys: each toy's default run() on CPython (scripts/bench_toys.py); the
grids' build time from an empty cache and from the cache; and, per toy with
controls, its data file's size and control change → figure redrawn in
Chromium (median and 95th percentile). The Pyodide timings are in the live
area (benchmarks/live.py).

The redraw is timed on a page built for the benchmark with one ```toy fence
per toy (the specimen site's machinery), from the input event to the first
animation frame after Plotly.react resolved: what the reader waits for.
"""
from __future__ import annotations

import gzip
import resource
import statistics
import tempfile
import time
from pathlib import Path

CHANGES = 40  # control changes per toy (the first, which swaps the SVG for a chart, is left out)
GOALS = {"median": 16, "p95": 33}

# In the page: move the toy's first control through its values, CHANGES times;
# each sample waits for the chart to show the asked point, then for a frame.
REDRAW = """async ([ident, changes]) => {
  const figure = document.getElementById(ident);
  const inputs = [...figure.querySelectorAll("input[data-control]")];
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const times = [];
  for (let i = 0; i <= changes; i += 1) {
    const input = inputs[i % inputs.length];
    const drawn = new Promise((resolve) => figure.addEventListener("toy-drawn", resolve, { once: true }));
    const start = performance.now();
    if (input.type === "range") input.value = String((Number(input.value) + 1) % (Number(input.max) + 1));
    else input.checked = input.type === "checkbox" ? !input.checked : true;
    input.dispatchEvent(new Event(input.type === "range" ? "input" : "change", { bubbles: true }));
    await drawn;
    await frame();
    if (i > 0) times.push(performance.now() - start);
  }
  return times;
}"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def grid_times(report) -> None:
    from place_for_research import toy_grid, toys
    from place_for_research.fences import toys_digest
    modules = {name: toys.load(name) for name in toys.TOYS}
    points = sum(len(toy_grid.plan(name, module).points) for name, module in modules.items())
    with tempfile.TemporaryDirectory() as cache:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        toy_grid.compute(modules, Path(cache), toys_digest())
        report(f"grids of all toys, empty cache ({points} points, 2 processes; goal ≤ 60)", time.perf_counter() - started, "s")
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        # CPU time does not depend on what else the machine runs: on two idle cores the wall time is about half.
        report("grids of all toys, empty cache: CPU time of the workers", (after.ru_utime + after.ru_stime)
               - (before.ru_utime + before.ru_stime), "s")
        started = time.perf_counter()
        toy_grid.compute(modules, Path(cache), toys_digest())
        report("grids of all toys, from the cache (goal ≤ 5)", time.perf_counter() - started, "s")


def bench_page(folder: Path):
    """The specimen site's machinery with one ```toy fence per toy with controls; (server, url, site, idents)."""
    from conftest import build_and_serve, specimen_project
    from place_for_research import toys
    config = specimen_project(folder)
    names = [name for name in toys.TOYS if getattr(toys.load(name), "CONTROLS", ())]
    fences = "\n".join(f"```toy\nnotebook: {name.replace('_', '-')}\n```\n" for name in names)
    (folder / "docs" / "index.md").write_text(f"# Toys\n\n{fences}", encoding="utf-8")
    (folder / "site").mkdir()
    server, url = build_and_serve(folder / "site", config)
    return server, url, folder / "site", {name: f"toy-{i + 1}" for i, name in enumerate(names)}


def run(site_url, site_dir, browser, report):
    from bench_toys import bench  # scripts/ is on bench.py's path
    bench(report=report)
    grid_times(report)
    with tempfile.TemporaryDirectory() as folder:
        server, url, site, idents = bench_page(Path(folder))
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(url)
            for name, ident in idents.items():
                figure = page.locator(f"#{ident}")
                data = site / figure.get_attribute("data-toy-data")
                report(f"{name}: data file, gzip (goal ≤ 50)", len(gzip.compress(data.read_bytes())) / 1024, "KiB")
                figure.scroll_into_view_if_needed()
                page.wait_for_selector(f"#{ident}[data-toy-state=ready]")
                times = page.evaluate(REDRAW, [ident, CHANGES])
                report(f"{name}: control change → redrawn, median of {len(times)} (goal ≤ {GOALS['median']})",
                       statistics.median(times), "ms")
                report(f"{name}: control change → redrawn, 95th percentile (goal ≤ {GOALS['p95']})",
                       percentile(times, 0.95), "ms")
            page.close()
        finally:
            server.shutdown()
