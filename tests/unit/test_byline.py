"""The byline and "Cite this essay" block come from mkdocs.yml, so a fork gets its own."""
from __future__ import annotations

import datetime as dt

import pytest

from place_for_research.builder import byline

CONFIG = {
    "site_name": "A place for research",
    "site_author": "Ada Example",
    "site_url": "https://ada.example/place/",
    "site_description": "A description.",
    "extra": {"byline": {"date": dt.date(2026, 11, 30), "abstract": "One line  that\nsays it."}},
}


def test_the_byline_reads_title_author_address_date_and_abstract():
    b = byline.from_config(CONFIG)
    assert (b.title, b.author, b.url, b.date) == ("A place for research", "Ada Example",
                                                  "https://ada.example/place/", dt.date(2026, 11, 30))
    assert b.abstract == "One line that says it."


def test_a_date_written_as_text_is_read_and_the_abstract_defaults_to_the_description():
    config = {**CONFIG, "extra": {"byline": {"date": "2025-01-02"}}}
    b = byline.from_config(config)
    assert b.date == dt.date(2025, 1, 2) and b.abstract == "A description."


@pytest.mark.parametrize("extra, message", [
    ({}, "extra.byline.date: missing"),
    ({"byline": {"date": "30/11/2026"}}, "extra.byline.date: '30/11/2026' is not a date"),
    ({"byline": "yesterday"}, "extra.byline: must be a mapping"),
])
def test_a_missing_or_malformed_date_is_a_clear_message(extra, message):
    with pytest.raises(byline.BylineError, match=message.replace(".", r"\.").replace("(", r"\(")):
        byline.from_config({**CONFIG, "extra": extra})


def test_without_an_author_the_essay_is_cited_by_its_title_with_no_name():
    b = byline.from_config({**CONFIG, "site_author": " "})
    assert b.author == ""
    assert 'class="byline__author"' not in byline.title_block(b)
    assert byline.plain_citation(b) == "A place for research (2026). 30 November 2026. https://ada.example/place/"
    assert "author" not in byline.bibtex(b) and "authors" not in byline.plain_citation(b)


@pytest.mark.parametrize("url", ["http://127.0.0.1:8000/", "http://localhost:8000/site/", "http://[::1]:9/",
                                 "http://127.0.0.2/", "http://docs.localhost/", ""])
def test_a_loopback_address_is_never_cited(url):
    b = byline.from_config({**CONFIG, "site_url": url})
    assert b.url == ""
    assert byline.plain_citation(b) == "Ada Example (2026). A place for research. 30 November 2026."
    assert "howpublished" not in byline.bibtex(b) and "127.0.0.1" not in byline.cite_block(b)


def test_the_title_block_names_author_date_and_abstract_escaped():
    b = byline.from_config({**CONFIG, "site_author": "Ada <b>Example</b>"})
    block = byline.title_block(b)
    assert "Ada &lt;b&gt;Example&lt;/b&gt;" in block
    assert '<time datetime="2026-11-30">30 November 2026</time>' in block
    assert "One line that says it." in block and 'href="#cite-this-essay"' in block


def test_the_bibtex_entry_is_complete_and_escaped():
    b = byline.from_config({**CONFIG, "site_name": "Research & 100% of its {parts}"})
    entry = byline.bibtex(b)
    assert entry.startswith("@misc{example2026research,\n")
    assert r"title        = {Research \& 100\% of its \{parts\}}" in entry
    assert "author       = {Ada Example}" in entry and "year         = {2026}" in entry
    assert r"howpublished = {\url{https://ada.example/place/}}" in entry
    assert entry.count("{") == entry.count("}") and entry.endswith("}")


def test_the_cite_block_has_plain_text_and_bibtex():
    block = byline.cite_block(byline.from_config(CONFIG))
    assert block.startswith("## Cite this essay { #cite-this-essay }")
    assert ("Ada Example (2026). A place for research. 30 November 2026. "
            "https://ada.example/place/") in block
    assert "```bibtex\n@misc{example2026place," in block


def test_the_title_block_goes_after_the_first_heading():
    b = byline.from_config(CONFIG)
    text = byline.insert_title_block("intro\n# Title\n\nBody\n", b)
    assert text.startswith("intro\n# Title\n\n<div class=\"byline\">")
    assert text.rstrip().endswith("Body")


def test_new_gives_a_fork_its_own_byline_and_replaces_the_old_one():
    from place_for_research.fork import scaffold
    from ruamel.yaml import YAML

    original = ("site_name: Old\nsite_author: Someone\nextra:\n  research:\n    papers: p.yml\n"
                "  # the byline\n  byline:\n    date: 2020-01-01\n    abstract: >-\n      The old\n      abstract.\n\n"
                "  generator: false\nplugins:\n  - search\n")
    options = scaffold.NewOptions(title="Notes", author="Ada Example", today="2026-12-01")
    text, _ = scaffold.new_mkdocs_yml(original, options, "A new essay, in one line.")
    config = YAML(typ="safe", pure=True).load(text)
    assert config["extra"] == {"research": {"papers": "p.yml"}, "generator": False,
                               "byline": {"date": dt.date(2026, 12, 1), "abstract": "A new essay, in one line."}}
    assert "  # the byline\n  byline:\n    date: 2026-12-01\n" in text and "The old" not in text
    b = byline.from_config(config)
    assert (b.author, b.date, b.abstract) == ("Ada Example", dt.date(2026, 12, 1), "A new essay, in one line.")


def test_new_adds_the_byline_to_a_config_without_extra():
    from place_for_research.fork import scaffold
    from ruamel.yaml import YAML

    text = scaffold.set_byline("site_name: Old\nplugins:\n  - search\n", "2026-12-01", "Abstract.")
    assert YAML(typ="safe", pure=True).load(text)["extra"] == {"byline": {"date": dt.date(2026, 12, 1), "abstract": "Abstract."}}
