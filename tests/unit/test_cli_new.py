"""`place-for-research new`: what it changes in a fork, and what it leaves alone (no build here;
tests/site_build/test_scaffold.py builds the real repository's copy and opens it in Chromium).

The fork here is a small one written by the tests (mkdocs.yml shaped like the
site's, an essay, a toy notebook that cites a paper), so the tests hold in a
fork that has already replaced the site's own content."""
from __future__ import annotations

import difflib
import json
import textwrap
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from test_cli_merge import TAXONOMY

from place_for_research.data import yaml_rt
from place_for_research.fork import cli, scaffold
from place_for_research.data.citations import cited_ids
from place_for_research.data.catalogue import load_site_data

ROOT = Path(__file__).resolve().parents[2]

TEMPLATE_IDS = ["1706.03762", "2209.10652", "2001.08361"]

MKDOCS_YML = """\
site_name: A place for research
site_description: >-
  An explorable essay on how machine-learning research is done: structural,
  developmental and exploratory research, and why each needs the others.
site_author: The A place for research authors
# Forks: set this to where the site is published (Material's instant
# navigation matches links against it, port included; the tests build with
# SITE_URL set to their own server).
site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]
copyright: >-
  Essay text © its authors, <a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>.
  Code <a href="https://opensource.org/license/mit">MIT</a>.
  No tracking, no third-party requests.

theme:
  name: material
  custom_dir: overrides
  font: false            # no Google Fonts: the system font stack is used

nav:
  - The essay: index.md
  - Toy demos:
      - notebooks/index.md
      - A toy: notebooks/toy.ipynb
  - Write your own: write-your-own.md
  - About: about.md

extra:
  research:
    papers: data/papers.yml
    taxonomy: data/taxonomy.yml

markdown_extensions:
  - pymdownx.superfences:
      custom_fences:
        - name: spectrum
          class: research-spectrum
          format: !!python/name:place_for_research.builder.spectrum_fence.spectrum_fence
          validator: !!python/name:place_for_research.builder.fence_options.validate_options

hooks:
  - src/place_for_research/builder/mkdocs_hooks.py

watch:
  - src
  - notebooks
"""

PAPERS = """\
# Papers readers can place on the spectrum.
papers:
  # -- cited by the essay -----------------------------------------------------
  - id: "1406.2661"
    title: Generative Adversarial Networks
    authors: [Ian J. Goodfellow et al.]
    year: 2014
    url: https://arxiv.org/abs/1406.2661
    placement: {x: -0.85, y: 0.1}
  - id: "2011.13456"
    title: Score-Based Generative Modeling through Stochastic Differential Equations
    authors: [Yang Song et al.]
    year: 2020
    url: https://arxiv.org/abs/2011.13456
    placement: {x: -0.9, y: 0.1, grounding: laws-of-math}
  - id: "2001.08361"
    title: Scaling Laws for Neural Language Models
    authors: [Jared Kaplan et al.]
    year: 2020
    url: https://arxiv.org/abs/2001.08361
    placement: {x: -0.3, y: 0.75, grounding: laws-of-code}
  # -- landmarks readers can place (no author placement) ----------------------
  - id: "1706.03762"
    title: Attention Is All You Need
    authors: [Ashish Vaswani et al.]
    year: 2017
    url: https://arxiv.org/abs/1706.03762
  - id: "2209.10652"
    title: Toy Models of Superposition
    authors: [Nelson Elhage et al.]
    year: 2022
    url: https://arxiv.org/abs/2209.10652
  - id: "2102.04074"
    title: Learning Curve Theory
    authors: [Marcus Hutter]
    year: 2021
    url: https://arxiv.org/abs/2102.04074
  - id: "1512.03385"
    title: Deep Residual Learning for Image Recognition
    authors: [Kaiming He, Xiangyu Zhang, Shaoqing Ren, Jian Sun]
    year: 2015
    url: https://arxiv.org/abs/1512.03385
"""


@pytest.fixture
def fork(tmp_path) -> Path:
    """A small fork as `new` finds it: the essay cites two papers, the toy pages two more."""
    fork = tmp_path / "fork"
    (fork / "docs" / "data").mkdir(parents=True)
    (fork / "notebooks").mkdir()
    (fork / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (fork / "docs" / "data" / "papers.yml").write_text(PAPERS, encoding="utf-8")
    (fork / "docs" / "data" / "taxonomy.yml").write_text(TAXONOMY, encoding="utf-8")
    (fork / "docs" / "index.md").write_text(textwrap.dedent("""\
        # A place for research

        [GANs](https://arxiv.org/abs/1406.2661) and [score SDEs](https://arxiv.org/abs/2011.13456).
        """), encoding="utf-8")
    (fork / "docs" / "about.md").write_text("# About\n\n[Toy demos](notebooks/index.md)\n", encoding="utf-8")
    (fork / "docs" / "write-your-own.md").write_text("# Write your own\n", encoding="utf-8")
    (fork / "notebooks" / "index.md").write_text(
        "# Toy demos\n\n[A toy](toy.ipynb), after [Song et al.](https://arxiv.org/abs/2011.13456)\n")
    notebook = {"cells": [{"cell_type": "markdown", "metadata": {},
                           "source": ["# A toy\n", "After [Hutter](https://arxiv.org/abs/2102.04074)."]},
                          {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                           "source": ["print('[not](https://arxiv.org/abs/1512.03385) a citation')"]}],
                "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (fork / "notebooks" / "toy.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    (fork / "tests" / "essay").mkdir(parents=True)
    (fork / "tests" / "essay" / "test_this_essay.py").write_text("def test_the_old_essay():\n    pass\n")
    return fork


def essay_title_in_tests(fork: Path) -> str:
    """The title the essay's checks (tests/essay/test_this_essay.py) expect."""
    namespace = {}
    exec(compile((fork / "tests" / "essay" / "test_this_essay.py").read_text(encoding="utf-8"), "test", "exec"), namespace)
    assert "test_the_old_essay" not in namespace, "the previous essay's checks were kept"
    return namespace["TITLE"]


def run(capsys, *argv) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def config(fork: Path) -> dict:
    return yaml_rt.read_mkdocs_config(fork / "mkdocs.yml")


def site_data(fork: Path):
    return load_site_data(fork / "docs" / "data" / "papers.yml", fork / "docs" / "data" / "taxonomy.yml")


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return [d[2:] for d in diff if d.startswith("- ")], [d[2:] for d in diff if d.startswith("+ ")]


def test_sets_the_identity_and_edits_mkdocs_yml_surgically(fork, capsys):
    before = (fork / "mkdocs.yml").read_text(encoding="utf-8")

    code, out, err = run(capsys, "new", "--dir", fork, "--title", "Notes on slow science",
                         "--author", "Ada Example", "--site-url", "https://ada.github.io/notes")

    assert code == 0, err
    assert "Started 'Notes on slow science' by Ada Example" in out
    after = (fork / "mkdocs.yml").read_text(encoding="utf-8")
    removed, added = changed_lines(before, after)
    # Only the identity lines changed; comments, tags, the theme and the fences are as they were.
    assert all(line.startswith(("site_", "copyright", "  ", "# Started with")) for line in removed + added), \
        (removed, added)
    assert "!!python/name:place_for_research.builder.spectrum_fence.spectrum_fence" in after
    assert "# Forks: set this to where the site is published" in after
    assert after.splitlines()[0].startswith("# Started with `place-for-research new` on ")
    settings = config(fork)
    assert settings["site_name"] == "Notes on slow science"
    assert settings["site_author"] == "Ada Example"
    assert settings["site_url"] == "https://ada.github.io/notes/"
    assert "!ENV [SITE_URL, \"https://ada.github.io/notes/\"]" in after  # the tests can still override it
    assert settings["site_description"].startswith("Notes on slow science: a research philosophy by Ada Example")
    assert settings["copyright"].startswith("Essay text © Ada Example, <a href=")
    assert settings["nav"] == yaml_rt.mkdocs_yaml().load(before)["nav"]


def test_the_essay_becomes_the_template_and_every_citation_resolves(fork, capsys):
    code, _, err = run(capsys, "new", "--dir", fork, "--title", "Notes", "--author", "Ada Example")
    assert code == 0, err
    essay = (fork / "docs" / "index.md").read_text(encoding="utf-8")
    assert essay.startswith("---\ntitle: Notes\n")
    assert "references: true" in essay
    assert "byline: true" in essay and "# Notes\n" in essay  # author and date: extra.byline in mkdocs.yml
    for block in ("## Citing a paper", "## Footnotes", "```spectrum\nview: line", "view: plane",
                  "view: map", "## Naming your own spectrum", "```toy\nnotebook: toy\ntitle: Toy\n"):
        assert block in essay, block
    assert "{{" not in essay and "toys:" not in essay
    assert cited_ids(essay) == TEMPLATE_IDS
    data = site_data(fork)
    assert all(data.paper(i) for i in TEMPLATE_IDS)
    about = (fork / "docs" / "about.md").read_text(encoding="utf-8")
    assert "*Notes* is an explorable essay by Ada Example" in about
    assert "(write-your-own.md)" in about and "(notebooks/index.md)" in about
    assert essay_title_in_tests(fork) == "Notes"


def test_titles_with_yaml_punctuation_survive(fork, capsys):
    title, author = "Ada's notes: #1 on [research] & \"craft\"", "Zoë O'Brien-Ngata"
    code, _, err = run(capsys, "new", "--dir", fork, "--title", title, "--author", author,
                       "--description", "What: I think, and why #ideas.")
    assert code == 0, err
    settings = config(fork)
    assert settings["site_name"] == title
    assert settings["site_author"] == author
    assert settings["site_description"] == "What: I think, and why #ideas."
    front = (fork / "docs" / "index.md").read_text(encoding="utf-8").split("---")[1]
    assert YAML(typ="safe", pure=True).load(front)["title"] == title
    assert YAML(typ="safe", pure=True).load(front)["description"] == "What: I think, and why #ideas."
    assert essay_title_in_tests(fork) == title


def test_runs_once_and_force_backs_up_what_it_replaces(fork, capsys):
    assert run(capsys, "new", "--dir", fork, "--title", "First", "--author", "A")[0] == 0
    essay = fork / "docs" / "index.md"
    essay.write_text(essay.read_text() + "\nMy own words.\n")
    config_before = (fork / "mkdocs.yml").read_text()

    code, out, err = run(capsys, "new", "--dir", fork, "--title", "Second", "--author", "B")

    assert code == 1
    assert out == ""
    assert '`place-for-research new` already ran here on ' in err and '"First"' in err and "--force" in err
    assert err.count("\n") == 1
    assert (fork / "mkdocs.yml").read_text() == config_before
    assert "My own words." in essay.read_text()

    code, out, err = run(capsys, "new", "--dir", fork, "--title", "Second", "--author", "B", "--force")

    assert code == 0, err
    assert config(fork)["site_name"] == "Second"
    assert (fork / "mkdocs.yml").read_text().count("# Started with") == 1
    assert "My own words." not in essay.read_text()
    backups = list((fork / ".cache" / "place-for-research").glob("before-new-*/docs/index.md"))
    assert any("My own words." in b.read_text() for b in backups)


def test_placements_clear_keeps_the_papers_and_their_comments(fork, capsys):
    papers = fork / "docs" / "data" / "papers.yml"
    before = papers.read_text(encoding="utf-8")
    code, out, err = run(capsys, "new", "--dir", fork, "--title", "T", "--author", "A", "--placements", "clear")
    assert code == 0, err
    assert "3 of the previous author's placements removed" in out
    after = papers.read_text(encoding="utf-8")
    removed, added = changed_lines(before, after)
    assert removed[0] == "# Papers readers can place on the spectrum."  # the previous author's header
    assert added and all(line.startswith("#") for line in added)       # the template's, for the fork
    assert "your own spot" in after and "Papers readers can place on the spectrum." not in after
    removed = removed[1:]
    # The previous essay's section comment goes (the fork's essay cites other papers); the rest stay.
    assert removed[0].startswith("  # -- cited by the essay")
    removed = removed[1:]
    assert len(removed) == 3 and all(line.startswith("    placement: {") for line in removed)
    assert "  # -- landmarks readers can place (no author placement) ----------------------" in after
    data = site_data(fork)
    assert len(data.papers) == before.count("\n  - id: ") and all(p.placement is None for p in data.papers)


def test_papers_clear_keeps_what_the_site_still_cites(fork, capsys):
    """The toy notebooks (kept) cite papers too: the build needs those in the papers file."""
    code, out, err = run(capsys, "new", "--dir", fork, "--title", "T", "--author", "A", "--papers", "clear")
    assert code == 0, err
    data = site_data(fork)
    ids = [p.id for p in data.papers]
    # The template's papers, then those the toy notebooks cite (a link in a code cell is no
    # citation). The toy index becomes a plain list, so a paper only it cited goes.
    assert ids == TEMPLATE_IDS + ["2102.04074"]
    assert "2011.13456" not in (fork / "notebooks" / "index.md").read_text(encoding="utf-8")
    # Placements were kept where the paper stayed (the scaling-law paper had one).
    assert data.paper("2001.08361").placement.x == -0.3
    assert (fork / "docs" / "data" / "papers.yml").read_text().startswith("# The papers readers can place on your")


def test_papers_and_toys_clear_leave_only_the_template(fork, capsys):
    code, out, err = run(capsys, "new", "--dir", fork, "--title", "T", "--author", "A",
                         "--papers", "clear", "--placements", "clear", "--toys", "clear")
    assert code == 0, err
    assert "nav: removed Toy demos" in out
    assert [p.id for p in site_data(fork).papers] == TEMPLATE_IDS
    assert not list((fork / "notebooks").glob("*.ipynb")) and not (fork / "notebooks" / "index.md").exists()
    assert (fork / "notebooks" / "README.txt").exists()  # mkdocs.yml watches the folder
    nav = config(fork)["nav"]
    assert [list(item)[0] for item in nav] == ["The essay", "Write your own", "About"]
    essay = (fork / "docs" / "index.md").read_text()
    assert "```toy\nnotebook: toy" not in essay and "This site has no toy notebooks yet" in essay
    assert "notebooks/index.md" not in (fork / "docs" / "about.md").read_text()


def test_the_template_papers_are_added_when_the_list_lacks_them(fork, capsys):
    papers = fork / "docs" / "data" / "papers.yml"
    text = papers.read_text(encoding="utf-8")
    start = text.index('  - id: "1706.03762"')
    papers.write_text(text[:start] + text[text.index("  - id:", start + 10):], encoding="utf-8")

    code, out, err = run(capsys, "new", "--dir", fork, "--title", "T", "--author", "A")

    assert code == 0, err
    assert "added the template's 1706.03762" in out
    assert site_data(fork).papers[-1].id == "1706.03762"


@pytest.mark.parametrize("argv, message", [
    (["--title", "  ", "--author", "A"], "--title must not be empty"),
    (["--title", "T", "--author", "A", "--site-url", "ada.github.io"],
     "--site-url 'ada.github.io' is not a web address"),
    (["--title", "T" * 121, "--author", "A"], "--title is longer than 120 characters"),
])
def test_bad_options_change_nothing(fork, capsys, argv, message):
    before = {p: p.read_bytes() for p in fork.rglob("*") if p.is_file()}
    code, out, err = run(capsys, "new", "--dir", fork, *argv)
    assert code == 1
    assert message in err and "Traceback" not in err
    assert {p: p.read_bytes() for p in fork.rglob("*") if p.is_file()} == before


def test_broken_site_data_is_reported_before_anything_changes(fork, capsys):
    papers = fork / "docs" / "data" / "papers.yml"
    papers.write_text(papers.read_text().replace("placement: {x: -0.85, y: 0.1}", "placement: {x: -3, y: 0.1}"))
    before = {p: p.read_bytes() for p in fork.rglob("*") if p.is_file()}

    code, out, err = run(capsys, "new", "--dir", fork, "--title", "T", "--author", "A")

    assert code == 1
    assert "fix the site data first" in err and "papers.yml:9: papers[0].placement.x: -3 is outside [-1, 1]" in err
    assert {p: p.read_bytes() for p in fork.rglob("*") if p.is_file()} == before


def test_outside_a_fork_it_says_where_to_run(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "new", "--title", "T", "--author", "A")
    assert code == 1
    assert "no mkdocs.yml here or above" in err
    code, out, err = run(capsys, "new", "--dir", tmp_path, "--title", "T", "--author", "A")
    assert code == 1
    assert "has no mkdocs.yml" in err


def test_set_key_replaces_folded_values_and_adds_missing_keys():
    text = "# top\nsite_name: Old\nsite_description: >-\n  two\n\n  paragraphs\n# keep me\ntheme:\n  name: x\n"
    text = scaffold.set_key(text, "site_description", " New one")
    text = scaffold.set_key(text, "site_author", " Me", after="site_description")
    assert text == "# top\nsite_name: Old\nsite_description: New one\nsite_author: Me\n# keep me\ntheme:\n  name: x\n"


# The essay's papers file's header (a copy: the machinery's tests never read the essay's own files).
ESSAY_PAPERS_HEADER = """\
# Papers readers can place on the spectrum. Metadata matched against
# shared/papers-facts.md. `placement` is the author's own spot: only the
# papers the essay discusses carry one, and only as far as the essay says.
# x: -1 structural .. +1 developmental; y: 0 building .. 1 exploratory;
# grounding: a category id from taxonomy.yml; reason: the author's case for the spot
# (shown on reveal); spread: half-widths of a region where the author is unsure.
"""


def test_the_papers_files_header_is_rewritten_for_the_fork(fork, capsys):
    """The essay's own header names its fact sheet and its author's placements: a fork has neither."""
    papers = fork / "docs" / "data" / "papers.yml"
    essay_header = ESSAY_PAPERS_HEADER.splitlines(keepends=True)
    body = papers.read_text(encoding="utf-8").split("papers:\n", 1)[1]
    papers.write_text("".join(essay_header) + "papers:\n" + body, encoding="utf-8")

    code, out, err = run(capsys, "new", "--dir", fork, "--title", "T", "--author", "A")

    assert code == 0, err
    after = papers.read_text(encoding="utf-8")
    template = (ROOT / "src" / "place_for_research" / "fork" / "templates" / "papers.yml").read_text(encoding="utf-8")
    assert after.startswith(template.split("papers:\n")[0] + "papers:\n")
    assert "papers-facts" not in after
    # The papers themselves as they were, without the previous essay's section comment.
    without_essay = "".join(line for line in body.splitlines(keepends=True) if "cited by the essay" not in line)
    assert after.split("papers:\n", 1)[1] == without_essay
