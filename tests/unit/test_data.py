"""The papers and taxonomy files: good ones load (the specimen's, tests/specimen),
broken ones fail with file, line and field. The essay's own data is checked in
tests/essay."""
from pathlib import Path

import pytest

from place_for_research.data.catalogue import DataError, load_papers, load_site_data, load_taxonomy

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


# -- hard inputs: each names file and line, reports everything, and is quick ------

def problems_of(tmp_path, text, name="papers.yml"):
    path = write(tmp_path, text, name)
    with pytest.raises(DataError) as caught:
        load_papers(path, load_taxonomy(TAXONOMY))
    for problem in caught.value.problems:
        assert problem.file == str(path) and problem.line >= 1
    assert "Traceback" not in str(caught.value)
    return caught.value.problems


def test_a_key_written_twice_is_an_error_at_the_second(tmp_path):
    [problem] = problems_of(tmp_path, GOOD_PAPER + "    title: Another title\n")
    assert (problem.line, problem.field) == (7, "papers[0].title")
    assert "appears twice" in problem.message and "line 3" in problem.message


def test_an_alias_bomb_is_refused_at_its_first_alias(tmp_path):
    bomb = "".join(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}" if i else '"lol"'] * 9) + "]\n" for i in range(12))
    problems = problems_of(tmp_path, bomb + GOOD_PAPER)
    assert (problems[0].line, problems[0].field) == (2, "l1[0]")
    assert "alias (*l0)" in problems[0].message and "not allowed" in problems[0].message
    assert len(problems) == 11  # one per alias name, not one per use


def test_a_file_too_large_to_be_data_is_refused_before_parsing(tmp_path):
    filler = "# " + "x" * 200 + "\n"
    [problem] = problems_of(tmp_path, GOOD_PAPER + filler * 6000)
    assert problem.field == "(file)" and "larger than 256 kB" in problem.message


def test_a_byte_that_is_not_utf8_is_named_by_line_and_column(tmp_path):
    path = tmp_path / "papers.yml"
    path.write_bytes(GOOD_PAPER.encode().replace(b"Ian J.", b"Ian \xe9."))
    with pytest.raises(DataError) as caught:
        load_papers(path, load_taxonomy(TAXONOMY))
    assert str(caught.value) == (f"{path}:4: (encoding): byte 0xe9 at column 19 is not UTF-8; "
                                 "save the file as UTF-8")


def test_a_misspelt_field_is_named_with_a_suggestion_and_not_reported_missing(tmp_path):
    [problem] = problems_of(tmp_path, GOOD_PAPER.replace("title:", "titel:"))
    assert (problem.line, problem.field) == (3, "papers[0].titel")
    assert "not a known field; did you mean title?" in problem.message


def test_every_problem_in_the_file_is_reported_at_once_in_line_order(tmp_path):
    text = (GOOD_PAPER.replace("titel", "title").replace("year: 2014", "year: twenty")
            .replace("url: https", "url: http")
            + GOOD_PAPER.replace("papers:\n", "").replace("1406.2661\"", "1406.2662\"") + "    colour: red\n")
    problems = problems_of(tmp_path, text)
    assert [(p.line, p.field) for p in problems] == [
        (5, "papers[0].year"), (6, "papers[0].url"), (12, "papers[1].colour")]
    assert "should start with https://" in problems[1].message


def test_an_unquoted_id_that_yaml_reads_as_a_number_says_to_quote_it(tmp_path):
    [problem] = problems_of(tmp_path, GOOD_PAPER.replace('"1406.2661"', "2001.08360"))
    assert (problem.line, problem.field) == (2, "papers[0].id")
    assert problem.message == 'YAML reads the unquoted 2001.08360 as the number 2001.0836, not text: quote it: "2001.08360"'


@pytest.mark.parametrize("replace, by, field, words", [
    ("year: 2014", "year: !!python/object/apply:os.system [ls]", "papers[0].year", "tags are not allowed"),
    ("year: 2014", "year: " + "9" * 5000, "papers[0].year", "5000 digits"),
    ("authors: [Ian J. Goodfellow]", "authors: " + "[" * 50 + "]" * 50, "papers[0].authors", "nested more than"),
    ("url: https://arxiv.org/abs/1406.2661", "url: https://x\n---\npapers: []", "(file)", "second YAML document"),
    ("title: Generative Adversarial Networks", "title: 2020-01-01", "papers[0].title", 'quote it: "2020-01-01"'),
    ("title: Generative Adversarial Networks", "title: " + "a" * 5000, "papers[0].title", "at most 300"),
])
def test_other_hostile_values_get_a_message_not_a_traceback(tmp_path, replace, by, words, field):
    problems = problems_of(tmp_path, GOOD_PAPER.replace(replace, by))
    assert any(p.field == field and words in p.message for p in problems), problems
    assert all(len(str(p)) < 400 for p in problems)


def test_yaml_12_reads_yes_as_text(tmp_path):
    [paper] = load_papers(write(tmp_path, GOOD_PAPER.replace("Generative Adversarial Networks", "yes")),
                          load_taxonomy(TAXONOMY))
    assert paper.title == "yes"


def test_taxonomy_problems_are_all_reported(tmp_path):
    text = TAXONOMY.read_text().replace('colour: "#3f6fd8"', "colour: blue").replace("min: -1", "min: 2", 1)
    with pytest.raises(DataError) as caught:
        load_taxonomy(write(tmp_path, text, "taxonomy.yml"))
    fields = [p.field for p in caught.value.problems]
    assert "categories[0].colour" in fields and "axes.x.max" in fields
