"""Live notebooks in Debian's Chromium: "Run in browser" on each toy page runs
the notebook in Pyodide (a Web Worker) and must print what the build printed;
edits run, Stop ends an infinite loop and brings the page's state back,
errors show tracebacks, a blocked Pyodide shows Retry, Python loads on intent
(never on page load), faults (stalled downloads, a cell that shuts its worker
down, forged messages) are survived with a message, and the runtime survives
instant navigation.

Most tests share one browser page (and so one warm Python), moving between
toy pages by instant navigation as a reader would; the tests that need a cold
start or a blocked asset open their own context.
"""
from __future__ import annotations

import functools
import http.server
import json
import math
import re
import threading

import pytest
from playwright.sync_api import expect

from conftest import SITE_NOTEBOOKS, QuietHandler, open_context, same_figure

# Every notebook of the site (the author's and the specimen's) for what any notebook must do;
# the specimen's two for the machinery's own tests, so those hold whatever the author writes.
TOYS = SITE_NOTEBOOKS
FIRST, SECOND = "specimen-decoding", "specimen-scaling"
RUN_TIMEOUT = 90_000  # ms: a cold Pyodide start plus a toy's run, on a slow shared machine
TERMINAL = re.compile(r"^(done|error|stopped)$")
SPINNING = "spinning"  # what a cell kept running prints once Python is inside it
INTENT_MS = 250  # notebook.js: how long a pointer or focus rests on "Run in browser" before Python loads

# Per code cell: the build-time text and figures, and the live ones (if it ran live).
OUTPUTS = """() => [...document.querySelectorAll(".jupyter-wrapper .jp-CodeCell")]
  .filter((cell) => cell.querySelector(":scope > .jp-Cell-inputWrapper"))
  .map((cell) => {
    const area = cell.querySelector(".jp-OutputArea");
    const built = area ? [...area.children].filter((child) => !child.classList.contains("live-output")) : [];
    const live = area?.querySelector(".live-output");
    const texts = (nodes) => nodes.flatMap((node) => [...node.querySelectorAll('.jp-RenderedText[data-mime-type="text/plain"] pre')])
      .map((pre) => pre.textContent).join("");
    const figures = (nodes) => nodes.flatMap((node) => [...node.querySelectorAll(".json-figure")])
      .map((figure) => figure.dataset.figure ?? figure.querySelector('script[type="application/json"]')?.textContent);
    return {
      state: cell.dataset.liveState ?? null,
      builtText: texts(built), builtFigures: figures(built),
      liveText: live ? texts([live]) : null, liveFigures: live ? figures([live]) : null,
      errors: live ? [...live.querySelectorAll(".live-output__error pre")].map((pre) => pre.textContent) : [],
    };
  })"""

NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")


def same_to_printed_precision(built: str, live: str) -> bool:
    """Equal text, but a number may differ by one unit of its last printed digit.

    CPython (glibc's libm) and Pyodide (musl's, in WebAssembly) can differ in
    the last bit of exp or log, and such differences add up over thousands of
    steps; a float printed in full (repr, 15+ significant digits) is compared
    to 1e-9 relative instead, far above that noise and far below any real
    difference."""
    if built == live:
        return True
    if NUMBER.sub("#", built) != NUMBER.sub("#", live):
        return False
    for a, b in zip(NUMBER.findall(built), NUMBER.findall(live)):
        mantissa, _, exponent = a.lower().partition("e")
        digits = len(mantissa.lstrip("+-").replace(".", "").lstrip("0"))
        if digits >= 15:
            if not math.isclose(float(a), float(b), rel_tol=1e-9):
                return False
            continue
        decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
        if abs(float(a) - float(b)) > 1.0001 * 10.0 ** (int(exponent or 0) - decimals):
            return False
    return True


class LivePage:
    """A reader's tab: toy pages reached by instant navigation, one Python for the visit."""

    def __init__(self, page, watch, site_url):
        self.page, self.watch, self.site_url = page, watch, site_url
        self.wasm_requests = 0
        page.context.on("request", self._count)  # the context sees the worker's requests too

    def _count(self, request):
        if request.url.endswith("/pyodide.asm.wasm"):
            self.wasm_requests += 1

    def runtime_generation(self) -> int:
        """How many Python workers this tab has started."""
        return self.page.evaluate(f"() => import('{self.site_url}assets/js/live/runtime.js').then((m) => m.runtime.generation)")

    def open(self, slug: str) -> None:
        """Go to a toy page: by clicking its link in the navigation if a page is open (instant navigation)."""
        target = f"{self.site_url}notebooks/{slug}/"
        if self.page.url == target:
            self.page.reload()  # a fresh page for each test
        elif self.page.url.startswith(self.site_url):
            self.page.evaluate("window.__sameDocument = true; document.querySelector('.live-bar')?.setAttribute('data-old', '')")
            self.page.locator(f'.md-nav--primary a.md-nav__link[href="{target}"]').first.click()
            expect(self.page).to_have_url(target)
            assert self.page.evaluate("window.__sameDocument === true"), "instant navigation reloaded the page"
        else:
            self.page.goto(target)
        expect(self.page.locator(".live-bar:not([data-old])")).to_be_visible()

    def button(self, name: str):
        """A button of the notebook's bar, by its text (cheaper for the page than a role query,
        which matters while the tests count long main-thread tasks)."""
        return self.page.locator(".live-bar button", has_text=re.compile(f"^{name}$"))

    def start(self) -> None:
        self.button("Run in browser").click()
        cells = self.page.locator(".jupyter-wrapper .jp-CodeCell > .jp-Cell-inputWrapper").count()
        expect(self.page.locator(".live-cell .cm-editor")).to_have_count(cells)

    def cell(self, number: int):
        return self.page.locator(".live-cell").nth(number - 1)

    def set_code(self, number: int, code: str) -> None:
        content = self.cell(number).locator(".cm-content")
        content.click()
        self.page.keyboard.press("Control+A")
        self.page.keyboard.insert_text(code)  # as typed, without auto-indent
        expect(content).to_have_text(code.replace("\n", ""), use_inner_text=False)

    def run(self, number: int) -> str:
        cell = self.cell(number)
        cell.get_by_role("button", name="Run", exact=True).click()
        expect(cell).to_have_attribute("data-live-state", TERMINAL, timeout=RUN_TIMEOUT)
        return cell.get_attribute("data-live-state")

    def keep_running(self, number: int, code: str):
        """Run code that does not end by itself in a cell, once Python has printed that it is
        inside it (the code's first line prints SPINNING); returns the cell."""
        self.set_code(number, f"print({SPINNING!r}, flush=True)\n{code}")
        cell = self.cell(number)
        cell.get_by_role("button", name="Run", exact=True).click()
        expect(cell).to_have_attribute("data-live-state", "running", timeout=RUN_TIMEOUT)
        expect(cell.locator(".live-output")).to_contain_text(SPINNING, timeout=RUN_TIMEOUT)
        return cell

    def live_text(self, number: int) -> str:
        return self.cell(number).locator(".live-output").inner_text()

    def run_all(self) -> list[dict]:
        self.button("Run all").click()
        self.page.wait_for_function(
            """() => [...document.querySelectorAll('.live-cell')].every((c) => ['done', 'error', 'stopped', ''].includes(c.dataset.liveState ?? ''))
                 && [...document.querySelectorAll('.live-cell')].some((c) => c.dataset.liveState)""",
            polling=250, timeout=RUN_TIMEOUT)  # (polling on every frame would itself load the main thread)
        return self.page.evaluate(OUTPUTS)

    def assert_clean(self) -> None:
        assert not self.watch.foreign_requests, f"requests to other origins: {self.watch.foreign_requests}"
        assert not self.watch.console_errors, f"console errors: {self.watch.console_errors}"


@pytest.fixture(scope="module")
def live(browser, site_url):
    assert TOYS, "no toy notebooks in notebooks/"
    context, watch = open_context(browser, site_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    session = LivePage(page, watch, site_url)
    yield session
    context.close()
    session.assert_clean()


@pytest.mark.parametrize("toy", TOYS)
def test_run_all_prints_what_the_build_printed(live, toy):
    live.open(toy)
    built = live.page.evaluate(OUTPUTS)  # the build-time outputs, before anything runs
    live.start()
    outputs = live.run_all()
    assert all(cell["state"] == "done" for cell in outputs), [cell["state"] for cell in outputs]
    for number, (before, cell) in enumerate(zip(built, outputs), 1):
        assert same_to_printed_precision(before["builtText"], cell["liveText"]), (
            f"{toy}, cell {number}: live output differs from the build's\n--- built\n{before['builtText']}\n--- live\n{cell['liveText']}")
        assert len(cell["liveFigures"]) == len(before["builtFigures"]), f"{toy}, cell {number}: figures"
        for figure, shown in zip(before["builtFigures"], cell["liveFigures"]):
            same_figure(json.loads(figure), json.loads(shown), f"{toy} cell {number}")
    assert any(cell["builtText"] for cell in built), f"{toy} prints nothing to compare"
    assert any(cell["builtFigures"] for cell in built), f"{toy} shows no figure to compare"
    # Live figures are drawn by the site's Plotly when they come into view.
    figure = live.page.locator(".live-output .json-figure").last
    if figure.count():
        figure.scroll_into_view_if_needed()
        expect(figure.locator("svg.toy-svg, .main-svg").first).to_be_visible()
    live.assert_clean()


def test_a_warm_runtime_answers_at_once_on_the_next_page(live):
    live.open(FIRST)
    live.start()
    live.set_code(1, "print('warm')")
    assert live.run(1) == "done"
    generation = live.runtime_generation()
    live.open(SECOND)  # instant navigation: the same document keeps its Python worker
    live.start()
    # Already loaded during this visit: ready without a progress bar, nothing downloaded again.
    expect(live.page.locator(".live-bar__status")).to_contain_text("is ready")
    expect(live.page.locator(".live-bar__progress")).to_be_hidden()
    live.set_code(1, "print('still warm')")
    assert live.run(1) == "done"
    assert live.live_text(1).strip() == "still warm"
    assert live.wasm_requests == 1
    assert live.runtime_generation() == generation
    live.assert_clean()


def test_an_edited_cell_runs_the_edited_code_and_reset_restores_it(live):
    live.open(SECOND)
    live.start()
    original = live.cell(1).locator(".cm-content").inner_text()
    built = live.page.evaluate(OUTPUTS)[0]["builtText"]
    live.set_code(1, "numbers = [n * n for n in range(5)]\nprint('edited:', sum(numbers))")
    assert live.run(1) == "done"
    assert live.live_text(1).strip() == "edited: 30"
    expect(live.cell(1)).to_have_class(re.compile("live-cell--edited"))
    # Shift+Enter runs the cell the cursor is in.
    live.set_code(1, "print('by keyboard')")
    live.page.keyboard.press("Shift+Enter")
    expect(live.cell(1)).to_have_attribute("data-live-state", "done", timeout=RUN_TIMEOUT)
    assert live.live_text(1).strip() == "by keyboard"
    # Reset: the original code and the build's output are back.
    live.page.get_by_role("button", name="Reset", exact=True).click()
    expect(live.cell(1).locator(".cm-content")).to_have_text(original, use_inner_text=True)
    expect(live.cell(1).locator(".live-output")).to_have_count(0)
    assert live.page.evaluate(OUTPUTS)[0]["builtText"] == built
    live.assert_clean()


def test_errors_show_readable_tracebacks(live):
    live.open(FIRST)
    live.start()
    live.set_code(1, "def broken(:\n    pass")
    assert live.run(1) == "error"
    text = live.live_text(1)
    assert 'File "<cell 1>", line 1' in text and "SyntaxError" in text, text
    live.set_code(1, "def ratio(a, b):\n    return a / b\n\nratio(1, 0)")
    assert live.run(1) == "error"
    text = live.live_text(1)
    assert text.startswith("Traceback (most recent call last):"), text
    assert 'File "<cell 1>", line 4, in <module>' in text and 'line 2, in ratio' in text, text
    assert "return a / b" in text and text.rstrip().endswith("ZeroDivisionError: division by zero"), text
    assert "cell_runner" not in text, "the runner's own frames are hidden"
    # stderr is shown as such; the page is not broken by a failed cell.
    live.set_code(2, "import sys\nprint('to stderr', file=sys.stderr)\nprint('to stdout')")
    assert live.run(2) == "done"
    expect(live.cell(2).locator('.live-output [data-mime-type="application/vnd.jupyter.stderr"]')).to_have_text("to stderr\n")
    live.assert_clean()


def test_stop_ends_an_infinite_loop_and_brings_the_state_back(live):
    live.open(FIRST)
    live.start()
    live.set_code(1, "marker = 41")
    assert live.run(1) == "done"
    cell = live.keep_running(2, "while True:\n    pass")
    # The page stays responsive while Python spins: a frame comes (a main thread stuck in
    # the loop would give none; how fast frames come is make bench's business).
    live.page.wait_for_function("() => new Promise((resolve) => requestAnimationFrame(() => resolve(true)))")
    generation = live.runtime_generation()
    stop = live.page.get_by_role("button", name="Stop", exact=True)
    expect(stop).to_be_enabled()
    stop.click()
    expect(cell).to_have_attribute("data-live-state", "stopped", timeout=10_000)  # the loop never ends: Stop does not wait for it
    expect(cell.locator(".live-output")).to_contain_text("Stopped.")
    # A fresh Python is started at once (within a second)...
    assert live.runtime_generation() == generation + 1
    # ...and the cells that had run are run again, so `marker` is defined.
    expect(live.page.locator(".live-bar__status")).to_contain_text("the page's variables are back", timeout=RUN_TIMEOUT)
    live.set_code(2, "print(marker + 1)")
    assert live.run(2) == "done"
    assert live.live_text(2).strip() == "42"
    live.assert_clean()


def test_stop_ends_a_memory_bomb_and_python_comes_back(live):
    """Memory that grows without end (about 300 MB a second here, so that Python's own
    MemoryError does not end it first): Stop replaces the worker, and its memory with it."""
    live.open(FIRST)
    live.start()
    cell = live.keep_running(1, "hog = []\nwhile True:\n    hog.append(bytearray(1 << 19))\n    sum(range(50_000))")
    generation = live.runtime_generation()
    live.page.get_by_role("button", name="Stop", exact=True).click()
    expect(cell).to_have_attribute("data-live-state", "stopped", timeout=10_000)
    assert live.runtime_generation() == generation + 1
    live.set_code(1, "print('hog' in globals())")
    assert live.run(1) == "done"
    assert live.live_text(1).strip() == "False"
    live.assert_clean()


def test_a_blocked_pyodide_shows_the_error_and_retry_works(browser, site_url):
    context, watch = open_context(browser, site_url, viewport={"width": 1280, "height": 900})
    watch.allowed_console_errors.append("pyodide.asm.wasm")
    def blocked(route):
        return route.abort()
    context.route("**/pyodide.asm.wasm", blocked)
    page = context.new_page()
    page.goto(f"{site_url}notebooks/{FIRST}/")
    built = page.evaluate(OUTPUTS)
    page.get_by_role("button", name="Run in browser").click()
    alert = page.locator(".live-bar__status--error")
    expect(alert).to_contain_text("Python could not be started", timeout=RUN_TIMEOUT)
    expect(alert).to_contain_text("pyodide.asm.wasm")
    retry = page.get_by_role("button", name="Retry", exact=True)
    expect(retry).to_be_visible()
    # The build's outputs stay; running now says why it cannot.
    page.locator(".live-cell").first.get_by_role("button", name="Run", exact=True).click()
    expect(page.locator(".live-cell").first).to_have_attribute("data-live-state", "error")
    assert [cell["builtText"] for cell in page.evaluate(OUTPUTS)] == [cell["builtText"] for cell in built]
    assert page.locator(".live-output").count() == 0

    context.unroute("**/pyodide.asm.wasm", blocked)
    retry.click()
    expect(page.locator(".live-bar__status")).to_contain_text("is ready", timeout=RUN_TIMEOUT)
    expect(retry).to_be_hidden()
    cell = page.locator(".live-cell").first
    cell.get_by_role("button", name="Run", exact=True).click()
    expect(cell).to_have_attribute("data-live-state", "done", timeout=RUN_TIMEOUT)
    context.close()
    assert not watch.foreign_requests and not watch.console_errors, (watch.foreign_requests, watch.console_errors)


def test_a_wasm_served_with_the_wrong_type_is_reported_not_left_loading(browser, site_url):
    """A host that sends the wasm without Content-Type application/wasm: browsers refuse to
    compile it as it streams, and the bar says so (Pyodide alone would wait forever)."""
    context, watch = open_context(browser, site_url, viewport={"width": 1280, "height": 900})
    watch.allowed_console_errors.append("application/wasm")
    def untyped(route):
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-type": "application/octet-stream"})
    context.route("**/pyodide.asm.wasm", untyped)
    page = context.new_page()
    page.goto(f"{site_url}notebooks/{FIRST}/")
    page.get_by_role("button", name="Run in browser").click()
    alert = page.locator(".live-bar__status--error")
    expect(alert).to_contain_text("Python's WebAssembly could not be compiled", timeout=RUN_TIMEOUT)
    expect(alert).to_contain_text("application/wasm")
    expect(page.get_by_role("button", name="Retry", exact=True)).to_be_visible()
    context.close()
    assert not watch.foreign_requests and not watch.console_errors, (watch.foreign_requests, watch.console_errors)


def test_python_loads_on_intent_never_on_page_load(browser, site_url):
    """No Python is fetched when a page loads or when a pointer merely passes over
    "Run in browser"; a pointer resting on it for a moment starts the whole chain at
    once (every runtime file requested, the wasm compiled as it arrives, Python's
    memory snapshot restored), and the click that follows uses that runtime: one
    worker, one request per file."""
    context, watch = open_context(browser, site_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    def python():
        return [url for url in requests if "/vendor/pyodide/" in url or url.endswith("/place_for_research.zip")]
    page.goto(f"{site_url}notebooks/{FIRST}/")
    # Every feature of the page is set up: had loading Python been part of it, it would have begun.
    expect(page.locator("html")).to_have_attribute("data-page-ready", "true", timeout=RUN_TIMEOUT)
    assert runtime_call(page, site_url, "runtime.state") == "idle"
    assert python() == [], python()
    button = page.get_by_role("button", name="Run in browser")
    button.hover()
    page.mouse.move(0, 0)  # passing by
    # The intent timer, had leaving not cleared it, was due before this one: the page's own clock decides.
    page.evaluate(f"() => new Promise((resolve) => setTimeout(resolve, {INTENT_MS}))")
    assert runtime_call(page, site_url, "runtime.state") == "idle"
    assert python() == [], python()
    button.hover()
    files = ["pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json", "python.snapshot.gz",
             "place_for_research.zip"]
    while not all(any(url.endswith(f"/{name}") for url in python()) for name in files):
        context.wait_for_event("request", timeout=RUN_TIMEOUT)  # a bound for a busy machine: they go out at once
    button.click()
    expect(page.locator(".live-bar__status")).to_contain_text("is ready", timeout=RUN_TIMEOUT)
    cell = page.locator(".live-cell").first
    cell.get_by_role("button", name="Run", exact=True).click()
    expect(cell).to_have_attribute("data-live-state", "done", timeout=RUN_TIMEOUT)
    assert runtime_call(page, site_url, "runtime.generation") == 1
    for name in files:
        assert sum(url.endswith(f"/{name}") for url in python()) == 1, (name, python())
    # Started from the snapshot, with the wasm compiled by the worker as it arrived.
    stages = runtime_call(page, site_url, "runtime.stages")
    assert {"snapshot inflated", "wasm compiled", "Python started", "ready"} <= set(stages), stages
    context.close()
    assert not watch.foreign_requests and not watch.console_errors, (watch.foreign_requests, watch.console_errors)


# -- Faults: stalled downloads, a cell that kills its worker, forged messages ----------

def runtime_call(page, site_url, expression: str):
    """Evaluate `expression` with `runtime` bound to the page's Python runtime."""
    return page.evaluate(f"() => import('{site_url}assets/js/live/runtime.js').then(({{ runtime }}) => {expression})")


def start_with_a_stalled_download(browser, site_url, name: str):
    """A fresh tab on a notebook page where `name` is never answered, the stall limit at 4 s, and
    "Run in browser" pressed: (context, watch, page, the held requests, the route handler holding them)."""
    context, watch = open_context(browser, site_url, viewport={"width": 1280, "height": 900})
    watch.allowed_console_errors.append(name)
    held = []
    def hold(route):
        return held.append(route)  # never answered
    context.route(f"**/{name}", hold)
    page = context.new_page()
    page.goto(f"{site_url}notebooks/{FIRST}/")
    runtime_call(page, site_url, "{ runtime.stallMs = 4000; }")
    page.get_by_role("button", name="Run in browser").click()
    return context, watch, page, held, hold


def test_a_stalled_python_download_fails_with_retry_and_counts_every_byte(browser, site_url, built_site):
    """The wasm request is never answered: the bar counts its bytes in the total from the
    start, loading fails with a clear message once no byte has come for the stall time,
    a queued cell is not left "Queued", and Retry loads Python."""
    sizes = json.loads((built_site / "assets" / "live" / "downloads.json").read_text())
    total = f"{sum(sizes.values()) / 1e6:.1f} MB"
    context, watch, page, held, hold = start_with_a_stalled_download(browser, site_url, "pyodide.asm.wasm")
    status = page.locator(".live-bar__status")
    expect(status).to_contain_text(f"of {total}", timeout=RUN_TIMEOUT)
    cell = page.locator(".live-cell").first
    cell.get_by_role("button", name="Run", exact=True).click()
    expect(cell).to_have_attribute("data-live-state", "queued")
    alert = page.locator(".live-bar__status--error")
    expect(alert).to_contain_text("the download stalled", timeout=RUN_TIMEOUT)
    expect(alert).to_contain_text("Retry")
    expect(cell).to_have_attribute("data-live-state", "error")
    expect(cell.locator(".live-cell__status")).to_have_text("Not run: Python is not available")
    assert held, "the wasm was never requested"
    context.unroute("**/pyodide.asm.wasm", hold)
    page.get_by_role("button", name="Retry", exact=True).click()
    expect(page.locator(".live-bar__status")).to_contain_text("is ready", timeout=RUN_TIMEOUT)
    cell.get_by_role("button", name="Run", exact=True).click()
    expect(cell).to_have_attribute("data-live-state", "done", timeout=RUN_TIMEOUT)
    context.close()
    assert not watch.foreign_requests and not watch.console_errors, (watch.foreign_requests, watch.console_errors)


def test_a_stalled_editor_bundle_leaves_plain_text_boxes_and_says_so(browser, site_url):
    context, watch = open_context(browser, site_url, viewport={"width": 1280, "height": 900})
    held = []
    context.route("**/vendor/codemirror/**", lambda route: held.append(route))  # never answered
    page = context.new_page()
    page.goto(f"{site_url}notebooks/{FIRST}/")
    page.evaluate(f"() => import('{site_url}assets/js/live/editor.js').then((m) => {{ m.preloadEditor(2000); }})")
    page.get_by_role("button", name="Run in browser").click()
    cells = page.locator(".jupyter-wrapper .jp-CodeCell > .jp-Cell-inputWrapper").count()
    expect(page.get_by_role("textbox", name=re.compile(r"^Code of cell \d+ \(Python\)$"))).to_have_count(cells, timeout=20_000)
    expect(page.get_by_role("note")).to_contain_text("The code editor could not be loaded")
    expect(page.locator(".live-cell").get_by_role("button", name="Run", exact=True)).to_have_count(cells)
    assert held, "the editor bundle was never requested"
    context.close()
    assert not watch.foreign_requests and not watch.console_errors, (watch.foreign_requests, watch.console_errors)


def test_a_cell_that_closes_its_worker_is_reported_and_not_replayed(live):
    live.open(FIRST)
    live.start()
    live.set_code(1, "marker = 41")
    assert live.run(1) == "done"
    generation = live.runtime_generation()
    live.set_code(2, "import js\njs.close()")
    assert live.run(2) == "error"
    assert "shut down the Python runtime" in live.live_text(2)
    # A fresh Python, with the cells that had run (not the one that closed it) run again.
    expect(live.page.locator(".live-bar__status")).to_contain_text("a cell shut it down", timeout=RUN_TIMEOUT)
    expect(live.page.locator(".live-bar__status")).to_contain_text("the page's variables are back", timeout=RUN_TIMEOUT)
    assert live.runtime_generation() == generation + 1
    live.set_code(2, "print(marker + 1)")
    assert live.run(2) == "done"
    assert live.live_text(2).strip() == "42"
    live.assert_clean()


def test_a_cell_that_deafens_its_worker_does_not_silence_the_runtime(live):
    live.open(FIRST)
    live.start()
    generation = live.runtime_generation()
    live.set_code(1, "import js\njs.self.onmessage = None\nmarker = 41")
    assert live.run(1) == "done"
    live.set_code(2, "print(marker + 1)")
    assert live.run(2) == "done"
    assert live.live_text(2).strip() == "42"
    assert live.runtime_generation() == generation, "the worker kept listening: no restart was needed"
    live.assert_clean()


def test_messages_posted_by_reader_code_are_not_taken_for_the_runtimes(live):
    live.open(FIRST)
    live.start()
    forged = (
        "import js, time\n"
        "js.postMessage(js.JSON.parse('{\"type\": \"failed\", \"message\": \"forged\"}'))\n"
        "for i in range(5000):\n"
        "    js.postMessage(js.JSON.parse(f'{{\"type\": \"done\", \"id\": {i}, \"error\": null, \"ms\": 1}}'))\n"
        "time.sleep(0.5)\n"
        "print('the real output')"
    )
    live.set_code(1, forged)
    assert live.run(1) == "done"
    assert live.live_text(1).strip() == "the real output"
    expect(live.page.locator(".live-bar__status")).not_to_contain_text("could not be started")
    assert runtime_call(live.page, live.site_url, "runtime.state") == "ready"
    live.assert_clean()


class IsolatingHandler(QuietHandler):
    """The built site as a host that sets COOP/COEP headers (cross-origin isolation)."""

    def end_headers(self):
        self.send_header("Cross-Origin-Opener-Policy", "same-origin")
        self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
        super().end_headers()


@pytest.fixture
def isolated_live(browser, built_site):
    """The built site on a cross-origin-isolated host, a notebook page live with `marker = 41`
    run in its first cell, and a cell left spinning on `code`: a function of code giving
    (page, live, the spinning cell, the runtime's generation before it)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(IsolatingHandler, directory=str(built_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    context, watch = open_context(browser, url, viewport={"width": 1280, "height": 900})
    pages = []

    def spinning(code: str):
        page = context.new_page()
        page.goto(f"{url}notebooks/{FIRST}/")
        assert page.evaluate("crossOriginIsolated"), "the page should be cross-origin isolated"
        live = LivePage(page, watch, url)
        pages.append(live)
        live.start()
        live.set_code(1, "marker = 41")
        assert live.run(1) == "done"
        generation = live.runtime_generation()
        return page, live, live.keep_running(2, code), generation

    try:
        yield spinning
        context.close()
        for live in pages:
            live.assert_clean()
    finally:
        server.shutdown()


def the_variables_are_still_there(live) -> None:
    live.set_code(2, "print(marker + 1)")
    assert live.run(2) == "done"
    assert live.live_text(2).strip() == "42"


def test_on_a_cross_origin_isolated_host_stop_interrupts_without_a_restart(isolated_live):
    page, live, cell, generation = isolated_live("while True:\n    pass")
    page.get_by_role("button", name="Stop", exact=True).click()
    # The signal lands at once; the traceback can take a moment on a loaded machine.
    expect(cell).to_have_attribute("data-live-state", "stopped", timeout=10_000)
    expect(cell.locator(".live-output__error")).to_contain_text("KeyboardInterrupt")
    expect(page.locator(".live-bar__status")).to_contain_text("KeyboardInterrupt")
    # Same Python: no new worker, no replay, the variables are simply still there.
    assert live.runtime_generation() == generation
    the_variables_are_still_there(live)


def test_a_cell_that_swallows_the_interrupt_is_stopped_by_a_restart_and_stop_says_it_is_waiting(isolated_live):
    page, live, cell, generation = isolated_live("while True:\n    try:\n        while True:\n            pass\n"
                                                 "    except KeyboardInterrupt:\n        pass")
    page.get_by_role("button", name="Stop", exact=True).click()
    # The grace runs out while the reader is told what Stop waits for...
    expect(page.locator(".live-bar__status")).to_contain_text("Stopping: waiting for Python")
    # ...then Python restarts, and the cell that had run is run again.
    expect(cell).to_have_attribute("data-live-state", "stopped", timeout=RUN_TIMEOUT)
    expect(page.locator(".live-bar__status")).to_contain_text("the page's variables are back", timeout=RUN_TIMEOUT)
    assert live.runtime_generation() == generation + 1
    the_variables_are_still_there(live)


def test_loading_shows_each_stage_and_keeps_moving(browser, site_url):
    """Downloading, then compiling or starting Python (seconds without news from the
    worker): the stage is named and the bar keeps moving, so it never reads as stuck."""
    context, watch = open_context(browser, site_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{site_url}notebooks/{FIRST}/")
    runtime_call(page, site_url, """{
      window.__stages = [];
      runtime.addEventListener('progress', () => window.__stages.push([runtime.progress.stage, runtime.progress.fraction]));
    }""")
    page.get_by_role("button", name="Run in browser").click()
    expect(page.locator(".live-bar__status")).to_contain_text("is ready", timeout=RUN_TIMEOUT)
    stages = page.evaluate("window.__stages")
    context.close()
    names = [stage for stage, _ in stages]
    assert "Downloading Python" in names and "Starting Python" in names, names
    assert names.index("Downloading Python") < names.index("Starting Python")
    starting = [fraction for stage, fraction in stages if stage == "Starting Python"]
    if len(starting) > 1:  # (a fast machine may start Python within one tick)
        assert all(b > a for a, b in zip(starting, starting[1:])), f"the bar stood still: {starting}"
    fractions = [fraction for _, fraction in stages if fraction is not None]
    assert fractions == sorted(fractions), f"the bar went backwards: {stages}"
    assert not watch.foreign_requests and not watch.console_errors, (watch.foreign_requests, watch.console_errors)


def test_code_and_tracebacks_wrap_on_a_phone(browser, site_url):
    """At 375 px the end of a long line of code and the last line of a traceback are in
    view without scrolling sideways, in the built page and in the live editor."""
    context, watch = open_context(browser, site_url, viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{site_url}notebooks/{FIRST}/")
    sideways = """(selector) => [...document.querySelectorAll(selector)].filter((el) => el.offsetParent)
      .map((el) => el.scrollWidth - el.clientWidth).filter((excess) => excess > 1)"""
    assert page.evaluate(sideways, ".jupyter-wrapper .highlight-ipynb pre, .jupyter-wrapper .jp-RenderedText pre") == []
    page.get_by_role("button", name="Run in browser").click()
    cell = page.locator(".live-cell").first
    content = cell.locator(".cm-content")
    content.click()
    page.keyboard.press("Control+A")
    long_name = "a_value_the_reader_is_meant_to_edit_at_the_very_end_of_a_long_line"
    page.keyboard.insert_text(f"settings = dict(temperature=0.7, top_p=0.95, {long_name}=12345)\nraise ValueError('{long_name} ' * 3)")
    assert page.evaluate(sideways, ".live-editor .cm-scroller") == [], "the editor scrolls sideways"
    box = cell.locator(".cm-line").first.bounding_box()
    assert box["x"] + box["width"] <= 375, box
    cell.get_by_role("button", name="Run", exact=True).click()
    expect(cell).to_have_attribute("data-live-state", "error", timeout=RUN_TIMEOUT)
    error = cell.locator(".live-output__error pre")
    expect(error).to_contain_text("ValueError")
    assert page.evaluate(sideways, ".live-output__error pre") == [], "the traceback scrolls sideways"
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    context.close()
    assert not watch.foreign_requests and not watch.console_errors, (watch.foreign_requests, watch.console_errors)


@pytest.mark.parametrize("name", ["python_stdlib.zip", "python.snapshot.gz"])
def test_a_stalled_standard_library_or_snapshot_fails_after_the_download_stall_limit(browser, site_url, name):
    """The standard library (or Python's memory snapshot) is never answered while the wasm arrives
    and compiles: Python cannot start without it, and the runtime says the download stalled once
    nothing has come for the stall time, not after the minutes a busy stage (compiling, starting)
    may take in silence. Retry loads Python."""
    context, watch, page, held, hold = start_with_a_stalled_download(browser, site_url, name)
    alert = page.locator(".live-bar__status--error")
    expect(alert).to_contain_text("the download stalled", timeout=RUN_TIMEOUT)   # the busy limit is 180 s
    expect(alert).to_contain_text("Retry")
    assert held, f"{name} was never requested"
    context.unroute(f"**/{name}", hold)
    page.get_by_role("button", name="Retry", exact=True).click()
    expect(page.locator(".live-bar__status")).to_contain_text("is ready", timeout=RUN_TIMEOUT)
    cell = page.locator(".live-cell").first
    cell.get_by_role("button", name="Run", exact=True).click()
    expect(cell).to_have_attribute("data-live-state", "done", timeout=RUN_TIMEOUT)
    context.close()
    assert not watch.foreign_requests and not watch.console_errors, (watch.foreign_requests, watch.console_errors)
