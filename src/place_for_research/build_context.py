"""The site data of the build in progress.

Markdown fences are plain functions that MkDocs cannot hand its config to,
so the hooks load the data once in ``on_config`` and the fences read it here.
"""
from __future__ import annotations

from place_for_research.data import SiteData

_current: SiteData | None = None


def set_site_data(data: SiteData) -> None:
    global _current
    _current = data


def site_data() -> SiteData:
    if _current is None:
        raise RuntimeError("site data not loaded: the mkdocs hooks load it in on_config")
    return _current
