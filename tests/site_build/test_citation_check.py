"""Citations wherever the page renders them: in admonitions, details and
footnotes they reach the references; an unknown one there stops the build at its
line; a link the scanner and the renderer disagree on stops the build; notebook
execution prints no kernel warnings."""
from __future__ import annotations

import json
import uuid
from pathlib import Path

import nbformat
import pytest
from conftest import build_site, specimen_project

from test_site_build import reference_ids

CONTAINERS = """

!!! note "An admonition"

    Transformers came from [attention](https://arxiv.org/abs/1706.03762).

??? tip "Details"
    Residual learning: [ResNet](https://arxiv.org/abs/1512.03385).

A footnote cites a paper too.[^more]

[^more]: Its first paragraph.

    The second paragraph cites [VAEs](https://arxiv.org/abs/1312.6114).
"""


@pytest.fixture
def project(tmp_path) -> Path:
    specimen_project(tmp_path)
    return tmp_path


def add_to_essay(project: Path, text: str) -> tuple[str, list[str]]:
    essay = project / "docs" / "index.md"
    body = essay.read_text(encoding="utf-8") + text
    essay.write_text(body, encoding="utf-8")
    return body, body.splitlines()


def line_of(lines: list[str], needle: str) -> int:
    """The last line holding needle: the text a test appended, not the specimen's own link to the paper."""
    return max(i for i, line in enumerate(lines, start=1) if needle in line)


def add_fresh_notebook(project: Path) -> str:
    """A notebook no cache has seen, so the build must start a kernel: returns what it prints."""
    folder = project / "extra" / "notebooks"
    folder.mkdir(parents=True)
    marker = f"kernel ran {uuid.uuid4().hex}"
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(f"print({marker!r})")])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, folder / "fresh.ipynb")
    config = json.loads((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["extra"]["research"]["notebooks"].append(str(folder))
    (project / "mkdocs.yml").write_text(json.dumps(config, indent=1), encoding="utf-8")
    return marker


def test_citations_in_containers_reach_the_references_and_no_kernel_warns(project):
    add_to_essay(project, CONTAINERS)
    marker = add_fresh_notebook(project)
    result = build_site(project / "site", project / "mkdocs.yml")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    ids = reference_ids((project / "site" / "index.html").read_text(encoding="utf-8"))
    assert {"1706.03762", "1512.03385", "1312.6114"} <= set(ids)
    assert marker in (project / "site" / "notebooks" / "fresh" / "index.html").read_text(encoding="utf-8")
    assert "Converting notebook (execute=True)" in output and "without encryption" not in output


def test_unknown_papers_inside_containers_stop_the_build_each_at_its_line(project):
    _, lines = add_to_essay(project, CONTAINERS.replace("1706.03762", "9999.00001").replace("1312.6114", "9999.00002"))
    result = build_site(project / "site", project / "mkdocs.yml")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"index.md:{line_of(lines, '9999.00001')}: cites https://arxiv.org/abs/9999.00001" in output
    assert f"index.md:{line_of(lines, '9999.00002')}: cites https://arxiv.org/abs/9999.00002" in output
    assert "Traceback" not in output


def test_a_link_the_scanner_does_not_see_stops_the_build_at_its_line(project):
    # SuperFences renders the indented line after a fence as text; CommonMark reads it as code.
    _, lines = add_to_essay(project, "\n\n```\ncode\n```\n    [ResNet](https://arxiv.org/abs/1512.03385)\n")
    result = build_site(project / "site", project / "mkdocs.yml")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert (f"index.md:{line_of(lines, 'arxiv.org/abs/1512.03385')}: the page links https://arxiv.org/abs/1512.03385, "
            "but the citation scanner did not see it") in output
    assert "Traceback" not in output
