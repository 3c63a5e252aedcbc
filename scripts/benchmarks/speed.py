"""Fast and smooth: each figure in one run, printed beside its goal.

- the longest main-thread task from navigation to idle on each notebook page
  and on the essay while its charts draw (the page is scrolled through, so
  every chart comes near and is drawn); goal <= 50 ms; the plain page's as a
  floor, and every task over 50 ms named by its cause from a Chromium trace;
- the essay's bytes before first paint against a plain Material page built,
  in this run, with the same text (custom fences left out), compressed as a
  static host sends them: what the browser requested before the first
  contentful paint (goal <= 1.1x), and the render path read from the HTML
  (the page, its <head> stylesheets, its classic scripts), which does not
  depend on when the paint happened to come;
- "Run in browser" -> first output of a trivial cell (print(1)), cold, against
  a bare loadPyodide() + print in the same run (goal <= 1.15x), and the same
  after the pointer rested on the button for 1 s (goal <= 0.5x);
- a warm print(1): from asking the runtime to the cell's promise settling,
  and the part of it that is not Python's own time (goal: overhead <= 50 ms).
"""
from __future__ import annotations

import gzip
import html
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from benchmarks.live import bare_load_pyodide, toy_pages

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "tests" / "specimen" / "docs"  # the page bench.py builds and measures
REPEATS = 3
GOALS = {"task": 50.0, "bytes": 1.1, "cold": 1.15, "intent": 0.5, "overhead": 50.0}

LONG_TASKS = """
window.__longTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
}).observe({ type: "longtask", buffered: true });
"""
SCROLL_THROUGH = """async () => {
  const pause = () => new Promise((resolve) => setTimeout(resolve, 250));
  for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
    scrollTo(0, y);
    await pause();
  }
  await new Promise((resolve) => requestIdleCallback(resolve, { timeout: 5000 }));
  await pause();
}"""
FIRST_OUTPUT = """async ([site, hover]) => {
  const { runtime } = await import(site + "assets/js/live/runtime.js");
  const start = performance.now();
  let first = null;
  const outcome = await runtime.run({ namespace: "bench", cell: "bench", code: "print(1)",
    onStream: () => { first ??= performance.now(); } });
  if (outcome.status !== "ok") throw new Error(outcome.error || outcome.status);
  const started = runtime.startedAt - performance.timeOrigin;  // the worker's start (on intent: before the ask)
  return { ms: first - start, stages: { ...runtime.stages, "first output": Math.round(first - started) } };
}"""
WARM_PRINT = """async ([site, repeats]) => {
  const { runtime } = await import(site + "assets/js/live/runtime.js");
  const totals = [], inPython = [];
  for (let i = 0; i < repeats; i += 1) {
    const start = performance.now();
    const outcome = await runtime.run({ namespace: "bench", cell: "bench", code: "print(1)", onStream: () => {} });
    totals.push(performance.now() - start);
    inPython.push(outcome.ms);
  }
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return { total: median(totals), overhead: median(totals.map((total, i) => total - inPython[i])) };
}"""


# The page's load work is done: its features have loaded (site.js sets data-page-ready;
# a page without it has none to wait for) and every figure near the window is drawn.
SETTLED = """() => document.documentElement.dataset.pageReady !== "false"
  && [...document.querySelectorAll(".json-figure")].every((figure) => {
    const box = figure.getBoundingClientRect();
    return figure.classList.contains("json-figure--drawn") || box.top > innerHeight + 600 || box.bottom < -600
      || !figure.checkVisibility();
  })"""


def settle(page) -> None:
    """Wait until the page's load work is done, then for the browser to be idle for 1 s."""
    page.wait_for_function(SETTLED, polling=200, timeout=120_000)
    page.evaluate("() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 5000 }))")
    page.wait_for_timeout(1000)


def longest_task(browser, url: str, scroll: bool) -> float:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(LONG_TASKS)
    page = context.new_page()
    page.goto(url, wait_until="load")
    if scroll:
        page.evaluate(SCROLL_THROUGH)
    settle(page)
    longest = max(page.evaluate("window.__longTasks"), default=0.0)
    context.close()
    return longest


# Chromium's trace of a page load: each main-thread task over 50 ms, named by what
# took most of it (a script evaluated or run, with its file; style, layout and paint;
# parsing HTML).
TRACE_CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute", "toplevel", "blink", "loading"]
WRAPPERS = {"ThreadControllerImpl::RunTask", "RunTask", "AsyncTask Run", "v8.run", "v8.callFunction", "RunMicrotasks",
            "PendingScript::ExecuteScriptBlock", "ScriptRunner::ExecutePendingScript", "TimerBase::run",
            "BlinkScheduler_PerformMicrotaskCheckpoint", "SimpleWatcher::OnHandleReady", "Receive mojo message",
            "HTMLDocumentParser::NotifyScriptLoaded", "HTMLParserScriptRunner::executeScriptsWaitingForLoad",
            "HTMLParserScriptRunner::executeScriptsWaitingForParsing", "HTMLParserScriptRunner ExecuteScript",
            "WebFrameWidgetImpl::BeginMainFrame", "WebFrameWidgetImpl::UpdateLifecycle", "PageAnimator::serviceScriptedAnimations",
            "FrameRequestCallbackCollection::ExecuteFrameCallbacks", "ThrottlingURLLoader::OnReceiveResponse",
            "MojoURLLoaderClient::OnReceiveResponse", "ResourceRequestSender::OnReceivedResponse"}
SCRIPT_EVENTS = {"EvaluateScript": "evaluate", "v8.evaluateModule": "evaluate module", "v8.compile": "compile",
                 "v8.compileModule": "compile module", "FunctionCall": "run", "TimerFire": "timer",
                 "FireAnimationFrame": "animation frame", "EventDispatch": "event", "FireIdleCallback": "idle callback"}
RENDERING = ("Layout", "UpdateLayoutTree", "Paint", "PrePaint", "Commit", "Layerize", "Blink.", "LocalFrameView::")


def task_cause(task: dict, inside: list[dict]) -> str:
    """What took most of a task: the longest event under it that is not a mere wrapper."""
    for event in sorted(inside, key=lambda e: -e.get("dur", 0)):
        name = event["name"]
        if name in WRAPPERS:
            continue
        data = (event.get("args") or {}).get("data") or {}
        where = (data.get("url") or data.get("fileName") or "").rsplit("/", 1)[-1]
        if name in SCRIPT_EVENTS:
            if not where:  # a callback: name the script it ran
                span = (event["ts"], event["ts"] + event.get("dur", 0))
                calls = [e for e in inside if e["name"] == "FunctionCall" and span[0] <= e["ts"] < span[1]]
                call = ((max(calls, key=lambda e: e.get("dur", 0)).get("args") or {}).get("data") or {}) if calls else {}
                where = " ".join(filter(None, [(call.get("url") or "").rsplit("/", 1)[-1], call.get("functionName")]))
            return f"{SCRIPT_EVENTS[name]} {where or data.get('type') or 'script'}".strip()
        if name.startswith(RENDERING):
            return "style, layout, paint"
        if name == "ParseHTML" or name.startswith("HTMLDocumentParser"):
            return "parse HTML"
        return name
    return task["name"]


def long_tasks_by_cause(browser, url: str, scroll: bool) -> list[tuple[str, float]]:
    """One traced load (scrolled through when scroll): [(cause, ms)] of each task over 50 ms."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    with tempfile.TemporaryDirectory() as folder:
        trace_file = Path(folder) / "trace.json"
        browser.start_tracing(page=page, path=str(trace_file), categories=TRACE_CATEGORIES)
        page.goto(url, wait_until="load")
        if scroll:
            page.evaluate(SCROLL_THROUGH)
        settle(page)
        browser.stop_tracing()
        events = json.loads(trace_file.read_text(encoding="utf-8"))
    context.close()
    events = events["traceEvents"] if isinstance(events, dict) else events
    site = urlsplit(url).netloc
    # The page's main thread: the renderer main thread whose events name the site.
    threads = {(e["pid"], e["tid"]) for e in events if e.get("name") == "thread_name" and e["args"].get("name") == "CrRendererMain"}
    ours = {(e["pid"], e["tid"]) for e in events if (e["pid"], e["tid"]) in threads and site in json.dumps(e.get("args", {}))}
    found = []
    for thread in ours:
        timed = sorted((e for e in events if (e["pid"], e["tid"]) == thread and e.get("ph") == "X"), key=lambda e: e["ts"])
        for task in (e for e in timed if e["name"] == "ThreadControllerImpl::RunTask" and e.get("dur", 0) > 50_000):
            end = task["ts"] + task["dur"]
            inside = [e for e in timed if task["ts"] <= e["ts"] < end and e is not task]
            found.append((task_cause(task, inside), task["dur"] / 1000))
    return sorted(found, key=lambda item: -item[1])


def plain_material_page(site_dir: Path) -> str:
    """Build the measured page as a plain Material page into site_dir/plain-material/: the same
    text (the byline and "Cite this essay" if it has them, the references the hooks add, the images),
    the custom fences left out, Material's theme and the essay's Markdown extensions."""
    from mkdocs.utils import yaml_load

    from place_for_research.builder import byline
    from place_for_research.data.citations import find_citations
    from place_for_research.data.catalogue import load_site_data

    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    source = (DOCS / "index.md").read_text(encoding="utf-8")
    front, _, text = source.partition("\n---\n")  # the same front matter (title, hide: navigation)
    text = re.sub(r"^```(?:spectrum|toy)\b.*?^```\s*$", "", text, flags=re.DOTALL | re.MULTILINE)
    if re.search(r"^byline: true$", front, flags=re.MULTILINE):
        essay = byline.from_config(config)
        text = byline.insert_title_block(text, essay) + "\n\n" + byline.cite_block(essay)
    data = load_site_data(DOCS / "data" / "papers.yml", DOCS / "data" / "taxonomy.yml")
    items = []
    for paper_id in dict.fromkeys(c.paper_id for c in find_citations(text)):
        paper = data.paper(paper_id)
        items.append(f'<li>{html.escape(", ".join(paper.authors))} ({paper.year}). '
                     f'<a href="{html.escape(paper.url)}"><cite>{html.escape(paper.title)}</cite></a>.</li>')
    text += "\n\n## References\n\n<ol>\n" + "\n".join(items) + "\n</ol>\n"
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        (project / "docs").mkdir()
        shutil.copytree(ROOT / "docs" / "assets" / "images", project / "docs" / "assets" / "images")
        (project / "docs" / "index.md").write_text(front + "\n---\n" + text, encoding="utf-8")
        plain = {
            "site_name": config["site_name"],
            "theme": {"name": "material", "font": False, "palette": config["theme"]["palette"], "features": [
                "navigation.instant", "navigation.tracking", "navigation.top", "toc.follow", "search.highlight",
                "content.footnote.tooltips", "content.code.copy"]},
            "markdown_extensions": [extension for extension in config["markdown_extensions"]  # without the custom fences
                                    if not (isinstance(extension, dict) and "pymdownx.superfences" in extension)]
                                   + ["pymdownx.superfences"],
        }
        (project / "mkdocs.yml").write_text(json.dumps(plain), encoding="utf-8")
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site_dir / "plain-material")],
                       cwd=project, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return "plain-material/"


# What the browser asked for before the first contentful paint: the page itself and every
# resource its markup (or a module it loads) requested before that paint, finished or not.
# Left out: the fetches Material's bundle makes once it runs (search index, sitemap), the
# same on both pages and only racing the paint.
REQUESTED_BEFORE_PAINT = """() => {
  const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN;
  const resources = performance.getEntriesByType("resource");
  const early = resources.filter((r) => r.startTime < fcp && !["fetch", "xmlhttprequest", "beacon"].includes(r.initiatorType));
  return [location.href, ...early.map((r) => r.name)];
}"""
# A figure that does not depend on that race: the page's render path, read from its HTML:
# the page, the stylesheets in its <head> (a stylesheet linked in the body holds back only
# what follows it) and its classic scripts (the parser waits for them).
HEAD_STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')
CLASSIC_SCRIPT = re.compile(r'<script src="([^"]+)"(?![^>]*type="module")')


def render_path(site_url: str, site_dir: Path, path: str) -> list[str]:
    html_text = (site_dir / path / "index.html").read_text(encoding="utf-8")
    head = html_text[:html_text.index("</head>")]
    return [site_url + path] + [urljoin(site_url + path, src)
                                for src in HEAD_STYLESHEET.findall(head) + CLASSIC_SCRIPT.findall(html_text)]


def compressed_size(path: Path) -> int:
    """Bytes a static host sends: text gzipped (GitHub Pages, Netlify, nginx's gzip_static),
    images and fonts as they are."""
    raw = path.read_bytes()
    if path.suffix in (".html", ".css", ".js", ".mjs", ".json", ".svg", ".txt", ".xml"):
        return len(gzip.compress(raw, compresslevel=6, mtime=0))
    return len(raw)


def bytes_before_paint(browser, site_url: str, site_dir: Path, path: str) -> dict:
    """Median over REPEATS cold loads of the bytes requested before first paint, raw and
    compressed, the same for the render path, and the files behind them (last load)."""
    samples = []
    for _ in range(REPEATS):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(site_url + path, wait_until="load")
        page.wait_for_timeout(300)
        urls = {"early": page.evaluate(REQUESTED_BEFORE_PAINT), "path": render_path(site_url, site_dir, path)}
        context.close()
        samples.append({kind: site_files(site_url, site_dir, urls[kind]) for kind in ("early", "path")})
    def median(kind, column):
        return statistics.median(sum(sizes[column] for sizes in sample[kind].values()) for sample in samples)
    return {"raw": median("early", 0), "compressed": median("early", 1),
            "path_raw": median("path", 0), "path_compressed": median("path", 1), "files": samples[-1]["early"]}


def site_files(site_url: str, site_dir: Path, urls: list[str]) -> dict:
    """{path in the site: (raw bytes, compressed bytes)} of the site's files behind urls."""
    files = {}
    for url in urls:
        relative = urlsplit(url).path.removeprefix(urlsplit(site_url).path)
        file = site_dir / relative
        file = file / "index.html" if file.is_dir() else file
        if file.is_file():
            files[relative or "/"] = (file.stat().st_size, compressed_size(file))
    return files


def first_output(browser, site_url: str, page_path: str, hover: bool) -> dict:
    """Cold: a fresh context, the page settled; then (after resting on "Run in browser" for
    1 s if hover) the runtime is asked for print(1): {"ms": ms to its output, "stages":
    {stage: ms from the worker's start to the end of each loading stage}}."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + page_path, wait_until="load")
    page.evaluate("() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 5000 }))")
    if hover:
        page.locator(".live-bar__start").first.hover()
        page.wait_for_timeout(1000)
    result = page.evaluate(FIRST_OUTPUT, [site_url, hover])
    context.close()
    return result


def run(site_url, site_dir, browser, report):
    def versus(name, value, goal, unit, floor=None):
        ratio = f"   goal {goal:g}{unit}" if floor is None else f"   {value / floor:.2f}x the floor, goal <= {goal:g}x"
        print(f"  {name:<58} {value:>12,.1f} {unit}{ratio}", flush=True)

    site_dir = Path(site_dir)
    plain_path = plain_material_page(site_dir)
    longest = statistics.median(longest_task(browser, site_url + plain_path, True) for _ in range(REPEATS))
    report("floor: longest task, plain Material page, scrolled through", longest, "ms")
    for toy in toy_pages(site_dir):
        longest = statistics.median(longest_task(browser, f"{site_url}notebooks/{toy}/", False) for _ in range(REPEATS))
        versus(f"longest task, {toy} page, navigation to idle", longest, GOALS["task"], " ms")
    longest = statistics.median(longest_task(browser, site_url, True) for _ in range(REPEATS))
    versus("longest task, essay loaded and scrolled through", longest, GOALS["task"], " ms")
    print("  tasks over 50 ms by cause (one traced load each):")
    for name, path, scroll in ([("plain Material page", plain_path, True), ("essay", "", True)]
                               + [(toy, f"notebooks/{toy}/", False) for toy in toy_pages(site_dir)]):
        tasks = long_tasks_by_cause(browser, site_url + path, scroll)
        listed = "; ".join(f"{cause} {ms:,.0f}" for cause, ms in tasks) or "none"
        print(f"    {name}: {listed} (ms)", flush=True)

    essay = bytes_before_paint(browser, site_url, site_dir, "")
    plain = bytes_before_paint(browser, site_url, site_dir, plain_path)
    for name, figures in (("essay", essay), ("plain Material page, same text", plain)):
        report(f"{name}: bytes requested before first paint, raw", figures["raw"] / 1024, "KiB")
        report(f"{name}: the same, compressed as a static host sends them", figures["compressed"] / 1024, "KiB")
    print(f"  {'essay / plain Material, before first paint (compressed)':<58} "
          f"{essay['compressed'] / plain['compressed']:>12.2f} x   goal <= {GOALS['bytes']}x", flush=True)
    print(f"  {'essay / plain Material, before first paint (raw)':<58} {essay['raw'] / plain['raw']:>12.2f} x", flush=True)
    for name, figures in (("essay", essay), ("plain Material page, same text", plain)):
        report(f"{name}: render path (page, stylesheets, scripts), compressed", figures["path_compressed"] / 1024, "KiB")
    print(f"  {'essay / plain Material, render path (compressed)':<58} "
          f"{essay['path_compressed'] / plain['path_compressed']:>12.2f} x   goal <= {GOALS['bytes']}x", flush=True)
    for file, (raw, packed) in sorted(essay["files"].items(), key=lambda item: -item[1][1]):
        marker = "" if file == "/" or file in {f.replace(plain_path, "", 1) for f in plain["files"]} else "  (essay only)"
        print(f"    {file:<56} {raw / 1024:>8.1f} KiB raw {packed / 1024:>7.1f} KiB sent{marker}", flush=True)
    essay_html = (site_dir / "index.html").stat().st_size
    plain_html = (site_dir / "plain-material" / "index.html").stat().st_size
    report("essay HTML alone", essay_html / 1024, "KiB")
    report("plain Material page HTML alone", plain_html / 1024, "KiB")

    toy = toy_pages(site_dir)[0]
    floor = statistics.median(bare_load_pyodide(browser, site_url)["print"] for _ in range(REPEATS))
    report("floor: bare loadPyodide() + print(), cold", floor, "ms")
    colds = [first_output(browser, site_url, f"notebooks/{toy}/", False) for _ in range(REPEATS)]
    versus("print(1) cold: asked -> first output", statistics.median(c["ms"] for c in colds), GOALS["cold"], " ms", floor)
    print("  where the cold start goes: each stage's end, ms after the worker was started (median):")
    ends = {stage: statistics.median(c["stages"][stage] for c in colds if stage in c["stages"]) for stage in colds[0]["stages"]}
    for stage, end in sorted(ends.items(), key=lambda item: item[1]):
        print(f"    {stage:<56} {end:>10,.0f} ms", flush=True)
    intent = statistics.median(first_output(browser, site_url, f"notebooks/{toy}/", True)["ms"] for _ in range(REPEATS))
    versus("print(1) after 1 s resting on Run in browser", intent, GOALS["intent"], " ms", floor)

    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site_url}notebooks/{toy}/")
    page.evaluate(FIRST_OUTPUT, [site_url, False])  # load Python
    warm = page.evaluate(WARM_PRINT, [site_url, 21])
    context.close()
    report("warm print(1): asked -> settled (median of 21)", warm["total"], "ms")
    versus("warm print(1): overhead beyond Python's own time", warm["overhead"], GOALS["overhead"], " ms")
