"""The site data of the build in progress, and the papers the page being
converted cites.

Markdown fences are plain functions that MkDocs cannot hand its config to,
so the hooks load the data once in ``on_config`` (and find each page's
citations in ``on_page_markdown``) and the fences read them here.
"""
from __future__ import annotations

from place_for_research.data import SiteData

_current: SiteData | None = None
_page_citations: tuple[str, ...] = ()


def set_site_data(data: SiteData) -> None:
    global _current
    _current = data


def site_data() -> SiteData:
    if _current is None:
        raise RuntimeError("site data not loaded: the mkdocs hooks load it in on_config")
    return _current


def set_page_citations(paper_ids) -> None:
    """The ids the page about to be converted cites, in order of first mention."""
    global _page_citations
    _page_citations = tuple(dict.fromkeys(paper_ids))


def page_citations() -> tuple[str, ...]:
    return _page_citations
