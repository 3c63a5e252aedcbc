"""Build with --strict, then read the HTML as a browser would: the author's
site (`essay_site`) for what every essay must have (no other origin, the
pinned runtime, every cited paper listed), the specimen (`built_site`) for
the machinery (references from the data, errors with file and line)."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import ROOT, SPECIMEN, build_site, specimen_project
from place_for_research.data.citations import cited_ids
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


def reference_ids(html: str) -> list[str]:
    block = html[html.index('<ol class="references">'):]
    return re.findall(r'<li id="ref-([^"]+)">', block[: block.index("</ol>")])


def test_the_references_list_every_cited_paper_with_authors_year_and_link(built_site):
    html = (built_site / "index.html").read_text()
    assert reference_ids(html) == cited_ids((SPECIMEN / "docs/index.md").read_text())
    gan = re.search(r'<li id="ref-1406.2661">(.*?)</li>', html, re.S).group(1)
    assert "Ian J. Goodfellow" in gan and "(2014)" in gan and "Generative Adversarial Networks" in gan
    assert 'href="https://arxiv.org/abs/1406.2661"' in gan


def asks_for_references(markdown: str) -> bool:
    front = markdown.split("---")[1] if markdown.startswith("---") else ""
    return bool(re.search(r"^references:\s*true\s*$", front, re.M))


def built_page(site: Path, source: Path) -> Path:
    """docs/a/b.md is served as a/b/index.html; docs/a/index.md as a/index.html."""
    page = source.relative_to(ROOT / "docs").with_suffix("")
    return site / (page.parent if page.name == "index" else page) / "index.html"


def test_every_paper_the_essay_cites_is_listed_in_its_references(essay_site):
    """Any essay: a page with `references: true` in its front matter lists each paper it cites."""
    for source in sorted((ROOT / "docs").rglob("*.md")):
        if asks_for_references(source.read_text()):
            html = built_page(essay_site, source).read_text()
            assert reference_ids(html) == cited_ids(source.read_text()), source


def test_no_page_fetches_anything_from_another_origin(essay_site, built_site):
    for site in (essay_site, built_site):
        assert_nothing_foreign(site)


def assert_nothing_foreign(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) >= 3
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


def test_no_google_fonts_and_no_cdn_anywhere_in_the_html(essay_site, built_site):
    for page in [*essay_site.rglob("*.html"), *built_site.rglob("*.html")]:
        text = page.read_text()
        for host in ("fonts.googleapis", "fonts.gstatic", "cdnjs", "unpkg.com", "jsdelivr", "cdn.plot.ly", "require.js"):
            assert host not in text, f"{page}: {host}"


def test_the_pinned_runtime_is_served_by_the_site(essay_site):
    built_site = essay_site
    assert (built_site / "assets/vendor/plotly/plotly-cartesian.min.js").stat().st_size > 500_000
    assert (built_site / "assets/vendor/pyodide/pyodide.asm.wasm").stat().st_size > 1_000_000


# -- the build refuses bad data --------------------------------------------------

@pytest.fixture
def project_copy(tmp_path) -> Path:
    """The specimen project, to break."""
    specimen_project(tmp_path)
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
    text = essay.read_text().replace("This page is not an essay.", "This page is not an essay [(see)](https://arxiv.org/abs/9999.99999).")
    essay.write_text(text)
    line = text.splitlines().index(next(row for row in text.splitlines() if "9999.99999" in row)) + 1
    result = build_site(project_copy / "site", project_copy / "mkdocs.yml")
    assert result.returncode != 0
    assert f"index.md:{line}: cites https://arxiv.org/abs/9999.99999" in result.stderr + result.stdout
