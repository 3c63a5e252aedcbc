"""A notebook cell that fails at build time stops the strict build in a few lines: the
notebook, the cell's number and first line, the failing line, the exception's type and
message, no terminal colour codes, and the file that holds the whole traceback."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SPECIMEN, build_site


def notebook(*cells: tuple[str, str]) -> str:
    return json.dumps({
        "cells": [{"cell_type": kind, "id": f"cell-{i}", "metadata": {}, "source": source.splitlines(keepends=True),
                   **({"execution_count": None, "outputs": []} if kind == "code" else {})}
                  for i, (kind, source) in enumerate(cells)],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5}, indent=1)


def project_with(folder: Path, name: str, text: str) -> Path:
    """A small site (the specimen's data, one page) whose only notebook is the given one."""
    (folder / "docs").mkdir(parents=True)
    shutil.copytree(SPECIMEN / "docs" / "data", folder / "docs" / "data")
    (folder / "docs" / "index.md").write_text("# Home\n\nA page.\n", encoding="utf-8")
    (folder / "docs" / "assets").symlink_to(ROOT / "docs" / "assets")
    for link in ("src", "overrides"):
        (folder / link).symlink_to(ROOT / link)
    (folder / "notebooks").mkdir()
    (folder / "notebooks" / f"{name}.ipynb").write_text(text, encoding="utf-8")
    config = {"INHERIT": str(ROOT / "mkdocs.yml"), "site_name": "One notebook", "watch": ["src"],
              "nav": [{"Home": "index.md"}, f"notebooks/{name}.ipynb"],
              "extra": {"research": {"notebooks": [str(folder / "notebooks")]}}}
    (folder / "mkdocs.yml").write_text(json.dumps(config), encoding="utf-8")
    return folder / "mkdocs.yml"


@pytest.mark.parametrize("sources, failing, error", [
    (["values = [1, 2]\ntotal = values[5]\n"], "at its line 2: `total = values[5]`", "IndexError: list index out of range"),
    (["def half(x):\n    return x / 0\n\nhalf(3)\n"], "at its line 2: `return x / 0`", "ZeroDivisionError: division by zero"),
    # Defined in one cell, failing when another calls it: the calling cell's line is named.
    (["def half(x):\n    return x / 0\n", "half(3)\n"], "at its line 1: `half(3)`", "ZeroDivisionError: division by zero"),
    (["total = 1\nvalue = (total +\n"], "at its line 2: `value = (total +`", "SyntaxError: incomplete input"),
])
def test_a_failing_cell_is_named_in_a_few_plain_lines(tmp_path, sources, failing, error):
    cells = [("markdown", "# A toy that breaks\n"), ("code", "x = 1\n"), *(("code", source) for source in sources)]
    config = project_with(tmp_path / "project", "broken-toy", notebook(*cells))
    result = build_site(tmp_path / "site", config)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "\x1b[" not in output
    assert "Traceback" not in output and "click" not in output
    assert len(output.strip().splitlines()) <= 10, output
    number, first_line = len(cells), sources[-1].splitlines()[0]
    assert f"notebooks/broken-toy.ipynb: cell {number} (`{first_line}`) failed, {failing}" in output
    assert f"  {error}\n" in output
    saved = tmp_path / "project" / ".cache" / "notebook-errors" / "broken-toy.txt"
    assert "the full traceback is in .cache/notebook-errors/broken-toy.txt" in output
    full = saved.read_text(encoding="utf-8")
    assert error in full and "Cell In[" in full and "\x1b[" not in full
