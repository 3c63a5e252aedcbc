"""A ```toy fence links its live notebook: a fence naming a notebook the site
does not have (a toy's module name with an underscore, a notebook removed)
stops the build at the fence's `notebook:` line, naming the ones there are."""
from __future__ import annotations

from conftest import build_site, specimen_project


def test_a_toy_fence_linking_a_missing_notebook_fails_the_build_at_its_line(tmp_path):
    specimen_project(tmp_path)
    page = tmp_path / "docs" / "index.md"
    text = page.read_text(encoding="utf-8") + "\n\n```toy\ntitle: Scaling\nnotebook: scaling_law\n```\n"
    page.write_text(text, encoding="utf-8")
    line = text.splitlines().index("notebook: scaling_law") + 1
    result = build_site(tmp_path / "site", tmp_path / "mkdocs.yml")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert (f"index.md:{line}: ```toy fence: notebook: no notebook 'scaling_law' in the site "
            "(notebooks/scaling_law.ipynb; known: ") in output
    assert "scaling-law" in output.split("no notebook 'scaling_law'")[1].splitlines()[0]
    assert "Traceback" not in output
