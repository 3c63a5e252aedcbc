"""The citation finder: which links are papers, on which line, and what the build does with unknown ones."""
from place_for_research.citations import cited_ids, find_citations, paper_id_of


def test_arxiv_and_doi_urls_give_ids():
    assert paper_id_of("https://arxiv.org/abs/1406.2661") == "1406.2661"
    assert paper_id_of("https://arxiv.org/abs/2011.13456v2") == "2011.13456"
    assert paper_id_of("http://arxiv.org/pdf/2211.17192.pdf") == "2211.17192"
    assert paper_id_of("https://arxiv.org/abs/hep-th/9901001") == "hep-th/9901001"
    assert paper_id_of("https://doi.org/10.1038/nature14539") == "10.1038/nature14539"
    assert paper_id_of("https://example.org/abs/1406.2661") is None
    assert paper_id_of("https://arxiv.org/list/cs.LG/recent") is None


def test_citations_come_with_their_lines_in_order():
    text = "# Title\n\nSee [GANs](https://arxiv.org/abs/1406.2661).\n\nAnd\n[SDE][sde] too.\n\n[sde]: https://arxiv.org/abs/2011.13456\n"
    found = find_citations(text)
    assert [(c.paper_id, c.line) for c in found] == [("1406.2661", 3), ("2011.13456", 5)]
    assert [c.line for c in find_citations(text, first_line=10)] == [12, 14]


def test_code_is_not_a_citation():
    text = "Inline `[x](https://arxiv.org/abs/1111.11111)`.\n\n```\n[y](https://arxiv.org/abs/2222.22222)\n```\n\n    [z](https://arxiv.org/abs/3333.33333)\n"
    assert find_citations(text) == []


def test_citations_inside_lists_tables_and_footnotes_count():
    text = ("- item [a](https://arxiv.org/abs/1706.03762)\n\n| h |\n|---|\n| [b](https://arxiv.org/abs/1512.03385) |\n\n"
            "Text.[^1]\n\n[^1]: A note on [c](https://arxiv.org/abs/1312.6114).\n")
    assert cited_ids(text) == ["1706.03762", "1512.03385", "1312.6114"]


def test_repeated_citations_are_listed_once_in_order_of_first_mention():
    text = "[a](https://arxiv.org/abs/2) [b](https://arxiv.org/abs/1406.2661) [c](https://arxiv.org/abs/1406.2661v3)"
    assert cited_ids(text) == ["1406.2661"]
