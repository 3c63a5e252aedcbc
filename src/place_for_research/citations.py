"""Find the papers an essay cites: its links to arXiv abstracts and DOIs.

Markdown is parsed with markdown-it-py, so links in code spans and fenced
code are ignored and reference-style links are resolved, as a reader's
browser would see them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt

ARXIV = re.compile(r"^https?://(?:www\.)?arxiv\.org/(?:abs|pdf)/([0-9]{4}\.[0-9]{4,5}|[a-z-]+(?:\.[A-Z]{2})?/[0-9]{7})(?:v[0-9]+)?(?:\.pdf)?/?$")
DOI = re.compile(r"^https?://(?:dx\.)?doi\.org/(10\.[0-9]{4,9}/\S+)$")


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


def find_citations(markdown: str, first_line: int = 1) -> list[Citation]:
    """Every link to a paper in document order; ``first_line`` is the line the text starts on."""
    parser = MarkdownIt("commonmark").enable("table")
    found = []
    for block in parser.parse(markdown):
        if block.type != "inline" or not block.children:
            continue
        line = first_line + (block.map[0] if block.map else 0)
        for token in block.children:
            if token.type == "link_open":
                url = str(token.attrGet("href") or "")
                paper_id = paper_id_of(url)
                if paper_id:
                    found.append(Citation(paper_id, url, line))
    return found


def cited_ids(markdown: str) -> list[str]:
    """The ids cited, each once, in order of first mention."""
    return list(dict.fromkeys(c.paper_id for c in find_citations(markdown)))
