"""The byline and "Cite this essay" block come from mkdocs.yml, so a fork gets its own."""
from __future__ import annotations

import datetime as dt

import pytest

from place_for_research import byline

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


def test_no_author_is_a_clear_message():
    with pytest.raises(byline.BylineError, match="site_author"):
        byline.from_config({**CONFIG, "site_author": " "})


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
