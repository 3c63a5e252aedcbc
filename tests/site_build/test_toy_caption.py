"""A toy's caption reads as a sentence whatever its title ends with: a title
that asks a question keeps its question mark and gains no full stop."""
from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from place_for_research.builder import toy_fence


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
def test_a_title_ends_its_sentence_once(specimen_context, title, shown):
    assert caption_text(title) == shown
