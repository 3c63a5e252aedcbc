"""Build the site with --strict, then read its HTML as a browser would."""
from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import ROOT, build_site

PARTS = ["1. Two ends of one continuum", "2. Where structure comes from: two kinds of laws",
         "3. Developmental research", "4. The third side: exploratory research", "5. Yin and yang"]
# Attributes whose URL the browser fetches by itself (links in <a href> are only navigation).
FETCHED = {("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"),
           ("iframe", "src"), ("video", "src"), ("video", "poster"), ("audio", "src"), ("embed", "src"),
           ("object", "data"), ("track", "src"), ("input", "src")}
FETCHED_LINK_RELS = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest",
                     "apple-touch-icon", "preconnect", "dns-prefetch"}


class Page(HTMLParser):
    def __init__(self, text: str):
        super().__init__()
        self.headings: list[tuple[str, str]] = []
        self.fetched: list[str] = []
        self.references: list[str] = []
        self._in: list[str] = []
        self._text = ""
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if (tag, name) in FETCHED and value:
                self.fetched += [part.split()[0] for part in value.split(",")] if name == "srcset" else [value]
        if tag == "link" and FETCHED_LINK_RELS & set((attrs.get("rel") or "").split()):
            self.fetched.append(attrs.get("href", ""))
        if attrs.get("style") and "url(" in attrs["style"]:
            self.fetched += re.findall(r"url\(['\"]?([^'\")]+)", attrs["style"])
        if tag in ("h1", "h2", "h3", "li"):
            self._in.append(tag)
            self._text = ""

    def handle_endtag(self, tag):
        if self._in and tag == self._in[-1]:
            self._in.pop()
            if tag == "li":
                self.references.append(self._text.strip())
            else:
                self.headings.append((tag, self._text.replace("¶", "").strip()))

    def handle_data(self, data):
        if self._in:
            self._text += data


def is_foreign(url: str) -> bool:
    parsed = urlparse(url.strip())
    return bool(parsed.netloc) or parsed.scheme not in ("", "data", "blob")


@pytest.fixture(scope="module")
def essay(built_site) -> Page:
    return Page((built_site / "index.html").read_text())


def test_the_essay_has_its_five_parts_in_order(essay):
    h2 = [text for tag, text in essay.headings if tag == "h2"]
    assert [h for h in h2 if h[0].isdigit()] == PARTS
    assert h2[-1] == "References"
    assert ("h1", "A place for research") in essay.headings


def test_the_references_list_every_cited_paper_with_authors_year_and_link(built_site):
    html = (built_site / "index.html").read_text()
    block = html[html.index('<ol class="references">'):]
    block = block[: block.index("</ol>")]
    items = re.findall(r'<li id="ref-([^"]+)">(.*?)</li>', block, re.S)
    assert [paper_id for paper_id, _ in items] == ["1406.2661", "2011.13456", "2303.01469", "2203.02155",
                                                   "2404.16767", "2211.17192", "2305.13673", "2001.08361"]
    gan = items[0][1]
    assert "Ian J. Goodfellow" in gan and "(2014)" in gan and "Generative Adversarial Networks" in gan
    assert 'href="https://arxiv.org/abs/1406.2661"' in gan


def test_each_cited_paper_is_linked_in_the_text(built_site):
    html = (built_site / "index.html").read_text()
    body = html[: html.index('<ol class="references">')]
    for paper_id in ("1406.2661", "2011.13456", "2404.16767", "2001.08361"):
        assert f'href="https://arxiv.org/abs/{paper_id}"' in body


def test_no_page_fetches_anything_from_another_origin(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) >= 5
    offenders = []
    for page in pages:
        for url in Page(page.read_text()).fetched:
            if is_foreign(url):
                offenders.append(f"{page.relative_to(built_site)}: {url}")
    for sheet in built_site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", sheet.read_text(errors="ignore")):
            if is_foreign(url):
                offenders.append(f"{sheet.relative_to(built_site)}: {url}")
    assert not offenders, "\n".join(offenders)


def test_no_google_fonts_and_no_cdn_anywhere_in_the_html(built_site):
    for page in built_site.rglob("*.html"):
        text = page.read_text()
        for host in ("fonts.googleapis", "fonts.gstatic", "cdnjs", "unpkg.com", "jsdelivr", "cdn.plot.ly", "require.js"):
            assert host not in text, f"{page}: {host}"


def test_the_pinned_runtime_is_served_by_the_site(built_site):
    assert (built_site / "assets/vendor/plotly/plotly-cartesian.min.js").stat().st_size > 500_000
    assert (built_site / "assets/vendor/pyodide/pyodide.asm.wasm").stat().st_size > 1_000_000


def test_footer_states_both_licences(essay, built_site):
    html = (built_site / "index.html").read_text()
    footer = html[html.index("md-footer"):]
    assert "CC BY 4.0" in footer and "MIT" in footer


# -- the build refuses bad data --------------------------------------------------

@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A copy of mkdocs.yml and docs/ to break; the machinery is linked from the project."""
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path)
    for shared in ("src", "notebooks", "overrides", "node_modules", "package-lock.json"):
        (tmp_path / shared).symlink_to(ROOT / shared)
    return tmp_path


def test_a_malformed_papers_file_fails_the_build_with_file_line_and_field(project_copy):
    papers = project_copy / "docs/data/papers.yml"
    lines = papers.read_text().splitlines()
    number = next(i for i, line in enumerate(lines) if "year: 2023" in line)
    lines[number] = lines[number].replace("2023", "soon")
    papers.write_text("\n".join(lines) + "\n")
    result = build_site(project_copy / "site", project_copy / "mkdocs.yml")
    assert result.returncode != 0
    assert f"papers.yml:{number + 1}: papers[2].year: 'soon' is not of type 'integer'" in result.stderr + result.stdout


def test_an_uncatalogued_arxiv_link_fails_the_build_with_its_line(project_copy):
    essay = project_copy / "docs/index.md"
    text = essay.read_text().replace("Picture a line.", "Picture a line [(see)](https://arxiv.org/abs/9999.99999).")
    essay.write_text(text)
    line = text.splitlines().index(next(l for l in text.splitlines() if "9999.99999" in l)) + 1
    result = build_site(project_copy / "site", project_copy / "mkdocs.yml")
    assert result.returncode != 0
    assert f"index.md:{line}: cites https://arxiv.org/abs/9999.99999" in result.stderr + result.stdout
