"""A citation is found on the line its link stands on, not on the first line
of its paragraph, so a build error points the author at the link itself."""
from place_for_research.data.citations import find_citations


def lines_of(markdown: str, first_line: int = 1) -> dict[str, int]:
    return {c.paper_id: c.line for c in find_citations(markdown, first_line)}


def test_each_link_of_a_paragraph_is_found_on_its_own_line():
    markdown = ("# Title\n\nA paragraph begins here,\n"
                "continues with [one](https://arxiv.org/abs/1406.2661),\n"
                "then a break  \n"
                "and <a href=\"https://arxiv.org/abs/2011.13456\">another</a>\n"
                "and `code\nspan` then [a third](https://doi.org/10.1000/xyz).\n")
    assert lines_of(markdown) == {"1406.2661": 4, "2011.13456": 6, "10.1000/xyz": 8}
    assert lines_of(markdown, first_line=10) == {"1406.2661": 13, "2011.13456": 15, "10.1000/xyz": 17}


def test_links_in_an_admonition_a_list_and_an_html_tag_split_over_lines():
    markdown = ("!!! note\n    First line of the note\n    and [one](https://arxiv.org/abs/1406.2661).\n\n"
                "- an item\n  that cites [two](https://arxiv.org/abs/2011.13456)\n\n"
                "Text <a\nhref=\"https://arxiv.org/abs/2303.01469\">three</a>.\n")
    assert lines_of(markdown) == {"1406.2661": 3, "2011.13456": 6, "2303.01469": 9}
