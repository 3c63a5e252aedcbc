"""Find the papers an essay cites: its links to arXiv abstracts and DOIs.

Markdown is parsed with markdown-it-py, so links in code spans and fenced
code are ignored and reference-style links are resolved, as a reader's
browser would see them. The parser is taught the containers the site's
Python-Markdown extensions render (admonitions ``!!!``, details ``???``,
tabs ``===``, footnotes, tables, ``<div markdown>`` blocks), so a link
inside one counts. Raw HTML links (``<a href=...>``) count too. The build
checks the result against the rendered page (:mod:`citation_check`).
"""
from __future__ import annotations

import re
from html import unescape
from dataclasses import dataclass
from typing import Iterable

from markdown_it import MarkdownIt
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.footnote import footnote_plugin

ARXIV = re.compile(r"^https?://(?:www\.)?arxiv\.org/(?:abs|pdf)/([0-9]{4}\.[0-9]{4,5}|[a-z-]+(?:\.[A-Z]{2})?/[0-9]{7})(?:v[0-9]+)?(?:\.pdf)?/?$")
DOI = re.compile(r"^https?://(?:dx\.)?doi\.org/(10\.[0-9]{4,9}/\S+)$")
HTML_LINK = re.compile(r"""<a\s[^>]*?href\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)

# The site's Markdown extensions (mkdocs.yml) the scanner knows how to follow.
ALL_EXTENSIONS = ("admonition", "pymdownx.details", "pymdownx.tabbed", "footnotes", "tables", "md_in_html")
TAB = re.compile(r'^(\s*)===(\+?)\s+("[^"]*"|\S.*)$', re.MULTILINE)
HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
MARKDOWN_IN_HTML = re.compile(r"<[A-Za-z][^>]*\smarkdown\b")


@dataclass(frozen=True)
class Citation:
    """One link to a paper: its id (arXiv id or DOI), the URL and the 1-based line."""

    paper_id: str
    url: str
    line: int


def paper_id_of(url: str) -> str | None:
    """The arXiv id (version dropped) or DOI a URL points at, else None."""
    for pattern in (ARXIV, DOI):
        match = pattern.match(url.strip())
        if match:
            return match.group(1)
    return None


def _parser(extensions: frozenset[str]) -> MarkdownIt:
    parser = MarkdownIt("commonmark")
    if "tables" in extensions:
        parser.enable("table")
    if extensions & {"admonition", "pymdownx.details", "pymdownx.tabbed"}:
        parser.use(admon_plugin)  # !!! and ??? (and === below) are all indented containers
    if "footnotes" in extensions:
        parser.use(footnote_plugin)
    return parser


def find_citations(markdown: str, first_line: int = 1,
                   extensions: Iterable[str] = ALL_EXTENSIONS) -> list[Citation]:
    """Every link to a paper in document order; ``first_line`` is the line the text starts on.

    ``extensions`` are the names in mkdocs.yml's ``markdown_extensions``: the scanner
    follows the same containers the site renders, and no others.
    """
    extensions = frozenset(extensions)
    if "pymdownx.tabbed" in extensions:  # a tab is an indented container like !!! (same lines)
        markdown = TAB.sub(lambda m: f'{m.group(1)}!!! tab {m.group(3)}', markdown)
    found: list[Citation] = []
    _scan(_parser(extensions).parse(markdown), first_line, extensions, found)
    return found


def _scan(tokens, first_line: int, extensions: frozenset[str], found: list[Citation]) -> None:
    for token in tokens:
        line = first_line + (token.map[0] if token.map else 0)
        if token.type == "inline" and token.children:
            _scan_inline(token, line, found)
        elif token.type == "html_block":
            if "md_in_html" in extensions and MARKDOWN_IN_HTML.search(token.content):
                # <div markdown> ... </div>: what is between the tags is Markdown (read once more,
                # tags removed and lines kept; nested blocks are read in the same pass).
                inner = HTML_TAG.sub("", token.content)
                _scan(_parser(extensions).parse(inner), line, extensions - {"md_in_html"}, found)
            for offset, text in enumerate(token.content.split("\n")):
                for url in _html_links(text):
                    _add(url, line + offset, found)


def _scan_inline(token, line: int, found: list[Citation]) -> None:
    """The links of one paragraph (or heading, or cell), each on its own line: the
    line of the link's URL in the paragraph's source, searched in order (a
    reference-style link, whose URL stands elsewhere, gets the paragraph's line)."""
    source, searched = token.content, 0

    def line_of(url: str) -> int:
        nonlocal searched
        at = source.find(url, searched)
        if at < 0:
            return line + source.count("\n", 0, searched)
        searched = at + len(url)
        return line + source.count("\n", 0, at)

    for child in token.children:
        if child.type == "link_open":
            url = str(child.attrGet("href") or "")
            _add(url, line_of(url), found)
        elif child.type == "html_inline":
            for url in _html_links(child.content):
                _add(url, line_of(url), found)


def _html_links(html: str) -> list[str]:
    return [unescape(m.group(1) if m.group(1) is not None else m.group(2)) for m in HTML_LINK.finditer(html)]


def _add(url: str, line: int, found: list[Citation]) -> None:
    paper_id = paper_id_of(url)
    if paper_id:
        found.append(Citation(paper_id, url, line))


def cited_ids(markdown: str, extensions: Iterable[str] = ALL_EXTENSIONS) -> list[str]:
    """The ids cited, each once, in order of first mention."""
    return list(dict.fromkeys(c.paper_id for c in find_citations(markdown, extensions=extensions)))
