"""The spectrum fence and its build-time figure: options, embedded data, static fallback."""
from __future__ import annotations

import html
import json
import re
from dataclasses import replace
from pathlib import Path

import markdown
import pytest
from pymdownx.superfences import SuperFencesException

from place_for_research.builder import build_context, fence_options, spectrum_fence
from place_for_research.data.catalogue import Axis, Category, SiteData, Taxonomy, load_site_data
from place_for_research.builder.spectrum_figure import (author_map, catalogue, embed_json, figure_options, offered_papers,
                                                static_figure, write_site_files)

DOCS = Path(__file__).resolve().parents[2] / "tests" / "specimen" / "docs"  # fixed data, whatever the essay says
CITED = ["1406.2661", "2011.13456", "2303.01469", "2203.02155", "2404.16767", "2211.17192", "2305.13673", "2001.08361"]


@pytest.fixture(scope="module")
def data() -> SiteData:
    return load_site_data(DOCS / "data" / "papers.yml", DOCS / "data" / "taxonomy.yml")


@pytest.fixture
def fork(data) -> SiteData:
    """A fork that renamed every word of the taxonomy and recoloured its categories."""
    taxonomy = Taxonomy(
        title="Mapa de la investigación",
        x=Axis(name="Teoría ↔ práctica", min=-1, max=1, low="Teoría", high="Práctica"),
        y=Axis(name="Curiosidad", min=0, max=1, low="Ingeniería", high="Exploración"),
        categories=(Category(id="laws-of-math", name="Matemáticas", colour="#112233", definition="Derivado."),
                    Category(id="laws-of-code", name="Experimentos", colour="#445566", definition="Medido."),
                    Category(id="other", name="Otra", colour="#778899", definition="Otra cosa.")),
    )
    return SiteData(taxonomy=taxonomy, papers=data.papers)


def render(text: str) -> str:
    """Markdown with the site's spectrum fence, as MkDocs configures it."""
    return markdown.markdown(text, extensions=["pymdownx.superfences"], extension_configs={
        "pymdownx.superfences": {"custom_fences": [{
            "name": "spectrum", "class": "research-spectrum",
            "format": spectrum_fence.spectrum_fence, "validator": fence_options.validate_options}]}})


def attribute(tag: str, name: str) -> str | None:
    match = re.search(rf"""\s{name}=(?:"([^"]*)"|'([^']*)')""", tag)
    return html.unescape(match.group(1) or match.group(2)) if match else None


# -- choosing papers -------------------------------------------------------------------

def test_cited_all_and_a_list_of_ids(data):
    assert [p.id for p in offered_papers(data, "cited", tuple(CITED))] == CITED
    # The page's order of first mention, not the file's; ids not in the file are left to the build's own check.
    assert [p.id for p in offered_papers(data, "cited", ("2001.08361", "1406.2661", "0000.00000"))] == \
        ["2001.08361", "1406.2661"]
    with pytest.raises(ValueError, match="this page cites, and it cites none"):
        offered_papers(data, "cited", ())
    assert len(offered_papers(data, "all")) == len(data.papers) >= 30
    assert [p.id for p in offered_papers(data, ["1706.03762", "2001.08361"])] == ["1706.03762", "2001.08361"]
    with pytest.raises(ValueError, match=r"unknown paper id\(s\) '9999.99999'"):
        offered_papers(data, ["1706.03762", "9999.99999"])
    with pytest.raises(ValueError, match="listed twice: '1706.03762'"):
        offered_papers(data, ["1706.03762", "1706.03762"])
    for bad in ("some", [], 3, None):
        with pytest.raises(ValueError, match="cited', 'all' or a non-empty list"):
            offered_papers(data, bad)


# -- the embedded data -------------------------------------------------------------------

def test_embedded_json_cannot_close_a_tag_or_open_a_comment():
    text = embed_json({"title": "</script><script>alert(1)</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"title": "</script><script>alert(1)</script><!-- & \u2028"}


def test_json_in_an_attribute_survives_quotes_and_markup():
    from place_for_research.builder.spectrum_figure import json_attribute
    value = {"note": "the author's \"best\" <b>paper</b> & more"}
    text = json_attribute("data-x", value)
    assert text.startswith(" data-x='") and text.endswith("'") and text.count("'") == 2
    assert json.loads(attribute(f"<div{text}>", "data-x")) == value


def test_the_catalogue_has_every_paper_and_the_taxonomy_but_not_the_authors_spots(data):
    value = catalogue(data)
    assert [p["id"] for p in value["papers"]] == [p.id for p in data.papers]
    assert value["taxonomy"]["x"]["low"] == "Structural" and value["taxonomy"]["y"]["high"] == "Exploratory"
    assert all(set(p) <= {"id", "title", "authors", "year", "url", "venue", "note"} for p in value["papers"]), \
        "no spot, grounding or reason of the author before the reveal"
    sde = next(p for p in value["papers"] if p["id"] == "2011.13456")
    assert sde["authors"][0] == "Yang Song"


def test_the_authors_map_is_a_file_of_its_own_with_reasons_and_spreads(data):
    value = author_map(data)
    assert set(value["placements"]) == set(CITED)
    assert value["placements"]["2011.13456"]["grounding"] == "laws-of-math"
    consistency = value["placements"]["2303.01469"]
    assert consistency["spread"] == {"x": 0.3, "y": 0.1} and consistency["reason"].startswith("A new frame")
    assert "reason" not in value["placements"]["2001.08361"]
    for view in ("plane", "map"):
        assert set(figure_options(view, offered_papers(data, "all"), True)) == {"view", "reveal", "summary", "marks", "papers"}


def test_write_site_files_writes_the_catalogue_the_authors_map_and_its_page(data, tmp_path):
    write_site_files(tmp_path, data)
    folder = tmp_path / "assets" / "spectrum"
    assert json.loads((folder / "catalogue.json").read_text()) == catalogue(data)
    assert json.loads((folder / "author.json").read_text()) == author_map(data)
    page = (folder / "author.html").read_text()
    assert "Generative Adversarial Networks" in page and "\u22120.85" in page
    assert "A new frame, or a way to make diffusion cheap?" in page and "<script" not in page


# -- the static figure ----------------------------------------------------------------------

def test_the_fallback_shows_the_axes_and_the_papers_but_no_author_spot(data):
    for view, offered in (("line", offered_papers(data, "cited", tuple(CITED))), ("plane", offered_papers(data, "all"))):
        for reveal in (False, True):
            out = static_figure(data, view, offered, "spectrum-1", reveal)
            svg = out[out.index("<svg"): out.index("</svg>")]
            assert "<circle" not in svg, "no author's spot drawn"
            assert ">Structural</text>" in svg and ">Developmental</text>" in svg
            assert ("How exploratory" in out or ">Exploratory</text>" in svg) == (view == "plane")
            assert re.findall(r'<li><a href="([^"]+)"', out) == [p.url for p in offered]
            for paper in offered:
                if paper.placement:
                    assert f"{paper.placement.x:+.2f}".replace("-", "\u2212") not in out
            assert ("@site/assets/spectrum/author.html" in out) == reveal


def test_a_fork_renames_poles_with_no_code_change(fork):
    for view in ("line", "plane", "map"):
        out = static_figure(fork, view, offered_papers(fork, "cited", tuple(CITED)), "f")
        for word in ("Teoría", "Práctica"):
            assert word in out, (view, word)
        for old in ("Structural", "Developmental"):
            assert old not in out, (view, old)


def test_titles_and_names_are_escaped(data):
    hostile = replace(data.papers[0], title='<img src=x onerror="alert(1)"> & </script>')
    taxonomy = replace(data.taxonomy, x=replace(data.taxonomy.x, low="<b>Left</b>"))
    out = static_figure(SiteData(taxonomy=taxonomy, papers=(hostile,)), "plane", (hostile,), "h")
    assert "<img" not in out and "<b>" not in out and "</script>" not in out
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &lt;/script&gt;" in out


# -- the fence ----------------------------------------------------------------------------------

@pytest.fixture
def site(data):
    build_context.set_site_data(data)
    build_context.set_page_citations(CITED)  # as the hooks do for the page being converted
    yield data
    build_context.set_page_citations(())


def test_the_summary_option_defaults_to_the_map_view(site):
    out = render("```spectrum\nview: map\npapers: all\n```\n\n```spectrum\nview: plane\nsummary: true\n```\n\n"
                 "```spectrum\nview: map\nsummary: false\n```\n")
    flags = [json.loads(attribute(tag, "data-spectrum-options"))["summary"] for tag in re.findall(r"<figure[^>]*>", out)]
    assert flags == [True, True, False]


def test_the_fence_renders_the_fallback_and_the_widgets_data(site):
    out = render("```spectrum\nview: plane\npapers: all\nreveal: true\ncaption: Your map\n```\n\n"
                 "```spectrum\nview: line\n```\n")
    figures = re.findall(r"<figure[^>]*>", out)
    assert len(figures) == 2
    first, second = figures
    assert 'id="spectrum-1"' in first and 'data-view="plane"' in first and 'data-reveal="true"' in first
    assert 'id="spectrum-2"' in second and 'data-view="line"' in second and 'data-reveal="false"' in second
    assert "<figcaption>Your map</figcaption>" in out
    assert "<script" not in out, "no script elements: Material's instant navigation would run them"
    assert attribute(first, "data-spectrum-catalogue") is None, "the catalogue is fetched, not in the page"
    options = json.loads(attribute(first, "data-spectrum-options"))
    assert options["view"] == "plane" and options["reveal"] is True and len(options["papers"]) == len(site.papers)
    assert json.loads(attribute(second, "data-spectrum-options")) == {
        "view": "line", "reveal": False, "summary": False, "marks": False, "papers": CITED}
    assert out.count('class="spectrum-fallback"') == 2


@pytest.mark.parametrize("body, message", [
    ("view: line\ncolour: red", "unknown option(s) 'colour' (known: view, papers, reveal, summary, marks, caption)"),
    ("summary: often", "summary must be true or false, not 'often'"),
    ("marks: often", "marks must be true or false, not 'often'"),
    ("view: cube", "view must be one of line, plane, map, readers, not 'cube'"),
    ("papers: [1406.2661, 2309.08600]", "papers: paper ids must be quoted text: YAML reads 1406.2661 as a number"),
    ('papers: ["1406.2661", "9999.99999"]', "papers: unknown paper id(s) '9999.99999'"),
    ("reveal: sometimes", "reveal must be true or false, not 'sometimes'"),
    ("caption: [1, 2]", "caption must be text"),
    ("papers: cited\ncaption: On a page that cites nothing", "this page cites, and it cites none"),
    ("view: [line", "fence options are not valid YAML"),
    ("- line", "fence options must be `key: value` lines"),
])
def test_a_broken_fence_stops_the_build_naming_the_problem(site, body, message):
    if "cites nothing" in body:
        build_context.set_page_citations(())
    with pytest.raises(SuperFencesException) as error:
        render(f"```spectrum\n{body}\n```\n")
    assert message in str(error.value)
    assert "```spectrum fence starting with" in str(error.value)
