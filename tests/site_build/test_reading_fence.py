"""```reading and ```order fences: the built specimen holds each reading's static sentence and
settings, and each order's question, shuffled items and (for readers without JavaScript) the
author's order; a broken fence stops `mkdocs build` with the page, the line and the option at
fault; nothing from the data files reaches the page as markup."""
from __future__ import annotations

import json
import re
import shutil
import textwrap
from html import unescape
from pathlib import Path

import pytest
from conftest import ROOT, SPECIMEN, build_site

from place_for_research.builder.reading_fence import shuffled

ORDER = ["Explore how models behave", "Pose a structure", "Develop it", "See new behaviour"]


def readings(html: str) -> list[tuple[dict, str]]:
    """(settings, static sentence) of each reading on a page."""
    found = re.findall(r"<p class=\"reading\" id=\"reading-\d+\" data-kind=\"\w+\" data-reading='([^']*)'>(.*?)</p>", html)
    return [(json.loads(unescape(settings)), text) for settings, text in found]


def test_each_reading_holds_its_settings_and_a_static_sentence(built_site):
    html = (built_site / "index.html").read_text()
    found = readings(html)
    assert [settings for settings, _ in found] == [
        {"kind": "grounding"},
        {"kind": "pair", "papers": ["2303.01469", "2011.13456"], "names": ["the consistency model", "the SDE paper"]},
        {"kind": "pair", "papers": ["2209.10652", "2309.08600", "2010.02502"]},
        {"kind": "pair", "papers": ["1706.03762", "1512.03385"], "names": ["<script>alert('names')</script>", "<b>ResNet</b>"]},
    ]
    texts = [unescape(text) for _, text in found]
    # The category names come from the taxonomy; the author's own fallback is used as written.
    assert texts[0] == ("Place papers on the spectrum above and mark what each structural paper rests on "
                        "(laws of math or laws of code); this sentence then reads your marks against mine.")
    assert texts[1] == ("Place the consistency model and the SDE paper on the spectrum above; "
                        "this sentence then reads where you put them against where I did.")
    assert texts[2] == "Place the superposition paper against the sparse autoencoder and DDIM papers."
    # Markup in an author's names is text: escaped in the sentence, \\u escapes in the settings.
    assert "<script>alert" not in html and "<b>ResNet" not in html
    assert "&lt;script&gt;alert(&#x27;names&#x27;)&lt;/script&gt;" in found[3][1]


def test_an_order_shows_its_items_shuffled_and_the_answer_only_without_javascript(built_site):
    html = (built_site / "index.html").read_text()
    figure = re.search(r'<figure class="order-quiz".*?</figure>', html, re.DOTALL).group(0)
    assert 'data-cycle="true"' in figure
    assert "In what order do the four stages of the research cycle come?" in figure
    shown = re.findall(r'<li class="order-item" data-item="(\d)"><span class="order-item__text">([^<]*)</span>', figure)
    assert [text for _, text in shown] == shuffled(ORDER, cycle=True)
    assert [ORDER[int(key)] for key, text in shown] == [text for _, text in shown]
    answer = re.search(r"<noscript>(.*)</noscript>", figure, re.DOTALL).group(1)
    assert re.findall(r"<li>([^<]*)</li>", answer) == ORDER
    assert "The research cycle, as the author sees it." in figure


def test_the_shuffle_is_the_same_at_every_build_and_never_the_answer():
    assert shuffled(ORDER) == shuffled(list(ORDER))
    for n in range(2, 9):
        items = [f"item {i}" for i in range(n)]
        assert shuffled(items) != items and sorted(shuffled(items)) == sorted(items)
        if n >= 3:
            rotations = [items[k:] + items[:k] for k in range(n)]
            assert shuffled(items, cycle=True) not in rotations


# -- a broken fence stops the build; data never becomes markup ------------------------------------

HOSTILE = "<script>alert(1)</script> A title"


@pytest.fixture(scope="module")
def small_project(tmp_path_factory) -> Path:
    """The smallest site with the project's hooks and these fences, and a paper whose title is markup."""
    folder = tmp_path_factory.mktemp("reading-project")
    (folder / "docs/data").mkdir(parents=True)
    shutil.copy(SPECIMEN / "docs/data/taxonomy.yml", folder / "docs/data/taxonomy.yml")
    papers = (SPECIMEN / "docs/data/papers.yml").read_text()
    papers += (f'  - id: "6666.00001"\n    title: "{HOSTILE}"\n    authors: [A. Writer]\n    year: 2024\n'
               "    url: https://arxiv.org/abs/6666.00001\n")
    (folder / "docs/data/papers.yml").write_text(papers)
    fences = "".join(textwrap.indent(textwrap.dedent(f"""\
        - name: {name}
          class: {css}
          format: !!python/name:place_for_research.builder.reading_fence.{name}_fence
          validator: !!python/name:place_for_research.builder.fence_options.validate_options
        """), " " * 8) for name, css in (("reading", "reading"), ("order", "order-quiz")))
    (folder / "mkdocs.yml").write_text(textwrap.dedent("""\
        site_name: Reading test
        theme: {name: material}
        extra:
          research: {papers: data/papers.yml, taxonomy: data/taxonomy.yml}
        markdown_extensions:
          - pymdownx.superfences:
              custom_fences:
        """) + fences + textwrap.dedent(f"""\
        hooks: [{ROOT / "src/place_for_research/builder/mkdocs_hooks.py"}]
        validation: {{links: {{not_found: info, unrecognized_links: info}}, nav: {{omitted_files: info}}}}
        """))
    return folder


def build_page(project: Path, kind: str, body: str):
    (project / "docs/index.md").write_text(f"# Test\n\n```{kind}\n{body}\n```\n")
    result = build_site(project / "site", project / "mkdocs.yml")
    return result, result.stdout + result.stderr


@pytest.mark.parametrize("kind, body, message", [
    ("reading", "kind: vote", ("index.md:4: ```reading fence: kind must be one of grounding, pair, readers-grounding, "
                                    "readers-contested, not 'vote'")),
    ("reading", "kind: grounding\ncolour: red", ("index.md:5: ```reading fence: unknown option(s) 'colour' "
                                                "(known: kind, papers, names, fallback, category)")),
    ("reading", 'kind: pair\npapers: ["1406.2661", "9999.99999"]',
     "index.md:5: ```reading fence: papers: unknown paper id(s) '9999.99999': not in the papers file"),
    ("reading", 'kind: pair\npapers: ["1406.2661"]', ("index.md:5: ```reading fence: papers: a pair reads one paper "
                                                     "against at least one other")),
    ("reading", 'kind: pair\npapers: [1406.2661, "2011.13456"]', "paper ids must be quoted text"),
    ("reading", 'kind: pair\npapers: ["1406.2661", "2011.13456"]\nnames: [one]',
     "index.md:6: ```reading fence: names: give one name per paper (2), not 1"),
    ("reading", "kind: grounding\nfallback: [a, b]", "index.md:5: ```reading fence: fallback must be text"),
    ("order", "items: [a, b, c]", "index.md:3: ```order fence: question must be text, not None"),
    ("order", "question: Which first?\nitems: [a, a, b]", "index.md:5: ```order fence: items: an item is listed twice"),
    ("order", "question: Which first?\nitems: [a, b]\ncycle: true", ("index.md:5: ```order fence: items: a cycle needs "
                                                                     "at least three items")),
    ("order", "question: Which first?\nitems: [a, b]\ncycle: sometimes", ("index.md:6: ```order fence: cycle must be "
                                                                         "true or false, not 'sometimes'")),
])
def test_a_broken_fence_fails_the_build_with_its_page_line_and_option(small_project, kind, body, message):
    result, output = build_page(small_project, kind, body)
    assert result.returncode != 0
    assert message in output, output


def test_a_title_with_markup_reaches_the_page_as_text(small_project):
    result, output = build_page(small_project, "reading", 'kind: pair\npapers: ["6666.00001", "1406.2661"]')
    assert result.returncode == 0, output
    html = (small_project / "site/index.html").read_text()
    assert "<script>alert(1)" not in html
    assert "Place &lt;script&gt;alert(1)&lt;/script&gt; A title and Generative Adversarial Networks" in html
    result, output = build_page(small_project, "order", f'question: "{HOSTILE}"\nitems: ["<b>one</b>", two]')
    assert result.returncode == 0, output
    html = (small_project / "site/index.html").read_text()
    assert "<script>alert(1)" not in html and "<b>one</b>" not in html
    assert "&lt;b&gt;one&lt;/b&gt;" in html
