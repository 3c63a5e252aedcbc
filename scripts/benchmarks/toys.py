"""Toys: each toy's default run() on CPython (scripts/bench_toys.py); the
grids' build time from an empty cache and from the cache; and, per toy with
controls, its data file's size and control change → figure redrawn in
Chromium (median and 95th percentile). The Pyodide timings are in the live
area (benchmarks/live.py).

The redraw is timed on a page built for the benchmark with one ```toy fence
per toy (the specimen site's machinery). Each change moves one control to
its next value (the controls in turn; a radio group to its next choice) at
the start of an animation frame, where a drag's input arrives, and is timed
three ways:
  painted     input → the frame showing the new point painted (what the
              reader waits for; the goal: within the frame, ≤ 16 ms)
  next frame  input → the first animation frame after the figure was drawn
              (the earlier measure: a multiple of the frame, ≥ 16.7 ms)
  drawn       input → figure drawn (draw-svg.js's SVG in the page: main-thread
              work, before style, layout and paint)
A change that draws nothing within CHANGE_TIMEOUT_S is reported, not waited for.

The same is then timed from real key presses (Playwright's keyboard, which
Chromium receives as input events, run before the frame's callbacks):
  keyboard    the key's input event (its timeStamp) → the frame showing the
              new point painted
"""
from __future__ import annotations

import gzip
import resource
import statistics
import tempfile
import time
from pathlib import Path

CHANGES = 40  # control changes per toy (the first is left out: it may meet the page still settling)
CHANGE_TIMEOUT_S = 10
GOALS = {"median": 16, "p95": 33}

# In the page: move the toy's controls in turn, CHANGES + 1 times; each
# change waits for the figure to show the new point (or for the timeout).
REDRAW = """async ([ident, changes, timeoutMs]) => {
  const figure = document.getElementById(ident);
  const controls = new Map();  // control name → its inputs (a radio group has several)
  for (const input of figure.querySelectorAll("input[data-control]")) {
    controls.set(input.dataset.control, [...(controls.get(input.dataset.control) || []), input]);
  }
  const names = [...controls.keys()];
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  // A message posted from inside a frame's work arrives once that frame is painted.
  const afterPaint = () => new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });
  /** Move a control to its next value; returns the input that changed. */
  function move(inputs) {
    const [first] = inputs;
    if (first.type === "range") {
      first.value = String((Number(first.value) + 1) % (Number(first.max) + 1));
      return first;
    }
    if (first.type === "checkbox") {
      first.checked = !first.checked;
      return first;
    }
    const next = inputs[(inputs.findIndex((input) => input.checked) + 1) % inputs.length];
    next.checked = true;
    return next;
  }
  const times = { painted: [], nextFrame: [], drawn: [] };
  for (let i = 0; i <= changes; i += 1) {
    const name = names[i % names.length];
    await frame();
    let onDrawn;
    let timer;
    const drawn = new Promise((resolve, reject) => {
      onDrawn = () => resolve(performance.now());
      figure.addEventListener("toy-drawn", onDrawn, { once: true });
      timer = setTimeout(() => reject(new Error(`no redraw within ${timeoutMs / 1000} s after control ${name} changed (change ${i})`)), timeoutMs);
    });
    const start = performance.now();
    const input = move(controls.get(name));
    input.dispatchEvent(new Event(input.type === "range" ? "input" : "change", { bubbles: true }));
    let drawnAt;
    try {
      drawnAt = await drawn;
    } catch (error) {
      figure.removeEventListener("toy-drawn", onDrawn);
      return { ...times, error: error.message };
    } finally {
      clearTimeout(timer);
    }
    await afterPaint();
    const paintedAt = performance.now();
    await frame();
    if (i > 0) {
      times.drawn.push(drawnAt - start);
      times.painted.push(paintedAt - start);
      times.nextFrame.push(performance.now() - start);
    }
  }
  return times;
}"""


# Before a key press: wait for the next input or change on the figure, then its drawn,
# painted frame; resolves with the time from the event's own timeStamp to that paint.
ARM_KEY = """(ident) => {
  const figure = document.getElementById(ident);
  window.__keyToPaint = new Promise((resolve) => {
    const onInput = (event) => {
      figure.removeEventListener("input", onInput, true);
      figure.removeEventListener("change", onInput, true);
      figure.addEventListener("toy-drawn", () => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now() - event.timeStamp);
        channel.port2.postMessage(0);
      }, { once: true });
    };
    figure.addEventListener("input", onInput, true);
    figure.addEventListener("change", onInput, true);
  });
}"""
KEY_TO_PAINT = "() => Promise.race([window.__keyToPaint, new Promise((r) => setTimeout(() => r(null), 10000))])"


def key_presses(page, ident: str, changes: int) -> list[float]:
    """Each control in turn, focused and moved by its key (a slider at its end goes Home)."""
    controls = page.locator(f"#{ident} input[data-control]")
    names = list(dict.fromkeys(controls.evaluate_all("(inputs) => inputs.map((i) => i.dataset.control)")))
    times = []
    for i in range(changes + 1):
        name = names[i % len(names)]
        group = page.locator(f'#{ident} input[data-control="{name}"]')
        kind = group.first.get_attribute("type")
        target = group.first if kind != "radio" else page.locator(f'#{ident} input[data-control="{name}"]:checked')
        target.focus()
        key = {"checkbox": "Space", "radio": "ArrowRight"}.get(kind, "ArrowRight")
        if kind == "range" and target.evaluate("(i) => i.value === i.max"):
            key = "Home"
        page.wait_for_timeout(50)  # let the previous frame settle
        page.evaluate(ARM_KEY, ident)
        page.keyboard.press(key)
        took = page.evaluate(KEY_TO_PAINT)
        if took is not None and i > 0:
            times.append(took)
    return times


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def grid_times(report) -> None:
    from place_for_research import toys
    from place_for_research.builder import toy_grid
    modules = {name: toys.load(name) for name in toys.names()}
    points = sum(len(toy_grid.plan(name, module).points) for name, module in modules.items())
    with tempfile.TemporaryDirectory() as cache:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        toy_grid.compute(modules, Path(cache))
        report(f"grids of all toys, empty cache ({points} points, 2 processes; goal ≤ 60)", time.perf_counter() - started, "s")
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        # CPU time does not depend on what else the machine runs: on two idle cores the wall time is about half.
        report("grids of all toys, empty cache: CPU time of the workers", (after.ru_utime + after.ru_stime)
               - (before.ru_utime + before.ru_stime), "s")
        started = time.perf_counter()
        toy_grid.compute(modules, Path(cache))
        report("grids of all toys, from the cache (goal ≤ 5)", time.perf_counter() - started, "s")


def bench_page(folder: Path):
    """The specimen site's machinery with one ```toy fence per toy with controls; (server, url, site, idents)."""
    from support import build_and_serve, specimen_project
    from place_for_research import toys
    config = specimen_project(folder)
    names = [name for name in toys.names() if getattr(toys.load(name), "CONTROLS", ())]
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
                times = page.evaluate(REDRAW, [ident, CHANGES, CHANGE_TIMEOUT_S * 1000])
                if times.get("error"):
                    print(f"  {name}: {times['error']}; measured {len(times['painted'])} changes before it", flush=True)
                if not times["painted"]:
                    continue
                count = len(times["painted"])
                for key, what in (("painted", "painted"), ("nextFrame", "next frame"), ("drawn", "drawn")):
                    goals = (f" (goal ≤ {GOALS['median']})", f" (goal ≤ {GOALS['p95']})") if key == "painted" else ("", "")
                    report(f"{name}: change → {what}, median of {count}{goals[0]}", statistics.median(times[key]), "ms")
                    report(f"{name}: change → {what}, 95th percentile{goals[1]}", percentile(times[key], 0.95), "ms")
                keyed = key_presses(page, ident, CHANGES)
                if keyed:
                    report(f"{name}: key → painted, median of {len(keyed)} (goal ≤ {GOALS['median']})", statistics.median(keyed), "ms")
                    report(f"{name}: key → painted, 95th percentile (goal ≤ {GOALS['p95']})", percentile(keyed, 0.95), "ms")
            page.close()
        finally:
            server.shutdown()
