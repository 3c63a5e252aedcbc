"""A site built from hostile data: front matter, mkdocs.yml values and notebook outputs that
carry markup reach the page as text, never as elements, and the page's policy comes first.

One small site (the specimen's data, one page, one notebook whose outputs are markup) is built
once for the module and opened in Chromium."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT, SPECIMEN, build_site, open_context, serve

DESCRIPTION = '"><script>window.__pwned=1</script><meta x="'
AUTHOR = 'Ada "The Countess" <ada@example.org>'
SITE_NAME = "Notes <b>bold</b> & more"
# (The image is inline: a missing file would stop the build before the sanitiser is tested; an
# empty data: image fails to decode, so an onerror handler that survived would run.)
HOSTILE_OUTPUTS = [
    {"text/html": "<p id='kept'>kept text</p><script>window.__pwned=1</script>"
                  "<img src='data:,' onerror='window.__pwned=1'></div></div><script>window.__pwned=2</script>"},
    {"text/html": "<meta http-equiv='refresh' content='0; url=https://example.org/'>"},
    {"application/javascript": "window.__pwned = 3;"},
    {"image/svg+xml": "<svg xmlns='http://www.w3.org/2000/svg'><script>window.__pwned=4</script>"
                      "<circle r='4' onload='window.__pwned=5'/></svg>"},
    {"text/markdown": "**bold** <script>window.__pwned=6</script>"},
]


def hostile_notebook() -> dict:
    """One code cell per output, each displaying its raw bundle (as a library's repr would)."""
    cells = [{"cell_type": "markdown", "metadata": {}, "source": ["# Hostile outputs"]}]
    for bundle in HOSTILE_OUTPUTS:
        source = f"from IPython.display import display\ndisplay({json.dumps(bundle)}, raw=True)"
        cells.append({"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": [source]})
    return {"cells": cells, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
            "nbformat": 4, "nbformat_minor": 5}


def hostile_project(folder: Path) -> Path:
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "data").symlink_to(SPECIMEN / "docs" / "data")
    (folder / "docs" / "assets").symlink_to(ROOT / "docs" / "assets")
    for name in ("src", "overrides"):
        (folder / name).symlink_to(ROOT / name)
    (folder / "docs" / "index.md").write_text(
        f"---\ntitle: Hostile page\ndescription: {json.dumps(DESCRIPTION)}\nauthor: {json.dumps(AUTHOR)}\n"
        "byline: true\n---\n\n# Hostile page\n\nA page whose front matter carries markup.\n", encoding="utf-8")
    notebooks = folder / "notebooks"
    notebooks.mkdir()
    (notebooks / "hostile.ipynb").write_text(json.dumps(hostile_notebook()), encoding="utf-8")
    config = {"INHERIT": str(ROOT / "mkdocs.yml"), "site_name": SITE_NAME, "site_author": AUTHOR,
              "site_description": DESCRIPTION, "nav": [{"Home": "index.md"}, "notebooks/hostile.ipynb"],
              "watch": ["src"], "extra": {"research": {"notebooks": [str(notebooks)]}}}
    path = folder / "mkdocs.yml"
    path.write_text(json.dumps(config, indent=1), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    site = folder / "site"
    site.mkdir()
    server, url = serve(site)
    result = build_site(site, hostile_project(folder / "project"), site_url=url)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    yield site, url
    server.shutdown()


def head_of(html: str) -> str:
    return html.split("<head>", 1)[1].split("</head>", 1)[0]


def test_the_policy_is_the_first_thing_in_head(hostile_site):
    site, _ = hostile_site
    for page in ("index.html", "notebooks/hostile/index.html"):
        head = head_of((site / page).read_text(encoding="utf-8"))
        first = re.search(r"<(meta|link|script|title|style)\b[^>]*>", head).group(0)
        assert 'http-equiv="Content-Security-Policy"' in first, (page, first)


def test_front_matter_and_config_values_are_text_in_the_page(hostile_site, browser):
    site, url = hostile_site
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in html
    context, watch = open_context(browser, url)
    page = context.new_page()
    page.goto(url)
    meta = lambda name: page.locator(f"head meta[name={name}]").get_attribute("content")  # noqa: E731
    assert meta("description") == DESCRIPTION
    assert meta("author") == AUTHOR
    assert page.evaluate("window.__pwned") is None
    assert page.locator("head meta[x]").count() == 0
    assert SITE_NAME in page.locator(".md-header__topic").first.inner_text()
    assert page.locator(".md-header__topic b").count() == 0
    context.close()


def test_notebook_outputs_are_sanitised_at_build(hostile_site, browser):
    site, url = hostile_site
    html = (site / "notebooks" / "hostile" / "index.html").read_text(encoding="utf-8")
    # As elements and attributes (the cells' source shows the same text, escaped, and that is right).
    for element in (r"<script>window", r"<meta[^>]*http-equiv=.?refresh", r"<[a-z]+\s[^>]*\son(?:error|load)\s*="):
        assert not re.search(element, html, flags=re.IGNORECASE), element
    context, watch = open_context(browser, url)
    page = context.new_page()
    page.goto(url + "notebooks/hostile/")
    assert page.locator("#kept").count() == 0 or page.locator("#kept").inner_text() == "kept text"
    assert "kept text" in page.locator("article").inner_text()
    assert page.evaluate("window.__pwned") is None
    assert page.locator("article script, article iframe, article object").count() == 0
    assert page.locator("meta[http-equiv=refresh i]").count() == 0
    assert page.evaluate("[...document.querySelectorAll('article *')].filter((e) => [...e.attributes]"
                         ".some((a) => a.name.startsWith('on'))).length") == 0
    context.close()
    assert not [error for error in watch.console_errors if "Content Security Policy" in error]


def test_the_authors_static_page_has_a_strict_policy_first(hostile_site, browser):
    site, url = hostile_site
    html = (site / "assets" / "spectrum" / "author.html").read_text(encoding="utf-8")
    first = re.search(r"<(meta|link|script|title|style)\b[^>]*>", head_of(html)).group(0)
    assert 'http-equiv="Content-Security-Policy"' in first and "default-src 'none'" in first, first
    context, watch = open_context(browser, url)
    page = context.new_page()
    page.goto(url + "assets/spectrum/author.html")
    assert page.locator("h1").inner_text().endswith("the author's placements")
    # The stylesheet the policy allows is applied (the page is styled, nothing was blocked).
    assert page.evaluate("document.styleSheets.length") >= 1
    context.close()
    assert not watch.console_errors, watch.console_errors
