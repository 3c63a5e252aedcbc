"""Figures in Debian's Chromium: every chart on a notebook page is Plotly JSON in
the page (no script carries it), drawn by the site's one pinned Plotly bundle
when it comes near the viewport, in the colours of the light or dark palette,
after instant navigation too, and readable on a phone."""
from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from conftest import SITE_NOTEBOOKS, horizontal_overflow, open_context

# Every notebook of the site (the author's and the specimen's) for what any notebook must do;
# the specimen's two for the machinery's own tests, so those hold whatever the author writes.
TOYS = SITE_NOTEBOOKS
FIRST, SECOND = "specimen-decoding", "specimen-scaling"
PLOTLY = "assets/vendor/plotly/plotly-cartesian.min.js"
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL)


@pytest.mark.parametrize("toy", TOYS)
def test_notebook_figures_are_json_in_the_page_not_scripts(built_site, toy):
    html = (built_site / "notebooks" / toy / "index.html").read_text(encoding="utf-8")
    figures = re.findall(r'<div class="plotly-figure" data-figure=(["\'])(.*?)\1', html, re.DOTALL)
    assert figures, f"{toy}: no figure JSON in the page (place_for_research.toys.display must emit a text/html part)"
    for _, escaped in figures:
        figure = json.loads(escaped.replace("&quot;", '"').replace("&#x27;", "'").replace("&lt;", "<")
                            .replace("&gt;", ">").replace("&amp;", "&"))
        assert isinstance(figure["data"], list) and isinstance(figure.get("layout", {}), dict)
    for attributes, body in SCRIPT.findall(html):
        if 'type="application/json"' in attributes:
            continue
        assert not re.search(r"plotly|require\(|Plotly\.", body + attributes, re.IGNORECASE), (
            f"{toy}: a script draws or loads a chart itself: <script{attributes}>{body[:200]}")


def scheme(page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def figure_colours(page, index: int = 0) -> dict:
    """The text colour a drawn chart uses, and the page's own."""
    return page.evaluate("""(index) => {
      const plot = document.querySelectorAll('.plotly-figure--drawn .plotly-figure__plot')[index];
      return { chart: plot._fullLayout.font.color, page: getComputedStyle(document.body).getPropertyValue('--md-default-fg-color').trim() };
    }""", index)


def test_figures_are_drawn_lazily_by_the_sites_plotly_in_the_palettes_colours(watched, site_url):
    page, watch = watched
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{site_url}notebooks/{FIRST}/")
    figures = page.locator(".jupyter-wrapper .plotly-figure")
    assert figures.count() >= 1
    first = figures.first
    first.scroll_into_view_if_needed()
    expect(first).to_have_class(re.compile("plotly-figure--drawn"))
    expect(first.locator(".main-svg").first).to_be_visible()
    # A figure is a named figure for assistive technology (its title).
    title = json.loads(first.get_attribute("data-figure"))["layout"]["title"]["text"]
    expect(first).to_have_attribute("role", "figure")
    expect(first).to_have_attribute("aria-label", f"Chart: {title}")
    # Only the site's one Plotly bundle was loaded, once; nothing else chart-related.
    plotly = [url for url in requests if re.search(r"plotly[^/]*\.js$", url, re.IGNORECASE) and not url.endswith("/plotly-loader.js")]
    assert plotly == [f"{site_url}{PLOTLY}"], plotly
    # No "share to Plotly's cloud" button in the mode bar.
    first.hover()
    assert first.locator('.modebar-btn[data-title*="Share"], .modebar-btn[data-attr="sendChartToCloud"]').count() == 0

    light = figure_colours(page)
    assert light["chart"].replace(" ", "") == light["page"].replace(" ", ""), light
    for _ in range(3):  # the palette toggle cycles auto -> light -> dark
        if scheme(page) == "slate":
            break
        page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    assert scheme(page) == "slate"
    page.wait_for_function("""() => {
      const plot = document.querySelector('.plotly-figure--drawn .plotly-figure__plot');
      const page = getComputedStyle(document.body).getPropertyValue('--md-default-fg-color').trim();
      return plot._fullLayout.font.color.replace(/ /g, '') === page.replace(/ /g, '');
    }""")
    dark = figure_colours(page)
    assert dark["chart"] != light["chart"], "the chart kept its light-palette text colour"


def test_figures_are_drawn_after_instant_navigation(watched, site_url):
    page, watch = watched
    page.goto(f"{site_url}notebooks/{FIRST}/")
    page.evaluate("window.__sameDocument = true; document.querySelectorAll('.plotly-figure').forEach((f) => f.dataset.old = '')")
    target = f"{site_url}notebooks/{SECOND}/"
    page.locator(f'.md-nav--primary a.md-nav__link[href="{target}"]').first.click()
    expect(page).to_have_url(target)
    figure = page.locator(".jupyter-wrapper .plotly-figure:not([data-old])").last
    figure.scroll_into_view_if_needed()
    expect(figure).to_have_class(re.compile("plotly-figure--drawn"))
    assert page.evaluate("window.__sameDocument === true"), "navigation reloaded the page"
    assert page.evaluate("document.querySelectorAll('.plotly-figure--drawn .main-svg').length") >= 1


def test_figures_fit_a_phone(browser, site_url):
    context, watch = open_context(browser, site_url, viewport={"width": 375, "height": 740},
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{site_url}notebooks/{FIRST}/")
    for figure in page.locator(".jupyter-wrapper .plotly-figure").all():
        figure.scroll_into_view_if_needed()
        expect(figure).to_have_class(re.compile("plotly-figure--drawn"))
        box = figure.locator(".main-svg").first.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375, box
        # The legend sits under the plot, not over it; no mode bar over the title.
        legend, plot = figure.locator(".legend"), figure.locator(".cartesianlayer .xy").first
        if legend.count():
            assert legend.bounding_box()["y"] >= plot.bounding_box()["y"] + plot.bounding_box()["height"]
        expect(figure.locator(".modebar")).to_have_count(0)
    overflow = horizontal_overflow(page)
    context.close()
    assert overflow <= 0, f"the page is {overflow}px wider than the phone"
    assert not watch.console_errors and not watch.foreign_requests, (watch.console_errors, watch.foreign_requests)


def test_notebook_maths_is_typeset_at_build_by_the_sites_katex(watched, site_url, built_site):
    """The notebooks' $…$ TeX is typeset when the site is built (notebook_math; nbconvert's MathJax
    came from a CDN): the page holds the formulas, the browser evaluates no maths script (KaTeX's
    was a long task), and KaTeX's stylesheet and fonts come from the site."""
    built = (built_site / "notebooks" / "specimen-scaling" / "index.html").read_text(encoding="utf-8")
    assert built.count('<span class="katex">') >= 3 and "\\alpha$" not in built
    page, watch = watched
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + "notebooks/specimen-scaling/")
    expect(page.locator(".jp-RenderedMarkdown .katex").first).to_be_visible()
    assert page.locator(".jp-RenderedMarkdown .katex").count() >= 3
    text = page.locator(".jupyter-wrapper .jp-RenderedMarkdown").first.inner_text()
    assert "\\alpha" not in text and "$" not in text, "raw TeX left on the page"
    page.evaluate("() => document.fonts.ready")
    fonts = page.evaluate("() => performance.getEntriesByType('resource').map(r => r.name).filter(n => n.includes('KaTeX'))")
    assert fonts and all(name.startswith(site_url) for name in fonts)
    assert not [url for url in requests if "katex" in url and url.endswith(".js")], requests


# Animation frames (their start times) and figure draws, recorded from the start of the page.
FRAMES = """
window.__frames = [];
const tick = (time) => { window.__frames.push(time); requestAnimationFrame(tick); };
requestAnimationFrame(tick);
"""


def plotly_requests(requests) -> list[str]:
    return [url for url in requests if url.endswith(PLOTLY)]


def test_plotly_is_evaluated_only_when_a_chart_nears_the_viewport(browser, site_url):
    """The chart library is one long task to evaluate: a page pays it only once a chart is
    within reach (600 px), not on load nor when the browser is idle. (A spacer put in
    the page as it loads keeps the notebook's figure far below the window.)"""
    context, watch = open_context(browser, site_url, viewport={"width": 1280, "height": 900})
    context.add_init_script("""
      new MutationObserver((_, observer) => {
        const article = document.querySelector('article');
        if (!article) return;
        observer.disconnect();
        article.prepend(Object.assign(document.createElement('div'), { id: 'spacer', style: 'height: 3000px' }));
      }).observe(document, { childList: true, subtree: true });
    """)
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{site_url}notebooks/{FIRST}/")
    nearest = page.evaluate("""() => Math.min(...[...document.querySelectorAll('.plotly-figure, figure.research-spectrum')]
      .map((chart) => chart.getBoundingClientRect()).map((box) => Math.max(box.top - innerHeight, -box.bottom)))""")
    assert nearest > 700, f"a chart is {nearest:.0f} px from the window: not a place to test this"
    page.evaluate("() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 5000 }))")
    page.wait_for_timeout(1500)  # (the old code warmed Plotly up as soon as the browser was idle)
    assert plotly_requests(requests) == [] and page.evaluate("typeof window.Plotly") == "undefined"
    figure = page.locator(".plotly-figure").first
    figure.scroll_into_view_if_needed()
    expect(figure).to_have_class(re.compile("plotly-figure--drawn"))
    assert len(plotly_requests(requests)) == 1
    context.close()
    assert not watch.console_errors and not watch.foreign_requests, (watch.console_errors, watch.foreign_requests)


def test_figures_are_drawn_one_per_frame(browser, site_url):
    """Several figures come near at once (the reader jumps to a page's end): each is
    drawn in an animation frame of its own."""
    context, watch = open_context(browser, site_url, viewport={"width": 1280, "height": 900})
    context.add_init_script(FRAMES)
    page = context.new_page()
    page.goto(f"{site_url}#references")
    # Three figures at once, at the top of the essay (off screen at #references).
    page.evaluate("""() => {
      const figure = JSON.stringify({ data: [{ type: "scatter", x: [1, 2, 3], y: [3, 1, 2] }], layout: {} });
      for (let i = 0; i < 3; i += 1) {
        const div = Object.assign(document.createElement("div"), { className: "plotly-figure", id: `copy-${i}` });
        div.dataset.figure = figure;
        document.querySelector("article h1").after(div);
      }
    }""")
    page.evaluate(f"() => import('{site_url}assets/js/figures.js').then((m) => m.mountFigures(document))")
    page.locator(".plotly-figure").first.scroll_into_view_if_needed()
    figures = page.locator(".plotly-figure")
    assert figures.count() == 3
    for figure in figures.all():
        figure.scroll_into_view_if_needed()
        expect(figure).to_have_class(re.compile("plotly-figure--drawn"))
    draws = page.evaluate("performance.getEntriesByName('figure: draw').map((entry) => entry.startTime)")
    frames = page.evaluate("window.__frames")
    context.close()
    assert len(draws) == 3, draws
    frame_of = [sum(1 for time in frames if time <= start) for start in sorted(draws)]
    assert len(set(frame_of)) == len(frame_of), f"two figures drawn in one frame: draws {draws}, frames {frame_of}"
    assert not watch.console_errors and not watch.foreign_requests, (watch.console_errors, watch.foreign_requests)
