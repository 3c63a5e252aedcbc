"""The papers and taxonomy files: the real ones load, broken ones fail with file, line and field."""
from pathlib import Path

import pytest

from place_for_research.data import DataError, load_papers, load_site_data, load_taxonomy

DOCS = Path(__file__).resolve().parents[2] / "docs"
TAXONOMY = DOCS / "data" / "taxonomy.yml"
PAPERS = DOCS / "data" / "papers.yml"
CITED = ["1406.2661", "2011.13456", "2303.01469", "2203.02155",
         "2404.16767", "2211.17192", "2305.13673", "2001.08361"]


def test_the_site_data_loads_with_the_essays_papers():
    data = load_site_data(PAPERS, TAXONOMY)
    assert len(data.papers) >= 30
    for paper_id in CITED:
        assert data.paper(paper_id) is not None, paper_id
    placed = {p.id for p in data.papers if p.placement}
    assert placed == set(CITED), "only the papers the essay discusses carry an author placement"


def test_author_placements_follow_the_brief():
    data = load_site_data(PAPERS, TAXONOMY)
    x = {p.id: p.placement.x for p in data.papers if p.placement}
    for structural in ("1406.2661", "2011.13456", "2303.01469", "2203.02155"):
        assert x[structural] < 0
    for developmental in ("2404.16767", "2211.17192"):
        assert x[developmental] > 0
    assert data.paper("2011.13456").placement.grounding == "laws-of-math"
    assert data.paper("2001.08361").placement.grounding == "laws-of-code"
    assert data.paper("2305.13673").placement.grounding == "laws-of-code"


def test_metadata_matches_the_verified_facts():
    data = load_site_data(PAPERS, TAXONOMY)
    sde = data.paper("2011.13456")
    assert len(sde.authors) == 6 and sde.authors[0] == "Yang Song" and sde.authors[-1] == "Ben Poole"
    assert data.paper("1512.03385").title == "Deep Residual Learning for Image Recognition"
    assert data.paper("2210.02747").title.startswith("Flow Matching")
    assert data.paper("2203.02155").short_authors == "Ouyang et al."
    for paper in data.papers:
        if paper.url.startswith("https://arxiv.org/abs/"):
            assert paper.url.endswith(paper.id)
            assert paper.year == 2000 + int(paper.id[:2]), "the year of the first arXiv version"


def write(tmp_path, text, name="papers.yml"):
    path = tmp_path / name
    path.write_text(text)
    return path


GOOD_PAPER = """papers:
  - id: "1406.2661"
    title: Generative Adversarial Networks
    authors: [Ian J. Goodfellow]
    year: 2014
    url: https://arxiv.org/abs/1406.2661
"""


@pytest.mark.parametrize("replace, line, field, words", [
    ("year: 2014", 5, "papers[0].year", "not of type 'integer'"),
    ("title: Generative Adversarial Networks", 2, "papers[0].title", "required"),
    ("url: https://arxiv.org/abs/1406.2661", 2, "papers[0].url", "required"),
    ("authors: [Ian J. Goodfellow]", 4, "papers[0].authors", "should be non-empty"),
    ("year: 2014", 6, "papers[0].colour", "not a known field"),
])
def test_a_malformed_paper_names_file_line_and_field(tmp_path, replace, line, field, words):
    new = {"papers[0].year": "year: twenty", "papers[0].title": "", "papers[0].url": "",
           "papers[0].authors": "authors: []", "papers[0].colour": "year: 2014\n    colour: red"}[field]
    path = write(tmp_path, GOOD_PAPER.replace(replace, new))
    with pytest.raises(DataError) as caught:
        load_papers(path, load_taxonomy(TAXONOMY))
    error = caught.value
    assert (error.file, error.line, error.field) == (str(path), line, field)
    assert words in error.message
    assert str(error).startswith(f"{path}:{line}: {field}: ")


def test_a_placement_outside_the_axes_is_rejected(tmp_path):
    path = write(tmp_path, GOOD_PAPER + "    placement: {x: 1.5}\n")
    with pytest.raises(DataError) as caught:
        load_papers(path, load_taxonomy(TAXONOMY))
    assert (caught.value.line, caught.value.field) == (7, "papers[0].placement.x")
    assert "outside [-1, 1]" in caught.value.message


def test_an_unknown_grounding_is_rejected_with_the_known_ones(tmp_path):
    path = write(tmp_path, GOOD_PAPER + "    placement: {x: 0.5, grounding: vibes}\n")
    with pytest.raises(DataError) as caught:
        load_papers(path, load_taxonomy(TAXONOMY))
    assert caught.value.field == "papers[0].placement.grounding"
    assert "laws-of-math" in caught.value.message


def test_duplicate_ids_are_rejected_at_the_second(tmp_path):
    path = write(tmp_path, GOOD_PAPER + GOOD_PAPER.replace("papers:\n", ""))
    with pytest.raises(DataError) as caught:
        load_papers(path, load_taxonomy(TAXONOMY))
    assert (caught.value.line, caught.value.field) == (7, "papers[1].id")


def test_yaml_syntax_errors_name_the_line(tmp_path):
    path = write(tmp_path, GOOD_PAPER.replace("year: 2014", "year: [2014"))
    with pytest.raises(DataError) as caught:
        load_papers(path, load_taxonomy(TAXONOMY))
    assert caught.value.field == "(syntax)" and caught.value.line >= 5


def test_an_empty_file_is_an_error(tmp_path):
    with pytest.raises(DataError, match="empty"):
        load_papers(write(tmp_path, "# nothing\n"), load_taxonomy(TAXONOMY))


def test_taxonomy_errors_name_the_field(tmp_path):
    text = TAXONOMY.read_text().replace('colour: "#3f6fd8"', 'colour: blue')
    path = write(tmp_path, text, "taxonomy.yml")
    with pytest.raises(DataError) as caught:
        load_taxonomy(path)
    assert caught.value.field == "categories[0].colour"
    assert text.splitlines()[caught.value.line - 1].strip() == "colour: blue"


def test_taxonomy_axis_range_must_be_ordered(tmp_path):
    text = TAXONOMY.read_text().replace("min: -1", "min: 2", 1)
    with pytest.raises(DataError, match="greater than min"):
        load_taxonomy(write(tmp_path, text, "taxonomy.yml"))


def test_site_data_serialises_for_the_browser():
    data = load_site_data(PAPERS, TAXONOMY).to_json()
    assert data["taxonomy"]["x"]["low"] == "Structural"
    gan = next(p for p in data["papers"] if p["id"] == "1406.2661")
    assert "venue" not in gan and gan["placement"]["x"] == -0.85
