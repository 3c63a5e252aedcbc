"""Each ```spectrum fence of the built specimen renders its static fallback (axes and papers, never the
author's spots) and its settings; the widget's data are files of the built site; a broken fence stops
`mkdocs build`, naming the problem."""
from __future__ import annotations

import json
import re
import shutil
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, SPECIMEN, build_site

CITED = ["1406.2661", "2011.13456", "2303.01469", "2203.02155", "2404.16767", "2211.17192", "2305.13673", "2001.08361"]


class Figures(HTMLParser):
    """The spectrum figures of a page: their attributes and what their fallback holds."""

    def __init__(self, text: str):
        super().__init__()
        self.figures: list[dict] = []
        self._depth = 0  # <figure> nesting inside a spectrum figure
        self._cell: list[str] | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "figure" and "research-spectrum" in (attrs.get("class") or "").split():
            self.figures.append({"attrs": attrs, "svg": [], "circles": 0, "rows": [], "headers": [],
                                 "scripts": 0, "fallback": False})
            self._depth = 1
            return
        if not self._depth:
            return
        figure = self.figures[-1]
        if tag == "figure":
            self._depth += 1
        if "spectrum-fallback" in (attrs.get("class") or ""):
            figure["fallback"] = True
        if tag == "svg":
            figure["svg"].append(attrs)
        if tag == "circle":
            figure["circles"] += 1
        if tag == "script":
            figure["scripts"] += 1
        if tag in ("td", "th"):
            self._cell = []
        if tag == "tr":
            figure["rows"].append([])

    def handle_endtag(self, tag):
        if not self._depth:
            return
        figure = self.figures[-1]
        if tag == "figure":
            self._depth -= 1
        if tag in ("td", "th") and self._cell is not None:
            text = "".join(self._cell).strip()
            (figure["headers"] if tag == "th" else figure["rows"][-1]).append(text)
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


@pytest.fixture(scope="module")
def figures(built_site) -> list[dict]:
    return Figures((built_site / "index.html").read_text()).figures


def test_the_specimen_has_four_spectrum_views(figures):
    assert [f["attrs"]["data-view"] for f in figures] == ["line", "plane", "map", "line"]
    assert [f["attrs"]["data-reveal"] for f in figures] == ["false", "false", "true", "false"]


def test_each_fence_renders_its_axes_and_papers_and_no_author_spot(figures):
    for figure in figures:
        assert figure["fallback"]
        assert len(figure["svg"]) == 1 and figure["svg"][0]["role"] == "img"
        assert figure["circles"] == 0, "no answer before the reveal: the fallback draws no author spot"
        assert not [row for row in figure["rows"] if row], "no table of the author's placements"
        assert figure["scripts"] == 0, "data lives in attributes: instant navigation re-runs <script> elements"


def test_the_page_holds_no_author_coordinates_and_the_data_files_hold_them(figures, built_site):
    """Fetched without JavaScript, the page says nothing of where the author put a paper."""
    from ruamel.yaml import YAML
    papers = YAML(typ="safe", pure=True).load((SPECIMEN / "docs/data/papers.yml").read_text())["papers"]
    text = (built_site / "index.html").read_text()
    # The toys' figures carry numbers of their own (a guess of 0.7 on an answer figure, say).
    text = re.sub(r'<figure class="toy-preview toy".*?</figure>', "", text, flags=re.S)
    for paper in papers:
        placement = paper.get("placement")
        if placement:
            for shown in (f"{placement['x']:+.2f}".replace("-", "\u2212"), f'[{placement["x"]},'):
                assert shown not in text, (paper["id"], shown)
            if placement.get("reason"):
                assert placement["reason"][:30] not in text
    assert "data-spectrum-catalogue" not in text and '"author":' not in text
    catalogue = json.loads((built_site / "assets/spectrum/catalogue.json").read_text())
    assert [p["id"] for p in catalogue["papers"]] == [p["id"] for p in papers]
    assert catalogue["taxonomy"]["x"]["low"] == "Structural"
    author = json.loads((built_site / "assets/spectrum/author.json").read_text())["placements"]
    assert author["2011.13456"] == {"x": -0.9, "y": 0.1, "grounding": "laws-of-math",
                                    "reason": "Its structure comes straight from stochastic calculus, run backwards in time."}
    line, plane, whole, three = (json.loads(f["attrs"]["data-spectrum-options"]) for f in figures)
    assert three == {"view": "line", "reveal": False, "summary": True, "marks": True,
                     "papers": ["2011.13456", "2211.17192", "2209.10652"]}
    assert line == {"view": "line", "reveal": False, "summary": False, "marks": False, "papers": CITED}
    assert plane["papers"] == [p["id"] for p in papers] and plane["marks"] is False
    assert whole["reveal"] is True and whole["summary"] is True and whole["marks"] is True
    assert [f["attrs"]["data-marks"] for f in figures] == ["false", "false", "true", "true"]


# -- a broken fence stops the build ---------------------------------------------------------------

@pytest.fixture(scope="module")
def small_project(tmp_path_factory) -> Path:
    """The smallest site with the project's hooks and fences: one page, the real data files."""
    folder = tmp_path_factory.mktemp("fence-project")
    (folder / "docs/data").mkdir(parents=True)
    for name in ("papers.yml", "taxonomy.yml"):
        shutil.copy(SPECIMEN / "docs/data" / name, folder / "docs/data" / name)
    (folder / "mkdocs.yml").write_text(textwrap.dedent(f"""\
        site_name: Fence test
        theme: {{name: material}}
        extra:
          research: {{papers: data/papers.yml, taxonomy: data/taxonomy.yml}}
        markdown_extensions:
          - pymdownx.superfences:
              custom_fences:
                - name: spectrum
                  class: research-spectrum
                  format: !!python/name:place_for_research.builder.spectrum_fence.spectrum_fence
                  validator: !!python/name:place_for_research.builder.fence_options.validate_options
        hooks: [{ROOT / "src/place_for_research/builder/mkdocs_hooks.py"}]
        validation: {{links: {{not_found: info, unrecognized_links: info}}, nav: {{omitted_files: info}}}}
        """))
    return folder


@pytest.mark.parametrize("fence, message", [
    ("view: map\npapers: all", None),
    ("view: line\ncolor: blue", "unknown option(s) 'color' (known: view, papers, reveal, summary, marks, caption)"),
    ("view: line\nmarks: yes please", "marks must be true or false, not 'yes please'"),
    ("view: map\npapers: all\nmarks: false", None),
    ('papers: ["1406.2661", "9999.99999"]', "papers: unknown paper id(s) '9999.99999': not in the papers file"),
    ("view: sphere", "view must be one of line, plane, map, readers, not 'sphere'"),
])
def test_a_broken_fence_fails_the_build_with_its_problem(small_project, fence, message):
    (small_project / "docs/index.md").write_text(f"# Test\n\n```spectrum\n{fence}\n```\n")
    result = build_site(small_project / "site", small_project / "mkdocs.yml")
    output = result.stdout + result.stderr
    if message is None:
        assert result.returncode == 0, output
        assert 'class="research-spectrum"' in (small_project / "site/index.html").read_text()
    else:
        assert result.returncode != 0
        assert message in output, output
