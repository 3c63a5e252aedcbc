"""Toys are found without a registry, and `new-toy` writes one that runs, or refuses a bad name."""
from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

from place_for_research import toys
from place_for_research.builder import toy_grid
from place_for_research.fork import cli, toy_scaffold
from place_for_research.toys.controls import grid

ROOT = Path(__file__).resolve().parents[2]
NAV = """site_name: Test
# the nav, kept as written
nav:
  - The essay: index.md
  - Toy demos:
      - notebooks/index.md
      - Old toy: notebooks/old-toy.ipynb  # a comment kept

  - About: about.md
extra:
  research:
    papers: data/papers.yml
"""


def test_the_toys_are_the_package_modules_with_run():
    found = toys.names()
    assert found == ["diffusion_sde", "scaling_law", "speculative_decoding", "superposition"]
    assert not {"_common", "controls", "display"} & set(found)
    assert all(callable(toys.load(name).run) for name in found)
    assert toys.description("superposition").startswith("Superposition")


def test_an_unknown_toy_names_the_known_ones():
    with pytest.raises(KeyError, match=r"unknown toy 'nope'; choose one of \['diffusion_sde', "):
        toys.load("nope")


def test_a_toy_is_found_as_soon_as_its_module_is_written(tmp_path, monkeypatch):
    (tmp_path / "helpers.py").write_text("X = 1\n", encoding="utf-8")
    (tmp_path / "fresh.py").write_text('"""A fresh toy.\n\nMore."""\n\ndef run(seed=0):\n    pass\n', encoding="utf-8")
    monkeypatch.setattr(toys, "_FOLDER", tmp_path)
    assert toys.names() == ["fresh"]
    assert toys.description("fresh") == "A fresh toy."


def fork(tmp_path: Path) -> Path:
    """A project with mkdocs.yml, a toys package (the shared helpers only) and no notebooks/."""
    (tmp_path / "mkdocs.yml").write_text(NAV, encoding="utf-8")
    folder = tmp_path / toy_scaffold.TOYS_FOLDER
    folder.mkdir(parents=True)
    for name in ("__init__.py", "_common.py", "controls.py", "display.py"):
        shutil.copy(Path(toys.__file__).parent / name, folder / name)
    return tmp_path


@pytest.mark.parametrize("name, message", [
    ("My_Toy", "'My_Toy' is not a toy name: use lower-case letters, digits and single hyphens"),
    ("my_toy", "is not a toy name"),
    ("two--hyphens", "is not a toy name"),
    ("9lives", "is not a toy name"),
    ("display", "'display' is a reserved name"),
    ("class", "'class' is a reserved name"),
])
def test_a_bad_name_is_refused_and_nothing_is_written(tmp_path, capsys, name, message):
    root = fork(tmp_path)
    before = sorted(p.name for p in root.rglob("*"))
    assert cli.main(["new-toy", name, "--dir", str(root)]) == 1
    assert message in capsys.readouterr().err
    assert sorted(p.name for p in root.rglob("*")) == before
    assert (root / "mkdocs.yml").read_text(encoding="utf-8") == NAV


def test_an_existing_toy_is_refused(tmp_path, capsys):
    root = fork(tmp_path)
    assert cli.main(["new-toy", "my-toy", "--dir", str(root)]) == 0
    capsys.readouterr()
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert cli.main(["new-toy", "my-toy", "--dir", str(root)]) == 1
    assert "a toy named 'my-toy' already exists" in capsys.readouterr().err
    assert (root / "mkdocs.yml").read_text(encoding="utf-8") == config


def test_new_toy_writes_a_module_that_runs_its_notebook_and_a_nav_entry(tmp_path, capsys, monkeypatch):
    root = fork(tmp_path)
    assert cli.main(["new-toy", "coin-flips", "--dir", str(root)]) == 0
    printed = capsys.readouterr().out
    assert "```toy\nnotebook: coin-flips\n```" in printed
    module = root / toy_scaffold.TOYS_FOLDER / "coin_flips.py"
    assert "src/place_for_research/toys/coin_flips.py" in printed
    # The nav: appended to the toys' section, the rest (comments, blank line) as it was.
    assert (root / "mkdocs.yml").read_text(encoding="utf-8") == NAV.replace(
        "# a comment kept\n", "# a comment kept\n      - Coin flips: notebooks/coin-flips.ipynb\n")
    notebook = json.loads((root / "notebooks" / "coin-flips.ipynb").read_text(encoding="utf-8"))
    code = "".join("".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code")
    assert "from place_for_research.toys import coin_flips as toy" in code and "show(out[" in code
    # Found by discovery, within the grid limits, and every point runs to finite, JSON-ready numbers.
    monkeypatch.setattr(toys, "_FOLDER", module.parent)
    assert toys.names() == ["coin_flips"]
    spec = importlib.util.spec_from_file_location("place_for_research.toys.coin_flips", module)
    toy = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(toy)  # its relative imports: this checkout's shared helpers, the same files
    assert len(toy_grid.plan("coin_flips", toy).points) <= toy_grid.MAX_POINTS
    first = [toy.run(seed=0, **point) for point in grid(toy.CONTROLS)]
    assert first == [toy.run(seed=0, **point) for point in grid(toy.CONTROLS)]  # deterministic
    assert all(set(result["readouts"]) == {r.name for r in toy.READOUTS} for result in first)
    json.dumps(first, allow_nan=False)


def test_without_a_toys_section_the_nav_gets_one(tmp_path):
    text = "nav:\n  - The essay: index.md\n  - About: about.md\n"
    assert toy_scaffold.with_nav_entry(text, "my-toy") == (
        "nav:\n  - The essay: index.md\n  - Toy demos:\n      - My toy: notebooks/my-toy.ipynb\n  - About: about.md\n")


def test_a_toys_cache_key_covers_its_module_and_the_helpers_it_imports(tmp_path):
    for name, text in {"_common.py": "A = 1\n", "controls.py": "B = 1\n", "other.py": "C = 1\n",
                       "mine.py": "from ._common import A\nfrom . import controls\n\ndef run(seed=0):\n    pass\n"}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert [p.name for p in toy_grid.source_files(tmp_path / "mine.py")] == ["_common.py", "controls.py", "mine.py"]
    before = toy_grid.source_digest(tmp_path / "mine.py")
    (tmp_path / "other.py").write_text("C = 2\n", encoding="utf-8")
    assert toy_grid.source_digest(tmp_path / "mine.py") == before  # another toy's edit: still cached
    (tmp_path / "_common.py").write_text("A = 2\n", encoding="utf-8")
    assert toy_grid.source_digest(tmp_path / "mine.py") != before  # a helper it uses: run again


def test_a_notebooks_cache_key_changes_with_its_own_toys_only(tmp_path, monkeypatch):
    from place_for_research.builder import notebook_cache

    for name, text in {"_common.py": "A = 1\n", "display.py": "def show(f):\n    pass\n",
                       "alpha.py": "from ._common import A\n\ndef run(seed=0):\n    pass\n",
                       "beta.py": "def run(seed=0):\n    pass\n"}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(notebook_cache, "TOYS_FOLDER", tmp_path)
    notebook = tmp_path / "alpha.ipynb"
    notebook.write_text(json.dumps({"cells": [
        {"cell_type": "markdown", "source": ["beta is not run here"]},
        {"cell_type": "code", "source": ["from place_for_research.toys import alpha as toy\n",
                                         "from place_for_research.toys.display import show"]}]}), encoding="utf-8")
    assert [p.name for p in notebook_cache.toy_modules_used(notebook)] == ["alpha.py", "display.py"]
    key = notebook_cache.toys_key(notebook)
    (tmp_path / "gamma.py").write_text("def run(seed=0):\n    pass\n", encoding="utf-8")  # a new toy
    (tmp_path / "beta.py").write_text("def run(seed=1):\n    pass\n", encoding="utf-8")  # another toy edited
    assert notebook_cache.toys_key(notebook) == key
    (tmp_path / "_common.py").write_text("A = 2\n", encoding="utf-8")  # a helper alpha imports
    assert notebook_cache.toys_key(notebook) != key


def test_an_edited_toy_runs_again_and_its_earlier_grid_is_dropped(tmp_path, monkeypatch):
    source = "from place_for_research.toys.controls import Control\nCONTROLS = (Control('k', 'K', (1, 2), default=1),)\n"
    (tmp_path / "edited_toy.py").write_text(source + "def run(seed=0, k=1):\n    return {'figures': {'f': {'data': []}}}\n",
                                            encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    cache = tmp_path / "cache"
    toy = importlib.import_module("edited_toy")
    toy_grid.compute({"edited_toy": toy}, cache, workers=1)
    record = cache / "toy-grids" / toy_grid.CACHE_FORMAT / toy_grid.LAST_RUN
    assert json.loads(record.read_text()) == {"reused": [], "ran": ["edited_toy"]}
    toy_grid.compute({"edited_toy": toy}, cache, workers=1)
    assert json.loads(record.read_text()) == {"reused": ["edited_toy"], "ran": []}
    (tmp_path / "edited_toy.py").write_text(source + "def run(seed=0, k=1):\n    return {'figures': {'f': {'data': [k]}}}\n",
                                            encoding="utf-8")
    toy = importlib.reload(toy)
    assert toy_grid.compute({"edited_toy": toy}, cache, workers=1)["edited_toy"].results[1] == {
        "figures": {"f": {"data": [2]}}, "readouts": {}}
    assert json.loads(record.read_text()) == {"reused": [], "ran": ["edited_toy"]}
    assert len(list(record.parent.glob("edited_toy.*.json"))) == 1
