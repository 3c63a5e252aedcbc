"""After `place-for-research new`, the fork holds none of the previous essay's distinctive
sentences (every sentence of twelve words or more of its essay, about page, toy index and toy
notebooks) unless the author kept them: with `--toys keep` a toy notebook keeps its own prose,
but not its pointers into the old essay's sections. No build here: `new` runs on a copy of this
repository's content and the test reads the files it leaves."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from place_for_research.fork import scaffold

from essay_words import ESSAY_PAGES, ROOT, TOY_NOTEBOOKS, distinctive, notebook_markdown, plain, readable, sentences


def start_fork(tmp_path: Path, toys: str) -> Path:
    fork = tmp_path / "fork"
    for name in ("docs", "notebooks", "tests/essay"):
        shutil.copytree(ROOT / name, fork / name)
    shutil.copy2(ROOT / "mkdocs.yml", fork / "mkdocs.yml")
    scaffold.new_philosophy(fork, scaffold.NewOptions(title="Robots that learn", author="Ada Kovač",
                                                      toys=toys, force=True))
    return fork


def left_behind(fork: Path, originals: dict[str, Path]) -> list[str]:
    """'file: sentence' for each original sentence a file of the fork's docs/ or notebooks/ still holds."""
    found = []
    for folder in ("docs", "notebooks"):
        for path in sorted((fork / folder).rglob("*")):
            if path.suffix not in (".md", ".ipynb", ".yml", ".txt") or not path.is_file():
                continue
            text = plain(readable(path))
            found += [f"{path.relative_to(fork)}: {s}" for s, source in originals.items()
                      if s in text and (source.name != path.name or source.suffix != ".ipynb")]
    return found


def test_the_original_has_sentences_to_look_for():
    assert len(distinctive(ESSAY_PAGES)) > 50
    assert all(distinctive([notebook]) for notebook in TOY_NOTEBOOKS)


def test_toys_cleared_the_fork_keeps_none_of_the_essays_sentences(tmp_path):
    fork = start_fork(tmp_path, "clear")
    originals = distinctive(ESSAY_PAGES + TOY_NOTEBOOKS)
    assert left_behind(fork, originals) == []
    assert not list((fork / "notebooks").glob("*.ipynb"))


def test_toys_kept_each_notebook_keeps_only_its_own_prose_and_no_pointer_into_the_old_essay(tmp_path):
    fork = start_fork(tmp_path, "keep")
    originals = distinctive(ESSAY_PAGES + TOY_NOTEBOOKS)
    assert left_behind(fork, originals) == []
    for original in TOY_NOTEBOOKS:
        kept = fork / "notebooks" / original.name
        assert not re.search(r"\bessay\b", notebook_markdown(kept), flags=re.IGNORECASE), kept.name
        assert sentences(notebook_markdown(kept)) & sentences(notebook_markdown(original))  # its prose stays
        code = [cell["source"] for cell in json.loads(kept.read_text(encoding="utf-8"))["cells"]
                if cell["cell_type"] == "code"]
        assert code == [cell["source"] for cell in json.loads(original.read_text(encoding="utf-8"))["cells"]
                        if cell["cell_type"] == "code"]
    index = (fork / "notebooks" / "index.md").read_text(encoding="utf-8")
    assert all(f"({notebook.name})" in index for notebook in TOY_NOTEBOOKS)


@pytest.mark.parametrize("toys", ["keep", "clear"])
def test_the_papers_file_speaks_of_no_previous_essay(tmp_path, toys):
    fork = start_fork(tmp_path, toys)
    papers = (fork / "docs" / "data" / "papers.yml").read_text(encoding="utf-8")
    comments = [line for line in papers.splitlines() if line.lstrip().startswith("#")]
    assert comments and not [line for line in comments if "essay" in line.lower()]
