"""The essay's toy previews in Debian's Chromium: each is a one-cell notebook
whose code draws its figure, with a compact "Run in browser" bar. Run live,
the code draws the figure the build drew; edited, it draws another; Reset
brings the build's code and figure back. Every preview has its own bar and
namespace on the one shared Python, a Stop in one leaves the others
working, and the cells fit a phone.
"""
from __future__ import annotations

import json
import re

from playwright.sync_api import expect

from conftest import horizontal_overflow, open_context, same_figure

RUN_TIMEOUT = 90_000  # ms: a cold Pyodide start plus a toy's run, on a slow shared machine
TERMINAL = re.compile(r"^(done|error|stopped)$")


def figure_json(locator) -> dict:
    return json.loads(locator.get_attribute("data-figure"))


class Preview:
    """One toy preview of the essay: a figure.toy-preview and its one live cell."""

    def __init__(self, page, index: int):
        self.page = page
        self.figure = page.locator("figure.toy-preview").nth(index)
        self.cell = self.figure.locator(".jp-CodeCell")

    def button(self, name: str):
        return self.figure.get_by_role("button", name=name, exact=True)

    def start(self) -> None:
        self.button("Run in browser").click()
        expect(self.figure.locator(".live-cell .cm-editor")).to_have_count(1)

    def editor(self):
        """The code, as assistive technology finds it: a named text box."""
        return self.figure.get_by_role("textbox", name=re.compile(r"^Code of the toy demo"))

    def set_code(self, code: str) -> None:
        content = self.figure.locator(".cm-content")
        content.click()
        self.page.keyboard.press("Control+A")
        self.page.keyboard.insert_text(code)  # as typed, without auto-indent
        expect(content).to_have_text(code.replace("\n", ""), use_inner_text=False)

    def run(self) -> str:
        self.button("Run").click()
        expect(self.cell).to_have_attribute("data-live-state", TERMINAL, timeout=RUN_TIMEOUT)
        return self.cell.get_attribute("data-live-state")

    def built_figure(self):
        """The build-time figure (it may be borrowed by a live output whose JSON is the very same)."""
        return self.figure.locator(".plotly-figure").first

    def live_figures(self):
        return self.figure.locator(".live-output .plotly-figure")


def test_a_preview_runs_its_code_live_edits_change_it_and_reset_restores_it(watched, site_url):
    page, watch = watched
    page.goto(site_url)
    previews = page.locator("figure.toy-preview")
    expect(previews.first).to_be_visible()
    preview = Preview(page, 0)
    notebook = preview.figure.get_attribute("data-notebook")
    module = notebook.replace("-", "_")
    built = preview.built_figure().get_attribute("data-figure")
    # Before anything runs: the code is on the page, as text, and draws the figure.
    code = preview.figure.locator(".highlight-ipynb pre").inner_text().rstrip("\n")
    assert f"from place_for_research.toys import {module} as toy" in code, code
    assert "show(toy.run(seed=0)" in code, code
    expect(preview.figure.locator("figcaption a")).to_have_attribute("href", re.compile(f"notebooks/{notebook}/$"))

    preview.start()
    editor = preview.editor()
    expect(editor).to_be_visible()
    expect(editor).to_have_text(code.replace("\n", ""), use_inner_text=False)
    expect(preview.figure.locator(".highlight-ipynb")).to_be_hidden()
    for name in ("Run", "Stop", "Reset"):
        expect(preview.button(name)).to_be_visible()

    # Run as built: the live figure is the build's figure.
    assert preview.run() == "done", preview.figure.locator(".live-output").inner_text()
    live = preview.live_figures()
    expect(live).to_have_count(1)
    same_figure(json.loads(built), figure_json(live.first), notebook)
    live.first.scroll_into_view_if_needed()
    expect(live.first).to_have_class(re.compile("plotly-figure--drawn"))
    expect(live.first.locator(".main-svg").first).to_be_visible()

    # Edited (another seed): another figure.
    preview.set_code(code.replace("seed=0", "seed=1"))
    expect(preview.cell).to_have_class(re.compile("live-cell--edited"))
    assert preview.run() == "done", preview.figure.locator(".live-output").inner_text()
    expect(live).to_have_count(1)
    edited = figure_json(live.first)
    assert edited["data"] != json.loads(built)["data"], "seed=1 drew the seed=0 figure"
    expect(live.first).to_have_class(re.compile("plotly-figure--drawn"))

    # Shift+Enter runs it too.
    preview.set_code("print('by keyboard')")
    page.keyboard.press("Shift+Enter")
    expect(preview.figure.locator(".live-output")).to_have_text("by keyboard\n", timeout=RUN_TIMEOUT)
    expect(preview.cell).to_have_attribute("data-live-state", "done")

    # Reset: the original code and the build-time figure are back.
    preview.button("Reset").click()
    expect(editor).to_have_text(code.replace("\n", ""), use_inner_text=False)
    expect(preview.figure.locator(".live-output")).to_have_count(0)
    expect(preview.cell).not_to_have_class(re.compile("live-cell--edited"))
    expect(preview.figure.locator(".plotly-figure")).to_have_count(1)
    assert preview.built_figure().get_attribute("data-figure") == built
    expect(preview.built_figure()).to_be_visible()
    # The other previews were left as built, each with its own bar.
    expect(page.locator("figure.toy-preview .live-bar")).to_have_count(previews.count())
    expect(page.locator("figure.toy-preview .live-bar__start:visible")).to_have_count(previews.count() - 1)


PREVIEW = re.compile(r'<figure class="toy-preview".*?</figure>', re.DOTALL)


def with_two_previews(page, url: str) -> None:
    """Serve the page at url with its first toy preview twice if it has only one."""
    def fulfil(route):
        response = route.fetch()
        body = response.text()
        previews = PREVIEW.findall(body)
        if len(previews) == 1:
            body = body.replace(previews[0], previews[0] * 2, 1)
        route.fulfill(response=response, body=body)
    page.route(url, fulfil)


def test_stop_in_one_preview_leaves_the_others_working(watched, site_url):
    page, watch = watched
    with_two_previews(page, site_url)
    page.goto(site_url)
    expect(page.locator("figure.toy-preview .live-bar")).to_have_count(page.locator("figure.toy-preview").count())
    assert page.locator("figure.toy-preview").count() >= 2
    first, second = Preview(page, 0), Preview(page, 1)
    first.start()
    first.set_code("while True:\n    pass")
    first.button("Run").click()
    expect(first.cell).to_have_attribute("data-live-state", "running", timeout=RUN_TIMEOUT)

    # The second preview queues behind the loop; its Stop drops only its own cell.
    second.start()
    second.button("Run").click()
    expect(second.cell).to_have_attribute("data-live-state", "queued")
    second.button("Stop").click()
    expect(second.cell).to_have_attribute("data-live-state", "")
    page.wait_for_timeout(300)
    expect(first.cell).to_have_attribute("data-live-state", "running")

    # Queued again, then the first preview's Stop: the loop ends, the second still runs.
    second.button("Run").click()
    expect(second.cell).to_have_attribute("data-live-state", "queued")
    first.button("Stop").click()
    expect(first.cell).to_have_attribute("data-live-state", "stopped", timeout=5000)
    expect(first.figure.locator(".live-output")).to_contain_text("Stopped.")
    expect(second.cell).to_have_attribute("data-live-state", TERMINAL, timeout=RUN_TIMEOUT)
    assert second.cell.get_attribute("data-live-state") == "done", second.figure.locator(".live-output").inner_text()
    expect(second.live_figures()).to_have_count(1)
    # And the first one runs again, its own code back after Reset.
    first.button("Reset").click()
    assert first.run() == "done", first.figure.locator(".live-output").inner_text()


def test_previews_fit_a_phone_and_their_code_wraps(browser, site_url):
    """(Issue 11 item 4: on a phone a long line of code wraps, so its end, the value a
    reader edits, is in view without scrolling sideways.)"""
    context, watch = open_context(browser, site_url, viewport={"width": 375, "height": 740},
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_url)
    preview = Preview(page, 0)
    preview.figure.scroll_into_view_if_needed()
    static = preview.figure.locator(".highlight-ipynb pre")
    assert page.evaluate("(pre) => pre.scrollWidth <= pre.clientWidth", static.element_handle()), "the code scrolls sideways"
    preview.start()
    scroller = preview.figure.locator(".cm-scroller")
    sizes = page.evaluate("""(scroller) => ({ scroll: scroller.scrollWidth, client: scroller.clientWidth,
        right: scroller.getBoundingClientRect().right, figure: scroller.closest('figure').getBoundingClientRect().right })""",
                          scroller.element_handle())
    assert sizes["scroll"] <= sizes["client"] + 1, sizes  # the long line wraps in the editor...
    assert sizes["right"] <= sizes["figure"], sizes  # ...which stays inside the figure
    for name in ("Run", "Stop", "Reset"):
        box = preview.button(name).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375, (name, box)
    overflow = horizontal_overflow(page)
    context.close()
    assert overflow <= 0, f"the page is {overflow}px wider than the phone"
    assert not watch.console_errors and not watch.foreign_requests, (watch.console_errors, watch.foreign_requests)


def test_instant_navigation_mounts_the_bars_of_each_page_once(watched, site_url):
    page, watch = watched
    page.goto(site_url)
    count = page.locator("figure.toy-preview").count()
    expect(page.locator(".live-bar")).to_have_count(count)
    Preview(page, 0).start()
    page.evaluate("window.__sameDocument = true")
    target = f"{site_url}notebooks/specimen-scaling/"  # a notebook page the specimen site always has
    page.locator(f'.md-nav--primary a.md-nav__link[href="{target}"]').first.click()
    expect(page).to_have_url(target)
    expect(page.locator(".live-bar")).to_have_count(1)  # a notebook page: one notebook, one bar
    expect(page.locator(".live-bar--compact")).to_have_count(0)
    page.go_back()
    expect(page).to_have_url(re.compile(f"^{re.escape(site_url)}(#.*)?$"))  # (Material tracks the section read in the URL)
    expect(page.locator(".live-bar")).to_have_count(count)
    expect(page.locator(".live-bar__start:visible")).to_have_count(count)
    assert page.evaluate("window.__sameDocument === true"), "navigation reloaded the page"
