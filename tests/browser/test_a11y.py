"""Automated accessibility check: axe-core (a pinned npm devDependency, read
from node_modules by the tests and never copied into the site) run in
Chromium on every page of the specimen site and of the essay, light and
dark, desktop and phone, and on the live notebook and the spectrum in their
interactive states. No violation of impact serious or critical may remain.

axe is put in the page with page.evaluate (the DevTools protocol), which the
page's Content-Security-Policy does not govern: nothing is served.

Rules: the WCAG 2.0/2.1/2.2 A and AA rules and axe's best practices (a dialog
without a name is one), none disabled and none left out for any element
(ELSEWHERE, below, is empty)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import open_context, switch_to_dark

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
SERIOUS = {"serious", "critical"}
LAYOUTS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True},
}
GAN = "Generative Adversarial Networks"
MAP = 2  # the spectrum figure where the author's map can be shown


# Violations in code this check does not own, left to its owners and listed in the
# report: rule -> (the elements it is left out for, as a CSS selector, why). None now:
# the spectrum is checked fully.
ELSEWHERE: dict[str, tuple[str, str]] = {}


def axe_violations(page, where: str) -> list[str]:
    """Serious and critical violations on the page as it is now, one line each."""
    # Colours are read once transitions end (a hovered or focused button fades to its colours).
    page.evaluate(SETTLED)
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    results = page.evaluate("""([tags, elsewhere]) => axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
      .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.filter((n) => {
          const skip = elsewhere[v.id];
          const element = n.target.length === 1 ? document.querySelector(n.target[0]) : null;
          return !(skip && element?.closest(skip));
        }).map((n) => `${n.target.join(' ')}: ${n.failureSummary.replace(/\\s+/g, ' ')}`) })))""",
        [TAGS, {rule: selector for rule, (selector, _) in ELSEWHERE.items()}])
    return [f"{where}: [{v['impact']}] {v['id']} ({v['help']}): {v['nodes'][:4]}"
            for v in results if v["impact"] in SERIOUS and v["nodes"]]


# Every kind of figure a page can hold, and the state it is in once drawn.
FIGURES_DRAWN = {
    "figure.research-spectrum": "[data-ready='true']",
    "figure[data-toy-data]": "[data-toy-state='ready']",
    ".json-figure": ".json-figure--drawn",
    "figure.readers-map[data-readers]": "[data-readers-drawn]",
}
# Resolves once no finite animation or transition has run for a few frames in a row (a
# class change after a scroll starts its transition a frame or two later).
SETTLED = """async () => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  for (let quiet = 0; quiet < 3;) {
    await frame();
    const running = document.getAnimations().filter((a) => a.playState !== "finished"
      && a.effect?.getComputedTiming().endTime !== Infinity);
    quiet = running.length ? 0 : quiet + 1;
    await Promise.all(running.map((a) => a.finished.catch(() => null)));
  }
}"""


def settle(page) -> None:
    """Draw every figure (each draws once the reader scrolls near it), then back to the top,
    every transition ended."""
    for selector, drawn in FIGURES_DRAWN.items():
        figures = page.locator(selector)
        for index in range(figures.count()):
            figures.nth(index).scroll_into_view_if_needed()
            page.wait_for_function("([all, i, drawn]) => document.querySelectorAll(all)[i].matches(drawn)",
                                   arg=[selector, index, selector + drawn], timeout=60_000)
    page.evaluate("scrollTo(0, 0)")
    page.evaluate(SETTLED)


def site_pages(site: Path) -> list[str]:
    pages = [str(path.parent.relative_to(site)) for path in site.rglob("index.html")]
    return sorted("" if path == "." else f"{path}/" for path in pages if not path.startswith("assets"))


def test_axe_core_is_pinned_and_not_served(built_site):
    import json
    lock = json.loads((ROOT / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/axe-core"]["dev"] is True
    assert re.fullmatch(r"\d+\.\d+\.\d+", json.loads((ROOT / "package.json").read_text())["devDependencies"]["axe-core"])
    assert not [path for path in built_site.rglob("*") if "axe" in path.name.lower()], "axe-core was copied into the site"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("layout", list(LAYOUTS))
@pytest.mark.parametrize("site", ["specimen", "essay"])
def test_every_page_has_no_serious_accessibility_violations(request, browser, site, layout, scheme):
    """Every built page of both sites, once every figure has drawn and every transition has
    ended (with reduced motion, as Material then runs none: a fade caught midway is not a colour)."""
    built, url = request.getfixturevalue("served_site" if site == "specimen" else "served_essay")
    context, watch = open_context(browser, url, reduced_motion="reduce", **LAYOUTS[layout])
    page = context.new_page()
    found = []
    for index, path in enumerate(site_pages(built)):
        page.goto(url + path)
        if index == 0 and scheme == "dark":
            switch_to_dark(page)  # (the choice is kept for the next pages)
        expect(page.locator("article h1").first).to_be_visible()
        settle(page)
        found += axe_violations(page, f"{site} /{path} ({layout}, {scheme})")
    context.close()
    assert not found, "\n".join(found)
    assert not watch.console_errors and not watch.foreign_requests, (watch.console_errors, watch.foreign_requests)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_live_notebook_in_its_interactive_states(browser, site_url, scheme):
    context, watch = open_context(browser, site_url, **LAYOUTS["desktop"])
    page = context.new_page()
    page.goto(f"{site_url}notebooks/specimen-decoding/")
    if scheme == "dark":
        switch_to_dark(page)
    page.get_by_role("button", name="Run in browser").click()
    cell = page.locator(".live-cell").first
    expect(cell.locator(".cm-editor")).to_be_visible()
    found = axe_violations(page, f"live notebook, editors shown ({scheme})")
    cell.get_by_role("button", name="Run", exact=True).click()
    expect(cell).to_have_attribute("data-live-state", "done", timeout=90_000)
    cell.get_by_role("button", name="Run", exact=True).focus()  # the focused Run button's contrast
    found += axe_violations(page, f"live notebook, a cell run ({scheme})")
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text("def ratio(a, b):\n    return a / b\n\nratio(1, 0)")
    cell.get_by_role("button", name="Run", exact=True).click()
    expect(cell).to_have_attribute("data-live-state", "error", timeout=90_000)
    found += axe_violations(page, f"live notebook, an error shown ({scheme})")
    context.close()
    assert not found, "\n".join(found)
    assert not watch.console_errors and not watch.foreign_requests, (watch.console_errors, watch.foreign_requests)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_spectrum_in_its_interactive_states(browser, site_url, scheme):
    context, watch = open_context(browser, site_url, **LAYOUTS["desktop"])
    page = context.new_page()
    page.goto(site_url)
    if scheme == "dark":
        switch_to_dark(page)
    fig = page.locator("figure.research-spectrum").nth(MAP)
    fig.scroll_into_view_if_needed()
    expect(fig).to_have_attribute("data-ready", "true", timeout=15_000)
    fig.locator(".spectrum-palette").get_by_role("button", name=re.compile(rf"^{GAN}, ")).click()
    found = axe_violations(page, f"spectrum, a paper placed ({scheme})")
    reveal = fig.get_by_role("button", name="Show the author's map")
    reveal.click()
    expect(reveal).to_have_attribute("aria-pressed", "true")
    found += axe_violations(page, f"spectrum, the author's map shown ({scheme})")
    context.close()
    assert not found, "\n".join(found)
    assert not watch.console_errors and not watch.foreign_requests, (watch.console_errors, watch.foreign_requests)


def luminance(rgb: str) -> float:
    channels = [int(value) / 255 for value in re.findall(r"[\d.]+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_links_focus_rings_and_the_focused_run_button_meet_aa(browser, site_url, scheme):
    """Prose links are underlined and 4.5:1 on the page; focus rings 3:1; a focused Run
    button's label 4.5:1 on its background."""
    context, watch = open_context(browser, site_url, **LAYOUTS["desktop"])
    page = context.new_page()
    page.goto(site_url)
    if scheme == "dark":
        switch_to_dark(page)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    link = page.locator("article p a[href]").first
    style = link.evaluate("(a) => ({ line: getComputedStyle(a).textDecorationLine, color: getComputedStyle(a).color })")
    assert "underline" in style["line"], style
    assert contrast(style["color"], background) >= 4.5, (style, background)
    page.goto(f"{site_url}notebooks/specimen-decoding/")
    page.get_by_role("button", name="Run in browser").click()
    run = page.locator(".live-cell").first.get_by_role("button", name="Run", exact=True)
    page.keyboard.press("Shift")  # the last interaction is the keyboard's: focus shows a ring
    run.focus()
    run.evaluate("(b) => Promise.all(b.getAnimations().map((a) => a.finished))")  # colours settled
    button = run.evaluate("(b) => { const s = getComputedStyle(b); return { fg: s.color, bg: s.backgroundColor, ring: s.outlineColor, width: s.outlineWidth }; }")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    context.close()
    assert run_is_focused_ok(button, background)
    assert not watch.console_errors and not watch.foreign_requests, (watch.console_errors, watch.foreign_requests)


def run_is_focused_ok(button: dict, background: str) -> bool:
    assert button["width"] != "0px", button
    assert contrast(button["fg"], button["bg"]) >= 4.5, button
    assert contrast(button["ring"], background) >= 3, (button, background)
    return True
