"""The papers and taxonomy files: good ones load (the specimen's, tests/specimen),
broken ones fail with file, line and field. The essay's own data is checked in
tests/essay."""
from pathlib import Path

import pytest

from place_for_research.data import DataError, load_papers, load_site_data, load_taxonomy

DOCS = Path(__file__).resolve().parents[2] / "tests" / "specimen" / "docs"
TAXONOMY = DOCS / "data" / "taxonomy.yml"
PAPERS = DOCS / "data" / "papers.yml"
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
