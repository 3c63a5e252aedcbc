"""A toy whose data file does not fit its page says what is wrong beside the figure (in Debian's
Chromium, on the specimen page, the data file served cut as an attacker or a stale cache would)."""
from __future__ import annotations

import json
import re

from conftest import open_context
from playwright.sync_api import expect

TOY = "toy-2"


def serve_changed(context, built_site, site_url, figure_data: str, change) -> None:
    """Serve the toy's data file changed by `change` (a function of the parsed file)."""
    payload = json.loads((built_site / figure_data).read_text(encoding="utf-8"))
    body = json.dumps(change(payload))
    context.route(site_url + figure_data, lambda route: route.fulfill(status=200, content_type="application/json", body=body))


def cut_control(name: str):
    """A change that cuts the control to 3 values and keeps the points of those values (as the
    issue's grid: a control cut to 3, the points to match), so the grid itself is consistent."""
    def change(payload: dict) -> dict:
        sizes = [len(c["values"]) for c in payload["controls"]]
        at = [c["name"] for c in payload["controls"]].index(name)
        stride = 1
        for size in sizes[at + 1:]:
            stride *= size
        payload["points"] = [p for i, p in enumerate(payload["points"]) if (i // stride) % sizes[at] < 3]
        control = payload["controls"][at]
        control["values"] = control["values"][:3]
        control["default"] = min(control["default"], 2)
        return payload
    return change


def shown_control(built_site) -> str:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    figure = html[html.index(f'id="{TOY}"'):]
    return re.search(r'<input type="range"[^>]*data-control="([^"]+)"', figure[:figure.index("</figure>")]).group(1)


def open_toy(browser, site_url, built_site, change):
    context, watch = open_context(browser, site_url)
    tag = re.search(rf'<figure[^>]*id="{TOY}"[^>]*>', (built_site / "index.html").read_text(encoding="utf-8")).group(0)
    serve_changed(context, built_site, site_url, re.search(r'data-toy-data="([^"]+)"', tag).group(1), change)
    page = context.new_page()
    page.goto(site_url)
    figure = page.locator(f"figure#{TOY}")
    figure.scroll_into_view_if_needed()
    expect(figure).to_have_attribute("data-toy-state", "failed")
    return context, watch, page, figure


def test_a_grid_cut_short_is_refused_with_a_message_and_end_throws_nothing(browser, site_url, built_site):
    name = shown_control(built_site)
    context, watch, page, figure = open_toy(browser, site_url, built_site, cut_control(name))
    status = figure.locator(".toy__status")
    expect(status).to_contain_text("has 3 values where this page offers")
    control = figure.locator(f'input[data-control="{name}"]')
    control.focus()
    page.keyboard.press("End")
    expect(status).to_contain_text("The controls are unavailable")
    context.close()
    assert not watch.console_errors, watch.console_errors   # no uncaught RangeError


def test_a_grid_without_figures_says_so_instead_of_drawing_empty_axes(browser, site_url, built_site):
    def empty(payload):
        payload["figures"] = {}
        return payload
    context, watch, page, figure = open_toy(browser, site_url, built_site, empty)
    expect(figure.locator(".toy__status")).to_contain_text("holds no figures")
    context.close()
    assert not watch.console_errors, watch.console_errors
