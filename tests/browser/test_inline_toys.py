"""The essay's toys in Debian's Chromium answer from the build's grid, with no
Python in the page: no "Run in browser" on the essay, no Pyodide fetched
while the reader plays with the controls. Live Python is one link away, on
the toy's notebook page, and that page runs it (tests/browser/test_live.py
covers the live notebooks themselves)."""
from __future__ import annotations

import re

from playwright.sync_api import expect


def test_the_essays_toys_load_no_python_and_link_to_their_live_notebook(watched, site_url):
    page, watch = watched
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url)
    toys = page.locator("figure.toy")
    expect(toys.first).to_be_visible()
    assert toys.count() >= 2
    # No live cell, no Run button on the essay's toys.
    expect(page.locator("figure.toy .jp-CodeCell")).to_have_count(0)
    expect(page.locator("figure.toy").get_by_role("button", name="Run in browser")).to_have_count(0)
    # Play with a control: the answer comes from the data file, not from Python.
    figure = page.locator("figure#toy-2")
    figure.scroll_into_view_if_needed()
    expect(figure).to_have_attribute("data-toy-state", "ready")
    figure.get_by_label("Steps", exact=True).focus()
    page.keyboard.press("End")
    expect(figure.locator(".toy__plot")).to_have_count(1)
    expect(figure).to_have_attribute("data-toy-point", re.compile(r"^\d+$"))
    assert not [url for url in requests if "pyodide" in url], [url for url in requests if "pyodide" in url]
    assert any("/assets/toys/" in url for url in requests), "the toy's data file was not fetched"

    # The link opens the same toy as a live notebook, by instant navigation.
    notebook = figure.get_attribute("data-notebook")
    link = figure.get_by_role("link", name="Open as a live notebook")
    expect(link).to_have_attribute("href", re.compile(f"notebooks/{notebook}/$"))
    page.evaluate("window.__sameDocument = true")
    link.click()
    expect(page).to_have_url(re.compile(f"notebooks/{notebook}/(#.*)?$"))
    expect(page.get_by_role("button", name="Run in browser")).to_have_count(1)
    expect(page.locator("figure.toy")).to_have_count(0)
    assert page.evaluate("window.__sameDocument === true"), "navigation reloaded the page"
