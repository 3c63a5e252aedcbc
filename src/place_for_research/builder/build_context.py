"""The site data of the build in progress, and the papers the page being
converted cites.

Markdown fences are plain functions that MkDocs cannot hand its config to,
so the hooks load the data once in ``on_config`` (and find each page's
citations in ``on_page_markdown``) and the fences read them here.
"""
from __future__ import annotations

from pathlib import Path

from place_for_research.data.readers import DEFAULT_FOLDER as READERS_FOLDER
from place_for_research.data.catalogue import SiteData

_current: SiteData | None = None
_page_citations: tuple[str, ...] = ()
_cache_dir: Path | None = None


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


def set_cache_dir(path: Path | None) -> None:
    """Where fences may keep what they computed across builds (None: nowhere)."""
    global _cache_dir
    _cache_dir = path


def cache_dir() -> Path | None:
    return _cache_dir


_toy_grids: dict = {}


def set_toy_grids(grids: dict) -> None:
    """Every toy's results over its grid (toy_grid.ToyGrid by module name), computed in on_pre_build."""
    global _toy_grids
    _toy_grids = dict(grids)


def toy_grids() -> dict:
    return _toy_grids


_readers: dict | None = None
_readers_folder = f"docs/{READERS_FOLDER}"  # until on_config sets the site's


def set_readers(aggregate: dict, folder: str) -> None:
    """The readers' map of this build (readers.aggregate), checked and aggregated in on_config, and
    the folder readers send their maps to (as the repository names it: docs/data/readers)."""
    global _readers, _readers_folder
    _readers, _readers_folder = aggregate, folder


def readers_folder() -> str:
    return _readers_folder


def readers() -> dict:
    if _readers is None:
        raise RuntimeError("readers' map not loaded: the mkdocs hooks aggregate it in on_config")
    return _readers
