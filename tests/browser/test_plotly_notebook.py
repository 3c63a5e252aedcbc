"""A fork's notebook that draws with the `plotly` Python package (plotly.express, run at
build) gets its figure drawn by the site's own, vendored plotly.js, never a CDN's."""
from __future__ import annotations

import json
import re
import shutil

import pytest
from playwright.sync_api import expect

from conftest import ROOT, SPECIMEN, build_and_serve, open_context

FORK = ROOT / "tests" / "fixtures" / "plotly-fork"
PLOTLY = "assets/vendor/plotly/plotly-cartesian.min.js"


def plotly_fork(folder):
    """A fork of one page and one notebook (tests/fixtures/plotly-fork) on the project's
    theme, hooks and assets; returns its mkdocs.yml."""
    (folder / "docs").mkdir()
    shutil.copytree(SPECIMEN / "docs" / "data", folder / "docs" / "data")
    (folder / "docs" / "index.md").write_text("# A fork\n\nIts notebook draws with plotly.express.\n", encoding="utf-8")
    (folder / "docs" / "assets").symlink_to(ROOT / "docs" / "assets")
    for name in ("src", "overrides"):
        (folder / name).symlink_to(ROOT / name)
    shutil.copytree(FORK / "notebooks", folder / "notebooks")
    config = {"INHERIT": str(ROOT / "mkdocs.yml"), "site_name": "A fork",
              "nav": [{"Home": "index.md"}, "notebooks/plotly-express.ipynb"],
              "extra": {"research": {"notebooks": [str(folder / "notebooks")]}}}
    path = folder / "mkdocs.yml"
    path.write_text(json.dumps(config, indent=1), encoding="utf-8")  # JSON is YAML
    return path


@pytest.fixture(scope="module")
def fork_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("plotly-fork")
    (folder / "site").mkdir()
    try:
        server, url = build_and_serve(folder / "site", plotly_fork(folder))
    except RuntimeError as error:
        pytest.fail(str(error))
    yield url
    server.shutdown()


def test_a_plotly_express_figure_is_drawn_by_the_vendored_plotly(browser, fork_url):
    context, watch = open_context(browser, fork_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{fork_url}notebooks/plotly-express/")
    figure = page.locator(".json-figure").first
    figure.scroll_into_view_if_needed()
    expect(figure).to_have_attribute("data-drawn-by", "plotly")
    # Plotly's own SVG, with the figure's two traces (one per colour group) and their points.
    expect(figure.locator(".main-svg .scatterlayer .trace")).to_have_count(2)
    expect(figure.locator(".main-svg .scatterlayer .point")).to_have_count(4)
    expect(figure.locator(".main-svg .gtitle")).to_have_text("Squares, coloured by group")
    plotly = [url for url in requests if re.search(r"plotly[^/]*\.js$", url, re.IGNORECASE) and not url.endswith("/plotly-loader.js")]
    assert plotly == [f"{fork_url}{PLOTLY}"], plotly
    html = page.content()
    assert "cdn.plot.ly" not in html and "cdn.jsdelivr" not in html
    context.close()
    assert all(url.startswith(fork_url) for url in requests), [u for u in requests if not u.startswith(fork_url)]
    assert not watch.foreign_requests, f"requests to other origins: {watch.foreign_requests}"
    assert not watch.console_errors, f"console errors: {watch.console_errors}"
