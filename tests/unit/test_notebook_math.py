"""The notebooks' TeX is typeset at build time (notebook_math), by the pinned KaTeX under node."""
from __future__ import annotations

import pytest

from place_for_research.builder import notebook_math

CELL = '<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-MarkdownOutput" data-mime-type="text/markdown">{}</div>'


def test_formulas_are_found_in_markdown_text_and_nowhere_else():
    content = (CELL.format('<p>A draft $q$ of $\\gamma$ tokens; <code>$not math$</code> and '
                           '<a href="x">$p &lt; q$</a>.</p><div><p>$$\\sum_i x_i$$</p></div>')
               + '<div class="jp-Cell jp-CodeCell"><pre>print("$5 and $6")</pre></div><p>$outside$</p>')
    found = [(tex, display) for _, _, tex, display in notebook_math.find_formulas(content)]
    assert found == [("q", False), ("\\gamma", False), ("p < q", False), ("\\sum_i x_i", True)]


def test_an_escaped_dollar_is_a_dollar():
    content = CELL.format("<p>It costs \\$5, and $x$ is a formula.</p>")
    assert [tex for _, _, tex, _ in notebook_math.find_formulas(content)] == ["x"]


def test_typeset_replaces_each_formula_with_katex_html_and_mathml():
    content = CELL.format("<p>A draft $q$ guesses $\\gamma$ tokens: $$\\min(1, p/q)$$</p>")
    out = notebook_math.typeset(content)
    assert "$" not in out
    assert out.count('<span class="katex">') == 3  # the display formula's is inside its katex-display
    assert out.count('<span class="katex-display">') == 1
    assert '<annotation encoding="application/x-tex">\\gamma</annotation>' in out  # the TeX stays readable to AT
    assert "<math" in out  # MathML for screen readers


def test_a_page_without_maths_is_left_as_it_was():
    content = CELL.format("<p>No maths here, only 5 dollars.</p>")
    assert notebook_math.typeset(content) is content


def test_tex_katex_cannot_read_stops_the_build_naming_the_formula():
    with pytest.raises(notebook_math.MathError, match=r"\$\\frac\{a\$: .*"):
        notebook_math.typeset(CELL.format("<p>Broken: $\\frac{a$</p>"))
