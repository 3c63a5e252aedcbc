"""A toy's caption reads as a sentence whatever its title ends with: a title
that asks a question keeps its question mark and gains no full stop."""
from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from conftest import ROOT, SPECIMEN
from place_for_research.builder import build_context, toy_fence
from place_for_research.data.catalogue import load_site_data


@pytest.fixture
def fence_context(monkeypatch):
    """What the hooks set up for the fences: the specimen's data, the project's cache (as a build has)."""
    monkeypatch.setattr(build_context, "_page_citations", ())
    monkeypatch.setattr(build_context, "_cache_dir", ROOT / ".cache")
    monkeypatch.setattr(build_context, "_current", load_site_data(
        SPECIMEN / "docs" / "data" / "papers.yml", SPECIMEN / "docs" / "data" / "taxonomy.yml"))


def caption_text(title: str) -> str:
    figure = toy_fence.toy_fence(f"notebook: scaling-law\ntitle: {title!r}\ncaption: Read it.", "toy", "toy-preview", {}, SimpleNamespace())
    caption = re.search(r"<figcaption>(.*?)</figcaption>", figure, re.DOTALL).group(1)
    return re.sub(r"<[^>]+>", "", caption)


@pytest.mark.parametrize("title, shown", [
    ("Model first or data first?", "Read it. Model first or data first? Open as a live notebook"),
    ("It scales!", "Read it. It scales! Open as a live notebook"),
    ("Scaling, in one figure.", "Read it. Scaling, in one figure. Open as a live notebook"),
    ("Scaling", "Read it. Scaling. Open as a live notebook"),
])
def test_a_title_ends_its_sentence_once(fence_context, title, shown):
    assert caption_text(title) == shown
