"""After `new --toys clear`, the advice left in notebooks/README.txt works: it
suggests no ```toy fence the build would refuse, and links a notebook as a page."""
from __future__ import annotations

from conftest import ROOT
from place_for_research.builder import fence_lines

README = ROOT / "src" / "place_for_research" / "fork" / "templates" / "notebooks-readme.txt"


def test_the_advice_suggests_no_fence_the_build_refuses():
    text = README.read_text(encoding="utf-8")
    example = "\n".join(line[4:] for line in text.splitlines() if line.startswith("    "))
    assert fence_lines.first_problem(example) is None
    assert "[My toy](notebooks/my-toy.ipynb)" in text
