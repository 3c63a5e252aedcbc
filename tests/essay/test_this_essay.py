"""Checks of this essay, "A place for research", and of its data: its five
parts, the eight papers of the brief, where the author placed them, their
metadata, its licences.

These are about the words and the data, not the machinery, so
`place-for-research new` removes this folder when a fork starts its own
essay (the machinery's tests run on tests/specimen and keep passing). Put
checks of your own essay here if you want them.
"""
from __future__ import annotations

import html
import re

import pytest

from conftest import ROOT
from place_for_research.citations import cited_ids
from place_for_research.data import load_site_data

ESSAY = ROOT / "docs" / "index.md"
PAPERS, TAXONOMY = ROOT / "docs" / "data" / "papers.yml", ROOT / "docs" / "data" / "taxonomy.yml"
# The papers of the brief, in the order the essay first mentions them.
CITED = ["1406.2661", "2011.13456", "2303.01469", "2203.02155",
         "2404.16767", "2211.17192", "2305.13673", "2001.08361"]
PARTS = ["1. Two ends of one continuum", "2. Where structure comes from: two kinds of laws",
         "3. Developmental research", "4. The third side: exploratory research", "5. Yin and yang"]


@pytest.fixture(scope="module")
def data():
    return load_site_data(PAPERS, TAXONOMY)


@pytest.fixture(scope="module")
def essay_html(essay_site) -> str:
    return (essay_site / "index.html").read_text(encoding="utf-8")


def test_the_essay_cites_exactly_the_eight_papers_of_the_brief():
    assert cited_ids(ESSAY.read_text(encoding="utf-8")) == CITED


def test_the_essay_has_its_five_parts_in_order_then_references(essay_html):
    def headings(level: int) -> list[str]:
        found = re.findall(rf"<h{level}[^>]*>(.*?)</h{level}>", essay_html, re.S)
        return [html.unescape(re.sub(r"<[^>]+>", "", h)).replace("¶", "").strip() for h in found]

    h1, h2 = headings(1), headings(2)
    assert "A place for research" in h1
    assert [h for h in h2 if h[:1].isdigit()] == PARTS
    assert h2[-1] == "References"


def test_the_references_are_the_papers_of_the_brief(essay_html):
    block = essay_html[essay_html.index('<ol class="references">'):]
    assert re.findall(r'<li id="ref-([^"]+)">', block[: block.index("</ol>")]) == CITED


def test_the_footer_states_both_licences(essay_html):
    footer = essay_html[essay_html.index("md-footer"):]
    assert "CC BY 4.0" in footer and "MIT" in footer


def test_only_the_essays_papers_carry_author_placements(data):
    assert len(data.papers) >= 30
    assert {p.id for p in data.papers if p.placement} == set(CITED)


def test_author_placements_follow_the_brief(data):
    x = {p.id: p.placement.x for p in data.papers if p.placement}
    for structural in ("1406.2661", "2011.13456", "2303.01469", "2203.02155"):
        assert x[structural] < 0
    for developmental in ("2404.16767", "2211.17192"):
        assert x[developmental] > 0
    assert data.paper("2011.13456").placement.grounding == "laws-of-math"
    assert data.paper("2001.08361").placement.grounding == "laws-of-code"
    assert data.paper("2305.13673").placement.grounding == "laws-of-code"


def test_metadata_matches_the_verified_facts(data):
    sde = data.paper("2011.13456")
    assert len(sde.authors) == 6 and sde.authors[0] == "Yang Song" and sde.authors[-1] == "Ben Poole"
    assert data.paper("1512.03385").title == "Deep Residual Learning for Image Recognition"
    assert data.paper("2210.02747").title.startswith("Flow Matching")
    assert data.paper("2203.02155").short_authors == "Ouyang et al."
    for paper in data.papers:
        if paper.url.startswith("https://arxiv.org/abs/"):
            assert paper.url.endswith(paper.id)
            assert paper.year == 2000 + int(paper.id[:2]), "the year of the first arXiv version"
