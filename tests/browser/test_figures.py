"""Figures in Debian's Chromium: every chart on a notebook page is Plotly JSON in
the page (no script carries it), drawn when it comes near the viewport by the
site's own assets/js/draw-svg.js (the toys' figures: no chart library loaded)
or, for a figure outside that subset, by the site's one pinned Plotly bundle;
in the colours of the light or dark palette, after instant navigation too,
and readable on a phone (text at 12 px or more)."""
from __future__ import annotations

import json
import re
import subprocess

import pytest
from playwright.sync_api import expect

from conftest import ROOT, SITE_NOTEBOOKS, horizontal_overflow, open_context

# Every notebook of the site (the author's and the specimen's) for what any notebook must do;
# the specimen's two for the machinery's own tests, so those hold whatever the author writes.
TOYS = SITE_NOTEBOOKS
FIRST, SECOND = "specimen-decoding", "specimen-scaling"
PLOTLY = "assets/vendor/plotly/plotly-cartesian.min.js"
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL)


@pytest.mark.parametrize("toy", TOYS)
def test_notebook_figures_are_json_in_the_page_not_scripts(built_site, toy):
    html = (built_site / "notebooks" / toy / "index.html").read_text(encoding="utf-8")
    figures = re.findall(r'<div class="json-figure" data-figure=(["\'])(.*?)\1', html, re.DOTALL)
    assert figures, f"{toy}: no figure JSON in the page (place_for_research.toys.display must emit a text/html part)"
    for _, escaped in figures:
        figure = json.loads(html_unescape(escaped))
        assert isinstance(figure["data"], list) and isinstance(figure.get("layout", {}), dict)
    # Every one is in the subset the site draws itself (draw-svg.js's canDraw): the page needs no Plotly.
    jobs = [{"figure": json.loads(html_unescape(escaped))} for _, escaped in figures]
    done = subprocess.run(["node", str(ROOT / "tests" / "js" / "draw-svg-cli.mjs")], input=json.dumps(jobs),
                          capture_output=True, text=True, check=True)
    assert all(drawn["canDraw"] for drawn in json.loads(done.stdout)), f"{toy}: a figure draw-svg.js cannot draw"
    for attributes, body in SCRIPT.findall(html):
        if 'type="application/json"' in attributes:
            continue
        assert not re.search(r"plotly|require\(|Plotly\.", body + attributes, re.IGNORECASE), (
            f"{toy}: a script draws or loads a chart itself: <script{attributes}>{body[:200]}")


def html_unescape(text: str) -> str:
    return text.replace("&quot;", '"').replace("&#x27;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def scheme(page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


# In the page: an SVG figure's colours (title or label text, tick text, axis) and the palette's.
SVG_COLOURS = """(svg) => {
  const resolved = (name) => { const d = document.createElement('div'); d.style.color = `var(${name})`;
    document.body.append(d); const v = getComputedStyle(d).color; d.remove(); return v; };
  const style = (selector) => getComputedStyle(svg.querySelector(selector));
  return { text: style('.toy-svg__title, .toy-svg__label').fill, tick: style('.toy-svg__tick').fill, axis: style('.toy-svg__axis').stroke,
           foreground: resolved('--md-default-fg-color'), muted: resolved('--md-default-fg-color--light') };
}"""

# In the page: the smallest text of an SVG figure, in CSS pixels on the screen.
SMALLEST_TEXT = """(svg) => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return Math.min(...[...svg.querySelectorAll("text")].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale));
}"""


def to_dark(page) -> None:
    for _ in range(3):  # the palette toggle cycles auto -> light -> dark
        if scheme(page) == "slate":
            break
        page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    assert scheme(page) == "slate"


def test_notebook_figures_are_drawn_lazily_by_the_site_itself_in_the_palettes_colours(watched, site_url):
    page, watch = watched
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{site_url}notebooks/{FIRST}/")
    figures = page.locator(".jupyter-wrapper .json-figure")
    assert figures.count() >= 1
    first = figures.first
    first.scroll_into_view_if_needed()
    expect(first).to_have_class(re.compile("json-figure--drawn"))
    # A figure is a named figure for assistive technology (its title), its drawing an image.
    title = json.loads(first.get_attribute("data-figure"))["layout"]["title"]["text"]
    expect(first).to_have_attribute("role", "figure")
    expect(first).to_have_attribute("aria-label", f"Chart: {title}")
    svg = first.get_by_role("img", name=f"Chart: {title}")
    expect(svg).to_be_visible()
    expect(svg).to_have_class(re.compile(r"\btoy-svg\b"))
    # Drawn at its container's width: one unit of the SVG is one CSS pixel.
    assert page.evaluate("(svg) => Math.abs(svg.viewBox.baseVal.width - svg.getBoundingClientRect().width)",
                         svg.element_handle()) <= 1
    for figure in figures.all():
        figure.scroll_into_view_if_needed()
        expect(figure).to_have_class(re.compile("json-figure--drawn"))
    # The toys' figures need no chart library: Plotly is neither requested nor evaluated.
    assert plotly_requests(requests) == [] and page.evaluate("typeof window.Plotly") == "undefined"

    light = page.evaluate(SVG_COLOURS, svg.element_handle())
    assert (light["text"], light["tick"], light["axis"]) == (light["foreground"], light["muted"], light["muted"]), light
    to_dark(page)
    dark = page.evaluate(SVG_COLOURS, svg.element_handle())
    assert (dark["text"], dark["tick"], dark["axis"]) == (dark["foreground"], dark["muted"], dark["muted"]), dark
    assert dark["text"] != light["text"], "the figure kept its light-palette text colour"


def test_a_figure_outside_the_subset_is_drawn_by_the_sites_plotly_when_near(watched, site_url):
    """A heatmap (say, from a reader's own live code) is beyond draw-svg.js: the site's one
    Plotly bundle draws it, loaded only then and once, in the palette's colours, without
    Plotly's "share to the cloud" button."""
    page, watch = watched
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{site_url}notebooks/{FIRST}/")
    page.evaluate("() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 5000 }))")
    assert plotly_requests(requests) == []
    page.evaluate(f"""() => import('{site_url}assets/js/json-figures.js').then(({{ showFigure }}) => {{
      const element = Object.assign(document.createElement('div'), {{ className: 'json-figure', id: 'heatmap' }});
      const spacer = Object.assign(document.createElement('div'), {{ style: 'height: 3000px' }});  // far below the window
      document.querySelector('article').append(spacer, element);
      showFigure(element, {{ data: [{{ type: 'heatmap', z: [[1, 2], [3, 4]] }}], layout: {{ title: {{ text: 'A heatmap' }} }} }});
    }})""")
    assert plotly_requests(requests) == [], "Plotly was requested before the figure came near"
    heatmap = page.locator("#heatmap")
    heatmap.scroll_into_view_if_needed()
    expect(heatmap).to_have_class(re.compile("json-figure--drawn"))
    expect(heatmap).to_have_attribute("data-drawn-by", "plotly")
    expect(heatmap.locator(".main-svg").first).to_be_visible()
    expect(heatmap).to_have_attribute("aria-label", "Chart: A heatmap")
    plotly = [url for url in requests if re.search(r"plotly[^/]*\.js$", url, re.IGNORECASE) and not url.endswith("/plotly-loader.js")]
    assert plotly == [f"{site_url}{PLOTLY}"], plotly
    heatmap.hover()
    assert heatmap.locator('.modebar-btn[data-title*="Share"], .modebar-btn[data-attr="sendChartToCloud"]').count() == 0
    colours = """() => ({ chart: document.querySelector('#heatmap .json-figure__plot')._fullLayout.font.color.replace(/ /g, ''),
      page: getComputedStyle(document.body).getPropertyValue('--md-default-fg-color').trim().replace(/ /g, '') })"""
    light = page.evaluate(colours)
    assert light["chart"] == light["page"], light
    to_dark(page)
    heatmap.scroll_into_view_if_needed()
    page.wait_for_function(f"() => {{ const c = ({colours})(); return c.chart === c.page; }}")
    assert page.evaluate(colours)["chart"] != light["chart"], "the chart kept its light-palette text colour"
    assert not watch.console_errors and not watch.foreign_requests, (watch.console_errors, watch.foreign_requests)


def test_figures_are_drawn_after_instant_navigation(watched, site_url):
    page, watch = watched
    page.goto(f"{site_url}notebooks/{FIRST}/")
    page.evaluate("window.__sameDocument = true; document.querySelectorAll('.json-figure').forEach((f) => f.dataset.old = '')")
    target = f"{site_url}notebooks/{SECOND}/"
    page.locator(f'.md-nav--primary a.md-nav__link[href="{target}"]').first.click()
    expect(page).to_have_url(target)
    figure = page.locator(".jupyter-wrapper .json-figure:not([data-old])").last
    figure.scroll_into_view_if_needed()
    expect(figure).to_have_class(re.compile("json-figure--drawn"))
    assert page.evaluate("window.__sameDocument === true"), "navigation reloaded the page"
    expect(figure.locator("svg.toy-svg")).to_be_visible()


def test_figures_fit_a_phone(browser, site_url):
    context, watch = open_context(browser, site_url, viewport={"width": 375, "height": 740},
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{site_url}notebooks/{FIRST}/")
    for figure in page.locator(".jupyter-wrapper .json-figure").all():
        figure.scroll_into_view_if_needed()
        expect(figure).to_have_class(re.compile("json-figure--drawn"))
        svg = figure.locator("svg.toy-svg")
        box = svg.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375, box
        # Drawn at the phone's width, not scaled down: its text is 12 px or more.
        smallest = page.evaluate(SMALLEST_TEXT, svg.element_handle())
        assert smallest >= 11.95, f"a text of the figure is {smallest:.1f} px on a 375 px phone"
        # The legend sits under the plot, not over it.
        legend, axis = figure.locator(".toy-svg__legend"), figure.locator(".toy-svg__axis")
        if legend.count():
            assert legend.first.bounding_box()["y"] >= axis.bounding_box()["y"] + axis.bounding_box()["height"]
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


# Animation frames (when each frame's callbacks ran: a frame's own time stamp can precede a
# task that ran just before them, and our draws are quick) and figure draws, from the start.
FRAMES = """
window.__frames = [];
const tick = () => { window.__frames.push(performance.now()); requestAnimationFrame(tick); };
requestAnimationFrame(tick);
"""


def plotly_requests(requests) -> list[str]:
    return [url for url in requests if url.endswith(PLOTLY)]


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
        const div = Object.assign(document.createElement("div"), { className: "json-figure", id: `copy-${i}` });
        div.dataset.figure = figure;
        document.querySelector("article h1").after(div);
      }
    }""")
    page.evaluate(f"() => import('{site_url}assets/js/json-figures.js').then((m) => m.mountFigures(document))")
    page.locator(".json-figure").first.scroll_into_view_if_needed()
    figures = page.locator(".json-figure")
    assert figures.count() == 3
    for figure in figures.all():
        figure.scroll_into_view_if_needed()
        expect(figure).to_have_class(re.compile("json-figure--drawn"))
    draws = page.evaluate("performance.getEntriesByName('figure: draw').map((entry) => entry.startTime)")
    frames = page.evaluate("window.__frames")
    context.close()
    assert len(draws) == 3, draws
    frame_of = [sum(1 for time in frames if time <= start) for start in sorted(draws)]
    assert len(set(frame_of)) == len(frame_of), f"two figures drawn in one frame: draws {draws}, frames {frame_of}"
    assert not watch.console_errors and not watch.foreign_requests, (watch.console_errors, watch.foreign_requests)
