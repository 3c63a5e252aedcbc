"""Shared fixtures: two sites built once per run and served on localhost, and
a real Chromium (Debian's, driven by Playwright) that fails a test on any
console error or any request that leaves the local server.

- The specimen site (`built_site`, `site_url`): this project's machinery
  (mkdocs.yml, hooks, fences, docs/assets, the toy package) with the fixed
  page, data and notebooks of tests/specimen. The machinery's tests use it,
  so they pass whatever an author writes in docs/. (Its data files are a
  frozen copy of the essay's, on purpose: the tests name those papers.)
- The essay site (`essay_site`, `essay_url`): the author's own site, as
  `make build` makes it. Tests of properties every essay must have use it.
"""
from __future__ import annotations

import json
import math
import subprocess
from pathlib import Path

import pytest
import support
from playwright.sync_api import expect
from place_for_research.builder import build_context
from place_for_research.data import readers
from place_for_research.data.catalogue import load_site_data
# What the scripts share with the tests lives in support.py; the tests import these names from here too.
from support import (CHROMIUM_ARGS, ROOT, SITE_NOTEBOOKS, SPECIMEN, PageWatch, QuietHandler,  # noqa: F401
                     build_and_serve, build_site, notebook_names, open_context, serve, specimen_project)

# A state a test waits for (expect(...)) may take seconds to come on a machine whose cores are
# all busy (CI runs the suite beside other jobs): Playwright's 5 s default is a bet on an idle
# machine. Waits end as soon as the state holds, so a generous limit costs nothing when it passes.
expect.set_options(timeout=20_000)


def served(tmp_path_factory, name: str, config_for):
    """Build a site into a fresh folder and serve it: (server, site folder, url), or fail the run."""
    folder = tmp_path_factory.mktemp(name)
    (folder / "site").mkdir()
    try:
        server, url = build_and_serve(folder / "site", config_for(folder))
    except RuntimeError as error:
        pytest.fail(str(error))
    return server, folder / "site", url


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    server, site, url = served(tmp_path_factory, "specimen", specimen_project)
    yield site, url
    server.shutdown()


@pytest.fixture(scope="session")
def built_site(served_site) -> Path:
    return served_site[0]


@pytest.fixture(scope="session")
def site_url(served_site) -> str:
    return served_site[1]


@pytest.fixture(scope="session")
def served_essay(tmp_path_factory):
    server, site, url = served(tmp_path_factory, "essay", lambda folder: ROOT / "mkdocs.yml")
    yield site, url
    server.shutdown()


@pytest.fixture(scope="session")
def essay_site(served_essay) -> Path:
    return served_essay[0]


@pytest.fixture(scope="session")
def essay_url(served_essay) -> str:
    return served_essay[1]


def chromium_path() -> str:
    try:
        return support.chromium_path()
    except RuntimeError as error:
        pytest.fail(str(error))


class RelaunchingBrowser:
    """Playwright's Browser, launched again whenever the last one has died.

    Chromium can crash or be killed mid-run; one dead browser must cost at most
    the test that was using it, not every test after it. Before each new context
    or page this checks the browser is still connected and, if not (or if asking
    it for a context fails because it has just gone), starts a fresh one. Anything
    else (version, contexts, ...) is passed through to the current browser."""

    def __init__(self, playwright):
        self._playwright = playwright
        self._browser = None
        self.launches = 0

    @property
    def current(self):
        """The live browser, launched now if there is none."""
        if self._browser is None or not self._browser.is_connected():
            self._browser = self._playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            self.launches += 1
        return self._browser

    def new_context(self, **options):
        return self._from_live_browser("new_context", options)

    def new_page(self, **options):
        return self._from_live_browser("new_page", options)

    def _from_live_browser(self, method: str, options: dict):
        browser = self.current
        try:
            return getattr(browser, method)(**options)
        except Exception:
            if browser.is_connected():
                raise  # a real error in the options or the browser, not a dead process
            return getattr(self.current, method)(**options)

    def close(self):
        if self._browser is not None and self._browser.is_connected():
            self._browser.close()

    def __getattr__(self, name):
        return getattr(self.current, name)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = RelaunchingBrowser(playwright)
        yield browser
        browser.close()


def color_scheme(page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def switch_to_dark(page) -> None:
    """Click Material's palette toggle (it cycles auto, light, dark) until the page is dark."""
    for _ in range(3):
        if color_scheme(page) == "slate":
            break
        page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    assert color_scheme(page) == "slate"


def horizontal_overflow(page) -> int:
    """How many pixels wider than the window the page is (0 or less: it fits)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def figures_at(payload: dict, wanted: list[tuple[int, str]]) -> list[dict]:
    """The figures of a toy's data file at (point index, figure name), as the page reads
    them: by grid.js's figureAt, run in node (one run for the whole list)."""
    done = subprocess.run(["node", str(ROOT / "tests" / "js" / "grid-figures-cli.mjs")], capture_output=True,
                          text=True, timeout=120, input=json.dumps({"payload": payload, "wanted": wanted}))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def same_figure(built, live, path="figure") -> None:
    """Plotly figure JSON equal, numbers to 1e-9 relative (or the 4-decimal rounding
    the toys use): CPython's and Pyodide's libm may differ in the last bit."""
    if isinstance(built, dict) and isinstance(live, dict):
        assert built.keys() == live.keys(), f"{path}: keys {sorted(built)} != {sorted(live)}"
        for key in built:
            same_figure(built[key], live[key], f"{path}.{key}")
    elif isinstance(built, list) and isinstance(live, list):
        assert len(built) == len(live), f"{path}: {len(built)} items != {len(live)}"
        for i, (a, b) in enumerate(zip(built, live)):
            same_figure(a, b, f"{path}[{i}]")
    elif isinstance(built, (int, float)) and isinstance(live, (int, float)) and not isinstance(built, bool):
        assert math.isclose(built, live, rel_tol=1e-9, abs_tol=1.0001e-4), f"{path}: {built} != {live}"
    else:
        assert built == live, f"{path}: {built!r} != {live!r}"


@pytest.fixture
def watched(browser, site_url):
    """(page, watch): a page in a fresh context; the test fails on console errors or foreign requests."""
    context, watch = open_context(browser, site_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page, watch
    context.close()
    assert not watch.foreign_requests, f"requests to other origins: {watch.foreign_requests}"
    assert not watch.console_errors, f"console errors: {watch.console_errors}"


@pytest.fixture
def page(watched):
    return watched[0]


@pytest.fixture
def specimen_context(monkeypatch):
    """What the hooks set up for the fences: the specimen's data, the project's cache (as a build has)."""
    monkeypatch.setattr(build_context, "_page_citations", ())
    monkeypatch.setattr(build_context, "_cache_dir", ROOT / ".cache")
    monkeypatch.setattr(build_context, "_current", load_site_data(
        SPECIMEN / "docs" / "data" / "papers.yml", SPECIMEN / "docs" / "data" / "taxonomy.yml"))
    monkeypatch.setattr(build_context, "_readers", readers.empty())  # the readers' map (none here)
