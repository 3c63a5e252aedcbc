"""What keeps the first paint light and the load path short, checked by
structure, never by milliseconds (those are `make bench`'s: scripts/benchmarks/speed.py).

- A page's <head> links only the stylesheets every page needs; a page links the
  stylesheets of its notebooks, toys or spectra in its content, before what they
  style; the widgets' own CSS and code arrive with the widget, after the page is
  shown, and a page without widgets loads none of them.
- A feature's modules are asked for at once (the build's module-graph.json, read by
  site.js), not one level of imports per round trip, and each is fetched once.
- A toy's static figure is not in the page's HTML: a placeholder of the figure's size
  stands in, the SVG is fetched when it nears the viewport, and the box keeps its size.
"""
from __future__ import annotations

import re

from playwright.sync_api import expect

from conftest import open_context

HEAD_STYLESHEETS = re.compile(r'<link rel="stylesheet" href="([^"]+)"')
WIDGET_ASSETS = ("assets/css/spectrum-widget.css", "assets/css/live.css", "assets/js/spectrum/", "assets/js/toys/",
                 "assets/js/live/", "assets/js/json-figures.js", "assets/vendor/plotly/", "assets/vendor/katex/")
# A spacer put in the page as it loads keeps every widget far below the window.
SPACER = """
new MutationObserver((_, observer) => {
  const article = document.querySelector('article');
  if (!article) return;
  observer.disconnect();
  article.prepend(Object.assign(document.createElement('div'), { id: 'spacer', style: 'height: 4000px' }));
}).observe(document, { childList: true, subtree: true });
"""


def head_stylesheets(html: str) -> list[str]:
    return [href.rsplit("/", 1)[-1] for href in HEAD_STYLESHEETS.findall(html[:html.index("</head>")])]


def test_pages_link_only_the_stylesheets_they_need(built_site):
    essay = (built_site / "index.html").read_text(encoding="utf-8")
    notebook = next((built_site / "notebooks").glob("*/index.html")).read_text(encoding="utf-8")
    for html in (essay, notebook):
        ours = [name for name in head_stylesheets(html) if not name.startswith(("main.", "palette."))]
        assert ours == ["site.css", "essay.css"], ours
    # The essay's toys and spectra: each stylesheet just before the first figure it styles.
    for css, figure in (("toys.css", '<figure class="toy-preview toy"'), ("spectrum.css", '<figure class="research-spectrum"')):
        link = essay.index(f'<link rel="stylesheet" href="assets/css/{css}">')
        assert essay.index(figure) == link + len(f'<link rel="stylesheet" href="assets/css/{css}">'), css
        assert essay.count(f"assets/css/{css}") == 1
    assert "notebook.css" in notebook[notebook.index('<article'):] and "notebook.css" not in essay
    # The figures' own look (draw-svg.js): once, before the first toy, and on every notebook page.
    toys_link = essay.index('<link rel="stylesheet" href="assets/css/toys.css">')
    assert essay.index('<link rel="stylesheet" href="assets/css/svg-figure.css">') < toys_link
    assert essay.count("assets/css/svg-figure.css") == 1
    assert "svg-figure.css" in notebook[notebook.index('<article'):]
    for html in (essay, notebook):
        assert "spectrum-widget.css" not in html and "live.css" not in html  # they come with their widgets


def test_a_page_without_widgets_loads_no_widget_code(browser, site_url):
    context, watch = open_context(browser, site_url)
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{site_url}notebooks/")  # the list of toy demos: text and links only
    expect(page.locator("html")).to_have_attribute("data-page-ready", "true")
    page.evaluate("() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 5000 }))")
    context.close()
    assert any(url.endswith("assets/js/site.js") for url in requests)
    loaded = [url for url in requests if any(asset in url for asset in WIDGET_ASSETS + ("toys.css", "svg-figure.css", "spectrum.css", "notebook.css"))]
    assert loaded == [], loaded
    assert not watch.console_errors and not watch.foreign_requests, (watch.console_errors, watch.foreign_requests)


def test_widget_code_and_css_wait_for_the_page_to_be_shown(browser, site_url):
    """On the essay, nothing of a widget is asked for before the first contentful paint,
    and no chart library while every widget is far below the window."""
    context, watch = open_context(browser, site_url, viewport={"width": 1280, "height": 900})
    context.add_init_script(SPACER)
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url)
    expect(page.locator("html")).to_have_attribute("data-page-ready", "true")
    page.evaluate("() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 5000 }))")
    early = page.evaluate("""() => {
      const paint = performance.getEntriesByName("first-contentful-paint")[0].startTime;
      return performance.getEntriesByType("resource").filter((r) => r.startTime < paint).map((r) => r.name);
    }""")
    widget_code = [url for url in early if any(asset in url for asset in WIDGET_ASSETS)]
    assert widget_code == [], widget_code
    # The spectrum's and the toys' modules did load (the page has them), after the paint...
    assert any("assets/js/spectrum/index.js" in url for url in requests)
    assert any("assets/css/spectrum-widget.css" in url for url in requests)
    # ...and the chart library waits for a chart to come near; the tests' hooks never load.
    assert not any("assets/vendor/plotly/" in url for url in requests)
    assert not any(url.endswith("/debug-hooks.js") for url in requests)
    context.close()
    assert not watch.console_errors and not watch.foreign_requests, (watch.console_errors, watch.foreign_requests)


def test_a_features_modules_are_asked_for_at_once_and_fetched_once(browser, site_url):
    context, watch = open_context(browser, site_url)
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url)
    expect(page.locator("html")).to_have_attribute("data-page-ready", "true")
    # The spectrum's chart code, three imports below its entry module, is preloaded with the rest
    # (site.js adds a feature's links at once, when the list arrives).
    expect(page.locator('link[rel="modulepreload"][href$="/spectrum/chart-svg.js"]')).to_be_attached()
    graph = page.evaluate("() => fetch('assets/js/module-graph.json').then((r) => r.json())")
    spectrum = graph["spectrum/index.js"]
    assert "spectrum/chart-svg.js" in spectrum
    preloaded = page.eval_on_selector_all('link[rel="modulepreload"]', "(links) => links.map((l) => l.href)")
    assert {f"{site_url}assets/js/{path}" for path in spectrum} <= set(preloaded), preloaded
    context.close()
    modules = [url for url in requests if "/assets/js/" in url and url.endswith(".js")]
    assert len(modules) == len(set(modules)), sorted(url for url in modules if modules.count(url) > 1)
    assert not watch.console_errors and not watch.foreign_requests, (watch.console_errors, watch.foreign_requests)


def test_a_toys_static_figure_arrives_near_the_viewport_in_the_box_kept_for_it(browser, site_url):
    context, watch = open_context(browser, site_url, viewport={"width": 1280, "height": 900})
    context.add_init_script(SPACER)
    page = context.new_page()
    svg_requests = []
    page.on("request", lambda request: svg_requests.append(request.url) if "/assets/figures/" in request.url else None)
    page.goto(site_url)
    expect(page.locator("html")).to_have_attribute("data-page-ready", "true")
    toy = page.locator("figure.toy").filter(has=page.locator(".toy__controls")).first
    holder = toy.locator(".deferred-svg")
    expect(holder).to_have_attribute("role", "img")  # named for assistive technology while it waits
    expect(holder).to_have_attribute("aria-label", re.compile(r"^Chart: "))
    assert toy.locator("svg.toy-svg").count() == 0 and svg_requests == []
    before = holder.bounding_box()
    assert before["height"] > 100, before  # the box is kept before the figure arrives
    holder.scroll_into_view_if_needed()
    expect(toy.locator("svg.toy-svg")).to_be_visible()
    # (the build's SVG, or the toy's own drawing of it at the same width once its data is there)
    after = toy.locator(".toy__figure").bounding_box()
    assert abs(after["width"] - before["width"]) < 1 and abs(after["height"] - before["height"]) < 1, (before, after)
    svg_box = toy.locator("svg.toy-svg").bounding_box()
    assert abs(svg_box["height"] - before["height"]) < 1, (svg_box, before)
    # Inline, it takes the page's palette (its own <style>, for an <img>, is gone).
    assert toy.locator("svg.toy-svg style").count() == 0
    colour = page.evaluate("(svg) => getComputedStyle(svg).color", toy.locator("svg.toy-svg").element_handle())
    text = page.evaluate("() => getComputedStyle(document.querySelector('.md-typeset')).color")
    assert colour == text, (colour, text)
    context.close()
    assert not watch.console_errors and not watch.foreign_requests, (watch.console_errors, watch.foreign_requests)


def test_without_javascript_a_toys_figure_is_an_image_of_the_same_file(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url)
    image = page.locator("figure.toy .deferred-svg img").first
    image.scroll_into_view_if_needed()
    expect(image).to_have_attribute("alt", re.compile(r"^Chart: "))
    page.wait_for_function("(image) => image.complete && image.naturalWidth > 0", arg=image.element_handle())
    context.close()
