"""The citation finder: which links are papers, on which line, and what the build does with unknown ones."""
import markdown  # Python-Markdown: what the site renders with

from place_for_research.builder.citation_check import differences, rendered_paper_links
from place_for_research.data.citations import cited_ids, find_citations, paper_id_of


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


# -- wherever the site's Markdown renders a link, the scanner finds it ----------

SITE_EXTENSIONS = ["abbr", "admonition", "attr_list", "footnotes", "md_in_html", "tables",
                   "pymdownx.details", "pymdownx.superfences"]

CONTAINERS = """\
# Title

!!! note "An admonition"

    In an admonition [a](https://arxiv.org/abs/1706.03762).

??? tip "Details"
    In details [b](https://arxiv.org/abs/1512.03385).

!!! note
    ???+ warning "Nested"
        Nested [c](https://arxiv.org/abs/2312.00752).

Text[^long].

| Paper | Why |
|---|---|
| [d](https://doi.org/10.1038/nature14539) | a table |

<div markdown>
Markdown in HTML [e](https://arxiv.org/abs/2006.11239).
</div>

Raw <a href="https://arxiv.org/abs/2010.02502">HTML link</a>.

[^long]: A footnote of two paragraphs.

    The second one cites [f](https://arxiv.org/abs/1312.6114).
"""


def test_citations_inside_every_container_the_site_renders_are_found_with_their_lines():
    found = [(c.paper_id, c.line) for c in find_citations(CONTAINERS, extensions=SITE_EXTENSIONS)]
    assert sorted(found, key=lambda f: f[1]) == [
        ("1706.03762", 5), ("1512.03385", 8), ("2312.00752", 12), ("10.1038/nature14539", 18),
        ("2006.11239", 21), ("2010.02502", 24), ("1312.6114", 28)]


def test_the_scanner_and_python_markdown_agree_on_the_containers():
    html = markdown.markdown(CONTAINERS, extensions=SITE_EXTENSIONS)
    scanned = cited_ids(CONTAINERS, extensions=SITE_EXTENSIONS)
    assert len(rendered_paper_links(html)) == 7
    assert differences(scanned, html) == ([], [])


def test_tabs_are_followed_when_the_site_enables_them():
    text = '=== "First tab"\n\n    In a tab [a](https://arxiv.org/abs/2112.10752).\n'
    assert cited_ids(text, extensions=[*SITE_EXTENSIONS, "pymdownx.tabbed"]) == ["2112.10752"]
    rendered = markdown.markdown(text, extensions=[*SITE_EXTENSIONS, "pymdownx.tabbed"])
    assert differences(["2112.10752"], rendered) == ([], [])
    # Without the extension the indented body is code, for the renderer and the scanner alike.
    assert cited_ids(text, extensions=SITE_EXTENSIONS) == []
    assert rendered_paper_links(markdown.markdown(text, extensions=SITE_EXTENSIONS)) == []


def test_the_cross_check_reports_a_link_the_scanner_missed():
    # SuperFences ends a fence without a blank line and renders the indented line as text;
    # CommonMark reads it as indented code. The check catches the disagreement.
    text = "```\ncode\n```\n    [a](https://arxiv.org/abs/1406.2661)\n"
    html = markdown.markdown(text, extensions=SITE_EXTENSIONS)
    scanned = cited_ids(text, extensions=SITE_EXTENSIONS)
    assert differences(scanned, html) == ([("1406.2661", "https://arxiv.org/abs/1406.2661")], [])


def test_the_cross_check_reports_a_link_the_page_does_not_render():
    # Python-Markdown keeps a <div> without `markdown` as raw HTML: the link is shown as text.
    text = "<div>\n\n[a](https://arxiv.org/abs/1406.2661)\n\n</div>\n"
    html = markdown.markdown(text, extensions=SITE_EXTENSIONS)
    assert differences(cited_ids(text, extensions=SITE_EXTENSIONS), html) == ([], ["1406.2661"])


def test_links_the_build_generates_are_not_citations():
    html = ('<p><a href="https://arxiv.org/abs/1406.2661">cited</a></p>'
            '<ol class="references"><li><a href="https://arxiv.org/abs/1406.2661">ref</a></li></ol>'
            '<figure class="research-spectrum"><table><tr><td><a href="https://arxiv.org/abs/2001.08361">x</a>'
            '<br></td></tr></table></figure>')
    assert rendered_paper_links(html) == [("1406.2661", "https://arxiv.org/abs/1406.2661")]
